//! Search: the index the `/search/` page loads.
//!
//! Baseline: one JSON array with a compact record per published product (name, vendor, category,
//! tags, price text, availability, URL, thumbnail, booth), searched in the browser by the theme's
//! `search.js`. A sharded, stemmed, typo-tolerant index replaces it in the search issue; the
//! `search/index.json` URL stays the theme's entry point.

use serde::Serialize;

use crate::render::context::ProductView;

#[derive(Serialize)]
struct Record<'a> {
    n: &'a str,
    v: &'a str,
    c: &'a str,
    cn: &'a str,
    u: &'a str,
    p: &'a str,
    t: String,
    a: bool,
    i: Option<String>,
    b: Option<&'a str>,
}

/// Builds `search/index.json` from the products' views.
pub fn build_index(products: &[ProductView]) -> String {
    let records: Vec<Record<'_>> = products
        .iter()
        .map(|p| Record {
            n: &p.name,
            v: &p.vendor.name,
            c: &p.category.slug,
            cn: &p.category.name,
            u: &p.url,
            p: &p.price_text,
            t: p.tags.join(" "),
            a: p.available,
            // The smallest WebP (every current browser shows WebP).
            i: p.photos.first().and_then(|ph| {
                ph.sources
                    .first()
                    .map_or(&ph.srcset, |s| &s.srcset)
                    .split(", ")
                    .next()
                    .and_then(|s| s.split(' ').next())
                    .map(str::to_string)
            }),
            b: p.vendor.booth.as_deref(),
        })
        .collect();
    serde_json::to_string(&records).unwrap_or_else(|_| "[]".into())
}

//! A vendor's product files checked: each file's slug (unique in the vendor, not empty), the
//! name, the category (its own, else the vendor's main one), the photos and the price. Drafts are
//! left out unless asked for; products are ordered by `order`, then name.

use std::ops::Range;
use std::sync::Arc;

use super::{fair, limits, required_name, sort_key, Context, PhotoUse, Slugs};
use crate::config::RawProduct;
use crate::content::{LoadedProduct, LoadedVendor};
use crate::diag::{Diagnostics, Expected, Problem, Source};

/// A product or service.
#[derive(Debug, Clone)]
pub struct Product {
    /// From the file name.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Price, none = on request.
    pub price: Option<f64>,
    /// "por docena".
    pub price_note: Option<String>,
    /// Index into [`Site::categories`](super::Site::categories).
    pub category: usize,
    /// Photos.
    pub photos: Vec<PhotoUse>,
    /// Tags.
    pub tags: Vec<String>,
    /// In stock.
    pub available: bool,
    /// On the home page.
    pub featured: bool,
    /// Sort key inside the vendor.
    pub order: Option<i64>,
    /// The product file and the range of its markdown body.
    pub body: (Arc<Source>, Range<usize>),
}

impl Product {
    /// The markdown description.
    pub fn markdown(&self) -> &str {
        &self.body.0.text[self.body.1.clone()]
    }
}

/// A vendor's products, checked. `vendor_categories` is `None` when vendor.toml could not be
/// read; the products are then only checked, not kept.
pub(super) fn all(
    lv: &LoadedVendor,
    vendor_categories: Option<&[usize]>,
    cx: &mut Context<'_>,
) -> Vec<Product> {
    let mut slugs = Slugs::default();
    let mut products = Vec::new();
    for lp in &lv.products {
        let file = &lp.source.display;
        let Some(slug) = slugs.claim(&lp.file_stem, file, file.clone(), cx.diags) else {
            continue;
        };
        if lp.raw.draft == Some(true) && !cx.opts.drafts {
            continue;
        }
        if let Some(p) = product(lv, lp, slug, vendor_categories, cx) {
            products.push(p);
        }
    }
    products.sort_by_cached_key(|p| (p.order.is_none(), p.order, sort_key(&p.name)));
    products
}

/// One product; `None` when its category is unknown (reported). Its other problems are reported
/// and make the vendor fail.
fn product(
    lv: &LoadedVendor,
    lp: &LoadedProduct,
    slug: String,
    vendor_categories: Option<&[usize]>,
    cx: &mut Context<'_>,
) -> Option<Product> {
    let (src, r) = (&lp.source, &lp.raw);
    let name = required_name(&r.name, src, cx.diags);
    limits::name(&r.name, src, cx.diags);
    limits::text(src, lp.body.clone(), cx.diags);
    limits::product_photos(&r.photos, src, cx.diags);
    let category = category(r, src, vendor_categories, cx);
    let photos: Vec<PhotoUse> = r
        .photos
        .iter()
        .filter_map(|p| cx.photos.use_photo(lv, p, src, &name, cx.diags))
        .collect();
    check_price(r, src, cx.diags);
    Some(Product {
        slug,
        name,
        price: r.price.as_ref().map(|p| *p.get_ref()),
        price_note: r.price_note.clone(),
        category: category?,
        photos,
        tags: r.tags.clone(),
        available: r.available.unwrap_or(true),
        featured: r.featured.unwrap_or(false),
        order: r.order,
        body: (Arc::clone(src), lp.body.clone()),
    })
}

/// The product's own `category`, else its vendor's main one.
fn category(
    r: &RawProduct,
    src: &Arc<Source>,
    vendor_categories: Option<&[usize]>,
    cx: &mut Context<'_>,
) -> Option<usize> {
    if let Some(c) = &r.category {
        return fair::category_index(cx.categories, c, src, cx.diags);
    }
    match vendor_categories.map(|c| c.first()) {
        Some(Some(&c)) => Some(c),
        // The vendor's own file is broken: its categories are unknown, say nothing here.
        None => None,
        Some(None) => {
            // Neither the product nor its vendor names a category.
            cx.diags.error_at(
                src,
                r.name.span(),
                Problem::MissingKey {
                    key: "category".into(),
                    table: None,
                },
            );
            None
        }
    }
}

/// A price is a number, not negative (none means "on request").
fn check_price(r: &RawProduct, src: &Arc<Source>, diags: &mut Diagnostics) {
    let Some(price) = &r.price else { return };
    let v = *price.get_ref();
    if !v.is_finite() || v < 0.0 {
        diags.error_at(
            src,
            price.span(),
            Problem::WrongType {
                key: "price".into(),
                expected: Expected::Number,
                example: Some("6.50".into()),
            },
        );
    }
}

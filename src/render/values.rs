//! The values many pages share, serialized once per build: every product and every vendor as a
//! card (for lists), each with its hash for page recipes. A product's or vendor's whole value is
//! shown by one page only: it is made when that page is rendered ([`Var::Later`]), so a build
//! never holds every product's whole value at once.
//!
//! Cards are taken from the last build's when their views serialize the same (see
//! [`recipe::Shared`]): after one edit in `serve`, only the edited product's and vendor's cards
//! are made again.

use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

use super::context::{ProductView, Views};
use super::recipe::{self, Hashed, Shared, Var};
use crate::model::Site;

/// Fields of a product that a card in a list shows (see docs/templates.md).
const CARD_FIELDS: [&str; 9] = [
    "slug",
    "name",
    "url",
    "price",
    "price_text",
    "available",
    "featured",
    "category",
    "vendor",
];

/// Every shared value of one build, by vendor index (and product index within its vendor).
pub struct Values {
    /// Each product's view (for its page, its metadata and the search index).
    pub products: Vec<Vec<ProductView>>,
    /// Each product's card, and the hash that stands for its whole value (made only for its
    /// page: see [`Var::Later`]).
    product: Vec<Vec<(u64, Arc<Hashed>)>>,
    /// Each vendor's card, and the hash that stands for her whole value (with her products and
    /// story, made only for her page).
    vendor: Vec<(u64, Arc<Hashed>)>,
}

impl Values {
    /// Makes (or takes from `memory`) every product's and vendor's card and hash.
    pub fn new(site: &Site, views: &Views<'_>, memory: &recipe::Memory) -> Values {
        let products: Vec<Vec<ProductView>> = site
            .vendors
            .par_iter()
            .map(|v| v.products.iter().map(|p| views.product(v, p)).collect())
            .collect();
        let shared = Shared::from_memory(memory);
        let product: Vec<Vec<(u64, Arc<Hashed>)>> = products
            .par_iter()
            // Lists (featured, more, category and search pages) show cards: a small copy of
            // each product, cheaper to hand to every page that lists it.
            .map(|ps| {
                ps.iter()
                    .map(|p| shared.card(b"product", p, card))
                    .collect()
            })
            .collect();
        let vendor: Vec<(u64, Arc<Hashed>)> = site
            .vendors
            .par_iter()
            .zip(product.par_iter())
            .map(|(v, held)| {
                let hashes: Vec<u64> = held.iter().map(|(h, _)| *h).collect();
                let whole = Shared::hash(b"vendor", &views.vendor(v, Vec::new(), true), &hashes);
                let card = shared.one(
                    b"vendor card",
                    &views.vendor(v, Vec::new(), false),
                    &[],
                    || to_value(&views.vendor(v, Vec::new(), false)),
                );
                (whole, card)
            })
            .collect();
        shared.keep_for_next_build();
        Values {
            products,
            product,
            vendor,
        }
    }

    /// A product's whole value, made when its page is rendered.
    pub fn product(&self, vi: usize, pi: usize) -> Var<'_> {
        let view = &self.products[vi][pi];
        Var::Later(self.product[vi][pi].0, Box::new(move || to_value(view)))
    }

    /// A product's card.
    pub fn card(&self, vi: usize, pi: usize) -> &Hashed {
        &self.product[vi][pi].1
    }

    /// The cards of one vendor's products, in order.
    pub fn cards_of(&self, vi: usize) -> impl Iterator<Item = &Hashed> {
        self.product[vi].iter().map(|(_, c)| &**c)
    }

    /// Every product's card, vendor by vendor.
    pub fn all_cards(&self) -> impl Iterator<Item = &Hashed> {
        self.product.iter().flatten().map(|(_, c)| &**c)
    }

    /// A vendor's whole value (story and products), made when her page is rendered.
    pub fn vendor<'a>(&'a self, site: &'a Site, views: &'a Views<'_>, vi: usize) -> Var<'a> {
        let make =
            move || to_value(&views.vendor(&site.vendors[vi], self.products[vi].clone(), true));
        Var::Later(self.vendor[vi].0, Box::new(make))
    }

    /// Every vendor's card, in order.
    pub fn vendor_cards(&self) -> Vec<&Hashed> {
        self.vendor.iter().map(|(_, c)| &**c).collect()
    }

    /// A vendor's card.
    pub fn vendor_card(&self, vi: usize) -> &Hashed {
        &self.vendor[vi].1
    }
}

/// The card form of a product value: the card fields and the first photo only.
fn card(product: &Value) -> Value {
    let mut m = serde_json::Map::new();
    for key in CARD_FIELDS {
        if let Some(v) = product.get(key) {
            m.insert(key.to_string(), v.clone());
        }
    }
    let first: Vec<Value> = product["photos"]
        .as_array()
        .and_then(|a| a.first())
        .cloned()
        .into_iter()
        .collect();
    m.insert("photos".into(), Value::Array(first));
    Value::Object(m)
}

/// Serializes a view once, so every page that shows it shares the value.
pub fn to_value<T: Serialize>(x: &T) -> Value {
    serde_json::to_value(x).unwrap_or(Value::Null)
}

//! The values many pages share, serialized once per build: every product (full, and as a card
//! for lists) and every vendor (full, and as a card), each with its hash for page recipes.
//!
//! They are taken from the last build's when they serialize the same (see
//! [`recipe::Shared`]): after one edit in `serve`, only the edited product's and vendor's values
//! are made again.

use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

use super::context::{ProductView, Views};
use super::recipe::{self, Hashed, Shared};
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
    /// Each product's view (for its page's metadata and the search index).
    pub products: Vec<Vec<ProductView>>,
    /// Each product's value and card.
    product: Vec<Vec<(Arc<Hashed>, Arc<Hashed>)>>,
    /// Each vendor's full value (with its products) and card.
    vendor: Vec<(Arc<Hashed>, Arc<Hashed>)>,
}

impl Values {
    /// Makes (or takes from `memory`) every product's and vendor's value.
    pub fn new(site: &Site, views: &Views<'_>, memory: &recipe::Memory) -> Values {
        let products: Vec<Vec<ProductView>> = site
            .vendors
            .par_iter()
            .map(|v| v.products.iter().map(|p| views.product(v, p)).collect())
            .collect();
        let shared = Shared::from_memory(memory);
        let product: Vec<Vec<(Arc<Hashed>, Arc<Hashed>)>> = products
            .par_iter()
            .map(|ps| {
                ps.iter()
                    .map(|p| {
                        // Lists (featured, more, category and search pages) show cards: a small
                        // copy of each product, cheaper to hand to every page that lists it.
                        shared.pair(b"product", p, &[], |v| Hashed::new(card(v)))
                    })
                    .collect()
            })
            .collect();
        let vendor: Vec<(Arc<Hashed>, Arc<Hashed>)> = site
            .vendors
            .par_iter()
            .zip(products.par_iter())
            .zip(product.par_iter())
            .map(|((v, ps), held)| {
                let hashes: Vec<u64> = held.iter().map(|(p, _)| p.hash()).collect();
                let full = shared.one(
                    b"vendor",
                    &views.vendor(v, Vec::new(), true),
                    &hashes,
                    || to_value(&views.vendor(v, ps.clone(), true)),
                );
                let card = shared.one(
                    b"vendor card",
                    &views.vendor(v, Vec::new(), false),
                    &[],
                    || to_value(&views.vendor(v, Vec::new(), false)),
                );
                (full, card)
            })
            .collect();
        shared.keep_for_next_build();
        Values {
            products,
            product,
            vendor,
        }
    }

    /// A product's full value.
    pub fn product(&self, vi: usize, pi: usize) -> &Hashed {
        &self.product[vi][pi].0
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

    /// A vendor's full value (story and products).
    pub fn vendor(&self, vi: usize) -> &Hashed {
        &self.vendor[vi].0
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

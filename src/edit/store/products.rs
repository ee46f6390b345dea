//! Her list of products: in the site's order (`order`, then name), duplicated as a draft,
//! moved up or down (`order` rewritten 10, 20, 30… only where it changes), deleted to the bin
//! and brought back from it.

use std::fs;

use toml_edit::{DocumentMut, Value};

use super::doc::{self, Change, ProductText};
use super::find::{self, Folder};
use super::{form, history, price, Kept, Product, Refused, Row, Store};
use crate::diag::messages::store::StoreMessage;
use crate::model::sort_key;

/// A product file of her listing, read.
struct Listed {
    stem: String,
    text: String,
    product: Product,
    order: Option<i64>,
}

/// Her products that can be read, in the site's order.
fn listed(folder: &Folder) -> Vec<Listed> {
    let mut out: Vec<Listed> = find::product_stems(&folder.dir)
        .into_iter()
        .filter_map(|stem| {
            let path = folder.dir.join("products").join(format!("{stem}.md"));
            let bytes = find::read_plain(&path)?;
            let text = String::from_utf8(bytes).ok()?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
            let product = form::product_of(&text)?;
            let order = ProductText::split(&text)
                .and_then(|s| s.front.parse::<DocumentMut>().ok())
                .and_then(|d| d.get("order").and_then(toml_edit::Item::as_integer));
            Some(Listed {
                stem,
                text,
                product,
                order,
            })
        })
        .collect();
    out.sort_by_cached_key(|l| (l.order.is_none(), l.order, sort_key(&l.product.name)));
    out
}

impl Store {
    /// Her products, in the site's order (`order`, then name).
    pub fn products(&self, slug: &str) -> Vec<Row> {
        let Some(folder) = find::vendor(&self.site_dir, slug) else {
            return Vec::new();
        };
        let currency = self.fair().currency;
        listed(&folder)
            .into_iter()
            .map(|l| {
                let shown = price::parse(&l.product.price)
                    .flatten()
                    .map_or_else(String::new, |p| shown_price(&currency, p));
                Row {
                    stem: l.stem,
                    name: l.product.name,
                    price: shown,
                    photo: l.product.photos.first().map(|p| p.file.clone()),
                    draft: l.product.draft,
                    available: l.product.available,
                }
            })
            .collect()
    }

    /// A copy of a product, as a draft, named "<name> (copia)"; returns its stem.
    pub fn duplicate(&self, slug: &str, stem: &str) -> Result<String, Refused> {
        let _writing = self.lock();
        let loaded = self.product(slug, stem).ok_or(Refused::Missing)?;
        let mut copy = loaded.value.clone();
        let suffix = StoreMessage::CopySuffix.text(self.fair().lang);
        copy.name = format!("{} {suffix}", copy.name.trim());
        copy.draft = true;
        let folder = find::vendor(&self.site_dir, slug).ok_or(Refused::Missing)?;
        let path = find::product(&folder.dir, stem).ok_or(Refused::Missing)?;
        let text = find::read_plain(&path)
            .and_then(|b| String::from_utf8(b).ok())
            .ok_or(Refused::Missing)?;
        // The copy starts from her file (its comments and layout), with the name and draft
        // changed.
        let srcs = form::Srcs {
            logo: String::new(),
            cover: String::new(),
            photos: Vec::new(),
        };
        let mut plain = loaded.value.clone();
        plain.photos.clone_from(&copy.photos);
        let new_text = form::apply_product(&text, &plain, &copy, &srcs).ok_or(Refused::Missing)?;
        let new_stem = find::free_stem(&folder.dir, &copy.name);
        let rel = format!("products/{new_stem}.md");
        let mut changes = crate::content::Overrides::new();
        changes.insert(rel, Some(new_text));
        self.commit(&folder, &format!("products/{new_stem}"), changes)?;
        Ok(new_stem)
    }

    /// Moves a product one place up or down in her list (rewrites `order`).
    pub fn reorder(&self, slug: &str, stem: &str, up: bool) -> Result<(), Refused> {
        let _writing = self.lock();
        let folder = find::vendor(&self.site_dir, slug).ok_or(Refused::Missing)?;
        let mut list = listed(&folder);
        let at = list
            .iter()
            .position(|l| l.stem == stem)
            .ok_or(Refused::Missing)?;
        let other = if up {
            at.checked_sub(1)
        } else {
            Some(at + 1).filter(|o| *o < list.len())
        };
        let Some(other) = other else {
            return Ok(());
        };
        list.swap(at, other);
        for (i, l) in list.iter().enumerate() {
            let order = i64::try_from((i + 1) * 10).unwrap_or(i64::MAX);
            if l.order == Some(order) {
                continue;
            }
            let Some(mut split) = ProductText::split(&l.text) else {
                continue;
            };
            let Ok(mut front) = split.front.parse::<DocumentMut>() else {
                continue;
            };
            doc::apply(
                front.as_table_mut(),
                "order",
                Change::Set(Value::from(order)),
            );
            split.front = front.to_string();
            let mut changes = crate::content::Overrides::new();
            changes.insert(format!("products/{}.md", l.stem), Some(split.join()));
            self.commit(&folder, &format!("products/{}", l.stem), changes)?;
        }
        Ok(())
    }

    /// Moves a product to the bin.
    pub fn delete(&self, slug: &str, stem: &str) -> Result<(), Refused> {
        let _writing = self.lock();
        let folder = find::vendor(&self.site_dir, slug).ok_or(Refused::Missing)?;
        let path = find::product(&folder.dir, stem).ok_or(Refused::Missing)?;
        history::to_bin(&self.site_dir, &folder.slug, stem, &path).map_err(|e| self.failed(&e))
    }

    /// Her deleted products, newest first.
    pub fn bin(&self, slug: &str) -> Vec<Kept> {
        let Some(folder) = find::vendor(&self.site_dir, slug) else {
            return Vec::new();
        };
        history::binned(&self.site_dir, &folder.slug)
            .into_iter()
            .map(|(id, millis, stem)| {
                let label = history::from_bin(&self.site_dir, &folder.slug, &id)
                    .and_then(|(b, _, _)| String::from_utf8(b).ok())
                    .and_then(|t| form::product_of(&t))
                    .map_or(stem, |p| p.name);
                Kept {
                    id,
                    when: history::time_of(millis),
                    label,
                }
            })
            .collect()
    }

    /// Brings a deleted product back; returns its stem.
    pub fn restore_deleted(&self, slug: &str, id: &str) -> Result<String, Refused> {
        let _writing = self.lock();
        let folder = find::vendor(&self.site_dir, slug).ok_or(Refused::Missing)?;
        let (bytes, stem, binned) =
            history::from_bin(&self.site_dir, &folder.slug, id).ok_or(Refused::Missing)?;
        let text = String::from_utf8(bytes).map_err(|_| Refused::Missing)?;
        let stem = if find::product(&folder.dir, &stem).is_some() || !find::plain_name(&stem) {
            find::free_stem(&folder.dir, &stem)
        } else {
            stem
        };
        let mut changes = crate::content::Overrides::new();
        changes.insert(format!("products/{stem}.md"), Some(text));
        self.commit(&folder, &format!("products/{stem}"), changes)?;
        fs::remove_file(binned).map_err(|e| self.failed(&e))?;
        Ok(stem)
    }
}

/// "S/ 6.50" as the site shows it.
fn shown_price(currency: &str, value: f64) -> String {
    crate::i18n::format_price(currency, value, &crate::i18n::Amounts::default())
}

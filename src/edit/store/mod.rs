//! Reading and writing one vendor's files for the editor.
//!
//! - A vendor is found by slug in the listing of `content/vendors/` (never by a path sent by a
//!   browser); a product by its file stem in that vendor's `products/` listing; a photo by its
//!   file name in that vendor's `photos/` listing.
//! - Values are changed in place with `toml_edit`: comments, blank lines, key order and untouched
//!   values stay byte for byte, and a changed value keeps the comment after it on its line.
//!   The markdown body is untouched unless it was edited.
//! - Every save is checked as `vitrina check` checks the vendor (the changed files are loaded
//!   in memory in place of the ones on disk) before anything is written: an error refuses the
//!   save, naming the field; warnings are returned and allowed.
//! - Each form carries the hash of the files it was loaded from; a save whose files changed
//!   since is refused ([`Refused::Conflict`]).
//! - Writes are atomic (temp file, sync, rename); the version a write replaces is kept in
//!   `SITE/.vitrina/history/`; a deleted product goes to `SITE/.vitrina/bin/`.

mod check;
mod desk;
mod doc;
mod find;
mod form;
mod history;
mod price;
mod products;
mod save;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::content;
use crate::diag::messages::store::StoreMessage;
use crate::i18n::Lang;

/// The files of one site, as the editor reads and writes them.
pub struct Store {
    site_dir: PathBuf,
    /// What checks of a save reuse from the ones before (her other files, parsed).
    memory: content::Memory,
    /// Held from a save's look at the files to its last write: two saves of the same file
    /// (her two phones) are never interleaved, so the second sees the first's hash.
    writing: std::sync::Mutex<()>,
}

/// What the forms need of the fair.
#[derive(Debug, Clone, Default)]
pub struct Fair {
    /// The fair's title.
    pub title: String,
    /// Its language.
    pub lang: Lang,
    /// Currency code ("PEN").
    pub currency: String,
    /// Categories in fair.toml order: (slug, name).
    pub categories: Vec<(String, String)>,
}

/// A vendor's entry as the form shows it (`vendor.toml` and `about.md`). Empty text means the
/// key is absent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entry {
    /// Business name.
    pub name: String,
    /// Her first name.
    pub owner: String,
    /// One line under the name.
    pub tagline: String,
    /// Booth: the organizer's to set (ignored in a vendor's save).
    pub booth: String,
    /// Category slugs, in the order she ticked them (the fair's order).
    pub categories: Vec<String>,
    /// Payment method ids (yape, plin, efectivo, tarjeta, transferencia).
    pub payment: Vec<String>,
    /// Whether she delivers.
    pub delivery: bool,
    /// WhatsApp number.
    pub whatsapp: String,
    /// Instagram.
    pub instagram: String,
    /// TikTok.
    pub tiktok: String,
    /// Facebook.
    pub facebook: String,
    /// E-mail.
    pub email: String,
    /// Web site.
    pub website: String,
    /// Logo: a file name in her `photos/` ("" none).
    pub logo: String,
    /// Cover photo: a file name in her `photos/` ("" none).
    pub cover: String,
    /// The cover's description.
    pub cover_alt: String,
    /// Her story (`about.md`, markdown).
    pub about: String,
}

/// A product as the form shows it. Empty text means the key is absent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Product {
    /// Name.
    pub name: String,
    /// Price as typed: `6,50`, `S/ 6.50` and `6.5` are all 6.50; "" is "price on request".
    pub price: String,
    /// "por docena".
    pub price_note: String,
    /// Category slug ("" the vendor's main one).
    pub category: String,
    /// Tags, separated by commas.
    pub tags: String,
    /// Description (markdown body).
    pub description: String,
    /// In stock.
    pub available: bool,
    /// "No publicar todavía".
    pub draft: bool,
    /// Photos, the first is the main one.
    pub photos: Vec<PhotoRef>,
}

/// A photo of a product.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhotoRef {
    /// File name in her `photos/`.
    pub file: String,
    /// What the photo shows.
    pub alt: String,
}

/// A value as loaded, with the hash of the files it came from (the form sends it back).
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    /// The value.
    pub value: T,
    /// Hash of the files' bytes (hex).
    pub hash: String,
}

/// Which file of a vendor (for the history).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileRef {
    /// `vendor.toml` and `about.md`.
    Entry,
    /// `products/<stem>.md`.
    Product(String),
}

/// One vendor on the organizer's desk.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Slug (URL form of the folder name).
    pub slug: String,
    /// Business name ("" when vendor.toml is broken).
    pub name: String,
    /// Her first name.
    pub owner: String,
    /// Booth.
    pub booth: String,
    /// Products (drafts included).
    pub products: usize,
    /// Products and entry marked draft.
    pub drafts: usize,
    /// Products without a photo.
    pub no_photo: usize,
    /// Products without a price.
    pub no_price: usize,
    /// Photos without a description.
    pub missing_alt: usize,
    /// The entry is a draft.
    pub draft: bool,
    /// Newest change of any of her files.
    pub last_edited: Option<SystemTime>,
    /// Whether `vitrina check` finds an error in her folder.
    pub has_errors: bool,
}

/// One product in her list.
#[derive(Debug, Clone, Default)]
pub struct Row {
    /// File stem (its id in the editor's URLs).
    pub stem: String,
    /// Name.
    pub name: String,
    /// Price as shown ("S/ 6.50"), "" when none.
    pub price: String,
    /// First photo's file name in `photos/`.
    pub photo: Option<String>,
    /// Not published yet.
    pub draft: bool,
    /// In stock.
    pub available: bool,
}

/// A version kept in the history or the bin.
#[derive(Debug, Clone)]
pub struct Kept {
    /// Its id (for restoring).
    pub id: String,
    /// When it was replaced or deleted.
    pub when: SystemTime,
    /// A name to show (the product's name, or the entry's).
    pub label: String,
}

/// A problem with one field of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// The form field's name (as in [`Entry`] / [`Product`]: `name`, `price`, `photos.0.alt`…;
    /// "" for the whole form).
    pub field: String,
    /// What is wrong and what to do, in the fair's language.
    pub message: String,
    /// A warning: shown, the save goes on.
    pub warning: bool,
}

/// A save that was written.
#[derive(Debug, Clone, Default)]
pub struct Saved {
    /// Warnings (the save went on).
    pub warnings: Vec<FieldProblem>,
    /// The files' new hash.
    pub hash: String,
    /// The product's stem (a new product gets one).
    pub stem: Option<String>,
}

/// A save that was not written.
#[derive(Debug, Clone)]
pub enum Refused {
    /// The save would leave a broken entry: the problems by field (errors and warnings).
    Invalid(Vec<FieldProblem>),
    /// The files changed since the form was loaded: what they hold now.
    Conflict {
        /// The value as it is now on disk.
        current: Box<Conflicting>,
        /// Its hash (a save that keeps hers sends this one).
        hash: String,
    },
    /// No such vendor, product or kept version.
    Missing,
    /// The disk failed (full, permissions): said in the fair's language.
    Failed(String),
}

/// What a conflicting save finds on disk now.
#[derive(Debug, Clone)]
pub enum Conflicting {
    /// The entry.
    Entry(Box<Entry>),
    /// A product.
    Product(Product),
}

impl Store {
    /// The store of the site at `site_dir`.
    pub fn new(site_dir: &Path) -> Store {
        Store {
            site_dir: site_dir.to_path_buf(),
            memory: content::Memory::default(),
            writing: std::sync::Mutex::new(()),
        }
    }

    /// The write lock (see [`Store`]'s `writing`); a panicked holder leaves no half state
    /// behind (every write is atomic), so a poisoned lock is taken anyway.
    fn lock(&self) -> std::sync::MutexGuard<'_, ()> {
        self.writing
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The site folder.
    pub fn site_dir(&self) -> &Path {
        &self.site_dir
    }

    /// The fair's title, language, currency and categories (defaults when `fair.toml` cannot
    /// be read).
    pub fn fair(&self) -> Fair {
        let path = self.site_dir.join("content").join("fair.toml");
        let Ok(doc) = std::fs::read_to_string(path)
            .unwrap_or_default()
            .parse::<toml_edit::DocumentMut>()
        else {
            return Fair {
                currency: "PEN".into(),
                ..Fair::default()
            };
        };
        let root = doc.as_table();
        let categories = root
            .get("categories")
            .and_then(toml_edit::Item::as_array_of_tables)
            .map(|a| {
                a.iter()
                    .map(|t| (doc::get_text(t, "slug"), doc::get_text(t, "name")))
                    .filter(|(slug, _)| !slug.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let currency = doc::get_text(root, "currency");
        Fair {
            title: doc::get_text(root, "title"),
            lang: Lang::parse(&doc::get_text(root, "language")).unwrap_or_default(),
            currency: if currency.is_empty() {
                "PEN".into()
            } else {
                currency
            },
            categories,
        }
    }

    /// Whether a vendor folder with this slug exists.
    pub fn vendor_exists(&self, slug: &str) -> bool {
        find::vendor(&self.site_dir, slug).is_some()
    }

    /// Her photo files (names in `photos/`), sorted.
    pub fn photos(&self, slug: &str) -> Vec<String> {
        find::vendor(&self.site_dir, slug).map_or_else(Vec::new, |f| find::photos(&f.dir))
    }

    /// Her `photos/` folder (for an upload), when she exists and it is a plain folder (or not
    /// made yet): never a link that could lead out of her folder.
    pub fn photos_dir(&self, slug: &str) -> Option<PathBuf> {
        let dir = find::vendor(&self.site_dir, slug)?.dir.join("photos");
        find::plain_or_missing_dir(&dir).then_some(dir)
    }

    /// The disk failed: said in the fair's language.
    fn failed(&self, error: &std::io::Error) -> Refused {
        let _ = error;
        Refused::Failed(StoreMessage::DiskFailed.text(self.fair().lang).to_string())
    }

    /// One problem for the whole form or a field.
    fn problem(&self, field: &str, message: StoreMessage, warning: bool) -> FieldProblem {
        FieldProblem {
            field: field.to_string(),
            message: message.text(self.fair().lang).to_string(),
            warning,
        }
    }
}

/// A price as people type it: `6,50`, `S/ 6.50`, `6.5` → 6.5; "" → `Some(None)` (on request);
/// not a price → `None`.
pub fn parse_price(typed: &str) -> Option<Option<f64>> {
    price::parse(typed)
}

/// The hash of a file's bytes, and of a second file's (`about.md`) when there is one, as the
/// form carries it.
fn hash_of(main: Option<&[u8]>, second: Option<&[u8]>) -> String {
    let mut bytes = Vec::new();
    for part in [main, second] {
        match part {
            Some(b) => {
                bytes.extend_from_slice(b"\x01");
                bytes.extend_from_slice(&(b.len() as u64).to_le_bytes());
                bytes.extend_from_slice(b);
            }
            None => bytes.extend_from_slice(b"\x00"),
        }
    }
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&bytes))
}

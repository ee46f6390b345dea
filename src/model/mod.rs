//! Model: the validated fair, built from the raw loaded content.
//!
//! Owns every cross-file rule of the content contract: slugs from folder and file names (unique,
//! URL-safe), categories that exist, photos that exist inside their vendor's folder, alt text,
//! payment methods, WhatsApp numbers, drafts. [`build`] returns the [`Site`] and the problems it
//! found; it never stops at the first one.
//!
//! One file per thing checked: `fair.rs` (fair.toml: title, language, event, categories, photo
//! settings), `base_url.rs` (the public address), `vendor.rs` (vendor.toml: names, categories,
//! payment, contact), `product.rs` (the product files), `photos.rs` (photo paths, each file
//! registered once), `limits.rs` (sizes that warn: long names and texts, many photos). This file holds what they share: the [`Site`], the slug table and the
//! [`Context`] a vendor folder is checked in.
//!
//! The model keeps where values came from (`file`, `source`) so later tools — the editor inside
//! `serve` — can point back at, and rewrite, the right spot.

mod base_url;
mod fair;
pub mod limits;
pub(crate) mod photos;
pub mod placeholders;
mod product;
mod vendor;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use toml::Spanned;
use unicode_normalization::UnicodeNormalization;

use crate::content::Loaded;
use crate::diag::{Diagnostic, Diagnostics, Problem, Severity, Source};
use crate::i18n::Lang;

pub use base_url::split_base_url;
pub use fair::{Category, Event, ImageSettings};
pub use photos::PhotoSource;
pub use product::Product;
pub use vendor::{whatsapp_digits, Contact, Payment, Vendor};

/// Options that change what the model contains.
#[derive(Debug, Clone, Default)]
pub struct ModelOptions {
    /// Include entries marked `draft = true`.
    pub drafts: bool,
    /// Replaces `base_url` from fair.toml.
    pub base_url: Option<String>,
}

/// The whole fair, validated.
#[derive(Debug, Clone)]
pub struct Site {
    /// The site folder.
    pub site_dir: PathBuf,
    /// Fair title.
    pub title: String,
    /// One sentence.
    pub description: Option<String>,
    /// `https://feria.example.org` (no trailing slash); empty when no base_url is set.
    pub origin: String,
    /// Path part of base_url, starting and ending with `/`.
    pub base_path: String,
    /// Interface language.
    pub lang: Lang,
    /// Theme folder name.
    pub theme: String,
    /// Currency code.
    pub currency: String,
    /// The event, when `[fair]` is given.
    pub event: Option<Event>,
    /// Categories in fair.toml order.
    pub categories: Vec<Category>,
    /// Photo settings.
    pub images: ImageSettings,
    /// Cards on one page of a list (`[listings] per_page`, [`fair::PER_PAGE`] by default).
    pub per_page: usize,
    /// Published vendors, sorted by name.
    pub vendors: Vec<Vendor>,
    /// Every photo file the site uses, once each.
    pub photos: Vec<PhotoSource>,
    /// Vendors and products left out because they are drafts (0 with `--drafts`).
    pub drafts_skipped: usize,
}

/// A photo as used on a page.
#[derive(Debug, Clone)]
pub struct PhotoUse {
    /// Index into [`Site::photos`].
    pub id: usize,
    /// Alt text ("" for decoration).
    pub alt: String,
}

/// The key names sort by: accents and case folded, so "Ángeles" sorts with the A's.
pub fn sort_key(name: &str) -> String {
    slug::slugify(name)
}

/// Turns a folder or file name into its URL form (`Café Doña Rosa` → `cafe-dona-rosa`).
pub fn slugify(name: &str) -> String {
    slug::slugify(name)
}

/// Builds the validated site: the fair's settings first (the categories every vendor is checked
/// against), then each vendor folder with its products and photos.
pub fn build(loaded: Loaded, opts: &ModelOptions) -> (Option<Site>, Diagnostics) {
    let mut diags = Diagnostics::new();
    // Without fair.toml the category list is unknown and every vendor would get false errors:
    // only the problems of loading are reported.
    let Some(fair) = &loaded.fair else {
        return (None, diags);
    };
    let mut site = fair::settings(&loaded.site_dir, fair, opts, &mut diags);
    let mut cx = Context {
        categories: &site.categories,
        opts,
        photos: photos::Registry::default(),
        diags: &mut diags,
        drafts_skipped: 0,
    };
    site.vendors = vendor::all(&loaded.vendors, &mut cx);
    site.drafts_skipped = cx.drafts_skipped;
    site.photos = cx.photos.into_sources();
    placeholders::check(&loaded, &site.categories, opts.drafts, &mut diags);
    (Some(site), diags)
}

/// What checking a vendor folder needs from the rest of the site: the fair's categories, the
/// options, the photos registered so far (a file used twice is one photo) and the problem list.
struct Context<'a> {
    /// The categories of fair.toml.
    categories: &'a [Category],
    /// Drafts in or out.
    opts: &'a ModelOptions,
    /// Every photo file used so far.
    photos: photos::Registry,
    /// Where problems go.
    diags: &'a mut Diagnostics,
    /// Vendors and products left out as drafts so far.
    drafts_skipped: usize,
}

/// The slugs taken in one namespace (the site's vendors, or one vendor's products), each with the
/// file and the name that took it. Vendors and products follow the same rules: a slug must not be
/// empty (a name of symbols only) and must not be taken already. Two names that are the same text
/// stored two ways (`José` made on a Mac keeps the accent as a separate mark, Windows does not:
/// Unicode's NFD and NFC) get the same slug, and are told apart in the message, since the two
/// folders look alike.
#[derive(Default)]
struct Slugs {
    taken: HashMap<String, (String, String)>,
}

impl Slugs {
    /// The slug of `name` (a folder or file name), claimed for `file`. An empty slug is reported
    /// at `place` (the folder or file with that name), a taken one at `file`, naming the file
    /// that took it first; both give `None`.
    fn claim(
        &mut self,
        name: &str,
        place: &str,
        file: String,
        diags: &mut Diagnostics,
    ) -> Option<String> {
        let slug = slugify(name);
        if slug.is_empty() {
            let problem = Problem::EmptySlug {
                name: name.to_string(),
            };
            diags.push(Diagnostic::file(Severity::Error, place, problem));
            return None;
        }
        if let Some((other, other_name)) = self.taken.get(&slug) {
            let problem = if other_name != name && other_name.nfc().eq(name.nfc()) {
                Problem::SameNameTwoWays {
                    name: name.nfc().collect(),
                    other: other.clone(),
                }
            } else {
                Problem::SlugCollision {
                    other: other.clone(),
                    slug,
                }
            };
            diags.push(Diagnostic::file(Severity::Error, file, problem));
            return None;
        }
        self.taken.insert(slug.clone(), (file, name.to_string()));
        Some(slug)
    }
}

/// A required name (`name` of a vendor or product), trimmed; an empty one is reported.
fn required_name(name: &Spanned<String>, src: &Arc<Source>, diags: &mut Diagnostics) -> String {
    let trimmed = name.get_ref().trim().to_string();
    if trimmed.is_empty() {
        diags.error_at(src, name.span(), Problem::EmptyValue { key: "name".into() });
    }
    trimmed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_the_contract() {
        assert_eq!(slugify("Café Doña Rosa"), "cafe-dona-rosa");
        assert_eq!(slugify("  Ñusta  Bordados!! "), "nusta-bordados");
        assert_eq!(slugify("¡¡!!"), "");
    }

    #[test]
    fn a_slug_is_claimed_once_and_never_empty() {
        let mut slugs = Slugs::default();
        let mut diags = Diagnostics::new();
        let a = "content/vendors/Café/vendor.toml".to_string();
        assert_eq!(
            slugs.claim("Café", "content/vendors/Café", a.clone(), &mut diags),
            Some("cafe".into())
        );
        let b = "content/vendors/cafe/vendor.toml".to_string();
        assert_eq!(
            slugs.claim("cafe", "content/vendors/cafe", b.clone(), &mut diags),
            None
        );
        assert_eq!(
            slugs.claim("¡¡!!", "content/vendors/¡¡!!", "x".into(), &mut diags),
            None
        );
        let got: Vec<_> = diags.iter().map(|d| (&d.file, &d.problem)).collect();
        assert_eq!(
            got,
            [
                (
                    &b,
                    &Problem::SlugCollision {
                        slug: "cafe".into(),
                        other: a
                    }
                ),
                (
                    &"content/vendors/¡¡!!".to_string(),
                    &Problem::EmptySlug {
                        name: "¡¡!!".into()
                    }
                ),
            ]
        );
    }

    #[test]
    fn one_name_stored_two_ways_is_told_as_such() {
        let mut slugs = Slugs::default();
        let mut diags = Diagnostics::new();
        let mac = "content/vendors/Jose\u{301}/vendor.toml".to_string();
        let windows = "content/vendors/Jos\u{e9}/vendor.toml".to_string();
        assert!(slugs
            .claim("Jose\u{301}", "", mac.clone(), &mut diags)
            .is_some());
        assert!(slugs
            .claim("Jos\u{e9}", "", windows.clone(), &mut diags)
            .is_none());
        let got: Vec<_> = diags.iter().map(|d| (&d.file, &d.problem)).collect();
        let expected = Problem::SameNameTwoWays {
            name: "Jos\u{e9}".into(),
            other: mac,
        };
        assert_eq!(got, [(&windows, &expected)]);
    }
}

//! Model: the validated fair, built from the raw loaded content.
//!
//! Owns every cross-file rule of the content contract: slugs from folder and file names (unique,
//! URL-safe), categories that exist, photos that exist inside their vendor's folder, alt text,
//! payment methods, WhatsApp numbers, drafts. [`build`] returns the [`Site`] and the problems it
//! found; it never stops at the first one.
//!
//! The model keeps where values came from (`file`, `source`) so later tools — the editor inside
//! `serve` — can point back at, and rewrite, the right spot.

mod photos;
pub mod placeholders;

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;
use toml::Spanned;

use crate::config::{RawCategory, RawFair, RawImages};
use crate::content::toml::suggest;
use crate::content::{Loaded, LoadedVendor};
use crate::diag::{Diagnostics, Expected, Problem, Severity, Source};
use crate::i18n::{Date, Lang};

pub use photos::PhotoSource;

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
    /// Published vendors, sorted by name.
    pub vendors: Vec<Vendor>,
    /// Every photo file the site uses, once each.
    pub photos: Vec<PhotoSource>,
    /// Vendors and products left out because they are drafts (0 with `--drafts`).
    pub drafts_skipped: usize,
}

/// `[fair]`.
#[derive(Debug, Clone, Default)]
pub struct Event {
    /// First day.
    pub start: Option<Date>,
    /// Last day.
    pub end: Option<Date>,
    /// Where.
    pub venue: Option<String>,
    /// Opening hours.
    pub hours: Option<String>,
}

/// A category.
#[derive(Debug, Clone, Serialize)]
pub struct Category {
    /// URL-safe identifier.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// One sentence.
    pub description: Option<String>,
}

/// `[images]`, with defaults applied.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ImageSettings {
    /// Rendition widths, ascending.
    pub widths: Vec<u32>,
    /// Encoder quality 1–100.
    pub quality: u8,
}

impl Default for ImageSettings {
    fn default() -> Self {
        ImageSettings {
            widths: vec![320, 640, 1280],
            quality: 75,
        }
    }
}

/// A payment method of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Payment {
    /// Yape (BCP wallet).
    Yape,
    /// Plin.
    Plin,
    /// Cash.
    Efectivo,
    /// Card.
    Tarjeta,
    /// Bank transfer.
    Transferencia,
}

impl Payment {
    const ALL: [(&'static str, Payment); 5] = [
        ("yape", Payment::Yape),
        ("plin", Payment::Plin),
        ("efectivo", Payment::Efectivo),
        ("tarjeta", Payment::Tarjeta),
        ("transferencia", Payment::Transferencia),
    ];

    /// The contract's identifier (`yape`).
    pub fn id(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, p)| *p == self)
            .map_or("", |(id, _)| id)
    }
}

/// How to reach a vendor (validated, normalised).
#[derive(Debug, Clone, Default)]
pub struct Contact {
    /// Digits with country code, for wa.me links.
    pub whatsapp: Option<String>,
    /// As written, for display.
    pub whatsapp_display: Option<String>,
    /// Handle without `@`.
    pub instagram: Option<String>,
    /// Page name.
    pub facebook: Option<String>,
    /// Handle without `@`.
    pub tiktok: Option<String>,
    /// Address.
    pub email: Option<String>,
    /// http(s) URL.
    pub website: Option<String>,
}

/// A photo as used on a page.
#[derive(Debug, Clone)]
pub struct PhotoUse {
    /// Index into [`Site::photos`].
    pub id: usize,
    /// Alt text ("" for decoration).
    pub alt: String,
}

/// A young entrepreneur's business.
#[derive(Debug, Clone)]
pub struct Vendor {
    /// From the folder name.
    pub slug: String,
    /// Business name.
    pub name: String,
    /// First name.
    pub owner: Option<String>,
    /// One line.
    pub tagline: Option<String>,
    /// Booth.
    pub booth: Option<String>,
    /// Indexes into [`Site::categories`]; first = main.
    pub categories: Vec<usize>,
    /// Logo.
    pub logo: Option<PhotoUse>,
    /// Cover photo.
    pub cover: Option<PhotoUse>,
    /// Payment methods.
    pub payment: Vec<Payment>,
    /// Delivers.
    pub delivery: bool,
    /// Contact.
    pub contact: Contact,
    /// `about.md`, markdown.
    pub about: Option<Arc<Source>>,
    /// Published products, by `order` then name.
    pub products: Vec<Product>,
    /// `content/vendors/<dir>/vendor.toml`.
    pub file: String,
}

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
    /// Index into [`Site::categories`].
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

/// The key names sort by: accents and case folded, so "Ángeles" sorts with the A's.
pub fn sort_key(name: &str) -> String {
    slug::slugify(name)
}

/// Turns a folder or file name into its URL form (`Café Doña Rosa` → `cafe-dona-rosa`).
pub fn slugify(name: &str) -> String {
    slug::slugify(name)
}

/// Builds the validated site. `lang_hint` is used when fair.toml could not be read.
pub fn build(loaded: Loaded, opts: &ModelOptions) -> (Option<Site>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let Some(fair) = &loaded.fair else {
        // Vendors still get checked against an empty category list? No: without fair.toml the
        // category list is unknown and every vendor would get false errors. Report load errors only.
        return (None, diags);
    };
    let src = &fair.source;
    let raw = &fair.raw;
    let mut site = fair_settings(&loaded, raw, src, opts, &mut diags);

    let mut photos = photos::Registry::default();
    let mut vendor_slugs: HashMap<String, String> = HashMap::new();
    for lv in &loaded.vendors {
        let slug = slugify(&lv.dir_name);
        let file = format!("{}/vendor.toml", lv.display_dir);
        if slug.is_empty() {
            diags.push(crate::diag::Diagnostic::file(
                Severity::Error,
                lv.display_dir.clone(),
                Problem::EmptySlug {
                    name: lv.dir_name.clone(),
                },
            ));
            continue;
        }
        if let Some(other) = vendor_slugs.get(&slug) {
            diags.push(crate::diag::Diagnostic::file(
                Severity::Error,
                file.clone(),
                Problem::SlugCollision {
                    slug: slug.clone(),
                    other: other.clone(),
                },
            ));
            continue;
        }
        vendor_slugs.insert(slug.clone(), file);
        let Some((src, raw)) = &lv.vendor else {
            // vendor.toml is missing or broken (already reported): still check the products'
            // own categories and photos, so the whole folder's problems show in one run.
            products(&site, lv, None, opts, &mut photos, &mut diags);
            continue;
        };
        if raw.draft == Some(true) && !opts.drafts {
            site.drafts_skipped += 1;
            continue;
        }
        // Its draft products are left out in `products` (counted here, where `site` is mutable).
        let drafts = lv.products.iter().filter(|p| p.raw.draft == Some(true));
        site.drafts_skipped += if opts.drafts { 0 } else { drafts.count() };
        if let Some(v) = vendor(&site, lv, src, raw, slug, opts, &mut photos, &mut diags) {
            site.vendors.push(v);
        }
    }
    placeholders::check(&loaded, &site.categories, opts.drafts, &mut diags);
    site.vendors.sort_by_cached_key(|v| sort_key(&v.name));
    site.photos = photos.into_sources();
    (Some(site), diags)
}

fn fair_settings(
    loaded: &Loaded,
    raw: &RawFair,
    src: &Arc<Source>,
    opts: &ModelOptions,
    diags: &mut Diagnostics,
) -> Site {
    let title = raw.title.get_ref().trim().to_string();
    if title.is_empty() {
        diags.error_at(
            src,
            raw.title.span(),
            Problem::EmptyValue {
                key: "title".into(),
            },
        );
    }
    let lang = match &raw.language {
        None => Lang::Es,
        Some(l) => Lang::parse(l.get_ref()).unwrap_or_else(|| {
            diags.error_at(
                src,
                l.span(),
                Problem::UnknownLanguage {
                    value: l.get_ref().clone(),
                },
            );
            Lang::Es
        }),
    };
    let (origin, base_path) = match (&opts.base_url, &raw.base_url) {
        (Some(cli), _) => split_base_url(cli).unwrap_or_else(|| (String::new(), "/".into())),
        (None, Some(b)) => split_base_url(b.get_ref()).unwrap_or_else(|| {
            diags.error_at(
                src,
                b.span(),
                Problem::BadBaseUrl {
                    value: b.get_ref().clone(),
                },
            );
            (String::new(), "/".into())
        }),
        (None, None) => {
            diags.warning_at(src, 0..0, Problem::NoBaseUrl);
            (String::new(), "/".into())
        }
    };
    let event = raw.fair.as_ref().map(|e| {
        let start = e
            .start
            .as_ref()
            .and_then(|d| to_date(d, "start", src, diags));
        let end = e.end.as_ref().and_then(|d| to_date(d, "end", src, diags));
        if let (Some(s), Some(en), Some(end_span)) = (start, end, e.end.as_ref()) {
            if en < s {
                diags.error_at(src, end_span.span(), Problem::DatesReversed);
            }
        }
        Event {
            start,
            end,
            venue: e.venue.clone(),
            hours: e.hours.clone(),
        }
    });
    Site {
        site_dir: loaded.site_dir.clone(),
        title,
        description: raw.description.clone(),
        origin,
        base_path,
        lang,
        theme: raw
            .theme
            .as_ref()
            .map_or_else(|| "default".to_string(), |t| t.get_ref().clone()),
        currency: raw.currency.clone().unwrap_or_else(|| "PEN".into()),
        event,
        categories: categories(&raw.categories, src, diags),
        images: image_settings(raw.images.as_ref(), src, diags),
        vendors: Vec::new(),
        photos: Vec::new(),
        drafts_skipped: 0,
    }
}

/// Splits `https://host/path/` into (`https://host`, `/path/`).
pub fn split_base_url(url: &str) -> Option<(String, String)> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let scheme_len = url.len() - rest.len();
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if host.is_empty()
        || url.contains(char::is_whitespace)
        || url.contains(['?', '#', '"', '<', '>'])
    {
        return None;
    }
    let path = path.trim_matches('/');
    let base_path = if path.is_empty() {
        "/".to_string()
    } else {
        format!("/{path}/")
    };
    Some((url[..scheme_len + host.len()].to_string(), base_path))
}

fn to_date(
    d: &Spanned<toml::value::Datetime>,
    key: &str,
    src: &Arc<Source>,
    diags: &mut Diagnostics,
) -> Option<Date> {
    match (d.get_ref().date, d.get_ref().time) {
        (Some(date), None) => Some(Date {
            year: date.year,
            month: date.month,
            day: date.day,
        }),
        _ => {
            diags.error_at(
                src,
                d.span(),
                Problem::WrongType {
                    key: key.into(),
                    expected: Expected::Date,
                    example: Some("2026-12-05".into()),
                },
            );
            None
        }
    }
}

fn categories(raw: &[RawCategory], src: &Arc<Source>, diags: &mut Diagnostics) -> Vec<Category> {
    let mut out: Vec<Category> = Vec::new();
    for c in raw {
        let slug = c.slug.get_ref().trim().to_string();
        let good = slugify(&slug);
        if good != slug || slug.is_empty() {
            diags.error_at(
                src,
                c.slug.span(),
                Problem::BadCategorySlug {
                    slug: slug.clone(),
                    suggestion: good,
                },
            );
            continue;
        }
        if out.iter().any(|o| o.slug == slug) {
            diags.error_at(src, c.slug.span(), Problem::DuplicateCategory { slug });
            continue;
        }
        out.push(Category {
            slug,
            name: c.name.clone(),
            description: c.description.clone(),
        });
    }
    out
}

fn image_settings(
    raw: Option<&RawImages>,
    src: &Arc<Source>,
    diags: &mut Diagnostics,
) -> ImageSettings {
    let mut s = ImageSettings::default();
    let Some(raw) = raw else { return s };
    if let Some(w) = &raw.widths {
        let mut widths = w.get_ref().clone();
        if widths.is_empty() || widths.iter().any(|&x| !(16..=8192).contains(&x)) {
            diags.error_at(
                src,
                w.span(),
                Problem::BadImageSetting {
                    key: "widths".into(),
                },
            );
        } else {
            widths.sort_unstable();
            widths.dedup();
            s.widths = widths;
        }
    }
    if let Some(q) = &raw.quality {
        match u8::try_from(*q.get_ref()) {
            Ok(v) if (1..=100).contains(&v) => s.quality = v,
            _ => diags.error_at(
                src,
                q.span(),
                Problem::BadImageSetting {
                    key: "quality".into(),
                },
            ),
        }
    }
    s
}

fn category_index(
    site: &Site,
    slug: &Spanned<String>,
    src: &Arc<Source>,
    diags: &mut Diagnostics,
) -> Option<usize> {
    let s = slug.get_ref().trim();
    if let Some(i) = site.categories.iter().position(|c| c.slug == s) {
        return Some(i);
    }
    let valid: Vec<String> = site.categories.iter().map(|c| c.slug.clone()).collect();
    let suggestion = suggest(s, &valid).or_else(|| {
        let folded = slugify(s);
        valid.iter().find(|v| **v == folded).cloned()
    });
    diags.error_at(
        src,
        slug.span(),
        Problem::UnknownCategory {
            slug: s.to_string(),
            valid,
            suggestion,
        },
    );
    None
}

#[allow(clippy::too_many_arguments)]
fn vendor(
    site: &Site,
    lv: &LoadedVendor,
    src: &Arc<Source>,
    raw: &crate::config::RawVendor,
    slug: String,
    opts: &ModelOptions,
    photos: &mut photos::Registry,
    diags: &mut Diagnostics,
) -> Option<Vendor> {
    let before = diags.error_count();
    let name = raw.name.get_ref().trim().to_string();
    if name.is_empty() {
        diags.error_at(
            src,
            raw.name.span(),
            Problem::EmptyValue { key: "name".into() },
        );
    }
    let categories: Vec<usize> = raw
        .categories
        .iter()
        .filter_map(|c| category_index(site, c, src, diags))
        .collect();
    let payment = raw
        .payment
        .iter()
        .filter_map(|p| {
            let v = p.get_ref().trim().to_lowercase();
            let v = slugify(&v);
            if let Some((_, pay)) = Payment::ALL.iter().find(|(id, _)| *id == v) {
                return Some(*pay);
            }
            let ids: Vec<String> = Payment::ALL.iter().map(|(id, _)| id.to_string()).collect();
            diags.error_at(
                src,
                p.span(),
                Problem::UnknownPayment {
                    value: p.get_ref().clone(),
                    suggestion: suggest(&v, &ids),
                },
            );
            None
        })
        .collect();
    let contact = contact(raw.contact.as_ref(), src, diags);
    let logo = raw.logo.as_ref().and_then(|l| {
        photos.resolve(lv, l, src, diags).map(|id| PhotoUse {
            id,
            alt: String::new(),
        })
    });
    let cover = raw
        .cover
        .as_ref()
        .and_then(|c| photos.use_photo(lv, c, src, &name, diags));

    // When the vendor named categories that all failed (already reported), its products'
    // fallback category is unknown: do not also call `category` missing on each of them.
    let fallback =
        (raw.categories.is_empty() || !categories.is_empty()).then_some(categories.as_slice());
    let products = products(site, lv, fallback, opts, photos, diags);
    if diags.error_count() > before {
        return None;
    }
    Some(Vendor {
        slug,
        name,
        owner: raw.owner.clone().filter(|s| !s.trim().is_empty()),
        tagline: raw.tagline.clone().filter(|s| !s.trim().is_empty()),
        booth: raw.booth.clone().filter(|s| !s.trim().is_empty()),
        categories,
        logo,
        cover,
        payment,
        delivery: raw.delivery.unwrap_or(false),
        contact,
        about: lv.about.clone(),
        products,
        file: src.display.clone(),
    })
}

/// A vendor's products. `vendor_categories` is `None` when vendor.toml could not be read; the
/// products are then only checked, not kept.
fn products(
    site: &Site,
    lv: &LoadedVendor,
    vendor_categories: Option<&[usize]>,
    opts: &ModelOptions,
    photos: &mut photos::Registry,
    diags: &mut Diagnostics,
) -> Vec<Product> {
    let mut products = Vec::new();
    let mut product_slugs: HashMap<String, String> = HashMap::new();
    for lp in &lv.products {
        let pslug = slugify(&lp.file_stem);
        let psrc = &lp.source;
        if pslug.is_empty() {
            diags.push(crate::diag::Diagnostic::file(
                Severity::Error,
                psrc.display.clone(),
                Problem::EmptySlug {
                    name: lp.file_stem.clone(),
                },
            ));
            continue;
        }
        if let Some(other) = product_slugs.get(&pslug) {
            diags.push(crate::diag::Diagnostic::file(
                Severity::Error,
                psrc.display.clone(),
                Problem::SlugCollision {
                    slug: pslug.clone(),
                    other: other.clone(),
                },
            ));
            continue;
        }
        product_slugs.insert(pslug.clone(), psrc.display.clone());
        let r = &lp.raw;
        if r.draft == Some(true) && !opts.drafts {
            continue;
        }
        let pname = r.name.get_ref().trim().to_string();
        if pname.is_empty() {
            diags.error_at(
                psrc,
                r.name.span(),
                Problem::EmptyValue { key: "name".into() },
            );
        }
        let category = match &r.category {
            Some(c) => category_index(site, c, psrc, diags),
            None => match vendor_categories.map(|c| c.first()) {
                Some(Some(&c)) => Some(c),
                // The vendor's own file is broken: its categories are unknown, say nothing here.
                None => None,
                Some(None) => {
                    // Neither the product nor its vendor names a category.
                    diags.error_at(
                        psrc,
                        r.name.span(),
                        Problem::MissingKey {
                            key: "category".into(),
                            table: None,
                        },
                    );
                    None
                }
            },
        };
        let product_photos: Vec<PhotoUse> = r
            .photos
            .iter()
            .filter_map(|p| photos.use_photo(lv, p, psrc, &pname, diags))
            .collect();
        if let Some(price) = &r.price {
            let v = *price.get_ref();
            if !v.is_finite() || v < 0.0 {
                diags.error_at(
                    psrc,
                    price.span(),
                    Problem::WrongType {
                        key: "price".into(),
                        expected: Expected::Number,
                        example: Some("6.50".into()),
                    },
                );
            }
        }
        let Some(category) = category else { continue };
        products.push(Product {
            slug: pslug,
            name: pname,
            price: r.price.as_ref().map(|p| *p.get_ref()),
            price_note: r.price_note.clone(),
            category,
            photos: product_photos,
            tags: r.tags.clone(),
            available: r.available.unwrap_or(true),
            featured: r.featured.unwrap_or(false),
            order: r.order,
            body: (Arc::clone(psrc), lp.body.clone()),
        });
    }
    products.sort_by_cached_key(|p| (p.order.is_none(), p.order, sort_key(&p.name)));
    products
}

fn contact(
    raw: Option<&crate::config::RawContact>,
    src: &Arc<Source>,
    diags: &mut Diagnostics,
) -> Contact {
    let Some(raw) = raw else {
        return Contact::default();
    };
    let handle = |s: &Option<String>| {
        s.as_ref()
            .map(|h| {
                h.trim()
                    .trim_start_matches('@')
                    .trim_end_matches('/')
                    .to_string()
            })
            .map(|h| {
                h.rsplit('/')
                    .next()
                    .unwrap_or(&h)
                    .trim_start_matches('@')
                    .to_string()
            })
            .filter(|h| !h.is_empty())
    };
    let whatsapp = raw.whatsapp.as_ref().and_then(|w| {
        let n = whatsapp_digits(w.get_ref());
        if n.is_none() {
            diags.error_at(
                src,
                w.span(),
                Problem::BadWhatsapp {
                    value: w.get_ref().clone(),
                },
            );
        }
        n
    });
    Contact {
        whatsapp,
        whatsapp_display: raw
            .whatsapp
            .as_ref()
            .map(|w| w.get_ref().trim().to_string()),
        instagram: handle(&raw.instagram),
        facebook: handle(&raw.facebook),
        tiktok: handle(&raw.tiktok),
        email: raw.email.as_ref().and_then(|spanned| {
            let e = spanned.get_ref().trim();
            if e.contains('@') && !e.contains(char::is_whitespace) {
                Some(e.to_string())
            } else {
                diags.error_at(
                    src,
                    spanned.span(),
                    Problem::BadEmail {
                        value: e.to_string(),
                    },
                );
                None
            }
        }),
        website: raw.website.as_ref().map(|w| {
            let w = w.trim();
            if w.starts_with("http://") || w.starts_with("https://") {
                w.to_string()
            } else {
                format!("https://{w}")
            }
        }),
    }
}

/// Digits for a wa.me link. A 9-digit Peruvian mobile number without country code gets `51`.
pub fn whatsapp_digits(s: &str) -> Option<String> {
    let s = s.trim();
    if s.chars()
        .any(|c| !(c.is_ascii_digit() || " +-().".contains(c)))
    {
        return None;
    }
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    // "0051 987…" is the international prefix written with 00 instead of +.
    let digits = match digits.strip_prefix("00") {
        Some(rest) if !s.starts_with('+') => rest.to_string(),
        _ => digits,
    };
    let digits = if !s.starts_with('+') && digits.len() == 9 && digits.starts_with('9') {
        format!("51{digits}")
    } else {
        digits
    };
    (10..=15).contains(&digits.len()).then_some(digits)
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
    fn whatsapp_numbers() {
        assert_eq!(
            whatsapp_digits("+51 987 654 321").as_deref(),
            Some("51987654321")
        );
        assert_eq!(whatsapp_digits("987654321").as_deref(), Some("51987654321"));
        assert_eq!(
            whatsapp_digits("0051 987 654 321").as_deref(),
            Some("51987654321")
        );
        assert_eq!(whatsapp_digits("llámame"), None);
        assert_eq!(whatsapp_digits("123"), None);
    }

    #[test]
    fn base_url_parts() {
        assert_eq!(
            split_base_url("https://feria.example.org"),
            Some(("https://feria.example.org".into(), "/".into()))
        );
        assert_eq!(
            split_base_url("https://x.github.io/feria/"),
            Some(("https://x.github.io".into(), "/feria/".into()))
        );
        assert_eq!(split_base_url("feria.org"), None);
        assert_eq!(split_base_url("https://x.org/mi feria/"), None);
        assert_eq!(split_base_url("https://x.org/#/"), None);
        assert_eq!(split_base_url("https://x.org?x"), None);
    }
}

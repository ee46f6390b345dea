//! Vendor folders checked: each folder's slug (unique, not empty), `vendor.toml`'s name,
//! categories, payment methods and contact (WhatsApp numbers, e-mail, handles), its logo and cover
//! photo, and its products. A vendor with any error, and a draft, is left off the site.

use std::sync::Arc;

use serde::Serialize;
use toml::Spanned;

use super::{
    fair, limits, product, required_name, slugify, sort_key, Context, PhotoUse, Product, Slugs,
};
use crate::config::{RawContact, RawVendor};
use crate::content::toml::suggest;
use crate::content::LoadedVendor;
use crate::diag::{Diagnostics, Problem, Source};

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
    /// Indexes into [`Site::categories`](super::Site::categories); first = main.
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

/// Every vendor folder, checked; the published vendors, sorted by name.
pub(super) fn all(folders: &[LoadedVendor], cx: &mut Context<'_>) -> Vec<Vendor> {
    let mut slugs = Slugs::default();
    let mut vendors = Vec::new();
    for lv in folders {
        let file = format!("{}/vendor.toml", lv.display_dir);
        let Some(slug) = slugs.claim(&lv.dir_name, &lv.display_dir, file, cx.diags) else {
            continue;
        };
        let Some((src, raw)) = &lv.vendor else {
            // vendor.toml is missing or broken (already reported): still check the products'
            // own categories and photos, so the whole folder's problems show in one run.
            product::all(lv, None, cx);
            continue;
        };
        if raw.draft == Some(true) && !cx.opts.drafts {
            cx.drafts_skipped += 1;
            continue;
        }
        // Its draft products are left out in `product::all`; counted here, once per vendor.
        if !cx.opts.drafts {
            cx.drafts_skipped += lv
                .products
                .iter()
                .filter(|p| p.raw.draft == Some(true))
                .count();
        }
        if let Some(v) = vendor(lv, src, raw, slug, cx) {
            vendors.push(v);
        }
    }
    vendors.sort_by_cached_key(|v| sort_key(&v.name));
    vendors
}

/// One vendor and its products; `None` when any of it has an error (all of them reported).
fn vendor(
    lv: &LoadedVendor,
    src: &Arc<Source>,
    raw: &RawVendor,
    slug: String,
    cx: &mut Context<'_>,
) -> Option<Vendor> {
    let before = cx.diags.error_count();
    let name = required_name(&raw.name, src, cx.diags);
    limits::name(&raw.name, src, cx.diags);
    if let Some(about) = &lv.about {
        limits::text(about, 0..about.text.len(), cx.diags);
    }
    let categories: Vec<usize> = raw
        .categories
        .iter()
        .filter_map(|c| fair::category_index(cx.categories, c, src, cx.diags))
        .collect();
    let payment = payments(&raw.payment, src, cx.diags);
    let contact = contact(raw.contact.as_ref(), src, cx.diags);
    let logo = raw.logo.as_ref().and_then(|l| {
        cx.photos.resolve(lv, l, src, cx.diags).map(|id| PhotoUse {
            id,
            alt: String::new(),
        })
    });
    let cover = raw
        .cover
        .as_ref()
        .and_then(|c| cx.photos.use_photo(lv, c, src, &name, cx.diags));

    // When the vendor named categories that all failed (already reported), its products'
    // fallback category is unknown: do not also call `category` missing on each of them.
    let fallback =
        (raw.categories.is_empty() || !categories.is_empty()).then_some(categories.as_slice());
    let products = product::all(lv, fallback, cx);
    let photos = usize::from(logo.is_some())
        + usize::from(cover.is_some())
        + products.iter().map(|p| p.photos.len()).sum::<usize>();
    limits::vendor_photos(photos, &src.display, cx.diags);
    if cx.diags.error_count() > before {
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

/// `payment`: each one of the contract's methods, in any case or accents.
fn payments(raw: &[Spanned<String>], src: &Arc<Source>, diags: &mut Diagnostics) -> Vec<Payment> {
    raw.iter()
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
        .collect()
}

/// `[contact]`: a WhatsApp number that makes a link, an e-mail with `@`, handles without `@` or
/// the address around them, a website with its `https://`.
fn contact(raw: Option<&RawContact>, src: &Arc<Source>, diags: &mut Diagnostics) -> Contact {
    let Some(raw) = raw else {
        return Contact::default();
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
        instagram: handle(raw.instagram.as_deref()),
        facebook: handle(raw.facebook.as_deref()),
        tiktok: handle(raw.tiktok.as_deref()),
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

/// A social handle as written (`@ana`, `https://instagram.com/ana/`) without `@` or address.
fn handle(s: Option<&str>) -> Option<String> {
    s.map(|h| {
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
    fn handles_lose_the_at_sign_and_the_address() {
        let h = |s: &str| handle(Some(s));
        assert_eq!(h("@ana.tejidos").as_deref(), Some("ana.tejidos"));
        assert_eq!(
            h("https://instagram.com/ana.tejidos/").as_deref(),
            Some("ana.tejidos")
        );
        assert_eq!(h("  @ "), None);
    }
}

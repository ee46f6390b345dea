//! The raw shapes of the content files, exactly as the content contract spells them: `fair.toml`
//! ([`RawFair`]), `vendor.toml` ([`RawVendor`]) and a product's `+++` front matter ([`RawProduct`]).
//!
//! These are pure serde data: every struct refuses unknown keys, and values that later checks point
//! at keep their byte span (`Spanned`), so a diagnostic (and, later, an editor writing values back)
//! knows where each came from. Validation across files (categories exist, photos exist, slugs are
//! unique) happens in `model`, not here.

use serde::Deserialize;
use toml::Spanned;

/// `content/fair.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFair {
    /// The fair's title (required).
    pub title: Spanned<String>,
    /// One sentence about the fair.
    pub description: Option<String>,
    /// Public address of the site, for sitemap, canonical and share links.
    pub base_url: Option<Spanned<String>>,
    /// Interface language: "es" (default) or "en".
    pub language: Option<Spanned<String>>,
    /// Theme folder name under `themes/` (default "default").
    pub theme: Option<Spanned<String>>,
    /// Currency code, "PEN" by default.
    pub currency: Option<String>,
    /// The event itself.
    pub fair: Option<RawEvent>,
    /// Categories, in site order.
    #[serde(default)]
    pub categories: Vec<RawCategory>,
    /// Photo settings.
    pub images: Option<RawImages>,
    /// How long lists are before they go on to a next page.
    pub listings: Option<RawListings>,
}

/// `[listings]` in fair.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawListings {
    /// Cards on one page of a list (vendors, a category's products).
    pub per_page: Option<Spanned<i64>>,
}

/// `[fair]` in fair.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    /// First day.
    pub start: Option<Spanned<toml::value::Datetime>>,
    /// Last day.
    pub end: Option<Spanned<toml::value::Datetime>>,
    /// Where.
    pub venue: Option<String>,
    /// Opening hours, free text.
    pub hours: Option<String>,
}

/// `[[categories]]` in fair.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCategory {
    /// URL-safe identifier.
    pub slug: Spanned<String>,
    /// Display name.
    pub name: String,
    /// One sentence.
    pub description: Option<String>,
}

/// `[images]` in fair.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawImages {
    /// Widths of the renditions, in pixels.
    pub widths: Option<Spanned<Vec<u32>>>,
    /// Encoder quality, 1–100.
    pub quality: Option<Spanned<i64>>,
}

/// `content/vendors/<vendor>/vendor.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawVendor {
    /// Business name (required).
    pub name: Spanned<String>,
    /// The person's first name.
    pub owner: Option<String>,
    /// One line under the name.
    pub tagline: Option<String>,
    /// Booth number at the fair.
    pub booth: Option<String>,
    /// Category slugs; the first is the main one.
    #[serde(default)]
    pub categories: Vec<Spanned<String>>,
    /// Logo photo path.
    pub logo: Option<Spanned<String>>,
    /// Cover photo.
    pub cover: Option<Spanned<RawPhoto>>,
    /// Payment methods.
    #[serde(default)]
    pub payment: Vec<Spanned<String>>,
    /// Whether they deliver.
    pub delivery: Option<bool>,
    /// true keeps the vendor off the site.
    pub draft: Option<bool>,
    /// How to reach them.
    pub contact: Option<RawContact>,
}

/// `[contact]` in vendor.toml.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContact {
    /// Phone number with country code.
    pub whatsapp: Option<Spanned<String>>,
    /// Instagram handle.
    pub instagram: Option<String>,
    /// Facebook page.
    pub facebook: Option<String>,
    /// TikTok handle.
    pub tiktok: Option<String>,
    /// E-mail address.
    pub email: Option<Spanned<String>>,
    /// Web site.
    pub website: Option<String>,
}

/// A photo reference: `{ src = "photos/x.jpg", alt = "..." }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPhoto {
    /// Path inside the vendor folder.
    pub src: Spanned<String>,
    /// Description for people who cannot see it; `""` for decoration.
    pub alt: Option<String>,
}

/// The `+++` front matter of `products/<product>.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProduct {
    /// Product name (required).
    pub name: Spanned<String>,
    /// Price; none means "price on request".
    pub price: Option<Spanned<f64>>,
    /// "por docena".
    pub price_note: Option<String>,
    /// Category slug; default the vendor's main category.
    pub category: Option<Spanned<String>>,
    /// Photos; the first is the main one.
    #[serde(default)]
    pub photos: Vec<Spanned<RawPhoto>>,
    /// Free tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// false shows "agotado".
    pub available: Option<bool>,
    /// Shown first on the home page.
    pub featured: Option<bool>,
    /// Sorting inside the vendor.
    pub order: Option<i64>,
    /// true keeps the product off the site.
    pub draft: Option<bool>,
}

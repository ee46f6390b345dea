//! `content/fair.toml` checked: the title, the language, the public address, the event's dates,
//! the categories (URL-safe, each once) and the photo settings, with their defaults. Also finds a
//! category by the slug a vendor or product names.

use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use toml::Spanned;

use super::{base_url, slugify, ModelOptions, Site};
use crate::config::{RawCategory, RawEvent, RawFair, RawImages, RawListings};
use crate::content::toml::suggest;
use crate::content::LoadedFair;
use crate::diag::{Diagnostics, Expected, Problem, Source};
use crate::i18n::{Date, Lang};

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

/// The site as fair.toml describes it, without vendors or photos yet.
pub(super) fn settings(
    site_dir: &Path,
    fair: &LoadedFair,
    opts: &ModelOptions,
    diags: &mut Diagnostics,
) -> Site {
    let (src, raw) = (&fair.source, &fair.raw);
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
    let lang = language(raw, src, diags);
    let (origin, base_path) = base_url::of_site(opts, raw, src, diags);
    let event = raw.fair.as_ref().map(|e| event(e, src, diags));
    Site {
        site_dir: site_dir.to_path_buf(),
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
        per_page: per_page(raw.listings.as_ref(), src, diags),
        vendors: Vec::new(),
        photos: Vec::new(),
        drafts_skipped: 0,
    }
}

/// `language`: Spanish unless it says `en`.
fn language(raw: &RawFair, src: &Arc<Source>, diags: &mut Diagnostics) -> Lang {
    let Some(l) = &raw.language else {
        return Lang::Es;
    };
    Lang::parse(l.get_ref()).unwrap_or_else(|| {
        diags.error_at(
            src,
            l.span(),
            Problem::UnknownLanguage {
                value: l.get_ref().clone(),
            },
        );
        Lang::Es
    })
}

/// `[fair]`: dates are days (no time), and the last is not before the first.
fn event(e: &RawEvent, src: &Arc<Source>, diags: &mut Diagnostics) -> Event {
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

/// Cards on one page of a list when fair.toml does not say: a fair of a few dozen vendors
/// shows them all on one page, and a page of cards stays under a visitor's 50 KB budget.
pub const PER_PAGE: usize = 36;

/// The page sizes `[listings] per_page` accepts: fewer than a handful of cards makes a fair
/// of hundreds of pages; more than a few hundred makes pages too heavy for mobile data.
pub const PER_PAGE_RANGE: std::ops::RangeInclusive<usize> = 6..=500;

/// `[listings] per_page`, when in range.
fn per_page(raw: Option<&RawListings>, src: &Arc<Source>, diags: &mut Diagnostics) -> usize {
    let Some(n) = raw.and_then(|l| l.per_page.as_ref()) else {
        return PER_PAGE;
    };
    match usize::try_from(*n.get_ref()) {
        Ok(v) if PER_PAGE_RANGE.contains(&v) => v,
        _ => {
            diags.error_at(
                src,
                n.span(),
                Problem::BadPageSize {
                    value: *n.get_ref(),
                },
            );
            PER_PAGE
        }
    }
}

/// The index of the category `slug` names (as written in a vendor's or product's file); an
/// unknown one is reported with the valid ones and the closest.
pub(super) fn category_index(
    categories: &[Category],
    slug: &Spanned<String>,
    src: &Arc<Source>,
    diags: &mut Diagnostics,
) -> Option<usize> {
    let s = slug.get_ref().trim();
    if let Some(i) = categories.iter().position(|c| c.slug == s) {
        return Some(i);
    }
    let valid: Vec<String> = categories.iter().map(|c| c.slug.clone()).collect();
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

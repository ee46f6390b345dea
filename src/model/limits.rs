//! Sizes past which a visitor suffers, as warnings (the site is still built): a name too long for
//! a card on a phone, a description or story too heavy for a page on weak mobile data, a product
//! or a vendor with too many photos. The numbers are written in docs/content-format.md ("Sizes
//! that warn"); each warning names the file and, where there is one, the line.

use std::ops::Range;
use std::sync::Arc;

use toml::Spanned;

use crate::config::RawPhoto;
use crate::diag::{Diagnostic, Diagnostics, Problem, Severity, Source};

/// Characters of a vendor's or product's name: a card on a 360 px phone shows about 60 in three
/// lines; past 100 the name is cut and the page title too long to read.
pub const NAME_CHARS: usize = 100;
/// Bytes of a product description or a vendor's story (markdown): a page must stay under 50 KB
/// with its HTML, CSS and JavaScript; 20 KB of text (about 3,000 words) leaves room for the rest.
pub const TEXT_BYTES: usize = 20 * 1024;
/// Photos of one product: its page shows them all, one after the other.
pub const PRODUCT_PHOTOS: usize = 20;
/// Photos one vendor uses (logo, cover and every product's): each is encoded at every width on
/// the organizer's computer, and the vendor's page lists a card per product.
pub const VENDOR_PHOTOS: usize = 200;

/// A name longer than [`NAME_CHARS`].
pub(super) fn name(name: &Spanned<String>, src: &Arc<Source>, diags: &mut Diagnostics) {
    let chars = name.get_ref().trim().chars().count();
    if chars > NAME_CHARS {
        let problem = Problem::LongName {
            chars,
            max: NAME_CHARS,
        };
        diags.warning_at(src, name.span(), problem);
    }
}

/// A markdown text (`body` of `src`) heavier than [`TEXT_BYTES`], reported at its first line.
pub(super) fn text(src: &Arc<Source>, body: Range<usize>, diags: &mut Diagnostics) {
    if body.len() > TEXT_BYTES {
        let problem = Problem::LongText {
            kb: body.len().div_ceil(1024),
            max_kb: TEXT_BYTES / 1024,
        };
        diags.warning_at(src, body.start..body.start, problem);
    }
}

/// A product with more than [`PRODUCT_PHOTOS`] photos, reported at the first one too many.
pub(super) fn product_photos(
    photos: &[Spanned<RawPhoto>],
    src: &Arc<Source>,
    diags: &mut Diagnostics,
) {
    if let Some(first_extra) = photos.get(PRODUCT_PHOTOS) {
        let problem = Problem::ManyPhotos {
            count: photos.len(),
            max: PRODUCT_PHOTOS,
        };
        diags.warning_at(src, first_extra.span(), problem);
    }
}

/// A vendor using more than [`VENDOR_PHOTOS`] photos in all (`file`: its vendor.toml).
pub(super) fn vendor_photos(count: usize, file: &str, diags: &mut Diagnostics) {
    if count > VENDOR_PHOTOS {
        let problem = Problem::VendorPhotos {
            count,
            max: VENDOR_PHOTOS,
        };
        diags.push(Diagnostic::file(Severity::Warning, file, problem));
    }
}

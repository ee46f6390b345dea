//! An uploaded photo: checked as `build` checks photos (format sniffed from the bytes, decoder
//! limits; HEIC, animations, corrupt and oversized files refused, each with what to do), then
//! stored in the vendor's `photos/` folder upright and without any metadata (no EXIF, no GPS),
//! under a name vitrina chooses. The name the browser sent is never used.
//!
//! What is stored is always a new JPEG, never the uploaded bytes: decoded with the build's own
//! decoder (`images::decode`, with its limits), turned upright by the EXIF orientation,
//! converted to sRGB, scaled down to at most [`MAX_LONG_SIDE`] px on the long side, and encoded
//! by `images::encode` (baseline JPEG, quality [`QUALITY`]), which writes no EXIF, GPS, XMP, ICC
//! or comment block. A PNG with transparency is flattened onto white, as the build does, and
//! stored as JPEG too: one format in `photos/` is one less thing to go wrong on a phone.
//!
//! **Memory.** One upload holds its bytes, the decoded pixels and the scaled copy, no more:
//! - the header is read first, and a photo over the build's limits
//!   ([`MAX_SIDE`](decode::MAX_SIDE), [`MAX_PIXELS`](decode::MAX_PIXELS)), or a PNG, WebP or
//!   GIF over [`MAX_FULL_DECODE_PIXELS`] (these decode at full size), is refused before any
//!   pixel is allocated (a PNG claiming 60000×60000 costs a few bytes);
//! - a JPEG is decoded at 1/2, 1/4 or 1/8 size when that still covers [`MAX_LONG_SIDE`] (DCT
//!   scaling), so even a 48 MP photo decodes to ~12 MP;
//! - the turn upright is done after scaling, on the small copy.
//!
//! For a 12 MP (4000×3000) baseline JPEG the peak is ~75 MB above the upload's own bytes
//! (measured with the process's high-water mark, 4:2:0 and 4:4:4 alike): jpeg-decoder's
//! planes and its 36 MB of RGB output at once, then the 15 MB 2560×1920 copy and its turn, and
//! ~0.3 s. A server taking many uploads at once should bound how many it decodes together.
//!
//! **Names.** The file is named after the hint (the product's name) in its URL form, `-2`, `-3`…
//! when taken, `.jpg`; it is written to a temporary file in the folder, synced, and moved to
//! its name only if that name is still free (never replacing a file, even when two uploads of
//! the same product arrive at once).

use std::io::Write;
use std::path::Path;

use image::RgbImage;

use crate::diag::Problem;
use crate::i18n::Lang;
use crate::images::decode;
use crate::images::encode::{self, Format};
use crate::images::resize;

/// The largest photo the editor accepts, in bytes (a phone photo sent whole, with no scaling
/// in the browser, is up to ~15 MB; some cameras more).
pub const MAX_UPLOAD_BYTES: usize = 30 * 1024 * 1024;

/// The long side of a stored photo, at most (what the browser scales to, as well).
pub const MAX_LONG_SIDE: u32 = 2560;

/// JPEG quality of a stored photo: a little above the build's renditions, since every
/// rendition is made from it.
pub const QUALITY: u8 = 88;

/// Most pixels of a PNG, WebP or GIF upload (these decode at full size, at 4 bytes a pixel;
/// a JPEG is decoded at a reduced size instead). 24 MP is above any phone screenshot or a
/// phone photo saved as PNG.
pub const MAX_FULL_DECODE_PIXELS: u64 = 24_000_000;

/// A name's longest URL form, in characters, before `-2` and `.jpg`.
const MAX_NAME_CHARS: usize = 60;

/// The highest `-N` tried before giving up (a folder never holds that many photos of one name).
const MAX_SUFFIX: u32 = 100_000;

/// The body limit the server sets for an upload request: [`MAX_UPLOAD_BYTES`] plus room for
/// the multipart envelope and the form's other fields (alt text, the CSRF token).
pub fn max_request_bytes() -> usize {
    MAX_UPLOAD_BYTES + 1024 * 1024
}

/// A stored photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// Its file name in the vendor's `photos/` folder (chosen by vitrina).
    pub file: String,
    /// Width, as shown.
    pub width: u32,
    /// Height, as shown.
    pub height: u32,
}

/// Why an upload was refused. On every refusal nothing is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Nothing was sent (zero bytes).
    Empty,
    /// More than [`MAX_UPLOAD_BYTES`].
    TooBig,
    /// HEIC/HEIF (or AVIF): the iPhone's and many Androids' "high efficiency" format.
    Heic,
    /// An animated GIF, WebP or PNG.
    Animated,
    /// Not a photo at all (a text, a PDF, a video), whatever its name says.
    NotAPhoto,
    /// A photo cut short (an interrupted upload or copy).
    Truncated,
    /// Too many pixels to open safely (or a file claiming so).
    TooManyPixels,
    /// A photo that does not open (damaged in another way).
    Unreadable,
    /// The photo was fine but could not be written (disk full, permissions): the machine's
    /// problem, not hers.
    NotSaved {
        /// The operating system's words, for the organizer's log (never shown to a vendor).
        detail: String,
    },
}

impl Refusal {
    /// What happened and what to do, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        crate::diag::messages::upload::refusal(self, lang)
    }

    /// The HTTP status to answer with: 413 for too many bytes, 500 when the machine failed,
    /// 422 for a photo that cannot be used.
    pub fn http_status(&self) -> u16 {
        match self {
            Refusal::TooBig => 413,
            Refusal::NotSaved { .. } => 500,
            _ => 422,
        }
    }
}

/// Checks `bytes` and stores them in `photos_dir` (created when missing) as a new file named
/// after `hint` (e.g. the product's name), upright and without metadata.
pub fn store(bytes: &[u8], photos_dir: &Path, hint: &str) -> Result<Stored, Refusal> {
    let img = upright(bytes)?;
    let jpeg = encode::encode(&img, Format::Jpeg, QUALITY)
        .map_err(|detail| Refusal::NotSaved { detail })?;
    let file = write_new(photos_dir, &base_name(hint), &jpeg).map_err(|e| Refusal::NotSaved {
        detail: e.to_string(),
    })?;
    Ok(Stored {
        file,
        width: img.width(),
        height: img.height(),
    })
}

/// The checks, then the pixels: upright, sRGB, long side at most [`MAX_LONG_SIDE`].
fn upright(bytes: &[u8]) -> Result<RgbImage, Refusal> {
    if bytes.is_empty() {
        return Err(Refusal::Empty);
    }
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(Refusal::TooBig);
    }
    if let Some(brand) = iso_brand(bytes) {
        return Err(if is_heif(brand) {
            Refusal::Heic
        } else {
            Refusal::NotAPhoto
        });
    }
    let header = decode::header(bytes).map_err(refusal)?;
    let pixels = u64::from(header.width) * u64::from(header.height);
    let jpeg = image::guess_format(bytes).ok() == Some(image::ImageFormat::Jpeg);
    if !jpeg && pixels > MAX_FULL_DECODE_PIXELS {
        return Err(Refusal::TooManyPixels);
    }
    let long = header.width.max(header.height);
    let target = long.min(MAX_LONG_SIDE);
    // The shown width that gives a long side of `target` (rounded up, so DCT scaling never
    // takes the photo below it).
    let min_width = (u64::from(target) * u64::from(header.width)).div_ceil(u64::from(long));
    let min_width = u32::try_from(min_width).unwrap_or(header.width);
    let (img, orientation) = decode::decode_as_stored(bytes, min_width).map_err(refusal)?;
    Ok(decode::turn(scale_down(img), orientation))
}

/// `img` with its long side at most [`MAX_LONG_SIDE`] (never enlarged).
fn scale_down(img: RgbImage) -> RgbImage {
    let (w, h) = img.dimensions();
    let long = w.max(h);
    if long <= MAX_LONG_SIDE {
        return img;
    }
    let side = |s: u32| {
        let scaled =
            (u64::from(s) * u64::from(MAX_LONG_SIDE) + u64::from(long) / 2) / u64::from(long);
        u32::try_from(scaled)
            .unwrap_or(MAX_LONG_SIDE)
            .clamp(1, MAX_LONG_SIDE)
    };
    resize::resize(&img, side(w), side(h))
}

/// The major brand of an ISO media file (HEIC, AVIF, MP4, MOV all start with an `ftyp` box).
fn iso_brand(bytes: &[u8]) -> Option<&[u8]> {
    (bytes.len() >= 12 && &bytes[4..8] == b"ftyp").then(|| &bytes[8..12])
}

/// HEIF brands: HEIC photos (iPhone, Samsung, Pixel), HEIF image sequences, AVIF.
fn is_heif(brand: &[u8]) -> bool {
    const HEIF: [&[u8; 4]; 12] = [
        b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1",
        b"avif", b"avis",
    ];
    HEIF.iter().any(|b| &b[..] == brand)
}

/// The decoder's problem as a refusal.
fn refusal(p: Problem) -> Refusal {
    match p {
        Problem::PhotoEmpty => Refusal::Empty,
        Problem::PhotoHeic => Refusal::Heic,
        Problem::PhotoNotAnImage => Refusal::NotAPhoto,
        Problem::PhotoTooLarge => Refusal::TooManyPixels,
        Problem::PhotoTruncated => Refusal::Truncated,
        Problem::PhotoAnimated => Refusal::Animated,
        _ => Refusal::Unreadable,
    }
}

/// The name's URL form, at most [`MAX_NAME_CHARS`] characters; "foto" when nothing is left.
fn base_name(hint: &str) -> String {
    let slug = crate::model::slugify(hint);
    let cut: String = slug.chars().take(MAX_NAME_CHARS).collect();
    let cut = cut.trim_matches('-');
    if cut.is_empty() {
        "foto".to_string()
    } else {
        cut.to_string()
    }
}

/// Writes `bytes` into `dir` (created when missing) as `<base>.jpg`, or `<base>-2.jpg`,
/// `<base>-3.jpg`… the first name that is free, and returns it. Temporary file + sync + a
/// rename that refuses to replace an existing file, so a name taken meanwhile (another upload
/// at the same moment) moves on to the next one instead of overwriting it.
fn write_new(dir: &Path, base: &str, bytes: &[u8]) -> std::io::Result<String> {
    std::fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".tmp-");
    // As `File::create` would make it (tempfile's own default, owner-only, is for secrets).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    // Closed before it is named (see `crate::fs::write_atomic`: `serve`'s watcher).
    let mut tmp = tmp.into_temp_path();
    let mut n = 1u32;
    loop {
        let name = if n == 1 {
            format!("{base}.jpg")
        } else {
            format!("{base}-{n}.jpg")
        };
        let path = dir.join(&name);
        // A name seen taken is skipped without trying (fast, and a dangling link counts).
        if path.symlink_metadata().is_err() {
            match tmp.persist_noclobber(&path) {
                Ok(_) => return Ok(name),
                Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => tmp = e.path,
                Err(e) => return Err(e.error),
            }
        }
        n += 1;
        if n > MAX_SUFFIX {
            return Err(std::io::Error::other("no free name for the photo"));
        }
    }
}

#[cfg(test)]
mod tests;

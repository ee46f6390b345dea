//! Images: turns each photo the site uses into web renditions, and nothing else touches pixels.
//!
//! Two steps, so pages can be rendered before any pixel is decoded:
//! - [`plan`] reads each photo's header (size, EXIF orientation) and decides its renditions and
//!   their output names (`img/<vendor>/<stem>-<hash>-<width>.jpg`, the hash covering the source
//!   bytes and the encoder settings);
//! - [`process`] decodes each photo once, applies its EXIF orientation, resizes to every planned
//!   width (never upscaling) and encodes JPEG with no metadata at all (no EXIF, GPS, XMP, ICC
//!   comments), in parallel. The original file is never copied.
//!
//! Problems (unreadable, unsupported or oversized photos) become diagnostics naming the file.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageReader, Limits, RgbImage};
use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics, Problem, Severity};
use crate::model::{ImageSettings, PhotoSource, Site};
use crate::output::Staging;

/// Largest side a photo may have (a phone's 200 MP sensor is ~16000 px).
const MAX_SIDE: u32 = 20_000;
/// Most pixels a photo may have (a 200 MP sensor's full resolution is refused; phones save less).
const MAX_PIXELS: u64 = 100_000_000;
/// Most memory one decode may take.
const MAX_ALLOC: u64 = 1 << 30;

/// One output file of a photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendition {
    /// Pixels.
    pub width: u32,
    /// Pixels.
    pub height: u32,
    /// Path inside the output folder, `/` separated (`img/andrea/huevos-1a2b3c4d-640.jpg`).
    pub path: String,
}

/// What will be made of one photo.
#[derive(Debug, Clone)]
pub struct PhotoPlan {
    /// Width after EXIF orientation.
    pub width: u32,
    /// Height after EXIF orientation.
    pub height: u32,
    /// Renditions, narrowest first.
    pub renditions: Vec<Rendition>,
}

/// Counts for the build summary.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    /// Photos processed.
    pub photos: usize,
    /// Files written.
    pub files: usize,
    /// Bytes read from originals.
    pub bytes_in: u64,
    /// Bytes written.
    pub bytes_out: u64,
}

/// Reads every photo's header and plans its renditions. Index = photo id.
pub fn plan(site: &Site, diags: &mut Diagnostics) -> Vec<Option<PhotoPlan>> {
    let results: Vec<Result<PhotoPlan, Diagnostic>> = site
        .photos
        .par_iter()
        .map(|p| plan_one(p, &site.images))
        .collect();
    results
        .into_iter()
        .map(|r| r.map_err(|d| diags.push(d)).ok())
        .collect()
}

fn unreadable(p: &PhotoSource, detail: String) -> Diagnostic {
    Diagnostic::file(
        Severity::Error,
        p.display.clone(),
        Problem::PhotoUnreadable { detail },
    )
}

fn limits() -> Limits {
    let mut l = Limits::default();
    l.max_image_width = Some(MAX_SIDE);
    l.max_image_height = Some(MAX_SIDE);
    l.max_alloc = Some(MAX_ALLOC);
    l
}

fn open<'a>(p: &PhotoSource, bytes: &'a [u8]) -> Result<Box<dyn ImageDecoder + 'a>, Diagnostic> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| unreadable(p, e.to_string()))?;
    if reader.format().is_none() {
        return Err(Diagnostic::file(
            Severity::Error,
            p.display.clone(),
            describe_unknown(bytes),
        ));
    }
    reader.limits(limits());
    let decoder = reader.into_decoder().map_err(|e| decode_error(p, e))?;
    Ok(Box::new(decoder))
}

fn decode_error(p: &PhotoSource, e: image::ImageError) -> Diagnostic {
    match e {
        image::ImageError::Limits(_) => {
            Diagnostic::file(Severity::Error, p.display.clone(), Problem::PhotoTooLarge)
        }
        other => unreadable(p, other.to_string()),
    }
}

/// Names what people send that vitrina does not decode.
fn describe_unknown(bytes: &[u8]) -> Problem {
    if bytes.is_empty() {
        Problem::PhotoEmpty
    } else if bytes.len() > 12 && &bytes[4..8] == b"ftyp" {
        Problem::PhotoHeic
    } else {
        Problem::PhotoNotAnImage
    }
}

fn plan_one(p: &PhotoSource, settings: &ImageSettings) -> Result<PhotoPlan, Diagnostic> {
    let bytes = std::fs::read(&p.path).map_err(|e| unreadable(p, e.kind().to_string()))?;
    let mut decoder = open(p, &bytes)?;
    let (w, h) = decoder.dimensions();
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let (w, h) = if swaps_sides(orientation) {
        (h, w)
    } else {
        (w, h)
    };
    if w == 0 || h == 0 {
        return Err(unreadable(p, "0×0".into()));
    }
    // Decoding is bounded by the decoder limits; the pixels after decoding (conversion, resize
    // buffers) are bounded here: 100 megapixels is far above any phone photo.
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(Diagnostic::file(
            Severity::Error,
            p.display.clone(),
            Problem::PhotoTooLarge,
        ));
    }
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(&bytes);
    hasher.update(format!("jpeg q{} v1", settings.quality).as_bytes());
    let hash = format!("{:016x}", hasher.digest());
    let renditions = widths_for(w, &settings.widths)
        .into_iter()
        .map(|rw| Rendition {
            width: rw,
            height: ((u64::from(h) * u64::from(rw) + u64::from(w) / 2) / u64::from(w)).max(1)
                as u32,
            path: format!(
                "img/{}/{}-{}-{}.jpg",
                p.vendor_slug,
                p.stem,
                &hash[..10],
                rw
            ),
        })
        .collect();
    Ok(PhotoPlan {
        width: w,
        height: h,
        renditions,
    })
}

fn swaps_sides(o: Orientation) -> bool {
    matches!(
        o,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

/// Requested widths not above the source; the source width itself when it lies between or below
/// them (never upscale, never skip the sharpest the photo allows).
pub fn widths_for(source_width: u32, requested: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = requested
        .iter()
        .copied()
        .filter(|&w| w <= source_width)
        .collect();
    if requested.iter().any(|&w| w > source_width) && !out.contains(&source_width) {
        out.push(source_width);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Decodes, orients, resizes and encodes every planned photo into `staging`.
pub fn process(
    site: &Site,
    plans: &[Option<PhotoPlan>],
    staging: &Staging,
    diags: &mut Diagnostics,
) -> Stats {
    let results: Vec<Result<Stats, Diagnostic>> = site
        .photos
        .par_iter()
        .zip(plans.par_iter())
        .filter_map(|(p, plan)| plan.as_ref().map(|plan| (p, plan)))
        .map(|(p, plan)| process_one(p, plan, site.images.quality, staging))
        .collect();
    let mut total = Stats::default();
    for r in results {
        match r {
            Ok(s) => {
                total.photos += s.photos;
                total.files += s.files;
                total.bytes_in += s.bytes_in;
                total.bytes_out += s.bytes_out;
            }
            Err(d) => diags.push(d),
        }
    }
    total
}

/// Decodes one photo with its orientation applied and any transparency flattened onto white.
pub fn decode_oriented(p: &PhotoSource, bytes: &[u8]) -> Result<RgbImage, Diagnostic> {
    let mut decoder = open(p, bytes)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| decode_error(p, e))?;
    img.apply_orientation(orientation);
    Ok(flatten(img))
}

fn flatten(img: DynamicImage) -> RgbImage {
    if !img.color().has_alpha() {
        return img.into_rgb8();
    }
    let rgba = img.into_rgba8();
    let (w, h) = rgba.dimensions();
    RgbImage::from_fn(w, h, |x, y| {
        let p = rgba.get_pixel(x, y).0;
        let a = u16::from(p[3]);
        let mix = |c: u8| ((u16::from(c) * a + 255 * (255 - a) + 127) / 255) as u8;
        image::Rgb([mix(p[0]), mix(p[1]), mix(p[2])])
    })
}

fn process_one(
    p: &PhotoSource,
    plan: &PhotoPlan,
    quality: u8,
    staging: &Staging,
) -> Result<Stats, Diagnostic> {
    let bytes = std::fs::read(&p.path).map_err(|e| unreadable(p, e.kind().to_string()))?;
    let img = decode_oriented(p, &bytes)?;
    let mut stats = Stats {
        photos: 1,
        bytes_in: bytes.len() as u64,
        ..Stats::default()
    };
    // Largest first; each smaller rendition is resized from the previous one (cheaper, same look).
    let mut current = img;
    for r in plan.renditions.iter().rev() {
        if current.width() != r.width || current.height() != r.height {
            current = image::imageops::resize(&current, r.width, r.height, FilterType::Lanczos3);
        }
        let mut out = Vec::with_capacity(64 * 1024);
        JpegEncoder::new_with_quality(&mut out, quality)
            .encode_image(&current)
            .map_err(|e| unreadable(p, e.to_string()))?;
        staging
            .write(&r.path, &out)
            .map_err(|e| unreadable(p, e.to_string()))?;
        stats.files += 1;
        stats.bytes_out += out.len() as u64;
    }
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_upscale_and_keep_the_source_width() {
        assert_eq!(widths_for(4000, &[320, 640, 1280]), vec![320, 640, 1280]);
        assert_eq!(widths_for(1000, &[320, 640, 1280]), vec![320, 640, 1000]);
        assert_eq!(widths_for(200, &[320, 640, 1280]), vec![200]);
        assert_eq!(widths_for(640, &[320, 640, 1280]), vec![320, 640]);
    }

    #[test]
    fn transparent_pixels_become_white() {
        let mut rgba = image::RgbaImage::new(2, 1);
        rgba.put_pixel(0, 0, image::Rgba([0, 0, 0, 0]));
        rgba.put_pixel(1, 0, image::Rgba([200, 10, 10, 255]));
        let rgb = flatten(DynamicImage::ImageRgba8(rgba));
        assert_eq!(rgb.get_pixel(0, 0).0, [255, 255, 255]);
        assert_eq!(rgb.get_pixel(1, 0).0, [200, 10, 10]);
    }
}

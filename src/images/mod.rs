//! Images: turns each photo the site uses into web renditions, and nothing else touches pixels.
//!
//! Two steps, so pages are rendered before any pixel is decoded:
//! - [`plan`] learns each photo's shown size (from the cache's memory of unchanged files, or from
//!   the header) and names its renditions: every width of `[images] widths` the photo has, in
//!   WebP and JPEG, at `img/<vendor>/<key>-<width>.<ext>`; the key covers the source bytes and the
//!   encoder settings, so a changed photo or setting gets a new URL (browsers never show a stale
//!   copy) and the original file name (often the date and time it was taken) never leaves;
//! - [`process`] makes them, all photos in parallel: a rendition already in the cache is copied;
//!   otherwise the photo is decoded once (at 1/2, 1/4 or 1/8 size when that still covers the
//!   largest width), oriented, converted to sRGB, resized from large to small with SIMD Lanczos3
//!   and encoded, with no metadata at all. Each photo's average colour is kept for the page's
//!   placeholder box. The original file is never copied.
//!
//! Submodules: [`decode`], [`resize`], [`encode`], [`cache`], [`progress`]. Problems (unreadable,
//! unsupported or oversized photos) become diagnostics naming the file.

pub mod cache;
pub mod decode;
pub mod encode;
mod out;
pub mod progress;
pub mod resize;

pub use out::Out;

use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics, Problem, Severity};
use crate::i18n::Lang;
use crate::model::{ImageSettings, PhotoSource, Site};
use cache::{Cache, SourceInfo};
use encode::Format;

pub use cache::Memory;
pub use decode::{MAX_ALLOC, MAX_PIXELS, MAX_SIDE};

/// Largest side libwebp encodes.
const WEBP_MAX_SIDE: u64 = 16_383;

/// Output formats, in the order pages offer them (the browser takes the first it supports).
pub const FORMATS: [Format; 2] = [Format::Webp, Format::Jpeg];

/// One output file of a photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendition {
    /// Pixels.
    pub width: u32,
    /// Pixels.
    pub height: u32,
    /// File format.
    pub format: Format,
    /// Path inside the output folder, `/` separated (`img/andrea/1a2b3c4d5e6f-640.webp`).
    pub path: String,
    /// Cache key.
    pub key: String,
}

/// What will be made of one photo.
#[derive(Debug, Clone)]
pub struct PhotoPlan {
    /// Width after EXIF orientation.
    pub width: u32,
    /// Height after EXIF orientation.
    pub height: u32,
    /// Renditions, narrowest first, each width in every format of [`FORMATS`].
    pub renditions: Vec<Rendition>,
    /// Cache key of the average colour.
    pub color_key: String,
    /// The average colour when the cache already knows it (a rebuild): pages print it at once
    /// instead of waiting for the photo (see render::placeholder).
    pub color: Option<[u8; 3]>,
    /// xxh3-128 of the source bytes the plan was made from.
    pub hash: u128,
}

impl PhotoPlan {
    /// The renditions of one format, narrowest first.
    pub fn of(&self, format: Format) -> impl Iterator<Item = &Rendition> {
        self.renditions.iter().filter(move |r| r.format == format)
    }
}

/// Counts for the build summary.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    /// Photos in the output.
    pub photos: usize,
    /// Of those, photos whose every file came from the cache (nothing decoded or encoded).
    pub cached: usize,
    /// Files written.
    pub files: usize,
    /// Bytes read from originals (photos taken from the cache are not read).
    pub bytes_in: u64,
    /// Bytes written.
    pub bytes_out: u64,
    /// Time spent decoding, summed over all cores (with `VITRINA_TIMINGS`).
    pub decode: Duration,
    /// Time spent resizing, summed over all cores.
    pub resize: Duration,
    /// Time spent encoding, summed over all cores.
    pub encode: Duration,
}

impl Stats {
    fn add(&mut self, o: &Stats) {
        self.photos += o.photos;
        self.cached += o.cached;
        self.files += o.files;
        self.bytes_in += o.bytes_in;
        self.bytes_out += o.bytes_out;
        self.decode += o.decode;
        self.resize += o.resize;
        self.encode += o.encode;
    }
}

/// What [`process`] made.
#[derive(Debug, Default)]
pub struct Processed {
    /// Counts.
    pub stats: Stats,
    /// Average colour of each photo (index = photo id), for placeholders.
    pub colors: Vec<Option<[u8; 3]>>,
}

/// Learns every photo's size and plans its renditions. Index = photo id.
pub fn plan(site: &Site, cache: &Cache, diags: &mut Diagnostics) -> Vec<Option<PhotoPlan>> {
    let results: Vec<Result<PhotoPlan, Diagnostic>> = site
        .photos
        .par_iter()
        .map(|p| plan_one(p, &site.images, cache))
        .collect();
    results
        .into_iter()
        .map(|r| r.map_err(|d| diags.push(d)).ok())
        .collect()
}

fn problem(p: &PhotoSource, problem: Problem) -> Diagnostic {
    Diagnostic::file(Severity::Error, p.display.clone(), problem)
}

fn unreadable(p: &PhotoSource, detail: String) -> Diagnostic {
    problem(p, Problem::PhotoUnreadable { detail })
}

/// The source's size, orientation and content hash: remembered when the file has not changed,
/// read from the file otherwise.
fn source_info(p: &PhotoSource, cache: &Cache) -> Result<SourceInfo, Diagnostic> {
    let meta = std::fs::metadata(&p.path).map_err(|e| unreadable(p, e.kind().to_string()))?;
    if let Some(info) = cache.source(&p.path, &meta) {
        cache.remember(&p.path, info);
        return Ok(info);
    }
    let bytes = std::fs::read(&p.path).map_err(|e| unreadable(p, e.kind().to_string()))?;
    let header = decode::header(&bytes).map_err(|e| problem(p, e))?;
    let crate::fs::Stamp {
        len,
        modified: mtime,
        changed: ctime,
        inode: ino,
    } = crate::fs::stamp_of(&meta);
    let info = SourceInfo {
        len,
        mtime,
        ctime,
        ino,
        hash: xxhash_rust::xxh3::xxh3_128(&bytes),
        width: header.width,
        height: header.height,
        orientation: header.orientation,
    };
    cache.remember(&p.path, info);
    Ok(info)
}

fn plan_one(
    p: &PhotoSource,
    settings: &ImageSettings,
    cache: &Cache,
) -> Result<PhotoPlan, Diagnostic> {
    let info = source_info(p, cache)?;
    let (w, h) = (info.width, info.height);
    // The public name: the source and the settings, never the original file name.
    let name = cache::key(info.hash, &format!("name q{}", settings.quality), "");
    let mut renditions = Vec::new();
    // WebP stops at 16383 pixels a side: a very tall photo (a long screenshot) gets narrower
    // renditions rather than an error.
    let widest = (u64::from(w) * WEBP_MAX_SIDE / u64::from(h)).clamp(1, u64::from(w)) as u32;
    let mut widths: Vec<u32> = widths_for(w, &settings.widths)
        .into_iter()
        .map(|rw| rw.min(widest))
        .collect();
    widths.dedup();
    for &rw in &widths {
        let rh = ((u64::from(h) * u64::from(rw) + u64::from(w) / 2) / u64::from(w)).max(1) as u32;
        for format in FORMATS {
            // Everything that shapes the bytes: format, size, quality, and the widths above
            // this one (the decode size and the resize cascade depend on them).
            let op = format!(
                "{} {rw}x{rh} q{} from {:?}",
                format.ext(),
                settings.quality,
                widths
            );
            renditions.push(Rendition {
                width: rw,
                height: rh,
                format,
                path: format!(
                    "img/{}/{}-{rw}.{}",
                    p.vendor_slug,
                    &name[..12],
                    format.ext()
                ),
                key: cache::key(info.hash, &op, format.ext()),
            });
        }
    }
    let color_key = cache::key(info.hash, &format!("average colour {widths:?}"), "rgb");
    Ok(PhotoPlan {
        width: w,
        height: h,
        renditions,
        color: cache.known_color(&color_key),
        color_key,
        hash: info.hash,
    })
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

/// Makes every planned rendition in `staging` (or only in the cache, without one): from the
/// cache when it has it, otherwise by decoding the photo once. Shows progress on a terminal.
pub fn process(
    site: &Site,
    plans: &[Option<PhotoPlan>],
    staging: Option<&dyn Out>,
    cache: &Cache,
    lang: Lang,
    diags: &mut Diagnostics,
) -> Processed {
    let jobs: Vec<(&PhotoSource, &PhotoPlan)> = site
        .photos
        .iter()
        .zip(plans)
        .filter_map(|(p, plan)| plan.as_ref().map(|plan| (p, plan)))
        .collect();
    // Two files with the same bytes in one vendor's folder make the same output files: made once.
    let mut first_of: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut copies: Vec<(usize, usize)> = Vec::new();
    let jobs: Vec<(&PhotoSource, &PhotoPlan)> = jobs
        .into_iter()
        .filter(|(p, plan)| {
            let first = plan.renditions.first().map_or("", |r| r.path.as_str());
            match first_of.get(first) {
                Some(&id) => {
                    copies.push((p.id, id));
                    false
                }
                None => {
                    first_of.insert(first, p.id);
                    true
                }
            }
        })
        .collect();
    let progress = progress::Progress::new(jobs.len(), lang);
    let results: Vec<(usize, PhotoResult)> = jobs
        .par_iter()
        .map(|(p, plan)| {
            let r = process_one(p, plan, site.images.quality, staging, cache);
            progress.inc();
            (p.id, r)
        })
        .collect();
    progress.finish();
    let mut out = Processed {
        colors: vec![None; plans.len()],
        ..Processed::default()
    };
    for (id, r) in results {
        match r {
            Ok((s, color)) => {
                out.stats.add(&s);
                if let Some(c) = out.colors.get_mut(id) {
                    *c = Some(color);
                }
            }
            Err(d) => diags.push(d),
        }
    }
    for (copy, of) in copies {
        let c = out.colors.get(of).copied().flatten();
        if let Some(slot) = out.colors.get_mut(copy) {
            *slot = c;
        }
    }
    out
}

/// One photo's counts and average colour, or its problem.
type PhotoResult = Result<(Stats, [u8; 3]), Diagnostic>;

fn process_one(
    p: &PhotoSource,
    plan: &PhotoPlan,
    quality: u8,
    staging: Option<&dyn Out>,
    cache: &Cache,
) -> PhotoResult {
    let mut stats = Stats {
        photos: 1,
        ..Stats::default()
    };
    let write = |stats: &mut Stats, r: &Rendition, bytes: &[u8]| -> Result<(), Diagnostic> {
        if let Some(staging) = staging {
            // The machine failed (disk full, permissions), not the photo: said as such.
            staging.write(&r.path, bytes).map_err(|e| {
                Diagnostic::file(
                    Severity::Error,
                    r.path.clone(),
                    Problem::Unwritable {
                        detail: e.to_string(),
                    },
                )
            })?;
        }
        stats.files += 1;
        stats.bytes_out += bytes.len() as u64;
        Ok(())
    };

    // Everything in the cache: decode nothing. An output file the reused output already has,
    // with the length and checksum the cache remembers, is kept without reading the entry.
    if let Some(color) = cache.color(&plan.color_key) {
        // Each rendition: kept as it is in the output (its length), or its cache entry's bytes.
        let found = plan
            .renditions
            .iter()
            .map(|r| {
                let kept = cache.expected(&r.key).filter(|&(len, hash)| {
                    staging.is_some_and(|s| s.keep_if_same(&r.path, len, hash))
                });
                if let Some((len, _)) = kept {
                    return Some((r, None, len));
                }
                let bytes = cache.get(&r.key)?;
                let len = bytes.len() as u64;
                Some((r, Some(bytes), len))
            })
            .collect::<Option<Vec<_>>>();
        if let Some(found) = found {
            for (r, bytes, len) in found {
                match bytes {
                    Some(b) => write(&mut stats, r, &b)?,
                    None => {
                        stats.files += 1;
                        stats.bytes_out += len;
                    }
                }
            }
            stats.cached = 1;
            return Ok((stats, color));
        }
    }

    let bytes = std::fs::read(&p.path).map_err(|e| unreadable(p, e.kind().to_string()))?;
    stats.bytes_in = bytes.len() as u64;
    // Replaced while this build ran: the plan (sizes, names) no longer fits; the next build
    // picks the new photo up.
    if xxhash_rust::xxh3::xxh3_128(&bytes) != plan.hash {
        return Err(problem(p, Problem::PhotoChanged));
    }
    let largest = plan.renditions.last().map_or(plan.width, |r| r.width);
    let clock = Instant::now();
    let img = decode::decode(&bytes, largest).map_err(|e| problem(p, e))?;
    stats.decode += clock.elapsed();
    drop(bytes);

    // Largest first; each smaller width is resized from the previous one (cheaper, same look).
    let mut current = img;
    let mut widths: Vec<(u32, u32)> = plan
        .renditions
        .iter()
        .map(|r| (r.width, r.height))
        .collect();
    widths.dedup();
    for &(w, h) in widths.iter().rev() {
        let clock = Instant::now();
        current = resize::resize(&current, w, h);
        stats.resize += clock.elapsed();
        for r in plan.renditions.iter().filter(|r| r.width == w) {
            let encoded = match cache.get(&r.key) {
                Some(b) => b,
                None => {
                    let clock = Instant::now();
                    let b = encode::encode(&current, r.format, quality)
                        .map_err(|e| unreadable(p, e))?;
                    stats.encode += clock.elapsed();
                    cache.put(&r.key, &b);
                    b
                }
            };
            write(&mut stats, r, &encoded)?;
        }
    }
    let color = average_color(&current);
    cache.put_color(&plan.color_key, color);
    Ok((stats, color))
}

/// The mean of every pixel (in the smallest rendition: enough for a placeholder box).
pub fn average_color(img: &image::RgbImage) -> [u8; 3] {
    let mut sum = [0u64; 3];
    for p in img.pixels() {
        for (s, &c) in sum.iter_mut().zip(&p.0) {
            *s += u64::from(c);
        }
    }
    let n = u64::from(img.width()) * u64::from(img.height());
    if n == 0 {
        return [0xe8, 0xe2, 0xd9];
    }
    sum.map(|s| ((s + n / 2) / n) as u8)
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
        let rgb = decode::flatten(image::DynamicImage::ImageRgba8(rgba));
        assert_eq!(rgb.get_pixel(0, 0).0, [255, 255, 255]);
        assert_eq!(rgb.get_pixel(1, 0).0, [200, 10, 10]);
    }

    #[test]
    fn average_colour_of_half_red_half_blue() {
        let img = image::RgbImage::from_fn(4, 2, |x, _| {
            if x < 2 {
                image::Rgb([255, 0, 0])
            } else {
                image::Rgb([0, 0, 255])
            }
        });
        assert_eq!(average_color(&img), [128, 0, 128]);
    }
}

//! Fuzzing entry points: each takes arbitrary bytes, runs one path that reads what a vendor
//! wrote (or a photo she uploaded) and **panics when an invariant breaks**, so the same function
//! serves the bounded fuzz tests inside `cargo test` (`tests/testsuite/fuzz.rs`, seeded from the
//! fixtures with [`mutate`]) and the cargo-fuzz targets in `fuzz/` (`scripts/fuzz.sh`).
//! RELIABILITY.md lists the targets, how to run them and what they found.
//!
//! Not part of vitrina's interface (hidden from the docs); nothing in a build calls it. The
//! targets:
//! - [`toml`]: a `fair.toml`, `vendor.toml` or product file (chosen by the first byte) read,
//!   split and parsed, every diagnostic rendered in both languages;
//! - [`markdown`]: vendor markdown to sanitized HTML, to plain text, to search words;
//! - [`photo`]: format sniffing, header reading and decoding (JPEG, PNG, WebP, GIF);
//! - [`Paths::check`]: slugs, and a photo path resolved inside a real vendor folder.

pub mod check;
pub mod mutate;

use std::path::Path;

use crate::config::{RawFair, RawProduct, RawVendor};
use crate::content::{self, frontmatter, source, LoadedVendor};
use crate::diag::render::render;
use crate::diag::{Diagnostics, Source};
use crate::i18n::Lang;
use crate::images::decode;
use crate::model::photos::Registry;
use crate::render::markdown;
use crate::search::text;

/// The files [`toml`] reads, by the first byte of its input modulo 3.
pub const TOML_FILES: [&str; 3] = [
    "content/fair.toml",
    "content/vendors/ana/vendor.toml",
    "content/vendors/ana/products/pan.md",
];

/// Reads `data[1..]` as the file `TOML_FILES[data[0] % 3]` as a build does (BOM, UTF-8, front
/// matter, TOML into the typed shape) and renders every problem in Spanish and English.
/// Invariants: spans fall inside the text on character boundaries, the front matter and body
/// lie in order inside the file, and every rendered problem names the file. Returns the number
/// of problems.
pub fn toml(data: &[u8]) -> usize {
    let Some((&kind, bytes)) = data.split_first() else {
        return 0;
    };
    let kind = usize::from(kind % 3);
    let file = TOML_FILES[kind];
    let mut diags = Diagnostics::new();
    if let Some(src) = source::decode(bytes.to_vec(), file, &mut diags) {
        let len = src.text.len();
        match kind {
            0 => drop(content::toml::parse::<RawFair>(&src, 0..len, &mut diags)),
            1 => drop(content::toml::parse::<RawVendor>(&src, 0..len, &mut diags)),
            _ => {
                if let Some(split) = frontmatter::split(&src, &mut diags) {
                    assert!(
                        split.front.start <= split.front.end
                            && split.front.end <= split.body.start
                            && split.body.end == len,
                        "front matter {:?} and body {:?} out of order",
                        split.front,
                        split.body
                    );
                    let _ = &src.text[split.body.clone()];
                    drop(content::toml::parse::<RawProduct>(
                        &src,
                        split.front,
                        &mut diags,
                    ));
                }
            }
        }
    }
    for d in diags.iter() {
        assert_eq!(d.file, file);
        if let Some((src, span)) = &d.at {
            assert!(
                span.start <= span.end
                    && span.end <= src.text.len()
                    && src.text.is_char_boundary(span.start)
                    && src.text.is_char_boundary(span.end),
                "span {span:?} of {:?} does not fit the text",
                d.problem
            );
        }
        for lang in [Lang::Es, Lang::En] {
            let text = render(d, lang, false);
            assert!(
                text.contains(file),
                "a problem that does not name its file: {text}"
            );
            assert!(!d.problem.message(lang).trim().is_empty());
        }
    }
    diags.len()
}

/// Longest plain text a markdown text may give, for `len` bytes of markdown: a few named
/// references (`&nGt;`) spell more bytes than they take; nothing else adds any.
fn plain_limit(len: usize) -> usize {
    2 * len + 16
}

/// Renders `data` (as text, invalid UTF-8 replaced) as a description is rendered: to sanitized
/// HTML ([`check::safe_html`]), to plain text (one line, single spaces, no growth beyond
/// [`plain_limit`]), to a summary (at most its length and an ellipsis) and to search words (a
/// stem is a prefix of its word, cut on a character boundary).
pub fn markdown(data: &[u8]) {
    let md = String::from_utf8_lossy(data);
    let html = markdown::to_html(&md);
    check::safe_html(&html);
    let plain = markdown::plain_text(&md);
    assert!(
        !plain.contains(['\n', '\r']) && !plain.contains("  ") && plain.trim() == plain,
        "plain text with stray white space: {plain:?}"
    );
    assert!(
        plain.len() <= plain_limit(md.len()),
        "plain text grew from {} to {} bytes",
        md.len(),
        plain.len()
    );
    let summary = markdown::summary(&plain, 160);
    assert!(
        summary.chars().count() <= 161,
        "summary too long: {summary:?}"
    );
    let lang = text::Language::new(if data.len().is_multiple_of(2) {
        Lang::Es
    } else {
        Lang::En
    });
    for word in text::words(&plain).take(2_000) {
        let n = lang.stem_len(&word);
        assert!(
            n <= word.folded.len() && word.folded.is_char_boundary(n),
            "stem of {word:?} cut at {n}"
        );
    }
}

/// Photos are decoded only up to this many pixels here: decoding larger ones (up to
/// [`decode::MAX_PIXELS`], accepted by design) would spend the fuzzer's time and memory limits on
/// allocations the decoder limits already bound, and find nothing a small photo does not.
pub const FUZZ_DECODE_PIXELS: u64 = 4_000_000;

/// What [`photo`] saw of one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoOutcome {
    /// The header was refused (with a problem, as the build reports it).
    Refused,
    /// The header was read; decoding was skipped (too large for fuzzing) or refused.
    HeaderOnly,
    /// Header read and pixels decoded.
    Decoded,
}

/// Reads a photo as the build does: the header (format sniffed from the bytes, size, EXIF
/// orientation, limits), then, when the header is accepted, the pixels at a size chosen by the
/// last byte. Invariants: the header's size is within the limits and its orientation 1–8; the
/// decoded picture is at most the header's size, at least the requested width (or the whole
/// width), with the header's proportions (so header and pixels agree on the orientation).
pub fn photo(data: &[u8]) -> PhotoOutcome {
    let Ok(header) = decode::header(data) else {
        return PhotoOutcome::Refused;
    };
    let (w, h) = (header.width, header.height);
    assert!(
        (1..=decode::MAX_SIDE).contains(&w)
            && (1..=decode::MAX_SIDE).contains(&h)
            && u64::from(w) * u64::from(h) <= decode::MAX_PIXELS
            && (1..=8).contains(&header.orientation),
        "header out of limits: {header:?}"
    );
    if u64::from(w) * u64::from(h) > FUZZ_DECODE_PIXELS {
        return PhotoOutcome::HeaderOnly;
    }
    let min_width = match data.last().map_or(0, |b| b % 3) {
        0 => 1,
        1 => w.div_ceil(3),
        _ => w,
    };
    let Ok(img) = decode::decode(data, min_width) else {
        return PhotoOutcome::HeaderOnly;
    };
    let (dw, dh) = img.dimensions();
    assert!(
        dw <= w && dh <= h && dw >= min_width,
        "decoded {dw}×{dh} for a header of {w}×{h} (asked {min_width} wide)"
    );
    // A reduced decode rounds each side up: the proportions differ by less than one pixel.
    let skew = (u64::from(dw) * u64::from(h)).abs_diff(u64::from(dh) * u64::from(w));
    assert!(
        skew <= u64::from(w) + u64::from(h),
        "decoded {dw}×{dh} does not have the header's {w}×{h} proportions"
    );
    PhotoOutcome::Decoded
}

/// A real vendor folder on disk to resolve photo paths in: `ana` with photos (one in a
/// sub-folder with an accented name), a link to one of her photos, a link to a file outside
/// the vendor folder and one to another vendor's photos folder.
pub struct Paths {
    _site: tempfile::TempDir,
    vendor: LoadedVendor,
    source: std::sync::Arc<Source>,
}

/// Where the vendor of [`Paths`] lives, relative to the site.
const PATHS_VENDOR: &str = "content/vendors/ana";

impl Paths {
    /// Makes the folder in a temporary directory (removed when dropped).
    pub fn new() -> std::io::Result<Paths> {
        let site = tempfile::tempdir()?;
        let root = site.path();
        let ana = root.join(PATHS_VENDOR);
        let files: &[(&str, &[u8])] = &[
            ("content/fair.toml", b"title = \"Feria\"\n"),
            ("content/vendors/ana/vendor.toml", b"name = \"Ana\"\n"),
            ("content/vendors/ana/photos/pan.jpg", b"\xFF\xD8\xFF"),
            ("content/vendors/ana/photos/Sub Dir/ñandú.png", b"\x89PNG"),
            ("content/vendors/ana/photos/notas.txt", b"hola"),
            ("content/vendors/otra/photos/x.jpg", b"\xFF\xD8\xFF"),
            ("secreto.jpg", b"\xFF\xD8\xFF"),
        ];
        for (path, bytes) in files {
            let path = root.join(path);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(path, bytes)?;
        }
        link(Path::new("pan.jpg"), &ana.join("photos/enlace.jpg"))?;
        link(
            Path::new("../../../../secreto.jpg"),
            &ana.join("photos/fuera.jpg"),
        )?;
        link(Path::new("../../otra/photos"), &ana.join("photos/otra"))?;
        let memory = content::Memory::default();
        let (mut loaded, _) =
            content::load_vendor_with(root, "ana", &content::Overrides::new(), &memory);
        let vendor = loaded
            .vendors
            .pop()
            .ok_or_else(|| std::io::Error::other("the vendor folder did not load"))?;
        let source = Source::new(format!("{PATHS_VENDOR}/vendor.toml"), "cover = \"?\"\n");
        Ok(Paths {
            _site: site,
            vendor,
            source,
        })
    }

    /// Slugs `data` (as text) and resolves it as a photo path written in `vendor.toml`.
    /// Invariants: the slug and sort key are `[a-z0-9-]*` without stray dashes, and slugging a
    /// slug changes nothing; a resolved photo is a file inside the vendor's folder (links
    /// followed), a refused one has an error that names `vendor.toml`. Returns whether it
    /// resolved.
    pub fn check(&self, data: &[u8]) -> bool {
        let written = String::from_utf8_lossy(data).into_owned();
        let slug = crate::model::slugify(&written);
        check::slug(&slug, &written);
        assert_eq!(
            crate::model::slugify(&slug),
            slug,
            "slugging {slug:?} again"
        );
        check::slug(&crate::model::sort_key(&written), &written);

        let mut registry = Registry::default();
        let mut diags = Diagnostics::new();
        let spanned = toml::Spanned::new(0..self.source.text.len(), written.clone());
        let id = registry.resolve(&self.vendor, &spanned, &self.source, &mut diags);
        let Some(id) = id else {
            assert!(diags.has_errors(), "{written:?} refused without a reason");
            for d in diags.iter() {
                assert!(render(d, Lang::Es, false).contains(&self.source.display));
            }
            return false;
        };
        assert!(diags.is_empty(), "{written:?} resolved with problems");
        let sources = registry.into_sources();
        let photo = &sources[id];
        let inside = self.vendor.canonical_dir.as_ref().is_some_and(|dir| {
            photo
                .path
                .canonicalize()
                .is_ok_and(|real| real.starts_with(dir))
        });
        assert!(
            inside && photo.path.is_file(),
            "{written:?} resolved to {:?}, outside the vendor folder",
            photo.path
        );
        true
    }
}

#[cfg(unix)]
fn link(target: &Path, at: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, at)
}

/// Without links (no permission to make them on Windows) the folder has none: the other paths
/// still run.
#[cfg(not(unix))]
fn link(_target: &Path, _at: &Path) -> std::io::Result<()> {
    Ok(())
}

//! Load: reads a site's `content/` folder into raw, typed data.
//!
//! Owns the walk over `content/` ([`folder`]), reading files ([`source`]), splitting product front
//! matter ([`frontmatter`]) and TOML parsing with every problem collected ([`toml`]). Returns a
//! [`Loaded`] site and never stops at one broken vendor: each vendor folder is read on its own
//! (in parallel) and its problems are added to the list.
//!
//! What a load may reuse from the builds before it is in its [`Memory`]: folder listings and
//! parsed files, each found again by the stamp of its folder or file.
//!
//! **Invariant:** nothing here writes to disk.

pub mod folder;
pub mod frontmatter;
pub mod source;
pub mod toml;

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rayon::prelude::*;

use crate::config::{RawFair, RawProduct, RawVendor};
use crate::diag::{Diagnostic, Diagnostics, Problem, Severity, Source};
use crate::fs::Stamp;

/// A site's content as read from disk.
#[derive(Debug)]
pub struct Loaded {
    /// The site folder.
    pub site_dir: PathBuf,
    /// `content/fair.toml`, when it could be read and parsed.
    pub fair: Option<LoadedFair>,
    /// Every vendor folder, sorted by folder name.
    pub vendors: Vec<LoadedVendor>,
}

/// `content/fair.toml`.
#[derive(Debug)]
pub struct LoadedFair {
    /// Its text.
    pub source: Arc<Source>,
    /// Its data.
    pub raw: RawFair,
}

/// One vendor folder.
#[derive(Debug)]
pub struct LoadedVendor {
    /// Folder name, as on disk.
    pub dir_name: String,
    /// Absolute folder path.
    pub dir: PathBuf,
    /// The folder with every link resolved (`None` when that failed), for "stays inside" checks.
    pub canonical_dir: Option<PathBuf>,
    /// `content/vendors/<dir_name>`, for display.
    pub display_dir: String,
    /// `vendor.toml`'s text and data; `None` when it is missing or broken (its products are still
    /// loaded, so their own problems are reported in the same run).
    pub vendor: Option<(Arc<Source>, RawVendor)>,
    /// `about.md`, when present.
    pub about: Option<Arc<Source>>,
    /// Every product file that parsed, sorted by file name.
    pub products: Vec<LoadedProduct>,
    /// Every file in the vendor folder, relative to it with `/` separators (for photo suggestions).
    pub files: Vec<String>,
    /// Those of [`files`](Self::files) that are plain files reached through plain folders (no
    /// link on the way), and whose path is written exactly so (no name made readable by the
    /// display form, such as one holding a `\`).
    pub plain: Vec<String>,
}

/// One `products/<product>.md`.
#[derive(Debug, Clone)]
pub struct LoadedProduct {
    /// File name without `.md`.
    pub file_stem: String,
    /// The file's text.
    pub source: Arc<Source>,
    /// Front matter data.
    pub raw: RawProduct,
    /// Byte range of the markdown body in `source.text`.
    pub body: Range<usize>,
}

/// What loads remember for the next (see [`crate::memory`]).
pub struct Memory {
    /// Folder listings, by folder, with the folder's stamp (see [`folder`]).
    listings: Mutex<HashMap<PathBuf, (Stamp, folder::Listing)>>,
    /// Files read and parsed, by path, with the file's stamp (see [`remembered`]).
    files: Mutex<HashMap<PathBuf, Remembered>>,
    /// How old a file's or folder's last change must be for what was read of it to be
    /// remembered ([`folder::SETTLED`]; `serve`'s tests set 0).
    pub settle: Duration,
}

impl Default for Memory {
    fn default() -> Memory {
        Memory {
            listings: Mutex::default(),
            files: Mutex::default(),
            settle: folder::SETTLED,
        }
    }
}

impl Memory {
    /// A memory that keeps nothing (for a build no other build follows): no file or folder is
    /// ever settled long enough to be remembered.
    pub fn once() -> Memory {
        Memory {
            settle: Duration::MAX,
            ..Memory::default()
        }
    }
}

/// Reads `site_dir/content/`, taking unchanged folders and files from `memory`.
pub fn load(site_dir: &Path, memory: &Memory) -> (Loaded, Diagnostics) {
    let (mut loaded, mut diags) = load_fair(site_dir);
    let content = site_dir.join("content");
    let vendors_dir = content.join("vendors");
    let mut dirs: Vec<(String, PathBuf)> = Vec::new();
    if vendors_dir.is_dir() {
        for entry in folder::walk(&vendors_dir, 1, memory) {
            let name = entry
                .path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            if name.starts_with('.') {
                continue;
            }
            if entry.kind == folder::Kind::Dir {
                dirs.push((name, entry.path));
            } else {
                diags.push(Diagnostic::file(
                    Severity::Warning,
                    format!("content/vendors/{name}"),
                    Problem::StrayFile,
                ));
            }
        }
    }

    let canonical_vendors = vendors_dir.canonicalize().ok();
    let results: Vec<(Option<LoadedVendor>, Diagnostics)> = dirs
        .par_iter()
        .map(|(name, dir)| {
            // The walk does not follow links: a vendor folder is a plain folder in vendors/,
            // resolved once for all of them.
            let canonical = canonical_vendors
                .as_ref()
                .zip(dir.file_name())
                .map(|(c, f)| c.join(f));
            load_vendor(name, dir, canonical, memory, &Overrides::new())
        })
        .collect();
    for (v, d) in results {
        diags.extend(d);
        loaded.vendors.extend(v);
    }
    (loaded, diags)
}

/// Files of a vendor folder replaced in memory, by path relative to the folder with `/`
/// separators (`vendor.toml`, `products/alfajores.md`): `Some(text)` read instead of the disk
/// (or added when the disk has no such file), `None` taken as deleted.
pub type Overrides = HashMap<String, Option<String>>;

/// The fair and one vendor folder (`content/vendors/<dir_name>`), read as [`load`] reads them
/// but with `overrides` in place of the files on disk: the editor checks what a save would
/// leave before writing it. The result holds only that vendor.
pub fn load_vendor_with(
    site_dir: &Path,
    dir_name: &str,
    overrides: &Overrides,
    memory: &Memory,
) -> (Loaded, Diagnostics) {
    let (mut loaded, mut diags) = load_fair(site_dir);
    let vendors_dir = site_dir.join("content/vendors");
    let dir = vendors_dir.join(dir_name);
    let canonical = vendors_dir.canonicalize().ok().map(|c| c.join(dir_name));
    let (vendor, d) = load_vendor(dir_name, &dir, canonical, memory, overrides);
    diags.extend(d);
    loaded.vendors.extend(vendor);
    (loaded, diags)
}

/// `content/fair.toml` alone (no vendors yet).
fn load_fair(site_dir: &Path) -> (Loaded, Diagnostics) {
    let mut diags = Diagnostics::new();
    let fair_path = site_dir.join("content").join("fair.toml");
    let fair = if fair_path.is_file() {
        source::read(&fair_path, "content/fair.toml", &mut diags).and_then(|src| {
            let len = src.text.len();
            toml::parse::<RawFair>(&src, 0..len, &mut diags)
                .map(|raw| LoadedFair { source: src, raw })
        })
    } else {
        diags.push(Diagnostic::file(
            Severity::Error,
            "content/fair.toml",
            Problem::NoFairToml,
        ));
        None
    };
    let loaded = Loaded {
        site_dir: site_dir.to_path_buf(),
        fair,
        vendors: Vec::new(),
    };
    (loaded, diags)
}

fn load_vendor(
    name: &str,
    dir: &Path,
    canonical_dir: Option<PathBuf>,
    memory: &Memory,
    overrides: &Overrides,
) -> (Option<LoadedVendor>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let display_dir = format!("content/vendors/{name}");

    let mut files = Vec::new();
    let mut product_files = Vec::new();
    let mut plain = Vec::new();
    for entry in folder::walk(dir, 4, memory) {
        let Ok(rel) = entry.path.strip_prefix(dir) else {
            continue;
        };
        let rel = crate::diag::display_path(rel);
        if overrides.get(&rel).is_some_and(Option::is_none) {
            continue;
        }
        if entry.kind == folder::Kind::Link {
            // A link counts only when it points at a file inside this vendor's folder; a text
            // file linked from elsewhere would publish whatever it points at.
            let inside = match (entry.path.canonicalize(), canonical_dir.as_ref()) {
                (Ok(target), Some(d)) => target.starts_with(d) && target.is_file(),
                _ => false,
            };
            if !inside {
                if !rel.starts_with("photos/") {
                    diags.push(Diagnostic::file(
                        Severity::Error,
                        format!("{display_dir}/{rel}"),
                        Problem::LinkOutside,
                    ));
                }
                continue;
            }
        } else if entry.kind != folder::Kind::File {
            continue;
        } else if entry
            .path
            .strip_prefix(dir)
            .ok()
            .and_then(|r| r.to_str())
            .is_some_and(|exact| exact == rel)
        {
            plain.push(rel.clone());
        }
        let file_name = entry.path.file_name().unwrap_or_default().to_string_lossy();
        if file_name.starts_with('.') {
            continue;
        }
        if let Some(p) = rel.strip_prefix("products/") {
            if !p.contains('/') && p.to_lowercase().ends_with(".md") {
                product_files.push(entry.path.clone());
            } else {
                diags.push(Diagnostic::file(
                    Severity::Warning,
                    format!("{display_dir}/{rel}"),
                    Problem::StrayFile,
                ));
            }
        }
        files.push(rel);
    }
    // Files a save adds: plain files of the folder, in the listing's order.
    let mut added: Vec<&String> = overrides
        .iter()
        .filter(|(rel, text)| text.is_some() && !files.contains(rel))
        .map(|(rel, _)| rel)
        .collect();
    added.sort();
    for rel in added {
        if let Some(p) = rel.strip_prefix("products/") {
            if !p.contains('/') && p.to_lowercase().ends_with(".md") {
                product_files.push(dir.join(rel));
            }
        }
        files.push(rel.clone());
        plain.push(rel.clone());
    }
    product_files.sort();
    let replaced = |rel: &str, display: &str, diags: &mut Diagnostics| {
        overrides
            .get(rel)
            .and_then(Option::as_ref)
            .map(|text| source::decode(text.clone().into_bytes(), display, diags))
    };

    let vendor_toml = dir.join("vendor.toml");
    let listed = |rel: &str| files.iter().any(|f| f == rel);
    let vendor = if listed("vendor.toml") {
        let display = format!("{display_dir}/vendor.toml");
        let (vendor, d) = remembered(&vendor_toml, memory, overrides, |diags| {
            let src = replaced("vendor.toml", &display, diags)
                .unwrap_or_else(|| source::read(&vendor_toml, &display, diags));
            Parsed::Vendor(src.and_then(|src| {
                let len = src.text.len();
                toml::parse::<RawVendor>(&src, 0..len, diags).map(|raw| Box::new((src, raw)))
            }))
        });
        diags.extend(d);
        match vendor {
            Parsed::Vendor(v) => v.map(|v| *v),
            _ => None,
        }
    } else {
        diags.push(Diagnostic::file(
            Severity::Error,
            format!("{display_dir}/vendor.toml"),
            Problem::NoVendorToml,
        ));
        None
    };

    let about_path = dir.join("about.md");
    let about = if listed("about.md") {
        let display = format!("{display_dir}/about.md");
        let (about, d) = remembered(&about_path, memory, overrides, |diags| {
            let src = replaced("about.md", &display, diags)
                .unwrap_or_else(|| source::read(&about_path, &display, diags));
            Parsed::About(src)
        });
        diags.extend(d);
        match about {
            Parsed::About(a) => a,
            _ => None,
        }
    } else {
        None
    };

    let mut products = Vec::new();
    for path in product_files {
        let (product, d) = load_product(&path, &display_dir, memory, overrides);
        diags.extend(d);
        products.extend(product);
    }

    let vendor = LoadedVendor {
        dir_name: name.to_string(),
        dir: dir.to_path_buf(),
        canonical_dir,
        display_dir,
        vendor,
        about,
        products,
        files,
        plain,
    };
    (Some(vendor), diags)
}

/// What one file of a vendor folder parsed into.
#[derive(Clone)]
enum Parsed {
    Product(Option<Box<LoadedProduct>>),
    Vendor(Option<Box<(Arc<Source>, RawVendor)>>),
    About(Option<Arc<Source>>),
}

/// A file already read, with the [`Stamp`] its file had: `serve` loads the whole site after every
/// save, and reading and parsing every product and vendor file again was a large part of a
/// rebuild after one edit. A file whose size, times or inode changed is read again (the stamp is
/// taken before reading, so a file changed meanwhile is never remembered as older than it is),
/// and a file changed in the last [`Memory::settle`] is not remembered at all.
type Remembered = (Stamp, Parsed, Diagnostics);

/// What `parse` makes of the file at `path`, taken from `memory` while the file is unchanged.
fn remembered(
    path: &Path,
    memory: &Memory,
    overrides: &Overrides,
    parse: impl FnOnce(&mut Diagnostics) -> Parsed,
) -> (Parsed, Diagnostics) {
    if !overrides.is_empty() {
        // A folder with files replaced in memory is read as it is now, and not remembered.
        let mut diags = Diagnostics::new();
        let parsed = parse(&mut diags);
        return (parsed, diags);
    }
    let meta = std::fs::metadata(path).ok();
    let stamp = meta.as_ref().map(crate::fs::stamp_of);
    let memo = &memory.files;
    if let Some(stamp) = stamp {
        if let Some((_, p, d)) = memo
            .lock()
            .ok()
            .and_then(|m| m.get(path).filter(|(s, _, _)| *s == stamp).cloned())
        {
            return (p, d);
        }
    }
    let mut diags = Diagnostics::new();
    let parsed = parse(&mut diags);
    // As for folders (see folder::SETTLED): a file changed within the last tick of a coarse
    // file-system clock could change again with the same stamp; it is read again until then.
    let settled = meta
        .as_ref()
        .is_some_and(|m| folder::settled(m, memory.settle));
    if let (Some(stamp), true, Ok(mut m)) = (stamp, settled, memo.lock()) {
        if m.len() >= 100_000 {
            m.clear();
        }
        m.insert(path.to_path_buf(), (stamp, parsed.clone(), diags.clone()));
    }
    (parsed, diags)
}

/// Reads and parses one product file (or takes it from `memory`).
fn load_product(
    path: &Path,
    display_dir: &str,
    memory: &Memory,
    overrides: &Overrides,
) -> (Option<LoadedProduct>, Diagnostics) {
    let (parsed, diags) = remembered(path, memory, overrides, |diags| {
        let file_name = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        let display = format!("{display_dir}/products/{file_name}");
        let src = match overrides.get(&format!("products/{file_name}")) {
            Some(Some(text)) => source::decode(text.clone().into_bytes(), &display, diags),
            _ => source::read(path, &display, diags),
        };
        Parsed::Product(src.and_then(|src| {
            let split = frontmatter::split(&src, diags)?;
            let raw = toml::parse::<RawProduct>(&src, split.front.clone(), diags)?;
            Some(Box::new(LoadedProduct {
                file_stem: file_name[..file_name.len() - 3].to_string(),
                source: src,
                raw,
                body: split.body,
            }))
        }))
    });
    match parsed {
        Parsed::Product(p) => (p.map(|p| *p), diags),
        _ => (None, diags),
    }
}

#[cfg(test)]
mod robustness {
    //! Mangled files must give diagnostics, never a panic — including when the diagnostics are
    //! rendered with their excerpts (the renderer slices the text by the reported spans).

    use super::*;
    use crate::config::RawVendor;
    use crate::diag::render::render;
    use crate::i18n::Lang;

    const PRODUCT: &str = "+++\nname = \"Alfajores de maicena\"\nprice = 6.50\nprice_note = \"por docena\"\nphotos = [\n  { src = \"photos/alfajor.jpg\", alt = \"Alfajores con azúcar\" },\n]\ntags = [\"dulce\", \"niño\"]\navailable = true\norder = 3\n+++\n# Ricos\n\n**Pedidos** por WhatsApp. ñandú\n";
    const VENDOR: &str = "name = \"Dulces Rosita\"\nowner = \"Rosa\"\ncategories = [\"alimentos\"]\ncover = { src = \"photos/p.jpg\", alt = \"Puesto\" }\npayment = [\"yape\", \"plin\"]\n[contact]\nwhatsapp = \"+51 987 654 321\"\n";

    /// xorshift: deterministic, no dependency.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    fn mangle(rng: &mut Rng, base: &str) -> Vec<u8> {
        let mut b = base.as_bytes().to_vec();
        let pieces: [&[u8]; 12] = [
            b"\"", b"[", b"]", b"{", b"}", b"=", b"\n", b"+++", b"\xC3", b"\xFF", b"\r\n", b"---",
        ];
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(b.len() + 1);
            match rng.below(3) {
                0 if !b.is_empty() => {
                    let end = (at + 1 + rng.below(8)).min(b.len());
                    b.drain(at.min(b.len())..end);
                }
                1 => {
                    let p = pieces[rng.below(pieces.len())];
                    b.splice(at..at, p.iter().copied());
                }
                _ => {
                    if at < b.len() {
                        b[at] = rng.next() as u8;
                    }
                }
            }
        }
        b
    }

    #[test]
    fn mangled_product_and_vendor_files_never_panic() {
        let mut rng = Rng(0x5eed_1234_abcd_ef01);
        let mut with_problems = 0;
        for i in 0..3000 {
            let mut diags = Diagnostics::new();
            if i % 2 == 0 {
                let bytes = mangle(&mut rng, PRODUCT);
                if let Some(src) = source::decode(bytes, "p.md", &mut diags) {
                    if let Some(split) = frontmatter::split(&src, &mut diags) {
                        let _ = toml::parse::<RawProduct>(&src, split.front, &mut diags);
                    }
                }
            } else {
                let bytes = mangle(&mut rng, VENDOR);
                if let Some(src) = source::decode(bytes, "vendor.toml", &mut diags) {
                    let len = src.text.len();
                    let _ = toml::parse::<RawVendor>(&src, 0..len, &mut diags);
                }
            }
            with_problems += usize::from(!diags.is_empty());
            for d in diags.iter() {
                for lang in [Lang::Es, Lang::En] {
                    assert!(!render(d, lang, false).is_empty());
                }
            }
        }
        // The mangling really produces broken files (otherwise this test proves nothing).
        assert!(
            with_problems > 1000,
            "only {with_problems} of 3000 mangled files had problems"
        );
    }
}

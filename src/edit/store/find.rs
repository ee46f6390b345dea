//! Finding a vendor's files from what a session knows, never from a path a browser sent: a vendor
//! by slug among the plain folders of `content/vendors/`, a product by its file stem among her
//! `products/*.md`, a photo by its file name among the files of her `photos/`. Links are never
//! followed (a link could lead out of her folder).

use std::fs;
use std::path::{Path, PathBuf};

use crate::model::slugify;

/// A vendor folder.
#[derive(Debug, Clone)]
pub struct Folder {
    /// Its name, as on disk.
    pub dir_name: String,
    /// Its path.
    pub dir: PathBuf,
    /// Its slug.
    pub slug: String,
}

/// The plain entries of `dir` (no links), sorted by name: (name, is a folder).
fn plain_entries(dir: &Path) -> Vec<(String, bool)> {
    let Ok(read) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, bool)> = read
        .filter_map(Result::ok)
        .filter_map(|e| {
            let kind = e.file_type().ok()?;
            let name = e.file_name().into_string().ok()?;
            if name.starts_with('.') || kind.is_symlink() {
                return None;
            }
            (kind.is_dir() || kind.is_file()).then_some((name, kind.is_dir()))
        })
        .collect();
    out.sort();
    out
}

/// Every vendor folder with a slug, sorted by folder name.
pub fn vendors(site_dir: &Path) -> Vec<Folder> {
    let vendors = site_dir.join("content").join("vendors");
    plain_entries(&vendors)
        .into_iter()
        .filter(|(_, is_dir)| *is_dir)
        .filter_map(|(name, _)| {
            let slug = slugify(&name);
            (!slug.is_empty()).then(|| Folder {
                dir: vendors.join(&name),
                dir_name: name,
                slug,
            })
        })
        .collect()
}

/// The vendor folder of `slug` (the first by name when two folders share it).
pub fn vendor(site_dir: &Path, slug: &str) -> Option<Folder> {
    vendors(site_dir).into_iter().find(|f| f.slug == slug)
}

/// Whether `path` is a plain folder (not a link to one), or does not exist yet.
pub fn plain_or_missing_dir(path: &Path) -> bool {
    match fs::symlink_metadata(path) {
        Ok(meta) => meta.is_dir(),
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    }
}

/// The entries of her subfolder `sub` (`products`, `photos`): none when it is a link.
fn her_entries(dir: &Path, sub: &str) -> Vec<(String, bool)> {
    let path = dir.join(sub);
    if !plain_or_missing_dir(&path) {
        return Vec::new();
    }
    plain_entries(&path)
}

/// The bytes of a plain file of her folder (`None` when missing, a link or unreadable).
pub fn read_plain(path: &Path) -> Option<Vec<u8>> {
    let meta = fs::symlink_metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    fs::read(path).ok()
}

/// Her product file stems (`products/<stem>.md`), sorted.
pub fn product_stems(dir: &Path) -> Vec<String> {
    her_entries(dir, "products")
        .into_iter()
        .filter(|(name, is_dir)| !*is_dir && name.to_lowercase().ends_with(".md"))
        .map(|(name, _)| name[..name.len() - 3].to_string())
        .collect()
}

/// The path of her product `stem`, when it is in her listing.
pub fn product(dir: &Path, stem: &str) -> Option<PathBuf> {
    let stems = product_stems(dir);
    stems
        .iter()
        .any(|s| s == stem)
        .then(|| dir.join("products").join(format!("{stem}.md")))
}

/// Whether `name` is a plain file name (no folder, no `..`, not hidden).
pub fn plain_name(name: &str) -> bool {
    !name.is_empty() && !name.contains(['/', '\\', '\0']) && !name.starts_with('.') && name != ".."
}

/// Her photo files (names in `photos/`), sorted.
pub fn photos(dir: &Path) -> Vec<String> {
    her_entries(dir, "photos")
        .into_iter()
        .filter(|(name, is_dir)| !*is_dir && plain_name(name))
        .map(|(name, _)| name)
        .collect()
}

/// A stem for `name` free in her `products/` (no other stem with the same address): the slug,
/// then `-2`, `-3`…
pub fn free_stem(dir: &Path, name: &str) -> String {
    let base = match slugify(name) {
        s if s.is_empty() => "producto".to_string(),
        s => s,
    };
    let taken: Vec<String> = product_stems(dir).iter().map(|s| slugify(s)).collect();
    let mut stem = base.clone();
    let mut n = 2;
    while taken.contains(&stem) {
        stem = format!("{base}-{n}");
        n += 1;
    }
    stem
}

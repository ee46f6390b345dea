//! Nothing lost: before a file is replaced, its bytes are kept in
//! `SITE/.vitrina/history/<vendor>/<key>/<unix-millis>.<ext>` (the entry's key is `entry`, with
//! `vendor.toml` as `.toml` and `about.md` as `.md` under the same time; a product's is
//! `products/<stem>`), and a deleted product goes to `SITE/.vitrina/bin/<vendor>/<millis>-<stem>.md`.
//! Every write is atomic ([`crate::fs::write_atomic`]). A kept version is found again by its id
//! among the files of its folder, never by a path built from what a browser sent.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A kept version's files.
pub struct Version {
    /// `vendor.toml` or the product file.
    pub main: Option<Vec<u8>>,
    /// `about.md` (entries only).
    pub about: Option<Vec<u8>>,
}

/// Now, in milliseconds since 1970.
fn now_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// When `millis` was.
pub fn time_of(millis: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(millis)
}

/// `SITE/.vitrina/<part>/<slug>/<key>`, created (the private folder first).
fn folder(site_dir: &Path, part: &str, slug: &str, key: &str) -> io::Result<PathBuf> {
    let private = crate::edit::access::ensure_private_dir(site_dir)?;
    let dir = private.join(part).join(slug).join(key);
    fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// Where `key`'s versions are (not created).
fn history_dir(site_dir: &Path, slug: &str, key: &str) -> PathBuf {
    crate::edit::private_dir(site_dir)
        .join("history")
        .join(slug)
        .join(key)
}

/// Keeps the current bytes of a file (and, for an entry, of `about.md`) before they are
/// replaced; nothing when neither exists.
pub fn keep(
    site_dir: &Path,
    slug: &str,
    key: &str,
    main: Option<&[u8]>,
    about: Option<&[u8]>,
) -> io::Result<()> {
    if main.is_none() && about.is_none() {
        return Ok(());
    }
    let dir = folder(site_dir, "history", slug, key)?;
    let (main_ext, about_ext) = exts(key);
    let mut id = now_millis();
    while dir.join(format!("{id}.{main_ext}")).exists() || dir.join(format!("{id}.md")).exists() {
        id += 1;
    }
    if let Some(bytes) = main {
        crate::fs::write_atomic(&dir.join(format!("{id}.{main_ext}")), bytes)?;
    }
    if let (Some(bytes), Some(ext)) = (about, about_ext) {
        crate::fs::write_atomic(&dir.join(format!("{id}.{ext}")), bytes)?;
    }
    Ok(())
}

/// The extension of a key's main file, and of its second file (entries: `about.md`).
fn exts(key: &str) -> (&'static str, Option<&'static str>) {
    if key == "entry" {
        ("toml", Some("md"))
    } else {
        ("md", None)
    }
}

/// The ids of `key`'s kept versions, newest first.
pub fn ids(site_dir: &Path, slug: &str, key: &str) -> Vec<u64> {
    let Ok(read) = fs::read_dir(history_dir(site_dir, slug, key)) else {
        return Vec::new();
    };
    let mut ids: Vec<u64> = read
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            name.split('.').next()?.parse().ok()
        })
        .collect();
    ids.sort_unstable_by(|a, b| b.cmp(a));
    ids.dedup();
    ids
}

/// The kept version `id` (text as sent: only digits of a listed version are accepted).
pub fn version(site_dir: &Path, slug: &str, key: &str, id: &str) -> Option<Version> {
    let id: u64 = id
        .parse()
        .ok()
        .filter(|_| id.bytes().all(|b| b.is_ascii_digit()))?;
    if !ids(site_dir, slug, key).contains(&id) {
        return None;
    }
    let dir = history_dir(site_dir, slug, key);
    let (main_ext, about_ext) = exts(key);
    let main = fs::read(dir.join(format!("{id}.{main_ext}"))).ok();
    let about = about_ext.and_then(|ext| fs::read(dir.join(format!("{id}.{ext}"))).ok());
    Some(Version { main, about })
}

/// Moves a product file to the bin (its bytes written there first, then the file removed).
pub fn to_bin(site_dir: &Path, slug: &str, stem: &str, path: &Path) -> io::Result<()> {
    let bytes = fs::read(path)?;
    let dir = folder(site_dir, "bin", slug, "")?;
    let mut id = now_millis();
    while dir.join(format!("{id}-{stem}.md")).exists() {
        id += 1;
    }
    crate::fs::write_atomic(&dir.join(format!("{id}-{stem}.md")), &bytes)?;
    fs::remove_file(path)
}

/// Her deleted products: (id `<millis>-<stem>`, millis, stem), newest first.
pub fn binned(site_dir: &Path, slug: &str) -> Vec<(String, u64, String)> {
    let dir = crate::edit::private_dir(site_dir).join("bin").join(slug);
    let Ok(read) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, u64, String)> = read
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let id = name.strip_suffix(".md")?;
            let (millis, stem) = id.split_once('-')?;
            Some((id.to_string(), millis.parse().ok()?, stem.to_string()))
        })
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// The bytes of a deleted product (`id` must be one of [`binned`]'s) and its stem.
pub fn from_bin(site_dir: &Path, slug: &str, id: &str) -> Option<(Vec<u8>, String, PathBuf)> {
    let (_, _, stem) = binned(site_dir, slug)
        .into_iter()
        .find(|(i, _, _)| i == id)?;
    let path = crate::edit::private_dir(site_dir)
        .join("bin")
        .join(slug)
        .join(format!("{id}.md"));
    Some((fs::read(&path).ok()?, stem, path))
}

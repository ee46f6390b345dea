//! Write: the only module that creates files in the output folder.
//!
//! A build writes into a [`Tree`]: a [`Staging`] folder beside the output, swapped in place of
//! the old output only when the build has no error (`build`), or the served folder updated file
//! by file ([`live::Live`], `serve`). A failed or interrupted build leaves the previous output
//! untouched, and the output is always exactly one build: no stale files from an earlier one.
//!
//! Files: [`guard`] (which folders may be replaced, checked first), `staging.rs` ([`Staging`]),
//! [`live`], [`ledger`] (what the last builds left, to keep files without reading them),
//! `leftovers.rs` (the lock files that tell a killed build's folders from a running one's).
//! Failures are typed ([`crate::diag::messages::machine::Failure`]) and name the path.
//!
//! **Invariant:** nothing is ever written into `content/`, `themes/` or `static/`; an output
//! folder that would contain or sit inside them is refused ([`check_out_dir`]).

use std::fs;
use std::io;
use std::path::{Component, Path};

use anyhow::Result;
use walkdir::WalkDir;

use crate::diag::messages::machine::{Failure, Kind};

pub mod guard;
pub mod ledger;
mod leftovers;
pub mod live;
mod staging;

pub use guard::{check_cache_dir, check_out_dir, check_out_dir_against, MARKER};
use ledger::Entry;
pub use staging::Staging;

/// Where a build's files go: a [`Staging`] folder swapped in whole (`build`), or the served
/// folder updated in place ([`live::Live`], `serve`). What images need of it (write a file, keep
/// one already there) is [`crate::images::Out`], so images never depends on this module.
pub trait Tree: crate::images::Out {
    /// Writes one file at `rel` (a `/` separated path that must stay inside the output) made
    /// from `recipe` (0: none).
    fn put(&self, rel: &str, bytes: &[u8], recipe: u64) -> io::Result<()>;

    /// Keeps the page at `rel` (it counts as written) when the output already holds it as made
    /// from `recipe`; false when it must be rendered.
    fn keep_made(&self, rel: &str, recipe: u64) -> bool;

    /// What the build wrote and kept so far: each file's path and xxh3, sorted by path.
    fn files(&self) -> Vec<(String, u64)>;

    /// Writes a page made from `recipe` (see [`Tree::keep_made`]).
    fn write_made(&self, rel: &str, bytes: &[u8], recipe: u64) -> io::Result<()> {
        self.put(rel, bytes, recipe)
    }

    /// Copies a folder's files (not links) into the output, keeping their relative paths.
    /// Files already written are replaced (site `static/` is copied after the theme's).
    fn copy_tree(&self, from: &Path) -> Result<usize> {
        if !from.is_dir() {
            return Ok(0);
        }
        let mut n = 0;
        for entry in WalkDir::new(from).follow_links(false) {
            let entry = entry.map_err(|e| {
                let path = e.path().unwrap_or(from).to_path_buf();
                match e.io_error() {
                    Some(io) => Failure::io(Kind::Read, path, io),
                    None => Failure::new(Kind::Read, path),
                }
            })?;
            // Files only; hidden ones (.gitkeep, .DS_Store) are not published.
            if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.')
            {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(from) else {
                continue;
            };
            let rel = crate::diag::display_path(rel);
            // Through `put`, like every file: the ledger always knows what a file holds.
            let bytes =
                fs::read(entry.path()).map_err(|e| Failure::io(Kind::Read, entry.path(), &e))?;
            self.put(&rel, &bytes, 0)?;
            n += 1;
        }
        Ok(n)
    }
}

/// `rel` as a relative path, refused when it would leave the output (`..`, absolute, empty).
fn checked_rel(rel: &str) -> io::Result<&Path> {
    let p = Path::new(rel);
    if rel.is_empty() || p.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Err(Failure::new(Kind::OutsideOutput, rel).into_io());
    }
    Ok(p)
}

/// One hash of a list of files as [`Tree::files`] gives it (paths and bytes).
pub fn digest(files: &[(String, u64)]) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for (rel, hash) in files {
        h.update(rel.as_bytes());
        h.update(&[0]);
        h.update(&hash.to_le_bytes());
    }
    h.digest()
}

/// Each file's path and hash, sorted by path.
fn sorted_files(entries: impl Iterator<Item = (String, Entry)>) -> Vec<(String, u64)> {
    let mut files: Vec<(String, u64)> = entries.map(|(rel, e)| (rel, e.hash)).collect();
    files.sort_unstable();
    files
}

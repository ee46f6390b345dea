//! `serve`'s output after its first build: the served folder updated in place, file by file.
//!
//! A [`Staging`](super::Staging) build checks every file of the tree it rewrites (a `stat` each,
//! thousands of photos) and swaps whole folders. `serve` knows exactly what the folder it serves
//! holds, because it wrote it: the path, hash and recipe of every file, kept in memory from the
//! last commit. A rebuild then only compares hashes and recipes against that list; the files
//! that differ are written into a side folder and, when the whole build succeeded, renamed into
//! the served folder one by one (a reader gets the old file or the new one, never half of
//! one); files the build no longer makes are removed. A failed build leaves the served folder
//! as it was. Anything changed in the served folder behind `serve`'s back is not seen; the
//! folder is `serve`'s own (`.vitrina-serve/`), and `serve` goes back to a full swap whenever a
//! commit fails.

use rustc_hash::{FxHashMap, FxHashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use anyhow::Result;

use super::guard::{MARKER, MARKER_TEXT};
use super::ledger::Entry;
use super::leftovers::Claim;
use super::{checked_rel, Tree};
use crate::diag::messages::machine::{Failure, Kind};
use crate::fs::Stamp;
use crate::images::Out;

/// What a folder holds, by path: as [`Live::commit`] returns it and [`Live::create`] takes it.
pub type Manifest = FxHashMap<String, Entry>;

/// One build's changes to the served folder.
#[derive(Debug)]
pub struct Live {
    out: PathBuf,
    known: std::sync::Arc<Manifest>,
    now: Mutex<Manifest>,
    changed: Mutex<FxHashSet<String>>,
    committed: bool,
    /// The side folder the changed files are written into, and the lock that keeps it from
    /// being swept as a killed build's while this one runs (released only after `drop` or
    /// `commit` has removed the folder).
    claim: Claim,
}

impl Live {
    /// Starts a build of `out`, which holds `known`.
    pub fn create(out: &Path, known: std::sync::Arc<Manifest>) -> Result<Live> {
        let out = crate::fs::absolute(out);
        let parent = out.parent().map(Path::to_path_buf).unwrap_or_default();
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let cannot_prepare = |e: io::Error| Failure::wrap(Kind::CreateOutput, &out, e);
        fs::create_dir_all(&parent).map_err(cannot_prepare)?;
        // Named like a staging folder, so an interrupted build's is swept the same way.
        let claim = Claim::new(&parent, &format!(".{name}.tmp-")).map_err(cannot_prepare)?;
        fs::create_dir(claim.folder()).map_err(cannot_prepare)?;
        Ok(Live {
            out,
            known,
            now: Mutex::new(Manifest::default()),
            changed: Mutex::new(FxHashSet::default()),
            committed: false,
            claim,
        })
    }

    fn note(&self, rel: &str, entry: Entry) {
        if let Ok(mut now) = self.now.lock() {
            now.insert(rel.to_string(), entry);
        }
    }

    /// Moves the changed files into the served folder and removes the ones no longer made.
    /// Returns what the folder holds now.
    pub fn commit(mut self) -> Result<Manifest> {
        self.write(MARKER, MARKER_TEXT)?;
        let changed =
            std::mem::take(&mut *self.changed.lock().unwrap_or_else(PoisonError::into_inner));
        let now = std::mem::take(&mut *self.now.lock().unwrap_or_else(PoisonError::into_inner));
        // A file and a folder of this same build at one place is a conflict, as it is in a
        // fresh folder: an error before anything moves, never a file of this build deleted to
        // make room for another.
        for rel in &changed {
            if let Some(other) = clash(&now, rel) {
                let clash = Kind::InTheWay { other: Some(other) };
                return Err(Failure::new(clash, self.out.join(rel)).into());
            }
        }
        // Photos, styles and data before the pages that use them.
        let mut changed: Vec<String> = changed.into_iter().collect();
        changed.sort_by_key(|rel| (rel.ends_with(".html"), rel.clone()));
        for rel in &changed {
            let from = self.claim.folder().join(rel);
            let to = self.out.join(rel);
            make_room(&self.out, &to)
                .and_then(|()| fs::rename(&from, &to))
                .map_err(|e| Failure::io(Kind::Write, &to, &e))?;
        }
        for rel in self.known.keys().filter(|k| !now.contains_key(*k)) {
            let path = self.out.join(rel);
            fs::remove_file(&path).ok();
            // Folders left empty go too (a removed product's folder).
            let mut dir = path.parent();
            while let Some(d) = dir.filter(|d| *d != self.out) {
                if fs::remove_dir(d).is_err() {
                    break;
                }
                dir = d.parent();
            }
        }
        self.committed = true;
        fs::remove_dir_all(self.claim.folder()).ok();
        Ok(now)
    }
}

/// Another file of this build that would be a folder above `rel`, or lies under `rel`.
fn clash(now: &Manifest, rel: &str) -> Option<String> {
    let mut at = rel;
    while let Some((parent, _)) = at.rsplit_once('/') {
        if now.contains_key(parent) {
            return Some(parent.to_string());
        }
        at = parent;
    }
    let below = format!("{rel}/");
    now.keys().find(|p| p.starts_with(&below)).cloned()
}

/// Clears the way for a file at `to` inside `out`: a file where a folder must be, or a folder
/// where the file goes, is removed (the build no longer makes it).
fn make_room(out: &Path, to: &Path) -> io::Result<()> {
    if let Some(parent) = to.parent() {
        if fs::create_dir_all(parent).is_err() {
            let mut at = out.to_path_buf();
            for part in parent.strip_prefix(out).unwrap_or(parent).components() {
                at.push(part);
                if fs::symlink_metadata(&at).is_ok_and(|m| !m.is_dir()) {
                    fs::remove_file(&at)?;
                }
            }
            fs::create_dir_all(parent)?;
        }
    }
    if fs::symlink_metadata(to).is_ok_and(|m| m.is_dir()) {
        fs::remove_dir_all(to)?;
    }
    Ok(())
}

impl Out for Live {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.put(rel, bytes, 0)
    }

    fn keep_if_same(&self, rel: &str, _len: u64, hash: u64) -> bool {
        match self.known.get(rel) {
            Some(e) if e.hash == hash => {
                self.note(rel, *e);
                true
            }
            _ => false,
        }
    }
}

impl Tree for Live {
    fn files(&self) -> Vec<(String, u64)> {
        let now = self.now.lock().map(|n| n.clone()).unwrap_or_default();
        super::sorted_files(now.into_iter())
    }

    /// Writes one file into the side folder; a failure names the served file it was for.
    fn put(&self, rel: &str, bytes: &[u8], recipe: u64) -> io::Result<()> {
        self.put_aside(rel, bytes, recipe)
            .map_err(|e| Failure::wrap(Kind::Write, self.out.join(rel), e))
    }

    fn keep_made(&self, rel: &str, recipe: u64) -> bool {
        match self.known.get(rel) {
            Some(e) if recipe != 0 && e.recipe == recipe => {
                self.note(rel, *e);
                true
            }
            _ => false,
        }
    }
}

impl Live {
    fn put_aside(&self, rel: &str, bytes: &[u8], recipe: u64) -> io::Result<()> {
        let path = self.claim.folder().join(checked_rel(rel)?);
        let hash = xxhash_rust::xxh3::xxh3_64(bytes);
        self.note(
            rel,
            Entry {
                stamp: Stamp::default(),
                hash,
                recipe,
            },
        );
        if self.known.get(rel).is_some_and(|e| e.hash == hash) {
            if let Ok(mut changed) = self.changed.lock() {
                // Written earlier in this build with other bytes (a theme file the site's
                // static/ replaces back): the served file is right as it is.
                changed.remove(rel);
            }
            return Ok(());
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, bytes)?;
        if let Ok(mut changed) = self.changed.lock() {
            changed.insert(rel.to_string());
        }
        Ok(())
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        if !self.committed {
            fs::remove_dir_all(self.claim.folder()).ok();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn only_changed_files_are_written_and_gone_ones_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let first = Live::create(&out, Arc::default()).unwrap();
        first.write_made("a/index.html", b"page a", 5).unwrap();
        first.write("b/index.html", b"page b").unwrap();
        first.write("img/x.webp", b"pixels").unwrap();
        let known = Arc::new(first.commit().unwrap());
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"page a");

        let stamp = |p: &str| fs::metadata(out.join(p)).unwrap().modified().unwrap();
        let before = stamp("img/x.webp");
        let second = Live::create(&out, known).unwrap();
        assert!(second.keep_made("a/index.html", 5));
        assert!(!second.keep_made("a/index.html", 6));
        assert!(second.keep_if_same("img/x.webp", 6, xxhash_rust::xxh3::xxh3_64(b"pixels")));
        second.write("c/index.html", b"page c").unwrap();
        // A file where a folder now goes, and the reverse.
        second.write("b", b"now a file").unwrap();
        assert!(second.write("../escape", b"x").is_err());
        let now = second.commit().unwrap();
        assert_eq!(
            stamp("img/x.webp"),
            before,
            "an unchanged photo is not written"
        );
        assert_eq!(fs::read(out.join("c/index.html")).unwrap(), b"page c");
        assert_eq!(fs::read(out.join("b")).unwrap(), b"now a file");
        assert!(out.join("a/index.html").exists());
        assert!(!out.join("b/index.html").exists());
        let mut keys: Vec<_> = now.keys().cloned().collect();
        keys.sort();
        assert_eq!(
            keys,
            [MARKER, "a/index.html", "b", "c/index.html", "img/x.webp"]
        );
        // No side folder left behind.
        let left: Vec<_> = fs::read_dir(tmp.path()).unwrap().flatten().collect();
        assert_eq!(left.len(), 1, "{left:?}");
    }

    #[test]
    fn a_file_and_a_folder_of_one_build_at_one_place_is_an_error() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let first = Live::create(&out, Arc::default()).unwrap();
        first.write("foo", b"a static file").unwrap();
        let known = Arc::new(first.commit().unwrap());
        // The same file again (kept, unchanged) and a page that needs `foo/` as a folder.
        let second = Live::create(&out, known).unwrap();
        second.write("foo", b"a static file").unwrap();
        second.write("foo/index.html", b"a page").unwrap();
        let err = second.commit().unwrap_err();
        let f = crate::diag::messages::machine::find(&err).expect("a typed failure");
        assert_eq!(
            f.kind,
            Kind::InTheWay {
                other: Some("foo".into())
            }
        );
        assert!(f.path.ends_with("site/foo/index.html"), "{f:?}");
        let en = f.message(crate::i18n::Lang::En);
        assert!(en.starts_with("foo is in the way"), "{en}");
        assert_eq!(fs::read(out.join("foo")).unwrap(), b"a static file");
    }

    #[test]
    fn a_build_dropped_without_commit_changes_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let first = Live::create(&out, Arc::default()).unwrap();
        first.write("index.html", b"good").unwrap();
        let known = Arc::new(first.commit().unwrap());
        let broken = Live::create(&out, known).unwrap();
        broken.write("index.html", b"half").unwrap();
        drop(broken);
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"good");
        let left: Vec<_> = fs::read_dir(tmp.path()).unwrap().flatten().collect();
        assert_eq!(left.len(), 1, "{left:?}");
    }
}

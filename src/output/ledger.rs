//! The output ledger: what the last two builds left in the output trees, so a rebuild can trust
//! a file it finds there without reading it.
//!
//! A build rewrites the output tree the build before it replaced (kept in the cache's `output/`,
//! see [`super::Staging::create_with_reuse`]), so two trees alternate. For every file of both,
//! the ledger (`<cache>/output-ledger.json`) remembers its [`Stamp`] as the build left it, the
//! xxh3-64 of its bytes and, for a rendered page, its *recipe*: a hash of everything the page
//! was made from (see `render::Sink`). A file whose stamp is unchanged holds exactly those bytes
//! (any write, even by hand, changes the size, the change time or the inode), so:
//!
//! - a file about to be written again with the same hash is kept without being read;
//! - a page whose recipe is unchanged is kept without being rendered.
//!
//! The ledger is a hint, never the truth: a missing, stale or damaged ledger only makes the
//! build read, render or write more.

use rustc_hash::FxHashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::fs::Stamp;

/// Bumped whenever the meaning of an entry changes.
const VERSION: u32 = 2;

/// One output file as a build left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The file's stamp right after the build wrote (or kept) it.
    pub stamp: Stamp,
    /// xxh3-64 of its bytes.
    pub hash: u64,
    /// The recipe it was made from (0: none, the bytes were given).
    #[serde(default)]
    pub recipe: u64,
}

#[derive(Default, Serialize, Deserialize)]
struct Saved {
    version: u32,
    /// Each output tree's files, by the tree's [`tree_id`] (at most the two that alternate).
    trees: Vec<(u64, FxHashMap<String, Entry>)>,
}

/// What identifies an output tree across renames: its folder's inode and disk (`None` where
/// unknown: then nothing is remembered).
pub fn tree_id(dir: &Path) -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let m = fs::metadata(dir).ok()?;
        Some(m.ino() ^ m.dev().rotate_left(32))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        None
    }
}

/// The ledger of one build: what it read, and what it notes down for the next.
#[derive(Debug, Default)]
pub struct Ledger {
    path: Option<PathBuf>,
    /// When the ledger was saved (its file's modification time, nanoseconds): an entry whose
    /// file changed at that time or later is not trusted ("racily clean", as git says: a
    /// change in the same clock tick as the recorded write would leave the stamp as it was).
    saved_at: i64,
    /// The tree this build writes.
    tree: u64,
    known: Vec<(u64, FxHashMap<String, Entry>)>,
    now: Mutex<FxHashMap<String, Entry>>,
}

impl Ledger {
    /// Reads the ledger at `path` for a build writing the output tree `dir` (an empty ledger
    /// when the file is missing or unreadable, or the tree cannot be identified).
    pub fn open(path: &Path, dir: &Path) -> Ledger {
        let Some(tree) = tree_id(dir) else {
            return Ledger::none();
        };
        let saved = fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice::<Saved>(&b).ok())
            .filter(|s| s.version == VERSION)
            .unwrap_or_default();
        let saved_at = fs::metadata(path).map_or(0, |m| crate::fs::stamp_of(&m).modified);
        Ledger {
            path: Some(path.to_path_buf()),
            saved_at,
            tree,
            known: saved.trees,
            now: Mutex::new(FxHashMap::default()),
        }
    }

    /// A ledger that remembers nothing and saves nothing.
    pub fn none() -> Ledger {
        Ledger::default()
    }

    /// The remembered entry of `rel` in this build's tree, when the file still has stamp
    /// `stamp`, changed before the ledger was saved, and the entry satisfies `want`.
    pub fn find(&self, rel: &str, stamp: Stamp, want: impl Fn(&Entry) -> bool) -> Option<Entry> {
        self.find_in(self.tree, rel, stamp, want)
    }

    /// Like [`Ledger::find`], in the tree `tree` (the other one: the output now in place).
    pub fn find_in(
        &self,
        tree: u64,
        rel: &str,
        stamp: Stamp,
        want: impl Fn(&Entry) -> bool,
    ) -> Option<Entry> {
        self.known
            .iter()
            .find(|(id, _)| *id == tree)
            .and_then(|(_, files)| files.get(rel))
            .filter(|e| {
                e.stamp == stamp && e.stamp.modified.max(e.stamp.changed) < self.saved_at && want(e)
            })
            .copied()
    }

    /// Notes what this build left at `rel`.
    pub fn note(&self, rel: &str, entry: Entry) {
        if let Ok(mut now) = self.now.lock() {
            now.insert(rel.to_string(), entry);
        }
    }

    /// What this build left so far: each output file's entry, by path.
    pub fn entries(&self) -> FxHashMap<String, Entry> {
        self.now.lock().map(|now| now.clone()).unwrap_or_default()
    }

    /// After the build's tree became the output: saves its entries, and those of the tree
    /// `other` (the output it replaced, kept for the next build) when known. Nothing is written
    /// when the ledger would say the same (a rebuild with nothing changed leaves no trace on
    /// disk). Errors are ignored.
    pub fn save(self, other: Option<&Path>) {
        let Some(path) = self.path else {
            return;
        };
        let now = self.now.into_inner().unwrap_or_default();
        let other = other.and_then(tree_id).filter(|&id| id != self.tree);
        let mut trees = vec![(self.tree, now)];
        if let Some(kept) = self.known.iter().find(|(id, _)| Some(*id) == other) {
            trees.push(kept.clone());
        }
        let same = trees.len() == self.known.len()
            && trees
                .iter()
                .all(|(id, files)| self.known.iter().any(|(k, f)| k == id && f == files));
        if same {
            return;
        }
        let saved = Saved {
            version: VERSION,
            trees,
        };
        if let Ok(bytes) = serde_json::to_vec(&saved) {
            if let Some(dir) = path.parent() {
                crate::fs::sweep_temp_files(dir);
            }
            crate::fs::write_atomic(&path, &bytes).ok();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(ino: u64, hash: u64) -> Entry {
        Entry {
            stamp: (10, 1, 2, ino).into(),
            hash,
            recipe: 0,
        }
    }

    #[test]
    fn remembers_both_trees_and_finds_only_matching_stamps() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("ledger.json");
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        fs::create_dir(&a).unwrap();
        fs::create_dir(&b).unwrap();
        // Build 1 writes tree a; build 2 writes b (a is the output it replaces); build 3 a.
        let first = Ledger::open(&path, &a);
        first.note("p.html", entry(1, 11));
        first.save(None);
        let second = Ledger::open(&path, &b);
        assert_eq!(
            second.find("p.html", (10, 1, 2, 1).into(), |_| true),
            None,
            "another tree"
        );
        second.note("p.html", entry(2, 12));
        second.save(Some(&a));
        let third = Ledger::open(&path, &a);
        assert_eq!(
            third.find("p.html", (10, 1, 2, 1).into(), |_| true),
            Some(entry(1, 11))
        );
        assert_eq!(
            third.find("p.html", (10, 1, 2, 9).into(), |_| true),
            None,
            "changed stamp"
        );
        assert_eq!(
            third.find("p.html", (10, 1, 2, 1).into(), |e| e.hash == 12),
            None
        );
        // Nothing changed in a: the ledger file is not rewritten, and still knows b.
        third.note("p.html", entry(1, 11));
        let before = fs::metadata(&path).unwrap().modified().unwrap();
        third.save(Some(&b));
        assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), before);
        let fourth = Ledger::open(&path, &b);
        assert_eq!(
            fourth.find("p.html", (10, 1, 2, 2).into(), |_| true),
            Some(entry(2, 12))
        );
    }

    #[test]
    fn a_damaged_ledger_is_an_empty_one() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("ledger.json");
        fs::write(&path, b"{\"version\": 1, \"trees\": [[1, {\"a\": [").unwrap();
        let l = Ledger::open(&path, tmp.path());
        assert_eq!(l.find("a", (0, 0, 0, 0).into(), |_| true), None);
    }
}

//! Folder listings for the load: every entry below a folder, sorted by name, links not
//! followed (as `walkdir` with `sort_by_file_name` lists them).
//!
//! A listing is remembered in the build's [`Memory`], by folder, while the folder's stamp (size,
//! times, inode) is unchanged: `serve` loads the whole site after every save, and opening the
//! site's hundreds of folders again each time was the largest part of loading (and every opening
//! woke the file watcher). Adding, removing or renaming an entry changes the folder's times, so a
//! remembered listing is never stale, with one care: a listing is remembered only when the
//! folder's last change is at least [`Memory::settle`] old ([`SETTLED`] unless a test sets it), so
//! a change within the same tick of a coarse file-system clock (FAT, some network drives: 2 s)
//! cannot go unseen.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::Memory;
use crate::fs::stamp_of;

/// How old a folder's last change must be for its listing to be remembered.
pub const SETTLED: Duration = Duration::from_secs(3);

/// What an entry is (links are not followed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A plain file.
    File,
    /// A folder.
    Dir,
    /// A symbolic link.
    Link,
    /// Anything else (a socket, a device).
    Other,
}

/// One entry of a walk.
#[derive(Debug)]
pub struct Entry {
    /// Its path (the walked folder joined with the names below it).
    pub path: PathBuf,
    /// What it is.
    pub kind: Kind,
}

/// A folder's entries, sorted by name.
pub type Listing = Arc<Vec<(OsString, Kind)>>;

/// True when the file or folder was last changed at least `settle` ago: what is read of it now
/// may be remembered by its stamp.
pub fn settled(meta: &fs::Metadata, settle: Duration) -> bool {
    meta.modified()
        .ok()
        .and_then(|m| SystemTime::now().duration_since(m).ok())
        .is_some_and(|age| age >= settle)
}

/// Every entry below `dir` down to `max_depth` levels (1: its own entries), each folder's
/// entries right after it, sorted by name. Folders that cannot be read are left out.
pub fn walk(dir: &Path, max_depth: usize, memory: &Memory) -> Vec<Entry> {
    let mut out = Vec::new();
    walk_into(dir, 1, max_depth, memory, &mut out);
    out
}

fn walk_into(dir: &Path, depth: usize, max_depth: usize, memory: &Memory, out: &mut Vec<Entry>) {
    let Some(listing) = list(dir, memory) else {
        return;
    };
    for (name, kind) in listing.iter() {
        let path = dir.join(name);
        let descend = *kind == Kind::Dir && depth < max_depth;
        out.push(Entry {
            path: path.clone(),
            kind: *kind,
        });
        if descend {
            walk_into(&path, depth + 1, max_depth, memory, out);
        }
    }
}

/// `dir`'s entries sorted by name (remembered while the folder is unchanged).
pub fn list(dir: &Path, memory: &Memory) -> Option<Listing> {
    let meta = fs::metadata(dir).ok()?;
    let stamp = stamp_of(&meta);
    let memo = &memory.listings;
    if let Some(listing) = memo.lock().ok().and_then(|m| {
        m.get(dir)
            .filter(|(s, _)| *s == stamp)
            .map(|(_, l)| l.clone())
    }) {
        return Some(listing);
    }
    let mut entries: Vec<(OsString, Kind)> = fs::read_dir(dir)
        .ok()?
        .filter_map(|e| {
            let e = e.ok()?;
            let t = e.file_type().ok()?;
            let kind = if t.is_symlink() {
                Kind::Link
            } else if t.is_dir() {
                Kind::Dir
            } else if t.is_file() {
                Kind::File
            } else {
                Kind::Other
            };
            Some((e.file_name(), kind))
        })
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let listing = Arc::new(entries);
    if let (true, Ok(mut m)) = (settled(&meta, memory.settle), memo.lock()) {
        if m.len() >= 100_000 {
            m.clear();
        }
        m.insert(dir.to_path_buf(), (stamp, listing.clone()));
    }
    Some(listing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_depth_first_without_following_links() {
        let t = tempfile::tempdir().unwrap();
        let d = t.path();
        fs::create_dir_all(d.join("photos/sub")).unwrap();
        fs::write(d.join("vendor.toml"), "").unwrap();
        fs::write(d.join("about.md"), "").unwrap();
        fs::write(d.join("photos/b.jpg"), "").unwrap();
        fs::write(d.join("photos/a.jpg"), "").unwrap();
        fs::write(d.join("photos/sub/deep.jpg"), "").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(d.join("photos"), d.join("linked")).unwrap();
        let names = |max| -> Vec<String> {
            walk(d, max, &Memory::default())
                .iter()
                .map(|e| {
                    let rel = e
                        .path
                        .strip_prefix(d)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned();
                    format!("{rel}:{:?}", e.kind)
                })
                .collect()
        };
        let mut want = vec![
            "about.md:File",
            "linked:Link",
            "photos:Dir",
            "photos/a.jpg:File",
            "photos/b.jpg:File",
            "photos/sub:Dir",
            "photos/sub/deep.jpg:File",
            "vendor.toml:File",
        ];
        if cfg!(not(unix)) {
            want.remove(1);
        }
        assert_eq!(names(4), want);
        want.retain(|w| !w.starts_with("photos/sub/"));
        assert_eq!(names(2), want);
    }

    #[test]
    fn a_new_entry_is_seen_even_when_the_listing_was_remembered() {
        let t = tempfile::tempdir().unwrap();
        let d = t.path();
        fs::write(d.join("a.md"), "").unwrap();
        // Make the folder look settled, so its listing is remembered.
        let old = SystemTime::now() - Duration::from_secs(60);
        fs::File::open(d).unwrap().set_modified(old).unwrap();
        let memory = Memory::default();
        assert_eq!(list(d, &memory).unwrap().len(), 1);
        assert_eq!(list(d, &memory).unwrap().len(), 1);
        fs::write(d.join("b.md"), "").unwrap();
        let names: Vec<_> = list(d, &memory)
            .unwrap()
            .iter()
            .map(|(n, _)| n.clone())
            .collect();
        assert_eq!(names, ["a.md", "b.md"]);
    }
}

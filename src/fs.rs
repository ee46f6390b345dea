//! Plain file-system helpers any stage may use: what identifies one version of a file without
//! reading it ([`Stamp`]), writing a file so a reader never sees half of it ([`write_atomic`]),
//! reading into a reused buffer, resolving where a path really points, and moving or removing
//! whole folders.
//!
//! Nothing here knows about the output folder or the site: those rules live in `output` (what
//! may be written where) and in the stages that read.

use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

/// What identifies one version of a file without reading it. Any write, even by hand, changes
/// the size, the change time or the inode; the change time cannot be set back by any tool.
/// Times and inode are 0 where the system does not tell them.
///
/// Stored as a 4-number list (`[len, modified, changed, inode]`) in the ledger and the caches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "(u64, i64, i64, u64)", into = "(u64, i64, i64, u64)")]
pub struct Stamp {
    /// Size in bytes.
    pub len: u64,
    /// Modification time, nanoseconds since the epoch.
    pub modified: i64,
    /// Status change time, nanoseconds since the epoch (Unix; 0 elsewhere).
    pub changed: i64,
    /// Inode (Unix; 0 elsewhere).
    pub inode: u64,
}

impl From<(u64, i64, i64, u64)> for Stamp {
    fn from((len, modified, changed, inode): (u64, i64, i64, u64)) -> Stamp {
        Stamp {
            len,
            modified,
            changed,
            inode,
        }
    }
}

impl From<Stamp> for (u64, i64, i64, u64) {
    fn from(s: Stamp) -> Self {
        (s.len, s.modified, s.changed, s.inode)
    }
}

/// The [`Stamp`] of a file's metadata.
pub fn stamp_of(meta: &fs::Metadata) -> Stamp {
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
    #[cfg(unix)]
    let (changed, inode) = {
        use std::os::unix::fs::MetadataExt;
        (
            meta.ctime()
                .saturating_mul(1_000_000_000)
                .saturating_add(meta.ctime_nsec()),
            meta.ino(),
        )
    };
    #[cfg(not(unix))]
    let (changed, inode) = (0, 0);
    Stamp {
        len: meta.len(),
        modified,
        changed,
        inode,
    }
}

/// Writes `bytes` to a new temporary file beside `path`, makes sure they reached the disk, and
/// renames it into place: a reader (or the next run, after a power cut) finds the old file or
/// the new one, never half of one. Whatever stood at `path` (a link, a file with other names) is
/// replaced, never written through. The temporary file is removed when anything fails, and is
/// held locked while written, so a killed writer's file is found by [`sweep_temp_files`].
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".tmp-");
    // As `File::create` would make it (tempfile's own default, owner-only, is for secrets).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = loop {
        let tmp = builder.tempfile_in(dir)?;
        // Held locked while written (the lock dies with the process), so [`sweep_temp_files`]
        // removes only the files of writers that are gone. One swept between its creation and
        // the lock has no name left: make another.
        if tmp.as_file().lock().is_err() || still_named(tmp.as_file()) {
            break tmp;
        }
    };
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    // Closed before the rename: a watcher (`serve`'s) sees the write finished under the
    // temporary name, then the rename, and does not wait for a close that would come under
    // the new name.
    tmp.into_temp_path().persist(path).map_err(|e| e.error)
}

/// Whether the open file `f` still has a name in its folder.
fn still_named(f: &fs::File) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        f.metadata().is_ok_and(|m| m.nlink() > 0)
    }
    #[cfg(not(unix))]
    {
        let _ = f;
        true
    }
}

/// Removes from `dir` the temporary files [`write_atomic`] left when its process was killed
/// mid-write (a live writer holds its file locked, so it is never touched).
pub fn sweep_temp_files(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let is_temp = e.file_name().to_string_lossy().starts_with(".tmp-")
            && e.file_type().is_ok_and(|t| t.is_file());
        if !is_temp {
            continue;
        }
        if let Ok(f) = fs::File::open(e.path()) {
            if f.try_lock().is_ok() {
                fs::remove_file(e.path()).ok();
            }
        }
    }
}

/// Calls `f` with the bytes of the file at `path`, read into a buffer each thread reuses (a
/// rebuild compares thousands of unchanged files; fresh buffers cost more in page faults than
/// the reading itself).
pub fn with_contents<T>(path: &Path, f: impl FnOnce(&[u8]) -> T) -> io::Result<T> {
    use std::cell::RefCell;
    use std::io::Read;
    thread_local! {
        static BUF: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }
    BUF.with(|buf| {
        let mut buf = buf.borrow_mut();
        buf.clear();
        fs::File::open(path)?.read_to_end(&mut buf)?;
        Ok(f(&buf))
    })
}

/// An absolute path with `..` resolved and links resolved in the longest part that exists, so
/// a link anywhere on the way cannot hide where a path really points.
pub fn absolute(p: &Path) -> PathBuf {
    let base = if p.is_absolute() {
        PathBuf::new()
    } else {
        std::env::current_dir().unwrap_or_default()
    };
    let mut out = PathBuf::new();
    for c in base.join(p).components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    let mut existing = out.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => return out,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    resolved
}

/// True when both folders are on the same disk (a rename between them works).
pub fn same_disk(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::metadata(a), fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
    }
}

/// Swaps two folders in one step (Linux `renameat2(RENAME_EXCHANGE)`); false where that is not
/// possible (other systems, file systems without it), and nothing was moved.
pub fn exchange(a: &Path, b: &Path) -> bool {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        false
    }
}

/// Removes a folder, its subfolders in parallel (a previous output has one folder per vendor).
/// Errors are ignored: what cannot be removed stays.
pub fn remove_tree_parallel(dir: &Path) {
    use rayon::prelude::*;
    let mut subdirs = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(2)
        .into_iter()
        .flatten()
    {
        if entry.depth() == 2 && entry.file_type().is_dir() {
            subdirs.push(entry.into_path());
        }
    }
    subdirs.par_iter().for_each(|d| {
        fs::remove_dir_all(d).ok();
    });
    fs::remove_dir_all(dir).ok();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_killed_writers_temporary_file_is_swept_and_a_live_ones_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        // A writer killed mid-write: its file is there, nobody holds it.
        fs::write(dir.path().join(".tmp-dead01"), b"half").unwrap();
        // A writer still writing: it holds its file locked.
        let live = dir.path().join(".tmp-live01");
        let held = fs::File::create(&live).unwrap();
        held.lock().unwrap();
        // Not a temporary file of ours.
        fs::write(dir.path().join("ledger.json"), b"{}").unwrap();
        sweep_temp_files(dir.path());
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, [".tmp-live01", "ledger.json"]);
        drop(held);
        write_atomic(&dir.path().join("ledger.json"), b"[1]").unwrap();
        assert_eq!(fs::read(dir.path().join("ledger.json")).unwrap(), b"[1]");
    }

    #[test]
    fn a_stamp_is_saved_as_the_four_numbers_it_always_was() {
        let s = Stamp {
            len: 10,
            modified: 1,
            changed: -2,
            inode: 3,
        };
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json, "[10,1,-2,3]");
        assert_eq!(serde_json::from_str::<Stamp>(&json).unwrap(), s);
    }

    #[test]
    fn a_stamp_changes_when_the_file_is_rewritten() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("a.txt");
        fs::write(&p, "one").unwrap();
        let before = stamp_of(&fs::metadata(&p).unwrap());
        assert_eq!(before.len, 3);
        assert_eq!(before, stamp_of(&fs::metadata(&p).unwrap()));
        write_atomic(&p, b"two").unwrap();
        let after = stamp_of(&fs::metadata(&p).unwrap());
        assert_eq!(after.len, 3, "same size");
        assert_ne!(before, after, "a new file: another inode or change time");
    }

    #[test]
    fn an_atomic_write_replaces_a_link_instead_of_writing_through_it() {
        let tmp = tempfile::tempdir().unwrap();
        let victim = tmp.path().join("victim.txt");
        fs::write(&victim, "keep me").unwrap();
        let at = tmp.path().join("manifest.json");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&victim, &at).unwrap();
        let hard = tmp.path().join("hard.json");
        fs::hard_link(&victim, &hard).unwrap();
        write_atomic(&at, b"new").unwrap();
        write_atomic(&hard, b"new").unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "keep me");
        assert_eq!(fs::read_to_string(&at).unwrap(), "new");
        assert_eq!(fs::read_to_string(&hard).unwrap(), "new");
        assert!(!fs::symlink_metadata(&at).unwrap().file_type().is_symlink());
        // Nothing left beside it: only the files this test made.
        let mut names: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["hard.json", "manifest.json", "victim.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn an_atomic_write_makes_a_file_others_can_read_as_before() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        fs::File::create(&a).unwrap();
        write_atomic(&b, b"x").unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&b), mode(&a));
    }

    #[test]
    fn a_failed_atomic_write_leaves_no_temporary_file() {
        let tmp = tempfile::tempdir().unwrap();
        // A folder where the file goes: the rename fails.
        let at = tmp.path().join("taken");
        fs::create_dir(&at).unwrap();
        fs::write(at.join("inside"), "x").unwrap();
        assert!(write_atomic(&at, b"new").is_err());
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}

//! The folders a build makes beside the output and in the cache while it runs, and how a later
//! build tells those a killed build left behind from those of a build still running.
//!
//! Every such folder (a staging folder `.public.tmp-…`, `serve`'s side folder, a kept output
//! claimed for reuse `output-claimed-…`) has a lock file beside it, `<folder>.lock`, that its
//! build creates and holds locked (an OS file lock, `File::try_lock`) *before* the folder
//! exists and releases only *after* the folder is gone or has become the output. The lock dies
//! with the process, however it ends. So a later build sweeps exactly the folders whose lock
//! it can take: no process ids are read (it works off Linux, and a reused id cannot make a live
//! build's folder look abandoned), and a folder with no lock file is never touched (it is not
//! vitrina's, or not a leftover of this scheme).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The end of every lock file's name.
const LOCK: &str = ".lock";

/// What a folder becomes while a commit moves it aside: it keeps its build's lock.
const ASIDE: &str = ".old";

/// A folder name reserved by this build for as long as this value lives: its lock file is
/// created and locked; the folder itself is for the caller to make (or to rename into place).
/// Dropping it removes the lock file and releases the lock: remove the folder first.
#[derive(Debug)]
pub(super) struct Claim {
    /// The lock file, locked: held for its drop, which removes the file, then closes it (which
    /// releases the lock).
    _lock: tempfile::NamedTempFile,
    folder: PathBuf,
}

impl Claim {
    /// Reserves a new folder name in `dir`, starting with `prefix` (then random letters).
    pub fn new(dir: &Path, prefix: &str) -> io::Result<Claim> {
        loop {
            let lock = tempfile::Builder::new()
                .prefix(prefix)
                .suffix(LOCK)
                .rand_bytes(8)
                .tempfile_in(dir)?;
            match lock.as_file().try_lock() {
                // A sweeping build may have taken the brand-new file for a killed build's
                // orphan lock file and removed it before it was locked: then use another name.
                Ok(()) if !still_named(&lock) => continue,
                Ok(()) => {}
                // A sweeping build took the brand-new file for a leftover's: use another name.
                Err(fs::TryLockError::WouldBlock) => continue,
                // A file system without locks: the folder is never swept (safe, only untidy).
                Err(fs::TryLockError::Error(_)) => {}
            }
            let name = lock
                .path()
                .file_name()
                .map(|n| n.to_string_lossy().into_owned());
            let Some(name) = name.as_deref().and_then(|n| n.strip_suffix(LOCK)) else {
                continue;
            };
            let folder = dir.join(name);
            return Ok(Claim {
                _lock: lock,
                folder,
            });
        }
    }

    /// The folder this claim reserves.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// The name the folder takes while a commit moves it aside (covered by the same lock).
    pub fn aside(&self) -> PathBuf {
        let mut name = self.folder.as_os_str().to_os_string();
        name.push(ASIDE);
        PathBuf::from(name)
    }
}

/// True when the lock file is still at its path (not removed by a sweep before it was locked).
fn still_named(lock: &tempfile::NamedTempFile) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let at = fs::symlink_metadata(lock.path());
        let mine = lock.as_file().metadata();
        matches!((at, mine), (Ok(a), Ok(m)) if a.ino() == m.ino() && a.dev() == m.dev())
    }
    #[cfg(not(unix))]
    lock.path().exists()
}

/// True for a name vitrina gives the folders of a running build.
fn is_build_folder(name: &str) -> bool {
    !name.ends_with(LOCK)
        && (name.starts_with("output-claimed-")
            || (name.starts_with('.') && name.contains(".tmp-")))
}

/// The lock file of a build folder in `dir` named `name`.
fn lock_of(dir: &Path, name: &str) -> PathBuf {
    let base = name.strip_suffix(ASIDE).unwrap_or(name);
    dir.join(format!("{base}{LOCK}"))
}

/// Removes the build folders in `dir` whose build is gone (their lock file is there and free),
/// then their lock files, and the free lock files whose folder is gone (a build killed after
/// its folder became the output or the kept copy, before it removed its lock file). Errors are
/// ignored: what cannot be removed is tried again next time.
pub(super) fn sweep(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if let Some(base) = name.strip_suffix(LOCK).filter(|b| is_build_folder(b)) {
            sweep_orphan_lock(dir, base);
            continue;
        }
        if !is_build_folder(&name) || !e.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let lock_path = lock_of(dir, &name);
        let Ok(lock) = fs::File::open(&lock_path) else {
            continue;
        };
        if lock.try_lock().is_err() {
            continue; // its build is running (or locks do not work here)
        }
        crate::fs::remove_tree_parallel(&e.path());
        // The lock file goes last, once neither form of the folder (as made, moved aside) is
        // left, so an interrupted sweep is finished by the next one.
        let base = name.strip_suffix(ASIDE).unwrap_or(&name);
        if !dir.join(base).exists() && !dir.join(format!("{base}{ASIDE}")).exists() {
            fs::remove_file(&lock_path).ok();
        }
    }
}

/// Removes the lock file of the folder `base` in `dir` when neither form of the folder is
/// there and no build holds the lock (checked again once the lock is held: a build making
/// that folder holds its lock first).
fn sweep_orphan_lock(dir: &Path, base: &str) {
    let gone = || !dir.join(base).exists() && !dir.join(format!("{base}{ASIDE}")).exists();
    if !gone() {
        return; // its folder is swept (or kept) with it
    }
    let lock_path = dir.join(format!("{base}{LOCK}"));
    let Ok(lock) = fs::File::open(&lock_path) else {
        return;
    };
    if lock.try_lock().is_ok() && gone() {
        fs::remove_file(&lock_path).ok();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut n: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    }

    /// A leftover folder of a killed build: the folder, a file in it, and its lock file.
    fn leftover(dir: &Path, name: &str) -> PathBuf {
        fs::create_dir_all(dir.join(name).join("vendors")).unwrap();
        fs::write(dir.join(name).join("vendors/index.html"), "x").unwrap();
        let lock = dir.join(format!("{name}.lock"));
        fs::write(&lock, "").unwrap();
        lock
    }

    #[test]
    fn a_leftover_whose_lock_is_free_is_swept_and_one_held_is_not() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        leftover(dir, ".public.tmp-dead");
        leftover(dir, "output-claimed-dead");
        // Moved aside by a commit that was killed: swept with its build's lock.
        leftover(dir, ".public.tmp-gone");
        fs::rename(
            dir.join(".public.tmp-gone"),
            dir.join(".public.tmp-gone.old"),
        )
        .unwrap();
        // A build still running, in another process as far as the lock can tell.
        let held = fs::File::open(leftover(dir, ".public.tmp-alive")).unwrap();
        held.lock().unwrap();
        // No lock file: not ours to judge.
        fs::create_dir(dir.join(".notes.tmp-mine")).unwrap();
        fs::write(dir.join("public"), "the output").unwrap();

        sweep(dir);
        assert_eq!(
            names(dir),
            [
                ".notes.tmp-mine",
                ".public.tmp-alive",
                ".public.tmp-alive.lock",
                "public"
            ]
        );
        assert!(dir.join(".public.tmp-alive/vendors/index.html").is_file());
        // Once its build is gone, it goes too.
        drop(held);
        sweep(dir);
        assert_eq!(names(dir), [".notes.tmp-mine", "public"]);
    }

    #[test]
    fn a_lock_file_whose_folder_is_gone_is_swept_unless_held() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        // A build killed after its folder became the output: only its lock file is left.
        fs::write(dir.join("output-claimed-dead.lock"), "").unwrap();
        fs::write(dir.join(".public.tmp-dead.lock"), "").unwrap();
        // A build that has just claimed a name and not made its folder yet.
        let claim = Claim::new(dir, ".public.tmp-").unwrap();
        // Not a build's: left alone.
        fs::write(dir.join("notes.lock"), "").unwrap();
        sweep(dir);
        let lock = format!(
            "{}.lock",
            claim.folder().file_name().unwrap().to_string_lossy()
        );
        assert_eq!(names(dir), [lock.as_str(), "notes.lock"]);
    }

    #[test]
    fn a_claim_is_held_until_dropped_even_within_one_process() {
        let tmp = tempfile::tempdir().unwrap();
        let claim = Claim::new(tmp.path(), ".public.tmp-").unwrap();
        fs::create_dir(claim.folder()).unwrap();
        let lock = PathBuf::from(format!("{}.lock", claim.folder().display()));
        assert!(lock.is_file());
        sweep(tmp.path());
        assert!(claim.folder().is_dir(), "a running build's folder stays");
        fs::remove_dir(claim.folder()).unwrap();
        drop(claim);
        assert!(!lock.exists(), "the lock file goes with the claim");
        assert_eq!(names(tmp.path()), Vec::<String>::new());
    }
}

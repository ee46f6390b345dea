//! [`Staging`]: the folder one build fills, swapped in place of the output when the build has
//! no error.
//!
//! The output it replaces is kept in the cache (`<cache>/output/`) and the next build rewrites
//! that folder in place (every file written again, everything else removed before the swap)
//! instead of creating and deleting tens of thousands of files; without a kept copy a fresh
//! folder beside the output is used, marked for ext4 as the top of a directory tree
//! ([`spread_on_disk`]). A staging folder that is dropped without commit is removed; one left
//! by a killed build is swept by the next (see `leftovers.rs`). A reused folder is never
//! written through a link or a hard link.

use std::collections::HashSet;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use anyhow::Result;

use super::guard::{made_by_vitrina, MARKER, MARKER_TEXT};
use super::ledger::{self, Entry, Ledger};
use super::leftovers::{self, Claim};
use super::{checked_rel, sorted_files, Tree};
use crate::diag::messages::machine::{Failure, Kind};
use crate::fs::{
    absolute, exchange, remove_tree_parallel, same_disk, stamp_of, with_contents, Stamp,
};
use crate::images::Out;

/// A folder being filled by one build.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    /// Where the replaced output is kept for the next build to reuse (in the cache folder).
    keep: Option<PathBuf>,
    /// True when `dir` is a previous output being rewritten in place.
    reused: bool,
    /// In a reused folder: the files and folders it held before this build (`/` paths).
    found: Survey,
    /// Every path written by this build (to remove stale files from a reused folder).
    written: Mutex<HashSet<String>>,
    /// What the last two builds left in the output trees, and what this one leaves.
    ledger: Ledger,
    committed: bool,
    /// The [`ledger::tree_id`] of the output in place when this build started (pages made from
    /// an unchanged recipe are copied from there, see `copy_made`).
    out_tree: Option<u64>,
    /// The lock that keeps `dir` from being swept as a killed build's while this one runs.
    /// Declared last: released only after `drop` has removed the folder.
    claim: Claim,
}

impl Out for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        Staging::put(self, rel, bytes, 0)
    }

    fn keep_if_same(&self, rel: &str, len: u64, hash: u64) -> bool {
        Staging::keep_if_same(self, rel, len, hash)
    }
}

impl Tree for Staging {
    fn put(&self, rel: &str, bytes: &[u8], recipe: u64) -> io::Result<()> {
        Staging::put(self, rel, bytes, recipe)
    }

    fn keep_made(&self, rel: &str, recipe: u64) -> bool {
        Staging::keep_made(self, rel, recipe)
    }

    fn files(&self) -> Vec<(String, u64)> {
        sorted_files(self.ledger.entries().into_iter())
    }
}

impl Staging {
    /// Creates an empty staging folder beside `out`.
    pub fn create(out: &Path) -> Result<Staging> {
        Self::create_with_reuse(out, None)
    }

    /// Creates the staging folder for `out`. With `keep` (a folder inside the build cache, on
    /// the same disk as `out`), the output replaced by the previous build is kept there, and this
    /// build rewrites it in place instead of creating and deleting thousands of files: every file
    /// is written again and anything this build did not write is removed before the swap, so
    /// the result is the same as a fresh folder. Without a kept copy, or across disks, a fresh
    /// folder beside `out` is used.
    pub fn create_with_reuse(out: &Path, keep: Option<&Path>) -> Result<Staging> {
        let out = absolute(out);
        let out_tree = ledger::tree_id(&out);
        let parent = out
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let cannot_prepare = |e: io::Error| Failure::wrap(Kind::CreateOutput, &out, e);
        fs::create_dir_all(&parent).map_err(cannot_prepare)?;
        // The kept folder's own name is not resolved: a link there is never followed.
        let keep = keep.and_then(|k| {
            let k = absolute(k.parent()?).join(k.file_name()?);
            fs::create_dir_all(k.parent()?).ok()?;
            same_disk(k.parent()?, &parent).then_some(k)
        });
        leftovers::sweep(&parent);
        if let Some(k) = keep.as_ref().and_then(|k| k.parent()) {
            leftovers::sweep(k);
        }
        let ledger_at = keep
            .as_ref()
            .map(|k| k.with_file_name("output-ledger.json"));
        let ledger = |dir: &Path| match &ledger_at {
            Some(at) => Ledger::open(at, dir),
            None => Ledger::none(),
        };
        if let Some((claim, found)) = keep.as_deref().and_then(claim_kept) {
            let dir = claim.folder().to_path_buf();
            return Ok(Staging {
                ledger: ledger(&dir),
                dir,
                out,
                keep,
                reused: true,
                found,
                written: Mutex::new(HashSet::new()),
                committed: false,
                out_tree,
                claim,
            });
        }
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let claim = Claim::new(&parent, &format!(".{name}.tmp-")).map_err(cannot_prepare)?;
        let dir = claim.folder().to_path_buf();
        fs::create_dir(&dir).map_err(cannot_prepare)?;
        spread_on_disk(&dir);
        Ok(Staging {
            ledger: ledger(&dir),
            dir,
            out,
            keep,
            reused: false,
            found: Survey::default(),
            written: Mutex::new(HashSet::new()),
            committed: false,
            out_tree,
            claim,
        })
    }

    /// Writes one file (see [`Tree::put`]); a failure names the output file it was for.
    fn put(&self, rel: &str, bytes: &[u8], recipe: u64) -> io::Result<()> {
        self.put_inside(rel, bytes, recipe)
            .map_err(|e| Failure::wrap(Kind::Write, self.out.join(rel), e))
    }

    fn put_inside(&self, rel: &str, bytes: &[u8], recipe: u64) -> io::Result<()> {
        let path = self.inside(rel)?;
        self.record(rel);
        let hash = xxhash_rust::xxh3::xxh3_64(bytes);
        let note = |stamp| {
            self.ledger.note(
                rel,
                Entry {
                    stamp,
                    hash,
                    recipe,
                },
            )
        };
        if self.reused {
            // In a reused folder most files are already right: leave those untouched (no
            // truncate, no new blocks, no journal work), trusting the ledger when the file is as
            // the last build left it and reading it otherwise. Anything else in the way (a
            // folder, a read-only or hard-linked file) is removed first, never written through.
            if let Ok(meta) = fs::symlink_metadata(&path) {
                if plain_file(&meta) && meta.len() == bytes.len() as u64 {
                    let stamp = stamp_of(&meta);
                    let same = self.ledger.find(rel, stamp, |e| e.hash == hash).is_some()
                        || with_contents(&path, |old| old == bytes).unwrap_or(false);
                    if same {
                        note(stamp);
                        return Ok(());
                    }
                }
                // A folder holding files of this very build is a real conflict, as it would be
                // in a fresh folder.
                if meta.is_dir() && self.wrote(&format!("{rel}/")) {
                    let clash = Kind::InTheWay { other: None };
                    return Err(Failure::new(clash, self.out.join(rel)).into_io());
                }
                clear_for_write(&path, &meta)?;
            }
        }
        if let Some(parent) = path.parent() {
            self.make_dirs(rel, parent)?;
        }
        let mut f = BufWriter::new(fs::File::create(&path)?);
        f.write_all(bytes)?;
        f.flush()?;
        if let Ok(meta) = f.get_ref().metadata() {
            note(stamp_of(&meta));
        }
        Ok(())
    }

    /// In a reused folder: keeps the page at `rel` (it counts as written) when the last build
    /// that wrote it made it from the same `recipe` and it has not changed since. `recipe` is a
    /// hash of everything the page is made from (templates, their context, vitrina itself), so
    /// a kept page is byte for byte the page rendering would make. 0 never matches.
    pub fn keep_made(&self, rel: &str, recipe: u64) -> bool {
        if recipe == 0 {
            return false;
        }
        let kept = self
            .reused
            .then(|| self.plain_stamp(rel))
            .flatten()
            .and_then(|stamp| self.ledger.find(rel, stamp, |e| e.recipe == recipe));
        if let Some(entry) = kept {
            self.record(rel);
            self.ledger.note(rel, entry);
            return true;
        }
        self.copy_made(rel, recipe)
    }

    /// Takes the page at `rel` from the output now in place when the build that made it used
    /// the same `recipe` (the tree being rewritten is two builds old; after one edit, the pages
    /// that edit changed are already right in the other tree). The bytes are checked against
    /// the ledger's hash before they are used.
    fn copy_made(&self, rel: &str, recipe: u64) -> bool {
        let Some(tree) = self.out_tree else {
            return false;
        };
        let Ok(mine) = self.inside(rel) else {
            return false;
        };
        let Ok(sub) = mine.strip_prefix(&self.dir) else {
            return false;
        };
        let theirs = self.out.join(sub);
        let Ok(meta) = fs::symlink_metadata(&theirs) else {
            return false;
        };
        if !plain_file(&meta) {
            return false;
        }
        let Some(entry) = self
            .ledger
            .find_in(tree, rel, stamp_of(&meta), |e| e.recipe == recipe)
        else {
            return false;
        };
        match fs::read(&theirs) {
            Ok(bytes) if xxhash_rust::xxh3::xxh3_64(&bytes) == entry.hash => {
                self.put(rel, &bytes, recipe).is_ok()
            }
            _ => false,
        }
    }

    /// Creates the folders of `rel` (whose full parent path is `parent`). In a fresh staging
    /// folder, a first-level folder (`vendors/`) is made under a one-off name and renamed: ext4
    /// places a folder made directly under a [`spread_on_disk`] folder by the hash of its name, so
    /// a name that changes every build lands in a different block group each time.
    fn make_dirs(&self, rel: &str, parent: &Path) -> io::Result<()> {
        if !self.reused {
            if let Some((top, _)) = rel.split_once('/') {
                let first = self.dir.join(top);
                if !first.is_dir() {
                    let tmp = tempfile::Builder::new()
                        .prefix(".dir-")
                        .tempdir_in(&self.dir)?
                        .keep();
                    // Another thread may have made it meanwhile: then ours is not needed.
                    if fs::rename(&tmp, &first).is_err() {
                        fs::remove_dir(&tmp).ok();
                    }
                }
            }
        }
        match fs::create_dir_all(parent) {
            // In a reused folder, a file of an earlier build may stand where a folder goes now.
            // A file this build wrote is a real conflict (as in a fresh folder): the error stays.
            Err(e) if self.reused => {
                let mut at = self.dir.clone();
                let mut so_far = String::new();
                for part in Path::new(rel)
                    .parent()
                    .into_iter()
                    .flat_map(Path::components)
                {
                    at.push(part);
                    if !so_far.is_empty() {
                        so_far.push('/');
                    }
                    so_far.push_str(&part.as_os_str().to_string_lossy());
                    if fs::symlink_metadata(&at).is_ok_and(|m| !m.is_dir()) {
                        if self.wrote(&so_far) {
                            return Err(e);
                        }
                        fs::remove_file(&at)?;
                    }
                }
                fs::create_dir_all(parent)
            }
            r => r,
        }
    }

    /// In a reused folder: keeps the file at `rel` (it counts as written) when it is already a
    /// plain file of `len` bytes whose xxh3-64 is `hash`: trusted without being read when it is
    /// as the ledger says a build left it (as `make` trusts timestamps), read otherwise.
    /// Always false in a fresh folder.
    pub fn keep_if_same(&self, rel: &str, len: u64, hash: u64) -> bool {
        if !self.reused {
            return false;
        }
        let Some(stamp) = self.plain_stamp(rel).filter(|s| s.len == len) else {
            return false;
        };
        let same = self.ledger.find(rel, stamp, |e| e.hash == hash).is_some()
            || self.inside(rel).is_ok_and(|path| {
                with_contents(&path, |b| xxhash_rust::xxh3::xxh3_64(b) == hash).unwrap_or(false)
            });
        if same {
            self.record(rel);
            self.ledger.note(
                rel,
                Entry {
                    stamp,
                    hash,
                    recipe: 0,
                },
            );
        }
        same
    }

    /// The stamp of the file at `rel` when it is a plain file that may be kept.
    fn plain_stamp(&self, rel: &str) -> Option<Stamp> {
        let meta = fs::symlink_metadata(self.inside(rel).ok()?).ok()?;
        plain_file(&meta).then(|| stamp_of(&meta))
    }

    /// True when this build wrote the file `rel`, or, for `rel` ending in `/`, anything under
    /// that folder.
    fn wrote(&self, rel: &str) -> bool {
        let Ok(written) = self.written.lock() else {
            return true;
        };
        if rel.ends_with('/') {
            written.iter().any(|w| w.starts_with(rel))
        } else {
            written.contains(rel)
        }
    }

    fn record(&self, rel: &str) {
        if self.reused {
            if let Ok(mut w) = self.written.lock() {
                w.insert(rel.to_string());
            }
        }
    }

    /// In a reused folder: removes every file this build did not write, then empty folders.
    fn remove_stale(&self) -> io::Result<()> {
        let written = self.written.lock().unwrap_or_else(PoisonError::into_inner);
        for rel in self.found.files.iter().filter(|f| !written.contains(*f)) {
            let path = self.dir.join(rel);
            match fs::remove_file(&path) {
                // Gone, or a folder now (this build made it, see make_dirs).
                Err(_) if fs::symlink_metadata(&path).map_or(true, |m| m.is_dir()) => {}
                r => r?,
            }
        }
        // Folders holding something this build wrote stay; others are tried, deepest first
        // (and removed when empty).
        let keep: HashSet<&str> = written
            .iter()
            .flat_map(|p| p.match_indices('/').map(move |(i, _)| &p[..i]))
            .collect();
        let mut dirs: Vec<&String> = self
            .found
            .dirs
            .iter()
            .filter(|d| !keep.contains(d.as_str()))
            .collect();
        dirs.sort_by_key(|d| std::cmp::Reverse(d.matches('/').count()));
        for d in dirs {
            fs::remove_dir(self.dir.join(d)).ok();
        }
        Ok(())
    }

    fn inside(&self, rel: &str) -> io::Result<PathBuf> {
        Ok(self.dir.join(checked_rel(rel)?))
    }

    /// Puts the staged build in place of the output folder. The old output is moved aside first
    /// (on Linux both are exchanged in one step, so a server reading the output never finds it
    /// missing); it is then kept for the next build to reuse (see
    /// [`Staging::create_with_reuse`]) or removed. Returns what the new output holds (each
    /// file's entry, by path: what `serve` compares to tell what a rebuild changed).
    pub fn commit(mut self) -> Result<super::live::Manifest> {
        self.write(MARKER, MARKER_TEXT)?;
        let cannot_replace = |e: io::Error| Failure::wrap(Kind::Replace, &self.out, e);
        if self.reused {
            self.remove_stale().map_err(cannot_replace)?;
        }
        // Moved aside under the name this build's lock covers (see `leftovers.rs`).
        let old = self.claim.aside();
        let had_old = self.out.exists();
        if had_old && exchange(&self.dir, &self.out) {
            // The old output is now where the staging folder was.
            fs::rename(&self.dir, &old).map_err(cannot_replace)?;
        } else {
            if had_old {
                fs::rename(&self.out, &old).map_err(cannot_replace)?;
            }
            if let Err(e) = fs::rename(&self.dir, &self.out) {
                if had_old {
                    fs::rename(&old, &self.out).ok();
                }
                return Err(cannot_replace(e).into());
            }
        }
        self.committed = true;
        let mut kept = None;
        if had_old {
            kept = self
                .keep
                .as_deref()
                .filter(|k| !k.exists() && fs::rename(&old, k).is_ok());
            if kept.is_none() {
                remove_tree_parallel(&old);
            }
        }
        let ledger = std::mem::take(&mut self.ledger);
        let entries = ledger.entries();
        ledger.save(kept);
        Ok(entries)
    }
}

/// Claims the output the build before last left in the cache (at `k`) for this build to
/// rewrite, by renaming it to a name this build holds the lock of: two builds at once never
/// share one folder. Only a real folder that vitrina made (it has the marker) is reused: a link,
/// or a folder someone put there, is left alone. Whatever was put into it by hand must not be
/// written through: links (and anything not a plain file or folder) are removed before reuse.
fn claim_kept(k: &Path) -> Option<(Claim, Survey)> {
    if !made_by_vitrina(k) {
        return None;
    }
    let claim = Claim::new(k.parent()?, "output-claimed-").ok()?;
    let claimed = claim.folder();
    fs::rename(k, claimed).ok()?;
    if !made_by_vitrina(claimed) {
        // Replaced between the check and the claim: give it back, untouched.
        fs::rename(claimed, k).ok();
        return None;
    }
    match survey(claimed) {
        Ok(found) => Some((claim, found)),
        Err(_) => {
            fs::remove_dir_all(claimed).ok();
            None
        }
    }
}

/// Asks ext2/3/4 to treat `dir` as the top of a directory tree (`chattr +T`, `FS_TOPDIR_FL`), so
/// the Orlov allocator places its subfolders in block groups with free room instead of next to
/// the parent. It matters for a build right after `rm -rf public`: ext4 without a journal skips
/// inodes freed in the last minute, and a fresh tree next to the deleted one pays for scanning
/// thousands of them on every `mkdir` and file (a cold 12,000-page build went from 2.9 s to 1.2 s
/// on the benchmark machine, see BENCHMARKS.md). Other file systems refuse or ignore the flag;
/// any error is ignored: it only changes where the files go on disk, never what is written.
pub(crate) fn spread_on_disk(dir: &Path) {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{ioctl_getflags, ioctl_setflags, IFlags};
        if let Ok(f) = fs::File::open(dir) {
            if let Ok(flags) = ioctl_getflags(&f) {
                if !flags.contains(IFlags::TOPDIR) {
                    ioctl_setflags(&f, flags | IFlags::TOPDIR).ok();
                }
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = dir;
}

/// What a reused output folder held: its files and folders, as `/` paths inside it.
#[derive(Debug, Default)]
struct Survey {
    files: Vec<String>,
    dirs: Vec<String>,
}

/// Lists `dir`'s files and folders, folders in parallel (an output has one per vendor and per
/// product), and removes links and special files on the way (never following them).
fn survey(dir: &Path) -> io::Result<Survey> {
    use rayon::prelude::*;
    fn walk(dir: &Path, rel: &str) -> io::Result<Survey> {
        let mut here = Survey::default();
        for entry in fs::read_dir(dir)? {
            let entry = entry?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                // Not a name vitrina writes: it goes, whatever it is.
                let path = entry.path();
                fs::remove_dir_all(&path).or_else(|_| fs::remove_file(&path))?;
                continue;
            };
            let child = if rel.is_empty() {
                name.to_string()
            } else {
                format!("{rel}/{name}")
            };
            let t = entry.file_type()?;
            if t.is_dir() {
                here.dirs.push(child);
            } else if t.is_file() {
                here.files.push(child);
            } else {
                fs::remove_file(entry.path())?;
            }
        }
        let below: Vec<Survey> = here
            .dirs
            .par_iter()
            .map(|d| walk(&dir.join(d.rsplit('/').next().unwrap_or(d)), d))
            .collect::<io::Result<_>>()?;
        for s in below {
            here.files.extend(s.files);
            here.dirs.extend(s.dirs);
        }
        Ok(here)
    }
    walk(dir, "")
}

/// True for a file a build may keep or write into: a plain, writable file with no other name
/// (a hard link would let a write reach a file outside the output).
fn plain_file(meta: &fs::Metadata) -> bool {
    #[cfg(unix)]
    let shared = {
        use std::os::unix::fs::MetadataExt;
        meta.nlink() > 1
    };
    #[cfg(not(unix))]
    let shared = false;
    meta.is_file() && !meta.permissions().readonly() && !shared
}

/// Makes room for a new file at `path` in a reused folder.
fn clear_for_write(path: &Path, meta: &fs::Metadata) -> io::Result<()> {
    if meta.is_dir() {
        fs::remove_dir_all(path)
    } else if !plain_file(meta) {
        fs::remove_file(path)
    } else {
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        // A failed build: the staging folder is removed (a reused one too, so a problem inside
        // it can never outlive the build that met it).
        fs::remove_dir_all(&self.dir).ok();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_leave_the_output() {
        let tmp = tempfile::tempdir().unwrap();
        let s = Staging::create(&tmp.path().join("public")).unwrap();
        for evil in ["../evil.html", "/etc/passwd", ""] {
            let err = s.write(evil, b"x").expect_err(evil);
            let f = Failure::inside(&err).expect("a typed failure");
            assert_eq!(f.kind, Kind::OutsideOutput, "{evil}");
        }
        assert!(s.write("ok/index.html", b"x").is_ok());
    }

    /// The entries of `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut n: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    }

    #[test]
    fn a_killed_builds_folders_are_swept_and_a_running_ones_are_not() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let keep = tmp.path().join("cache/output");
        fs::create_dir_all(tmp.path().join("cache")).unwrap();
        // What a killed build leaves: its folders, each with its lock file, which nobody holds.
        let left = |at: &Path| {
            fs::create_dir_all(at.join("vendors")).unwrap();
            fs::write(at.join("vendors/index.html"), "half").unwrap();
            let mut lock = at.as_os_str().to_os_string();
            lock.push(".lock");
            fs::write(&lock, "").unwrap();
            fs::File::open(lock).unwrap()
        };
        left(&tmp.path().join(".public.tmp-killed"));
        left(&tmp.path().join("cache/output-claimed-killed"));
        // Another build still running (another process, as far as its lock can tell).
        let running = left(&tmp.path().join(".public.tmp-running"));
        running.lock().unwrap();
        // And one running in this very process.
        let mine = Staging::create_with_reuse(&out, Some(&keep)).unwrap();
        mine.write("index.html", b"mine").unwrap();

        let s = Staging::create_with_reuse(&out, Some(&keep)).unwrap();
        let staged = |dir: &Path| -> Vec<String> {
            names(dir)
                .into_iter()
                .filter(|n| n.contains(".tmp-") || n.contains("claimed"))
                .collect()
        };
        let beside = staged(tmp.path());
        assert!(
            !beside.iter().any(|n| n.contains("killed")),
            "swept: {beside:?}"
        );
        assert_eq!(staged(&tmp.path().join("cache")), Vec::<String>::new());
        assert!(tmp.path().join(".public.tmp-running/vendors").is_dir());
        assert!(mine.dir.join("index.html").is_file());
        assert!(s.dir.is_dir());
        // Both running builds' folders and lock files, and the held one's.
        assert_eq!(beside.len(), 6, "{beside:?}");
        s.commit().unwrap();
        mine.commit().unwrap();
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"mine");

        // Once its process is gone, the other build's folder goes too.
        drop(running);
        Staging::create(&out).unwrap();
        assert_eq!(staged(tmp.path()), Vec::<String>::new());
    }

    #[test]
    fn first_level_folders_made_by_many_threads_at_once_keep_every_file() {
        use rayon::prelude::*;
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let s = Staging::create(&out).unwrap();
        (0..400).into_par_iter().for_each(|i| {
            s.write(&format!("vendors/v{}/p{i}/index.html", i % 7), b"x")
                .unwrap();
            s.write(&format!("categories/c{i}/index.html"), b"y")
                .unwrap();
        });
        s.commit().unwrap();
        let files = walkdir::WalkDir::new(&out)
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file())
            .count();
        assert_eq!(files, 801, "400 + 400 pages and the marker");
        let names: Vec<String> = fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        let mut names = names;
        names.sort();
        assert_eq!(
            names,
            [MARKER, "categories", "vendors"],
            "no one-off folder left"
        );
    }

    #[test]
    fn dropped_staging_leaves_the_old_output_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("index.html"), "old").unwrap();
        {
            let s = Staging::create(&out).unwrap();
            s.write("index.html", b"new").unwrap();
        }
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        assert_eq!(
            fs::read_dir(tmp.path()).unwrap().count(),
            1,
            "staging folder removed"
        );
        let s = Staging::create(&out).unwrap();
        s.write("index.html", b"new").unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
    }

    #[test]
    fn a_reused_folder_ends_up_exactly_like_a_fresh_build() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let keep = tmp.path().join("cache/output");
        let read = |p: &str| fs::read_to_string(out.join(p)).ok();

        let s = Staging::create_with_reuse(&out, Some(&keep)).unwrap();
        s.write("a/index.html", b"one").unwrap();
        s.write("b/index.html", b"one").unwrap();
        s.commit().unwrap();
        assert!(!keep.exists(), "nothing to keep after the first build");

        let s = Staging::create_with_reuse(&out, Some(&keep)).unwrap();
        s.write("a/index.html", b"two").unwrap();
        s.commit().unwrap();
        assert!(
            keep.exists(),
            "the replaced output is kept for the next build"
        );

        let s = Staging::create_with_reuse(&out, Some(&keep)).unwrap();
        assert!(s.reused, "the kept output is rewritten in place");
        s.write("a/index.html", b"three").unwrap();
        s.write("c/index.html", b"three").unwrap();
        s.commit().unwrap();
        assert_eq!(read("a/index.html").as_deref(), Some("three"));
        assert_eq!(read("c/index.html").as_deref(), Some("three"));
        assert_eq!(read("b/index.html"), None, "stale file from two builds ago");
        assert!(!out.join("b").exists(), "stale folder");

        // A failed build leaves the output alone and removes the folder it was reusing.
        let s = Staging::create_with_reuse(&out, Some(&keep)).unwrap();
        s.write("a/index.html", b"broken").unwrap();
        drop(s);
        assert_eq!(read("a/index.html").as_deref(), Some("three"));
        assert!(!keep.exists());
        let leftovers: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers.len(), 2, "{leftovers:?}");
    }

    #[test]
    fn a_kept_page_is_trusted_only_while_it_is_as_the_build_left_it() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let keep = tmp.path().join("cache/output");
        for body in [b"one", b"two"] {
            let s = Staging::create_with_reuse(&out, Some(&keep)).unwrap();
            s.write_made("p/index.html", body, 7).unwrap();
            s.write("q.txt", body).unwrap();
            s.commit().unwrap();
        }
        // The third build rewrites the first one's tree.
        let s = Staging::create_with_reuse(&out, Some(&keep)).unwrap();
        assert!(!s.keep_made("p/index.html", 8), "another recipe");
        assert!(!s.keep_made("q.txt", 0), "no recipe");
        assert!(s.keep_made("p/index.html", 7));
        s.commit().unwrap();
        assert_eq!(fs::read(out.join("p/index.html")).unwrap(), b"one");
        // The kept tree (the second build's) changed by hand, same size: only the stamp tells.
        // The page made from that recipe is still in the output in place: it is copied from
        // there (checked against its hash), never trusted where it was changed.
        fs::write(keep.join("p/index.html"), b"TWO").unwrap();
        let s = Staging::create_with_reuse(&out, Some(&keep)).unwrap();
        assert!(s.reused);
        assert!(s.keep_made("p/index.html", 7));
        assert_eq!(fs::read(s.dir.join("p/index.html")).unwrap(), b"one");
        s.commit().unwrap();
        // Changed by hand in both trees: made again.
        fs::write(keep.join("p/index.html"), b"TWO").unwrap();
        fs::write(out.join("p/index.html"), b"ONE").unwrap();
        let s = Staging::create_with_reuse(&out, Some(&keep)).unwrap();
        assert!(s.reused);
        assert!(!s.keep_made("p/index.html", 7));
    }

    #[test]
    fn a_file_may_become_a_folder_and_a_folder_a_file() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let keep = tmp.path().join("cache/output");
        let s = Staging::create_with_reuse(&out, Some(&keep)).unwrap();
        s.write("x", b"a file").unwrap();
        s.write("y/index.html", b"in a folder").unwrap();
        s.commit().unwrap();
        Staging::create_with_reuse(&out, Some(&keep))
            .unwrap()
            .commit()
            .unwrap();
        let s = Staging::create_with_reuse(&out, Some(&keep)).unwrap();
        assert!(s.reused);
        s.write("x/index.html", b"now a folder").unwrap();
        s.write("y", b"now a file").unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read(out.join("x/index.html")).unwrap(), b"now a folder");
        assert_eq!(fs::read(out.join("y")).unwrap(), b"now a file");
    }

    /// Three builds into `out` (so the third rewrites the first one's tree), each made by `f`.
    fn three_builds(out: &Path, keep: &Path, f: impl Fn(&Staging) -> io::Result<()>) {
        for _ in 0..3 {
            let s = Staging::create_with_reuse(out, Some(keep)).unwrap();
            f(&s).unwrap();
            s.commit().unwrap();
        }
    }

    #[test]
    fn a_static_file_over_a_theme_file_is_what_the_ledger_remembers() {
        let tmp = tempfile::tempdir().unwrap();
        let (out, keep) = (tmp.path().join("public"), tmp.path().join("cache/output"));
        let site_static = tmp.path().join("static");
        fs::create_dir(&site_static).unwrap();
        fs::write(site_static.join("style.css"), b"site").unwrap();
        // The theme's file, then the site's of the same size over it, within one clock tick.
        three_builds(&out, &keep, |s| {
            s.write("style.css", b"them")?;
            s.copy_tree(&site_static)
                .map(|_| ())
                .map_err(io::Error::other)
        });
        assert_eq!(fs::read(out.join("style.css")).unwrap(), b"site");
        // The site's file is gone: the theme's comes back, in both trees.
        fs::remove_file(site_static.join("style.css")).unwrap();
        three_builds(&out, &keep, |s| s.write("style.css", b"them"));
        assert_eq!(fs::read(out.join("style.css")).unwrap(), b"them");
    }

    #[test]
    fn a_path_this_build_uses_twice_fails_as_in_a_fresh_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let (out, keep) = (tmp.path().join("public"), tmp.path().join("cache/output"));
        three_builds(&out, &keep, |s| {
            s.write("sitemap.xml", b"<urlset/>")?;
            s.write("search/index.html", b"search")
        });
        for reuse in [true, false] {
            let s = Staging::create_with_reuse(&out, reuse.then_some(keep.as_path())).unwrap();
            assert_eq!(s.reused, reuse);
            s.write("sitemap.xml", b"<urlset/>").unwrap();
            s.write("search/index.html", b"search").unwrap();
            assert!(s.write("sitemap.xml/x.txt", b"x").is_err(), "reuse {reuse}");
            assert!(s.write("search", b"a file").is_err(), "reuse {reuse}");
            assert_eq!(
                fs::read(s.dir.join("search/index.html")).unwrap(),
                b"search"
            );
            drop(s);
            if !reuse {
                continue;
            }
            // The failed build removed the tree it claimed; make a new one to keep.
            three_builds(&out, &keep, |s| s.write("sitemap.xml", b"<urlset/>"));
        }
    }

    #[test]
    fn a_kept_folder_that_is_a_link_or_not_vitrinas_is_left_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let docs = tmp.path().join("docs");
        fs::create_dir(&docs).unwrap();
        fs::write(docs.join("tesis.docx"), b"years of work").unwrap();
        fs::create_dir(tmp.path().join("cache")).unwrap();
        let keep = tmp.path().join("cache/output");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&docs, &keep).unwrap();
        let other = tmp.path().join("cache2/output");
        copy_dir_for_test(&docs, &other);
        for keep in [&keep, &other] {
            for _ in 0..3 {
                let s = Staging::create_with_reuse(&out, Some(keep)).unwrap();
                assert!(!s.reused, "{}", keep.display());
                s.write("index.html", b"home").unwrap();
                s.commit().unwrap();
            }
        }
        assert_eq!(fs::read(docs.join("tesis.docx")).unwrap(), b"years of work");
        assert_eq!(
            fs::read(other.join("tesis.docx")).unwrap(),
            b"years of work"
        );
        assert!(!tmp.path().join("output-ledger.json").exists());
    }

    fn copy_dir_for_test(from: &Path, to: &Path) {
        fs::create_dir_all(to).unwrap();
        for e in fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }

    #[test]
    fn links_in_a_reused_output_are_never_written_through() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let keep = tmp.path().join("cache/output");
        let victim = tmp.path().join("victim.txt");
        fs::write(&victim, "keep me").unwrap();
        for _ in 0..2 {
            let s = Staging::create_with_reuse(&out, Some(&keep)).unwrap();
            s.write("style.css", b"css").unwrap();
            s.commit().unwrap();
        }
        // Someone links a file of the published folder to something else; two builds later
        // that folder is the one being reused.
        fs::remove_file(out.join("style.css")).unwrap();
        std::os::unix::fs::symlink(&victim, out.join("style.css")).unwrap();
        for _ in 0..2 {
            let s = Staging::create_with_reuse(&out, Some(&keep)).unwrap();
            s.write("style.css", b"new css").unwrap();
            s.commit().unwrap();
        }
        assert_eq!(fs::read_to_string(&victim).unwrap(), "keep me");
        assert_eq!(
            fs::read_to_string(out.join("style.css")).unwrap(),
            "new css"
        );
        assert!(!fs::symlink_metadata(out.join("style.css"))
            .unwrap()
            .file_type()
            .is_symlink());
    }
}

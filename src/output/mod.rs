//! Write: the only module that creates files in the output folder.
//!
//! A build writes into a staging folder beside the output (`.public.tmp-<pid>-<n>`), and only a
//! build without errors swaps it in place of the old output ([`Staging::commit`]). A failed or
//! interrupted build leaves the previous output untouched, and the output is always exactly one
//! build: no stale files from an earlier one. A staging folder that is dropped without commit is
//! removed.
//!
//! **Invariant:** nothing is ever written into `content/`, `themes/` or `static/`; an output
//! folder that would contain or sit inside them is refused ([`check_out_dir`]).

use std::collections::HashSet;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use anyhow::{bail, Context, Result};
use walkdir::WalkDir;

pub mod ledger;
pub mod live;
use ledger::{Entry, Ledger};

/// Where a build's files go: a [`Staging`] folder swapped in whole (`build`), or the served
/// folder updated in place ([`live::Live`], `serve`).
pub trait Tree: Sync {
    /// Writes one file at `rel` (a `/` separated path that must stay inside the output) made
    /// from `recipe` (0: none).
    fn put(&self, rel: &str, bytes: &[u8], recipe: u64) -> io::Result<()>;

    /// Keeps the page at `rel` (it counts as written) when the output already holds it as made
    /// from `recipe`; false when it must be rendered.
    fn keep_made(&self, rel: &str, recipe: u64) -> bool;

    /// Keeps the file at `rel` when the output already holds these bytes (length and xxh3).
    fn keep_if_same(&self, rel: &str, len: u64, hash: u64) -> bool;

    /// What the build wrote and kept so far: each file's path and xxh3, sorted by path.
    fn files(&self) -> Vec<(String, u64)>;

    /// Writes one file.
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.put(rel, bytes, 0)
    }

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
            let entry = entry.with_context(|| format!("no se pudo leer {}", from.display()))?;
            // Files only; hidden ones (.gitkeep, .DS_Store) are not published.
            if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.')
            {
                continue;
            }
            let rel = entry.path().strip_prefix(from).context("static path")?;
            let rel = crate::diag::display_path(rel);
            // Through `put`, like every file: the ledger always knows what a file holds.
            let bytes = fs::read(entry.path())
                .with_context(|| format!("no se pudo leer {}", entry.path().display()))?;
            self.put(&rel, &bytes, 0)
                .with_context(|| format!("no se pudo copiar {}", entry.path().display()))?;
            n += 1;
        }
        Ok(n)
    }
}

/// `rel` as a relative path, refused when it would leave the output (`..`, absolute, empty).
fn checked_rel(rel: &str) -> io::Result<&Path> {
    let p = Path::new(rel);
    if rel.is_empty() || p.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("output path leaves the site: {rel}"),
        ));
    }
    Ok(p)
}

/// The file every output folder vitrina makes carries, so a build never replaces a folder that
/// vitrina did not make (someone's documents, a git worktree) by mistake.
pub const MARKER: &str = ".vitrina-output";

/// Refuses output folders that would overwrite the site's own files or someone else's folder.
pub fn check_out_dir(site_dir: &Path, out_dir: &Path) -> Result<()> {
    let site = absolute(site_dir);
    let out = absolute(out_dir);
    if out == site || site.starts_with(&out) {
        bail!(
            "la carpeta de salida {} contiene el sitio; usa otra, por ejemplo --out public / the output folder contains the site; use another one",
            out.display()
        );
    }
    for d in ["content", "themes", "static", ".vitrina-cache"] {
        let p = absolute(&site.join(d));
        if nested(&out, &p) {
            bail!(
                "la carpeta de salida {} está dentro de {} (o la contiene); vitrina nunca escribe ahí / the output folder is inside (or contains) {}",
                out.display(),
                p.display(),
                p.display()
            );
        }
    }
    let foreign = out.is_dir()
        && !out.join(MARKER).is_file()
        && fs::read_dir(&out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true);
    if foreign {
        bail!(
            "la carpeta de salida {} ya tiene archivos que vitrina no hizo; vitrina la reemplazaría entera. Usa otra carpeta (por ejemplo --out public) o vacíala tú / the output folder {} holds files vitrina did not make and would be replaced: use another folder or empty it yourself",
            out.display(),
            out.display()
        );
    }
    Ok(())
}

/// An absolute path with `..` resolved and links resolved in the longest part that exists, so
/// a link anywhere on the way cannot hide where a path really points.
fn absolute(p: &Path) -> PathBuf {
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

/// True when one folder is inside the other (or they are the same).
fn nested(a: &Path, b: &Path) -> bool {
    a.starts_with(b) || b.starts_with(a)
}

/// Refuses a cache folder inside (or around) the site's `content/`, `themes/` or `static/`: what
/// is in `static/` is published, and the cache holds file names and old outputs.
pub fn check_cache_dir(site_dir: &Path, cache_dir: &Path) -> Result<()> {
    let cache = absolute(cache_dir);
    let site = absolute(site_dir);
    for d in ["content", "themes", "static"] {
        let p = absolute(&site.join(d));
        if nested(&cache, &p) {
            bail!(
                "la caché {} no puede estar dentro de {} (ni contenerla) / the cache folder cannot be inside (or contain) {}",
                cache.display(),
                p.display(),
                p.display()
            );
        }
    }
    Ok(())
}

/// Refuses an output folder inside the build cache folder, or around it.
pub fn check_out_dir_against(cache_dir: &Path, out_dir: &Path) -> Result<()> {
    let cache = absolute(cache_dir);
    let out = absolute(out_dir);
    if nested(&out, &cache) {
        bail!(
            "la carpeta de salida {} y la caché {} no pueden estar una dentro de la otra / the output folder and the cache folder cannot be inside each other",
            out.display(),
            cache.display()
        );
    }
    Ok(())
}

/// What identifies one version of a file without reading it: size, modification time and
/// change time (nanoseconds), inode. The change time cannot be set back by any tool.
pub type Stamp = (u64, i64, i64, u64);

/// The [`Stamp`] of a file's metadata (times and inode are 0 where unknown).
pub fn stamp_of(meta: &fs::Metadata) -> Stamp {
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
    #[cfg(unix)]
    let (ctime, ino) = {
        use std::os::unix::fs::MetadataExt;
        (
            meta.ctime()
                .saturating_mul(1_000_000_000)
                .saturating_add(meta.ctime_nsec()),
            meta.ino(),
        )
    };
    #[cfg(not(unix))]
    let (ctime, ino) = (0, 0);
    (meta.len(), mtime, ctime, ino)
}

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
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

impl Tree for Staging {
    fn put(&self, rel: &str, bytes: &[u8], recipe: u64) -> io::Result<()> {
        Staging::put(self, rel, bytes, recipe)
    }

    fn keep_made(&self, rel: &str, recipe: u64) -> bool {
        Staging::keep_made(self, rel, recipe)
    }

    fn keep_if_same(&self, rel: &str, len: u64, hash: u64) -> bool {
        Staging::keep_if_same(self, rel, len, hash)
    }

    fn files(&self) -> Vec<(String, u64)> {
        sorted_files(self.ledger.entries().into_iter())
    }
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
        fs::create_dir_all(&parent)
            .with_context(|| format!("no se pudo crear {}", parent.display()))?;
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        // The kept folder's own name is not resolved: a link there is never followed.
        let keep = keep.and_then(|k| {
            let k = absolute(k.parent()?).join(k.file_name()?);
            fs::create_dir_all(k.parent()?).ok()?;
            same_disk(k.parent()?, &parent).then_some(k)
        });
        sweep_abandoned(&parent);
        if let Some(k) = keep.as_ref().and_then(|k| k.parent()) {
            sweep_abandoned(k);
        }
        let ledger_at = keep
            .as_ref()
            .map(|k| k.with_file_name("output-ledger.json"));
        let ledger = |dir: &Path| match &ledger_at {
            Some(at) => Ledger::open(at, dir),
            None => Ledger::none(),
        };
        // Claim the kept copy by renaming it, so two builds at once never share one folder. Only
        // a real folder that vitrina made (it has the marker) is reused: a link, or a folder
        // someone put there, is left alone.
        if let Some(k) = keep.as_ref().filter(|k| made_by_vitrina(k)) {
            let claimed = k.with_file_name(format!("output-claimed-{}-{n}", std::process::id()));
            if fs::rename(k, &claimed).is_ok() {
                if !made_by_vitrina(&claimed) {
                    // Replaced between the check and the claim: give it back, untouched.
                    fs::rename(&claimed, k).ok();
                } else {
                    // Whatever was put into the old output by hand must not be written
                    // through: links (and anything not a plain file or folder) are removed
                    // before reuse.
                    match survey(&claimed) {
                        Err(_) => {
                            fs::remove_dir_all(&claimed).ok();
                        }
                        Ok(found) => {
                            return Ok(Staging {
                                ledger: ledger(&claimed),
                                dir: claimed,
                                out,
                                keep,
                                reused: true,
                                found,
                                written: Mutex::new(HashSet::new()),
                                committed: false,
                                out_tree,
                            });
                        }
                    }
                }
            }
        }
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let dir = parent.join(format!(".{name}.tmp-{}-{n}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).ok();
        }
        fs::create_dir(&dir).with_context(|| format!("no se pudo crear {}", dir.display()))?;
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
        })
    }

    fn put(&self, rel: &str, bytes: &[u8], recipe: u64) -> io::Result<()> {
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
                    return Err(io::Error::new(
                        io::ErrorKind::AlreadyExists,
                        format!("{rel}: una carpeta de esta misma build ocupa ese lugar / a folder of this build is in the way"),
                    ));
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
                    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
                    let tmp = self.dir.join(format!(".dir-{}-{n}", std::process::id()));
                    fs::create_dir(&tmp)?;
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
        let Some(stamp) = self.plain_stamp(rel).filter(|s| s.0 == len) else {
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
    fn remove_stale(&self) -> Result<()> {
        let written = self.written.lock().map_err(|_| anyhow::anyhow!("lock"))?;
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
    pub fn commit(mut self) -> Result<live::Manifest> {
        self.write(
            MARKER,
            b"Made by vitrina. Every build replaces this whole folder.\nHecho por vitrina. Cada build reemplaza esta carpeta entera.\n",
        )?;
        if self.reused {
            self.remove_stale()?;
        }
        let old = self.dir.with_file_name(format!(
            "{}.old",
            self.dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        ));
        let had_old = self.out.exists();
        if had_old && exchange(&self.dir, &self.out) {
            // The old output is now where the staging folder was.
            fs::rename(&self.dir, &old)
                .with_context(|| format!("no se pudo mover {}", self.dir.display()))?;
        } else {
            if had_old {
                fs::rename(&self.out, &old)
                    .with_context(|| format!("no se pudo mover {}", self.out.display()))?;
            }
            if let Err(e) = fs::rename(&self.dir, &self.out) {
                if had_old {
                    fs::rename(&old, &self.out).ok();
                }
                return Err(e)
                    .with_context(|| format!("no se pudo escribir {}", self.out.display()));
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

/// Swaps two folders in one step (Linux `renameat2(RENAME_EXCHANGE)`); false where that is not
/// possible (other systems, file systems without it), and nothing was moved.
fn exchange(a: &Path, b: &Path) -> bool {
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

/// Writes `bytes` to a temporary file beside `path` and renames it into place, so a reader sees
/// the old file or the new one, never half of one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!("{name}.tmp-{}-{n}", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        fs::remove_file(&tmp).ok();
    }
    result
}

/// Calls `f` with the bytes of the file at `path`, read into a buffer each thread reuses (a
/// rebuild compares thousands of unchanged files; fresh buffers cost more in page faults than
/// the reading itself).
fn with_contents<T>(path: &Path, f: impl FnOnce(&[u8]) -> T) -> io::Result<T> {
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

/// True for a real folder (not a link) holding the [`MARKER`] file every output has.
fn made_by_vitrina(dir: &Path) -> bool {
    fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir())
        && fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file())
}

/// Removes staging folders left by builds that were killed (their process is gone).
fn sweep_abandoned(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let pid = if let Some(rest) = name.strip_prefix("output-claimed-") {
            rest.split('-').next()
        } else if name.starts_with('.') && name.contains(".tmp-") {
            name.rsplit(".tmp-")
                .next()
                .and_then(|r| r.split('-').next())
        } else {
            None
        };
        let Some(pid) = pid.and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if pid != std::process::id() && !process_alive(pid) {
            fs::remove_dir_all(e.path()).ok();
        }
    }
}

fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true // without a cheap check, never remove what another build may be using
    }
}

/// True when both folders are on the same disk (a rename between them works).
fn same_disk(a: &Path, b: &Path) -> bool {
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

/// Removes a folder, its subfolders in parallel (a previous output has one folder per vendor).
fn remove_tree_parallel(dir: &Path) {
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
        assert!(s.write("../evil.html", b"x").is_err());
        assert!(s.write("/etc/passwd", b"x").is_err());
        assert!(s.write("ok/index.html", b"x").is_ok());
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
        let files = WalkDir::new(&out)
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

    #[test]
    fn a_folder_vitrina_did_not_make_is_never_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        fs::create_dir_all(site.join("content")).unwrap();
        let docs = tmp.path().join("Documentos");
        fs::create_dir(&docs).unwrap();
        fs::write(docs.join("tesis.docx"), "mine").unwrap();
        assert!(check_out_dir(&site, &docs).is_err());
        // An empty folder is fine, and so is one vitrina made (it carries the marker).
        assert!(check_out_dir(&site, &tmp.path().join("vacia")).is_ok());
        let s = Staging::create(&tmp.path().join("public")).unwrap();
        s.commit().unwrap();
        assert!(tmp.path().join("public").join(MARKER).is_file());
        assert!(check_out_dir(&site, &tmp.path().join("public")).is_ok());
    }

    #[test]
    fn a_link_cannot_smuggle_the_output_into_the_content() {
        let tmp = tempfile::tempdir().unwrap();
        let real = tmp.path().join("realsite");
        fs::create_dir_all(real.join("content")).unwrap();
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert!(check_out_dir(&real, &link.join("content/pub")).is_err());
        assert!(check_out_dir(&link, &real.join("content")).is_err());
        assert!(check_out_dir(&real, &real.join(".vitrina-cache/x")).is_err());
    }

    #[test]
    fn protects_the_site_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path();
        assert!(check_out_dir(site, site).is_err());
        assert!(check_out_dir(site, &site.join("content/public")).is_err());
        assert!(check_out_dir(site, &site.join("static")).is_err());
        assert!(check_out_dir(&site.join("sub"), site).is_err());
        assert!(check_out_dir(site, &site.join("public")).is_ok());
    }
}

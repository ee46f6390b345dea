//! The photo cache: encoded renditions kept between builds, outside `content/`.
//!
//! Layout of the cache folder (default `<site>/.vitrina-cache/`, `--cache-dir` elsewhere):
//!
//! ```text
//! .gitignore, CACHEDIR.TAG     the folder ignores itself for git and backup tools
//! images/sources.json          per source file: size, times, inode → content hash, size, orientation;
//!                              entry checksums, average colours
//! images/v1/<2 hex>/<key>.<ext> one rendition (or a photo's placeholder colour) per file
//! output/                      the output the last build replaced (see output::Staging)
//! output-ledger.json           what both output trees hold (see output::ledger)
//! ```
//!
//! - **Content-addressed.** A key is the xxh3-128 of the source's content hash, the operation
//!   (format, width, height), the quality and [`ENCODER_VERSION`]: the same photo under another
//!   name or in another vendor's folder is encoded once; any setting change misses.
//! - **Verified.** Every entry ends with a 16-byte footer (xxh3-64 of the payload and a magic);
//!   a truncated or corrupt entry is treated as missing and encoded again.
//! - **Safe with two builds at once.** Entries and the manifest are written to a temporary file
//!   and renamed into place, so a reader sees a whole file or none, and every entry is checked
//!   when read; pruning removes only entries this build did not use *and* that are older than the
//!   build's start. Two builds can still cost each other work (the last manifest written wins;
//!   one may prune what the other made earlier), never correctness: a missing entry is redone.
//! - **Fast when nothing changed.** `sources.json` lets a rebuild skip reading and hashing an
//!   unchanged photo (same size, modification and change time, inode), like `make` and cargo.
//!   The cache is best effort: a folder that cannot be written only makes the build slower.

use rustc_hash::{FxHashMap, FxHashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::encode::ENCODER_VERSION;
use crate::fs::{stamp_of, write_atomic, Stamp};

const MAGIC: &[u8; 8] = b"vitrina1";
const ENTRIES: &str = "v1";

/// What the cache remembers about one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceInfo {
    /// File size.
    pub len: u64,
    /// Modification time, nanoseconds since the epoch.
    pub mtime: i64,
    /// Status change time (Unix; 0 elsewhere): changes whenever the file is written or renamed.
    pub ctime: i64,
    /// Inode (Unix; 0 elsewhere).
    pub ino: u64,
    /// xxh3-128 of the bytes (hex in the manifest: JSON numbers stop at 64 bits).
    #[serde(with = "hex128")]
    pub hash: u128,
    /// Shown width (orientation applied).
    pub width: u32,
    /// Shown height.
    pub height: u32,
    /// EXIF orientation.
    pub orientation: u8,
}

/// The cache of one build.
#[derive(Debug)]
pub struct Cache {
    /// `<cache>/images`, or `None` when caching is off.
    dir: Option<PathBuf>,
    writable: bool,
    started: SystemTime,
    known: Arc<FxHashMap<String, SourceInfo>>,
    seen: Mutex<FxHashMap<String, SourceInfo>>,
    used: Mutex<FxHashSet<String>>,
    known_entries: Arc<FxHashMap<String, (u64, u64)>>,
    entries: Mutex<FxHashMap<String, (u64, u64)>>,
    known_colors: Arc<FxHashMap<String, [u8; 3]>>,
    colors: Mutex<FxHashMap<String, [u8; 3]>>,
    /// Set when this build stored an entry (then pruning walks the entries).
    wrote: std::sync::atomic::AtomicBool,
}

impl Cache {
    /// A cache that remembers nothing (tests, or a cache folder that cannot be made).
    pub fn disabled() -> Cache {
        Cache {
            dir: None,
            writable: false,
            started: SystemTime::now(),
            known: Arc::default(),
            seen: Mutex::new(FxHashMap::default()),
            used: Mutex::new(FxHashSet::default()),
            known_entries: Arc::default(),
            entries: Mutex::new(FxHashMap::default()),
            known_colors: Arc::default(),
            colors: Mutex::new(FxHashMap::default()),
            wrote: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Opens the cache in `root` (the `.vitrina-cache` folder). `writable` is false for
    /// `check`, which reads the cache but never writes anything.
    pub fn open(root: &Path, writable: bool, memory: &Memory) -> Cache {
        let dir = root.join("images");
        if writable && prepare(root, &dir).is_err() {
            return Cache::disabled();
        }
        if writable {
            // What a build killed while writing its memory left behind.
            crate::fs::sweep_temp_files(root);
            crate::fs::sweep_temp_files(&dir);
        }
        let (known, known_entries, known_colors) = read_manifest(&dir.join("sources.json"), memory);
        Cache {
            dir: Some(dir),
            writable,
            started: SystemTime::now(),
            known,
            seen: Mutex::new(FxHashMap::default()),
            used: Mutex::new(FxHashSet::default()),
            known_entries,
            entries: Mutex::new(FxHashMap::default()),
            known_colors,
            colors: Mutex::new(FxHashMap::default()),
            wrote: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// What is known of the file at `path` if it has not changed since it was remembered.
    pub fn source(&self, path: &Path, meta: &fs::Metadata) -> Option<SourceInfo> {
        let key = path.to_string_lossy();
        let info = self.known.get(key.as_ref())?;
        let Stamp {
            len,
            modified: mtime,
            changed: ctime,
            inode: ino,
        } = stamp_of(meta);
        (info.len == len && info.mtime == mtime && info.ctime == ctime && info.ino == ino)
            .then_some(*info)
    }

    /// Remembers what this build found out about the file at `path`.
    pub fn remember(&self, path: &Path, info: SourceInfo) {
        if let Ok(mut seen) = self.seen.lock() {
            seen.insert(path.to_string_lossy().into_owned(), info);
        }
    }

    /// The entry `key`, when present and intact.
    pub fn get(&self, key: &str) -> Option<Vec<u8>> {
        let path = self.entry_path(key)?;
        let mut bytes = fs::read(&path).ok()?;
        let n = bytes.len().checked_sub(16)?;
        let (payload, footer) = bytes.split_at(n);
        if &footer[8..] != MAGIC || footer[..8] != xxhash_rust::xxh3::xxh3_64(payload).to_le_bytes()
        {
            return None;
        }
        bytes.truncate(n);
        self.mark_used(key);
        self.note(key, &bytes);
        Some(bytes)
    }

    /// Length and checksum of entry `key` as last written or read, without opening it (the
    /// entry itself is checked whenever it is read).
    pub fn expected(&self, key: &str) -> Option<(u64, u64)> {
        let found = self
            .known_entries
            .get(key)
            .copied()
            .or_else(|| self.entries.lock().ok().and_then(|e| e.get(key).copied()))?;
        self.mark_used(key);
        if let Ok(mut e) = self.entries.lock() {
            e.insert(key.to_string(), found);
        }
        Some(found)
    }

    /// The colour the manifest remembers under `key`, without reading the cache or marking the
    /// entry used (plans peek; processing the photo claims it with [`Cache::color`]).
    pub fn known_color(&self, key: &str) -> Option<[u8; 3]> {
        self.known_colors.get(key).copied()
    }

    /// A photo's average colour (`key` is its colour key).
    pub fn color(&self, key: &str) -> Option<[u8; 3]> {
        let c = self.known_colors.get(key).copied().or_else(|| {
            self.get(key)
                .and_then(|c| <[u8; 3]>::try_from(c.as_slice()).ok())
        })?;
        self.mark_used(key);
        if let Ok(mut colors) = self.colors.lock() {
            colors.insert(key.to_string(), c);
        }
        // The colour's own entry stays remembered too.
        if let (Some(e), Ok(mut entries)) = (self.known_entries.get(key), self.entries.lock()) {
            entries.entry(key.to_string()).or_insert(*e);
        }
        Some(c)
    }

    /// Stores a photo's average colour.
    pub fn put_color(&self, key: &str, color: [u8; 3]) {
        self.put(key, &color);
        if let Ok(mut colors) = self.colors.lock() {
            colors.insert(key.to_string(), color);
        }
    }

    fn note(&self, key: &str, payload: &[u8]) {
        if let Ok(mut e) = self.entries.lock() {
            e.insert(
                key.to_string(),
                (payload.len() as u64, xxhash_rust::xxh3::xxh3_64(payload)),
            );
        }
    }

    /// Stores `payload` as entry `key` (errors are ignored: the cache is best effort).
    pub fn put(&self, key: &str, payload: &[u8]) {
        self.mark_used(key);
        self.note(key, payload);
        self.wrote.store(true, Ordering::Relaxed);
        if !self.writable {
            return;
        }
        let Some(path) = self.entry_path(key) else {
            return;
        };
        let write = || -> std::io::Result<()> {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            let mut bytes = Vec::with_capacity(payload.len() + 16);
            bytes.extend_from_slice(payload);
            bytes.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(payload).to_le_bytes());
            bytes.extend_from_slice(MAGIC);
            write_atomic(&path, &bytes)
        };
        write().ok();
    }

    /// After a build: saves what it learnt about the sources and, when `prune`, removes every
    /// entry the build did not use (and that is older than the build, so a build running at the
    /// same time keeps what it just wrote).
    pub fn finish(self, prune: bool) {
        let (Some(dir), true) = (&self.dir, self.writable) else {
            return;
        };
        let seen = self.seen.into_inner().unwrap_or_default();
        let used = self.used.into_inner().unwrap_or_default();
        // Nothing stored and every remembered entry used: there is nothing to prune (entries the
        // manifest does not know of are pruned by the next build that stores something).
        let nothing_new = !self.wrote.load(Ordering::Relaxed)
            && self.known_entries.keys().all(|k| used.contains(k))
            && self.known_colors.keys().all(|k| used.contains(k));
        let (seen_entries, seen_colors) = (
            self.entries.into_inner().unwrap_or_default(),
            self.colors.into_inner().unwrap_or_default(),
        );
        let manifest = if prune {
            // After a good build the manifest is exactly what this build used.
            let manifest = Manifest {
                version: ENCODER_VERSION.to_string(),
                sources: seen,
                entries: seen_entries,
                colors: seen_colors,
            };
            let unchanged = manifest.sources == *self.known
                && manifest.entries == *self.known_entries
                && manifest.colors == *self.known_colors;
            // Rewriting an identical manifest would only cost a rebuild disk writes.
            (!unchanged).then_some(manifest)
        } else {
            let (mut sources, mut entries, mut colors) = (
                Arc::unwrap_or_clone(self.known),
                Arc::unwrap_or_clone(self.known_entries),
                Arc::unwrap_or_clone(self.known_colors),
            );
            sources.extend(seen);
            entries.extend(seen_entries);
            colors.extend(seen_colors);
            Some(Manifest {
                version: ENCODER_VERSION.to_string(),
                sources,
                entries,
                colors,
            })
        };
        if let Some(bytes) = manifest.and_then(|m| serde_json::to_vec(&m).ok()) {
            write_atomic(&dir.join("sources.json"), &bytes).ok();
        }
        if !prune || nothing_new {
            return;
        }
        let Ok(shards) = fs::read_dir(dir.join(ENTRIES)) else {
            return;
        };
        for shard in shards.flatten() {
            let Ok(entries) = fs::read_dir(shard.path()) else {
                continue;
            };
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if used.contains(&name) {
                    continue;
                }
                let old = e
                    .metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|t| t < self.started);
                if old {
                    fs::remove_file(e.path()).ok();
                }
            }
            fs::remove_dir(shard.path()).ok(); // only when empty
        }
    }

    fn mark_used(&self, key: &str) {
        if let Ok(mut u) = self.used.lock() {
            u.insert(key.to_string());
        }
    }

    fn entry_path(&self, key: &str) -> Option<PathBuf> {
        let dir = self.dir.as_ref()?;
        let shard = key.get(..2)?;
        Some(dir.join(ENTRIES).join(shard).join(key))
    }
}

mod hex128 {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &u128, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{v:032x}"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u128, D::Error> {
        let s = String::deserialize(d)?;
        u128::from_str_radix(&s, 16).map_err(serde::de::Error::custom)
    }
}

#[derive(Serialize, Deserialize)]
struct Manifest {
    version: String,
    sources: FxHashMap<String, SourceInfo>,
    /// Length and xxh3-64 of each entry's payload, so a rebuild can check an output file
    /// against an entry without opening it.
    #[serde(default)]
    entries: FxHashMap<String, (u64, u64)>,
    /// Each photo's average colour, by colour key.
    #[serde(default)]
    colors: FxHashMap<String, [u8; 3]>,
}

/// What a manifest remembers: sources, entries, colours.
type Known = (
    Arc<FxHashMap<String, SourceInfo>>,
    Arc<FxHashMap<String, (u64, u64)>>,
    Arc<FxHashMap<String, [u8; 3]>>,
);

/// The last manifest read, with its path and its file's stamp: `serve` opens the cache once per
/// rebuild, and parsing the manifest of 1,000 photos (2 MB) each time was a visible part of a
/// rebuild after one edit. A manifest written since has another stamp.
#[derive(Default)]
pub struct Memory {
    last_read: Mutex<Option<(PathBuf, Stamp, Known)>>,
}

/// Reads the manifest at `path` (nothing known when it is missing, damaged or of another
/// encoder version), from `memory` when its file is unchanged.
fn read_manifest(path: &Path, memory: &Memory) -> Known {
    let stamp = fs::metadata(path).ok().map(|m| stamp_of(&m));
    if let (Some(stamp), Ok(last)) = (stamp, memory.last_read.lock()) {
        if let Some((p, s, known)) = last.as_ref() {
            if p == path && *s == stamp {
                return known.clone();
            }
        }
    }
    let known: Known = fs::read(path)
        .ok()
        .and_then(|b| serde_json::from_slice::<Manifest>(&b).ok())
        .filter(|m| m.version == ENCODER_VERSION)
        .map(|m| (Arc::new(m.sources), Arc::new(m.entries), Arc::new(m.colors)))
        .unwrap_or_default();
    if let (Some(stamp), Ok(mut last)) = (stamp, memory.last_read.lock()) {
        *last = Some((path.to_path_buf(), stamp, known.clone()));
    }
    known
}

/// Makes the cache folder, marked so git and backup tools leave it alone.
fn prepare(root: &Path, dir: &Path) -> std::io::Result<()> {
    fs::create_dir_all(dir)?;
    mark_scratch(root)
}

/// Makes `root` (a folder vitrina remakes at will: the cache, `serve`'s output) and marks it so
/// git and backup tools leave it alone.
pub fn mark_scratch(root: &Path) -> std::io::Result<()> {
    fs::create_dir_all(root)?;
    for (name, text) in [
        (".gitignore", "# Made by vitrina: remade at will, safe to delete.\n*\n"),
        (
            "CACHEDIR.TAG",
            "Signature: 8a477f597d28d172789f06886806bc55\n# vitrina build cache (https://bford.info/cachedir/)\n",
        ),
    ] {
        let path = root.join(name);
        if !path.exists() {
            fs::write(&path, text)?;
        }
    }
    Ok(())
}

/// The cache key of one operation on a source.
pub fn key(source_hash: u128, op: &str, ext: &str) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&source_hash.to_le_bytes());
    h.update(op.as_bytes());
    h.update(ENCODER_VERSION.as_bytes());
    format!("{:032x}.{ext}", h.digest128())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_corrupt_or_truncated_entry_is_a_miss() {
        let tmp = tempfile::tempdir().unwrap();
        let cache = Cache::open(tmp.path(), true, &Memory::default());
        let k = key(42, "webp 320x240 q75", "webp");
        cache.put(&k, b"some encoded bytes");
        assert_eq!(cache.get(&k).as_deref(), Some(&b"some encoded bytes"[..]));
        let path = cache.entry_path(&k).unwrap();
        let mut bytes = fs::read(&path).unwrap();
        bytes[3] ^= 1;
        fs::write(&path, &bytes).unwrap();
        assert_eq!(cache.get(&k), None, "flipped bit detected");
        fs::write(&path, &bytes[..10]).unwrap();
        assert_eq!(cache.get(&k), None, "truncated entry detected");
        fs::write(&path, b"").unwrap();
        assert_eq!(cache.get(&k), None, "empty entry detected");
    }

    #[test]
    fn pruning_keeps_what_the_build_used_and_what_is_newer() {
        let tmp = tempfile::tempdir().unwrap();
        let old = Cache::open(tmp.path(), true, &Memory::default());
        let (a, b) = (key(1, "a", "jpg"), key(2, "b", "jpg"));
        old.put(&a, b"a");
        old.put(&b, b"b");
        old.finish(true);
        std::thread::sleep(std::time::Duration::from_millis(20));
        let next = Cache::open(tmp.path(), true, &Memory::default());
        assert!(next.get(&a).is_some());
        next.finish(true);
        let again = Cache::open(tmp.path(), true, &Memory::default());
        assert!(again.get(&a).is_some(), "used entry kept");
        assert!(again.get(&b).is_none(), "unused entry pruned");
        assert!(tmp.path().join(".gitignore").exists());
        assert!(tmp.path().join("CACHEDIR.TAG").exists());
    }
}

//! Watching the site's sources for `serve`: which files changed, reported once the writing is
//! over.
//!
//! The native watcher (notify: inotify, FSEvents, ReadDirectoryChanges) looks at `content/`,
//! `themes/` and `static/` recursively and at the site folder itself, so any of the three created
//! (or deleted and created again) after start is watched from then on. With `--poll` (WSL,
//! network drives and shared folders, where native events are lost) a thread of ours walks the
//! three folders every interval and compares each file's size, modification time in
//! nanoseconds and inode: notify's own `PollWatcher` compares modification times in whole
//! seconds (two saves within a second look like one) or else reads every file on every scan,
//! photos included. The build's own folders
//! (`.vitrina-cache/`, `.vitrina-serve/`, `public/`) are never watched: no build sees its own
//! writes.
//!
//! Events are gathered into one [`Batch`] until the files are quiet: nothing for
//! [`Settle::quiet`], and every file opened for writing closed again (inotify tells; a photo
//! being copied is not read half-written) or nothing for [`Settle::open`]. Editor scratch files
//! (`.x.swp`, `x~`, vim's `4913`) are ignored; an atomic save (write a temporary file, rename it
//! over the old one) is the rename's target.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind};
use notify::{Event, EventKind, RecursiveMode, Watcher as _};

/// The folders of a site that are sources.
pub const SOURCES: [&str; 3] = ["content", "themes", "static"];

/// How long to wait before a batch is complete.
#[derive(Debug, Clone, Copy)]
pub struct Settle {
    /// No event for this long: the batch is complete.
    pub quiet: Duration,
    /// ... unless a file is still open for writing: then wait this long without events.
    pub open: Duration,
}

/// The changed source files of one batch (paths relative to the site folder, `/` separated).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Batch {
    /// Every relevant path an event named.
    pub paths: BTreeSet<String>,
}

/// A running watcher and its events.
pub struct Watch {
    site: PathBuf,
    /// The native watcher (`None` when polling).
    watcher: Option<Box<dyn notify::Watcher + Send>>,
    events: Receiver<notify::Result<Event>>,
    settle: Settle,
    /// Which source folders are being watched (they may not exist yet).
    watching: [bool; 3],
    /// Paths created during the current batch.
    created: BTreeSet<String>,
}

impl Watch {
    /// Starts watching `site` (natively, or by polling every `poll`).
    pub fn start(site: &Path, poll: Option<Duration>) -> notify::Result<Watch> {
        let (tx, events) = std::sync::mpsc::channel();
        let site = std::path::absolute(site).unwrap_or_else(|_| site.to_path_buf());
        let watcher: Option<Box<dyn notify::Watcher + Send>> = match poll {
            Some(every) => {
                let root = site.clone();
                let mut seen = scan(&root);
                std::thread::Builder::new()
                    .name("vitrina-poll".into())
                    .spawn(move || loop {
                        std::thread::sleep(every);
                        let now = scan(&root);
                        for ev in differences(&seen, &now) {
                            if tx.send(Ok(ev)).is_err() {
                                return;
                            }
                        }
                        seen = now;
                    })?;
                None
            }
            None => {
                let mut w = notify::recommended_watcher(tx)?;
                w.watch(&site, RecursiveMode::NonRecursive)?;
                Some(Box::new(w))
            }
        };
        let settle = match poll {
            // A change is seen at the next scan; a file still being written shows up changed
            // again at the one after, so the batch waits one scan more.
            Some(every) => Settle {
                quiet: every + Duration::from_millis(20),
                open: every * 2,
            },
            // An editor's save (write, close, rename) arrives within microseconds; a file still
            // open for writing holds the batch back (`open`).
            None => Settle {
                quiet: Duration::from_millis(10),
                open: Duration::from_millis(1500),
            },
        };
        let mut w = Watch {
            site,
            watcher,
            events,
            settle,
            watching: [false; 3],
            created: BTreeSet::new(),
        };
        w.rewatch();
        Ok(w)
    }

    /// Watches the source folders that exist and are not watched yet.
    fn rewatch(&mut self) {
        let Some(watcher) = self.watcher.as_mut() else {
            return;
        };
        for (i, name) in SOURCES.iter().enumerate() {
            let dir = self.site.join(name);
            if !dir.is_dir() {
                if self.watching[i] {
                    watcher.unwatch(&dir).ok();
                }
                self.watching[i] = false;
            } else if !self.watching[i] {
                self.watching[i] = watcher.watch(&dir, RecursiveMode::Recursive).is_ok();
            }
        }
    }

    /// Waits for the next batch of changes; `None` when the watcher stopped.
    pub fn next_batch(&mut self) -> Option<Batch> {
        loop {
            let mut batch = Batch::default();
            let mut open = BTreeSet::new();
            let first = self.events.recv().ok()?;
            self.take(first, &mut batch, &mut open);
            self.settle_into(&mut batch, &mut open)?;
            if !batch.paths.is_empty() {
                return Some(batch);
            }
        }
    }

    /// Adds to `batch` the changes that came since it was complete (while the rebuild waited
    /// for the editor's writes), until the files are quiet again; `None` when the watcher
    /// stopped.
    pub fn gather(&mut self, batch: &mut Batch) -> Option<()> {
        self.settle_into(batch, &mut BTreeSet::new())
    }

    /// Takes events into `batch` until the files are quiet, then drops the files made and gone
    /// within it (an editor's or sed's scratch copy renamed over the real file: not changes of
    /// their own).
    fn settle_into(&mut self, batch: &mut Batch, open: &mut BTreeSet<PathBuf>) -> Option<()> {
        loop {
            let wait = if open.is_empty() {
                self.settle.quiet
            } else {
                self.settle.open
            };
            match self.events.recv_timeout(wait) {
                Ok(ev) => self.take(ev, batch, open),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        batch
            .paths
            .retain(|p| !self.created.contains(p) || self.site.join(p).exists());
        self.created.clear();
        Some(())
    }

    /// Adds one event to the batch; a source folder appearing or going away is watched anew.
    fn take(&mut self, ev: notify::Result<Event>, batch: &mut Batch, open: &mut BTreeSet<PathBuf>) {
        let Ok(ev) = ev else {
            // The watcher lost track (queue overflow, a watched folder gone): look again, and
            // rebuild to be sure.
            self.rewatch();
            batch.paths.insert("content".into());
            return;
        };
        match ev.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => {
                for p in &ev.paths {
                    open.remove(p);
                }
            }
            EventKind::Access(_) => return,
            EventKind::Create(CreateKind::File) | EventKind::Modify(ModifyKind::Data(_))
                if cfg!(target_os = "linux") =>
            {
                // inotify says when the file is closed again.
                open.extend(ev.paths.iter().cloned());
            }
            _ => {}
        }
        if matches!(ev.kind, EventKind::Remove(_)) {
            for p in &ev.paths {
                open.remove(p);
            }
        }
        let mut top_level = false;
        for p in &ev.paths {
            if let Some(rel) = relevant(&self.site, p) {
                if !rel.contains('/') {
                    top_level = true;
                    // The folder itself was made, removed or renamed: whatever is there now
                    // is watched afresh (a watch follows the old folder when it is moved).
                    if let Some(i) = SOURCES.iter().position(|s| *s == rel) {
                        if let Some(w) = self.watcher.as_mut() {
                            w.unwatch(&self.site.join(SOURCES[i])).ok();
                        }
                        self.watching[i] = false;
                    }
                }
                if matches!(ev.kind, EventKind::Create(_)) {
                    self.created.insert(rel.clone());
                }
                batch.paths.insert(rel);
            }
        }
        if top_level || matches!(ev.kind, EventKind::Remove(_) | EventKind::Create(_)) {
            self.rewatch();
        }
    }
}

/// What polling compares: each source file's size, modification time (ns) and inode.
type Scan = std::collections::HashMap<PathBuf, (u64, i64, u64)>;

/// Every file under the source folders, with its [`Scan`] stamp.
fn scan(site: &Path) -> Scan {
    let mut out = Scan::new();
    for name in SOURCES {
        for e in walkdir::WalkDir::new(site.join(name))
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
            .filter_map(Result::ok)
        {
            if let Ok(m) = e.metadata() {
                let crate::fs::Stamp {
                    len,
                    modified: mtime,
                    inode: ino,
                    ..
                } = crate::fs::stamp_of(&m);
                out.insert(e.into_path(), (len, mtime, ino));
            }
        }
    }
    out
}

/// The events between two scans: created, removed and changed paths.
fn differences(old: &Scan, new: &Scan) -> Vec<Event> {
    let mut out = Vec::new();
    for (p, stamp) in new {
        match old.get(p) {
            None => out.push(Event::new(EventKind::Create(CreateKind::Any)).add_path(p.clone())),
            Some(s) if s != stamp => {
                out.push(Event::new(EventKind::Modify(ModifyKind::Any)).add_path(p.clone()));
            }
            Some(_) => {}
        }
    }
    for p in old.keys().filter(|p| !new.contains_key(*p)) {
        out.push(Event::new(EventKind::Remove(notify::event::RemoveKind::Any)).add_path(p.clone()));
    }
    out
}

/// `p` relative to the site, when it is a source file worth a rebuild.
pub fn relevant(site: &Path, p: &Path) -> Option<String> {
    let rel = p.strip_prefix(site).ok()?;
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let top = parts.next()?;
    if !SOURCES.contains(&top.as_ref()) {
        return None;
    }
    let name = rel.file_name()?.to_string_lossy();
    // Hidden folders (a theme's `.git/`, an editor's `.obsidian/`) are not part of the site.
    let hidden = rel
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    if scratch(&name) || hidden {
        return None;
    }
    Some(crate::diag::display_path(rel))
}

/// Editor and download scratch files, never part of a site.
fn scratch(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name == "4913"
        || [".swp", ".swx", ".tmp", ".part", ".crdownload"]
            .iter()
            .any(|e| name.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_source_files_count() {
        let site = Path::new("/s");
        let r = |p: &str| relevant(site, Path::new(p));
        assert_eq!(
            r("/s/content/vendors/a/vendor.toml").as_deref(),
            Some("content/vendors/a/vendor.toml")
        );
        assert_eq!(r("/s/static/logo.png").as_deref(), Some("static/logo.png"));
        assert_eq!(r("/s/content").as_deref(), Some("content"));
        assert_eq!(r("/s/.vitrina-cache/images/x"), None);
        assert_eq!(r("/s/.vitrina-serve/site/index.html"), None);
        assert_eq!(r("/s/public/index.html"), None);
        assert_eq!(r("/s/content/vendors/a/.vendor.toml.swp"), None);
        assert_eq!(r("/s/content/vendors/a/vendor.toml~"), None);
        assert_eq!(r("/s/content/vendors/a/4913"), None);
        assert_eq!(r("/s/themes/x/.git/objects/ab/cd"), None);
        assert_eq!(r("/s/content/.obsidian/workspace.json"), None);
        assert_eq!(r("/elsewhere/content/x"), None);
    }
}

//! One build per batch of changes: [`Rebuilder::rebuild`] runs [`build::run`] (its one call in
//! `serve`), compares what the served folder now holds with what it held ([`changed_files`]),
//! and tells open pages what to do: reload, swap stylesheets, nothing, or show the problems of
//! a failed build while the last good site stays.

use std::sync::Arc;
use std::time::Instant;

use crate::build::{self, Options, Report};
use crate::diag::messages::console::{Console, RebuildSummary, Then};
use crate::diag::messages::machine;
use crate::diag::{Diagnostic, Diagnostics, Problem, Severity};
use crate::i18n::Lang;
use crate::memory::Memory;
use crate::output::live::Manifest;

use super::overlay::problems_json;
use super::shared::{Kind, Shared};
use super::watch::Batch;

/// Runs builds and tells open pages what changed.
pub struct Rebuilder {
    opts: Options,
    shared: Arc<Shared>,
    /// This run's id: with the number of good builds, which site a page shows.
    nonce: String,
    /// Good builds that changed the site.
    builds: u64,
    /// What the served site holds.
    last: Arc<Manifest>,
    /// Whether the last build failed (pages show its problems).
    failed: bool,
    /// `--lang`, else messages follow the fair's.
    flag_lang: Option<Lang>,
    /// What each build leaves for the next (see [`crate::memory`]): one for the whole session.
    memory: Memory,
}

impl Rebuilder {
    /// Builds with `opts` into the folder `shared` serves; nothing is built yet.
    pub fn new(opts: Options, shared: Arc<Shared>, nonce: String, flag_lang: Option<Lang>) -> Self {
        Rebuilder {
            opts,
            shared,
            nonce,
            builds: 0,
            last: Arc::default(),
            failed: false,
            flag_lang,
            memory: Memory::for_serve(),
        }
    }

    /// Builds once; `why` is the batch of changes (`None` for the first build).
    pub fn rebuild(&mut self, why: Option<&Batch>) {
        self.announce(why);
        if why.is_some_and(remakes_every_page) {
            // A whole new folder swapped in is quicker then than thousands of files renamed
            // one by one into the served one.
            self.opts.live = None;
        }
        let start = Instant::now();
        let result = build::run(&self.opts, &self.memory);
        let secs = start.elapsed().as_secs_f64();
        match result {
            Ok(report) if report.written => self.show(report, why, secs),
            Ok(report) => self.keep_last_site(&report),
            Err(e) => self.machine_failed(&e),
        }
    }

    /// "Construyendo…" or "Cambió: …" in the terminal.
    fn announce(&self, why: Option<&Batch>) {
        let line = match why {
            Some(batch) => Console::Changed {
                paths: batch.paths.iter().cloned().collect(),
            },
            None => Console::Building,
        };
        eprintln!("{}", line.text(self.shared.lang()));
    }

    /// The language of this build's messages, told to the server too.
    fn follow_lang(&self, report: &Report) -> Lang {
        let lang = build::message_lang(self.flag_lang, report, &self.opts.site_dir);
        self.shared.set_lang(lang);
        lang
    }

    /// The build found errors: nothing served changes, pages show the problems.
    fn keep_last_site(&mut self, report: &Report) {
        let lang = self.follow_lang(report);
        super::print_diagnostics(&report.diagnostics, lang);
        eprintln!("{}", Console::NotUpdated.text(lang));
        self.fail(&report.diagnostics, lang);
    }

    /// The machine failed (disk full, permissions): shown like a content problem. The served
    /// folder may be half updated: the next build replaces it whole.
    fn machine_failed(&mut self, e: &anyhow::Error) {
        self.opts.live = None;
        let lang = self.shared.lang();
        eprintln!("{}", machine::explain(e, lang));
        // In the page: what failed, where, and what to do, in the same words.
        let (path, detail) = match machine::find(e) {
            Some(f) => (
                crate::diag::display_path(&f.path),
                format!("{} — {}", f.message(lang), f.hint(lang)),
            ),
            None => (
                crate::diag::display_path(&self.opts.out_dir),
                format!("{e:#}"),
            ),
        };
        let mut diags = Diagnostics::new();
        diags.push(Diagnostic::file(
            Severity::Error,
            path,
            Problem::Unwritable { detail },
        ));
        self.fail(&diags, lang);
    }

    /// Keeps the last good site and sends the problems to open pages.
    fn fail(&mut self, diags: &Diagnostics, lang: Lang) {
        self.failed = true;
        let json = problems_json(diags, lang);
        self.shared.failed(&json);
        self.shared.send(Kind::Problems, json);
    }

    /// A good build is served: open pages are told what changed, the terminal how it went.
    fn show(&mut self, report: Report, why: Option<&Batch>, secs: f64) {
        let lang = self.follow_lang(&report);
        if report.diagnostics.warning_count() > 0 {
            super::print_diagnostics(&report.diagnostics, lang);
        }
        let changed = changed_files(&self.last, &report.output);
        self.last = Arc::new(report.output);
        // From now on the served folder is updated in place: this process knows what it holds.
        self.opts.live = Some(self.last.clone());
        let was_failed = std::mem::replace(&mut self.failed, false);
        let shown = shown_files(&changed);
        let kind = why.and_then(|_| what_pages_do(&shown, was_failed));
        if kind.is_some() || why.is_none() {
            self.builds += 1;
        }
        let site = format!("{}-{}", self.nonce, self.builds);
        self.shared.serving(&site);
        if let Some(kind) = kind {
            let data = serde_json::json!({ "site": site, "changed": shown }).to_string();
            self.shared.send(kind, data);
        }
        let summary = RebuildSummary {
            secs,
            rendered: report.pages - report.pages_kept,
            pages: report.pages,
            photos: report.images.photos - report.images.cached,
            changed: changed.len(),
            then: match (why, kind) {
                (None, _) => Then::FirstBuild,
                (Some(_), None) => Then::Nothing,
                (Some(_), Some(Kind::Css)) => Then::Stylesheets,
                (Some(_), Some(_)) => Then::Reload,
            },
        };
        eprintln!("{}", Console::Rebuilt(summary).text(lang));
        if std::env::var_os("VITRINA_TIMINGS").is_some() {
            for (name, d) in &report.timings {
                eprintln!("  {name:<16} {:>8.3} s", d.as_secs_f64());
            }
        }
    }
}

/// A theme or fair.toml change remakes every page.
fn remakes_every_page(batch: &Batch) -> bool {
    batch
        .paths
        .iter()
        .any(|p| p.starts_with("themes/") || p == "content/fair.toml" || p == "themes")
}

/// The files that differ between two outputs (added, changed or removed), sorted.
pub fn changed_files(old: &Manifest, new: &Manifest) -> Vec<String> {
    let mut out: Vec<String> = new
        .iter()
        .filter(|(k, v)| old.get(*k).map(|e| e.hash) != Some(v.hash))
        .map(|(k, _)| k.clone())
        .chain(old.keys().filter(|k| !new.contains_key(*k)).cloned())
        .filter(|k| k != crate::output::MARKER)
        .collect();
    out.sort();
    out
}

/// Of the changed files, those a page shows: the service worker changes with every build, and
/// no page shows it.
fn shown_files(changed: &[String]) -> Vec<&String> {
    changed.iter().filter(|p| *p != "sw.js").collect()
}

/// After a rebuild, what open pages do: swap stylesheets when only they changed, reload when
/// anything else did (or the problems of a failed build are on screen), else nothing.
fn what_pages_do(shown: &[&String], was_failed: bool) -> Option<Kind> {
    let css_only = !shown.is_empty() && shown.iter().all(|p| p.ends_with(".css"));
    if css_only && !was_failed {
        Some(Kind::Css)
    } else if !shown.is_empty() || was_failed {
        Some(Kind::Reload)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_files_are_added_changed_and_removed() {
        let manifest = |files: [(&str, u64); 4]| -> Manifest {
            files
                .into_iter()
                .map(|(k, hash)| {
                    let e = crate::output::ledger::Entry {
                        stamp: Default::default(),
                        hash,
                        recipe: 0,
                    };
                    (k.to_string(), e)
                })
                .collect()
        };
        let old = manifest([("a", 1), ("b", 2), ("c", 3), (".vitrina-output", 9)]);
        let new = manifest([("a", 1), ("b", 5), ("d", 4), (".vitrina-output", 8)]);
        assert_eq!(changed_files(&old, &new), ["b", "c", "d"]);
        assert!(changed_files(&new, &new).is_empty());
    }

    #[test]
    fn pages_swap_stylesheets_reload_or_stay() {
        let files =
            |names: &[&str]| -> Vec<String> { names.iter().map(|n| n.to_string()).collect() };
        let does = |changed: &[&str], was_failed| {
            let changed = files(changed);
            what_pages_do(&shown_files(&changed), was_failed)
        };
        assert_eq!(does(&["style.css", "sw.js"], false), Some(Kind::Css));
        // The problems box goes only with a reload.
        assert_eq!(does(&["style.css"], true), Some(Kind::Reload));
        assert_eq!(
            does(&["style.css", "index.html"], false),
            Some(Kind::Reload)
        );
        assert_eq!(does(&["sw.js"], false), None);
        assert_eq!(does(&[], true), Some(Kind::Reload));
    }

    #[test]
    fn a_theme_or_fair_change_remakes_every_page() {
        let batch = |p: &str| Batch {
            paths: [p.to_string()].into(),
        };
        assert!(remakes_every_page(&batch(
            "themes/default/templates/base.html"
        )));
        assert!(remakes_every_page(&batch("content/fair.toml")));
        assert!(!remakes_every_page(&batch("content/vendors/a/vendor.toml")));
    }
}

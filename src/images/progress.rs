//! Progress while photos are processed: a bar (indicatif) on a terminal; in CI or when the
//! output is piped, a plain line at each quarter, so logs stay short and readable.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::i18n::Lang;

/// Fewer photos than this finish too fast for a progress report to help.
const QUIET_BELOW: usize = 20;
/// Nothing is shown before this (a rebuild from the cache is done by then).
const SHOW_AFTER: Duration = Duration::from_millis(700);

/// Counts photos done and shows it.
#[derive(Debug)]
pub struct Progress {
    bar: Option<ProgressBar>,
    plain: bool,
    total: usize,
    done: AtomicUsize,
    lang: Lang,
    started: Instant,
    visible: AtomicBool,
}

impl Progress {
    /// A report for `total` photos (to be processed, not from the cache), in `lang`.
    pub fn new(total: usize, lang: Lang) -> Progress {
        // VITRINA_PROGRESS=plain: plain lines from the first photo (logs, tests);
        // VITRINA_PROGRESS=off: nothing.
        let mode = std::env::var("VITRINA_PROGRESS").unwrap_or_default();
        let forced = mode == "plain";
        let shown = forced || (total >= QUIET_BELOW && mode != "off");
        let terminal =
            !forced && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        let bar = (shown && terminal).then(|| {
            let label = match lang {
                Lang::Es => "Fotos",
                Lang::En => "Photos",
            };
            let style = ProgressStyle::with_template(&format!(
                "{label} [{{bar:30}}] {{pos}}/{{len}} ({{eta}})"
            ))
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
            ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden())
                .with_style(style)
        });
        Progress {
            plain: shown && bar.is_none(),
            bar,
            total,
            done: AtomicUsize::new(0),
            lang,
            started: Instant::now(),
            visible: AtomicBool::new(forced),
        }
    }

    /// One more photo done.
    pub fn inc(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if !self.visible.load(Ordering::Relaxed) {
            if self.started.elapsed() < SHOW_AFTER {
                if let Some(bar) = &self.bar {
                    bar.inc(1);
                }
                return;
            }
            if !self.visible.swap(true, Ordering::Relaxed) {
                if let Some(bar) = &self.bar {
                    bar.set_draw_target(ProgressDrawTarget::stderr());
                }
            }
        }
        if let Some(bar) = &self.bar {
            bar.inc(1);
        } else if self.plain {
            let quarter = |n: usize| n * 4 / self.total.max(1);
            if quarter(done) != quarter(done - 1) {
                eprintln!(
                    "{}",
                    match self.lang {
                        Lang::Es => format!("  fotos: {done}/{}", self.total),
                        Lang::En => format!("  photos: {done}/{}", self.total),
                    }
                );
            }
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

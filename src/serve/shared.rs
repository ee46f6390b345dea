//! What the HTTP server and the rebuilder share: which site is served, the problems of the last
//! build when it failed, the language of messages, the channel of live-reload messages to
//! open pages ([`Message`], of a [`Kind`]), and the writes under way that a rebuild waits for
//! ([`Shared::writing`]).

use std::path::PathBuf;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::broadcast;

use crate::i18n::Lang;

/// What a message to open pages asks for: the event names of the stream `live.js` listens to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The first message of a page's stream: which site is served, and its problems if any.
    Hello,
    /// Pages changed: reload.
    Reload,
    /// Only stylesheets changed: swap them without reloading.
    Css,
    /// The last build failed: show its problems over the page.
    Problems,
    /// The server stops: the stream ends.
    Bye,
}

impl Kind {
    /// The event name on the wire.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Hello => "hello",
            Kind::Reload => "reload",
            Kind::Css => "css",
            Kind::Problems => "problems",
            Kind::Bye => "bye",
        }
    }
}

/// One message to every open page.
#[derive(Debug, Clone)]
pub struct Message {
    /// What it asks for.
    pub kind: Kind,
    /// JSON.
    pub data: String,
}

/// What the server and the rebuilder share.
pub struct Shared {
    /// The folder served.
    pub out: PathBuf,
    status: Mutex<Status>,
    /// Messages to open pages.
    pub events: broadcast::Sender<Message>,
    /// How many writes into the sources are under way ([`Shared::writing`]).
    writes: Mutex<usize>,
    writes_done: Condvar,
}

/// A write into the sources under way; the rebuild it causes waits until it is dropped.
pub struct Writing<'a>(&'a Shared);

impl Drop for Writing<'_> {
    fn drop(&mut self) {
        let mut n = self.0.writes.lock().unwrap_or_else(|e| e.into_inner());
        *n = n.saturating_sub(1);
        self.0.writes_done.notify_all();
    }
}

/// What changes with every build.
struct Status {
    /// Which site is served: this run's nonce and the number of its last good build.
    site: String,
    /// The problems of the last build when it failed (JSON for the page).
    problems: Option<String>,
    lang: Lang,
}

impl Shared {
    /// Serving `out`, as site `site` (no build yet), with messages in `lang`.
    pub fn new(out: PathBuf, site: String, lang: Lang) -> Shared {
        Shared {
            out,
            status: Mutex::new(Status {
                site,
                problems: None,
                lang,
            }),
            events: broadcast::channel(64).0,
            writes: Mutex::new(0),
            writes_done: Condvar::new(),
        }
    }

    /// Marks files about to be written together (the editor's photo and the product that shows
    /// it): a rebuild that would start before they are all written waits for the returned
    /// guard to drop, so they are built once, together, not in two builds one after the other.
    pub fn writing(&self) -> Writing<'_> {
        *self.writes.lock().unwrap_or_else(|e| e.into_inner()) += 1;
        Writing(self)
    }

    /// Waits until no [`Shared::writing`] is under way, at most `limit`; true when it waited.
    pub fn wait_for_writes(&self, limit: Duration) -> bool {
        let end = Instant::now() + limit;
        let mut n = self.writes.lock().unwrap_or_else(|e| e.into_inner());
        let waited = *n > 0;
        while *n > 0 {
            let left = end.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            n = match self.writes_done.wait_timeout(n, left) {
                Ok((n, _)) => n,
                Err(e) => e.into_inner().0,
            };
        }
        waited
    }

    fn status<T>(&self, f: impl FnOnce(&mut Status) -> T) -> T {
        let mut s = self.status.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut s)
    }

    /// Which site is served now.
    pub fn site_id(&self) -> String {
        self.status(|s| s.site.clone())
    }

    /// The language of messages.
    pub fn lang(&self) -> Lang {
        self.status(|s| s.lang)
    }

    /// Messages follow the language of the last build.
    pub fn set_lang(&self, lang: Lang) {
        self.status(|s| s.lang = lang);
    }

    /// A good build: `site` is served now, without problems.
    pub fn serving(&self, site: &str) {
        self.status(|s| {
            s.site = site.to_string();
            s.problems = None;
        });
    }

    /// A failed build: pages show `problems` (JSON) until a good one.
    pub fn failed(&self, problems: &str) {
        self.status(|s| s.problems = Some(problems.to_string()));
    }

    /// The first message of a page's event stream.
    pub fn hello(&self) -> Message {
        self.status(|s| Message {
            kind: Kind::Hello,
            data: match &s.problems {
                Some(p) => format!(r#"{{"site":{},"problems":{p}}}"#, json_str(&s.site)),
                None => format!(r#"{{"site":{}}}"#, json_str(&s.site)),
            },
        })
    }

    /// Tells every open page.
    pub fn send(&self, kind: Kind, data: String) {
        // No open page: nobody to tell.
        self.events.send(Message { kind, data }).ok();
    }
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_listens_to_every_kind_the_server_sends() {
        let live_js = include_str!("live.js");
        // `bye` ends the stream on the server's side; the page never sees it.
        for kind in [Kind::Hello, Kind::Reload, Kind::Css, Kind::Problems] {
            let listener = format!("es.addEventListener(\"{}\"", kind.name());
            assert!(live_js.contains(&listener), "live.js has no {listener}");
        }
    }

    #[test]
    fn hello_carries_the_site_and_the_problems_of_a_failed_build() {
        let shared = Shared::new("out".into(), "n-0".into(), Lang::Es);
        let hello = shared.hello();
        assert_eq!(
            (hello.kind, hello.data.as_str()),
            (Kind::Hello, r#"{"site":"n-0"}"#)
        );
        shared.failed(r#"{"title":"1 error"}"#);
        assert_eq!(
            shared.hello().data,
            r#"{"site":"n-0","problems":{"title":"1 error"}}"#
        );
        shared.serving("n-1");
        assert_eq!(shared.hello().data, r#"{"site":"n-1"}"#);
    }

    #[test]
    fn a_rebuild_waits_for_writes_under_way_and_no_longer_than_its_limit() {
        let shared = std::sync::Arc::new(Shared::new("out".into(), "n-0".into(), Lang::Es));
        assert!(
            !shared.wait_for_writes(Duration::from_secs(5)),
            "nothing to wait for"
        );
        let writer = shared.clone();
        let (tell, started) = std::sync::mpsc::channel();
        let t = std::thread::spawn(move || {
            let _w = writer.writing();
            tell.send(()).ok();
            std::thread::sleep(Duration::from_millis(150));
        });
        started.recv().ok();
        let t0 = Instant::now();
        assert!(shared.wait_for_writes(Duration::from_secs(5)));
        assert!(
            t0.elapsed() >= Duration::from_millis(100),
            "{:?}",
            t0.elapsed()
        );
        t.join().ok();
        // A write that never ends holds a rebuild back only for the limit.
        let _stuck = shared.writing();
        let t0 = Instant::now();
        assert!(shared.wait_for_writes(Duration::from_millis(50)));
        assert!(t0.elapsed() < Duration::from_secs(2));
    }
}

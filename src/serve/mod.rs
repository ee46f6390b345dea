//! `serve`: builds the site into its own folder, serves it over HTTP, watches the sources and
//! rebuilds after every change, telling open pages to reload, swap a stylesheet, or show what
//! went wrong.
//!
//! `serve` wraps [`build::run`] and adds no stage logic: each rebuild is a whole build, made
//! quick by what builds already reuse (pages whose recipe did not change are kept, photos come
//! from the image cache). What is served lives in `<site>/.vitrina-serve/` (`site/`, and
//! `previous/` for the next rebuild to rewrite), never in `public/`; nothing is written into
//! `content/`, `themes/` or `static/`. A rebuild with an error leaves the last good site in
//! place and sends the problems to every open page instead.
//!
//! Threads: the watcher ([`watch`]) and the builder share one loop on a plain thread (one build
//! at a time; changes made during a build make the next batch); the HTTP server ([`http`]) runs
//! on a small tokio runtime. They share a [`Shared`]: which site is served, the last problems,
//! and the channel of messages to open pages.

pub mod http;
pub mod watch;

use std::io::Write as _;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use serde::Serialize;
use tokio::sync::broadcast;

use crate::build::{self, Options};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::i18n::Lang;
use crate::output::live::Manifest;

/// What `vitrina serve` was asked to do.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site folder.
    pub site_dir: PathBuf,
    /// The address to listen on (loopback unless asked).
    pub bind: IpAddr,
    /// The port (0: any free one); when taken, the next free one is used and said so.
    pub port: u16,
    /// Open the site in the browser once it is served.
    pub open: bool,
    /// Poll the files this often instead of native events.
    pub poll: Option<Duration>,
    /// Include drafts.
    pub drafts: bool,
    /// The build cache folder (shared with `build`).
    pub cache_dir: Option<PathBuf>,
    /// Language of messages (`None`: the fair's).
    pub lang: Option<Lang>,
}

/// One message to every open page.
#[derive(Debug, Clone)]
pub struct Message {
    /// `hello`, `reload`, `css`, `problems`, or `bye` (the server stops).
    pub event: &'static str,
    /// JSON.
    pub data: String,
}

/// What the server and the builder share.
pub struct Shared {
    /// The folder served.
    pub out: PathBuf,
    status: Mutex<Status>,
    /// Messages to open pages.
    pub events: broadcast::Sender<Message>,
}

struct Status {
    /// Which site is served: this run's nonce and the number of its last good build.
    site: String,
    /// The problems of the last build when it failed (JSON for the page).
    problems: Option<String>,
    lang: Lang,
}

impl Shared {
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

    /// The first message of a page's event stream.
    pub fn hello(&self) -> Message {
        self.status(|s| Message {
            event: "hello",
            data: match &s.problems {
                Some(p) => format!(r#"{{"site":{},"problems":{p}}}"#, json_str(&s.site)),
                None => format!(r#"{{"site":{}}}"#, json_str(&s.site)),
            },
        })
    }

    fn send(&self, event: &'static str, data: String) {
        // No open page: nobody to tell.
        self.events.send(Message { event, data }).ok();
    }
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Runs `serve` until Ctrl-C; returns the exit status.
pub fn run(config: &Config) -> Result<u8> {
    let site = &config.site_dir;
    let work = site.join(".vitrina-serve");
    let mut opts = Options {
        site_dir: site.clone(),
        out_dir: work.join("site"),
        base_url: None,
        drafts: config.drafts,
        strict: false,
        write: true,
        cache_dir: config.cache_dir.clone(),
        keep_dir: Some(work.join("previous")),
        live: None,
    };
    let lang0 = config.lang.unwrap_or_else(|| build::sniff_lang(site));
    // Not a site at all (a wrong folder): say so and stop, as `build` does, rather than serve a
    // page of problems nobody can fix by saving a file.
    if !site.join("content").join("fair.toml").is_file() {
        let mut diags = Diagnostics::new();
        diags.push(Diagnostic::file(
            Severity::Error,
            "content/fair.toml",
            crate::diag::Problem::NoFairToml,
        ));
        eprint!(
            "{}",
            crate::diag::render::render_all(&diags, lang0, crate::cmd::color())
        );
        return Ok(1);
    }
    let checked = crate::output::check_out_dir(site, &opts.out_dir)
        .and_then(|()| crate::output::check_out_dir_against(&opts.cache_root(), &opts.out_dir))
        .and_then(|()| crate::output::check_cache_dir(site, &opts.cache_root()));
    checked?; // told in the user's language by main, exit status 2
    let Some((listener, moved)) = bind(config, lang0) else {
        return Ok(2);
    };
    let addr = listener.local_addr()?;
    if let Some(asked) = moved {
        eprintln!(
            "{}",
            match lang0 {
                Lang::Es => format!("El puerto {asked} está ocupado: uso el {}.", addr.port()),
                Lang::En => format!("Port {asked} is in use: using {} instead.", addr.port()),
            }
        );
    }
    // Listening on every address: this computer's browser still uses loopback.
    let local = url_of(&match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::new(Ipv4Addr::LOCALHOST.into(), addr.port())
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::new(std::net::Ipv6Addr::LOCALHOST.into(), addr.port())
        }
        _ => addr,
    });
    let lan = config.bind.is_unspecified().then(|| lan_address(&addr));
    // Links and addresses in the pages point where the site is seen: the phone's view when
    // serving the network.
    opts.base_url = Some(lan.clone().flatten().unwrap_or_else(|| local.clone()));
    crate::images::cache::mark_scratch(&work).ok();

    let nonce = format!(
        "{:x}{:x}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis())
    );
    let shared = Arc::new(Shared {
        out: std::path::absolute(&opts.out_dir).unwrap_or_else(|_| opts.out_dir.clone()),
        status: Mutex::new(Status {
            site: format!("{nonce}-0"),
            problems: None,
            lang: lang0,
        }),
        events: broadcast::channel(64).0,
    });
    let mut builder = Builder {
        opts,
        shared: shared.clone(),
        nonce,
        builds: 0,
        last: Arc::default(),
        failed: false,
        flag_lang: config.lang,
    };
    // Watching starts before the first build: a change made while it runs is not missed.
    let watcher = match watch::Watch::start(site, config.poll) {
        Ok(w) => Some(w),
        Err(e) => {
            eprintln!(
                "{}",
                match lang0 {
                    Lang::Es => format!("No puedo vigilar los cambios ({e}): prueba con --poll. Sirvo el sitio tal como está."),
                    Lang::En => format!("Cannot watch for changes ({e}): try --poll. Serving the site as it is."),
                }
            );
            None
        }
    };
    builder.rebuild(None);
    let lang = shared.lang();

    match lang {
        Lang::Es => println!("Vista previa en {local}  (Ctrl-C para terminar)"),
        Lang::En => println!("Preview at {local}  (Ctrl-C to stop)"),
    }
    if let Some(lan) = &lan {
        match (lan, lang) {
            (Some(url), Lang::Es) => println!("En un teléfono de la misma red Wi-Fi: {url}"),
            (Some(url), Lang::En) => println!("On a phone on the same Wi-Fi: {url}"),
            (None, Lang::Es) => {
                println!("No encontré la dirección de esta computadora en la red local.")
            }
            (None, Lang::En) => {
                println!("Could not find this computer's address on the local network.")
            }
        }
        eprintln!(
            "{}",
            match lang {
                Lang::Es => "Atención: mientras esto esté abierto, cualquiera en esta red puede ver la vista previa (también los borradores si usas --drafts).",
                Lang::En => "Warning: while this runs, anyone on this network can see the preview (drafts too with --drafts).",
            }
        );
    }
    std::io::stdout().flush().ok();

    match watcher {
        Some(mut w) => {
            std::thread::Builder::new()
                .name("vitrina-watch".into())
                .spawn(move || {
                    while let Some(batch) = w.next_batch() {
                        builder.rebuild(Some(&batch));
                    }
                })
                .context("watch thread")?;
        }
        None => drop(builder),
    }
    if config.open {
        open::that_detached(&local).ok();
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("tokio")?;
    runtime.block_on(async {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let app = http::router(shared.clone());
        let stop = shared.clone();
        let stopping = Arc::new(tokio::sync::Notify::new());
        let stopped = stopping.clone();
        let server = axum::serve(listener, app).with_graceful_shutdown(async move {
            tokio::signal::ctrl_c().await.ok();
            // Event streams end, so open connections can close.
            stop.send("bye", "{}".into());
            stopping.notify_one();
        });
        // Connections get a moment to finish; a stuck one does not keep vitrina running.
        tokio::select! {
            r = server => r,
            () = async {
                stopped.notified().await;
                tokio::time::sleep(Duration::from_secs(2)).await;
            } => Ok(()),
        }
    })?;
    println!(
        "{}",
        match lang {
            Lang::Es => "Listo, vista previa cerrada.",
            Lang::En => "Done, preview stopped.",
        }
    );
    // The watcher thread and a build in progress end with the process; a build's staging
    // folder is swept by the next one.
    runtime.shutdown_timeout(Duration::from_millis(200));
    Ok(0)
}

/// Listens on the asked address; on a taken port, the next free one (returned with the port
/// asked for). `None` after printing why not.
fn bind(config: &Config, lang: Lang) -> Option<(TcpListener, Option<u16>)> {
    let tries = if config.port == 0 { 1 } else { 20 };
    let mut last = None;
    for i in 0..tries {
        let port = config.port.saturating_add(i);
        match TcpListener::bind(SocketAddr::new(config.bind, port)) {
            Ok(l) => return Some((l, (i > 0).then_some(config.port))),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => last = Some(e),
            Err(e) => {
                last = Some(e);
                break;
            }
        }
    }
    let e = last.map(|e| e.to_string()).unwrap_or_default();
    eprintln!(
        "{}",
        match lang {
            Lang::Es => format!(
                "error: no puedo escuchar en {}:{} ({e}). Prueba con otro puerto: --port 8080",
                config.bind, config.port
            ),
            Lang::En => format!(
                "error: cannot listen on {}:{} ({e}). Try another port: --port 8080",
                config.bind, config.port
            ),
        }
    );
    None
}

fn url_of(addr: &SocketAddr) -> String {
    match addr.ip() {
        IpAddr::V4(ip) => format!("http://{ip}:{}/", addr.port()),
        IpAddr::V6(ip) => format!("http://[{ip}]:{}/", addr.port()),
    }
}

/// This computer's address on the local network: the one the system would send from (a UDP
/// socket is connected, which sends nothing).
fn lan_address(addr: &SocketAddr) -> Option<String> {
    let probe = std::net::UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).ok()?;
    probe.connect((Ipv4Addr::new(192, 0, 2, 1), 9)).ok()?;
    let ip = probe.local_addr().ok()?.ip();
    (!ip.is_unspecified() && !ip.is_loopback()).then(|| url_of(&SocketAddr::new(ip, addr.port())))
}

/// Runs builds and tells open pages what changed.
struct Builder {
    opts: Options,
    shared: Arc<Shared>,
    nonce: String,
    /// Good builds that changed the site.
    builds: u64,
    /// What the served site holds.
    last: Arc<Manifest>,
    /// Whether the last build failed (pages show its problems).
    failed: bool,
    flag_lang: Option<Lang>,
}

impl Builder {
    /// Builds once; `why` is the batch of changes (`None` for the first build).
    fn rebuild(&mut self, why: Option<&watch::Batch>) {
        let es = self.shared.lang() == Lang::Es;
        if let Some(batch) = why {
            log_changes(batch, es);
        } else {
            eprintln!("{}", if es { "Construyendo…" } else { "Building…" });
        }
        // A theme or fair.toml change remakes every page: a whole new folder swapped in is
        // quicker then than thousands of files renamed one by one into the served one.
        let everything = why.is_some_and(|b| {
            b.paths
                .iter()
                .any(|p| p.starts_with("themes/") || p == "content/fair.toml" || p == "themes")
        });
        let live = self.opts.live.take();
        if !everything {
            self.opts.live = live;
        }
        let start = Instant::now();
        let result = build::run(&self.opts);
        let secs = start.elapsed().as_secs_f64();
        let report = match result {
            Ok(r) => r,
            Err(e) => {
                // The machine failed (disk full, permissions): shown like a content problem.
                // The served folder may be half updated: the next build replaces it whole.
                self.opts.live = None;
                eprintln!("error: {e:#}");
                let lang = self.shared.lang();
                let mut diags = Diagnostics::new();
                diags.push(Diagnostic::file(
                    Severity::Error,
                    crate::diag::display_path(&self.opts.out_dir),
                    crate::diag::Problem::Unwritable {
                        detail: format!("{e:#}"),
                    },
                ));
                self.fail(&diags, lang);
                return;
            }
        };
        let lang = build::message_lang(self.flag_lang, &report, &self.opts.site_dir);
        self.shared.status(|s| s.lang = lang);
        let es = lang == Lang::Es;
        if !report.written {
            eprint!(
                "{}",
                crate::diag::render::render_all(&report.diagnostics, lang, crate::cmd::color())
            );
            eprintln!(
                "{}",
                if es {
                    "No se actualizó la vista previa: sigue mostrando el último sitio que funcionó. Corrige y guarda otra vez."
                } else {
                    "The preview was not updated: it still shows the last site that worked. Fix it and save again."
                }
            );
            self.fail(&report.diagnostics, lang);
            return;
        }
        if report.diagnostics.warning_count() > 0 {
            eprint!(
                "{}",
                crate::diag::render::render_all(&report.diagnostics, lang, crate::cmd::color())
            );
        }
        let changed = changed_files(&self.last, &report.output);
        self.last = Arc::new(report.output);
        // From now on the served folder is updated in place: this process knows what it holds.
        self.opts.live = Some(self.last.clone());
        let was_failed = std::mem::replace(&mut self.failed, false);
        let rendered = report.pages - report.pages_kept;
        let photos = report.images.photos - report.images.cached;
        let summary = if es {
            format!(
                "{:.2} s: {rendered} de {} páginas hechas de nuevo, {photos} {}, {} {} en el sitio",
                secs,
                report.pages,
                if photos == 1 {
                    "foto procesada"
                } else {
                    "fotos procesadas"
                },
                changed.len(),
                if changed.len() == 1 {
                    "archivo cambió"
                } else {
                    "archivos cambiaron"
                },
            )
        } else {
            format!(
                "{:.2} s: {rendered} of {} pages made again, {photos} {} processed, {} {} in the site",
                secs,
                report.pages,
                if photos == 1 { "photo" } else { "photos" },
                changed.len(),
                if changed.len() == 1 { "file changed" } else { "files changed" },
            )
        };
        // The service worker changes with every build, and no page shows it.
        let shown: Vec<&String> = changed.iter().filter(|p| *p != "sw.js").collect();
        let css_only = !shown.is_empty() && shown.iter().all(|p| p.ends_with(".css"));
        let event = if why.is_none() {
            None
        } else if css_only && !was_failed {
            Some("css")
        } else if !shown.is_empty() || was_failed {
            Some("reload")
        } else {
            None
        };
        if event.is_some() || why.is_none() {
            self.builds += 1;
        }
        let site = format!("{}-{}", self.nonce, self.builds);
        self.shared.status(|s| {
            s.site = site.clone();
            s.problems = None;
        });
        let what = match (event, es) {
            (None, _) if why.is_none() => String::new(),
            (None, true) => " — nada cambió, no recargo".into(),
            (None, false) => " — nothing changed, no reload".into(),
            (Some("css"), true) => " — solo estilos: cambio la hoja de estilos sin recargar".into(),
            (Some("css"), false) => " — styles only: swapping the stylesheet, no reload".into(),
            (_, true) => " — recargando".into(),
            (_, false) => " — reloading".into(),
        };
        if let Some(event) = event {
            let data = serde_json::json!({ "site": site, "changed": shown }).to_string();
            self.shared.send(event, data);
        }
        eprintln!(
            "{}{summary}{what}",
            if es { "Listo en " } else { "Done in " }
        );
        if std::env::var_os("VITRINA_TIMINGS").is_some() {
            for (name, d) in &report.timings {
                eprintln!("  {name:<16} {:>8.3} s", d.as_secs_f64());
            }
        }
    }

    /// Keeps the last good site and sends the problems to open pages.
    fn fail(&mut self, diags: &Diagnostics, lang: Lang) {
        self.failed = true;
        let json = problems_json(diags, lang);
        self.shared.status(|s| s.problems = Some(json.clone()));
        self.shared.send("problems", json);
    }
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

/// "Cambió content/…" in the terminal.
fn log_changes(batch: &watch::Batch, es: bool) {
    let paths: Vec<&str> = batch.paths.iter().map(String::as_str).collect();
    let shown = paths.iter().take(5).copied().collect::<Vec<_>>().join(", ");
    let more = paths.len().saturating_sub(5);
    let tail = match (more, es) {
        (0, _) => String::new(),
        (n, true) => format!(" y {n} más"),
        (n, false) => format!(" and {n} more"),
    };
    eprintln!("{} {shown}{tail}", if es { "Cambió:" } else { "Changed:" });
}

/// What an open page shows when a build failed.
#[derive(Serialize)]
struct ProblemsView {
    title: String,
    lead: String,
    hint_label: &'static str,
    close: &'static str,
    problems: Vec<ProblemView>,
}

#[derive(Serialize)]
struct ProblemView {
    severity: &'static str,
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    message: String,
    hint: Option<String>,
    /// The line in question with a mark under the problem.
    snippet: Option<String>,
}

/// The problems of a failed build as JSON for the page overlay (errors first).
pub fn problems_json(diags: &Diagnostics, lang: Lang) -> String {
    let es = lang == Lang::Es;
    let mut problems: Vec<ProblemView> = diags
        .iter()
        .map(|d| {
            let (line, column) = d.line_col().unzip();
            ProblemView {
                severity: match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                file: d.file.clone(),
                line,
                column,
                message: d.problem.message(lang),
                hint: d.problem.hint(lang),
                snippet: snippet(d),
            }
        })
        .collect();
    problems.sort_by_key(|p| p.severity != "error");
    let view = ProblemsView {
        title: crate::diag::render::summary(diags, lang),
        lead: if es {
            "La vista previa sigue mostrando el último sitio que funcionó. Corrige esto y guarda: la página se actualiza sola."
        } else {
            "The preview still shows the last site that worked. Fix this and save: the page updates by itself."
        }
        .into(),
        hint_label: if es { "Qué hacer:" } else { "What to do:" },
        close: if es { "Cerrar" } else { "Close" },
        problems,
    };
    serde_json::to_string(&view).unwrap_or_else(|_| "{}".into())
}

/// `12 | price = "seis"` and a line of `^` under the problem.
fn snippet(d: &Diagnostic) -> Option<String> {
    let (src, span) = d.at.as_ref()?;
    let text = src.text.as_str();
    let start = span.start.min(text.len());
    let ls = text.get(..start)?.rfind('\n').map_or(0, |i| i + 1);
    let le = text.get(ls..)?.find('\n').map_or(text.len(), |i| ls + i);
    let line = text.get(ls..le)?.trim_end_matches('\r');
    let pad = text.get(ls..start)?.chars().count();
    let width = text
        .get(start..span.end.clamp(start, le))
        .map_or(1, |s| s.chars().count().max(1));
    let gutter = format!("{} | ", src.line_col(start).0);
    Some(format!(
        "{gutter}{line}\n{}{}",
        " ".repeat(gutter.len() + pad),
        "^".repeat(width)
    ))
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
}

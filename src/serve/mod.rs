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
//! One concern a file: this one starts everything and stops on Ctrl-C; [`net`] listens and
//! finds the addresses; [`rebuild`] builds once per batch of changes and tells open pages what
//! changed; [`overlay`] is what a page shows for a failed build; [`shared`] is what the builder
//! and the server share (which site is served, the last problems, the messages to open pages
//! and their [`Kind`]s); [`watch`] turns file events into batches; [`http`] is the server.
//!
//! Threads: the watcher and the builder share one loop on a plain thread (one build at a time;
//! changes made during a build make the next batch); the HTTP server runs on a small tokio
//! runtime.

pub mod http;
mod net;
mod overlay;
mod rebuild;
mod shared;
pub mod watch;

use std::io::Write as _;
use std::net::{IpAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, Result};

use crate::build::{self, Options};
use crate::diag::messages::console::Console;
use crate::diag::render::{color, render_all};
use crate::diag::{Diagnostic, Diagnostics, Problem, Severity};
use crate::i18n::Lang;

pub use net::Urls;
pub use shared::{Kind, Message, Shared};

/// What a command adds to the server (`vitrina edit`: the editor): given what the server and the
/// rebuilder share and the addresses it is seen at, the routes to serve besides the site (under
/// [`http::PREFIX`]) and the lines to print once the site is served.
pub type Extra = Box<dyn FnOnce(Arc<Shared>, &Urls) -> (axum::Router, Vec<String>) + Send>;

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

/// Runs `serve` until Ctrl-C; returns the exit status.
pub fn run(config: &Config) -> Result<u8> {
    run_with(config, None)
}

/// Runs `serve` with what a command adds to it (see [`Extra`]) until Ctrl-C.
pub fn run_with(config: &Config, extra: Option<Extra>) -> Result<u8> {
    let site = &config.site_dir;
    let lang = config.lang.unwrap_or_else(|| build::sniff_lang(site));
    let mut opts = options(config);
    if let Some(code) = refuse(&opts, lang)? {
        return Ok(code);
    }
    let Some((listener, moved)) = net::bind(config.bind, config.port, lang) else {
        return Ok(2);
    };
    let addr = listener.local_addr()?;
    if let Some(asked) = moved {
        let used = addr.port();
        eprintln!("{}", Console::PortTaken { asked, used }.text(lang));
    }
    let urls = net::Urls::of(&addr);
    opts.base_url = Some(urls.seen());
    crate::images::cache::mark_scratch(&work_dir(site)).ok();

    let nonce = nonce();
    let out = std::path::absolute(&opts.out_dir).unwrap_or_else(|_| opts.out_dir.clone());
    let shared = Arc::new(Shared::new(out, format!("{nonce}-0"), lang));
    let mut rebuilder = rebuild::Rebuilder::new(opts, shared.clone(), nonce, config.lang);
    // Watching starts before the first build: a change made while it runs is not missed.
    let watcher = start_watching(site, config.poll, lang);
    rebuilder.rebuild(None);
    let lang = shared.lang();
    print_addresses(&urls, lang);
    let extra = extra.map(|make| {
        let (router, lines) = make(shared.clone(), &urls);
        for line in lines {
            println!("{line}");
        }
        std::io::stdout().flush().ok();
        router
    });
    match watcher {
        Some(watcher) => keep_rebuilding(watcher, rebuilder, shared.clone())?,
        None => drop(rebuilder),
    }
    if config.open {
        open::that_detached(&urls.local).ok();
    }
    serve_until_ctrl_c(listener, &shared, extra, lang)?;
    Ok(0)
}

/// The longest a rebuild waits for the editor's writes (a save that hangs does not stop the
/// preview).
const WRITES_WAIT: Duration = Duration::from_secs(10);

/// Where `serve` keeps what it serves and the spare for the next swap.
fn work_dir(site: &Path) -> PathBuf {
    site.join(".vitrina-serve")
}

/// The build options of every rebuild (the base URL is set once the address is known).
fn options(config: &Config) -> Options {
    let work = work_dir(&config.site_dir);
    Options {
        site_dir: config.site_dir.clone(),
        out_dir: work.join("site"),
        base_url: None,
        drafts: config.drafts,
        strict: false,
        write: true,
        cache_dir: config.cache_dir.clone(),
        keep_dir: Some(work.join("previous")),
        live: None,
    }
}

/// Not a site, or folders that would overwrite it: the exit status after saying why.
fn refuse(opts: &Options, lang: Lang) -> Result<Option<u8>> {
    // Not a site at all (a wrong folder): say so and stop, as `build` does, rather than serve a
    // page of problems nobody can fix by saving a file.
    if !opts.site_dir.join("content").join("fair.toml").is_file() {
        let mut diags = Diagnostics::new();
        diags.push(Diagnostic::file(
            Severity::Error,
            "content/fair.toml",
            Problem::NoFairToml,
        ));
        print_diagnostics(&diags, lang);
        return Ok(Some(1));
    }
    let checked = crate::output::check_out_dir(&opts.site_dir, &opts.out_dir)
        .and_then(|()| crate::output::check_out_dir_against(&opts.cache_root(), &opts.out_dir))
        .and_then(|()| crate::output::check_cache_dir(&opts.site_dir, &opts.cache_root()));
    // Told in the user's language by main, exit status 2.
    checked?;
    Ok(None)
}

/// This run's id, so a page can tell a restarted server from the one it was loaded from.
fn nonce() -> String {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    format!("{:x}{millis:x}", std::process::id())
}

/// The watcher, or `None` (after saying so) when the system refuses one.
fn start_watching(site: &Path, poll: Option<Duration>, lang: Lang) -> Option<watch::Watch> {
    match watch::Watch::start(site, poll) {
        Ok(w) => Some(w),
        Err(e) => {
            let detail = e.to_string();
            eprintln!("{}", Console::CannotWatch { detail }.text(lang));
            None
        }
    }
}

/// Where to look at the preview, on this computer and on a phone.
fn print_addresses(urls: &net::Urls, lang: Lang) {
    let url = urls.local.clone();
    println!("{}", Console::PreviewAt { url }.text(lang));
    if let Some(lan) = &urls.lan {
        let line = match lan {
            Some(url) => Console::OnPhone { url: url.clone() },
            None => Console::NoLanAddress,
        };
        println!("{}", line.text(lang));
        eprintln!("{}", Console::LanWarning.text(lang));
    }
    std::io::stdout().flush().ok();
}

/// One rebuild per batch of changes, on a thread of its own, for as long as the process runs.
/// A batch waits for the editor's writes under way ([`Shared::writing`]) and takes in what they
/// changed, so a photo and the product that shows it make one build.
fn keep_rebuilding(
    mut watcher: watch::Watch,
    mut rebuilder: rebuild::Rebuilder,
    shared: Arc<Shared>,
) -> Result<()> {
    std::thread::Builder::new()
        .name("vitrina-watch".into())
        .spawn(move || {
            while let Some(mut batch) = watcher.next_batch() {
                if shared.wait_for_writes(WRITES_WAIT) && watcher.gather(&mut batch).is_none() {
                    return;
                }
                rebuilder.rebuild(Some(&batch));
            }
        })
        .context("watch thread")?;
    Ok(())
}

/// Serves HTTP until Ctrl-C, then says so.
fn serve_until_ctrl_c(
    listener: TcpListener,
    shared: &Arc<Shared>,
    extra: Option<axum::Router>,
    lang: Lang,
) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("tokio")?;
    runtime.block_on(serve_http(listener, shared.clone(), extra))?;
    println!("{}", Console::PreviewStopped.text(lang));
    // The watcher thread and a build in progress end with the process; a build's staging
    // folder is swept by the next one.
    runtime.shutdown_timeout(Duration::from_millis(200));
    Ok(())
}

async fn serve_http(
    listener: TcpListener,
    shared: Arc<Shared>,
    extra: Option<axum::Router>,
) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let listener = tokio::net::TcpListener::from_std(listener)?;
    // Each request knows the address it came from (the editor slows guessing per source).
    let app = http::router(shared.clone(), extra)
        .into_make_service_with_connect_info::<std::net::SocketAddr>();
    let stopping = Arc::new(tokio::sync::Notify::new());
    let stopped = stopping.clone();
    let server = axum::serve(listener, app).with_graceful_shutdown(async move {
        tokio::signal::ctrl_c().await.ok();
        // Event streams end, so open connections can close.
        shared.send(Kind::Bye, "{}".into());
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
}

/// Prints diagnostics to stderr, as the other commands do.
fn print_diagnostics(diags: &Diagnostics, lang: Lang) {
    eprint!("{}", render_all(diags, lang, color()));
}

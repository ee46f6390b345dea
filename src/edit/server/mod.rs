//! The editor's HTTP side, mounted by `vitrina edit` into `serve`'s server under [`BASE`].
//!
//! One concern a file: [`session`] (who a browser is), [`guard`] (Host, Origin, CSRF, guessing
//! slowed), [`form`] (reading a submitted form, bounded), [`view`] (the pages: Tera templates
//! compiled in, the editor's interface strings in `i18n/es.toml` and `en.toml`), and `routes/`
//! (login, a vendor's entry and products, the organizer's desk).
//!
//! Every handler finds the vendor it works on from the session: a vendor's session reaches only
//! the URLs of her own slug (any other answers 403); the organizer's reaches every vendor. Paths
//! on disk come from [`crate::edit::store::Store`], which matches the slug against the listing
//! of `content/vendors/`. Every response is `Cache-Control: no-store`.

pub mod form;
pub mod guard;
mod routes;
pub mod session;
pub mod view;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

use crate::edit::access::{organizer_token, Codes};
use crate::edit::store::Store;
use crate::serve::{Kind, Shared};

/// Where the editor lives.
pub const BASE: &str = "/__vitrina/edit/";

/// What every request of the editor shares.
pub struct Editor {
    /// The site's files.
    pub store: Store,
    /// What the server and the rebuilder share (to wait for the build after a save).
    pub shared: Option<Arc<Shared>>,
    /// Open sessions.
    pub sessions: session::Sessions,
    /// Login tries per source.
    pub attempts: guard::Attempts,
    /// Hosts and origins accepted.
    pub allowed: guard::Allowed,
    /// The organizer's code (in this process only; a new one each run).
    organizer: String,
    /// The address phones use (for the access cards' links), without a trailing slash.
    pub phone_url: String,
    /// Cookies marked `Secure` (served over HTTPS behind a proxy).
    pub secure: bool,
    /// The pages.
    pub view: view::View,
    /// Photos decoded at once (each takes tens of megabytes for a moment).
    pub decoding: tokio::sync::Semaphore,
    /// The vendors' codes, read again when the file changes.
    codes: Mutex<(Option<crate::fs::Stamp>, Codes)>,
    /// A pause between a save's photo and its file (`VITRINA_EDIT_PAUSE_MS`; only the tests set
    /// it, to show that the two are built together however long the save takes).
    pub pause: Duration,
}

impl Editor {
    /// The editor of the site at `site_dir`, reached at `urls` (and `public_url` behind a
    /// proxy).
    pub fn new(
        site_dir: PathBuf,
        shared: Option<Arc<Shared>>,
        urls: &[String],
        public_url: Option<&str>,
    ) -> anyhow::Result<Editor> {
        let phone_url = public_url
            .or(urls.last().map(String::as_str))
            .unwrap_or("http://127.0.0.1:1111")
            .trim_end_matches('/')
            .to_string();
        let codes = Codes::load(&site_dir)?;
        Ok(Editor {
            store: Store::new(&site_dir),
            shared,
            sessions: session::Sessions::default(),
            attempts: guard::Attempts::default(),
            allowed: guard::Allowed::new(urls, public_url),
            organizer: organizer_token(),
            secure: public_url.is_some_and(|u| u.starts_with("https://")),
            phone_url,
            view: view::View::new()?,
            codes: Mutex::new((None, codes)),
            decoding: tokio::sync::Semaphore::new(2),
            pause: std::env::var("VITRINA_EDIT_PAUSE_MS")
                .ok()
                .and_then(|v| v.parse().ok())
                .map_or(Duration::ZERO, Duration::from_millis),
        })
    }

    /// The organizer's login link path (printed by `vitrina edit`).
    pub fn organizer_path(&self) -> String {
        format!("{BASE}login?code={}", self.organizer)
    }

    /// The vendors' codes as they are on disk now (a code renewed by `vitrina access` while
    /// the editor runs stops working at once).
    pub fn codes(&self) -> Codes {
        let stamp = std::fs::metadata(crate::edit::access::codes_file(self.store.site_dir()))
            .ok()
            .map(|m| crate::fs::stamp_of(&m));
        let Ok(mut cached) = self.codes.lock() else {
            return Codes::default();
        };
        if cached.0 != stamp || stamp.is_none() {
            if let Ok(fresh) = Codes::load(self.store.site_dir()) {
                *cached = (stamp, fresh);
            }
        }
        cached.1.clone()
    }

    /// Gives `vendor` a new code (the desk); ends her open sessions.
    pub fn issue(&self, vendor: &str) -> anyhow::Result<String> {
        let mut codes = self.codes();
        let code = codes.issue(self.store.site_dir(), vendor)?;
        if let Ok(mut cached) = self.codes.lock() {
            *cached = (None, codes);
        }
        self.sessions.close_vendor(vendor);
        Ok(code)
    }

    /// Whether `code` is the organizer's (constant time).
    fn is_organizer(&self, code: &str) -> bool {
        guard::csrf_ok(Some(code.trim()), &self.organizer)
    }

    /// Waits (at most `limit`) for the build that remade `page` (an output path such as
    /// `vendors/ana/index.html`) after a save, so the page she is sent to already shows it.
    /// A failed build ends the wait too (the page shows its problems). Builds of other
    /// changes (a photo stored a moment before) do not.
    pub async fn wait_for_build(
        rx: Option<tokio::sync::broadcast::Receiver<crate::serve::Message>>,
        limit: Duration,
        page: &str,
    ) {
        let Some(mut rx) = rx else { return };
        let quoted = format!("\"{page}\"");
        let _ = tokio::time::timeout(limit, async {
            loop {
                match rx.recv().await {
                    Ok(m) if m.kind == Kind::Problems => break,
                    Ok(m) if m.kind == Kind::Reload && m.data.contains(&quoted) => break,
                    Ok(_) => {}
                    Err(_) => break,
                }
            }
        })
        .await;
    }
}

/// The editor's routes.
pub fn router(editor: Arc<Editor>) -> Router {
    let limit = crate::edit::photo::max_request_bytes();
    Router::new()
        .route("/__vitrina/edit/", get(routes::home))
        .route("/__vitrina/edit/editor.css", get(view::css))
        .route("/__vitrina/edit/editor.js", get(view::js))
        .route(
            "/__vitrina/edit/login",
            get(routes::login::link).post(routes::login::typed),
        )
        .route("/__vitrina/edit/logout", post(routes::login::logout))
        .route("/__vitrina/edit/v/{slug}/", get(routes::vendor::home))
        .route(
            "/__vitrina/edit/v/{slug}/photo/{file}",
            get(routes::vendor::photo),
        )
        .route(
            "/__vitrina/edit/v/{slug}/entry",
            get(routes::vendor::entry_form).post(routes::vendor::entry_save),
        )
        .route(
            "/__vitrina/edit/v/{slug}/new",
            get(routes::product::new_form).post(routes::product::create),
        )
        .route(
            "/__vitrina/edit/v/{slug}/p/{stem}",
            get(routes::product::form).post(routes::product::save),
        )
        .route(
            "/__vitrina/edit/v/{slug}/p/{stem}/do",
            post(routes::product::action),
        )
        .route(
            "/__vitrina/edit/v/{slug}/bin",
            get(routes::vendor::bin).post(routes::vendor::bin_restore),
        )
        .route(
            "/__vitrina/edit/v/{slug}/history",
            get(routes::vendor::history).post(routes::vendor::history_restore),
        )
        .route("/__vitrina/edit/desk", get(routes::desk::desk))
        .route(
            "/__vitrina/edit/desk/vendor",
            post(routes::desk::new_vendor),
        )
        .route("/__vitrina/edit/desk/booth", post(routes::desk::booth))
        .route("/__vitrina/edit/desk/cards", post(routes::desk::cards))
        .route(
            "/__vitrina/edit/{*rest}",
            get(routes::missing).post(routes::missing),
        )
        .layer(DefaultBodyLimit::max(limit))
        .layer(middleware::from_fn_with_state(editor.clone(), around))
        .with_state(editor)
}

/// Around every editor request: a foreign `Host` refused (DNS rebinding), nothing cached,
/// nothing framed, no editor address leaked to another site in a `Referer`.
async fn around(State(ed): State<Arc<Editor>>, req: Request, next: Next) -> Response {
    let mut res = if ed.allowed.host_ok(req.headers()) {
        next.run(req).await
    } else {
        (StatusCode::FORBIDDEN, "403").into_response()
    };
    let h = res.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::REFERRER_POLICY,
        // Not `no-referrer`: with it a browser sends `Origin: null` on the editor's own form
        // posts, which the Origin check must refuse. `same-origin` still tells other sites
        // nothing.
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        ),
    );
    res
}

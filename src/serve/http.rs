//! The HTTP side of `serve` (axum + tower-http): the built site as files, the live-reload
//! script and its event stream.
//!
//! - Files come from tower-http's `ServeDir` over the serve output folder: content types from
//!   the extension, `index.html` for folders, `..`, backslashes and encoded traversal refused,
//!   no listings; a missing file gets the theme's `404.html` with status 404. Hidden files
//!   (the output marker) are not served.
//! - Every HTML response gets one `<script>` before `</body>`: `/__vitrina/live.js`, which
//!   listens to `/__vitrina/events` (Server-Sent Events). Files on disk are never changed, so
//!   the served site is byte for byte a build apart from that line.
//! - Everything is sent with `Cache-Control: no-cache`: the browser asks again after a rebuild.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};
use tower_http::services::{ServeDir, ServeFile};

use super::{Kind, Message, Shared};
use crate::diag::messages::console::Overlay;

/// Where the script and the events live (no page of a site starts with `__`).
pub const PREFIX: &str = "/__vitrina/";

/// The browser side of live reload.
const LIVE_JS: &str = include_str!("live.js");

/// The app: events, script, what a command adds (the editor), then the site's files.
pub fn router(shared: Arc<Shared>, extra: Option<Router>) -> Router {
    let files = ServeDir::new(&shared.out)
        .append_index_html_on_directories(true)
        .not_found_service(ServeFile::new(shared.out.join("404.html")));
    let app = Router::new()
        .route("/__vitrina/events", get(events))
        .route("/__vitrina/live.js", get(live_js))
        .with_state(shared.clone())
        .merge(extra.unwrap_or_default());
    app.fallback_service(files)
        .layer(middleware::from_fn_with_state(shared, pages))
}

/// The script (cached no more than any file: a new vitrina may bring a new one).
async fn live_js() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        LIVE_JS,
    )
        .into_response()
}

/// The event stream of one open page: `hello` first (which site it is, and the problems of the
/// last build if it failed), then `reload`, `css` and `problems` as builds finish.
async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let rx = shared.events.subscribe();
    let hello = shared.hello();
    let first = tokio_stream::once(hello);
    let rest = BroadcastStream::new(rx).map(|m| match m {
        Ok(m) => m,
        // A page that missed messages reloads to be sure.
        Err(_) => Message {
            kind: Kind::Reload,
            data: "{}".into(),
        },
    });
    let stream = first
        .chain(rest)
        .take_while(|m| m.kind != Kind::Bye)
        .map(|m| {
            Ok(Event::default()
                .event(m.kind.name())
                .data(m.data)
                .retry(Duration::from_millis(500)))
        });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// Around every request: hidden paths refused, `no-cache`, the script put into HTML pages.
async fn pages(State(shared): State<Arc<Shared>>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    if path.starts_with(PREFIX) {
        return next.run(req).await;
    }
    // A page is always sent whole: a cached copy carries the script of an older site (and
    // would reload forever). Photos and styles may still be revalidated (304).
    let last = path.rsplit('/').next().unwrap_or("").to_ascii_lowercase();
    let page = last.is_empty()
        || !last.contains('.')
        || [".html", ".htm", ".xhtml"]
            .iter()
            .any(|e| last.ends_with(e));
    if page {
        for h in [
            header::IF_NONE_MATCH,
            header::IF_MODIFIED_SINCE,
            header::RANGE,
        ] {
            req.headers_mut().remove(h);
        }
    }
    // Which site the page belongs to is read before the file: a page can only be older than
    // it says, and then it reloads once too often, never once too few.
    let site = shared.site_id();
    let hidden = path
        .split('/')
        .map(|s| percent_encoding::percent_decode_str(s).decode_utf8_lossy())
        .any(|s| s.starts_with('.'));
    let mut res = if hidden {
        not_found(&shared).await
    } else {
        next.run(req).await
    };
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    with_charset(&mut res);
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let status = res.status();
    if status == StatusCode::NOT_FOUND && !html {
        // No 404.html (the first build failed): a page that can show the problems.
        return with_script(waiting_page(&shared), &site, StatusCode::NOT_FOUND);
    }
    if !html || !(status == StatusCode::OK || status == StatusCode::NOT_FOUND) {
        return res;
    }
    let (parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let mut res = with_script(String::from_utf8_lossy(&bytes).into_owned(), &site, status);
    for (k, v) in &parts.headers {
        if ![
            header::CONTENT_LENGTH,
            header::ETAG,
            header::LAST_MODIFIED,
            header::ACCEPT_RANGES,
        ]
        .contains(k)
        {
            res.headers_mut().insert(k.clone(), v.clone());
        }
    }
    res
}

/// Text types are UTF-8 (every file vitrina writes is): said in the header, as a CDN would.
fn with_charset(res: &mut Response) {
    let Some(ct) = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return;
    };
    let text = ct.starts_with("text/")
        || ct.starts_with("application/json")
        || ct.starts_with("application/javascript")
        || ct.starts_with("application/xml")
        || ct.starts_with("image/svg+xml");
    if text && !ct.contains("charset") {
        if let Ok(v) = HeaderValue::from_str(&format!("{ct}; charset=utf-8")) {
            res.headers_mut().insert(header::CONTENT_TYPE, v);
        }
    }
}

/// The theme's 404 page for a refused path.
async fn not_found(shared: &Shared) -> Response {
    match tokio::fs::read(shared.out.join("404.html")).await {
        Ok(bytes) => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            bytes,
        )
            .into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// A page with the script in it.
fn with_script(mut html: String, site: &str, status: StatusCode) -> Response {
    inject(&mut html, site);
    let mut res = Response::new(Body::from(html));
    *res.status_mut() = status;
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    res
}

/// The line `serve` adds to every page.
pub fn script_tag(site: &str) -> String {
    format!("<script src=\"{PREFIX}live.js\" data-site=\"{site}\"></script>")
}

/// Puts the script before the last `</body>` (or at the end).
pub fn inject(html: &mut String, site: &str) {
    let tag = script_tag(site);
    let at = html
        .to_ascii_lowercase()
        .rfind("</body>")
        .unwrap_or(html.len());
    html.insert_str(at, &tag);
}

/// What is shown before any build succeeded: a blank page whose script shows the problems.
fn waiting_page(shared: &Shared) -> String {
    let lang = shared.lang();
    let title = Overlay::NotBuiltYet.text(lang);
    let lang = lang.code();
    format!(
        "<!doctype html><html lang=\"{lang}\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{title}</title><body><h1>{title}</h1></body></html>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let mut a = "<html><body><p>x</p></BODY></html>".to_string();
        inject(&mut a, "s1");
        assert_eq!(
            a,
            "<html><body><p>x</p><script src=\"/__vitrina/live.js\" data-site=\"s1\"></script></BODY></html>"
        );
        let mut b = "<p>no body</p>".to_string();
        inject(&mut b, "s2");
        assert!(b.starts_with("<p>no body</p><script"));
    }
}

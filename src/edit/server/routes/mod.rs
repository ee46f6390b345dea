//! The editor's handlers, one file per part: [`login`] (codes, the organizer's link, logout),
//! [`vendor`] (her home, her entry, the bin, the history), [`product`] (a product's form and its
//! actions) and [`desk`] (the organizer's). This file holds what they share: finding the session
//! allowed to see a page, and the guards of a request that changes something.

pub mod desk;
pub mod login;
pub mod product;
pub mod vendor;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::multipart::MultipartRejection;
use axum::extract::rejection::ExtensionRejection;
use axum::extract::{ConnectInfo, Multipart, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

use super::form::{Fields, Unreadable};
use super::session::Session;
use super::{guard, Editor, BASE};
use crate::edit::store::Refused;
use crate::edit::Who;
use crate::i18n::Lang;

/// A request allowed in: its session and the language of the pages.
pub struct Allowed {
    /// The session's id.
    pub sid: String,
    /// The session.
    pub session: Session,
    /// The fair's language.
    pub lang: Lang,
}

/// The fair's language (Spanish when fair.toml cannot be read).
pub fn lang(ed: &Editor) -> Lang {
    ed.store.fair().lang
}

/// The session of this request, still valid; else the response that says why (403 with the
/// login form).
pub fn session(ed: &Editor, headers: &HeaderMap) -> Result<Allowed, Response> {
    let lang = lang(ed);
    let Some((sid, session)) = ed.sessions.find(headers) else {
        return Err(login::page(
            ed,
            lang,
            StatusCode::FORBIDDEN,
            Some("login_needed"),
        ));
    };
    if let Who::Vendor(slug) = &session.who {
        // A renewed code ends the sessions it opened.
        if ed.codes().fingerprint(slug) != session.fingerprint {
            ed.sessions.close(&sid);
            return Err(login::page(
                ed,
                lang,
                StatusCode::FORBIDDEN,
                Some("code_renewed"),
            ));
        }
    }
    Ok(Allowed { sid, session, lang })
}

/// The session of this request when it may see vendor `slug`'s pages; 403 otherwise.
pub fn for_vendor(ed: &Editor, headers: &HeaderMap, slug: &str) -> Result<Allowed, Response> {
    let a = session(ed, headers)?;
    if !a.session.who.may_edit(slug) {
        let text = ed.view.t(a.lang, "not_yours");
        return Err(ed.view.message(
            a.lang,
            StatusCode::FORBIDDEN,
            "not_yours_title",
            &text,
            Some(BASE),
        ));
    }
    if !ed.store.vendor_exists(slug) {
        return Err(missing_page(ed, a.lang));
    }
    Ok(a)
}

/// The session of this request when it is the organizer's; 403 otherwise.
pub fn for_organizer(ed: &Editor, headers: &HeaderMap) -> Result<Allowed, Response> {
    let a = session(ed, headers)?;
    if a.session.who != Who::Organizer {
        let text = ed.view.t(a.lang, "organizer_only");
        return Err(ed.view.message(
            a.lang,
            StatusCode::FORBIDDEN,
            "not_yours_title",
            &text,
            Some(BASE),
        ));
    }
    Ok(a)
}

/// A request that changes something: from a page of this server (`Origin`), and the form
/// carries the session's token. Returns the form.
pub async fn changes(
    ed: &Editor,
    headers: &HeaderMap,
    a: &Allowed,
    form: Result<Multipart, MultipartRejection>,
) -> Result<Fields, Response> {
    if !ed.allowed.origin_ok(headers) {
        return Err(forbidden_origin(ed, a.lang));
    }
    let fields = read(ed, a.lang, form).await?;
    if !guard::csrf_ok(fields.get("csrf"), &a.session.csrf) {
        let text = ed.view.t(a.lang, "stale_page");
        return Err(ed.view.message(
            a.lang,
            StatusCode::FORBIDDEN,
            "stale_page_title",
            &text,
            Some(BASE),
        ));
    }
    Ok(fields)
}

/// Reads a submitted form, or the page that says why it could not be.
pub async fn read(
    ed: &Editor,
    lang: Lang,
    form: Result<Multipart, MultipartRejection>,
) -> Result<Fields, Response> {
    let unreadable = |why: Unreadable| {
        let (status, key) = match why {
            Unreadable::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
            Unreadable::Malformed => (StatusCode::BAD_REQUEST, "malformed"),
        };
        let text = ed.view.t(lang, key);
        ed.view
            .message(lang, status, "not_saved_title", &text, Some(BASE))
    };
    match form {
        Ok(form) => Fields::read(form).await.map_err(unreadable),
        Err(_) => Err(unreadable(Unreadable::Malformed)),
    }
}

/// The page of a refused action that has no form to show again (a list's button, the desk, a
/// restore): why nothing was saved (the errors' messages, 422; a changed file, 409; the disk, 500)
/// or 404, with a link back.
pub fn refused(ed: &Editor, lang: Lang, refused: Refused, back: &str) -> Response {
    let (status, text) = match refused {
        Refused::Invalid(found) => {
            let errors: Vec<&str> = found
                .iter()
                .filter(|p| !p.warning)
                .map(|p| p.message.as_str())
                .collect();
            (StatusCode::UNPROCESSABLE_ENTITY, errors.join(" "))
        }
        Refused::Conflict { .. } => (StatusCode::CONFLICT, ed.view.t(lang, "conflict")),
        Refused::Failed(text) => (StatusCode::INTERNAL_SERVER_ERROR, text),
        Refused::Missing => return missing_page(ed, lang),
    };
    ed.view
        .message(lang, status, "not_saved_title", &text, Some(back))
}

/// 403 for a request from another site's page.
pub fn forbidden_origin(ed: &Editor, lang: Lang) -> Response {
    let text = ed.view.t(lang, "foreign_origin");
    ed.view.message(
        lang,
        StatusCode::FORBIDDEN,
        "not_saved_title",
        &text,
        Some(BASE),
    )
}

/// 404 in the editor.
pub fn missing_page(ed: &Editor, lang: Lang) -> Response {
    let text = ed.view.t(lang, "missing");
    ed.view.message(
        lang,
        StatusCode::NOT_FOUND,
        "missing_title",
        &text,
        Some(BASE),
    )
}

/// Any other editor address.
pub async fn missing(State(ed): State<Arc<Editor>>) -> Response {
    missing_page(&ed, lang(&ed))
}

/// `/__vitrina/edit/`: her page, or the desk; the login form without a session.
pub async fn home(State(ed): State<Arc<Editor>>, headers: HeaderMap) -> Response {
    match ed.sessions.find(&headers) {
        Some((_, s)) => match s.who {
            Who::Vendor(slug) => to(&format!("{BASE}v/{slug}/")),
            Who::Organizer => to(&format!("{BASE}desk")),
        },
        None => login::page(&ed, lang(&ed), StatusCode::OK, None),
    }
}

/// A 303 to `path` (after a POST, the browser asks for the page with GET).
pub fn to(path: &str) -> Response {
    Redirect::to(path).into_response()
}

/// Whether the browser asked for JSON (the photo script).
pub fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// The address a request came from (for rate limits).
pub fn source(
    ed: &Editor,
    peer: Result<ConnectInfo<SocketAddr>, ExtensionRejection>,
    headers: &HeaderMap,
) -> Option<std::net::IpAddr> {
    ed.allowed.source(peer.ok().map(|c| c.0), headers)
}

/// Runs blocking file work off the async threads.
pub async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    tokio::task::spawn_blocking(f).await.ok()
}

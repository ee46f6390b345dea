//! Logging in: a vendor's code (from her card's QR link, or typed), the organizer's link, and
//! logging out. A code in the address bar is taken out at once (303 to the editor). A wrong,
//! renewed or malformed code gets 403 and a page that says to ask the organizer for a new card;
//! tries are slowed per source ([`super::super::guard::Attempts`]).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::multipart::MultipartRejection;
use axum::extract::rejection::ExtensionRejection;
use axum::extract::{ConnectInfo, Multipart, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use tera::Context;

use super::{lang, source, to};
use crate::edit::server::session::set_cookie;
use crate::edit::server::{Editor, BASE};
use crate::edit::Who;
use crate::i18n::Lang;

/// The login form, with a notice (`notice`: a string key) and a status.
pub fn page(ed: &Editor, lang: Lang, status: StatusCode, notice: Option<&str>) -> Response {
    let mut cx = Context::new();
    cx.insert("notice", &notice.map(|k| ed.view.t(lang, k)));
    cx.insert("refused", &status.is_client_error());
    ed.view.page("login.html", cx, lang, status)
}

/// `GET login?code=…`: the link on her card.
pub async fn link(
    State(ed): State<Arc<Editor>>,
    peer: Result<ConnectInfo<SocketAddr>, ExtensionRejection>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let lang = lang(&ed);
    match q.get("code") {
        Some(code) => enter(&ed, lang, source(&ed, peer, &headers), code),
        None => page(&ed, lang, StatusCode::OK, None),
    }
}

/// `POST login`: a code typed in the form.
pub async fn typed(
    State(ed): State<Arc<Editor>>,
    peer: Result<ConnectInfo<SocketAddr>, ExtensionRejection>,
    headers: HeaderMap,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    let lang = lang(&ed);
    if !ed.allowed.origin_ok(&headers) {
        return super::forbidden_origin(&ed, lang);
    }
    let fields = match super::read(&ed, lang, form).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    let code = fields.text("code");
    enter(&ed, lang, source(&ed, peer, &headers), &code)
}

/// Opens a session for a right code; 403 (or 429 when guessing) otherwise.
fn enter(ed: &Editor, lang: Lang, from: Option<std::net::IpAddr>, code: &str) -> Response {
    if !ed.attempts.allow(from) {
        return page(
            ed,
            lang,
            StatusCode::TOO_MANY_REQUESTS,
            Some("too_many_tries"),
        );
    }
    let (who, fingerprint) = if ed.is_organizer(code) {
        (Who::Organizer, None)
    } else {
        let codes = ed.codes();
        match codes.vendor_of(code) {
            Some(slug) if ed.store.vendor_exists(&slug) => {
                let f = codes.fingerprint(&slug);
                (Who::Vendor(slug), f)
            }
            _ => return page(ed, lang, StatusCode::FORBIDDEN, Some("wrong_code")),
        }
    };
    let sid = ed.sessions.open(who, fingerprint);
    let mut res = to(BASE);
    if let Ok(v) = HeaderValue::from_str(&set_cookie(Some(&sid), ed.secure)) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    res
}

/// `POST logout`.
pub async fn logout(
    State(ed): State<Arc<Editor>>,
    headers: HeaderMap,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    let a = match super::session(&ed, &headers) {
        Ok(a) => a,
        Err(r) => return r,
    };
    if let Err(r) = super::changes(&ed, &headers, &a, form).await {
        return r;
    }
    ed.sessions.close(&a.sid);
    let mut res = page(&ed, a.lang, StatusCode::OK, Some("logged_out"));
    if let Ok(v) = HeaderValue::from_str(&set_cookie(None, ed.secure)) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    res
}

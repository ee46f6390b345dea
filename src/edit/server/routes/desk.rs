//! The organizer's desk: every vendor with what is missing and when she last edited, a link to
//! edit any entry, a new vendor, booths, and access cards (a new code for each vendor chosen,
//! printed as A6 cards with the QR code of her login link on the address phones use).
//!
//! Codes are kept only as hashes, so a card can be printed only when its code is made: "make
//! cards" gives each chosen vendor a new code (her old card stops working).

use std::sync::Arc;

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use serde::Serialize;
use tera::Context;

use super::vendor::when;
use super::{blocking, changes, for_organizer, to};
use crate::edit::cards::{cards_html, Card};
use crate::edit::server::{Editor, BASE};
use crate::edit::store::{Entry, Refused};
use crate::edit::Who;

/// A vendor's row on the desk.
#[derive(Serialize)]
struct Row {
    slug: String,
    name: String,
    owner: String,
    booth: String,
    products: usize,
    drafts: usize,
    no_photo: usize,
    no_price: usize,
    missing_alt: usize,
    draft: bool,
    has_errors: bool,
    has_code: bool,
    edited: String,
    edit: String,
}

/// The desk.
pub async fn desk(State(ed): State<Arc<Editor>>, headers: HeaderMap) -> Response {
    let a = match for_organizer(&ed, &headers) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let e = ed.clone();
    let Some(vendors) = blocking(move || e.store.vendors()).await else {
        return super::missing_page(&ed, a.lang);
    };
    let codes = ed.codes();
    let rows: Vec<Row> = vendors
        .into_iter()
        .map(|s| Row {
            edit: format!("{BASE}v/{}/", s.slug),
            has_code: codes.has(&s.slug),
            edited: s.last_edited.map(|t| when(t, a.lang)).unwrap_or_default(),
            slug: s.slug,
            name: s.name,
            owner: s.owner,
            booth: s.booth,
            products: s.products,
            drafts: s.drafts,
            no_photo: s.no_photo,
            no_price: s.no_price,
            missing_alt: s.missing_alt,
            draft: s.draft,
            has_errors: s.has_errors,
        })
        .collect();
    let mut cx = Context::new();
    cx.insert("csrf", &a.session.csrf);
    cx.insert("organizer", &true);
    cx.insert("fair_title", &ed.store.fair().title);
    cx.insert("vendors", &rows);
    cx.insert("phone_url", &ed.phone_url);
    // Cards made on this computer's own address would open the phone itself.
    let loopback = url::Url::parse(&ed.phone_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .is_some_and(|h| h == "127.0.0.1" || h == "localhost" || h == "[::1]");
    cx.insert("loopback", &loopback);
    cx.insert("error", &Option::<String>::None);
    ed.view.page("desk.html", cx, a.lang, StatusCode::OK)
}

/// A new vendor folder, from her business's name.
pub async fn new_vendor(
    State(ed): State<Arc<Editor>>,
    headers: HeaderMap,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    let a = match for_organizer(&ed, &headers) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let fields = match changes(&ed, &headers, &a, form).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    let name = fields.text("name");
    let e = ed.clone();
    match blocking(move || e.store.new_vendor(&name)).await {
        Some(Ok(slug)) => to(&format!("{BASE}v/{slug}/entry")),
        Some(Err(r)) => super::refused(&ed, a.lang, r, &format!("{BASE}desk")),
        None => super::missing_page(&ed, a.lang),
    }
}

/// Sets a vendor's booth (the organizer's to set).
pub async fn booth(
    State(ed): State<Arc<Editor>>,
    headers: HeaderMap,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    let a = match for_organizer(&ed, &headers) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let fields = match changes(&ed, &headers, &a, form).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    let slug = fields.text("vendor");
    let booth = fields.text("booth");
    let e = ed.clone();
    let result = blocking(move || {
        let loaded = e.store.entry(&slug).ok_or(Refused::Missing)?;
        let entry = Entry {
            booth,
            ..loaded.value
        };
        e.store
            .save_entry(&slug, &Who::Organizer, &entry, &loaded.hash)
    })
    .await;
    match result {
        Some(Ok(_)) => to(&format!("{BASE}desk")),
        Some(Err(r)) => super::refused(&ed, a.lang, r, &format!("{BASE}desk")),
        None => super::missing_page(&ed, a.lang),
    }
}

/// New codes for the chosen vendors (`vendor`, repeated), as a page of printable cards.
pub async fn cards(
    State(ed): State<Arc<Editor>>,
    headers: HeaderMap,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    let a = match for_organizer(&ed, &headers) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let fields = match changes(&ed, &headers, &a, form).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    let chosen = fields.all("vendor");
    let mut made = Vec::new();
    for slug in chosen {
        let Some(entry) = ed.store.entry(&slug) else {
            continue;
        };
        match ed.issue(&slug) {
            Ok(code) => made.push(Card {
                vendor_name: entry.value.name,
                login_url: format!("{}{BASE}login?code={code}", ed.phone_url),
                code,
            }),
            Err(e) => {
                return ed.view.message(
                    a.lang,
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "not_saved_title",
                    &format!("{e:#}"),
                    Some(&format!("{BASE}desk")),
                )
            }
        }
    }
    let html = cards_html(&made, &ed.store.fair().title, a.lang);
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        Html(html),
    )
        .into_response()
}

//! A product's form: new, edit, save (with a photo sent in the same form), and the actions of
//! her list (duplicate, move up or down, publish or not yet, delete to the bin).
//!
//! A photo sent with the form is checked and stored first ([`crate::edit::photo::store`]), then
//! named in the product; when the save is refused the form comes back with the photo already in
//! it, so nothing she chose is lost. With the photo script (`Accept: application/json`) the reply
//! is JSON: `{"ok":true,"redirect":…}` or `{"ok":false,"message":…,"redirect":…}`.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use tera::Context;

use super::vendor::{after_save, context, problems, thumb_url};
use super::{blocking, changes, for_vendor, to, wants_json, Allowed};
use crate::edit::server::{Editor, BASE};
use crate::edit::store::{Conflicting, FieldProblem, PhotoRef, Product, Refused};
use crate::i18n::Lang;

/// Stores an uploaded photo in her `photos/`; the message to show when it is refused.
pub async fn store_photo(
    ed: &Arc<Editor>,
    slug: &str,
    bytes: Vec<u8>,
    hint: &str,
    lang: Lang,
) -> Result<String, String> {
    let Some(dir) = ed.store.photos_dir(slug) else {
        return Err(ed.view.t(lang, "missing"));
    };
    let hint = hint.to_string();
    // Decoding a 12 MP photo takes ~75 MB for ~0.3 s: two at a time keep ten phones sending at
    // once well under half a gigabyte.
    let _turn = ed.decoding.acquire().await;
    match blocking(move || crate::edit::photo::store(&bytes, &dir, &hint)).await {
        Some(Ok(stored)) => Ok(stored.file),
        Some(Err(refusal)) => Err(refusal.message(lang)),
        None => Err(ed.view.t(lang, "malformed")),
    }
}

/// A photo of the form as the template reads it.
#[derive(Serialize)]
struct PhotoView {
    file: String,
    alt: String,
    thumb: String,
}

/// The product as the template reads it.
#[derive(Serialize)]
struct ProductView {
    name: String,
    price: String,
    price_note: String,
    category: String,
    tags: String,
    description: String,
    available: bool,
    draft: bool,
    photos: Vec<PhotoView>,
}

fn view(slug: &str, p: &Product) -> ProductView {
    ProductView {
        name: p.name.clone(),
        price: p.price.clone(),
        price_note: p.price_note.clone(),
        category: p.category.clone(),
        tags: p.tags.clone(),
        description: p.description.clone(),
        available: p.available,
        draft: p.draft,
        photos: p
            .photos
            .iter()
            .map(|ph| PhotoView {
                file: ph.file.clone(),
                alt: ph.alt.clone(),
                thumb: thumb_url(slug, &ph.file),
            })
            .collect(),
    }
}

/// Which product form: her slug, the product's stem (`None`: new), what it holds, the hash it
/// was loaded from.
struct Shown<'a>(&'a str, Option<&'a str>, &'a Product, &'a str);

/// The product form page.
fn page(
    ed: &Editor,
    a: &Allowed,
    Shown(slug, stem, p, hash): Shown<'_>,
    status: StatusCode,
    extra: impl FnOnce(&mut Context),
) -> Response {
    let mut cx = context(ed, a, slug);
    cx.insert("product", &view(slug, p));
    cx.insert("hash", hash);
    cx.insert("stem", &stem);
    let action = match stem {
        Some(stem) => format!("{BASE}v/{slug}/p/{stem}"),
        None => format!("{BASE}v/{slug}/new"),
    };
    cx.insert("action", &action);
    extra(&mut cx);
    ed.view.page("product.html", cx, a.lang, status)
}

/// A new product's form.
pub async fn new_form(
    State(ed): State<Arc<Editor>>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Response {
    let a = match for_vendor(&ed, &headers, &slug) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let p = Product {
        available: true,
        ..Product::default()
    };
    page(&ed, &a, Shown(&slug, None, &p, ""), StatusCode::OK, |_| {})
}

/// A product's form.
pub async fn form(
    State(ed): State<Arc<Editor>>,
    Path((slug, stem)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let a = match for_vendor(&ed, &headers, &slug) {
        Ok(a) => a,
        Err(r) => return r,
    };
    match ed.store.product(&slug, &stem) {
        Some(l) => page(
            &ed,
            &a,
            Shown(&slug, Some(&stem), &l.value, &l.hash),
            StatusCode::OK,
            |_| {},
        ),
        None => super::missing_page(&ed, a.lang),
    }
}

/// Saves a new product.
pub async fn create(
    State(ed): State<Arc<Editor>>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    save_either(ed, slug, None, headers, form).await
}

/// Saves a product.
pub async fn save(
    State(ed): State<Arc<Editor>>,
    Path((slug, stem)): Path<(String, String)>,
    headers: HeaderMap,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    save_either(ed, slug, Some(stem), headers, form).await
}

async fn save_either(
    ed: Arc<Editor>,
    slug: String,
    stem: Option<String>,
    headers: HeaderMap,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    let a = match for_vendor(&ed, &headers, &slug) {
        Ok(a) => a,
        Err(r) => return r,
    };
    if let Some(stem) = &stem {
        if ed.store.product(&slug, stem).is_none() {
            return super::missing_page(&ed, a.lang);
        }
    }
    let json = wants_json(&headers);
    let fields = match changes(&ed, &headers, &a, form).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    let rx = ed.shared.as_ref().map(|s| s.events.subscribe());
    let mut product = fields.product();
    let base = fields.text("hash");
    // The photos and the file that shows them are built together, once (see `Shared::writing`).
    let writing = ed.shared.as_deref().map(crate::serve::Shared::writing);
    let mut found = Vec::new();
    if let Some(bytes) = fields.file("photo_upload") {
        let hint = if product.name.is_empty() {
            "foto"
        } else {
            &product.name
        };
        match store_photo(&ed, &slug, bytes.to_vec(), hint, a.lang).await {
            Ok(file) => product.photos.push(PhotoRef {
                file,
                alt: fields.text("photo_alt"),
            }),
            Err(message) => found.push(FieldProblem {
                field: "photo_upload".into(),
                message,
                warning: false,
            }),
        }
    }
    let preview = fields.get("action") == Some("preview");
    if !found.is_empty() || preview {
        let message = found.first().map(|p| p.message.clone());
        if json {
            return reply(false, message, None);
        }
        let status = if found.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let shown = Shown(&slug, stem.as_deref(), &product, &base);
        return page(&ed, &a, shown, status, |cx| {
            problems(cx, &found);
            if preview {
                cx.insert(
                    "preview",
                    &crate::render::markdown::to_html(&product.description),
                );
            }
        });
    }
    let (e, s, st, p, b) = (
        ed.clone(),
        slug.clone(),
        stem.clone(),
        product.clone(),
        base.clone(),
    );
    let result = blocking(move || {
        std::thread::sleep(e.pause);
        e.store.save_product(&s, st.as_deref(), &p, &b)
    })
    .await;
    drop(writing);
    match result {
        Some(Ok(saved)) => {
            let stem = saved.stem.clone().or(stem).unwrap_or_default();
            let page_url = if product.draft {
                format!("{BASE}v/{slug}/")
            } else {
                let path = format!("vendors/{slug}/{}/", crate::model::slugify(&stem));
                let page = format!("{path}index.html");
                Editor::wait_for_build(rx, Duration::from_secs(3), &page).await;
                format!("/{path}")
            };
            if json {
                return reply(true, None, Some(page_url));
            }
            after_save(&ed, &a, &slug, &saved, &page_url)
        }
        Some(Err(Refused::Invalid(found))) => {
            let res = page(
                &ed,
                &a,
                Shown(&slug, stem.as_deref(), &product, &base),
                StatusCode::UNPROCESSABLE_ENTITY,
                |cx| problems(cx, &found),
            );
            as_json_if(json, res).await
        }
        Some(Err(Refused::Conflict { current, hash })) => {
            let shown = Shown(&slug, stem.as_deref(), &product, &hash);
            let res = page(&ed, &a, shown, StatusCode::CONFLICT, |cx| {
                cx.insert("conflict", &true);
                if let Conflicting::Product(now) = *current {
                    cx.insert("theirs", &view(&slug, &now));
                }
            });
            as_json_if(json, res).await
        }
        Some(Err(Refused::Failed(text))) => ed.view.message(
            a.lang,
            StatusCode::INTERNAL_SERVER_ERROR,
            "not_saved_title",
            &text,
            Some(&format!("{BASE}v/{slug}/")),
        ),
        Some(Err(Refused::Missing)) | None => super::missing_page(&ed, a.lang),
    }
}

/// For the photo script, a refused save's page as JSON (`{"ok":false,"page":…}`): the photo
/// was stored already and is in that page's form, so the script shows the page instead of
/// sending the photo again.
pub async fn as_json_if(json: bool, res: Response) -> Response {
    if !json {
        return res;
    }
    let status = res.status();
    let page = axum::body::to_bytes(res.into_body(), 8 * 1024 * 1024)
        .await
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    let body = serde_json::json!({ "ok": false, "page": page });
    (status, Json(body)).into_response()
}

/// The JSON reply to the photo script.
pub fn reply(ok: bool, message: Option<String>, redirect: Option<String>) -> Response {
    let status = if ok {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = serde_json::json!({ "ok": ok, "message": message, "redirect": redirect });
    (status, Json(body)).into_response()
}

/// An action of her list: `duplicate`, `up`, `down`, `draft`, `publish`, `delete`.
pub async fn action(
    State(ed): State<Arc<Editor>>,
    Path((slug, stem)): Path<(String, String)>,
    headers: HeaderMap,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    let a = match for_vendor(&ed, &headers, &slug) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let fields = match changes(&ed, &headers, &a, form).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    let what = fields.text("do");
    let home = format!("{BASE}v/{slug}/");
    let (e, s, st) = (ed.clone(), slug.clone(), stem.clone());
    let result = blocking(move || -> Result<Option<String>, Refused> {
        let store = &e.store;
        match what.as_str() {
            "duplicate" => store.duplicate(&s, &st).map(Some),
            "up" | "down" => store.reorder(&s, &st, what == "up").map(|()| None),
            "delete" => store.delete(&s, &st).map(|()| None),
            "draft" | "publish" => {
                let Some(l) = store.product(&s, &st) else {
                    return Err(Refused::Missing);
                };
                let mut p = l.value;
                p.draft = what == "draft";
                store.save_product(&s, Some(&st), &p, &l.hash).map(|_| None)
            }
            _ => Err(Refused::Missing),
        }
    })
    .await;
    match result {
        Some(Ok(Some(new_stem))) => to(&format!("{BASE}v/{slug}/p/{new_stem}")),
        Some(Ok(None)) => to(&home),
        Some(Err(r)) => super::refused(&ed, a.lang, r, &home),
        None => super::missing_page(&ed, a.lang),
    }
}

//! A vendor's pages: her home (her entry and her products), her entry's form and its save, her
//! photos as small previews, the bin and the history ("versiones anteriores").

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use tera::Context;

use super::{blocking, changes, for_vendor, to, Allowed};
use crate::edit::server::{Editor, BASE};
use crate::edit::store::{Conflicting, Entry, FieldProblem, FileRef, Kept, Refused, Saved};
use crate::edit::Who;
use crate::i18n::Lang;

/// What every page of a vendor shows.
pub fn context(ed: &Editor, a: &Allowed, slug: &str) -> Context {
    let mut cx = Context::new();
    let fair = ed.store.fair();
    cx.insert("csrf", &a.session.csrf);
    cx.insert("slug", slug);
    cx.insert("home", &format!("{BASE}v/{slug}/"));
    cx.insert("organizer", &(a.session.who == Who::Organizer));
    cx.insert("fair_title", &fair.title);
    cx.insert(
        "categories",
        &fair
            .categories
            .iter()
            .map(|(s, n)| [s.as_str(), n.as_str()])
            .collect::<Vec<_>>(),
    );
    cx.insert("photos", &ed.store.photos(slug));
    cx.insert("errors", &HashMap::<String, String>::new());
    cx.insert("warnings", &Vec::<String>::new());
    cx.insert("saved", &false);
    cx.insert("conflict", &false);
    cx
}

/// Problems by field (first message of each) and the warnings, for a form.
pub fn problems(cx: &mut Context, problems: &[FieldProblem]) {
    let mut errors = HashMap::new();
    let mut warnings = Vec::new();
    for p in problems {
        if p.warning {
            warnings.push(p.message.clone());
        } else {
            errors
                .entry(p.field.clone())
                .or_insert_with(|| p.message.clone());
        }
    }
    cx.insert("errors", &errors);
    cx.insert("warnings", &warnings);
}

/// Her home.
pub async fn home(
    State(ed): State<Arc<Editor>>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Response {
    let a = match for_vendor(&ed, &headers, &slug) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let mut cx = context(&ed, &a, &slug);
    let entry = ed.store.entry(&slug).map(|l| l.value).unwrap_or_default();
    cx.insert("entry", &EntryView::from(&entry));
    let rows: Vec<RowView> = ed
        .store
        .products(&slug)
        .into_iter()
        .map(|r| RowView {
            edit: format!("{BASE}v/{slug}/p/{}", r.stem),
            thumb: r.photo.as_ref().map(|f| thumb_url(&slug, f)),
            stem: r.stem,
            name: r.name,
            price: r.price,
            draft: r.draft,
            available: r.available,
        })
        .collect();
    cx.insert("products", &rows);
    cx.insert("page_url", &format!("/vendors/{slug}/"));
    ed.view.page("vendor.html", cx, a.lang, StatusCode::OK)
}

/// A product in her list.
#[derive(Serialize)]
struct RowView {
    stem: String,
    name: String,
    price: String,
    draft: bool,
    available: bool,
    edit: String,
    thumb: Option<String>,
}

/// The entry as the template reads it.
#[derive(Serialize)]
pub struct EntryView {
    #[serde(flatten)]
    entry: EntrySer,
}

/// [`Entry`] with serde (the store's type stays plain).
#[derive(Serialize)]
struct EntrySer {
    name: String,
    owner: String,
    tagline: String,
    booth: String,
    categories: Vec<String>,
    payment: Vec<String>,
    delivery: bool,
    whatsapp: String,
    instagram: String,
    tiktok: String,
    facebook: String,
    email: String,
    website: String,
    logo: String,
    cover: String,
    cover_alt: String,
    about: String,
}

impl From<&Entry> for EntryView {
    fn from(e: &Entry) -> EntryView {
        EntryView {
            entry: EntrySer {
                name: e.name.clone(),
                owner: e.owner.clone(),
                tagline: e.tagline.clone(),
                booth: e.booth.clone(),
                categories: e.categories.clone(),
                payment: e.payment.clone(),
                delivery: e.delivery,
                whatsapp: e.whatsapp.clone(),
                instagram: e.instagram.clone(),
                tiktok: e.tiktok.clone(),
                facebook: e.facebook.clone(),
                email: e.email.clone(),
                website: e.website.clone(),
                logo: e.logo.clone(),
                cover: e.cover.clone(),
                cover_alt: e.cover_alt.clone(),
                about: e.about.clone(),
            },
        }
    }
}

/// The editor's address of a small preview of one of her photos.
pub fn thumb_url(slug: &str, file: &str) -> String {
    let file = percent_encoding::utf8_percent_encode(file, percent_encoding::NON_ALPHANUMERIC);
    format!("{BASE}v/{slug}/photo/{file}")
}

/// Her entry's form.
pub async fn entry_form(
    State(ed): State<Arc<Editor>>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Response {
    let a = match for_vendor(&ed, &headers, &slug) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let Some(loaded) = ed.store.entry(&slug) else {
        return super::missing_page(&ed, a.lang);
    };
    let mut cx = context(&ed, &a, &slug);
    cx.insert("entry", &EntryView::from(&loaded.value));
    cx.insert("hash", &loaded.hash);
    cx.insert("draft", &ed.store.entry_draft(&slug).unwrap_or(false));
    ed.view.page("entry.html", cx, a.lang, StatusCode::OK)
}

/// Saves her entry (uploads first: a logo or cover photo sent with the form is stored, then
/// named in the entry).
pub async fn entry_save(
    State(ed): State<Arc<Editor>>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    let a = match for_vendor(&ed, &headers, &slug) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let json = super::wants_json(&headers);
    let fields = match changes(&ed, &headers, &a, form).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    let mut entry = fields.entry();
    let base = fields.text("hash");
    // The photos and the file that shows them are built together, once (see `Shared::writing`).
    let writing = ed.shared.as_deref().map(crate::serve::Shared::writing);
    let mut upload_problems = Vec::new();
    for (field, target) in [("logo_upload", "logo"), ("cover_upload", "cover")] {
        if let Some(bytes) = fields.file(field) {
            match super::product::store_photo(&ed, &slug, bytes.to_vec(), &entry.name, a.lang).await
            {
                Ok(file) if target == "logo" => entry.logo = file,
                Ok(file) => entry.cover = file,
                Err(message) => upload_problems.push(FieldProblem {
                    field: target.to_string(),
                    message,
                    warning: false,
                }),
            }
        }
    }
    let preview = fields.get("action") == Some("preview");
    if !upload_problems.is_empty() || preview {
        let res = entry_again(&ed, &a, &slug, &entry, &base, &upload_problems, preview);
        return super::product::as_json_if(json, res).await;
    }
    let rx = ed.shared.as_ref().map(|s| s.events.subscribe());
    let who = a.session.who.clone();
    let (store_ed, s, e, b) = (ed.clone(), slug.clone(), entry.clone(), base.clone());
    let draft = fields.ticked("draft");
    let result = blocking(move || {
        let saved = store_ed.store.save_entry(&s, &who, &e, &b)?;
        // "No publicar todavía" (a vendor made at the desk starts so).
        if store_ed.store.entry_draft(&s) != Some(draft) {
            return store_ed.store.set_entry_draft(&s, draft);
        }
        Ok(saved)
    })
    .await;
    drop(writing);
    match result {
        Some(Ok(saved)) => {
            // An entry not published yet has no page in the preview: back to her list.
            let page = if draft {
                format!("{BASE}v/{slug}/")
            } else {
                let page = format!("vendors/{slug}/index.html");
                Editor::wait_for_build(rx, Duration::from_secs(3), &page).await;
                format!("/vendors/{slug}/")
            };
            if json && saved.warnings.is_empty() {
                return super::product::reply(true, None, Some(page));
            }
            let res = after_save(&ed, &a, &slug, &saved, &page);
            if json {
                // The page of warnings, shown by the script as the plain form would be.
                return json_ok_page(res).await;
            }
            res
        }
        Some(Err(refused)) => {
            let res = refused_entry(&ed, &a, &slug, &entry, &base, refused);
            super::product::as_json_if(json, res).await
        }
        None => super::missing_page(&ed, a.lang),
    }
}

/// A saved entry's page of warnings for the photo script: `{"ok":false,"page":…}` makes the
/// script show it (the save itself went through).
async fn json_ok_page(res: Response) -> Response {
    let res = super::product::as_json_if(true, res).await;
    let (mut parts, body) = res.into_parts();
    parts.status = StatusCode::OK;
    Response::from_parts(parts, body)
}

/// Where a save leads: her page in the preview (as visitors see it), or with warnings, the
/// editor's page that lists them.
pub fn after_save(ed: &Editor, a: &Allowed, slug: &str, saved: &Saved, page: &str) -> Response {
    if saved.warnings.is_empty() {
        return to(page);
    }
    let mut cx = context(ed, a, slug);
    problems(&mut cx, &saved.warnings);
    cx.insert("page_url", page);
    cx.insert("title", &ed.view.t(a.lang, "saved_title"));
    cx.insert("text", &ed.view.t(a.lang, "saved_with_warnings"));
    cx.insert("back", &format!("{BASE}v/{slug}/"));
    ed.view.page("message.html", cx, a.lang, StatusCode::OK)
}

/// The entry's form again, with what she sent and the problems.
fn entry_again(
    ed: &Editor,
    a: &Allowed,
    slug: &str,
    entry: &Entry,
    base: &str,
    found: &[FieldProblem],
    preview: bool,
) -> Response {
    let mut cx = context(ed, a, slug);
    cx.insert("entry", &EntryView::from(entry));
    cx.insert("hash", base);
    cx.insert("draft", &ed.store.entry_draft(slug).unwrap_or(false));
    problems(&mut cx, found);
    if preview {
        cx.insert("preview", &crate::render::markdown::to_html(&entry.about));
    }
    let status = if found.iter().any(|p| !p.warning) {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    ed.view.page("entry.html", cx, a.lang, status)
}

/// A refused save of the entry.
fn refused_entry(
    ed: &Editor,
    a: &Allowed,
    slug: &str,
    entry: &Entry,
    base: &str,
    refused: Refused,
) -> Response {
    match refused {
        Refused::Invalid(found) => entry_again(ed, a, slug, entry, base, &found, false),
        Refused::Conflict { current, hash } => {
            let mut cx = context(ed, a, slug);
            cx.insert("entry", &EntryView::from(entry));
            cx.insert("hash", &hash);
            cx.insert("draft", &ed.store.entry_draft(slug).unwrap_or(false));
            cx.insert("conflict", &true);
            if let Conflicting::Entry(now) = *current {
                cx.insert("theirs", &EntryView::from(&*now));
            }
            ed.view.page("entry.html", cx, a.lang, StatusCode::CONFLICT)
        }
        Refused::Missing => super::missing_page(ed, a.lang),
        Refused::Failed(text) => ed.view.message(
            a.lang,
            StatusCode::INTERNAL_SERVER_ERROR,
            "not_saved_title",
            &text,
            Some(&format!("{BASE}v/{slug}/")),
        ),
    }
}

/// A small preview of one of her photos (at most 320 px, re-encoded: no metadata).
pub async fn photo(
    State(ed): State<Arc<Editor>>,
    Path((slug, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    if let Err(r) = for_vendor(&ed, &headers, &slug) {
        return r;
    }
    // The file must be one of hers, by name, as the listing of her photos/ has it.
    if !ed.store.photos(&slug).contains(&file) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let Some(dir) = ed.store.photos_dir(&slug) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let small = blocking(move || {
        let bytes = std::fs::read(dir.join(&file)).ok()?;
        let img = crate::images::decode::decode(&bytes, 320).ok()?;
        let (w, h) = (img.width().max(1), img.height().max(1));
        let (tw, th) = if w > 320 {
            (320, (u64::from(h) * 320 / u64::from(w)).max(1) as u32)
        } else {
            (w, h)
        };
        let img = crate::images::resize::resize(&img, tw, th);
        crate::images::encode::encode(&img, crate::images::encode::Format::Jpeg, 70).ok()
    })
    .await
    .flatten();
    match small {
        Some(bytes) => ([(header::CONTENT_TYPE, "image/jpeg")], bytes).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Which file a history page is about: `?file=entry` or `?file=p:<stem>`.
fn file_ref(q: &HashMap<String, String>) -> FileRef {
    match q.get("file").and_then(|f| f.strip_prefix("p:")) {
        Some(stem) => FileRef::Product(stem.to_string()),
        None => FileRef::Entry,
    }
}

/// Kept versions as the template reads them.
#[derive(Serialize)]
struct KeptView {
    id: String,
    label: String,
    when: String,
}

fn kept_views(list: Vec<Kept>, lang: Lang) -> Vec<KeptView> {
    list.into_iter()
        .map(|k| KeptView {
            id: k.id,
            label: k.label,
            when: when(k.when, lang),
        })
        .collect()
}

/// "hace 5 min" / "5 min ago", or a date for older ones.
pub fn when(t: std::time::SystemTime, lang: Lang) -> String {
    let secs = t.elapsed().map(|d| d.as_secs()).unwrap_or(0);
    let (n, unit) = match secs {
        0..=59 => (secs, "s"),
        60..=3599 => (secs / 60, "min"),
        3600..=86_399 => (secs / 3600, "h"),
        _ => (
            secs / 86_400,
            if lang == Lang::En { "days" } else { "días" },
        ),
    };
    match lang {
        Lang::En => format!("{n} {unit} ago"),
        _ => format!("hace {n} {unit}"),
    }
}

/// "Versiones anteriores" of her entry or of a product.
pub async fn history(
    State(ed): State<Arc<Editor>>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let a = match for_vendor(&ed, &headers, &slug) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let file = file_ref(&q);
    let mut cx = context(&ed, &a, &slug);
    cx.insert("kind", "history");
    cx.insert(
        "file",
        &q.get("file").cloned().unwrap_or_else(|| "entry".into()),
    );
    cx.insert("kept", &kept_views(ed.store.history(&slug, &file), a.lang));
    ed.view.page("kept.html", cx, a.lang, StatusCode::OK)
}

/// Puts an earlier version back.
pub async fn history_restore(
    State(ed): State<Arc<Editor>>,
    Path(slug): Path<String>,
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
    let mut q = HashMap::new();
    q.insert("file".to_string(), fields.text("file"));
    let file = file_ref(&q);
    let id = fields.text("id");
    let (e, s, f) = (ed.clone(), slug.clone(), file.clone());
    match blocking(move || e.store.restore_version(&s, &f, &id)).await {
        Some(Ok(_)) => match file {
            FileRef::Entry => to(&format!("{BASE}v/{slug}/entry")),
            FileRef::Product(stem) => to(&format!("{BASE}v/{slug}/p/{stem}")),
        },
        Some(Err(r)) => super::refused(&ed, a.lang, r, &format!("{BASE}v/{slug}/")),
        None => super::missing_page(&ed, a.lang),
    }
}

/// Her deleted products.
pub async fn bin(
    State(ed): State<Arc<Editor>>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Response {
    let a = match for_vendor(&ed, &headers, &slug) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let mut cx = context(&ed, &a, &slug);
    cx.insert("kind", "bin");
    cx.insert("file", "");
    cx.insert("kept", &kept_views(ed.store.bin(&slug), a.lang));
    ed.view.page("kept.html", cx, a.lang, StatusCode::OK)
}

/// Brings a deleted product back.
pub async fn bin_restore(
    State(ed): State<Arc<Editor>>,
    Path(slug): Path<String>,
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
    let id = fields.text("id");
    let (e, s) = (ed.clone(), slug.clone());
    match blocking(move || e.store.restore_deleted(&s, &id)).await {
        Some(Ok(stem)) => to(&format!("{BASE}v/{slug}/p/{stem}")),
        _ => super::missing_page(&ed, a.lang),
    }
}

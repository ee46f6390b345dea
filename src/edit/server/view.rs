//! The editor's pages: Tera templates compiled into the binary (`templates/`), with the
//! editor's interface strings (`i18n/es.toml`, the reference, and `i18n/en.toml`) as `t`, its
//! stylesheet and script. Pages are server-rendered HTML forms that work without JavaScript;
//! `editor.js` adds the text box's buttons, keeps unsaved text in the browser and scales photos
//! before they are sent.

use std::collections::BTreeMap;

use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use tera::{Context, Tera};

use crate::i18n::Lang;

const CSS: &str = include_str!("editor.css");
const JS: &str = concat!(include_str!("editor.js"), include_str!("photo.js"));

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("templates/base.html")),
    ("message.html", include_str!("templates/message.html")),
    ("login.html", include_str!("templates/login.html")),
    ("vendor.html", include_str!("templates/vendor.html")),
    ("entry.html", include_str!("templates/entry.html")),
    ("product.html", include_str!("templates/product.html")),
    ("kept.html", include_str!("templates/kept.html")),
    ("desk.html", include_str!("templates/desk.html")),
    ("macros.html", include_str!("templates/macros.html")),
];

const ES: &str = include_str!("i18n/es.toml");
const EN: &str = include_str!("i18n/en.toml");

/// The compiled templates and both languages' strings.
pub struct View {
    tera: Tera,
    es: BTreeMap<String, String>,
    en: BTreeMap<String, String>,
}

impl View {
    /// Compiles the templates and reads the strings (a broken one is vitrina's bug, caught by
    /// the tests).
    pub fn new() -> anyhow::Result<View> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.add_raw_templates(TEMPLATES.iter().copied())?;
        let es: BTreeMap<String, String> = toml::from_str(ES)?;
        let mut en = es.clone();
        en.extend(toml::from_str::<BTreeMap<String, String>>(EN)?);
        Ok(View { tera, es, en })
    }

    /// The strings of `lang`.
    pub fn strings(&self, lang: Lang) -> &BTreeMap<String, String> {
        match lang {
            Lang::En => &self.en,
            _ => &self.es,
        }
    }

    /// One string.
    pub fn t(&self, lang: Lang, key: &str) -> String {
        self.strings(lang)
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    /// A page: `template` with `cx`, the strings and the language; `status` as given.
    pub fn page(
        &self,
        template: &str,
        mut cx: Context,
        lang: Lang,
        status: StatusCode,
    ) -> Response {
        cx.insert("t", self.strings(lang));
        cx.insert("lang", lang.code());
        cx.insert("base", super::BASE);
        match self.tera.render(template, &cx) {
            Ok(html) => (status, Html(html)).into_response(),
            Err(e) => {
                let mut detail = e.to_string();
                let mut source = std::error::Error::source(&e);
                while let Some(s) = source {
                    detail.push_str(&format!(": {s}"));
                    source = s.source();
                }
                eprintln!("editor: {template}: {detail}");
                (StatusCode::INTERNAL_SERVER_ERROR, "500").into_response()
            }
        }
    }

    /// A page with a title and a message (and a link back), e.g. for a refusal.
    pub fn message(
        &self,
        lang: Lang,
        status: StatusCode,
        title_key: &str,
        text: &str,
        back: Option<&str>,
    ) -> Response {
        let mut cx = Context::new();
        cx.insert("title", &self.t(lang, title_key));
        cx.insert("text", text);
        cx.insert("back", &back);
        self.page("message.html", cx, lang, status)
    }
}

/// The stylesheet.
pub async fn css() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], CSS).into_response()
}

/// The script.
pub async fn js() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        JS,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_compile_and_every_english_string_has_a_spanish_one() {
        let v = View::new().unwrap();
        for k in v.en.keys() {
            assert!(v.es.contains_key(k), "{k} is only in en.toml");
        }
        let en: BTreeMap<String, String> = toml::from_str(EN).unwrap();
        for k in v.es.keys() {
            assert!(en.contains_key(k), "{k} has no English");
        }
    }
}

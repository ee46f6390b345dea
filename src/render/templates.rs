//! A theme's templates, parsed once into Tera and fingerprinted for page recipes.
//!
//! Owns loading every file under the theme's `templates/`, the HTML escaping pages use, the
//! template functions vitrina adds (`qr`), and the template errors reported as diagnostics.
//! Parsed templates are kept in the build's [`Memory`] while their names and texts are
//! unchanged: `serve` loads them for every rebuild, and parsing them again was a tenth of a
//! rebuild after a product edit.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tera::Tera;

use super::{qr, recipe};
use crate::diag::{Diagnostic, Problem, Severity};
use crate::theme::Theme;

/// A theme's templates, ready to render.
pub struct Templates {
    pub(super) tera: Tera,
    /// xxh3 of every template's name and text (0 when the templates are not deterministic).
    pub(super) fingerprint: u64,
    /// Every template's text, by name.
    texts: HashMap<String, String>,
}

impl Templates {
    /// True when the theme has a template of that name.
    pub fn has(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }

    /// Whether `template` may read the variable `name`: true when its text, or the text of a
    /// template it extends or imports macros from, has `name` as a whole word, or when one of
    /// them includes another template or reads the whole context (`__tera_context`). It errs
    /// only towards true.
    pub fn may_read(&self, template: &str, name: &str) -> bool {
        // The template and every one it reaches through `extends` and `import`, to the end.
        let mut names = vec![template.to_string()];
        let mut i = 0;
        while let Some(n) = names.get(i) {
            let Ok(t) = self.tera.get_template(n) else {
                return true;
            };
            let reached = t
                .parents
                .iter()
                .chain(t.imported_macro_files.iter().map(|(f, _)| f));
            for r in reached.cloned().collect::<Vec<_>>() {
                if !names.contains(&r) {
                    names.push(r);
                }
            }
            i += 1;
        }
        names.iter().any(|n| {
            self.texts.get(n).is_none_or(|text| {
                has_word(text, name) || has_word(text, "include") || text.contains("__tera_context")
            })
        })
    }
}

/// Whether `word` is in `text` with no letter, digit or `_` right before or after it.
fn has_word(text: &str, word: &str) -> bool {
    let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    text.match_indices(word).any(|(at, _)| {
        !ident(text[..at].chars().next_back()) && !ident(text[at + word.len()..].chars().next())
    })
}

/// The templates parsed last, by the hash of their names and texts.
#[derive(Default)]
pub struct Memory {
    last: Mutex<Option<(u128, Arc<Templates>)>>,
}

/// Loads a theme's templates (every file under `templates/`), from `memory` when unchanged; the
/// `qr` function draws through `qr_memory`.
pub fn load(
    theme: &Theme,
    theme_name: &str,
    memory: &Memory,
    qr_memory: &Arc<qr::Memory>,
) -> Result<Arc<Templates>, Diagnostic> {
    let dir = format!("{}/templates", theme.display(theme_name));
    let files = theme
        .files("templates")
        .map_err(|e| error(&dir, e.to_string()))?;
    let mut templates = Vec::with_capacity(files.len());
    let mut hash = xxhash_rust::xxh3::Xxh3::new();
    let mut stable = true;
    for (name, bytes) in files {
        let text = String::from_utf8(bytes.into_owned())
            .map_err(|_| error(&format!("{dir}/{name}"), "UTF-8".into()))?;
        for part in [name.as_bytes(), &[0], text.as_bytes(), &[0]] {
            hash.update(part);
        }
        let squeezed: String = text.split_whitespace().collect();
        stable &= !recipe::UNSTABLE_FUNCTIONS
            .iter()
            .any(|f| squeezed.contains(f));
        templates.push((name, text));
    }
    let texts: HashMap<String, String> = templates
        .iter()
        .map(|(n, t)| (n.to_string(), t.clone()))
        .collect();
    let key = hash.clone().digest128();
    if let Some((_, t)) = memory
        .last
        .lock()
        .ok()
        .and_then(|m| m.clone())
        .filter(|(k, _)| *k == key)
    {
        return Ok(t);
    }
    let mut tera = Tera::default();
    tera.add_raw_templates(templates)
        .map_err(|e| error(&dir, error_chain(&e)))?;
    tera.set_escape_fn(escape_html);
    tera.register_function("qr", qr::tera_function(qr_memory.clone()));
    let fingerprint = match recipe::binary_identity() {
        Some(id) if stable => {
            hash.update(&id.to_le_bytes());
            hash.digest().max(1)
        }
        _ => 0,
    };
    let templates = Arc::new(Templates {
        tera,
        fingerprint,
        texts,
    });
    if let Ok(mut last) = memory.last.lock() {
        *last = Some((key, templates.clone()));
    }
    Ok(templates)
}

/// A template problem in `file`.
pub(super) fn error(file: &str, detail: String) -> Diagnostic {
    Diagnostic::file(
        Severity::Error,
        file.to_string(),
        Problem::Template { detail },
    )
}

/// HTML escaping for text and quoted attributes. Tera's default also escapes `/`, which makes
/// every URL and price (`S/ 6.50`) longer and harder to read in the source, for no safety gain.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 16);
    let mut last = 0;
    for (i, b) in input.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&input[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&input[last..]);
    out
}

/// Tera's error with its causes, on one line.
pub(super) fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn templates(files: &[(&str, &str)]) -> Templates {
        let mut tera = Tera::default();
        tera.add_raw_templates(files.iter().copied()).unwrap();
        Templates {
            tera,
            fingerprint: 0,
            texts: files
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect(),
        }
    }

    #[test]
    fn a_template_may_read_what_it_its_parents_or_its_macros_name() {
        let base = (
            "base.html",
            "<title>{{ t.products_one }}</title>{% block c %}{% endblock c %}",
        );
        let macros = (
            "macros.html",
            "{% macro list(xs) %}{% for x in xs %}{{ x }}{% endfor %}{% endmacro list %}",
        );
        let page = |body: &str| {
            format!("{{% extends \"base.html\" %}}{{% import \"macros.html\" as m %}}{{% block c %}}{body}{{% endblock c %}}")
        };
        let of = |body: &str, base: (&str, &str), macros: (&str, &str)| {
            let text = page(body);
            templates(&[base, macros, ("search.html", text.as_str())])
                .may_read("search.html", "products")
        };
        // Not a word of its own: `products_one`, `my_products`.
        assert!(!of("{{ t.products_one }} {{ my_products }}", base, macros));
        assert!(of(
            "{% for p in products %}{{ p.name }}{% endfor %}",
            base,
            macros
        ));
        assert!(of("{{ m::list(xs=products) }}", base, macros));
        // In the parent, in the macro file, or anything it cannot follow.
        assert!(of(
            "",
            (
                "base.html",
                "{{ products | length }}{% block c %}{% endblock c %}"
            ),
            macros
        ));
        assert!(of(
            "",
            base,
            (
                "macros.html",
                "{% macro x() %}{{ products }}{% endmacro x %}"
            )
        ));
        let included = templates(&[
            ("part.html", "{{ products }}"),
            ("search.html", "{% include \"part.html\" %}"),
        ]);
        assert!(included.may_read("search.html", "products"));
        assert!(of("{{ __tera_context }}", base, macros));
        assert!(templates(&[]).may_read("search.html", "products"));
    }
}

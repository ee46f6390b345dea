//! A theme's templates, parsed once into Tera and fingerprinted for page recipes.
//!
//! Owns loading every file under the theme's `templates/`, the HTML escaping pages use, the
//! template functions vitrina adds (`qr`), and the template errors reported as diagnostics.
//! Parsed templates are kept in the build's [`Memory`] while their names and texts are
//! unchanged: `serve` loads them for every rebuild, and parsing them again was a tenth of a
//! rebuild after a product edit.

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
}

impl Templates {
    /// True when the theme has a template of that name.
    pub fn has(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }
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
    let templates = Arc::new(Templates { tera, fingerprint });
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

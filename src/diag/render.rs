//! Lays diagnostics out for a terminal or a test: a header, `--> file:line:col`, the source line
//! with a caret under the problem, and the hint. Uses annotate-snippets (the renderer rustc's
//! diagnostics come from) with the level names translated. [`color`] says whether stderr is a
//! terminal that wants them coloured.

use std::io::IsTerminal as _;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::{Diagnostic, Diagnostics, Severity};
use crate::i18n::Lang;

/// Whether stderr, where diagnostics go, wants colours: a terminal, and `NO_COLOR` unset.
pub fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Renders one diagnostic; `color` adds ANSI styles for a terminal.
pub fn render(d: &Diagnostic, lang: Lang, color: bool) -> String {
    let es = lang == Lang::Es;
    let level = match (d.severity, es) {
        (Severity::Error, _) => Level::ERROR.with_name("error"),
        (Severity::Warning, true) => Level::WARNING.with_name("aviso"),
        (Severity::Warning, false) => Level::WARNING.with_name("warning"),
    };
    let help = Level::HELP.with_name(if es { "qué hacer" } else { "what to do" });
    let message = d.problem.message(lang);
    let hint = d.problem.hint(lang);
    let title = level.primary_title(message.as_str());
    let mut group: Group = match &d.at {
        Some((src, span)) => title.element(
            Snippet::source(src.text.as_str())
                .path(d.file.as_str())
                .annotation(AnnotationKind::Primary.span(span.clone())),
        ),
        None => title.element(Origin::path(d.file.as_str())),
    };
    if let Some(h) = &hint {
        group = group.element(help.message(h.as_str()));
    }
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.render(&[group])
}

/// Renders every diagnostic followed by a summary line.
pub fn render_all(diags: &Diagnostics, lang: Lang, color: bool) -> String {
    let mut out = String::new();
    for d in diags.iter() {
        out.push_str(&render(d, lang, color));
        out.push_str("\n\n");
    }
    if !diags.is_empty() {
        out.push_str(&summary(diags, lang));
        out.push('\n');
    }
    out
}

/// "2 errores, 1 aviso" / "2 errors, 1 warning".
pub fn summary(diags: &Diagnostics, lang: Lang) -> String {
    let e = diags.error_count();
    let w = diags.warning_count();
    let (e_word, w_word) = match lang {
        Lang::Es => (
            if e == 1 { "error" } else { "errores" },
            if w == 1 { "aviso" } else { "avisos" },
        ),
        Lang::En => (
            if e == 1 { "error" } else { "errors" },
            if w == 1 { "warning" } else { "warnings" },
        ),
    };
    format!("{e} {e_word}, {w} {w_word}")
}

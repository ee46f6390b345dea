//! What an open page shows when a build failed: the problems as JSON for `live.js`'s overlay
//! (title, what to do, each problem with its file, line, message, hint and the line in
//! question), the same problems the terminal shows, in the same language.

use serde::Serialize;

use crate::diag::messages::console::Overlay;
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::i18n::Lang;

/// What an open page shows when a build failed.
#[derive(Serialize)]
struct ProblemsView {
    title: String,
    lead: String,
    hint_label: String,
    close: String,
    problems: Vec<ProblemView>,
}

#[derive(Serialize)]
struct ProblemView {
    severity: &'static str,
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    message: String,
    hint: Option<String>,
    /// The line in question with a mark under the problem.
    snippet: Option<String>,
}

/// The problems of a failed build as JSON for the page overlay (errors first).
pub fn problems_json(diags: &Diagnostics, lang: Lang) -> String {
    let mut problems: Vec<ProblemView> = diags.iter().map(|d| problem_view(d, lang)).collect();
    problems.sort_by_key(|p| p.severity != "error");
    let view = ProblemsView {
        title: crate::diag::render::summary(diags, lang),
        lead: Overlay::Lead.text(lang),
        hint_label: Overlay::HintLabel.text(lang),
        close: Overlay::Close.text(lang),
        problems,
    };
    serde_json::to_string(&view).unwrap_or_else(|_| "{}".into())
}

fn problem_view(d: &Diagnostic, lang: Lang) -> ProblemView {
    let (line, column) = d.line_col().unzip();
    ProblemView {
        severity: match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        file: d.file.clone(),
        line,
        column,
        message: d.problem.message(lang),
        hint: d.problem.hint(lang),
        snippet: snippet(d),
    }
}

/// `12 | price = "seis"` and a line of `^` under the problem.
fn snippet(d: &Diagnostic) -> Option<String> {
    let (src, span) = d.at.as_ref()?;
    let text = src.text.as_str();
    let start = span.start.min(text.len());
    let ls = text.get(..start)?.rfind('\n').map_or(0, |i| i + 1);
    let le = text.get(ls..)?.find('\n').map_or(text.len(), |i| ls + i);
    let line = text.get(ls..le)?.trim_end_matches('\r');
    let pad = text.get(ls..start)?.chars().count();
    let width = text
        .get(start..span.end.clamp(start, le))
        .map_or(1, |s| s.chars().count().max(1));
    let gutter = format!("{} | ", src.line_col(start).0);
    Some(format!(
        "{gutter}{line}\n{}{}",
        " ".repeat(gutter.len() + pad),
        "^".repeat(width)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Problem, Source};

    #[test]
    fn the_overlay_lists_errors_first_with_the_line_marked() {
        let src = Source::new("content/fair.toml", "name = \"Feria\"\nlanguage = \"fr\"\n");
        let mut diags = Diagnostics::new();
        diags.push(Diagnostic::file(
            Severity::Warning,
            "content/fair.toml",
            Problem::NoBaseUrl,
        ));
        let value = Problem::UnknownLanguage { value: "fr".into() };
        diags.push(Diagnostic::at(Severity::Error, &src, 26..30, value));
        let json: serde_json::Value =
            serde_json::from_str(&problems_json(&diags, Lang::Es)).unwrap();
        assert_eq!(json["title"], "1 error, 1 aviso");
        assert_eq!(json["hint_label"], "Qué hacer:");
        assert_eq!(json["close"], "Cerrar");
        let first = &json["problems"][0];
        assert_eq!(first["severity"], "error");
        assert_eq!((&first["line"], &first["column"]), (&2.into(), &12.into()));
        assert_eq!(
            first["snippet"],
            "2 | language = \"fr\"\n               ^^^^"
        );
        assert_eq!(json["problems"][1]["severity"], "warning");
        assert_eq!(json["problems"][1]["snippet"], serde_json::Value::Null);
    }
}

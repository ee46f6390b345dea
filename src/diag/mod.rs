//! Diagnostics: every problem a build finds, as data.
//!
//! A [`Diagnostic`] names the file (relative to the site), the byte span in that file when there is
//! one, a [`Problem`] (what is wrong, as typed data) and its [`Severity`]. Text is produced only at
//! the edge: [`messages`] turns a `Problem` into a message and a hint in the fair's language, and
//! [`render`] lays it out with a source excerpt and a caret (annotate-snippets).
//!
//! Stages never stop at the first problem: they push into a [`Diagnostics`] list and carry on, so
//! a young entrepreneur sees everything wrong with their folder in one run.

pub mod messages;
pub mod render;

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

pub use messages::{Expected, Problem};

/// How bad a problem is. Warnings become errors under `--strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build goes on and writes the site.
    Warning,
    /// The build writes nothing.
    Error,
}

/// A source file as it was read, shared by the diagnostics that point into it.
#[derive(Debug)]
pub struct Source {
    /// Path shown to the user, relative to the site folder (`content/vendors/andrea/vendor.toml`).
    pub display: String,
    /// The text, BOM removed; offsets in diagnostics index into it.
    pub text: String,
}

impl Source {
    /// Wraps a file's text for sharing between diagnostics.
    pub fn new(display: impl Into<String>, text: impl Into<String>) -> Arc<Source> {
        Arc::new(Source {
            display: display.into(),
            text: text.into(),
        })
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        line_col(&self.text, offset)
    }
}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One problem found in the content, the theme or the photos.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the site folder.
    pub file: String,
    /// The file's text and the byte span of the problem, when it points inside a text file.
    pub at: Option<(Arc<Source>, Range<usize>)>,
    /// What is wrong.
    pub problem: Problem,
}

impl Diagnostic {
    /// A problem at a span of a text file.
    pub fn at(
        severity: Severity,
        source: &Arc<Source>,
        span: Range<usize>,
        problem: Problem,
    ) -> Self {
        // Spans always fall on character boundaries (the renderer slices the text with them).
        let text = &source.text;
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let mut end = span.end.clamp(start, text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        Diagnostic {
            severity,
            file: source.display.clone(),
            at: Some((Arc::clone(source), start..end)),
            problem,
        }
    }

    /// A problem with a whole file (or a file that could not be read).
    pub fn file(severity: Severity, file: impl Into<String>, problem: Problem) -> Self {
        Diagnostic {
            severity,
            file: file.into(),
            at: None,
            problem,
        }
    }

    /// 1-based line and column, when the problem points inside the file.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        self.at.as_ref().map(|(src, span)| src.line_col(span.start))
    }
}

/// The problems of one run, in the order they were found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Adds an error at a span of a source.
    pub fn error_at(&mut self, source: &Arc<Source>, span: Range<usize>, problem: Problem) {
        self.push(Diagnostic::at(Severity::Error, source, span, problem));
    }

    /// Adds a warning at a span of a source.
    pub fn warning_at(&mut self, source: &Arc<Source>, span: Range<usize>, problem: Problem) {
        self.push(Diagnostic::at(Severity::Warning, source, span, problem));
    }

    /// Adds an error about a whole file.
    pub fn error_file(&mut self, file: &Path, problem: Problem) {
        self.push(Diagnostic::file(
            Severity::Error,
            display_path(file),
            problem,
        ));
    }

    /// Moves every problem of `other` into this list.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Turns every warning into an error (`--strict`).
    pub fn make_strict(&mut self) {
        for d in &mut self.items {
            d.severity = Severity::Error;
        }
    }

    /// Sorts by file, then position, so output is stable whatever the parallel order was.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            let pa = a.at.as_ref().map_or(0, |(_, s)| s.start);
            let pb = b.at.as_ref().map_or(0, |(_, s)| s.start);
            (&a.file, pa).cmp(&(&b.file, pb))
        });
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    /// True when at least one problem is an error.
    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// All problems.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// True when nothing was found.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Number of problems.
    pub fn len(&self) -> usize {
        self.items.len()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// A path as shown to users: forward slashes, whatever the platform.
pub fn display_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a = 1\nñandú = \"x\"\n";
        let off = text.find('=').unwrap();
        assert_eq!(line_col(text, off), (1, 3));
        let off2 = text.rfind('=').unwrap();
        assert_eq!(line_col(text, off2), (2, 7));
    }
}

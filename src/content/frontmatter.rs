//! Splitting a product file into its `+++` TOML front matter and its markdown body, with the
//! mistakes people actually make (YAML `---` from other generators, no header, a header never
//! closed) turned into diagnostics that point at line 1.

use std::ops::Range;
use std::sync::Arc;

use crate::diag::{Diagnostics, Problem, Source};

/// Byte ranges of a product file's parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The TOML between the `+++` lines.
    pub front: Range<usize>,
    /// The markdown after the closing `+++`.
    pub body: Range<usize>,
}

/// Splits `source.text`; `None` (with a diagnostic) when the header is missing or broken.
pub fn split(source: &Arc<Source>, diags: &mut Diagnostics) -> Option<Split> {
    let text = source.text.as_str();
    let mut lines = line_ranges(text).skip_while(|r| text[r.clone()].trim().is_empty());
    let Some(first) = lines.next() else {
        diags.error_at(source, 0..0, Problem::NoFrontMatter);
        return None;
    };
    let first_text = text[first.clone()].trim();
    if first_text == "---" {
        diags.error_at(source, first, Problem::YamlFrontMatter);
        return None;
    }
    if first_text != "+++" {
        diags.error_at(source, first, Problem::NoFrontMatter);
        return None;
    }
    let front_start = next_line_start(text, first.end);
    for r in lines {
        if text[r.clone()].trim() == "+++" {
            return Some(Split {
                front: front_start..r.start,
                body: next_line_start(text, r.end)..text.len(),
            });
        }
    }
    diags.error_at(source, first, Problem::UnclosedFrontMatter);
    None
}

/// Ranges of each line's content (without the line end).
fn line_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let content_end = if end > start && text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        let r = start..content_end;
        start = end + 1;
        Some(r)
    })
}

fn next_line_start(text: &str, from: usize) -> usize {
    text[from..].find('\n').map_or(text.len(), |i| from + i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Option<Split>, Vec<Problem>) {
        let src = Source::new("p.md", text);
        let mut d = Diagnostics::new();
        let s = split(&src, &mut d);
        (s, d.iter().map(|x| x.problem.clone()).collect())
    }

    #[test]
    fn splits_crlf_files() {
        let text = "+++\r\nname = \"a\"\r\n+++\r\nHola\r\n";
        let (s, p) = run(text);
        let s = s.unwrap();
        assert!(p.is_empty());
        assert_eq!(&text[s.front], "name = \"a\"\r\n");
        assert_eq!(&text[s.body], "Hola\r\n");
    }

    #[test]
    fn yaml_and_missing_headers_are_explained() {
        assert_eq!(run("---\nname: a\n---\n").1, vec![Problem::YamlFrontMatter]);
        assert_eq!(run("Hola\n").1, vec![Problem::NoFrontMatter]);
        assert_eq!(
            run("+++\nname = \"a\"\n").1,
            vec![Problem::UnclosedFrontMatter]
        );
    }
}

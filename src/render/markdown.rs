//! Vendor markdown to safe HTML.
//!
//! Vendor text is untrusted: pulldown-cmark renders it, then ammonia keeps only harmless tags and
//! attributes (no `script`, no `style`, no event attributes, no `javascript:` or `data:` links,
//! no images or frames that would make visitors' phones contact another host). Headings move one
//! level down so a vendor's `# Title` never competes with the page's own `<h1>`.

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, OnceLock};

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static B: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    B.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.rm_tags(["img"]);
        b.url_schemes(HashSet::from(["http", "https", "mailto", "tel"]));
        b.link_rel(Some("noopener noreferrer nofollow ugc"));
        b
    })
}

/// Texts already rendered, by the xxh3-128 of their markdown: `serve` rebuilds the whole site
/// after every save, and rendering and sanitizing every description again was the largest part
/// of a rebuild after one edit (see BENCHMARKS.md). Each memo is emptied when it reaches
/// [`MEMO_LIMIT`] texts.
#[derive(Default)]
pub struct Memory {
    html: Memo,
    plain: Memo,
}

type Memo = Mutex<HashMap<u128, String>>;
const MEMO_LIMIT: usize = 50_000;

impl Memory {
    /// [`to_html`], from memory when already rendered.
    pub fn to_html(&self, markdown: &str) -> String {
        remembered(&self.html, markdown, to_html)
    }

    /// [`plain_text`], from memory when already made.
    pub fn plain_text(&self, markdown: &str) -> String {
        remembered(&self.plain, markdown, plain_text)
    }
}

/// `make(markdown)`, from `memo` when already made.
fn remembered(memo: &Memo, markdown: &str, make: fn(&str) -> String) -> String {
    let key = xxhash_rust::xxh3::xxh3_128(markdown.as_bytes());
    if let Some(done) = memo.lock().ok().and_then(|m| m.get(&key).cloned()) {
        return done;
    }
    let done = make(markdown);
    if let Ok(mut m) = memo.lock() {
        if m.len() >= MEMO_LIMIT {
            m.clear();
        }
        m.insert(key, done.clone());
    }
    done
}

/// Renders markdown to sanitized HTML.
pub fn to_html(markdown: &str) -> String {
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .map(|ev| match ev {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: demote(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demote(level))),
        other => other,
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, parser);
    sanitizer().clean(&html).to_string()
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Plain text of the markdown: its words, single spaces between them.
pub fn plain_text(markdown: &str) -> String {
    let mut text = String::new();
    for ev in Parser::new(markdown) {
        match ev {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` (plain) cut at a word boundary to at most `max` characters.
pub fn summary(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut
        .rsplit_once(' ')
        .map_or(cut.as_str(), |(a, _)| a)
        .trim_end_matches([',', ';', ':', '.']);
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_events_and_javascript_links_never_survive() {
        let html = to_html(
            "Hola <script>alert(1)</script> <b onclick=\"x()\">negrita</b> [clic](javascript:alert(1)) \
             <img src=\"https://tracker.example/p.gif\"> <iframe src=\"https://x\"></iframe> <a href=\"data:text/html,x\">d</a>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("alert"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<iframe"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert!(html.contains("<b>negrita</b>"), "{html}");
    }

    #[test]
    fn headings_move_down_and_links_get_rel() {
        let html = to_html("# Mi historia\n\n[web](https://example.org)");
        assert!(html.contains("<h2>Mi historia</h2>"), "{html}");
        assert!(
            html.contains("rel=\"noopener noreferrer nofollow ugc\""),
            "{html}"
        );
    }

    #[test]
    fn summary_cuts_on_words() {
        assert_eq!(
            summary(&plain_text("**Huevos**\n   frescos de *granja*."), 100),
            "Huevos frescos de granja."
        );
        assert_eq!(summary("uno dos tres cuatro", 9), "uno dos…");
    }
}

//! Vendor markdown to safe HTML.
//!
//! Vendor text is untrusted: pulldown-cmark renders it, then ammonia keeps only harmless tags and
//! attributes (no `script`, no `style`, no event attributes, no `javascript:` or `data:` links,
//! no images or frames that would make visitors' phones contact another host). Headings move one
//! level down so a vendor's `# Title` never competes with the page's own `<h1>`.
//!
//! The plain text of a description (meta description, cards, JSON-LD, the search index) is made
//! here too, in one place, [`plain_text`]: it leaves out what the sanitizer removes with its
//! content (the inside of raw `<script>`, `<style>` and the other [`HIDDEN`] elements), so code
//! a vendor pasted never shows up as words anywhere.

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, OnceLock};

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Raw HTML elements removed *with their content*: what is inside them is code, styling, an
/// embedded page or a form's contents, never text a visitor reads. Both the sanitizer and
/// [`plain_text`] drop it (none of them is an allowed tag: ammonia refuses a tag in both lists).
pub const HIDDEN: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "textarea", "title", "xmp", "noembed",
    "noframes",
];

/// Of [`HIDDEN`], the elements that may hold themselves (the others end at their first end tag).
const NESTING: &[&str] = &["noscript", "template"];

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static B: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    B.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.rm_tags(["img"]);
        b.url_schemes(HashSet::from(["http", "https", "mailto", "tel"]));
        b.link_rel(Some("noopener noreferrer nofollow ugc"));
        b.clean_content_tags(HIDDEN.iter().copied().collect());
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
    /// Keep nothing (see [`Memory::once`]).
    forget: bool,
}

type Memo = Mutex<HashMap<u128, String>>;
const MEMO_LIMIT: usize = 50_000;

impl Memory {
    /// A memory that keeps nothing (for a build no other build follows).
    pub fn once() -> Memory {
        Memory {
            forget: true,
            ..Memory::default()
        }
    }

    /// [`to_html`], from memory when already rendered.
    pub fn to_html(&self, markdown: &str) -> String {
        if self.forget {
            return to_html(markdown);
        }
        remembered(&self.html, markdown, to_html)
    }

    /// [`plain_text`], from memory when already made.
    pub fn plain_text(&self, markdown: &str) -> String {
        if self.forget {
            return plain_text(markdown);
        }
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

/// Plain text of the markdown: its words, single spaces between them; nothing written inside a
/// raw [`HIDDEN`] element (`Hola <script>alert(1)</script> mundo` gives `Hola mundo`).
pub fn plain_text(markdown: &str) -> String {
    let mut text = String::new();
    let mut hidden: Option<Hidden> = None;
    for ev in Parser::new(markdown) {
        match ev {
            Event::Html(h) | Event::InlineHtml(h) => track_hidden(&h, &mut hidden),
            _ if hidden.is_some() => {}
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The [`HIDDEN`] element the text is inside, and how many of it are open.
type Hidden = (&'static str, u32);

/// Follows the tags of a piece of raw HTML: opens a [`HIDDEN`] element, or closes the open one
/// (as a browser does: an element never closed hides everything after it).
fn track_hidden(html: &str, open: &mut Option<Hidden>) {
    let lower = html.to_ascii_lowercase();
    let mut rest = lower.as_str();
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let (closing, tag) = match rest.strip_prefix('/') {
            Some(tag) => (true, tag),
            None => (false, rest),
        };
        let len = tag
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(tag.len());
        let name = &tag[..len];
        match open {
            None if !closing => *open = HIDDEN.iter().find(|h| **h == name).map(|h| (*h, 1)),
            Some((h, depth)) if *h == name => {
                if closing {
                    *depth -= 1;
                    if *depth == 0 {
                        *open = None;
                    }
                } else if NESTING.contains(h) {
                    *depth += 1;
                }
            }
            _ => {}
        }
    }
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

    /// Issue 17: `alert("…")` of a removed script appeared as words in the JSON-LD description.
    #[test]
    fn the_inside_of_scripts_styles_and_frames_is_never_text() {
        let cases = [
            "Hola <script>alert(\"robado\")</script> mundo",
            "Hola <SCRIPT type=\"x\">alert(\"robado\")</SCRIPT> mundo",
            "Hola\n\n<script>\nalert(\"robado\")\n</script>\n\nmundo",
            "Hola <style>p { color: robado }</style> mundo",
            "Hola\n\n<noscript>\n\nrobado\n\n</noscript>\n\nmundo",
            "Hola <template><p>robado</p><template>robado</template>robado</template> mundo",
            "Hola <iframe>robado</iframe> <textarea>robado</textarea> mundo",
            "Hola <title>robado</title> mundo",
        ];
        for md in cases {
            let text = plain_text(md);
            assert_eq!(text, "Hola mundo", "{md:?}");
            let html = to_html(md);
            assert!(!html.contains("robado"), "{md:?} → {html}");
            assert!(html.contains("mundo"), "{md:?} → {html}");
        }
        // Never closed: hidden to the end, as a browser would.
        assert_eq!(plain_text("Hola <script>alert(1)\n\nrobado"), "Hola");
        // Other raw HTML keeps its words, and a `<scriptx>` is not a script.
        assert_eq!(
            plain_text("<b>negrita</b> <scriptx>sí</scriptx>"),
            "negrita sí"
        );
    }

    /// Deep nesting (lists, quotes, raw HTML) renders on a thread with a 2 MB stack (rayon's
    /// workers', where pages are rendered) in bounded time: no recursion grows with the depth.
    #[test]
    fn ten_thousand_levels_fit_a_small_stack() {
        let inputs = [
            "> ".repeat(10_000) + "hondo",
            "- ".repeat(10_000) + "hondo",
            "Texto ".to_string() + &"<div>".repeat(10_000) + "hondo",
            "Texto ".to_string() + &"<b><i>".repeat(5_000) + "hondo",
            "*".repeat(10_000) + "hondo" + &"*".repeat(10_000),
            "[".repeat(10_000) + "hondo" + &"](x)".repeat(10_000),
        ];
        let worker = std::thread::Builder::new().stack_size(2 << 20);
        let start = std::time::Instant::now();
        worker
            .spawn(move || {
                for md in inputs {
                    assert!(to_html(&md).contains("hondo"), "{}", &md[..20]);
                    assert!(plain_text(&md).contains("hondo"), "{}", &md[..20]);
                }
            })
            .unwrap()
            .join()
            .unwrap();
        assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
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

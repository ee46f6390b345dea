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
/// [`MEMO_LIMIT`] texts. The product texts of the last `build` can be handed in read from the
/// build cache ([`Known`], see [`Memory::know`]).
#[derive(Default)]
pub struct Memory {
    html: Memo,
    plain: Memo,
    /// Keep nothing (see [`Memory::once`]).
    forget: bool,
    /// Texts the last build left in the cache, while the product views are made.
    known: std::sync::RwLock<Option<Known>>,
    /// Whether a text was made while `known` was there (it lacked one).
    missed: std::sync::atomic::AtomicBool,
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
        self.text(markdown, None, &self.html, to_html)
    }

    /// [`to_html`] of a product's description: also from the texts handed in.
    pub fn product_html(&self, markdown: &str) -> String {
        self.text(markdown, Some(0), &self.html, to_html)
    }

    /// [`plain_text`] of a product's description: also from the texts handed in.
    pub fn product_text(&self, markdown: &str) -> String {
        self.text(markdown, Some(1), &self.plain, plain_text)
    }

    /// True unless this memory keeps nothing ([`Memory::once`]).
    pub fn remembers(&self) -> bool {
        !self.forget
    }

    /// Hands in the texts the last build left (until [`Memory::forget_known`]).
    pub fn know(&self, known: Known) {
        if let Ok(mut k) = self.known.write() {
            *k = Some(known);
        }
    }

    /// Lets go of the texts handed in, once the product views are made (they hold their own
    /// copies); tells how many texts there were.
    pub fn forget_known(&self) -> Option<usize> {
        let known = self.known.write().ok()?.take()?;
        Some(known.at.len())
    }

    /// True when a text was missing from the ones handed in.
    pub fn missed(&self) -> bool {
        self.missed.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// A text of `markdown`: handed in (product texts: `which` is 0 for HTML, 1 for plain
    /// text), remembered, or made now.
    fn text(
        &self,
        markdown: &str,
        which: Option<usize>,
        memo: &Memo,
        make: fn(&str) -> String,
    ) -> String {
        let key = xxhash_rust::xxh3::xxh3_128(markdown.as_bytes());
        if let (Some(which), Ok(known)) = (which, self.known.read()) {
            if let Some(known) = known.as_ref() {
                if let Some(text) = known.get(key, which) {
                    return text.to_string();
                }
                self.missed
                    .store(true, std::sync::atomic::Ordering::Relaxed);
            }
        }
        if self.forget {
            return make(markdown);
        }
        remembered(memo, key, markdown, make)
    }
}

/// The product texts one build made (HTML and plain text of each description, by the xxh3-128
/// of its markdown), as a file of the build cache, so the next `build` of the same site takes
/// them instead of rendering and sanitizing every description again (a fifth of a warm build's
/// time). The file names the vitrina binary that made it ([`super::recipe::binary_identity`]:
/// another one may render differently) and ends with an xxh3 of everything before; a file that
/// does not check out is not used.
pub struct Known {
    bytes: Vec<u8>,
    /// Where each text starts and ends in `bytes`: HTML, then plain text.
    at: HashMap<u128, [(u32, u32); 2]>,
}

/// What a texts file starts with.
const KNOWN_MAGIC: &[u8] = b"vitrina markdown 1\n";

impl Known {
    /// Reads a texts file written by the binary `identity`; `None` when it is not one, was
    /// written by another binary, or is damaged.
    pub fn parse(bytes: Vec<u8>, identity: u64) -> Option<Known> {
        let body_len = bytes.len().checked_sub(8)?;
        let (body, sum) = bytes.split_at(body_len);
        if xxhash_rust::xxh3::xxh3_64(body).to_le_bytes() != sum {
            return None;
        }
        let rest = body.strip_prefix(KNOWN_MAGIC)?;
        let (id, mut rest) = rest.split_at_checked(8)?;
        if id != identity.to_le_bytes() {
            return None;
        }
        let mut at = HashMap::new();
        while !rest.is_empty() {
            let (key, r) = rest.split_at_checked(16)?;
            let key = u128::from_le_bytes(key.try_into().ok()?);
            let mut spans = [(0, 0); 2];
            let mut r = r;
            for span in &mut spans {
                let (len, t) = r.split_at_checked(4)?;
                let len = u32::from_le_bytes(len.try_into().ok()?) as usize;
                let (text, t) = t.split_at_checked(len)?;
                std::str::from_utf8(text).ok()?;
                let start = u32::try_from(bytes.len() - 8 - t.len() - len).ok()?;
                *span = (start, start + u32::try_from(len).ok()?);
                r = t;
            }
            at.insert(key, spans);
            rest = r;
        }
        Some(Known { bytes, at })
    }

    /// Text `which` (0: HTML, 1: plain) of the markdown whose xxh3-128 is `key`.
    fn get(&self, key: u128, which: usize) -> Option<&str> {
        let (start, end) = self.at.get(&key)?[which];
        std::str::from_utf8(self.bytes.get(start as usize..end as usize)?).ok()
    }

    /// Writes the texts of `markdowns` (each made by [`to_html`] and [`plain_text`], or taken
    /// from `memory`) as a texts file for the binary `identity`.
    pub fn write<'a>(
        out: &mut dyn std::io::Write,
        identity: u64,
        markdowns: impl Iterator<Item = (&'a str, &'a str, &'a str)>,
    ) -> std::io::Result<()> {
        let mut sum = xxhash_rust::xxh3::Xxh3::new();
        let mut put = |out: &mut dyn std::io::Write, bytes: &[u8]| {
            sum.update(bytes);
            out.write_all(bytes)
        };
        put(out, KNOWN_MAGIC)?;
        put(out, &identity.to_le_bytes())?;
        let mut seen = HashSet::new();
        for (markdown, html, plain) in markdowns {
            let key = xxhash_rust::xxh3::xxh3_128(markdown.as_bytes());
            if !seen.insert(key) {
                continue;
            }
            put(out, &key.to_le_bytes())?;
            for text in [html, plain] {
                let len = u32::try_from(text.len()).map_err(std::io::Error::other)?;
                put(out, &len.to_le_bytes())?;
                put(out, text.as_bytes())?;
            }
        }
        out.write_all(&sum.digest().to_le_bytes())
    }
}

/// `make(markdown)`, from `memo` when already made (`key`: the xxh3-128 of `markdown`).
fn remembered(memo: &Memo, key: u128, markdown: &str, make: fn(&str) -> String) -> String {
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
    fn a_texts_file_gives_back_what_was_written_and_nothing_else() {
        let written = |identity: u64| {
            let mut out = Vec::new();
            let texts = [
                ("**a**", "<p><strong>a</strong></p>\n", "a"),
                ("b", "<p>b</p>\n", "b"),
                ("**a**", "<p>again</p>", "again"),
            ];
            Known::write(&mut out, identity, texts.into_iter()).unwrap();
            out
        };
        let known = Known::parse(written(7), 7).expect("a file just written");
        let key = |md: &str| xxhash_rust::xxh3::xxh3_128(md.as_bytes());
        assert_eq!(
            known.get(key("**a**"), 0),
            Some("<p><strong>a</strong></p>\n")
        );
        assert_eq!(known.get(key("**a**"), 1), Some("a"));
        assert_eq!(known.get(key("b"), 1), Some("b"));
        assert_eq!(known.get(key("c"), 0), None);
        assert_eq!(known.at.len(), 2, "one entry a text");
        // Another binary's file, a damaged one, a cut one, not one at all: none is used.
        assert!(Known::parse(written(7), 8).is_none());
        let mut damaged = written(7);
        damaged[KNOWN_MAGIC.len() + 20] ^= 1;
        assert!(Known::parse(damaged, 7).is_none());
        let mut cut = written(7);
        cut.truncate(cut.len() - 9);
        assert!(Known::parse(cut, 7).is_none());
        assert!(Known::parse(b"{}".to_vec(), 7).is_none());
        assert!(Known::parse(Vec::new(), 7).is_none());
    }

    #[test]
    fn product_texts_come_from_the_file_handed_in_until_it_is_let_go() {
        let mut out = Vec::new();
        Known::write(
            &mut out,
            1,
            [("x", "<p>from the file</p>", "file")].into_iter(),
        )
        .unwrap();
        let memory = Memory::once();
        memory.know(Known::parse(out, 1).unwrap());
        assert_eq!(memory.product_html("x"), "<p>from the file</p>");
        assert_eq!(memory.product_text("x"), "file");
        assert!(!memory.missed());
        // A vendor's story is never taken from it, and missing it is no miss.
        assert_eq!(memory.to_html("x"), "<p>x</p>\n");
        assert!(!memory.missed());
        assert_eq!(memory.product_html("y"), "<p>y</p>\n");
        assert!(memory.missed());
        assert_eq!(memory.forget_known(), Some(1));
        assert_eq!(memory.product_html("x"), "<p>x</p>\n");
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

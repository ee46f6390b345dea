//! The invariants the fuzz targets assert, written independently of the code they check: a
//! reader of sanitized HTML (tags, attributes, URLs) and the shape of a slug.

/// Tags that must never reach a page from vendor text (scripts, styles, frames, forms, and
/// anything that loads from another host).
const FORBIDDEN_TAGS: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "img", "object", "embed", "applet", "form",
    "input", "button", "textarea", "select", "svg", "math", "link", "meta", "base", "video",
    "audio", "source", "picture", "template", "noscript",
];

/// URL schemes a vendor's link may use; anything else (`javascript:`, `data:`, `vbscript:`…)
/// must have been removed.
const SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Attributes that hold a URL.
const URL_ATTRS: &[&str] = &["href", "src", "cite", "action", "formaction", "background"];

/// Panics unless `html` is safe to put in a page: every `<` starts a tag (text is escaped),
/// no forbidden tag, no `on…` event attribute, no `style`, and every URL attribute has an
/// allowed scheme or none (after what a browser ignores: entities, tabs, line ends, leading
/// spaces and control characters).
pub fn safe_html(html: &str) {
    let b = html.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        i += 1;
        if b.get(i) == Some(&b'/') {
            i += 1;
        }
        let name_end = i + b[i..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        let name = html[i..name_end].to_ascii_lowercase();
        assert!(!name.is_empty(), "a `<` that starts no tag in {html:?}");
        assert!(
            !FORBIDDEN_TAGS.contains(&name.as_str()),
            "<{name}> survived sanitizing: {html:?}"
        );
        i = attributes(html, name_end);
    }
}

/// Reads the attributes of a tag from `i` to its `>`, checking each; returns the index after it.
fn attributes(html: &str, mut i: usize) -> usize {
    let b = html.as_bytes();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() || b[i] == b'>' {
            return i + 1;
        }
        let start = i;
        while i < b.len() && !matches!(b[i], b'=' | b'>' | b'/') && !b[i].is_ascii_whitespace() {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        assert!(
            !name.starts_with("on") && name != "style" && name != "srcdoc",
            "attribute {name} survived sanitizing: {html:?}"
        );
        if b.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        let value = match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = html[i + 1..].find(q as char).map_or(b.len(), |e| i + 1 + e);
                let v = &html[i + 1..end];
                i = end + 1;
                v
            }
            _ => {
                let end = html[i..]
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .map_or(b.len(), |e| i + e);
                let v = &html[i..end];
                i = end;
                v
            }
        };
        if URL_ATTRS.contains(&name.as_str()) {
            safe_url(value, html);
        }
    }
}

/// Panics when `value` (an attribute's text as written) is a URL with a scheme not in
/// [`SCHEMES`], as a browser would read it.
fn safe_url(value: &str, html: &str) {
    let decoded = decode_entities(value);
    let url: String = decoded
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let Some(colon) = url.find(':') else { return };
    // Only a letter then letters, digits, `+`, `-` or `.` make a scheme; anything else before
    // the colon makes a relative URL (`a b:c` is a path).
    let scheme = url[..colon].to_ascii_lowercase();
    let mut chars = scheme.chars();
    let is_scheme = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme {
        return;
    }
    assert!(
        SCHEMES.contains(&scheme.as_str()),
        "a {scheme}: link survived sanitizing: {html:?}"
    );
}

/// The character references a browser decodes in an attribute (the ones that can spell a
/// scheme: numeric ones and a few named ones).
fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e <= 12);
        let decoded = end.and_then(|e| {
            let body = &rest[1..e];
            let code = if let Some(hex) = body.strip_prefix("#x").or(body.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok()
            } else if let Some(dec) = body.strip_prefix('#') {
                dec.parse().ok()
            } else {
                match body {
                    "amp" => Some(u32::from(b'&')),
                    "colon" => Some(u32::from(b':')),
                    "tab" => Some(9),
                    "newline" => Some(10),
                    "quot" => Some(u32::from(b'"')),
                    "lt" => Some(u32::from(b'<')),
                    "gt" => Some(u32::from(b'>')),
                    _ => None,
                }
            };
            Some((char::from_u32(code?)?, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Panics unless `slug` is a URL slug: `[a-z0-9-]*`, no dash at either end, no two dashes in
/// a row.
pub fn slug(slug: &str, from: &str) {
    assert!(
        slug.bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-'),
        "slug {slug:?} of {from:?} has a character outside [a-z0-9-]"
    );
    assert!(
        !slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"),
        "slug {slug:?} of {from:?} has a stray dash"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The checker itself must catch what it is there to catch.
    #[test]
    fn the_html_checker_refuses_what_it_must() {
        safe_html("<p>a &lt;b&gt; <a href=\"https://x\" rel=\"nofollow\">x</a></p>");
        safe_html("<a href=\"/relative:x\">x</a><a href=\"#a\">y</a><a href=\"a b:c\">z</a>");
        for bad in [
            "<script>x</script>",
            "<p onclick=\"x\">a</p>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\" JaVa&#x09;script&colon;x\">x</a>",
            "<a href=data:text/html,x>x</a>",
            "<a href=\"vbscript:x\">x</a>",
            "<IMG src=x>",
            "a < b",
        ] {
            assert!(
                std::panic::catch_unwind(|| safe_html(bad)).is_err(),
                "{bad} was not refused"
            );
        }
    }

    #[test]
    fn the_slug_checker_refuses_what_it_must() {
        slug("cafe-dona-rosa", "x");
        slug("", "x");
        for bad in ["Cafe", "-a", "a-", "a--b", "ñ", "a b"] {
            assert!(
                std::panic::catch_unwind(|| slug(bad, "x")).is_err(),
                "{bad}"
            );
        }
    }
}

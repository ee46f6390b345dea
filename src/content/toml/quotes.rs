//! Typographic quotes a phone keyboard puts in place of straight ones (`name = “Ana”`, also
//! `‘…’`, `„…“`, `«…»`): TOML reads only `"` and `'`, so such a line is a syntax error. This file
//! finds them on the line of an error and writes the line again with straight quotes, the way it
//! should have been typed; text already inside straight quotes is left as it is (`"El “mejor”
//! pan"` is valid and keeps its quotes).

/// Quotes standing for `"`.
const DOUBLE: &[char] = &['“', '”', '„', '‟', '«', '»', '″', '＂'];
/// Quotes standing for `'`.
const SINGLE: &[char] = &['‘', '’', '‚', '‛', '‹', '›', '′'];

/// `line` with its typographic quotes made straight, when it has any outside a straight-quoted
/// text; `None` when there is nothing to straighten.
pub(super) fn straighten(line: &str) -> Option<String> {
    let mut out = String::with_capacity(line.len());
    let mut changed = false;
    // The quote that closes the text being read: straight or typographic (`"`/`'`).
    let mut inside: Option<(char, bool)> = None;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match inside {
            None => {
                if c == '#' {
                    out.push_str(&line[i..]);
                    break;
                }
                let straight = if DOUBLE.contains(&c) {
                    Some('"')
                } else if SINGLE.contains(&c) {
                    Some('\'')
                } else {
                    None
                };
                match straight {
                    Some(q) => {
                        out.push(q);
                        changed = true;
                        inside = Some((q, true));
                    }
                    None => {
                        out.push(c);
                        if c == '"' || c == '\'' {
                            inside = Some((c, false));
                        }
                    }
                }
            }
            Some((q, typographic)) => {
                let family = if q == '"' { DOUBLE } else { SINGLE };
                if c == '\\' && q == '"' && !typographic {
                    out.push(c);
                    if let Some((_, next)) = chars.next() {
                        out.push(next);
                    }
                } else if c == q {
                    out.push(c);
                    inside = None;
                } else if family.contains(&c) && closes_here(&line[i..], typographic) {
                    // `“Ana”`, or a straight-opened `"Ana”` that has no straight end.
                    out.push(q);
                    changed = true;
                    inside = None;
                } else {
                    out.push(c);
                }
            }
        }
    }
    changed.then_some(out)
}

/// Whether the quote starting `rest` ends a text: the line ends, or `,`, `]`, `}` or a comment
/// follows (so `“Ana’s”` and `“Una “linda” foto”` keep their inner quotes). A text opened with a
/// straight quote ends at a typographic one only when no straight quote is left on the line.
fn closes_here(rest: &str, typographic: bool) -> bool {
    let after: String = rest.chars().skip(1).collect();
    let after = after.trim_start();
    (typographic || !after.contains('"'))
        && (after.is_empty() || after.starts_with([',', ']', '}', '#']))
}

#[cfg(test)]
mod tests {
    use super::straighten;

    #[test]
    fn phone_quotes_become_straight() {
        let s = |l: &str| straighten(l);
        assert_eq!(s("name = “Ana”").as_deref(), Some("name = \"Ana\""));
        assert_eq!(s("name = ”Ana”").as_deref(), Some("name = \"Ana\""));
        assert_eq!(s("name = „Ana“").as_deref(), Some("name = \"Ana\""));
        assert_eq!(s("name = «Ana»").as_deref(), Some("name = \"Ana\""));
        assert_eq!(s("name = ‘Ana’").as_deref(), Some("name = 'Ana'"));
        assert_eq!(s("name = ‘Ana’s’").as_deref(), Some("name = 'Ana’s'"));
        assert_eq!(
            s("cover = { src = “a.jpg”, alt = \"x\" }").as_deref(),
            Some("cover = { src = \"a.jpg\", alt = \"x\" }")
        );
        assert_eq!(
            s("name = “Ana’s tejidos” # dice ”hola”").as_deref(),
            Some("name = \"Ana’s tejidos\" # dice ”hola”")
        );
        assert_eq!(
            s("  { src = “photos/a.jpg”, alt = “Una “linda” foto” },").as_deref(),
            Some("  { src = \"photos/a.jpg\", alt = \"Una “linda” foto\" },")
        );
        assert_eq!(s("name = \"Ana”").as_deref(), Some("name = \"Ana\""));
        assert_eq!(
            s("tags = [\"pan”, \"queso”]  # dos").as_deref(),
            Some("tags = [\"pan”, \"queso\"]  # dos")
        );
        // Inside straight quotes they are text, and nothing else changes.
        assert_eq!(s("tagline = \"El “mejor” pan\""), None);
        assert_eq!(s("tagline = \"El \\\"mejor\\\" pan” x\""), None);
        assert_eq!(s("name = Ana"), None);
    }
}

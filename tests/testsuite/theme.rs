//! The default theme speaks only through its interface strings: no visible text written into a
//! template, and every key the templates use present in both `i18n/es.toml` and `en.toml`.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

fn theme() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default"))
}

/// `text` without the parts between `open` and `close` (inclusive).
fn strip(text: &str, open: &str, close: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(open) {
        out.push_str(&rest[..i]);
        out.push(' ');
        rest = match rest[i + open.len()..].find(close) {
            Some(j) => &rest[i + open.len() + j + close.len()..],
            None => "",
        };
    }
    out.push_str(rest);
    out
}

/// Visible text a template writes itself (text between tags, and the attributes people read or
/// hear: alt, title, aria-label, placeholder): each piece holding a word.
fn hard_coded(template: &str) -> Vec<String> {
    let mut t = strip(template, "{#", "#}");
    t = strip(&t, "{%", "%}");
    t = strip(&t, "{{", "}}");
    t = strip(&t, "<script", "</script>");
    t = strip(&t, "<style", "</style>");
    let wordy = |s: &str| {
        s.chars()
            .collect::<Vec<_>>()
            .windows(2)
            .any(|w| w[0].is_alphabetic() && w[1].is_alphabetic())
    };
    let mut found = Vec::new();
    for (i, piece) in t.split('<').enumerate() {
        // After the first piece, each starts inside a tag: its text follows the `>`.
        let (tag, text) = match piece.split_once('>') {
            Some((tag, text)) if i > 0 => (tag, text),
            _ => ("", piece),
        };
        if wordy(text) {
            found.push(text.trim().to_string());
        }
        for attr in ["alt=\"", "title=\"", "aria-label=\"", "placeholder=\""] {
            let mut rest = tag;
            while let Some(at) = rest.find(attr) {
                let value = &rest[at + attr.len()..];
                let end = value.find('"').unwrap_or(value.len());
                if wordy(&value[..end]) {
                    found.push(value[..end].trim().to_string());
                }
                rest = &value[end..];
            }
        }
    }
    found
}

fn keys(file: &str) -> BTreeSet<String> {
    let text = fs::read_to_string(theme().join("i18n").join(file)).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    table.keys().cloned().collect()
}

#[test]
fn the_lint_finds_written_text_and_lets_template_code_pass() {
    let found = hard_coded(
        "<h2>{{ t.more }}</h2>{# a comment #}<button aria-label=\"Cerrar\">{% if x %}Comprar{% endif %}</button><img alt=\"{{ p.alt }}\"><span>· 3 ·</span>",
    );
    assert_eq!(found, ["Comprar", "Cerrar"]);
}

#[test]
fn templates_write_no_text_of_their_own_and_both_languages_have_every_key() {
    let es = keys("es.toml");
    let en = keys("en.toml");
    assert_eq!(
        es.symmetric_difference(&en).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "keys in only one of es.toml / en.toml"
    );
    let mut used = BTreeSet::new();
    let mut templates = 0;
    for entry in fs::read_dir(theme().join("templates")).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        templates += 1;
        // Pages only: the web app manifest is JSON whose only text is the fair's title.
        let page = path.extension().is_some_and(|x| x == "html");
        assert_eq!(
            if page { hard_coded(&text) } else { Vec::new() },
            Vec::<String>::new(),
            "{}: visible text belongs in i18n/*.toml",
            path.display()
        );
        // Every `t.key` the template reads.
        for (i, _) in text.match_indices("t.") {
            let before = text[..i].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                continue;
            }
            let key: String = text[i + 2..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !key.is_empty() {
                used.insert(key);
            }
        }
    }
    assert!(templates >= 8, "{templates} templates");
    assert!(used.len() > 20, "only {} keys found: {used:?}", used.len());
    let missing: Vec<&String> = used.iter().filter(|k| !es.contains(*k)).collect();
    assert_eq!(
        missing,
        Vec::<&String>::new(),
        "keys the templates use, missing"
    );
}

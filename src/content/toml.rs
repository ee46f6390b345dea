//! TOML to typed data, collecting every problem of a file instead of the first.
//!
//! The text is parsed once into toml's spanned tree (`DeTable`, with syntax errors recovered so all
//! of them are reported). Then serde deserializes the typed struct from that tree (`toml/de.rs`:
//! toml's own walk, whose refusals are typed data instead of English sentences); each time it
//! refuses (unknown key, wrong type) the offending entry is recorded as a [`Problem`] and removed
//! from the tree, and deserialization is tried again. Spans stay those of the original text, so
//! every diagnostic points at the right line and column of the file.
//!
//! One thing toml says only in words: a key written twice is a syntax error whose message is
//! "duplicate key" (pinned by a test, so a new wording fails loudly).

use std::ops::Range;
use std::sync::Arc;

mod de;
mod quotes;

use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use self::de::Refusal;
use crate::diag::messages::SyntaxHint;
use crate::diag::{Diagnostics, Expected, Problem, Source};

/// How many refusals one file may produce before we stop looking (a pathological file).
const MAX_PROBLEMS_PER_FILE: usize = 50;

/// Parses `source.text[range]` as TOML into `T`. Problems go to `diags`, and spans (in
/// diagnostics and in `Spanned` fields of `T`) are byte offsets in the whole file; `None` when
/// the file has errors.
pub fn parse<T: DeserializeOwned>(
    source: &Arc<Source>,
    range: Range<usize>,
    diags: &mut Diagnostics,
) -> Option<T> {
    // Parse with the bytes before the range blanked out, so every span toml reports — including
    // those kept in `Spanned` values for later checks — is an offset in the whole file.
    let padded;
    let text: &str = if range.start == 0 {
        &source.text[..range.end]
    } else {
        padded = format!("{}{}", " ".repeat(range.start), &source.text[range.clone()]);
        &padded
    };
    let (table, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        let mut lines_seen = Vec::new();
        for e in errors {
            // Recovery can report one typo twice; one message per line is enough.
            let line = crate::diag::line_col(text, e.span().map_or(0, |s| s.start)).0;
            if lines_seen.contains(&line) {
                continue;
            }
            lines_seen.push(line);
            let span = e.span().unwrap_or(0..0);
            let hint = syntax_hint(text, span.start, e.message());
            diags.error_at(
                source,
                span,
                Problem::TomlSyntax {
                    detail: e.message().to_string(),
                    hint,
                },
            );
        }
        return None;
    }

    let mut table = table;
    let mut removed: Vec<String> = Vec::new();
    let mut suggested: Vec<String> = Vec::new();
    let mut failed = false;
    for _ in 0..MAX_PROBLEMS_PER_FILE {
        let e = match de::from_table::<T>(table.clone()) {
            Ok(v) => return if failed { None } else { Some(v) },
            Err(e) => e,
        };
        failed = true;
        let span = e.span.clone().unwrap_or(0..0);
        let found = locate(table.get_ref(), span.start, &mut Vec::new());
        if let Refusal::MissingKey(missing) = e.refusal {
            // Not reported when an entry already reported (a wrong type, or a typo whose
            // suggestion is this key: `nombre` → `name`) explains it.
            let explained =
                removed.iter().any(|k| k == missing) || suggested.iter().any(|k| k == missing);
            if !explained {
                let table_name = found.as_ref().and_then(|(path, _)| table_path_name(path));
                let span = if span.start <= range.start && span.end >= text.len() {
                    range.start..range.start + first_line_len(&text[range.start..])
                } else {
                    span
                };
                diags.error_at(
                    source,
                    span,
                    Problem::MissingKey {
                        key: missing.to_string(),
                        table: table_name,
                    },
                );
            }
            return None;
        }
        let Some((path, entry_span)) = found else {
            diags.error_at(
                source,
                span,
                Problem::TomlSyntax {
                    detail: e.to_string(),
                    hint: None,
                },
            );
            return None;
        };
        let key = last_key(&path).unwrap_or_default();
        let problem = match e.refusal {
            Refusal::UnknownKey {
                key: unknown,
                expected,
            } => {
                let expected: Vec<String> = expected.iter().map(|k| k.to_string()).collect();
                // A key of the file's top level written below a `[section]` header.
                let misplaced = section_header(&path)
                    .filter(|_| !expected.contains(&unknown))
                    .filter(|_| top_level_fields::<T>().contains(&unknown.as_str()));
                Problem::UnknownKey {
                    suggestion: suggest(&unknown, &expected),
                    key: unknown,
                    expected,
                    misplaced,
                }
            }
            Refusal::WrongType { kind, expecting } => {
                let expected = kind.unwrap_or(Expected::Other(expecting));
                Problem::WrongType {
                    example: example_for(&key, &expected),
                    key: key.clone(),
                    expected,
                }
            }
            Refusal::MissingKey(_) | Refusal::Other(_) => Problem::TomlSyntax {
                detail: e.to_string(),
                hint: None,
            },
        };
        if let Problem::UnknownKey {
            suggestion: Some(sug),
            ..
        } = &problem
        {
            suggested.push(sug.clone());
        }
        let report_span = match &problem {
            Problem::UnknownKey { .. } => entry_span.key,
            _ => entry_span.value,
        };
        diags.error_at(source, report_span, problem);
        removed.push(key);
        // An array element cannot be taken out on its own: drop the whole array.
        let mut path = path;
        while matches!(path.last(), Some(Seg::Index(_))) {
            path.pop();
        }
        if !remove(table.get_mut(), &path) {
            return None;
        }
    }
    None
}

fn first_line_len(text: &str) -> usize {
    text.find('\n').unwrap_or(text.len())
}

/// One step into the tree.
#[derive(Debug, Clone)]
enum Seg {
    Key(String),
    Index(usize),
}

struct EntrySpan {
    key: Range<usize>,
    value: Range<usize>,
}

fn contains(span: &Range<usize>, pos: usize) -> bool {
    span.start <= pos && pos < span.end.max(span.start + 1)
}

/// Finds the innermost entry whose key or value covers `pos`.
fn locate(table: &DeTable<'_>, pos: usize, path: &mut Vec<Seg>) -> Option<(Vec<Seg>, EntrySpan)> {
    for (k, v) in table.iter() {
        let (ks, vs) = (k.span(), v.span());
        if contains(&ks, pos) || contains(&vs, pos) {
            path.push(Seg::Key(k.get_ref().to_string()));
            if let Some(inner) = locate_value(v.get_ref(), pos, path) {
                return Some(inner);
            }
            return Some((path.clone(), EntrySpan { key: ks, value: vs }));
        }
    }
    // Tables declared with a [header] have spans around their body only: search inside them too.
    for (k, v) in table.iter() {
        if let DeValue::Table(_) | DeValue::Array(_) = v.get_ref() {
            path.push(Seg::Key(k.get_ref().to_string()));
            if let Some(inner) = locate_value(v.get_ref(), pos, path) {
                return Some(inner);
            }
            path.pop();
        }
    }
    None
}

fn locate_value(v: &DeValue<'_>, pos: usize, path: &mut Vec<Seg>) -> Option<(Vec<Seg>, EntrySpan)> {
    match v {
        DeValue::Table(t) => locate(t, pos, path),
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let s = item.span();
                if contains(&s, pos) {
                    path.push(Seg::Index(i));
                    if let Some(inner) = locate_value(item.get_ref(), pos, path) {
                        return Some(inner);
                    }
                    return Some((
                        path.clone(),
                        EntrySpan {
                            key: s.clone(),
                            value: s,
                        },
                    ));
                }
            }
            // `[[categories]]` entries: the span may cover the header only, not the keys below.
            for (i, item) in items.iter().enumerate() {
                if let DeValue::Table(t) = item.get_ref() {
                    path.push(Seg::Index(i));
                    if let Some(inner) = locate(t, pos, path) {
                        return Some(inner);
                    }
                    path.pop();
                }
            }
            None
        }
        _ => None,
    }
}

fn remove(table: &mut DeTable<'_>, path: &[Seg]) -> bool {
    let Some((first, rest)) = path.split_first() else {
        return false;
    };
    let Seg::Key(k) = first else { return false };
    if rest.is_empty() {
        let key = table.keys().find(|key| key.get_ref() == k).cloned();
        return key.is_some_and(|key| table.remove(&key).is_some());
    }
    let Some(v) = table
        .iter_mut()
        .find(|(key, _)| key.get_ref() == k)
        .map(|(_, v)| v)
    else {
        return false;
    };
    remove_in_value(v, rest)
}

fn remove_in_value(v: &mut Spanned<DeValue<'_>>, path: &[Seg]) -> bool {
    match (v.get_mut(), path.split_first()) {
        (DeValue::Table(t), Some((Seg::Key(_), _))) => remove(t, path),
        (DeValue::Array(items), Some((Seg::Index(i), rest))) if !rest.is_empty() => items
            .get_mut(*i)
            .is_some_and(|item| remove_in_value(item, rest)),
        _ => false,
    }
}

/// The header of the section an entry sits in: `[contact]`, `[[categories]]`; `None` at the top.
fn section_header(path: &[Seg]) -> Option<String> {
    match path {
        [Seg::Key(table), Seg::Key(_)] => Some(format!("[{table}]")),
        [Seg::Key(table), Seg::Index(_), Seg::Key(_)] => Some(format!("[[{table}]]")),
        _ => None,
    }
}

/// The keys `T` accepts at the top of its file, as serde lists them when refusing a key that
/// cannot exist (so the list always matches the struct).
fn top_level_fields<T: DeserializeOwned>() -> &'static [&'static str] {
    let Ok(probe) = DeTable::parse("__vitrina_probe__ = 0") else {
        return &[];
    };
    match de::from_table::<T>(probe).map_err(|e| e.refusal) {
        Err(Refusal::UnknownKey { expected, .. }) => expected,
        _ => &[],
    }
}

fn last_key(path: &[Seg]) -> Option<String> {
    path.iter().rev().find_map(|s| match s {
        Seg::Key(k) => Some(k.clone()),
        Seg::Index(_) => None,
    })
}

/// For "missing field" inside a nested table: the table's name (`contact`, `photos`).
fn table_path_name(path: &[Seg]) -> Option<String> {
    if path.len() < 2 {
        return None;
    }
    last_key(&path[..path.len() - 1])
}

/// Spanish (and common English) words people write for the contract's keys.
const ALIASES: &[(&str, &str)] = &[
    ("nombre", "name"),
    ("titulo", "title"),
    ("descripcion", "description"),
    ("idioma", "language"),
    ("tema", "theme"),
    ("moneda", "currency"),
    ("feria", "fair"),
    ("inicio", "start"),
    ("fin", "end"),
    ("lugar", "venue"),
    ("horario", "hours"),
    ("categorias", "categories"),
    ("categoria", "category"),
    ("dueno", "owner"),
    ("duena", "owner"),
    ("emprendedora", "owner"),
    ("emprendedor", "owner"),
    ("lema", "tagline"),
    ("eslogan", "tagline"),
    ("puesto", "booth"),
    ("stand", "booth"),
    ("portada", "cover"),
    ("pago", "payment"),
    ("pagos", "payment"),
    ("payments", "payment"),
    ("delivery", "delivery"),
    ("reparto", "delivery"),
    ("borrador", "draft"),
    ("contacto", "contact"),
    ("telefono", "whatsapp"),
    ("celular", "whatsapp"),
    ("phone", "whatsapp"),
    ("correo", "email"),
    ("web", "website"),
    ("precio", "price"),
    ("nota_precio", "price_note"),
    ("fotos", "photos"),
    ("foto", "photos"),
    ("imagenes", "photos"),
    ("images", "photos"),
    ("photo", "photos"),
    ("etiquetas", "tags"),
    ("disponible", "available"),
    ("agotado", "available"),
    ("destacado", "featured"),
    ("orden", "order"),
    ("descripcion_alt", "alt"),
    ("texto", "alt"),
    ("archivo", "src"),
    ("ruta", "src"),
    ("anchos", "widths"),
    ("calidad", "quality"),
];

/// The closest known key: a Spanish word for it first (`precio` → `price`), then a close
/// spelling (`prize` → `price`).
pub fn suggest(word: &str, candidates: &[String]) -> Option<String> {
    let w = word.to_lowercase();
    let folded = slug::slugify(&w).replace('-', "_");
    if let Some((_, key)) = ALIASES.iter().find(|(alias, _)| *alias == folded) {
        if let Some(c) = candidates.iter().find(|c| c == key) {
            return Some(c.clone());
        }
    }
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(&w, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= 2.max(c.chars().count() / 3) && *d < c.chars().count())
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.clone())
}

fn example_for(key: &str, expected: &Expected) -> Option<String> {
    let ex = match (key, expected) {
        ("price", _) => "6.50",
        ("order", _) => "10",
        ("quality", _) => "75",
        ("widths", _) => "[320, 640, 1280]",
        ("start" | "end", _) => "2026-12-05",
        ("categories", _) => "[\"alimentos\"]",
        ("tags", _) => "[\"orgánico\", \"granja\"]",
        ("payment", _) => "[\"yape\", \"plin\", \"efectivo\"]",
        ("photos", _) => "[{ src = \"photos/foto.jpg\", alt = \"...\" }]",
        ("cover", _) => "{ src = \"photos/puesto.jpg\", alt = \"...\" }",
        (_, Expected::Number) => "12.50",
        (_, Expected::Integer) => "10",
        (_, Expected::Text) => "\"...\"",
        (_, Expected::Date) => "2026-12-05",
        _ => return None,
    };
    Some(ex.to_string())
}

/// Looks at the line of a syntax error for a cause a beginner is likely to have.
fn syntax_hint(text: &str, pos: usize, message: &str) -> Option<SyntaxHint> {
    if message.contains("duplicate key") {
        return Some(SyntaxHint::DuplicateKey);
    }
    let pos = pos.min(text.len());
    let start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
    let line = text.get(start..end)?.trim_end_matches('\r');
    if let Some(line) = quotes::straighten(line.trim()) {
        return Some(SyntaxHint::TypographicQuotes { line });
    }
    let (key, value) = line.split_once('=')?;
    let key = key.trim();
    if key.is_empty()
        || !key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    {
        return None;
    }
    let value = value.trim();
    let bare = value.split(" #").next().unwrap_or(value).trim();
    if bare.starts_with('"') && bare[1..].find('"').is_none() {
        return Some(SyntaxHint::UnclosedString);
    }
    let first = bare.chars().next()?;
    if first.is_ascii_digit()
        && bare.contains(',')
        && bare.chars().all(|c| c.is_ascii_digit() || c == ',')
    {
        return Some(SyntaxHint::DecimalComma {
            key: key.to_string(),
            value: bare.to_string(),
        });
    }
    // Numbers and true/false must not be told to go in quotes.
    let typed = [
        "price",
        "order",
        "quality",
        "widths",
        "available",
        "featured",
        "draft",
        "delivery",
        "start",
        "end",
    ];
    if first.is_alphabetic() && bare != "true" && bare != "false" && !typed.contains(&key) {
        return Some(SyntaxHint::QuoteText {
            key: key.to_string(),
            value: bare.to_string(),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::RawProduct;

    fn problems(text: &str) -> Vec<(Problem, (usize, usize))> {
        let src = Source::new("p.toml", text);
        let mut d = Diagnostics::new();
        let r: Option<RawProduct> = parse(&src, 0..text.len(), &mut d);
        assert!(r.is_none() == d.has_errors());
        d.sort();
        d.iter()
            .map(|x| (x.problem.clone(), x.line_col().unwrap()))
            .collect()
    }

    #[test]
    fn collects_every_unknown_key_and_wrong_type() {
        let p = problems("name = \"Huevos\"\nprize = 6.5\nprice = \"6,50 soles\"\ncolour = 1\n");
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(
            matches!(&p[0].0, Problem::UnknownKey { key, suggestion: Some(s), .. } if key == "prize" && s == "price")
        );
        assert_eq!(p[0].1, (2, 1));
        assert!(
            matches!(&p[1].0, Problem::WrongType { key, expected: Expected::Number, .. } if key == "price")
        );
        assert_eq!(p[1].1, (3, 9));
        assert!(matches!(&p[2].0, Problem::UnknownKey { key, .. } if key == "colour"));
    }

    #[test]
    fn missing_required_key() {
        let p = problems("price = 3.0\n");
        assert!(
            matches!(&p[0].0, Problem::MissingKey { key, .. } if key == "name"),
            "{p:?}"
        );
    }

    #[test]
    fn wrong_type_of_required_key_is_not_also_missing() {
        let p = problems("name = 5\n");
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            matches!(&p[0].0, Problem::WrongType { key, expected: Expected::Text, .. } if key == "name")
        );
    }

    #[test]
    fn nested_photo_problems() {
        let p = problems("name = \"x\"\nphotos = [{ src = \"photos/a.jpg\", atl = \"y\" }]\n");
        assert!(
            matches!(&p[0].0, Problem::UnknownKey { key, suggestion: Some(s), .. } if key == "atl" && s == "alt"),
            "{p:?}"
        );
        assert_eq!(p[0].1, (2, 35));
    }

    #[test]
    fn spanish_key_names_are_understood() {
        let p = problems("nombre = \"Alfajores\"\nprecio = 3.5\nname = \"x\"\n");
        assert!(
            matches!(&p[0].0, Problem::UnknownKey { key, suggestion: Some(s), .. } if key == "nombre" && s == "name"),
            "{p:?}"
        );
        assert!(
            matches!(&p[1].0, Problem::UnknownKey { key, suggestion: Some(s), .. } if key == "precio" && s == "price"),
            "{p:?}"
        );
    }

    #[test]
    fn keys_below_a_section_header_are_explained() {
        let src = Source::new(
            "vendor.toml",
            "name = \"a\"\n[contact]\nwhatsapp = \"+51 987 654 321\"\nbooth = \"A-1\"\n",
        );
        let mut d = Diagnostics::new();
        let r: Option<crate::config::RawVendor> = parse(&src, 0..src.text.len(), &mut d);
        assert!(r.is_none());
        let p = &d.iter().next().unwrap().problem;
        assert!(
            matches!(p, Problem::UnknownKey { key, misplaced: Some(h), .. } if key == "booth" && h == "[contact]"),
            "{p:?}"
        );
        assert!(p
            .hint(crate::i18n::Lang::Es)
            .unwrap()
            .contains("sube esa línea arriba de la línea `[contact]`"));
    }

    #[test]
    fn a_spanish_key_is_not_also_reported_missing() {
        let p = problems("nombre = \"Alfajores\"\nprice = 3.0\n");
        assert_eq!(p.len(), 1, "{p:?}");
    }

    #[test]
    fn one_syntax_error_per_line() {
        let p = problems("name = \"a\"\nprice = S/6,50\n");
        assert_eq!(p.len(), 1, "{p:?}");
    }

    /// toml tells a repeated key only in words: pinned here, so an upgrade that rewords it fails
    /// instead of silently losing the "delete one of the two lines" hint.
    #[test]
    fn toml_still_calls_a_repeated_key_a_duplicate_key() {
        for text in [
            "a = 1\na = 2\n",
            "[t]\na = 1\na = 2\n",
            "t = { a = 1, a = 2 }\n",
        ] {
            let (_, errors) = DeTable::parse_recoverable(text);
            let messages: Vec<&str> = errors.iter().map(|e| e.message()).collect();
            assert!(
                messages.contains(&"duplicate key"),
                "{text:?}: {messages:?}"
            );
        }
        let p = problems("name = \"a\"\nname = \"b\"\n");
        assert!(
            matches!(
                &p[..],
                [(
                    Problem::TomlSyntax {
                        hint: Some(SyntaxHint::DuplicateKey),
                        ..
                    },
                    (2, 1)
                )]
            ),
            "{p:?}"
        );
    }

    #[test]
    fn syntax_hints() {
        let p = problems("name = Huevos frescos\n");
        assert!(
            matches!(
                &p[0].0,
                Problem::TomlSyntax {
                    hint: Some(SyntaxHint::QuoteText { .. }),
                    ..
                }
            ),
            "{p:?}"
        );
        let p = problems("name = \"a\"\nprice = 6,50\n");
        assert!(
            matches!(
                &p[0].0,
                Problem::TomlSyntax {
                    hint: Some(SyntaxHint::DecimalComma { .. }),
                    ..
                }
            ),
            "{p:?}"
        );
    }
}

//! Changing values in a file a person wrote, with `toml_edit`: only keys whose value changed are
//! touched, a changed value keeps the spaces and the comment around it (`price = 6.50   # por
//! unidad` keeps `# por unidad`), an emptied field removes its key, and a new key goes at the end
//! of its table (`[contact]` keys in `[contact]`, the table made at the end when missing).
//!
//! Product files are split into front matter and body only on lines that are exactly `+++`.

use std::ops::Range;

use toml_edit::{Array, DocumentMut, Item, Table, Value};

/// A product file cut in three: the opening line, the front matter, and the closing `+++` line
/// with the body after it (kept byte for byte unless the description changes).
#[derive(Debug, Clone)]
pub struct ProductText {
    /// Everything up to and including the opening `+++` line.
    pub head: String,
    /// The TOML between the `+++` lines.
    pub front: String,
    /// The closing `+++` line (with its line end).
    pub close: String,
    /// The markdown after it.
    pub body: String,
}

impl ProductText {
    /// Splits a product file on its first two lines that are exactly `+++` (blank lines may come
    /// before the first); `None` when it has no such header.
    pub fn split(text: &str) -> Option<ProductText> {
        let mut start = 0;
        let mut open: Option<Range<usize>> = None;
        for line in text.split_inclusive('\n') {
            let end = start + line.len();
            let bare = line.trim_end_matches('\n').trim_end_matches('\r');
            match &open {
                None if bare.trim().is_empty() => {}
                None if bare == "+++" => open = Some(start..end),
                None => return None,
                Some(o) if bare == "+++" => {
                    return Some(ProductText {
                        head: text[..o.end].to_string(),
                        front: text[o.end..start].to_string(),
                        close: line.to_string(),
                        body: text[end..].to_string(),
                    })
                }
                Some(_) => {}
            }
            start = end;
        }
        None
    }

    /// The file again.
    pub fn join(&self) -> String {
        // A front matter changed by hand could end without a line end: the `+++` stays on its
        // own line.
        let gap = if self.front.is_empty() || self.front.ends_with('\n') {
            ""
        } else {
            "\n"
        };
        format!(
            "{}{}{gap}{}{}",
            self.head, self.front, self.close, self.body
        )
    }

    /// Byte offset of the front matter in the file.
    pub fn front_start(&self) -> usize {
        self.head.len()
    }

    /// Byte offset of the body in the file.
    pub fn body_start(&self) -> usize {
        self.head.len() + self.front.len() + self.close.len()
    }
}

/// What a form says about one key: leave it, write this value, or remove it.
#[derive(Debug, Clone)]
pub enum Change {
    /// Set the key to this value.
    Set(Value),
    /// Remove the key.
    Remove,
}

/// Text: "" removes the key.
pub fn text(s: &str) -> Change {
    if s.trim().is_empty() {
        Change::Remove
    } else {
        Change::Set(Value::from(s.trim()))
    }
}

/// A list of texts: empty removes the key.
pub fn list(items: &[String]) -> Change {
    if items.is_empty() {
        return Change::Remove;
    }
    let mut a = Array::new();
    for i in items {
        a.push(i.as_str());
    }
    Change::Set(Value::Array(a))
}

/// Applies `change` to `key` of `table`, keeping the old value's decor (its spaces and the
/// comment after it on its line).
pub fn apply(table: &mut Table, key: &str, change: Change) {
    match change {
        Change::Remove => {
            table.remove(key);
        }
        Change::Set(mut value) => match table.get_mut(key) {
            Some(Item::Value(old)) => {
                *value.decor_mut() = old.decor().clone();
                *old = value;
            }
            Some(other) => *other = Item::Value(value),
            None => {
                table.insert(key, Item::Value(value));
            }
        },
    }
}

/// `[name]` of `doc`, made at the end of the file when missing; `None` when `name` is a value
/// that is not a table (the file says something else there; nothing is changed).
pub fn table_mut<'a>(doc: &'a mut DocumentMut, name: &str) -> Option<&'a mut Table> {
    if doc.get(name).is_none() {
        let mut t = Table::new();
        t.set_implicit(false);
        doc.insert(name, Item::Table(t));
    }
    doc.get_mut(name)?.as_table_mut()
}

/// A key's text ("" when absent or not text).
pub fn get_text(table: &Table, key: &str) -> String {
    table
        .get(key)
        .and_then(Item::as_str)
        .unwrap_or_default()
        .to_string()
}

/// A key's list of texts (empty when absent).
pub fn get_list(table: &Table, key: &str) -> Vec<String> {
    table
        .get(key)
        .and_then(Item::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// A key's true or false (`default` when absent).
pub fn get_bool(table: &Table, key: &str, default: bool) -> bool {
    table.get(key).and_then(Item::as_bool).unwrap_or(default)
}

/// A key's number, integer or float.
pub fn get_number(table: &Table, key: &str) -> Option<f64> {
    let item = table.get(key)?;
    item.as_float()
        .or_else(|| item.as_integer().map(|i| i as f64))
}

/// The fields whose value covers byte `at` of the TOML `text` (offsets in the whole file:
/// `offset` is where `text` starts in it), innermost last, as dotted paths
/// (`contact.whatsapp`, `photos.0.alt`).
pub fn fields_at(text: &str, offset: usize, at: usize) -> Vec<String> {
    let Some(at) = at.checked_sub(offset) else {
        return Vec::new();
    };
    let Ok(doc) = toml_edit::Document::parse(text) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    walk_table(doc.as_table(), "", at, &mut found);
    found
}

fn walk_table(table: &Table, path: &str, at: usize, found: &mut Vec<String>) {
    for (key, item) in table.iter() {
        let here = join(path, key);
        let key_span = table.key(key).and_then(toml_edit::Key::span);
        match item {
            Item::Value(v) => {
                if covers(v.span(), at) || covers(key_span, at) {
                    found.push(here.clone());
                }
                walk_value(v, &here, at, found);
            }
            Item::Table(t) => walk_table(t, &here, at, found),
            Item::ArrayOfTables(a) => {
                for (i, t) in a.iter().enumerate() {
                    walk_table(t, &join(&here, &i.to_string()), at, found);
                }
            }
            Item::None => {}
        }
    }
}

fn walk_value(value: &Value, path: &str, at: usize, found: &mut Vec<String>) {
    match value {
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                let here = join(path, &i.to_string());
                if covers(v.span(), at) {
                    found.push(here.clone());
                }
                walk_value(v, &here, at, found);
            }
        }
        Value::InlineTable(t) => {
            for (key, v) in t.iter() {
                let here = join(path, key);
                if covers(v.span(), at) {
                    found.push(here.clone());
                }
                walk_value(v, &here, at, found);
            }
        }
        _ => {}
    }
}

fn covers(span: Option<Range<usize>>, at: usize) -> bool {
    span.is_some_and(|s| s.start <= at && (at < s.end || s.is_empty() && at == s.start))
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// [`apply`] for an inline table (`contact = { whatsapp = "…" }`).
pub fn apply_inline(table: &mut toml_edit::InlineTable, key: &str, change: Change) {
    match change {
        Change::Remove => {
            table.remove(key);
        }
        Change::Set(mut value) => match table.get_mut(key) {
            Some(old) => {
                *value.decor_mut() = old.decor().clone();
                *old = value;
            }
            None => {
                table.insert(key, value);
            }
        },
    }
}

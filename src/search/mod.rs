//! Search: the index the `/search/` page downloads, built from the products' views.
//!
//! The index is split so that a first query downloads only what it needs (the theme's
//! `search.js` reads it; `docs/templates.md` describes the files for theme authors):
//!
//! ```text
//! search/index.json          the entry point: term shards' prefixes, every file's hash, stem
//!                            suffixes, stop words, categories (about 1 KB gzipped)
//! search/t/p<x>.<h>.json     a term shard: every indexed word whose stem starts with its prefix
//!                            (<x>: the prefix's UTF-8 bytes in hex), with its stem length,
//!                            postings (product, fields) and accented forms
//! search/d/<n>.<h>.json      products n·64 … n·64+63 (numbered by category): what a result shows
//! search/f.<h>.json          filters: each product's category, vendor, price, availability
//! ```
//!
//! `<h>` is a hash of the file's own bytes, listed in the entry point (`th`, `dh`, `fh`): a
//! browser asks only for the files of the build whose entry point it read, so it never mixes
//! two builds, and a change to one product renames only the files it touches. Shards are
//! cut by a prefix of the words' stems until each is small ([`SHARD_BYTES`]): a small fair has
//! one shard for everything (typos anywhere in a word are found), a big one a shard per two or
//! three letters (typos after those). A query word needs the shards whose prefixes start it,
//! and while typed, those that start with it. Words come from [`text`]: folded, stemmed, stop words left out; each posting carries
//! the fields the word appears in (name, tags, vendor, category, description), which the
//! browser weighs.

pub mod text;

use std::collections::{BTreeSet, HashMap};

use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use serde_json::json;

use crate::i18n::Lang;
use crate::render::context::ProductView;
use text::Language;

/// Fields a word can appear in (bits of a posting's mask). The browser weighs them: name over
/// tags over vendor and category over description.
pub mod field {
    /// The product's name.
    pub const NAME: u8 = 16;
    /// One of its tags.
    pub const TAGS: u8 = 8;
    /// The vendor's name.
    pub const VENDOR: u8 = 4;
    /// The category's name.
    pub const CATEGORY: u8 = 2;
    /// The description.
    pub const DESCRIPTION: u8 = 1;
}

/// Products per document chunk.
pub const CHUNK: usize = 64;

/// A shard is split by one more letter of prefix while its JSON is larger than this.
pub const SHARD_BYTES: usize = 16 * 1024;

/// One file of the index: its path inside the output, and its bytes.
pub struct File {
    /// Path in the output (`search/index.json`).
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// One indexed word.
struct Term {
    /// The folded word.
    word: String,
    /// Bytes of it that are its stem.
    stem: usize,
    /// (product, fields it appears in), by product.
    postings: Vec<(u32, u8)>,
    /// Accented forms (`año` for `ano`) and the products where written so.
    variants: Vec<(String, Vec<u32>)>,
}

/// What a word of some product text counts as: `None` for a stop word, else its term and
/// accented form (an index into the term's variants).
type Seen = Option<(u32, Option<u32>)>;

/// What a word as written is for the index: `None` for a stop word, else its folded form,
/// its lowercase form when that differs (accents), and how many bytes of the folded form are its
/// stem.
type Learned = Option<(String, Option<String>, usize)>;

/// What one build of the index leaves for the next (`serve` builds it after every save): words
/// as written already folded and stemmed, each product's words, and each term's JSON. Only what
/// the last build used is kept (words: up to [`WORDS_LIMIT`]).
#[derive(Default)]
pub struct Memory {
    last: Mutex<Option<Remembered>>,
    /// Keep nothing (see [`Memory::once`]).
    forget: bool,
}

impl Memory {
    /// A memory that keeps nothing (for a build no other build follows).
    pub fn once() -> Memory {
        Memory {
            forget: true,
            ..Memory::default()
        }
    }
}

/// What [`Memory`] holds.
#[derive(Default)]
struct Remembered {
    lang: Option<Lang>,
    words: FxHashMap<String, Learned>,
    tokens: FxHashMap<u128, Arc<Tokens>>,
    json: FxHashMap<u128, Arc<str>>,
}
const WORDS_LIMIT: usize = 200_000;
/// How many products' words are split at once (see [`build_index`]).
const TOKENS_AT_ONCE: usize = 2048;

/// A product's words for the index: each distinct word as written, in the order first seen,
/// with the fields it appears in.
type Tokens = Vec<(String, u8)>;

/// The vocabulary being built: each distinct word as written is folded and stemmed once.
struct Vocabulary<'l> {
    language: &'l Language,
    /// Words earlier builds learned (see [`Memory`]).
    words: FxHashMap<String, Learned>,
    seen: FxHashMap<String, Seen>,
    ids: FxHashMap<String, u32>,
    terms: Vec<Term>,
    suffixes: BTreeSet<String>,
}

impl Vocabulary<'_> {
    fn add_tokens(&mut self, tokens: &Tokens, doc: u32) {
        for (raw, bits) in tokens {
            let seen = match self.seen.get(raw.as_str()) {
                Some(s) => *s,
                None => {
                    let s = self.learn(raw);
                    self.seen.insert(raw.clone(), s);
                    s
                }
            };
            let Some((id, variant)) = seen else {
                continue;
            };
            let term = &mut self.terms[id as usize];
            match term.postings.last_mut() {
                Some((d, fields)) if *d == doc => *fields |= bits,
                _ => term.postings.push((doc, *bits)),
            }
            if let Some(v) = variant {
                let docs = &mut term.variants[v as usize].1;
                if docs.last() != Some(&doc) {
                    docs.push(doc);
                }
            }
        }
    }

    /// Folds, checks and stems a word as written (or remembers it).
    fn learned(&mut self, raw: &str) -> Learned {
        if let Some(l) = self.words.get(raw) {
            return l.clone();
        }
        let learned = text::words(raw).next().and_then(|word| {
            if self.language.is_stop(&word.folded) {
                return None;
            }
            let stem = self.language.stem_len(&word);
            let lower = (word.lower != word.folded).then_some(word.lower);
            Some((word.folded, lower, stem))
        });
        if self.words.len() >= WORDS_LIMIT {
            self.words.clear();
        }
        self.words.insert(raw.to_string(), learned.clone());
        learned
    }

    fn learn(&mut self, raw: &str) -> Seen {
        let (folded, lower, stem) = self.learned(raw)?;
        let id = match self.ids.get(&folded) {
            Some(&id) => id,
            None => {
                if stem < folded.len() {
                    self.suffixes.insert(folded[stem..].to_string());
                }
                let id = self.terms.len() as u32;
                self.ids.insert(folded.clone(), id);
                self.terms.push(Term {
                    word: folded,
                    stem,
                    postings: Vec::new(),
                    variants: Vec::new(),
                });
                id
            }
        };
        let variant = lower.map(|lower| {
            let variants = &mut self.terms[id as usize].variants;
            match variants.iter().position(|(form, _)| *form == lower) {
                Some(i) => i as u32,
                None => {
                    variants.push((lower, Vec::new()));
                    (variants.len() - 1) as u32
                }
            }
        });
        Some((id, variant))
    }
}

/// Hex digits of a file's hash in its name: a name stands for one content among the few a path
/// has had, not among all files (24 bits).
const HASH_LEN: usize = 6;

/// Builds every file of the search index. `categories` are the fair's (slug, name) in order;
/// what earlier builds learned comes from `memory`.
pub fn build_index(
    products: &[ProductView],
    categories: &[(String, String)],
    lang: Lang,
    remember: &Memory,
) -> Vec<File> {
    let language = Language::new(lang);
    let mut memory = remember
        .last
        .lock()
        .ok()
        .and_then(|mut m| m.take())
        .filter(|m| m.lang == Some(lang))
        .unwrap_or_default();
    let mut vocabulary = Vocabulary {
        language: &language,
        words: std::mem::take(&mut memory.words),
        seen: FxHashMap::default(),
        ids: FxHashMap::default(),
        terms: Vec::new(),
        suffixes: BTreeSet::new(),
    };
    // Products are numbered by category first (vendor order within one): a search's best
    // results, similar products, then sit in few product files, and a phone fetches fewer.
    let category_of = |p: &ProductView| {
        categories
            .iter()
            .position(|(slug, _)| *slug == p.category.slug)
            .unwrap_or(0)
    };
    let mut products: Vec<&ProductView> = products.iter().collect();
    products.sort_by_key(|p| category_of(p));
    // Each product's words, split once per product text (in parallel: a first build splits
    // every product), a few thousand products at a time: a memory that keeps nothing keeps
    // only the words of those few (every product's words at once, each word its own string,
    // were the largest part of a W4 build's memory).
    let known = &memory.tokens;
    let mut tokens: FxHashMap<u128, Arc<Tokens>> = FxHashMap::default();
    let mut doc = 0u32;
    for chunk in products.chunks(TOKENS_AT_ONCE) {
        let made: Vec<(u128, Arc<Tokens>)> = chunk
            .par_iter()
            .map(|p| {
                let key = tokens_key(p);
                let t = known
                    .get(&key)
                    .cloned()
                    .unwrap_or_else(|| Arc::new(product_tokens(p)));
                (key, t)
            })
            .collect();
        for (_, t) in &made {
            vocabulary.add_tokens(t, doc);
            doc += 1;
        }
        if !remember.forget {
            tokens.extend(made);
        }
    }
    let Vocabulary {
        mut terms,
        suffixes,
        mut words,
        ..
    } = vocabulary;
    if words.len() >= WORDS_LIMIT {
        words.clear();
    }
    terms.sort_unstable_by(|a, b| a.word.cmp(&b.word));

    // Every file is named by its own content (`t/3.9f2c1a.json`): a change to one product
    // renames only the few files it touches, and the entry point lists each file's name, so a
    // page never mixes files of two builds.
    let named = |dir: &str, bytes: Vec<u8>| {
        let h = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&bytes));
        (h[..HASH_LEN].to_string(), dir.to_string(), bytes)
    };
    let (shards, json) = split(&terms, SHARD_BYTES, &memory.json);
    if remember.forget {
        drop((words, tokens, json));
    } else if let Ok(mut m) = remember.last.lock() {
        *m = Some(Remembered {
            lang: Some(lang),
            words,
            tokens,
            json,
        });
    }
    // Shards are named by their prefix (hex of its UTF-8 bytes, after a `p`), not their place
    // in the list: when a shard grows and splits, the shards after it keep their names.
    let shard_files: Vec<_> = shards
        .iter()
        .map(|(prefix, shard)| named(&format!("t/p{}", hex(prefix)), shard.clone().into_bytes()))
        .collect();
    let chunk_files: Vec<_> = products
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(n, chunk)| {
            let records: Vec<String> = chunk.iter().map(|p| doc_record(p)).collect();
            named(
                &format!("d/{n}"),
                format!("[{}]", records.join(",")).into_bytes(),
            )
        })
        .collect();
    let cats: Vec<usize> = products.iter().map(|p| category_of(p)).collect();
    let facet_file = named("f", facets(&products, cats).into_bytes());

    let meta = json!({
        "lang": lang.code(),
        "n": products.len(),
        "chunk": CHUNK,
        "shards": shards.iter().map(|(key, _)| key).collect::<Vec<_>>(),
        "th": shard_files.iter().map(|(h, _, _)| h).collect::<Vec<_>>(),
        "dh": chunk_files.iter().map(|(h, _, _)| h).collect::<Vec<_>>(),
        "fh": facet_file.0,
        "suffixes": suffixes,
        "stop": language.stop_words(),
        "cats": categories.iter().map(|(slug, name)| [slug, name]).collect::<Vec<_>>(),
    });
    let mut files = vec![File {
        path: "search/index.json".into(),
        bytes: meta.to_string().into_bytes(),
    }];
    files.extend(
        shard_files
            .into_iter()
            .chain(chunk_files)
            .chain([facet_file])
            .map(|(h, stem, bytes)| File {
                path: format!("search/{stem}.{h}.json"),
                bytes,
            }),
    );
    files
}

/// The bytes of `s` in lowercase hex (as `search.js` writes a shard's prefix in its file name).
fn hex(s: &str) -> String {
    s.bytes().map(|b| format!("{b:02x}")).collect()
}

/// `s` as a JSON string literal.
fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A term as the browser reads it: `[word, stem length (UTF-16 units), [product delta, fields,
/// …], {accented form: [product delta, …]}?]`. Products are delta-coded (small numbers
/// compress well).
fn term_json(t: &Term) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(t.word.len() + 8 + t.postings.len() * 5);
    let stem16 = t.word[..t.stem].encode_utf16().count();
    let _ = write!(out, "[{},{stem16},[", json_str(&t.word));
    let mut last = 0;
    for (i, &(doc, fields)) in t.postings.iter().enumerate() {
        let sep = if i == 0 { "" } else { "," };
        let _ = write!(out, "{sep}{},{fields}", doc - last);
        last = doc;
    }
    out.push(']');
    if !t.variants.is_empty() {
        out.push_str(",{");
        for (i, (form, docs)) in t.variants.iter().enumerate() {
            let sep = if i == 0 { "" } else { "," };
            let _ = write!(out, "{sep}{}:[", json_str(form));
            let mut last = 0;
            for (j, &doc) in docs.iter().enumerate() {
                let sep = if j == 0 { "" } else { "," };
                let _ = write!(out, "{sep}{}", doc - last);
                last = doc;
            }
            out.push(']');
        }
        out.push('}');
    }
    out.push(']');
    out
}

/// Cuts the terms into shards by a prefix of their stems: the whole vocabulary when small
/// enough, else one shard per next letter, recursively. Cutting by stem keeps every form of a
/// word (`bordado`, `bordadas`) in shards whose prefix starts the query word, so the browser
/// finds them by loading the shards whose prefixes start the word it searches. Returns
/// (prefix, shard JSON) in prefix order, and every term's JSON by its [`term_key`] (taken from
/// `known` when there).
#[allow(clippy::type_complexity)]
fn split(
    terms: &[Term],
    max: usize,
    known: &FxHashMap<u128, Arc<str>>,
) -> (Vec<(String, String)>, FxHashMap<u128, Arc<str>>) {
    let made: Vec<(u128, Arc<str>)> = terms
        .par_iter()
        .map(|t| {
            let key = term_key(t);
            let json = known
                .get(&key)
                .cloned()
                .unwrap_or_else(|| term_json(t).into());
            (key, json)
        })
        .collect();
    let mut entries: Vec<Entry<'_>> = terms
        .iter()
        .zip(&made)
        .map(|(t, (_, json))| (&t.word[..t.stem], json.clone()))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    let mut out = Vec::new();
    cut("", &entries, max, &mut out);
    (out, made.into_iter().collect())
}

/// What a term's JSON is made from, hashed: its word, stem, postings and accented forms.
fn term_key(t: &Term) -> u128 {
    thread_local! {
        static BYTES: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BYTES.with_borrow_mut(|b| {
        b.clear();
        b.extend_from_slice(t.word.as_bytes());
        b.push(0);
        b.extend_from_slice(&(t.stem as u32).to_le_bytes());
        b.extend_from_slice(&(t.postings.len() as u32).to_le_bytes());
        for &(doc, fields) in &t.postings {
            b.extend_from_slice(&doc.to_le_bytes());
            b.push(fields);
        }
        for (form, docs) in &t.variants {
            b.extend_from_slice(form.as_bytes());
            b.push(0);
            b.extend_from_slice(&(docs.len() as u32).to_le_bytes());
            for doc in docs {
                b.extend_from_slice(&doc.to_le_bytes());
            }
        }
        xxhash_rust::xxh3::xxh3_128(b)
    })
}

/// What a product's words are made from, hashed (see [`product_tokens`]).
fn tokens_key(p: &ProductView) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for part in [p.name.as_str(), &p.vendor.name, &p.category.name, &p.text] {
        h.update(part.as_bytes());
        h.update(&[0]);
    }
    for tag in &p.tags {
        h.update(tag.as_bytes());
        h.update(&[1]);
    }
    h.digest128()
}

/// A product's distinct words as written, in the order first seen (name, tags, vendor,
/// category, description), each with the fields it appears in.
fn product_tokens(p: &ProductView) -> Tokens {
    fn add<'a>(out: &mut Tokens, at: &mut FxHashMap<&'a str, usize>, text: &'a str, bit: u8) {
        for raw in text.split(|c: char| !c.is_alphanumeric()) {
            if raw.is_empty() {
                continue;
            }
            match at.get(raw) {
                Some(&i) => out[i].1 |= bit,
                None => {
                    at.insert(raw, out.len());
                    out.push((raw.to_string(), bit));
                }
            }
        }
    }
    let mut out: Tokens = Vec::new();
    let mut at: FxHashMap<&str, usize> = FxHashMap::default();
    let mut add = |text, bit| add(&mut out, &mut at, text, bit);
    add(&p.name, field::NAME);
    for tag in &p.tags {
        add(tag, field::TAGS);
    }
    add(&p.vendor.name, field::VENDOR);
    add(&p.category.name, field::CATEGORY);
    add(&p.text, field::DESCRIPTION);
    out
}

/// A term: its stem and its JSON.
type Entry<'a> = (&'a str, Arc<str>);

fn shard(entries: &[Entry<'_>]) -> String {
    let parts: Vec<&str> = entries.iter().map(|(_, json)| &**json).collect();
    format!("[{}]", parts.join(","))
}

fn cut(prefix: &str, entries: &[Entry<'_>], max: usize, out: &mut Vec<(String, String)>) {
    let size: usize = entries.iter().map(|(_, json)| json.len() + 1).sum();
    // Stems no longer than the prefix cannot be told apart by one more letter.
    let splittable = entries.iter().any(|(w, _)| w.len() > prefix.len());
    if size <= max || !splittable {
        out.push((prefix.to_string(), shard(entries)));
        return;
    }
    // The stems equal to the prefix stay in a shard of their own; the rest split by the next
    // character.
    let mut start = 0;
    while start < entries.len() {
        let next = next_prefix(prefix, entries[start].0);
        let end = entries[start..]
            .iter()
            .position(|(w, _)| next_prefix(prefix, w) != next)
            .map_or(entries.len(), |i| start + i);
        if next == prefix {
            out.push((next.to_string(), shard(&entries[start..end])));
        } else {
            cut(next, &entries[start..end], max, out);
        }
        start = end;
    }
}

/// `prefix` plus the next character of `word` (or `word` itself when it is no longer).
fn next_prefix<'a>(prefix: &str, word: &'a str) -> &'a str {
    match word[prefix.len()..].chars().next() {
        Some(c) => &word[..prefix.len() + c.len_utf8()],
        None => word,
    }
}

/// What a result shows: `[name, vendor, booth, price text, url, thumbnail, available]`.
fn doc_record(p: &ProductView) -> String {
    let record = (
        &p.name,
        &p.vendor.name,
        &p.vendor.booth,
        &p.price_text,
        &p.url,
        thumbnail(p),
        u8::from(p.available),
    );
    serde_json::to_string(&record).unwrap_or_else(|_| "null".into())
}

/// The smallest WebP rendition of the first photo (every current browser shows WebP).
fn thumbnail(p: &ProductView) -> Option<String> {
    let ph = p.photos.first()?;
    ph.sources
        .first()
        .map_or(&ph.srcset, |s| &s.srcset)
        .split(", ")
        .next()
        .and_then(|s| s.split(' ').next())
        .map(str::to_string)
}

#[derive(Serialize)]
struct Facets<'a> {
    /// Each product's category (index into the entry point's `cats`).
    c: Vec<usize>,
    /// Vendors: `[slug, name]`.
    v: Vec<(&'a str, &'a str)>,
    /// Each product's vendor (index into `v`).
    vi: Vec<usize>,
    /// Each product's price in cents, or null ("ask").
    p: Vec<Option<i64>>,
    /// Availability, one character per product (`1` available, `0` sold out).
    a: String,
}

fn facets(products: &[&ProductView], cats: Vec<usize>) -> String {
    let mut vendors: Vec<(&str, &str)> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let vi = products
        .iter()
        .map(|p| {
            *index.entry(&p.vendor.slug).or_insert_with(|| {
                vendors.push((&p.vendor.slug, &p.vendor.name));
                vendors.len() - 1
            })
        })
        .collect();
    let f = Facets {
        c: cats,
        v: vendors,
        vi,
        p: products
            .iter()
            .map(|p| p.price.map(|x| (x * 100.0).round() as i64))
            .collect(),
        a: products
            .iter()
            .map(|p| if p.available { '1' } else { '0' })
            .collect(),
    };
    serde_json::to_string(&f).unwrap_or_else(|_| "{}".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(word: &str, stem: usize, docs: u32) -> Term {
        Term {
            word: word.into(),
            stem,
            postings: (0..docs).map(|d| (d * 3, field::NAME)).collect(),
            variants: Vec::new(),
        }
    }

    #[test]
    fn shards_are_cut_by_stem_prefix_and_keep_every_term_once() {
        let terms = vec![
            term("bordada", 4, 40),
            term("bordado", 4, 40),
            term("bordados", 4, 40),
            term("borde", 4, 40),
            term("cafe", 4, 40),
            term("cafes", 4, 40),
            term("camisa", 5, 40),
            term("c", 1, 2),
        ];
        // Everything fits: one shard for all, prefix "".
        let one = split(&terms, 1 << 20, &FxHashMap::default()).0;
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].0, "");
        // Small shards: each term's stem starts with its shard's prefix, so every form of
        // "bord" is found from the shards whose prefixes start "bordados".
        let many = split(&terms, 300, &FxHashMap::default()).0;
        assert!(
            many.len() > 2,
            "{:?}",
            many.iter().map(|s| &s.0).collect::<Vec<_>>()
        );
        let mut seen = Vec::new();
        for (prefix, json) in &many {
            let entries: Vec<serde_json::Value> = serde_json::from_str(json).unwrap();
            for e in entries {
                let word = e[0].as_str().unwrap().to_string();
                let stem = &word[..e[1].as_u64().unwrap() as usize];
                assert!(
                    stem.starts_with(prefix.as_str()),
                    "{word} in shard {prefix:?}"
                );
                seen.push(word);
            }
        }
        seen.sort();
        let mut all: Vec<String> = terms.iter().map(|t| t.word.clone()).collect();
        all.sort();
        assert_eq!(seen, all, "every term in exactly one shard");
        let for_query: Vec<&String> = many
            .iter()
            .filter(|(p, _)| "bordados".starts_with(p.as_str()))
            .map(|(_, j)| j)
            .collect();
        for form in ["bordada", "bordado", "bordados"] {
            assert!(
                for_query.iter().any(|j| j.contains(&format!("\"{form}\""))),
                "{form}"
            );
        }
    }

    #[test]
    fn a_fair_without_products_still_has_a_valid_index() {
        let files = build_index(
            &[],
            &[("a".into(), "A \"quoted\" </script>".into())],
            Lang::Es,
            &Memory::default(),
        );
        let meta: serde_json::Value = serde_json::from_slice(&files[0].bytes).unwrap();
        assert_eq!(meta["n"], 0);
        assert_eq!(meta["shards"], serde_json::json!([""]));
        assert_eq!(meta["cats"][0][1], "A \"quoted\" </script>");
        for f in &files {
            let v: serde_json::Value = serde_json::from_slice(&f.bytes).unwrap();
            assert!(!v.is_null(), "{}", f.path);
        }
    }

    #[test]
    fn postings_and_accented_forms_are_delta_coded() {
        let mut t = term("ano", 3, 0);
        t.postings = vec![
            (2, field::NAME),
            (5, field::TAGS | field::DESCRIPTION),
            (9, field::VENDOR),
        ];
        t.variants = vec![("año".into(), vec![5, 9])];
        assert_eq!(term_json(&t), r#"["ano",3,[2,16,3,9,4,4],{"año":[5,4]}]"#);
        // Stem lengths count UTF-16 units, as JavaScript strings do.
        let t = term("pingüino", 7, 1);
        assert_eq!(&term_json(&t)[..16], r#"["pingüino",6,["#);
    }
}

//! Page recipes: what a page is made from, hashed, so a page already in the output as it would
//! be rendered is not rendered again (see the `render` module and `output::ledger`).
//!
//! A recipe covers the vitrina binary, every template, the context all pages share and the
//! page's own variables. Values many pages show (product cards on every list) are hashed once
//! ([`Hashed`]); a page adds only their hashes.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::Serialize;
use serde_json::Value;
use xxhash_rust::xxh3::Xxh3;

/// Tera functions whose result changes from one run to the next.
pub const UNSTABLE_FUNCTIONS: [&str; 3] = ["now(", "get_random(", "get_env("];

/// What identifies the running vitrina: its version and its executable file's stamp (a rebuilt
/// or reinstalled binary may render differently). `None` when the executable cannot be found.
pub fn binary_identity() -> Option<u64> {
    let exe = std::env::current_exe().ok()?;
    let stamp = crate::fs::stamp_of(&std::fs::metadata(exe).ok()?);
    let mut h = Xxh3::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(format!("{stamp:?}").as_bytes());
    Some(h.digest())
}

/// Feeds serialized JSON straight into a hasher (no buffer).
pub struct HashWriter<'a>(pub &'a mut Xxh3);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A context value many pages share, serialized once, with its hash for page recipes.
pub struct Hashed {
    /// The value, as templates see it.
    pub value: Value,
    hash: u64,
}

impl Hashed {
    /// Hashes `value` (its JSON text).
    pub fn new(value: Value) -> Hashed {
        let mut h = Xxh3::new();
        serde_json::to_writer(HashWriter(&mut h), &value).ok();
        Hashed {
            hash: h.digest(),
            value,
        }
    }
}

impl Hashed {
    /// The hash of the value's JSON text.
    pub fn hash(&self) -> u64 {
        self.hash
    }
}

/// The shared values of a build, by what they were made from: `serve` rebuilds the whole site
/// after every save, and serializing every product and vendor again into values and hashing
/// them was the largest part of rendering after one edit. A view is recognized by the xxh3-128
/// of its JSON text (written into a reused buffer, no value built); values a build does not use
/// are forgotten at its end.
pub struct Shared<'m> {
    last: Mutex<HashMap<u128, Entry>>,
    used: Mutex<HashMap<u128, Entry>>,
    memory: &'m Memory,
}

/// A remembered value.
type Entry = Arc<Hashed>;

/// The shared values the last build used (see [`Shared`]).
#[derive(Default)]
pub struct Memory {
    last_build: Mutex<HashMap<u128, Entry>>,
    /// Keep nothing (see [`Memory::once`]).
    forget: bool,
}

impl Memory {
    /// A memory that keeps nothing (for a build no other build follows): each value lives as
    /// long as the build's `Values` hold it, not to the end of the process.
    pub fn once() -> Memory {
        Memory {
            forget: true,
            ..Memory::default()
        }
    }
}

impl<'m> Shared<'m> {
    /// Takes over what the last build left in `memory`.
    pub fn from_memory(memory: &'m Memory) -> Shared<'m> {
        let last = memory
            .last_build
            .lock()
            .map(|mut l| std::mem::take(&mut *l))
            .unwrap_or_default();
        Shared {
            last: Mutex::new(last),
            used: Mutex::default(),
            memory,
        }
    }

    /// Leaves what this build used for the next one.
    pub fn keep_for_next_build(self) {
        if let (Ok(mut l), Ok(used)) = (self.memory.last_build.lock(), self.used.into_inner()) {
            *l = used;
        }
    }

    /// What stands for the value of `view` (with the hashes `more` of values it contains) in
    /// page recipes, when the value itself is made only for the pages rendered (see
    /// [`Var::Later`]).
    pub fn hash(kind: &[u8], view: &impl Serialize, more: &[u64]) -> u64 {
        Self::key(kind, view, more) as u64
    }

    fn key(kind: &[u8], view: &impl Serialize, more: &[u64]) -> u128 {
        thread_local! {
            static TEXT: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        // The JSON text written whole, then hashed once: quicker than feeding the hasher the
        // serializer's many small pieces.
        TEXT.with_borrow_mut(|text| {
            text.clear();
            text.extend_from_slice(kind);
            text.push(0);
            serde_json::to_writer(&mut *text, view).ok();
            for x in more {
                text.extend_from_slice(&x.to_le_bytes());
            }
            xxhash_rust::xxh3::xxh3_128(text)
        })
    }

    fn find(&self, key: u128) -> Option<Entry> {
        if let Some(e) = self.used.lock().ok()?.get(&key) {
            return Some(e.clone());
        }
        let e = self.last.lock().ok()?.remove(&key)?;
        self.remember(key, e.clone());
        Some(e)
    }

    fn remember(&self, key: u128, e: Entry) {
        if self.memory.forget {
            return;
        }
        if let Ok(mut u) = self.used.lock() {
            u.insert(key, e);
        }
    }

    /// The card of `view` (made by `card` from its value, or remembered), and the hash that
    /// stands for `view`'s whole value ([`Shared::hash`]): the whole value is made only for the
    /// page that shows it.
    pub fn card(
        &self,
        kind: &[u8],
        view: &impl Serialize,
        card: impl FnOnce(&Value) -> Value,
    ) -> (u64, Arc<Hashed>) {
        let key = Self::key(kind, view, &[]);
        if let Some(c) = self.find(key) {
            return (key as u64, c);
        }
        let value = serde_json::to_value(view).unwrap_or(Value::Null);
        let c = Arc::new(Hashed::new(card(&value)));
        self.remember(key, c.clone());
        (key as u64, c)
    }

    /// The value `make` builds: `key_view` and `more` must say everything it depends on.
    pub fn one(
        &self,
        kind: &[u8],
        key_view: &impl Serialize,
        more: &[u64],
        make: impl FnOnce() -> Value,
    ) -> Arc<Hashed> {
        let key = Self::key(kind, key_view, more);
        if let Some(v) = self.find(key) {
            return v;
        }
        let v = Arc::new(Hashed::new(make()));
        self.remember(key, v.clone());
        v
    }
}

/// One variable of a page's context: a shared value, a list of them, the page's own, or one
/// made only when the page is rendered.
pub enum Var<'a> {
    /// A shared value.
    One(&'a Hashed),
    /// A list of shared values.
    List(Vec<&'a Hashed>),
    /// The page's own value.
    Own(Value),
    /// A value only one page shows (a product's, a vendor's with her products and story), by
    /// the hash that stands for it ([`Shared::hash`]) and how to make it: made when the page is
    /// rendered, not when it is kept, and never held for the whole build (on a fair of 100,000
    /// products they were most of a build's memory).
    Later(u64, Box<dyn FnOnce() -> Value + 'a>),
}

impl Var<'_> {
    /// Adds the variable to a page's recipe (shared values by their hash: cheap for long lists).
    pub fn hash_into(&self, h: &mut Xxh3) {
        match self {
            Var::One(x) => {
                h.update(b"1");
                h.update(&x.hash.to_le_bytes());
            }
            Var::List(xs) => {
                h.update(b"[");
                h.update(&(xs.len() as u64).to_le_bytes());
                for x in xs {
                    h.update(&x.hash.to_le_bytes());
                }
            }
            Var::Own(v) => {
                h.update(b"=");
                serde_json::to_writer(HashWriter(h), v).ok();
            }
            Var::Later(hash, _) => {
                h.update(b"1");
                h.update(&hash.to_le_bytes());
            }
        }
    }

    /// The value to put in the page's context.
    pub fn into_value(self) -> Value {
        match self {
            Var::One(x) => x.value.clone(),
            Var::List(xs) => Value::Array(xs.into_iter().map(|x| x.value.clone()).collect()),
            Var::Own(v) => v,
            Var::Later(_, make) => make(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recipe(vars: &[Var<'_>]) -> u64 {
        let mut h = Xxh3::new();
        for v in vars {
            v.hash_into(&mut h);
        }
        h.digest()
    }

    #[test]
    fn recipes_follow_every_value_and_its_place() {
        let a = Hashed::new(serde_json::json!({"name": "Alfajores", "price": 6.5}));
        let b = Hashed::new(serde_json::json!({"name": "Alfajores", "price": 7.0}));
        let a2 = Hashed::new(serde_json::json!({"name": "Alfajores", "price": 6.5}));
        assert_eq!(recipe(&[Var::One(&a)]), recipe(&[Var::One(&a2)]));
        assert_ne!(recipe(&[Var::One(&a)]), recipe(&[Var::One(&b)]));
        assert_ne!(recipe(&[Var::One(&a)]), recipe(&[Var::List(vec![&a])]));
        assert_ne!(
            recipe(&[Var::List(vec![&a, &b])]),
            recipe(&[Var::List(vec![&b, &a])])
        );
        assert_ne!(
            recipe(&[Var::List(vec![&a]), Var::List(vec![&b])]),
            recipe(&[Var::List(vec![&a, &b]), Var::List(vec![])])
        );
        let own = |v| recipe(&[Var::Own(v)]);
        assert_ne!(own(serde_json::json!("x")), own(serde_json::json!("y")));
        assert_eq!(Var::List(vec![&a, &b]).into_value()[1]["price"], 7.0);
    }
}

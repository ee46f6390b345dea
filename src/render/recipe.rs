//! Page recipes: what a page is made from, hashed, so a page already in the output as it would
//! be rendered is not rendered again (see the `render` module and `output::ledger`).
//!
//! A recipe covers the vitrina binary, every template, the context all pages share and the
//! page's own variables. Values many pages show (product cards on every list) are hashed once
//! ([`Hashed`]); a page adds only their hashes.

use serde_json::Value;
use xxhash_rust::xxh3::Xxh3;

/// Tera functions whose result changes from one run to the next.
pub const UNSTABLE_FUNCTIONS: [&str; 3] = ["now(", "get_random(", "get_env("];

/// What identifies the running vitrina: its version and its executable file's stamp (a rebuilt
/// or reinstalled binary may render differently). `None` when the executable cannot be found.
pub fn binary_identity() -> Option<u64> {
    let exe = std::env::current_exe().ok()?;
    let stamp = crate::output::stamp_of(&std::fs::metadata(exe).ok()?);
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

/// One variable of a page's context: a shared value, a list of them, or the page's own.
pub enum Var<'a> {
    /// A shared value.
    One(&'a Hashed),
    /// A list of shared values.
    List(Vec<&'a Hashed>),
    /// The page's own value.
    Own(Value),
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
        }
    }

    /// The value to put in the page's context.
    pub fn into_value(self) -> Value {
        match self {
            Var::One(x) => x.value.clone(),
            Var::List(xs) => Value::Array(xs.into_iter().map(|x| x.value.clone()).collect()),
            Var::Own(v) => v,
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

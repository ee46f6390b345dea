//! toml's spanned tree to typed data, with every refusal as data.
//!
//! toml's own deserializer says why it refused in an English sentence. This one walks the same
//! tree the same way — each value as toml hands it over (strings, integers, floats, booleans,
//! dates, arrays, tables) and `Spanned` values with their byte range — but its error is a
//! [`Refusal`]: serde tells it, through the typed methods of `serde::de::Error`, which key is
//! unknown and which keys the struct has, or which required key is missing; and the
//! `deserialize_*` method the target type called says what kind of value it wanted. No message
//! text is read back.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use serde_spanned::de::SpannedDeserializer;
use toml::de::{DeFloat, DeInteger, DeTable, DeValue};
use toml::Spanned;
use toml_datetime::de::DatetimeDeserializer;

use crate::diag::Expected;

/// Why the typed data could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A key the struct does not have, and the keys it has.
    UnknownKey {
        key: String,
        expected: &'static [&'static str],
    },
    /// A required key that is not there.
    MissingKey(&'static str),
    /// A value of the wrong kind, or out of range: the kind the target wanted (`None` when it
    /// did not say), and serde's name for what it expected.
    WrongType {
        kind: Option<Expected>,
        expecting: String,
    },
    /// Anything else, in the words of whoever refused.
    Other(String),
}

/// A [`Refusal`] and the bytes of the file it is about.
#[derive(Debug, Clone)]
pub struct Error {
    /// What was refused.
    pub refusal: Refusal,
    /// Where, in the whole file.
    pub span: Option<Range<usize>>,
}

impl Error {
    fn new(refusal: Refusal) -> Self {
        Error {
            refusal,
            span: None,
        }
    }

    /// Adds what the value being deserialized knows and an inner value did not say: its span,
    /// and the kind its target wanted.
    fn at(mut self, span: &Range<usize>, wanted: Option<&Expected>) -> Self {
        if self.span.is_none() {
            self.span = Some(span.clone());
        }
        if let (
            Refusal::WrongType {
                kind: kind @ None, ..
            },
            Some(wanted),
        ) = (&mut self.refusal, wanted)
        {
            *kind = Some(wanted.clone());
        }
        self
    }
}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::new(Refusal::Other(msg.to_string()))
    }

    fn invalid_type(_: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Error::new(Refusal::WrongType {
            kind: None,
            expecting: exp.to_string(),
        })
    }

    fn invalid_value(_: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Self::invalid_type(de::Unexpected::Other(""), exp)
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Error::new(Refusal::UnknownKey {
            key: field.to_string(),
            expected,
        })
    }

    fn missing_field(field: &'static str) -> Self {
        Error::new(Refusal::MissingKey(field))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.refusal {
            Refusal::UnknownKey { key, .. } => write!(f, "unknown field `{key}`"),
            Refusal::MissingKey(key) => write!(f, "missing field `{key}`"),
            Refusal::WrongType { expecting, .. } => write!(f, "invalid type, expected {expecting}"),
            Refusal::Other(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for Error {}

/// Deserializes `T` from a parsed document (the table and the span of the whole document).
pub fn from_table<T: DeserializeOwned>(table: Spanned<DeTable<'_>>) -> Result<T, Error> {
    let span = table.span();
    T::deserialize(Value {
        value: DeValue::Table(table.into_inner()),
        span,
    })
}

/// One value of the tree and its span.
struct Value<'de> {
    value: DeValue<'de>,
    span: Range<usize>,
}

impl<'de> Value<'de> {
    fn of(spanned: Spanned<DeValue<'de>>) -> Self {
        let span = spanned.span();
        Value {
            value: spanned.into_inner(),
            span,
        }
    }

    /// Hands the value to `visitor` as it is, for a target that wants `kind`.
    fn wanted<V: Visitor<'de>>(self, kind: Expected, visitor: V) -> Result<V::Value, Error> {
        let span = self.span.clone();
        de::Deserializer::deserialize_any(self, visitor).map_err(|e| e.at(&span, Some(&kind)))
    }
}

impl<'de> IntoDeserializer<'de, Error> for Value<'de> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

/// Each `deserialize_<type>` of the list hands the value over as it is, for a target that wants
/// that kind of value.
macro_rules! wanting {
    ($kind:ident: $($method:ident)*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.wanted(Expected::$kind, visitor)
        })*
    };
}

impl<'de> de::Deserializer<'de> for Value<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            DeValue::String(Cow::Owned(s)) => visitor.visit_string(s),
            DeValue::String(Cow::Borrowed(s)) => visitor.visit_str(s),
            DeValue::Integer(i) => integer(&i, visitor),
            DeValue::Float(f) => match float(&f) {
                Some(v) => visitor.visit_f64(v),
                None => Err(de::Error::custom("floating-point number overflowed")),
            },
            DeValue::Boolean(b) => visitor.visit_bool(b),
            DeValue::Datetime(d) => visitor.visit_map(DatetimeDeserializer::new(d)),
            DeValue::Array(items) => visitor.visit_seq(Items(items.into_iter())),
            DeValue::Table(entries) => visitor.visit_map(Entries {
                iter: entries.into_iter(),
                value: None,
            }),
        }
        .map_err(|e| e.at(&self.span, None))
    }

    // `None` is a missing key: a key that is there is `Some`.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let span = self.span.clone();
        visitor.visit_some(self).map_err(|e| e.at(&span, None))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let span = self.span.clone();
        visitor
            .visit_newtype_struct(self)
            .map_err(|e| e.at(&span, None))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if serde_spanned::de::is_spanned(name) {
            let span = self.span.clone();
            return visitor.visit_map(SpannedDeserializer::new(self, span));
        }
        if toml_datetime::de::is_datetime(name) {
            return self.wanted(Expected::Date, visitor);
        }
        self.wanted(Expected::Table, visitor)
    }

    // The content's shapes have no enums; a unit variant written as text is enough for any.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let span = self.span.clone();
        match self.value {
            DeValue::String(s) => visitor.visit_enum(s.into_deserializer()),
            _ => Err(de::Error::custom("wanted string or table")),
        }
        .map_err(|e: Error| e.at(&span, None))
    }

    wanting!(Bool: deserialize_bool);
    wanting!(Integer: deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_u128);
    wanting!(Number: deserialize_f32 deserialize_f64);
    wanting!(Text: deserialize_char deserialize_str deserialize_string);
    wanting!(List: deserialize_seq);
    wanting!(Table: deserialize_map);

    serde::forward_to_deserialize_any! {
        bytes byte_buf unit unit_struct tuple tuple_struct identifier ignored_any
    }
}

/// An integer as toml hands it over: the smallest of i64, u64, i128, u128 that holds it.
fn integer<'de, V: Visitor<'de>>(i: &DeInteger<'_>, visitor: V) -> Result<V::Value, Error> {
    let (digits, radix) = (i.as_str(), i.radix());
    if let Ok(v) = i64::from_str_radix(digits, radix) {
        visitor.visit_i64(v)
    } else if let Ok(v) = u64::from_str_radix(digits, radix) {
        visitor.visit_u64(v)
    } else if let Ok(v) = i128::from_str_radix(digits, radix) {
        visitor.visit_i128(v)
    } else if let Ok(v) = u128::from_str_radix(digits, radix) {
        visitor.visit_u128(v)
    } else {
        Err(de::Error::custom("integer number overflowed"))
    }
}

/// A float as toml reads it: too large for f64 is refused unless written `inf`.
fn float(f: &DeFloat<'_>) -> Option<f64> {
    let v: f64 = f.as_str().parse().ok()?;
    (!v.is_infinite() || f.as_str().contains("inf")).then_some(v)
}

/// The items of an array.
struct Items<'de>(std::vec::IntoIter<Spanned<DeValue<'de>>>);

impl<'de> de::SeqAccess<'de> for Items<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0
            .next()
            .map(|item| seed.deserialize(Value::of(item)))
            .transpose()
    }
}

/// The entries of a table, in the file's order.
struct Entries<'de> {
    iter: <DeTable<'de> as IntoIterator>::IntoIter,
    value: Option<Spanned<DeValue<'de>>>,
}

impl<'de> de::MapAccess<'de> for Entries<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.iter.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        let span = key.span();
        seed.deserialize(key.into_inner().into_deserializer())
            .map(Some)
            .map_err(|e: Error| e.at(&span, None))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(Value::of(value)),
            None => Err(de::Error::custom("a value asked for before its key")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{RawFair, RawProduct, RawVendor};

    /// Both deserializers on the same text, as `Debug` (the shapes hold floats: no `Eq`).
    fn both<T: DeserializeOwned + fmt::Debug>(text: &str) -> (String, String) {
        let table = DeTable::parse(text).unwrap();
        let ours: T = from_table(table.clone()).unwrap();
        let toml: T = T::deserialize(toml::de::Deserializer::from(table)).unwrap();
        (format!("{ours:?}"), format!("{toml:?}"))
    }

    #[test]
    fn valid_files_give_what_toml_itself_gives() {
        let (ours, toml) = both::<RawFair>(
            "title = \"Feria\"\nbase_url = 'https://x.org/'\n\n[fair]\nstart = 2026-12-05\n\
             end = 2026-12-07T18:00:00\nvenue = \"\"\"Plaza\nde Armas\"\"\"\n\n[images]\n\
             widths = [0x140, 0o1200, 1_280]\nquality = +75\n\n[[categories]]\nslug = \"a\"\n\
             name = \"A\"\n\n[[categories]]\nslug = \"b\"\nname = \"B\"\ndescription = \"x\"\n",
        );
        assert_eq!(ours, toml);
        assert!(ours.contains("start: Some(Spanned"), "{ours}");
        let (ours, toml) = both::<RawVendor>(
            "name = \"Tejidos Ana\"\ncategories = [\"textil\", \"hogar\"]\n\
             cover = { src = \"photos/a.jpg\", alt = \"Ana\" }\npayment = []\ndelivery = true\n\
             [contact]\nwhatsapp = \"+51 987 654 321\"\ninstagram = \"@ana\"\n",
        );
        assert_eq!(ours, toml);
        let (ours, toml) = both::<RawProduct>(
            "name = \"Huevos\"\nprice = 6\norder = -3\ntags = []\navailable = false\n\
             photos = [{ src = \"photos/h.jpg\" }, { src = \"photos/i.jpg\", alt = \"\" }]\n",
        );
        assert_eq!(ours, toml);
        let (ours, toml) = both::<RawProduct>("name = \"x\"\nprice = 1e3\n");
        assert_eq!(ours, toml);
    }

    fn refusal<T: DeserializeOwned + fmt::Debug>(text: &str) -> (Refusal, Range<usize>) {
        let e = from_table::<T>(DeTable::parse(text).unwrap()).unwrap_err();
        (e.refusal, e.span.unwrap())
    }

    #[test]
    fn refusals_are_typed_and_placed() {
        let (r, span) = refusal::<RawProduct>("name = \"x\"\nprize = 6.5\n");
        assert!(
            matches!(&r, Refusal::UnknownKey { key, expected } if key == "prize" && expected.contains(&"price")),
            "{r:?}"
        );
        assert_eq!(span, 11..16);
        let (r, _) = refusal::<RawProduct>("price = 6.5\n");
        assert_eq!(r, Refusal::MissingKey("name"));
        let wrong = |text: &str| match refusal::<RawFair>(text) {
            (Refusal::WrongType { kind, .. }, span) => (kind, text[span].to_string()),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            wrong("title = 5\n"),
            (Some(Expected::Text), "5".to_string())
        );
        assert_eq!(
            wrong("title = \"x\"\n[images]\nquality = \"75\"\n"),
            (Some(Expected::Integer), "\"75\"".to_string())
        );
        assert_eq!(
            wrong("title = \"x\"\n[images]\nwidths = [320, -5]\n"),
            (Some(Expected::Integer), "-5".to_string())
        );
        assert_eq!(
            wrong("title = \"x\"\n[fair]\nstart = \"2026-12-05\"\n"),
            (Some(Expected::Date), "\"2026-12-05\"".to_string())
        );
        assert_eq!(
            wrong("title = \"x\"\ncategories = \"a\"\n"),
            (Some(Expected::List), "\"a\"".to_string())
        );
        assert_eq!(
            wrong("title = \"x\"\nfair = 1\n"),
            (Some(Expected::Table), "1".to_string())
        );
        let (r, _) = refusal::<RawProduct>("name = \"x\"\nprice = \"6,50\"\n");
        assert!(
            matches!(
                r,
                Refusal::WrongType {
                    kind: Some(Expected::Number),
                    ..
                }
            ),
            "{r:?}"
        );
        let (r, _) = refusal::<RawProduct>("name = \"x\"\navailable = \"sí\"\n");
        assert!(
            matches!(
                r,
                Refusal::WrongType {
                    kind: Some(Expected::Bool),
                    ..
                }
            ),
            "{r:?}"
        );
    }
}

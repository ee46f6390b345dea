//! Languages and locale formatting: the [`Lang`] of a fair, the theme's interface strings
//! ([`Strings`], from `themes/<theme>/i18n/<lang>.toml` with per-key fallback to Spanish), and the
//! formatting of dates and prices per language.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::theme::Theme;

/// The interface language of a fair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Spanish, the default.
    #[default]
    Es,
    /// English.
    En,
}

impl Lang {
    /// Parses `es` / `en` (case-insensitive, region ignored: `es-PE` is `es`).
    pub fn parse(s: &str) -> Option<Lang> {
        let base = s
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match base.as_str() {
            "es" => Some(Lang::Es),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The code, `es` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Es => "es",
            Lang::En => "en",
        }
    }
}

/// A theme's interface strings for one language, with the Spanish file as fallback.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    values: BTreeMap<String, toml::Value>,
}

impl Strings {
    /// Loads the theme's `i18n/es.toml` and, for English, overlays `i18n/en.toml` on it.
    /// `Err` names the broken or missing file.
    pub fn load(theme: &Theme, lang: Lang) -> Result<Strings, String> {
        let read = |rel: &str| -> Result<Option<BTreeMap<String, toml::Value>>, String> {
            let Some(bytes) = theme.file(rel) else {
                return Ok(None);
            };
            let text = String::from_utf8(bytes).map_err(|_| format!("{rel}: UTF-8"))?;
            let table: toml::Table = toml::from_str(text.trim_start_matches('\u{feff}'))
                .map_err(|e| format!("{rel}: {}", e.message()))?;
            Ok(Some(table.into_iter().collect()))
        };
        let mut values = read("i18n/es.toml")?.ok_or_else(|| "i18n/es.toml".to_string())?;
        if lang != Lang::Es {
            if let Some(more) = read(&format!("i18n/{}.toml", lang.code()))? {
                values.extend(more);
            }
        }
        Ok(Strings { values })
    }

    /// Builds strings from a table (tests).
    pub fn from_table(values: BTreeMap<String, toml::Value>) -> Strings {
        Strings { values }
    }

    /// A string by key; the key itself when missing, so a gap shows instead of breaking a build.
    pub fn get(&self, key: &str) -> String {
        match self.values.get(key) {
            Some(toml::Value::String(s)) => s.clone(),
            _ => key.to_string(),
        }
    }

    /// The twelve month names.
    pub fn months(&self) -> Vec<String> {
        match self.values.get("months") {
            Some(toml::Value::Array(a)) if a.len() == 12 => a
                .iter()
                .map(|v| v.as_str().unwrap_or("").to_string())
                .collect(),
            _ => (1..=12).map(|m| m.to_string()).collect(),
        }
    }

    /// Keys vitrina needs that the files lack.
    pub fn missing(&self, keys: &[&str]) -> Vec<String> {
        keys.iter()
            .filter(|k| !self.values.contains_key(**k))
            .map(|k| k.to_string())
            .collect()
    }

    /// All strings, for templates (`t.key`).
    pub fn as_json(&self) -> serde_json::Value {
        serde_json::to_value(&self.values).unwrap_or(serde_json::Value::Null)
    }
}

/// Keys vitrina itself reads from the theme's strings.
pub const REQUIRED_KEYS: &[&str] = &[
    "months",
    "date_single",
    "date_range_month",
    "date_range_year",
    "date_range",
    "price_on_request",
    "payment_yape",
    "payment_plin",
    "payment_efectivo",
    "payment_tarjeta",
    "payment_transferencia",
    "whatsapp_order",
    "whatsapp_hello",
    "search",
    "not_found_title",
];

/// A calendar date (from TOML).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year, e.g. 2026.
    pub year: u16,
    /// Month 1–12.
    pub month: u8,
    /// Day 1–31.
    pub day: u8,
}

impl Date {
    /// ISO form, `2026-12-05`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// "5–7 de diciembre de 2026" / "December 5–7, 2026", from the theme's patterns.
pub fn format_date_range(strings: &Strings, start: Date, end: Option<Date>) -> String {
    let months = strings.months();
    let month = |d: &Date| {
        months
            .get(d.month as usize - 1)
            .cloned()
            .unwrap_or_default()
    };
    let fill = |pattern: String, pairs: &[(&str, String)]| {
        pairs
            .iter()
            .fold(pattern, |acc, (k, v)| acc.replace(&format!("{{{k}}}"), v))
    };
    match end {
        None => fill(
            strings.get("date_single"),
            &[
                ("d", start.day.to_string()),
                ("month", month(&start)),
                ("y", start.year.to_string()),
            ],
        ),
        Some(end) if end == start => format_date_range(strings, start, None),
        Some(end) if end.year == start.year && end.month == start.month => fill(
            strings.get("date_range_month"),
            &[
                ("d1", start.day.to_string()),
                ("d2", end.day.to_string()),
                ("month", month(&start)),
                ("y", start.year.to_string()),
            ],
        ),
        Some(end) if end.year == start.year => fill(
            strings.get("date_range_year"),
            &[
                ("d1", start.day.to_string()),
                ("d2", end.day.to_string()),
                ("month1", month(&start)),
                ("month2", month(&end)),
                ("y", start.year.to_string()),
            ],
        ),
        Some(end) => fill(
            strings.get("date_range"),
            &[
                ("d1", start.day.to_string()),
                ("d2", end.day.to_string()),
                ("month1", month(&start)),
                ("month2", month(&end)),
                ("y1", start.year.to_string()),
                ("y2", end.year.to_string()),
            ],
        ),
    }
}

/// How a language writes amounts: the decimal mark and the thousands separator, from the theme's
/// `price_decimal` and `price_thousands` strings (Peru's use, `.` and `,`, when a theme has
/// none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amounts {
    /// The decimal mark (`price_decimal`, "." by default).
    pub decimal: String,
    /// The thousands separator (`price_thousands`, "," by default).
    pub thousands: String,
}

impl Default for Amounts {
    fn default() -> Amounts {
        Amounts {
            decimal: ".".into(),
            thousands: ",".into(),
        }
    }
}

impl Strings {
    /// How this language writes amounts.
    pub fn amounts(&self) -> Amounts {
        let get = |key: &str, default: &str| match self.values.get(key) {
            Some(toml::Value::String(s)) => s.clone(),
            _ => default.to_string(),
        };
        Amounts {
            decimal: get("price_decimal", "."),
            thousands: get("price_thousands", ","),
        }
    }
}

/// "S/ 6.50", "S/ 1,250.00" for PEN (US$ for USD, € for EUR; other currencies by their code),
/// with the language's decimal mark and thousands separator.
pub fn format_price(currency: &str, amount: f64, marks: &Amounts) -> String {
    let symbol = match currency {
        "PEN" => "S/",
        "USD" => "US$",
        "EUR" => "€",
        other => other,
    };
    let text = format!("{:.2}", amount.abs());
    let (whole, cents) = text.split_once('.').unwrap_or((&text, "00"));
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3 * marks.thousands.len());
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push_str(&marks.thousands);
        }
        grouped.push(digit);
    }
    let sign = if amount < 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        "-"
    } else {
        ""
    };
    format!("{symbol} {sign}{grouped}{}{cents}", marks.decimal)
}

/// Fills `{name}` placeholders in a pattern.
pub fn fill(pattern: &str, pairs: &[(&str, &str)]) -> String {
    pairs.iter().fold(pattern.to_string(), |acc, (k, v)| {
        acc.replace(&format!("{{{k}}}"), v)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn es() -> Strings {
        let t: toml::Table = toml::from_str(
            r#"
            months = ["enero","febrero","marzo","abril","mayo","junio","julio","agosto","septiembre","octubre","noviembre","diciembre"]
            date_single = "{d} de {month} de {y}"
            date_range_month = "{d1}–{d2} de {month} de {y}"
            date_range_year = "{d1} de {month1} – {d2} de {month2} de {y}"
            date_range = "{d1} de {month1} de {y1} – {d2} de {month2} de {y2}"
            "#,
        )
        .unwrap();
        Strings::from_table(t.into_iter().collect())
    }

    #[test]
    fn spanish_date_ranges() {
        let d = |y, m, day| Date {
            year: y,
            month: m,
            day,
        };
        let s = es();
        assert_eq!(
            format_date_range(&s, d(2026, 12, 5), Some(d(2026, 12, 7))),
            "5–7 de diciembre de 2026"
        );
        assert_eq!(
            format_date_range(&s, d(2026, 11, 30), Some(d(2026, 12, 2))),
            "30 de noviembre – 2 de diciembre de 2026"
        );
        assert_eq!(
            format_date_range(&s, d(2026, 12, 31), Some(d(2027, 1, 2))),
            "31 de diciembre de 2026 – 2 de enero de 2027"
        );
        assert_eq!(
            format_date_range(&s, d(2026, 12, 5), None),
            "5 de diciembre de 2026"
        );
    }

    #[test]
    fn prices() {
        let peru = Amounts::default();
        assert_eq!(format_price("PEN", 6.5, &peru), "S/ 6.50");
        assert_eq!(format_price("USD", 12.0, &peru), "US$ 12.00");
        assert_eq!(format_price("PEN", 1250.5, &peru), "S/ 1,250.50");
        assert_eq!(format_price("PEN", 1234567.0, &peru), "S/ 1,234,567.00");
        assert_eq!(format_price("PEN", 999.999, &peru), "S/ 1,000.00");
        assert_eq!(format_price("PEN", -0.001, &peru), "S/ 0.00");
        assert_eq!(format_price("PEN", -1500.0, &peru), "S/ -1,500.00");
        let spain = Amounts {
            decimal: ",".into(),
            thousands: ".".into(),
        };
        assert_eq!(format_price("EUR", 1250.5, &spain), "€ 1.250,50");
    }

    #[test]
    fn each_language_of_the_default_theme_writes_amounts_its_way() {
        let theme = crate::theme::Theme::Builtin;
        for (lang, want) in [(Lang::Es, "S/ 1,250.50"), (Lang::En, "S/ 1,250.50")] {
            let s = Strings::load(&theme, lang).unwrap();
            assert_eq!(format_price("PEN", 1250.5, &s.amounts()), want, "{lang:?}");
        }
    }

    #[test]
    fn lang_parse() {
        assert_eq!(Lang::parse("es-PE"), Some(Lang::Es));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("qu"), None);
    }
}

//! Prices as people type them on a phone: `6,50`, `S/ 6.50`, `S/.6.50`, `6.5`, ` 6 ` and
//! `1,250.50` are all numbers the form accepts; what the file gets is the number (`price = 6.5`).

/// A price as typed → `Some(Some(n))`; "" (or only spaces) → `Some(None)`, "price on request";
/// text, a negative number or anything that is not a price → `None`.
pub fn parse(typed: &str) -> Option<Option<f64>> {
    let mut s = typed.trim();
    if s.is_empty() {
        return Some(None);
    }
    // The currency, as Peruvians write it: "S/", "S/.", "s/", "PEN".
    for prefix in ["S/.", "s/.", "S/", "s/", "PEN", "pen"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.trim_start();
            break;
        }
    }
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let number = normalise(s)?;
    let value: f64 = number.parse().ok()?;
    (value.is_finite() && value >= 0.0).then_some(Some(value))
}

/// `6,50` → `6.50`; `1,250.50` → `1250.50`; `1.250,50` → `1250.50`; `1,250` → `1250`.
fn normalise(s: &str) -> Option<String> {
    let last_dot = s.rfind('.');
    let last_comma = s.rfind(',');
    // The decimal mark is the last separator when one or two digits follow it; any other
    // separator groups thousands.
    let decimal = match (last_dot, last_comma) {
        (Some(d), Some(c)) => Some(d.max(c)),
        (Some(i), None) | (None, Some(i)) => {
            let after = s.len() - i - 1;
            let several = s.matches(['.', ',']).count() > 1;
            (!(after == 3 && (s.as_bytes()[i] == b',' || several))).then_some(i)
        }
        (None, None) => None,
    };
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        match c {
            '.' | ',' if Some(i) == decimal => out.push('.'),
            '.' | ',' => {}
            _ => out.push(c),
        }
    }
    if out.is_empty() || out == "." {
        return None;
    }
    Some(out)
}

/// A price for the form and the list: `6.5` → "6.50", `12` → "12.00".
pub fn typed(value: f64) -> String {
    format!("{value:.2}")
}

//! Structured data: the schema.org JSON-LD a page carries for search engines and link previews
//! (`page.jsonld` in templates, printed in a `<script type="application/ld+json">`).
//!
//! Home: the fair as an `Event` (dates, venue). Vendor page: the vendor as a `LocalBusiness`.
//! Product page: a `Product` with an `Offer` in the fair's currency (when it has a price), sold
//! by the vendor. Only what the page itself shows goes in: no phone numbers, no owner names
//! (first names stay on the page, not in data built for machines to collect).

use serde_json::{json, Map, Value};

use super::context::{ProductView, SiteView};

/// The JSON text of `v`, safe inside a `<script>` element: `<`, `>` and `&` written as `\u` escapes
/// (a vendor's text can never close the script).
pub fn script_text(v: &Value) -> String {
    let text = v.to_string();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

/// The fair as an `Event`, when fair.toml gives its start date.
pub fn event(site: &SiteView, permalink: &str, image: Option<String>) -> Option<Value> {
    let fair = site.fair.as_ref()?;
    let start = fair.start.as_ref()?;
    let mut e = Map::new();
    e.insert("@context".into(), json!("https://schema.org"));
    e.insert("@type".into(), json!("Event"));
    e.insert("name".into(), json!(site.title));
    if let Some(d) = &site.description {
        e.insert("description".into(), json!(d));
    }
    e.insert("url".into(), json!(permalink));
    e.insert("startDate".into(), json!(start));
    e.insert("endDate".into(), json!(fair.end.as_ref().unwrap_or(start)));
    e.insert(
        "eventStatus".into(),
        json!("https://schema.org/EventScheduled"),
    );
    e.insert(
        "eventAttendanceMode".into(),
        json!("https://schema.org/OfflineEventAttendanceMode"),
    );
    if let Some(venue) = &fair.venue {
        e.insert(
            "location".into(),
            json!({ "@type": "Place", "name": venue, "address": venue }),
        );
    }
    if let Some(img) = image {
        e.insert("image".into(), json!([img]));
    }
    Some(Value::Object(e))
}

/// A vendor (its value as templates see it) as a `LocalBusiness`.
pub fn vendor(v: &Value, origin: &str) -> Value {
    let mut b = Map::new();
    b.insert("@context".into(), json!("https://schema.org"));
    b.insert("@type".into(), json!("LocalBusiness"));
    b.insert("name".into(), v["name"].clone());
    b.insert("url".into(), v["permalink"].clone());
    if let Some(t) = v["tagline"].as_str() {
        b.insert("description".into(), json!(t));
    }
    let image = [&v["cover"], &v["logo"]]
        .into_iter()
        .find_map(|i| i["src"].as_str())
        .map(|src| format!("{origin}{src}"));
    if let Some(img) = image {
        b.insert("image".into(), json!(img));
    }
    let payment: Vec<&str> = v["payment"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["label"].as_str())
        .collect();
    if !payment.is_empty() {
        b.insert("paymentAccepted".into(), json!(payment.join(", ")));
    }
    Value::Object(b)
}

/// A product as a `Product`, with an `Offer` when it has a price.
pub fn product(p: &ProductView, currency: &str, origin: &str) -> Value {
    let mut o = Map::new();
    o.insert("@context".into(), json!("https://schema.org"));
    o.insert("@type".into(), json!("Product"));
    o.insert("name".into(), json!(p.name));
    o.insert("url".into(), json!(p.permalink));
    if !p.summary.is_empty() {
        o.insert("description".into(), json!(p.summary));
    }
    let images: Vec<String> = p
        .photos
        .iter()
        .map(|i| format!("{origin}{}", i.src))
        .collect();
    if !images.is_empty() {
        o.insert("image".into(), json!(images));
    }
    o.insert("category".into(), json!(p.category.name));
    let seller = json!({
        "@type": "LocalBusiness",
        "name": p.vendor.name,
        "url": format!("{origin}{}", p.vendor.url),
    });
    o.insert(
        "brand".into(),
        json!({ "@type": "Brand", "name": p.vendor.name }),
    );
    if let Some(price) = p.price {
        o.insert(
            "offers".into(),
            json!({
                "@type": "Offer",
                "price": format!("{price:.2}"),
                "priceCurrency": currency,
                "availability": if p.available {
                    "https://schema.org/InStock"
                } else {
                    "https://schema.org/OutOfStock"
                },
                "url": p.permalink,
                "seller": seller,
            }),
        );
    }
    Value::Object(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_text_cannot_close_the_script() {
        let v = json!({ "name": "</script><script>alert(1)</script> & más" });
        let s = script_text(&v);
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }
}

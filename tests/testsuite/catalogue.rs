//! The default theme on a phone (360×740, DPR 2) in a real Chromium: a gallery that swipes
//! and answers the arrow keys, ordering on WhatsApp with the product named, prices, booths and
//! payment methods at a glance, tap targets a thumb can hit, a dark scheme that follows the
//! system, the system's own fonts.

use serde_json::{json, Value};

use crate::chromium::{example_in_browser as open, Chromium};

const GALLERY: &str = "/vendors/dulces-rosita/alfajores-de-maicena/";

/// The gallery's scroll position and the photo nearest its centre (0-based).
fn gallery_at(c: &mut Chromium) -> (f64, u64) {
    let v = c.eval(
        "(() => { const ul = document.querySelector('.gallery ul'); const r = ul.getBoundingClientRect(); \
           const mid = r.left + r.width / 2; const items = [...ul.children]; \
           let best = 0, d = 1e9; items.forEach((li, i) => { const b = li.getBoundingClientRect(); \
             const e = Math.abs(b.left + b.width / 2 - mid); if (e < d) { d = e; best = i; } }); \
           return [ul.scrollLeft, best]; })()",
    );
    (v[0].as_f64().unwrap(), v[1].as_u64().unwrap())
}

/// Waits (up to 5 s) until the gallery rests on photo `want` (smooth scrolling and snapping
/// take a few frames); returns where it rests.
fn settle_on(c: &mut Chromium, want: u64) -> (f64, u64) {
    let start = std::time::Instant::now();
    loop {
        let before = gallery_at(c);
        c.eval("new Promise(r => setTimeout(() => r(true), 100))");
        let now = gallery_at(c);
        let still = (now.0 - before.0).abs() < 0.5;
        if (still && now.1 == want) || start.elapsed().as_secs() >= 5 {
            return now;
        }
    }
}

#[test]
fn the_gallery_swipes_and_answers_the_arrow_keys() {
    let Some((_site, base, mut c)) = open("gallery") else {
        return;
    };
    c.goto(&format!("{base}{GALLERY}"));
    let photos = c.eval("document.querySelectorAll('.gallery li').length");
    assert!(
        photos.as_u64().unwrap() >= 2,
        "a product with several photos"
    );
    assert_eq!(gallery_at(&mut c).1, 0);

    // Keyboard: Tab reaches the gallery, → shows the next photo, ← the first again.
    c.eval("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); true");
    let mut reached = false;
    for _ in 0..40 {
        c.press("Tab");
        let at = c.eval(
            "(() => { const a = document.activeElement; if (!a || !a.closest('.gallery')) return null; \
               return [a.tagName, a.getAttribute('aria-label')]; })()",
        );
        if !at.is_null() {
            // One tab stop: the list that scrolls, named for a screen reader.
            assert_eq!(at, json!(["UL", "Fotos del producto"]));
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab never reaches the gallery");
    c.press("ArrowRight");
    let (left, at) = settle_on(&mut c, 1);
    assert!(
        left > 0.0 && at == 1,
        "→ shows the second photo: scrollLeft {left}, photo {at}"
    );
    c.press("ArrowLeft");
    assert_eq!(settle_on(&mut c, 0).1, 0, "← back to the first photo");

    // Touch: a swipe to the left shows the next photo.
    c.call(
        "Emulation.setTouchEmulationEnabled",
        json!({"enabled": true, "maxTouchPoints": 5}),
    );
    let r = c.eval(
        "(() => { const b = document.querySelector('.gallery ul').getBoundingClientRect(); \
           return [b.left + b.width * 0.8, b.top + b.height / 2]; })()",
    );
    let (x, y) = (r[0].as_f64().unwrap(), r[1].as_f64().unwrap());
    let point = |x: f64| json!([{"x": x, "y": y}]);
    c.call(
        "Input.dispatchTouchEvent",
        json!({"type": "touchStart", "touchPoints": point(x)}),
    );
    for step in 1..=10 {
        c.call(
            "Input.dispatchTouchEvent",
            json!({"type": "touchMove", "touchPoints": point(x - 22.0 * step as f64)}),
        );
    }
    c.call(
        "Input.dispatchTouchEvent",
        json!({"type": "touchEnd", "touchPoints": []}),
    );
    assert_eq!(settle_on(&mut c, 1).1, 1, "a swipe shows the second photo");
}

#[test]
fn a_product_page_shows_price_availability_booth_payments_and_orders_on_whatsapp() {
    let Some((_site, base, mut c)) = open("product_page") else {
        return;
    };
    c.goto(&format!("{base}{GALLERY}"));
    let v: Value = c.eval(
        "(() => { const q = s => document.querySelector(s); const vis = e => { const r = e.getBoundingClientRect(); \
             return r.width > 0 && r.height > 0; }; \
           return { price: q('.price-big').textContent.trim(), available: q('.badge-ok').textContent, \
             booth: q('.product-info .booth').textContent, pays: [...document.querySelectorAll('.order .pay')].map(e => e.textContent), \
             wa: q('.btn-wa').href, waText: q('.btn-wa').textContent, waVisible: vis(q('.btn-wa')), \
             font: getComputedStyle(document.body).fontFamily }; })()",
    );
    assert!(v["price"].as_str().unwrap().starts_with("S/ "), "{v}");
    assert_eq!(v["available"], json!("Disponible"));
    assert!(v["booth"].as_str().unwrap().starts_with("Stand "), "{v}");
    assert!(
        v["pays"].as_array().unwrap().contains(&json!("Yape")),
        "{v}"
    );
    assert_eq!(v["waText"], json!("Pedir por WhatsApp"));
    assert!(v["waVisible"].as_bool().unwrap());
    let wa = v["wa"].as_str().unwrap();
    assert!(wa.starts_with("https://wa.me/51"), "{wa}");
    let message = percent_decode(wa.split("text=").nth(1).unwrap());
    assert!(
        message.contains("«Alfajores de maicena con manjar blanco»"),
        "the message names the product: {message}"
    );
    assert!(v["font"].as_str().unwrap().starts_with("system-ui"), "{v}");

    // Tap targets: every link, button and field in the page's header, its order box and its
    // lists is at least 24 × 24 CSS px (WCAG 2.2 target size, minimum).
    let small = c.eval(
        "[...document.querySelectorAll('.site-header a, .site-header button, .site-header input, .order a, .btn, .chips a, .tags a, .crumbs a')] \
           .map(e => [e.textContent.trim().slice(0, 30) || e.getAttribute('aria-label') || e.tagName, \
                      Math.round(e.getBoundingClientRect().width), Math.round(e.getBoundingClientRect().height)]) \
           .filter(([, w, h]) => h < 24 || w < 24)",
    );
    assert_eq!(small, json!([]), "targets too small for a thumb");
}

#[test]
fn the_dark_scheme_follows_the_system() {
    let Some((_site, base, mut c)) = open("dark") else {
        return;
    };
    let colours = |c: &mut Chromium| {
        c.eval("[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]")
    };
    c.call(
        "Emulation.setEmulatedMedia",
        json!({"features": [{"name": "prefers-color-scheme", "value": "light"}]}),
    );
    c.goto(&format!("{base}/"));
    let light = colours(&mut c);
    c.call(
        "Emulation.setEmulatedMedia",
        json!({"features": [{"name": "prefers-color-scheme", "value": "dark"}]}),
    );
    let dark = colours(&mut c);
    assert_ne!(light, dark);
    // Dark: a dark background behind light text.
    let lum = |s: &Value| -> f64 {
        let n: Vec<f64> = s
            .as_str()
            .unwrap()
            .trim_start_matches("rgb(")
            .trim_end_matches(')')
            .split(',')
            .map(|x| x.trim().parse().unwrap())
            .collect();
        0.2126 * n[0] + 0.7152 * n[1] + 0.0722 * n[2]
    };
    assert!(lum(&dark[0]) < 60.0 && lum(&dark[1]) > 180.0, "{dark}");
    assert!(lum(&light[0]) > 200.0 && lum(&light[1]) < 80.0, "{light}");
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

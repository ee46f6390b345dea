//! Budgets a visitor on a cheap phone feels: every page's HTML, CSS and JavaScript together
//! stay under 50 KB (uncompressed, photos aside); photos never move the page when they arrive;
//! the first photo of a product page, as Chromium picks it on a 360 px phone at DPR 2, is at
//! most 100 KB.
//!
//! `/print/` is left out: it is the organizer's sheet of booth signs, one QR code per vendor,
//! printed once, never browsed on a phone.

use std::collections::BTreeMap;

use serde_json::json;

use crate::chromium::Chromium;
use crate::http;
use crate::prelude::TestSite;

const PAGE_BUDGET: usize = 50_000;
const FIRST_PHOTO_BUDGET: usize = 100 * 1024;

/// The values of `attr="…"` in every tag of `html` that starts with `tag`.
fn attrs<'a>(html: &'a str, tag: &str, attr: &str) -> Vec<&'a str> {
    html.match_indices(tag)
        .filter_map(|(i, _)| {
            let t = &html[i..i + html[i..].find('>')?];
            let at = t.find(&format!(" {attr}=\""))? + attr.len() + 3;
            Some(&t[at..at + t[at..].find('"')?])
        })
        .collect()
}

/// What a page weighs with the styles and scripts it loads (its service worker included).
fn weight(public: &BTreeMap<String, Vec<u8>>, name: &str, html: &str) -> (usize, Vec<String>) {
    let mut parts = vec![format!("{name} {}", html.len())];
    let mut total = html.len();
    let mut linked: Vec<&str> = attrs(html, "<link rel=\"stylesheet\"", "href");
    linked.extend(attrs(html, "<script", "src"));
    if html.contains("serviceWorker.register(") {
        linked.push("/sw.js");
    }
    for url in linked {
        let file = &public[url.trim_start_matches('/')];
        total += file.len();
        parts.push(format!("{url} {}", file.len()));
    }
    (total, parts)
}

#[test]
fn every_page_with_its_css_and_js_stays_under_50_kb_and_reserves_its_photos_space() {
    let site = TestSite::example();
    site.build_ok();
    let public = site.snapshot("public");
    let mut pages = 0;
    let mut heaviest = (0, String::new());
    for (name, bytes) in &public {
        if !name.ends_with(".html") || name.starts_with("print/") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8_lossy(bytes);
        let (total, parts) = weight(&public, name, &html);
        assert!(
            total <= PAGE_BUDGET,
            "{name}: {total} bytes of HTML, CSS and JS: {parts:?}"
        );
        if total > heaviest.0 {
            heaviest = (total, parts.join(" + "));
        }
        // No layout shift from photos: every image says its size before it arrives.
        for (i, _) in html.match_indices("<img ") {
            let tag = &html[i..i + html[i..].find('>').unwrap()];
            assert!(
                tag.contains(" width=\"") && tag.contains(" height=\""),
                "{name}: {tag}"
            );
        }
    }
    assert!(pages >= 55, "{pages} pages");
    eprintln!("heaviest page: {} bytes = {}", heaviest.0, heaviest.1);
}

#[test]
fn the_weighing_counts_what_a_page_loads() {
    let public: BTreeMap<String, Vec<u8>> = [
        ("style.css".to_string(), vec![b'x'; 100]),
        ("search.js".to_string(), vec![b'x'; 10]),
        ("sw.js".to_string(), vec![b'x'; 1]),
    ]
    .into();
    let html = r#"<link rel="stylesheet" href="/style.css"><script src="/search.js"></script><script>navigator.serviceWorker.register("/sw.js")</script>"#;
    assert_eq!(weight(&public, "p", html).0, html.len() + 111);
}

/// Layout shift on the current page so far, after scrolling to its end (lazy photos load).
fn layout_shift(c: &mut Chromium) -> f64 {
    c.eval("window.scrollTo(0, document.body.scrollHeight); true");
    c.eval(
        "new Promise(done => { let sum = 0; \
           new PerformanceObserver(list => { for (const e of list.getEntries()) \
             if (!e.hadRecentInput) sum += e.value; }) \
           .observe({type: 'layout-shift', buffered: true}); \
           setTimeout(() => done(sum), 400); })",
    )
    .as_f64()
    .unwrap()
}

#[test]
fn on_a_phone_photos_never_move_the_page_and_the_first_product_photo_is_small() {
    let site = TestSite::example();
    site.build_ok();
    let public = site.snapshot("public");
    let base = http::serve(&site.path().join("public"));
    let Some(mut c) = Chromium::launch("budget") else {
        return;
    };
    let products: Vec<String> = public
        .keys()
        .filter(|n| n.matches('/').count() == 3 && n.starts_with("vendors/"))
        .map(|n| format!("/{}", n.trim_end_matches("index.html")))
        .collect();
    assert!(products.len() >= 30, "{products:?}");
    let mut checked = 0;
    let mut largest = (0, String::new());
    for url in products.iter().map(String::as_str).chain([
        "/",
        "/vendors/dulces-rosita/",
        "/categories/alimentos/",
        "/search/?q=alfajores",
    ]) {
        c.goto(&format!("{base}{url}"));
        assert_eq!(c.eval("[innerWidth, devicePixelRatio]"), json!([360, 2]));
        let shift = layout_shift(&mut c);
        assert!(shift < 0.01, "{url}: layout shift {shift}");
        if url.matches('/').count() != 4 {
            continue;
        }
        let first = c.eval(
            "(() => { const i = document.querySelector('.product-media img'); \
               return i ? new URL(i.currentSrc).pathname : null; })()",
        );
        let Some(first) = first.as_str() else {
            continue; // a product without photos
        };
        let bytes = public[first.trim_start_matches('/')].len();
        assert!(
            bytes <= FIRST_PHOTO_BUDGET,
            "{url}: first photo {first} is {bytes} bytes"
        );
        checked += 1;
        if bytes > largest.0 {
            largest = (bytes, first.to_string());
        }
    }
    assert!(checked >= 25, "only {checked} products with photos");

    // Search results arrive after the page (late, on mobile data): nothing on the first screen
    // is below them to be pushed. With the index held back, the footer is below the fold.
    c.call("Network.enable", json!({}));
    // Past the page's service worker, which keeps the index too.
    c.call("Network.setBypassServiceWorker", json!({"bypass": true}));
    c.call(
        "Network.setBlockedURLs",
        json!({"urls": ["*/search/index.json"]}),
    );
    c.goto(&format!("{base}/search/?q=alfajores"));
    assert_eq!(
        c.eval("document.querySelectorAll('#search-list .card').length"),
        json!(0),
        "the index was held back"
    );
    let footer = c.eval("document.querySelector('.site-footer').getBoundingClientRect().top");
    assert!(
        footer.as_f64().unwrap() >= 740.0,
        "the footer is on the first screen (top {footer}): results would push it"
    );
    c.call("Network.setBlockedURLs", json!({"urls": []}));
    eprintln!("largest first photo: {} bytes ({})", largest.0, largest.1);
}

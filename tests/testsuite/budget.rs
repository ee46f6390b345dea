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

/// A W3-sized fair (2,000 vendors × 5 products, 10 categories, no photos; `bigfair.rs`),
/// built by the debug binary: every page a visitor can open stays within the budget with what
/// it loads, its list of vendors walked by next links names every vendor exactly once, the
/// service worker keeps none of the many list pages at install, and the search index knows
/// products, not pages.
#[test]
fn a_fair_of_two_thousand_vendors_keeps_every_page_under_50_kb() {
    use std::time::Instant;

    use crate::bigfair::Shape;
    use crate::listings::{cards, generated, walk};

    let started = Instant::now();
    let site = generated(&Shape {
        vendors: 2000,
        products_per_vendor: 5,
        categories: 10,
        per_page: None,
    });
    let generated_in = started.elapsed();
    site.build_ok();
    let built_in = started.elapsed() - generated_in;
    eprintln!(
        "generated in {:.1} s, built in {:.1} s",
        generated_in.as_secs_f64(),
        built_in.as_secs_f64()
    );

    let public = site.path().join("public");
    // The files pages load (styles, scripts, the worker) are at the root.
    let root: BTreeMap<String, Vec<u8>> = std::fs::read_dir(&public)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    let (mut pages, mut heaviest) = (0, (0, String::new()));
    for entry in walkdir::WalkDir::new(&public) {
        let entry = entry.unwrap();
        let name = entry
            .path()
            .strip_prefix(&public)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if !name.ends_with(".html") || name.starts_with("print/") {
            continue;
        }
        pages += 1;
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let (total, parts) = weight(&root, &name, &html);
        assert!(total <= PAGE_BUDGET, "{name}: {total} bytes: {parts:?}");
        if total > heaviest.0 {
            heaviest = (total, parts.join(" + "));
        }
    }
    assert!(pages > 12_000, "{pages} pages");

    let walked = walk(&site, "/vendors/");
    let mut seen: Vec<&str> = walked
        .iter()
        .flat_map(|(_, html)| cards(html, "vendors"))
        .collect();
    let listed = seen.len();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!((listed, seen.len()), (2000, 2000), "every vendor once");
    for v in &seen {
        assert!(
            public
                .join(v.trim_start_matches('/'))
                .join("index.html")
                .is_file(),
            "{v}"
        );
    }

    let sw = String::from_utf8_lossy(&root["sw.js"]).into_owned();
    let precache = sw
        .lines()
        .find(|l| l.starts_with("const PRECACHE"))
        .unwrap()
        .to_string();
    assert!(
        !precache.contains("/page/") && !precache.contains("/vendors/"),
        "{precache}"
    );
    assert!(precache.len() < 600, "the precache list grew: {precache}");
    let entry = std::fs::read_to_string(public.join("search/index.json")).unwrap();
    assert!(!entry.contains("/page/"), "paged pages in the search index");

    eprintln!(
        "{pages} pages; generated in {:.1} s, built in {:.1} s, checked in {:.1} s; heaviest: {} bytes = {}",
        generated_in.as_secs_f64(),
        built_in.as_secs_f64(),
        (started.elapsed() - generated_in - built_in).as_secs_f64(),
        heaviest.0,
        heaviest.1
    );
}

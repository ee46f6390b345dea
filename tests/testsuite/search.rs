//! Search, end to end: the example fair built, served on loopback, searched in a real headless
//! Chromium at a phone's size (360×740). Skipped only where no Chromium exists and CI is not
//! set (see chromium.rs).

use serde_json::{json, Value};

use crate::chromium::{example_in_browser as open, Chromium};
use crate::http;
use crate::prelude::TestSite;

/// Listens for the search's `vitrina:results` event on the current page.
fn listen(c: &mut Chromium) {
    c.eval(
        "window.__results = []; document.getElementById('results')\
         .addEventListener('vitrina:results', e => window.__results.push(e.detail)); true",
    );
}

/// Types `q` into the search box and waits until the results for it are shown.
fn type_query(c: &mut Chromium, q: &str) {
    listen(c);
    c.eval("document.getElementById('q').focus(); true");
    c.type_text(q);
    let done = format!(
        "window.__results.some(r => r.q === {})",
        serde_json::to_string(q).unwrap()
    );
    c.wait_for(&done, &format!("results for {q}"));
}

fn names(c: &mut Chromium) -> Vec<String> {
    let v = c
        .eval("[...document.querySelectorAll('#search-list .card-title')].map(e => e.textContent)");
    serde_json::from_value(v).unwrap()
}

fn text(c: &mut Chromium, selector: &str) -> String {
    let v = c.eval(&format!(
        "(document.querySelector({}) || {{}}).textContent || ''",
        serde_json::to_string(selector).unwrap()
    ));
    v.as_str().unwrap_or_default().to_string()
}

/// Loads `/search/?query` and waits for its results.
fn load(c: &mut Chromium, base: &str, query: &str) {
    c.goto(&format!("{base}/search/?{query}"));
    c.wait_for(
        "(document.getElementById('search-status').textContent || '').length > 0 \
         && !document.getElementById('search-status').textContent.startsWith('Cargando')",
        query,
    );
}

#[test]
fn search_forgives_accents_typos_and_word_forms_on_a_phone() {
    let Some((_site, base, mut c)) = open("search_forgives") else {
        return;
    };
    c.goto(&format!("{base}/search/"));
    assert_eq!(
        c.eval("window.innerWidth"),
        json!(360),
        "a phone's viewport"
    );
    assert!(text(&mut c, "#search-status").contains("38 productos"));

    // No accent typed: the products named "Café …" come first, all of them.
    type_query(&mut c, "cafe");
    let got = names(&mut c);
    let cafes = [
        "Café de Villa Rica tostado en grano (250 g)",
        "Café molido de Chanchamayo (250 g)",
        "Café pasado con chocoteja",
    ];
    for name in cafes {
        assert!(got[..3].contains(&name.to_string()), "{name} in {got:?}");
    }
    assert!(text(&mut c, "#search-status").starts_with(&format!("{} productos", got.len())));
    // The URL follows when the typing pauses.
    c.wait_for("location.search === '?q=cafe'", "the query in the URL");

    // Two letters swapped.
    c.goto(&format!("{base}/search/"));
    type_query(&mut c, "alfajroes");
    let got = names(&mut c);
    assert!(got.len() >= 2, "{got:?}");
    assert!(got.iter().all(|n| n.starts_with("Alfajores")), "{got:?}");

    // Another form of the word: bordados finds the embroidered shirts (bordada, bordado).
    c.goto(&format!("{base}/search/"));
    type_query(&mut c, "bordados");
    let got = names(&mut c);
    for name in [
        "Camisa bordada con flores andinas",
        "Camisa bordada para niña",
    ] {
        assert!(got.contains(&name.to_string()), "{name} in {got:?}");
    }
    // Results show a small photo, the price, the vendor and the booth; the count is announced.
    assert!(text(&mut c, "#search-list .price").starts_with("S/ "));
    let meta = text(&mut c, "#search-list .card-meta");
    assert_eq!(meta, "Bordados Nayeli · Stand A-08");
    let thumb = c.eval("document.querySelector('#search-list img').getAttribute('src')");
    assert!(thumb.as_str().unwrap().ends_with("-320.webp"), "{thumb}");
    assert_eq!(
        c.eval("document.getElementById('search-status').getAttribute('aria-live')"),
        json!("polite")
    );
    let shirts = got.len();

    // Several words narrow: every result has both.
    c.goto(&format!("{base}/search/"));
    type_query(&mut c, "camisa bordada");
    let got = names(&mut c);
    assert!(!got.is_empty() && got.len() < shirts, "{got:?}");
    assert!(
        got.iter().all(|n| n.starts_with("Camisa bordada")),
        "{got:?}"
    );

    // Nothing found: the empty state suggests the closest word and every category.
    c.goto(&format!("{base}/search/"));
    type_query(&mut c, "bordadxyz");
    assert!(names(&mut c).is_empty());
    assert!(text(&mut c, "#search-status").starts_with("No encontramos nada para «bordadxyz»"));
    let suggestion = text(&mut c, "#search-help a");
    assert!(suggestion.starts_with("bordad"), "{suggestion}");
    let cats = c.eval("document.querySelectorAll('#search-help .chips a').length");
    assert_eq!(cats, json!(7));
}

#[test]
fn filters_narrow_and_the_url_holds_the_state() {
    let Some((_site, base, mut c)) = open("search_filters") else {
        return;
    };
    load(&mut c, &base, "q=mano");
    let all = names(&mut c);
    assert!(all.len() >= 5, "{all:?}");

    // A category narrows the same query, and the URL says so (a new history entry).
    listen(&mut c);
    c.eval(
        "const s = document.getElementById('f-cat'); s.value = 'plantas';\
         s.dispatchEvent(new Event('change', {bubbles: true})); true",
    );
    c.wait_for("window.__results.length > 0", "filtered results");
    let plants = names(&mut c);
    assert!(
        !plants.is_empty() && plants.len() < all.len(),
        "{plants:?} of {all:?}"
    );
    assert!(plants.iter().all(|n| all.contains(n)));
    assert!(!plants.contains(&"Camisa bordada con flores andinas".to_string()));
    let search = c.eval("location.search");
    assert_eq!(search, json!("?q=mano&cat=plantas"));

    // The link, opened fresh (shared on WhatsApp), shows the same.
    load(&mut c, &base, "q=mano&cat=plantas");
    assert_eq!(c.eval("document.getElementById('q').value"), json!("mano"));
    assert_eq!(
        c.eval("document.getElementById('f-cat').value"),
        json!("plantas")
    );
    assert_eq!(names(&mut c), plants);

    // Back returns to the unfiltered search.
    load(&mut c, &base, "q=mano");
    listen(&mut c);
    c.eval(
        "const s = document.getElementById('f-cat'); s.value = 'plantas';\
         s.dispatchEvent(new Event('change', {bubbles: true})); true",
    );
    c.wait_for("window.__results.length > 0", "filtered results");
    listen(&mut c);
    c.eval("history.back(); true");
    c.wait_for(
        "location.search === '?q=mano' && window.__results.length > 0",
        "back",
    );
    assert_eq!(c.eval("document.getElementById('f-cat').value"), json!(""));
    assert_eq!(names(&mut c), all);

    // Price range and "available only", with no words at all.
    load(&mut c, &base, "max=5&available=1");
    let cheap = names(&mut c);
    assert!(!cheap.is_empty());
    let prices: Value =
        c.eval("[...document.querySelectorAll('#search-list .price')].map(p => p.textContent)");
    let prices = prices.as_array().unwrap();
    assert_eq!(prices.len(), cheap.len(), "one price a result: {prices:?}");
    for p in prices {
        let n: f64 = p
            .as_str()
            .unwrap()
            .trim_start_matches("S/ ")
            .parse()
            .unwrap();
        assert!(n <= 5.0, "{p}");
    }
    assert_eq!(
        c.eval("document.querySelectorAll('#search-list .is-out').length"),
        json!(0)
    );

    // A vendor, chosen by its slug in the URL: the list of vendors is loaded for it.
    load(&mut c, &base, "vendor=dulces-rosita");
    c.wait_for(
        "document.getElementById('f-vendor').value === 'dulces-rosita' \
         && document.querySelectorAll('#search-list .card').length > 0",
        "the vendor chosen and its products shown",
    );
    let rosita = names(&mut c);
    assert!(
        rosita.iter().any(|n| n.starts_with("Alfajores")),
        "{rosita:?}"
    );
    assert!(
        !rosita.iter().any(|n| n.starts_with("Café de Villa")),
        "{rosita:?}"
    );
}

#[test]
fn every_page_has_a_search_box_that_leads_to_the_search() {
    let Some((_site, base, mut c)) = open("search_from_header") else {
        return;
    };
    c.goto(&format!("{base}/vendors/dulces-rosita/"));
    c.eval("document.getElementById('site-q').focus(); true");
    c.type_text("chocoteja");
    c.eval("document.getElementById('site-q').form.requestSubmit(); true");
    c.wait_for("location.pathname === '/search/'", "the search page");
    c.wait_for(
        "document.querySelectorAll('#search-list .card').length > 0",
        "results",
    );
    assert_eq!(
        c.eval("document.getElementById('q').value"),
        json!("chocoteja")
    );
    assert!(names(&mut c)
        .iter()
        .any(|n| n.to_lowercase().contains("chocoteja")));
}

#[test]
fn the_accent_as_typed_ranks_first_and_typos_come_after_exact_hits() {
    let site = TestSite::fixture("full_fair");
    let products = "content/vendors/huevos-andrea/products";
    for (file, name) in [
        ("mani-a.md", "Maní tostado"),
        ("mani-b.md", "Mani confitado"),
        ("mano-c.md", "Mano de batán"),
    ] {
        site.write(
            &format!("{products}/{file}"),
            format!("+++\nname = \"{name}\"\nprice = 3\n+++\nRico.\n"),
        );
    }
    site.build_ok();
    let base = http::serve(&site.path().join("public"));
    let Some(mut c) = Chromium::launch("search_accents") else {
        return;
    };
    load(&mut c, &base, "q=man%C3%AD");
    let got = names(&mut c);
    assert_eq!(
        got.first().map(String::as_str),
        Some("Maní tostado"),
        "{got:?}"
    );
    load(&mut c, &base, "q=mani");
    let got = names(&mut c);
    assert_eq!(
        got.first().map(String::as_str),
        Some("Mani confitado"),
        "{got:?}"
    );
    assert!(got.contains(&"Maní tostado".to_string()), "{got:?}");
    // "mano" is one typo from "mani": offered when exact hits are few, never above them.
    let at = |n: &str| got.iter().position(|g| g == n);
    let typo = at("Mano de batán").expect("a near word is offered when few products match");
    assert!(typo > at("Maní tostado").unwrap() && typo > at("Mani confitado").unwrap());

    // A file that cannot be fetched (a dropped connection): the page says so, nothing breaks.
    let search = site.path().join("public/search");
    for entry in walkdir::WalkDir::new(&search) {
        let entry = entry.unwrap();
        if entry.path().to_string_lossy().contains("/t/") && entry.file_type().is_file() {
            std::fs::remove_file(entry.path()).unwrap();
        }
    }
    // (Past the page's service worker, which keeps the whole index of a small fair.)
    c.call("Network.enable", json!({}));
    c.call("Network.setBypassServiceWorker", json!({"bypass": true}));
    load(&mut c, &base, "q=mani");
    assert_eq!(
        text(&mut c, "#search-status"),
        "No se pudo cargar la búsqueda. Revisa tu conexión y vuelve a intentarlo."
    );
}

#[test]
fn results_are_reached_and_opened_with_the_keyboard() {
    let Some((_site, base, mut c)) = open("search_keyboard") else {
        return;
    };
    load(&mut c, &base, "q=chocoteja");
    assert!(!names(&mut c).is_empty());
    c.eval("document.getElementById('q').focus(); true");
    let mut reached = false;
    for _ in 0..15 {
        c.press("Tab");
        if c.eval("!!document.activeElement.closest('#search-list')") == json!(true) {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab from the search box reaches the results");
    let href = c.eval("document.activeElement.getAttribute('href')");
    c.press("Enter");
    c.wait_for(
        &format!("location.pathname === {href}"),
        "the product page, opened with Enter",
    );
}

/// A theme whose search page lists `products` (a list without JavaScript) gets every product's
/// card there, whether the list is in `search.html` or in a macro file it imports (the default
/// theme's page never names `products` and is given none: `render::templates` tests that rule).
#[test]
fn a_search_page_that_lists_products_gets_every_card() {
    let site = TestSite::example();
    let search = site.path().join("themes/default/templates/search.html");
    let text = std::fs::read_to_string(&search).unwrap();
    let end = "{% endblock content %}";
    let list = "<ol>{% for p in products %}<li class=\"plain\">{{ p.name }}</li>{% endfor %}</ol>";
    std::fs::write(&search, text.replacen(end, &format!("{list}{end}"), 1)).unwrap();
    let run = site.build_ok();
    // "Listo: 8 emprendimientos, 42 productos, …"
    let products: usize = run
        .stdout
        .split(" productos")
        .next()
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("the count of products: {}", run.stdout));
    assert!(products >= 10, "{products}");
    let page = site.page("search/index.html");
    assert_eq!(page.matches("<li class=\"plain\">").count(), products);

    // The same list in a macro file the page imports.
    let macros = site.path().join("themes/default/templates/macros.html");
    let m = std::fs::read_to_string(&macros).unwrap();
    let plain = "{% macro plain(xs) %}{% for p in xs %}<li class=\"plain\">{{ p.name }}</li>{% endfor %}{% endmacro plain %}";
    std::fs::write(&macros, format!("{m}\n{plain}\n")).unwrap();
    let call = "{{ m::plain(xs=products) }}";
    std::fs::write(&search, text.replacen(end, &format!("{call}{end}"), 1)).unwrap();
    site.build_ok();
    let page = site.page("search/index.html");
    assert_eq!(page.matches("<li class=\"plain\">").count(), products);
}

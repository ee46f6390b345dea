//! Offline at the fair: the service worker in a real Chromium. Pages and thumbnails a visitor
//! saw, and the search, work with the server gone and the browser offline (DevTools protocol);
//! a page never seen shows the offline page; a rebuild replaces the whole cache, so nothing of
//! the old build is shown after it.

use serde_json::{json, Value};

use crate::chromium::Chromium;
use crate::http;
use crate::prelude::TestSite;

fn text(c: &mut Chromium, selector: &str) -> String {
    let v = c.eval(&format!(
        "(document.querySelector({}) || {{}}).textContent || ''",
        serde_json::to_string(selector).unwrap()
    ));
    v.as_str().unwrap_or_default().trim().to_string()
}

/// The photo files the page shows that have arrived (their paths), once those it asked for
/// came.
fn loaded_photos(c: &mut Chromium) -> Vec<String> {
    c.wait_for(
        "[...document.images].filter(i => i.currentSrc.includes('/img/')).every(i => i.complete)",
        "photos",
    );
    let v = c.eval(
        "[...document.images].filter(i => i.complete && i.naturalWidth > 0 && i.currentSrc.includes('/img/'))\
         .map(i => new URL(i.currentSrc).pathname)",
    );
    serde_json::from_value(v).unwrap()
}

/// Those of `photos` the page cannot have now (asked through the service worker, as an
/// `<img>` would: a browser offline may leave photos further down for later, so asking is
/// what tells).
fn missing(c: &mut Chromium, photos: &[String]) -> Vec<String> {
    let v = c.eval(&format!(
        "Promise.all({}.map(u => fetch(u).then(r => r.ok ? null : u, () => u))).then(l => l.filter(Boolean))",
        serde_json::to_string(photos).unwrap()
    ));
    serde_json::from_value(v).unwrap()
}

/// The page's first photo is on screen.
fn first_photo_shown(c: &mut Chromium) -> bool {
    c.wait_for(
        "(() => { const i = document.querySelector('main img'); return !i || i.complete; })()",
        "the first photo",
    );
    c.eval("(() => { const i = document.querySelector('main img'); return !!i && i.naturalWidth > 0; })()")
        == json!(true)
}

/// Waits until this page is controlled by the site's service worker.
fn controlled(c: &mut Chromium) {
    c.wait_for(
        "navigator.serviceWorker && navigator.serviceWorker.controller",
        "the service worker to control the page",
    );
}

fn offline(c: &mut Chromium, off: bool) {
    c.call("Network.enable", json!({}));
    c.call(
        "Network.emulateNetworkConditions",
        json!({"offline": off, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}),
    );
}

fn cache_names(c: &mut Chromium) -> Vec<String> {
    serde_json::from_value(c.eval("caches.keys()")).unwrap()
}

#[test]
fn pages_photos_and_search_seen_once_work_offline_and_a_rebuild_replaces_the_cache() {
    let site = TestSite::example();
    site.build_ok();
    let (base, server) = http::serve_switchable(&site.path().join("public"));
    let Some(mut c) = Chromium::launch("offline") else {
        return;
    };
    c.goto(&format!("{base}/"));
    controlled(&mut c);
    // What the first page showed came before the worker started, and the browser's memory of
    // it would be used instead of asking the worker: the visit below starts afresh. (Photos
    // seen only on a visitor's very first page are kept once they are seen again.)
    c.call("Network.enable", json!({}));
    c.call("Network.setCacheDisabled", json!({"cacheDisabled": true}));
    let version = |sw: &str| sw.split("const VERSION = \"").nth(1).unwrap()[..16].to_string();
    let first = version(&site.page("sw.js"));
    assert_eq!(cache_names(&mut c), vec![format!("vitrina / {first}")]);

    // A visit: a vendor, one of its products, a search.
    c.goto(&format!("{base}/vendors/dulces-rosita/"));
    c.wait_for(
        "[...document.images].filter(i => i.currentSrc.includes('/img/')).every(i => i.complete)",
        "photos",
    );
    let vendor_photos = loaded_photos(&mut c);
    assert!(!vendor_photos.is_empty(), "the vendor page shows photos");
    c.goto(&format!("{base}/vendors/dulces-rosita/alfajores-de-cafe/"));
    let product_photos = loaded_photos(&mut c);
    assert!(!product_photos.is_empty());
    c.goto(&format!("{base}/search/?q=alfajores"));
    c.wait_for(
        "document.querySelectorAll('#search-list .card').length > 0",
        "search results",
    );

    // No signal: the server closes every connection, and the browser is offline.
    server.store(false, std::sync::atomic::Ordering::SeqCst);
    offline(&mut c, true);
    let network =
        c.eval("fetch('/index.html', {cache: 'no-store'}).then(() => 'reached', () => 'offline')");
    assert_eq!(network, json!("offline"), "the network is really gone");

    c.goto(&format!("{base}/vendors/dulces-rosita/"));
    assert_eq!(text(&mut c, "h1"), "Dulces Rosita");
    assert!(first_photo_shown(&mut c), "the vendor's photo, offline");
    assert_eq!(missing(&mut c, &vendor_photos), Vec::<String>::new());
    c.goto(&format!("{base}/vendors/dulces-rosita/alfajores-de-cafe/"));
    assert!(
        text(&mut c, "h1").starts_with("Alfajores de café"),
        "{}",
        text(&mut c, "h1")
    );
    assert!(first_photo_shown(&mut c), "the product's photo, offline");
    assert_eq!(missing(&mut c, &product_photos), Vec::<String>::new());
    // …and a photo never seen is not there (the check above can tell).
    let unseen: Vec<String> = site
        .snapshot("public/img/pasitos-calzado")
        .keys()
        .take(1)
        .map(|n| format!("/img/pasitos-calzado/{n}"))
        .collect();
    assert!(site.path().join("public").join(&unseen[0][1..]).is_file());
    assert_eq!(missing(&mut c, &unseen), unseen);

    // The search works offline, for a word never searched before.
    c.goto(&format!("{base}/search/?q=suculenta"));
    c.wait_for(
        "document.querySelectorAll('#search-list .card').length > 0",
        "offline search results",
    );
    let names: Vec<String> = serde_json::from_value(c.eval(
        "[...document.querySelectorAll('#search-list .card-title')].map(e => e.textContent)",
    ))
    .unwrap();
    assert!(
        names.iter().any(|n| n.to_lowercase().contains("suculenta")),
        "{names:?}"
    );

    // A page never opened: the offline page, not the browser's error.
    c.goto(&format!("{base}/vendors/pasitos-calzado/"));
    assert_eq!(text(&mut c, "h1"), "Sin conexión");

    // A rebuild with a renamed product; back online, the next visit brings the new build.
    let file = site
        .path()
        .join("content/vendors/dulces-rosita/products/alfajores-de-cafe.md");
    let md = std::fs::read_to_string(&file).unwrap();
    let old_name = md
        .lines()
        .find(|l| l.starts_with("name ="))
        .unwrap()
        .to_string();
    std::fs::write(
        &file,
        md.replace(&old_name, "name = \"Alfajores de café pasado\""),
    )
    .unwrap();
    site.build_ok();
    let second = version(&site.page("sw.js"));
    assert_ne!(first, second, "a rebuild versions the worker");
    server.store(true, std::sync::atomic::Ordering::SeqCst);
    offline(&mut c, false);
    c.goto(&format!("{base}/"));
    c.eval("navigator.serviceWorker.getRegistration().then(r => r && r.update()).then(() => true)");
    let want = format!("vitrina / {second}");
    let start = std::time::Instant::now();
    while cache_names(&mut c) != vec![want.clone()] {
        assert!(
            start.elapsed().as_secs() < 15,
            "only the new build's cache: {:?}",
            cache_names(&mut c)
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(cache_names(&mut c), vec![want]);

    // Offline again: the product seen before the rebuild shows its new name (the new worker
    // fetched again what the old one kept), never the old one.
    server.store(false, std::sync::atomic::Ordering::SeqCst);
    offline(&mut c, true);
    c.goto(&format!("{base}/vendors/dulces-rosita/alfajores-de-cafe/"));
    assert_eq!(text(&mut c, "h1"), "Alfajores de café pasado");
    let listed: Value = c.eval("[...document.querySelectorAll('.card-title')].length");
    assert!(listed.as_u64().unwrap() > 0, "the page is whole");
}

#[test]
fn the_manifest_is_json_whatever_the_fair_is_called_and_the_worker_lists_what_exists() {
    let site = TestSite::example();
    let fair = std::fs::read_to_string(site.path().join("content/fair.toml")).unwrap();
    let title = r#"Feria "La Unión" \ 2026 </script><b>"#;
    let line = fair.lines().find(|l| l.starts_with("title =")).unwrap();
    let escaped = title.replace('\\', "\\\\").replace('"', "\\\"");
    site.write(
        "content/fair.toml",
        fair.replace(line, &format!("title = \"{escaped}\"")),
    );
    let run = site.run(&["build", "--base-url", "https://ferias.example.pe/manos/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let manifest: Value = serde_json::from_str(&site.page("manifest.webmanifest")).unwrap();
    assert_eq!(manifest["name"], json!(title));
    assert_eq!(manifest["start_url"], json!("/manos/"));
    assert_eq!(manifest["scope"], json!("/manos/"));
    assert_eq!(manifest["icons"][0]["src"], json!("/manos/favicon.svg"));
    // Every address the worker keeps at install is a file of this build, under the sub-path.
    let sw = site.page("sw.js");
    let list = sw.split("const PRECACHE = ").nth(1).unwrap();
    let list: Vec<String> = serde_json::from_str(&list[..list.find(";\n").unwrap()]).unwrap();
    assert!(list.contains(&"/manos/".to_string()), "{list:?}");
    assert!(
        list.contains(&"/manos/search/index.json".to_string()),
        "{list:?}"
    );
    for url in &list {
        let rel = url.strip_prefix("/manos/").unwrap();
        let file = if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.to_string()
        };
        assert!(
            site.path().join("public").join(&file).is_file(),
            "{url} is kept at install but the build has no {file}"
        );
    }
}

#[test]
fn a_site_can_bring_its_own_service_worker() {
    let site = TestSite::example();
    site.write("static/sw.js", "// the organizer's own worker\n");
    site.build_ok();
    assert_eq!(site.page("sw.js"), "// the organizer's own worker\n");
}

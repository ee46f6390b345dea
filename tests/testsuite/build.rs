//! The good fixture site (`tests/fixtures/full_fair`): what each page kind shows a visitor.

use crate::prelude::{metadata_blocks, TestSite};

fn built() -> TestSite {
    let site = TestSite::fixture("full_fair");
    site.build_ok();
    site
}

#[test]
fn home_shows_the_fair_its_categories_featured_products_and_vendors() {
    let site = built();
    let home = site.page("index.html");
    assert!(home.contains("<html lang=\"es\">"));
    assert!(home.contains("Feria de Prueba 2026"));
    assert!(
        home.contains("5–7 de diciembre de 2026"),
        "dates in Spanish"
    );
    assert!(home.contains("Parque Kennedy, Miraflores, Lima"));
    assert!(home.contains("10:00–20:00"));
    assert!(home.contains("href=\"/categories/alimentos/\""));
    assert!(home.contains("Textiles y bordados"));
    assert!(
        home.contains("href=\"/vendors/huevos-andrea/huevos-docena/\""),
        "featured product"
    );
    assert!(
        home.contains("href=\"/vendors/cafe-dona-rosa/\""),
        "vendor slug from «Café Doña Rosa»"
    );
    assert!(home.contains("Huevos de Codorniz Andrea"));
    assert!(
        !home.contains("Emprendimiento Secreto"),
        "draft vendor published"
    );
    assert!(!site.path().join("public/vendors/borrador-total").exists());
}

#[test]
fn vendor_page_shows_story_contact_booth_payment_and_products() {
    let site = built();
    let v = site.page("vendors/huevos-andrea/index.html");
    assert!(v.contains("<h1>Huevos de Codorniz Andrea</h1>"));
    assert!(
        v.contains("<p class=\"owner\">A cargo de Andrea</p>"),
        "the owner's first name, on a line of its own"
    );
    assert!(v.contains("B-12"));
    assert!(
        v.contains("href=\"https://wa.me/51987654321?text=Hola%20Andrea"),
        "WhatsApp click-to-chat"
    );
    assert!(v.contains("https://www.instagram.com/huevos.andrea"));
    assert!(v.contains("https://www.facebook.com/huevosandrea"));
    assert!(v.contains("https://www.tiktok.com/@huevos.andrea"));
    assert!(v.contains("mailto:andrea@example.org"));
    assert!(v.contains(">Yape<") && v.contains(">Plin<") && v.contains(">Efectivo<"));
    assert!(
        v.contains("<strong>tres años</strong>"),
        "about.md rendered"
    );
    assert!(
        v.contains("<h2>Mi historia</h2>"),
        "vendor headings demoted below the page h1"
    );
    assert!(v.contains("Huevos encurtidos"));
    assert!(
        !v.contains("Producto en preparación"),
        "draft product published"
    );
}

#[test]
fn vendor_markdown_is_sanitized() {
    let site = built();
    let v = site.page("vendors/huevos-andrea/index.html");
    let about = &v[v.find("Mi historia").unwrap()..];
    for bad in [
        "<script>alert",
        "alert(\"xss\")",
        "onerror",
        "onclick",
        "tracker.example",
        "href=\"javascript:",
    ] {
        assert!(!about.contains(bad), "{bad} survived:\n{about}");
    }
    assert!(about.contains("href=\"https://example.org\""));
}

#[test]
fn product_page_shows_photos_price_availability_and_how_to_order() {
    let site = built();
    let p = site.page("vendors/huevos-andrea/huevos-docena/index.html");
    assert!(p.contains("<h1>Huevos de codorniz (docena)</h1>"));
    assert!(p.contains("S/ 6.50"));
    assert!(p.contains("por docena"));
    assert!(p.contains("<strong>Pedidos por WhatsApp.</strong>"));
    // WhatsApp message names the product.
    assert!(p.contains("https://wa.me/51987654321?text=Hola%20Andrea%2C%20vi%20%C2%ABHuevos%20de%20codorniz%20%28docena%29%C2%BB"), "{p}");
    // Responsive photo: every rendition, never wider than the 800 px original, with its size.
    assert!(p.contains("-320.webp 320w"), "{p}");
    assert!(p.contains("-640.webp 640w"));
    assert!(
        p.contains("-800.webp 800w"),
        "original width kept as the largest rendition"
    );
    assert!(!p.contains("-1280."), "upscaled");
    // The JPEG for a browser without WebP: phone-sized, and really there.
    let picture = &p[p.find("<picture>").unwrap()..];
    let jpeg = picture
        .split("<img src=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert!(jpeg.ends_with("-640.jpg"), "{jpeg}");
    assert!(site.path().join("public").join(&jpeg[1..]).is_file());
    assert!(p.contains("width=\"800\" height=\"600\""));
    assert!(p.contains("sizes=\""));
    assert!(p.contains("alt=\"Una docena de huevos de codorniz en una canasta\""));

    let out = site.page("vendors/huevos-andrea/huevos-encurtidos/index.html");
    assert!(out.contains("Agotado"));
    assert!(out.contains("Precio a consultar"));

    let s = site.page("vendors/cafe-dona-rosa/servilleta-bordada/index.html");
    assert!(s.contains("S/ 12.00"), "integer price");
    assert!(s.contains("href=\"/categories/textiles/\""));
}

#[test]
fn category_pages_list_their_products() {
    let site = built();
    let a = site.page("categories/alimentos/index.html");
    assert!(a.contains("Huevos de codorniz (docena)"));
    assert!(a.contains("Café tostado de Villa Rica"));
    assert!(!a.contains("Servilleta bordada"));
    let t = site.page("categories/textiles/index.html");
    assert!(t.contains("Servilleta bordada"));
    assert!(!t.contains("Huevos encurtidos"));
}

#[test]
fn search_404_and_sitemap_exist() {
    let site = built();
    let s = site.page("search/index.html");
    assert!(
        s.contains("<noscript>"),
        "search explains itself without JavaScript"
    );
    assert!(s.contains("href=\"/categories/alimentos/\""));
    // The search index: an entry point naming the shards, products 16 a file.
    let meta: serde_json::Value = serde_json::from_str(&site.page("search/index.json")).unwrap();
    assert_eq!(meta["lang"], "es");
    let dh = meta["dh"][0].as_str().unwrap();
    let th = meta["th"][0].as_str().unwrap();
    assert_eq!(
        meta["shards"],
        serde_json::json!([""]),
        "a small fair has one shard"
    );
    let docs = site.page(&format!("search/d/0.{dh}.json"));
    assert!(docs.contains("\"Café tostado de Villa Rica\""), "{docs}");
    let terms: Vec<serde_json::Value> =
        serde_json::from_str(&site.page(&format!("search/t/p.{th}.json"))).unwrap();
    let term = |w: &str| terms.iter().find(|t| t[0] == w).cloned();
    // Folded, with the accented form remembered; stop words left out.
    let cafe = term("cafe").expect("cafe indexed");
    assert!(cafe[3]["café"].is_array(), "{cafe}");
    assert!(term("de").is_none() && term("la").is_none());
    // The product's name is its strongest field.
    let fields = cafe[2].as_array().unwrap().iter().skip(1).step_by(2);
    assert!(
        fields.map(|f| f.as_u64().unwrap()).any(|f| f & 16 != 0),
        "{cafe}"
    );
    assert!(site.page("404.html").contains("href=\"/\""));
    let map = site.page("sitemap.xml");
    for url in [
        "<loc>https://feria.example.org/</loc>",
        "<loc>https://feria.example.org/vendors/huevos-andrea/</loc>",
        "<loc>https://feria.example.org/vendors/huevos-andrea/huevos-docena/</loc>",
        "<loc>https://feria.example.org/categories/textiles/</loc>",
    ] {
        assert!(map.contains(url), "{url} missing in\n{map}");
    }
    assert!(!map.contains("404"));
}

#[test]
fn photos_are_reencoded_without_metadata_and_originals_never_copied() {
    let site = built();
    let originals = site.snapshot("content");
    let output = site.snapshot("public");
    let (mut jpgs, mut webps) = (0, 0);
    for (name, bytes) in &output {
        assert!(
            !originals.values().any(|o| o == bytes),
            "{name} is a copy of an original"
        );
        if name.ends_with(".jpg") || name.ends_with(".webp") {
            let img = image::load_from_memory(bytes).unwrap();
            assert!(img.width() <= 1280);
            assert_eq!(metadata_blocks(bytes), Vec::<String>::new(), "{name}");
            if name.ends_with(".jpg") {
                jpgs += 1;
            } else {
                webps += 1;
            }
        }
        assert!(!name.ends_with(".png"), "{name}: PNG original published");
    }
    assert!(jpgs >= 4 && jpgs == webps, "{jpgs} JPEG, {webps} WebP");
    // The transparent 200×200 PNG logo is flattened onto white, not black.
    let logo = output
        .iter()
        .find(|(n, _)| n.starts_with("img/huevos-andrea/") && n.ends_with("-200.jpg"))
        .expect("logo rendition");
    let img = image::load_from_memory(logo.1).unwrap().to_rgb8();
    let corner = img.get_pixel(2, 2).0;
    assert!(corner.iter().all(|&c| c > 240), "corner {corner:?}");
}

#[test]
fn pages_request_nothing_from_other_hosts() {
    let site = built();
    let mut pages = 0;
    for (name, bytes) in site.snapshot("public") {
        if !name.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8(bytes).unwrap();
        for attr in [
            "src=\"http",
            "srcset=\"http",
            "<link rel=\"stylesheet\" href=\"http",
            "url(http",
            "@import",
        ] {
            assert!(
                !html.contains(attr),
                "{name} loads from another host: {attr}"
            );
        }
    }
    assert!(pages >= 10, "only {pages} pages looked at");
    let css = site.page("style.css");
    assert!(!css.contains("url(http") && !css.contains("@import"));
}

#[test]
fn english_fair_uses_english_strings_and_dates() {
    let site = TestSite::fixture("full_fair");
    let fair = std::fs::read_to_string(site.path().join("content/fair.toml")).unwrap();
    site.write(
        "content/fair.toml",
        fair.replace("language = \"es\"", "language = \"en\""),
    );
    site.build_ok();
    let home = site.page("index.html");
    assert!(home.contains("<html lang=\"en\">"));
    assert!(home.contains("December 5–7, 2026"), "English date");
    let p = site.page("vendors/huevos-andrea/huevos-encurtidos/index.html");
    assert!(p.contains("Price on request"), "{p}");
}

#[test]
fn base_url_override_moves_every_link_under_a_subpath() {
    let site = TestSite::fixture("full_fair");
    let r = site.run(&["build", "--base-url", "https://ong.example.org/feria/"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let home = site.page("index.html");
    assert!(home.contains("href=\"/feria/vendors/huevos-andrea/\""));
    assert!(home.contains("href=\"/feria/style.css\""));
    assert!(site
        .page("sitemap.xml")
        .contains("<loc>https://ong.example.org/feria/vendors/huevos-andrea/</loc>"));
}

/// The search files of the output, by name.
fn search_files(site: &TestSite) -> std::collections::BTreeSet<String> {
    site.snapshot("public/search").into_keys().collect()
}

#[test]
fn a_product_edit_renames_only_the_search_files_it_touches() {
    let site = TestSite::fixture("full_fair");
    site.build_ok();
    let before = search_files(&site);
    // Every file the entry point names exists, named by the hash of its own bytes.
    let meta: serde_json::Value = serde_json::from_str(&site.page("search/index.json")).unwrap();
    let mut named = vec![format!("f.{}.json", meta["fh"].as_str().unwrap())];
    for (prefix, h) in meta["shards"]
        .as_array()
        .unwrap()
        .iter()
        .zip(meta["th"].as_array().unwrap())
    {
        let hex: String = prefix
            .as_str()
            .unwrap()
            .bytes()
            .map(|b| format!("{b:02x}"))
            .collect();
        named.push(format!("t/p{hex}.{}.json", h.as_str().unwrap()));
    }
    for (n, h) in meta["dh"].as_array().unwrap().iter().enumerate() {
        named.push(format!("d/{n}.{}.json", h.as_str().unwrap()));
    }
    for name in &named {
        let bytes = std::fs::read(site.path().join("public/search").join(name)).unwrap();
        let hash = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&bytes));
        assert!(name.contains(&format!(".{}.json", &hash[..6])), "{name}");
    }
    // ... and nothing else: the page itself and the entry point.
    assert_eq!(before.len(), named.len() + 2, "{before:?}");

    // A new word in one description: the entry point and that word's shard change; the
    // product files and the filters do not (what results show did not change).
    let product = "content/vendors/huevos-andrea/products/huevos-docena.md";
    let text = std::fs::read_to_string(site.path().join(product)).unwrap();
    site.write(product, format!("{text}\nTambién codornices.\n"));
    site.build_ok();
    let after = search_files(&site);
    let changed: Vec<_> = after.symmetric_difference(&before).collect();
    assert!(
        changed.iter().all(|f| f.starts_with("t/")) && changed.len() == 2,
        "{changed:?}"
    );
}

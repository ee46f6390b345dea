//! The editor over HTTP: each guard of THREAT_MODEL.md's "The editor" section, and that a
//! refused request writes nothing.

use std::fs;

use super::{codes, Editing, Part};
use crate::prelude::*;

const ANDREA: &str = "huevos-andrea";
const ROSA: &str = "cafe-dona-rosa";
const ANDREA_TOML: &str = "content/vendors/huevos-andrea/vendor.toml";
const EGGS: &str = "content/vendors/huevos-andrea/products/huevos-docena.md";

fn setup() -> (
    TestSite,
    std::collections::BTreeMap<String, String>,
    Editing,
) {
    let site = TestSite::fixture("full_fair");
    let codes = codes(&site);
    let ed = Editing::start(&site);
    (site, codes, ed)
}

fn read(site: &TestSite, rel: &str) -> Vec<u8> {
    fs::read(site.path().join(rel)).unwrap()
}

#[test]
fn a_code_link_opens_her_session_and_takes_the_code_out_of_the_address() {
    let (_site, codes, ed) = setup();
    let mut phone = ed.phone();
    let r = phone.get(&format!("/__vitrina/edit/login?code={}", codes[ANDREA]));
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location").as_deref(), Some("/__vitrina/edit/"));
    let cookie = r.header("set-cookie").unwrap();
    assert!(cookie.contains("httponly"), "{cookie}");
    assert!(cookie.contains("samesite=lax"), "{cookie}");
    assert!(cookie.contains("path=/__vitrina/edit/"), "{cookie}");
    assert!(!cookie.contains("secure"), "plain HTTP: {cookie}");
    let home = phone.get("/__vitrina/edit/");
    assert_eq!(home.status, 303);
    assert_eq!(
        home.header("location").as_deref(),
        Some("/__vitrina/edit/v/huevos-andrea/")
    );
    let page = phone.get("/__vitrina/edit/v/huevos-andrea/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Huevos de codorniz (docena)"));
    assert_eq!(page.header("cache-control").as_deref(), Some("no-store"));
    // Typed with spaces and in lower case, the code works too.
    let typed = codes[ANDREA].to_lowercase().replace('-', " ");
    let mut other = ed.phone();
    let r = other.post("/__vitrina/edit/login", &[Part::Text("code", &typed)]);
    assert_eq!(r.status, 303, "{}", r.text());
}

#[test]
fn wrong_malformed_and_renewed_codes_get_403_and_a_page_that_says_what_to_do() {
    let (site, codes, ed) = setup();
    for bad in ["K7QX-M2PA-9RTD", "x", "%00%2e%2e", ""] {
        let r = ed.phone().get(&format!("/__vitrina/edit/login?code={bad}"));
        assert_eq!(r.status, 403, "{bad}");
        assert!(r.text().contains("pide a quien organiza"), "{}", r.text());
        assert!(r.header("set-cookie").is_none());
    }
    // Renewed while the editor runs: the old code and its open session stop at once.
    let mut phone = ed.logged_in(&codes[ANDREA]);
    assert_eq!(phone.get("/__vitrina/edit/v/huevos-andrea/").status, 200);
    let run = site.run(&["access", "--renew", ANDREA]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let r = phone.get("/__vitrina/edit/v/huevos-andrea/");
    assert_eq!(r.status, 403);
    assert!(r.text().contains("Tu código cambió"), "{}", r.text());
    let r = ed
        .phone()
        .get(&format!("/__vitrina/edit/login?code={}", codes[ANDREA]));
    assert_eq!(r.status, 403);
}

#[test]
fn guessing_is_slowed_for_the_guesser_only() {
    let (_site, codes, ed) = setup();
    let statuses: Vec<u16> = (0..20)
        .map(|i| {
            ed.phone()
                .get(&format!("/__vitrina/edit/login?code=AAAA-BBBB-{i:04}"))
                .status
        })
        .collect();
    assert!(statuses[..10].iter().all(|s| *s == 403), "{statuses:?}");
    assert!(statuses[10..].iter().all(|s| *s == 429), "{statuses:?}");
    // Even her right code waits now, from that address (all test phones share 127.0.0.1).
    let r = ed
        .phone()
        .get(&format!("/__vitrina/edit/login?code={}", codes[ANDREA]));
    assert_eq!(r.status, 429);
    assert!(r.text().contains("Espera un minuto"), "{}", r.text());
}

#[test]
fn a_session_reaches_only_its_own_vendor() {
    let (site, codes, ed) = setup();
    let mut rosa = ed.logged_in(&codes[ROSA]);
    let own = rosa.get("/__vitrina/edit/v/cafe-dona-rosa/entry");
    assert_eq!(own.status, 200);
    let csrf = own.field("csrf");
    let before = site.snapshot("content");
    for path in [
        "/__vitrina/edit/v/huevos-andrea/",
        "/__vitrina/edit/v/huevos-andrea/entry",
        "/__vitrina/edit/v/huevos-andrea/p/huevos-docena",
        "/__vitrina/edit/v/huevos-andrea/photo/huevos.jpg",
        "/__vitrina/edit/v/huevos-andrea/history?file=entry",
        "/__vitrina/edit/v/huevos-andrea/bin",
        "/__vitrina/edit/v/..%2f..%2fcontent/entry",
        "/__vitrina/edit/desk",
    ] {
        let r = rosa.get(path);
        assert_eq!(r.status, 403, "GET {path}: {}", r.text());
        assert!(
            !r.text().contains("Huevos frescos"),
            "{path} leaked her text"
        );
    }
    for path in [
        "/__vitrina/edit/v/huevos-andrea/entry",
        "/__vitrina/edit/v/huevos-andrea/p/huevos-docena",
        "/__vitrina/edit/v/huevos-andrea/p/huevos-docena/do",
        "/__vitrina/edit/v/huevos-andrea/new",
        "/__vitrina/edit/desk/booth",
        "/__vitrina/edit/desk/cards",
        "/__vitrina/edit/desk/vendor",
    ] {
        let r = rosa.post(
            path,
            &[
                Part::Text("csrf", &csrf),
                Part::Text("name", "Robado"),
                Part::Text("do", "delete"),
                Part::Text("vendor", ANDREA),
                Part::Text("booth", "Z-1"),
            ],
        );
        assert_eq!(r.status, 403, "POST {path}");
    }
    assert_eq!(site.snapshot("content"), before, "something was written");
    assert!(
        !site.path().join(".vitrina/history").exists() || {
            fs::read_dir(site.path().join(".vitrina/history"))
                .unwrap()
                .count()
                == 0
        }
    );
}

#[test]
fn without_a_session_nothing_is_shown_or_changed() {
    let (site, _codes, ed) = setup();
    let before = site.snapshot("content");
    let mut stranger = ed.phone();
    for path in [
        "/__vitrina/edit/v/huevos-andrea/",
        "/__vitrina/edit/v/huevos-andrea/entry",
        "/__vitrina/edit/desk",
    ] {
        let r = stranger.get(path);
        assert_eq!(r.status, 403, "{path}");
        assert!(r.text().contains("código"), "{path}: the login form");
    }
    let r = stranger.post(
        "/__vitrina/edit/v/huevos-andrea/entry",
        &[Part::Text("name", "X")],
    );
    assert_eq!(r.status, 403);
    // A made-up cookie is no session either.
    stranger.cookie = Some("0123456789abcdef".into());
    assert_eq!(stranger.get("/__vitrina/edit/v/huevos-andrea/").status, 403);
    assert_eq!(site.snapshot("content"), before);
}

#[test]
fn a_foreign_origin_a_missing_origin_a_wrong_token_or_host_write_nothing() {
    let (site, codes, ed) = setup();
    let mut andrea = ed.logged_in(&codes[ANDREA]);
    let form = andrea.get("/__vitrina/edit/v/huevos-andrea/p/huevos-docena");
    let (csrf, hash) = (form.field("csrf"), form.field("hash"));
    let before = read(&site, EGGS);
    let save = |phone: &mut super::Phone, csrf: &str| {
        phone.post(
            "/__vitrina/edit/v/huevos-andrea/p/huevos-docena",
            &[
                Part::Text("csrf", csrf),
                Part::Text("hash", &hash),
                Part::Text("name", "Huevos de codorniz (docena)"),
                Part::Text("price", "1"),
                Part::Text("available", "on"),
            ],
        )
    };
    andrea.origin = Some("http://evil.example".into());
    let r = save(&mut andrea, &csrf);
    assert_eq!(r.status, 403);
    assert!(r.text().contains("no viene del editor"), "{}", r.text());
    andrea.origin = None;
    assert_eq!(save(&mut andrea, &csrf).status, 403);
    andrea.origin = Some(ed.origin());
    assert_eq!(save(&mut andrea, "not-the-token").status, 403);
    assert_eq!(save(&mut andrea, "").status, 403);
    assert_eq!(read(&site, EGGS), before, "a refused save wrote");
    // A page reached by another name (DNS rebinding) is refused whatever it asks.
    let r = andrea.send(
        "GET",
        "/__vitrina/edit/v/huevos-andrea/",
        &[("Host", "evil.example")],
        None,
    );
    assert_eq!(r.status, 403);
    // And the same save from her own page goes through.
    let r = save(&mut andrea, &csrf);
    assert_eq!(r.status, 303, "{}", r.text());
    assert_ne!(read(&site, EGGS), before);
}

#[test]
fn a_price_change_touches_one_line_and_shows_on_her_page() {
    let (site, codes, ed) = setup();
    let mut andrea = ed.logged_in(&codes[ANDREA]);
    let form = andrea.get("/__vitrina/edit/v/huevos-andrea/p/huevos-docena");
    assert!(form.text().contains("Precio"));
    let before = String::from_utf8(read(&site, EGGS)).unwrap();
    let r = andrea.post(
        "/__vitrina/edit/v/huevos-andrea/p/huevos-docena",
        &[
            Part::Text("csrf", &form.field("csrf")),
            Part::Text("hash", &form.field("hash")),
            Part::Text("name", "Huevos de codorniz (docena)"),
            Part::Text("price", "S/ 7,50"),
            Part::Text("price_note", "por docena"),
            Part::Text("tags", "orgánico, granja"),
            Part::Text("available", "on"),
            Part::Text(
                "description",
                "Huevos frescos recogidos cada mañana. **Pedidos por WhatsApp.**\n",
            ),
            Part::Text("photos.0.file", "huevos.jpg"),
            Part::Text(
                "photos.0.alt",
                "Una docena de huevos de codorniz en una canasta",
            ),
        ],
    );
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(
        r.header("location").as_deref(),
        Some("/vendors/huevos-andrea/huevos-docena/")
    );
    let after = String::from_utf8(read(&site, EGGS)).unwrap();
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed, [("price = 6.50", "price = 7.5")], "{after}");
    assert_eq!(before.lines().count(), after.lines().count());
    // The preview shows it (the save waited for the build).
    let page = ed
        .phone()
        .get("/vendors/huevos-andrea/huevos-docena/")
        .text();
    assert!(page.contains("S/ 7.50"), "{page}");
    // The replaced version is kept, and can be put back.
    let history = andrea.get("/__vitrina/edit/v/huevos-andrea/history?file=p:huevos-docena");
    assert_eq!(history.status, 200);
    let id = history.field("id");
    let r = andrea.post(
        "/__vitrina/edit/v/huevos-andrea/history",
        &[
            Part::Text("csrf", &history.field("csrf")),
            Part::Text("file", "p:huevos-docena"),
            Part::Text("id", &id),
        ],
    );
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(String::from_utf8(read(&site, EGGS)).unwrap(), before);
}

#[test]
fn an_empty_name_or_a_stale_form_writes_nothing_and_says_why() {
    let (site, codes, ed) = setup();
    let mut andrea = ed.logged_in(&codes[ANDREA]);
    let form = andrea.get("/__vitrina/edit/v/huevos-andrea/entry");
    let (csrf, hash) = (form.field("csrf"), form.field("hash"));
    let before = read(&site, ANDREA_TOML);
    let r = andrea.post(
        "/__vitrina/edit/v/huevos-andrea/entry",
        &[
            Part::Text("csrf", &csrf),
            Part::Text("hash", &hash),
            Part::Text("name", ""),
            Part::Text("categories", "alimentos"),
        ],
    );
    assert_eq!(r.status, 422);
    let text = r.text();
    // The message sits next to the name field.
    let field = text.find("id=\"f-name\"").unwrap();
    let error = text
        .find("id=\"e-name\"")
        .expect("an error next to the name");
    assert!(error > field && error - field < 600, "{text}");
    assert_eq!(read(&site, ANDREA_TOML), before);

    // Someone else changes the file meanwhile: her save is refused, both versions shown.
    let theirs = String::from_utf8(before.clone())
        .unwrap()
        .replace("Huevos frescos de granja familiar", "Cambiado en la laptop");
    fs::write(site.path().join(ANDREA_TOML), &theirs).unwrap();
    let r = andrea.post(
        "/__vitrina/edit/v/huevos-andrea/entry",
        &[
            Part::Text("csrf", &csrf),
            Part::Text("hash", &hash),
            Part::Text("name", "Huevos de Codorniz Andrea"),
            Part::Text("tagline", "Mi frase nueva"),
            Part::Text("categories", "alimentos"),
        ],
    );
    assert_eq!(r.status, 409);
    let text = r.text();
    assert!(
        text.contains("Cambiado en la laptop"),
        "their version shown"
    );
    assert!(text.contains("Mi frase nueva"), "hers kept in the form");
    assert_eq!(
        fs::read_to_string(site.path().join(ANDREA_TOML)).unwrap(),
        theirs
    );
    // Keeping hers: the form now carries the new hash.
    let r2 = andrea.post(
        "/__vitrina/edit/v/huevos-andrea/entry",
        &[
            Part::Text("csrf", &csrf),
            Part::Text("hash", &r.field("hash")),
            Part::Text("name", "Huevos de Codorniz Andrea"),
            Part::Text("tagline", "Mi frase nueva"),
            Part::Text("categories", "alimentos"),
        ],
    );
    assert_eq!(r2.status, 303, "{}", r2.text());
    assert!(fs::read_to_string(site.path().join(ANDREA_TOML))
        .unwrap()
        .contains("tagline = \"Mi frase nueva\""));
}

/// A JPEG from a phone held upright: pixels stored sideways (EXIF orientation 6) and GPS tags.
pub fn phone_photo() -> Vec<u8> {
    use image::{Rgb, RgbImage};
    // Stored 96×64: left half red, right half blue. Shown (rotated 90° clockwise): 64×96,
    // red on top.
    let img = RgbImage::from_fn(96, 64, |x, _| {
        if x < 48 {
            Rgb([220, 30, 30])
        } else {
            Rgb([30, 40, 210])
        }
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 95)
        .encode_image(&img)
        .unwrap();
    // TIFF: IFD0 = Orientation 6 + GPS IFD pointer; GPS IFD = GPSLatitudeRef "S".
    let mut t = Vec::new();
    t.extend_from_slice(b"II*\0");
    t.extend_from_slice(&8u32.to_le_bytes());
    t.extend_from_slice(&2u16.to_le_bytes());
    t.extend_from_slice(&0x0112u16.to_le_bytes());
    t.extend_from_slice(&3u16.to_le_bytes());
    t.extend_from_slice(&1u32.to_le_bytes());
    t.extend_from_slice(&6u16.to_le_bytes());
    t.extend_from_slice(&[0, 0]);
    t.extend_from_slice(&0x8825u16.to_le_bytes());
    t.extend_from_slice(&4u16.to_le_bytes());
    t.extend_from_slice(&1u32.to_le_bytes());
    t.extend_from_slice(&38u32.to_le_bytes()); // GPS IFD at 8 + 2 + 24 + 4
    t.extend_from_slice(&0u32.to_le_bytes());
    t.extend_from_slice(&1u16.to_le_bytes());
    t.extend_from_slice(&0x0001u16.to_le_bytes()); // GPSLatitudeRef
    t.extend_from_slice(&2u16.to_le_bytes()); // ASCII
    t.extend_from_slice(&2u32.to_le_bytes());
    t.extend_from_slice(b"S\0\0\0");
    t.extend_from_slice(&0u32.to_le_bytes());
    t.extend_from_slice(b"GPS-MARK-12.0464S-77.0428W");
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&t);
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

#[test]
fn a_phone_photo_is_stored_upright_without_gps_under_a_name_vitrina_chooses() {
    let (site, codes, ed) = setup();
    let mut andrea = ed.logged_in(&codes[ANDREA]);
    let form = andrea.get("/__vitrina/edit/v/huevos-andrea/new");
    let fair_before = read(&site, "content/fair.toml");
    let photo = phone_photo();
    assert!(photo.windows(8).any(|w| w == b"GPS-MARK"));
    let r = andrea.post(
        "/__vitrina/edit/v/huevos-andrea/new",
        &[
            Part::Text("csrf", &form.field("csrf")),
            Part::Text("hash", ""),
            Part::Text("name", "Huevos rosados"),
            Part::Text("price", "8"),
            Part::Text("available", "on"),
            Part::File("photo_upload", "../../fair.toml", &photo),
            Part::Text("photo_alt", "Huevos rosados en una canasta roja"),
        ],
    );
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(read(&site, "content/fair.toml"), fair_before);
    let product = fs::read_to_string(
        site.path()
            .join("content/vendors/huevos-andrea/products/huevos-rosados.md"),
    )
    .unwrap();
    assert!(
        product.contains("Huevos rosados en una canasta roja"),
        "{product}"
    );
    let photos = site.path().join("content/vendors/huevos-andrea/photos");
    let new: Vec<String> = fs::read_dir(&photos)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !["huevos.jpg", "logo.png", "puesto.jpg"].contains(&n.as_str()))
        .collect();
    assert_eq!(new.len(), 1, "{new:?}");
    assert!(
        new[0].starts_with("huevos-rosados") && new[0].ends_with(".jpg"),
        "{new:?}"
    );
    assert!(product.contains(&format!("photos/{}", new[0])), "{product}");
    let stored = fs::read(photos.join(&new[0])).unwrap();
    assert!(
        metadata_blocks(&stored).is_empty(),
        "{:?}",
        metadata_blocks(&stored)
    );
    assert!(!stored.windows(8).any(|w| w == b"GPS-MARK"));
    let img = image::load_from_memory(&stored).unwrap().to_rgb8();
    assert_eq!((img.width(), img.height()), (64, 96), "upright");
    let top = img.get_pixel(32, 10).0;
    assert!(top[0] > 150 && top[2] < 100, "red on top: {top:?}");
    // The photo and the product that shows it were built once, together: never a build of the
    // photo alone first, which the product's build would wait behind.
    let log = ed.log();
    let builds: Vec<&str> = log.lines().filter(|l| l.starts_with("Cambió:")).collect();
    assert!(
        builds
            .iter()
            .any(|l| l.contains(&new[0]) && l.contains("products/huevos-rosados.md")),
        "{log}"
    );
    assert!(
        !builds
            .iter()
            .any(|l| l.contains(&new[0]) && !l.contains("products/huevos-rosados.md")),
        "{log}"
    );
    // The page shows it; nothing in the output carries the GPS text either.
    let page = ed
        .phone()
        .get("/vendors/huevos-andrea/huevos-rosados/")
        .text();
    assert!(
        page.contains("Huevos rosados en una canasta roja"),
        "{page}"
    );
    let served = site.path().join(".vitrina-serve/site");
    for entry in walkdir::WalkDir::new(&served) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let bytes = fs::read(entry.path()).unwrap();
            assert!(
                !bytes.windows(8).any(|w| w == b"GPS-MARK"),
                "{:?}",
                entry.path()
            );
        }
    }
}

#[test]
fn bad_uploads_are_refused_with_what_to_do_and_nothing_is_written() {
    let (site, codes, ed) = setup();
    let mut andrea = ed.logged_in(&codes[ANDREA]);
    let form = andrea.get("/__vitrina/edit/v/huevos-andrea/new");
    let csrf = form.field("csrf");
    let before = site.snapshot("content");
    let mut heic = vec![0, 0, 0, 24];
    heic.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
    heic.extend_from_slice(&[0; 64]);
    let png = crate::photos::png_claiming(60_000, 60_000);
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("heic", heic, "JPEG"),
        ("zero", Vec::new(), "vac"),
        ("text", b"hola, esto no es una foto".to_vec(), "foto"),
        ("huge", png, "grande"),
    ];
    for (what, bytes, says) in &cases {
        let r = andrea.post(
            "/__vitrina/edit/v/huevos-andrea/new",
            &[
                Part::Text("csrf", &csrf),
                Part::Text("name", "Con foto"),
                Part::File("photo_upload", "foto.jpg", bytes),
            ],
        );
        assert_eq!(r.status, 422, "{what}: {}", r.text());
        let text = r.text();
        assert!(text.contains("id=\"e-photo\""), "{what}: {text}");
        assert!(text.contains(says), "{what} should say {says:?}: {text}");
        // With the photo script, the same answer as JSON.
        let json = andrea.post_with(
            "/__vitrina/edit/v/huevos-andrea/new",
            &[
                Part::Text("csrf", &csrf),
                Part::Text("name", "Con foto"),
                Part::File("photo_upload", "foto.jpg", bytes),
            ],
            &[("Accept", "application/json")],
        );
        assert_eq!(json.status, 422, "{what}");
        let v: serde_json::Value = serde_json::from_slice(&json.body).unwrap();
        assert_eq!(v["ok"], false);
        assert!(v["message"].as_str().unwrap().contains(says), "{what}: {v}");
    }
    // 40 MB: over the limit, refused before it is all read.
    let big = vec![0xFFu8; 40 * 1024 * 1024];
    let r = andrea.post(
        "/__vitrina/edit/v/huevos-andrea/new",
        &[
            Part::Text("csrf", &csrf),
            Part::Text("name", "Grande"),
            Part::File("photo_upload", "grande.jpg", &big),
        ],
    );
    assert_eq!(r.status, 413, "{}", r.text());
    assert!(r.text().contains("30 MB"), "{}", r.text());
    assert_eq!(site.snapshot("content"), before, "a refused upload wrote");
    // And the server is still there.
    assert_eq!(andrea.get("/__vitrina/edit/v/huevos-andrea/").status, 200);
}

#[test]
fn editor_pages_are_never_in_the_output_or_cached() {
    let (site, codes, ed) = setup();
    let mut andrea = ed.logged_in(&codes[ANDREA]);
    let r = andrea.get("/__vitrina/edit/v/huevos-andrea/entry");
    assert_eq!(r.header("cache-control").as_deref(), Some("no-store"));
    assert!(r.header("content-security-policy").is_some());
    // `no-referrer` would make browsers send `Origin: null` on the editor's own forms.
    assert_eq!(r.header("referrer-policy").as_deref(), Some("same-origin"));
    assert!(r
        .text()
        .contains("<meta name=\"referrer\" content=\"same-origin\">"));
    let built = site.build_ok();
    assert_eq!(built.code, 0);
    assert!(!site.path().join("public/__vitrina").exists());
    let sw = fs::read_to_string(site.path().join("public/sw.js")).unwrap();
    assert!(
        sw.contains("__vitrina/"),
        "the service worker leaves the editor alone"
    );
    // The private folder is not published and not inside content/.
    assert!(site.path().join(".vitrina").is_dir());
    assert!(!site.path().join("public/.vitrina").exists());
    assert!(!site.path().join("content/.vitrina").exists());
}

#[test]
fn a_form_that_is_not_one_and_hostile_markdown_change_nothing_and_run_nothing() {
    let (site, codes, ed) = setup();
    let mut andrea = ed.logged_in(&codes[ANDREA]);
    let form = andrea.get("/__vitrina/edit/v/huevos-andrea/p/huevos-docena");
    let before = site.snapshot("content");
    // Not multipart, and multipart cut short: a page that says so, nothing written.
    let r = andrea.send(
        "POST",
        "/__vitrina/edit/v/huevos-andrea/p/huevos-docena",
        &[],
        Some(("text/plain".into(), b"name=x".to_vec())),
    );
    assert_eq!(r.status, 400, "{}", r.text());
    assert!(r.text().contains("No se pudo leer"), "{}", r.text());
    let r = andrea.send(
        "POST",
        "/__vitrina/edit/v/huevos-andrea/p/huevos-docena",
        &[],
        Some((
            "multipart/form-data; boundary=xyz".into(),
            b"--xyz\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc".to_vec(),
        )),
    );
    assert!(r.status == 400 || r.status == 403, "{}", r.status);
    assert_eq!(site.snapshot("content"), before);
    // The preview of a description with a script shows the text, never the script.
    let hostile = "Hola <script>alert('x')</script><img src=x onerror=alert(1)> **rico**";
    let r = andrea.post(
        "/__vitrina/edit/v/huevos-andrea/p/huevos-docena",
        &[
            Part::Text("csrf", &form.field("csrf")),
            Part::Text("hash", &form.field("hash")),
            Part::Text("name", "Huevos de codorniz (docena)"),
            Part::Text("description", hostile),
            Part::Text("action", "preview"),
        ],
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let text = r.text();
    let preview = &text[text.find("class=\"preview\"").expect("a preview")..];
    let preview = &preview[..preview.find("</section>").unwrap()];
    assert!(preview.contains("<strong>rico</strong>"), "{preview}");
    assert!(
        !preview.contains("<script") && !preview.contains("onerror"),
        "{preview}"
    );
    assert_eq!(site.snapshot("content"), before, "a preview writes nothing");
}

#[test]
fn a_damaged_codes_file_stops_edit_before_serving_with_what_to_do() {
    let site = TestSite::fixture("full_fair");
    codes(&site);
    site.write(
        ".vitrina/access.toml",
        "esto [no es = un archivo de códigos",
    );
    let run = site.run(&["edit", "--port", "0"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("no entiendo"), "{}", run.stderr);
    assert!(run.stderr.contains("access.toml"), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "nothing served: {}", run.stdout);
}

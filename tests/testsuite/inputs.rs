//! Inputs people really produce (issue 17, point 7): curly quotes from a phone keyboard, files
//! saved by Windows Notepad (UTF-16, a UTF-8 byte-order mark, CRLF line ends, tabs), one name
//! stored two ways by a Mac and by Windows, scripts pasted into a description, and inputs far
//! larger than any fair needs (a 10 MB description, 1,000 photos, 10,000 nested lists, a
//! 5,000-character name): each builds in bounded time or is refused with a message saying what
//! to do, in Spanish and English.
//!
//! The sites are `tests/fixtures/inputs` (a fair with one category, no vendor) with the vendor
//! files each test needs written into it.

use std::time::{Duration, Instant};

use crate::prelude::TestSite;

/// A product file: `name`, then the markdown `body`.
fn product(name: &str, body: &str) -> String {
    format!("+++\nname = \"{name}\"\nprice = 3.5\n+++\n{body}\n")
}

/// The fair of `tests/fixtures/inputs` with vendor `dir` (its `vendor.toml` named `name`).
fn site_with_vendor(dir: &str, name: &str) -> TestSite {
    let site = TestSite::fixture("inputs");
    site.write(
        &format!("content/vendors/{dir}/vendor.toml"),
        format!("name = \"{name}\"\ncategories = [\"alimentos\"]\n"),
    );
    site
}

/// `text` as Windows Notepad saves "Unicode" (UTF-16 with its byte-order mark).
fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut bytes = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        bytes.extend(if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    bytes
}

#[test]
fn curly_quotes_are_named_and_the_line_shown_with_straight_ones() {
    let site = TestSite::fixture("invalid/curly_quotes");
    for (lang, said) in [("es", "comillas curvas"), ("en", "curly quotes")] {
        let r = site.run(&["check", "--lang", lang]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(
            !r.stderr.contains("expected literal string"),
            "{}",
            r.stderr
        );
        assert_eq!(r.stderr.matches(said).count(), 5, "{}", r.stderr);
        for (file, line) in [
            ("content/fair.toml:1:", "title = \"Feria de Prueba\""),
            (
                "content/vendors/ana/vendor.toml:2:",
                "tagline = \"Dulces caseros de la abuela\"",
            ),
            (
                "content/vendors/ana/vendor.toml:3:",
                "categories = [\"alimentos\"]",
            ),
            (
                "content/vendors/ana/products/alfajores.md:2:",
                "name = \"Alfajores de Ana’s\"",
            ),
            ("content/vendors/rosa/vendor.toml:1:", "name = 'Rosa'"),
        ] {
            assert!(r.stderr.contains(file), "{file} not named:\n{}", r.stderr);
            assert!(r.stderr.contains(line), "{line} not shown:\n{}", r.stderr);
        }
    }
}

#[test]
fn notepad_files_in_utf16_are_read_and_a_warning_says_how_to_save_them() {
    let site = site_with_vendor("ana", "placeholder");
    let vendor = "name = \"Señora Ñusta\"\r\ncategories = [\"alimentos\"]\r\n";
    site.write("content/vendors/ana/vendor.toml", utf16(vendor, true));
    let body = product("Alfajores de maicena", "Hechos con cariño.");
    site.write(
        "content/vendors/ana/products/alfajores.md",
        utf16(&body, false),
    );
    let r = site.run(&["build", "--lang", "en"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr.matches("saved as UTF-16").count(),
        2,
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("content/vendors/ana/vendor.toml"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("Encoding: UTF-8"), "{}", r.stderr);
    let page = site.page("vendors/ana/alfajores/index.html");
    assert!(page.contains("Alfajores de maicena"), "{page}");
    assert!(page.contains("Hechos con cariño."), "{page}");
    assert!(site.page("vendors/ana/index.html").contains("Señora Ñusta"));
    let r = site.run(&["check", "--lang", "es"]);
    assert!(r.stderr.contains("guardado como UTF-16"), "{}", r.stderr);
}

#[test]
fn bom_crlf_and_tabs_from_windows_all_work() {
    let site = TestSite::fixture("inputs");
    let fair = std::fs::read_to_string(site.path().join("content/fair.toml")).unwrap();
    site.write(
        "content/fair.toml",
        format!("\u{FEFF}{}", fair.replace('\n', "\r\n")),
    );
    site.write(
        "content/vendors/ana/vendor.toml",
        "\u{FEFF}name\t=\t\"Dulces Ana\"\r\ncategories\t= [\t\"alimentos\" ]\r\n[contact]\r\n\twhatsapp = \"987654321\"\r\n",
    );
    site.write(
        "content/vendors/ana/products/alfajores.md",
        "\u{FEFF}+++\r\nname\t= \"Alfajores\"\r\nprice =\t3.50\r\n+++\r\nLos de\tsiempre.\r\n\r\n- con manjar\r\n- con coco\r\n",
    );
    site.write(
        "content/vendors/ana/about.md",
        "\u{FEFF}# Mi historia\r\n\r\nEmpecé en 2024.\r\n",
    );
    let r = site.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        !r.stderr.contains("aviso:") && !r.stderr.contains("error:"),
        "{}",
        r.stderr
    );
    let page = site.page("vendors/ana/alfajores/index.html");
    assert!(page.contains("<li>con manjar</li>"), "{page}");
    assert!(page.contains("S/ 3.50"), "{page}");
    let vendor = site.page("vendors/ana/index.html");
    assert!(vendor.contains("<h2>Mi historia</h2>"), "{vendor}");
    assert!(vendor.contains("wa.me/51987654321"), "{vendor}");
    assert!(!vendor.contains('\u{FEFF}'));
}

#[test]
fn one_folder_name_made_on_a_mac_and_on_windows_is_one_address_and_a_clear_error() {
    let (mac, windows) = ("Jose\u{301}", "Jos\u{e9}");
    let site = site_with_vendor(mac, "José en Mac");
    site.write(
        &format!("content/vendors/{windows}/vendor.toml"),
        "name = \"José en Windows\"\ncategories = [\"alimentos\"]\n",
    );
    // And two product files of one vendor.
    let one = site_with_vendor("ana", "Dulces Ana");
    one.write(
        "content/vendors/ana/products/Cafe\u{301}.md",
        product("a", ""),
    );
    one.write(
        "content/vendors/ana/products/Caf\u{e9}.md",
        product("b", ""),
    );
    for (s, name, first, second) in [
        (
            &site,
            "José",
            format!("vendors/{mac}/"),
            format!("vendors/{windows}/"),
        ),
        (
            &one,
            "Café",
            "products/Cafe\u{301}.md".to_string(),
            "products/Caf\u{e9}.md".to_string(),
        ),
    ] {
        let r = s.run(&["check", "--lang", "en"]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(
            r.stderr
                .contains(&format!("with the same name, `{name}`, stored two ways")),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr.contains(&first) && r.stderr.contains(&second),
            "{}",
            r.stderr
        );
        let r = s.run(&["check", "--lang", "es"]);
        assert!(r.stderr.contains("guardado de dos formas"), "{}", r.stderr);
    }
}

/// Issue 17: `alert("…")` of a removed script appeared in the product's JSON-LD description.
#[test]
fn text_inside_scripts_and_styles_reaches_no_page_description_or_search_index() {
    let site = site_with_vendor("ana", "Dulces Ana");
    let body = "Alfajores <script>alert(\"robado\")</script> de maicena.\n\n\
                <style>\np { color: robado }\n</style>\n\n\
                <noscript>\n\nrobado\n\n</noscript>\n\nRicos <textarea>robado</textarea> y baratos.";
    site.write(
        "content/vendors/ana/products/alfajores.md",
        product("Alfajores", body),
    );
    site.write(
        "content/vendors/ana/about.md",
        "Hola <script>robado()</script> soy Ana.",
    );
    site.build_ok();
    for (rel, bytes) in site.snapshot("public") {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("robado"), "{rel} holds the hidden text");
    }
    let page = site.page("vendors/ana/alfajores/index.html");
    let json_ld = page
        .split("application/ld+json")
        .nth(1)
        .unwrap_or_else(|| panic!("no JSON-LD: {page}"));
    assert!(
        json_ld.contains("Alfajores de maicena. Ricos y baratos."),
        "{json_ld}"
    );
}

/// Runs `vitrina ARGS` on `site` and fails when it takes longer than `limit` (a debug build).
#[track_caller]
fn run_within(site: &TestSite, args: &[&str], limit: Duration) -> crate::prelude::Run {
    let start = Instant::now();
    let r = site.run(args);
    let took = start.elapsed();
    assert!(took < limit, "vitrina {args:?} took {took:?}");
    r
}

#[test]
fn a_10_mb_description_and_a_5000_character_name_build_in_time_with_warnings() {
    let site = site_with_vendor("ana", &"Ana ".repeat(1250));
    let paragraph = "Alfajores de maicena con manjar blanco, hechos cada mañana. ";
    let body = paragraph.repeat(10 * 1024 * 1024 / paragraph.len());
    site.write(
        "content/vendors/ana/products/alfajores.md",
        product("Alfajores", &body),
    );
    let r = run_within(&site, &["build", "--lang", "en"], Duration::from_secs(60));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("the name has 4999 characters") && r.stderr.contains("vendor.toml:1:"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("this text weighs 10240 KB") && r.stderr.contains("alfajores.md:5:"),
        "{}",
        r.stderr
    );
    assert!(site
        .page("vendors/ana/alfajores/index.html")
        .contains("manjar blanco"));
}

#[test]
fn ten_thousand_nested_lists_and_quotes_build_without_overflowing() {
    let site = site_with_vendor("ana", "Dulces Ana");
    let mut body = String::from("Arriba.\n\n");
    for k in 0..100 {
        body.push_str(&format!("{}- nivel {k}\n", "  ".repeat(k)));
    }
    body.push_str(&format!("\n{}hondo\n\n", "> ".repeat(10_000)));
    body.push_str(&format!("{}más hondo\n\n", "- ".repeat(10_000)));
    body.push_str(&format!("{}html\n\nAbajo.", "<div><b><i>".repeat(3_000)));
    site.write(
        "content/vendors/ana/products/alfajores.md",
        product("Alfajores", &body),
    );
    site.write("content/vendors/ana/about.md", &body);
    let r = run_within(&site, &["build"], Duration::from_secs(60));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = site.page("vendors/ana/alfajores/index.html");
    assert!(
        page.contains("nivel 99") && page.contains("más hondo"),
        "nested text lost"
    );
}

#[test]
fn a_thousand_photos_in_one_vendor_are_checked_in_time_with_warnings() {
    let site = site_with_vendor("ana", "Dulces Ana");
    let png = std::fs::read(
        crate::prelude::repo()
            .join("tests/fixtures/full_fair/content/vendors/huevos-andrea/photos/logo.png"),
    )
    .unwrap();
    for p in 0..40 {
        let mut photos = String::new();
        for i in 0..25 {
            let name = format!("photos/p{p}-{i}.png");
            site.write(&format!("content/vendors/ana/{name}"), &png);
            photos.push_str(&format!("  {{ src = \"{name}\", alt = \"Foto {i}\" }},\n"));
        }
        site.write(
            &format!("content/vendors/ana/products/p{p}.md"),
            format!("+++\nname = \"Producto {p}\"\nphotos = [\n{photos}]\n+++\n"),
        );
    }
    let r = run_within(&site, &["check", "--lang", "en"], Duration::from_secs(60));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("your business uses 1000 photos"),
        "{}",
        r.stderr
    );
    // Each product has 25: the 21st photo's line is named.
    assert_eq!(
        r.stderr.matches("this product has 25 photos").count(),
        40,
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("content/vendors/ana/products/p7.md:24:"),
        "{}",
        r.stderr
    );
}

//! `/print/`: the booth signs. One card per vendor with what a visitor at the booth needs, and a
//! QR code that a phone reads as the vendor's page on `base_url`: the SVG the page carries is
//! drawn (resvg) and read back with a QR decoder (rqrr). In Chromium, the page prints one A6
//! page per vendor.

use base64::Engine;
use serde_json::json;

use crate::chromium::Chromium;
use crate::http;
use crate::prelude::TestSite;

/// Draws an SVG at `px` pixels square and reads the QR code in it.
fn decode_qr(svg: &str, px: u32) -> Result<String, String> {
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default())
        .map_err(|e| format!("not an SVG: {e}"))?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(px, px).unwrap();
    let scale = px as f32 / tree.size().width();
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let data = pixmap.data().to_vec();
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(px as usize, px as usize, |x, y| {
        let i = (y * px as usize + x) * 4;
        // Transparent pixels are paper: white.
        if data[i + 3] == 0 {
            255
        } else {
            data[i]
        }
    });
    let grids = img.detect_grids();
    let grid = grids.first().ok_or("no QR code found")?;
    grid.decode()
        .map(|(_, text)| text)
        .map_err(|e| e.to_string())
}

/// The signs of a built page: (vendor name, the sign's HTML).
fn signs(html: &str) -> Vec<(String, String)> {
    html.split("<li class=\"sign\">")
        .skip(1)
        .map(|s| {
            let sign = s.split("</li>\n").next().unwrap().to_string();
            let name = between(&sign, "<h2 class=\"sign-name\">", "</h2>").to_string();
            (name, sign)
        })
        .collect()
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> &'a str {
    let from = s.find(start).map(|i| i + start.len()).unwrap_or(0);
    let to = s[from..].find(end).map(|i| from + i).unwrap_or(s.len());
    &s[from..to]
}

#[test]
fn every_vendor_has_a_booth_sign_whose_qr_code_opens_its_page() {
    let site = TestSite::example();
    let run = site.run(&["build", "--base-url", "https://ferias.example.pe/manos"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.page("print/index.html");
    assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(html.contains("print.css"));
    let signs = signs(&html);
    let vendors = std::fs::read_dir(site.path().join("content/vendors"))
        .unwrap()
        .count();
    assert_eq!(signs.len(), vendors, "one sign per vendor");

    let (_, andrea) = signs
        .iter()
        .find(|(n, _)| n.contains("Huevos"))
        .expect("Andrea's sign");
    let vendor_toml = std::fs::read_to_string(
        site.path()
            .join("content/vendors/huevos-codorniz-andrea/vendor.toml"),
    )
    .unwrap();
    let booth = between(&vendor_toml, "booth = \"", "\"");
    assert!(
        andrea.contains(&format!("Stand {booth}")),
        "booth on the sign: {andrea}"
    );
    assert!(andrea.contains("class=\"pay pay-yape\">Yape<"), "{andrea}");
    assert!(
        andrea.contains("Escanea para ver los productos"),
        "{andrea}"
    );

    for (name, sign) in &signs {
        assert!(sign.contains("class=\"sign-cats\""), "{name}: categories");
        let url = between(sign, "<p class=\"sign-url\">", "</p>");
        assert!(
            url.starts_with("https://ferias.example.pe/manos/vendors/") && url.ends_with('/'),
            "{name}: {url}"
        );
        let svg = format!("<svg{}</svg>", between(sign, "<svg", "</svg>"));
        assert_eq!(decode_qr(&svg, 400).as_deref(), Ok(url), "{name}'s QR code");
    }
    // The signs are for the organizer, not for search engines.
    assert!(!site.page("sitemap.xml").contains("/print/"));
}

#[test]
fn the_decoder_in_this_test_does_refuse_a_damaged_code() {
    let site = TestSite::example();
    site.build_ok();
    let html = site.page("print/index.html");
    let (_, sign) = &signs(&html)[0];
    let svg = format!("<svg{}</svg>", between(sign, "<svg", "</svg>"));
    assert!(decode_qr(&svg, 400).is_ok());
    // Without its finder patterns' first rows, the same code reads as nothing.
    let d = between(&svg, " d=\"", "\"");
    let damaged = svg.replace(d, &d[d.len() / 2..]);
    assert!(decode_qr(&damaged, 400).is_err());
}

#[test]
fn the_booth_signs_print_one_a6_page_per_vendor() {
    let site = TestSite::example();
    site.build_ok();
    let base = http::serve(&site.path().join("public"));
    let Some(mut c) = Chromium::launch("print_a6") else {
        return;
    };
    c.goto(&format!("{base}/print/"));
    let pdf = c.call(
        "Page.printToPDF",
        json!({"preferCSSPageSize": true, "printBackground": true}),
    );
    let pdf = base64::engine::general_purpose::STANDARD
        .decode(pdf["data"].as_str().unwrap())
        .unwrap();
    let text = String::from_utf8_lossy(&pdf);
    let boxes: Vec<&str> = text
        .match_indices("/MediaBox [")
        .map(|(i, _)| between(&text[i..], "[", "]"))
        .collect();
    let vendors = std::fs::read_dir(site.path().join("content/vendors"))
        .unwrap()
        .count();
    assert_eq!(
        boxes.len(),
        vendors,
        "one printed page per vendor: {boxes:?}"
    );
    for b in boxes {
        let n: Vec<f64> = b.split_whitespace().map(|x| x.parse().unwrap()).collect();
        // A6 is 105 × 148 mm: 297.6 × 419.5 points.
        assert!(
            (n[2] - 297.6).abs() < 1.5 && (n[3] - 419.5).abs() < 1.5,
            "not an A6 page: {n:?}"
        );
    }
}

#[test]
fn a_theme_without_a_print_template_has_no_print_page() {
    let site = TestSite::example();
    // The site's own copy of the default theme, without print.html.
    std::fs::remove_file(site.path().join("themes/default/templates/print.html")).unwrap();
    site.build_ok();
    assert!(!site.path().join("public/print").exists());
    assert!(site.path().join("public/index.html").exists());
}

#[test]
fn without_base_url_the_signs_say_so_instead_of_printing_useless_codes() {
    let site = TestSite::example();
    let fair = std::fs::read_to_string(site.path().join("content/fair.toml")).unwrap();
    let line = fair.lines().find(|l| l.starts_with("base_url")).unwrap();
    site.write("content/fair.toml", fair.replace(line, ""));
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.page("print/index.html");
    assert!(
        html.contains("Falta la dirección del sitio (base_url"),
        "{html}"
    );
    let signs = signs(&html);
    assert!(!signs.is_empty());
    for (name, sign) in signs {
        assert!(
            !sign.contains("<svg"),
            "{name}: a QR code to a relative address"
        );
        assert!(sign.contains("class=\"sign-no-qr\""), "{name}");
    }
}

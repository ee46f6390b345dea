//! The organizer's desk and a vendor's list, over HTTP: what is missing, booths, new vendors,
//! access cards (a new code each, the old card stops), and her list's actions (duplicate, move,
//! not yet published, delete to the bin and back).

use std::fs;

use super::{codes, wait_until, Editing, Part};
use crate::prelude::*;

#[test]
fn the_desk_lists_every_vendor_sets_booths_makes_vendors_and_cards() {
    let site = TestSite::fixture("full_fair");
    let old = codes(&site);
    let ed = Editing::start(&site);
    let mut desk = ed.organizer();
    let page = desk.get("/__vitrina/edit/desk");
    assert_eq!(page.status, 200, "{}", page.text());
    let text = page.text();
    for name in [
        "Huevos de Codorniz Andrea",
        "Café Doña Rosa",
        "borrador-total",
    ] {
        assert!(
            text.contains(name) || text.contains(&name.replace('é', "&#233;")),
            "{name} missing:\n{text}"
        );
    }
    assert!(
        text.contains("sin publicar") || text.contains("no publicado"),
        "drafts counted"
    );
    let csrf = page.field("csrf");

    // A booth: only that line of her file changes.
    let toml = "content/vendors/huevos-andrea/vendor.toml";
    let before = fs::read_to_string(site.path().join(toml)).unwrap();
    let r = desk.post(
        "/__vitrina/edit/desk/booth",
        &[
            Part::Text("csrf", &csrf),
            Part::Text("vendor", "huevos-andrea"),
            Part::Text("booth", "C-7"),
        ],
    );
    assert_eq!(r.status, 303, "{}", r.text());
    let after = fs::read_to_string(site.path().join(toml)).unwrap();
    assert_eq!(after, before.replace("booth = \"B-12\"", "booth = \"C-7\""));

    // A new vendor, as `vitrina new vendor` makes one; the site still checks.
    let r = desk.post(
        "/__vitrina/edit/desk/vendor",
        &[
            Part::Text("csrf", &csrf),
            Part::Text("name", "Suculentas Mía"),
        ],
    );
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(
        r.header("location").as_deref(),
        Some("/__vitrina/edit/v/suculentas-mia/entry")
    );
    assert!(site
        .path()
        .join("content/vendors/suculentas-mia/vendor.toml")
        .is_file());
    assert_eq!(
        desk.get("/__vitrina/edit/v/suculentas-mia/entry").status,
        200
    );
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);

    // Cards: a new code for Andrea, printed with its QR code; her old code stops.
    let r = desk.post(
        "/__vitrina/edit/desk/cards",
        &[
            Part::Text("csrf", &csrf),
            Part::Text("vendor", "huevos-andrea"),
        ],
    );
    assert_eq!(r.status, 200);
    let cards = r.text();
    assert!(cards.contains("<svg"), "a QR code");
    assert!(cards.contains("Huevos de Codorniz Andrea"));
    let at = cards
        .find("<p class=\"code\">")
        .expect("the code written out")
        + 16;
    let code: String = cards[at..].chars().take(14).collect();
    assert_ne!(code, old["huevos-andrea"]);
    assert!(
        code.len() == 14 && code.chars().nth(4) == Some('-'),
        "{code}"
    );
    assert_eq!(
        ed.phone()
            .get(&format!(
                "/__vitrina/edit/login?code={}",
                old["huevos-andrea"]
            ))
            .status,
        403
    );
    ed.logged_in(&code);
}

#[test]
fn her_list_duplicates_moves_hides_and_deletes_to_a_bin_she_restores_from() {
    let site = TestSite::fixture("full_fair");
    let codes = codes(&site);
    let ed = Editing::start(&site);
    let mut andrea = ed.logged_in(&codes["huevos-andrea"]);
    let home = andrea.get("/__vitrina/edit/v/huevos-andrea/");
    let csrf = home.field("csrf");
    let products = site.path().join("content/vendors/huevos-andrea/products");
    let act = |phone: &mut super::Phone, stem: &str, what: &str| {
        phone.post(
            &format!("/__vitrina/edit/v/huevos-andrea/p/{stem}/do"),
            &[Part::Text("csrf", &csrf), Part::Text("do", what)],
        )
    };
    // Duplicate: a draft copy.
    let r = act(&mut andrea, "huevos-docena", "duplicate");
    assert_eq!(r.status, 303, "{}", r.text());
    let copy = r.header("location").unwrap();
    let stem = copy.rsplit('/').next().unwrap().to_string();
    let text = fs::read_to_string(products.join(format!("{stem}.md"))).unwrap();
    assert!(
        text.contains("(copia)") && text.contains("draft = true"),
        "{text}"
    );
    // Not published yet → published: the page appears in the preview.
    let r = act(&mut andrea, &stem, "publish");
    assert_eq!(r.status, 303, "{}", r.text());
    let page = format!("/vendors/huevos-andrea/{stem}/");
    wait_until("the copy is published", || {
        ed.phone().get(&page).status == 200
    });
    // Move it up: its order comes before the original's.
    let r = act(&mut andrea, &stem, "up");
    assert_eq!(r.status, 303);
    let list = andrea
        .get("/__vitrina/edit/v/huevos-andrea/")
        .text()
        .replace("&#x2F;", "/");
    let first = list.find(&format!("/p/{stem}\"")).unwrap();
    let orig = list.find("/p/huevos-docena\"").unwrap();
    assert!(first < orig, "moved up");
    // Delete: gone from her folder and the site, kept in the bin, restored from it.
    let r = act(&mut andrea, &stem, "delete");
    assert_eq!(r.status, 303);
    assert!(!products.join(format!("{stem}.md")).exists());
    wait_until("the page is gone", || ed.phone().get(&page).status == 404);
    let bin = andrea.get("/__vitrina/edit/v/huevos-andrea/bin");
    assert!(bin.text().contains("(copia)"), "{}", bin.text());
    let r = andrea.post(
        "/__vitrina/edit/v/huevos-andrea/bin",
        &[
            Part::Text("csrf", &csrf),
            Part::Text("id", &bin.field("id")),
        ],
    );
    assert_eq!(r.status, 303, "{}", r.text());
    assert!(fs::read_dir(&products)
        .unwrap()
        .any(|e| fs::read_to_string(e.unwrap().path())
            .unwrap()
            .contains("(copia)")));
}

#[test]
fn on_the_network_it_prints_the_phones_address_and_a_warning() {
    let site = TestSite::fixture("full_fair");
    let ed = Editing::start_with(&site, &["--bind", "0.0.0.0"]);
    wait_until("the warning", || {
        ed.log().contains("el editor es accesible desde esta red")
    });
    let log = ed.log();
    assert!(log.contains("/__vitrina/edit/login?code="), "{log}");
    assert!(
        log.contains("Las emprendedoras entran desde su teléfono en http://")
            || log.contains("No encontré la dirección"),
        "{log}"
    );
    // The organizer's code is long (a token, not a card code).
    let code = ed.desk.rsplit('=').next().unwrap();
    assert!(code.len() >= 43, "{code}");
}

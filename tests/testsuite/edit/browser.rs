//! The editor in a real headless Chromium at 360×740, as an entrepreneur uses it on her phone:
//! logging in by the code link, changing a price with the keyboard only, adding a product with a
//! phone photo through the file input, a refused save, a stale form, a restored version, unsaved
//! text offered back after a reload, and every page usable at 360 px. Also each editor page's
//! weight with its stylesheet and script (over plain HTTP: no browser needed).
//!
//! A missing Chromium skips the browser tests (`SKIPPED` on stderr), and fails them under CI
//! (see `crate::chromium`).

use std::fs;

use serde_json::{json, Value};

use super::http::phone_photo;
use super::{codes, wait_until, Editing};
use crate::chromium::Chromium;
use crate::prelude::*;

const ANDREA: &str = "huevos-andrea";
const EDIT: &str = "/__vitrina/edit/";
const HOME: &str = "/__vitrina/edit/v/huevos-andrea/";
const EGGS_FORM: &str = "/__vitrina/edit/v/huevos-andrea/p/huevos-docena";
const EGGS: &str = "content/vendors/huevos-andrea/products/huevos-docena.md";
const ANDREA_TOML: &str = "content/vendors/huevos-andrea/vendor.toml";

/// A browser (looked for first), the full fair with codes, and `vitrina edit` on it.
fn open(test: &str) -> Option<(Chromium, TestSite, String, Editing)> {
    let c = Chromium::launch(test)?;
    let site = TestSite::fixture("full_fair");
    let code = codes(&site)[ANDREA].clone();
    let ed = Editing::start(&site);
    Some((c, site, code, ed))
}

/// Opens her code link and waits for her page.
fn log_in(c: &mut Chromium, ed: &Editing, code: &str) {
    c.goto(&format!("{}{EDIT}login?code={code}", ed.origin()));
    c.wait_for(&format!("location.pathname === '{HOME}'"), "her page");
}

/// Loads an editor page and waits for its script.
fn visit(c: &mut Chromium, ed: &Editing, path: &str) {
    c.goto(&format!("{}{path}", ed.origin()));
}

fn text(c: &mut Chromium) -> String {
    c.eval("document.body.innerText")
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn read(site: &TestSite, rel: &str) -> Vec<u8> {
    fs::read(site.path().join(rel)).unwrap()
}

/// Sets a field's value as if typed (an `input` event, so the page's script sees it).
fn fill(c: &mut Chromium, selector: &str, value: &str) {
    let js = format!(
        "(() => {{ const el = document.querySelector({s}); el.focus(); el.value = {v}; \
         el.dispatchEvent(new Event('input', {{bubbles: true}})); return true; }})()",
        s = json!(selector),
        v = json!(value)
    );
    assert_eq!(c.eval(&js), json!(true), "{selector}");
}

/// Clicks the first element matching `selector` whose text contains `label`.
fn click(c: &mut Chromium, selector: &str, label: &str) {
    let js = format!(
        "(() => {{ const el = [...document.querySelectorAll({s})].find(e => e.textContent.includes({l})); \
         if (!el) return false; el.click(); return true; }})()",
        s = json!(selector),
        l = json!(label)
    );
    assert_eq!(c.eval(&js), json!(true), "no {selector} saying {label:?}");
}

/// Presses Tab until the focused element matches `selector` (at most 60 times).
fn tab_to(c: &mut Chromium, selector: &str) {
    let js = format!("document.activeElement.matches({})", json!(selector));
    for _ in 0..60 {
        c.press("Tab");
        if c.eval(&js) == json!(true) {
            return;
        }
    }
    panic!("Tab never reached {selector}");
}

#[test]
fn the_code_link_logs_her_in_and_leaves_no_code_in_the_address_bar() {
    let Some((mut c, _site, code, ed)) = open("edit_browser_login") else {
        return;
    };
    log_in(&mut c, &ed, &code);
    let href = c.eval("location.href");
    let href = href.as_str().unwrap();
    assert!(!href.contains("code="), "{href}");
    assert!(
        !href.to_lowercase().contains(&code.to_lowercase()),
        "{href}"
    );
    // Going back does not hold the code either: the login answered with a redirect.
    let history = c.eval("history.length");
    assert!(history.as_u64().unwrap() <= 2, "{history}");
    let page = text(&mut c);
    assert!(page.contains("Huevos de codorniz (docena)"), "{page}");
    assert!(page.contains("Mis productos y servicios"), "{page}");
    // The session cookie is out of the page's reach.
    assert_eq!(c.eval("document.cookie"), json!(""));
}

#[test]
fn a_price_changed_with_the_keyboard_only_shows_on_her_product_page() {
    let Some((mut c, site, code, ed)) = open("edit_browser_keyboard") else {
        return;
    };
    log_in(&mut c, &ed, &code);
    visit(&mut c, &ed, EGGS_FORM);
    let before = String::from_utf8(read(&site, EGGS)).unwrap();
    // Tab into the price: Chromium selects what is there, so typing replaces it.
    tab_to(&mut c, "#f-price");
    assert_eq!(
        c.eval("(() => { const e = document.activeElement; return [e.selectionStart, e.selectionEnd, e.value.length]; })()"),
        json!([0, 4, 4]),
        "the old price is selected"
    );
    c.type_text("S/ 7,25");
    tab_to(&mut c, "button.save");
    c.press("Enter");
    c.wait_for(
        "location.pathname === '/vendors/huevos-andrea/huevos-docena/'",
        "her product page after Guardar",
    );
    let page = text(&mut c);
    assert!(page.contains("S/ 7.25"), "{page}");
    let after = String::from_utf8(read(&site, EGGS)).unwrap();
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed, [("price = 6.50", "price = 7.25")], "{after}");
    // Back in the form: it holds the saved price, and nothing is offered back as unsaved
    // (what she typed, "S/ 7,25", was saved as 7.25).
    visit(&mut c, &ed, EGGS_FORM);
    assert_eq!(
        c.eval("document.querySelector('#f-price').value"),
        json!("7.25")
    );
    assert_eq!(
        c.eval("document.querySelector('.restore') === null"),
        json!(true),
        "a saved change offered back as unsaved: {}",
        text(&mut c)
    );
}

/// Whether any file under `dir` holds the GPS marker of [`phone_photo`].
fn gps_in(dir: &std::path::Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| fs::read(e.path()).is_ok_and(|b| b.windows(8).any(|w| w == b"GPS-MARK")))
        .map(|e| e.path().display().to_string())
        .collect()
}

#[test]
fn a_phone_photo_chosen_in_the_form_is_scaled_in_the_browser_and_shown_upright() {
    let Some((mut c, site, code, ed)) = open("edit_browser_photo") else {
        return;
    };
    log_in(&mut c, &ed, &code);
    visit(&mut c, &ed, &format!("{HOME}new"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("IMG_20250301_101500.jpg");
    let photo = phone_photo();
    assert!(photo.windows(8).any(|w| w == b"GPS-MARK"));
    fs::write(&file, &photo).unwrap();
    fill(&mut c, "#f-name", "Huevos rosados");
    fill(&mut c, "#f-price", "8");
    // What the photo script sends, what it is answered, and whether it fell back to sending the
    // form itself are recorded where the next page can read them. canvas.toBlob never answers
    // here, as Chromium's does for 5 s when the page gets no idle time: the script must not
    // wait for it (it did, and 1 save in 12 took 7 s).
    c.eval(
        "(() => { HTMLCanvasElement.prototype.toBlob = function () {}; \
         const send = XMLHttpRequest.prototype.send; \
         XMLHttpRequest.prototype.send = function (data) { \
           const f = data && data.get && data.get('photo_upload'); \
           sessionStorage.setItem('sent', JSON.stringify(f ? {name: f.name, type: f.type, size: f.size} : null)); \
           this.addEventListener('load', () => sessionStorage.setItem('reply', this.status + ' ' + this.responseText.slice(0, 300))); \
           return send.apply(this, arguments); }; \
         const plain = HTMLFormElement.prototype.submit; \
         HTMLFormElement.prototype.submit = function () { \
           sessionStorage.setItem('plain', 'yes'); return plain.apply(this, arguments); }; \
         return true; })()",
    );
    let input = c.call(
        "Runtime.evaluate",
        json!({"expression": "document.querySelector('#f-photo')"}),
    );
    let object = input["result"]["objectId"].clone();
    c.call(
        "DOM.setFileInputFiles",
        json!({"files": [file.display().to_string()], "objectId": object}),
    );
    fill(&mut c, "#f-photo-alt", "Huevos rosados en una canasta roja");
    click(&mut c, "button.save", "Guardar");
    c.wait_for(
        "location.pathname === '/vendors/huevos-andrea/huevos-rosados/'",
        "the new product's page",
    );
    let sent: Value = serde_json::from_str(
        c.eval("sessionStorage.getItem('sent')")
            .as_str()
            .expect("the photo went through the photo script"),
    )
    .unwrap();
    assert_eq!(sent["name"], json!("foto.jpg"), "{sent}");
    assert_eq!(sent["type"], json!("image/jpeg"), "{sent}");
    // Re-encoded by the canvas: not the file she chose.
    assert_ne!(sent["size"], json!(photo.len()), "{sent}");
    // And the server took it: the script did not fall back to sending the form itself.
    let reply = c.eval("sessionStorage.getItem('reply')");
    let json = reply.as_str().unwrap_or_default().strip_prefix("200 ");
    let json: Value = serde_json::from_str(json.unwrap_or("null")).unwrap_or(Value::Null);
    assert_eq!(json["ok"], json!(true), "{reply}");
    assert_eq!(c.eval("sessionStorage.getItem('plain')"), Value::Null);
    c.wait_for(
        "[...document.images].some(i => i.alt === 'Huevos rosados en una canasta roja' && i.complete && i.naturalWidth > 0)",
        "the photo on her page",
    );
    let size = c.eval(
        "(() => { const i = [...document.images].find(i => i.alt === 'Huevos rosados en una canasta roja'); \
         return [i.naturalWidth, i.naturalHeight]; })()",
    );
    let (w, h) = (size[0].as_u64().unwrap(), size[1].as_u64().unwrap());
    assert!(w < h, "upright (portrait): {size}");
    // Red on top, as she held the phone (the stored pixels were sideways): the very file the
    // page shows, fetched again and decoded here (reading pixels back from this headless
    // Chromium's canvas sometimes gives zeros, whatever the image).
    let src = c.eval(
        "[...document.images].find(i => i.alt === 'Huevos rosados en una canasta roja').currentSrc",
    );
    let src = src.as_str().unwrap().to_string();
    let path = &src[src.find("/img/").expect("a photo of the site")..];
    let shown = ed.phone().get(path);
    assert_eq!(shown.status, 200, "{path}");
    let img = image::load_from_memory(&shown.body).unwrap().to_rgb8();
    // (The page's natural size is the srcset's density-corrected one; the file is smaller.)
    assert!(img.width() < img.height(), "upright file: {path}");
    assert!(w < h);
    let top = img.get_pixel(img.width() / 2, img.height() / 8).0;
    assert!(top[0] > 150 && top[2] < 100, "red on top: {top:?}");
    let stored = site.path().join("content/vendors/huevos-andrea/photos");
    assert!(fs::read_dir(&stored).unwrap().any(|e| e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .starts_with("huevos-rosados")));
    assert_eq!(gps_in(&site.path().join("content")), Vec::<String>::new());
    assert_eq!(
        gps_in(&site.path().join(".vitrina-serve/site")),
        Vec::<String>::new()
    );
    // Saved, so the next new product's form offers nothing back.
    visit(&mut c, &ed, HOME);
    visit(&mut c, &ed, &format!("{HOME}new"));
    assert_eq!(
        c.eval("document.querySelector('.restore') === null && document.querySelector('#f-name').value === ''"),
        json!(true),
        "{}",
        text(&mut c)
    );
}

#[test]
fn a_save_with_an_empty_name_says_so_next_to_the_field_and_writes_nothing() {
    let Some((mut c, site, code, ed)) = open("edit_browser_empty_name") else {
        return;
    };
    log_in(&mut c, &ed, &code);
    visit(&mut c, &ed, &format!("{HOME}entry"));
    let before = read(&site, ANDREA_TOML);
    // Her website is written "example.org", as the catalogue allows: the browser's own checks
    // (an address field wants "https://") must not stop the save before the server says why.
    fill(&mut c, "#f-name", "");
    click(&mut c, "button.save", "Guardar");
    c.wait_for("document.querySelector('#e-name')", "the error");
    let error = c.eval("document.querySelector('#e-name').textContent.trim()");
    assert!(!error.as_str().unwrap().is_empty(), "{error}");
    // Next to the field, tied to it for a screen reader, and the field has the focus.
    assert_eq!(
        c.eval("document.querySelector('#f-name').getAttribute('aria-describedby')"),
        json!("e-name")
    );
    assert_eq!(
        c.eval("document.querySelector('#f-name').getAttribute('aria-invalid')"),
        json!("true")
    );
    let gap = c.eval(
        "document.querySelector('#e-name').getBoundingClientRect().top - \
         document.querySelector('#f-name').getBoundingClientRect().bottom",
    );
    let gap = gap.as_f64().unwrap();
    assert!((0.0..40.0).contains(&gap), "error {gap}px below the field");
    assert_eq!(c.eval("document.activeElement.id"), json!("f-name"));
    assert!(c
        .eval("document.querySelector('[role=alert]').textContent")
        .as_str()
        .unwrap()
        .contains("No se guardó"));
    assert_eq!(read(&site, ANDREA_TOML), before, "a refused save wrote");
}

#[test]
fn a_stale_form_is_refused_and_shows_both_versions() {
    let Some((mut c, site, code, ed)) = open("edit_browser_stale") else {
        return;
    };
    log_in(&mut c, &ed, &code);
    visit(&mut c, &ed, EGGS_FORM);
    // The organizer changes the file in a text editor meanwhile.
    let theirs = String::from_utf8(read(&site, EGGS))
        .unwrap()
        .replace("Huevos frescos recogidos", "Cambiado en la laptop:");
    fs::write(site.path().join(EGGS), &theirs).unwrap();
    fill(&mut c, "#f-price", "8,40");
    click(&mut c, "button.save", "Guardar");
    c.wait_for("document.querySelector('.theirs')", "the conflict page");
    let page = text(&mut c);
    assert!(page.contains("Alguien cambió esta página"), "{page}");
    assert!(
        c.eval("document.querySelector('.theirs').textContent")
            .as_str()
            .unwrap()
            .contains("Cambiado en la laptop"),
        "their version shown"
    );
    assert_eq!(
        c.eval("document.querySelector('#f-price').value"),
        json!("8,40"),
        "hers kept in the form"
    );
    assert_eq!(
        String::from_utf8(read(&site, EGGS)).unwrap(),
        theirs,
        "nothing written"
    );
    // Keeping hers.
    click(&mut c, "button.save", "Guardar mi versión");
    c.wait_for(
        "location.pathname === '/vendors/huevos-andrea/huevos-docena/'",
        "her page after keeping her version",
    );
    let now = String::from_utf8(read(&site, EGGS)).unwrap();
    assert!(now.contains("price = 8.4"), "{now}");
}

#[test]
fn an_earlier_version_is_put_back_from_versiones_anteriores() {
    let Some((mut c, site, code, ed)) = open("edit_browser_history") else {
        return;
    };
    log_in(&mut c, &ed, &code);
    let original = read(&site, EGGS);
    visit(&mut c, &ed, EGGS_FORM);
    fill(&mut c, "#f-price", "9");
    click(&mut c, "button.save", "Guardar");
    c.wait_for(
        "location.pathname === '/vendors/huevos-andrea/huevos-docena/'",
        "her page after the save",
    );
    assert_ne!(read(&site, EGGS), original);
    visit(&mut c, &ed, EGGS_FORM);
    click(&mut c, "a", "Versiones anteriores");
    c.wait_for("location.pathname.endsWith('/history')", "the versions");
    c.wait_for("document.readyState === 'complete'", "the versions");
    click(&mut c, ".kept button", "Recuperar");
    wait_until("the old version back on disk", || {
        read(&site, EGGS) == original
    });
    c.wait_for(
        "document.readyState === 'complete' && !location.pathname.endsWith('/history')",
        "the page after restoring",
    );
    visit(&mut c, &ed, EGGS_FORM);
    assert_eq!(
        c.eval("document.querySelector('#f-price').value"),
        json!("6.50")
    );
}

#[test]
fn unsaved_text_is_offered_back_after_a_reload() {
    let Some((mut c, site, code, ed)) = open("edit_browser_unsaved") else {
        return;
    };
    log_in(&mut c, &ed, &code);
    visit(&mut c, &ed, EGGS_FORM);
    let before = read(&site, EGGS);
    c.eval("document.querySelector('#f-description').focus(); document.querySelector('#f-description').setSelectionRange(1e6, 1e6); true");
    c.type_text(" Ahora también por Yape.");
    // The Wi-Fi drops, the page reloads: what she typed is not in the form any more...
    visit(&mut c, &ed, EGGS_FORM);
    let typed = "Ahora también por Yape.";
    let value = c.eval("document.querySelector('#f-description').value");
    assert!(!value.as_str().unwrap().contains(typed), "{value}");
    // ...but offered back.
    c.wait_for("document.querySelector('.restore')", "the offer");
    let note = c.eval("document.querySelector('.restore').textContent");
    assert!(
        note.as_str().unwrap().contains("¿Quieres recuperarlos?"),
        "{note}"
    );
    click(&mut c, ".restore button", "Recuperar");
    let value = c.eval("document.querySelector('#f-description').value");
    assert!(value.as_str().unwrap().contains(typed), "{value}");
    assert_eq!(
        c.eval("document.querySelector('.restore') === null"),
        json!(true)
    );
    assert_eq!(read(&site, EGGS), before, "nothing saved by itself");
}

/// What is too small or too wide on the page now: tap targets under 48 px tall or 44 px wide
/// (a checkbox counts with its label, which takes the tap) and the page's width.
const LAYOUT: &str = r#"(() => {
  const small = [];
  for (const el of document.querySelectorAll('a[href], button, input, select, textarea, summary')) {
    if (el.type === 'hidden') continue;
    const target = (el.type === 'checkbox' || el.type === 'radio') ? (el.closest('label') || el) : el;
    const s = getComputedStyle(el);
    const r = target.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || s.visibility === 'hidden' || r.right < 0) continue;
    if (r.height < 48 || r.width < 44) {
      small.push(`${el.outerHTML.slice(0, 90)} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
  }
  return {width: document.documentElement.scrollWidth, small};
})()"#;

fn check_layout(c: &mut Chromium, page: &str, problems: &mut Vec<String>) {
    // Measured once its stylesheet is in: a page that came back from a form post (the refused
    // save) can be read before `editor.css` arrives on a loaded machine, and every control then
    // has the browser's own 19 px height (seen once in CI).
    c.wait_for(
        "document.readyState === 'complete'",
        &format!("{page} with its stylesheet"),
    );
    let got = c.eval(LAYOUT);
    let width = got["width"].as_u64().unwrap();
    if width > 360 {
        problems.push(format!("{page}: {width} px wide"));
    }
    for s in got["small"].as_array().unwrap() {
        problems.push(format!("{page}: {}", s.as_str().unwrap()));
    }
}

#[test]
fn every_editor_page_fits_a_360_px_phone_with_big_enough_targets() {
    let Some((mut c, _site, code, ed)) = open("edit_browser_layout") else {
        return;
    };
    let mut problems = Vec::new();
    visit(&mut c, &ed, EDIT);
    check_layout(&mut c, "login", &mut problems);
    visit(&mut c, &ed, &format!("{EDIT}login?code=AAAA-BBBB-CCCC"));
    check_layout(&mut c, "wrong code", &mut problems);
    log_in(&mut c, &ed, &code);
    check_layout(&mut c, "her home", &mut problems);
    for (name, path) in [
        ("entry", format!("{HOME}entry")),
        ("product", EGGS_FORM.to_string()),
        ("new product", format!("{HOME}new")),
        ("versions", format!("{HOME}history?file=p:huevos-docena")),
        ("bin", format!("{HOME}bin")),
        ("not hers", format!("{EDIT}v/cafe-dona-rosa/")),
    ] {
        visit(&mut c, &ed, &path);
        check_layout(&mut c, name, &mut problems);
    }
    // A refused save, the text-box buttons shown by the script.
    visit(&mut c, &ed, EGGS_FORM);
    c.wait_for(
        "!document.querySelector('.tools').hidden",
        "the text-box buttons",
    );
    check_layout(&mut c, "product with its script", &mut problems);
    fill(&mut c, "#f-name", "");
    click(&mut c, "button.save", "Guardar");
    c.wait_for("document.querySelector('#e-name')", "the error");
    check_layout(&mut c, "refused save", &mut problems);
    c.goto(&format!("{}{}", ed.origin(), ed.desk));
    c.wait_for("location.pathname.endsWith('/desk')", "the desk");
    check_layout(&mut c, "desk", &mut problems);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Each editor page with its stylesheet and script (as served, uncompressed) stays under 60 KB.
#[test]
fn every_editor_page_with_its_css_and_js_weighs_under_60_kb() {
    let site = TestSite::fixture("full_fair");
    let code = codes(&site)[ANDREA].clone();
    let ed = Editing::start(&site);
    let mut anyone = ed.phone();
    let css = anyone.get(&format!("{EDIT}editor.css"));
    let js = anyone.get(&format!("{EDIT}editor.js"));
    assert_eq!((css.status, js.status), (200, 200));
    let assets = css.body.len() + js.body.len();
    let mut pages = vec![("login", anyone.get(EDIT))];
    let mut andrea = ed.logged_in(&code);
    for (name, path) in [
        ("her home", HOME.to_string()),
        ("entry", format!("{HOME}entry")),
        ("product", EGGS_FORM.to_string()),
        ("new product", format!("{HOME}new")),
    ] {
        pages.push((name, andrea.get(&path)));
    }
    pages.push(("desk", ed.organizer().get(&format!("{EDIT}desk"))));
    let mut report = format!(
        "editor.css {} B, editor.js {} B\n",
        css.body.len(),
        js.body.len()
    );
    for (name, page) in &pages {
        assert_eq!(page.status, 200, "{name}");
        let total = page.body.len() + assets;
        report.push_str(&format!(
            "{name}: {} B HTML, {total} B with CSS and JS\n",
            page.body.len()
        ));
        assert!(total <= 60 * 1024, "{name}: {total} B\n{report}");
    }
    // `cargo test -- --nocapture` shows the figures for BENCHMARKS.md.
    println!("{report}");
}

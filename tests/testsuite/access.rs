//! `vitrina access`: every vendor of a site gets a code (printed once, stored only as a hash in
//! the private folder `.vitrina/`, never in `content/`), a second run makes none and says why,
//! `--renew` replaces exactly one vendor's code, an unknown vendor gets a suggestion.

use std::fs;

use vitrina::edit::access::{codes_file, Codes};

use crate::prelude::{Run, TestSite};

/// The vendors of `tests/fixtures/full_fair`, by address.
const VENDORS: [&str; 3] = ["borrador-total", "cafe-dona-rosa", "huevos-andrea"];

/// The `(vendor, code, path)` of `access --json`'s stdout, which must be valid JSON of that shape.
#[track_caller]
fn codes_of(run: &Run) -> Vec<(String, String, String)> {
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", run.stdout));
    json.as_array()
        .unwrap_or_else(|| panic!("not a list: {json}"))
        .iter()
        .map(|item| {
            let obj = item.as_object().unwrap();
            let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
            keys.sort();
            assert_eq!(keys, ["code", "path", "vendor"], "{item}");
            let field = |k: &str| obj[k].as_str().unwrap().to_string();
            (field("vendor"), field("code"), field("path"))
        })
        .collect()
}

/// `K7QX-M2PA-9RTD`: three groups of four, no 0/O/1/I/L.
fn is_code(code: &str) -> bool {
    let groups: Vec<&str> = code.split('-').collect();
    groups.len() == 3
        && groups.iter().all(|g| {
            g.len() == 4
                && g.bytes()
                    .all(|b| b"23456789ABCDEFGHJKMNPQRSTUVWXYZ".contains(&b))
        })
}

fn hashes(site: &TestSite) -> Vec<(String, Option<String>)> {
    let codes = Codes::load(site.path()).unwrap();
    VENDORS
        .iter()
        .map(|v| (v.to_string(), codes.fingerprint(v)))
        .collect()
}

#[test]
fn every_vendor_gets_a_code_printed_once_as_json() {
    let site = TestSite::fixture("full_fair");
    let content_before = site.snapshot("content");
    let made = codes_of(&site.run(&["access", "--json"]));
    let vendors: Vec<&str> = made.iter().map(|(v, _, _)| v.as_str()).collect();
    assert_eq!(vendors, VENDORS);
    let codes = Codes::load(site.path()).unwrap();
    for (vendor, code, path) in &made {
        assert!(is_code(code), "{code}");
        assert_eq!(path, &format!("/__vitrina/edit/login?code={code}"));
        // The printed code opens its vendor, and only it.
        assert_eq!(codes.vendor_of(code).as_deref(), Some(vendor.as_str()));
    }
    // Nothing was written into content/; the codes are in the private folder, as hashes.
    assert_eq!(site.snapshot("content"), content_before);
    let file = codes_file(site.path());
    assert!(file.starts_with(site.path().join(".vitrina")));
    let stored = fs::read_to_string(&file).unwrap();
    for (_, code, _) in &made {
        assert!(
            !stored.contains(code.as_str()),
            "a code in clear:\n{stored}"
        );
    }
    assert_eq!(
        fs::read_to_string(site.path().join(".vitrina/.gitignore")).unwrap(),
        "*\n"
    );
}

#[test]
fn a_second_run_makes_no_code_and_says_each_vendor_has_one() {
    let site = TestSite::fixture("full_fair");
    codes_of(&site.run(&["access", "--json"]));
    let before = hashes(&site);
    let run = site.run(&["access", "--json", "--lang", "es"]);
    assert!(codes_of(&run).is_empty(), "{}", run.stdout);
    assert!(
        run.stderr.contains("Ya tienen código (3)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("vitrina access --renew"),
        "{}",
        run.stderr
    );
    // Without --json, the same is said on stdout, and no code is printed.
    let run = site.run(&["access", "--lang", "en"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Already have a code (3)"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("code="), "{}", run.stdout);
    assert_eq!(hashes(&site), before, "no code changed");
}

#[test]
fn the_human_listing_shows_each_new_code_with_its_link() {
    let site = TestSite::fixture("full_fair");
    let run = site.run(&["access", "--lang", "es"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("3 códigos nuevos"), "{}", run.stdout);
    let codes = Codes::load(site.path()).unwrap();
    for vendor in VENDORS {
        let line = run
            .stdout
            .lines()
            .find(|l| l.trim_start().starts_with(vendor))
            .unwrap_or_else(|| panic!("no line for {vendor}:\n{}", run.stdout));
        let words: Vec<&str> = line.split_whitespace().collect();
        assert!(is_code(words[1]), "{line}");
        assert_eq!(codes.vendor_of(words[1]).as_deref(), Some(vendor));
        assert_eq!(words[2], format!("/__vitrina/edit/login?code={}", words[1]));
    }
}

#[test]
fn renew_replaces_exactly_that_vendors_code() {
    let site = TestSite::fixture("full_fair");
    let first = codes_of(&site.run(&["access", "--json"]));
    let before = hashes(&site);
    // By address, or by the folder's own name.
    for wanted in ["huevos-andrea", "Café Doña Rosa"] {
        let made = codes_of(&site.run(&["access", "--json", "--renew", wanted]));
        assert_eq!(made.len(), 1, "{made:?}");
        assert!(is_code(&made[0].1));
    }
    let after = hashes(&site);
    for ((vendor, old), (_, new)) in before.iter().zip(&after) {
        assert!(new.is_some());
        if vendor == "borrador-total" {
            assert_eq!(old, new, "{vendor} was not renewed");
        } else {
            assert_ne!(old, new, "{vendor} was renewed");
        }
    }
    // The old codes stop working; the untouched one still works.
    let codes = Codes::load(site.path()).unwrap();
    for (vendor, code, _) in &first {
        let expected = (vendor == "borrador-total").then_some(vendor.as_str());
        assert_eq!(codes.vendor_of(code).as_deref(), expected, "{vendor}");
    }
}

#[test]
fn renewing_an_unknown_vendor_suggests_the_closest_and_changes_nothing() {
    let site = TestSite::fixture("full_fair");
    codes_of(&site.run(&["access", "--json"]));
    let before = fs::read(codes_file(site.path())).unwrap();
    let run = site.run(&["access", "--renew", "huevos-andre", "--lang", "es"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.contains("«huevos-andrea»"), "{}", run.stderr);
    let run = site.run(&[
        "access",
        "--json",
        "--renew",
        "cafe-donna-rosa",
        "--lang",
        "en",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("did you mean \"cafe-dona-rosa\""),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read(codes_file(site.path())).unwrap(), before);
}

#[test]
fn a_new_vendor_gets_a_code_and_a_removed_one_loses_hers() {
    let site = TestSite::fixture("full_fair");
    let first = codes_of(&site.run(&["access", "--json"]));
    fs::create_dir_all(site.path().join("content/vendors/Nueva Tienda")).unwrap();
    fs::remove_dir_all(site.path().join("content/vendors/borrador-total")).unwrap();
    let run = site.run(&["access", "--json", "--lang", "es"]);
    let made = codes_of(&run);
    assert_eq!(made.len(), 1);
    assert_eq!(made[0].0, "nueva-tienda");
    assert!(run.stderr.contains("borrador-total"), "{}", run.stderr);
    let codes = Codes::load(site.path()).unwrap();
    let old = &first
        .iter()
        .find(|(v, _, _)| v == "borrador-total")
        .unwrap()
        .1;
    assert_eq!(codes.vendor_of(old), None);
}

#[test]
fn outside_a_site_access_says_so_and_makes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let run = crate::prelude::vitrina()
        .args(["access", "--site"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("content/fair.toml"));
    assert!(!tmp.path().join(".vitrina").exists());
}

#[test]
fn a_damaged_codes_file_is_named_with_what_to_do() {
    let site = TestSite::fixture("full_fair");
    site.write(".vitrina/access.toml", "salt = \n");
    let run = site.run(&["access", "--lang", "es"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("access.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("bórralo"), "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(site.path().join(".vitrina/access.toml")).unwrap(),
        "salt = \n"
    );
}

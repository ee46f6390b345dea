//! Diagnostics as a young entrepreneur reads them.
//!
//! Each folder `tests/fixtures/invalid/<case>/` is a site with one kind of mistake, and its own
//! test, `invalid_<case>`: `vitrina check` must print exactly `expected.es.txt` (Spanish) and
//! `expected.en.txt` (English) to stderr — file, line, column, the source line with a caret,
//! the message and what to do — and exit with the status written next to the case below.
//! `VITRINA_BLESS=1` rewrites the expected files from the current output (see README.md here).
//! The tests after the list check diagnostics that need a site changed in code (links).

use std::fs;
use std::path::PathBuf;

use crate::prelude::{repo, TestSite};

/// One `#[test]` per invalid fixture, named `invalid_<folder>`, with the exit status `check`
/// must give for it (1: at least one error; 0: warnings only). [`CASES`] lists them all, so a
/// fixture folder without a line here fails `every_invalid_fixture_has_its_own_test`.
macro_rules! invalid_cases {
    ($($test:ident => exit $code:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check_case(stringify!($test), $code);
            }
        )*

        /// The test names, in the order of the list.
        const CASES: &[&str] = &[$(stringify!($test)),*];
    };
}

// Adding a case: one line here (see README.md here).
invalid_cases! {
    invalid_all_at_once => exit 1,
    invalid_bad_contact => exit 1,
    invalid_corrupt_photo => exit 1,
    invalid_curly_quotes => exit 1,
    invalid_heic_photo => exit 1,
    invalid_misplaced_keys => exit 1,
    invalid_missing_alt => exit 0,
    invalid_missing_key => exit 1,
    invalid_missing_photo => exit 1,
    invalid_no_fair_toml => exit 1,
    invalid_no_vendor_toml => exit 1,
    invalid_not_utf8 => exit 1,
    invalid_photo_outside => exit 1,
    invalid_slug_collision => exit 1,
    invalid_toml_syntax => exit 1,
    invalid_unknown_category => exit 1,
    invalid_unknown_key => exit 1,
    invalid_wrong_type => exit 1,
    invalid_yaml_front_matter => exit 1,
}

/// `tests/fixtures/invalid/`.
fn invalid_dir() -> PathBuf {
    repo().join("tests/fixtures/invalid")
}

/// The fixture folder a test of the list is about: `invalid_bad_price` → `bad_price`.
fn folder_of(test: &str) -> &str {
    test.strip_prefix("invalid_")
        .unwrap_or_else(|| panic!("{test}: a case's test name starts with `invalid_`"))
}

/// Runs `check` on the fixture in both languages; compares stderr with the expected files (or
/// writes them under `VITRINA_BLESS`) and the exit status with `want_code`.
#[track_caller]
fn check_case(test: &str, want_code: i32) {
    let case = folder_of(test);
    let bless = std::env::var_os("VITRINA_BLESS").is_some();
    let site = TestSite::fixture(&format!("invalid/{case}"));
    let mut failures = Vec::new();
    for lang in ["es", "en"] {
        let run = site.run(&["check", "--lang", lang]);
        let expected_path = invalid_dir()
            .join(case)
            .join(format!("expected.{lang}.txt"));
        if bless {
            fs::write(&expected_path, &run.stderr).unwrap();
        } else {
            match fs::read_to_string(&expected_path) {
                Ok(expected) if expected == run.stderr => {}
                Ok(expected) => failures.push(format!(
                    "{case} ({lang}): stderr differs from {}{}\n--- expected:\n{expected}\n--- got:\n{}",
                    expected_path.display(),
                    first_difference(&expected, &run.stderr),
                    run.stderr
                )),
                Err(e) => failures.push(format!(
                    "{case} ({lang}): cannot read {}: {e}\n(run `VITRINA_BLESS=1 cargo test --test \
                     testsuite {test}` to write it from this output, then read it)\n--- got:\n{}",
                    expected_path.display(),
                    run.stderr
                )),
            }
        }
        if run.code != want_code {
            failures.push(format!(
                "{case} ({lang}): exit status {} instead of {want_code}\n{}",
                run.code, run.stderr
            ));
        }
        assert!(
            !site.path().join("public").exists(),
            "{case}: check wrote public/"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Where two texts part: `, first at line N` (1-based), or nothing when one is a prefix.
fn first_difference(expected: &str, got: &str) -> String {
    expected
        .lines()
        .zip(got.lines())
        .position(|(e, g)| e != g)
        .map(|i| format!(", first at line {}", i + 1))
        .unwrap_or_default()
}

#[test]
fn every_invalid_fixture_has_its_own_test() {
    let mut folders: Vec<String> = fs::read_dir(invalid_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let mut listed: Vec<&str> = CASES.iter().map(|t| folder_of(t)).collect();
    listed.sort_unstable();
    assert!(folders.len() >= 18, "{folders:?}");
    let untested: Vec<&String> = folders
        .iter()
        .filter(|f| !listed.contains(&f.as_str()))
        .collect();
    assert!(
        untested.is_empty(),
        "fixture folders no test names: {untested:?}; add a line `invalid_<folder> => exit N,` \
         to invalid_cases! in tests/testsuite/diagnostics.rs"
    );
    let missing: Vec<&&str> = listed
        .iter()
        .filter(|t| !folders.iter().any(|f| f == **t))
        .collect();
    assert!(
        missing.is_empty(),
        "cases listed in diagnostics.rs without a folder in tests/fixtures/invalid/: {missing:?}"
    );
}

#[test]
fn a_build_with_errors_lists_them_all_and_exits_1() {
    let site = TestSite::fixture("invalid/unknown_key");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("no conozco la clave `prize`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("¿quisiste decir `price`?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("no conozco la clave `colour`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("No se publicó nada"), "{}", run.stderr);
    assert!(!site.path().join("public").exists());
}

#[test]
fn missing_alt_is_a_warning_but_an_error_under_strict() {
    let site = TestSite::fixture("invalid/missing_alt");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("aviso: la foto `photos/foto.jpg` no tiene descripción (`alt`)"),
        "{}",
        run.stderr
    );
    let strict = site.run(&["build", "--strict", "--out", "public2"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    assert!(
        strict
            .stderr
            .contains("error: la foto `photos/foto.jpg` no tiene descripción"),
        "{}",
        strict.stderr
    );
    assert!(!site.path().join("public2").exists());
}

#[test]
fn a_link_leaving_the_vendor_folder_is_refused() {
    let site = TestSite::fixture("full_fair");
    let vendor = site.path().join("content/vendors/huevos-andrea");
    std::os::unix::fs::symlink("/etc/hostname", vendor.join("photos/enlace.jpg")).unwrap();
    site.write(
        "content/vendors/huevos-andrea/products/enlace.md",
        "+++\nname = \"Enlace\"\nphotos = [{ src = \"photos/enlace.jpg\", alt = \"x\" }]\n+++\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("la foto `photos/enlace.jpg` está fuera de tu carpeta"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_linked_folder_hidden_behind_a_backslash_name_is_still_refused() {
    // `photos/a\b.jpg` (a plain file whose name holds a backslash) reads as `photos/a/b.jpg`,
    // and `photos/a` is a link to a folder outside: the photo must be refused, never published.
    let site = TestSite::fixture("full_fair");
    let vendor = site.path().join("content/vendors/huevos-andrea");
    let outside = site.path().join("fuera");
    std::fs::create_dir(&outside).unwrap();
    std::fs::copy(vendor.join("photos/huevos.jpg"), outside.join("b.jpg")).unwrap();
    std::fs::copy(
        vendor.join("photos/huevos.jpg"),
        vendor.join("photos/a\\b.jpg"),
    )
    .unwrap();
    std::os::unix::fs::symlink(&outside, vendor.join("photos/a")).unwrap();
    site.write(
        "content/vendors/huevos-andrea/products/enlace.md",
        "+++\nname = \"Enlace\"\nphotos = [{ src = \"photos/a/b.jpg\", alt = \"x\" }]\n+++\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("la foto `photos/a/b.jpg` está fuera de tu carpeta"),
        "{}",
        run.stderr
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn a_story_linked_from_outside_the_folder_is_refused() {
    let site = TestSite::fixture("full_fair");
    let secret = site.path().join("secret.txt");
    std::fs::write(&secret, "PRIVATE-NOTE").unwrap();
    let about = site.path().join("content/vendors/huevos-andrea/about.md");
    std::fs::remove_file(&about).unwrap();
    std::os::unix::fs::symlink(&secret, &about).unwrap();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/vendors/huevos-andrea/about.md"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("es un enlace a algo fuera de tu carpeta"),
        "{}",
        run.stderr
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn bom_and_crlf_files_are_read_like_any_other() {
    let site = TestSite::fixture("full_fair");
    site.write(
        "content/vendors/huevos-andrea/products/crlf.md",
        "\u{feff}+++\r\nname = \"Alfajores CRLF\"\r\nprice = 3.5\r\n+++\r\nDulces **ricos**.\r\n",
    );
    site.write(
        "content/vendors/huevos-andrea/about.md",
        "\u{feff}Historia con BOM.\r\n",
    );
    site.build_ok();
    let page = site.page("vendors/huevos-andrea/crlf/index.html");
    assert!(page.contains("Alfajores CRLF"));
    assert!(page.contains("<strong>ricos</strong>"));
    assert!(page.contains("S/ 3.50"));
    let vendor = site.page("vendors/huevos-andrea/index.html");
    assert!(vendor.contains("<p>Historia con BOM.</p>"), "{vendor}");
    assert!(!vendor.contains('\u{feff}') && !page.contains('\u{feff}'));
}

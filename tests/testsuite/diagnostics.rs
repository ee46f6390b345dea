//! Every invalid fixture gives exactly the diagnostics in its `expected.<lang>.txt`, in Spanish
//! and in English: file, line, column, the source line with a caret, the message and what to do.
//! `VITRINA_BLESS=1` rewrites the expected files from the current output.

use std::fs;

use crate::prelude::{repo, TestSite};

fn cases() -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(repo().join("tests/fixtures/invalid"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn every_invalid_fixture_reports_the_expected_text_in_both_languages() {
    let bless = std::env::var_os("VITRINA_BLESS").is_some();
    let mut failures = Vec::new();
    for case in cases() {
        let site = TestSite::fixture(&format!("invalid/{case}"));
        for lang in ["es", "en"] {
            let run = site.run(&["check", "--lang", lang]);
            let expected_path =
                repo().join(format!("tests/fixtures/invalid/{case}/expected.{lang}.txt"));
            if bless {
                fs::write(&expected_path, &run.stderr).unwrap();
                continue;
            }
            let expected = fs::read_to_string(&expected_path).unwrap_or_default();
            if run.stderr != expected {
                failures.push(format!(
                    "--- {case} ({lang}) expected:\n{expected}\n--- got:\n{}",
                    run.stderr
                ));
            }
            let want_code = if expected.contains("\nerror") || expected.starts_with("error") {
                1
            } else {
                0
            };
            if run.code != want_code {
                failures.push(format!(
                    "{case} ({lang}): exit code {} instead of {want_code}",
                    run.code
                ));
            }
            assert!(
                !site.path().join("public").exists(),
                "{case}: check wrote public/"
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
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
}

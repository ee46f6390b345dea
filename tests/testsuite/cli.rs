//! The command line: exit codes, `check` (`new` has its own module, new.rs).

use crate::prelude::{changed_files, TestSite};

#[test]
fn usage_errors_exit_2() {
    let site = TestSite::fixture("full_fair");
    assert_eq!(site.run(&["build", "--no-such-flag"]).code, 2);
    assert_eq!(site.run(&["build", "--base-url", "feria.org"]).code, 2);
    assert_eq!(site.run(&["fly"]).code, 2);
    assert_eq!(site.run(&["--help"]).code, 0);
}

#[test]
fn check_reports_and_writes_nothing() {
    let site = TestSite::fixture("full_fair");
    let before = site.snapshot("");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("Todo bien: 2 emprendimientos, 4 productos."),
        "{}",
        run.stdout
    );
    assert!(!site.path().join("public").exists());
    assert!(
        !site.path().join(".vitrina-cache").exists(),
        "check never writes the cache"
    );
    let changed = changed_files(&before, &site.snapshot(""));
    assert!(changed.is_empty(), "check wrote {changed:?}");
}

#[test]
fn new_never_overwrites_what_is_there() {
    let site = TestSite::fixture("full_fair");
    assert_eq!(site.run(&["new", "vendor", "Dulces Rosita"]).code, 0);
    assert_eq!(
        site.run(&["new", "product", "dulces-rosita", "alfajores"])
            .code,
        0
    );
    // Her own words in every file `new` made.
    let dir = site.path().join("content/vendors/dulces-rosita");
    for rel in ["vendor.toml", "about.md", "products/alfajores.md"] {
        let mut text = std::fs::read_to_string(dir.join(rel)).unwrap();
        text.push_str("\n# escrito por Rosita\n");
        std::fs::write(dir.join(rel), text).unwrap();
    }
    let before = site.snapshot("content");
    assert_eq!(site.run(&["new", "vendor", "Dulces Rosita"]).code, 1);
    assert_eq!(
        site.run(&["new", "product", "dulces-rosita", "alfajores"])
            .code,
        1
    );
    // A vendor that does not exist is not made on the way.
    assert_eq!(site.run(&["new", "product", "no-existe", "x"]).code, 1);
    assert!(!site.path().join("content/vendors/no-existe").exists());
    let changed = changed_files(&before, &site.snapshot("content"));
    assert!(changed.is_empty(), "changed in content/: {changed:?}");
}

#[test]
fn a_folder_without_fair_toml_is_explained() {
    let site = TestSite::fixture("full_fair");
    std::fs::remove_file(site.path().join("content/fair.toml")).unwrap();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("no encuentro `content/fair.toml`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--site CARPETA"), "{}", run.stderr);
}

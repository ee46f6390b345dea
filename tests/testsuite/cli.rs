//! The command line: exit codes, `check`, `new`.

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
fn new_vendor_and_product_scaffolds_pass_check() {
    let site = TestSite::fixture("full_fair");
    let run = site.run(&["new", "vendor", "Dulces Rosita"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let toml = std::fs::read_to_string(
        site.path()
            .join("content/vendors/dulces-rosita/vendor.toml"),
    )
    .unwrap();
    assert!(toml.contains("name = \"Dulces Rosita\""));
    assert!(
        toml.contains("# whatsapp = \"+51 987 654 321\""),
        "fields are explained in comments"
    );
    let run = site.run(&["new", "product", "dulces-rosita", "alfajores"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site
        .path()
        .join("content/vendors/dulces-rosita/products/alfajores.md")
        .exists());
    // A new vendor starts as a draft, so placeholder text never goes live by accident.
    assert!(toml.contains("\ndraft = true"));
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check
            .stdout
            .contains("Todo bien: 2 emprendimientos, 4 productos."),
        "{}",
        check.stdout
    );
    let check = site.run(&["check", "--drafts"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check
            .stdout
            .contains("Todo bien: 4 emprendimientos, 6 productos."),
        "{}",
        check.stdout
    );
    // Quotes in a name cannot break the file: the name comes back as written.
    let odd = "Dulces \"La Abuela\" \\ 2";
    let run = site.run(&["new", "vendor", odd]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = std::fs::read_to_string(
        site.path()
            .join("content/vendors/dulces-la-abuela-2/vendor.toml"),
    )
    .unwrap();
    let table: toml::Table = toml::from_str(&written).unwrap();
    assert_eq!(table["name"].as_str(), Some(odd), "{written}");
    let check = site.run(&["check", "--drafts"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
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

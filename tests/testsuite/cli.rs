//! The command line: exit codes, `check` (`new` has its own module, new.rs).

use crate::prelude::TestSite;

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
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("Todo bien: 2 emprendimientos, 4 productos."),
        "{}",
        run.stdout
    );
    assert!(!site.path().join("public").exists());
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

//! The output folder is exactly one build, replaced only by a build without errors.

use crate::prelude::TestSite;

#[test]
fn a_failed_build_leaves_the_previous_output_byte_identical() {
    let site = TestSite::fixture("full_fair");
    site.build_ok();
    let before = site.snapshot("public");
    assert!(before.len() > 10);
    // A broken entry (and a good new one, which must not leak into public/ either).
    site.write(
        "content/vendors/huevos-andrea/products/huevos-docena.md",
        "+++\nname = \"Huevos\"\nprice = \"seis\"\n+++\n",
    );
    site.write(
        "content/vendors/huevos-andrea/products/nuevo.md",
        "+++\nname = \"Nuevo\"\n+++\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        site.snapshot("public"),
        before,
        "public/ changed after a failed build"
    );
    // No staging folders left behind.
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_corrupt_photo_fails_the_build_and_keeps_the_old_output() {
    let site = TestSite::fixture("full_fair");
    site.build_ok();
    let before = site.snapshot("public");
    site.write(
        "content/vendors/huevos-andrea/photos/huevos.jpg",
        b"\xFF\xD8\xFF\xE0 truncated",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/vendors/huevos-andrea/photos/huevos.jpg"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("la foto está incompleta"),
        "{}",
        run.stderr
    );
    assert_eq!(site.snapshot("public"), before);
}

#[test]
fn stale_files_disappear_and_static_files_are_copied() {
    let site = TestSite::fixture("full_fair");
    site.build_ok();
    assert!(site
        .path()
        .join("public/vendors/huevos-andrea/huevos-encurtidos/index.html")
        .exists());
    std::fs::remove_file(
        site.path()
            .join("content/vendors/huevos-andrea/products/huevos-encurtidos.md"),
    )
    .unwrap();
    site.write("public/leftover.txt", "old");
    site.build_ok();
    assert!(!site
        .path()
        .join("public/vendors/huevos-andrea/huevos-encurtidos")
        .exists());
    assert!(!site.path().join("public/leftover.txt").exists());
    assert_eq!(site.page("robots.txt"), "User-agent: *\n");
    assert!(
        site.path().join("public/style.css").exists(),
        "theme static copied"
    );
}

#[test]
fn the_output_may_not_be_the_site_or_its_sources() {
    let site = TestSite::fixture("full_fair");
    for out in [".", "content", "static/out", "themes"] {
        let run = site.run(&["build", "--out", out]);
        assert_eq!(run.code, 2, "--out {out}: {}", run.stderr);
    }
    assert!(site.path().join("content/fair.toml").exists());
}

#[test]
fn nothing_is_written_into_content_themes_or_static() {
    let site = TestSite::fixture("full_fair");
    let before: Vec<_> = ["content", "themes", "static"]
        .iter()
        .map(|d| site.snapshot(d))
        .collect();
    site.build_ok();
    let after: Vec<_> = ["content", "themes", "static"]
        .iter()
        .map(|d| site.snapshot(d))
        .collect();
    assert_eq!(before, after);
}

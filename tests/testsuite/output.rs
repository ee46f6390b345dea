//! The output folder is exactly one build, replaced only by a build without errors.

use crate::prelude::{Run, TestSite};

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

/// The "N páginas (K ya al día)" numbers of a build's summary line.
#[track_caller]
fn pages_and_kept(run: &Run) -> (usize, usize) {
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("Listo:"))
        .unwrap();
    let (before, after) = line.split_once(" páginas (").unwrap();
    let pages = before.rsplit(' ').next().unwrap().parse().unwrap();
    let kept = after.split(' ').next().unwrap().parse().unwrap();
    (pages, kept)
}

/// Builds `site` from scratch elsewhere (fresh output, fresh cache): what every rebuild must
/// match byte for byte.
fn fresh_build(site: &TestSite) -> std::collections::BTreeMap<String, Vec<u8>> {
    let run = site.run(&["build", "--out", "fresh", "--cache-dir", "fresh-cache"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        pages_and_kept(&run).1,
        0,
        "a fresh build renders every page"
    );
    let snap = site.snapshot("fresh");
    std::fs::remove_dir_all(site.path().join("fresh")).unwrap();
    std::fs::remove_dir_all(site.path().join("fresh-cache")).unwrap();
    snap
}

#[test]
fn a_rebuild_renders_only_the_pages_whose_content_changed() {
    let site = TestSite::fixture("full_fair");
    // Output trees alternate (see output::Staging), and the first build, which has no photo
    // colours yet, gives its pages no recipe: from the fourth build on, both trees hold pages
    // with recipes.
    for _ in 0..3 {
        site.build_ok();
    }
    let fourth = site.build_ok();
    let (pages, kept) = pages_and_kept(&fourth);
    assert!(pages > 10);
    assert_eq!(
        kept, pages,
        "nothing changed, nothing rendered: {}",
        fourth.stdout
    );
    assert_eq!(site.snapshot("public"), fresh_build(&site));

    // One product's price: its page and the lists showing it change, nothing else.
    let product = "content/vendors/huevos-andrea/products/huevos-docena.md";
    let text = std::fs::read_to_string(site.path().join(product)).unwrap();
    site.write(product, text.replace("price = 6.50", "price = 7.25"));
    for round in 0..2 {
        let run = site.build_ok();
        let (_, kept) = pages_and_kept(&run);
        if round == 0 {
            assert!(kept > 0 && kept < pages - 3, "{}", run.stdout);
        } else {
            // The tree rewritten now is two builds old, but the pages the change touched are
            // right in the output in place: taken from there (checked), not rendered, except
            // those the last build wrote in the same clock tick as it saved its ledger
            // ("racily clean": not trusted, rendered again).
            assert!(kept > 0, "{}", run.stdout);
        }
        assert!(site
            .page("vendors/huevos-andrea/huevos-docena/index.html")
            .contains("7.25"));
        assert!(site
            .page("vendors/huevos-andrea/index.html")
            .contains("7.25"));
        assert_eq!(site.snapshot("public"), fresh_build(&site));
    }

    // A page changed by hand (in both trees) is rendered again, not trusted.
    for tree in [".vitrina-cache/output", "public"] {
        let victim = site
            .path()
            .join(tree)
            .join("vendors/huevos-andrea/index.html");
        let original = std::fs::read(&victim).unwrap();
        let mut tampered = original.clone();
        tampered[original.len() / 2] ^= 0x20; // same length, one letter's case
        std::fs::write(&victim, &tampered).unwrap();
    }
    let run = site.build_ok();
    assert_eq!(pages_and_kept(&run).1, pages - 1, "{}", run.stdout);
    assert_eq!(site.snapshot("public"), fresh_build(&site));

    // A template change reaches every page.
    let base = "themes/default/templates/base.html";
    let text = std::fs::read_to_string(site.path().join(base)).unwrap();
    site.write(base, text.replace("</footer>", "<!-- v2 --></footer>"));
    let run = site.build_ok();
    assert_eq!(pages_and_kept(&run).1, 0, "{}", run.stdout);
    assert!(site.page("index.html").contains("<!-- v2 -->"));
    assert!(site
        .page("vendors/huevos-andrea/huevos-docena/index.html")
        .contains("<!-- v2 -->"));
}

#[test]
fn templates_that_differ_between_runs_are_always_rendered() {
    let site = TestSite::fixture("full_fair");
    let base = "themes/default/templates/base.html";
    let text = std::fs::read_to_string(site.path().join(base)).unwrap();
    site.write(
        base,
        text.replace(
            "</footer>",
            "<p>run {{ get_env (name=\"RUN\", default=\"?\") }}</p></footer>",
        ),
    );
    for n in ["1", "2", "3"] {
        let run = site.run_env(&["build"], &[("RUN", n)]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(pages_and_kept(&run).1, 0, "{}", run.stdout);
        assert!(site.page("index.html").contains(&format!("<p>run {n}</p>")));
    }
}

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
    let before = site.snapshot("content");
    for out in [".", "content", "static/out", "themes"] {
        let run = site.run(&["build", "--out", out]);
        assert_eq!(run.code, 2, "--out {out}: {}", run.stderr);
        assert!(
            run.stderr.starts_with("error: la carpeta de salida "),
            "--out {out}: {}",
            run.stderr
        );
    }
    assert_eq!(site.snapshot("content"), before);
}

/// The site folder as vitrina names it in messages (links resolved).
fn real(site: &TestSite, rel: &str) -> String {
    let root = site.path().canonicalize().unwrap();
    root.join(rel).display().to_string()
}

/// Asserts that `run` failed with `code` and told `parts` (each in the text).
#[track_caller]
pub fn told(run: &Run, code: i32, parts: &[&str]) {
    assert_eq!(run.code, code, "{}", run.stderr);
    for part in parts {
        assert!(
            run.stderr.contains(part),
            "missing {part:?} in:\n{}",
            run.stderr
        );
    }
}

#[test]
fn an_output_inside_the_content_is_refused_in_the_users_language() {
    let site = TestSite::fixture("full_fair");
    let arrow = format!("--> {}", real(&site, "content/public"));
    let es = site.run(&["build", "--out", "content/public"]);
    told(
        &es,
        2,
        &[
            &format!(
                "error: la carpeta de salida está dentro de {} (o la contiene): vitrina nunca escribe ahí",
                real(&site, "content")
            ),
            &arrow,
            " = qué hacer: usa una carpeta aparte para el sitio publicado, por ejemplo `--out public`",
        ],
    );
    let en = site.run(&["--lang", "en", "build", "--out", "content/public"]);
    told(
        &en,
        2,
        &[
            &format!(
                "error: the output folder is inside {} (or contains it): vitrina never writes there",
                real(&site, "content")
            ),
            &arrow,
            " = what to do: use a separate folder for the published site, for example `--out public`",
        ],
    );
    assert!(!site.path().join("content/public").exists());
}

#[test]
fn a_folder_vitrina_did_not_make_is_refused_in_the_fairs_language() {
    let site = TestSite::fixture("full_fair");
    site.write("Documentos/tesis.docx", "years of work");
    let arrow = format!("--> {}", real(&site, "Documentos"));
    let es = site.run(&["build", "--out", "Documentos"]);
    told(
        &es,
        2,
        &[
            "error: la carpeta de salida ya tiene archivos que vitrina no hizo, y vitrina la reemplazaría entera",
            &arrow,
            " = qué hacer: usa otra carpeta (por ejemplo `--out public`), o vacíala tú",
        ],
    );
    assert!(
        !es.stderr.contains("files vitrina did not make"),
        "{}",
        es.stderr
    );
    // An English fair is told in English without --lang; --lang still wins.
    let fair = std::fs::read_to_string(site.path().join("content/fair.toml")).unwrap();
    site.write(
        "content/fair.toml",
        fair.replace("language = \"es\"", "language = \"en\""),
    );
    let en = site.run(&["build", "--out", "Documentos"]);
    told(
        &en,
        2,
        &[
            "error: the output folder holds files vitrina did not make, and vitrina would replace all of it",
            &arrow,
            " = what to do: use another folder (for example `--out public`), or empty it yourself",
        ],
    );
    let es = site.run(&["--lang", "es", "build", "--out", "Documentos"]);
    told(&es, 2, &["vitrina no hizo", &arrow]);
    assert_eq!(
        std::fs::read_to_string(site.path().join("Documentos/tesis.docx")).unwrap(),
        "years of work"
    );
}

#[cfg(unix)]
#[test]
fn an_output_folder_the_system_refuses_is_named_with_what_to_do() {
    use std::os::unix::fs::PermissionsExt;
    let site = TestSite::fixture("full_fair");
    let locked = site.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    let mode = |m| std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(m)).unwrap();
    mode(0o555);
    // Permissions do not stop root (as in some containers and CI): then there is nothing to
    // see, and this one case is skipped.
    if std::fs::write(locked.join("probe"), "").is_ok() {
        mode(0o755);
        eprintln!("skipped: running as root, a read-only folder does not stop the build");
        return;
    }
    let es = site.run(&["build", "--out", "locked/public"]);
    let en = site.run(&["--lang", "en", "build", "--out", "locked/public"]);
    mode(0o755);
    let arrow = format!("--> {}", real(&site, "locked/public"));
    told(
        &es,
        1,
        &[
            "error: vitrina no pudo preparar la carpeta de salida: la computadora no le da permiso a vitrina",
            &arrow,
            " = qué hacer: elige con `--out` una carpeta donde puedas escribir",
        ],
    );
    told(
        &en,
        1,
        &[
            "error: vitrina could not prepare the output folder: the computer does not give vitrina permission",
            &arrow,
            " = what to do: choose a folder you can write to with `--out`",
        ],
    );
    assert_eq!(std::fs::read_dir(&locked).unwrap().count(), 0);
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

//! `vitrina new` as a newcomer meets it: the scaffold lists the fair's categories and switches
//! none on, builds once filled in, tells her the next step, suggests the vendor she meant, never
//! overwrites; untouched example texts and a missing category are warned about; `check` counts
//! the drafts it left out.

use std::fs;

use crate::prelude::{Run, TestSite};

const VENDOR: &str = "content/vendors/dulces-rosita";

/// full_fair with a new vendor "Dulces Rosita" and its product "alfajores", as `new` made them.
fn scaffolded(lang: &str) -> TestSite {
    let site = TestSite::fixture("full_fair");
    let run = site.run(&["new", "vendor", "Dulces Rosita", "--lang", lang]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = site.run(&[
        "new",
        "product",
        "dulces-rosita",
        "alfajores",
        "--lang",
        lang,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site
}

fn read(site: &TestSite, rel: &str) -> String {
    fs::read_to_string(site.path().join(rel)).unwrap()
}

/// Replaces `from` (which must be there) by `to` in a file of the site.
#[track_caller]
fn edit(site: &TestSite, rel: &str, from: &str, to: &str) {
    let text = read(site, rel);
    assert!(text.contains(from), "{rel} has no {from:?}:\n{text}");
    site.write(rel, text.replacen(from, to, 1));
}

/// What she does first: pick a category and switch the draft off.
fn publish(site: &TestSite) {
    let toml = format!("{VENDOR}/vendor.toml");
    edit(
        site,
        &toml,
        "\ncategories = []\n",
        "\ncategories = [\"alimentos\"]\n",
    );
    edit(site, &toml, "\ndraft = true ", "\ndraft = false ");
}

/// `headline` is printed, followed by the location line ` --> {at}` (file:line:column, or the
/// file alone).
#[track_caller]
fn assert_reported(run: &Run, headline: &str, at: &str) {
    let lines: Vec<&str> = run.stderr.lines().collect();
    let found = lines
        .windows(2)
        .any(|w| w[0] == headline && w[1].trim_start().strip_prefix("--> ") == Some(at));
    assert!(
        found,
        "stderr lacks {headline:?} at {at:?}:\n{}",
        run.stderr
    );
}

#[track_caller]
fn assert_has(run: &Run, text: &str) {
    assert!(
        run.stderr.contains(text),
        "stderr lacks {text:?}:\n{}",
        run.stderr
    );
}

#[test]
fn the_vendor_scaffold_lists_the_fairs_categories_and_switches_none_on() {
    for (lang, pick) in [("es", "elige una o más"), ("en", "pick one or more")] {
        let site = scaffolded(lang);
        let toml = read(&site, &format!("{VENDOR}/vendor.toml"));
        assert!(toml.contains(pick), "{toml}");
        // Slug and name of each category of full_fair's fair.toml, aligned.
        assert!(
            toml.contains("\n#   alimentos   Postres y alimentos\n"),
            "{toml}"
        );
        assert!(
            toml.contains("\n#   textiles    Textiles y bordados\n"),
            "{toml}"
        );
        assert!(toml.contains("\ncategories = []\n"), "{toml}");
        assert!(
            !toml.lines().any(|l| l.starts_with("categories = [\"")),
            "no category is switched on:\n{toml}"
        );
        assert!(
            toml.contains("\ndraft = true"),
            "a new vendor starts as a draft"
        );
        assert!(
            toml.contains("# whatsapp = \"+51 987 654 321\""),
            "fields are explained in comments"
        );
    }
}

#[test]
fn new_prints_the_next_steps() {
    let site = TestSite::fixture("full_fair");
    let run = site.run(&["new", "vendor", "Dulces Rosita"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for step in [
        "Creado: ./content/vendors/dulces-rosita/ (vendor.toml, about.md, products/, photos/)",
        "Ahora:",
        "Abre ./content/vendors/dulces-rosita/vendor.toml: elige tu categoría",
        "vitrina new product dulces-rosita \"Nombre del producto\"",
        "vitrina serve --drafts",
        "cambia draft = true por draft = false",
        "vitrina check",
    ] {
        assert!(
            run.stdout.contains(step),
            "{step:?} missing:\n{}",
            run.stdout
        );
    }
    // The vendor is a draft: seeing the product needs --drafts.
    let run = site.run(&["new", "product", "dulces-rosita", "alfajores"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("Creado: ./content/vendors/dulces-rosita/products/alfajores.md"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("mira cómo queda con: vitrina serve --drafts"),
        "{}",
        run.stdout
    );

    // In English, and with the --site the command was given.
    let run = TestSite::fixture("full_fair")
        .run(&["new", "vendor", "Ana", "--lang", "en", "--site", "."]);
    assert!(run.stdout.contains("Next:"), "{}", run.stdout);
    let site = TestSite::fixture("full_fair");
    let parent = site.path().parent().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vitrina"))
        .args([
            "new",
            "product",
            "huevos-andrea",
            "tortilla",
            "--lang",
            "en",
            "--site",
            "site",
        ])
        .current_dir(parent)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("see how it looks with: vitrina serve --site site"),
        "a published vendor needs no --drafts; --site is repeated:\n{stdout}"
    );
}

#[test]
fn a_filled_in_scaffold_builds_without_warnings() {
    let site = scaffolded("es");
    publish(&site);
    edit(
        &site,
        &format!("{VENDOR}/about.md"),
        "Cuenta tu historia aquí: qué haces, cómo empezaste, qué te hace especial.",
        "Hago alfajores con la receta de mi abuela.",
    );
    let product = format!("{VENDOR}/products/alfajores.md");
    edit(&site, &product, "# price = 10.50 ", "price = 6.50 ");
    edit(
        &site,
        &product,
        "Describe tu producto aquí: de qué está hecho, tamaños, cómo pedirlo.",
        "Alfajores de maicena con manjar blanco.",
    );
    let check = site.run(&["check", "--strict"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(check.stderr, "", "no warning once she wrote her own texts");
    assert!(
        check
            .stdout
            .contains("Todo bien: 3 emprendimientos, 5 productos."),
        "{}",
        check.stdout
    );
    site.build_ok();
    let page = site.page("vendors/dulces-rosita/index.html");
    assert!(page.contains("Hago alfajores con la receta de mi abuela."));
    assert!(
        page.contains("Postres y alimentos"),
        "the category she picked is shown"
    );
    let page = site.page("vendors/dulces-rosita/alfajores/index.html");
    assert!(page.contains("Alfajores de maicena con manjar blanco."));
}

#[test]
fn untouched_example_texts_are_warned_about_with_file_line_and_key() {
    let site = scaffolded("es");
    // Drafts are not published: nothing to warn about yet.
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(!check.stderr.contains("vitrina new"), "{}", check.stderr);

    publish(&site);
    let toml = format!("{VENDOR}/vendor.toml");
    edit(&site, &toml, "# tagline = ", "tagline = ");
    edit(&site, &toml, "# instagram = ", "instagram = ");
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "warnings only:\n{}", check.stderr);
    assert_reported(
        &check,
        "aviso: `tagline` todavía tiene el texto de ejemplo de `vitrina new`",
        "content/vendors/dulces-rosita/vendor.toml:6:11",
    );
    assert_reported(
        &check,
        "aviso: `contact.instagram` todavía tiene el texto de ejemplo de `vitrina new`",
        "content/vendors/dulces-rosita/vendor.toml:21:13",
    );
    assert_reported(
        &check,
        "aviso: este texto todavía es el ejemplo de `vitrina new`",
        "content/vendors/dulces-rosita/about.md:1:1",
    );
    assert_reported(
        &check,
        "aviso: este texto todavía es el ejemplo de `vitrina new`",
        "content/vendors/dulces-rosita/products/alfajores.md:16:1",
    );
    assert_has(&check, "= qué hacer: escribe tu propio texto en su lugar (o borra la línea); mientras no esté listo, `draft = true` evita que se publique");
    assert_has(&check, "0 errores, 4 avisos");

    let check = site.run(&["check", "--lang", "en"]);
    assert_reported(
        &check,
        "warning: `tagline` still has the example text from `vitrina new`",
        "content/vendors/dulces-rosita/vendor.toml:6:11",
    );
    assert_reported(
        &check,
        "warning: this text is still the example from `vitrina new`",
        "content/vendors/dulces-rosita/products/alfajores.md:16:1",
    );
    assert_has(&check, "= what to do: write your own text instead (or delete the line); until it is ready, `draft = true` keeps it off the site");

    // A photo description left as the example, in a product.
    let product = format!("{VENDOR}/products/alfajores.md");
    edit(&site, &product, "# photos = [\n#   {", "photos = [\n  {");
    edit(&site, &product, "\n# ]\n", "\n]\n");
    fs::copy(
        site.path()
            .join("content/vendors/huevos-andrea/photos/huevos.jpg"),
        site.path().join(VENDOR).join("photos/alfajores.jpg"),
    )
    .unwrap();
    let check = site.run(&["check"]);
    assert_reported(
        &check,
        "aviso: `photos.alt` todavía tiene el texto de ejemplo de `vitrina new`",
        "content/vendors/dulces-rosita/products/alfajores.md:8:41",
    );

    // --strict refuses to publish them.
    assert_eq!(site.run(&["check", "--strict"]).code, 1);
}

#[test]
fn a_vendor_without_a_category_is_told_where_to_pick_one() {
    let site = scaffolded("es");
    publish(&site);
    let toml = format!("{VENDOR}/vendor.toml");
    edit(
        &site,
        &toml,
        "\ncategories = [\"alimentos\"]\n",
        "\ncategories = []\n",
    );
    let check = site.run(&["check"]);
    // Her product has no category of its own either: that is an error, and vendor.toml says
    // which categories there are.
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert_reported(
        &check,
        "aviso: tu emprendimiento no tiene categoría (`categories` está vacío)",
        "content/vendors/dulces-rosita/vendor.toml:12:1",
    );
    assert_has(&check, "= qué hacer: elige una o más de content/fair.toml y escríbelas así: categories = [\"alimentos\"] (la primera es la principal). Categorías: `alimentos`, `textiles`");
    assert_has(
        &check,
        "content/vendors/dulces-rosita/products/alfajores.md:3:",
    );

    // Without products, the vendor alone is a warning; without the key, the file is named.
    fs::remove_file(site.path().join(VENDOR).join("products/alfajores.md")).unwrap();
    edit(&site, &toml, "\ncategories = []\n", "\n");
    let check = site.run(&["check", "--lang", "en"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_reported(
        &check,
        "warning: your business has no category (`categories` is empty)",
        "content/vendors/dulces-rosita/vendor.toml",
    );
    assert_has(&check, "Categories: `alimentos`, `textiles`");
}

#[test]
fn check_says_how_many_drafts_it_left_out() {
    // full_fair has a draft vendor and a draft product.
    let site = TestSite::fixture("full_fair");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "Todo bien: 2 emprendimientos, 4 productos. 2 borradores sin publicar: usa --drafts para verlos."
        ),
        "{}",
        run.stdout
    );
    let run = site.run(&["check", "--lang", "en"]);
    assert!(
        run.stdout.contains(
            "All good: 2 vendors, 4 products. 2 drafts not published: use --drafts to see them."
        ),
        "{}",
        run.stdout
    );
    let run = site.run(&["check", "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout.trim_end(),
        "Todo bien: 3 emprendimientos, 5 productos.",
        "with --drafts nothing is left out"
    );
    fs::remove_file(
        site.path()
            .join("content/vendors/borrador-total/vendor.toml"),
    )
    .unwrap();
    fs::remove_dir(site.path().join("content/vendors/borrador-total")).unwrap();
    let run = site.run(&["check"]);
    assert!(
        run.stdout
            .contains("4 productos. 1 borrador sin publicar: usa --drafts para verlo."),
        "{}",
        run.stdout
    );
}

#[test]
fn a_misspelled_vendor_gets_a_suggestion() {
    let site = TestSite::fixture("full_fair");
    let before = site.snapshot("content");
    let run = site.run(&["new", "product", "huevos-andra", "tortilla"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("no encuentro el emprendimiento «huevos-andra» en ./content/vendors: ¿quisiste decir «huevos-andrea»?"),
        "{}",
        run.stderr
    );
    let run = site.run(&["new", "product", "Huevos Andra", "tortilla", "--lang", "en"]);
    assert!(
        run.stderr.contains("did you mean \"huevos-andrea\"?"),
        "{}",
        run.stderr
    );
    // Nothing close: say how to make it.
    let run = site.run(&["new", "product", "zapatos", "botas"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("créalo con vitrina new vendor \"zapatos\""),
        "{}",
        run.stderr
    );
    assert_eq!(site.snapshot("content"), before, "nothing was created");
}

#[test]
fn bad_input_changes_nothing() {
    let site = TestSite::fixture("full_fair");
    let before = site.snapshot("content");

    // A name with only symbols.
    let run = site.run(&["new", "vendor", "¡¡!!"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("«¡¡!!» no sirve como nombre de carpeta: usa letras o números"),
        "{}",
        run.stderr
    );
    let run = site.run(&["new", "product", "huevos-andrea", "???", "--lang", "en"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("\"???\" cannot be a file name"),
        "{}",
        run.stderr
    );

    // Files that exist are never overwritten (the same folder, another spelling of its name, a
    // product).
    let run = site.run(&["new", "vendor", "Huevos Andrea"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("huevos-andrea ya existe; no cambié nada"),
        "{}",
        run.stderr
    );
    let run = site.run(&["new", "vendor", "cafe dona rosa"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("Café Doña Rosa ya existe"),
        "{}",
        run.stderr
    );
    let run = site.run(&["new", "product", "huevos-andrea", "huevos-docena"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("huevos-docena.md ya existe"),
        "{}",
        run.stderr
    );
    assert_eq!(
        site.snapshot("content"),
        before,
        "every file byte for byte as it was"
    );

    // A fair.toml that does not parse: its problem is shown, nothing is created.
    site.write("content/fair.toml", "title = Feria\n");
    let before = site.snapshot("content");
    let run = site.run(&["new", "vendor", "Dulces Rosita"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("--> content/fair.toml:1:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/fair.toml tiene errores (arriba dice dónde), así que no sé qué categorías ofrecerte"),
        "{}",
        run.stderr
    );
    assert_eq!(site.snapshot("content"), before);
}

#[test]
fn quotes_in_a_name_cannot_break_the_scaffold() {
    let site = TestSite::fixture("full_fair");
    let run = site.run(&["new", "vendor", "Dulces \"La Abuela\" \\ 2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dir = "content/vendors/dulces-la-abuela-2";
    edit(
        &site,
        &format!("{dir}/vendor.toml"),
        "\ncategories = []\n",
        "\ncategories = [\"textiles\"]\n",
    );
    let run = site.run(&["new", "product", "dulces-la-abuela-2", "Manta \"grande\""]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let check = site.run(&["check", "--drafts"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check
            .stdout
            .contains("Todo bien: 4 emprendimientos, 6 productos."),
        "{}",
        check.stdout
    );
}

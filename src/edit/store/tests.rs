//! The store on temporary copies of `tests/fixtures/full_fair` and small sites written here.

use std::fs;
use std::path::{Path, PathBuf};

use super::*;
use crate::edit::Who;

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            fs::copy(e.path(), target).unwrap();
        }
    }
}

/// A copy of the full fair.
fn fair() -> (tempfile::TempDir, Store) {
    let tmp = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/full_fair");
    copy_dir(&src, tmp.path());
    let store = Store::new(tmp.path());
    (tmp, store)
}

fn andrea(tmp: &tempfile::TempDir) -> PathBuf {
    tmp.path().join("content/vendors/huevos-andrea")
}

fn vendor() -> Who {
    Who::Vendor("huevos-andrea".into())
}

/// The lines of `after` that are not in `before` at the same place, and the other way round.
fn changed_lines(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let (b, a): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    let prefix = b.iter().zip(&a).take_while(|(x, y)| x == y).count();
    let suffix = b[prefix..]
        .iter()
        .rev()
        .zip(a[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let strip = |v: &[&str]| -> Vec<String> {
        v[prefix..v.len() - suffix]
            .iter()
            .map(|s| s.to_string())
            .collect()
    };
    (strip(&b), strip(&a))
}

const PRODUCT: &str = "+++\n# Mis alfajores: los de la abuela.\nname = \"Alfajores\"   # el nombre\n\nprice = 6.50   # por unidad\ncategory = \"alimentos\"\nphotos = [\n  { src = \"photos/huevos.jpg\", alt = \"Alfajores en una bandeja\" },\n]\n+++\nRellenos de *manjar blanco*.\r\n\nPedidos por WhatsApp.\n";

fn write_product(tmp: &tempfile::TempDir, stem: &str, text: &str) -> PathBuf {
    let path = andrea(tmp).join(format!("products/{stem}.md"));
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn prices_are_read_as_people_type_them() {
    for (typed, want) in [
        ("6,50", Some(Some(6.5))),
        ("S/ 6.50", Some(Some(6.5))),
        ("S/.6.50", Some(Some(6.5))),
        ("6.5", Some(Some(6.5))),
        (" 6 ", Some(Some(6.0))),
        ("1,250.50", Some(Some(1250.5))),
        ("", Some(None)),
        ("  ", Some(None)),
        ("-3", None),
        ("seis", None),
        ("6 soles", None),
        ("S/", None),
    ] {
        assert_eq!(parse_price(typed), want, "{typed:?}");
    }
}

#[test]
fn a_scaffold_keeps_every_comment_when_the_tagline_is_written() {
    let (tmp, store) = fair();
    let slug = store.new_vendor("Dulces Rosita").unwrap();
    assert_eq!(slug, "dulces-rosita");
    let path = tmp.path().join("content/vendors/dulces-rosita/vendor.toml");
    let before = fs::read_to_string(&path).unwrap();
    let loaded = store.entry(&slug).unwrap();
    let mut form = loaded.value.clone();
    form.tagline = "Alfajores de la abuela".into();
    let who = Who::Vendor(slug.clone());
    store.save_entry(&slug, &who, &form, &loaded.hash).unwrap();
    let after = fs::read_to_string(&path).unwrap();
    let (gone, added) = changed_lines(&before, &after);
    assert!(gone.is_empty(), "{after}");
    assert_eq!(added, ["tagline = \"Alfajores de la abuela\""], "{after}");

    // The name changes on its own line and keeps the comment after it.
    let loaded = store.entry(&slug).unwrap();
    let mut form = loaded.value.clone();
    form.name = "Dulces Rosa".into();
    store.save_entry(&slug, &who, &form, &loaded.hash).unwrap();
    let again = fs::read_to_string(&path).unwrap();
    let (gone, added) = changed_lines(&after, &again);
    assert_eq!(gone.len(), 1, "{again}");
    assert_eq!(added.len(), 1, "{again}");
    assert!(added[0].starts_with("name = \"Dulces Rosa\""), "{again}");
    assert!(added[0].ends_with("# obligatorio: el nombre de tu emprendimiento"));
}

#[test]
fn a_price_change_is_one_line_and_the_body_stays_byte_for_byte() {
    let (tmp, store) = fair();
    let path = write_product(&tmp, "alfajores", PRODUCT);
    let loaded = store.product("huevos-andrea", "alfajores").unwrap();
    assert_eq!(loaded.value.price, "6.50");
    let mut form = loaded.value.clone();
    form.price = "S/ 7,00".into();
    // Browsers send a text box's line ends as CRLF: the same text, so the body is not touched.
    form.description = form.description.replace('\n', "\r\n");
    store
        .save_product("huevos-andrea", Some("alfajores"), &form, &loaded.hash)
        .unwrap();
    let after = fs::read_to_string(&path).unwrap();
    let (gone, added) = changed_lines(PRODUCT, &after);
    assert_eq!(gone, ["price = 6.50   # por unidad"]);
    assert_eq!(added, ["price = 7.0   # por unidad"]);
    assert!(after.ends_with("+++\nRellenos de *manjar blanco*.\r\n\nPedidos por WhatsApp.\n"));
}

#[test]
fn an_empty_name_is_refused_at_its_field_and_nothing_is_written() {
    let (tmp, store) = fair();
    let path = write_product(&tmp, "alfajores", PRODUCT);
    let loaded = store.product("huevos-andrea", "alfajores").unwrap();
    let mut form = loaded.value.clone();
    form.name = "  ".into();
    form.price = "8".into();
    let refused = store.save_product("huevos-andrea", Some("alfajores"), &form, &loaded.hash);
    let Err(Refused::Invalid(problems)) = refused else {
        panic!("saved: {refused:?}");
    };
    let name = problems.iter().find(|p| p.field == "name").unwrap();
    assert_eq!(name.message, "Escribe el nombre.");
    assert!(!name.warning);
    assert_eq!(fs::read_to_string(&path).unwrap(), PRODUCT);
    assert!(store
        .history("huevos-andrea", &FileRef::Product("alfajores".into()))
        .is_empty());

    let entry = store.entry("huevos-andrea").unwrap();
    let before = fs::read(andrea(&tmp).join("vendor.toml")).unwrap();
    let mut form = entry.value.clone();
    form.name = String::new();
    let refused = store.save_entry("huevos-andrea", &vendor(), &form, &entry.hash);
    assert!(
        matches!(&refused, Err(Refused::Invalid(p)) if p.iter().any(|p| p.field == "name")),
        "{refused:?}"
    );
    assert_eq!(fs::read(andrea(&tmp).join("vendor.toml")).unwrap(), before);
}

#[test]
fn a_bad_price_is_refused_with_what_to_write() {
    let (tmp, store) = fair();
    let path = write_product(&tmp, "alfajores", PRODUCT);
    let loaded = store.product("huevos-andrea", "alfajores").unwrap();
    let mut form = loaded.value.clone();
    form.price = "seis soles".into();
    let Err(Refused::Invalid(problems)) =
        store.save_product("huevos-andrea", Some("alfajores"), &form, &loaded.hash)
    else {
        panic!("saved");
    };
    assert_eq!(
        problems,
        [FieldProblem {
            field: "price".into(),
            message: "Escribe el precio con números, por ejemplo 6.50".into(),
            warning: false,
        }]
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), PRODUCT);
}

#[test]
fn a_stale_form_is_refused_with_what_the_file_holds_now() {
    let (tmp, store) = fair();
    let path = write_product(&tmp, "alfajores", PRODUCT);
    let loaded = store.product("huevos-andrea", "alfajores").unwrap();
    // Her other phone saves first.
    let changed = PRODUCT.replace("6.50", "9.00");
    fs::write(&path, &changed).unwrap();
    let mut form = loaded.value.clone();
    form.price = "7".into();
    let refused = store.save_product("huevos-andrea", Some("alfajores"), &form, &loaded.hash);
    let Err(Refused::Conflict { current, hash }) = refused else {
        panic!("not a conflict: {refused:?}");
    };
    let Conflicting::Product(now) = *current else {
        panic!("not a product");
    };
    assert_eq!(now.price, "9.00");
    assert_eq!(fs::read_to_string(&path).unwrap(), changed);
    // Keeping hers: the form sent again with the current hash is saved.
    store
        .save_product("huevos-andrea", Some("alfajores"), &form, &hash)
        .unwrap();
    assert!(fs::read_to_string(&path).unwrap().contains("price = 7.0"));

    let entry = store.entry("huevos-andrea").unwrap();
    fs::write(andrea(&tmp).join("about.md"), "Otra historia.\n").unwrap();
    let refused = store.save_entry("huevos-andrea", &vendor(), &entry.value, &entry.hash);
    assert!(
        matches!(refused, Err(Refused::Conflict { .. })),
        "{refused:?}"
    );
}

#[test]
fn history_keeps_the_replaced_bytes_and_restore_brings_them_back() {
    let (tmp, store) = fair();
    let toml_path = andrea(&tmp).join("vendor.toml");
    let about_path = andrea(&tmp).join("about.md");
    let (toml_before, about_before) = (
        fs::read(&toml_path).unwrap(),
        fs::read(&about_path).unwrap(),
    );
    let loaded = store.entry("huevos-andrea").unwrap();
    let mut form = loaded.value.clone();
    form.tagline = "Huevos de codorniz de Huaral".into();
    form.about = "Empecé con diez codornices.".into();
    let saved = store
        .save_entry("huevos-andrea", &vendor(), &form, &loaded.hash)
        .unwrap();
    assert_ne!(fs::read(&toml_path).unwrap(), toml_before);
    assert_eq!(
        fs::read_to_string(&about_path).unwrap(),
        "Empecé con diez codornices.\n"
    );
    assert_eq!(store.entry("huevos-andrea").unwrap().hash, saved.hash);

    let kept = store.history("huevos-andrea", &FileRef::Entry);
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].label, "Huevos de Codorniz Andrea");
    let dir = tmp
        .path()
        .join(".vitrina/history/huevos-andrea/entry")
        .join(format!("{}.toml", kept[0].id));
    assert_eq!(fs::read(dir).unwrap(), toml_before);

    store
        .restore_version("huevos-andrea", &FileRef::Entry, &kept[0].id)
        .unwrap();
    assert_eq!(fs::read(&toml_path).unwrap(), toml_before);
    assert_eq!(fs::read(&about_path).unwrap(), about_before);
    assert_eq!(store.history("huevos-andrea", &FileRef::Entry).len(), 2);
    // An id that is not a kept version is not a path.
    for id in ["../../content/fair", "", "12x"] {
        assert!(matches!(
            store.restore_version("huevos-andrea", &FileRef::Entry, id),
            Err(Refused::Missing)
        ));
    }
}

#[test]
fn a_deleted_product_goes_to_the_bin_and_comes_back() {
    let (tmp, store) = fair();
    let path = andrea(&tmp).join("products/huevos-encurtidos.md");
    let bytes = fs::read(&path).unwrap();
    store.delete("huevos-andrea", "huevos-encurtidos").unwrap();
    assert!(!path.exists());
    assert!(!store
        .products("huevos-andrea")
        .iter()
        .any(|r| r.stem == "huevos-encurtidos"));
    let bin = store.bin("huevos-andrea");
    assert_eq!(bin.len(), 1);
    assert_eq!(bin[0].label, "Huevos encurtidos");
    let stem = store.restore_deleted("huevos-andrea", &bin[0].id).unwrap();
    assert_eq!(stem, "huevos-encurtidos");
    assert_eq!(fs::read(&path).unwrap(), bytes);
    assert!(store.bin("huevos-andrea").is_empty());
    assert!(matches!(
        store.restore_deleted("huevos-andrea", "../../fair"),
        Err(Refused::Missing)
    ));
}

#[test]
fn a_photo_outside_her_folder_is_a_field_error_and_nothing_is_written() {
    let (tmp, store) = fair();
    let path = write_product(&tmp, "alfajores", PRODUCT);
    let loaded = store.product("huevos-andrea", "alfajores").unwrap();
    for file in [
        "../../fair.toml",
        "../../../content/fair.toml",
        "nada.jpg",
        ".oculta.jpg",
    ] {
        let mut form = loaded.value.clone();
        form.photos = vec![PhotoRef {
            file: file.into(),
            alt: "Una foto".into(),
        }];
        let refused = store.save_product("huevos-andrea", Some("alfajores"), &form, &loaded.hash);
        let Err(Refused::Invalid(problems)) = refused else {
            panic!("saved {file}");
        };
        assert_eq!(problems[0].field, "photos.0.file", "{file}");
        assert_eq!(fs::read_to_string(&path).unwrap(), PRODUCT);
    }
    // One of her photos, without a description: saved, with a warning at its field.
    let mut form = loaded.value.clone();
    form.photos = vec![PhotoRef {
        file: "puesto.jpg".into(),
        alt: String::new(),
    }];
    let saved = store
        .save_product("huevos-andrea", Some("alfajores"), &form, &loaded.hash)
        .unwrap();
    assert!(saved
        .warnings
        .iter()
        .any(|w| w.field == "photos.0.alt" && w.warning));
    assert!(fs::read_to_string(&path)
        .unwrap()
        .contains("{ src = \"photos/puesto.jpg\", alt = \"\" }"));
}

#[test]
fn a_save_that_would_break_the_build_is_refused_at_its_field() {
    let (tmp, store) = fair();
    let before = fs::read(andrea(&tmp).join("vendor.toml")).unwrap();
    let loaded = store.entry("huevos-andrea").unwrap();
    // Only `vitrina check` knows this is not a WhatsApp number.
    let mut form = loaded.value.clone();
    form.whatsapp = "llámame".into();
    let refused = store.save_entry("huevos-andrea", &vendor(), &form, &loaded.hash);
    let Err(Refused::Invalid(problems)) = refused else {
        panic!("saved: {refused:?}");
    };
    assert!(
        problems.iter().any(|p| p.field == "whatsapp" && !p.warning),
        "{problems:?}"
    );
    assert_eq!(fs::read(andrea(&tmp).join("vendor.toml")).unwrap(), before);

    // A category the fair does not have.
    let mut form = loaded.value.clone();
    form.categories = vec!["juguetes".into()];
    let refused = store.save_entry("huevos-andrea", &vendor(), &form, &loaded.hash);
    assert!(
        matches!(&refused, Err(Refused::Invalid(p)) if p.iter().any(|p| p.field == "categories")),
        "{refused:?}"
    );
    let product = store.product("huevos-andrea", "huevos-docena").unwrap();
    let mut form = product.value.clone();
    form.category = "juguetes".into();
    let refused = store.save_product("huevos-andrea", Some("huevos-docena"), &form, &product.hash);
    assert!(
        matches!(&refused, Err(Refused::Invalid(p)) if p.iter().any(|p| p.field == "category")),
        "{refused:?}"
    );
    assert_eq!(fs::read(andrea(&tmp).join("vendor.toml")).unwrap(), before);
}

#[test]
fn the_check_points_at_the_field_of_a_problem_only_the_build_finds() {
    let (tmp, store) = fair();
    // A hand-written product whose tag list has a number: the form cannot say it, the check can.
    let text = "+++\nname = \"Queso\"\ncategory = \"alimentos\"\n+++\nFresco.\n";
    write_product(&tmp, "queso", text);
    let loaded = store.product("huevos-andrea", "queso").unwrap();
    let mut form = loaded.value.clone();
    form.description =
        "Fresco.\n\nDescribe tu producto aquí: de qué está hecho, tamaños, cómo pedirlo.".into();
    let saved = store
        .save_product("huevos-andrea", Some("queso"), &form, &loaded.hash)
        .unwrap();
    assert!(
        saved
            .warnings
            .iter()
            .any(|w| w.field == "description" && w.warning),
        "{:?}",
        saved.warnings
    );
}

#[test]
fn the_booth_is_the_organizers() {
    let (tmp, store) = fair();
    let loaded = store.entry("huevos-andrea").unwrap();
    let mut form = loaded.value.clone();
    form.booth = "Z-99".into();
    form.owner = "Andrea R.".into();
    store
        .save_entry("huevos-andrea", &vendor(), &form, &loaded.hash)
        .unwrap();
    let text = fs::read_to_string(andrea(&tmp).join("vendor.toml")).unwrap();
    assert!(text.contains("booth = \"B-12\"") && text.contains("owner = \"Andrea R.\""));
    let loaded = store.entry("huevos-andrea").unwrap();
    store
        .save_entry("huevos-andrea", &Who::Organizer, &form, &loaded.hash)
        .unwrap();
    let text = fs::read_to_string(andrea(&tmp).join("vendor.toml")).unwrap();
    assert!(text.contains("booth = \"Z-99\""), "{text}");
}

#[test]
fn an_emptied_field_removes_its_key_and_new_contact_keys_go_in_contact() {
    let (tmp, store) = fair();
    let path = tmp
        .path()
        .join("content/vendors/Café Doña Rosa/vendor.toml");
    let loaded = store.entry("cafe-dona-rosa").unwrap();
    let mut form = loaded.value.clone();
    form.owner = String::new();
    form.instagram = "cafe.rosa".into();
    form.payment = vec!["yape".into(), "efectivo".into()];
    let who = Who::Vendor("cafe-dona-rosa".into());
    store
        .save_entry("cafe-dona-rosa", &who, &form, &loaded.hash)
        .unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(!text.contains("owner"), "{text}");
    assert!(
        text.contains("payment = [\"yape\", \"efectivo\"]"),
        "{text}"
    );
    assert!(
        text.ends_with("\n[contact]\ninstagram = \"cafe.rosa\"\n"),
        "{text}"
    );
    let mut bad = form.clone();
    bad.payment = vec!["bitcoin".into()];
    let loaded = store.entry("cafe-dona-rosa").unwrap();
    let refused = store.save_entry("cafe-dona-rosa", &who, &bad, &loaded.hash);
    assert!(
        matches!(&refused, Err(Refused::Invalid(p)) if p[0].field == "payment"),
        "{refused:?}"
    );
}

#[test]
fn new_products_get_a_free_name_and_copies_are_drafts() {
    let (tmp, store) = fair();
    let form = Product {
        name: "Huevos Encurtidos".into(),
        price: "6,50".into(),
        available: true,
        description: "Nuevos.".into(),
        ..Product::default()
    };
    let saved = store
        .save_product("huevos-andrea", None, &form, "")
        .unwrap();
    let stem = saved.stem.unwrap();
    assert_eq!(stem, "huevos-encurtidos-2");
    let text = fs::read_to_string(andrea(&tmp).join(format!("products/{stem}.md"))).unwrap();
    assert_eq!(
        text,
        "+++\nname = \"Huevos Encurtidos\"\nprice = 6.5\n+++\nNuevos.\n"
    );

    let copy = store.duplicate("huevos-andrea", "huevos-docena").unwrap();
    let loaded = store.product("huevos-andrea", &copy).unwrap().value;
    assert_eq!(loaded.name, "Huevos de codorniz (docena) (copia)");
    assert!(loaded.draft);
    assert_eq!(
        loaded.photos,
        store
            .product("huevos-andrea", "huevos-docena")
            .unwrap()
            .value
            .photos
    );
}

#[test]
fn products_are_listed_and_moved_in_the_sites_order() {
    let (tmp, store) = fair();
    let stems = |s: &Store| -> Vec<String> {
        s.products("huevos-andrea")
            .into_iter()
            .map(|r| r.stem)
            .collect()
    };
    assert_eq!(
        stems(&store),
        ["huevos-docena", "huevos-encurtidos", "borrador"]
    );
    let rows = store.products("huevos-andrea");
    assert_eq!(rows[0].price, "S/ 6.50");
    assert_eq!(rows[0].photo.as_deref(), Some("huevos.jpg"));
    assert!(rows[2].draft);
    let docena = fs::read(andrea(&tmp).join("products/huevos-docena.md")).unwrap();
    store.reorder("huevos-andrea", "borrador", true).unwrap();
    assert_eq!(
        stems(&store),
        ["huevos-docena", "borrador", "huevos-encurtidos"]
    );
    // Only files whose order changed are written.
    assert_eq!(
        fs::read(andrea(&tmp).join("products/huevos-docena.md")).unwrap(),
        docena
    );
    store
        .reorder("huevos-andrea", "huevos-docena", true)
        .unwrap();
    assert_eq!(
        stems(&store),
        ["huevos-docena", "borrador", "huevos-encurtidos"]
    );
}

#[test]
fn the_desk_shows_what_is_missing() {
    let (tmp, store) = fair();
    let desk = store.vendors();
    let slugs: Vec<&str> = desk.iter().map(|s| s.slug.as_str()).collect();
    assert_eq!(slugs, ["cafe-dona-rosa", "borrador-total", "huevos-andrea"]);
    let andrea_row = &desk[2];
    assert_eq!(andrea_row.products, 3);
    assert_eq!(andrea_row.drafts, 1);
    assert_eq!(andrea_row.no_photo, 2);
    assert_eq!(andrea_row.no_price, 1);
    assert_eq!(andrea_row.booth, "B-12");
    assert!(andrea_row.last_edited.is_some());
    assert!(!andrea_row.has_errors);
    fs::write(
        andrea(&tmp).join("products/roto.md"),
        "+++\nname = 3\n+++\n",
    )
    .unwrap();
    assert!(store.vendors()[2].has_errors);

    assert!(matches!(
        store.new_vendor("Huevos Andrea"),
        Err(Refused::Invalid(_))
    ));
    assert!(matches!(store.new_vendor("¡¡!!"), Err(Refused::Invalid(_))));
    assert!(store.vendor_exists("huevos-andrea"));
    assert!(!store.vendor_exists("../content"));
}

#[test]
fn the_fair_is_read_for_the_forms() {
    let (_tmp, store) = fair();
    let f = store.fair();
    assert_eq!(f.title, "Feria de Prueba 2026");
    assert_eq!(f.lang, Lang::Es);
    assert_eq!(f.currency, "PEN");
    assert_eq!(
        f.categories[1],
        ("textiles".to_string(), "Textiles y bordados".to_string())
    );
    assert_eq!(
        store.photos("huevos-andrea"),
        ["huevos.jpg", "logo.png", "puesto.jpg"]
    );
    assert!(store.entry("nadie").is_none());
}

#[test]
fn a_new_vendor_is_put_on_the_site_keeping_the_draft_lines_comment() {
    let (tmp, store) = fair();
    let slug = store.new_vendor("Dulces Rosita").unwrap();
    assert_eq!(store.entry_draft(&slug), Some(true));
    let path = tmp.path().join("content/vendors/dulces-rosita/vendor.toml");
    let before = fs::read_to_string(&path).unwrap();
    store.set_entry_draft(&slug, false).unwrap();
    let after = fs::read_to_string(&path).unwrap();
    let (gone, added) = changed_lines(&before, &after);
    assert_eq!(gone.len(), 1);
    assert!(added[0].starts_with("draft = false "), "{after}");
    assert!(added[0].ends_with("# no aparece en el sitio hasta que lo cambies a false"));
    assert_eq!(store.entry_draft(&slug), Some(false));
}

#[cfg(unix)]
#[test]
fn links_never_lead_the_editor_out_of_her_folder() {
    use std::os::unix::fs::symlink;
    let (tmp, store) = fair();
    let rosa = tmp.path().join("content/vendors/Café Doña Rosa");
    fs::remove_dir_all(rosa.join("photos")).unwrap();
    symlink(tmp.path().join("content"), rosa.join("photos")).unwrap();
    assert_eq!(store.photos_dir("cafe-dona-rosa"), None);
    assert!(store.photos("cafe-dona-rosa").is_empty());
    assert!(store.photos_dir("huevos-andrea").is_some());
    // A vendor.toml that is a link to the fair's file is not shown in a form.
    fs::remove_file(rosa.join("vendor.toml")).unwrap();
    symlink(
        tmp.path().join("content/fair.toml"),
        rosa.join("vendor.toml"),
    )
    .unwrap();
    assert!(store.entry("cafe-dona-rosa").is_none());
}

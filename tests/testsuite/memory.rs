//! What builds of one process remember (`vitrina::memory::Memory`) never changes what they make:
//! a site built again with one memory, after edits, is byte for byte the site a fresh build
//! makes. (`serve` keeps one memory for its whole session; `build` and `check` start afresh.)

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::time::Duration;

use vitrina::build::{self, Options};
use vitrina::memory::Memory;

use crate::prelude::TestSite;

fn options(site: &Path, out: &str) -> Options {
    Options {
        site_dir: site.to_path_buf(),
        out_dir: site.join(out),
        base_url: Some("https://feria.example/sub/".into()),
        drafts: false,
        strict: false,
        write: true,
        cache_dir: Some(site.join("cache")),
        keep_dir: Some(site.join(format!("keep-{out}"))),
        live: None,
    }
}

/// Builds `site` into `out` with `memory`; the build must succeed.
#[track_caller]
fn build_into(site: &TestSite, out: &str, memory: &Memory) -> BTreeMap<String, Vec<u8>> {
    let report = build::run(&options(site.path(), out), memory).expect("the build runs");
    assert!(
        !report.failed(),
        "{:?}",
        report.diagnostics.iter().collect::<Vec<_>>()
    );
    assert!(report.written);
    site.snapshot(out)
}

/// The files that differ between two outputs, with their sizes.
fn differences(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut names: Vec<&String> = a.keys().chain(b.keys()).collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter(|n| a.get(*n) != b.get(*n))
        .map(|n| {
            let len = |m: &BTreeMap<String, Vec<u8>>| m.get(n).map(Vec::len);
            format!("{n}: {:?} vs {:?}", len(a), len(b))
        })
        .collect()
}

#[test]
fn a_memory_kept_across_builds_makes_the_same_site_as_a_fresh_build() {
    let site = TestSite::fixture("full_fair");
    // Remember every file and folder at once (the 3 s settle rule would otherwise keep this
    // test's freshly copied files out of the memory, and it would test nothing).
    let mut memory = Memory::default();
    memory.content.settle = Duration::ZERO;

    let first = build_into(&site, "out-a", &memory);
    let fresh = build_into(&site, "out-b", &Memory::default());
    assert_eq!(differences(&first, &fresh), Vec::<String>::new());
    // `build`'s memory, which keeps nothing, makes the same site too.
    let once = build_into(&site, "out-once", &Memory::once());
    assert_eq!(differences(&first, &once), Vec::<String>::new());
    assert!(first.contains_key("index.html") && first.len() > 20);

    // Edit what every remembering stage holds: a product's text and price (files, markdown,
    // shared values, search words), a vendor's story, a template (parsed templates), and add a
    // product (folder listing).
    let product = site
        .path()
        .join("content/vendors/huevos-andrea/products/huevos-docena.md");
    let text = fs::read_to_string(&product).unwrap();
    let edited =
        text.replacen("price = ", "price = 1", 1) + "\nAhora con **yema doble** y zapallo.\n";
    assert_ne!(text, edited);
    fs::write(&product, edited).unwrap();
    site.write(
        "content/vendors/huevos-andrea/about.md",
        "Crío codornices en Pachacámac desde 2024.\n",
    );
    site.write(
        "content/vendors/huevos-andrea/products/huevos-nuevos.md",
        "+++\nname = \"Huevos recién llegados\"\nprice = 9\ncategory = \"alimentos\"\n+++\nFrescos del día, calabaza.\n",
    );
    let footer = site.path().join("themes/default/templates/base.html");
    let base = fs::read_to_string(&footer).unwrap();
    fs::write(
        &footer,
        base.replacen("</body>", "<!-- edited --></body>", 1),
    )
    .unwrap();

    let again = build_into(&site, "out-a", &memory);
    let fresh = build_into(&site, "out-c", &Memory::default());
    assert_eq!(differences(&again, &fresh), Vec::<String>::new());
    let once = build_into(&site, "out-once-2", &Memory::once());
    assert_eq!(differences(&again, &once), Vec::<String>::new());
    // The edits are in the output (so the memory could have hidden them, and did not).
    let page = String::from_utf8_lossy(&again["vendors/huevos-andrea/huevos-nuevos/index.html"])
        .into_owned();
    assert!(page.contains("Huevos recién llegados"), "{page}");
    assert!(page.contains("<!-- edited -->"));
    let andrea = String::from_utf8_lossy(&again["vendors/huevos-andrea/index.html"]).into_owned();
    assert!(andrea.contains("Pachacámac"), "{andrea}");
    assert_ne!(again, first);
}

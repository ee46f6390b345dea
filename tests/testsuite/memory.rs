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

/// Replaces `from` by `to` (same length) inside the texts file and writes a matching checksum,
/// as if the build that wrote it had rendered that text.
fn poison_texts(file: &Path, from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let mut bytes = fs::read(file).unwrap();
    let at = bytes
        .windows(from.len())
        .position(|w| w == from.as_bytes())
        .unwrap_or_else(|| panic!("{from} is not in the texts file"));
    bytes[at..at + to.len()].copy_from_slice(to.as_bytes());
    let body = bytes.len() - 8;
    let sum = xxhash_rust::xxh3::xxh3_64(&bytes[..body]).to_le_bytes();
    bytes[body..].copy_from_slice(&sum);
    fs::write(file, bytes).unwrap();
}

#[test]
fn the_product_texts_a_build_keeps_are_used_checked_and_follow_edits() {
    let site = TestSite::fixture("full_fair");
    let texts = site.path().join("cache/markdown.bin");
    let page = "vendors/huevos-andrea/huevos-docena/index.html";
    let shown =
        |files: &BTreeMap<String, Vec<u8>>| String::from_utf8_lossy(&files[page]).into_owned();

    // `check` writes nothing, not even its texts.
    let mut check = options(site.path(), "out-check");
    check.write = false;
    assert!(!build::run(&check, &Memory::once()).unwrap().failed());
    assert!(!texts.exists(), "check wrote {}", texts.display());

    let first = build_into(&site, "out-a", &Memory::once());
    assert!(texts.is_file(), "a build keeps its product texts");
    assert!(shown(&first).contains("Huevos frescos recogidos"));
    // The next build takes them: the same site, byte for byte.
    let again = build_into(&site, "out-b", &Memory::once());
    assert_eq!(differences(&first, &again), Vec::<String>::new());

    // A text in the file is what the page shows (so the file is really read)...
    poison_texts(
        &texts,
        "Huevos frescos recogidos",
        "HUEVOS FRESCOS RECOGIDOS",
    );
    let poisoned = build_into(&site, "out-c", &Memory::once());
    assert!(shown(&poisoned).contains("HUEVOS FRESCOS RECOGIDOS"));
    // ...unless the file is damaged (here: one letter of that text, the checksum left as it
    // was): then every text is rendered again, and the file rewritten.
    let mut bytes = fs::read(&texts).unwrap();
    let at = bytes
        .windows(6)
        .position(|w| w == b"HUEVOS")
        .expect("the poisoned text is still in the file");
    bytes[at] = b'h';
    fs::write(&texts, bytes).unwrap();
    let redone = build_into(&site, "out-d", &Memory::once());
    assert_eq!(differences(&first, &redone), Vec::<String>::new());
    let back = build_into(&site, "out-e", &Memory::once());
    assert_eq!(differences(&first, &back), Vec::<String>::new());

    // An edited description is rendered again (the file is found by the text, not the product).
    let product = site
        .path()
        .join("content/vendors/huevos-andrea/products/huevos-docena.md");
    let text = fs::read_to_string(&product).unwrap();
    fs::write(&product, text.replace("frescos", "recién puestos")).unwrap();
    let edited = build_into(&site, "out-f", &Memory::once());
    assert!(
        shown(&edited).contains("Huevos recién puestos recogidos"),
        "{}",
        shown(&edited)
    );
}

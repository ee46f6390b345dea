//! The example fair in `content/`: it builds, and no camera or GPS metadata reaches `public/`.

use crate::prelude::{metadata_blocks, TestSite};

#[test]
fn the_example_fair_builds_without_warnings_and_strips_gps() {
    let site = TestSite::example();
    let run = site.run(&["build", "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The example photo with GPS and camera tags is really there…
    let originals = site.snapshot("content");
    let tagged: Vec<_> = originals
        .iter()
        .filter(|(_, b)| b.windows(10).any(|w| w == b"GPS-TEST-7"))
        .map(|(n, _)| n.clone())
        .collect();
    assert_eq!(tagged.len(), 1, "expected one example photo with GPS tags");
    // …and none of it reaches the output.
    let output = site.snapshot("public");
    let jpgs = output.keys().filter(|n| n.ends_with(".jpg")).count();
    assert!(jpgs >= 25, "only {jpgs} photos in public/");
    for (name, bytes) in &output {
        if name.ends_with(".jpg") || name.ends_with(".webp") {
            assert_eq!(metadata_blocks(bytes), Vec::<String>::new(), "{name}");
        }
        for needle in [
            &b"GPS-TEST-7"[..],
            b"VitrinaTestPhone",
            b"Exif\0\0",
            b"http://ns.adobe.com/xap",
        ] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle),
                "{name} carries {:?}",
                String::from_utf8_lossy(needle)
            );
        }
    }
}

#[test]
fn the_rotated_example_photo_comes_out_upright() {
    let site = TestSite::example();
    site.build_ok();
    let originals = site.snapshot("content");
    let (name, bytes) = originals
        .iter()
        .find(|(_, b)| b.windows(10).any(|w| w == b"GPS-TEST-7"))
        .unwrap();
    assert!(name.contains("huevos-codorniz-andrea/"), "{name}");
    let stored = image::load_from_memory(bytes).unwrap();
    // Stored sideways (EXIF orientation 6): the output's largest rendition has the sides swapped.
    // It is the only photo of its vendor wide enough for a 1280 px rendition.
    let output = site.snapshot("public");
    let largest = output
        .iter()
        .filter(|(n, _)| n.starts_with("img/huevos-codorniz-andrea/") && n.ends_with("-1280.jpg"))
        .map(|(_, b)| image::load_from_memory(b).unwrap())
        .next()
        .expect("1280 rendition");
    let (sw, sh) = (stored.width(), stored.height());
    assert_eq!(largest.width(), 1280);
    // Upright means portrait: height = 1280 × stored width / stored height, rounded.
    assert!(sw > sh, "the example photo is stored sideways");
    assert_eq!(
        largest.height(),
        ((u64::from(sw) * 1280 + u64::from(sh) / 2) / u64::from(sh)) as u32,
        "stored {sw}x{sh}"
    );
}

/// The schema.org data of a built page, parsed (the test fails when it is missing or not JSON).
#[track_caller]
fn json_ld(html: &str) -> serde_json::Value {
    let start = html
        .find("<script type=\"application/ld+json\">")
        .expect("a JSON-LD script")
        + "<script type=\"application/ld+json\">".len();
    let end = start + html[start..].find("</script>").expect("closed");
    serde_json::from_str(&html[start..end]).expect("JSON-LD parses")
}

#[test]
fn pages_carry_schema_org_data_share_tags_and_a_robots_file() {
    let site = TestSite::example();
    let run = site.run(&["build", "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    // Home: the fair as an Event with its dates and venue.
    let home = site.page("index.html");
    let event = json_ld(&home);
    assert_eq!(event["@context"], "https://schema.org");
    assert_eq!(event["@type"], "Event");
    assert_eq!(event["startDate"], "2026-12-05");
    assert_eq!(event["endDate"], "2026-12-07");
    assert_eq!(event["location"]["@type"], "Place");
    assert_eq!(
        event["location"]["name"],
        "Parque Kennedy, Miraflores, Lima"
    );
    assert_eq!(event["url"], "https://feria.example.org/");
    assert!(event["name"].as_str().unwrap().contains("Manos que Crean"));
    assert!(event["image"][0]
        .as_str()
        .unwrap()
        .starts_with("https://feria.example.org/img/"));

    // A product with a price: Product with an Offer in PEN, sold by its vendor.
    let page = site.page("vendors/aroma-de-villa-rica/cafe-molido-chanchamayo/index.html");
    let product = json_ld(&page);
    assert_eq!(product["@type"], "Product");
    assert_eq!(product["name"], "Café molido de Chanchamayo (250 g)");
    assert_eq!(
        product["url"],
        "https://feria.example.org/vendors/aroma-de-villa-rica/cafe-molido-chanchamayo/"
    );
    let image = product["image"][0].as_str().unwrap();
    assert!(
        image.starts_with("https://feria.example.org/img/aroma-de-villa-rica/"),
        "{image}"
    );
    let offer = &product["offers"];
    assert_eq!(offer["@type"], "Offer");
    assert_eq!(offer["price"], "25.00");
    assert_eq!(offer["priceCurrency"], "PEN");
    assert_eq!(offer["availability"], "https://schema.org/InStock");
    assert_eq!(offer["seller"]["name"], "Aroma de Villa Rica");
    assert_eq!(
        offer["seller"]["url"],
        "https://feria.example.org/vendors/aroma-de-villa-rica/"
    );
    // The link preview shows the product and its photo.
    assert!(page.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
    assert!(page.contains(&format!("<meta property=\"og:image\" content=\"{image}\">")));
    assert!(page.contains(
        "<link rel=\"canonical\" href=\"https://feria.example.org/vendors/aroma-de-villa-rica/cafe-molido-chanchamayo/\">"
    ));

    // Sold out says so.
    let sold = json_ld(&site.page("vendors/pasitos-calzado/botines-nina/index.html"));
    assert_eq!(
        sold["offers"]["availability"],
        "https://schema.org/OutOfStock"
    );

    // The vendor as a LocalBusiness; no phone number in data made for machines.
    let vendor_page = site.page("vendors/aroma-de-villa-rica/index.html");
    let vendor = json_ld(&vendor_page);
    assert_eq!(vendor["@type"], "LocalBusiness");
    assert_eq!(vendor["name"], "Aroma de Villa Rica");
    assert_eq!(
        vendor["url"],
        "https://feria.example.org/vendors/aroma-de-villa-rica/"
    );
    assert!(vendor.get("telephone").is_none());

    assert_eq!(
        site.page("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://feria.example.org/sitemap.xml\n"
    );
}

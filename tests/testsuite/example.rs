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

//! Bounded fuzzing inside `cargo test` (stable): each target of `vitrina::fuzzing` runs on a few
//! thousand inputs made by mutating the fixtures (`tests/fixtures/`, the example fair in
//! `content/`, `fuzz/seeds/`) with a fixed seed, so a failure names a case that fails again.
//! The targets assert the invariants (see `src/fuzzing/`); these tests also check that the
//! mutations reach both sides of each target (refused and accepted), or they would prove little.
//! The long runs are cargo-fuzz's (`scripts/fuzz.sh`, RELIABILITY.md).

use std::path::{Path, PathBuf};

use vitrina::fuzzing::mutate::{mutate, Rng};
use vitrina::fuzzing::{self, PhotoOutcome};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Files under the fixtures, the example fair and `fuzz/seeds/<target>` whose name ends with
/// one of `ends`, sorted (the order, and so each case, is the same on every machine).
fn files(ends: &[&str], target: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let roots = [
        repo().join("tests/fixtures"),
        repo().join("content"),
        repo().join("fuzz/seeds").join(target),
    ];
    for root in roots {
        for e in walkdir::WalkDir::new(root).sort_by_file_name() {
            let Ok(e) = e else { continue };
            let name = e.file_name().to_string_lossy().to_lowercase();
            if e.file_type().is_file() && ends.iter().any(|x| name.ends_with(x)) {
                out.push(e.into_path());
            }
        }
    }
    out
}

fn read(paths: &[PathBuf]) -> Vec<Vec<u8>> {
    paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

/// `cases` inputs mutated from `seeds` (each seed also once as it is).
fn cases(seeds: &[Vec<u8>], dict: &[&[u8]], cases: usize, seed: u64) -> Vec<Vec<u8>> {
    let mut rng = Rng(seed);
    let mut out: Vec<Vec<u8>> = seeds.to_vec();
    while out.len() < cases {
        let base = rng.pick(seeds).clone();
        let other = rng.pick(seeds).clone();
        let mut m = mutate(&mut rng, &base, dict, &other);
        if rng.below(4) == 0 {
            m = mutate(&mut rng, &m, dict, &other);
        }
        out.push(m);
    }
    out
}

/// Runs `check` on every case, naming the failing one (and writing it to the temp folder, so
/// it can be given to the cargo-fuzz target as it is).
fn each<T>(target: &str, cases: &[Vec<u8>], mut check: impl FnMut(&[u8]) -> T) -> Vec<T> {
    cases
        .iter()
        .enumerate()
        .map(|(i, case)| {
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(case)));
            r.unwrap_or_else(|e| {
                let path = std::env::temp_dir().join(format!("vitrina-fuzz-{target}-{i}"));
                let _ = std::fs::write(&path, case);
                panic!(
                    "{target} case {i} failed (saved as {}): {e:?}",
                    path.display()
                )
            })
        })
        .collect()
}

const TOML_DICT: &[&[u8]] = &[
    b"\"",
    b"'",
    b"[",
    b"]",
    b"[[",
    b"]]",
    b"{",
    b"}",
    b"=",
    b"\n",
    b"+++",
    b"---",
    b"\r\n",
    b"\t",
    b".",
    b",",
    b"#",
    b"\"\"\"",
    b"'''",
    b"\xC3",
    b"\xFF",
    b"\xEF\xBB\xBF",
    "“".as_bytes(),
    "”".as_bytes(),
    b"1979-05-27T07:32:00Z",
    b"1e999",
    b"-0",
    b"inf",
    b"nan",
    b"\\u00e9",
    b"\\",
    b"[contact]\n",
    b"photos = [",
    b"price = ",
];

#[test]
fn toml_front_matter_and_diagnostics() {
    let mut seeds = Vec::new();
    for (kind, ends) in [(0u8, "fair.toml"), (1, "vendor.toml"), (2, ".md")] {
        for bytes in read(&files(&[ends], "toml")) {
            let mut seed = vec![kind];
            seed.extend(bytes);
            seeds.push(seed);
        }
    }
    assert!(seeds.len() > 20, "fixtures not found");
    let cases = cases(&seeds, TOML_DICT, 3000, 0x5eed_0001_7a3c_9e11);
    let problems = each("toml", &cases, fuzzing::toml);
    let broken = problems.iter().filter(|&&n| n > 0).count();
    assert!(
        (1000..2900).contains(&broken),
        "{broken} of 3000 mutated files had problems: the mutations are too mild or too harsh"
    );
}

const MARKDOWN_DICT: &[&[u8]] = &[
    b"<script>",
    b"</script>",
    b"<style>",
    b"</style>",
    b"<b onclick=\"x()\">",
    b"</b>",
    b"[a](javascript:alert(1))",
    b"<a href=\"java&#x09;script:x\">",
    b"<a href=\"data:x\">",
    b"<img src=x onerror=y>",
    b"<svg onload=x>",
    b"<iframe src=x>",
    b"<!--",
    b"-->",
    b"**",
    b"*",
    b"_",
    b"`",
    b"```\n",
    b"\n\n",
    b"# ",
    b"- ",
    b"1. ",
    b"> ",
    b"    ",
    b"\\",
    b"|a|b|\n|-|-|\n",
    b"&amp;",
    b"&#x3C;",
    b"&nGt;",
    b"<https://x.example>",
    b"[x]: /u\n",
    b"![f](https://x/p.png)",
    b"\r\n",
    b"\xE2\x80\xAE",
    b"\xCC\x81",
];

#[test]
fn markdown_to_safe_html_and_plain_text() {
    let seeds = read(&files(&[".md"], "markdown"));
    assert!(seeds.len() > 20, "fixtures not found");
    let cases = cases(&seeds, MARKDOWN_DICT, 3000, 0x5eed_0002_41d3_77b9);
    each("markdown", &cases, fuzzing::markdown);
}

/// Markdown whose only `<` open complete tags, written where they are HTML (not in code): the
/// plain text (search, summaries, the JSON-LD description) shows none of them.
#[test]
fn plain_text_never_shows_a_tag() {
    const TAGS: &[&str] = &[
        "<script>",
        "</script>",
        "<style>",
        "</style>",
        "<b onclick=\"x()\">",
        "</b>",
        "<img src=\"https://t.example/p.gif\">",
        "<a href=\"javascript:alert(1)\">",
        "</a>",
        "<!-- nota -->",
        "<br/>",
        "<div class=\"x\">",
        "</div>",
    ];
    const WORDS: &[&str] = &[
        "Hola",
        "alfajores",
        "ñandú",
        "S/",
        "6.50",
        "**rico**",
        "_dulce_",
        "(yape)",
        "docena,",
        "[web](https://x.example)",
        "🎉",
    ];
    let mut rng = Rng(0x5eed_0003_0bad_c0de);
    let mut cases = Vec::new();
    for _ in 0..1000 {
        let mut md = String::new();
        for _ in 0..1 + rng.below(40) {
            match rng.below(6) {
                0 => md.push_str(rng.pick::<&str>(TAGS)),
                1 => md.push_str(if rng.below(3) == 0 { "\n\n" } else { "\n" }),
                _ => md.push_str(rng.pick::<&str>(WORDS)),
            }
            md.push(' ');
        }
        cases.push(md.into_bytes());
    }
    each("plain", &cases, |case| {
        fuzzing::markdown(case);
        let md = String::from_utf8_lossy(case);
        let plain = vitrina::render::markdown::plain_text(&md);
        assert!(!plain.contains(['<', '>']), "{plain:?} from {md:?}");
    });
}

/// Small photos of every kind the decoders take, made here (and written to `fuzz/seeds/photo`
/// for cargo-fuzz by `VITRINA_WRITE_SEEDS=1`): the fixtures hold big JPEGs only.
fn photo_seeds() -> Vec<Vec<u8>> {
    use image::{ImageEncoder, Rgb, RgbImage};
    let img = RgbImage::from_fn(24, 16, |x, y| {
        Rgb([x as u8 * 10, y as u8 * 15, (x ^ y) as u8])
    });
    let jpeg = |segments: &[(u8, Vec<u8>)], icc: Option<Vec<u8>>, gray: bool| {
        let mut out = Vec::new();
        let mut e = jpeg_encoder::Encoder::new(&mut out, 80);
        for (nr, data) in segments {
            e.add_app_segment(*nr, data.clone()).unwrap();
        }
        if let Some(icc) = icc {
            e.add_icc_profile(&icc).unwrap();
        }
        if gray {
            let luma: Vec<u8> = img.pixels().map(|p| p.0[0]).collect();
            e.encode(&luma, 24, 16, jpeg_encoder::ColorType::Luma)
                .unwrap();
        } else {
            e.encode(img.as_raw(), 24, 16, jpeg_encoder::ColorType::Rgb)
                .unwrap();
        }
        out
    };
    // EXIF with orientation 6 (turn right), big-endian TIFF.
    let exif =
        b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0".to_vec();
    let p3 = moxcms::ColorProfile::new_display_p3().encode().unwrap();
    let mut seeds = vec![
        jpeg(&[], None, false),
        jpeg(&[(1, exif)], None, false),
        jpeg(&[], Some(p3), false),
        jpeg(&[], None, true),
    ];
    let mut png = |color: image::ExtendedColorType, bytes: Vec<u8>| {
        let mut out = Vec::new();
        image::codecs::png::PngEncoder::new(&mut out)
            .write_image(&bytes, 24, 16, color)
            .unwrap();
        seeds.push(out);
    };
    png(image::ExtendedColorType::Rgb8, img.as_raw().clone());
    let rgba: Vec<u8> = img
        .pixels()
        .flat_map(|p| [p.0[0], p.0[1], p.0[2], p.0[0]])
        .collect();
    png(image::ExtendedColorType::Rgba8, rgba);
    png(image::ExtendedColorType::L16, vec![0x80; 24 * 16 * 2]);
    let mut webp = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut webp)
        .write_image(img.as_raw(), 24, 16, image::ExtendedColorType::Rgb8)
        .unwrap();
    seeds.push(webp);
    for frames in [1, 2] {
        let mut gif = Vec::new();
        {
            let mut e = image::codecs::gif::GifEncoder::new(&mut gif);
            for i in 0..frames {
                let rgba = image::RgbaImage::from_pixel(24, 16, image::Rgba([i * 90, 40, 40, 255]));
                e.encode_frame(image::Frame::new(rgba)).unwrap();
            }
        }
        seeds.push(gif);
    }
    seeds
}

#[test]
fn photo_headers_and_decoding() {
    let generated = photo_seeds();
    if let Some(dir) =
        std::env::var_os("VITRINA_WRITE_SEEDS").map(|_| repo().join("fuzz/seeds/photo"))
    {
        std::fs::create_dir_all(&dir).unwrap();
        for (i, s) in generated.iter().enumerate() {
            std::fs::write(dir.join(format!("made-{i:02}")), s).unwrap();
        }
    }
    let mut seeds = generated;
    // The fixtures' photos small enough to mutate thousands of times in a debug build.
    for p in files(&[".jpg", ".jpeg", ".png", ".webp", ".gif"], "none") {
        if std::fs::metadata(&p).unwrap().len() <= 40_000 {
            seeds.push(std::fs::read(p).unwrap());
        }
    }
    let dict: &[&[u8]] = &[
        b"\xFF\xD8",
        b"\xFF\xD9",
        b"\xFF\xC0",
        b"\xFF\xC2",
        b"\xFF\xDA",
        b"\xFF\xE1",
        b"IHDR",
        b"IDAT",
        b"IEND",
        b"acTL",
        b"iCCP",
        b"VP8X",
        b"VP8L",
        b"ANIM",
        b"NETSCAPE2.0",
        b"ftyp",
        b"\xFF\xFF\xFF\x7F",
        b"\0\0\0\0",
    ];
    let cases = cases(&seeds, dict, 2000, 0x5eed_0004_9a7e_51f3);
    let outcomes = each("photo", &cases, fuzzing::photo);
    for kind in [PhotoOutcome::Refused, PhotoOutcome::Decoded] {
        let n = outcomes.iter().filter(|&&o| o == kind).count();
        assert!(n >= 100, "only {n} of 2000 photos were {kind:?}");
    }
}

#[test]
fn slugs_and_photo_paths_stay_inside_the_vendor_folder() {
    let paths = fuzzing::Paths::new().unwrap();
    // The folder's fixed cases first: links out (to a file, to another vendor) are refused,
    // links and accented names inside are resolved.
    for (written, resolves) in [
        ("photos/pan.jpg", true),
        ("./photos/pan.jpg", true),
        ("photos/enlace.jpg", true),
        ("photos/Sub Dir/ñandú.png", true),
        ("photos\\pan.jpg", true),
        ("photos/fuera.jpg", false),
        ("photos/otra/x.jpg", false),
        ("../otra/photos/x.jpg", false),
        ("photos/../../otra/photos/x.jpg", false),
        ("/etc/passwd", false),
        ("C:\\fotos\\pan.jpg", false),
        ("https://x.example/p.jpg", false),
        ("photos/PAN.JPG", false),
        ("photos/notas.txt", false),
    ] {
        assert_eq!(paths.check(written.as_bytes()), resolves, "{written}");
    }
    let mut seeds: Vec<Vec<u8>> = std::fs::read_dir(repo().join("fuzz/seeds/paths"))
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    for p in files(&[".md", ".toml", ".jpg", ".png"], "none") {
        // Folder and file names: what slugs are made from.
        for c in p.strip_prefix(repo()).unwrap().components() {
            seeds.push(c.as_os_str().to_string_lossy().as_bytes().to_vec());
        }
    }
    seeds.sort();
    seeds.dedup();
    let dict: &[&[u8]] = &[
        b"/",
        b"\\",
        b"..",
        b"./",
        b"photos/",
        b"pan.jpg",
        b"enlace.jpg",
        b"fuera.jpg",
        b"otra/",
        b"\0",
        b":",
        b"//",
        "ñ".as_bytes(),
        "n\u{303}".as_bytes(),
        b" ",
        b"-",
        b"%2e%2e",
    ];
    let mut cases = cases(&seeds, dict, 2000, 0x5eed_0005_3c1d_e0f7);
    // Paths put together from the folder's own names: mutations of a short path rarely land
    // on a file, these often do (`./photos/./pan.jpg`, `photos/otra/../pan.jpg`).
    const PARTS: &[&str] = &[
        "photos/",
        "./",
        "Sub Dir/",
        "ñandú.png",
        "pan.jpg",
        "enlace.jpg",
        "fuera.jpg",
        "otra/",
        "x.jpg",
        "../",
        "ana/",
        "\\",
        "photos/pan.jpg",
        "/",
    ];
    let mut rng = Rng(0x5eed_0006_77aa_0c3e);
    for _ in 0..1000 {
        let mut path = String::from(*rng.pick(&["photos/", "./photos/", ""]));
        for _ in 0..rng.below(3) {
            path.push_str(rng.pick::<&str>(PARTS));
        }
        path.push_str(rng.pick::<&str>(&[
            "pan.jpg",
            "enlace.jpg",
            "fuera.jpg",
            "Sub Dir/ñandú.png",
        ]));
        cases.push(path.into_bytes());
    }
    let resolved = each("paths", &cases, |c| paths.check(c));
    let n = resolved.iter().filter(|&&r| r).count();
    assert!(
        (100..2500).contains(&n),
        "{n} of 3000 paths resolved: the cases miss the folder or miss refusals"
    );
}

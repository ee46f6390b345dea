//! Photos: the pixels, bytes and markup of what a build makes of each kind of source, the photos
//! it refuses (and what it says), and the cache.
//!
//! Every source image is made here, in code, so each test shows exactly what goes in.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageEncoder, Rgb, RgbImage};

use crate::prelude::{metadata_blocks, TestSite};

/// The full fair plus one vendor per photo (`lab-<case>`), each with one product showing it.
fn lab(photos: &[(&str, &str, Vec<u8>)]) -> TestSite {
    let site = TestSite::fixture("full_fair");
    for (case, file, bytes) in photos {
        let dir = format!("content/vendors/lab-{case}");
        site.write(
            &format!("{dir}/vendor.toml"),
            format!("name = \"Lab {case}\"\nowner = \"Ana\"\ncategories = [\"textiles\"]\n"),
        );
        site.write(&format!("{dir}/photos/{file}"), bytes);
        site.write(
            &format!("{dir}/products/p.md"),
            format!(
                "+++\nname = \"Producto {case}\"\nprice = 5\ncategory = \"textiles\"\nphotos = [{{ src = \"photos/{file}\", alt = \"Foto {case}\" }}]\n+++\n"
            ),
        );
    }
    site
}

/// A lab of `n` generated photos, vendor `lab-<prefix><i>` each, drawn by `draw(i)`.
fn lab_of(prefix: &str, n: u8, draw: impl Fn(u8) -> RgbImage) -> TestSite {
    let photos: Vec<(String, Vec<u8>)> = (0..n)
        .map(|i| {
            (
                format!("{prefix}{i}"),
                jpeg(&DynamicImage::ImageRgb8(draw(i))),
            )
        })
        .collect();
    let cases: Vec<(&str, &str, Vec<u8>)> = photos
        .iter()
        .map(|(c, b)| (c.as_str(), "f.jpg", b.clone()))
        .collect();
    lab(&cases)
}

/// The widest rendition of `case` in `ext` (jpg or webp), decoded.
#[track_caller]
fn output(site: &TestSite, case: &str, ext: &str) -> RgbImage {
    let prefix = format!("img/lab-{case}/");
    let files = site.snapshot("public");
    let (_, bytes) = files
        .iter()
        .filter(|(n, _)| n.starts_with(&prefix) && n.ends_with(&format!(".{ext}")))
        .max_by_key(|(n, _)| {
            n.rsplit('-')
                .next()
                .and_then(|w| w.split('.').next())
                .and_then(|w| w.parse::<u32>().ok())
        })
        .unwrap_or_else(|| panic!("no {ext} output for {case}"));
    image::load_from_memory(bytes).unwrap().to_rgb8()
}

#[track_caller]
fn assert_close(got: [u8; 3], want: [u8; 3], tolerance: u8, what: &str) {
    let ok = got
        .iter()
        .zip(&want)
        .all(|(&g, &w)| g.abs_diff(w) <= tolerance);
    assert!(ok, "{what}: got {got:?}, want {want:?} (±{tolerance})");
}

fn jpeg(img: &DynamicImage) -> Vec<u8> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 95)
        .encode_image(img)
        .unwrap();
    out
}

fn png(img: &DynamicImage) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// A JPEG with an EXIF block holding `orientation` (and the GPS-like tag a phone would write).
fn with_exif_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"II*\0");
    tiff.extend_from_slice(&8u32.to_le_bytes());
    tiff.extend_from_slice(&1u16.to_le_bytes()); // one entry
    tiff.extend_from_slice(&0x0112u16.to_le_bytes()); // Orientation
    tiff.extend_from_slice(&3u16.to_le_bytes()); // SHORT
    tiff.extend_from_slice(&1u32.to_le_bytes());
    tiff.extend_from_slice(&orientation.to_le_bytes());
    tiff.extend_from_slice(&[0, 0]);
    tiff.extend_from_slice(&0u32.to_le_bytes());
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// 64×32: red, green on top; blue, yellow below.
fn quadrants() -> RgbImage {
    RgbImage::from_fn(64, 32, |x, y| match (x < 32, y < 16) {
        (true, true) => Rgb([220, 30, 30]),
        (false, true) => Rgb([30, 200, 40]),
        (true, false) => Rgb([30, 40, 210]),
        (false, false) => Rgb([230, 220, 30]),
    })
}

fn quadrant_colours(img: &RgbImage) -> [[u8; 3]; 4] {
    let (w, h) = (img.width(), img.height());
    [
        img.get_pixel(w / 4, h / 4).0,
        img.get_pixel(3 * w / 4, h / 4).0,
        img.get_pixel(w / 4, 3 * h / 4).0,
        img.get_pixel(3 * w / 4, 3 * h / 4).0,
    ]
}

#[test]
fn all_eight_exif_orientations_come_out_upright_in_both_formats() {
    use image::metadata::Orientation;
    let upright = quadrants();
    // The stored pixels that orientation `o` turns into `upright`.
    let inverse = |o: u8| match o {
        6 => 8,
        8 => 6,
        o => o,
    };
    let photos: Vec<_> = (1..=8u8)
        .map(|o| {
            let mut stored = DynamicImage::ImageRgb8(upright.clone());
            stored.apply_orientation(Orientation::from_exif(inverse(o)).unwrap());
            let bytes = with_exif_orientation(&jpeg(&stored), u16::from(o));
            (format!("o{o}"), "foto.jpg", bytes)
        })
        .collect();
    let photos: Vec<(&str, &str, Vec<u8>)> = photos
        .iter()
        .map(|(c, f, b)| (c.as_str(), *f, b.clone()))
        .collect();
    let site = lab(&photos);
    site.build_ok();
    let want = quadrant_colours(&upright);
    for o in 1..=8 {
        for ext in ["jpg", "webp"] {
            let got = output(&site, &format!("o{o}"), ext);
            assert_eq!(
                (got.width(), got.height()),
                (64, 32),
                "orientation {o} {ext}"
            );
            for (g, w) in quadrant_colours(&got).iter().zip(&want) {
                assert_close(*g, *w, 30, &format!("orientation {o} {ext}"));
            }
        }
    }
}

#[test]
fn grayscale_16_bit_cmyk_and_transparent_sources_become_the_right_colours() {
    let gray = DynamicImage::ImageLuma8(image::GrayImage::from_pixel(40, 20, image::Luma([90])));
    let deep = DynamicImage::ImageRgb16(image::ImageBuffer::from_pixel(
        40,
        20,
        Rgb([0x8000u16, 0x4000, 0xC000]),
    ));
    let half = DynamicImage::ImageRgba8(image::RgbaImage::from_pixel(
        40,
        20,
        image::Rgba([255, 0, 0, 128]),
    ));
    // CMYK as print software saves it (Adobe, inverted): pure magenta + yellow = red.
    let mut cmyk = Vec::new();
    let px: Vec<u8> = (0..40 * 20).flat_map(|_| [255u8, 0, 0, 255]).collect();
    jpeg_encoder::Encoder::new(&mut cmyk, 95)
        .encode(&px, 40, 20, jpeg_encoder::ColorType::Cmyk)
        .unwrap();
    let reference = image::load_from_memory(&cmyk).unwrap().to_rgb8();
    let site = lab(&[
        ("gray-jpg", "g.jpg", jpeg(&gray)),
        ("gray-png", "g.png", png(&gray)),
        ("deep", "d.png", png(&deep)),
        ("half", "h.png", png(&half)),
        ("cmyk", "c.jpg", cmyk.clone()),
    ]);
    site.build_ok();
    for ext in ["jpg", "webp"] {
        for case in ["gray-jpg", "gray-png"] {
            let c = output(&site, case, ext).get_pixel(20, 10).0;
            assert_close(c, [90, 90, 90], 4, &format!("{case} {ext}"));
        }
        let c = output(&site, "deep", ext).get_pixel(20, 10).0;
        assert_close(c, [128, 64, 192], 5, &format!("16-bit {ext}"));
        // Half-transparent red over white.
        let c = output(&site, "half", ext).get_pixel(20, 10).0;
        assert_close(c, [255, 127, 127], 5, &format!("alpha {ext}"));
        // The same colours the `image` crate's own CMYK conversion gives.
        let c = output(&site, "cmyk", ext).get_pixel(20, 10).0;
        assert_close(c, reference.get_pixel(20, 10).0, 8, &format!("cmyk {ext}"));
    }
}

#[test]
fn a_display_p3_photo_is_converted_to_srgb_not_ignored() {
    use moxcms::{ColorProfile, Layout, TransformOptions};
    let p3 = ColorProfile::new_display_p3();
    let icc = p3.encode().unwrap();
    let colour = [200u8, 100, 50];
    let mut bytes = Vec::new();
    let mut enc = image::codecs::png::PngEncoder::new(&mut bytes);
    enc.set_icc_profile(icc.clone()).unwrap();
    let px: Vec<u8> = (0..40 * 20).flat_map(|_| colour).collect();
    enc.write_image(&px, 40, 20, image::ExtendedColorType::Rgb8)
        .unwrap();
    // The same photo as a JPEG with the profile embedded (how an iPhone saves it).
    let mut jpg = Vec::new();
    let mut jenc = jpeg_encoder::Encoder::new(&mut jpg, 95);
    jenc.add_icc_profile(&icc).unwrap();
    jenc.encode(&px, 40, 20, jpeg_encoder::ColorType::Rgb)
        .unwrap();

    let t = p3
        .create_transform_8bit(
            Layout::Rgb,
            &ColorProfile::new_srgb(),
            Layout::Rgb,
            TransformOptions::default(),
        )
        .unwrap();
    let mut want = [0u8; 3];
    t.transform(&colour, &mut want).unwrap();
    assert!(
        want.iter().zip(&colour).any(|(a, b)| a.abs_diff(*b) > 10),
        "the test colour must differ between P3 and sRGB: {want:?}"
    );
    let site = lab(&[("p3-png", "p3.png", bytes), ("p3-jpg", "p3.jpg", jpg)]);
    site.build_ok();
    for case in ["p3-png", "p3-jpg"] {
        for ext in ["jpg", "webp"] {
            let got = output(&site, case, ext).get_pixel(20, 10).0;
            assert_close(got, want, 5, &format!("{case} {ext}"));
        }
    }
}

#[test]
fn a_large_photo_is_decoded_at_reduced_size_and_keeps_its_pixels() {
    // 2560×1280 with the widest rendition 640: decoded at 1/4 (DCT scaling), then resized.
    let big = image::imageops::resize(
        &quadrants(),
        2560,
        1280,
        image::imageops::FilterType::Nearest,
    );
    let site = lab(&[("big", "big.jpg", jpeg(&DynamicImage::ImageRgb8(big)))]);
    site.write(
        "content/fair.toml",
        std::fs::read_to_string(site.path().join("content/fair.toml"))
            .unwrap()
            .replace("widths = [320, 640, 1280]", "widths = [320, 640]"),
    );
    site.build_ok();
    for ext in ["jpg", "webp"] {
        let got = output(&site, "big", ext);
        assert_eq!((got.width(), got.height()), (640, 320));
        for (g, w) in quadrant_colours(&got)
            .iter()
            .zip(&quadrant_colours(&quadrants()))
        {
            assert_close(*g, *w, 30, ext);
        }
    }
}

#[test]
fn pages_offer_webp_sizes_then_a_phone_sized_jpeg_and_the_photos_own_colour() {
    let solid = DynamicImage::ImageRgb8(RgbImage::from_pixel(800, 600, Rgb([40, 120, 200])));
    let site = lab(&[("solid", "s.jpg", jpeg(&solid))]);
    site.build_ok();
    let page = site.page("vendors/lab-solid/p/index.html");
    let picture = &page[page.find("<picture>").unwrap()..];
    let picture = &picture[..picture.find("</picture>").unwrap()];
    let webp = picture
        .find("<source type=\"image/webp\" srcset=\"")
        .unwrap();
    let img = picture.find("<img ").unwrap();
    assert!(webp < img, "WebP offered first: {picture}");
    for w in ["320w", "640w", "800w"] {
        assert!(
            picture.contains(&format!(".webp {w}")),
            "{w} WebP: {picture}"
        );
    }
    // A browser without WebP gets one phone-sized JPEG, which exists.
    let src = &picture[picture.find("<img src=\"").unwrap() + 10..];
    let src = &src[..src.find('"').unwrap()];
    assert!(src.ends_with("-640.jpg"), "{picture}");
    let jpeg_640 = std::fs::read(site.path().join("public").join(&src[1..])).unwrap();
    let jpeg_640 = image::load_from_memory(&jpeg_640).unwrap();
    assert_eq!((jpeg_640.width(), jpeg_640.height()), (640, 480));
    assert!(!picture.contains("1280w"), "never upscaled: {picture}");
    assert!(
        picture.contains("width=\"800\" height=\"600\""),
        "{picture}"
    );
    assert!(picture.contains("sizes=\""), "{picture}");
    assert!(picture.contains("decoding=\"async\""), "{picture}");
    // The average colour of the photo, as the box's background until it loads.
    let at = picture.find("background-color:#").unwrap() + "background-color:#".len();
    let hex = &picture[at..at + 6];
    let c: Vec<u8> = (0..3)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
        .collect();
    assert_close([c[0], c[1], c[2]], [40, 120, 200], 6, "placeholder");
    // Lists load photos lazily.
    let vendor = site.page("vendors/lab-solid/index.html");
    assert!(vendor.contains("loading=\"lazy\""));
    // No marker is left anywhere.
    for (name, bytes) in site.snapshot("public") {
        if name.ends_with(".html") {
            assert!(!bytes.contains(&1u8), "{name} holds a placeholder marker");
        }
    }
}

#[test]
fn quality_setting_changes_the_bytes() {
    let noisy = DynamicImage::ImageRgb8(RgbImage::from_fn(600, 400, |x, y| {
        Rgb([
            (x * 7 % 256) as u8,
            (y * 13 % 256) as u8,
            ((x * y) % 256) as u8,
        ])
    }));
    let size_at = |q: u8| {
        let site = lab(&[("q", "q.jpg", jpeg(&noisy))]);
        let fair = std::fs::read_to_string(site.path().join("content/fair.toml")).unwrap();
        site.write(
            "content/fair.toml",
            fair.replace("quality = 75", &format!("quality = {q}")),
        );
        site.build_ok();
        let files = site.snapshot("public");
        let sum = |ext: &str| -> usize {
            files
                .iter()
                .filter(|(n, _)| n.starts_with("img/lab-q/") && n.ends_with(ext))
                .map(|(_, b)| b.len())
                .sum()
        };
        (sum(".jpg"), sum(".webp"))
    };
    let (low, high) = (size_at(30), size_at(90));
    assert!(low.0 * 2 < high.0, "JPEG {low:?} vs {high:?}");
    assert!(low.1 * 2 < high.1, "WebP {low:?} vs {high:?}");
}

/// Minimal CRC-32 (PNG chunks).
fn crc32(bytes: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in bytes {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}

/// A small real PNG whose header claims `w`×`h` (a decompression bomb's calling card).
pub fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    let mut b = png(&DynamicImage::ImageRgb8(RgbImage::new(8, 8)));
    // IHDR data starts at 16: width, height; its CRC covers type + data (12..29).
    b[16..20].copy_from_slice(&w.to_be_bytes());
    b[20..24].copy_from_slice(&h.to_be_bytes());
    let crc = crc32(&b[12..29]);
    b[29..33].copy_from_slice(&crc.to_be_bytes());
    b
}

pub fn animated_gif() -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = image::codecs::gif::GifEncoder::new(&mut out);
        for c in [0u8, 255] {
            let frame = image::Frame::new(image::RgbaImage::from_pixel(
                8,
                8,
                image::Rgba([c, 0, 0, 255]),
            ));
            enc.encode_frame(frame).unwrap();
        }
    }
    out
}

#[test]
fn bad_photos_are_named_with_what_to_do_and_the_good_ones_still_processed() {
    let good = jpeg(&DynamicImage::ImageRgb8(quadrants()));
    let mut heic = vec![0, 0, 0, 0x18];
    heic.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
    heic.extend_from_slice(&[0; 64]);
    let big = jpeg(&DynamicImage::ImageRgb8(RgbImage::from_pixel(
        400,
        300,
        Rgb([9, 9, 9]),
    )));
    let cases: Vec<(&str, &str, Vec<u8>)> = vec![
        ("good", "bien.jpg", good),
        ("empty", "vacia.jpg", Vec::new()),
        ("cut", "cortada.jpg", big[..big.len() / 2].to_vec()),
        (
            "text",
            "nota.jpg",
            b"esto es una nota, no una foto\n".to_vec(),
        ),
        ("heic", "iphone.jpg", heic),
        ("bomb", "bomba.png", png_claiming(60_000, 60_000)),
        ("gif", "baile.gif", animated_gif()),
        ("gifbomb", "enorme.gif", {
            // An animated GIF whose screen claims 60000×60000.
            let mut g = animated_gif();
            g[6..8].copy_from_slice(&60_000u16.to_le_bytes());
            g[8..10].copy_from_slice(&60_000u16.to_le_bytes());
            g
        }),
    ];
    let site = lab(&cases);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for (file, message) in [
        (
            "lab-empty/photos/vacia.jpg",
            "el archivo de la foto está vacío",
        ),
        ("lab-cut/photos/cortada.jpg", "la foto está incompleta"),
        ("lab-text/photos/nota.jpg", "este archivo no es una foto"),
        ("lab-heic/photos/iphone.jpg", "formato HEIC del iPhone"),
        ("lab-bomb/photos/bomba.png", "la foto es demasiado grande"),
        ("lab-gif/photos/baile.gif", "la foto es una animación"),
        (
            "lab-gifbomb/photos/enorme.gif",
            "la foto es demasiado grande",
        ),
    ] {
        // Each diagnostic is a block: message, the file, what to do.
        let block = run
            .stderr
            .split("\n\n")
            .find(|b| b.contains(&format!("content/vendors/{file}")))
            .unwrap_or_else(|| panic!("{file} not named:\n{}", run.stderr));
        assert!(block.contains(message), "{file}: {message}\n{block}");
    }
    assert!(run.stderr.contains("expórtalo como JPG"), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(!site.path().join("public").exists(), "nothing published");

    let en = site.run(&["--lang", "en", "build"]);
    assert!(
        en.stderr.contains("the photo is incomplete"),
        "{}",
        en.stderr
    );
    assert!(
        en.stderr.contains("the photo is an animation"),
        "{}",
        en.stderr
    );

    // The good photo was processed anyway: once the bad ones are gone, it comes from the cache.
    for (case, _, _) in &cases[1..] {
        std::fs::remove_dir_all(site.path().join(format!("content/vendors/lab-{case}"))).unwrap();
    }
    let fixed = site.build_ok();
    assert!(
        fixed.stdout.contains("5 fotos (5 desde la caché"),
        "{}",
        fixed.stdout
    );
}

#[test]
fn a_rebuild_encodes_nothing_and_a_damaged_cache_entry_is_redone() {
    let site = lab_of("c", 3, |i| {
        RgbImage::from_pixel(500, 400, Rgb([i * 60, 100, 200 - i * 50]))
    });
    let first = site.build_ok();
    let before = site.snapshot("public");
    let photos_in_site = 3 + 4; // the lab's and the fixture's own
    assert!(
        first
            .stdout
            .contains(&format!("{photos_in_site} fotos (0 desde la caché")),
        "{}",
        first.stdout
    );
    let second = site.build_ok();
    assert!(
        second.stdout.contains(&format!(
            "{photos_in_site} fotos ({photos_in_site} desde la caché; 0 KB leídos"
        )),
        "{}",
        second.stdout
    );
    assert_eq!(site.snapshot("public"), before);

    // An output photo changed by hand is put right by the next build.
    let (victim, _) = before
        .iter()
        .find(|(n, _)| n.starts_with("img/lab-c1/") && n.ends_with(".webp"))
        .unwrap();
    site.write(&format!("public/{victim}"), b"not the photo");
    site.build_ok();
    assert_eq!(site.snapshot("public"), before, "{victim} restored");

    // Damage every cache entry in a different way, and drop the output so the entries must be
    // read: each is detected and made again.
    std::fs::remove_dir_all(site.path().join("public")).unwrap();
    std::fs::remove_dir_all(site.path().join(".vitrina-cache/output")).ok();
    let entries: Vec<_> = walkdir::WalkDir::new(site.path().join(".vitrina-cache/images"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x != "json"))
        .map(|e| e.path().to_path_buf())
        .collect();
    assert!(entries.len() >= photos_in_site * 2);
    for (i, e) in entries.iter().enumerate() {
        let mut bytes = std::fs::read(e).unwrap();
        match i % 3 {
            0 => bytes.truncate(bytes.len() / 2),
            1 => bytes[0] ^= 0x55,
            _ => bytes.clear(),
        }
        std::fs::write(e, bytes).unwrap();
    }
    let third = site.build_ok();
    assert!(
        third
            .stdout
            .contains(&format!("{photos_in_site} fotos (0 desde la caché")),
        "{}",
        third.stdout
    );
    assert_eq!(site.snapshot("public"), before, "same bytes after redoing");
    let fourth = site.build_ok();
    assert!(
        fourth
            .stdout
            .contains(&format!("({photos_in_site} desde la caché")),
        "{}",
        fourth.stdout
    );

    // A photo no longer used: its entries are pruned.
    let count = || {
        walkdir::WalkDir::new(site.path().join(".vitrina-cache/images/v1"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .count()
    };
    let with_all = count();
    std::fs::remove_dir_all(site.path().join("content/vendors/lab-c0")).unwrap();
    site.build_ok();
    assert!(count() < with_all, "{} entries, was {with_all}", count());
    // The cache folder keeps itself out of git.
    let ignore = std::fs::read_to_string(site.path().join(".vitrina-cache/.gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "*"));
}

#[test]
fn two_builds_at_once_share_the_cache_safely() {
    let site = lab_of("s", 6, |i| {
        RgbImage::from_fn(700, 500, |x, y| {
            Rgb([i * 40, (x % 256) as u8, (y % 256) as u8])
        })
    });
    let results: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = ["out-a", "out-b"]
            .into_iter()
            .map(|out| {
                let site = &site;
                s.spawn(move || site.run(&["build", "--out", out]))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for r in &results {
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    assert_eq!(site.snapshot("out-a"), site.snapshot("out-b"));
    // And the cache they left is whole: a third build takes everything from it.
    let third = site.run(&["build", "--out", "out-c"]);
    assert!(
        third.stdout.contains("(10 desde la caché"),
        "{}",
        third.stdout
    );
    assert_eq!(site.snapshot("out-c"), site.snapshot("out-a"));
}

#[test]
fn progress_is_plain_lines_when_piped() {
    let site = lab_of("p", 20, |i| {
        RgbImage::from_pixel(64, 48, Rgb([i * 10, 50, 50]))
    });
    let run = site.run_env(&["build"], &[("VITRINA_PROGRESS", "plain")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("fotos: 24/24"), "{}", run.stderr);
    let lines = run.stderr.lines().filter(|l| l.contains("fotos: ")).count();
    assert!(
        (2..=5).contains(&lines),
        "a few lines, not one per photo:\n{}",
        run.stderr
    );
    assert!(!run.stderr.contains('\r'), "no bar redraws when piped");
    // Output images carry no metadata block of any kind.
    let mut images = 0;
    for (name, bytes) in site.snapshot("public") {
        if name.starts_with("img/") {
            assert_eq!(metadata_blocks(&bytes), Vec::<String>::new(), "{name}");
            images += 1;
        }
    }
    assert!(images >= 2 * 24, "only {images} output images looked at");
}

#[test]
fn the_cache_folder_can_live_elsewhere_but_never_around_the_output() {
    let site = lab(&[("c", "f.jpg", jpeg(&DynamicImage::ImageRgb8(quadrants())))]);
    let elsewhere = site.path().join("../cache-elsewhere");
    let run = site.run(&["build", "--cache-dir", elsewhere.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(elsewhere.join("images/sources.json").exists());
    assert!(
        !site.path().join(".vitrina-cache").exists(),
        "default cache unused"
    );
    let again = site.run(&["build", "--cache-dir", elsewhere.to_str().unwrap()]);
    assert!(
        again.stdout.contains("(5 desde la caché"),
        "{}",
        again.stdout
    );
    // An output inside the cache (or around it) is a usage error, and nothing is written.
    let inside = elsewhere.join("public");
    let bad = site.run(&[
        "build",
        "--cache-dir",
        elsewhere.to_str().unwrap(),
        "--out",
        inside.to_str().unwrap(),
    ]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(bad.stderr.contains("caché"), "{}", bad.stderr);
    assert!(!inside.exists());
}

#[test]
fn a_very_tall_photo_gets_renditions_webp_can_hold() {
    // A long screenshot: 600×17000 (WebP stops at 16383 a side).
    let tall = DynamicImage::ImageRgb8(RgbImage::from_pixel(600, 17_000, Rgb([200, 40, 90])));
    let site = lab(&[("tall", "captura.png", png(&tall))]);
    site.build_ok();
    for ext in ["jpg", "webp"] {
        let got = output(&site, "tall", ext);
        assert!(
            got.height() <= 16_383,
            "{ext}: {}x{}",
            got.width(),
            got.height()
        );
        assert_close(got.get_pixel(10, 10).0, [200, 40, 90], 6, ext);
    }
}

#[test]
fn a_cache_folder_inside_static_is_refused() {
    let site = lab(&[]);
    let run = site.run(&["build", "--cache-dir", "static/cache"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!site.path().join("static/cache").exists());
    assert!(!site.path().join("public").exists());
}

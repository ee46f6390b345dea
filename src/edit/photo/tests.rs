//! Tests of uploads: what a phone sends, what is refused, and what lands in `photos/`.

use std::path::Path;
use std::time::{Duration, Instant};

use image::{ImageEncoder, Rgb, RgbImage};

use super::*;

const RED: Rgb<u8> = Rgb([220, 20, 20]);
const BLUE: Rgb<u8> = Rgb([20, 40, 200]);

/// A wide photo as the camera stores it (sideways): 96×64, its top-left 32×32 block red, the
/// rest blue.
fn sideways() -> RgbImage {
    RgbImage::from_fn(96, 64, |x, y| if x < 32 && y < 32 { RED } else { BLUE })
}

fn jpeg_of(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, 95)
        .encode(
            img.as_raw(),
            img.width() as u16,
            img.height() as u16,
            jpeg_encoder::ColorType::Rgb,
        )
        .unwrap();
    out
}

/// A GPS text no encoder would write by chance.
const GPS_DATUM: &[u8] = b"WGS-84-LIMA-TEST\0";

/// An APP1 EXIF segment (big-endian TIFF) with Orientation = 6 and a GPS IFD (version,
/// latitude S 12°2'46", and the map datum above), as a phone writes one.
fn exif_app1() -> Vec<u8> {
    fn entry(tiff: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]) {
        tiff.extend(tag.to_be_bytes());
        tiff.extend(kind.to_be_bytes());
        tiff.extend(count.to_be_bytes());
        tiff.extend(value);
    }
    const SHORT: u16 = 3;
    const LONG: u16 = 4;
    const BYTE: u16 = 1;
    const ASCII: u16 = 2;
    const RATIONAL: u16 = 5;
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    // IFD0 at 8: two entries (2 + 2×12 + 4 = 30 bytes), so the GPS IFD starts at 38.
    let gps_ifd = 8 + 30u32;
    tiff.extend(2u16.to_be_bytes());
    entry(&mut tiff, 0x0112, SHORT, 1, [0, 6, 0, 0]);
    entry(&mut tiff, 0x8825, LONG, 1, gps_ifd.to_be_bytes());
    tiff.extend(0u32.to_be_bytes());
    assert_eq!(tiff.len() as u32, gps_ifd);
    // GPS IFD: four entries (2 + 4×12 + 4 = 54 bytes), then its data.
    let data = gps_ifd + 54;
    let latitude_at = data;
    let datum_at = data + 24;
    tiff.extend(4u16.to_be_bytes());
    entry(&mut tiff, 0x0000, BYTE, 4, [2, 3, 0, 0]);
    entry(&mut tiff, 0x0001, ASCII, 2, *b"S\0\0\0");
    entry(&mut tiff, 0x0002, RATIONAL, 3, latitude_at.to_be_bytes());
    entry(
        &mut tiff,
        0x0012,
        ASCII,
        GPS_DATUM.len() as u32,
        datum_at.to_be_bytes(),
    );
    tiff.extend(0u32.to_be_bytes());
    assert_eq!(tiff.len() as u32, data);
    for (num, den) in [(12u32, 1u32), (2, 1), (46, 1)] {
        tiff.extend(num.to_be_bytes());
        tiff.extend(den.to_be_bytes());
    }
    tiff.extend(GPS_DATUM);
    let mut app1 = vec![0xFF, 0xE1];
    let len = (2 + 6 + tiff.len()) as u16;
    app1.extend(len.to_be_bytes());
    app1.extend(b"Exif\0\0");
    app1.extend(tiff);
    app1
}

/// The phone's photo: `sideways()` as JPEG with the EXIF segment right after the start marker.
fn phone_jpeg() -> Vec<u8> {
    let plain = jpeg_of(&sideways());
    let mut out = plain[..2].to_vec();
    out.extend(exif_app1());
    out.extend(&plain[2..]);
    out
}

/// The markers of the segments before the image data (SOS), in order.
fn header_markers(jpeg: &[u8]) -> Vec<u8> {
    assert_eq!(&jpeg[..2], &[0xFF, 0xD8]);
    let mut markers = Vec::new();
    let mut i = 2;
    while i + 4 <= jpeg.len() && jpeg[i] == 0xFF {
        let marker = jpeg[i + 1];
        markers.push(marker);
        if marker == 0xDA {
            break;
        }
        let len = u16::from_be_bytes([jpeg[i + 2], jpeg[i + 3]]) as usize;
        i += 2 + len;
    }
    markers
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn near(p: Rgb<u8>, want: Rgb<u8>) -> bool {
    p.0.iter()
        .zip(want.0)
        .all(|(&a, b)| (i16::from(a) - i16::from(b)).abs() < 40)
}

#[test]
fn the_test_photo_really_is_sideways_with_gps() {
    // Guards the test below: the decoder sees orientation 6 in the crafted file.
    let bytes = phone_jpeg();
    let header = decode::header(&bytes).unwrap();
    assert_eq!(header.orientation, 6);
    assert_eq!((header.width, header.height), (64, 96));
    assert!(contains(&bytes, b"Exif") && contains(&bytes, GPS_DATUM));
}

#[test]
fn a_phone_photo_is_stored_upright_without_exif_or_gps() {
    let dir = tempfile::tempdir().unwrap();
    let photos = dir.path().join("photos");
    let stored = store(&phone_jpeg(), &photos, "Tortas de Lúcuma").unwrap();
    assert_eq!(stored.file, "tortas-de-lucuma.jpg");
    assert_eq!((stored.width, stored.height), (64, 96));

    let bytes = std::fs::read(photos.join(&stored.file)).unwrap();
    // Upright: the sides swapped, and the red corner (stored top-left) now top-right.
    let img = image::load_from_memory(&bytes).unwrap().into_rgb8();
    assert_eq!(img.dimensions(), (64, 96));
    assert!(
        near(*img.get_pixel(48, 16), RED),
        "{:?}",
        img.get_pixel(48, 16)
    );
    assert!(
        near(*img.get_pixel(16, 16), BLUE),
        "{:?}",
        img.get_pixel(16, 16)
    );
    assert!(
        near(*img.get_pixel(48, 80), BLUE),
        "{:?}",
        img.get_pixel(48, 80)
    );
    // Nothing of the EXIF: no APP1 (nor any APPn but JFIF's APP0, nor a comment), no "Exif",
    // no GPS tag id in the header segments, no GPS value anywhere.
    let markers = header_markers(&bytes);
    assert_eq!(markers.last(), Some(&0xDA));
    assert!(!markers.contains(&0xE1), "{markers:x?}");
    assert!(
        markers
            .iter()
            .all(|&m| m == 0xE0 || !(0xE1..=0xEF).contains(&m) && m != 0xFE),
        "{markers:x?}"
    );
    assert!(!contains(&bytes, b"Exif"));
    assert!(!contains(&bytes, GPS_DATUM));
    let sos = bytes.windows(2).position(|w| w == [0xFF, 0xDA]).unwrap();
    assert!(!contains(&bytes[..sos], &[0x88, 0x25]));
    assert_eq!(decode::header(&bytes).unwrap().orientation, 1);
}

/// A PNG whose header claims `w`×`h`, with a few bytes of (bogus) image data: a decompression
/// bomb's shape, without its body.
fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        out.extend(&body);
        out.extend(crc32(&body).to_be_bytes());
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 6, 0, 0, 0]); // 8-bit RGBA
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(
        &mut out,
        b"IDAT",
        &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    );
    chunk(&mut out, b"IEND", &[]);
    out
}

fn animated_gif() -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = image::codecs::gif::GifEncoder::new(&mut out);
        enc.set_repeat(image::codecs::gif::Repeat::Infinite)
            .unwrap();
        for colour in [[255, 0, 0, 255], [0, 0, 255, 255]] {
            let frame = image::RgbaImage::from_pixel(16, 16, image::Rgba(colour));
            enc.encode_frame(image::Frame::new(frame)).unwrap();
        }
    }
    out
}

fn heic() -> Vec<u8> {
    let mut out = 24u32.to_be_bytes().to_vec();
    out.extend(b"ftypheic\0\0\0\0mif1heic");
    out.extend([0u8; 64]);
    out
}

#[test]
fn each_bad_upload_is_refused_with_what_to_do_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let photos = dir.path().join("photos");
    std::fs::create_dir(&photos).unwrap();
    std::fs::write(photos.join("ya-estaba.jpg"), jpeg_of(&sideways())).unwrap();
    let before = listing(&photos);
    let good = jpeg_of(&sideways());
    let cases: Vec<(&str, Vec<u8>, Refusal)> = vec![
        ("zero bytes", Vec::new(), Refusal::Empty),
        ("HEIC", heic(), Refusal::Heic),
        (
            "text named .jpg",
            b"hola, esto es un texto y no una foto\n".to_vec(),
            Refusal::NotAPhoto,
        ),
        (
            "60000x60000 PNG",
            png_claiming(60_000, 60_000),
            Refusal::TooManyPixels,
        ),
        (
            "truncated JPEG",
            good[..good.len() / 2].to_vec(),
            Refusal::Truncated,
        ),
        ("animated GIF", animated_gif(), Refusal::Animated),
        ("40 MB", vec![0xFF; 40 * 1024 * 1024], Refusal::TooBig),
        (
            "a video",
            {
                let mut v = 24u32.to_be_bytes().to_vec();
                v.extend(b"ftypisom\0\0\0\0isommp42");
                v
            },
            Refusal::NotAPhoto,
        ),
    ];
    for (what, bytes, want) in cases {
        let started = Instant::now();
        let got = store(&bytes, &photos, "Foto");
        assert_eq!(got, Err(want.clone()), "{what}");
        assert!(started.elapsed() < Duration::from_secs(2), "{what}: slow");
        assert_eq!(listing(&photos), before, "{what}: something was written");
        for lang in [Lang::Es, Lang::En] {
            let m = want.message(lang);
            assert!(m.len() > 40, "{what}: {m:?}");
        }
        // Each says what to do next, in the fair's language.
        let es = want.message(Lang::Es);
        let en = want.message(Lang::En);
        assert_ne!(es, en, "{what}");
        let does = ["Vuelve", "Elige", "Toma", "sube", "Sube", "Mírala"];
        assert!(does.iter().any(|d| es.contains(d)), "{what}: {es}");
        for word in ["slug", "TOML", "EXIF"] {
            assert!(
                !es.contains(word) && !en.contains(word),
                "{what}: {es} / {en}"
            );
        }
    }
    // A refusal into a folder that does not exist yet does not create it.
    let missing = dir.path().join("nuevo").join("photos");
    assert_eq!(store(b"", &missing, "x"), Err(Refusal::Empty));
    assert!(!missing.exists());
}

#[test]
fn heic_says_how_to_switch_the_camera_on_iphone_and_android() {
    let es = Refusal::Heic.message(Lang::Es);
    assert!(es.contains("Más compatible") && es.contains("Android") && es.contains("JPEG"));
    assert!(es.contains("captura de pantalla"));
    let en = Refusal::Heic.message(Lang::En);
    assert!(en.contains("Most Compatible") && en.contains("Android") && en.contains("screenshot"));
}

#[test]
fn a_12_mp_photo_is_scaled_to_2560_on_its_long_side() {
    let big = RgbImage::from_fn(4000, 3000, |x, y| Rgb([(x / 16) as u8, (y / 12) as u8, 90]));
    let bytes = jpeg_of(&big);
    let dir = tempfile::tempdir().unwrap();
    let stored = store(&bytes, dir.path(), "grande").unwrap();
    assert_eq!((stored.width, stored.height), (2560, 1920));
    let file = std::fs::read(dir.path().join(&stored.file)).unwrap();
    let header = decode::header(&file).unwrap();
    assert_eq!((header.width, header.height), (2560, 1920));
    // Smaller photos are not enlarged.
    let stored = store(&jpeg_of(&sideways()), dir.path(), "chica").unwrap();
    assert_eq!((stored.width, stored.height), (96, 64));
}

#[test]
fn a_png_with_transparency_is_stored_as_a_jpeg_on_white() {
    let mut out = Vec::new();
    let img = image::RgbaImage::from_fn(40, 30, |x, _| {
        if x < 20 {
            image::Rgba([0, 0, 0, 0])
        } else {
            image::Rgba([20, 40, 200, 255])
        }
    });
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(img.as_raw(), 40, 30, image::ExtendedColorType::Rgba8)
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let stored = store(&out, dir.path(), "logo").unwrap();
    assert_eq!(stored.file, "logo.jpg");
    let bytes = std::fs::read(dir.path().join("logo.jpg")).unwrap();
    assert_eq!(
        image::guess_format(&bytes).unwrap(),
        image::ImageFormat::Jpeg
    );
    let back = image::load_from_memory(&bytes).unwrap().into_rgb8();
    assert!(near(*back.get_pixel(5, 15), Rgb([255, 255, 255])));
    assert!(near(*back.get_pixel(35, 15), BLUE));
}

#[test]
fn the_name_comes_from_the_hint_only_and_is_never_reused() {
    let dir = tempfile::tempdir().unwrap();
    let photos = dir.path().join("photos");
    let photo = jpeg_of(&sideways());
    let name = |hint: &str| store(&photo, &photos, hint).unwrap().file;
    assert_eq!(name("Café Doña Rosa"), "cafe-dona-rosa.jpg");
    assert_eq!(name("Café Doña Rosa"), "cafe-dona-rosa-2.jpg");
    assert_eq!(name("café doña rosa"), "cafe-dona-rosa-3.jpg");
    // A path in the hint is only words: the file stays in `photos/`.
    assert_eq!(name("../../fair.toml"), "fair-toml.jpg");
    assert_eq!(name("/etc/passwd"), "etc-passwd.jpg");
    // Nothing usable: "foto".
    assert_eq!(name(""), "foto.jpg");
    assert_eq!(name("!!! ???"), "foto-2.jpg");
    // A very long name is cut.
    let long = name(&"mermelada ".repeat(40));
    assert!(
        long.len() <= MAX_NAME_CHARS + 4 && long.ends_with(".jpg"),
        "{long}"
    );
    assert!(!long.contains("-.jpg"), "{long}");
    // A file put there by hand keeps its bytes; the upload takes the next name.
    std::fs::write(photos.join("pan.jpg"), b"mine").unwrap();
    assert_eq!(name("pan"), "pan-2.jpg");
    assert_eq!(std::fs::read(photos.join("pan.jpg")).unwrap(), b"mine");
    // Only photos in the folder, nothing else (no temporary files left, nothing outside).
    let files = listing(&photos);
    assert!(
        files
            .iter()
            .all(|f| f.ends_with(".jpg") && !f.starts_with('.')),
        "{files:?}"
    );
    assert_eq!(listing(dir.path()), vec!["photos".to_string()]);
}

#[test]
fn the_request_limit_leaves_room_for_a_whole_phone_photo() {
    assert!(max_request_bytes() >= 25 * 1024 * 1024);
    assert!(max_request_bytes() > MAX_UPLOAD_BYTES);
    assert!(max_request_bytes() < MAX_UPLOAD_BYTES + 4 * 1024 * 1024);
}

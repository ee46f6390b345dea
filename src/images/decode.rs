//! Decode: from a photo's bytes to upright sRGB pixels, and nothing of the file besides pixels.
//!
//! - JPEG (almost every phone photo) is decoded by `jpeg-decoder`, at a reduced size when the
//!   largest rendition needs at most half the photo (DCT scaling: 1/2, 1/4, 1/8 of the work of
//!   a full decode). CMYK JPEGs (print files, never phones) go through the `image` crate.
//! - PNG, WebP and GIF are decoded by the `image` crate; 16-bit and grayscale become 8-bit RGB,
//!   transparency is flattened onto white (JPEG has no alpha).
//! - The EXIF orientation (all 8) is applied; an embedded ICC profile that is not sRGB (Display
//!   P3 from an iPhone, Adobe RGB from a camera) is converted to sRGB with `moxcms`.
//!
//! Every decoder runs with limits (side, pixels, memory), so a decompression bomb is refused
//! before its pixels are allocated. Problems come back as [`Problem`]s naming what to do.

use std::io::Cursor;

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage};

use crate::diag::Problem;

/// Largest side a photo may have (a phone's 200 MP sensor is ~16000 px).
pub const MAX_SIDE: u32 = 20_000;
/// Most pixels a photo may have (a 200 MP sensor's full resolution is refused; phones save less).
pub const MAX_PIXELS: u64 = 100_000_000;
/// Most memory one decode may take.
pub const MAX_ALLOC: u64 = 1 << 30;

/// What the header says, before any pixel is decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// Width as shown (EXIF orientation applied).
    pub width: u32,
    /// Height as shown.
    pub height: u32,
    /// EXIF orientation, 1–8.
    pub orientation: u8,
}

/// Reads the header: size and orientation. Refuses what would not decode (unknown format,
/// HEIC, animation, too large) so the problem is reported before any page is rendered.
pub fn header(bytes: &[u8]) -> Result<Header, Problem> {
    let format = sniff(bytes)?;
    let (w, h, orientation) = if format == ImageFormat::Jpeg {
        let mut d = jpeg_decoder::Decoder::new(Cursor::new(bytes));
        d.set_max_decoding_buffer_size(MAX_ALLOC as usize);
        d.read_info().map_err(jpeg_problem)?;
        let info = d.info().ok_or_else(|| unreadable("no header"))?;
        let o = d
            .exif_data()
            .and_then(Orientation::from_exif_chunk)
            .unwrap_or(Orientation::NoTransforms);
        (u32::from(info.width), u32::from(info.height), o)
    } else {
        let mut decoder = open_other(bytes, format)?;
        let (w, h) = decoder.dimensions();
        let o = decoder.orientation().unwrap_or(Orientation::NoTransforms);
        (w, h, o)
    };
    if w == 0 || h == 0 {
        return Err(unreadable("0×0"));
    }
    // Decoding is bounded by the decoder limits; the pixels after decoding (conversion, resize
    // buffers) are bounded here: 100 megapixels is far above any phone photo.
    if w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(Problem::PhotoTooLarge);
    }
    let (width, height) = if swaps_sides(orientation) {
        (h, w)
    } else {
        (w, h)
    };
    Ok(Header {
        width,
        height,
        orientation: orientation.to_exif(),
    })
}

/// Decodes `bytes` to upright sRGB pixels at least `min_width` wide (as shown) when the photo
/// allows it: JPEGs are decoded at 1/2, 1/4 or 1/8 size when that is still wide enough.
pub fn decode(bytes: &[u8], min_width: u32) -> Result<RgbImage, Problem> {
    let (img, orientation) = decode_as_stored(bytes, min_width)?;
    Ok(turn(img, orientation))
}

/// Like [`decode`], but the pixels stay as the file stores them (sideways when the EXIF says
/// so) and the orientation is returned, for a caller that scales before it [`turn`]s, so the
/// turn copies fewer pixels (the editor's uploads).
pub fn decode_as_stored(bytes: &[u8], min_width: u32) -> Result<(RgbImage, Orientation), Problem> {
    let format = sniff(bytes)?;
    let (img, orientation, icc) = if format == ImageFormat::Jpeg {
        match decode_jpeg(bytes, min_width)? {
            Some(decoded) => decoded,
            None => decode_other(bytes, format)?,
        }
    } else {
        decode_other(bytes, format)?
    };
    Ok((to_srgb(img, icc.as_deref()), orientation))
}

/// `img` turned and flipped as the EXIF `orientation` says: upright.
pub fn turn(img: RgbImage, orientation: Orientation) -> RgbImage {
    let mut dynamic = DynamicImage::ImageRgb8(img);
    dynamic.apply_orientation(orientation);
    dynamic.into_rgb8()
}

type Decoded = (RgbImage, Orientation, Option<Vec<u8>>);

/// JPEG with DCT scaling. `None` for CMYK, which the `image` crate converts better.
fn decode_jpeg(bytes: &[u8], min_width: u32) -> Result<Option<Decoded>, Problem> {
    use jpeg_decoder::PixelFormat;
    let mut d = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    d.set_max_decoding_buffer_size(MAX_ALLOC as usize);
    d.read_info().map_err(jpeg_problem)?;
    let info = d.info().ok_or_else(|| unreadable("no header"))?;
    // CMYK, and lossless JPEG (no DCT to scale; rare), go through the `image` crate.
    if info.pixel_format == PixelFormat::CMYK32
        || info.coding_process == jpeg_decoder::CodingProcess::Lossless
    {
        return Ok(None);
    }
    let orientation = d
        .exif_data()
        .and_then(Orientation::from_exif_chunk)
        .unwrap_or(Orientation::NoTransforms);
    let (w, h) = (u32::from(info.width), u32::from(info.height));
    if w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(Problem::PhotoTooLarge);
    }
    // The requested size in the file's own orientation: only the side that becomes the shown
    // width counts (jpeg-decoder takes a scale when either side is large enough, and the other
    // side is given as unreachable), so the decoded width is never below `min_width`.
    let swaps = swaps_sides(orientation);
    let shown_w = if swaps { h } else { w };
    let min_width = min_width.clamp(1, shown_w) as u16;
    let request = if swaps {
        (u16::MAX, min_width)
    } else {
        (min_width, u16::MAX)
    };
    d.scale(request.0, request.1).map_err(jpeg_problem)?;
    let pixels = d.decode().map_err(jpeg_problem)?;
    let icc = d.icc_profile();
    let info = d.info().ok_or_else(|| unreadable("no header"))?;
    let (w, h) = (u32::from(info.width), u32::from(info.height));
    let rgb = match info.pixel_format {
        PixelFormat::RGB24 => pixels,
        PixelFormat::L8 => pixels.iter().flat_map(|&l| [l, l, l]).collect(),
        // 16-bit samples come only from lossless JPEG, sent to the `image` crate above.
        PixelFormat::L16 => return Ok(None),
        PixelFormat::CMYK32 => return Ok(None),
    };
    let img = RgbImage::from_raw(w, h, rgb).ok_or_else(|| unreadable("short pixel data"))?;
    Ok(Some((img, orientation, icc)))
}

/// Everything else, through the `image` crate with its limits.
fn decode_other(bytes: &[u8], format: ImageFormat) -> Result<Decoded, Problem> {
    let mut decoder = open_other(bytes, format)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let icc = decoder.icc_profile().ok().flatten();
    let img = DynamicImage::from_decoder(decoder).map_err(image_problem)?;
    let (w, h) = (img.width(), img.height());
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(Problem::PhotoTooLarge);
    }
    // A profile describes the colours as stored; after conversion to 8-bit RGB it still does
    // for RGB sources, not for gray or CMYK ones (converted by formula).
    let icc = icc.filter(|_| matches!(img.color().channel_count(), 3 | 4));
    Ok((flatten(img), orientation, icc))
}

fn open_other(bytes: &[u8], format: ImageFormat) -> Result<Box<dyn ImageDecoder + '_>, Problem> {
    if is_animated(bytes, format) {
        return Err(Problem::PhotoAnimated);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits());
    let decoder = reader.into_decoder().map_err(image_problem)?;
    Ok(Box::new(decoder))
}

fn limits() -> Limits {
    let mut l = Limits::default();
    l.max_image_width = Some(MAX_SIDE);
    l.max_image_height = Some(MAX_SIDE);
    l.max_alloc = Some(MAX_ALLOC);
    l
}

/// The format from the first bytes (never from the file name: phones and people rename).
fn sniff(bytes: &[u8]) -> Result<ImageFormat, Problem> {
    if bytes.is_empty() {
        return Err(Problem::PhotoEmpty);
    }
    if bytes.len() > 12 && &bytes[4..8] == b"ftyp" {
        return Err(Problem::PhotoHeic);
    }
    match image::guess_format(bytes) {
        Ok(f @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP | ImageFormat::Gif)) => {
            Ok(f)
        }
        _ => Err(Problem::PhotoNotAnImage),
    }
}

/// More than one frame: GIF, animated WebP or APNG.
fn is_animated(bytes: &[u8], format: ImageFormat) -> bool {
    use image::AnimationDecoder;
    match format {
        // Frames are decoded under the same limits (a GIF can claim a huge canvas too); a
        // broken second frame does not make a still photo "animated".
        ImageFormat::Gif => image::codecs::gif::GifDecoder::new(Cursor::new(bytes))
            .ok()
            .and_then(|mut d| {
                d.set_limits(limits()).ok()?;
                Some(d.into_frames().take(2).filter(Result::is_ok).count() > 1)
            })
            .unwrap_or(false),
        ImageFormat::WebP => image::codecs::webp::WebPDecoder::new(Cursor::new(bytes))
            .map(|d| d.has_animation())
            .unwrap_or(false),
        ImageFormat::Png => image::codecs::png::PngDecoder::new(Cursor::new(bytes))
            .and_then(|d| d.is_apng())
            .unwrap_or(false),
        _ => false,
    }
}

fn unreadable(detail: &str) -> Problem {
    Problem::PhotoUnreadable {
        detail: detail.to_string(),
    }
}

/// jpeg-decoder's words for a file whose bytes end before the frame header (the start and end
/// markers only, or a copy cut short there). It has no typed error for it; a test pins the text.
const JPEG_ENDS_BEFORE_FRAME: &str = "end of image encountered before frame";
/// jpeg-decoder's words for a decode over its buffer limit (no typed error either; pinned too).
const JPEG_OVER_LIMIT: &str = "size of decoded image exceeds maximum allowed size";

fn jpeg_problem(e: jpeg_decoder::Error) -> Problem {
    match e {
        jpeg_decoder::Error::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            Problem::PhotoTruncated
        }
        jpeg_decoder::Error::Format(f) if f == JPEG_ENDS_BEFORE_FRAME => Problem::PhotoTruncated,
        jpeg_decoder::Error::Format(f) if f == JPEG_OVER_LIMIT => Problem::PhotoTooLarge,
        other => unreadable(&other.to_string()),
    }
}

fn image_problem(e: image::ImageError) -> Problem {
    match e {
        image::ImageError::Limits(_) => Problem::PhotoTooLarge,
        image::ImageError::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            Problem::PhotoTruncated
        }
        e if ends_early(&e) => Problem::PhotoTruncated,
        other => unreadable(&other.to_string()),
    }
}

/// Whether a decoder's own error says the bytes ran out: an I/O error of kind `UnexpectedEof`
/// somewhere in its chain of causes. (The WebP decoder says only "corrupt", and the GIF one uses
/// its own error type: those stay "could not be opened".)
fn ends_early(e: &image::ImageError) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(c) = cause {
        let io = c.downcast_ref::<std::io::Error>();
        if io.is_some_and(|io| io.kind() == std::io::ErrorKind::UnexpectedEof) {
            return true;
        }
        cause = c.source();
    }
    false
}

fn swaps_sides(o: Orientation) -> bool {
    matches!(
        o,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

/// 8-bit RGB; transparent pixels become white (the JPEG fallback has no alpha, and a white
/// card behind a cut-out product is what the theme shows).
pub fn flatten(img: DynamicImage) -> RgbImage {
    if !img.color().has_alpha() {
        return img.into_rgb8();
    }
    let rgba = img.into_rgba8();
    let (w, h) = rgba.dimensions();
    let mut out = Vec::with_capacity(w as usize * h as usize * 3);
    for p in rgba.pixels() {
        let a = u16::from(p.0[3]);
        for &c in &p.0[..3] {
            out.push(((u16::from(c) * a + 255 * (255 - a) + 127) / 255) as u8);
        }
    }
    RgbImage::from_raw(w, h, out).unwrap_or_default()
}

/// Converts pixels described by an embedded ICC profile to sRGB. sRGB profiles, profiles that
/// do not parse and non-RGB profiles leave the pixels as they are (the web assumes sRGB).
fn to_srgb(mut img: RgbImage, icc: Option<&[u8]>) -> RgbImage {
    use moxcms::{ColorProfile, DataColorSpace, Layout, TransformOptions};
    let Some(icc) = icc else { return img };
    let Ok(profile) = ColorProfile::new_from_slice(icc) else {
        return img;
    };
    if profile.color_space != DataColorSpace::Rgb || is_srgb(&profile) {
        return img;
    }
    let srgb = ColorProfile::new_srgb();
    let Ok(transform) =
        profile.create_transform_8bit(Layout::Rgb, &srgb, Layout::Rgb, TransformOptions::default())
    else {
        return img;
    };
    let mut out = vec![0u8; img.as_raw().len()];
    if transform.transform(img.as_raw(), &mut out).is_ok() {
        if let Some(converted) = RgbImage::from_raw(img.width(), img.height(), out) {
            img = converted;
        }
    }
    img
}

/// sRGB under any of its usual names (converting it to itself would only cost time).
fn is_srgb(profile: &moxcms::ColorProfile) -> bool {
    let srgb = moxcms::ColorProfile::new_srgb();
    let close = |a: moxcms::Xyzd, b: moxcms::Xyzd| {
        (a.x - b.x).abs() < 0.002 && (a.y - b.y).abs() < 0.002 && (a.z - b.z).abs() < 0.002
    };
    let described_srgb = profile
        .description
        .as_ref()
        .is_some_and(|d| format!("{d:?}").contains("sRGB"));
    close(profile.red_colorant, srgb.red_colorant)
        && close(profile.green_colorant, srgb.green_colorant)
        && close(profile.blue_colorant, srgb.blue_colorant)
        // Same primaries and the sRGB curve (or an sRGB profile by name: phones embed sRGB with
        // a sampled curve); a gamma 1.8/2.2 or linear profile with sRGB primaries is converted.
        && (profile.red_trc == srgb.red_trc || described_srgb)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, Rgb};

    fn photo() -> RgbImage {
        RgbImage::from_fn(64, 48, |x, y| {
            Rgb([x as u8 * 3, y as u8 * 5, (x ^ y) as u8])
        })
    }

    fn jpeg() -> Vec<u8> {
        let mut out = Vec::new();
        let img = photo();
        jpeg_encoder::Encoder::new(&mut out, 90)
            .encode(img.as_raw(), 64, 48, jpeg_encoder::ColorType::Rgb)
            .unwrap();
        out
    }

    fn png() -> Vec<u8> {
        let mut out = Vec::new();
        let img = photo();
        image::codecs::png::PngEncoder::new(&mut out)
            .write_image(img.as_raw(), 64, 48, image::ExtendedColorType::Rgb8)
            .unwrap();
        out
    }

    #[test]
    fn a_photo_cut_short_is_called_incomplete() {
        for bytes in [jpeg(), png()] {
            assert!(decode(&bytes, 64).is_ok());
            for cut in [bytes.len() / 3, bytes.len() / 2, bytes.len() - 10] {
                assert_eq!(
                    decode(&bytes[..cut], 64).err(),
                    Some(Problem::PhotoTruncated)
                );
            }
        }
        // Start and end markers and nothing between.
        assert_eq!(
            decode(&[0xFF, 0xD8, 0xFF, 0xD9], 64).err(),
            Some(Problem::PhotoTruncated)
        );
    }

    /// jpeg-decoder says these two only in words: an upgrade that rewords them fails here
    /// instead of silently turning "incomplete" or "too large" into "could not be opened".
    #[test]
    fn jpeg_decoder_still_words_its_errors_as_pinned() {
        let mut d = jpeg_decoder::Decoder::new(Cursor::new(&[0xFF, 0xD8, 0xFF, 0xD9][..]));
        assert!(
            matches!(d.decode(), Err(jpeg_decoder::Error::Format(f)) if f == JPEG_ENDS_BEFORE_FRAME)
        );
        let bytes = jpeg();
        let mut d = jpeg_decoder::Decoder::new(Cursor::new(&bytes[..]));
        d.set_max_decoding_buffer_size(1000);
        let e = d.decode().unwrap_err();
        assert!(
            matches!(&e, jpeg_decoder::Error::Format(f) if f == JPEG_OVER_LIMIT),
            "{e:?}"
        );
        assert_eq!(jpeg_problem(e), Problem::PhotoTooLarge);
    }

    #[test]
    fn the_image_crates_limits_make_a_photo_too_large() {
        let e = image::ImageError::Limits(image::error::LimitError::from_kind(
            image::error::LimitErrorKind::InsufficientMemory,
        ));
        assert_eq!(image_problem(e), Problem::PhotoTooLarge);
        let bytes = png();
        let mut reader = ImageReader::with_format(Cursor::new(&bytes[..]), ImageFormat::Png);
        let mut small = Limits::default();
        small.max_image_width = Some(10);
        reader.limits(small);
        let e = reader.decode().unwrap_err();
        assert_eq!(image_problem(e), Problem::PhotoTooLarge);
    }
}

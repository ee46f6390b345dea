//! Encode: RGB pixels to the bytes of a web file. Lossy WebP with libwebp (the `webp` crate,
//! built from C sources with the C compiler) and baseline JPEG
//! (`jpeg-encoder`, pure Rust with AVX2) with the standard Huffman tables: its optimized tables
//! are misread by zune-jpeg (the `image` crate's decoder) on flat areas such as a logo's
//! background, and a fallback file must open everywhere. Neither writes any metadata: no EXIF, XMP, ICC or
//! comment block ever reaches an output file (the output is sRGB, which is what browsers assume).

use image::RgbImage;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Lossy WebP (every current browser).
    Webp,
    /// JPEG, the fallback for old browsers.
    Jpeg,
}

impl Format {
    /// File extension.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Webp => "webp",
            Format::Jpeg => "jpg",
        }
    }

    /// MIME type for `<source type>`.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Webp => "image/webp",
            Format::Jpeg => "image/jpeg",
        }
    }
}

/// libwebp's speed/size trade-off (0 fastest – 6 smallest; 4 is libwebp's default). Method 2
/// encodes 2.5× faster than 4 for about 4% more bytes, still smaller than Hugo's WebP at the same
/// quality with a higher SSIM (BENCHMARKS.md).
pub const WEBP_METHOD: i32 = 2;

/// Describes the whole pipeline (decoders, colour conversion, resizer, encoders and their
/// settings); part of every cache key, so a change here re-encodes every photo. Update it with
/// any of these crates' versions in Cargo.lock.
pub const ENCODER_VERSION: &str = "jpeg-decoder-0.3.2 image-0.25.10 moxcms-0.8.1 \
    fast_image_resize-6.1.0 libwebp-sys-0.9.6/webp-0.3.1 m2 jpeg-encoder-0.7.1 420 vitrina-2";

/// Encodes `img` as `format` at `quality` (1–100).
pub fn encode(img: &RgbImage, format: Format, quality: u8) -> Result<Vec<u8>, String> {
    match format {
        Format::Webp => {
            let mut config = webp::WebPConfig::new().map_err(|_| "libwebp config".to_string())?;
            config.quality = f32::from(quality);
            config.method = WEBP_METHOD;
            let encoder = webp::Encoder::from_rgb(img.as_raw(), img.width(), img.height());
            let mem = encoder
                .encode_advanced(&config)
                .map_err(|e| format!("WebP: {e:?}"))?;
            Ok(mem.to_vec())
        }
        Format::Jpeg => {
            let mut out = Vec::with_capacity(img.as_raw().len() / 10);
            let mut enc = jpeg_encoder::Encoder::new(&mut out, quality);
            enc.set_sampling_factor(jpeg_encoder::SamplingFactor::R_4_2_0);
            enc.set_optimized_huffman_tables(false);
            let (w, h) = (
                u16::try_from(img.width()).map_err(|_| "too wide")?,
                u16::try_from(img.height()).map_err(|_| "too tall")?,
            );
            enc.encode(img.as_raw(), w, h, jpeg_encoder::ColorType::Rgb)
                .map_err(|e| format!("JPEG: {e}"))?;
            Ok(out)
        }
    }
}

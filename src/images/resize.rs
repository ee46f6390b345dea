//! Resize: SIMD Lanczos3 downscaling with `fast_image_resize` (SSE4.1/AVX2/NEON picked at run
//! time). Never upscales: the caller asks only for widths the photo has.

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::RgbImage;

/// `img` resized to `width` × `height` (Lanczos3). Returns `img` itself when the size matches.
pub fn resize(img: &RgbImage, width: u32, height: u32) -> RgbImage {
    if img.width() == width && img.height() == height {
        return img.clone();
    }
    let resized = (|| {
        let src = ImageRef::new(img.width(), img.height(), img.as_raw(), PixelType::U8x3).ok()?;
        let mut dst = Image::new(width, height, PixelType::U8x3);
        let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(
            fast_image_resize::FilterType::Lanczos3,
        ));
        Resizer::new().resize(&src, &mut dst, &options).ok()?;
        RgbImage::from_raw(width, height, dst.into_vec())
    })();
    // fast_image_resize only fails on mismatched buffers, which cannot happen above; fall back to
    // the image crate rather than lose the photo.
    resized.unwrap_or_else(|| {
        image::imageops::resize(img, width, height, image::imageops::FilterType::Lanczos3)
    })
}

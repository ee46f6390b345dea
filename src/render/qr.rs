//! QR codes as inline SVG, for printed booth signs: the `qr(url=…)` function templates call
//! (`{{ qr(url=vendor.permalink) | safe }}`).
//!
//! The `fast_qr` crate does the encoding (medium error correction: a sign survives a fold or a
//! smudge; the mask chosen by the standard's penalty score, about 20× quicker than the `qrcode`
//! crate's, which was a sixth of a cold W3 build); this module draws the modules as one SVG path, a row's run of dark modules as one
//! rectangle, on a white square with the standard four-module quiet zone, so the code scans in
//! a dark colour scheme too. Codes already drawn are remembered by their text in the build's
//! [`Memory`] (`serve` renders the print page again after every vendor edit).

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::{Arc, Mutex};

use fast_qr::{QRBuilder, ECL};
use rustc_hash::FxHashMap;

/// Modules of white around the code, as the QR standard asks.
const QUIET: usize = 4;

/// Codes already drawn, by their text.
#[derive(Default)]
pub struct Memory {
    drawn: Mutex<FxHashMap<String, Arc<str>>>,
}

impl Memory {
    /// [`svg`], from memory when already drawn.
    pub fn svg(&self, text: &str) -> Option<Arc<str>> {
        if let Some(svg) = self.drawn.lock().ok().and_then(|m| m.get(text).cloned()) {
            return Some(svg);
        }
        let svg = svg(text)?;
        if let Ok(mut m) = self.drawn.lock() {
            if m.len() > 20_000 {
                m.clear();
            }
            m.insert(text.to_string(), svg.clone());
        }
        Some(svg)
    }
}

/// The SVG of the QR code for `text`, or `None` when the text is too long for a QR code.
pub fn svg(text: &str) -> Option<Arc<str>> {
    let code = QRBuilder::new(text.as_bytes()).ecl(ECL::M).build().ok()?;
    let dark: Vec<bool> = code.data[..code.size * code.size]
        .iter()
        .map(|m| m.value())
        .collect();
    Some(draw(code.size, &dark).into())
}

/// The modules (`true`: dark), row by row, as one SVG path.
fn draw(width: usize, modules: &[bool]) -> String {
    let size = width + 2 * QUIET;
    let mut d = String::with_capacity(width * width);
    for (y, row) in modules.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if !row[x] {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && row[x] {
                x += 1;
            }
            let _ = write!(
                d,
                "M{} {}h{}v1h-{}z",
                start + QUIET,
                y + QUIET,
                x - start,
                x - start
            );
        }
    }
    format!(
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" \
         shape-rendering=\"crispEdges\" aria-hidden=\"true\"><rect width=\"{size}\" \
         height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{d}\"/></svg>"
    )
}

/// The Tera function `qr(url=…)`, drawing through `memory`.
pub fn tera_function(memory: Arc<Memory>) -> impl tera::Function {
    move |args: &HashMap<String, serde_json::Value>| {
        let url = args
            .get("url")
            .and_then(|v| v.as_str())
            .ok_or_else(|| tera::Error::msg("qr() needs url=\"…\" (a text)"))?;
        let svg = memory
            .svg(url)
            .ok_or_else(|| tera::Error::msg("qr(): the text is too long for a QR code"))?;
        Ok(serde_json::Value::String(svg.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_become_one_rectangle_each_inside_the_quiet_zone() {
        let (d, l) = (true, false);
        let svg = draw(3, &[d, d, l, l, l, l, l, d, d]);
        assert!(svg.contains("viewBox=\"0 0 11 11\""), "{svg}");
        assert!(svg.contains("d=\"M4 4h2v1h-2zM5 6h2v1h-2z\""), "{svg}");
    }

    #[test]
    fn the_same_text_is_drawn_once() {
        let memory = Memory::default();
        let a = memory.svg("https://feria.example/vendors/ana/").unwrap();
        let b = memory.svg("https://feria.example/vendors/ana/").unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(*a, *svg("https://feria.example/vendors/ana/").unwrap());
        assert!(memory.svg(&"x".repeat(5000)).is_none());
    }
}

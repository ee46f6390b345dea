//! An uploaded photo: checked as `build` checks photos (format sniffed from the bytes, decoder
//! limits; HEIC, animations, corrupt and oversized files refused, each with what to do), then
//! stored in the vendor's `photos/` folder upright and without any metadata (no EXIF, no GPS),
//! under a name vitrina chooses. The name the browser sent is never used.

use std::path::Path;

use crate::i18n::Lang;

/// The largest request body the editor accepts for one upload (a phone photo sent whole, with
/// no scaling in the browser, is up to ~15 MB; some cameras more).
pub const MAX_UPLOAD_BYTES: usize = 30 * 1024 * 1024;

/// A stored photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// Its file name in the vendor's `photos/` folder (chosen by vitrina).
    pub file: String,
    /// Width, as shown.
    pub width: u32,
    /// Height, as shown.
    pub height: u32,
}

/// Why an upload was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Nothing was sent.
    Empty,
}

impl Refusal {
    /// What happened and what to do, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let _ = lang;
        String::new()
    }
}

/// Checks `bytes` and stores them in `photos_dir` (created when missing) as a new file named
/// after `hint` (e.g. the product's name), upright and without metadata.
pub fn store(bytes: &[u8], photos_dir: &Path, hint: &str) -> Result<Stored, Refusal> {
    let _ = (bytes, photos_dir, hint);
    Err(Refusal::Empty)
}

/// The request body limit of the editor's forms: a photo of [`MAX_UPLOAD_BYTES`] and the rest
/// of its form.
pub fn max_request_bytes() -> usize {
    MAX_UPLOAD_BYTES + 1024 * 1024
}

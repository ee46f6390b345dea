//! Reading a text file the way a beginner's editor may have saved it: a UTF-8 byte-order mark is
//! dropped, CRLF line ends are left for the parsers (TOML and markdown accept them), and bytes that
//! are not UTF-8 become a diagnostic pointing at the first bad byte.

use std::path::Path;
use std::sync::Arc;

use crate::diag::{Diagnostics, Problem, Source};

/// Reads `path`, shown to the user as `display`. `None` (with a diagnostic) when unreadable.
pub fn read(path: &Path, display: &str, diags: &mut Diagnostics) -> Option<Arc<Source>> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.push(crate::diag::Diagnostic::file(
                crate::diag::Severity::Error,
                display,
                Problem::Unreadable {
                    detail: e.kind().to_string(),
                },
            ));
            return None;
        }
    };
    decode(bytes, display, diags)
}

/// Decodes file bytes as UTF-8 (BOM removed).
pub fn decode(bytes: Vec<u8>, display: &str, diags: &mut Diagnostics) -> Option<Arc<Source>> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(text) => Some(Source::new(display, text)),
        Err(e) => {
            let bad = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            // Offsets in the lossy text equal those in the bytes up to the first bad byte.
            let src = Source::new(display, text);
            diags.error_at(&src, bad..bad + 1, Problem::NotUtf8);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_dropped() {
        let mut d = Diagnostics::new();
        let s = decode(b"\xEF\xBB\xBFname = \"a\"".to_vec(), "x", &mut d).unwrap();
        assert_eq!(s.text, "name = \"a\"");
    }

    #[test]
    fn latin1_is_reported_at_the_bad_byte() {
        let mut d = Diagnostics::new();
        assert!(decode(b"name = \"a\"\ntagline = \"Caf\xE9\"".to_vec(), "x", &mut d).is_none());
        let diag = d.iter().next().unwrap();
        assert_eq!(diag.problem, Problem::NotUtf8);
        assert_eq!(diag.line_col(), Some((2, 15)));
    }
}

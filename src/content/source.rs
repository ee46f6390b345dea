//! Reading a text file the way a beginner's editor may have saved it: a UTF-8 byte-order mark is
//! dropped, CRLF line ends are left for the parsers (TOML and markdown accept them), a UTF-16 file
//! with its byte-order mark (Windows Notepad's "Unicode") is read as text with a warning (the
//! phone editor and most tools read only UTF-8), and bytes that are not UTF-8 become a diagnostic
//! pointing at the first bad byte.

use std::path::Path;
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics, Problem, Severity, Source};

/// Reads `path`, shown to the user as `display`. `None` (with a diagnostic) when unreadable.
pub fn read(path: &Path, display: &str, diags: &mut Diagnostics) -> Option<Arc<Source>> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.push(Diagnostic::file(
                Severity::Error,
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

/// Decodes file bytes as UTF-8 (BOM removed), or as UTF-16 when they start with its BOM.
pub fn decode(bytes: Vec<u8>, display: &str, diags: &mut Diagnostics) -> Option<Arc<Source>> {
    if let Some(text) = utf16(&bytes) {
        let (severity, problem) = match text {
            Some(_) => (Severity::Warning, Problem::Utf16),
            None => (Severity::Error, Problem::NotUtf8),
        };
        diags.push(Diagnostic::file(severity, display, problem));
        return text.map(|text| Source::new(display, text));
    }
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

/// A file starting with a UTF-16 byte-order mark (`FF FE` little-endian, `FE FF` big-endian):
/// `Some(Some(text))`, or `Some(None)` when the rest is not UTF-16 (an odd length, a lone
/// surrogate); `None` when there is no such mark.
fn utf16(bytes: &[u8]) -> Option<Option<String>> {
    let (rest, little) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (rest, true),
        [0xFE, 0xFF, rest @ ..] => (rest, false),
        _ => return None,
    };
    if rest.len() % 2 != 0 {
        return Some(None);
    }
    let units = rest.chunks_exact(2).map(|p| {
        let pair = [p[0], p[1]];
        if little {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    Some(
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .ok(),
    )
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

    fn utf16_bytes(text: &str, little: bool) -> Vec<u8> {
        let mut bytes = if little {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for u in text.encode_utf16() {
            bytes.extend(if little {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            });
        }
        bytes
    }

    #[test]
    fn notepad_utf16_is_read_with_a_warning() {
        for little in [true, false] {
            let mut d = Diagnostics::new();
            let text = "name = \"Señora Ñusta 🧶\"\r\n";
            let s = decode(utf16_bytes(text, little), "x", &mut d).unwrap();
            assert_eq!(s.text, text);
            let problems: Vec<_> = d.iter().map(|x| (x.severity, x.problem.clone())).collect();
            assert_eq!(problems, vec![(Severity::Warning, Problem::Utf16)]);
        }
        let mut d = Diagnostics::new();
        assert!(decode(vec![0xFF, 0xFE, b'a'], "x", &mut d).is_none());
        assert!(decode(vec![0xFF, 0xFE, 0x00, 0xD8], "x", &mut d).is_none());
        assert_eq!(d.error_count(), 2);
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

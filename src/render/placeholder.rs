//! Photo placeholders: the box a photo fills shows the photo's average colour while it loads.
//!
//! Pages are rendered before any photo is decoded (photo work is never on the critical path of
//! rendering), so on a first build the colour is not known yet: a page prints a marker instead,
//! and the build fills the markers in once the photos are processed ([`Placeholders::fill`]). A
//! marker holds a per-build random tag between two U+0001 characters, which no escaped text can
//! produce. On a rebuild the cache already knows each colour (`PhotoPlan::color`), pages print it
//! directly and go to disk at once.

use std::time::{SystemTime, UNIX_EPOCH};

/// Markers of one build.
#[derive(Debug, Clone)]
pub struct Placeholders {
    prefix: String,
}

/// Shown when a photo has no colour (it failed; the build reports the error anyway).
const NEUTRAL: &str = "#e8e2d9";

impl Default for Placeholders {
    fn default() -> Self {
        Self::new()
    }
}

impl Placeholders {
    /// Markers with a fresh random tag.
    pub fn new() -> Self {
        use std::hash::{BuildHasher, Hasher};
        // RandomState is seeded from the OS; the time and pid only add to it.
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u128(
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap_or_default()
                .as_nanos(),
        );
        h.write_u32(std::process::id());
        let tag = h.finish();
        Placeholders {
            prefix: format!("\u{1}ph{tag:016x}:"),
        }
    }

    /// The marker of photo `id`.
    pub fn marker(&self, id: usize) -> String {
        format!("{}{id}\u{1}", self.prefix)
    }

    /// True when `body` holds a marker (the page waits for the photos).
    pub fn pending(&self, body: &str) -> bool {
        body.contains(&self.prefix)
    }

    /// `body` with every marker replaced by its photo's colour (`#rrggbb`).
    pub fn fill(&self, body: &str, colors: &[Option<[u8; 3]>]) -> String {
        let mut out = String::with_capacity(body.len());
        let mut rest = body;
        while let Some(at) = rest.find(&self.prefix) {
            out.push_str(&rest[..at]);
            let after = &rest[at + self.prefix.len()..];
            let Some(end) = after.find('\u{1}') else {
                rest = after;
                break;
            };
            let color = after[..end]
                .parse::<usize>()
                .ok()
                .and_then(|id| colors.get(id).copied().flatten());
            match color {
                Some(c) => out.push_str(&hex(c)),
                None => out.push_str(NEUTRAL),
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        out
    }
}

/// A colour as CSS `#rrggbb`.
pub fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_become_colours() {
        let p = Placeholders::new();
        let body = format!("a{}b{}c", p.marker(0), p.marker(1));
        assert!(p.pending(&body));
        let filled = p.fill(&body, &[Some([255, 0, 16]), None]);
        assert_eq!(filled, format!("a#ff0010b{NEUTRAL}c"));
        assert!(!p.pending(&filled));
    }
}

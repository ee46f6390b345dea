//! Offline at the fair: the service worker (`sw.js`) that `build` writes at the root of the
//! output. Its logic is `sw.js` beside this file; the build fills in its version (the hash of
//! every other file of the output, so each build has its own cache and a visitor never mixes
//! two builds) and what it keeps at install: the home page, the search page, the offline page,
//! styles and scripts, and the search index when it is small.
//!
//! The theme registers it (the default theme's base.html) and links the manifest
//! (`manifest.webmanifest`, an optional template).

/// What the worker keeps at install, at most: a bigger search index is kept as it is used.
pub const PRECACHE_INDEX_BYTES: u64 = 1_000_000;

const SOURCE: &str = include_str!("sw.js");

/// What a browser percent-encodes in a path (and every byte outside ASCII).
const PATH: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// The worker for a site served under `base_path`, for output `version`, keeping `precache`
/// (paths inside the output) at install.
pub fn service_worker(base_path: &str, version: u64, precache: &[String]) -> String {
    let urls: Vec<String> = precache
        .iter()
        .map(|p| format!("{base_path}{}", p.trim_end_matches("index.html")))
        .collect();
    let list = serde_json::to_string(&urls).unwrap_or_else(|_| "[]".into());
    // As the browser writes a path (`/año/` is `/a%C3%B1o/`), for `url.pathname` to match.
    let encoded = percent_encoding::utf8_percent_encode(base_path, PATH).to_string();
    let base = serde_json::to_string(&encoded).unwrap_or_else(|_| "\"/\"".into());
    // Its comments and indentation are for who reads this source, not for every visitor's
    // download (the source has no multi-line strings).
    let code: String = SOURCE
        .lines()
        .map(str::trim_start)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .flat_map(|l| [l, "\n"])
        .collect();
    code.replace("\"__VERSION__\"", &format!("\"{version:016x}\""))
        .replace("\"__BASE__\"", &base)
        .replace("__PRECACHE__", &list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worker_carries_its_version_base_and_list() {
        let sw = service_worker(
            "/feria/",
            0xabc,
            &[
                "index.html".into(),
                "search/index.html".into(),
                "style.css".into(),
            ],
        );
        assert!(sw.contains("const VERSION = \"0000000000000abc\";"), "{sw}");
        assert!(sw.contains("const BASE = \"/feria/\";"));
        let other = service_worker("/año 2/", 1, &[]);
        assert!(
            other.contains("const BASE = \"/a%C3%B1o%202/\";"),
            "{other}"
        );
        assert!(sw.contains(r#"const PRECACHE = ["/feria/","/feria/search/","/feria/style.css"];"#));
        for left in ["__VERSION__", "__BASE__", "__PRECACHE__"] {
            assert!(!sw.contains(left), "{left} left: {sw}");
        }
    }
}

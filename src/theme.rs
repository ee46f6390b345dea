//! Themes: where templates, interface strings and static files come from.
//!
//! A site's `themes/<name>/` folder wins. When the fair asks for the `default` theme and the site
//! has no copy, the default theme built into the binary is used, so a folder holding only
//! `content/` (what a vendor or a generator hands over) still builds into a complete catalogue.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

static BUILTIN_DEFAULT: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A theme, on disk or built in.
#[derive(Debug, Clone)]
pub enum Theme {
    /// `themes/<name>/` of the site.
    Folder(PathBuf),
    /// The default theme compiled into vitrina.
    Builtin,
}

/// One file of a theme: its path inside the theme folder and its bytes.
pub type ThemeFile<'a> = (String, Cow<'a, [u8]>);

impl Theme {
    /// Finds theme `name` for the site; `None` when neither the site nor vitrina has it.
    pub fn locate(site_dir: &Path, name: &str) -> Option<Theme> {
        let dir = site_dir.join("themes").join(name);
        if dir.is_dir() {
            Some(Theme::Folder(dir))
        } else if name == "default" {
            Some(Theme::Builtin)
        } else {
            None
        }
    }

    /// How to name the theme in messages (`themes/default`).
    pub fn display(&self, name: &str) -> String {
        format!("themes/{name}")
    }

    /// Every file under `sub/` (e.g. `templates`), with paths relative to `sub/`.
    pub fn files(&self, sub: &str) -> std::io::Result<Vec<ThemeFile<'static>>> {
        match self {
            Theme::Folder(dir) => {
                let base = dir.join(sub);
                let mut out = Vec::new();
                if !base.is_dir() {
                    return Ok(out);
                }
                for entry in walkdir::WalkDir::new(&base)
                    .follow_links(false)
                    .sort_by_file_name()
                {
                    let entry = entry.map_err(std::io::Error::other)?;
                    if !entry.file_type().is_file() {
                        continue;
                    }
                    let rel = entry
                        .path()
                        .strip_prefix(&base)
                        .map(crate::diag::display_path)
                        .unwrap_or_default();
                    out.push((rel, Cow::Owned(std::fs::read(entry.path())?)));
                }
                Ok(out)
            }
            Theme::Builtin => {
                let mut out = Vec::new();
                if let Some(d) = BUILTIN_DEFAULT.get_dir(sub) {
                    collect(d, sub, &mut out);
                }
                out.sort_by(|a, b| a.0.cmp(&b.0));
                Ok(out)
            }
        }
    }

    /// One file (`i18n/es.toml`), if the theme has it.
    pub fn file(&self, rel: &str) -> Option<Vec<u8>> {
        match self {
            Theme::Folder(dir) => std::fs::read(dir.join(rel)).ok(),
            Theme::Builtin => BUILTIN_DEFAULT.get_file(rel).map(|f| f.contents().to_vec()),
        }
    }
}

/// A theme's static file as it goes into the output: stylesheets minified by lightningcss
/// (comments and spaces are for the theme's authors, not for every visitor's download: 15 % of
/// the default theme's CSS), everything else as it is. A stylesheet lightningcss cannot read is
/// kept whole: the browser, more forgiving, may still use most of it.
pub fn for_output<'a>(rel: &str, bytes: &'a [u8]) -> Cow<'a, [u8]> {
    if !rel.ends_with(".css") {
        return Cow::Borrowed(bytes);
    }
    match std::str::from_utf8(bytes).ok().and_then(minify_css) {
        Some(min) => Cow::Owned(min.into_bytes()),
        None => Cow::Borrowed(bytes),
    }
}

fn minify_css(css: &str) -> Option<String> {
    use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
    let mut sheet = StyleSheet::parse(css, ParserOptions::default()).ok()?;
    sheet.minify(MinifyOptions::default()).ok()?;
    let printed = sheet
        .to_css(PrinterOptions {
            minify: true,
            ..PrinterOptions::default()
        })
        .ok()?;
    Some(printed.code)
}

fn collect(d: &'static Dir<'static>, prefix: &str, out: &mut Vec<ThemeFile<'static>>) {
    for f in d.files() {
        let rel = crate::diag::display_path(f.path());
        let rel = rel
            .strip_prefix(prefix)
            .unwrap_or(&rel)
            .trim_start_matches('/')
            .to_string();
        out.push((rel, Cow::Borrowed(f.contents())));
    }
    for sub in d.dirs() {
        collect(sub, prefix, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stylesheets_are_minified_and_keep_their_rules() {
        let css = Theme::Builtin.file("static/style.css").unwrap();
        let min = for_output("style.css", &css);
        assert!(
            min.len() * 100 < css.len() * 90,
            "{} → {}",
            css.len(),
            min.len()
        );
        let text = String::from_utf8(min.to_vec()).unwrap();
        assert!(
            text.contains("@media (prefers-color-scheme:dark){:root{"),
            "{text}"
        );
        assert!(!text.contains("/*"));
        let js = b"// a comment\nlet a = 1;\n";
        assert_eq!(&*for_output("search.js", js), js);
    }

    #[test]
    fn builtin_default_has_templates_strings_and_static() {
        let t = Theme::Builtin;
        let names: Vec<String> = t
            .files("templates")
            .unwrap()
            .into_iter()
            .map(|f| f.0)
            .collect();
        assert!(names.contains(&"base.html".to_string()), "{names:?}");
        assert!(t.file("i18n/es.toml").is_some());
        assert!(t
            .files("static")
            .unwrap()
            .iter()
            .any(|f| f.0 == "style.css"));
    }
}

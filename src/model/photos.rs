//! Photo references: resolving a path written in a vendor's TOML to a file inside that vendor's
//! folder, refusing anything that leaves it, suggesting the closest existing file when it is
//! missing, and registering each file once however many pages use it.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use toml::Spanned;

use super::PhotoUse;
use crate::config::RawPhoto;
use crate::content::LoadedVendor;
use crate::diag::{Diagnostics, Problem, Source};

/// A photo file the site publishes (in re-encoded form only).
#[derive(Debug, Clone)]
pub struct PhotoSource {
    /// Index in `Site::photos`.
    pub id: usize,
    /// Canonical absolute path.
    pub path: PathBuf,
    /// `content/vendors/<vendor>/photos/x.jpg`, for messages.
    pub display: String,
    /// The vendor folder's slug (output files are grouped by vendor).
    pub vendor_slug: String,
}

/// Extensions vitrina publishes.
const EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "webp", "gif"];

/// The photos of a site, deduplicated by canonical path.
#[derive(Debug, Default)]
pub struct Registry {
    sources: Vec<PhotoSource>,
    by_path: HashMap<PathBuf, usize>,
}

impl Registry {
    /// All registered photos, by id.
    pub fn into_sources(self) -> Vec<PhotoSource> {
        self.sources
    }

    /// A `{ src, alt }` photo: resolves it and checks its alt text (missing alt is a warning; the
    /// page then uses `fallback_alt`).
    pub fn use_photo(
        &mut self,
        lv: &LoadedVendor,
        photo: &Spanned<RawPhoto>,
        src: &Arc<Source>,
        fallback_alt: &str,
        diags: &mut Diagnostics,
    ) -> Option<PhotoUse> {
        let p = photo.get_ref();
        let id = self.resolve(lv, &p.src, src, diags)?;
        let alt = match &p.alt {
            Some(a) => a.trim().to_string(),
            None => {
                diags.warning_at(
                    src,
                    photo.span(),
                    Problem::MissingAlt {
                        path: p.src.get_ref().clone(),
                    },
                );
                fallback_alt.to_string()
            }
        };
        Some(PhotoUse { id, alt })
    }

    /// Resolves a path written in the vendor's files; registers the file.
    pub fn resolve(
        &mut self,
        lv: &LoadedVendor,
        written: &Spanned<String>,
        src: &Arc<Source>,
        diags: &mut Diagnostics,
    ) -> Option<usize> {
        let raw = written.get_ref().trim();
        let span = written.span();
        let normal = raw.replace('\\', "/");
        if normal.is_empty() {
            diags.error_at(src, span, Problem::EmptyValue { key: "src".into() });
            return None;
        }
        let rel = Path::new(&normal);
        let leaves = normal.starts_with('/')
            || normal.contains("://")
            || normal.as_bytes().get(1) == Some(&b':')
            || rel
                .components()
                .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
        let outside = |diags: &mut Diagnostics| {
            let problem = Problem::PhotoOutside {
                path: raw.to_string(),
            };
            diags.error_at(src, span.clone(), problem);
        };
        if leaves {
            outside(diags);
            return None;
        }
        let written = normal.trim_start_matches("./");
        // A plain file the walk found (no link on the way) is where the folder is: no need to
        // resolve it again, component by component (a thousand photos made that slow).
        let plain = lv.plain.iter().any(|f| f == written);
        if let (true, Some(dir)) = (plain, lv.canonical_dir.as_ref()) {
            if EXTENSIONS.contains(&extension(rel).as_str()) {
                return Some(self.register(lv, dir.join(written), written));
            }
        }
        let full = lv.dir.join(rel);
        let canonical = match (full.canonicalize(), lv.canonical_dir.as_ref()) {
            (Ok(c), Some(dir)) => {
                if !c.starts_with(dir) {
                    outside(diags);
                    return None;
                }
                c
            }
            _ => {
                diags.error_at(
                    src,
                    span,
                    Problem::MissingPhoto {
                        path: raw.to_string(),
                        closest: closest(&normal, &lv.files),
                    },
                );
                return None;
            }
        };
        // The name must match a file exactly, capitals included: Windows and macOS disks ignore
        // case, so `Foto.JPG` would work there and break on the (Linux) web host.
        let case_differs = !lv.files.iter().any(|f| f == written)
            && lv.files.iter().any(|f| f.eq_ignore_ascii_case(written));
        if !canonical.is_file() || case_differs {
            diags.error_at(
                src,
                span,
                Problem::MissingPhoto {
                    path: raw.to_string(),
                    closest: closest(&normal, &lv.files),
                },
            );
            return None;
        }
        if !EXTENSIONS.contains(&extension(rel).as_str()) {
            diags.error_at(
                src,
                span,
                Problem::PhotoFormat {
                    path: raw.to_string(),
                },
            );
            return None;
        }
        Some(self.register(lv, canonical, written))
    }

    /// The id of the photo at `canonical` (written `written` in `lv`'s files), new or not.
    fn register(&mut self, lv: &LoadedVendor, canonical: PathBuf, written: &str) -> usize {
        if let Some(&id) = self.by_path.get(&canonical) {
            return id;
        }
        let id = self.sources.len();
        self.sources.push(PhotoSource {
            id,
            path: canonical.clone(),
            display: format!("{}/{written}", lv.display_dir),
            vendor_slug: super::slugify(&lv.dir_name),
        });
        self.by_path.insert(canonical, id);
        id
    }
}

/// A path's extension in lowercase ("" when none).
fn extension(rel: &Path) -> String {
    rel.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// The existing file closest to what was written: same name in other capitals first, then a
/// small edit distance.
fn closest(written: &str, files: &[String]) -> Option<String> {
    let w = written.trim_start_matches("./");
    let lower = w.to_lowercase();
    if let Some(f) = files.iter().find(|f| f.to_lowercase() == lower) {
        return Some(f.clone());
    }
    // Same stem with another extension (foto.jpeg vs foto.jpg, foto.heic vs foto.jpg).
    let stem = |s: &str| s.rsplit_once('.').map_or(s, |(a, _)| a).to_lowercase();
    if let Some(f) = files.iter().find(|f| stem(f) == stem(w)) {
        return Some(f.clone());
    }
    files
        .iter()
        .map(|f| (strsim::levenshtein(&lower, &f.to_lowercase()), f))
        .filter(|(d, _)| *d <= 3)
        .min_by_key(|(d, _)| *d)
        .map(|(_, f)| f.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_prefers_case_then_extension_then_typo() {
        let files = vec![
            "photos/foto.jpg".to_string(),
            "photos/huevos.jpg".to_string(),
        ];
        assert_eq!(
            closest("photos/Foto.JPG", &files).as_deref(),
            Some("photos/foto.jpg")
        );
        assert_eq!(
            closest("photos/huevos.jpeg", &files).as_deref(),
            Some("photos/huevos.jpg")
        );
        assert_eq!(
            closest("photos/huevo.jpg", &files).as_deref(),
            Some("photos/huevos.jpg")
        );
        assert_eq!(closest("photos/zapatos.jpg", &files), None);
    }
}

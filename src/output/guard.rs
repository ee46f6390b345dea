//! The guards of the output folder: which folders a build may replace, checked before anything
//! is written.
//!
//! **Invariant:** nothing is ever written into the site's `content/`, `themes/`, `static/` or
//! its cache; an output folder that would contain or sit inside them is refused, links resolved
//! ([`check_out_dir`]). A non-empty folder without the [`MARKER`] file is never replaced: it
//! may be someone's documents or a git worktree. Each refusal is a typed [`Failure`] naming the
//! folder (a usage error: exit status 2).

use std::fs;
use std::path::Path;

use anyhow::Result;

use crate::diag::messages::machine::{Failure, Kind};
use crate::fs::absolute;

/// The file every output folder vitrina makes carries, so a build never replaces a folder that
/// vitrina did not make (someone's documents, a git worktree) by mistake.
pub const MARKER: &str = ".vitrina-output";

/// What the marker file says (it is part of every output, byte for byte).
pub(super) const MARKER_TEXT: &[u8] = b"Made by vitrina. Every build replaces this whole folder.\nHecho por vitrina. Cada build reemplaza esta carpeta entera.\n";

/// Refuses output folders that would overwrite the site's own files or someone else's folder.
pub fn check_out_dir(site_dir: &Path, out_dir: &Path) -> Result<()> {
    let site = absolute(site_dir);
    let out = absolute(out_dir);
    if out == site || site.starts_with(&out) {
        return Err(Failure::new(Kind::OutHoldsSite, out).into());
    }
    for d in ["content", "themes", "static", ".vitrina-cache"] {
        let p = absolute(&site.join(d));
        if nested(&out, &p) {
            return Err(Failure::new(Kind::OutAroundSource { source: p }, out).into());
        }
    }
    let foreign = out.is_dir()
        && !out.join(MARKER).is_file()
        && fs::read_dir(&out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true);
    if foreign {
        return Err(Failure::new(Kind::OutNotVitrinas, out).into());
    }
    Ok(())
}

/// Refuses a cache folder inside (or around) the site's `content/`, `themes/` or `static/`: what
/// is in `static/` is published, and the cache holds file names and old outputs.
pub fn check_cache_dir(site_dir: &Path, cache_dir: &Path) -> Result<()> {
    let cache = absolute(cache_dir);
    let site = absolute(site_dir);
    for d in ["content", "themes", "static"] {
        let p = absolute(&site.join(d));
        if nested(&cache, &p) {
            return Err(Failure::new(Kind::CacheAroundSource { source: p }, cache).into());
        }
    }
    Ok(())
}

/// Refuses an output folder inside the build cache folder, or around it.
pub fn check_out_dir_against(cache_dir: &Path, out_dir: &Path) -> Result<()> {
    let cache = absolute(cache_dir);
    let out = absolute(out_dir);
    if nested(&out, &cache) {
        return Err(Failure::new(Kind::OutAroundCache { cache }, out).into());
    }
    Ok(())
}

/// True when one folder is inside the other (or they are the same).
fn nested(a: &Path, b: &Path) -> bool {
    a.starts_with(b) || b.starts_with(a)
}

/// True for a real folder (not a link) holding the [`MARKER`] file every output has.
pub(super) fn made_by_vitrina(dir: &Path) -> bool {
    fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir())
        && fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Staging;

    /// The typed refusal of a guard.
    fn refusal(r: Result<()>) -> Kind {
        let err = r.expect_err("refused");
        crate::diag::messages::machine::find(&err)
            .expect("a typed failure")
            .kind
            .clone()
    }

    #[test]
    fn a_folder_vitrina_did_not_make_is_never_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        fs::create_dir_all(site.join("content")).unwrap();
        let docs = tmp.path().join("Documentos");
        fs::create_dir(&docs).unwrap();
        fs::write(docs.join("tesis.docx"), "mine").unwrap();
        assert_eq!(refusal(check_out_dir(&site, &docs)), Kind::OutNotVitrinas);
        // An empty folder is fine, and so is one vitrina made (it carries the marker).
        assert!(check_out_dir(&site, &tmp.path().join("vacia")).is_ok());
        let s = Staging::create(&tmp.path().join("public")).unwrap();
        s.commit().unwrap();
        assert!(tmp.path().join("public").join(MARKER).is_file());
        assert!(check_out_dir(&site, &tmp.path().join("public")).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_cannot_smuggle_the_output_into_the_content() {
        let tmp = tempfile::tempdir().unwrap();
        let real = tmp.path().join("realsite");
        fs::create_dir_all(real.join("content")).unwrap();
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let content = absolute(&real.join("content"));
        assert_eq!(
            refusal(check_out_dir(&real, &link.join("content/pub"))),
            Kind::OutAroundSource {
                source: content.clone()
            }
        );
        assert_eq!(
            refusal(check_out_dir(&link, &real.join("content"))),
            Kind::OutAroundSource { source: content }
        );
        assert!(matches!(
            refusal(check_out_dir(&real, &real.join(".vitrina-cache/x"))),
            Kind::OutAroundSource { .. }
        ));
    }

    #[test]
    fn protects_the_site_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path();
        assert_eq!(refusal(check_out_dir(site, site)), Kind::OutHoldsSite);
        assert!(matches!(
            refusal(check_out_dir(site, &site.join("content/public"))),
            Kind::OutAroundSource { .. }
        ));
        assert!(matches!(
            refusal(check_out_dir(site, &site.join("static"))),
            Kind::OutAroundSource { .. }
        ));
        assert_eq!(
            refusal(check_out_dir(&site.join("sub"), site)),
            Kind::OutHoldsSite
        );
        assert!(check_out_dir(site, &site.join("public")).is_ok());
    }

    #[test]
    fn the_cache_and_the_output_stay_apart_and_out_of_the_sources() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path();
        assert!(matches!(
            refusal(check_cache_dir(site, &site.join("static/cache"))),
            Kind::CacheAroundSource { .. }
        ));
        assert!(check_cache_dir(site, &site.join(".vitrina-cache")).is_ok());
        let cache = site.join("cache");
        assert!(matches!(
            refusal(check_out_dir_against(&cache, &cache.join("public"))),
            Kind::OutAroundCache { .. }
        ));
        assert!(check_out_dir_against(&cache, &site.join("public")).is_ok());
    }
}

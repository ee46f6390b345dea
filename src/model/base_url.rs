//! The site's public address (`base_url` in fair.toml, or `--base-url`), cut the way pages use
//! it: the origin (`https://ong.example.org`) that permalinks, the sitemap and share links start
//! with, and the path the site lives under (`/feria/`).

use std::sync::Arc;

use super::ModelOptions;
use crate::config::RawFair;
use crate::diag::{Diagnostics, Problem, Source};

/// Splits `https://host/path/` into (`https://host`, `/path/`).
pub fn split_base_url(url: &str) -> Option<(String, String)> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let scheme_len = url.len() - rest.len();
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if host.is_empty()
        || url.contains(char::is_whitespace)
        || url.contains(['?', '#', '"', '<', '>'])
    {
        return None;
    }
    let path = path.trim_matches('/');
    let base_path = if path.is_empty() {
        "/".to_string()
    } else {
        format!("/{path}/")
    };
    Some((url[..scheme_len + host.len()].to_string(), base_path))
}

/// The site's (origin, base path): `--base-url` when given (checked by the command), else fair.toml's
/// `base_url`. A missing one is a warning (links cannot be absolute); a wrong one an error.
pub(super) fn of_site(
    opts: &ModelOptions,
    raw: &RawFair,
    src: &Arc<Source>,
    diags: &mut Diagnostics,
) -> (String, String) {
    let none = || (String::new(), "/".to_string());
    match (&opts.base_url, &raw.base_url) {
        (Some(cli), _) => split_base_url(cli).unwrap_or_else(none),
        (None, Some(b)) => split_base_url(b.get_ref()).unwrap_or_else(|| {
            diags.error_at(
                src,
                b.span(),
                Problem::BadBaseUrl {
                    value: b.get_ref().clone(),
                },
            );
            none()
        }),
        (None, None) => {
            diags.warning_at(src, 0..0, Problem::NoBaseUrl);
            none()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_parts() {
        assert_eq!(
            split_base_url("https://feria.example.org"),
            Some(("https://feria.example.org".into(), "/".into()))
        );
        assert_eq!(
            split_base_url("https://x.github.io/feria/"),
            Some(("https://x.github.io".into(), "/feria/".into()))
        );
        assert_eq!(split_base_url("feria.org"), None);
        assert_eq!(split_base_url("https://x.org/mi feria/"), None);
        assert_eq!(split_base_url("https://x.org/#/"), None);
        assert_eq!(split_base_url("https://x.org?x"), None);
    }
}

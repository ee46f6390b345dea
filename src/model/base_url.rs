//! The site's public address (`base_url` in fair.toml, or `--base-url`), parsed with the `url`
//! crate and cut the way pages use it: the origin (`https://ong.example.org`) that permalinks,
//! the sitemap and share links start with, and the path the site lives under (`/feria/`).
//!
//! The `url` crate decides what is an address: http or https, a host, a port that is a number,
//! nothing the URL standard calls a mistake (spaces, quotes, backslashes, `%` without two hex
//! digits), and here also no user name or password, no `?query` and no `#fragment` (a base has
//! none). The pieces keep the spelling the organizer wrote — the crate's own text is normalised
//! (host in lower case and punycode, default port dropped, path percent-encoded), which would
//! change every link of a site that builds today.

use std::cell::Cell;
use std::sync::Arc;

use url::Url;

use super::ModelOptions;
use crate::config::RawFair;
use crate::diag::{Diagnostics, Problem, Source};

/// Splits `https://host/path/` into (`https://host`, `/path/`); `None` when it is not the address
/// of a web site.
pub fn split_base_url(written: &str) -> Option<(String, String)> {
    let written = written.trim();
    let mistaken = Cell::new(false);
    let url = Url::options()
        .syntax_violation_callback(Some(&|_| mistaken.set(true)))
        .parse(written)
        .ok()?;
    let acceptable = matches!(url.scheme(), "http" | "https")
        && url.has_host()
        && url.username().is_empty()
        && url.password().is_none()
        && url.query().is_none()
        && url.fragment().is_none()
        && !mistaken.get();
    if !acceptable {
        return None;
    }
    // Without mistakes the text is `scheme://host[:port]` then the path: a valid host and port
    // hold no `/`, so the path starts at the first one after the scheme.
    let rest = written.get(url.scheme().len()..)?.strip_prefix("://")?;
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    let origin = format!("{}://{authority}", url.scheme());
    let path = path.trim_matches('/');
    let base_path = if path.is_empty() {
        "/".to_string()
    } else {
        format!("/{path}/")
    };
    Some((origin, base_path))
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

    fn check(cases: &[(&str, &str, &str)]) {
        for &(written, origin, path) in cases {
            assert_eq!(
                split_base_url(written),
                Some((origin.to_string(), path.to_string())),
                "{written:?}"
            );
        }
    }

    #[test]
    fn the_origin_and_the_path_are_cut_as_before() {
        check(&[
            (
                "https://feria.example.org",
                "https://feria.example.org",
                "/",
            ),
            (
                "https://feria.example.org/",
                "https://feria.example.org",
                "/",
            ),
            (
                "https://x.github.io/feria",
                "https://x.github.io",
                "/feria/",
            ),
            (
                "https://x.github.io/feria/",
                "https://x.github.io",
                "/feria/",
            ),
            (
                "  https://x.github.io/feria//  ",
                "https://x.github.io",
                "/feria/",
            ),
            (
                "https://ong.example.org/ferias/2026/",
                "https://ong.example.org",
                "/ferias/2026/",
            ),
            // What `serve` passes: loopback or the network address, with a port.
            (
                "http://127.0.0.1:8080/sub/",
                "http://127.0.0.1:8080",
                "/sub/",
            ),
            ("http://192.168.1.20:1111/", "http://192.168.1.20:1111", "/"),
            ("http://[::1]:8080/", "http://[::1]:8080", "/"),
            ("http://localhost:3000", "http://localhost:3000", "/"),
        ]);
    }

    #[test]
    fn the_address_keeps_the_spelling_it_was_written_with() {
        check(&[
            // Pages print `/año/`; the service worker encodes it itself.
            ("https://x.org/año/", "https://x.org", "/año/"),
            ("https://x.org/a%C3%B1o/", "https://x.org", "/a%C3%B1o/"),
            (
                "https://Feria.Example.org/Manos/",
                "https://Feria.Example.org",
                "/Manos/",
            ),
            (
                "https://feria.example.org:443/",
                "https://feria.example.org:443",
                "/",
            ),
            ("https://ferias.perú.pe/", "https://ferias.perú.pe", "/"),
        ]);
    }

    /// The hand-made splitter this module replaced, kept to check that every address both accept
    /// is cut the same way (the links of a site that builds today do not move).
    fn before(url: &str) -> Option<(String, String)> {
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

    #[test]
    fn every_address_accepted_before_and_now_is_cut_the_same() {
        let mut both = 0;
        for written in [
            "https://feria.example.org",
            "http://feria.example.org/",
            "https://x.github.io/feria",
            "https://x.github.io//feria///",
            "https://x.org/a/./b/../c/",
            "https://x.org/año/",
            "https://x.org/a%C3%B1o/",
            "https://x.org/~ana/feria-2026_(lima)/",
            "https://Feria.Example.org/Manos/",
            "https://feria.example.org:443/",
            "https://ferias.perú.pe/",
            "http://127.0.0.1:8080/sub/",
            "http://[::1]:8080/",
            "http://[fe80::1%25eth0]:8080/",
            "https://x.org/a|b/",
            "https://ana@x.org/",
            "https://x.org:99999/",
            "https://x.org\\feria",
        ] {
            let (old, new) = (before(written), split_base_url(written));
            if let Some(new) = new {
                assert_eq!(Some(new), old, "{written:?}");
                both += 1;
            }
        }
        assert!(both >= 12, "{both}");
    }

    #[test]
    fn what_is_not_a_web_address_is_refused() {
        for bad in [
            "",
            "feria.org",
            "/feria/",
            "ftp://x.org/",
            "mailto:ana@example.org",
            "https://",
            "https:x.org",
            "https:/x.org",
            "https://x.org/mi feria/",
            "https://x.org/#/",
            "https://x.org#top",
            "https://x.org?x",
            "https://x.org/?",
            "https://x.org/\"feria\"/",
            "https://x.org/<b>/",
            "https://x.org\\feria",
            "https://ana:clave@x.org/",
            "https://ana@x.org/",
            "https://x.org:http/",
            "https://x.org:99999/",
            "https://:8080/",
            "https://x.org/%zz/",
            "https://999.1.1.1/",
        ] {
            assert_eq!(split_base_url(bad), None, "{bad:?}");
        }
    }
}

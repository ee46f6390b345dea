//! The editor's guards, checked before any handler runs:
//!
//! - **Host**: only the names this server is reached by (this computer's, the network address
//!   it printed, `--public-url`'s); any other `Host` is a DNS-rebinding page and gets 403.
//! - **Origin** on every request that changes something (every POST): the browser's `Origin`
//!   must be one of those same addresses; a missing one is refused too (every browser sends it
//!   on a POST; plain-HTTP origins get no `Sec-Fetch-Site`, so that header is not relied on).
//! - **CSRF token**: every form carries its session's token (`csrf`), compared in constant
//!   time.
//! - **Guessing codes** is slowed per source address (a keyed GCRA limiter from `governor`):
//!   a burst of [`BURST`] tries, then one every [`EVERY`]. One attacker slows only itself,
//!   never the rest of the workshop. Behind an HTTPS proxy (`--public-url`) the source is the
//!   last address the proxy added to `X-Forwarded-For`.
//!
//! GET never changes anything, except opening a session by a code link (the point of a link).

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::time::Duration;

use axum::http::{header, HeaderMap};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use subtle::ConstantTimeEq;

/// Tries a source may make at once.
pub const BURST: u32 = 10;
/// Then one try this often.
pub const EVERY: Duration = Duration::from_secs(6);

/// Where requests may come from.
#[derive(Debug, Clone)]
pub struct Allowed {
    /// `host[:port]` values accepted in `Host`.
    pub hosts: Vec<String>,
    /// Origins accepted in `Origin` (`http://host:port`).
    pub origins: Vec<String>,
    /// Behind a proxy: trust its `X-Forwarded-For`.
    pub behind_proxy: bool,
}

impl Allowed {
    /// The hosts and origins of a server on `port`, reached at the printed `urls` and the public
    /// address, if any.
    pub fn new(urls: &[String], public_url: Option<&str>) -> Allowed {
        let mut hosts = Vec::new();
        let mut origins = Vec::new();
        for u in urls.iter().map(String::as_str).chain(public_url) {
            let Ok(parsed) = url::Url::parse(u) else {
                continue;
            };
            let Some(host) = parsed.host_str() else {
                continue;
            };
            let host_port = match parsed.port() {
                Some(p) => format!("{host}:{p}"),
                None => host.to_string(),
            };
            let origin = parsed.origin().ascii_serialization();
            // 127.0.0.1 and localhost are the same computer.
            let mut names = vec![host_port.clone()];
            if matches!(host, "127.0.0.1" | "[::1]" | "localhost") {
                let port = parsed.port().map(|p| format!(":{p}")).unwrap_or_default();
                names = ["127.0.0.1", "localhost", "[::1]"]
                    .iter()
                    .map(|h| format!("{h}{port}"))
                    .collect();
            }
            for n in names {
                origins.push(format!("{}://{n}", parsed.scheme()));
                hosts.push(n);
            }
            origins.push(origin);
        }
        hosts.sort();
        hosts.dedup();
        origins.sort();
        origins.dedup();
        Allowed {
            hosts,
            origins,
            behind_proxy: public_url.is_some(),
        }
    }

    /// Whether the request names one of this server's hosts.
    pub fn host_ok(&self, headers: &HeaderMap) -> bool {
        headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|h| self.hosts.iter().any(|a| a.eq_ignore_ascii_case(h)))
    }

    /// Whether a request that changes something comes from a page of this server.
    pub fn origin_ok(&self, headers: &HeaderMap) -> bool {
        headers
            .get(header::ORIGIN)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|o| self.origins.iter().any(|a| a.eq_ignore_ascii_case(o)))
    }

    /// The address a request comes from: the peer, or behind a proxy the last address it added.
    pub fn source(&self, peer: Option<SocketAddr>, headers: &HeaderMap) -> Option<IpAddr> {
        if self.behind_proxy {
            let forwarded = headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .filter_map(|a| a.trim().parse::<IpAddr>().ok())
                .next_back();
            if forwarded.is_some() {
                return forwarded;
            }
        }
        peer.map(|p| p.ip())
    }
}

/// Whether the form's token is the session's (constant time).
pub fn csrf_ok(sent: Option<&str>, session: &str) -> bool {
    match sent {
        Some(sent) => bool::from(sent.as_bytes().ct_eq(session.as_bytes())),
        None => false,
    }
}

/// Login tries, per source address.
pub struct Attempts {
    limiter: DefaultKeyedRateLimiter<IpAddr>,
}

impl Default for Attempts {
    fn default() -> Attempts {
        let burst = NonZeroU32::new(BURST).unwrap_or(NonZeroU32::MIN);
        let quota = Quota::with_period(EVERY)
            .unwrap_or_else(|| Quota::per_minute(NonZeroU32::MIN))
            .allow_burst(burst);
        Attempts {
            limiter: RateLimiter::keyed(quota),
        }
    }
}

impl Attempts {
    /// Counts one try from `source`; `false` when it must wait (too many tries).
    pub fn allow(&self, source: Option<IpAddr>) -> bool {
        let key = source.unwrap_or(IpAddr::from([0, 0, 0, 0]));
        if self.limiter.len() > 100_000 {
            self.limiter.retain_recent();
        }
        self.limiter.check_key(&key).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(
                header::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                v.parse().unwrap(),
            );
        }
        h
    }

    #[test]
    fn only_this_servers_hosts_and_origins_pass() {
        let a = Allowed::new(
            &[
                "http://127.0.0.1:1111/".into(),
                "http://192.168.1.5:1111/".into(),
            ],
            None,
        );
        assert!(a.host_ok(&headers(&[("host", "127.0.0.1:1111")])));
        assert!(a.host_ok(&headers(&[("host", "localhost:1111")])));
        assert!(a.host_ok(&headers(&[("host", "192.168.1.5:1111")])));
        assert!(!a.host_ok(&headers(&[("host", "evil.example:1111")])));
        assert!(!a.host_ok(&headers(&[])));
        assert!(a.origin_ok(&headers(&[("origin", "http://192.168.1.5:1111")])));
        assert!(a.origin_ok(&headers(&[("origin", "http://localhost:1111")])));
        assert!(!a.origin_ok(&headers(&[("origin", "http://evil.example")])));
        assert!(!a.origin_ok(&headers(&[("origin", "null")])));
        assert!(!a.origin_ok(&headers(&[])));
    }

    #[test]
    fn behind_a_proxy_the_public_address_and_forwarded_source_count() {
        let a = Allowed::new(
            &["http://127.0.0.1:1111/".into()],
            Some("https://editor.example.org"),
        );
        assert!(a.host_ok(&headers(&[("host", "editor.example.org")])));
        assert!(a.origin_ok(&headers(&[("origin", "https://editor.example.org")])));
        assert!(!a.origin_ok(&headers(&[("origin", "http://editor.example.org")])));
        let h = headers(&[("x-forwarded-for", "6.6.6.6, 10.0.0.7")]);
        let peer = "127.0.0.1:5000".parse().ok();
        assert_eq!(a.source(peer, &h), "10.0.0.7".parse().ok());
        let direct = Allowed::new(&["http://127.0.0.1:1111/".into()], None);
        assert_eq!(direct.source(peer, &h), "127.0.0.1".parse().ok());
    }

    #[test]
    fn tries_are_slowed_per_source_not_for_everyone() {
        let t = Attempts::default();
        let attacker = "10.0.0.66".parse().ok();
        let allowed = (0..20).filter(|_| t.allow(attacker)).count();
        assert_eq!(allowed, BURST as usize);
        assert!(
            t.allow("10.0.0.7".parse().ok()),
            "another phone still gets in"
        );
    }

    #[test]
    fn csrf_tokens_must_match() {
        assert!(csrf_ok(Some("abc"), "abc"));
        assert!(!csrf_ok(Some("abd"), "abc"));
        assert!(!csrf_ok(None, "abc"));
        assert!(!csrf_ok(Some(""), "abc"));
    }
}

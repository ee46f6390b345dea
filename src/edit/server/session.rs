//! Sessions: who a browser is (a vendor or the organizer), kept in this process's memory only
//! and named by a random id in a cookie (`HttpOnly`, `SameSite=Lax` so a link opened from
//! WhatsApp still carries it, `Secure` behind HTTPS, path `/__vitrina/edit/`).
//!
//! A vendor's session remembers the fingerprint of the code it was opened with: once the code
//! is renewed (`vitrina access --renew`, or from the desk) the session ends at its next request.
//! Sessions end after [`IDLE`] without a request, and all of them when `vitrina edit` stops
//! (unsaved text stays in the phone's browser, see `editor.js`).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::{header, HeaderMap};
use cookie::{Cookie, SameSite};

use crate::edit::access::random_token;
use crate::edit::Who;

/// The cookie's name.
pub const COOKIE: &str = "vitrina_edit";
/// How long a session lasts without a request.
pub const IDLE: Duration = Duration::from_secs(7 * 24 * 3600);
/// At most this many sessions are kept (the oldest go first).
const MAX_SESSIONS: usize = 10_000;

/// One browser's session.
#[derive(Debug, Clone)]
pub struct Session {
    /// Who it is.
    pub who: Who,
    /// The token every form of this session carries (CSRF).
    pub csrf: String,
    /// The fingerprint of the vendor's code when the session was opened.
    pub fingerprint: Option<String>,
    last_seen: Instant,
}

/// Every open session, by id.
#[derive(Default)]
pub struct Sessions {
    by_id: Mutex<HashMap<String, Session>>,
}

impl Sessions {
    /// Opens a session for `who`; returns its id (for the cookie).
    pub fn open(&self, who: Who, fingerprint: Option<String>) -> String {
        let id = random_token(32);
        let session = Session {
            who,
            csrf: random_token(32),
            fingerprint,
            last_seen: Instant::now(),
        };
        if let Ok(mut map) = self.by_id.lock() {
            map.retain(|_, s| s.last_seen.elapsed() < IDLE);
            if map.len() >= MAX_SESSIONS {
                if let Some(oldest) = map
                    .iter()
                    .min_by_key(|(_, s)| s.last_seen)
                    .map(|(k, _)| k.clone())
                {
                    map.remove(&oldest);
                }
            }
            map.insert(id.clone(), session);
        }
        id
    }

    /// The session named by the request's cookie, still open; its last use is now.
    pub fn find(&self, headers: &HeaderMap) -> Option<(String, Session)> {
        let id = cookie_value(headers)?;
        let mut map = self.by_id.lock().ok()?;
        let s = map.get_mut(&id)?;
        if s.last_seen.elapsed() >= IDLE {
            map.remove(&id);
            return None;
        }
        s.last_seen = Instant::now();
        Some((id, s.clone()))
    }

    /// Ends a session.
    pub fn close(&self, id: &str) {
        if let Ok(mut map) = self.by_id.lock() {
            map.remove(id);
        }
    }

    /// Ends every session of `vendor` (its code was renewed).
    pub fn close_vendor(&self, vendor: &str) {
        if let Ok(mut map) = self.by_id.lock() {
            map.retain(|_, s| s.who != Who::Vendor(vendor.to_string()));
        }
    }
}

/// The session id the request's cookie carries.
fn cookie_value(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == COOKIE)
        .map(|c| c.value().to_string())
        .filter(|v| v.len() <= 128)
}

/// The `Set-Cookie` value that opens (`Some(id)`) or ends (`None`) a session.
pub fn set_cookie(id: Option<&str>, secure: bool) -> String {
    let mut c = Cookie::new(COOKIE, id.unwrap_or("").to_string());
    c.set_http_only(true);
    c.set_same_site(SameSite::Lax);
    c.set_path(super::BASE);
    c.set_secure(secure);
    match id {
        Some(_) => c.set_max_age(cookie::time::Duration::seconds(IDLE.as_secs() as i64)),
        None => c.set_max_age(cookie::time::Duration::ZERO),
    }
    c.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_is_http_only_lax_and_scoped_to_the_editor() {
        let c = set_cookie(Some("abc"), false);
        assert!(c.starts_with("vitrina_edit=abc"), "{c}");
        assert!(c.contains("HttpOnly"), "{c}");
        assert!(c.contains("SameSite=Lax"), "{c}");
        assert!(c.contains("Path=/__vitrina/edit/"), "{c}");
        assert!(!c.contains("Secure"), "{c}");
        assert!(set_cookie(Some("abc"), true).contains("Secure"));
    }

    #[test]
    fn a_session_is_found_by_its_cookie_and_ends_when_closed() {
        let sessions = Sessions::default();
        let id = sessions.open(Who::Vendor("rosa".into()), Some("f".into()));
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            format!("other=1; {COOKIE}={id}").parse().unwrap(),
        );
        let (_, s) = sessions.find(&h).unwrap();
        assert_eq!(s.who, Who::Vendor("rosa".into()));
        assert!(s.csrf.len() >= 32);
        sessions.close_vendor("rosa");
        assert!(sessions.find(&h).is_none());
    }
}

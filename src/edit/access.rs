//! Access codes: one per vendor, made from the system's randomness, easy to read aloud and type
//! (`K7QX-M2PA-9RTD`: no 0/O or 1/l/I), stored only as salted hashes in `SITE/.vitrina/`, the
//! site's private folder (owner-only permissions, ignored by git, never published), and checked
//! in constant time. Also the random tokens of sessions, CSRF and the organizer's link.

use std::path::{Path, PathBuf};

use anyhow::Result;

/// Every vendor's code, as hashes (`SITE/.vitrina/access.toml`).
#[derive(Debug, Clone, Default)]
pub struct Codes {}

impl Codes {
    /// Reads the codes of the site (none when the file does not exist yet).
    pub fn load(site_dir: &Path) -> Result<Codes> {
        let _ = site_dir;
        Ok(Codes::default())
    }

    /// The vendor a code opens (typed or from a link: spaces, dashes and case forgiven),
    /// compared in constant time; `None` for a wrong, renewed or malformed code.
    pub fn vendor_of(&self, code: &str) -> Option<String> {
        let _ = code;
        None
    }

    /// Whether `vendor` has a code.
    pub fn has(&self, vendor: &str) -> bool {
        let _ = vendor;
        false
    }

    /// What identifies the vendor's current code (its stored hash): a session keeps it, so a
    /// renewed code ends the sessions opened with the old one.
    pub fn fingerprint(&self, vendor: &str) -> Option<String> {
        let _ = vendor;
        None
    }

    /// Gives `vendor` a new code, replacing any it had, and saves the file. Returns the code in
    /// clear (the only time it exists outside a person's hand).
    pub fn issue(&mut self, site_dir: &Path, vendor: &str) -> Result<String> {
        let _ = (site_dir, vendor);
        anyhow::bail!("not yet")
    }
}

/// A new code: at least 50 bits from the system's randomness, in groups of four.
pub fn new_code() -> String {
    String::new()
}

/// `n` random bytes as URL-safe text (session ids, CSRF tokens, the organizer's link).
pub fn random_token(n: usize) -> String {
    let _ = n;
    String::new()
}

/// Creates `SITE/.vitrina/` (owner-only permissions, with a `.gitignore` of `*`) and returns it.
pub fn ensure_private_dir(site_dir: &Path) -> std::io::Result<PathBuf> {
    Ok(super::private_dir(site_dir))
}

/// The file the codes are kept in, inside the private folder.
pub const FILE: &str = "access.toml";

/// A fresh token for the organizer's link (kept in memory by `vitrina edit`, one per run).
pub fn organizer_token() -> String {
    random_token(32)
}

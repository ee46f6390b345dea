//! Access codes: one per vendor, made from the system's randomness, easy to read aloud and type
//! (`K7QX-M2PA-9RTD`: no 0/O or 1/l/I), stored only as salted hashes in `SITE/.vitrina/`, the
//! site's private folder (owner-only permissions, ignored by git, never published), and checked
//! in constant time. Also the random tokens of sessions, CSRF and the organizer's link.
//!
//! **Codes.** Twelve symbols from [`ALPHABET`] (31 symbols: digits 2–9 and the capital letters
//! without I, L and O), so a code carries 12 × log2(31) ≈ 59 bits. Each symbol is drawn by
//! rejection sampling from the operating system's randomness (`getrandom`), so every symbol is
//! equally likely. Printed in three groups of four joined by dashes.
//!
//! **Typing a code.** What a person may type differently is forgiven: lower case, spaces, dashes
//! (also the long dashes a phone's keyboard makes of `--`), dots and underscores. No look-alike
//! is mapped to another symbol: the alphabet holds no pair a person could mix up (0/O, 1/I/L
//! are all left out), so a 0, O, 1, I or L can only be a wrong code and the code is refused
//! as malformed (`None`), like one of the wrong length or with any other character.
//!
//! **Storage.** `SITE/.vitrina/access.toml`: a random per-site salt (32 bytes, hex) and per
//! vendor (by slug) the hex SHA-256 of salt + code (the code in its canonical form: twelve
//! capitals, no dashes) and when it was issued. The file is written atomically with mode 0600
//! inside a folder of mode 0700 that holds a `.gitignore` of `*`. Codes in clear exist only in
//! what [`Codes::issue`] returns: `vitrina access` prints them once, and can never show them
//! again (a lost card means a renewed code).
//!
//! **Checking.** [`Codes::vendor_of`] hashes the typed code once and compares it with every
//! stored hash in constant time (`subtle`), never stopping at the first match, so the time it
//! takes tells nothing about which vendor, if any, matched.
//!
//! **Tokens.** [`random_token`] is `n` random bytes as lowercase hex (URL-safe, cookie-safe);
//! [`organizer_token`] is a fresh 32-byte one for the organizer's link, kept in memory only.

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use subtle::{ConditionallySelectable, ConstantTimeEq};

/// The symbols of a code: digits 2–9 and capital letters without I, L and O (31 symbols).
pub const ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// Symbols in a code (59 bits with [`ALPHABET`]).
pub const CODE_LEN: usize = 12;

/// Symbols in a printed group (`K7QX-M2PA-9RTD`).
const GROUP: usize = 4;

/// The file of the codes, inside the private folder.
const FILE: &str = "access.toml";

/// The first lines of the file, for a person who opens it.
const HEADER: &str = "\
# vitrina: the editor's access codes, one per vendor, kept only as salted hashes.
# The codes themselves are not here and cannot be recovered: `vitrina access --renew VENDOR`
# gives a vendor a new one. Keep this folder private: never publish or share it.
";

/// `SITE/.vitrina/access.toml`: where the codes of a site are kept.
pub fn codes_file(site_dir: &Path) -> PathBuf {
    super::private_dir(site_dir).join(FILE)
}

/// The codes file could not be understood (edited by hand, cut short): a machine problem the
/// organizer fixes by removing the file and giving every vendor a new code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damaged {
    /// The file.
    pub path: PathBuf,
    /// What was wrong with it (the parser's words).
    pub detail: String,
}

impl fmt::Display for Damaged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} is damaged ({}): remove it and run `vitrina access` to give every vendor a new code",
            self.path.display(),
            self.detail.trim()
        )
    }
}

impl std::error::Error for Damaged {}

/// The file as stored.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredFile {
    /// The per-site salt, hex.
    salt: String,
    /// Each vendor's code, by slug.
    #[serde(default)]
    vendors: BTreeMap<String, StoredCode>,
}

/// One vendor's code as stored.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredCode {
    /// SHA-256 of salt + code, hex.
    hash: String,
    /// When it was issued (UTC).
    issued: toml::value::Datetime,
}

/// One vendor's code, as kept in memory.
#[derive(Clone)]
struct Entry {
    hash: [u8; 32],
    issued: String,
}

/// Every vendor's code, as hashes (`SITE/.vitrina/access.toml`).
#[derive(Clone, Default)]
pub struct Codes {
    /// The per-site salt; empty until the first code is issued.
    salt: Vec<u8>,
    /// Each vendor's code, by slug.
    vendors: BTreeMap<String, Entry>,
}

impl fmt::Debug for Codes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The vendors only: salt and hashes stay out of logs.
        f.debug_struct("Codes")
            .field("vendors", &self.vendors.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl Codes {
    /// Reads the codes of the site (none when the file does not exist yet). A file that
    /// cannot be understood is an `Err` carrying [`Damaged`], naming the file.
    pub fn load(site_dir: &Path) -> Result<Codes> {
        let path = codes_file(site_dir);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Codes::default()),
            Err(e) => return Err(e).with_context(|| path.display().to_string()),
        };
        Codes::parse(&text).map_err(|detail| anyhow::Error::new(Damaged { path, detail }))
    }

    /// The codes in the text of a codes file; `Err` says what is wrong with it.
    fn parse(text: &str) -> Result<Codes, String> {
        let stored: StoredFile = toml::from_str(text).map_err(|e| e.message().to_string())?;
        let salt = from_hex(&stored.salt).ok_or("the salt is not hexadecimal")?;
        if salt.len() < 16 {
            return Err("the salt is too short".into());
        }
        let mut vendors = BTreeMap::new();
        for (vendor, code) in stored.vendors {
            let hash = from_hex(&code.hash)
                .and_then(|h| <[u8; 32]>::try_from(h).ok())
                .ok_or_else(|| format!("the hash of {vendor} is not a SHA-256 in hexadecimal"))?;
            let issued = code.issued.to_string();
            vendors.insert(vendor, Entry { hash, issued });
        }
        Ok(Codes { salt, vendors })
    }

    /// The text of the codes file.
    fn to_text(&self) -> Result<String> {
        let stored = StoredFile {
            salt: to_hex(&self.salt),
            vendors: self
                .vendors
                .iter()
                .map(|(vendor, e)| {
                    let issued = e
                        .issued
                        .parse()
                        .with_context(|| format!("issued {} for {vendor}", e.issued))?;
                    let hash = to_hex(&e.hash);
                    Ok((vendor.clone(), StoredCode { hash, issued }))
                })
                .collect::<Result<_>>()?,
        };
        Ok(format!("{HEADER}\n{}", toml::to_string(&stored)?))
    }

    /// The vendor a code opens (typed or from a link: spaces, dashes and case forgiven),
    /// compared in constant time; `None` for a wrong, renewed or malformed code.
    pub fn vendor_of(&self, code: &str) -> Option<String> {
        let canonical = canonical(code)?;
        if self.salt.is_empty() {
            return None;
        }
        let typed = hash(&self.salt, &canonical);
        // Every stored hash is compared; the match (if any) is selected without branching.
        let mut found = subtle::Choice::from(0);
        let mut index = 0u32;
        for (i, entry) in self.vendors.values().enumerate() {
            let same = typed.ct_eq(&entry.hash);
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            index.conditional_assign(&i, same);
            found |= same;
        }
        if !bool::from(found) {
            return None;
        }
        self.vendors.keys().nth(index as usize).cloned()
    }

    /// Whether `vendor` has a code.
    pub fn has(&self, vendor: &str) -> bool {
        self.vendors.contains_key(vendor)
    }

    /// The vendors that have a code, sorted.
    pub fn vendors(&self) -> impl Iterator<Item = &str> {
        self.vendors.keys().map(String::as_str)
    }

    /// When `vendor`'s current code was issued (UTC, RFC 3339: `2026-12-01T15:04:05Z`).
    pub fn issued(&self, vendor: &str) -> Option<&str> {
        self.vendors.get(vendor).map(|e| e.issued.as_str())
    }

    /// What identifies the vendor's current code (its stored hash): a session keeps it, so a
    /// renewed code ends the sessions opened with the old one.
    pub fn fingerprint(&self, vendor: &str) -> Option<String> {
        self.vendors.get(vendor).map(|e| to_hex(&e.hash))
    }

    /// Gives `vendor` a new code, replacing any it had, and saves the file. Returns the code in
    /// clear (the only time it exists outside a person's hand).
    ///
    /// The file is read again just before it is written, so a code another process issued in
    /// the meantime (`vitrina access` while `vitrina edit` runs) is kept, and `self` becomes what
    /// was written.
    pub fn issue(&mut self, site_dir: &Path, vendor: &str) -> Result<String> {
        let mut codes = self.issue_many(site_dir, &[vendor])?;
        codes.pop().context("no code was made")
    }

    /// [`Codes::issue`] for several vendors at once, with one write of the file; the codes are
    /// returned in the order of `vendors`.
    pub fn issue_many(&mut self, site_dir: &Path, vendors: &[&str]) -> Result<Vec<String>> {
        let mut current = Codes::load(site_dir)?;
        if current.salt.is_empty() {
            current.salt = random_bytes(32)?;
        }
        let issued = now_utc();
        let mut codes = Vec::with_capacity(vendors.len());
        for vendor in vendors {
            let code = try_new_code()?;
            let entry = Entry {
                hash: hash(&current.salt, &canonical_unchecked(&code)),
                issued: issued.clone(),
            };
            current.vendors.insert((*vendor).to_string(), entry);
            codes.push(code);
        }
        current.save(site_dir)?;
        *self = current;
        Ok(codes)
    }

    /// Removes the codes of the vendors `keep` refuses (folders that are gone) and saves the
    /// file when any was removed: those codes stop working. Returns the vendors removed.
    pub fn retain(&mut self, site_dir: &Path, keep: impl Fn(&str) -> bool) -> Result<Vec<String>> {
        let mut current = Codes::load(site_dir)?;
        let removed: Vec<String> = current
            .vendors
            .keys()
            .filter(|v| !keep(v))
            .cloned()
            .collect();
        if !removed.is_empty() {
            current.vendors.retain(|v, _| keep(v));
            current.save(site_dir)?;
        }
        *self = current;
        Ok(removed)
    }

    /// Writes the file into the private folder (atomically, owner-only).
    fn save(&self, site_dir: &Path) -> Result<()> {
        let dir = ensure_private_dir(site_dir)
            .with_context(|| super::private_dir(site_dir).display().to_string())?;
        let path = dir.join(FILE);
        write_private(&path, self.to_text()?.as_bytes()).with_context(|| path.display().to_string())
    }
}

/// SHA-256 of salt + canonical code.
fn hash(salt: &[u8], canonical: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(salt);
    h.update(canonical.as_bytes());
    h.finalize().into()
}

/// A code as typed (or from a link) in its canonical form (twelve symbols of [`ALPHABET`], no
/// separators), or `None` when it cannot be a code. Case, spaces, dashes, dots and underscores
/// are forgiven; nothing else is.
pub fn canonical(typed: &str) -> Option<String> {
    let mut out = String::with_capacity(CODE_LEN);
    for c in typed.chars() {
        if c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '–' | '—' | '−' | '.' | '_')
        {
            continue;
        }
        let c = c.to_ascii_uppercase();
        if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) || out.len() == CODE_LEN {
            return None;
        }
        out.push(c);
    }
    (out.len() == CODE_LEN).then_some(out)
}

/// [`canonical`] of a code this module made (it always is one).
fn canonical_unchecked(code: &str) -> String {
    code.chars().filter(|c| *c != '-').collect()
}

/// A new code: at least 50 bits from the system's randomness, in groups of four.
///
/// # Panics
///
/// When the operating system gives no randomness at all (then no code can be safe); use
/// [`try_new_code`] to get that as an error.
pub fn new_code() -> String {
    try_new_code().expect("the operating system's randomness (getrandom) must be available")
}

/// [`new_code`], or the error of the operating system's randomness.
pub fn try_new_code() -> io::Result<String> {
    // Rejection sampling: bytes ≥ 248 (8 × 31) are drawn again, so every symbol is as likely.
    let limit = 256 - 256 % ALPHABET.len();
    let mut symbols = Vec::with_capacity(CODE_LEN);
    while symbols.len() < CODE_LEN {
        for b in random_bytes(CODE_LEN * 2)? {
            if usize::from(b) < limit && symbols.len() < CODE_LEN {
                symbols.push(ALPHABET[usize::from(b) % ALPHABET.len()]);
            }
        }
    }
    let mut code = String::with_capacity(CODE_LEN + CODE_LEN / GROUP);
    for (i, s) in symbols.iter().enumerate() {
        if i > 0 && i % GROUP == 0 {
            code.push('-');
        }
        code.push(char::from(*s));
    }
    Ok(code)
}

/// `n` random bytes as URL-safe text (session ids, CSRF tokens, the organizer's link): lowercase
/// hexadecimal, `2 × n` characters.
///
/// # Panics
///
/// When the operating system gives no randomness at all; use [`try_random_token`] to get that
/// as an error.
pub fn random_token(n: usize) -> String {
    try_random_token(n).expect("the operating system's randomness (getrandom) must be available")
}

/// [`random_token`], or the error of the operating system's randomness.
pub fn try_random_token(n: usize) -> io::Result<String> {
    Ok(to_hex(&random_bytes(n)?))
}

/// The organizer's token for this run of `vitrina edit` (32 random bytes, hex): the server
/// keeps it in memory only, so every run prints a new organizer link.
pub fn organizer_token() -> String {
    random_token(32)
}

/// `n` bytes from the operating system's randomness.
fn random_bytes(n: usize) -> io::Result<Vec<u8>> {
    let mut buf = vec![0u8; n];
    getrandom::fill(&mut buf).map_err(|e| io::Error::other(e.to_string()))?;
    Ok(buf)
}

/// Creates `SITE/.vitrina/` (owner-only permissions, with a `.gitignore` of `*`) and returns it.
/// An existing folder gets its permissions tightened and its `.gitignore` written back when
/// missing. Never inside `content/`: it sits beside it.
pub fn ensure_private_dir(site_dir: &Path) -> std::io::Result<PathBuf> {
    let dir = super::private_dir(site_dir);
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    match builder.create(&dir) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => {}
        Err(e) => return Err(e),
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(&dir)?;
        if meta.permissions().mode() & 0o077 != 0 {
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))?;
        }
    }
    let ignore = dir.join(".gitignore");
    if std::fs::read(&ignore).ok().as_deref() != Some(b"*\n") {
        write_private(&ignore, b"*\n")?;
    }
    Ok(dir)
}

/// Writes `bytes` at `path` as [`crate::fs::write_atomic`] does (temporary file beside it,
/// synced, renamed into place) but owner-only (mode 0600) from the first byte: for the files of
/// the private folder.
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // tempfile makes its files owner-only (0600) on Unix.
    let mut tmp = tempfile::Builder::new().prefix(".tmp-").tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map(drop).map_err(|e| e.error)
}

/// Now, in UTC, as RFC 3339 (`2026-12-01T15:04:05Z`).
fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    rfc3339(secs)
}

/// Seconds since 1970 in UTC as RFC 3339 (the civil calendar from days, H. Hinnant's method).
fn rfc3339(secs: u64) -> String {
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rest = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    s
}

fn from_hex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests;

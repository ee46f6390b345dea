//! The editor: `vitrina edit` is `serve` plus forms under `/__vitrina/edit/` where each young
//! entrepreneur edits her own entry from her phone, and the organizer runs the fair's desk.
//!
//! It is the first part of vitrina reached over a network that writes into `content/`, so it is a
//! security boundary (THREAT_MODEL.md, "The editor"). One concern a module:
//! - [`access`]: access codes (made, hashed, stored in `SITE/.vitrina/`, checked) and the
//!   private folder itself;
//! - [`cards`]: the printable access cards (one A6 card per vendor, QR code and code);
//! - [`store`]: reading and writing a vendor's files: values changed in place with `toml_edit`
//!   (comments kept), every save checked as `vitrina check` would before it is written, atomic
//!   writes, the replaced version kept in the history, conflicts refused, the bin;
//! - [`photo`]: an uploaded photo checked as `build` checks photos and stored without metadata;
//! - [`server`]: sessions, the guards (Origin, CSRF, rate limits), the routes and pages.
//!
//! **Invariant:** every path the editor reads or writes is derived from the session's vendor
//! (a slug matched against the listing of `content/vendors/`), never from a path the browser
//! sent.

pub mod access;
pub mod cards;
pub mod photo;
pub mod server;
pub mod store;

/// Who a session belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Who {
    /// A vendor, by slug (the URL form of her folder's name): edits only her own folder.
    Vendor(String),
    /// The organizer (the link `vitrina edit` prints): edits every vendor, sets booths, makes
    /// access cards; never the site's code (`fair.toml`, `themes/`, `static/`).
    Organizer,
}

impl Who {
    /// Whether this session may edit the vendor `slug`.
    pub fn may_edit(&self, slug: &str) -> bool {
        match self {
            Who::Vendor(own) => own == slug,
            Who::Organizer => true,
        }
    }
}

/// `SITE/.vitrina/`: the site's private folder (codes, history, bin).
pub fn private_dir(site_dir: &std::path::Path) -> std::path::PathBuf {
    site_dir.join(".vitrina")
}

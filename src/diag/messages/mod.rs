//! What each problem says, in Spanish and English.
//!
//! [`Problem`] is the typed description of a problem; [`Problem::message`] and [`Problem::hint`]
//! give the sentence shown to the user and what to do about it. All user-facing diagnostic text
//! lives in this folder, so a translator (or a reviewer checking the tone for a 17-year-old) reads
//! it in one place: this file names the problems, `message.rs` says what happened and `hint.rs`
//! what to do.

pub mod access;
pub mod console;
mod hint;
pub mod machine;
mod message;
pub mod new;
pub mod store;
pub mod upload;

/// What kind of value a key expects, for "wrong type" messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// Text in quotes.
    Text,
    /// A number such as 6.50.
    Number,
    /// A whole number such as 10.
    Integer,
    /// true or false.
    Bool,
    /// A date such as 2026-12-05.
    Date,
    /// A list in brackets.
    List,
    /// A table such as `{ src = "...", alt = "..." }`.
    Table,
    /// Something else serde described.
    Other(String),
}

/// A problem found while loading, checking or building a site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// `content/fair.toml` is missing: this folder is not a vitrina site.
    NoFairToml,
    /// A file could not be read.
    Unreadable {
        /// The operating system's error, as it describes it.
        detail: String,
    },
    /// The output could not be written (disk full, permissions): the machine, not the content.
    Unwritable {
        /// The operating system's error, as it describes it.
        detail: String,
    },
    /// The bytes are not UTF-8 (the span points at the first bad byte).
    NotUtf8,
    /// A file saved as UTF-16 (with its byte-order mark): read, but only vitrina's build can.
    Utf16,
    /// The TOML syntax is broken.
    TomlSyntax {
        /// The TOML parser's own description of the error.
        detail: String,
        /// A likely cause recognised on the line; None when nothing matched.
        hint: Option<SyntaxHint>,
    },
    /// A key the format does not know.
    UnknownKey {
        /// The key as written in the file.
        key: String,
        /// The closest known key, when one is close enough to be a typo.
        suggestion: Option<String>,
        /// Every key allowed at that place (listed when there is no suggestion).
        expected: Vec<String>,
        /// The section header it sits under (`[contact]`) when it belongs above it.
        misplaced: Option<String>,
    },
    /// A key whose value has the wrong type.
    WrongType {
        /// The key whose value has the wrong type.
        key: String,
        /// What kind of value the key takes.
        expected: Expected,
        /// A sample value for this key to show the user; None when there is no fixed one.
        example: Option<String>,
    },
    /// A required key is missing.
    MissingKey {
        /// The required key that is missing.
        key: String,
        /// The table it is missing from (`[contact]`); None for the top level.
        table: Option<String>,
    },
    /// A required text is empty.
    EmptyValue {
        /// The key whose text is empty.
        key: String,
    },
    /// Front matter written with `---` (YAML) instead of `+++`.
    YamlFrontMatter,
    /// A product file without `+++` front matter.
    NoFrontMatter,
    /// Front matter opened with `+++` but never closed.
    UnclosedFrontMatter,
    /// A category slug not declared in fair.toml.
    UnknownCategory {
        /// The category slug as written.
        slug: String,
        /// Every category slug fair.toml declares.
        valid: Vec<String>,
        /// The closest declared slug, when one is close enough to be a typo.
        suggestion: Option<String>,
    },
    /// A category slug in fair.toml that is not URL-safe.
    BadCategorySlug {
        /// The slug as written in fair.toml.
        slug: String,
        /// A URL-safe slug made from it.
        suggestion: String,
    },
    /// The same category declared twice in fair.toml.
    DuplicateCategory {
        /// The slug declared twice.
        slug: String,
    },
    /// A photo path that does not exist.
    MissingPhoto {
        /// The photo path as written in the content.
        path: String,
        /// The closest existing file in the vendor's folder; None when none is close.
        closest: Option<String>,
    },
    /// A photo path leaving the vendor folder (`..`, absolute, or a link pointing outside).
    PhotoOutside {
        /// The photo path as written in the content.
        path: String,
    },
    /// A photo with an extension vitrina does not publish.
    PhotoFormat {
        /// The photo path as written in the content.
        path: String,
    },
    /// A photo without `alt` text.
    MissingAlt {
        /// The photo path as written in the content.
        path: String,
    },
    /// Two entries end up with the same slug (the other file is named).
    SlugCollision {
        /// The slug both entries would get.
        slug: String,
        /// The file of the entry that already has this slug.
        other: String,
    },
    /// Two folder or file names that are the same text stored two ways (a Mac keeps an accent as
    /// a separate mark, Windows does not), so they look alike and get the same slug.
    SameNameTwoWays {
        /// The name, as both show it.
        name: String,
        /// The file of the entry that already has this name.
        other: String,
    },
    /// A vendor's or product's name too long to read on a phone.
    LongName {
        /// Its length, in characters.
        chars: usize,
        /// The most that reads well (`model::limits::NAME_CHARS`).
        max: usize,
    },
    /// A description or story too heavy for a page on mobile data.
    LongText {
        /// Its size, in KB.
        kb: usize,
        /// The most that keeps a page light (`model::limits::TEXT_BYTES`, in KB).
        max_kb: usize,
    },
    /// A product with more photos than its page should show.
    ManyPhotos {
        /// How many photos it has.
        count: usize,
        /// The most that keeps the page light (`model::limits::PRODUCT_PHOTOS`).
        max: usize,
    },
    /// A vendor using more photos, in all, than its pages and the build should carry.
    VendorPhotos {
        /// How many photos its files name.
        count: usize,
        /// The most that keeps them light (`model::limits::VENDOR_PHOTOS`).
        max: usize,
    },
    /// A name that gives an empty slug.
    EmptySlug {
        /// The name as written, which has no letter or digit left for a slug.
        name: String,
    },
    /// A payment method that is not in the list.
    UnknownPayment {
        /// The payment method as written in vendor.toml.
        value: String,
        /// The closest known method, when one is close enough to be a typo.
        suggestion: Option<String>,
    },
    /// A WhatsApp number vitrina cannot turn into a link.
    BadWhatsapp {
        /// The number as written in vendor.toml.
        value: String,
    },
    /// `language` other than es or en.
    UnknownLanguage {
        /// The `language` as written in fair.toml.
        value: String,
    },
    /// `base_url` that is not an http(s) URL.
    BadBaseUrl {
        /// The `base_url` as written.
        value: String,
    },
    /// No base_url: sitemap and share links cannot be absolute.
    NoBaseUrl,
    /// An e-mail address without `@`.
    BadEmail {
        /// The address as written in vendor.toml.
        value: String,
    },
    /// Fair end date before the start date.
    DatesReversed,
    /// `[images]` settings out of range.
    BadImageSetting {
        /// The `[images]` key whose value is out of range.
        key: String,
    },
    /// `[listings] per_page` out of range.
    BadPageSize {
        /// The number as written.
        value: i64,
    },
    /// A photo that could not be decoded.
    PhotoUnreadable {
        /// The image decoder's description of the error.
        detail: String,
    },
    /// A photo file with no bytes.
    PhotoEmpty,
    /// An iPhone HEIC/HEIF photo (whatever its extension).
    PhotoHeic,
    /// A file that is not an image at all.
    PhotoNotAnImage,
    /// A photo too large to decode safely (or a file pretending to be one).
    PhotoTooLarge,
    /// A photo file cut short (an interrupted copy or download).
    PhotoTruncated,
    /// An animated GIF, WebP or PNG (a catalogue photo is one still picture).
    PhotoAnimated,
    /// The photo file changed while the build was running.
    PhotoChanged,
    /// The theme folder is missing.
    NoTheme {
        /// The theme name asked for (the folder expected under `themes/`).
        theme: String,
    },
    /// A template failed to render or parse.
    Template {
        /// What went wrong in the template, as Tera reported it.
        detail: String,
    },
    /// A theme's i18n file is broken or lacks a key vitrina needs.
    ThemeStrings {
        /// What is wrong with the i18n file (parse error or missing key).
        detail: String,
    },
    /// A content file that is a link to something outside its vendor's folder.
    LinkOutside,
    /// A file in a vendor folder that vitrina does not use (likely misplaced).
    StrayFile,
    /// A vendor folder without vendor.toml.
    NoVendorToml,
    // What a scaffold of `vitrina new` left unfinished (see `model::placeholders`).
    /// A vendor with no category, in a fair that has categories (`valid`).
    NoCategory {
        /// Every category slug fair.toml declares.
        valid: Vec<String>,
    },
    /// An example text of `vitrina new` still in a vendor or product the build includes; `key`
    /// is the TOML key (`tagline`, `cover.alt`), `None` for the markdown text.
    Placeholder {
        /// The TOML key holding the example text (`tagline`, `cover.alt`); None for the markdown text.
        key: Option<String>,
    },
}

/// A likely cause of a TOML syntax error, found by looking at the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxHint {
    /// `name = Huevos frescos` — text without quotes.
    QuoteText {
        /// The key on that line.
        key: String,
        /// The unquoted text as written after `=`.
        value: String,
    },
    /// `price = 6,50` — decimal comma.
    DecimalComma {
        /// The key on that line.
        key: String,
        /// The number as written, with its comma.
        value: String,
    },
    /// A key written twice.
    DuplicateKey,
    /// A string opened and never closed.
    UnclosedString,
    /// `name = “Ana”` — typographic quotes (a phone keyboard's) where straight ones go.
    TypographicQuotes {
        /// The line written again with straight quotes (`name = "Ana"`).
        line: String,
    },
}

/// The Spanish or the English text.
fn t(es: bool, es_text: &str, en_text: &str) -> String {
    if es { es_text } else { en_text }.to_string()
}

//! Reading a submitted form: every editor form is `multipart/form-data` (so the same form works
//! with and without JavaScript, with or without a photo). Bounded: the whole request by the
//! server's body limit ([`crate::edit::photo::max_request_bytes`]), at most [`MAX_FIELDS`]
//! fields, each text at most [`MAX_TEXT`] bytes. A file's name and type as the browser sent them
//! are never kept: only its bytes.

use axum::extract::Multipart;

use crate::edit::store::{Entry, PhotoRef, Product};

/// Most fields a form may have.
pub const MAX_FIELDS: usize = 400;
/// Most bytes of one text field (a long story is ~20 KB).
pub const MAX_TEXT: usize = 256 * 1024;

/// A form as sent.
#[derive(Debug, Default)]
pub struct Fields {
    /// Text fields, in order.
    pub texts: Vec<(String, String)>,
    /// Files: (field name, bytes); empty file inputs are left out.
    pub files: Vec<(String, Vec<u8>)>,
}

/// Why a form could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    /// Larger than the server accepts.
    TooLarge,
    /// Not a form (cut, malformed, too many fields).
    Malformed,
}

impl Fields {
    /// Reads every field of `form`.
    pub async fn read(mut form: Multipart) -> Result<Fields, Unreadable> {
        let mut fields = Fields::default();
        loop {
            let field = match form.next_field().await {
                Ok(Some(f)) => f,
                Ok(None) => break,
                Err(e) => return Err(refusal(e.status())),
            };
            if fields.texts.len() + fields.files.len() >= MAX_FIELDS {
                return Err(Unreadable::Malformed);
            }
            let name = field.name().unwrap_or_default().to_string();
            // A file input with no file chosen sends an empty part with no file name: not an
            // upload. A chosen file, even empty, is one (and refused as empty).
            let file = field.file_name().map(|f| !f.is_empty());
            let bytes = field.bytes().await.map_err(|e| refusal(e.status()))?;
            if let Some(chosen) = file {
                if chosen || !bytes.is_empty() {
                    fields.files.push((name, bytes.to_vec()));
                }
            } else {
                if bytes.len() > MAX_TEXT {
                    return Err(Unreadable::TooLarge);
                }
                let text = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
                fields.texts.push((name, text));
            }
        }
        Ok(fields)
    }

    /// The first value of a text field.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.texts
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// A text field's value, "" when absent, trimmed.
    pub fn text(&self, name: &str) -> String {
        self.get(name).unwrap_or("").trim().to_string()
    }

    /// Every value of a repeated field (checkboxes).
    pub fn all(&self, name: &str) -> Vec<String> {
        self.texts
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .collect()
    }

    /// Whether a checkbox was ticked.
    pub fn ticked(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The bytes of a file field, when one was chosen.
    pub fn file(&self, name: &str) -> Option<&[u8]> {
        self.files
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_slice())
    }

    /// The entry form as sent.
    pub fn entry(&self) -> Entry {
        Entry {
            name: self.text("name"),
            owner: self.text("owner"),
            tagline: self.text("tagline"),
            booth: self.text("booth"),
            categories: self.all("categories"),
            payment: self.all("payment"),
            delivery: self.ticked("delivery"),
            whatsapp: self.text("whatsapp"),
            instagram: self.text("instagram"),
            tiktok: self.text("tiktok"),
            facebook: self.text("facebook"),
            email: self.text("email"),
            website: self.text("website"),
            logo: self.text("logo"),
            cover: self.text("cover"),
            cover_alt: self.text("cover_alt"),
            about: self.get("about").unwrap_or("").to_string(),
        }
    }

    /// The product form as sent (photos: `photos.N.file`, `photos.N.alt`, unless
    /// `photos.N.remove` is ticked).
    pub fn product(&self) -> Product {
        let mut photos = Vec::new();
        for i in 0..50 {
            let Some(file) = self.get(&format!("photos.{i}.file")) else {
                continue;
            };
            if self.ticked(&format!("photos.{i}.remove")) {
                continue;
            }
            photos.push(PhotoRef {
                file: file.trim().to_string(),
                alt: self.text(&format!("photos.{i}.alt")),
            });
        }
        Product {
            name: self.text("name"),
            price: self.text("price"),
            price_note: self.text("price_note"),
            category: self.text("category"),
            tags: self.text("tags"),
            description: self.get("description").unwrap_or("").to_string(),
            available: self.ticked("available"),
            draft: self.ticked("draft"),
            photos,
        }
    }
}

fn refusal(status: axum::http::StatusCode) -> Unreadable {
    if status == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        Unreadable::TooLarge
    } else {
        Unreadable::Malformed
    }
}

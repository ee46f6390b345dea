//! Loading a form and saving it: her entry and her products, each save refused when the files
//! changed since the form was loaded, validated as a form (friendly messages by field), checked
//! as `vitrina check` would check her folder, and only then written: the replaced version kept
//! in the history first, every file written atomically. Also the history itself: listing the
//! kept versions and putting one back (checked like a save).

use std::fs;

use super::find::{self, Folder};
use super::form::{self, Srcs};
use super::{
    check, hash_of, history, price, Conflicting, Entry, FieldProblem, FileRef, Kept, Loaded,
    Product, Refused, Saved, Store,
};
use crate::content::Overrides;
use crate::diag::messages::store::StoreMessage;
use crate::edit::Who;
use crate::model::Payment;

/// A file's text without a byte-order mark; `None` when it is not UTF-8.
fn text_of(bytes: &[u8]) -> Option<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8(bytes.to_vec()).ok()
}

/// What `vendor.toml` and `about.md` hold now.
struct EntryFiles {
    toml: Option<Vec<u8>>,
    about: Option<Vec<u8>>,
}

impl EntryFiles {
    fn read(folder: &Folder) -> EntryFiles {
        EntryFiles {
            toml: find::read_plain(&folder.dir.join("vendor.toml")),
            about: find::read_plain(&folder.dir.join("about.md")),
        }
    }

    fn hash(&self) -> String {
        hash_of(self.toml.as_deref(), self.about.as_deref())
    }

    fn entry(&self) -> Option<Entry> {
        let toml = text_of(self.toml.as_deref()?)?;
        let about = self.about.as_deref().and_then(text_of);
        form::entry_of(&toml, about.as_deref())
    }
}

/// The raw paths of the photos a file refers to now, by the name the form shows: a reference
/// the form sends back unchanged is kept as it was written.
fn raw_srcs(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Ok(doc) = text.parse::<toml_edit::DocumentMut>() else {
        return out;
    };
    let mut push = |v: Option<&toml_edit::Value>| {
        if let Some(s) = v.and_then(toml_edit::Value::as_str) {
            out.push((form::photo_name(s), s.to_string()));
        }
    };
    let root = doc.as_table();
    push(root.get("logo").and_then(toml_edit::Item::as_value));
    if let Some(cover) = root.get("cover").and_then(toml_edit::Item::as_table_like) {
        push(cover.get("src").and_then(toml_edit::Item::as_value));
    }
    if let Some(a) = root.get("photos").and_then(toml_edit::Item::as_array) {
        for t in a.iter().filter_map(toml_edit::Value::as_inline_table) {
            push(t.get("src"));
        }
    }
    out
}

impl Store {
    /// Her entry.
    pub fn entry(&self, slug: &str) -> Option<Loaded<Entry>> {
        let folder = find::vendor(&self.site_dir, slug)?;
        let files = EntryFiles::read(&folder);
        Some(Loaded {
            value: files.entry()?,
            hash: files.hash(),
        })
    }

    /// Saves her entry (the booth only for the organizer), checked first.
    pub fn save_entry(
        &self,
        slug: &str,
        who: &Who,
        form: &Entry,
        base: &str,
    ) -> Result<Saved, Refused> {
        let _writing = self.lock();
        let folder = find::vendor(&self.site_dir, slug).ok_or(Refused::Missing)?;
        let files = EntryFiles::read(&folder);
        let Some(current) = files.entry() else {
            return Err(Refused::Invalid(vec![self.problem(
                "",
                StoreMessage::FileBroken,
                false,
            )]));
        };
        let hash = files.hash();
        if hash != base {
            return Err(Refused::Conflict {
                current: Box::new(Conflicting::Entry(Box::new(current))),
                hash,
            });
        }
        let mut new = form.clone();
        if *who != Who::Organizer {
            new.booth.clone_from(&current.booth);
        }
        let toml_text = files.toml.as_deref().and_then(text_of).unwrap_or_default();
        let (mut problems, srcs) = self.validate_entry(&folder, &new, &raw_srcs(&toml_text));
        if problems.iter().any(|p| !p.warning) {
            return Err(Refused::Invalid(problems));
        }
        let Some(new_toml) = form::apply_entry(&toml_text, &current, &new, &srcs) else {
            return Err(Refused::Invalid(vec![self.problem(
                "",
                StoreMessage::FileBroken,
                false,
            )]));
        };
        let mut changes = Overrides::new();
        if new_toml != toml_text {
            changes.insert("vendor.toml".into(), Some(new_toml));
        }
        if !form::same_text(&current.about, &new.about) {
            let about = form::file_text(&new.about);
            let about = (!about.is_empty()).then_some(about);
            if about.is_some() || files.about.is_some() {
                changes.insert("about.md".into(), about);
            }
        }
        problems.extend(self.commit(&folder, "entry", changes)?);
        Ok(Saved {
            warnings: problems,
            hash: EntryFiles::read(&folder).hash(),
            stem: None,
        })
    }

    /// Whether her entry is kept off the site (`None` when she has no readable entry). Not a
    /// field of [`Entry`]: a vendor made on the desk starts as a draft, see
    /// [`Store::set_entry_draft`].
    pub fn entry_draft(&self, slug: &str) -> Option<bool> {
        let folder = find::vendor(&self.site_dir, slug)?;
        let text = text_of(&find::read_plain(&folder.dir.join("vendor.toml"))?)?;
        let doc = text.parse::<toml_edit::DocumentMut>().ok()?;
        Some(super::doc::get_bool(doc.as_table(), "draft", false))
    }

    /// Puts her entry on the site (`draft` false) or keeps it off (true), checked and kept in
    /// the history like a save; the comment on the `draft` line stays.
    pub fn set_entry_draft(&self, slug: &str, draft: bool) -> Result<Saved, Refused> {
        let _writing = self.lock();
        let folder = find::vendor(&self.site_dir, slug).ok_or(Refused::Missing)?;
        let files = EntryFiles::read(&folder);
        let text = files
            .toml
            .as_deref()
            .and_then(text_of)
            .ok_or(Refused::Missing)?;
        let mut doc = text.parse::<toml_edit::DocumentMut>().map_err(|_| {
            Refused::Invalid(vec![self.problem("", StoreMessage::FileBroken, false)])
        })?;
        let mut changes = Overrides::new();
        if super::doc::get_bool(doc.as_table(), "draft", false) != draft {
            let change = super::doc::Change::Set(toml_edit::Value::from(draft));
            super::doc::apply(doc.as_table_mut(), "draft", change);
            changes.insert("vendor.toml".into(), Some(doc.to_string()));
        }
        let warnings = self.commit(&folder, "entry", changes)?;
        Ok(Saved {
            warnings,
            hash: EntryFiles::read(&folder).hash(),
            stem: None,
        })
    }

    /// One product.
    pub fn product(&self, slug: &str, stem: &str) -> Option<Loaded<Product>> {
        let folder = find::vendor(&self.site_dir, slug)?;
        let bytes = find::read_plain(&find::product(&folder.dir, stem)?)?;
        Some(Loaded {
            value: form::product_of(&text_of(&bytes)?)?,
            hash: hash_of(Some(&bytes), None),
        })
    }

    /// Saves a product (`stem` `None`: a new one, its file named after it), checked first.
    pub fn save_product(
        &self,
        slug: &str,
        stem: Option<&str>,
        form: &Product,
        base: &str,
    ) -> Result<Saved, Refused> {
        let _writing = self.lock();
        let folder = find::vendor(&self.site_dir, slug).ok_or(Refused::Missing)?;
        let stem_given = stem;
        let (stem, text, current) = match stem {
            Some(stem) => {
                let path = find::product(&folder.dir, stem).ok_or(Refused::Missing)?;
                let bytes = find::read_plain(&path).ok_or(Refused::Missing)?;
                let text = text_of(&bytes);
                let Some((text, current)) = text.and_then(|t| form::product_of(&t).map(|p| (t, p)))
                else {
                    return Err(Refused::Invalid(vec![self.problem(
                        "",
                        StoreMessage::FileBroken,
                        false,
                    )]));
                };
                let hash = hash_of(Some(&bytes), None);
                if hash != base {
                    return Err(Refused::Conflict {
                        current: Box::new(Conflicting::Product(current)),
                        hash,
                    });
                }
                (stem.to_string(), text, current)
            }
            None => {
                let current = Product {
                    available: true,
                    ..Product::default()
                };
                let stem = find::free_stem(&folder.dir, &form.name);
                (stem, form::EMPTY_PRODUCT.to_string(), current)
            }
        };
        let (mut problems, srcs) = self.validate_product(&folder, form, &raw_srcs(&text));
        if problems.iter().any(|p| !p.warning) {
            return Err(Refused::Invalid(problems));
        }
        let new_text = form::apply_product(&text, &current, form, &srcs).ok_or_else(|| {
            Refused::Invalid(vec![self.problem("", StoreMessage::FileBroken, false)])
        })?;
        let rel = format!("products/{stem}.md");
        let mut changes = Overrides::new();
        if new_text != text || stem_given.is_none() {
            changes.insert(rel.clone(), Some(new_text));
        }
        problems.extend(self.commit(&folder, &format!("products/{stem}"), changes)?);
        let hash = find::read_plain(&folder.dir.join(&rel))
            .map(|b| hash_of(Some(&b), None))
            .unwrap_or_default();
        Ok(Saved {
            warnings: problems,
            hash,
            stem: Some(stem),
        })
    }

    /// Checks `changes` (files of her folder: new text, or `None` to remove) and writes them,
    /// the replaced versions kept under `key` first. Returns the check's warnings.
    pub(super) fn commit(
        &self,
        folder: &Folder,
        key: &str,
        changes: Overrides,
    ) -> Result<Vec<FieldProblem>, Refused> {
        if changes.is_empty() {
            return Ok(Vec::new());
        }
        let lang = self.fair().lang;
        let found = check::candidate(
            &self.site_dir,
            &folder.dir_name,
            &changes,
            &self.memory,
            lang,
        );
        if found.iter().any(|p| !p.warning) {
            return Err(Refused::Invalid(found));
        }
        let read = |rel: &str| find::read_plain(&folder.dir.join(rel));
        let kept = if key == "entry" {
            history::keep(
                &self.site_dir,
                &folder.slug,
                key,
                read("vendor.toml").as_deref(),
                read("about.md").as_deref(),
            )
        } else {
            let rel = format!("{key}.md");
            history::keep(
                &self.site_dir,
                &folder.slug,
                key,
                read(&rel).as_deref(),
                None,
            )
        };
        kept.map_err(|e| self.failed(&e))?;
        // Written only through plain folders of hers: a `products` that is a link is refused.
        if !find::plain_or_missing_dir(&folder.dir.join("products")) {
            return Err(self.failed(&std::io::Error::other("products is a link")));
        }
        let mut sorted: Vec<_> = changes.into_iter().collect();
        sorted.sort();
        for (rel, text) in sorted {
            let path = folder.dir.join(&rel);
            let done = match text {
                Some(text) => path
                    .parent()
                    .map_or(Ok(()), fs::create_dir_all)
                    .and_then(|()| crate::fs::write_atomic(&path, text.as_bytes())),
                None if path.exists() => fs::remove_file(&path),
                None => Ok(()),
            };
            done.map_err(|e| self.failed(&e))?;
        }
        Ok(found)
    }

    /// The path a photo chosen in a form is written as: a file in her `photos/`, or a reference
    /// her file already had; `None` for anything else.
    fn photo_src(&self, folder: &Folder, file: &str, raw: &[(String, String)]) -> Option<String> {
        if find::plain_name(file) && find::photos(&folder.dir).iter().any(|p| p == file) {
            return Some(format!("photos/{file}"));
        }
        raw.iter()
            .find(|(name, _)| name == file)
            .map(|(_, r)| r.clone())
    }

    fn validate_entry(
        &self,
        folder: &Folder,
        e: &Entry,
        raw: &[(String, String)],
    ) -> (Vec<FieldProblem>, Srcs) {
        let mut problems = Vec::new();
        if e.name.trim().is_empty() {
            problems.push(self.problem("name", StoreMessage::NameEmpty, false));
        }
        let fair = self.fair();
        if e.categories
            .iter()
            .any(|c| !fair.categories.iter().any(|(slug, _)| slug == c))
        {
            problems.push(self.problem("categories", StoreMessage::UnknownCategory, false));
        }
        let known = [
            Payment::Yape,
            Payment::Plin,
            Payment::Efectivo,
            Payment::Tarjeta,
            Payment::Transferencia,
        ];
        if e.payment.iter().any(|p| !known.iter().any(|k| k.id() == p)) {
            problems.push(self.problem("payment", StoreMessage::UnknownPayment, false));
        }
        let mut srcs = Srcs {
            logo: String::new(),
            cover: String::new(),
            photos: Vec::new(),
        };
        for (field, file, out) in [
            ("logo", &e.logo, &mut srcs.logo),
            ("cover", &e.cover, &mut srcs.cover),
        ] {
            if file.is_empty() {
                continue;
            }
            match self.photo_src(folder, file, raw) {
                Some(src) => *out = src,
                None => problems.push(self.problem(field, StoreMessage::PhotoNotFound, false)),
            }
        }
        if !e.cover.is_empty() && e.cover_alt.trim().is_empty() {
            problems.push(self.problem("cover_alt", StoreMessage::AltMissing, true));
        }
        (problems, srcs)
    }

    fn validate_product(
        &self,
        folder: &Folder,
        p: &Product,
        raw: &[(String, String)],
    ) -> (Vec<FieldProblem>, Srcs) {
        let mut problems = Vec::new();
        if p.name.trim().is_empty() {
            problems.push(self.problem("name", StoreMessage::NameEmpty, false));
        }
        if price::parse(&p.price).is_none() {
            problems.push(self.problem("price", StoreMessage::BadPrice, false));
        }
        let fair = self.fair();
        let category = p.category.trim();
        if !category.is_empty() && !fair.categories.iter().any(|(slug, _)| slug == category) {
            problems.push(self.problem("category", StoreMessage::UnknownCategory, false));
        }
        let mut srcs = Srcs {
            logo: String::new(),
            cover: String::new(),
            photos: Vec::new(),
        };
        for (i, photo) in p.photos.iter().enumerate() {
            match self.photo_src(folder, &photo.file, raw) {
                Some(src) => srcs.photos.push(src),
                None => {
                    let field = format!("photos.{i}.file");
                    problems.push(self.problem(&field, StoreMessage::PhotoNotFound, false));
                    srcs.photos.push(String::new());
                }
            }
            if photo.alt.trim().is_empty() {
                let field = format!("photos.{i}.alt");
                problems.push(self.problem(&field, StoreMessage::AltMissing, true));
            }
        }
        (problems, srcs)
    }

    /// The versions a file had before each save, newest first.
    pub fn history(&self, slug: &str, file: &FileRef) -> Vec<Kept> {
        let Some((folder, key)) = self.history_key(slug, file) else {
            return Vec::new();
        };
        history::ids(&self.site_dir, &folder.slug, &key)
            .into_iter()
            .map(|id| {
                let version = history::version(&self.site_dir, &folder.slug, &key, &id.to_string());
                let label = version
                    .and_then(|v| v.main)
                    .and_then(|b| text_of(&b))
                    .and_then(|t| match file {
                        FileRef::Entry => form::entry_of(&t, None).map(|e| e.name),
                        FileRef::Product(_) => form::product_of(&t).map(|p| p.name),
                    })
                    .unwrap_or_default();
                Kept {
                    id: id.to_string(),
                    when: history::time_of(id),
                    label,
                }
            })
            .collect()
    }

    /// Puts an earlier version back (checked like a save; the current one goes to the
    /// history).
    pub fn restore_version(&self, slug: &str, file: &FileRef, id: &str) -> Result<Saved, Refused> {
        let _writing = self.lock();
        let (folder, key) = self.history_key(slug, file).ok_or(Refused::Missing)?;
        let version =
            history::version(&self.site_dir, &folder.slug, &key, id).ok_or(Refused::Missing)?;
        let text = |b: Option<Vec<u8>>| b.map(|b| text_of(&b).unwrap_or_default());
        let mut changes = Overrides::new();
        match file {
            FileRef::Entry => {
                let files = EntryFiles::read(&folder);
                if version.main != files.toml {
                    changes.insert("vendor.toml".into(), text(version.main));
                }
                if version.about != files.about {
                    changes.insert("about.md".into(), text(version.about));
                }
            }
            FileRef::Product(stem) => {
                changes.insert(format!("products/{stem}.md"), text(version.main));
            }
        }
        changes.retain(|_, t| t.is_some() || matches!(file, FileRef::Entry));
        let warnings = self.commit(&folder, &key, changes)?;
        let hash = match file {
            FileRef::Entry => EntryFiles::read(&folder).hash(),
            FileRef::Product(stem) => {
                find::read_plain(&folder.dir.join(format!("products/{stem}.md")))
                    .map(|b| hash_of(Some(&b), None))
                    .unwrap_or_default()
            }
        };
        let stem = match file {
            FileRef::Entry => None,
            FileRef::Product(stem) => Some(stem.clone()),
        };
        Ok(Saved {
            warnings,
            hash,
            stem,
        })
    }

    /// Her folder and the history key of `file`: a product's stem must be a plain file name
    /// that is in her listing or has a history.
    fn history_key(&self, slug: &str, file: &FileRef) -> Option<(Folder, String)> {
        let folder = find::vendor(&self.site_dir, slug)?;
        let key = match file {
            FileRef::Entry => "entry".to_string(),
            FileRef::Product(stem) => {
                if !find::plain_name(stem) {
                    return None;
                }
                let key = format!("products/{stem}");
                let listed = find::product(&folder.dir, stem).is_some();
                if !listed && history::ids(&self.site_dir, &folder.slug, &key).is_empty() {
                    return None;
                }
                key
            }
        };
        Some((folder, key))
    }
}

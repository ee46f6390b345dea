//! The organizer's desk: every vendor with what is still missing (photos, prices, photo
//! descriptions, drafts), when she last changed something, whether `vitrina check` finds an
//! error in her folder; and a new vendor folder made as `vitrina new vendor` makes it.

use std::time::SystemTime;

use super::find;
use super::{Refused, Store, Summary};
use crate::cmd::new::{make_vendor, MadeVendor};
use crate::content;
use crate::diag::messages::store::StoreMessage;
use crate::diag::Severity;
use crate::model::{self, ModelOptions};

impl Store {
    /// Every vendor folder, sorted by name, with what is missing.
    pub fn vendors(&self) -> Vec<Summary> {
        let (loaded, mut diags) = content::load(&self.site_dir, &self.memory);
        let folders: Vec<(String, Option<Summary>)> = loaded
            .vendors
            .iter()
            .map(|lv| (format!("{}/", lv.display_dir), summary(lv)))
            .collect();
        let opts = ModelOptions {
            drafts: true,
            ..ModelOptions::default()
        };
        let (_, built) = model::build(loaded, &opts);
        diags.extend(built);
        let mut out: Vec<Summary> = folders
            .into_iter()
            .filter_map(|(prefix, s)| {
                let mut s = s?;
                s.has_errors = diags.iter().any(|d| {
                    d.severity == Severity::Error
                        && (d.file.starts_with(&prefix) || d.file == prefix.trim_end_matches('/'))
                });
                Some(s)
            })
            .collect();
        out.sort_by_cached_key(|s| (model::sort_key(&s.name), s.slug.clone()));
        out
    }

    /// A new vendor folder named after `name` (as `vitrina new vendor`); returns its slug.
    pub fn new_vendor(&self, name: &str) -> Result<String, Refused> {
        let _writing = self.lock();
        let lang = self.fair().lang;
        let refused =
            |field: &str, m: StoreMessage| Refused::Invalid(vec![self.problem(field, m, false)]);
        if find::vendor(&self.site_dir, &model::slugify(name)).is_some() {
            return Err(refused("name", StoreMessage::VendorExists));
        }
        match make_vendor(&self.site_dir, name.trim(), lang) {
            Ok(MadeVendor::Created { slug, .. }) => Ok(slug),
            Ok(MadeVendor::BadName) => Err(refused("name", StoreMessage::VendorNameEmpty)),
            Ok(MadeVendor::Exists(_)) => Err(refused("name", StoreMessage::VendorExists)),
            Ok(MadeVendor::NoSite | MadeVendor::FairBroken(_)) => {
                Err(refused("", StoreMessage::FairBroken))
            }
            Err(_) => Err(Refused::Failed(
                StoreMessage::DiskFailed.text(lang).to_string(),
            )),
        }
    }
}

/// What the desk shows of one loaded folder (errors are filled in by the caller); `None` for
/// a folder without a slug.
fn summary(lv: &content::LoadedVendor) -> Option<Summary> {
    let slug = model::slugify(&lv.dir_name);
    if slug.is_empty() {
        return None;
    }
    let mut s = Summary {
        slug,
        ..Summary::default()
    };
    if let Some((_, raw)) = &lv.vendor {
        s.name = raw.name.get_ref().trim().to_string();
        s.owner = raw.owner.clone().unwrap_or_default();
        s.booth = raw.booth.clone().unwrap_or_default();
        s.draft = raw.draft == Some(true);
        let cover_alt = raw.cover.as_ref().map(|c| c.get_ref().alt.as_deref());
        if matches!(cover_alt, Some(None))
            || cover_alt.flatten().is_some_and(|a| a.trim().is_empty())
        {
            s.missing_alt += 1;
        }
    }
    s.drafts = usize::from(s.draft);
    for p in &lv.products {
        let raw = &p.raw;
        s.products += 1;
        s.drafts += usize::from(raw.draft == Some(true));
        s.no_photo += usize::from(raw.photos.is_empty());
        s.no_price += usize::from(raw.price.is_none());
        s.missing_alt += raw
            .photos
            .iter()
            .filter(|ph| {
                ph.get_ref()
                    .alt
                    .as_deref()
                    .is_none_or(|a| a.trim().is_empty())
            })
            .count();
    }
    s.last_edited = lv
        .files
        .iter()
        .filter_map(|rel| {
            std::fs::symlink_metadata(lv.dir.join(rel))
                .ok()?
                .modified()
                .ok()
        })
        .max()
        .or_else(|| newest_of(&lv.dir));
    Some(s)
}

/// The folder's own change time, for a folder with no files.
fn newest_of(dir: &std::path::Path) -> Option<SystemTime> {
    std::fs::metadata(dir).ok()?.modified().ok()
}

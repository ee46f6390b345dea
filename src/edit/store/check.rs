//! Every save checked before it is written: the candidate files are loaded in memory in place of
//! hers on disk ([`crate::content::load_vendor_with`]) and her folder is checked as
//! `vitrina check` checks it (drafts included, example texts left in). Each problem in her folder
//! is given to the form field whose value it points at; errors refuse the save, warnings come
//! back with it.
//!
//! An error in a file the save does not change refuses it only when the save caused it (it is
//! not there without the save): a problem someone left in another file does not block her.

use super::doc::{self, ProductText};
use super::FieldProblem;
use crate::content::{self, Overrides};
use crate::diag::messages::store::StoreMessage;
use crate::diag::{Diagnostic, Problem, Severity};
use crate::i18n::Lang;
use crate::model::{self, ModelOptions};

/// Her folder's problems with `overrides` in place of the disk files: `(file relative to her
/// folder, diagnostic)`; `None` when the fair's own file has an error (nothing can be checked
/// against it).
fn problems(
    site_dir: &std::path::Path,
    dir_name: &str,
    overrides: &Overrides,
    memory: &content::Memory,
) -> Option<Vec<(String, Diagnostic)>> {
    let (loaded, mut diags) = content::load_vendor_with(site_dir, dir_name, overrides, memory);
    let opts = ModelOptions {
        drafts: true,
        ..ModelOptions::default()
    };
    let (_, built) = model::build(loaded, &opts);
    diags.extend(built);
    let fair_broken = diags
        .iter()
        .any(|d| d.file == "content/fair.toml" && d.severity == Severity::Error);
    if fair_broken {
        return None;
    }
    let prefix = format!("content/vendors/{dir_name}/");
    let mine = diags
        .iter()
        .filter_map(|d| {
            let rel = d.file.strip_prefix(&prefix)?;
            Some((rel.to_string(), d.clone()))
        })
        .collect();
    Some(mine)
}

/// The problems a save would leave in her folder, by field (an error of the fair's own file is
/// one problem for the whole form: nothing can be checked, so nothing is written).
pub fn candidate(
    site_dir: &std::path::Path,
    dir_name: &str,
    overrides: &Overrides,
    memory: &content::Memory,
    lang: Lang,
) -> Vec<FieldProblem> {
    let Some(found) = problems(site_dir, dir_name, overrides, memory) else {
        return vec![FieldProblem {
            field: String::new(),
            message: StoreMessage::FairBroken.text(lang).to_string(),
            warning: false,
        }];
    };
    let changed = |rel: &str| overrides.contains_key(rel);
    let caused_elsewhere = found
        .iter()
        .any(|(rel, d)| d.severity == Severity::Error && !changed(rel));
    let before: Vec<(String, Problem)> = if caused_elsewhere {
        problems(site_dir, dir_name, &Overrides::new(), memory)
            .unwrap_or_default()
            .into_iter()
            .filter(|(_, d)| d.severity == Severity::Error)
            .map(|(rel, d)| (rel, d.problem))
            .collect()
    } else {
        Vec::new()
    };
    let mut out = Vec::new();
    for (rel, d) in &found {
        // A photo's missing description is the form's own warning.
        if matches!(d.problem, Problem::MissingAlt { .. }) {
            continue;
        }
        let field = if changed(rel) {
            field_of(rel, d, overrides)
        } else if d.severity == Severity::Error
            && !before.iter().any(|(r, p)| r == rel && *p == d.problem)
        {
            String::new()
        } else {
            continue;
        };
        let problem = FieldProblem {
            field,
            message: d.problem.message(lang),
            warning: d.severity == Severity::Warning,
        };
        if !out.contains(&problem) {
            out.push(problem);
        }
    }
    out
}

/// The form field a diagnostic in the changed file `rel` points at ("" when none).
fn field_of(rel: &str, d: &Diagnostic, overrides: &Overrides) -> String {
    let text = overrides.get(rel).and_then(Option::as_deref).unwrap_or("");
    let Some(at) = d.at.as_ref().map(|(_, span)| span.start) else {
        return String::new();
    };
    match rel {
        "about.md" => "about".to_string(),
        "vendor.toml" => doc::fields_at(text, 0, at)
            .last()
            .map_or_else(String::new, |p| entry_field(p)),
        _ => {
            let Some(split) = ProductText::split(text) else {
                return String::new();
            };
            if at >= split.body_start() {
                return "description".to_string();
            }
            doc::fields_at(&split.front, split.front_start(), at)
                .last()
                .map_or_else(String::new, |p| product_field(p, &d.problem))
        }
    }
}

/// `contact.whatsapp` → `whatsapp`, `cover.alt` → `cover_alt`, `categories.1` → `categories`.
fn entry_field(path: &str) -> String {
    let mut parts = path.split('.');
    let first = parts.next().unwrap_or_default();
    let second = parts.next().unwrap_or_default();
    match (first, second) {
        ("contact", key) => key.to_string(),
        ("cover", "alt") => "cover_alt".to_string(),
        ("cover", _) => "cover".to_string(),
        (
            "name" | "owner" | "tagline" | "booth" | "categories" | "payment" | "delivery" | "logo",
            _,
        ) => first.to_string(),
        _ => String::new(),
    }
}

/// `photos.0.src` → `photos.0.file`, `tags.2` → `tags`.
fn product_field(path: &str, problem: &Problem) -> String {
    let parts: Vec<&str> = path.split('.').collect();
    match parts.as_slice() {
        ["photos", i, "alt", ..] => format!("photos.{i}.alt"),
        ["photos", i, ..] if matches!(problem, Problem::MissingAlt { .. }) => {
            format!("photos.{i}.alt")
        }
        ["photos", i, ..] => format!("photos.{i}.file"),
        [first @ ("name" | "price" | "price_note" | "category" | "tags" | "available" | "draft"), ..] => {
            first.to_string()
        }
        _ => String::new(),
    }
}

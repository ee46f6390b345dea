//! `vitrina access`: gives each vendor an access code for the editor and prints the new ones.
//!
//! Vendors are the plain folders of `content/vendors/` (not links, not hidden), each known by
//! the address form of its name (`Café Doña Rosa` → `cafe-dona-rosa`), as the editor knows them.
//! Every vendor without a code gets one; codes of vendors whose folder is gone are removed.
//! `--renew VENDOR` gives only that vendor a new code; the old one stops working at once, also
//! for a running `vitrina edit` (it reads the codes file again on every login and checks each
//! session's code against it).
//!
//! **Codes are shown once.** Only salted hashes are kept (`SITE/.vitrina/access.toml`), so a
//! code is printed when it is made and never again: a vendor who has one is listed as such, and
//! a lost code is replaced with `--renew`. `--json` prints only the codes made by this run, as
//! `[{"vendor", "code", "path"}]` on stdout (`[]` when none), everything else on stderr.

use std::path::Path;

use anyhow::Result;
use serde::Serialize;

use crate::cli::AccessArgs;
use crate::content::toml::suggest;
use crate::diag::messages::access::AccessMessage;
use crate::diag::render::render_all;
use crate::diag::{Diagnostic, Diagnostics, Problem, Severity};
use crate::edit::access::{Codes, Damaged};
use crate::i18n::Lang;
use crate::model::slugify;

/// Where a vendor logs in, before the code.
const LOGIN: &str = "/__vitrina/edit/login?code=";

/// One code of `--json`.
#[derive(Serialize)]
struct Made {
    vendor: String,
    code: String,
    path: String,
}

/// Runs `access`; returns the exit status.
pub fn run(args: &AccessArgs, lang: Option<Lang>) -> Result<u8> {
    let site = args.site.site.as_path();
    let lang = lang.unwrap_or_else(|| crate::build::sniff_lang(site));
    if !site.join("content").join("fair.toml").is_file() {
        let mut diags = Diagnostics::new();
        diags.push(Diagnostic::file(
            Severity::Error,
            "content/fair.toml",
            Problem::NoFairToml,
        ));
        eprint!("{}", render_all(&diags, lang, crate::diag::render::color()));
        return Ok(1);
    }
    match give_codes(args, site, lang) {
        Err(e) => match e.downcast_ref::<Damaged>() {
            Some(d) => {
                let message = AccessMessage::Damaged {
                    path: &d.path,
                    detail: &d.detail,
                };
                eprintln!("{}", message.text(lang));
                Ok(1)
            }
            None => Err(e),
        },
        ok => ok,
    }
}

/// The codes' part of [`run`], once the site is known to be one.
fn give_codes(args: &AccessArgs, site: &Path, lang: Lang) -> Result<u8> {
    let vendors = vendor_slugs(site)?;
    let site_arg = site_arg(site);
    // Notes go to stdout, unless stdout is for the JSON.
    let note = |m: AccessMessage| {
        if args.json {
            eprintln!("{}", m.text(lang));
        } else {
            println!("{}", m.text(lang));
        }
    };
    let mut codes = Codes::load(site)?;
    let made: Vec<(String, String)> = if let Some(wanted) = &args.renew {
        let Some(vendor) = find(&vendors, wanted) else {
            let suggestion =
                suggest(wanted, &vendors).or_else(|| suggest(&slugify(wanted), &vendors));
            let message = AccessMessage::UnknownVendor {
                vendor: wanted,
                suggestion: suggestion.as_deref(),
            };
            eprintln!("{}", message.text(lang));
            return Ok(2);
        };
        let code = codes.issue(site, &vendor)?;
        vec![(vendor, code)]
    } else {
        let removed = codes.retain(site, |v| vendors.iter().any(|s| s == v))?;
        if !removed.is_empty() {
            note(AccessMessage::Revoked { vendors: &removed });
        }
        let missing: Vec<&str> = vendors
            .iter()
            .filter(|v| !codes.has(v))
            .map(String::as_str)
            .collect();
        let made = if missing.is_empty() {
            Vec::new()
        } else {
            codes.issue_many(site, &missing)?
        };
        missing.iter().map(|v| (*v).to_string()).zip(made).collect()
    };

    if args.json {
        let list: Vec<Made> = made
            .iter()
            .map(|(vendor, code)| Made {
                vendor: vendor.clone(),
                code: code.clone(),
                path: format!("{LOGIN}{code}"),
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&list)?);
    } else if !made.is_empty() {
        println!(
            "{}\n",
            AccessMessage::NewCodes { count: made.len() }.text(lang)
        );
        let width = made
            .iter()
            .map(|(v, _)| v.chars().count())
            .max()
            .unwrap_or(0);
        for (vendor, code) in &made {
            let path = format!("{LOGIN}{code}");
            let line = AccessMessage::Code {
                vendor,
                code,
                path: &path,
                width,
            };
            println!("{}", line.text(lang));
        }
        println!();
    }
    if args.renew.is_none() {
        let had: Vec<String> = vendors
            .iter()
            .filter(|v| !made.iter().any(|(m, _)| m == *v))
            .cloned()
            .collect();
        if vendors.is_empty() {
            note(AccessMessage::NoVendors {
                site_arg: &site_arg,
            });
        } else if !had.is_empty() {
            note(AccessMessage::AlreadyHave {
                vendors: &had,
                site_arg: &site_arg,
            });
        }
    }
    if !made.is_empty() {
        note(AccessMessage::NextSteps {
            site_arg: &site_arg,
        });
    }
    Ok(0)
}

/// The vendor `--renew` names: its address form or its folder's name.
fn find(vendors: &[String], wanted: &str) -> Option<String> {
    let slug = slugify(wanted);
    vendors
        .iter()
        .find(|v| v.as_str() == wanted || **v == slug)
        .cloned()
}

/// The vendors of the site, by the address form of their folder's name, sorted: the plain
/// folders of `content/vendors/` (hidden ones and links left out, as the build leaves them).
fn vendor_slugs(site: &Path) -> Result<Vec<String>> {
    let dir = site.join("content").join("vendors");
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(anyhow::Error::new(e).context(dir.display().to_string())),
    };
    let mut slugs = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| anyhow::Error::new(e).context(dir.display().to_string()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let slug = slugify(&name);
        if !slug.is_empty() {
            slugs.push(slug);
        }
    }
    slugs.sort();
    slugs.dedup();
    Ok(slugs)
}

/// ` --site DIR` for the commands the messages suggest, when the site is not the current folder.
fn site_arg(site: &Path) -> String {
    if site == Path::new(".") {
        return String::new();
    }
    let s = site.display().to_string();
    if s.contains(char::is_whitespace) {
        format!(" --site \"{s}\"")
    } else {
        format!(" --site {s}")
    }
}

//! `vitrina new vendor` / `vitrina new product`: scaffolds with every field present and explained
//! in a comment, so a young entrepreneur fills in blanks instead of learning TOML first.
//!
//! The vendor scaffold lists the fair's categories (from `content/fair.toml`) and switches none
//! on: she picks hers. The example texts come from `model::placeholders`, whose check warns when
//! one is left in a page that is built. After creating files, `new` prints the next steps.
//! Never overwrites an existing file.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::cli::NewCommand;
use crate::config::RawFair;
use crate::content::toml::suggest;
use crate::content::{source, toml as content_toml};
use crate::diag::messages::new::NewMessage;
use crate::diag::render::render_all;
use crate::diag::Diagnostics;
use crate::i18n::Lang;
use crate::model::placeholders::{
    DESCRIPTION, EMAIL, HANDLE, PAGE, PHOTO_ALT, STORY, TAGLINE, WEBSITE,
};
use crate::model::slugify;

/// Runs `new`; returns the exit status.
pub fn run(cmd: &NewCommand, lang: Option<Lang>) -> Result<u8> {
    match cmd {
        NewCommand::Vendor { slug, site } => vendor(&site.site, slug, lang),
        NewCommand::Product { vendor, slug, site } => product(&site.site, vendor, slug, lang),
    }
}

fn lang_for(site: &Path, flag: Option<Lang>) -> Lang {
    flag.unwrap_or_else(|| crate::build::sniff_lang(site))
}

/// Prints what happened (stdout).
fn tell(lang: Lang, message: NewMessage) {
    println!("{}", message.text(lang));
}

/// Prints why nothing was done (stderr) and returns the exit status.
fn refuse(lang: Lang, message: NewMessage, status: u8) -> u8 {
    eprintln!("{}", message.text(lang));
    status
}

/// ` --site DIR` for the commands the next steps suggest, when the site is not the current folder.
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

/// A fair category offered in the scaffold: its slug and name.
struct Offered {
    slug: String,
    name: String,
}

/// The categories of `content/fair.toml` a vendor may pick (URL-safe slugs, each once); `Err`
/// with the file's problems when it does not parse.
fn fair_categories(site: &Path) -> Result<Vec<Offered>, Diagnostics> {
    let mut diags = Diagnostics::new();
    let path = site.join("content/fair.toml");
    let raw = source::read(&path, "content/fair.toml", &mut diags).and_then(|src| {
        let len = src.text.len();
        content_toml::parse::<RawFair>(&src, 0..len, &mut diags)
    });
    let Some(raw) = raw else {
        return Err(diags);
    };
    let mut offered: Vec<Offered> = Vec::new();
    for c in &raw.categories {
        let slug = c.slug.get_ref().trim();
        // A slug the build would refuse is reported by `check`; it is not offered here.
        if slug.is_empty() || slugify(slug) != slug || offered.iter().any(|o| o.slug == slug) {
            continue;
        }
        offered.push(Offered {
            slug: slug.to_string(),
            // Names go into a comment: a line break in one must not end the comment.
            name: c
                .name
                .chars()
                .map(|ch| if ch.is_control() { ' ' } else { ch })
                .collect(),
        });
    }
    Ok(offered)
}

/// The vendor folder whose name gives `slug` as its address, when there is one.
fn same_address(vendors: &Path, slug: &str) -> Option<PathBuf> {
    fs::read_dir(vendors)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| slugify(&n.to_string_lossy()) == slug)
        })
}

/// Writes a new file; `false` when something is already there (it is left as it was).
fn create(path: &Path, text: &str) -> Result<bool> {
    match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(mut f) => {
            f.write_all(text.as_bytes())
                .with_context(|| path.display().to_string())?;
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e).with_context(|| path.display().to_string()),
    }
}

fn vendor(site: &Path, name: &str, flag: Option<Lang>) -> Result<u8> {
    let lang = lang_for(site, flag);
    let status = match make_vendor(site, name, lang)? {
        MadeVendor::BadName => refuse(lang, NewMessage::BadVendorName { name }, 2),
        MadeVendor::NoSite => refuse(lang, NewMessage::NoSite { site }, 1),
        MadeVendor::FairBroken(diags) => {
            eprint!("{}", render_all(&diags, lang, super::color()));
            refuse(lang, NewMessage::FairBroken, 1)
        }
        MadeVendor::Exists(path) => refuse(lang, NewMessage::AlreadyExists { path: &path }, 1),
        MadeVendor::Created { dir, slug } => {
            let site_arg = site_arg(site);
            let message = NewMessage::VendorCreated {
                dir: &dir,
                slug: &slug,
                site_arg: &site_arg,
            };
            tell(lang, message);
            0
        }
    };
    Ok(status)
}

/// What [`make_vendor`] did.
#[derive(Debug)]
pub enum MadeVendor {
    /// The folder was made: its path and slug.
    Created {
        /// The new vendor folder.
        dir: PathBuf,
        /// Its slug (the folder name).
        slug: String,
    },
    /// The name gives no folder name (only symbols).
    BadName,
    /// The site has no `content/fair.toml`.
    NoSite,
    /// `content/fair.toml` has errors: its categories are unknown.
    FairBroken(Diagnostics),
    /// A folder (or file) with that address is there already; nothing was written.
    Exists(PathBuf),
}

/// Makes the vendor folder of `name` (`vendor.toml` with every field explained, `about.md`,
/// `products/`, `photos/`) in the scaffold's language `lang`: `vitrina new vendor` and the
/// editor's desk both make vendors with it. Never overwrites anything.
pub fn make_vendor(site: &Path, name: &str, lang: Lang) -> Result<MadeVendor> {
    let slug = slugify(name);
    if slug.is_empty() {
        return Ok(MadeVendor::BadName);
    }
    if !site.join("content/fair.toml").is_file() {
        return Ok(MadeVendor::NoSite);
    }
    let categories = match fair_categories(site) {
        Ok(c) => c,
        Err(diags) => return Ok(MadeVendor::FairBroken(diags)),
    };
    let vendors = site.join("content/vendors");
    let dir = vendors.join(&slug);
    // Another spelling of the same name ("Café Rosa" for cafe-rosa) would take the same address.
    let existing = if dir.exists() {
        Some(dir.clone())
    } else {
        same_address(&vendors, &slug)
    };
    if let Some(existing) = existing {
        return Ok(MadeVendor::Exists(existing));
    }
    fs::create_dir_all(dir.join("products")).with_context(|| dir.display().to_string())?;
    fs::create_dir_all(dir.join("photos")).with_context(|| dir.display().to_string())?;
    let display_name = if name == slug {
        title_case(name)
    } else {
        name.to_string()
    };
    let toml = vendor_toml(lang, &display_name, &categories);
    let toml_path = dir.join("vendor.toml");
    if !create(&toml_path, &toml)? {
        return Ok(MadeVendor::Exists(toml_path));
    }
    let about_path = dir.join("about.md");
    if !create(&about_path, &format!("{}\n", STORY.text(lang)))? {
        return Ok(MadeVendor::Exists(about_path));
    }
    Ok(MadeVendor::Created { dir, slug })
}

/// The `categories` lines of the vendor scaffold: the fair's categories in a comment, none on.
fn categories_block(lang: Lang, categories: &[Offered]) -> String {
    let Some(first) = categories.first() else {
        return match lang {
            Lang::Es => "# categories: la feria todavía no tiene categorías; quien organiza las agrega en content/fair.toml\ncategories = []\n",
            Lang::En => "# categories: the fair has no categories yet; the organizers add them in content/fair.toml\ncategories = []\n",
        }
        .to_string();
    };
    let mut block = match lang {
        Lang::Es => format!(
            "# categories: elige una o más de esta lista y escribe su código entre comillas, por ejemplo\n\
             # categories = [\"{}\"] (la primera es la principal). Categorías de la feria:\n",
            first.slug
        ),
        Lang::En => format!(
            "# categories: pick one or more from this list and write their code in quotes, for example\n\
             # categories = [\"{}\"] (the first is the main one). The fair's categories:\n",
            first.slug
        ),
    };
    let width = categories.iter().map(|c| c.slug.len()).max().unwrap_or(0);
    for c in categories {
        block.push_str(&format!("#   {:width$}   {}\n", c.slug, c.name));
    }
    block.push_str("categories = []\n");
    block
}

fn vendor_toml(lang: Lang, display_name: &str, categories: &[Offered]) -> String {
    // Written as a TOML string, so quotes or backslashes in the name cannot break the file.
    let quoted_name = toml::Value::String(display_name.to_string()).to_string();
    let categories = categories_block(lang, categories);
    let (tagline, alt, handle, page, email, website) = (
        TAGLINE.text(lang),
        PHOTO_ALT.text(lang),
        HANDLE.text(lang),
        PAGE.text(lang),
        EMAIL.text(lang),
        WEBSITE.text(lang),
    );
    match lang {
        Lang::Es => format!(
            r#"# Tu emprendimiento. Las líneas que empiezan con # son comentarios: vitrina no las lee.
# Para activar un campo, borra el # del comienzo de la línea.

name = {quoted_name}            # obligatorio: el nombre de tu emprendimiento
# owner = "Ana"                    # tu nombre de pila (basta el primer nombre)
# tagline = "{tagline}"
# booth = "A-01"                   # tu puesto en la feria
{categories}# logo = "photos/logo.jpg"
# cover = {{ src = "photos/puesto.jpg", alt = "{alt}" }}
# payment = ["yape", "plin", "efectivo"]   # yape, plin, efectivo, tarjeta, transferencia
# delivery = true                  # true si haces delivery
draft = true                       # no aparece en el sitio hasta que lo cambies a false

[contact]
# whatsapp = "+51 987 654 321"     # con código de país
# instagram = "{handle}"
# facebook = "{page}"
# tiktok = "{handle}"
# email = "{email}"
# website = "{website}"
"#
        ),
        Lang::En => format!(
            r#"# Your business. Lines starting with # are comments: vitrina ignores them.
# To use a field, delete the # at the start of its line.

name = {quoted_name}            # required: your business name
# owner = "Ana"                    # your first name is enough
# tagline = "{tagline}"
# booth = "A-01"                   # your booth at the fair
{categories}# logo = "photos/logo.jpg"
# cover = {{ src = "photos/booth.jpg", alt = "{alt}" }}
# payment = ["yape", "plin", "efectivo"]   # yape, plin, efectivo, tarjeta, transferencia
# delivery = true                  # true if you deliver
draft = true                       # stays off the site until you change it to false

[contact]
# whatsapp = "+51 987 654 321"     # with country code
# instagram = "{handle}"
# facebook = "{page}"
# tiktok = "{handle}"
# email = "{email}"
# website = "{website}"
"#
        ),
    }
}

/// Vendor folders (those with a vendor.toml) by folder name, for "did you mean".
fn vendor_folders(vendors: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(vendors) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().join("vendor.toml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Whether the vendor's `vendor.toml` says `draft = true` (then a preview needs `--drafts`).
fn is_draft(vendor_dir: &Path) -> bool {
    fs::read_to_string(vendor_dir.join("vendor.toml"))
        .ok()
        .and_then(|t| t.parse::<toml::Table>().ok())
        .and_then(|t| t.get("draft")?.as_bool())
        == Some(true)
}

fn product(site: &Path, vendor: &str, name: &str, flag: Option<Lang>) -> Result<u8> {
    let lang = lang_for(site, flag);
    let vendors = site.join("content/vendors");
    let dir = [vendor.to_string(), slugify(vendor)]
        .into_iter()
        .map(|v| vendors.join(v))
        .find(|d| d.join("vendor.toml").is_file());
    let Some(dir) = dir else {
        let folders = vendor_folders(&vendors);
        let suggestion = suggest(vendor, &folders).or_else(|| suggest(&slugify(vendor), &folders));
        let message = NewMessage::VendorNotFound {
            vendor,
            vendors_dir: &vendors,
            suggestion: suggestion.as_deref(),
        };
        return Ok(refuse(lang, message, 1));
    };
    let slug = slugify(name);
    if slug.is_empty() {
        return Ok(refuse(lang, NewMessage::BadProductName { name }, 2));
    }
    let file = dir.join("products").join(format!("{slug}.md"));
    fs::create_dir_all(dir.join("products")).with_context(|| dir.display().to_string())?;
    let display_name = if name == slug {
        title_case(&name.replace('-', " "))
    } else {
        name.to_string()
    };
    if !create(&file, &product_md(lang, &display_name, &slug))? {
        return Ok(refuse(lang, NewMessage::AlreadyExists { path: &file }, 1));
    }
    tell(
        lang,
        NewMessage::ProductCreated {
            file: &file,
            site_arg: &site_arg(site),
            vendor_draft: is_draft(&dir),
        },
    );
    Ok(0)
}

fn product_md(lang: Lang, display_name: &str, slug: &str) -> String {
    let quoted_name = toml::Value::String(display_name.to_string()).to_string();
    let (alt, description) = (PHOTO_ALT.text(lang), DESCRIPTION.text(lang));
    match lang {
        Lang::Es => format!(
            r#"+++
# Tu producto o servicio. Borra el # para activar un campo.
name = {quoted_name}            # obligatorio
# price = 10.50                    # solo el número, con punto; sin precio = "precio a consultar"
# price_note = "por docena"
# category = "alimentos"           # si no, la categoría principal de tu emprendimiento
# photos = [
#   {{ src = "photos/{slug}.jpg", alt = "{alt}" }},
# ]
# tags = ["hecho a mano"]
# available = false                # false muestra "agotado"
# featured = true                  # aparece primero en la portada
# order = 10                       # orden dentro de tu página
# draft = true                     # true para que aún no aparezca
+++
{description}
"#
        ),
        Lang::En => format!(
            r#"+++
# Your product or service. Delete the # to use a field.
name = {quoted_name}            # required
# price = 10.50                    # just the number, with a point; none = "price on request"
# price_note = "per dozen"
# category = "alimentos"           # default: your main category
# photos = [
#   {{ src = "photos/{slug}.jpg", alt = "{alt}" }},
# ]
# tags = ["handmade"]
# available = false                # false shows "sold out"
# featured = true                  # shown first on the home page
# order = 10                       # order on your page
# draft = true                     # true keeps it off the site for now
+++
{description}
"#
        ),
    }
}

fn title_case(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offered(list: &[(&str, &str)]) -> Vec<Offered> {
        list.iter()
            .map(|(slug, name)| Offered {
                slug: slug.to_string(),
                name: name.to_string(),
            })
            .collect()
    }

    #[test]
    fn the_vendor_scaffold_parses_and_switches_no_category_on() {
        for lang in [Lang::Es, Lang::En] {
            let cats = offered(&[("alimentos", "Postres y alimentos"), ("arte", "Arte")]);
            let text = vendor_toml(lang, "Dulces \"La Abuela\"", &cats);
            let raw: crate::config::RawVendor = toml::from_str(&text).unwrap();
            assert!(raw.categories.is_empty(), "{text}");
            assert_eq!(raw.draft, Some(true));
            assert!(
                text.contains("#   alimentos   Postres y alimentos\n"),
                "{text}"
            );
            assert!(text.contains("#   arte        Arte\n"), "{text}");
            assert!(text.contains("categories = [\"alimentos\"]"), "{text}");
            // Without categories in the fair, still valid TOML.
            let text = vendor_toml(lang, "x", &[]);
            assert!(toml::from_str::<crate::config::RawVendor>(&text).is_ok());
        }
    }

    #[test]
    fn a_line_break_in_a_category_name_cannot_leave_the_comment() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("content")).unwrap();
        fs::write(
            dir.path().join("content/fair.toml"),
            "title = \"F\"\n[[categories]]\nslug = \"a\"\nname = \"A\\ndraft = false\"\n[[categories]]\nslug = \"Mal Slug\"\nname = \"B\"\n",
        )
        .unwrap();
        let cats = fair_categories(dir.path()).ok().unwrap();
        assert_eq!(cats.len(), 1, "a slug the build refuses is not offered");
        let text = vendor_toml(Lang::Es, "x", &cats);
        let raw: crate::config::RawVendor = toml::from_str(&text).unwrap();
        assert_eq!(raw.draft, Some(true), "{text}");
    }
}

//! `vitrina new vendor` / `vitrina new product`: scaffolds with every field present and explained
//! in a comment, so a young entrepreneur fills in blanks instead of learning TOML first.
//! Never overwrites an existing file.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

use crate::cli::NewCommand;
use crate::i18n::Lang;
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

fn first_category(site: &Path) -> String {
    fs::read_to_string(site.join("content/fair.toml"))
        .ok()
        .and_then(|t| t.parse::<toml::Table>().ok())
        .and_then(|t| {
            t.get("categories")?
                .as_array()?
                .first()?
                .get("slug")?
                .as_str()
                .map(str::to_string)
        })
        .unwrap_or_else(|| "alimentos".into())
}

fn say(lang: Lang, es: String, en: String) -> String {
    if lang == Lang::Es {
        es
    } else {
        en
    }
}

fn vendor(site: &Path, name: &str, flag: Option<Lang>) -> Result<u8> {
    let lang = lang_for(site, flag);
    let slug = slugify(name);
    if slug.is_empty() {
        eprintln!(
            "{}",
            say(
                lang,
                format!("«{name}» no sirve como nombre de carpeta: usa letras o números"),
                format!("\"{name}\" cannot be a folder name: use letters or digits")
            )
        );
        return Ok(2);
    }
    if !site.join("content/fair.toml").is_file() {
        eprintln!(
            "{}",
            say(
                lang,
                format!(
                    "no encuentro {}/content/fair.toml: usa --site CARPETA",
                    site.display()
                ),
                format!(
                    "{}/content/fair.toml not found: use --site FOLDER",
                    site.display()
                )
            )
        );
        return Ok(1);
    }
    let dir = site.join("content/vendors").join(&slug);
    if dir.exists() {
        return Ok(already_exists(lang, &dir));
    }
    fs::create_dir_all(dir.join("products")).with_context(|| dir.display().to_string())?;
    fs::create_dir_all(dir.join("photos"))?;
    let display_name = if name == slug {
        title_case(name)
    } else {
        name.to_string()
    };
    let category = first_category(site);
    // Written as a TOML string, so quotes or backslashes in the name cannot break the file.
    let quoted_name = toml::Value::String(display_name.clone()).to_string();
    let toml = match lang {
        Lang::Es => format!(
            r#"# Tu emprendimiento. Las líneas que empiezan con # son comentarios: vitrina no las lee.
# Para activar un campo, borra el # del comienzo de la línea.

name = {quoted_name}            # obligatorio: el nombre de tu emprendimiento
# owner = "Ana"                    # tu nombre de pila (basta el primer nombre)
# tagline = "Una frase sobre lo que haces"
# booth = "A-01"                   # tu puesto en la feria
categories = ["{category}"]        # categorías de content/fair.toml; la primera es la principal
# logo = "photos/logo.jpg"
# cover = {{ src = "photos/puesto.jpg", alt = "Describe la foto para quien no puede verla" }}
# payment = ["yape", "plin", "efectivo"]   # yape, plin, efectivo, tarjeta, transferencia
# delivery = true                  # true si haces delivery
draft = true                       # no aparece en el sitio hasta que lo cambies a false

[contact]
# whatsapp = "+51 987 654 321"     # con código de país
# instagram = "tu.usuario"
# facebook = "tupagina"
# tiktok = "tu.usuario"
# email = "correo@example.org"
# website = "https://example.org"
"#
        ),
        Lang::En => format!(
            r#"# Your business. Lines starting with # are comments: vitrina ignores them.
# To use a field, delete the # at the start of its line.

name = {quoted_name}            # required: your business name
# owner = "Ana"                    # your first name is enough
# tagline = "One sentence about what you make"
# booth = "A-01"                   # your booth at the fair
categories = ["{category}"]        # categories from content/fair.toml; the first is the main one
# logo = "photos/logo.jpg"
# cover = {{ src = "photos/booth.jpg", alt = "Describe the photo for people who cannot see it" }}
# payment = ["yape", "plin", "efectivo"]   # yape, plin, efectivo, tarjeta, transferencia
# delivery = true                  # true if you deliver
draft = true                       # stays off the site until you change it to false

[contact]
# whatsapp = "+51 987 654 321"     # with country code
# instagram = "your.handle"
# facebook = "yourpage"
# tiktok = "your.handle"
# email = "mail@example.org"
# website = "https://example.org"
"#
        ),
    };
    fs::write(dir.join("vendor.toml"), toml)?;
    let about = say(
        lang,
        "Cuenta tu historia aquí: qué haces, cómo empezaste, qué te hace especial.\n".into(),
        "Tell your story here: what you make, how you started, what makes you special.\n".into(),
    );
    fs::write(dir.join("about.md"), about)?;
    println!(
        "{}",
        say(
            lang,
            format!(
                "Creado: {}/ (vendor.toml, about.md, products/, photos/)",
                dir.display()
            ),
            format!(
                "Created: {}/ (vendor.toml, about.md, products/, photos/)",
                dir.display()
            )
        )
    );
    Ok(0)
}

fn product(site: &Path, vendor: &str, name: &str, flag: Option<Lang>) -> Result<u8> {
    let lang = lang_for(site, flag);
    let vendors = site.join("content/vendors");
    let dir = [vendor.to_string(), slugify(vendor)]
        .into_iter()
        .map(|v| vendors.join(v))
        .find(|d| d.join("vendor.toml").is_file());
    let Some(dir) = dir else {
        eprintln!(
            "{}",
            say(
                lang,
                format!(
                    "no encuentro el emprendimiento «{vendor}» en {}",
                    vendors.display()
                ),
                format!("vendor \"{vendor}\" not found in {}", vendors.display())
            )
        );
        return Ok(1);
    };
    let slug = slugify(name);
    if slug.is_empty() {
        eprintln!(
            "{}",
            say(
                lang,
                format!("«{name}» no sirve como nombre de archivo"),
                format!("\"{name}\" cannot be a file name")
            )
        );
        return Ok(2);
    }
    let file = dir.join("products").join(format!("{slug}.md"));
    if file.exists() {
        return Ok(already_exists(lang, &file));
    }
    fs::create_dir_all(dir.join("products"))?;
    let display_name = if name == slug {
        title_case(&name.replace('-', " "))
    } else {
        name.to_string()
    };
    let quoted_name = toml::Value::String(display_name.clone()).to_string();
    let text = match lang {
        Lang::Es => format!(
            r#"+++
# Tu producto o servicio. Borra el # para activar un campo.
name = {quoted_name}            # obligatorio
# price = 10.50                    # solo el número, con punto; sin precio = "precio a consultar"
# price_note = "por docena"
# category = "alimentos"           # si no, la categoría principal de tu emprendimiento
# photos = [
#   {{ src = "photos/{slug}.jpg", alt = "Describe la foto para quien no puede verla" }},
# ]
# tags = ["hecho a mano"]
# available = false                # false muestra "agotado"
# featured = true                  # aparece primero en la portada
# order = 10                       # orden dentro de tu página
# draft = true                     # true para que aún no aparezca
+++
Describe tu producto aquí: de qué está hecho, tamaños, cómo pedirlo.
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
#   {{ src = "photos/{slug}.jpg", alt = "Describe the photo for people who cannot see it" }},
# ]
# tags = ["handmade"]
# available = false                # false shows "sold out"
# featured = true                  # shown first on the home page
# order = 10                       # order on your page
# draft = true                     # true keeps it off the site for now
+++
Describe your product here: what it is made of, sizes, how to order.
"#
        ),
    };
    fs::write(&file, text)?;
    println!(
        "{}",
        say(
            lang,
            format!("Creado: {}", file.display()),
            format!("Created: {}", file.display())
        )
    );
    Ok(0)
}

/// Says that `path` exists and nothing was changed; the exit status.
fn already_exists(lang: Lang, path: &Path) -> u8 {
    let p = path.display();
    eprintln!(
        "{}",
        say(
            lang,
            format!("{p} ya existe; no cambié nada"),
            format!("{p} already exists; nothing changed")
        )
    );
    1
}

fn title_case(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

//! `vitrina init DIR`: a new, empty site that `check` accepts, ready for `vitrina edit`.
//!
//! It makes `DIR/content/fair.toml` (every field present and explained in a comment, in Spanish,
//! or in English with `--lang en`; optional fields commented out), an empty
//! `DIR/content/vendors/` (holding a `.gitkeep`, which the build ignores, so git keeps the
//! folder) and `DIR/.gitignore` (the private folder, the caches and the output). It refuses a
//! DIR that exists and is not empty (exit status 2), writing nothing, and prints the next steps.

use std::path::Path;

use anyhow::{Context, Result};

use crate::cli::InitArgs;
use crate::diag::messages::access::InitMessage;
use crate::i18n::Lang;

/// What git should not keep of a site: the editor's private folder, the caches, the output.
pub const GITIGNORE: &str = "\
# vitrina: folders git must not keep.
# The editor's private folder (access codes, earlier versions): never publish it.
.vitrina/
# Caches of vitrina build and vitrina serve / vitrina edit.
.vitrina-cache/
.vitrina-serve/
# The built site (vitrina build).
public/
";

/// Runs `init`; returns the exit status.
pub fn run(args: &InitArgs, lang: Option<Lang>) -> Result<u8> {
    let lang = lang.unwrap_or(Lang::Es);
    let dir = args.dir.as_path();
    match std::fs::symlink_metadata(dir) {
        Ok(meta) if !meta.is_dir() => {
            eprintln!("{}", InitMessage::NotAFolder { dir }.text(lang));
            return Ok(2);
        }
        Ok(_) => {
            let mut entries = std::fs::read_dir(dir).with_context(|| dir.display().to_string())?;
            if entries.next().is_some() {
                eprintln!("{}", InitMessage::NotEmpty { dir }.text(lang));
                return Ok(2);
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(anyhow::Error::new(e).context(dir.display().to_string())),
    }
    let vendors = dir.join("content").join("vendors");
    std::fs::create_dir_all(&vendors).with_context(|| vendors.display().to_string())?;
    write(&vendors.join(".gitkeep"), "")?;
    write(&dir.join("content").join("fair.toml"), fair_toml(lang))?;
    write(&dir.join(".gitignore"), GITIGNORE)?;
    let site_arg = site_arg(dir);
    println!(
        "{}",
        InitMessage::Created {
            dir,
            site_arg: &site_arg
        }
        .text(lang)
    );
    Ok(0)
}

fn write(path: &Path, text: &str) -> Result<()> {
    crate::fs::write_atomic(path, text.as_bytes()).with_context(|| path.display().to_string())
}

/// ` --site DIR` for the commands the next steps suggest.
fn site_arg(dir: &Path) -> String {
    let s = dir.display().to_string();
    if s.contains(char::is_whitespace) || s.contains(['"', '\'']) {
        format!(" --site \"{}\"", s.replace('"', "\\\""))
    } else {
        format!(" --site {s}")
    }
}

/// The new site's `content/fair.toml`, every field explained in `lang`.
pub fn fair_toml(lang: Lang) -> &'static str {
    match lang {
        Lang::Es => FAIR_ES,
        Lang::En => FAIR_EN,
    }
}

const FAIR_ES: &str = r#"# Tu feria: lo que muestra la portada del sitio.
# Las líneas que empiezan con # son comentarios: vitrina no las lee.
# Para usar un campo, borra el # del comienzo de su línea.
# Después de cambiar algo, revisa con: vitrina check

title = "Mi feria"            # obligatorio: el nombre de la feria, tal como se verá en el sitio
description = "Productos y servicios de jóvenes emprendedoras"   # una frase sobre la feria
language = "es"               # idioma del sitio: "es" (español) o "en" (inglés)
currency = "PEN"              # moneda de los precios: PEN se muestra como "S/ 12.50"
# base_url = "https://feria.example.org"   # la dirección pública del sitio, cuando lo publiques
# theme = "default"           # el diseño: el nombre de una carpeta de themes/ (si no, el de vitrina)

# La feria misma: fechas (año-mes-día, sin comillas), lugar y horario.
# [fair]
# start = 2026-12-05          # primer día
# end = 2026-12-07            # último día
# venue = "Parque Kennedy, Miraflores, Lima"
# hours = "10:00–20:00"

# Categorías: cada emprendimiento elige las suyas de esta lista.
# El orden aquí es el orden en el sitio. Cada una tiene:
#   slug: su código en la dirección web (minúsculas, sin espacios ni tildes, con guiones)
#   name: el nombre que se ve
#   description: una frase (opcional)
# Cambia estas de ejemplo por las de tu feria, o agrega más copiando un bloque.

[[categories]]
slug = "alimentos"
name = "Postres y alimentos"

[[categories]]
slug = "textiles"
name = "Textiles y bordados"

[[categories]]
slug = "servicios"
name = "Servicios"
description = "Peinados, pintura de caras y más"

# Fotos: los anchos (en píxeles) y la calidad de las copias para la web. Estos son los valores
# de siempre; cámbialos solo si sabes para qué.
# [images]
# widths = [320, 640, 1280]
# quality = 75
"#;

const FAIR_EN: &str = r#"# Your fair: what the home page of the site shows.
# Lines starting with # are comments: vitrina ignores them.
# To use a field, delete the # at the start of its line.
# After changing something, check with: vitrina check

title = "My fair"             # required: the fair's name, as the site shows it
description = "Products and services by young entrepreneurs"   # one sentence about the fair
language = "en"               # the site's language: "es" (Spanish) or "en" (English)
currency = "PEN"              # currency of the prices: PEN is shown as "S/ 12.50"
# base_url = "https://fair.example.org"   # the site's public address, once you publish it
# theme = "default"           # the design: a folder of themes/ (without it, vitrina's own)

# The fair itself: dates (year-month-day, no quotes), place and opening hours.
# [fair]
# start = 2026-12-05          # first day
# end = 2026-12-07            # last day
# venue = "Parque Kennedy, Miraflores, Lima"
# hours = "10:00–20:00"

# Categories: each vendor picks hers from this list.
# The order here is the order on the site. Each one has:
#   slug: its code in the web address (lower case, no spaces or accents, dashes)
#   name: the name shown
#   description: one sentence (optional)
# Replace these examples with your fair's, or add more by copying a block.

[[categories]]
slug = "food"
name = "Sweets and food"

[[categories]]
slug = "textiles"
name = "Textiles and embroidery"

[[categories]]
slug = "services"
name = "Services"
description = "Hairdressing, face painting and more"

# Photos: the widths (in pixels) and quality of the copies made for the web. These are the
# defaults; change them only if you know why.
# [images]
# widths = [320, 640, 1280]
# quality = 75
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fair_file_parses_with_every_optional_field_switched_on() {
        for lang in [Lang::Es, Lang::En] {
            let text = fair_toml(lang);
            let raw: crate::config::RawFair = toml::from_str(text).unwrap();
            assert_eq!(raw.categories.len(), 3);
            assert_eq!(
                raw.language.as_ref().map(|l| l.get_ref().as_str()),
                Some(lang.code())
            );
            // What a comment offers is right too: uncommented, it still parses.
            let on: String = text
                .lines()
                .map(|l| match l.strip_prefix("# ") {
                    Some(rest) if rest.contains('=') || rest.starts_with('[') => rest,
                    _ => l,
                })
                .collect::<Vec<_>>()
                .join("\n");
            let raw: crate::config::RawFair =
                toml::from_str(&on).unwrap_or_else(|e| panic!("{e}\n{on}"));
            assert!(raw.fair.is_some() && raw.images.is_some() && raw.base_url.is_some());
        }
    }
}

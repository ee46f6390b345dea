//! What `vitrina new` and `vitrina check` say to the person at the keyboard, in Spanish and
//! English: what was created and what to do next, why nothing was created, and `check`'s
//! closing line.
//!
//! The commands choose a message and print [`NewMessage::text`] / [`CheckMessage::text`]; the
//! sentences live here so a translator reads them in one place. (The example texts written *into*
//! the scaffolds live in `model::placeholders`, beside the check that warns when they are left.)

use std::path::Path;

use crate::i18n::Lang;

/// A sentence of `vitrina new`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewMessage<'a> {
    /// The name gives no folder name (only symbols). Exit status 2.
    BadVendorName {
        /// The vendor name as typed on the command line.
        name: &'a str,
    },
    /// The name gives no file name. Exit status 2.
    BadProductName {
        /// The product name as typed on the command line.
        name: &'a str,
    },
    /// `--site` (or the current folder) has no `content/fair.toml`.
    NoSite {
        /// The folder taken as the site (`--site`, or the current folder).
        site: &'a Path,
    },
    /// `content/fair.toml` has errors (printed above): its categories are unknown.
    FairBroken,
    /// The file or folder is there already; nothing was written.
    AlreadyExists {
        /// The file or folder that is already there.
        path: &'a Path,
    },
    /// No vendor folder of that name; `suggestion` is the closest existing one.
    VendorNotFound {
        /// The vendor folder name as typed on the command line.
        vendor: &'a str,
        /// The folder that holds the vendor folders (`content/vendors/`).
        vendors_dir: &'a Path,
        /// The closest existing vendor folder; None when none is close.
        suggestion: Option<&'a str>,
    },
    /// A vendor folder was created: what is in it and the next steps. `site_arg` is
    /// ` --site DIR` when the command was given one, for the commands to copy.
    VendorCreated {
        /// The new vendor folder.
        dir: &'a Path,
        /// The folder name made from the vendor's name.
        slug: &'a str,
        /// ` --site DIR` when the command was given one, else "".
        site_arg: &'a str,
    },
    /// A product file was created, and the next step. `vendor_draft`: the vendor is still a
    /// draft, so previews need `--drafts`.
    ProductCreated {
        /// The new product file.
        file: &'a Path,
        /// ` --site DIR` when the command was given one, else "".
        site_arg: &'a str,
        /// Whether the vendor is still a draft (previews then need `--drafts`).
        vendor_draft: bool,
    },
}

impl NewMessage<'_> {
    /// The message, in `lang` (one or more lines, no trailing newline).
    pub fn text(&self, lang: Lang) -> String {
        let es = lang == Lang::Es;
        match self {
            NewMessage::BadVendorName { name } => {
                if es {
                    format!("«{name}» no sirve como nombre de carpeta: usa letras o números")
                } else {
                    format!("\"{name}\" cannot be a folder name: use letters or digits")
                }
            }
            NewMessage::BadProductName { name } => {
                if es {
                    format!("«{name}» no sirve como nombre de archivo: usa letras o números")
                } else {
                    format!("\"{name}\" cannot be a file name: use letters or digits")
                }
            }
            NewMessage::NoSite { site } => {
                let site = site.display();
                if es {
                    format!("no encuentro {site}/content/fair.toml: usa --site CARPETA")
                } else {
                    format!("{site}/content/fair.toml not found: use --site FOLDER")
                }
            }
            NewMessage::FairBroken => {
                if es {
                    "content/fair.toml tiene errores (arriba dice dónde), así que no sé qué \
                     categorías ofrecerte: corrígelos y vuelve a ejecutar este comando. No creé nada."
                } else {
                    "content/fair.toml has errors (shown above), so I cannot tell which \
                     categories to offer: fix them and run this command again. Nothing was created."
                }
                .to_string()
            }
            NewMessage::AlreadyExists { path } => {
                let p = path.display();
                if es {
                    format!("{p} ya existe; no cambié nada")
                } else {
                    format!("{p} already exists; nothing changed")
                }
            }
            NewMessage::VendorNotFound {
                vendor,
                vendors_dir,
                suggestion,
            } => {
                let dir = vendors_dir.display();
                match (suggestion, es) {
                    (Some(s), true) => format!(
                        "no encuentro el emprendimiento «{vendor}» en {dir}: ¿quisiste decir «{s}»?"
                    ),
                    (Some(s), false) => {
                        format!("vendor \"{vendor}\" not found in {dir}: did you mean \"{s}\"?")
                    }
                    (None, true) => format!(
                        "no encuentro el emprendimiento «{vendor}» en {dir}: escribe el nombre de \
                         su carpeta, o créalo con vitrina new vendor \"{vendor}\""
                    ),
                    (None, false) => format!(
                        "vendor \"{vendor}\" not found in {dir}: write its folder name, or \
                         create it with vitrina new vendor \"{vendor}\""
                    ),
                }
            }
            NewMessage::VendorCreated {
                dir,
                slug,
                site_arg,
            } => {
                let d = dir.display();
                if es {
                    format!(
                        "Creado: {d}/ (vendor.toml, about.md, products/, photos/)\n\
                         \n\
                         Ahora:\n  \
                         1. Abre {d}/vendor.toml: elige tu categoría de la lista y completa tus datos.\n  \
                         2. Cuenta tu historia en about.md y copia tus fotos en photos/.\n  \
                         3. Agrega un producto: vitrina new product {slug} \"Nombre del producto\"{site_arg}\n  \
                         4. Mira cómo queda: vitrina serve --drafts{site_arg}\n  \
                         5. Cuando esté listo, cambia draft = true por draft = false y revisa con: vitrina check{site_arg}"
                    )
                } else {
                    format!(
                        "Created: {d}/ (vendor.toml, about.md, products/, photos/)\n\
                         \n\
                         Next:\n  \
                         1. Open {d}/vendor.toml: pick your category from the list and fill in your details.\n  \
                         2. Tell your story in about.md and copy your photos into photos/.\n  \
                         3. Add a product: vitrina new product {slug} \"Product name\"{site_arg}\n  \
                         4. See how it looks: vitrina serve --drafts{site_arg}\n  \
                         5. When it is ready, change draft = true to draft = false and check with: vitrina check{site_arg}"
                    )
                }
            }
            NewMessage::ProductCreated {
                file,
                site_arg,
                vendor_draft,
            } => {
                let f = file.display();
                let drafts = if *vendor_draft { " --drafts" } else { "" };
                if es {
                    format!(
                        "Creado: {f}\n\
                         \n\
                         Ahora: escribe en ese archivo la descripción y el precio, copia sus fotos en \
                         photos/ y mira cómo queda con: vitrina serve{drafts}{site_arg}"
                    )
                } else {
                    format!(
                        "Created: {f}\n\
                         \n\
                         Next: write the description and the price in that file, copy its photos \
                         into photos/ and see how it looks with: vitrina serve{drafts}{site_arg}"
                    )
                }
            }
        }
    }
}

/// A sentence of `vitrina check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckMessage<'a> {
    /// No error: what the site holds (`counts`: "2 emprendimientos, 4 productos") and how many
    /// drafts were left out.
    AllGood {
        /// The site's counts as a phrase ("2 emprendimientos, 4 productos").
        counts: &'a str,
        /// Number of drafts left out of the build.
        drafts_skipped: usize,
    },
}

impl CheckMessage<'_> {
    /// The message, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let es = lang == Lang::Es;
        match self {
            CheckMessage::AllGood {
                counts,
                drafts_skipped,
            } => {
                let good = if es {
                    format!("Todo bien: {counts}.")
                } else {
                    format!("All good: {counts}.")
                };
                let drafts = match (drafts_skipped, es) {
                    (0, _) => String::new(),
                    (1, true) => " 1 borrador sin publicar: usa --drafts para verlo.".into(),
                    (1, false) => " 1 draft not published: use --drafts to see it.".into(),
                    (n, true) => format!(" {n} borradores sin publicar: usa --drafts para verlos."),
                    (n, false) => format!(" {n} drafts not published: use --drafts to see them."),
                };
                good + &drafts
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_counts_drafts_in_both_languages() {
        let say = |n, lang| {
            CheckMessage::AllGood {
                counts: "x",
                drafts_skipped: n,
            }
            .text(lang)
        };
        assert_eq!(say(0, Lang::Es), "Todo bien: x.");
        assert_eq!(
            say(1, Lang::Es),
            "Todo bien: x. 1 borrador sin publicar: usa --drafts para verlo."
        );
        assert_eq!(
            say(3, Lang::En),
            "All good: x. 3 drafts not published: use --drafts to see them."
        );
    }
}

//! Sentences of the editor (access), in Spanish and English: what `vitrina access` and
//! `vitrina init` say to the organizer at the keyboard (codes made, codes that cannot be shown
//! again, a vendor not found, a damaged codes file; a new site and the next steps).
//!
//! The commands choose a message and print [`AccessMessage::text`] / [`InitMessage::text`].

use std::path::Path;

use crate::i18n::Lang;

/// A sentence of `vitrina access`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccessMessage<'a> {
    /// The heading above the new codes: they are shown this once.
    NewCodes {
        /// How many codes follow.
        count: usize,
    },
    /// One new code: the vendor's folder name, the code, the path to open on the editor.
    Code {
        /// The vendor (its address form, as `--renew` takes it).
        vendor: &'a str,
        /// The code, in groups of four.
        code: &'a str,
        /// The login path (`/__vitrina/edit/login?code=…`).
        path: &'a str,
        /// Width to pad the vendor to, so codes line up.
        width: usize,
    },
    /// These vendors have a code already; it cannot be shown again.
    AlreadyHave {
        /// The vendors, sorted.
        vendors: &'a [String],
        /// ` --site DIR` when the command was given one, else "".
        site_arg: &'a str,
    },
    /// The site has no vendor yet.
    NoVendors {
        /// ` --site DIR` when the command was given one, else "".
        site_arg: &'a str,
    },
    /// What to do with the new codes (after them).
    NextSteps {
        /// ` --site DIR` when the command was given one, else "".
        site_arg: &'a str,
    },
    /// Codes of vendors whose folder is gone were removed: they no longer work.
    Revoked {
        /// The vendors.
        vendors: &'a [String],
    },
    /// `--renew` names no vendor folder. Exit status 2.
    UnknownVendor {
        /// The vendor as typed.
        vendor: &'a str,
        /// The closest existing vendor, when one is close.
        suggestion: Option<&'a str>,
    },
    /// `SITE/.vitrina/access.toml` cannot be understood. Exit status 1.
    Damaged {
        /// The file.
        path: &'a Path,
        /// What was wrong with it.
        detail: &'a str,
    },
}

impl AccessMessage<'_> {
    /// The message, in `lang` (one or more lines, no trailing newline).
    pub fn text(&self, lang: Lang) -> String {
        let es = lang == Lang::Es;
        match self {
            AccessMessage::NewCodes { count } => match (es, count) {
                (true, 1) => "Código nuevo (anótalo o imprímelo ahora: no se puede volver a mostrar):".into(),
                (true, _) => format!("{count} códigos nuevos (anótalos o imprímelos ahora: no se pueden volver a mostrar):"),
                (false, 1) => "New code (write it down or print it now: it cannot be shown again):".into(),
                (false, _) => format!("{count} new codes (write them down or print them now: they cannot be shown again):"),
            },
            AccessMessage::Code {
                vendor,
                code,
                path,
                width,
            } => format!("  {vendor:width$}  {code}  {path}"),
            AccessMessage::AlreadyHave { vendors, site_arg } => {
                let list = vendors.join(", ");
                let example = vendors.first().map_or("NOMBRE", String::as_str);
                if es {
                    format!(
                        "Ya tienen código ({}): {list}.\n\
                         Un código se muestra una sola vez. Si alguien perdió el suyo, dale uno nuevo \
                         (el anterior deja de funcionar): vitrina access --renew {example}{site_arg}",
                        vendors.len()
                    )
                } else {
                    format!(
                        "Already have a code ({}): {list}.\n\
                         A code is shown only once. If someone lost theirs, give them a new one \
                         (the old one stops working): vitrina access --renew {example}{site_arg}",
                        vendors.len()
                    )
                }
            }
            AccessMessage::NoVendors { site_arg } => {
                if es {
                    format!(
                        "Todavía no hay emprendimientos. Agrega uno con: vitrina new vendor \"Nombre\"{site_arg}\n\
                         y vuelve a ejecutar: vitrina access{site_arg}"
                    )
                } else {
                    format!(
                        "No vendors yet. Add one with: vitrina new vendor \"Name\"{site_arg}\n\
                         and run again: vitrina access{site_arg}"
                    )
                }
            }
            AccessMessage::NextSteps { site_arg } => {
                if es {
                    format!(
                        "Entrega a cada emprendedora su código. Con vitrina edit{site_arg} abierto, \
                         lo escribe en la página de entrada del editor o abre el enlace en su celular; \
                         desde la «Mesa de la organización» puedes imprimir tarjetas con código QR."
                    )
                } else {
                    format!(
                        "Give each entrepreneur her code. With vitrina edit{site_arg} running, she \
                         types it on the editor's login page or opens the link on her phone; the \
                         organizer's desk prints cards with a QR code."
                    )
                }
            }
            AccessMessage::Revoked { vendors } => {
                let list = vendors.join(", ");
                if es {
                    format!("Quité el código de {list}: ya no tiene carpeta en content/vendors/.")
                } else {
                    format!("Removed the code of {list}: no folder in content/vendors/ any more.")
                }
            }
            AccessMessage::UnknownVendor { vendor, suggestion } => match (suggestion, es) {
                (Some(s), true) => format!(
                    "no encuentro el emprendimiento «{vendor}» en content/vendors/: ¿quisiste decir «{s}»? \
                     No cambié ningún código."
                ),
                (Some(s), false) => format!(
                    "vendor \"{vendor}\" not found in content/vendors/: did you mean \"{s}\"? \
                     No code was changed."
                ),
                (None, true) => format!(
                    "no encuentro el emprendimiento «{vendor}» en content/vendors/: escribe el nombre \
                     de su carpeta. No cambié ningún código."
                ),
                (None, false) => format!(
                    "vendor \"{vendor}\" not found in content/vendors/: write its folder name. \
                     No code was changed."
                ),
            },
            AccessMessage::Damaged { path, detail } => {
                let p = path.display();
                let detail = detail.trim();
                if es {
                    format!(
                        "error: no entiendo {p} ({detail}).\n = qué hacer: bórralo y ejecuta vitrina \
                         access para dar a cada emprendimiento un código nuevo (los anteriores dejan \
                         de funcionar)."
                    )
                } else {
                    format!(
                        "error: cannot understand {p} ({detail}).\n = what to do: remove it and run \
                         vitrina access to give every vendor a new code (the old ones stop working)."
                    )
                }
            }
        }
    }
}

/// A sentence of `vitrina init`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InitMessage<'a> {
    /// The folder exists and holds files: nothing was written. Exit status 2.
    NotEmpty {
        /// The folder.
        dir: &'a Path,
    },
    /// The folder is a file. Exit status 2.
    NotAFolder {
        /// The path.
        dir: &'a Path,
    },
    /// The site was made: what is in it and the next steps.
    Created {
        /// The new site's folder.
        dir: &'a Path,
        /// ` --site DIR` for the commands to copy ("" when DIR is the current folder).
        site_arg: &'a str,
    },
}

impl InitMessage<'_> {
    /// The message, in `lang` (one or more lines, no trailing newline).
    pub fn text(&self, lang: Lang) -> String {
        let es = lang == Lang::Es;
        match self {
            InitMessage::NotEmpty { dir } => {
                let d = dir.display();
                if es {
                    format!(
                        "{d} ya existe y tiene archivos: elige una carpeta nueva o vacía. No cambié nada."
                    )
                } else {
                    format!(
                        "{d} already exists and holds files: choose a new or empty folder. Nothing changed."
                    )
                }
            }
            InitMessage::NotAFolder { dir } => {
                let d = dir.display();
                if es {
                    format!("{d} es un archivo, no una carpeta: elige otro nombre. No cambié nada.")
                } else {
                    format!("{d} is a file, not a folder: choose another name. Nothing changed.")
                }
            }
            InitMessage::Created { dir, site_arg } => {
                let d = dir.display();
                if es {
                    format!(
                        "Sitio nuevo en {d}/ (content/fair.toml, content/vendors/, .gitignore)\n\
                         \n\
                         Ahora:\n  \
                         1. Abre {d}/content/fair.toml y pon el nombre, las fechas y las categorías de tu feria.\n  \
                         2. Agrega cada emprendimiento: vitrina new vendor \"Nombre\"{site_arg}\n  \
                         3. Dale a cada emprendedora su código de acceso: vitrina access{site_arg}\n  \
                         4. Abre el editor: vitrina edit{site_arg}\n     \
                         (con --bind 0.0.0.0 también desde los celulares conectados a tu wifi)"
                    )
                } else {
                    format!(
                        "New site in {d}/ (content/fair.toml, content/vendors/, .gitignore)\n\
                         \n\
                         Next:\n  \
                         1. Open {d}/content/fair.toml and set your fair's name, dates and categories.\n  \
                         2. Add each vendor: vitrina new vendor \"Name\"{site_arg}\n  \
                         3. Give each entrepreneur her access code: vitrina access{site_arg}\n  \
                         4. Open the editor: vitrina edit{site_arg}\n     \
                         (with --bind 0.0.0.0 phones on your Wi-Fi can reach it too)"
                    )
                }
            }
        }
    }
}

/// A text of the printable access cards (`edit::cards`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardMessage<'a> {
    /// The page's title and heading.
    Title,
    /// Shown on screen above the cards, never printed: how to print them and hand them out.
    Advice,
    /// The page has no card: no vendor has a code to print.
    NoCards,
    /// Above the code written out.
    CodeLabel,
    /// What the QR code is, for a screen reader.
    QrLabel {
        /// The vendor's name.
        vendor: &'a str,
    },
    /// First step: the network.
    StepWifi,
    /// Second step: the camera.
    StepScan,
    /// Third step: typing the address and the code.
    StepType {
        /// The address of the login page.
        address: &'a str,
    },
}

impl CardMessage<'_> {
    /// The text, in `lang` (plain text: the caller escapes it for HTML).
    pub fn text(&self, lang: Lang) -> String {
        let es = lang == Lang::Es;
        match self {
            CardMessage::Title => if es { "Tarjetas de acceso" } else { "Access cards" }.into(),
            CardMessage::Advice => if es {
                "Imprime esta página en hojas A6 (o en A4, cuatro por hoja): una tarjeta por \
                 emprendimiento. Cada tarjeta abre solo la ficha de esa persona: entrégala en mano, \
                 no la compartas por chat. Si una se pierde, dale un código nuevo desde el escritorio."
            } else {
                "Print this page on A6 sheets (or A4, four to a sheet): one card per vendor. Each \
                 card opens only that person's entry: hand it over in person, never through a chat. \
                 If one is lost, give a new code from the desk."
            }
            .into(),
            CardMessage::NoCards => if es {
                "No hay tarjetas para imprimir: ningún emprendimiento tiene un código nuevo."
            } else {
                "No cards to print: no vendor has a new code."
            }
            .into(),
            CardMessage::CodeLabel => if es { "Tu código" } else { "Your code" }.into(),
            CardMessage::QrLabel { vendor } => {
                if es {
                    format!("Código QR para entrar a editar {vendor}")
                } else {
                    format!("QR code to open the editor of {vendor}")
                }
            }
            CardMessage::StepWifi => if es {
                "Conéctate al wifi de la feria."
            } else {
                "Connect to the fair's Wi-Fi."
            }
            .into(),
            CardMessage::StepScan => if es {
                "Escanea el código QR con la cámara de tu celular."
            } else {
                "Scan the QR code with your phone's camera."
            }
            .into(),
            CardMessage::StepType { address } => {
                if es {
                    format!("Si no funciona, abre {address} y escribe tu código.")
                } else {
                    format!("If that does not work, open {address} and type your code.")
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_speaks_both_languages() {
        let vendors = ["a".to_string(), "b".to_string()];
        let path = Path::new("/s/.vitrina/access.toml");
        let messages = [
            AccessMessage::NewCodes { count: 2 },
            AccessMessage::AlreadyHave {
                vendors: &vendors,
                site_arg: "",
            },
            AccessMessage::NoVendors { site_arg: "" },
            AccessMessage::NextSteps { site_arg: "" },
            AccessMessage::Revoked { vendors: &vendors },
            AccessMessage::UnknownVendor {
                vendor: "x",
                suggestion: Some("a"),
            },
            AccessMessage::Damaged {
                path,
                detail: "bad",
            },
        ];
        for m in messages {
            let (es, en) = (m.text(Lang::Es), m.text(Lang::En));
            assert_ne!(es, en, "{m:?}");
            for text in [es, en] {
                assert!(!text.to_lowercase().contains("slug"), "{text}");
                assert!(!text.contains("TOML"), "{text}");
            }
        }
        let created = InitMessage::Created {
            dir: Path::new("feria"),
            site_arg: " --site feria",
        };
        assert!(created
            .text(Lang::Es)
            .contains("vitrina access --site feria"));
        assert!(created
            .text(Lang::En)
            .contains("vitrina new vendor \"Name\" --site feria"));
    }
}

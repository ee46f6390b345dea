//! [`Problem::message`]: the one-line sentence saying what happened, in Spanish and English.

use super::{t, Expected, Problem, SyntaxHint};
use crate::i18n::Lang;

impl Problem {
    /// The one-line message.
    pub fn message(&self, lang: Lang) -> String {
        let es = lang == Lang::Es;
        match self {
            Problem::NoFairToml => t(
                es,
                "no encuentro `content/fair.toml`: esta carpeta no parece un sitio de vitrina",
                "`content/fair.toml` not found: this folder does not look like a vitrina site",
            ),
            Problem::Unwritable { detail } => {
                if es {
                    format!("no se pudo escribir el sitio ({detail})")
                } else {
                    format!("the site could not be written ({detail})")
                }
            }
            Problem::Unreadable { detail } => {
                if es {
                    format!("no se pudo leer el archivo ({detail})")
                } else {
                    format!("the file could not be read ({detail})")
                }
            }
            Problem::NotUtf8 => t(
                es,
                "el archivo no está guardado como UTF-8",
                "the file is not saved as UTF-8",
            ),
            Problem::Utf16 => t(
                es,
                "el archivo está guardado como UTF-16 («Unicode» en el Bloc de notas): vitrina lo pudo leer, pero el editor del teléfono y otros programas no",
                "the file is saved as UTF-16 (\"Unicode\" in Notepad): vitrina could read it, but the phone editor and other programs cannot",
            ),
            Problem::TomlSyntax { detail, hint } => match hint {
                Some(SyntaxHint::QuoteText { key, .. }) => {
                    if es {
                        format!("el texto de `{key}` va entre comillas")
                    } else {
                        format!("the text of `{key}` must be in quotes")
                    }
                }
                Some(SyntaxHint::DecimalComma { key, .. }) => {
                    if es {
                        format!("`{key}` usa coma decimal; en TOML los decimales llevan punto")
                    } else {
                        format!("`{key}` uses a decimal comma; TOML decimals use a point")
                    }
                }
                Some(SyntaxHint::DuplicateKey) => {
                    t(es, "esta clave aparece dos veces", "this key appears twice")
                }
                Some(SyntaxHint::UnclosedString) => {
                    t(es, "falta cerrar las comillas", "a quote is not closed")
                }
                Some(SyntaxHint::TypographicQuotes { .. }) => t(
                    es,
                    "esta línea tiene comillas curvas (“ ”), como las que pone el teclado del teléfono; vitrina solo entiende las comillas rectas (\")",
                    "this line has curly quotes (“ ”), like the ones a phone keyboard puts; vitrina only understands straight quotes (\")",
                ),
                None => {
                    if es {
                        format!("el TOML no es válido: {}", first_line(detail))
                    } else {
                        format!("invalid TOML: {}", first_line(detail))
                    }
                }
            },
            Problem::UnknownKey { key, .. } => {
                if es {
                    format!("no conozco la clave `{key}`")
                } else {
                    format!("unknown key `{key}`")
                }
            }
            Problem::WrongType {
                key,
                expected,
                example,
            } => {
                let what = expected_text(expected, es);
                match example {
                    Some(ex) => {
                        if es {
                            format!("`{key}` debe ser {what}, como {ex}")
                        } else {
                            format!("`{key}` must be {what}, like {ex}")
                        }
                    }
                    None => {
                        if es {
                            format!("`{key}` debe ser {what}")
                        } else {
                            format!("`{key}` must be {what}")
                        }
                    }
                }
            }
            Problem::MissingKey { key, table } => match (table, es) {
                (Some(tb), true) => format!("falta `{key}` en `{tb}`"),
                (Some(tb), false) => format!("`{key}` is missing in `{tb}`"),
                (None, true) => format!("falta `{key}`, que es obligatorio"),
                (None, false) => format!("`{key}` is missing and it is required"),
            },
            Problem::EmptyValue { key } => {
                if es {
                    format!("`{key}` está vacío")
                } else {
                    format!("`{key}` is empty")
                }
            }
            Problem::YamlFrontMatter => t(
                es,
                "el encabezado usa `---` (YAML); vitrina usa `+++` con TOML",
                "the header uses `---` (YAML); vitrina uses `+++` with TOML",
            ),
            Problem::NoFrontMatter => t(
                es,
                "el producto no tiene encabezado `+++`",
                "the product has no `+++` header",
            ),
            Problem::UnclosedFrontMatter => t(
                es,
                "el encabezado empieza con `+++` pero no se cierra",
                "the header starts with `+++` but is never closed",
            ),
            Problem::UnknownCategory { slug, .. } => {
                if es {
                    format!("la categoría `{slug}` no existe en content/fair.toml")
                } else {
                    format!("category `{slug}` does not exist in content/fair.toml")
                }
            }
            Problem::BadCategorySlug { slug, .. } => {
                if es {
                    format!("`{slug}` no sirve como slug de categoría")
                } else {
                    format!("`{slug}` is not a valid category slug")
                }
            }
            Problem::DuplicateCategory { slug } => {
                if es {
                    format!("la categoría `{slug}` está dos veces")
                } else {
                    format!("category `{slug}` is declared twice")
                }
            }
            Problem::MissingPhoto { path, .. } => {
                if es {
                    format!("no encuentro la foto `{path}`")
                } else {
                    format!("photo `{path}` not found")
                }
            }
            Problem::PhotoOutside { path } => {
                if es {
                    format!("la foto `{path}` está fuera de tu carpeta")
                } else {
                    format!("photo `{path}` is outside your folder")
                }
            }
            Problem::PhotoFormat { path } => {
                if es {
                    format!("`{path}` no es una foto JPG, PNG o WebP")
                } else {
                    format!("`{path}` is not a JPG, PNG or WebP photo")
                }
            }
            Problem::MissingAlt { path } => {
                if es {
                    format!("la foto `{path}` no tiene descripción (`alt`)")
                } else {
                    format!("photo `{path}` has no description (`alt`)")
                }
            }
            Problem::SlugCollision { slug, other } => {
                if es {
                    format!("la dirección `{slug}` ya la usa {other}")
                } else {
                    format!("the address `{slug}` is already used by {other}")
                }
            }
            Problem::SameNameTwoWays { name, other } => {
                if es {
                    format!("{other} y este archivo están en dos carpetas o archivos con el mismo nombre, `{name}`, guardado de dos formas (las tildes de una Mac se guardan distinto que las de Windows): se ven iguales, pero son dos, y tendrían la misma dirección")
                } else {
                    format!("{other} and this file are in two folders or files with the same name, `{name}`, stored two ways (a Mac stores accents differently from Windows): they look alike, but they are two, and would have the same address")
                }
            }
            Problem::LongName { chars, .. } => {
                if es {
                    format!("el nombre tiene {chars} letras: en la pantalla de un teléfono se corta y no se lee")
                } else {
                    format!("the name has {chars} characters: on a phone screen it is cut and cannot be read")
                }
            }
            Problem::LongText { kb, .. } => {
                if es {
                    format!("este texto pesa {kb} KB: la página tardará mucho en abrir en un teléfono con pocos datos")
                } else {
                    format!("this text weighs {kb} KB: the page will take long to open on a phone with little data")
                }
            }
            Problem::ManyPhotos { count, .. } => {
                if es {
                    format!("este producto tiene {count} fotos: su página pesará mucho en el teléfono de quien la visite")
                } else {
                    format!("this product has {count} photos: its page will be heavy on a visitor's phone")
                }
            }
            Problem::VendorPhotos { count, .. } => {
                if es {
                    format!("tu emprendimiento usa {count} fotos: tus páginas pesarán mucho y el sitio tardará en armarse")
                } else {
                    format!("your business uses {count} photos: your pages will be heavy and the site slow to build")
                }
            }
            Problem::EmptySlug { name } => {
                if es {
                    format!("`{name}` no da una dirección web válida")
                } else {
                    format!("`{name}` does not give a valid web address")
                }
            }
            Problem::UnknownPayment { value, .. } => {
                if es {
                    format!("no conozco el medio de pago `{value}`")
                } else {
                    format!("unknown payment method `{value}`")
                }
            }
            Problem::BadWhatsapp { value } => {
                if es {
                    format!("`{value}` no parece un número de WhatsApp")
                } else {
                    format!("`{value}` does not look like a WhatsApp number")
                }
            }
            Problem::UnknownLanguage { value } => {
                if es {
                    format!("el idioma `{value}` no está disponible")
                } else {
                    format!("language `{value}` is not available")
                }
            }
            Problem::BadBaseUrl { value } => {
                if es {
                    format!("`{value}` no es una dirección web (base_url)")
                } else {
                    format!("`{value}` is not a web address (base_url)")
                }
            }
            Problem::NoBaseUrl => t(
                es,
                "falta `base_url`: el mapa del sitio y los enlaces para compartir no tendrán la dirección completa",
                "`base_url` is missing: the sitemap and share links will not have the full address",
            ),
            Problem::BadEmail { value } => {
                if es {
                    format!("`{value}` no parece un correo electrónico")
                } else {
                    format!("`{value}` does not look like an e-mail address")
                }
            }
            Problem::DatesReversed => t(
                es,
                "la feria termina antes de empezar",
                "the fair ends before it starts",
            ),
            Problem::BadImageSetting { key } => {
                if es {
                    format!("el valor de `{key}` en [images] no es válido")
                } else {
                    format!("the value of `{key}` in [images] is not valid")
                }
            }
            Problem::BadPageSize { value } => {
                if es {
                    format!("las listas no pueden mostrar {value} tarjetas por página: el número va de 6 a 500")
                } else {
                    format!("lists cannot show {value} cards per page: the number goes from 6 to 500")
                }
            }
            Problem::PhotoUnreadable { detail } => {
                if es {
                    format!("no se pudo abrir la foto ({detail})")
                } else {
                    format!("the photo could not be opened ({detail})")
                }
            }
            Problem::PhotoEmpty => t(
                es,
                "el archivo de la foto está vacío (0 bytes)",
                "the photo file is empty (0 bytes)",
            ),
            Problem::PhotoHeic => t(
                es,
                "la foto está en formato HEIC del iPhone, que los navegadores no muestran",
                "the photo is an iPhone HEIC file, which browsers cannot show",
            ),
            Problem::PhotoNotAnImage => t(
                es,
                "este archivo no es una foto",
                "this file is not a photo",
            ),
            Problem::PhotoTooLarge => t(
                es,
                "la foto es demasiado grande para procesarla (más de 100 megapíxeles o de 20000 píxeles de lado)",
                "the photo is too large to process (over 100 megapixels or 20000 pixels a side)",
            ),
            Problem::PhotoTruncated => t(
                es,
                "la foto está incompleta: el archivo se cortó al copiarlo o descargarlo",
                "the photo is incomplete: the file was cut short while copying or downloading",
            ),
            Problem::PhotoAnimated => t(
                es,
                "la foto es una animación (GIF o similar); el catálogo muestra fotos fijas",
                "the photo is an animation (GIF or similar); the catalogue shows still photos",
            ),
            Problem::PhotoChanged => t(
                es,
                "la foto cambió mientras se armaba el sitio",
                "the photo changed while the site was being built",
            ),
            Problem::NoTheme { theme } => {
                if es {
                    format!("no encuentro el tema `{theme}` en themes/")
                } else {
                    format!("theme `{theme}` not found in themes/")
                }
            }
            Problem::Template { detail } => {
                if es {
                    format!("error en una plantilla del tema: {detail}")
                } else {
                    format!("theme template error: {detail}")
                }
            }
            Problem::ThemeStrings { detail } => {
                if es {
                    format!("textos del tema: {detail}")
                } else {
                    format!("theme strings: {detail}")
                }
            }
            Problem::LinkOutside => t(
                es,
                "este archivo es un enlace a algo fuera de tu carpeta",
                "this file is a link to something outside your folder",
            ),
            Problem::StrayFile => t(
                es,
                "vitrina no usa este archivo",
                "vitrina does not use this file",
            ),
            Problem::NoVendorToml => t(
                es,
                "esta carpeta de emprendimiento no tiene `vendor.toml`",
                "this vendor folder has no `vendor.toml`",
            ),
            Problem::NoCategory { .. } => t(
                es,
                "tu emprendimiento no tiene categoría (`categories` está vacío)",
                "your business has no category (`categories` is empty)",
            ),
            Problem::Placeholder { key: Some(key) } => {
                if es {
                    format!("`{key}` todavía tiene el texto de ejemplo de `vitrina new`")
                } else {
                    format!("`{key}` still has the example text from `vitrina new`")
                }
            }
            Problem::Placeholder { key: None } => t(
                es,
                "este texto todavía es el ejemplo de `vitrina new`",
                "this text is still the example from `vitrina new`",
            ),
        }
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s).trim()
}

fn expected_text(e: &Expected, es: bool) -> String {
    match e {
        Expected::Text => t(es, "un texto entre comillas", "text in quotes"),
        Expected::Number => t(es, "un número", "a number"),
        Expected::Integer => t(es, "un número entero", "a whole number"),
        Expected::Bool => t(es, "true o false", "true or false"),
        Expected::Date => t(es, "una fecha", "a date"),
        Expected::List => t(es, "una lista entre corchetes", "a list in brackets"),
        Expected::Table => t(es, "una tabla entre llaves", "a table in braces"),
        Expected::Other(s) => s.clone(),
    }
}

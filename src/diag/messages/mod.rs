//! What each problem says, in Spanish and English.
//!
//! [`Problem`] is the typed description of a problem; [`Problem::message`] and [`Problem::hint`]
//! give the sentence shown to the user and what to do about it. All user-facing diagnostic text
//! lives here, so a translator (or a reviewer checking the tone for a 17-year-old) reads one file.

pub mod console;

use crate::i18n::Lang;

pub mod machine;
pub mod new;

/// What kind of value a key expects, for "wrong type" messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// Text in quotes.
    Text,
    /// A number such as 6.50.
    Number,
    /// A whole number such as 10.
    Integer,
    /// true or false.
    Bool,
    /// A date such as 2026-12-05.
    Date,
    /// A list in brackets.
    List,
    /// A table such as `{ src = "...", alt = "..." }`.
    Table,
    /// Something else serde described.
    Other(String),
}

/// A problem found while loading, checking or building a site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// `content/fair.toml` is missing: this folder is not a vitrina site.
    NoFairToml,
    /// A file could not be read.
    Unreadable { detail: String },
    /// The output could not be written (disk full, permissions): the machine, not the content.
    Unwritable { detail: String },
    /// The bytes are not UTF-8 (the span points at the first bad byte).
    NotUtf8,
    /// The TOML syntax is broken.
    TomlSyntax {
        detail: String,
        hint: Option<SyntaxHint>,
    },
    /// A key the format does not know.
    UnknownKey {
        key: String,
        suggestion: Option<String>,
        expected: Vec<String>,
        /// The section header it sits under (`[contact]`) when it belongs above it.
        misplaced: Option<String>,
    },
    /// A key whose value has the wrong type.
    WrongType {
        key: String,
        expected: Expected,
        example: Option<String>,
    },
    /// A required key is missing.
    MissingKey { key: String, table: Option<String> },
    /// A required text is empty.
    EmptyValue { key: String },
    /// Front matter written with `---` (YAML) instead of `+++`.
    YamlFrontMatter,
    /// A product file without `+++` front matter.
    NoFrontMatter,
    /// Front matter opened with `+++` but never closed.
    UnclosedFrontMatter,
    /// A category slug not declared in fair.toml.
    UnknownCategory {
        slug: String,
        valid: Vec<String>,
        suggestion: Option<String>,
    },
    /// A category slug in fair.toml that is not URL-safe.
    BadCategorySlug { slug: String, suggestion: String },
    /// The same category declared twice in fair.toml.
    DuplicateCategory { slug: String },
    /// A photo path that does not exist.
    MissingPhoto {
        path: String,
        closest: Option<String>,
    },
    /// A photo path leaving the vendor folder (`..`, absolute, or a link pointing outside).
    PhotoOutside { path: String },
    /// A photo with an extension vitrina does not publish.
    PhotoFormat { path: String },
    /// A photo without `alt` text.
    MissingAlt { path: String },
    /// Two entries end up with the same slug (the other file is named).
    SlugCollision { slug: String, other: String },
    /// A name that gives an empty slug.
    EmptySlug { name: String },
    /// A payment method that is not in the list.
    UnknownPayment {
        value: String,
        suggestion: Option<String>,
    },
    /// A WhatsApp number vitrina cannot turn into a link.
    BadWhatsapp { value: String },
    /// `language` other than es or en.
    UnknownLanguage { value: String },
    /// `base_url` that is not an http(s) URL.
    BadBaseUrl { value: String },
    /// No base_url: sitemap and share links cannot be absolute.
    NoBaseUrl,
    /// An e-mail address without `@`.
    BadEmail { value: String },
    /// Fair end date before the start date.
    DatesReversed,
    /// `[images]` settings out of range.
    BadImageSetting { key: String },
    /// A photo that could not be decoded.
    PhotoUnreadable { detail: String },
    /// A photo file with no bytes.
    PhotoEmpty,
    /// An iPhone HEIC/HEIF photo (whatever its extension).
    PhotoHeic,
    /// A file that is not an image at all.
    PhotoNotAnImage,
    /// A photo too large to decode safely (or a file pretending to be one).
    PhotoTooLarge,
    /// A photo file cut short (an interrupted copy or download).
    PhotoTruncated,
    /// An animated GIF, WebP or PNG (a catalogue photo is one still picture).
    PhotoAnimated,
    /// The photo file changed while the build was running.
    PhotoChanged,
    /// The theme folder is missing.
    NoTheme { theme: String },
    /// A template failed to render or parse.
    Template { detail: String },
    /// A theme's i18n file is broken or lacks a key vitrina needs.
    ThemeStrings { detail: String },
    /// A content file that is a link to something outside its vendor's folder.
    LinkOutside,
    /// A file in a vendor folder that vitrina does not use (likely misplaced).
    StrayFile,
    /// A vendor folder without vendor.toml.
    NoVendorToml,
    // What a scaffold of `vitrina new` left unfinished (see `model::placeholders`).
    /// A vendor with no category, in a fair that has categories (`valid`).
    NoCategory { valid: Vec<String> },
    /// An example text of `vitrina new` still in a vendor or product the build includes; `key`
    /// is the TOML key (`tagline`, `cover.alt`), `None` for the markdown text.
    Placeholder { key: Option<String> },
}

/// A likely cause of a TOML syntax error, found by looking at the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxHint {
    /// `name = Huevos frescos` — text without quotes.
    QuoteText { key: String, value: String },
    /// `price = 6,50` — decimal comma.
    DecimalComma { key: String, value: String },
    /// A key written twice.
    DuplicateKey,
    /// A string opened and never closed.
    UnclosedString,
}

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
            Problem::NoCategory { .. } => t(es, "tu emprendimiento no tiene categoría (`categories` está vacío)",
                "your business has no category (`categories` is empty)"),
            Problem::Placeholder { key: Some(key) } => if es { format!("`{key}` todavía tiene el texto de ejemplo de `vitrina new`") } else { format!("`{key}` still has the example text from `vitrina new`") },
            Problem::Placeholder { key: None } => t(es, "este texto todavía es el ejemplo de `vitrina new`", "this text is still the example from `vitrina new`"),
        }
    }

    /// What to do about it, when there is something useful to say.
    pub fn hint(&self, lang: Lang) -> Option<String> {
        let es = lang == Lang::Es;
        let s = match self {
            Problem::NoFairToml => t(es, "ejecuta vitrina dentro de la carpeta del sitio, o indícala con `--site CARPETA`",
                "run vitrina inside the site folder, or point to it with `--site FOLDER`"),
            Problem::Unwritable { .. } => t(es, "revisa que quede espacio en el disco y que puedas escribir en la carpeta del sitio",
                "check that the disk has free space and that you may write in the site folder"),
            Problem::Unreadable { .. } => t(es, "revisa que el archivo exista y que tengas permiso para leerlo",
                "check that the file exists and that you may read it"),
            Problem::NotUtf8 => t(es, "ábrelo en tu editor y guárdalo con la codificación UTF-8 (en el Bloc de notas: «Guardar como» → Codificación: UTF-8)",
                "open it in your editor and save it with UTF-8 encoding (Notepad: \"Save as\" → Encoding: UTF-8)"),
            Problem::TomlSyntax { hint, .. } => match hint {
                Some(SyntaxHint::QuoteText { key, value }) => if es { format!("escribe: {key} = \"{value}\"") } else { format!("write: {key} = \"{value}\"") },
                Some(SyntaxHint::DecimalComma { key, value }) => format!("{key} = {}", value.replace(',', ".")),
                Some(SyntaxHint::DuplicateKey) => t(es, "borra una de las dos líneas", "delete one of the two lines"),
                Some(SyntaxHint::UnclosedString) => t(es, "cada texto empieza y termina con comillas: \"así\"", "every text starts and ends with a quote: \"like this\""),
                None => t(es, "revisa comillas, corchetes y signos `=` en esta línea; el texto va entre comillas: name = \"Ana\"",
                    "check quotes, brackets and `=` signs on this line; text goes in quotes: name = \"Ana\""),
            },
            Problem::UnknownKey {
                key,
                misplaced: Some(header),
                ..
            } => {
                if es {
                    format!("`{key}` quedó dentro de `{header}`: sube esa línea arriba de la línea `{header}`")
                } else {
                    format!("`{key}` ended up inside `{header}`: move that line above the `{header}` line")
                }
            }
            Problem::UnknownKey { suggestion, expected, .. } => match suggestion {
                Some(s) => if es { format!("¿quisiste decir `{s}`?") } else { format!("did you mean `{s}`?") },
                None if expected.is_empty() => return None,
                None => {
                    let list = expected.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
                    if es { format!("las claves posibles son: {list}") } else { format!("possible keys are: {list}") }
                }
            },
            Problem::WrongType { expected, .. } => match expected {
                Expected::Number => t(es, "escribe solo el número, sin comillas ni «soles», con punto decimal", "write just the number, no quotes or currency, with a decimal point"),
                Expected::Integer => t(es, "escribe un número entero sin comillas", "write a whole number without quotes"),
                Expected::Bool => t(es, "escribe true (sí) o false (no), sin comillas", "write true or false, without quotes"),
                Expected::Text => t(es, "pon el texto entre comillas", "put the text in quotes"),
                Expected::Date => t(es, "escribe la fecha como año-mes-día, sin comillas: 2026-12-05", "write the date as year-month-day, without quotes: 2026-12-05"),
                Expected::List => t(es, "pon los valores entre corchetes y separados por comas: [\"uno\", \"dos\"]", "put the values in brackets, separated by commas: [\"one\", \"two\"]"),
                Expected::Table => t(es, "usa llaves: { src = \"photos/foto.jpg\", alt = \"descripción\" }", "use braces: { src = \"photos/photo.jpg\", alt = \"description\" }"),
                Expected::Other(_) => return None,
            },
            Problem::MissingKey { key, .. } => if es { format!("agrega una línea como: {key} = \"...\"") } else { format!("add a line such as: {key} = \"...\"") },
            Problem::EmptyValue { .. } => t(es, "escribe algo entre las comillas", "write something between the quotes"),
            Problem::YamlFrontMatter => t(es, "cambia la primera y la línea de cierre `---` por `+++`, y escribe los campos como TOML: name = \"...\" (con `=`, no `:`)",
                "replace the opening and closing `---` with `+++` and write the fields as TOML: name = \"...\" (with `=`, not `:`)"),
            Problem::NoFrontMatter => t(es, "empieza el archivo con una línea `+++`, los datos (name = \"...\"), otra línea `+++` y luego la descripción",
                "start the file with a `+++` line, the fields (name = \"...\"), another `+++` line, then the description"),
            Problem::UnclosedFrontMatter => t(es, "agrega una línea con `+++` después del último dato", "add a line with `+++` after the last field"),
            Problem::UnknownCategory { valid, suggestion, .. } => {
                let list = valid.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
                match (suggestion, es) {
                    (Some(s), true) => format!("¿quisiste decir `{s}`? Categorías: {list}"),
                    (Some(s), false) => format!("did you mean `{s}`? Categories: {list}"),
                    (None, true) => format!("usa una de estas: {list}"),
                    (None, false) => format!("use one of these: {list}"),
                }
            }
            Problem::BadCategorySlug { suggestion, .. } => if es { format!("usa minúsculas sin tildes ni espacios, por ejemplo `{suggestion}`") } else { format!("use lowercase without accents or spaces, for example `{suggestion}`") },
            Problem::DuplicateCategory { .. } => t(es, "borra una de las dos", "delete one of them"),
            Problem::MissingPhoto { closest, .. } => match (closest, es) {
                (Some(c), true) => format!("¿quisiste decir `{c}`? Las mayúsculas y la extensión deben coincidir exactamente"),
                (Some(c), false) => format!("did you mean `{c}`? Capital letters and the extension must match exactly"),
                (None, true) => "copia la foto a la carpeta photos/ de tu emprendimiento y escribe su nombre exacto".to_string(),
                (None, false) => "copy the photo into your vendor's photos/ folder and write its exact name".to_string(),
            },
            Problem::PhotoOutside { .. } => t(es, "copia la foto dentro de tu carpeta photos/ y escribe la ruta así: \"photos/foto.jpg\"",
                "copy the photo into your photos/ folder and write the path like \"photos/photo.jpg\""),
            Problem::PhotoFormat { .. } => t(es, "expórtala como JPG desde tu teléfono o editor (las fotos HEIC del iPhone también)",
                "export it as JPEG from your phone or editor (iPhone HEIC photos too)"),
            Problem::MissingAlt { .. } => t(es, "describe la foto para quien no puede verla: photos = [{ src = \"photos/foto.jpg\", alt = \"Una docena de huevos en una canasta\" }] (usa alt = \"\" solo si es decorativa)",
                "describe the photo for people who cannot see it: { src = \"photos/photo.jpg\", alt = \"A dozen eggs in a basket\" } (use alt = \"\" only for decoration)"),
            Problem::SlugCollision { .. } => t(es, "cambia el nombre de una de las dos carpetas o archivos",
                "rename one of the two folders or files"),
            Problem::EmptySlug { .. } => t(es, "usa letras o números en el nombre de la carpeta o del archivo", "use letters or digits in the folder or file name"),
            Problem::UnknownPayment { suggestion, .. } => match (suggestion, es) {
                (Some(s), true) => format!("¿quisiste decir `{s}`? Opciones: yape, plin, efectivo, tarjeta, transferencia"),
                (Some(s), false) => format!("did you mean `{s}`? Options: yape, plin, efectivo, tarjeta, transferencia"),
                (None, true) => "opciones: yape, plin, efectivo, tarjeta, transferencia".to_string(),
                (None, false) => "options: yape, plin, efectivo, tarjeta, transferencia".to_string(),
            },
            Problem::BadWhatsapp { .. } => t(es, "escribe el número con código de país, por ejemplo \"+51 987 654 321\"",
                "write the number with its country code, for example \"+51 987 654 321\""),
            Problem::UnknownLanguage { .. } => t(es, "usa language = \"es\" o language = \"en\"", "use language = \"es\" or language = \"en\""),
            Problem::BadBaseUrl { .. } => t(es, "escribe la dirección completa, por ejemplo \"https://feria.example.org\"",
                "write the full address, for example \"https://feria.example.org\""),
            Problem::NoBaseUrl => t(
                es,
                "agrega en content/fair.toml la dirección pública del sitio: base_url = \"https://feria.example.org\"",
                "add the site's public address to content/fair.toml: base_url = \"https://feria.example.org\"",
            ),
            Problem::BadEmail { .. } => t(
                es,
                "escribe el correo completo, como \"ana@example.org\", o borra la línea",
                "write the whole address, like \"ana@example.org\", or delete the line",
            ),
            Problem::DatesReversed => t(es, "revisa `start` y `end` en [fair]", "check `start` and `end` in [fair]"),
            Problem::BadImageSetting { .. } => t(es, "widths: anchos entre 16 y 8192 píxeles, como [320, 640, 1280]; quality: entre 1 y 100",
                "widths: widths between 16 and 8192 pixels, like [320, 640, 1280]; quality: between 1 and 100"),
            Problem::PhotoUnreadable { .. } => t(es, "ábrela en tu teléfono o computadora y expórtala de nuevo como JPG",
                "open it on your phone or computer and export it again as JPEG"),
            Problem::PhotoEmpty | Problem::PhotoNotAnImage => t(es, "vuelve a copiar la foto desde tu teléfono; si sigue igual, expórtala como JPG",
                "copy the photo from your phone again; if it stays the same, export it as JPEG"),
            Problem::PhotoTooLarge => t(es, "reduce su tamaño o vuelve a exportarla desde tu teléfono (una foto normal de teléfono sirve)",
                "make it smaller or export it again from your phone (a normal phone photo is fine)"),
            Problem::PhotoHeic => t(es, "expórtala como JPG: en el iPhone, Ajustes → Cámara → Formatos → «Más compatible», o compártela por WhatsApp y guárdala",
                "export it as JPEG: on the iPhone, Settings → Camera → Formats → \"Most Compatible\", or share it through WhatsApp and save it"),
            Problem::PhotoTruncated => t(es, "vuelve a copiar la foto desde tu teléfono (o descárgala otra vez) y revisa que se vea completa",
                "copy the photo from your phone again (or download it again) and check that it shows whole"),
            Problem::PhotoAnimated => t(es, "elige un cuadro y expórtalo como JPG, o usa una foto normal del producto",
                "pick one frame and export it as JPEG, or use a normal photo of the product"),
            Problem::PhotoChanged => t(es, "vuelve a ejecutar el mismo comando cuando termines de copiar tus fotos",
                "run the same command again once your photos are copied"),
            Problem::NoTheme { .. } => t(es, "revisa `theme` en content/fair.toml o copia el tema en themes/",
                "check `theme` in content/fair.toml or copy the theme into themes/"),
            Problem::Template { .. } => t(es, "corrige la plantilla indicada del tema", "fix the named theme template"),
            Problem::ThemeStrings { .. } => t(es, "revisa los archivos i18n/*.toml del tema", "check the theme's i18n/*.toml files"),
            Problem::LinkOutside => t(
                es,
                "copia el archivo dentro de tu carpeta en lugar de enlazarlo",
                "copy the file into your folder instead of linking to it",
            ),
            Problem::StrayFile => t(es, "los productos van en products/ con extensión .md y las fotos en photos/",
                "products go in products/ as .md files and photos in photos/"),
            Problem::NoVendorToml => t(es, "crea uno con `vitrina new vendor NOMBRE` o copia el de otro emprendimiento",
                "create one with `vitrina new vendor NAME` or copy another vendor's"),
            Problem::NoCategory { valid } => {
                let list = valid.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
                let first = valid.first().map_or("", String::as_str);
                if es { format!("elige una o más de content/fair.toml y escríbelas así: categories = [\"{first}\"] (la primera es la principal). Categorías: {list}") }
                else { format!("pick one or more from content/fair.toml and write them like this: categories = [\"{first}\"] (the first is the main one). Categories: {list}") }
            }
            Problem::Placeholder { .. } => t(es, "escribe tu propio texto en su lugar (o borra la línea); mientras no esté listo, `draft = true` evita que se publique",
                "write your own text instead (or delete the line); until it is ready, `draft = true` keeps it off the site"),
        };
        Some(s)
    }
}

fn t(es: bool, es_text: &str, en_text: &str) -> String {
    if es { es_text } else { en_text }.to_string()
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

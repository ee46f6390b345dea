//! [`Problem::hint`]: what to do about a problem, in Spanish and English, when there is something
//! useful to say.

use super::{t, Expected, Problem, SyntaxHint};
use crate::i18n::Lang;

impl Problem {
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
            Problem::Utf16 => t(es, "ábrelo en el Bloc de notas y guárdalo con «Guardar como» → Codificación: UTF-8",
                "open it in Notepad and save it with \"Save as\" → Encoding: UTF-8"),
            Problem::TomlSyntax { hint, .. } => match hint {
                Some(SyntaxHint::QuoteText { key, value }) => if es { format!("escribe: {key} = \"{value}\"") } else { format!("write: {key} = \"{value}\"") },
                Some(SyntaxHint::DecimalComma { key, value }) => format!("{key} = {}", value.replace(',', ".")),
                Some(SyntaxHint::DuplicateKey) => t(es, "borra una de las dos líneas", "delete one of the two lines"),
                Some(SyntaxHint::TypographicQuotes { line }) => if es {
                    format!("escríbela con comillas rectas: {line} (en el teléfono, mantén presionada la tecla de comillas y elige \", o desactiva la «puntuación inteligente» del teclado)")
                } else {
                    format!("write it with straight quotes: {line} (on a phone, hold the quote key and pick \", or turn off the keyboard's \"smart punctuation\")")
                },
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
            Problem::SameNameTwoWays { .. } => t(es, "deja una sola: pasa lo que falte a la otra y borra esta (o cámbiale el nombre)",
                "keep only one: move what is missing into the other and delete this one (or rename it)"),
            Problem::LongName { max, .. } => if es { format!("usa un nombre corto, de menos de {max} letras; los detalles van en la descripción") } else { format!("use a short name, under {max} characters; details go in the description") },
            Problem::LongText { max_kb, .. } => if es { format!("acórtalo a menos de {max_kb} KB (unas 3000 palabras), con lo más importante primero") } else { format!("shorten it to under {max_kb} KB (about 3,000 words), the most important first") },
            Problem::ManyPhotos { max, .. } => if es { format!("deja las {max} mejores fotos") } else { format!("keep the best {max} photos") },
            Problem::VendorPhotos { max, .. } => if es { format!("deja las mejores fotos, hasta {max} en total") } else { format!("keep the best photos, up to {max} in all") },
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
            Problem::BadPageSize { .. } => t(es, "escribe un número entre 6 y 500 (36 si no sabes cuál), o borra la línea para usar 36",
                "write a number between 6 and 500 (36 if unsure), or delete the line to use 36"),
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

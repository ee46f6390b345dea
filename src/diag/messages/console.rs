//! What `build` and `serve` say in the terminal, and what a preview page shows when a build
//! failed, in Spanish and English.
//!
//! [`Console`] is every line the two commands print about their own work (not the content's
//! problems: those are [`super::Problem`]); [`Overlay`] is every fixed text of the preview's
//! problems box and waiting page. Each is a typed value turned into text only at the edge, with
//! `text(lang)`, so both languages of a sentence sit side by side here.

use std::net::IpAddr;

use crate::i18n::Lang;

/// A line `build` or `serve` prints about its own work.
#[derive(Debug, Clone, PartialEq)]
pub enum Console {
    /// "3 emprendimientos, 12 productos" (part of the `build` and `check` summaries).
    VendorsProducts {
        /// Number of vendors published.
        vendors: usize,
        /// Number of products published.
        products: usize,
    },
    /// `build` wrote the site: what it made, from where, how long it took.
    Built(BuildSummary),
    /// `build` found an error: the output folder was not touched.
    NothingPublished {
        /// The output folder, as given.
        out: String,
    },
    /// `serve`'s port was taken: it listens on the next free one.
    PortTaken {
        /// The port asked for (`--port`, or the default).
        asked: u16,
        /// The free port actually listened on.
        used: u16,
    },
    /// `serve` cannot listen at all (`detail`: the system's reason).
    CannotListen {
        /// The address `serve` tried to bind.
        bind: IpAddr,
        /// The port it tried to listen on.
        port: u16,
        /// The system's reason, as it gives it.
        detail: String,
    },
    /// The file watcher could not start: the site is served as it is.
    CannotWatch {
        /// The watcher's error, as it gives it.
        detail: String,
    },
    /// `serve`'s first build starts.
    Building,
    /// A batch of changed files (relative paths) starts a rebuild.
    Changed {
        /// The changed files, relative to the site folder.
        paths: Vec<String>,
    },
    /// A rebuild failed: the last good site stays.
    NotUpdated,
    /// A rebuild succeeded: what it made again, and what open pages do about it.
    Rebuilt(RebuildSummary),
    /// Where this computer's browser sees the preview.
    PreviewAt {
        /// The URL of the preview in this computer's browser.
        url: String,
    },
    /// Where a phone on the same network sees it.
    OnPhone {
        /// The preview URL at this computer's address on the local network.
        url: String,
    },
    /// Serving the network, but this computer's address on it is unknown.
    NoLanAddress,
    /// Serving the network shows the preview (and drafts) to everyone on it.
    LanWarning,
    /// Ctrl-C: the preview stopped.
    PreviewStopped,
    /// `vitrina edit`: the organizer's link (the desk), with its secret code.
    EditorDesk {
        /// The link.
        url: String,
    },
    /// `vitrina edit`: where vendors enter from a phone.
    EditorPhones {
        /// The editor's address on the phones' network (or the public one).
        url: String,
    },
    /// `vitrina edit` serving the network: the editor is reachable there.
    EditorLanWarning,
    /// `vitrina edit` could not start its editor (its private folder is broken).
    EditorFailed {
        /// What failed.
        detail: String,
    },
}

/// What [`Console::Built`] tells.
#[derive(Debug, Clone, PartialEq)]
pub struct BuildSummary {
    /// Number of vendors published.
    pub vendors: usize,
    /// Number of products published.
    pub products: usize,
    /// Pages of the site, rendered or kept.
    pub pages: usize,
    /// Pages already in the output as they would be rendered.
    pub pages_kept: usize,
    /// Photos processed in this build (from the cache or not).
    pub photos: usize,
    /// Photos whose renditions all came from the cache.
    pub cached: usize,
    /// Bytes of original photos read.
    pub bytes_in: u64,
    /// Image files written.
    pub files: usize,
    /// Bytes of those files.
    pub bytes_out: u64,
    /// The output folder, as given.
    pub out: String,
    /// Seconds the build took: the sum of its timed stages.
    pub secs: f64,
}

/// What [`Console::Rebuilt`] tells.
#[derive(Debug, Clone, PartialEq)]
pub struct RebuildSummary {
    /// Wall time of the rebuild, in seconds.
    pub secs: f64,
    /// Pages rendered (not kept).
    pub rendered: usize,
    /// Pages of the site, rendered or kept.
    pub pages: usize,
    /// Photos processed (not from the cache).
    pub photos: usize,
    /// Files of the served site that changed.
    pub changed: usize,
    /// What open pages do next.
    pub then: Then,
}

/// What open pages do after a good rebuild (the end of [`Console::Rebuilt`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    /// The first build: no page is open yet, nothing to say.
    FirstBuild,
    /// No file a page shows changed: no reload.
    Nothing,
    /// Only stylesheets changed: swapped in place.
    Stylesheets,
    /// Pages reload.
    Reload,
}

/// A fixed text of the preview page when a build failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// Under the problems' title: the old site stays, fix and save.
    Lead,
    /// Before each problem's hint.
    HintLabel,
    /// The close button's label.
    Close,
    /// The page shown before any build succeeded (its title and heading).
    NotBuiltYet,
}

impl Console {
    /// The line in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let es = lang == Lang::Es;
        match self {
            Console::VendorsProducts { vendors, products } => {
                if es {
                    format!(
                        "{}, {}",
                        count(*vendors, "emprendimiento", "emprendimientos"),
                        count(*products, "producto", "productos")
                    )
                } else {
                    format!(
                        "{}, {}",
                        count(*vendors, "vendor", "vendors"),
                        count(*products, "product", "products")
                    )
                }
            }
            Console::Built(b) => built(b, lang),
            Console::NothingPublished { out } => {
                if es {
                    format!("No se publicó nada: {out} quedó como estaba.")
                } else {
                    format!("Nothing was published: {out} was left as it was.")
                }
            }
            Console::PortTaken { asked, used } => {
                if es {
                    format!("El puerto {asked} está ocupado: uso el {used}.")
                } else {
                    format!("Port {asked} is in use: using {used} instead.")
                }
            }
            Console::CannotListen { bind, port, detail } => {
                if es {
                    format!("error: no puedo escuchar en {bind}:{port} ({detail}). Prueba con otro puerto: --port 8080")
                } else {
                    format!("error: cannot listen on {bind}:{port} ({detail}). Try another port: --port 8080")
                }
            }
            Console::CannotWatch { detail } => {
                if es {
                    format!("No puedo vigilar los cambios ({detail}): prueba con --poll. Sirvo el sitio tal como está.")
                } else {
                    format!("Cannot watch for changes ({detail}): try --poll. Serving the site as it is.")
                }
            }
            Console::Building => t(es, "Construyendo…", "Building…"),
            Console::Changed { paths } => changed(paths, es),
            Console::NotUpdated => t(
                es,
                "No se actualizó la vista previa: sigue mostrando el último sitio que funcionó. Corrige y guarda otra vez.",
                "The preview was not updated: it still shows the last site that worked. Fix it and save again.",
            ),
            Console::Rebuilt(r) => rebuilt(r, lang),
            Console::PreviewAt { url } => {
                if es {
                    format!("Vista previa en {url}  (Ctrl-C para terminar)")
                } else {
                    format!("Preview at {url}  (Ctrl-C to stop)")
                }
            }
            Console::OnPhone { url } => {
                if es {
                    format!("En un teléfono de la misma red Wi-Fi: {url}")
                } else {
                    format!("On a phone on the same Wi-Fi: {url}")
                }
            }
            Console::NoLanAddress => t(
                es,
                "No encontré la dirección de esta computadora en la red local.",
                "Could not find this computer's address on the local network.",
            ),
            Console::LanWarning => t(
                es,
                "Atención: mientras esto esté abierto, cualquiera en esta red puede ver la vista previa (también los borradores si usas --drafts).",
                "Warning: while this runs, anyone on this network can see the preview (drafts too with --drafts).",
            ),
            Console::PreviewStopped => t(
                es,
                "Listo, vista previa cerrada.",
                "Done, preview stopped.",
            ),
            Console::EditorDesk { url } => {
                if es {
                    format!("Mesa de la organización (no compartas este enlace): {url}")
                } else {
                    format!("Organizer's desk (do not share this link): {url}")
                }
            }
            Console::EditorPhones { url } => {
                if es {
                    format!("Las emprendedoras entran desde su teléfono en {url} con el código de su tarjeta (vitrina access).")
                } else {
                    format!("Entrepreneurs enter from their phone at {url} with the code on their card (vitrina access).")
                }
            }
            Console::EditorLanWarning => t(
                es,
                "Atención: el editor es accesible desde esta red. Solo entra quien tiene un código, pero úsalo en una red de confianza (el wifi del taller) y ciérralo con Ctrl-C al terminar.",
                "Warning: the editor is reachable on this network. Only people with a code get in, but use it on a network you trust (the workshop's Wi-Fi) and stop it with Ctrl-C when done.",
            ),
            Console::EditorFailed { detail } => {
                if es {
                    format!("No se pudo abrir el editor: {detail}")
                } else {
                    format!("Could not start the editor: {detail}")
                }
            }
        }
    }
}

impl Overlay {
    /// The text in `lang`.
    pub fn text(self, lang: Lang) -> String {
        let es = lang == Lang::Es;
        match self {
            Overlay::Lead => t(
                es,
                "La vista previa sigue mostrando el último sitio que funcionó. Corrige esto y guarda: la página se actualiza sola.",
                "The preview still shows the last site that worked. Fix this and save: the page updates by itself.",
            ),
            Overlay::HintLabel => t(es, "Qué hacer:", "What to do:"),
            Overlay::Close => t(es, "Cerrar", "Close"),
            Overlay::NotBuiltYet => t(
                es,
                "vitrina: el sitio todavía no se pudo construir",
                "vitrina: the site could not be built yet",
            ),
        }
    }
}

/// The text of [`Console::Built`].
fn built(b: &BuildSummary, lang: Lang) -> String {
    let what = Console::VendorsProducts {
        vendors: b.vendors,
        products: b.products,
    }
    .text(lang);
    let (pages, kept, photos, cached, files) = (b.pages, b.pages_kept, b.photos, b.cached, b.files);
    let (read, written, out, secs) = (size(b.bytes_in), size(b.bytes_out), &b.out, b.secs);
    match lang {
        Lang::Es => format!(
            "Listo: {what}, {pages} páginas ({kept} ya al día), {photos} fotos ({cached} desde la caché; {read} leídos; {files} archivos que suman {written}) → {out} en {secs:.2} s"
        ),
        Lang::En => format!(
            "Done: {what}, {pages} pages ({kept} already up to date), {photos} photos ({cached} from the cache; {read} read; {files} files of {written} in all) → {out} in {secs:.2} s"
        ),
    }
}

/// The text of [`Console::Rebuilt`].
fn rebuilt(r: &RebuildSummary, lang: Lang) -> String {
    let es = lang == Lang::Es;
    let (secs, rendered, pages, photos, changed) =
        (r.secs, r.rendered, r.pages, r.photos, r.changed);
    let summary = if es {
        format!(
            "Listo en {secs:.2} s: {rendered} de {pages} páginas hechas de nuevo, {photos} {}, {changed} {} en el sitio",
            if photos == 1 { "foto procesada" } else { "fotos procesadas" },
            if changed == 1 { "archivo cambió" } else { "archivos cambiaron" },
        )
    } else {
        format!(
            "Done in {secs:.2} s: {rendered} of {pages} pages made again, {photos} {} processed, {changed} {} in the site",
            if photos == 1 { "photo" } else { "photos" },
            if changed == 1 { "file changed" } else { "files changed" },
        )
    };
    let then = match (r.then, es) {
        (Then::FirstBuild, _) => "",
        (Then::Nothing, true) => " — nada cambió, no recargo",
        (Then::Nothing, false) => " — nothing changed, no reload",
        (Then::Stylesheets, true) => " — solo estilos: cambio la hoja de estilos sin recargar",
        (Then::Stylesheets, false) => " — styles only: swapping the stylesheet, no reload",
        (Then::Reload, true) => " — recargando",
        (Then::Reload, false) => " — reloading",
    };
    summary + then
}

/// "Cambió: a, b, c, d, e y 2 más": the first five paths, then how many more.
fn changed(paths: &[String], es: bool) -> String {
    let shown = paths
        .iter()
        .take(5)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    let more = paths.len().saturating_sub(5);
    let tail = match (more, es) {
        (0, _) => String::new(),
        (n, true) => format!(" y {n} más"),
        (n, false) => format!(" and {n} more"),
    };
    let label = if es { "Cambió:" } else { "Changed:" };
    format!("{label} {shown}{tail}")
}

/// "1 producto" / "3 productos".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Bytes as KB or MB.
fn size(bytes: u64) -> String {
    if bytes >= 10 * 1024 * 1024 {
        format!("{} MB", bytes / (1024 * 1024))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

fn t(es: bool, es_text: &str, en_text: &str) -> String {
    if es { es_text } else { en_text }.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build_summary() -> BuildSummary {
        BuildSummary {
            vendors: 3,
            products: 12,
            pages: 20,
            pages_kept: 4,
            photos: 9,
            cached: 2,
            bytes_in: 11 * 1024 * 1024,
            files: 30,
            bytes_out: 5000,
            out: "public".into(),
            secs: 1.234,
        }
    }

    fn rebuild_summary(then: Then) -> RebuildSummary {
        RebuildSummary {
            secs: 0.1,
            rendered: 1,
            pages: 20,
            photos: 1,
            changed: 2,
            then,
        }
    }

    /// One of every line, so a new variant cannot be left out of the test below: the match has
    /// no wildcard and stops compiling until the new one is listed.
    fn every_console_line() -> Vec<Console> {
        let lines = vec![
            Console::VendorsProducts {
                vendors: 3,
                products: 1,
            },
            Console::Built(build_summary()),
            Console::NothingPublished {
                out: "public".into(),
            },
            Console::PortTaken {
                asked: 8000,
                used: 8001,
            },
            Console::CannotListen {
                bind: IpAddr::from([127, 0, 0, 1]),
                port: 80,
                detail: "permission denied".into(),
            },
            Console::CannotWatch {
                detail: "too many watches".into(),
            },
            Console::Building,
            Console::Changed {
                paths: vec!["content/fair.toml".into()],
            },
            Console::NotUpdated,
            Console::Rebuilt(rebuild_summary(Then::Reload)),
            Console::PreviewAt {
                url: "http://127.0.0.1:8000/".into(),
            },
            Console::OnPhone {
                url: "http://192.168.1.5:8000/".into(),
            },
            Console::NoLanAddress,
            Console::LanWarning,
            Console::PreviewStopped,
            Console::EditorDesk {
                url: "http://127.0.0.1:1111/__vitrina/edit/login?code=x".into(),
            },
            Console::EditorPhones {
                url: "http://192.168.1.5:1111/__vitrina/edit/".into(),
            },
            Console::EditorLanWarning,
            Console::EditorFailed {
                detail: "access.toml".into(),
            },
        ];
        for line in &lines {
            match line {
                Console::VendorsProducts { .. }
                | Console::Built(_)
                | Console::NothingPublished { .. }
                | Console::PortTaken { .. }
                | Console::CannotListen { .. }
                | Console::CannotWatch { .. }
                | Console::Building
                | Console::Changed { .. }
                | Console::NotUpdated
                | Console::Rebuilt(_)
                | Console::PreviewAt { .. }
                | Console::OnPhone { .. }
                | Console::NoLanAddress
                | Console::LanWarning
                | Console::PreviewStopped
                | Console::EditorDesk { .. }
                | Console::EditorPhones { .. }
                | Console::EditorLanWarning
                | Console::EditorFailed { .. } => {}
            }
        }
        lines
    }

    fn every_overlay_text() -> Vec<Overlay> {
        let texts = vec![
            Overlay::Lead,
            Overlay::HintLabel,
            Overlay::Close,
            Overlay::NotBuiltYet,
        ];
        for text in &texts {
            match text {
                Overlay::Lead | Overlay::HintLabel | Overlay::Close | Overlay::NotBuiltYet => {}
            }
        }
        texts
    }

    fn assert_two_languages(what: &str, es: &str, en: &str) {
        assert!(!es.trim().is_empty(), "{what}: no Spanish text");
        assert!(!en.trim().is_empty(), "{what}: no English text");
        assert_ne!(es, en, "{what}: the same text in both languages");
    }

    #[test]
    fn every_message_has_distinct_spanish_and_english_text() {
        for line in every_console_line() {
            let what = format!("{line:?}");
            assert_two_languages(&what, &line.text(Lang::Es), &line.text(Lang::En));
        }
        for text in every_overlay_text() {
            let what = format!("{text:?}");
            assert_two_languages(&what, &text.text(Lang::Es), &text.text(Lang::En));
        }
        // What a rebuild adds after its summary (nothing after the first build).
        let first = |lang| Console::Rebuilt(rebuild_summary(Then::FirstBuild)).text(lang);
        for then in [Then::Nothing, Then::Stylesheets, Then::Reload] {
            let line = Console::Rebuilt(rebuild_summary(then));
            let es = line.text(Lang::Es);
            let en = line.text(Lang::En);
            let tail_es = es.strip_prefix(&first(Lang::Es)).unwrap_or(&es);
            let tail_en = en.strip_prefix(&first(Lang::En)).unwrap_or(&en);
            assert_two_languages(&format!("{then:?}"), tail_es, tail_en);
        }
    }

    #[test]
    fn the_build_summary_reads_as_before() {
        assert_eq!(
            Console::Built(build_summary()).text(Lang::Es),
            "Listo: 3 emprendimientos, 12 productos, 20 páginas (4 ya al día), 9 fotos (2 desde la caché; 11 MB leídos; 30 archivos que suman 5 KB) → public en 1.23 s"
        );
        assert_eq!(
            Console::VendorsProducts {
                vendors: 1,
                products: 2
            }
            .text(Lang::En),
            "1 vendor, 2 products"
        );
    }

    #[test]
    fn a_rebuild_says_what_it_made_and_what_pages_do() {
        let line = Console::Rebuilt(rebuild_summary(Then::Stylesheets));
        assert_eq!(
            line.text(Lang::Es),
            "Listo en 0.10 s: 1 de 20 páginas hechas de nuevo, 1 foto procesada, 2 archivos cambiaron en el sitio — solo estilos: cambio la hoja de estilos sin recargar"
        );
        let first = Console::Rebuilt(rebuild_summary(Then::FirstBuild));
        assert_eq!(
            first.text(Lang::En),
            "Done in 0.10 s: 1 of 20 pages made again, 1 photo processed, 2 files changed in the site"
        );
    }

    #[test]
    fn a_long_batch_of_changes_names_five_files_and_counts_the_rest() {
        let paths: Vec<String> = (1..=7).map(|i| format!("f{i}")).collect();
        let line = Console::Changed { paths };
        assert_eq!(line.text(Lang::Es), "Cambió: f1, f2, f3, f4, f5 y 2 más");
        assert_eq!(
            line.text(Lang::En),
            "Changed: f1, f2, f3, f4, f5 and 2 more"
        );
    }
}

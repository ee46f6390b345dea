//! When the machine fails, not the content: the output folder cannot be used, the disk is full,
//! the system refuses permission. Typed as a [`Failure`] (what failed, which path, the system's
//! [`io::ErrorKind`]), with the sentence and the "what to do" in Spanish and English, worded for
//! the organizer running the build.
//!
//! `output` returns a `Failure` inside `anyhow::Error` (or inside an `io::Error`, where the
//! output traits speak `io`); [`explain`] finds it again in any error and lays it out in the
//! user's language, and [`exit_code`] tells a usage error (the chosen folder cannot be used:
//! exit 2) from a failure of the machine (exit 1). The wording depends only on the typed kinds,
//! never on a system's or a library's English error text.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::i18n::Lang;

/// What failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// The output folder is the site folder, or holds it.
    OutHoldsSite,
    /// The output folder is inside one of the site's own folders (`content/`, `themes/`,
    /// `static/`, the cache), or holds it.
    OutAroundSource {
        /// That folder.
        source: PathBuf,
    },
    /// The output folder already holds files, and vitrina did not make it (no marker file).
    OutNotVitrinas,
    /// The cache folder is inside `content/`, `themes/` or `static/`, or holds it.
    CacheAroundSource {
        /// That folder.
        source: PathBuf,
    },
    /// The output folder and the cache folder are one inside the other.
    OutAroundCache {
        /// The cache folder.
        cache: PathBuf,
    },
    /// The output folder (or the folder a build fills beside it) could not be made.
    CreateOutput,
    /// A file of the site could not be written.
    Write,
    /// A file or folder could not be read.
    Read,
    /// The new site could not be put in place of the output folder.
    Replace,
    /// A path would leave the output folder (`..`, absolute, empty).
    OutsideOutput,
    /// A file and a folder of one build at the same place (`path` is the file).
    InTheWay {
        /// The other one, when known.
        other: Option<String>,
    },
}

/// A failure of the machine, with the path it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// What failed.
    pub kind: Kind,
    /// Which path: the folder or file the user can look at.
    pub path: PathBuf,
    /// What the system said, as a kind (`None` when vitrina itself refused).
    pub io: Option<io::ErrorKind>,
    /// The system's own words, shown only when `io` is a kind without a sentence of ours.
    pub detail: Option<String>,
}

impl Failure {
    /// vitrina refuses `path` (no system error).
    pub fn new(kind: Kind, path: impl Into<PathBuf>) -> Failure {
        Failure {
            kind,
            path: path.into(),
            io: None,
            detail: None,
        }
    }

    /// The system refused `kind` on `path` with `err`. When `err` already carries a `Failure`
    /// (an inner step named its own path), that one is kept.
    pub fn io(kind: Kind, path: impl Into<PathBuf>, err: &io::Error) -> Failure {
        if let Some(inner) = Failure::inside(err) {
            return inner.clone();
        }
        Failure {
            kind,
            path: path.into(),
            io: Some(err.kind()),
            detail: Some(err.to_string()),
        }
    }

    /// `err` as an `io::Error` carrying this failure (for the output traits, which speak `io`):
    /// an error that already carries one is returned as it is.
    pub fn wrap(kind: Kind, path: impl Into<PathBuf>, err: io::Error) -> io::Error {
        if Failure::inside(&err).is_some() {
            return err;
        }
        let f = Failure::io(kind, path, &err);
        io::Error::new(err.kind(), f)
    }

    /// This failure as an `io::Error` of the matching kind.
    pub fn into_io(self) -> io::Error {
        let kind = self.io.unwrap_or(match self.kind {
            Kind::OutsideOutput => io::ErrorKind::InvalidInput,
            Kind::InTheWay { .. } => io::ErrorKind::AlreadyExists,
            _ => io::ErrorKind::Other,
        });
        io::Error::new(kind, self)
    }

    /// The failure an `io::Error` carries, if any.
    pub fn inside(err: &io::Error) -> Option<&Failure> {
        err.get_ref()?.downcast_ref::<Failure>()
    }

    /// True when the folders the user chose cannot be used (a usage error, exit status 2).
    pub fn is_usage(&self) -> bool {
        matches!(
            self.kind,
            Kind::OutHoldsSite
                | Kind::OutAroundSource { .. }
                | Kind::OutNotVitrinas
                | Kind::CacheAroundSource { .. }
                | Kind::OutAroundCache { .. }
        )
    }

    /// What happened, in one sentence (the path is shown on its own line by [`explain`]).
    pub fn message(&self, lang: Lang) -> String {
        let es = lang == Lang::Es;
        let what = match &self.kind {
            Kind::OutHoldsSite => t(
                es,
                "la carpeta de salida contiene el sitio: vitrina la reemplazaría entera, con tu contenido adentro",
                "the output folder contains the site: vitrina would replace all of it, your content included",
            ),
            Kind::OutAroundSource { source } => {
                let source = source.display();
                if es {
                    format!("la carpeta de salida está dentro de {source} (o la contiene): vitrina nunca escribe ahí")
                } else {
                    format!("the output folder is inside {source} (or contains it): vitrina never writes there")
                }
            }
            Kind::OutNotVitrinas => t(
                es,
                "la carpeta de salida ya tiene archivos que vitrina no hizo, y vitrina la reemplazaría entera",
                "the output folder holds files vitrina did not make, and vitrina would replace all of it",
            ),
            Kind::CacheAroundSource { source } => {
                let source = source.display();
                if es {
                    format!("la carpeta de la caché está dentro de {source} (o la contiene): ahí solo van tus propios archivos")
                } else {
                    format!("the cache folder is inside {source} (or contains it): only your own files go there")
                }
            }
            Kind::OutAroundCache { cache } => {
                let cache = cache.display();
                if es {
                    format!("la carpeta de salida y la caché ({cache}) no pueden estar una dentro de la otra")
                } else {
                    format!("the output folder and the cache folder ({cache}) cannot be inside each other")
                }
            }
            Kind::CreateOutput => t(
                es,
                "vitrina no pudo preparar la carpeta de salida",
                "vitrina could not prepare the output folder",
            ),
            Kind::Write => t(
                es,
                "vitrina no pudo escribir este archivo del sitio",
                "vitrina could not write this file of the site",
            ),
            Kind::Read => t(es, "vitrina no pudo leer esto", "vitrina could not read this"),
            Kind::Replace => t(
                es,
                "vitrina no pudo poner el sitio nuevo en la carpeta de salida",
                "vitrina could not put the new site into the output folder",
            ),
            Kind::OutsideOutput => t(
                es,
                "esta ruta saldría de la carpeta de salida",
                "this path would leave the output folder",
            ),
            Kind::InTheWay { other } => match (other, es) {
                (Some(o), true) => format!("{o} ocupa ese lugar: la misma ruta no puede ser archivo y carpeta a la vez"),
                (Some(o), false) => format!("{o} is in the way: one path cannot be a file and a folder at once"),
                (None, true) => "una carpeta de esta misma build ocupa ese lugar: la misma ruta no puede ser archivo y carpeta a la vez".into(),
                (None, false) => "a folder of this build is in the way: one path cannot be a file and a folder at once".into(),
            },
        };
        match self.reason(lang) {
            Some(why) => format!("{what}: {why}"),
            None => what,
        }
    }

    /// Why the system said no, from its error kind.
    fn reason(&self, lang: Lang) -> Option<String> {
        let es = lang == Lang::Es;
        let kind = self.io?;
        Some(match kind {
            io::ErrorKind::PermissionDenied => t(
                es,
                "la computadora no le da permiso a vitrina",
                "the computer does not give vitrina permission",
            ),
            io::ErrorKind::StorageFull => t(es, "el disco está lleno", "the disk is full"),
            io::ErrorKind::QuotaExceeded => t(
                es,
                "se acabó el espacio que tienes asignado en el disco",
                "your disk quota is used up",
            ),
            io::ErrorKind::ReadOnlyFilesystem => {
                t(es, "el disco es de solo lectura", "the disk is read-only")
            }
            io::ErrorKind::ResourceBusy => t(
                es,
                "otro programa lo está usando",
                "another program is using it",
            ),
            io::ErrorKind::NotFound => t(es, "no existe", "it does not exist"),
            io::ErrorKind::FileTooLarge => t(
                es,
                "el archivo es demasiado grande para ese disco",
                "the file is too large for that disk",
            ),
            _ => {
                let detail = self.detail.clone().unwrap_or_else(|| kind.to_string());
                if es {
                    format!("el sistema respondió «{detail}»")
                } else {
                    format!("the system said \"{detail}\"")
                }
            }
        })
    }

    /// What to do about it.
    pub fn hint(&self, lang: Lang) -> String {
        let es = lang == Lang::Es;
        match (&self.kind, self.io) {
            (Kind::OutHoldsSite | Kind::OutAroundSource { .. }, _) => t(
                es,
                "usa una carpeta aparte para el sitio publicado, por ejemplo `--out public`",
                "use a separate folder for the published site, for example `--out public`",
            ),
            (Kind::OutNotVitrinas, _) => t(
                es,
                "usa otra carpeta (por ejemplo `--out public`), o vacíala tú si de verdad quieres que vitrina la ocupe",
                "use another folder (for example `--out public`), or empty it yourself if you really want vitrina to use it",
            ),
            (Kind::CacheAroundSource { .. }, _) => t(
                es,
                "pon la caché en otra carpeta con `--cache-dir`, o quita esa opción para usar `.vitrina-cache` dentro del sitio",
                "put the cache in another folder with `--cache-dir`, or leave that option out to use `.vitrina-cache` in the site",
            ),
            (Kind::OutAroundCache { .. }, _) => t(
                es,
                "usa carpetas separadas para `--out` y `--cache-dir`",
                "use separate folders for `--out` and `--cache-dir`",
            ),
            (Kind::OutsideOutput, _) => t(
                es,
                "es un error de vitrina, no de tu contenido: avísanos con este mensaje",
                "this is a bug in vitrina, not in your content: please report it with this message",
            ),
            (Kind::InTheWay { .. }, _) => t(
                es,
                "cambia el nombre de uno de los dos (suele ser un archivo de static/ o del tema con el nombre de una página)",
                "rename one of the two (usually a file in static/ or in the theme named like a page)",
            ),
            (Kind::Read, Some(io::ErrorKind::PermissionDenied)) => t(
                es,
                "revisa los permisos de ese archivo o carpeta (que tu usuario pueda abrirlo) y vuelve a intentarlo",
                "check the permissions of that file or folder (your user must be able to open it) and try again",
            ),
            (_, Some(io::ErrorKind::PermissionDenied)) => t(
                es,
                "elige con `--out` una carpeta donde puedas escribir (por ejemplo `public` dentro del sitio), o pide a quien administra la computadora permiso para escribir ahí",
                "choose a folder you can write to with `--out` (for example `public` inside the site), or ask whoever manages the computer for permission to write there",
            ),
            (_, Some(io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded)) => t(
                es,
                "libera espacio en el disco (puedes borrar la carpeta `.vitrina-cache` del sitio: se vuelve a hacer sola) y vuelve a intentarlo",
                "free some disk space (you may delete the site's `.vitrina-cache` folder: it is made again) and try again",
            ),
            (_, Some(io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::FileTooLarge)) => t(
                es,
                "elige con `--out` una carpeta en otro disco",
                "choose a folder on another disk with `--out`",
            ),
            (_, Some(io::ErrorKind::ResourceBusy)) => t(
                es,
                "cierra lo que esté usando esa carpeta (otra vitrina en marcha, el explorador de archivos) y vuelve a intentarlo",
                "close whatever is using that folder (another vitrina running, a file explorer) and try again",
            ),
            (Kind::Read, _) => t(
                es,
                "revisa que ese archivo exista y se pueda abrir, y vuelve a intentarlo",
                "check that the file exists and can be opened, and try again",
            ),
            _ => t(
                es,
                "revisa que quede espacio en el disco y que puedas escribir en esa carpeta, y vuelve a intentarlo",
                "check that the disk has free space and that you can write to that folder, and try again",
            ),
        }
    }
}

fn t(es: bool, spanish: &str, english: &str) -> String {
    if es { spanish } else { english }.to_string()
}

impl fmt::Display for Failure {
    /// In Spanish, vitrina's default language, with the path (see [`explain`] for the user's).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({})",
            self.message(Lang::default()),
            self.path.display()
        )
    }
}

impl std::error::Error for Failure {}

/// The [`Failure`] somewhere in `err`'s chain, directly or inside an `io::Error`.
pub fn find(err: &anyhow::Error) -> Option<&Failure> {
    err.chain().find_map(|e| {
        e.downcast_ref::<Failure>()
            .or_else(|| e.downcast_ref::<io::Error>().and_then(Failure::inside))
    })
}

/// `err` as the user reads it, in `lang`: a [`Failure`] as a sentence, the path and what to
/// do; any other error as its chain of causes.
pub fn explain(err: &anyhow::Error, lang: Lang) -> String {
    let Some(f) = find(err) else {
        return format!("error: {err:#}");
    };
    let help = match lang {
        Lang::Es => "qué hacer",
        Lang::En => "what to do",
    };
    format!(
        "error: {}\n--> {}\n = {help}: {}",
        f.message(lang),
        shown(&f.path),
        f.hint(lang)
    )
}

/// The exit status for `err`: 2 when the chosen folders cannot be used, else 1.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    if find(err).is_some_and(Failure::is_usage) {
        2
    } else {
        1
    }
}

fn shown(p: &Path) -> String {
    p.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_kind() -> Vec<Failure> {
        let kinds = [
            Kind::OutHoldsSite,
            Kind::OutAroundSource {
                source: "/s/content".into(),
            },
            Kind::OutNotVitrinas,
            Kind::CacheAroundSource {
                source: "/s/static".into(),
            },
            Kind::OutAroundCache {
                cache: "/s/.vitrina-cache".into(),
            },
            Kind::CreateOutput,
            Kind::Write,
            Kind::Read,
            Kind::Replace,
            Kind::OutsideOutput,
            Kind::InTheWay {
                other: Some("foo".into()),
            },
            Kind::InTheWay { other: None },
        ];
        let ios = [
            None,
            Some(io::ErrorKind::PermissionDenied),
            Some(io::ErrorKind::StorageFull),
            Some(io::ErrorKind::QuotaExceeded),
            Some(io::ErrorKind::ReadOnlyFilesystem),
            Some(io::ErrorKind::ResourceBusy),
            Some(io::ErrorKind::NotFound),
            Some(io::ErrorKind::FileTooLarge),
            Some(io::ErrorKind::Other),
        ];
        kinds
            .iter()
            .flat_map(|k| {
                ios.iter().map(|io| Failure {
                    kind: k.clone(),
                    path: "/s/public".into(),
                    io: *io,
                    detail: Some("Broken pipe (os error 32)".into()),
                })
            })
            .collect()
    }

    #[test]
    fn every_failure_has_distinct_spanish_and_english_text() {
        for f in every_kind() {
            for (es, en) in [
                (f.message(Lang::Es), f.message(Lang::En)),
                (f.hint(Lang::Es), f.hint(Lang::En)),
            ] {
                assert!(!es.is_empty() && !en.is_empty(), "{f:?}");
                assert_ne!(es, en, "{f:?}");
            }
        }
    }

    #[test]
    fn the_reason_comes_from_the_error_kind_not_its_wording() {
        let full = io::Error::new(io::ErrorKind::StorageFull, "whatever the OS says");
        let f = Failure::io(Kind::Write, "/s/public/index.html", &full);
        assert_eq!(
            f.message(Lang::Es),
            "vitrina no pudo escribir este archivo del sitio: el disco está lleno"
        );
        assert_eq!(
            f.message(Lang::En),
            "vitrina could not write this file of the site: the disk is full"
        );
        assert!(f.hint(Lang::En).contains("free some disk space"));
        // A kind without a sentence of ours shows the system's words.
        let odd = io::Error::other("strange");
        let f = Failure::io(Kind::Write, "/x", &odd);
        assert!(f.message(Lang::En).ends_with("the system said \"strange\""));
    }

    #[test]
    fn a_failure_is_found_through_context_and_inside_io_errors() {
        let denied = io::Error::from(io::ErrorKind::PermissionDenied);
        let inner = Failure::wrap(Kind::Write, "/s/public/a.html", denied);
        // Wrapped again on the way up: the inner path stays.
        let outer = Failure::wrap(Kind::Replace, "/s/public", inner);
        let err = anyhow::Error::from(outer).context("building");
        let f = find(&err).unwrap();
        assert_eq!(f.kind, Kind::Write);
        assert_eq!(f.path, Path::new("/s/public/a.html"));
        let text = explain(&err, Lang::En);
        assert!(text.contains("--> /s/public/a.html"), "{text}");
        assert!(
            text.contains("the computer does not give vitrina permission"),
            "{text}"
        );
        assert_eq!(exit_code(&err), 1);
        let usage = anyhow::Error::from(Failure::new(Kind::OutNotVitrinas, "/d"));
        assert_eq!(exit_code(&usage), 2);
        assert!(explain(&usage, Lang::Es).contains("qué hacer: usa otra carpeta"));
        // Anything else: the chain, as before.
        let other = anyhow::anyhow!("tokio").context("serve");
        assert_eq!(explain(&other, Lang::Es), "error: serve: tokio");
        assert_eq!(exit_code(&other), 1);
    }
}

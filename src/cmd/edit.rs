//! `vitrina edit`: `serve` plus the editor ([`crate::edit`]), in one server. Prints the
//! organizer's link (its code is new each run and lives only in this process) and, serving the
//! network, the address phones use and a warning.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;

use crate::cli::EditArgs;
use crate::diag::messages::console::Console;
use crate::edit::server::{router, Editor, BASE};
use crate::i18n::Lang;
use crate::serve::{Extra, Shared, Urls};

/// Runs `edit` until Ctrl-C; returns the exit status.
pub fn run(args: &EditArgs, lang: Option<Lang>) -> Result<u8> {
    let site = args.site.site.clone();
    let config = crate::serve::Config {
        site_dir: site.clone(),
        bind: args.bind,
        port: args.port,
        open: false,
        poll: args.poll.map(|ms| Duration::from_millis(ms.max(50))),
        drafts: false,
        cache_dir: args.cache_dir.clone(),
        lang,
    };
    // What could stop the editor is found before anything is served: its pages, the codes file.
    crate::edit::server::view::View::new()?;
    if let Err(e) = crate::edit::access::Codes::load(&site) {
        // A damaged codes file is said as `vitrina access` says it, in the fair's language.
        return match e.downcast_ref::<crate::edit::access::Damaged>() {
            Some(d) => {
                let lang = lang.unwrap_or_else(|| crate::build::sniff_lang(&site));
                let message = crate::diag::messages::access::AccessMessage::Damaged {
                    path: &d.path,
                    detail: &d.detail,
                };
                eprintln!("{}", message.text(lang));
                Ok(1)
            }
            None => Err(e),
        };
    }
    if let Some(url) = &args.public_url {
        url::Url::parse(url).map_err(|e| anyhow::anyhow!("--public-url {url}: {e}"))?;
    }
    let public_url = args.public_url.clone();
    let extra: Extra = Box::new(move |shared: Arc<Shared>, urls: &Urls| {
        let lang = shared.lang();
        let mut seen = vec![urls.local.clone()];
        if let Some(Some(lan)) = &urls.lan {
            seen.push(lan.clone());
        }
        match Editor::new(site, Some(shared), &seen, public_url.as_deref()) {
            Ok(editor) => {
                let local = urls.local.trim_end_matches('/');
                let mut lines = vec![Console::EditorDesk {
                    url: format!("{local}{}", editor.organizer_path()),
                }
                .text(lang)];
                let phones = format!("{}{BASE}", editor.phone_url);
                if urls.lan.is_some() || public_url.is_some() {
                    lines.push(Console::EditorPhones { url: phones }.text(lang));
                }
                if urls.lan.is_some() {
                    lines.push(Console::EditorLanWarning.text(lang));
                }
                (router(Arc::new(editor)), lines)
            }
            Err(e) => {
                let detail = format!("{e:#}");
                let line = Console::EditorFailed { detail }.text(lang);
                (axum::Router::new(), vec![line])
            }
        }
    });
    crate::serve::run_with(&config, Some(extra))
}

//! `vitrina check`: the whole pipeline up to rendering, reporting every problem, writing nothing.
//! Its last line says what the site holds and how many drafts were left out.

use anyhow::Result;

use crate::build::{self, Options};
use crate::cli::CheckArgs;
use crate::diag::messages::new::CheckMessage;
use crate::i18n::Lang;

/// Runs `check`; returns the exit status.
pub fn run(args: &CheckArgs, lang: Option<Lang>) -> Result<u8> {
    let opts = Options {
        site_dir: args.site.site.clone(),
        out_dir: "public".into(),
        base_url: None,
        drafts: args.drafts,
        strict: args.strict,
        write: false,
        cache_dir: args.cache_dir.clone(),
        keep_dir: None,
        live: None,
    };
    let report = build::run(&opts, super::one_shot_memory())?;
    let lang = super::message_lang(lang, &report, &opts.site_dir);
    super::print_diagnostics(&report, lang);
    if report.failed() {
        return Ok(1);
    }
    let counts = super::vendors_products(lang, &report);
    let message = CheckMessage::AllGood {
        counts: &counts,
        drafts_skipped: report.drafts_skipped,
    };
    println!("{}", message.text(lang));
    Ok(0)
}

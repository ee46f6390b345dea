//! `vitrina check`: the whole pipeline up to rendering, reporting every problem, writing nothing.

use anyhow::Result;

use crate::build::{self, Options};
use crate::cli::CheckArgs;
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
    let report = build::run(&opts, &crate::memory::Memory::default())?;
    let lang = super::message_lang(lang, &report, &opts.site_dir);
    super::print_diagnostics(&report, lang);
    if report.failed() {
        return Ok(1);
    }
    println!(
        "{}",
        match lang {
            Lang::Es => format!("Todo bien: {}.", super::vendors_products(lang, &report)),
            Lang::En => format!("All good: {}.", super::vendors_products(lang, &report)),
        }
    );
    Ok(0)
}

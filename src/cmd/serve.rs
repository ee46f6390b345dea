//! `vitrina serve`: turns the arguments into a [`crate::serve::Config`] and runs it.

use std::time::Duration;

use anyhow::Result;

use crate::cli::ServeArgs;
use crate::i18n::Lang;

/// Runs `serve` until Ctrl-C; returns the exit status.
pub fn run(args: &ServeArgs, lang: Option<Lang>) -> Result<u8> {
    let config = crate::serve::Config {
        site_dir: args.site.site.clone(),
        bind: args.bind,
        port: args.port,
        open: args.open,
        poll: args.poll.map(|ms| Duration::from_millis(ms.max(50))),
        drafts: args.drafts,
        cache_dir: args.cache_dir.clone(),
        lang,
    };
    crate::serve::run(&config)
}

//! `vitrina init DIR`: a new, empty site that `check` accepts, ready for `vitrina edit`.

use anyhow::Result;

use crate::cli::InitArgs;
use crate::i18n::Lang;

/// Runs `init`; returns the exit status.
pub fn run(args: &InitArgs, lang: Option<Lang>) -> Result<u8> {
    let _ = (args, lang);
    Ok(2)
}

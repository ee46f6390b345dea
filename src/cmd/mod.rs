//! Subcommands: each turns parsed arguments into a call of the pipeline and prints the result.
//! They hold no stage logic of their own, and no sentence of their own: what they print is
//! typed in [`crate::diag::messages::console`] (and the diagnostics' own messages).

pub mod access;
pub mod build;
pub mod check;
pub mod edit;
pub mod init;
pub mod new;
pub mod serve;

use crate::build::Report;
use crate::diag::messages::console::Console;
use crate::diag::render::{color, render_all};
use crate::i18n::Lang;

/// The language for messages: `--lang`, else the fair's.
pub fn message_lang(flag: Option<Lang>, report: &Report, site: &std::path::Path) -> Lang {
    crate::build::message_lang(flag, report, site)
}

/// Prints every diagnostic of a run to stderr.
pub fn print_diagnostics(report: &Report, lang: Lang) {
    if !report.diagnostics.is_empty() {
        eprint!("{}", render_all(&report.diagnostics, lang, color()));
    }
}

/// "N vendors, M products" in the message language ([`Console::VendorsProducts`]).
pub fn vendors_products(lang: Lang, report: &Report) -> String {
    Console::VendorsProducts {
        vendors: report.vendors,
        products: report.products,
    }
    .text(lang)
}

/// The memory of a one-shot command (`build`, `check`): it keeps nothing for a next build
/// ([`crate::memory::Memory::once`]).
pub fn one_shot_memory() -> &'static crate::memory::Memory {
    Box::leak(Box::new(crate::memory::Memory::once()))
}

//! Subcommands: each turns parsed arguments into a call of the pipeline and prints the result.
//! They hold no stage logic of their own.

pub mod build;
pub mod check;
pub mod new;
pub mod serve;

use std::io::IsTerminal;

use crate::build::Report;
use crate::diag::render::render_all;
use crate::i18n::Lang;

/// Whether stderr wants colours.
pub fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

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

/// "1 producto" / "3 productos".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "N vendors, M products" in the message language.
pub fn vendors_products(lang: Lang, report: &Report) -> String {
    match lang {
        Lang::Es => format!(
            "{}, {}",
            count(report.vendors, "emprendimiento", "emprendimientos"),
            count(report.products, "producto", "productos")
        ),
        Lang::En => format!(
            "{}, {}",
            count(report.vendors, "vendor", "vendors"),
            count(report.products, "product", "products")
        ),
    }
}

//! `vitrina build`: runs the pipeline and writes the site.

use anyhow::Result;

use crate::build::{self, Options};
use crate::cli::BuildArgs;
use crate::i18n::Lang;

/// Runs `build`; returns the exit status.
pub fn run(args: &BuildArgs, lang: Option<Lang>) -> Result<u8> {
    let opts = Options {
        site_dir: args.site.site.clone(),
        out_dir: args.out.clone(),
        base_url: args.base_url.clone(),
        drafts: args.drafts,
        strict: args.strict,
        write: true,
    };
    if let Some(url) = &opts.base_url {
        if crate::model::split_base_url(url).is_none() {
            eprintln!("error: --base-url {url}: https://… / http://…");
            return Ok(2);
        }
    }
    // An output folder that would overwrite the site is a usage error (exit 2), not a content one.
    if let Err(e) = crate::output::check_out_dir(&opts.site_dir, &opts.out_dir) {
        eprintln!("error: {e}");
        return Ok(2);
    }
    let report = build::run(&opts)?;
    let lang = super::message_lang(lang, &report, &opts.site_dir);
    super::print_diagnostics(&report, lang);
    let secs = report
        .timings
        .iter()
        .map(|(_, d)| d.as_secs_f64())
        .sum::<f64>();
    let out = opts.out_dir.display();
    if report.failed() || !report.written {
        eprintln!(
            "{}",
            match lang {
                Lang::Es => format!("No se publicó nada: {out} quedó como estaba."),
                Lang::En => format!("Nothing was published: {out} was left as it was."),
            }
        );
        return Ok(1);
    }
    let i = &report.images;
    println!(
        "{}",
        match lang {
            Lang::Es => format!(
                "Listo: {}, {} páginas, {} fotos ({} archivos, {} KB) → {out} en {secs:.2} s",
                super::vendors_products(lang, &report),
                report.pages,
                i.photos,
                i.files,
                i.bytes_out / 1024
            ),
            Lang::En => format!(
                "Done: {}, {} pages, {} photos ({} files, {} KB) → {out} in {secs:.2} s",
                super::vendors_products(lang, &report),
                report.pages,
                i.photos,
                i.files,
                i.bytes_out / 1024
            ),
        }
    );
    if std::env::var_os("VITRINA_TIMINGS").is_some() {
        for (name, d) in &report.timings {
            eprintln!("  {name:<16} {:>8.3} s", d.as_secs_f64());
        }
    }
    Ok(0)
}

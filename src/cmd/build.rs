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
        cache_dir: args.cache_dir.clone(),
        keep_dir: None,
        live: None,
    };
    if let Some(url) = &opts.base_url {
        if crate::model::split_base_url(url).is_none() {
            eprintln!("error: --base-url {url}: https://… / http://…");
            return Ok(2);
        }
    }
    // An output folder that would overwrite the site is a usage error (exit 2), not a content one.
    let checked = crate::output::check_out_dir(&opts.site_dir, &opts.out_dir)
        .and_then(|()| crate::output::check_out_dir_against(&opts.cache_root(), &opts.out_dir))
        .and_then(|()| crate::output::check_cache_dir(&opts.site_dir, &opts.cache_root()));
    checked?; // told in the user's language by main, exit status 2
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
                "Listo: {}, {} páginas ({} ya al día), {} fotos ({} desde la caché; {} leídos; {} archivos que suman {}) → {out} en {secs:.2} s",
                super::vendors_products(lang, &report),
                report.pages,
                report.pages_kept,
                i.photos,
                i.cached,
                size(i.bytes_in),
                i.files,
                size(i.bytes_out)
            ),
            Lang::En => format!(
                "Done: {}, {} pages ({} already up to date), {} photos ({} from the cache; {} read; {} files of {} in all) → {out} in {secs:.2} s",
                super::vendors_products(lang, &report),
                report.pages,
                report.pages_kept,
                i.photos,
                i.cached,
                size(i.bytes_in),
                i.files,
                size(i.bytes_out)
            ),
        }
    );
    if std::env::var_os("VITRINA_TIMINGS").is_some() {
        for (name, d) in &report.timings {
            eprintln!("  {name:<16} {:>8.3} s", d.as_secs_f64());
        }
        let made = (i.photos - i.cached).max(1) as f64;
        for (name, d) in [
            ("decode", i.decode),
            ("resize", i.resize),
            ("encode", i.encode),
        ] {
            eprintln!(
                "  photos: {name:<8} {:>8.3} s on all cores, {:>6.1} ms a photo",
                d.as_secs_f64(),
                d.as_secs_f64() * 1000.0 / made
            );
        }
    }
    Ok(0)
}

/// Bytes as KB or MB.
fn size(bytes: u64) -> String {
    if bytes >= 10 * 1024 * 1024 {
        format!("{} MB", bytes / (1024 * 1024))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

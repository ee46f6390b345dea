//! `vitrina build`: runs the pipeline and writes the site.

use anyhow::Result;

use crate::build::{self, Options, Report};
use crate::cli::BuildArgs;
use crate::diag::messages::console::{BuildSummary, Console};
use crate::i18n::Lang;

/// Runs `build`; returns the exit status.
pub fn run(args: &BuildArgs, lang: Option<Lang>) -> Result<u8> {
    let opts = options(args);
    if let Some(code) = refuse(&opts)? {
        return Ok(code);
    }
    let report = build::run(&opts, super::one_shot_memory())?;
    let lang = super::message_lang(lang, &report, &opts.site_dir);
    super::print_diagnostics(&report, lang);
    let out = opts.out_dir.display().to_string();
    if report.failed() || !report.written {
        eprintln!("{}", Console::NothingPublished { out }.text(lang));
        return Ok(1);
    }
    println!("{}", Console::Built(summary(&report, out)).text(lang));
    if std::env::var_os("VITRINA_TIMINGS").is_some() {
        print_timings(&report);
    }
    Ok(0)
}

fn options(args: &BuildArgs) -> Options {
    Options {
        site_dir: args.site.site.clone(),
        out_dir: args.out.clone(),
        base_url: args.base_url.clone(),
        drafts: args.drafts,
        strict: args.strict,
        write: true,
        cache_dir: args.cache_dir.clone(),
        keep_dir: None,
        live: None,
    }
}

/// Usage errors, said before building: the exit status if there is one (an unusable output
/// folder is an `Err`, which main tells in the user's language with exit status 2).
fn refuse(opts: &Options) -> Result<Option<u8>> {
    if let Some(url) = &opts.base_url {
        if crate::model::split_base_url(url).is_none() {
            eprintln!("error: --base-url {url}: https://… / http://…");
            return Ok(Some(2));
        }
    }
    // An output folder that would overwrite the site is a usage error (exit 2), not a content one.
    let checked = crate::output::check_out_dir(&opts.site_dir, &opts.out_dir)
        .and_then(|()| crate::output::check_out_dir_against(&opts.cache_root(), &opts.out_dir))
        .and_then(|()| crate::output::check_cache_dir(&opts.site_dir, &opts.cache_root()));
    // Told in the user's language by main, exit status 2.
    checked?;
    Ok(None)
}

/// What a good build made, for its closing line.
fn summary(report: &Report, out: String) -> BuildSummary {
    let i = &report.images;
    BuildSummary {
        vendors: report.vendors,
        products: report.products,
        pages: report.pages,
        pages_kept: report.pages_kept,
        photos: i.photos,
        cached: i.cached,
        bytes_in: i.bytes_in,
        files: i.files,
        bytes_out: i.bytes_out,
        out,
        secs: report.timings.iter().map(|(_, d)| d.as_secs_f64()).sum(),
    }
}

/// `VITRINA_TIMINGS`: time per stage and per photo step (for measuring, not for users).
fn print_timings(report: &Report) {
    for (name, d) in &report.timings {
        eprintln!("  {name:<16} {:>8.3} s", d.as_secs_f64());
    }
    let i = &report.images;
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

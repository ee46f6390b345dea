//! vitrina's command-line entry: parse arguments, dispatch to `cmd`, print, exit.
//!
//! Exit status (the contract): 0 built, 1 content errors (all listed) or a failure of the
//! machine, 2 usage errors (including an output or cache folder that cannot be used). A failure
//! a command returns is told here, in the language of `--lang`, else of the fair
//! ([`machine::explain`]).

use std::path::Path;
use std::process::ExitCode;

/// Builds allocate many small strings on every core; mimalloc handles that far better than the
/// system allocator (measured in BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;

use vitrina::cli::{Cli, Command, NewCommand};
use vitrina::cmd;
use vitrina::diag::messages::machine;
use vitrina::i18n::Lang;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            e.print().ok();
            return ExitCode::from(code);
        }
    };
    let lang = cli.lang.as_deref().and_then(Lang::parse);
    let site = site_of(&cli.command).to_path_buf();
    let result = match cli.command {
        Command::Build(args) => cmd::build::run(&args, lang),
        Command::Serve(args) => cmd::serve::run(&args, lang),
        Command::Check(args) => cmd::check::run(&args, lang),
        Command::New(new) => cmd::new::run(&new, lang),
        Command::Init(args) => cmd::init::run(&args, lang),
        Command::Edit(args) => cmd::edit::run(&args, lang),
        Command::Access(args) => cmd::access::run(&args, lang),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let lang = lang.unwrap_or_else(|| vitrina::build::sniff_lang(&site));
            eprintln!("{}", machine::explain(&e, lang));
            ExitCode::from(machine::exit_code(&e))
        }
    }
}

/// The site folder a command works on (for the fair's language).
fn site_of(command: &Command) -> &Path {
    match command {
        Command::Build(a) => &a.site.site,
        Command::Serve(a) => &a.site.site,
        Command::Check(a) => &a.site.site,
        Command::Edit(a) => &a.site.site,
        Command::Access(a) => &a.site.site,
        Command::Init(a) => &a.dir,
        Command::New(NewCommand::Vendor { site, .. } | NewCommand::Product { site, .. }) => {
            &site.site
        }
    }
}

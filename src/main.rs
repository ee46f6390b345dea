//! vitrina's command-line entry: parse arguments, dispatch to `cmd`, print, exit.
//!
//! Exit status (the contract): 0 built, 1 content errors (all listed), 2 usage errors.

use std::process::ExitCode;

/// Builds allocate many small strings on every core; mimalloc handles that far better than the
/// system allocator (measured in BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;

use vitrina::cli::{Cli, Command};
use vitrina::cmd;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            e.print().ok();
            return ExitCode::from(code);
        }
    };
    let lang = cli.lang.as_deref().and_then(vitrina::i18n::Lang::parse);
    let result = match cli.command {
        Command::Build(args) => cmd::build::run(&args, lang),
        Command::Serve(args) => cmd::serve::run(&args, lang),
        Command::Check(args) => cmd::check::run(&args, lang),
        Command::New(new) => cmd::new::run(&new, lang),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

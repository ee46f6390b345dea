//! The command line, as the content contract spells it (clap derive; doc comments are the help).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// vitrina: the catalogue of a youth entrepreneurship fair, as a static web site.
#[derive(Debug, Parser)]
#[command(name = "vitrina", version, about, long_about = None)]
pub struct Cli {
    /// Language of messages: es or en (default: the fair's language).
    #[arg(long, global = true, value_parser = ["es", "en"])]
    pub lang: Option<String>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default: public).
    Build(BuildArgs),
    /// Build the site, serve it on this computer and rebuild on every change (live reload).
    Serve(ServeArgs),
    /// Check the content and report every problem, without writing anything.
    Check(CheckArgs),
    /// Create a vendor folder or a product file with every field explained.
    #[command(subcommand)]
    New(NewCommand),
    /// Make a new, empty site in DIR (fair.toml with every field explained), ready for `edit`.
    Init(InitArgs),
    /// `serve` plus the editor: each vendor edits her own entry from her phone.
    Edit(EditArgs),
    /// Give each vendor an access code for the editor (creating missing ones) and print them.
    ///
    /// A code is printed only when it is made: only its hash is kept (in SITE/.vitrina/), so
    /// it cannot be shown again. For a lost code, give a new one with --renew.
    Access(AccessArgs),
}

/// `vitrina init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to make the site in (created; must be empty if it exists).
    pub dir: PathBuf,
}

/// `vitrina edit`.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// The site folder to work on (`--site`).
    #[command(flatten)]
    pub site: SiteArgs,
    /// Address to listen on: 127.0.0.1 (only this computer) or 0.0.0.0 (phones on the same
    /// network too: the editor is then reachable on that network).
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Port to listen on (the next free one when taken; 0: any free port).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Look for changes every N milliseconds instead of waiting for the system's notices.
    #[arg(long, value_name = "MS", num_args = 0..=1, default_missing_value = "500")]
    pub poll: Option<u64>,
    /// Build cache folder (shared with `build`); default SITE/.vitrina-cache.
    #[arg(long)]
    pub cache_dir: Option<PathBuf>,
    /// The public address phones use when vitrina runs behind an HTTPS proxy (e.g.
    /// https://editor.example.org): links and access cards use it, cookies become Secure and
    /// the proxy's X-Forwarded-For is trusted for rate limits.
    #[arg(long)]
    pub public_url: Option<String>,
}

/// `vitrina access`.
#[derive(Debug, Args)]
pub struct AccessArgs {
    /// The site folder to work on (`--site`).
    #[command(flatten)]
    pub site: SiteArgs,
    /// Print JSON: [{"vendor", "code", "path"}].
    #[arg(long)]
    pub json: bool,
    /// Replace this vendor's code (the old one stops working at once).
    #[arg(long, value_name = "VENDOR")]
    pub renew: Option<String>,
}

/// `--site DIR`, shared by every command.
#[derive(Debug, Args, Clone)]
pub struct SiteArgs {
    /// The site folder (the one that holds content/).
    #[arg(long, default_value = ".")]
    pub site: PathBuf,
}

/// `vitrina build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site folder to work on (`--site`).
    #[command(flatten)]
    pub site: SiteArgs,
    /// Output folder, relative to the current folder.
    #[arg(long, default_value = "public")]
    pub out: PathBuf,
    /// Use this public address instead of base_url from fair.toml.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include vendors and products marked draft = true.
    #[arg(long)]
    pub drafts: bool,
    /// Treat warnings (such as a missing alt text) as errors.
    #[arg(long)]
    pub strict: bool,
    /// Build cache folder (encoded photos, the previous output); default SITE/.vitrina-cache.
    #[arg(long)]
    pub cache_dir: Option<PathBuf>,
}

/// `vitrina serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site folder to work on (`--site`).
    #[command(flatten)]
    pub site: SiteArgs,
    /// Address to listen on: 127.0.0.1 (only this computer) or 0.0.0.0 (phones on the same
    /// network too).
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Port to listen on (the next free one when taken; 0: any free port).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Open the site in the browser.
    #[arg(long)]
    pub open: bool,
    /// Look for changes every N milliseconds instead of waiting for the system's notices (for
    /// WSL, network drives and shared folders, where those get lost).
    #[arg(long, value_name = "MS", num_args = 0..=1, default_missing_value = "500")]
    pub poll: Option<u64>,
    /// Include vendors and products marked draft = true.
    #[arg(long)]
    pub drafts: bool,
    /// Build cache folder (shared with `build`); default SITE/.vitrina-cache.
    #[arg(long)]
    pub cache_dir: Option<PathBuf>,
}

/// `vitrina check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site folder to work on (`--site`).
    #[command(flatten)]
    pub site: SiteArgs,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// Also check drafts.
    #[arg(long)]
    pub drafts: bool,
    /// Build cache folder to read (as given to `build --cache-dir`); never written by check.
    #[arg(long)]
    pub cache_dir: Option<PathBuf>,
}

/// `vitrina new ...`.
#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A vendor folder: content/vendors/<slug>/ with vendor.toml, about.md, products/, photos/.
    Vendor {
        /// Name of the business or folder, e.g. "Dulces Rosita".
        slug: String,
        /// The site folder to add it to (`--site`).
        #[command(flatten)]
        site: SiteArgs,
    },
    /// A product file: content/vendors/<vendor>/products/<slug>.md.
    Product {
        /// The vendor folder.
        vendor: String,
        /// Name of the product or file, e.g. "alfajores".
        slug: String,
        /// The site folder to add it to (`--site`).
        #[command(flatten)]
        site: SiteArgs,
    },
}

//! The pipeline: load → model → images (plan) → render (pages stream into the staging folder)
//! → images (encode) → search → write (static files, swap in).
//!
//! [`run`] is the one entry point used by `build`, `check` and `serve`. Each stage gets
//! what the previous one made and adds its problems to one list; the output folder is replaced
//! only when the whole build has no error. Timings of each stage are recorded for `--verbose`
//! style reporting and benchmarks.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Result;

use crate::diag::{Diagnostic, Diagnostics, Problem, Severity};
use crate::i18n::{Lang, Strings, REQUIRED_KEYS};
use crate::memory::Memory;
use crate::model::ModelOptions;
use crate::output::live::{Live, Manifest};
use crate::output::{Staging, Tree};
use crate::theme::Theme;
use crate::{content, images, model, output, render, search};

/// What to build and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site folder.
    pub site_dir: PathBuf,
    /// The output folder.
    pub out_dir: PathBuf,
    /// Replaces base_url.
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Warnings are errors.
    pub strict: bool,
    /// Write the output (false for `check`).
    pub write: bool,
    /// The build cache folder (`None`: `<site>/.vitrina-cache`).
    pub cache_dir: Option<PathBuf>,
    /// Where the output a build replaces is kept for the next one to rewrite (`None`:
    /// `output/` in the cache folder; `serve` keeps its own, beside its output).
    pub keep_dir: Option<PathBuf>,
    /// What the output folder holds, when the caller knows it for sure (`serve`, which made it):
    /// the folder is then updated in place, file by file, instead of swapped whole (see
    /// `output::live`).
    pub live: Option<std::sync::Arc<Manifest>>,
}

impl Options {
    /// The build cache folder: `--cache-dir`, or `.vitrina-cache` in the site folder.
    pub fn cache_root(&self) -> PathBuf {
        self.cache_dir
            .clone()
            .unwrap_or_else(|| self.site_dir.join(".vitrina-cache"))
    }

    /// Where the replaced output is kept (see [`Options::keep_dir`]).
    pub fn keep_root(&self) -> PathBuf {
        self.keep_dir
            .clone()
            .unwrap_or_else(|| self.cache_root().join("output"))
    }
}

/// What a run found and made.
#[derive(Debug, Default)]
pub struct Report {
    /// Every problem, sorted.
    pub diagnostics: Diagnostics,
    /// The fair's language (for messages), Spanish when unknown.
    pub lang: Lang,
    /// Pages written (or that would be written).
    pub pages: usize,
    /// Of those, pages already in the output as they would be rendered (not rendered again).
    pub pages_kept: usize,
    /// Vendors published.
    pub vendors: usize,
    /// Products published.
    pub products: usize,
    /// Vendors and products left out as drafts.
    pub drafts_skipped: usize,
    /// Photo work.
    pub images: images::Stats,
    /// Whether the output folder was replaced.
    pub written: bool,
    /// When it was: what the output holds now (each file's hash and recipe, by path).
    pub output: Manifest,
    /// Time per stage.
    pub timings: Vec<(&'static str, Duration)>,
}

impl Report {
    /// True when the build found an error.
    pub fn failed(&self) -> bool {
        self.diagnostics.has_errors()
    }
}

/// Runs the pipeline with what earlier builds left in `memory` (a fresh one for `build` and
/// `check`; `serve` keeps one). `Err` only for failures outside the content (disk full,
/// permissions). Reads like the pipeline: each step is a method of [`Build`] below.
pub fn run(opts: &Options, memory: &Memory) -> Result<Report> {
    let mut b = Build::new(opts, memory);
    if opts.write {
        check_folders(opts)?;
    }
    let Some(site) = b.load_and_model() else {
        return Ok(b.finish());
    };
    let Some(theme) = b.theme(&site) else {
        return Ok(b.finish());
    };
    // Images, first half: sizes and names, so pages can be rendered before pixels are decoded.
    // `check` reads the cache but writes nothing, not even there.
    let cache = images::cache::Cache::open(&opts.cache_root(), opts.write, &memory.images);
    let plans = images::plan(&site, &cache, &mut b.diags);
    b.lap("images: plan");
    let Some(templates) = theme.templates.clone() else {
        return Ok(b.finish());
    };
    let target = b.target()?;
    let placeholders = render::placeholder::Placeholders::new();
    let photos = render::Photos {
        plans: &plans,
        placeholders: &placeholders,
    };
    let (rendered, waiting) = b.pages(&site, &theme, &templates, photos, target.as_ref())?;

    let Some(target) = target.filter(|_| !b.has_errors()) else {
        // One bad photo does not hold the others back: when the only errors are photos, the
        // good ones are still processed into the cache, so the build after the fix is quick.
        if opts.write && only_photo_errors(&b.diags) {
            images::process(&site, &plans, None, &cache, site.lang, &mut b.diags);
        }
        cache.finish(false);
        return Ok(b.finish());
    };
    let index = b.photos_and_index(&site, photos, &cache, &rendered, waiting, target.tree())?;
    b.assets(&site, &theme, target.tree(), &index)?;
    if b.has_errors() {
        cache.finish(false);
        return Ok(b.finish());
    }
    b.report.output = target.commit()?;
    b.keep_texts();
    cache.finish(true);
    b.report.written = true;
    b.lap("write");
    Ok(b.finish())
}

/// Refuses an output or cache folder that would overwrite the site or each other.
fn check_folders(opts: &Options) -> Result<()> {
    output::check_out_dir(&opts.site_dir, &opts.out_dir)?;
    output::check_out_dir_against(&opts.cache_root(), &opts.out_dir)?;
    output::check_cache_dir(&opts.site_dir, &opts.cache_root())
}

/// One run of the pipeline: what it was asked, what it has found so far, how long each step
/// took.
struct Build<'a> {
    opts: &'a Options,
    memory: &'a Memory,
    report: Report,
    diags: Diagnostics,
    clock: Instant,
    /// The product texts this build wrote for the next one, put in place once it succeeds.
    texts: Option<tempfile::NamedTempFile>,
}

/// The build cache's file of product texts (see `render::markdown::Known`).
const TEXTS_FILE: &str = "markdown.bin";

/// The theme's parts a build uses.
struct ThemeParts {
    theme: Theme,
    /// The theme folder as shown in diagnostics.
    path: String,
    strings: Strings,
    /// `None` when a template failed to parse (reported).
    templates: Option<Arc<render::Templates>>,
}

impl<'a> Build<'a> {
    fn new(opts: &'a Options, memory: &'a Memory) -> Build<'a> {
        Build {
            opts,
            memory,
            report: Report::default(),
            diags: Diagnostics::new(),
            clock: Instant::now(),
            texts: None,
        }
    }

    /// Hands the product texts the last `build` left in the cache to the markdown memory, and
    /// returns where this build may write its own (a `build` only: `check` writes nothing).
    /// Neither for a memory that remembers texts itself (`serve`'s: reading the file again
    /// after every save would only cost time), nor without a binary identity.
    fn texts(&self) -> Option<(u64, tempfile::NamedTempFile)> {
        if self.memory.render.remembers_texts() {
            return None;
        }
        let identity = render::recipe::binary_identity()?;
        let dir = self.opts.cache_root();
        if let Ok(bytes) = std::fs::read(dir.join(TEXTS_FILE)) {
            if let Some(known) = render::markdown::Known::parse(bytes, identity) {
                self.memory.render.know_texts(known);
            }
        }
        if !self.opts.write || self.opts.live.is_some() {
            return None;
        }
        std::fs::create_dir_all(&dir).ok()?;
        let file = tempfile::Builder::new()
            .prefix(".markdown-")
            .tempfile_in(&dir)
            .ok()?;
        Some((identity, file))
    }

    /// Puts the product texts this build wrote in place for the next one. A cache file: a
    /// failure only costs the next build time.
    fn keep_texts(&mut self) {
        if let Some(file) = self.texts.take() {
            file.persist(self.opts.cache_root().join(TEXTS_FILE)).ok();
        }
    }

    /// Records the time of the step that just ended.
    fn lap(&mut self, name: &'static str) {
        self.report.timings.push((name, self.clock.elapsed()));
        self.clock = Instant::now();
    }

    fn has_errors(&self) -> bool {
        has_errors(&self.diags, self.opts.strict)
    }

    /// Load (every file of content/, all problems collected), then the model (cross-file
    /// rules). `None` when there is no site to build.
    fn load_and_model(&mut self) -> Option<model::Site> {
        let (loaded, d) = content::load(&self.opts.site_dir, &self.memory.content);
        self.diags.extend(d);
        self.lap("load");
        let model_opts = ModelOptions {
            drafts: self.opts.drafts,
            base_url: self.opts.base_url.clone(),
        };
        let (site, d) = model::build(loaded, &model_opts);
        self.diags.extend(d);
        self.lap("model");
        let site = site?;
        self.report.lang = site.lang;
        self.report.vendors = site.vendors.len();
        self.report.products = site.vendors.iter().map(|v| v.products.len()).sum();
        self.report.drafts_skipped = site.drafts_skipped;
        Some(site)
    }

    /// Templates and interface strings: the site's copy of its theme, or the built-in default.
    /// `None` when the theme does not exist.
    fn theme(&mut self, site: &model::Site) -> Option<ThemeParts> {
        let Some(theme) = Theme::locate(&self.opts.site_dir, &site.theme) else {
            self.diags.push(Diagnostic::file(
                Severity::Error,
                "content/fair.toml",
                Problem::NoTheme {
                    theme: site.theme.clone(),
                },
            ));
            return None;
        };
        let path = theme.display(&site.theme);
        let strings = self.strings(&theme, &path, site.lang);
        let templates = render::load_templates(&theme, &site.theme, &self.memory.render)
            .map_err(|d| self.diags.push(d))
            .ok();
        Some(ThemeParts {
            theme,
            path,
            strings,
            templates,
        })
    }

    /// The theme's interface strings, every required key present.
    fn strings(&mut self, theme: &Theme, path: &str, lang: Lang) -> Strings {
        match Strings::load(theme, lang) {
            Ok(s) => {
                let missing = s.missing(REQUIRED_KEYS);
                if !missing.is_empty() {
                    self.diags.push(Diagnostic::file(
                        Severity::Error,
                        format!("{path}/i18n/es.toml"),
                        Problem::ThemeStrings {
                            detail: missing.join(", "),
                        },
                    ));
                }
                s
            }
            Err(detail) => {
                self.diags.push(Diagnostic::file(
                    Severity::Error,
                    format!("{path}/i18n"),
                    Problem::ThemeStrings { detail },
                ));
                Strings::default()
            }
        }
    }

    /// Where this build's files go: nowhere for `check` or a build with content errors (they
    /// stop here: nothing is rendered into a folder, decoded or written); else a fresh output
    /// swapped in whole, or `serve`'s output updated in place.
    fn target(&self) -> Result<Option<Target>> {
        if !self.opts.write || self.has_errors() {
            return Ok(None);
        }
        // The previous output is kept in the cache and rewritten in place (see output::Staging).
        Ok(Some(match &self.opts.live {
            Some(known) => Target::Live(Live::create(&self.opts.out_dir, known.clone())?),
            None => Target::Swap(Staging::create_with_reuse(
                &self.opts.out_dir,
                Some(&self.opts.keep_root()),
            )?),
        }))
    }

    /// Render: each page goes to the target as soon as it is ready (or is kept, when the output
    /// already has it as it would be rendered), except pages showing a photo whose placeholder
    /// colour is not known yet, which wait for the photos (returned; see render::placeholder).
    /// `check` renders too, into nowhere, to find template errors.
    fn pages(
        &mut self,
        site: &model::Site,
        theme: &ThemeParts,
        templates: &render::Templates,
        photos: render::Photos<'_>,
        target: Option<&Target>,
    ) -> Result<(render::Rendered, Vec<render::Page>)> {
        let sink = PageSink {
            staging: target.map(Target::tree),
            placeholders: photos.placeholders,
            waiting: std::sync::Mutex::new(Vec::new()),
        };
        let templates_dir = format!("{}/templates", theme.path);
        let inputs = render::Inputs {
            site,
            templates,
            strings: &theme.strings,
            photos,
            templates_dir: &templates_dir,
        };
        let mut texts = self.texts();
        let rendered = {
            let mut out = texts
                .as_mut()
                .map(|(identity, file)| (*identity, std::io::BufWriter::new(file.as_file_mut())));
            let save = out.as_mut().map(|(identity, out)| render::SaveTexts {
                identity: *identity,
                out,
            });
            let rendered =
                render::site(&inputs, &sink, &self.memory.render, &mut self.diags, save)?;
            if let Some((_, mut out)) = out {
                std::io::Write::flush(&mut out)?;
            }
            rendered
        };
        if rendered.texts_saved {
            self.texts = texts.map(|(_, file)| file);
        }
        let waiting = sink.waiting.into_inner().unwrap_or_default();
        self.report.pages = rendered.pages.len();
        self.report.pages_kept = rendered.kept;
        self.lap("render");
        Ok((rendered, waiting))
    }

    /// Images, second half: decode, orient, resize, encode into the target (or copy from the
    /// cache); then the pages that waited for their photos' colours. The search index is built
    /// meanwhile (it needs only the products' views): when the photos come from the cache, as
    /// after an edit in `serve`, neither waits for the other.
    fn photos_and_index(
        &mut self,
        site: &model::Site,
        photos: render::Photos<'_>,
        cache: &images::cache::Cache,
        rendered: &render::Rendered,
        waiting: Vec<render::Page>,
        tree: &dyn Tree,
    ) -> Result<Vec<search::File>> {
        let categories: Vec<(String, String)> = site
            .categories
            .iter()
            .map(|c| (c.slug.clone(), c.name.clone()))
            .collect();
        let ((processed, photo_diags), (index, search_time)) = rayon::join(
            || {
                let mut d = Diagnostics::new();
                let p = images::process(site, photos.plans, Some(tree), cache, site.lang, &mut d);
                (p, d)
            },
            || {
                let start = Instant::now();
                let memory = &self.memory.search;
                let index = search::build_index(&rendered.products, &categories, site.lang, memory);
                (index, start.elapsed())
            },
        );
        self.diags.extend(photo_diags);
        self.report.images = processed.stats;
        for page in waiting {
            let body = photos.placeholders.fill(&page.body, &processed.colors);
            tree.write(&page.path, body.as_bytes())?;
        }
        self.lap("images: encode");
        // (Its own time, spent alongside the photos'.)
        self.report.timings.push(("search", search_time));
        Ok(index)
    }

    /// Write: robots.txt (unless the site has its own), theme static, site static (wins), the
    /// search index, and last the service worker, whose version is the hash of all the rest.
    fn assets(
        &mut self,
        site: &model::Site,
        theme: &ThemeParts,
        tree: &dyn Tree,
        index: &[search::File],
    ) -> Result<()> {
        let site_dir = &self.opts.site_dir;
        if !site_dir.join("static/robots.txt").exists() {
            tree.write("robots.txt", render::robots(site).as_bytes())?;
        }
        for (rel, bytes) in theme.theme.files("static")? {
            tree.write(&rel, &crate::theme::for_output(&rel, &bytes))?;
        }
        tree.copy_tree(&site_dir.join("static"))?;
        for file in index {
            tree.write(&file.path, &file.bytes)?;
        }
        if !site_dir.join("static/sw.js").exists() {
            let sw = service_worker(site, tree, index);
            tree.write("sw.js", sw.as_bytes())?;
        }
        Ok(())
    }

    /// The report, its problems sorted (warnings made errors with `--strict`).
    fn finish(self) -> Report {
        let Build {
            opts,
            mut report,
            mut diags,
            ..
        } = self;
        if opts.strict {
            diags.make_strict();
        }
        diags.sort();
        report.diagnostics = diags;
        report
    }
}

/// `sw.js` for this output (see `render::offline`): it keeps at install the pages every visit
/// starts from, the styles and scripts at the output's root, and the search index when small.
fn service_worker(site: &model::Site, tree: &dyn Tree, index: &[search::File]) -> String {
    let files = tree.files();
    let mut keep: Vec<String> = ["index.html", "search/index.html", "offline.html"]
        .into_iter()
        .map(String::from)
        .filter(|p| files.binary_search_by(|(rel, _)| rel.cmp(p)).is_ok())
        .collect();
    keep.extend(
        files
            .iter()
            .map(|(rel, _)| rel)
            .filter(|rel| {
                !rel.contains('/')
                    && [".css", ".js", ".svg", ".webmanifest"]
                        .iter()
                        .any(|x| rel.ends_with(x))
            })
            .filter(|rel| *rel != "sw.js" && *rel != "print.css")
            .cloned(),
    );
    let index_bytes: u64 = index.iter().map(|f| f.bytes.len() as u64).sum();
    if index_bytes <= render::offline::PRECACHE_INDEX_BYTES {
        keep.extend(index.iter().map(|f| f.path.clone()));
    } else {
        // The entry point; the rest is kept as searches use it.
        keep.extend(
            index
                .iter()
                .filter(|f| f.path == "search/index.json")
                .map(|f| f.path.clone()),
        );
    }
    render::offline::service_worker(&site.base_path, output::digest(&files), &keep)
}

/// Where a writing build's files go.
enum Target {
    /// A folder swapped in whole for the output.
    Swap(Staging),
    /// The output itself, updated file by file (`serve`).
    Live(Live),
}

impl Target {
    fn tree(&self) -> &dyn Tree {
        match self {
            Target::Swap(s) => s,
            Target::Live(l) => l,
        }
    }

    fn commit(self) -> Result<Manifest> {
        match self {
            Target::Swap(s) => s.commit(),
            Target::Live(l) => l.commit(),
        }
    }
}

/// Where rendered pages go: the staging folder (`None` for `check`: nowhere). Pages that wait
/// for their photos' colours are held back until the photos are processed.
struct PageSink<'a> {
    staging: Option<&'a dyn Tree>,
    placeholders: &'a render::placeholder::Placeholders,
    waiting: std::sync::Mutex<Vec<render::Page>>,
}

impl render::Sink for PageSink<'_> {
    fn has(&self, path: &str, recipe: u64) -> bool {
        self.staging.is_some_and(|s| s.keep_made(path, recipe))
    }

    fn put(&self, page: &render::Page) -> std::io::Result<()> {
        match self.staging {
            Some(_) if self.placeholders.pending(&page.body) => {
                if let Ok(mut w) = self.waiting.lock() {
                    w.push(page.clone());
                }
                Ok(())
            }
            Some(s) => s.write_made(&page.path, page.body.as_bytes(), page.recipe),
            None => Ok(()),
        }
    }
}

/// True when every error is about a photo's file (not a missing or misnamed one).
fn only_photo_errors(diags: &Diagnostics) -> bool {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .all(|d| {
            matches!(
                d.problem,
                Problem::PhotoUnreadable { .. }
                    | Problem::PhotoEmpty
                    | Problem::PhotoHeic
                    | Problem::PhotoNotAnImage
                    | Problem::PhotoTooLarge
                    | Problem::PhotoTruncated
                    | Problem::PhotoAnimated
                    | Problem::PhotoChanged
            )
        })
}

fn has_errors(diags: &Diagnostics, strict: bool) -> bool {
    diags.has_errors() || (strict && diags.warning_count() > 0)
}

/// The language for messages: `flag` (`--lang`), else the fair's (guessed from fair.toml when
/// the build did not get that far).
pub fn message_lang(flag: Option<Lang>, report: &Report, site: &Path) -> Lang {
    flag.unwrap_or_else(|| {
        if report.vendors > 0 || report.pages > 0 {
            report.lang
        } else {
            sniff_lang(site)
        }
    })
}

/// Best guess at the fair's language when fair.toml cannot be parsed (messages still in the
/// right language): looks for a `language = "en"` line.
pub fn sniff_lang(site_dir: &Path) -> Lang {
    let Ok(text) = std::fs::read_to_string(site_dir.join("content").join("fair.toml")) else {
        return Lang::Es;
    };
    text.lines()
        .filter_map(|l| l.split_once('='))
        .find(|(k, _)| k.trim() == "language")
        .and_then(|(_, v)| Lang::parse(v.split('#').next().unwrap_or("").trim().trim_matches('"')))
        .unwrap_or(Lang::Es)
}

//! Render: model in, page strings out (pulldown-cmark + Tera). Pure: reads the theme's
//! templates, writes nothing; what it may reuse from earlier builds comes in a [`Memory`].
//!
//! [`site`] is the stage: the views of the model ([`context`]), the values many pages share
//! ([`values`]), the page list ([`pages`]), every page rendered in parallel and handed to a
//! [`Sink`], then `sitemap.xml` ([`sitemap`]). Lists (a category's products, the vendors,
//! the booth signs) are cut into pages ([`paging`]).
//!
//! Each page has a *recipe*: an xxh3 of everything it is made from (the vitrina binary, every
//! template, the shared and the page's own context). The [`Sink`] is asked first whether it
//! already holds the page made from that recipe; if so the page is not rendered at all (a
//! rebuild with nothing changed renders nothing). Templates that call `now()`, `get_random()` or
//! `get_env()` make pages that differ between runs: they get no recipe and are always rendered.

pub mod context;
pub mod markdown;
pub mod offline;
pub mod pages;
pub mod paging;
pub mod placeholder;
pub mod qr;
pub mod recipe;
pub mod sitemap;
pub mod structured;
pub mod templates;
pub mod values;

use std::collections::HashSet;
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::Value;
use xxhash_rust::xxh3::Xxh3;

use crate::diag::{Diagnostic, Diagnostics};
use crate::i18n::Strings;
use crate::images::PhotoPlan;
use crate::model::Site;
use crate::theme::Theme;
use context::{ProductView, Views};
use pages::{Composer, Job, PAGE_KEYS};
pub use pages::{OptionalPage, OPTIONAL};
use recipe::HashWriter;
pub use sitemap::robots;
pub use templates::{escape_html, Templates};
use values::Values;

/// What renders remember for the next (see [`crate::memory`]).
#[derive(Default)]
pub struct Memory {
    /// The templates parsed last.
    templates: templates::Memory,
    /// The shared values the last build used.
    shared: recipe::Memory,
    /// Markdown already rendered.
    markdown: markdown::Memory,
    /// QR codes already drawn (shared with the `qr` template function).
    qr: Arc<qr::Memory>,
}

impl Memory {
    /// A memory that keeps no shared values and no rendered markdown (for a build no other
    /// build follows; templates and QR codes are few and still kept).
    pub fn once() -> Memory {
        Memory {
            shared: recipe::Memory::once(),
            markdown: markdown::Memory::once(),
            ..Memory::default()
        }
    }

    /// Hands in the product texts the last build left (see [`markdown::Known`]).
    pub fn know_texts(&self, known: markdown::Known) {
        self.markdown.know(known);
    }

    /// True when this memory keeps rendered markdown from one build to the next itself (not
    /// [`Memory::once`]).
    pub fn remembers_texts(&self) -> bool {
        self.markdown.remembers()
    }
}

/// What pages know of the photos before they are processed.
#[derive(Debug, Clone, Copy)]
pub struct Photos<'a> {
    /// Each photo's renditions (index = photo id; `None` when it could not be read).
    pub plans: &'a [Option<PhotoPlan>],
    /// Placeholder colour markers.
    pub placeholders: &'a placeholder::Placeholders,
}

/// One output file made by rendering.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path inside the output folder (`vendors/andrea/index.html`).
    pub path: String,
    /// Its contents.
    pub body: String,
    /// What it was made from (0: unknown, see the module documentation).
    pub recipe: u64,
}

/// What rendering produced.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Paths of every page handed to the sink, sitemap included.
    pub pages: Vec<String>,
    /// Every published product's view, for the search index.
    pub products: Vec<ProductView>,
    /// Pages the sink already had (not rendered again).
    pub kept: usize,
    /// Whether the product texts were written for the next build (see [`SaveTexts`]).
    pub texts_saved: bool,
}

/// Where rendered pages go as soon as each is ready (the build's staging folder, or nowhere for
/// `check`). Handing pages on one by one keeps memory flat and lets the disk work while the
/// other pages are still rendering.
pub trait Sink: Sync {
    /// True when the sink already holds the page at `path` made from `recipe` (which is never
    /// 0): the page is then not rendered.
    fn has(&self, path: &str, recipe: u64) -> bool;
    /// Takes one rendered page.
    fn put(&self, page: &Page) -> std::io::Result<()>;
}

/// What became of one page.
enum Outcome {
    /// Rendered and handed to the sink (its output path).
    Rendered(String),
    /// Already in the sink as it would be rendered (its output path).
    Kept(String),
    /// Its template failed.
    Failed(Diagnostic),
}

/// Loads a theme's templates (every file under `templates/`), from `memory` when unchanged.
pub fn load_templates(
    theme: &Theme,
    theme_name: &str,
    memory: &Memory,
) -> Result<Arc<Templates>, Diagnostic> {
    templates::load(theme, theme_name, &memory.templates, &memory.qr)
}

/// Everything one build renders with.
pub struct Inputs<'a> {
    /// The validated site.
    pub site: &'a Site,
    /// The theme's templates.
    pub templates: &'a Templates,
    /// Interface strings.
    pub strings: &'a Strings,
    /// What is known of the photos.
    pub photos: Photos<'a>,
    /// The templates folder, as shown in diagnostics.
    pub templates_dir: &'a str,
}

/// Where a build keeps its product texts for the next one (see [`markdown::Known`]): the
/// binary's identity and a file to write them into.
pub struct SaveTexts<'a> {
    /// What identifies this vitrina ([`recipe::binary_identity`]).
    pub identity: u64,
    /// Where the texts go.
    pub out: &'a mut dyn std::io::Write,
}

/// Renders every page of the site into `sink`; with `save`, writes the product texts there when
/// the ones handed in to `memory` (see [`markdown::Memory::know`]) were not exactly this
/// build's. `Err` only when the sink fails to take a page or the texts cannot be written.
pub fn site(
    inputs: &Inputs<'_>,
    sink: &dyn Sink,
    memory: &Memory,
    diags: &mut Diagnostics,
    save: Option<SaveTexts<'_>>,
) -> std::io::Result<Rendered> {
    let Inputs { site, strings, .. } = *inputs;
    let views = Views::new(
        site,
        strings,
        inputs.photos.plans,
        inputs.photos.placeholders,
        &memory.markdown,
    );
    let site_view = views.site();
    let values = Values::new(site, &views, &memory.shared);
    // The views hold their texts now: the ones read from the cache are let go.
    let known = memory.markdown.forget_known();
    let texts_changed = memory.markdown.missed() || known != Some(distinct_texts(site));
    let base = base_context(inputs, &site_view);
    let lists = paging::Lists::new(site, |vi, pi| {
        crate::model::sort_key(&site.vendors[vi].products[pi].name)
    });
    let renderer = Renderer {
        inputs,
        recipe: shared_recipe(inputs.templates, &base),
        sink,
        composer: Composer {
            site,
            strings,
            views: &views,
            site_view: &site_view,
            values: &values,
            description: site.description.clone().unwrap_or_default(),
            lists: &lists,
            vendor_lists: inputs.templates.has(pages::VENDORS_TEMPLATE),
            search_lists: inputs.templates.may_read("search.html", "products"),
        },
    };
    let jobs = pages::list(site, inputs.templates, &lists);
    // Each worker thread keeps one context holding the shared values (strings, site) and swaps
    // only the page's own values in and out, instead of copying everything for every page.
    let outcomes: Vec<std::io::Result<Outcome>> = jobs
        .par_iter()
        .map_init(|| base.clone(), |ctx, job| renderer.render(ctx, job))
        .collect();
    let mut kept = 0;
    let mut pages = Vec::with_capacity(outcomes.len() + 1);
    let mut seen_errors = HashSet::new();
    for outcome in outcomes {
        match outcome? {
            Outcome::Rendered(path) => pages.push(path),
            Outcome::Kept(path) => {
                kept += 1;
                pages.push(path);
            }
            // A broken template fails every page that uses it: report it once.
            Outcome::Failed(d) => {
                if seen_errors.insert(format!("{}{:?}", d.file, d.problem)) {
                    diags.push(d);
                }
            }
        }
    }
    for outcome in renderer.sitemap(&views, &pages)? {
        match outcome {
            Outcome::Kept(path) => {
                kept += 1;
                pages.push(path);
            }
            Outcome::Rendered(path) => pages.push(path),
            Outcome::Failed(d) => diags.push(d),
        }
    }
    let mut texts_saved = false;
    if let Some(save) = save.filter(|_| texts_changed) {
        let markdowns = site
            .vendors
            .iter()
            .zip(&values.products)
            .flat_map(|(v, views)| {
                v.products.iter().zip(views).map(|(p, view)| {
                    (
                        p.markdown(),
                        view.description_html.as_str(),
                        view.text.as_str(),
                    )
                })
            });
        markdown::Known::write(save.out, save.identity, markdowns)?;
        texts_saved = true;
    }
    Ok(Rendered {
        pages,
        products: values.products.into_iter().flatten().collect(),
        kept,
        texts_saved,
    })
}

/// How many different product descriptions the site has.
fn distinct_texts(site: &Site) -> usize {
    site.vendors
        .iter()
        .flat_map(|v| &v.products)
        .map(|p| xxhash_rust::xxh3::xxh3_128(p.markdown().as_bytes()))
        .collect::<HashSet<u128>>()
        .len()
}

/// The context every page shares: language, interface strings, base path, the site.
fn base_context(inputs: &Inputs<'_>, site_view: &context::SiteView) -> tera::Context {
    let mut base = tera::Context::new();
    base.insert("lang", inputs.site.lang.code());
    base.insert("t", &inputs.strings.as_json());
    base.insert("base_path", &inputs.site.base_path);
    base.insert("site", site_view);
    base
}

/// The part of every recipe all pages share (`None` when the templates are not deterministic).
fn shared_recipe(templates: &Templates, base: &tera::Context) -> Option<Xxh3> {
    if templates.fingerprint == 0 {
        return None;
    }
    let mut h = Xxh3::new();
    h.update(&templates.fingerprint.to_le_bytes());
    serde_json::to_writer(HashWriter(&mut h), &base.clone().into_json()).ok()?;
    Some(h)
}

/// Renders one page at a time into the sink.
struct Renderer<'a> {
    inputs: &'a Inputs<'a>,
    recipe: Option<Xxh3>,
    sink: &'a dyn Sink,
    composer: Composer<'a>,
}

impl Renderer<'_> {
    /// Makes `job`'s page (unless the sink has it) and hands it to the sink.
    fn render(&self, ctx: &mut tera::Context, job: &Job) -> std::io::Result<Outcome> {
        for key in PAGE_KEYS {
            ctx.remove(key);
        }
        let page = self.composer.compose(job);
        let recipe = self.recipe.as_ref().map_or(0, |shared| {
            let mut h = shared.clone();
            h.update(page.template.as_bytes());
            for (key, var) in &page.vars {
                h.update(key.as_bytes());
                var.hash_into(&mut h);
            }
            h.digest().max(1)
        });
        if recipe != 0 && self.sink.has(&page.out, recipe) {
            return Ok(Outcome::Kept(page.out));
        }
        let dir = self.inputs.templates_dir;
        let own: serde_json::Map<String, Value> = page
            .vars
            .into_iter()
            .map(|(key, var)| (key.to_string(), var.into_value()))
            .collect();
        let page_ctx = match tera::Context::from_value(Value::Object(own)) {
            Ok(c) => c,
            Err(e) => {
                let detail = templates::error_chain(&e);
                return Ok(Outcome::Failed(templates::error(dir, detail)));
            }
        };
        ctx.extend(page_ctx);
        let body = match self.inputs.templates.tera.render(page.template, ctx) {
            Ok(body) => body,
            Err(e) => {
                let file = format!("{dir}/{}", page.template);
                let detail = templates::error_chain(&e);
                return Ok(Outcome::Failed(templates::error(&file, detail)));
            }
        };
        let page = Page {
            path: page.out,
            body,
            recipe,
        };
        self.sink.put(&page)?;
        Ok(Outcome::Rendered(page.path))
    }

    /// `sitemap.xml` (and the files it points to on a big site) over the pages made, into the
    /// sink unless it has them already.
    fn sitemap(&self, views: &Views<'_>, pages: &[String]) -> std::io::Result<Vec<Outcome>> {
        let mut out = Vec::new();
        for mut map in sitemap::sitemap(self.inputs.site, views, pages) {
            if let Some(shared) = &self.recipe {
                let mut h = shared.clone();
                h.update(map.body.as_bytes());
                map.recipe = h.digest().max(1);
            }
            if map.recipe != 0 && self.sink.has(&map.path, map.recipe) {
                out.push(Outcome::Kept(map.path));
                continue;
            }
            self.sink.put(&map)?;
            out.push(Outcome::Rendered(map.path));
        }
        Ok(out)
    }
}

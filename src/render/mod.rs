//! Render: model in, page strings out (pulldown-cmark + Tera). Pure: reads the theme's
//! templates, writes nothing.
//!
//! [`site`] builds the template views once ([`context`]), then renders every page in parallel:
//! home, one per vendor, one per product, one per category, search, 404, the booth signs
//! (`print/`, when the theme has `print.html`), plus `sitemap.xml`.
//!
//! Each page has a *recipe*: an xxh3 of everything it is made from (the vitrina binary, every
//! template, the shared and the page's own context). The [`Sink`] is asked first whether it
//! already holds the page made from that recipe; if so the page is not rendered at all (a
//! rebuild with nothing changed renders nothing). Templates that call `now()`, `get_random()` or
//! `get_env()` make pages that differ between runs: they get no recipe and are always rendered.

pub mod context;
pub mod markdown;
pub mod offline;
pub mod placeholder;
pub mod qr;
pub mod recipe;
pub mod structured;

use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;
use tera::Tera;

use crate::diag::{Diagnostic, Diagnostics, Problem, Severity};
use crate::i18n::Strings;
use crate::images::PhotoPlan;
use crate::model::Site;
use crate::theme::Theme;
use context::{ProductView, Views};
use recipe::{HashWriter, Hashed, Shared, Var};

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

/// A theme's templates, ready to render.
pub struct Templates {
    tera: Tera,
    /// xxh3 of every template's name and text (0 when the templates are not deterministic).
    fingerprint: u64,
}

/// The templates this process parsed last, by the hash of their names and texts: `serve`
/// loads them for every rebuild, and parsing them again was a tenth of a rebuild after a
/// product edit.
static LAST_TEMPLATES: std::sync::Mutex<Option<(u128, Arc<Templates>)>> =
    std::sync::Mutex::new(None);

/// Loads a theme's templates (every file under `templates/`).
pub fn load_templates(theme: &Theme, theme_name: &str) -> Result<Arc<Templates>, Diagnostic> {
    let dir = format!("{}/templates", theme.display(theme_name));
    let files = theme
        .files("templates")
        .map_err(|e| template_error(&dir, e.to_string()))?;
    let mut templates = Vec::with_capacity(files.len());
    let mut hash = xxhash_rust::xxh3::Xxh3::new();
    let mut stable = true;
    for (name, bytes) in files {
        let text = String::from_utf8(bytes.into_owned())
            .map_err(|_| template_error(&format!("{dir}/{name}"), "UTF-8".into()))?;
        for part in [name.as_bytes(), &[0], text.as_bytes(), &[0]] {
            hash.update(part);
        }
        let squeezed: String = text.split_whitespace().collect();
        stable &= !recipe::UNSTABLE_FUNCTIONS
            .iter()
            .any(|f| squeezed.contains(f));
        templates.push((name, text));
    }
    let key = hash.clone().digest128();
    if let Some((_, t)) = LAST_TEMPLATES
        .lock()
        .ok()
        .and_then(|m| m.clone())
        .filter(|(k, _)| *k == key)
    {
        return Ok(t);
    }
    let mut tera = Tera::default();
    tera.add_raw_templates(templates)
        .map_err(|e| template_error(&dir, error_chain(&e)))?;
    tera.set_escape_fn(escape_html);
    tera.register_function("qr", qr::tera_function);
    let fingerprint = match recipe::binary_identity() {
        Some(id) if stable => {
            hash.update(&id.to_le_bytes());
            hash.digest().max(1)
        }
        _ => 0,
    };
    let templates = Arc::new(Templates { tera, fingerprint });
    if let Ok(mut last) = LAST_TEMPLATES.lock() {
        *last = Some((key, templates.clone()));
    }
    Ok(templates)
}

fn template_error(file: &str, detail: String) -> Diagnostic {
    Diagnostic::file(
        Severity::Error,
        file.to_string(),
        Problem::Template { detail },
    )
}

/// HTML escaping for text and quoted attributes. Tera's default also escapes `/`, which makes
/// every URL and price (`S/ 6.50`) longer and harder to read in the source, for no safety gain.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 16);
    let mut last = 0;
    for (i, b) in input.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&input[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&input[last..]);
    out
}

/// Tera's error with its causes, on one line.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

#[derive(Serialize)]
struct PageMeta<'a> {
    kind: &'a str,
    url: String,
    permalink: String,
    /// schema.org JSON-LD, ready for a `<script>` (see [`structured`]).
    jsonld: Option<String>,
    title: String,
    description: String,
}

/// A page made only when the theme has its template.
pub struct OptionalPage {
    /// The theme's template.
    pub template: &'static str,
    /// Where it goes in the output (`dir/` for `dir/index.html`).
    pub path: &'static str,
    /// `page.kind`.
    pub kind: &'static str,
    /// The interface string of its title.
    pub title: &'static str,
}

/// Pages a theme may leave out: the booth signs, the page a visitor sees offline when the
/// page asked for was never visited, and the web app manifest. None is in the sitemap.
pub const OPTIONAL: [OptionalPage; 3] = [
    OptionalPage {
        template: "print.html",
        path: "print/",
        kind: "print",
        title: "print_title",
    },
    OptionalPage {
        template: "offline.html",
        path: "offline.html",
        kind: "offline",
        title: "offline_title",
    },
    OptionalPage {
        template: "manifest.webmanifest",
        path: "manifest.webmanifest",
        kind: "manifest",
        title: "",
    },
];

/// Context keys a page sets (everything else is shared by all pages).
const PAGE_KEYS: [&str; 8] = [
    "featured", "vendors", "vendor", "product", "more", "products", "category", "page",
];

enum Job {
    Home,
    Vendor(usize),
    Product(usize, usize),
    Category(usize),
    Search,
    NotFound,
    /// A page of [`OPTIONAL`] whose template the theme has.
    Optional(&'static OptionalPage),
}

/// Renders every page of the site.
pub fn site(
    site: &Site,
    templates: &Templates,
    strings: &Strings,
    photos: Photos<'_>,
    templates_dir: &str,
    sink: &dyn Sink,
    diags: &mut Diagnostics,
) -> std::io::Result<Rendered> {
    let tera = &templates.tera;
    let views = Views::new(site, strings, photos.plans, photos.placeholders);
    let site_view = views.site();
    let product_views: Vec<Vec<ProductView>> = site
        .vendors
        .par_iter()
        .map(|v| v.products.iter().map(|p| views.product(v, p)).collect())
        .collect();
    // Every value many pages share, taken from the last build's when it serializes the same
    // (`serve` rebuilds after each save; see recipe::Shared).
    let shared = Shared::from_last_build();
    let product_held: Vec<Vec<(Arc<Hashed>, Arc<Hashed>)>> = product_views
        .par_iter()
        .map(|ps| {
            ps.iter()
                .map(|p| {
                    // Lists (featured, more, category and search pages) show cards: a small copy
                    // of each product, cheaper to hand to every page that lists it.
                    shared.pair(b"product", p, &[], |v| Hashed::new(card(v)))
                })
                .collect()
        })
        .collect();
    let product_values: Vec<Vec<&Hashed>> = product_held
        .iter()
        .map(|ps| ps.iter().map(|(p, _)| &**p).collect())
        .collect();
    let product_cards: Vec<Vec<&Hashed>> = product_held
        .iter()
        .map(|ps| ps.iter().map(|(_, c)| &**c).collect())
        .collect();
    let vendor_held: Vec<(Arc<Hashed>, Arc<Hashed>)> = site
        .vendors
        .par_iter()
        .zip(product_views.par_iter())
        .zip(product_held.par_iter())
        .map(|((v, ps), held)| {
            let hashes: Vec<u64> = held.iter().map(|(p, _)| p.hash()).collect();
            let full = shared.one(
                b"vendor",
                &views.vendor(v, Vec::new(), true),
                &hashes,
                || to_value(&views.vendor(v, ps.clone(), true)),
            );
            let card = shared.one(
                b"vendor card",
                &views.vendor(v, Vec::new(), false),
                &[],
                || to_value(&views.vendor(v, Vec::new(), false)),
            );
            (full, card)
        })
        .collect();
    shared.keep_for_next_build();
    let vendor_full: Vec<&Hashed> = vendor_held.iter().map(|(f, _)| &**f).collect();
    let vendor_cards: Vec<&Hashed> = vendor_held.iter().map(|(_, c)| &**c).collect();
    let all_products: Vec<&Hashed> = product_cards.iter().flatten().copied().collect();

    let mut base = tera::Context::new();
    base.insert("lang", site.lang.code());
    base.insert("t", &strings.as_json());
    base.insert("base_path", &site.base_path);
    base.insert("site", &site_view);
    // The part of every recipe all pages share.
    let shared_recipe = (templates.fingerprint != 0)
        .then(|| {
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            h.update(&templates.fingerprint.to_le_bytes());
            serde_json::to_writer(HashWriter(&mut h), &base.clone().into_json()).ok()?;
            Some(h)
        })
        .flatten();

    let mut jobs = vec![Job::Home, Job::Search, Job::NotFound];
    jobs.extend(
        OPTIONAL
            .iter()
            .filter(|o| tera.get_template_names().any(|n| n == o.template))
            .map(Job::Optional),
    );
    jobs.extend((0..site.categories.len()).map(Job::Category));
    for (vi, v) in site.vendors.iter().enumerate() {
        jobs.push(Job::Vendor(vi));
        jobs.extend((0..v.products.len()).map(|pi| Job::Product(vi, pi)));
    }

    let description = site.description.clone().unwrap_or_default();
    // Each worker thread keeps one context holding the shared values (strings, site) and swaps
    // only the page's own values in and out, instead of copying everything for every page.
    // The rendered page, or (`Err`) only its path when the sink already has it.
    type Made = Result<Page, String>;
    let render_job = |ctx: &mut tera::Context, job: &Job| -> Result<Made, Diagnostic> {
        for key in PAGE_KEYS {
            ctx.remove(key);
        }
        let mut vars: Vec<(&'static str, Var)> = Vec::with_capacity(4);
        let mut set = |key, v| vars.push((key, v));
        let mut home_image = None;
        let (template, path, meta) = match job {
            Job::Home => {
                let mut featured: Vec<&Hashed> = product_cards
                    .iter()
                    .flatten()
                    .copied()
                    .filter(|p| p.value["featured"] == Value::Bool(true))
                    .collect();
                featured
                    .sort_by_cached_key(|p| p.value["name"].as_str().map(crate::model::sort_key));
                home_image = featured
                    .first()
                    .and_then(|p| p.value["photos"][0]["src"].as_str())
                    .map(|src| format!("{}{src}", site.origin));
                set("featured", Var::List(featured));
                set("vendors", Var::List(vendor_cards.clone()));
                (
                    "index.html",
                    String::new(),
                    ("home", site.title.clone(), description.clone()),
                )
            }
            Job::Vendor(vi) => {
                let v = &site.vendors[*vi];
                set("vendor", Var::One(vendor_full[*vi]));
                let desc = v.tagline.clone().unwrap_or_else(|| description.clone());
                (
                    "vendor.html",
                    format!("vendors/{}/", v.slug),
                    ("vendor", v.name.clone(), desc),
                )
            }
            Job::Product(vi, pi) => {
                let v = &site.vendors[*vi];
                let p = &product_views[*vi][*pi];
                set("product", Var::One(product_values[*vi][*pi]));
                // The vendor as on lists (no products, no story): `more` has the other products.
                set("vendor", Var::One(vendor_cards[*vi]));
                let more: Vec<&Hashed> = product_cards[*vi]
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| i != pi)
                    .map(|(_, x)| *x)
                    .collect();
                set("more", Var::List(more));
                let title = format!("{} · {}", p.name, v.name);
                (
                    "product.html",
                    format!("vendors/{}/{}/", v.slug, p.slug),
                    ("product", title, p.summary.clone()),
                )
            }
            Job::Category(ci) => {
                let c = views.category(*ci);
                let products: Vec<&Hashed> = site
                    .vendors
                    .iter()
                    .enumerate()
                    .flat_map(|(vi, v)| {
                        v.products
                            .iter()
                            .enumerate()
                            .filter(|(_, p)| p.category == *ci)
                            .map(move |(pi, _)| (vi, pi))
                    })
                    .map(|(vi, pi)| product_cards[vi][pi])
                    .collect();
                let vendors: Vec<&Hashed> = site
                    .vendors
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| v.products.iter().any(|p| p.category == *ci))
                    .map(|(vi, _)| vendor_cards[vi])
                    .collect();
                set("products", Var::List(products));
                set("vendors", Var::List(vendors));
                let desc = c.description.clone().unwrap_or_else(|| description.clone());
                let path = format!("categories/{}/", c.slug);
                set("category", Var::Own(to_value(&c)));
                ("category.html", path, ("category", c.name, desc))
            }
            Job::Search => {
                set("products", Var::List(all_products.clone()));
                (
                    "search.html",
                    "search/".to_string(),
                    ("search", strings.get("search"), description.clone()),
                )
            }
            Job::NotFound => (
                "404.html",
                "404.html".to_string(),
                ("404", strings.get("not_found_title"), description.clone()),
            ),
            Job::Optional(o) => {
                if o.kind == "print" {
                    set("vendors", Var::List(vendor_cards.clone()));
                }
                let title = if o.title.is_empty() {
                    site.title.clone()
                } else {
                    strings.get(o.title)
                };
                (
                    o.template,
                    o.path.to_string(),
                    (o.kind, title, description.clone()),
                )
            }
        };
        let (kind, title, desc) = meta;
        let permalink = format!("{}{}", site.origin, views.url(&path));
        let jsonld = match job {
            Job::Home => structured::event(&site_view, &permalink, home_image),
            Job::Vendor(vi) => Some(structured::vendor(&vendor_full[*vi].value, &site.origin)),
            Job::Product(vi, pi) => Some(structured::product(
                &product_views[*vi][*pi],
                &site_view.currency,
                &site.origin,
            )),
            _ => None,
        }
        .map(|v| structured::script_text(&v));
        set(
            "page",
            Var::Own(to_value(&PageMeta {
                kind,
                url: views.url(&path),
                permalink,
                jsonld,
                title,
                description: desc,
            })),
        );
        // `dir/` (and the home page's ``) is `dir/index.html`; a file name stays as it is.
        let out = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path
        };
        let recipe = shared_recipe.as_ref().map_or(0, |shared| {
            let mut h = shared.clone();
            h.update(template.as_bytes());
            for (key, var) in &vars {
                h.update(key.as_bytes());
                var.hash_into(&mut h);
            }
            h.digest().max(1)
        });
        if recipe != 0 && sink.has(&out, recipe) {
            return Ok(Err(out));
        }
        let own: serde_json::Map<String, Value> = vars
            .into_iter()
            .map(|(key, var)| (key.to_string(), var.into_value()))
            .collect();
        let page_ctx = tera::Context::from_value(Value::Object(own))
            .map_err(|e| template_error(templates_dir, error_chain(&e)))?;
        ctx.extend(page_ctx);
        let body = tera
            .render(template, ctx)
            .map_err(|e| template_error(&format!("{templates_dir}/{template}"), error_chain(&e)))?;
        Ok(Ok(Page {
            path: out,
            body,
            recipe,
        }))
    };

    let kept = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<Result<Result<String, Diagnostic>, std::io::Error>> = jobs
        .par_iter()
        .map_init(
            || base.clone(),
            |ctx, job| match render_job(ctx, job) {
                Ok(Ok(page)) => sink.put(&page).map(|()| Ok(page.path)),
                Ok(Err(path)) => {
                    kept.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    Ok(Ok(path))
                }
                Err(d) => Ok(Err(d)),
            },
        )
        .collect();

    let mut pages = Vec::with_capacity(results.len() + 1);
    let mut seen_errors = std::collections::HashSet::new();
    for r in results {
        match r? {
            Ok(path) => pages.push(path),
            // A broken template fails every page that uses it: report it once.
            Err(d) => {
                let key = format!("{}{:?}", d.file, d.problem);
                if seen_errors.insert(key) {
                    diags.push(d);
                }
            }
        }
    }
    let mut map = sitemap(site, &views, &pages);
    if let Some(shared) = &shared_recipe {
        let mut h = shared.clone();
        h.update(map.body.as_bytes());
        map.recipe = h.digest().max(1);
    }
    if map.recipe != 0 && sink.has(&map.path, map.recipe) {
        kept.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    } else {
        sink.put(&map)?;
    }
    pages.push(map.path);
    Ok(Rendered {
        pages,
        products: product_views.into_iter().flatten().collect(),
        kept: kept.into_inner(),
    })
}

/// `robots.txt`: everything allowed, and where the sitemap is (a site's own
/// `static/robots.txt` is written instead).
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}{}sitemap.xml\n",
        site.origin, site.base_path
    )
}

/// `sitemap.xml` over every rendered HTML page except 404 and the [`OPTIONAL`] pages.
fn sitemap(site: &Site, views: &Views<'_>, pages: &[String]) -> Page {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let mut paths: Vec<&str> = pages
        .iter()
        .filter(|p| p.ends_with("index.html"))
        .map(|p| p.trim_end_matches("index.html"))
        .filter(|p| !OPTIONAL.iter().any(|o| o.path == *p))
        .collect();
    paths.sort_unstable();
    for path in paths {
        let loc = format!("{}{}", site.origin, views.url(path));
        xml.push_str("  <url><loc>");
        xml.push_str(&loc.replace('&', "&amp;").replace('<', "&lt;"));
        xml.push_str("</loc></url>\n");
    }
    xml.push_str("</urlset>\n");
    Page {
        path: "sitemap.xml".into(),
        body: xml,
        recipe: 0,
    }
}

/// Fields of a product that a card in a list shows (see docs/templates.md).
const CARD_FIELDS: [&str; 9] = [
    "slug",
    "name",
    "url",
    "price",
    "price_text",
    "available",
    "featured",
    "category",
    "vendor",
];

/// The card form of a product value: the card fields and the first photo only.
fn card(product: &Value) -> Value {
    let mut m = serde_json::Map::new();
    for key in CARD_FIELDS {
        if let Some(v) = product.get(key) {
            m.insert(key.to_string(), v.clone());
        }
    }
    let first: Vec<Value> = product["photos"]
        .as_array()
        .and_then(|a| a.first())
        .cloned()
        .into_iter()
        .collect();
    m.insert("photos".into(), Value::Array(first));
    Value::Object(m)
}

/// Serializes a view once, so every page that shows it shares the value.
fn to_value<T: Serialize>(x: &T) -> Value {
    serde_json::to_value(x).unwrap_or(Value::Null)
}

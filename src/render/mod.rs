//! Render: model in, page strings out (pulldown-cmark + Tera). Pure: reads the theme's
//! templates, writes nothing.
//!
//! [`site`] builds the template views once ([`context`]), then renders every page in parallel:
//! home, one per vendor, one per product, one per category, search, 404, plus `sitemap.xml`.

pub mod context;
pub mod markdown;
pub mod placeholder;

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
}

/// What rendering produced.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Paths of every page handed to the sink, sitemap included.
    pub pages: Vec<String>,
    /// Every published product's view, for the search index.
    pub products: Vec<ProductView>,
}

/// Where rendered pages go as soon as each is ready (the build's staging folder, or nowhere for
/// `check`). Handing pages on one by one keeps memory flat and lets the disk work while the
/// other pages are still rendering.
pub type Sink<'a> = dyn Fn(&Page) -> std::io::Result<()> + Sync + 'a;

/// Loads a theme's templates (every file under `templates/`).
pub fn load_templates(theme: &Theme, theme_name: &str) -> Result<Tera, Diagnostic> {
    let dir = format!("{}/templates", theme.display(theme_name));
    let files = theme
        .files("templates")
        .map_err(|e| template_error(&dir, e.to_string()))?;
    let mut templates = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        let text = String::from_utf8(bytes.into_owned())
            .map_err(|_| template_error(&format!("{dir}/{name}"), "UTF-8".into()))?;
        templates.push((name, text));
    }
    let mut tera = Tera::default();
    tera.add_raw_templates(templates)
        .map_err(|e| template_error(&dir, error_chain(&e)))?;
    tera.set_escape_fn(escape_html);
    Ok(tera)
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
    title: String,
    description: String,
}

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
}

/// Renders every page of the site.
pub fn site(
    site: &Site,
    tera: &Tera,
    strings: &Strings,
    photos: Photos<'_>,
    templates_dir: &str,
    sink: &Sink<'_>,
    diags: &mut Diagnostics,
) -> std::io::Result<Rendered> {
    let views = Views::new(site, strings, photos.plans, photos.placeholders);
    let site_view = views.site();
    let product_views: Vec<Vec<ProductView>> = site
        .vendors
        .par_iter()
        .map(|v| v.products.iter().map(|p| views.product(v, p)).collect())
        .collect();
    let product_values: Vec<Vec<Value>> = product_views
        .par_iter()
        .map(|ps| ps.iter().map(to_value).collect())
        .collect();
    // Lists (featured, more, category and search pages) show cards: a small copy of each
    // product, cheaper to hand to every page that lists it.
    let product_cards: Vec<Vec<Value>> = product_values
        .par_iter()
        .map(|ps| ps.iter().map(card).collect())
        .collect();
    let vendor_full: Vec<Value> = site
        .vendors
        .par_iter()
        .zip(product_views.par_iter())
        .map(|(v, ps)| to_value(&views.vendor(v, ps.clone(), true)))
        .collect();
    let vendor_cards: Vec<Value> = site
        .vendors
        .iter()
        .map(|v| to_value(&views.vendor(v, Vec::new(), false)))
        .collect();
    let all_products: Vec<&Value> = product_cards.iter().flatten().collect();

    let mut base = tera::Context::new();
    base.insert("lang", site.lang.code());
    base.insert("t", &strings.as_json());
    base.insert("base_path", &site.base_path);
    base.insert("site", &site_view);

    let mut jobs = vec![Job::Home, Job::Search, Job::NotFound];
    jobs.extend((0..site.categories.len()).map(Job::Category));
    for (vi, v) in site.vendors.iter().enumerate() {
        jobs.push(Job::Vendor(vi));
        jobs.extend((0..v.products.len()).map(|pi| Job::Product(vi, pi)));
    }

    let description = site.description.clone().unwrap_or_default();
    // Each worker thread keeps one context holding the shared values (strings, site) and swaps
    // only the page's own values in and out, instead of copying everything for every page.
    let render_job = |ctx: &mut tera::Context, job: &Job| -> Result<Page, Diagnostic> {
        for key in PAGE_KEYS {
            ctx.remove(key);
        }
        let mut vars = serde_json::Map::new();
        let mut set = |key: &str, v: Value| {
            vars.insert(key.to_string(), v);
        };
        let list = |xs: Vec<&Value>| Value::Array(xs.into_iter().cloned().collect());
        let (template, path, meta) = match job {
            Job::Home => {
                let mut featured: Vec<&Value> = product_cards
                    .iter()
                    .flatten()
                    .filter(|p| p["featured"] == Value::Bool(true))
                    .collect();
                featured.sort_by_cached_key(|p| p["name"].as_str().map(crate::model::sort_key));
                set("featured", list(featured));
                set("vendors", Value::Array(vendor_cards.clone()));
                (
                    "index.html",
                    String::new(),
                    ("home", site.title.clone(), description.clone()),
                )
            }
            Job::Vendor(vi) => {
                let v = &site.vendors[*vi];
                set("vendor", vendor_full[*vi].clone());
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
                set("product", product_values[*vi][*pi].clone());
                // The vendor as on lists (no products, no story): `more` has the other products.
                set("vendor", vendor_cards[*vi].clone());
                let more: Vec<&Value> = product_cards[*vi]
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| i != pi)
                    .map(|(_, x)| x)
                    .collect();
                set("more", list(more));
                let title = format!("{} · {}", p.name, v.name);
                (
                    "product.html",
                    format!("vendors/{}/{}/", v.slug, p.slug),
                    ("product", title, p.summary.clone()),
                )
            }
            Job::Category(ci) => {
                let c = views.category(*ci);
                let products: Vec<&Value> = site
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
                    .map(|(vi, pi)| &product_cards[vi][pi])
                    .collect();
                let vendors: Vec<&Value> = site
                    .vendors
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| v.products.iter().any(|p| p.category == *ci))
                    .map(|(vi, _)| &vendor_cards[vi])
                    .collect();
                set("products", list(products));
                set("vendors", list(vendors));
                let desc = c.description.clone().unwrap_or_else(|| description.clone());
                let path = format!("categories/{}/", c.slug);
                set("category", to_value(&c));
                ("category.html", path, ("category", c.name, desc))
            }
            Job::Search => {
                set("products", list(all_products.clone()));
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
        };
        let (kind, title, desc) = meta;
        set(
            "page",
            to_value(&PageMeta {
                kind,
                url: views.url(&path),
                permalink: format!("{}{}", site.origin, views.url(&path)),
                title,
                description: desc,
            }),
        );
        let page_ctx = tera::Context::from_value(Value::Object(vars))
            .map_err(|e| template_error(templates_dir, error_chain(&e)))?;
        ctx.extend(page_ctx);
        let body = tera
            .render(template, ctx)
            .map_err(|e| template_error(&format!("{templates_dir}/{template}"), error_chain(&e)))?;
        let out = if path.ends_with(".html") {
            path
        } else {
            format!("{path}index.html")
        };
        Ok(Page { path: out, body })
    };

    let results: Vec<Result<Result<String, Diagnostic>, std::io::Error>> = jobs
        .par_iter()
        .map_init(
            || base.clone(),
            |ctx, job| match render_job(ctx, job) {
                Ok(page) => sink(&page).map(|()| Ok(page.path)),
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
    let map = sitemap(site, &views, &pages);
    sink(&map)?;
    pages.push(map.path);
    Ok(Rendered {
        pages,
        products: product_views.into_iter().flatten().collect(),
    })
}

/// `sitemap.xml` over every rendered HTML page except 404.
fn sitemap(site: &Site, views: &Views<'_>, pages: &[String]) -> Page {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let mut paths: Vec<&str> = pages
        .iter()
        .filter(|p| p.ends_with("index.html"))
        .map(|p| p.trim_end_matches("index.html"))
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

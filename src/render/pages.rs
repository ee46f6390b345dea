//! The site's page list, and what each page is made of: its template, its place in the output
//! and the variables it adds to the context every page shares.
//!
//! Pages: home, one per vendor, one per product, one per category, search, 404, and the
//! [`OPTIONAL`] pages whose template the theme has (booth signs, offline page, web app
//! manifest). `sitemap.xml` is made from this list afterwards (see [`super::sitemap`]).

use serde::Serialize;
use serde_json::Value;

use super::context::{SiteView, Views};
use super::recipe::{Hashed, Var};
use super::structured;
use super::templates::Templates;
use super::values::{to_value, Values};
use crate::i18n::Strings;
use crate::model::Site;

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
pub const PAGE_KEYS: [&str; 8] = [
    "featured", "vendors", "vendor", "product", "more", "products", "category", "page",
];

/// One page to make.
pub enum Job {
    /// The home page.
    Home,
    /// A vendor's page (vendor index).
    Vendor(usize),
    /// A product's page (vendor index, product index).
    Product(usize, usize),
    /// A category's page (category index).
    Category(usize),
    /// The search page.
    Search,
    /// The 404 page.
    NotFound,
    /// A page of [`OPTIONAL`] whose template the theme has.
    Optional(&'static OptionalPage),
}

/// Every page of the site, in the order they are handed out.
pub fn list(site: &Site, templates: &Templates) -> Vec<Job> {
    let mut jobs = vec![Job::Home, Job::Search, Job::NotFound];
    jobs.extend(
        OPTIONAL
            .iter()
            .filter(|o| templates.has(o.template))
            .map(Job::Optional),
    );
    jobs.extend((0..site.categories.len()).map(Job::Category));
    for (vi, v) in site.vendors.iter().enumerate() {
        jobs.push(Job::Vendor(vi));
        jobs.extend((0..v.products.len()).map(|pi| Job::Product(vi, pi)));
    }
    jobs
}

/// `page`: what every template knows of the page it renders.
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

/// A page ready to render: its template, its file in the output and its own variables (in
/// the order they enter its recipe).
pub struct Composed<'v> {
    /// The theme's template.
    pub template: &'static str,
    /// Path inside the output (`vendors/ana/index.html`).
    pub out: String,
    /// The page's own context variables, `page` last.
    pub vars: Vec<(&'static str, Var<'v>)>,
}

/// Puts pages together from the build's views and shared values.
pub struct Composer<'a> {
    /// The site.
    pub site: &'a Site,
    /// Interface strings.
    pub strings: &'a Strings,
    /// Views of the model.
    pub views: &'a Views<'a>,
    /// The site as templates see it.
    pub site_view: &'a SiteView,
    /// Values many pages share.
    pub values: &'a Values,
    /// The fair's description (the default for pages without their own).
    pub description: String,
}

impl<'a> Composer<'a> {
    /// What `job`'s page is made of.
    pub fn compose(&self, job: &Job) -> Composed<'a> {
        let (site, values, description) = (self.site, self.values, &self.description);
        let mut vars: Vec<(&'static str, Var<'a>)> = Vec::with_capacity(4);
        let mut set = |key, v| vars.push((key, v));
        let mut home_image = None;
        let (template, path, (kind, title, desc)) = match job {
            Job::Home => {
                let mut featured: Vec<&Hashed> = values
                    .all_cards()
                    .filter(|p| p.value["featured"] == Value::Bool(true))
                    .collect();
                featured
                    .sort_by_cached_key(|p| p.value["name"].as_str().map(crate::model::sort_key));
                home_image = featured
                    .first()
                    .and_then(|p| p.value["photos"][0]["src"].as_str())
                    .map(|src| format!("{}{src}", site.origin));
                set("featured", Var::List(featured));
                set("vendors", Var::List(values.vendor_cards()));
                (
                    "index.html",
                    String::new(),
                    ("home", site.title.clone(), description.clone()),
                )
            }
            Job::Vendor(vi) => {
                let v = &site.vendors[*vi];
                set("vendor", Var::One(values.vendor(*vi)));
                let desc = v.tagline.clone().unwrap_or_else(|| description.clone());
                (
                    "vendor.html",
                    format!("vendors/{}/", v.slug),
                    ("vendor", v.name.clone(), desc),
                )
            }
            Job::Product(vi, pi) => {
                let v = &site.vendors[*vi];
                let p = &values.products[*vi][*pi];
                set("product", Var::One(values.product(*vi, *pi)));
                // The vendor as on lists (no products, no story): `more` has the other products.
                set("vendor", Var::One(values.vendor_card(*vi)));
                let more: Vec<&Hashed> = values
                    .cards_of(*vi)
                    .enumerate()
                    .filter(|(i, _)| i != pi)
                    .map(|(_, x)| x)
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
                let c = self.views.category(*ci);
                let in_category = |vi: usize, pi: usize| site.vendors[vi].products[pi].category;
                let products: Vec<&Hashed> = site
                    .vendors
                    .iter()
                    .enumerate()
                    .flat_map(|(vi, v)| (0..v.products.len()).map(move |pi| (vi, pi)))
                    .filter(|&(vi, pi)| in_category(vi, pi) == *ci)
                    .map(|(vi, pi)| values.card(vi, pi))
                    .collect();
                let vendors: Vec<&Hashed> = site
                    .vendors
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| v.products.iter().any(|p| p.category == *ci))
                    .map(|(vi, _)| values.vendor_card(vi))
                    .collect();
                set("products", Var::List(products));
                set("vendors", Var::List(vendors));
                let desc = c.description.clone().unwrap_or_else(|| description.clone());
                let path = format!("categories/{}/", c.slug);
                set("category", Var::Own(to_value(&c)));
                ("category.html", path, ("category", c.name, desc))
            }
            Job::Search => {
                set("products", Var::List(values.all_cards().collect()));
                (
                    "search.html",
                    "search/".to_string(),
                    ("search", self.strings.get("search"), description.clone()),
                )
            }
            Job::NotFound => (
                "404.html",
                "404.html".to_string(),
                (
                    "404",
                    self.strings.get("not_found_title"),
                    description.clone(),
                ),
            ),
            Job::Optional(o) => {
                if o.kind == "print" {
                    set("vendors", Var::List(values.vendor_cards()));
                }
                let title = if o.title.is_empty() {
                    site.title.clone()
                } else {
                    self.strings.get(o.title)
                };
                (
                    o.template,
                    o.path.to_string(),
                    (o.kind, title, description.clone()),
                )
            }
        };
        let permalink = format!("{}{}", site.origin, self.views.url(&path));
        let jsonld = self
            .structured_data(job, &permalink, home_image)
            .map(|v| structured::script_text(&v));
        set(
            "page",
            Var::Own(to_value(&PageMeta {
                kind,
                url: self.views.url(&path),
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
        Composed {
            template,
            out,
            vars,
        }
    }

    /// The page's schema.org data (see [`structured`]): the fair on the home page, a vendor, a
    /// product; none elsewhere.
    fn structured_data(&self, job: &Job, permalink: &str, image: Option<String>) -> Option<Value> {
        let origin = &self.site.origin;
        match job {
            Job::Home => structured::event(self.site_view, permalink, image),
            Job::Vendor(vi) => Some(structured::vendor(&self.values.vendor(*vi).value, origin)),
            Job::Product(vi, pi) => Some(structured::product(
                &self.values.products[*vi][*pi],
                &self.site_view.currency,
                origin,
            )),
            _ => None,
        }
    }
}

//! The site's page list, and what each page is made of: its template, its place in the output
//! and the variables it adds to the context every page shares.
//!
//! Pages: home, one per vendor, one per product, the pages of every list (each category's
//! products, all vendors at `vendors/`, each category's vendors; see [`super::paging`]),
//! search, 404, and the [`OPTIONAL`] pages whose template the theme has (the sheets of booth
//! signs, offline page, web app manifest). `sitemap.xml` is made from this list afterwards
//! (see [`super::sitemap`]).

use serde::Serialize;
use serde_json::Value;

use super::context::{SiteView, Views};
use super::paging::{self, Lists, PagerView, SIGNS_PER_SHEET};
use super::recipe::{Hashed, Var};
use super::structured;
use super::templates::Templates;
use super::values::{to_value, Values};
use crate::i18n::{fill, Strings};
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
pub const PAGE_KEYS: [&str; 12] = [
    "featured",
    "vendors",
    "vendor",
    "product",
    "more",
    "products",
    "category",
    "pager",
    "vendor_pages",
    "vendor_list",
    "sheets",
    "page",
];

/// The template of the vendor lists (all vendors, a category's vendors): a theme without it
/// has no such pages.
pub const VENDORS_TEMPLATE: &str = "vendors.html";

/// One page to make.
pub enum Job {
    /// The home page.
    Home,
    /// A vendor's page (vendor index).
    Vendor(usize),
    /// A product's page (vendor index, product index).
    Product(usize, usize),
    /// A page of a category's products (category index, page number from 1).
    Category(usize, usize),
    /// A page of the list of every vendor (page number from 1).
    Vendors(usize),
    /// A page of a category's vendors (category index, page number from 1).
    CategoryVendors(usize, usize),
    /// A sheet of booth signs (sheet number from 1), when the theme has `print.html`.
    Print(usize),
    /// The search page.
    Search,
    /// The 404 page.
    NotFound,
    /// A page of [`OPTIONAL`] whose template the theme has.
    Optional(&'static OptionalPage),
}

/// Every page of the site, in the order they are handed out.
pub fn list(site: &Site, templates: &Templates, lists: &Lists) -> Vec<Job> {
    let mut jobs = vec![Job::Home, Job::Search, Job::NotFound];
    for o in OPTIONAL.iter().filter(|o| templates.has(o.template)) {
        if o.kind == "print" {
            let sheets = paging::count(site.vendors.len(), SIGNS_PER_SHEET);
            jobs.extend((1..=sheets).map(Job::Print));
        } else {
            jobs.push(Job::Optional(o));
        }
    }
    let per_page = lists.per_page;
    for (ci, products) in lists.products.iter().enumerate() {
        jobs.extend((1..=paging::count(products.len(), per_page)).map(|n| Job::Category(ci, n)));
    }
    if templates.has(VENDORS_TEMPLATE) {
        jobs.extend((1..=paging::count(site.vendors.len(), per_page)).map(Job::Vendors));
        for (ci, vendors) in lists.vendors.iter().enumerate() {
            // Only a category whose first page cannot show all its vendors has their list.
            if vendors.len() > lists.category_vendors_shown() {
                let pages = paging::count(vendors.len(), per_page);
                jobs.extend((1..=pages).map(|n| Job::CategoryVendors(ci, n)));
            }
        }
    }
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
    /// What the lists hold.
    pub lists: &'a Lists,
    /// Whether the theme makes the vendor lists (`vendors.html`).
    pub vendor_lists: bool,
    /// Whether `search.html` may show `products` (every product's card).
    pub search_lists: bool,
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
                let lists = self.lists;
                let featured: Vec<&Hashed> = lists.featured[..]
                    .iter()
                    .take(lists.featured_shown())
                    .map(|&(vi, pi)| values.card(vi, pi))
                    .collect();
                home_image = featured
                    .first()
                    .and_then(|p| p.value["photos"][0]["src"].as_str())
                    .map(|src| format!("{}{src}", site.origin));
                set("featured", Var::List(featured));
                set("vendors", Var::List(self.vendor_page(None, 1)));
                if let Some(pager) = self.vendors_pager(None, 1).filter(|_| self.vendor_lists) {
                    set("vendor_pages", Var::Own(pager.to_value()));
                }
                (
                    "index.html",
                    String::new(),
                    ("home", site.title.clone(), description.clone()),
                )
            }
            Job::Vendor(vi) => {
                let v = &site.vendors[*vi];
                set("vendor", values.vendor(site, self.views, *vi));
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
                set("product", values.product(*vi, *pi));
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
            Job::Category(ci, n) => {
                let (ci, n) = (*ci, *n);
                let c = self.views.category(ci);
                let per_page = self.lists.per_page;
                let all = &self.lists.products[ci];
                let products: Vec<&Hashed> = paging::slice(all, n, per_page)
                    .iter()
                    .map(|&(vi, pi)| values.card(vi, pi))
                    .collect();
                let dir = format!("categories/{}/", c.slug);
                let pager = PagerView::new(&dir, all.len(), per_page, n, |p| self.views.url(p));
                // The category's vendors, on its first page only, a few: the rest are on
                // their own list (`categories/<c>/vendors/`).
                let of = &self.lists.vendors[ci];
                let shown = if n == 1 {
                    self.lists.category_vendors_shown()
                } else {
                    0
                };
                let vendors: Vec<&Hashed> = of
                    .iter()
                    .take(shown)
                    .map(|&vi| values.vendor_card(vi))
                    .collect();
                let list_url = (of.len() > self.lists.category_vendors_shown()
                    && self.vendor_lists)
                    .then(|| self.views.url(&format!("{dir}vendors/")));
                set("products", Var::List(products));
                set("vendors", Var::List(vendors));
                set(
                    "vendor_list",
                    Var::Own(serde_json::json!({ "count": of.len(), "url": list_url })),
                );
                let desc = c.description.clone().unwrap_or_else(|| description.clone());
                let title = self.paged_title(c.name.clone(), pager.as_ref());
                let path = paging::path(&dir, n);
                set("category", Var::Own(to_value(&c)));
                if let Some(p) = pager {
                    set("pager", Var::Own(p.to_value()));
                }
                ("category.html", path, ("category", title, desc))
            }
            Job::Vendors(n) => {
                set("vendors", Var::List(self.vendor_page(None, *n)));
                let pager = self.vendors_pager(None, *n);
                let title = self.paged_title(self.strings.get("all_vendors"), pager.as_ref());
                if let Some(p) = pager {
                    set("pager", Var::Own(p.to_value()));
                }
                let path = paging::path("vendors/", *n);
                (
                    VENDORS_TEMPLATE,
                    path,
                    ("vendors", title, description.clone()),
                )
            }
            Job::CategoryVendors(ci, n) => {
                let c = self.views.category(*ci);
                set("vendors", Var::List(self.vendor_page(Some(*ci), *n)));
                let pager = self.vendors_pager(Some(*ci), *n);
                let title = format!("{} · {}", self.strings.get("all_vendors"), c.name);
                let title = self.paged_title(title, pager.as_ref());
                if let Some(p) = pager {
                    set("pager", Var::Own(p.to_value()));
                }
                let path = paging::path(&format!("categories/{}/vendors/", c.slug), *n);
                set("category", Var::Own(to_value(&c)));
                (
                    VENDORS_TEMPLATE,
                    path,
                    ("vendors", title, description.clone()),
                )
            }
            Job::Print(n) => {
                let all = &site.vendors;
                let on_sheet = paging::slice(all, *n, SIGNS_PER_SHEET).len();
                let from = (*n - 1) * SIGNS_PER_SHEET;
                let signs = (from..from + on_sheet).map(|vi| values.vendor_card(vi));
                set("vendors", Var::List(signs.collect()));
                let url = |p: &str| self.views.url(p);
                let pager = PagerView::new("print/", all.len(), SIGNS_PER_SHEET, *n, url);
                let title = self.paged_title(self.strings.get("print_title"), pager.as_ref());
                if let Some(p) = pager {
                    if *n == 1 {
                        set("sheets", Var::Own(self.sheets(p.total)));
                    }
                    set("pager", Var::Own(p.to_value()));
                }
                let path = paging::path("print/", *n);
                ("print.html", path, ("print", title, description.clone()))
            }
            Job::Search => {
                // Every card, for a theme's list without JavaScript; none when the page's
                // templates never name `products` (the default theme's search is its script,
                // and 100,000 cards copied for a page that does not show them took memory and
                // time on W4).
                let all = if self.search_lists {
                    values.all_cards().collect()
                } else {
                    Vec::new()
                };
                set("products", Var::List(all));
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

    /// The vendor cards of page `n` of all vendors, or of category `of`'s vendors.
    fn vendor_page(&self, of: Option<usize>, n: usize) -> Vec<&'a Hashed> {
        let per_page = self.lists.per_page;
        match of {
            Some(ci) => paging::slice(&self.lists.vendors[ci], n, per_page)
                .iter()
                .map(|&vi| self.values.vendor_card(vi))
                .collect(),
            None => {
                let from = n.saturating_sub(1) * per_page;
                let to = (from + per_page).min(self.site.vendors.len());
                (from..to).map(|vi| self.values.vendor_card(vi)).collect()
            }
        }
    }

    /// The pager of page `n` of all vendors, or of category `of`'s vendors.
    fn vendors_pager(&self, of: Option<usize>, n: usize) -> Option<PagerView> {
        let (dir, len) = match of {
            Some(ci) => (
                format!("categories/{}/vendors/", self.site.categories[ci].slug),
                self.lists.vendors[ci].len(),
            ),
            None => ("vendors/".to_string(), self.site.vendors.len()),
        };
        PagerView::new(&dir, len, self.lists.per_page, n, |p| self.views.url(p))
    }

    /// `title`, with "página 2 de 7" after it on a page of a list of several pages.
    fn paged_title(&self, title: String, pager: Option<&PagerView>) -> String {
        let Some(p) = pager else { return title };
        let (n, total) = (p.current.to_string(), p.total.to_string());
        let pattern = self.strings.get("page_of");
        let pattern = if pattern == "page_of" {
            "{n}/{total}".to_string()
        } else {
            pattern
        };
        let of = fill(&pattern, &[("n", n.as_str()), ("total", total.as_str())]);
        format!("{title} · {of}")
    }

    /// `sheets` on the first sheet of booth signs: every sheet with its link and the names
    /// of its first and last vendors.
    fn sheets(&self, total: usize) -> Value {
        let vendors = &self.site.vendors;
        let sheets: Vec<Value> = (1..=total)
            .map(|n| {
                let on = paging::slice(vendors, n, SIGNS_PER_SHEET);
                serde_json::json!({
                    "number": n,
                    "url": self.views.url(&paging::path("print/", n)),
                    "count": on.len(),
                    "first": on.first().map(|v| v.name.as_str()),
                    "last": on.last().map(|v| v.name.as_str()),
                })
            })
            .collect();
        Value::Array(sheets)
    }

    /// The page's schema.org data (see [`structured`]): the fair on the home page, a vendor, a
    /// product; none elsewhere.
    fn structured_data(&self, job: &Job, permalink: &str, image: Option<String>) -> Option<Value> {
        let origin = &self.site.origin;
        match job {
            Job::Home => structured::event(self.site_view, permalink, image),
            // (The card has every field the schema uses.)
            Job::Vendor(vi) => Some(structured::vendor(
                &self.values.vendor_card(*vi).value,
                origin,
            )),
            Job::Product(vi, pi) => Some(structured::product(
                &self.values.products[*vi][*pi],
                &self.site_view.currency,
                origin,
            )),
            _ => None,
        }
    }
}

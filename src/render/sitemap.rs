//! `sitemap.xml` and `robots.txt`: what search engines are told about the site.

use super::context::Views;
use super::pages::OPTIONAL;
use super::Page;
use crate::model::Site;

/// `robots.txt`: everything allowed, and where the sitemap is (a site's own
/// `static/robots.txt` is written instead).
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}{}sitemap.xml\n",
        site.origin, site.base_path
    )
}

/// `sitemap.xml` over every rendered HTML page except 404 and the [`OPTIONAL`] pages (its
/// recipe is left to the caller).
pub fn sitemap(site: &Site, views: &Views<'_>, pages: &[String]) -> Page {
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

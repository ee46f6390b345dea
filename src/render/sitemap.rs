//! `sitemap.xml` and `robots.txt`: what search engines are told about the site.
//!
//! A sitemap file may list at most [`MAX_URLS`] addresses (the sitemaps.org protocol). Past
//! that, `sitemap.xml` becomes a sitemap index pointing to `sitemap-1.xml`, `sitemap-2.xml`…,
//! each a sitemap of at most that many addresses; `robots.txt` names `sitemap.xml` either way.

use super::context::Views;
use super::pages::OPTIONAL;
use super::Page;
use crate::model::Site;

/// Addresses one sitemap file may list (the protocol's limit).
pub const MAX_URLS: usize = 50_000;

/// `robots.txt`: everything allowed, and where the sitemap is (a site's own
/// `static/robots.txt` is written instead).
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}{}sitemap.xml\n",
        site.origin, site.base_path
    )
}

/// The sitemap files over every rendered HTML page except 404 and the [`OPTIONAL`] pages (the
/// booth signs' sheets included): `sitemap.xml`, and the files it points to when the site has
/// more than [`MAX_URLS`] pages. Their recipes are left to the caller.
pub fn sitemap(site: &Site, views: &Views<'_>, pages: &[String]) -> Vec<Page> {
    let mut paths: Vec<&str> = pages
        .iter()
        .filter(|p| p.ends_with("index.html"))
        .map(|p| p.trim_end_matches("index.html"))
        .filter(|p| !OPTIONAL.iter().any(|o| p.starts_with(o.path)))
        .collect();
    paths.sort_unstable();
    let locs = paths
        .into_iter()
        .map(|path| format!("{}{}", site.origin, views.url(path)));
    let base = format!("{}{}", site.origin, site.base_path);
    files(locs.collect(), &base, MAX_URLS)
}

/// The sitemap files listing `locs` (absolute or site-relative addresses), at most `limit` in
/// one file; `base` is the site's address, where the files live.
pub fn files(locs: Vec<String>, base: &str, limit: usize) -> Vec<Page> {
    let limit = limit.max(1);
    if locs.len() <= limit {
        return vec![page("sitemap.xml".into(), urlset(&locs))];
    }
    let mut out = Vec::new();
    let mut index = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (i, chunk) in locs.chunks(limit).enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        index.push_str("  <sitemap><loc>");
        index.push_str(&escape(&format!("{base}{name}")));
        index.push_str("</loc></sitemap>\n");
        out.push(page(name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    out.insert(0, page("sitemap.xml".into(), index));
    out
}

fn urlset(locs: &[String]) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for loc in locs {
        xml.push_str("  <url><loc>");
        xml.push_str(&escape(loc));
        xml.push_str("</loc></url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

fn escape(loc: &str) -> String {
    loc.replace('&', "&amp;").replace('<', "&lt;")
}

fn page(path: String, body: String) -> Page {
    Page {
        path,
        body,
        recipe: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locs(n: usize) -> Vec<String> {
        (1..=n).map(|i| format!("https://f.pe/v/{i}/")).collect()
    }

    #[test]
    fn up_to_the_limit_one_sitemap_lists_every_page() {
        let files = files(locs(3), "https://f.pe/", 3);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].path, "sitemap.xml");
        assert!(files[0].body.contains("<urlset"));
        assert_eq!(files[0].body.matches("<url>").count(), 3);
    }

    #[test]
    fn past_the_limit_sitemap_xml_is_an_index_of_files_within_it() {
        let files = files(locs(7), "https://f.pe/feria/", 3);
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml"
            ]
        );
        let index = &files[0].body;
        assert!(index.contains("<sitemapindex"), "{index}");
        assert!(!index.contains("<urlset"));
        for n in 1..=3 {
            let loc = format!("<loc>https://f.pe/feria/sitemap-{n}.xml</loc>");
            assert!(index.contains(&loc), "{index}");
        }
        let mut listed = Vec::new();
        for f in &files[1..] {
            let n = f.body.matches("<url>").count();
            assert!(n <= 3, "{}: {n}", f.path);
            listed.extend(f.body.lines().filter(|l| l.contains("<url>")));
        }
        // Every address once, in order, across the files.
        let expected: Vec<String> = locs(7)
            .iter()
            .map(|l| format!("  <url><loc>{l}</loc></url>"))
            .collect();
        assert_eq!(listed, expected);
        assert_eq!(MAX_URLS, 50_000);
    }
}

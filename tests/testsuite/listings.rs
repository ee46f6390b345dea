//! Lists that scale: a list longer than `[listings] per_page` goes on over pages
//! (`…/page/N/`) that a visitor walks with plain links; a small fair has one page per list and
//! no pager; `/print/` comes in sheets of 50 signs; the sitemap lists the pages.

use std::collections::BTreeSet;

use crate::bigfair::{self, Shape};
use crate::prelude::TestSite;

/// A generated fair in a temporary folder.
pub fn generated(shape: &Shape) -> TestSite {
    let site = TestSite::empty();
    bigfair::write(site.path(), shape);
    site
}

/// The output file of a site-relative URL (`/vendors/page/2/`).
pub fn file_of(url: &str) -> String {
    format!("{}index.html", url.trim_start_matches('/'))
}

/// Every `href` right after `marker` in `html`.
pub fn hrefs_after<'a>(html: &'a str, marker: &str) -> Vec<&'a str> {
    html.match_indices(marker)
        .filter_map(|(i, _)| {
            let rest = &html[i + marker.len()..];
            let at = rest.find("href=\"")? + 6;
            Some(&rest[at..at + rest[at..].find('"')?])
        })
        .collect()
}

/// The card links of the list `<ul class="CLASS">` of a page (`vendors` or `grid`).
pub fn cards<'a>(html: &'a str, class: &str) -> Vec<&'a str> {
    let open = format!("<ul class=\"{class}\">");
    html.match_indices(&open)
        .flat_map(|(i, _)| {
            let list = &html[i..i + html[i..].find("</ul>").unwrap()];
            hrefs_after(list, "class=\"card-title\">")
        })
        .collect()
}

/// The part of `html` from `start` to the `end` after it.
pub fn within<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start}"));
    &html[from..from + html[from..].find(end).unwrap()]
}

/// The page's `<title>`.
pub fn title(html: &str) -> &str {
    let from = html.find("<title>").unwrap() + 7;
    &html[from..from + html[from..].find("</title>").unwrap()]
}

/// Follows the next links from `start`: each page's URL and HTML, checking on the way that the
/// head's `<link rel="next">` and the page's own link agree and that each page links back.
#[track_caller]
pub fn walk(site: &TestSite, start: &str) -> Vec<(String, String)> {
    let mut pages: Vec<(String, String)> = Vec::new();
    let mut url = start.to_string();
    loop {
        let html = site.page(&file_of(&url));
        let next: Vec<&str> = hrefs_after(&html, "rel=\"next\" ");
        let prev: Vec<&str> = hrefs_after(&html, "rel=\"prev\" ");
        match pages.last() {
            None => assert!(prev.is_empty(), "{url}: a first page links back: {prev:?}"),
            Some((before, _)) => assert_eq!(prev, [before, before], "{url}: its prev links"),
        }
        assert!(
            pages.len() < 10_000,
            "{url}: the next links go round in a circle"
        );
        pages.push((url.clone(), html.clone()));
        match next.as_slice() {
            [] => break,
            [head, link] => {
                assert_eq!(
                    head, link,
                    "{url}: <link rel=next> and the pager's next link"
                );
                url = head.to_string();
            }
            more => panic!("{url}: next links {more:?}"),
        }
    }
    pages
}

fn small_paged_fair() -> TestSite {
    generated(&Shape {
        vendors: 40,
        products_per_vendor: 3,
        categories: 4,
        per_page: Some(6),
    })
}

#[test]
fn a_small_fair_has_one_page_per_list_and_no_pager() {
    let site = TestSite::example();
    site.build_ok();
    let public = site.snapshot("public");
    let vendors = std::fs::read_dir(site.path().join("content/vendors"))
        .unwrap()
        .count();
    for (name, bytes) in &public {
        let html = String::from_utf8_lossy(bytes);
        assert!(!name.contains("/page/"), "{name}");
        assert!(!html.contains("class=\"pager\""), "{name} has a pager");
        assert!(!html.contains("rel=\"next\""), "{name} links a next page");
        assert!(!html.contains("página 1 de"), "{name}");
    }
    let home = site.page("index.html");
    assert_eq!(
        cards(&home, "vendors").len(),
        vendors,
        "every vendor on the home page"
    );
    assert!(
        !home.contains("href=\"/vendors/\""),
        "no link to a list it already shows"
    );
    // The list of every vendor exists all the same, on one page, in the home page's order.
    let all = site.page("vendors/index.html");
    assert_eq!(cards(&all, "vendors"), cards(&home, "vendors"));
}

#[test]
fn lists_longer_than_a_page_go_on_over_pages_a_visitor_walks_with_plain_links() {
    let site = small_paged_fair();
    site.build_ok();
    let vendor_dirs: BTreeSet<String> = std::fs::read_dir(site.path().join("public/vendors"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "page" && n != "index.html")
        .map(|n| format!("/vendors/{n}/"))
        .collect();
    assert_eq!(vendor_dirs.len(), 40);

    // Every vendor, 6 a page, in 7 pages: each exactly once, A to Z.
    let pages = walk(&site, "/vendors/");
    assert_eq!(pages.len(), 7);
    let mut seen = Vec::new();
    for (i, (url, html)) in pages.iter().enumerate() {
        let on = cards(html, "vendors");
        assert!(!on.is_empty() && on.len() <= 6, "{url}: {} cards", on.len());
        seen.extend(on.iter().map(|s| s.to_string()));
        let expected = format!("página {} de 7", i + 1);
        assert!(title(html).contains(&expected), "{url}: {}", title(html));
        let page_url = if i == 0 {
            "/vendors/".to_string()
        } else {
            format!("/vendors/page/{}/", i + 1)
        };
        assert_eq!(url, &page_url);
    }
    assert_eq!(
        seen.iter().collect::<BTreeSet<_>>().len(),
        seen.len(),
        "a vendor twice"
    );
    assert_eq!(seen.iter().cloned().collect::<BTreeSet<_>>(), vendor_dirs);
    assert!(
        !site.path().join("public/vendors/page/1").exists(),
        "no page/1/"
    );

    // The page list: first, last, and two on each side of the current page.
    let (_, fourth) = &pages[3];
    let listed = hrefs_after(within(fourth, "<nav class=\"pager\"", "</nav>"), "<li><a ");
    assert_eq!(
        listed,
        [
            "/vendors/",
            "/vendors/page/2/",
            "/vendors/page/3/",
            "/vendors/page/4/",
            "/vendors/page/5/",
            "/vendors/page/6/",
            "/vendors/page/7/"
        ]
    );
    assert!(fourth.contains("<a href=\"/vendors/page/4/\" aria-current=\"page\">4</a>"));

    // The home page: the first page of vendors, a bounded number of featured products, and
    // the way on to every vendor.
    let home = site.page("index.html");
    assert_eq!(cards(&home, "vendors"), cards(&pages[0].1, "vendors"));
    let featured = home.split("id=\"h-featured\"").nth(1).unwrap();
    let featured = cards(featured, "grid").len();
    assert!(
        (1..=1).contains(&featured),
        "a quarter page of featured products: {featured}"
    );
    assert!(home.contains("href=\"/vendors/\""));
    assert!(hrefs_after(&home, "rel=\"next\" ").contains(&"/vendors/page/2/"));
}

#[test]
fn a_category_pages_its_products_and_links_the_rest_of_its_vendors() {
    let site = small_paged_fair();
    site.build_ok();
    for c in bigfair::category_slugs(4) {
        // Products whose file names this category.
        let mut expected = 0;
        for v in std::fs::read_dir(site.path().join("content/vendors")).unwrap() {
            for p in std::fs::read_dir(v.unwrap().path().join("products")).unwrap() {
                let text = std::fs::read_to_string(p.unwrap().path()).unwrap();
                if text.contains(&format!("category = \"{c}\"")) {
                    expected += 1;
                }
            }
        }
        let pages = walk(&site, &format!("/categories/{c}/"));
        let mut seen = BTreeSet::new();
        for (i, (url, html)) in pages.iter().enumerate() {
            let on = cards(html, "grid");
            assert!(on.len() <= 6, "{url}: {} products", on.len());
            for p in on {
                assert!(seen.insert(p.to_string()), "{url}: {p} twice");
                assert!(site.path().join("public").join(file_of(p)).is_file(), "{p}");
            }
            let vendors = cards(html, "vendors");
            if i == 0 {
                assert_eq!(vendors.len(), 1, "{url}: a quarter page of vendors");
            } else {
                assert!(vendors.is_empty(), "{url}: vendors past page 1");
            }
        }
        assert_eq!(seen.len(), expected, "{c}: every product once");
        assert!(pages.len() > 1, "{c}: {} products on one page", seen.len());

        // Its vendors' own list holds every vendor the first page names as its count.
        let first = &pages[0].1;
        assert!(
            first.contains(&format!("href=\"/categories/{c}/vendors/\"")),
            "{c}"
        );
        let all: Vec<String> = walk(&site, &format!("/categories/{c}/vendors/"))
            .iter()
            .flat_map(|(_, html)| {
                cards(html, "vendors")
                    .into_iter()
                    .map(String::from)
                    .collect::<Vec<_>>()
            })
            .collect();
        let unique: BTreeSet<&String> = all.iter().collect();
        assert_eq!(unique.len(), all.len(), "{c}: a vendor twice");
        assert!(
            first.contains(&format!("· {} emprendimientos</p>", all.len())),
            "{c}"
        );
    }
}

#[test]
fn the_sitemap_lists_the_pages_of_lists_and_leaves_the_booth_signs_out() {
    let site = small_paged_fair();
    site.build_ok();
    let map = site.page("sitemap.xml");
    for url in [
        "/vendors/",
        "/vendors/page/2/",
        "/vendors/page/7/",
        "/categories/categoria-1/page/2/",
        "/categories/categoria-1/vendors/",
    ] {
        assert!(
            map.contains(&format!("<loc>https://feria.example.org{url}</loc>")),
            "{url} not in the sitemap"
        );
    }
    assert!(!map.contains("/print/"));
    assert!(!map.contains("/page/1/"));
}

#[test]
fn booth_signs_come_in_sheets_of_fifty_and_print_lists_every_sheet() {
    let site = generated(&Shape {
        vendors: 120,
        products_per_vendor: 1,
        categories: 2,
        per_page: None,
    });
    site.build_ok();
    let sign_names = |html: &str| -> Vec<String> {
        html.split("<h2 class=\"sign-name\">")
            .skip(1)
            .map(|s| s[..s.find("</h2>").unwrap()].to_string())
            .collect()
    };
    let index = site.page("print/index.html");
    assert_eq!(
        hrefs_after(within(&index, "<ol class=\"sheets\">", "</ol>"), "<li><a "),
        ["/print/", "/print/page/2/", "/print/page/3/"],
        "/print/ links every sheet"
    );
    let mut all = Vec::new();
    for (url, count) in [
        ("/print/", 50),
        ("/print/page/2/", 50),
        ("/print/page/3/", 20),
    ] {
        let html = site.page(&file_of(url));
        let names = sign_names(&html);
        assert_eq!(names.len(), count, "{url}");
        assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
        all.extend(names);
    }
    assert!(!site.path().join("public/print/page/4").exists());
    assert_eq!(
        all.iter().collect::<BTreeSet<_>>().len(),
        120,
        "every vendor's sign once"
    );
    assert!(!site.page("sitemap.xml").contains("/print/"));
}

#[test]
fn a_page_size_out_of_range_is_an_error_naming_the_file_and_line_in_both_languages() {
    let site = TestSite::example();
    let fair = std::fs::read_to_string(site.path().join("content/fair.toml")).unwrap();
    let line = fair.lines().count() + 3;
    for (lang, value, says) in [
        (
            "es",
            "0",
            "las listas no pueden mostrar 0 tarjetas por página",
        ),
        ("es", "5000", "el número va de 6 a 500"),
        (
            "en",
            "2",
            "lists cannot show 2 cards per page: the number goes from 6 to 500",
        ),
    ] {
        let text = fair.replace("language = \"es\"", &format!("language = \"{lang}\""));
        site.write(
            "content/fair.toml",
            format!("{text}\n[listings]\nper_page = {value}\n"),
        );
        let run = site.run(&["check"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr.contains(&format!("content/fair.toml:{line}:")),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains(says), "{lang}: {}", run.stderr);
        let sentence = run.stderr.lines().find(|l| l.contains(says)).unwrap();
        assert!(
            !sentence.contains("per_page"),
            "a key in a vendor's sentence: {sentence}"
        );
    }
    site.write(
        "content/fair.toml",
        format!("{fair}\n[listings]\nper_page = 6\n"),
    );
    assert_eq!(site.run(&["check"]).code, 0);
}

/// `(N ya al día)` of a build's last line: pages already in the output as they would be made.
fn kept(run: &crate::prelude::Run) -> usize {
    let said = format!("{}{}", run.stdout, run.stderr);
    said.split(" ya al día")
        .next()
        .and_then(|s| s.rsplit('(').next())
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("{said}"))
}

/// The output files of two sites that differ (the marker and cache files aside).
fn differences(a: &TestSite, b: &TestSite) -> Vec<String> {
    let (a, b) = (a.snapshot("public"), b.snapshot("public"));
    crate::prelude::changed_files(&a, &b)
        .into_iter()
        .filter(|f| !f.starts_with('.'))
        .collect()
}

/// A build of `site`'s content from nothing, in another folder.
fn fresh_build_of(site: &TestSite) -> TestSite {
    let fresh = TestSite::empty();
    crate::prelude::copy_dir(&site.path().join("content"), &fresh.path().join("content"));
    fresh.build_ok();
    fresh
}

#[test]
fn rebuilds_keep_the_pages_of_lists_that_did_not_change_and_remake_those_that_did() {
    let site = small_paged_fair();
    let first = site.build_ok();
    let pages: usize = format!("{}{}", first.stdout, first.stderr)
        .split(" páginas (")
        .next()
        .and_then(|s| s.rsplit(", ").next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert_eq!(
        kept(&site.build_ok()),
        pages,
        "nothing changed: every page kept"
    );

    // A tagline shows on the list page that holds its vendor, not on the other pages.
    let page3 = site.page("vendors/page/3/index.html");
    let first_card = within(&page3, "<ul class=\"vendors\">", "</a></h2>");
    let name = &first_card[first_card.rfind('>').unwrap() + 1..];
    let folder = site.path().join("content/vendors").join(name);
    assert!(folder.is_dir(), "{name}");
    let toml = std::fs::read_to_string(folder.join("vendor.toml")).unwrap();
    let edited = toml.replace("tagline = \"", "tagline = \"Nuevo: ");
    std::fs::write(folder.join("vendor.toml"), edited).unwrap();
    let run = site.build_ok();
    assert!(kept(&run) > pages / 2, "{run:?}");
    assert!(kept(&run) < pages);
    assert!(site.page("vendors/page/3/index.html").contains("Nuevo: "));
    assert_eq!(
        differences(&site, &fresh_build_of(&site)),
        Vec::<String>::new()
    );
}

#[test]
fn a_rebuild_after_a_new_vendor_moves_every_page_of_the_list_as_a_fresh_build_would() {
    let site = small_paged_fair();
    site.build_ok();
    let first = site.page("vendors/index.html");
    site.write(
        "content/vendors/Aaa primera/vendor.toml",
        "name = \"Aaa Primera\"\ncategories = [\"categoria-2\"]\n",
    );
    site.build_ok();
    let again = site.page("vendors/index.html");
    assert_eq!(cards(&again, "vendors")[0], "/vendors/aaa-primera/");
    assert!(
        title(&again).contains("de 7"),
        "41 vendors are still 7 pages"
    );
    // What was the last card of page 1 is now the first of page 2.
    let moved = cards(&first, "vendors")[5].to_string();
    assert_eq!(
        cards(&site.page("vendors/page/2/index.html"), "vendors")[0],
        moved
    );
    assert_eq!(
        differences(&site, &fresh_build_of(&site)),
        Vec::<String>::new()
    );
}

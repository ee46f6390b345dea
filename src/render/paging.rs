//! Lists that scale: which cards go on which page of a list, where each page lives and the
//! pager templates print (`pager`, documented in `docs/templates.md`).
//!
//! A list of `n` cards at `per_page` cards a page (`[listings] per_page` in fair.toml) makes
//! `ceil(n / per_page)` pages, at least one. Page 1 lives at the list's own path
//! (`vendors/`), page `k` at `vendors/page/k/`: the URL shape Hugo and Zola use, and no
//! `page/1/` file. A list that fits on one page has no pager at all, so a small fair looks as
//! it always did.
//!
//! [`Lists`] holds, once per build, what the paged pages of a site list: the featured
//! products, each category's products and vendors.

use serde::Serialize;
use serde_json::Value;

use crate::model::Site;

/// Booth signs on one printable sheet of `/print/` (one file each).
pub const SIGNS_PER_SHEET: usize = 50;

/// How many pages `n` cards make at `per_page` a page (at least one: an empty list still has
/// its page, saying it is empty).
pub fn count(n: usize, per_page: usize) -> usize {
    n.div_ceil(per_page.max(1)).max(1)
}

/// The cards of page `page` (1-based) of `items`.
pub fn slice<T>(items: &[T], page: usize, per_page: usize) -> &[T] {
    let from = page
        .saturating_sub(1)
        .saturating_mul(per_page)
        .min(items.len());
    let to = from.saturating_add(per_page).min(items.len());
    &items[from..to]
}

/// The path of page `page` of the list at `dir` (`vendors/`): `dir` itself for page 1,
/// `dir/page/N/` after it.
pub fn path(dir: &str, page: usize) -> String {
    if page <= 1 {
        dir.to_string()
    } else {
        format!("{dir}page/{page}/")
    }
}

/// `pager`: where a page of a list stands and the links to the others. Only pages of a list
/// that has more than one page have one.
#[derive(Debug, Clone, Serialize)]
pub struct PagerView {
    /// This page's number, from 1.
    pub current: usize,
    /// How many pages the list has (2 or more).
    pub total: usize,
    /// How many cards the whole list has.
    pub items: usize,
    /// The number of the first card on this page (from 1).
    pub from: usize,
    /// The number of the last card on this page.
    pub to: usize,
    /// Site-relative URL of page 1 (the list's own address).
    pub first: String,
    /// Site-relative URL of the last page.
    pub last: String,
    /// URL of the page before; None on page 1.
    pub prev: Option<String>,
    /// URL of the page after; None on the last page.
    pub next: Option<String>,
    /// A compact page list: the first and last pages, and two on each side of this one; a
    /// gap (`number` None) stands for the pages left out.
    pub pages: Vec<PageLink>,
}

/// One entry of [`PagerView::pages`].
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    /// The page number; None for a gap ("…").
    pub number: Option<usize>,
    /// Its site-relative URL ("" for a gap).
    pub url: String,
    /// Whether it is the page being shown.
    pub current: bool,
}

/// Pages shown on each side of the current one in [`PagerView::pages`].
const AROUND: usize = 2;

impl PagerView {
    /// The pager of page `current` of a list of `items` cards at `per_page`, whose page 1 is at
    /// `dir` (`url` turns an output path into a site-relative URL); None when the list fits on
    /// one page.
    pub fn new(
        dir: &str,
        items: usize,
        per_page: usize,
        current: usize,
        url: impl Fn(&str) -> String,
    ) -> Option<PagerView> {
        let total = count(items, per_page);
        if total < 2 {
            return None;
        }
        let at = |n: usize| url(&path(dir, n));
        let mut pages = Vec::new();
        for n in 1..=total {
            let near = n + AROUND >= current && n <= current + AROUND;
            if n == 1 || n == total || near {
                pages.push(PageLink {
                    number: Some(n),
                    url: at(n),
                    current: n == current,
                });
            } else if pages.last().is_some_and(|p: &PageLink| p.number.is_some()) {
                pages.push(PageLink {
                    number: None,
                    url: String::new(),
                    current: false,
                });
            }
        }
        let from = (current - 1) * per_page + 1;
        Some(PagerView {
            current,
            total,
            items,
            from,
            to: (from + per_page - 1).min(items),
            first: at(1),
            last: at(total),
            prev: (current > 1).then(|| at(current - 1)),
            next: (current < total).then(|| at(current + 1)),
            pages,
        })
    }

    /// As a template value.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// What the paged pages list, worked out once per build (a category page must not look
/// through every product of the fair).
pub struct Lists {
    /// Cards on one page of a list.
    pub per_page: usize,
    /// Featured products (vendor, product), by name: the home page shows the first
    /// [`Lists::featured_shown`].
    pub featured: Vec<(usize, usize)>,
    /// Each category's products (vendor, product), in vendor order.
    pub products: Vec<Vec<(usize, usize)>>,
    /// Each category's vendors (any of whose products is in it), in vendor order.
    pub vendors: Vec<Vec<usize>>,
}

impl Lists {
    /// The lists of `site`; `name` gives a product's name as it sorts.
    pub fn new(site: &Site, name: impl Fn(usize, usize) -> String) -> Lists {
        let n = site.categories.len();
        let (mut products, mut vendors) = (vec![Vec::new(); n], vec![Vec::<usize>::new(); n]);
        let mut featured = Vec::new();
        for (vi, v) in site.vendors.iter().enumerate() {
            for (pi, p) in v.products.iter().enumerate() {
                if let Some(list) = products.get_mut(p.category) {
                    list.push((vi, pi));
                }
                if let Some(list) = vendors.get_mut(p.category) {
                    if list.last() != Some(&vi) {
                        list.push(vi);
                    }
                }
                if p.featured {
                    featured.push((vi, pi));
                }
            }
        }
        featured.sort_by_cached_key(|&(vi, pi)| name(vi, pi));
        Lists {
            per_page: site.per_page,
            featured,
            products,
            vendors,
        }
    }

    /// Featured products the home page shows at most: a quarter of a page, so that with the
    /// first page of vendors the home page stays within a visitor's budget.
    pub fn featured_shown(&self) -> usize {
        (self.per_page / 4).max(1)
    }

    /// Vendors a category's first page shows at most before linking to the category's own
    /// vendor list: a quarter of a page, beside a whole page of products.
    pub fn category_vendors_shown(&self) -> usize {
        (self.per_page / 4).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(p: &str) -> String {
        format!("/{p}")
    }

    #[test]
    fn pages_split_a_list_and_page_one_is_the_bare_path() {
        assert_eq!(count(0, 10), 1);
        assert_eq!(count(10, 10), 1);
        assert_eq!(count(11, 10), 2);
        let items: Vec<usize> = (0..25).collect();
        assert_eq!(slice(&items, 1, 10), &items[..10]);
        assert_eq!(slice(&items, 2, 10), &items[10..20]);
        assert_eq!(slice(&items, 3, 10), &items[20..]);
        assert!(slice(&items, 4, 10).is_empty());
        assert_eq!(path("vendors/", 1), "vendors/");
        assert_eq!(path("vendors/", 2), "vendors/page/2/");
        assert!(PagerView::new("vendors/", 10, 10, 1, url).is_none());
    }

    #[test]
    fn the_pager_links_its_neighbours_and_a_compact_page_list() {
        let p = PagerView::new("vendors/", 100, 10, 5, url).unwrap();
        assert_eq!((p.total, p.from, p.to), (10, 41, 50));
        assert_eq!(p.prev.as_deref(), Some("/vendors/page/4/"));
        assert_eq!(p.next.as_deref(), Some("/vendors/page/6/"));
        let shown: Vec<String> = p
            .pages
            .iter()
            .map(|l| l.number.map_or("…".into(), |n| n.to_string()))
            .collect();
        assert_eq!(shown, ["1", "…", "3", "4", "5", "6", "7", "…", "10"]);
        let first = PagerView::new("vendors/", 21, 10, 1, url).unwrap();
        assert_eq!(first.prev, None);
        assert_eq!(first.pages[1].url, "/vendors/page/2/");
        let last = PagerView::new("vendors/", 21, 10, 3, url).unwrap();
        assert_eq!((last.next, last.from, last.to), (None, 21, 21));
    }
}

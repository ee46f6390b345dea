//! The data templates see: serializable views of the model, with URLs, formatted prices and
//! dates, sanitized HTML and image `srcset`s ready to print. `docs/templates.md` documents every
//! field; keep the two in step.

use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use serde::Serialize;

use super::markdown;
use crate::i18n::{fill, format_date_range, format_price, Amounts, Strings};
use crate::images::encode::Format;
use crate::images::PhotoPlan;
use crate::model::{Category, PhotoUse, Product, Site, Vendor};
use crate::render::placeholder::Placeholders;

/// `site` in every template.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: Option<String>,
    pub base_url: String,
    pub currency: String,
    pub fair: Option<FairView>,
    pub categories: Vec<CategoryView>,
    pub vendor_count: usize,
    pub product_count: usize,
}

/// `site.fair`.
#[derive(Debug, Clone, Serialize)]
pub struct FairView {
    pub dates: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub venue: Option<String>,
    pub hours: Option<String>,
}

/// A category.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryView {
    pub slug: String,
    pub name: String,
    pub description: Option<String>,
    pub url: String,
    pub permalink: String,
    pub product_count: usize,
}

/// An image ready for `<picture>`.
#[derive(Debug, Clone, Serialize)]
pub struct ImageView {
    pub alt: String,
    pub src: String,
    pub width: u32,
    pub height: u32,
    pub srcset: String,
    /// One middle-sized JPEG (the widest at most 640 px wide, else the narrowest): the `src` of
    /// an `<img>` whose `<picture>` gives the WebP renditions, for the rare browser without WebP.
    pub fallback: String,
    pub sources: Vec<SourceView>,
    /// The placeholder colour (`#rrggbb`, filled in after the photos are processed).
    pub color: String,
}

/// One `<source>` of a picture.
#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    #[serde(rename = "type")]
    pub mime: String,
    pub srcset: String,
}

/// A link with its display text.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    pub display: String,
    pub url: String,
}

/// A social handle with its profile URL.
#[derive(Debug, Clone, Serialize)]
pub struct HandleView {
    pub handle: String,
    pub url: String,
}

/// `vendor.contact`.
#[derive(Debug, Clone, Serialize, Default)]
pub struct ContactView {
    pub whatsapp: Option<LinkView>,
    pub instagram: Option<HandleView>,
    pub facebook: Option<HandleView>,
    pub tiktok: Option<HandleView>,
    pub email: Option<EmailView>,
    pub website: Option<LinkView>,
}

/// An e-mail address with its mailto link.
#[derive(Debug, Clone, Serialize)]
pub struct EmailView {
    pub address: String,
    pub url: String,
}

/// A payment method with its label.
#[derive(Debug, Clone, Serialize)]
pub struct PaymentView {
    pub id: &'static str,
    pub label: String,
}

/// A vendor. In lists (`vendors` on home and category pages) `products` is empty and
/// `about_html` is "" to keep pages light; `product_count` is always set.
#[derive(Debug, Clone, Serialize)]
pub struct VendorView {
    pub slug: String,
    pub name: String,
    pub owner: Option<String>,
    pub tagline: Option<String>,
    pub booth: Option<String>,
    pub url: String,
    pub permalink: String,
    pub categories: Vec<CategoryView>,
    pub logo: Option<ImageView>,
    pub cover: Option<ImageView>,
    pub payment: Vec<PaymentView>,
    pub delivery: bool,
    pub contact: ContactView,
    pub about_html: String,
    pub products: Vec<ProductView>,
    pub product_count: usize,
}

/// The vendor as seen from one of its products.
#[derive(Debug, Clone, Serialize)]
pub struct VendorRef {
    pub slug: String,
    pub name: String,
    pub owner: Option<String>,
    pub booth: Option<String>,
    pub url: String,
}

/// A product.
#[derive(Debug, Clone, Serialize)]
pub struct ProductView {
    pub slug: String,
    pub name: String,
    pub url: String,
    pub permalink: String,
    pub price: Option<f64>,
    pub price_text: String,
    pub price_note: Option<String>,
    pub category: CategoryView,
    pub photos: Vec<ImageView>,
    pub tags: Vec<String>,
    pub available: bool,
    pub featured: bool,
    pub description_html: String,
    pub summary: String,
    /// The description as plain text (for the search index; templates do not see it).
    #[serde(skip)]
    pub text: String,
    pub vendor: VendorRef,
    pub order_url: Option<String>,
}

/// Builds views from the model.
pub struct Views<'a> {
    site: &'a Site,
    strings: &'a Strings,
    plans: &'a [Option<PhotoPlan>],
    placeholders: &'a Placeholders,
    /// Markdown already rendered by earlier builds.
    markdown: &'a markdown::Memory,
    categories: Vec<CategoryView>,
    amounts: Amounts,
}

impl<'a> Views<'a> {
    /// Prepares the shared pieces (categories with their counts).
    pub fn new(
        site: &'a Site,
        strings: &'a Strings,
        plans: &'a [Option<PhotoPlan>],
        placeholders: &'a Placeholders,
        markdown: &'a markdown::Memory,
    ) -> Self {
        let mut counts = vec![0usize; site.categories.len()];
        for v in &site.vendors {
            for p in &v.products {
                counts[p.category] += 1;
            }
        }
        let categories = site
            .categories
            .iter()
            .zip(counts)
            .map(|(c, n)| category_view(site, c, n))
            .collect();
        Views {
            site,
            strings,
            plans,
            placeholders,
            markdown,
            categories,
            amounts: strings.amounts(),
        }
    }

    /// Site-relative URL of a path inside the output (`vendors/x/` → `/vendors/x/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.site.base_path, path)
    }

    fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.site.origin, self.url(path))
    }

    /// `site`.
    pub fn site(&self) -> SiteView {
        let s = self.site;
        let fair = s.event.as_ref().map(|e| FairView {
            dates: e.start.map(|st| format_date_range(self.strings, st, e.end)),
            start: e.start.map(|d| d.iso()),
            end: e.end.map(|d| d.iso()),
            venue: e.venue.clone(),
            hours: e.hours.clone(),
        });
        SiteView {
            title: s.title.clone(),
            description: s.description.clone(),
            base_url: format!("{}{}", s.origin, s.base_path),
            currency: s.currency.clone(),
            fair,
            categories: self.categories.clone(),
            vendor_count: s.vendors.len(),
            product_count: s.vendors.iter().map(|v| v.products.len()).sum(),
        }
    }

    /// A category by index.
    pub fn category(&self, i: usize) -> CategoryView {
        self.categories[i].clone()
    }

    /// An image, when its photo could be planned: WebP and JPEG `srcset`s, the largest JPEG as
    /// `src`, and a placeholder colour.
    pub fn image(&self, photo: &PhotoUse) -> Option<ImageView> {
        let plan = self.plans.get(photo.id)?.as_ref()?;
        let srcset = |format| {
            plan.of(format)
                .map(|r| format!("{} {}w", self.url(&r.path), r.width))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let largest = plan.of(Format::Jpeg).last()?;
        let fallback = plan
            .of(Format::Jpeg)
            .filter(|r| r.width <= 640)
            .last()
            .or_else(|| plan.of(Format::Jpeg).next())
            .unwrap_or(largest);
        Some(ImageView {
            fallback: self.url(&fallback.path),
            alt: photo.alt.clone(),
            src: self.url(&largest.path),
            width: largest.width,
            height: largest.height,
            sources: vec![SourceView {
                mime: Format::Webp.mime().into(),
                srcset: srcset(Format::Webp),
            }],
            srcset: srcset(Format::Jpeg),
            // Known on a rebuild; otherwise a marker the build fills in after the photos.
            color: plan
                .color
                .map(super::placeholder::hex)
                .unwrap_or_else(|| self.placeholders.marker(photo.id)),
        })
    }

    fn vendor_ref(&self, v: &Vendor) -> VendorRef {
        VendorRef {
            slug: v.slug.clone(),
            name: v.name.clone(),
            owner: v.owner.clone(),
            booth: v.booth.clone(),
            url: self.url(&format!("vendors/{}/", v.slug)),
        }
    }

    fn wa_link(
        &self,
        digits: &str,
        pattern_key: &str,
        v: &Vendor,
        product: Option<&str>,
    ) -> String {
        let owner = v.owner.as_deref().unwrap_or(&v.name);
        let text = fill(
            &self.strings.get(pattern_key),
            &[
                ("owner", owner),
                ("vendor", &v.name),
                ("product", product.unwrap_or("")),
                ("fair", &self.site.title),
            ],
        );
        format!(
            "https://wa.me/{digits}?text={}",
            utf8_percent_encode(&text, NON_ALPHANUMERIC)
        )
    }

    /// A product of vendor `v`.
    pub fn product(&self, v: &Vendor, p: &Product) -> ProductView {
        let path = format!("vendors/{}/{}/", v.slug, p.slug);
        let md = p.markdown();
        let text = self.markdown.plain_text(md);
        ProductView {
            slug: p.slug.clone(),
            name: p.name.clone(),
            url: self.url(&path),
            permalink: self.permalink(&path),
            price: p.price,
            price_text: match p.price {
                Some(x) => format_price(&self.site.currency, x, &self.amounts),
                None => self.strings.get("price_on_request"),
            },
            price_note: p.price_note.clone(),
            category: self.category(p.category),
            photos: p.photos.iter().filter_map(|ph| self.image(ph)).collect(),
            tags: p.tags.clone(),
            available: p.available,
            featured: p.featured,
            description_html: self.markdown.to_html(md),
            summary: markdown::summary(&text, 160),
            text,
            vendor: self.vendor_ref(v),
            order_url: v
                .contact
                .whatsapp
                .as_ref()
                .map(|d| self.wa_link(d, "whatsapp_order", v, Some(&p.name))),
        }
    }

    /// A vendor with its products and story (`full`), or a light card for lists.
    pub fn vendor(&self, v: &Vendor, products: Vec<ProductView>, full: bool) -> VendorView {
        let path = format!("vendors/{}/", v.slug);
        let c = &v.contact;
        let handle = |h: &Option<String>, base: &str| {
            h.as_ref().map(|h| HandleView {
                handle: h.clone(),
                url: format!("{base}{h}"),
            })
        };
        VendorView {
            slug: v.slug.clone(),
            name: v.name.clone(),
            owner: v.owner.clone(),
            tagline: v.tagline.clone(),
            booth: v.booth.clone(),
            url: self.url(&path),
            permalink: self.permalink(&path),
            categories: v.categories.iter().map(|&i| self.category(i)).collect(),
            logo: v.logo.as_ref().and_then(|p| self.image(p)),
            cover: v.cover.as_ref().and_then(|p| self.image(p)),
            payment: v
                .payment
                .iter()
                .map(|p| PaymentView {
                    id: p.id(),
                    label: self.strings.get(&format!("payment_{}", p.id())),
                })
                .collect(),
            delivery: v.delivery,
            contact: ContactView {
                whatsapp: c.whatsapp.as_ref().map(|d| LinkView {
                    display: c.whatsapp_display.clone().unwrap_or_default(),
                    url: self.wa_link(d, "whatsapp_hello", v, None),
                }),
                instagram: handle(&c.instagram, "https://www.instagram.com/"),
                facebook: handle(&c.facebook, "https://www.facebook.com/"),
                tiktok: handle(&c.tiktok, "https://www.tiktok.com/@"),
                email: c.email.as_ref().map(|e| EmailView {
                    address: e.clone(),
                    url: format!("mailto:{e}"),
                }),
                website: c.website.as_ref().map(|w| LinkView {
                    display: w
                        .trim_start_matches("https://")
                        .trim_start_matches("http://")
                        .trim_end_matches('/')
                        .to_string(),
                    url: w.clone(),
                }),
            },
            about_html: match (&v.about, full) {
                (Some(src), true) => self.markdown.to_html(&src.text),
                _ => String::new(),
            },
            product_count: v.products.len(),
            products: if full { products } else { Vec::new() },
        }
    }
}

fn category_view(site: &Site, c: &Category, n: usize) -> CategoryView {
    let path = format!("categories/{}/", c.slug);
    CategoryView {
        slug: c.slug.clone(),
        name: c.name.clone(),
        description: c.description.clone(),
        url: format!("{}{}", site.base_path, path),
        permalink: format!("{}{}{}", site.origin, site.base_path, path),
        product_count: n,
    }
}

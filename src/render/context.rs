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
    /// The fair's title, from `title` in fair.toml.
    pub title: String,
    /// The fair's one-sentence description from fair.toml; None when it has none.
    pub description: Option<String>,
    /// Origin plus base path, ending in `/` (`https://example.org/feria/`).
    pub base_url: String,
    /// Currency code from fair.toml (`PEN` by default), not its symbol.
    pub currency: String,
    /// When and where the fair is held; None when fair.toml has no event table.
    pub fair: Option<FairView>,
    /// Every category, in fair.toml order, with its product count.
    pub categories: Vec<CategoryView>,
    /// Number of vendors published (drafts left out).
    pub vendor_count: usize,
    /// Number of products published across all vendors.
    pub product_count: usize,
}

/// `site.fair`.
#[derive(Debug, Clone, Serialize)]
pub struct FairView {
    /// The dates as a sentence in the site's language ("5–7 de diciembre de 2026"); None without `start`.
    pub dates: Option<String>,
    /// First day, ISO `YYYY-MM-DD`; None when fair.toml gives no start.
    pub start: Option<String>,
    /// Last day, ISO `YYYY-MM-DD`; None for a one-day fair or no dates.
    pub end: Option<String>,
    /// Where the fair is held, as written in fair.toml; None if not given.
    pub venue: Option<String>,
    /// Opening hours as written in fair.toml (free text); None if not given.
    pub hours: Option<String>,
}

/// A category.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryView {
    /// URL-safe id, the folder name under `categories/` in the output.
    pub slug: String,
    /// Display name as written in fair.toml.
    pub name: String,
    /// One-sentence description from fair.toml; None when it has none.
    pub description: Option<String>,
    /// Site-relative URL of the category page (`/categories/<slug>/`, base path included).
    pub url: String,
    /// Absolute URL of the category page (origin + `url`).
    pub permalink: String,
    /// Number of published products in this category.
    pub product_count: usize,
}

/// An image ready for `<picture>`.
#[derive(Debug, Clone, Serialize)]
pub struct ImageView {
    /// Alt text from the content; "" for a decorative photo.
    pub alt: String,
    /// Site-relative URL of the largest JPEG rendition.
    pub src: String,
    /// Width of the largest JPEG rendition, in pixels.
    pub width: u32,
    /// Height of the largest JPEG rendition, in pixels.
    pub height: u32,
    /// Every JPEG rendition as a `srcset` ("…-320.jpg 320w, …-640.jpg 640w").
    pub srcset: String,
    /// One middle-sized JPEG (the widest at most 640 px wide, else the narrowest): the `src` of
    /// an `<img>` whose `<picture>` gives the WebP renditions, for the rare browser without WebP.
    pub fallback: String,
    /// The `<source>`s printed before the `<img>` (today one: the WebP renditions).
    pub sources: Vec<SourceView>,
    /// The placeholder colour (`#rrggbb`, filled in after the photos are processed).
    pub color: String,
}

/// One `<source>` of a picture.
#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    #[serde(rename = "type")]
    /// MIME type of the renditions (`image/webp`); serialized as `type`.
    pub mime: String,
    /// The renditions of that type as a `srcset` ("url 320w, url 640w").
    pub srcset: String,
}

/// A link with its display text.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// Text to show: the number as the vendor wrote it, or the website without scheme and trailing `/`.
    pub display: String,
    /// Where the link goes (a wa.me link with a greeting, or the website as written).
    pub url: String,
}

/// A social handle with its profile URL.
#[derive(Debug, Clone, Serialize)]
pub struct HandleView {
    /// The handle as written in vendor.toml (without the site's URL).
    pub handle: String,
    /// The profile URL: the network's base URL followed by the handle.
    pub url: String,
}

/// `vendor.contact`.
#[derive(Debug, Clone, Serialize, Default)]
pub struct ContactView {
    /// WhatsApp number with a wa.me greeting link; None when vendor.toml has none.
    pub whatsapp: Option<LinkView>,
    /// Instagram handle and profile link; None when not given.
    pub instagram: Option<HandleView>,
    /// Facebook handle and page link; None when not given.
    pub facebook: Option<HandleView>,
    /// TikTok handle and profile link (`/@handle`); None when not given.
    pub tiktok: Option<HandleView>,
    /// E-mail address with its `mailto:` link; None when not given.
    pub email: Option<EmailView>,
    /// Website as written in vendor.toml and its display form; None when not given.
    pub website: Option<LinkView>,
}

/// An e-mail address with its mailto link.
#[derive(Debug, Clone, Serialize)]
pub struct EmailView {
    /// The address as written in vendor.toml.
    pub address: String,
    /// `mailto:` followed by the address.
    pub url: String,
}

/// A payment method with its label.
#[derive(Debug, Clone, Serialize)]
pub struct PaymentView {
    /// The method's fixed id (`yape`, `plin`, `efectivo`, `tarjeta`, `transferencia`).
    pub id: &'static str,
    /// The method's name in the site's language, from the `payment_<id>` string.
    pub label: String,
}

/// A vendor. In lists (`vendors` on home and category pages) `products` is empty and
/// `about_html` is "" to keep pages light; `product_count` is always set.
#[derive(Debug, Clone, Serialize)]
pub struct VendorView {
    /// URL-safe id made from the vendor's folder name.
    pub slug: String,
    /// The vendor's (business) name as written in vendor.toml.
    pub name: String,
    /// The entrepreneur's name from vendor.toml; None when not given.
    pub owner: Option<String>,
    /// One-line pitch from vendor.toml; None when not given.
    pub tagline: Option<String>,
    /// Booth at the fair as written in vendor.toml; None when not given.
    pub booth: Option<String>,
    /// Site-relative URL of the vendor page (`/vendors/<slug>/`, base path included).
    pub url: String,
    /// Absolute URL of the vendor page (origin + `url`).
    pub permalink: String,
    /// The vendor's categories; the first is its main one.
    pub categories: Vec<CategoryView>,
    /// The logo photo; None when not given or it could not be planned.
    pub logo: Option<ImageView>,
    /// The cover photo; None when not given or it could not be planned.
    pub cover: Option<ImageView>,
    /// Payment methods the vendor accepts, from vendor.toml.
    pub payment: Vec<PaymentView>,
    /// Whether the vendor delivers, from vendor.toml.
    pub delivery: bool,
    /// Ways to reach the vendor (each None when not given).
    pub contact: ContactView,
    /// Sanitized HTML of `about.md`; "" when there is none or in list form.
    pub about_html: String,
    /// The vendor's products sorted by `order`, then name; empty in list form.
    pub products: Vec<ProductView>,
    /// Number of published products of the vendor (set in list form too).
    pub product_count: usize,
}

/// The vendor as seen from one of its products.
#[derive(Debug, Clone, Serialize)]
pub struct VendorRef {
    /// The vendor's URL-safe id (from its folder name).
    pub slug: String,
    /// The vendor's name as written in vendor.toml.
    pub name: String,
    /// The entrepreneur's name; None when vendor.toml has none.
    pub owner: Option<String>,
    /// The vendor's booth at the fair; None when not given.
    pub booth: Option<String>,
    /// Site-relative URL of the vendor page.
    pub url: String,
}

/// A product.
#[derive(Debug, Clone, Serialize)]
pub struct ProductView {
    /// URL-safe id made from the product's file name, unique within its vendor.
    pub slug: String,
    /// The product's name from its front matter.
    pub name: String,
    /// Site-relative URL of the product page (`/vendors/<vendor>/<slug>/`, base path included).
    pub url: String,
    /// Absolute URL of the product page (origin + `url`).
    pub permalink: String,
    /// Price in the fair's currency as a number; None means "price on request".
    pub price: Option<f64>,
    /// The price formatted with its symbol ("S/ 6.50"), or the `price_on_request` string when None.
    pub price_text: String,
    /// What the price is for ("por docena"), from the front matter; None when not given.
    pub price_note: Option<String>,
    /// The product's category.
    pub category: CategoryView,
    /// Photos that could be planned, in front-matter order; the first is the main one.
    pub photos: Vec<ImageView>,
    /// Tags as written in the front matter.
    pub tags: Vec<String>,
    /// Whether it is in stock (false shows it as sold out).
    pub available: bool,
    /// Whether it is shown on the home page.
    pub featured: bool,
    /// Sanitized HTML of the markdown body.
    pub description_html: String,
    /// The description as plain text, cut to about 160 characters (meta description, cards).
    pub summary: String,
    /// The description as plain text (for the search index; templates do not see it).
    #[serde(skip)]
    pub text: String,
    /// The vendor that sells it.
    pub vendor: VendorRef,
    /// wa.me link whose message names the product; None when the vendor has no WhatsApp.
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
        let text = self.markdown.product_text(md);
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
            description_html: self.markdown.product_html(md),
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

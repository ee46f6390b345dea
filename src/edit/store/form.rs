//! Between the files and the forms: what a `vendor.toml` (with `about.md`) and a product file
//! say, as the form's [`Entry`] and [`Product`], and the new file texts a changed form makes.
//! Only the keys whose value the form changed are touched (see [`super::doc`]).

use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, Value};

use super::doc::{self, Change, ProductText};
use super::{price, Entry, PhotoRef, Product};

/// The file name a photo path shows in the form (`photos/huevos.jpg` → `huevos.jpg`).
pub fn photo_name(src: &str) -> String {
    src.strip_prefix("photos/").unwrap_or(src).to_string()
}

/// Her entry as the form shows it; `None` when `vendor.toml` cannot be read as TOML.
pub fn entry_of(vendor_toml: &str, about: Option<&str>) -> Option<Entry> {
    let doc: DocumentMut = vendor_toml.parse().ok()?;
    let root = doc.as_table();
    let contact = |key: &str| {
        root.get("contact")
            .and_then(Item::as_table_like)
            .and_then(|t| t.get(key))
            .and_then(Item::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let cover = root.get("cover").and_then(Item::as_table_like);
    let cover_key = |key: &str| {
        cover
            .and_then(|t| t.get(key))
            .and_then(Item::as_str)
            .unwrap_or_default()
            .to_string()
    };
    Some(Entry {
        name: doc::get_text(root, "name"),
        owner: doc::get_text(root, "owner"),
        tagline: doc::get_text(root, "tagline"),
        booth: doc::get_text(root, "booth"),
        categories: doc::get_list(root, "categories"),
        payment: doc::get_list(root, "payment"),
        delivery: doc::get_bool(root, "delivery", false),
        whatsapp: contact("whatsapp"),
        instagram: contact("instagram"),
        tiktok: contact("tiktok"),
        facebook: contact("facebook"),
        email: contact("email"),
        website: contact("website"),
        logo: photo_name(&doc::get_text(root, "logo")),
        cover: photo_name(&cover_key("src")),
        cover_alt: cover_key("alt"),
        about: about.unwrap_or_default().to_string(),
    })
}

/// A product as the form shows it; `None` when the file has no `+++` header or its front
/// matter cannot be read as TOML.
pub fn product_of(text: &str) -> Option<Product> {
    let split = ProductText::split(text)?;
    let doc: DocumentMut = split.front.parse().ok()?;
    let root = doc.as_table();
    let photos = match root.get("photos") {
        Some(Item::Value(Value::Array(a))) => a
            .iter()
            .filter_map(Value::as_inline_table)
            .map(|t| photo_ref(t.get("src"), t.get("alt")))
            .collect(),
        Some(Item::ArrayOfTables(a)) => a
            .iter()
            .map(|t| {
                let value = |k: &str| t.get(k).and_then(Item::as_value);
                photo_ref(value("src"), value("alt"))
            })
            .collect(),
        _ => Vec::new(),
    };
    Some(Product {
        name: doc::get_text(root, "name"),
        price: doc::get_number(root, "price").map_or_else(String::new, price::typed),
        price_note: doc::get_text(root, "price_note"),
        category: doc::get_text(root, "category"),
        tags: doc::get_list(root, "tags").join(", "),
        description: split.body.clone(),
        available: doc::get_bool(root, "available", true),
        draft: doc::get_bool(root, "draft", false),
        photos,
    })
}

fn photo_ref(src: Option<&Value>, alt: Option<&Value>) -> PhotoRef {
    PhotoRef {
        file: photo_name(src.and_then(Value::as_str).unwrap_or_default()),
        alt: alt.and_then(Value::as_str).unwrap_or_default().to_string(),
    }
}

/// Tags as typed ("dulce, casero") → the list.
pub fn tags_of(typed: &str) -> Vec<String> {
    typed
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// Two texts from a text box are the same text: browsers send line ends as CRLF and may drop
/// the last one.
pub fn same_text(a: &str, b: &str) -> bool {
    a.replace("\r\n", "\n").trim_end() == b.replace("\r\n", "\n").trim_end()
}

/// A text box's text as written to a file: LF line ends, one at the end ("" stays "").
pub fn file_text(typed: &str) -> String {
    let t = typed.replace("\r\n", "\n");
    let t = t.trim_end();
    if t.is_empty() {
        String::new()
    } else {
        format!("{t}\n")
    }
}

/// Photo paths the form's choices resolve to, checked by the caller (`photos/<file>`).
pub struct Srcs {
    /// The logo's path ("" none).
    pub logo: String,
    /// The cover's path ("" none).
    pub cover: String,
    /// Each product photo's path.
    pub photos: Vec<String>,
}

/// `vendor.toml` with the form's changes (`old` is what the form was loaded with); `None` when
/// the file cannot be read as TOML.
pub fn apply_entry(text: &str, old: &Entry, new: &Entry, srcs: &Srcs) -> Option<String> {
    let mut doc: DocumentMut = text.parse().ok()?;
    let root = doc.as_table_mut();
    for (key, o, n) in [
        ("name", &old.name, &new.name),
        ("owner", &old.owner, &new.owner),
        ("tagline", &old.tagline, &new.tagline),
        ("booth", &old.booth, &new.booth),
    ] {
        if o.trim() != n.trim() {
            doc::apply(root, key, doc::text(n));
        }
    }
    for (key, o, n) in [
        ("categories", &old.categories, &new.categories),
        ("payment", &old.payment, &new.payment),
    ] {
        if o != n {
            doc::apply(root, key, doc::list(n));
        }
    }
    if old.delivery != new.delivery {
        set_bool(root, "delivery", new.delivery, false);
    }
    if old.logo != new.logo {
        doc::apply(root, "logo", doc::text(&srcs.logo));
    }
    if old.cover != new.cover || old.cover_alt.trim() != new.cover_alt.trim() {
        let change = if srcs.cover.is_empty() {
            Change::Remove
        } else {
            let mut t = InlineTable::new();
            t.insert("src", srcs.cover.as_str().into());
            t.insert("alt", new.cover_alt.trim().into());
            Change::Set(Value::InlineTable(t))
        };
        doc::apply(root, "cover", change);
    }
    let contact: Vec<(&str, Change)> = [
        ("whatsapp", &old.whatsapp, &new.whatsapp),
        ("instagram", &old.instagram, &new.instagram),
        ("facebook", &old.facebook, &new.facebook),
        ("tiktok", &old.tiktok, &new.tiktok),
        ("email", &old.email, &new.email),
        ("website", &old.website, &new.website),
    ]
    .into_iter()
    .filter(|(_, o, n)| o.trim() != n.trim())
    .map(|(key, _, n)| (key, doc::text(n)))
    .collect();
    let adds = contact.iter().any(|(_, c)| matches!(c, Change::Set(_)));
    if !contact.is_empty() && (adds || doc.get("contact").is_some()) {
        match doc.get_mut("contact") {
            Some(Item::Value(Value::InlineTable(t))) => {
                for (key, change) in contact {
                    doc::apply_inline(t, key, change);
                }
            }
            _ => {
                let table = doc::table_mut(&mut doc, "contact")?;
                for (key, change) in contact {
                    doc::apply(table, key, change);
                }
            }
        }
    }
    Some(doc.to_string())
}

/// A product file with the form's changes (`old` is what the form was loaded with); `None`
/// when the file cannot be read. A new product starts from an empty header.
pub fn apply_product(text: &str, old: &Product, new: &Product, srcs: &Srcs) -> Option<String> {
    let mut split = ProductText::split(text)?;
    let mut doc: DocumentMut = split.front.parse().ok()?;
    let root = doc.as_table_mut();
    for (key, o, n) in [
        ("name", &old.name, &new.name),
        ("price_note", &old.price_note, &new.price_note),
        ("category", &old.category, &new.category),
    ] {
        if o.trim() != n.trim() {
            doc::apply(root, key, doc::text(n));
        }
    }
    let old_price = price::parse(&old.price).flatten();
    let new_price = price::parse(&new.price)?;
    if old_price != new_price {
        let change = new_price.map_or(Change::Remove, |p| Change::Set(Value::from(p)));
        doc::apply(root, "price", change);
    }
    if tags_of(&old.tags) != tags_of(&new.tags) {
        doc::apply(root, "tags", doc::list(&tags_of(&new.tags)));
    }
    if old.available != new.available {
        set_bool(root, "available", new.available, true);
    }
    if old.draft != new.draft {
        set_bool(root, "draft", new.draft, false);
    }
    if old.photos != new.photos {
        doc::apply(root, "photos", photos_value(new, srcs));
    }
    split.front = doc.to_string();
    if !same_text(&old.description, &new.description) {
        split.body = file_text(&new.description);
    }
    Some(split.join())
}

/// A product file with nothing in it yet, for [`apply_product`].
pub const EMPTY_PRODUCT: &str = "+++\n+++\n";

/// `photos = [ { src, alt }, … ]`, one photo a line as people write it.
fn photos_value(new: &Product, srcs: &Srcs) -> Change {
    if new.photos.is_empty() {
        return Change::Remove;
    }
    let mut a = Array::new();
    for (p, src) in new.photos.iter().zip(&srcs.photos) {
        let mut t = InlineTable::new();
        t.insert("src", src.as_str().into());
        t.insert("alt", p.alt.trim().into());
        let mut v = Value::InlineTable(t);
        v.decor_mut().set_prefix("\n  ");
        a.push_formatted(v);
    }
    a.set_trailing_comma(true);
    a.set_trailing("\n");
    Change::Set(Value::Array(a))
}

/// A true/false key: written when it differs from `default` or is already written; removed
/// only never (a person may have written it on purpose).
fn set_bool(root: &mut Table, key: &str, value: bool, default: bool) {
    if value != default || root.contains_key(key) {
        doc::apply(root, key, Change::Set(Value::from(value)));
    }
}

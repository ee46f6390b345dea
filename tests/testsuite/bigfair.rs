//! A generated fair, as big as a test needs: the shape of `../shared/bench/gen_fair.py` (W3 is
//! 2,000 vendors × 5 products, pages only), written by Rust so `cargo test` needs nothing else.
//! Deterministic: the same arguments write the same files. No photos.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

const KINDS: &[&str] = &[
    "Dulces",
    "Bordados",
    "Tejidos",
    "Suculentas",
    "Cerámica",
    "Accesorios",
    "Huevos",
    "Calzado",
    "Papelería",
    "Servicios",
    "Arte",
    "Panadería",
];
const NICKS: &[&str] = &[
    "Rosita",
    "Kusi",
    "Killa",
    "Inti",
    "Carmencita",
    "la Abuela Juana",
    "Don Beto",
    "Sumaq",
    "Wayta",
    "Nina",
    "Ñusta",
    "Pachita",
    "Tía Meche",
    "Chabuca",
    "Mamá Tere",
    "Qori",
];
const OWNERS: &[&str] = &[
    "Ana", "Rosa", "María", "Lucía", "Carmen", "Sofía", "José", "Luis", "Brayan", "Nayeli",
    "Ximena", "Fiorella", "Renzo", "Ángel", "Inti", "Milagros",
];
const THINGS: &[&str] = &[
    "Alfajores de maicena",
    "Chompa de alpaca bordada",
    "Suculenta echeveria en maceta pintada",
    "Aretes de chaquira diseño Arequipa",
    "Huevos de codorniz (docena)",
    "Cuaderno artesanal con tapa de tela",
    "Sandalias de cuero hechas a mano",
    "Taza de cerámica pintada",
    "Chocotejas de pecana (caja x 6)",
    "Mochila de tela con diseño andino",
];
const PLACES: &[&str] = &[
    "Ayacucho",
    "Huancayo",
    "Cusco",
    "Puno",
    "Villa El Salvador",
    "Comas",
    "Ate",
    "Chorrillos",
];
const SENTENCES: &[&str] = &[
    "Cada pieza es hecha a mano y la preparo con mucho cariño en mi casa de {place}.",
    "Trabajamos en familia: mi abuela me enseñó todo lo que sé.",
    "Hacemos delivery a {place} y alrededores los fines de semana.",
    "Puedes escribirnos por WhatsApp para pedidos especiales o por mayor.",
    "Aceptamos Yape, Plin y efectivo en el stand de la feria.",
    "Ideal para regalar en cumpleaños, Día de la Madre o Navidad.",
    "Con tu compra apoyas a jóvenes emprendedores del colegio y a sus familias.",
    "Usamos materiales de {place} y compramos directamente a los productores.",
    "Los precios son de feria: aprovecha porque la producción es limitada.",
    "Recuerda revisar la disponibilidad antes de venir, a veces se agota rápido.",
];

/// A small deterministic generator (an LCG: enough to vary texts, nothing statistical).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.next() % list.len()]
    }
}

/// What to generate.
pub struct Shape {
    pub vendors: usize,
    pub products_per_vendor: usize,
    pub categories: usize,
    /// `[listings] per_page`, when set.
    pub per_page: Option<usize>,
}

/// The category slugs of a fair of `n` categories.
pub fn category_slugs(n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("categoria-{i}")).collect()
}

/// Writes `content/` of a generated fair into `site`. Every 9th product is featured, every 13th
/// sold out; vendor `i` has its products in category `i % categories` (every 7th in the next
/// one too), so vendors spread over every category.
pub fn write(site: &Path, shape: &Shape) {
    let mut rng = Rng(17);
    let mut fair = String::from(
        "title = \"Feria de Jóvenes Emprendedores\"\n\
         description = \"Productos y servicios de jóvenes emprendedoras y emprendedores de Lima\"\n\
         base_url = \"https://feria.example.org\"\n\n\
         [fair]\nstart = 2026-12-05\nend = 2026-12-07\nvenue = \"Parque Kennedy, Miraflores, Lima\"\n\
         hours = \"10:00–20:00\"\n",
    );
    let slugs = category_slugs(shape.categories);
    for (i, slug) in slugs.iter().enumerate() {
        let name = format!("{} y más {}", KINDS[i % KINDS.len()], i + 1);
        write!(
            fair,
            "\n[[categories]]\nslug = \"{slug}\"\nname = \"{name}\"\n"
        )
        .unwrap();
    }
    if let Some(n) = shape.per_page {
        write!(fair, "\n[listings]\nper_page = {n}\n").unwrap();
    }
    let content = site.join("content");
    fs::create_dir_all(content.join("vendors")).unwrap();
    fs::write(content.join("fair.toml"), fair).unwrap();
    let mut n = 0usize;
    for v in 0..shape.vendors {
        let name = format!("{} {} {}", rng.pick(KINDS), rng.pick(NICKS), v + 1);
        let dir = content.join("vendors").join(&name);
        fs::create_dir_all(dir.join("products")).unwrap();
        let cat = v % shape.categories;
        let other = (cat + 1) % shape.categories;
        let cats = if v % 7 == 0 && other != cat {
            format!("\"{}\", \"{}\"", slugs[cat], slugs[other])
        } else {
            format!("\"{}\"", slugs[cat])
        };
        let vendor = format!(
            "name = \"{name}\"\nowner = \"{}\"\ntagline = \"Tradición familiar de {} con diseño nuevo\"\n\
             booth = \"{}-{}\"\ncategories = [{cats}]\npayment = [\"yape\", \"efectivo\"]\n\
             delivery = true\n\n[contact]\nwhatsapp = \"+51 986 {:03} {:03}\"\ninstagram = \"tienda_{}\"\n",
            rng.pick(OWNERS),
            rng.pick(PLACES),
            char::from(b'A' + (v % 8) as u8),
            v + 1,
            v % 1000,
            (v * 7) % 1000,
            v + 1,
        );
        fs::write(dir.join("vendor.toml"), vendor).unwrap();
        let about = format!("## Nuestra historia\n\n{}\n", text(&mut rng, 4));
        fs::write(dir.join("about.md"), about).unwrap();
        for p in 0..shape.products_per_vendor {
            n += 1;
            let category = if p == 0 && v % 7 == 0 {
                &slugs[other]
            } else {
                &slugs[cat]
            };
            let product = format!(
                "+++\nname = \"{} {}\"\nprice = {}.50\ncategory = \"{category}\"\n\
                 tags = [\"hecho a mano\", \"regalo\"]\navailable = {}\nfeatured = {}\n+++\n{}\n\n{}\n",
                rng.pick(THINGS),
                p + 1,
                5 + rng.next() % 120,
                !n.is_multiple_of(13),
                n.is_multiple_of(9),
                text(&mut rng, 4),
                text(&mut rng, 3),
            );
            fs::write(
                dir.join("products").join(format!("producto-{}.md", p + 1)),
                product,
            )
            .unwrap();
        }
    }
}

fn text(rng: &mut Rng, sentences: usize) -> String {
    (0..sentences)
        .map(|_| rng.pick(SENTENCES).replace("{place}", rng.pick(PLACES)))
        .collect::<Vec<_>>()
        .join(" ")
}

//! Printable access cards: one A6 card per vendor, with the QR code of her login link, her code
//! written out large, her name and three short steps, for the organizer to print from the desk
//! and hand out.
//!
//! A pure function, [`cards_html`]: cards in, a whole HTML page out (inline CSS, the QR codes as
//! inline SVG from [`crate::render::qr::svg`], no request to anything else, every text escaped).
//! On screen the page shows the cards in a column under a line of printing advice; printed,
//! `@page { size: A6 }` puts each card on its own page and the advice is left out. The texts are
//! in `diag::messages::access` ([`CardMessage`]).

use std::fmt::Write;

use crate::diag::messages::access::CardMessage;
use crate::i18n::Lang;
use crate::render::templates::escape_html;

/// One vendor's card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// The vendor's name, as the site shows it.
    pub vendor_name: String,
    /// Her code, in groups of four (`K7QX-M2PA-9RTD`).
    pub code: String,
    /// The whole login link on the address the phones use
    /// (`http://192.168.1.20:1111/__vitrina/edit/login?code=K7QX-M2PA-9RTD`).
    pub login_url: String,
}

/// The page's style: system fonts, one card per A6 page when printed.
const STYLE: &str = "\
*{box-sizing:border-box}\
body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#111;background:#f4f4f4;line-height:1.35}\
.intro{max-width:105mm;margin:0 auto;padding:16px}\
.intro h1{font-size:1.5rem;margin:0 0 .5rem}\
main{display:flex;flex-direction:column;align-items:center;gap:16px;padding:0 16px 16px}\
.card{width:105mm;height:148mm;padding:7mm;background:#fff;border:1px solid #999;display:flex;flex-direction:column;align-items:center;text-align:center;overflow:hidden}\
.fair{margin:0;font-size:9pt;color:#333}\
.name{margin:1mm 0 2mm;font-size:15pt;line-height:1.15;overflow-wrap:anywhere}\
.qr{width:52mm;height:52mm}\
.qr svg{width:100%;height:100%;display:block}\
.label{margin:2mm 0 0;font-size:9pt;color:#333}\
.code{margin:0 0 2mm;font:700 19pt/1.2 ui-monospace,'SFMono-Regular',Menlo,Consolas,monospace;letter-spacing:.06em;white-space:nowrap}\
.steps{margin:0;padding-left:5mm;text-align:left;font-size:9pt;overflow-wrap:anywhere}\
.steps li{margin:0 0 1mm}\
@page{size:A6;margin:0}\
@media print{body{background:#fff}.intro{display:none}main{display:block;padding:0}\
.card{border:0;break-after:page;page-break-after:always}.card:last-child{break-after:auto;page-break-after:auto}}";

/// The page of access cards for `cards`, in `lang`: one A6 card per entry, in the given order.
pub fn cards_html(cards: &[Card], fair_title: &str, lang: Lang) -> String {
    let title = CardMessage::Title.text(lang);
    let mut html = String::with_capacity(2_000 + cards.len() * 8_000);
    let _ = write!(
        html,
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n<title>{title} · {fair}</title>\n\
         <style>{STYLE}</style>\n</head>\n<body>\n<header class=\"intro\">\n<h1>{title}</h1>\n\
         <p>{advice}</p>\n</header>\n<main>\n",
        lang = lang.code(),
        title = escape_html(&title),
        fair = escape_html(fair_title),
        advice = escape_html(&CardMessage::Advice.text(lang)),
    );
    if cards.is_empty() {
        let _ = writeln!(
            html,
            "<p>{}</p>",
            escape_html(&CardMessage::NoCards.text(lang))
        );
    }
    for card in cards {
        card_html(&mut html, card, fair_title, lang);
    }
    html.push_str("</main>\n</body>\n</html>\n");
    html
}

/// One card, appended to `html`.
fn card_html(html: &mut String, card: &Card, fair_title: &str, lang: Lang) {
    let name = escape_html(&card.vendor_name);
    let _ = write!(
        html,
        "<section class=\"card\">\n<p class=\"fair\">{}</p>\n<h2 class=\"name\">{name}</h2>\n",
        escape_html(fair_title)
    );
    // A link too long for a QR code still gets its card: the code and the address are on it.
    if let Some(svg) = crate::render::qr::svg(&card.login_url) {
        let label = CardMessage::QrLabel {
            vendor: &card.vendor_name,
        };
        let _ = writeln!(
            html,
            "<div class=\"qr\" role=\"img\" aria-label=\"{}\">{svg}</div>",
            escape_html(&label.text(lang))
        );
    }
    let steps = [
        CardMessage::StepWifi,
        CardMessage::StepScan,
        CardMessage::StepType {
            address: login_page(&card.login_url),
        },
    ];
    let _ = write!(
        html,
        "<p class=\"label\">{}</p>\n<p class=\"code\">{}</p>\n<ol class=\"steps\">",
        escape_html(&CardMessage::CodeLabel.text(lang)),
        escape_html(&card.code)
    );
    for step in steps {
        let _ = write!(html, "<li>{}</li>", escape_html(&step.text(lang)));
    }
    html.push_str("</ol>\n</section>\n");
}

/// The login page's address without the code (the one to type by hand).
fn login_page(login_url: &str) -> &str {
    login_url.split(['?', '#']).next().unwrap_or(login_url)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Draws an SVG at `px` pixels square and reads the QR code in it.
    fn decode_qr(svg: &str, px: u32) -> String {
        let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default()).unwrap();
        let mut pixmap = resvg::tiny_skia::Pixmap::new(px, px).unwrap();
        let scale = px as f32 / tree.size().width();
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        let data = pixmap.data().to_vec();
        let mut img =
            rqrr::PreparedImage::prepare_from_greyscale(px as usize, px as usize, |x, y| {
                let i = (y * px as usize + x) * 4;
                if data[i + 3] == 0 {
                    255
                } else {
                    data[i]
                }
            });
        let grids = img.detect_grids();
        grids.first().expect("a QR code").decode().unwrap().1
    }

    fn between<'a>(s: &'a str, start: &str, end: &str) -> &'a str {
        let from = s.find(start).unwrap() + start.len();
        &s[from..from + s[from..].find(end).unwrap()]
    }

    fn card(name: &str, code: &str) -> Card {
        Card {
            vendor_name: name.into(),
            code: code.into(),
            login_url: format!("http://192.168.1.20:1111/__vitrina/edit/login?code={code}"),
        }
    }

    #[test]
    fn each_card_has_a_qr_code_that_opens_its_login_link() {
        let cards = [
            card("Huevos de Codorniz Andrea", "K7QX-M2PA-9RTD"),
            card("Café Doña Rosa", "ABCD-EFGH-JKMN"),
        ];
        let html = cards_html(&cards, "Feria 2026", Lang::Es);
        let sections: Vec<&str> = html.split("<section class=\"card\">").skip(1).collect();
        assert_eq!(sections.len(), 2);
        for (section, card) in sections.iter().zip(&cards) {
            let svg = format!("<svg{}</svg>", between(section, "<svg", "</svg>"));
            assert_eq!(decode_qr(&svg, 400), card.login_url);
            assert!(section.contains(&format!("<p class=\"code\">{}</p>", card.code)));
            assert!(section.contains(&escape_html(&card.vendor_name)));
            assert!(
                section.contains("Conéctate al wifi de la feria."),
                "{section}"
            );
            assert!(
                section.contains(
                    "Si no funciona, abre http://192.168.1.20:1111/__vitrina/edit/login y escribe tu código."
                ),
                "{section}"
            );
        }
    }

    #[test]
    fn cards_print_one_per_a6_page_with_nothing_fetched_from_elsewhere() {
        let html = cards_html(&[card("A", "K7QX-M2PA-9RTD")], "F", Lang::Es);
        assert!(html.contains("@page{size:A6"), "{html}");
        assert!(html.contains("break-after:page"), "{html}");
        assert!(html.starts_with("<!doctype html>\n<html lang=\"es\">"));
        for outside in ["<link", "<script", "src=", "@import", "url("] {
            assert!(!html.contains(outside), "{outside} in {html}");
        }
    }

    #[test]
    fn texts_are_escaped_and_in_the_fairs_language() {
        let evil = card("<script>alert(1)</script> & \"Rosa\"", "K7QX-M2PA-9RTD");
        let html = cards_html(&[evil], "Feria <b>", Lang::En);
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("Feria <b>"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Rosa&quot;"));
        assert!(html.contains("<html lang=\"en\">"));
        assert!(html.contains("Connect to the fair&#39;s Wi-Fi."), "{html}");
        assert!(html.contains("Scan the QR code"), "{html}");
        // No card: the page says so.
        let empty = cards_html(&[], "F", Lang::Es);
        assert!(empty.contains("No hay tarjetas"), "{empty}");
        assert!(!empty.contains("class=\"card\""));
    }

    #[test]
    fn a_link_too_long_for_a_qr_code_still_gets_a_card() {
        let mut long = card("A", "K7QX-M2PA-9RTD");
        long.login_url = format!("http://x/{}", "a".repeat(5_000));
        let html = cards_html(&[long], "F", Lang::Es);
        assert!(!html.contains("<svg"));
        assert!(html.contains("<p class=\"code\">K7QX-M2PA-9RTD</p>"));
    }
}

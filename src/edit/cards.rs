//! Printable access cards (stub until H3's version is merged).

use crate::i18n::Lang;

/// One card.
#[derive(Debug, Clone)]
pub struct Card {
    /// The business's name.
    pub vendor_name: String,
    /// The code, written out.
    pub code: String,
    /// The login link (QR code).
    pub login_url: String,
}

/// The page of cards.
pub fn cards_html(cards: &[Card], fair_title: &str, lang: Lang) -> String {
    let _ = (cards, fair_title, lang);
    String::new()
}

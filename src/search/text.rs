//! Search text: how product text becomes index terms. The theme's `search.js` splits and folds
//! a query the same way (its `words()`), so both sides must change together.
//!
//! - **Words** are runs of letters and digits (Unicode), lowercased.
//! - **Folding** drops accents and other combining marks after canonical decomposition (NFD):
//!   `café` → `cafe`, `niño` → `nino`, `Ñandú` → `nandu`. The browser does the same with
//!   `normalize('NFD')` and the U+0300–U+036F range.
//! - **Stems** come from Snowball (`rust-stemmers`, Spanish or English by the fair's language),
//!   computed on the accented word and then folded: `bordados`, `bordadas` and `bordado` share
//!   `bord`. The index stores, for each folded word, how many of its letters are its stem; the
//!   browser treats a query word as another form of an indexed word when it is that stem plus a
//!   suffix the stemmer removed somewhere in the index (so it needs no stemmer of its own).
//! - **Stop words** (Snowball's lists: `de`, `la`, `the`…) are not indexed, and the browser
//!   drops them from queries.

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

use crate::i18n::Lang;

/// One word of some text: as written (lowercase) and folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Lowercase, accents kept (`año`).
    pub lower: String,
    /// Folded (`ano`).
    pub folded: String,
}

/// Lowercase letters and digits of `text`, split at everything else.
pub fn words(text: &str) -> impl Iterator<Item = Word> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lower = w.to_lowercase();
            Word {
                folded: fold(&lower),
                lower,
            }
        })
}

/// `text` without accents or other combining marks (after NFD), lowercased.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Stemming and stop words for one language.
pub struct Language {
    stemmer: Stemmer,
    stop: &'static [&'static str],
}

impl Language {
    /// The fair's language.
    pub fn new(lang: Lang) -> Language {
        match lang {
            Lang::Es => Language {
                stemmer: Stemmer::create(Algorithm::Spanish),
                stop: STOP_ES,
            },
            Lang::En => Language {
                stemmer: Stemmer::create(Algorithm::English),
                stop: STOP_EN,
            },
        }
    }

    /// True for a word not worth indexing (folded form).
    pub fn is_stop(&self, folded: &str) -> bool {
        self.stop.binary_search(&folded).is_ok()
    }

    /// The stop words, folded and sorted (the browser drops them from queries).
    pub fn stop_words(&self) -> &'static [&'static str] {
        self.stop
    }

    /// How many bytes of `word.folded` are its stem: the Snowball stem of the accented word,
    /// folded, and cut to what it shares with the folded word (so it is always a prefix).
    pub fn stem_len(&self, word: &Word) -> usize {
        let stem = fold(&self.stemmer.stem(&word.lower));
        let mut n = stem
            .bytes()
            .zip(word.folded.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        // Never inside a character.
        while !word.folded.is_char_boundary(n) {
            n -= 1;
        }
        n
    }
}

/// Snowball's Spanish stop words, folded, sorted, deduplicated.
const STOP_ES: &[&str] = &[
    "a", "al", "algo", "algunas", "algunos", "ante", "antes", "como", "con", "contra", "cual",
    "cuando", "de", "del", "desde", "donde", "durante", "e", "el", "ella", "ellas", "ellos", "en",
    "entre", "era", "erais", "eramos", "eran", "eras", "eres", "es", "esa", "esas", "ese", "eso",
    "esos", "esta", "estaba", "estado", "estais", "estamos", "estan", "estar", "estas", "este",
    "esto", "estos", "estoy", "fue", "fueron", "fui", "fuimos", "ha", "habia", "han", "has",
    "hasta", "hay", "he", "la", "las", "le", "les", "lo", "los", "mas", "me", "mi", "mia", "mias",
    "mio", "mios", "mis", "mucho", "muchos", "muy", "nada", "ni", "no", "nos", "nosotras",
    "nosotros", "nuestra", "nuestras", "nuestro", "nuestros", "o", "os", "otra", "otras", "otro",
    "otros", "para", "pero", "poco", "por", "porque", "que", "quien", "quienes", "se", "sea",
    "sean", "ser", "si", "sido", "sin", "sobre", "sois", "somos", "son", "soy", "su", "sus",
    "suya", "suyas", "suyo", "suyos", "tambien", "tanto", "te", "tendra", "tenemos", "tengo", "ti",
    "tiene", "tienen", "todo", "todos", "tu", "tus", "tuya", "tuyas", "tuyo", "tuyos", "un", "una",
    "uno", "unos", "vosotras", "vosotros", "vuestra", "vuestras", "vuestro", "vuestros", "y", "ya",
    "yo",
];

/// Snowball's English stop words (the short list), sorted.
const STOP_EN: &[&str] = &[
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
    "because", "been", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had",
    "has", "have", "he", "her", "here", "him", "his", "how", "i", "if", "in", "into", "is", "it",
    "its", "just", "me", "more", "my", "no", "nor", "not", "of", "on", "only", "or", "other",
    "our", "out", "over", "she", "so", "some", "such", "than", "that", "the", "their", "them",
    "then", "there", "these", "they", "this", "those", "to", "too", "up", "very", "was", "we",
    "were", "what", "when", "where", "which", "while", "who", "will", "with", "would", "you",
    "your",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> Vec<String> {
        words(text).map(|w| w.folded).collect()
    }

    #[test]
    fn folding_drops_accents_and_case_and_keeps_letters() {
        assert_eq!(fold("Café"), "cafe");
        assert_eq!(fold("NIÑO"), "nino");
        assert_eq!(fold("Ñandú pingüino"), "nandu pinguino");
        assert_eq!(fold("año"), fold("ano"));
        // Already decomposed input (a phone keyboard may send it) folds the same.
        assert_eq!(fold("cafe\u{301}"), "cafe");
    }

    #[test]
    fn words_split_at_punctuation_and_keep_digits() {
        assert_eq!(
            folded("¡Alfajores de maicena! (12 unidades), S/ 6.50 — ¿café?"),
            [
                "alfajores",
                "de",
                "maicena",
                "12",
                "unidades",
                "s",
                "6",
                "50",
                "cafe"
            ]
        );
        let w: Vec<Word> = words("Año").collect();
        assert_eq!(w[0].lower, "año");
        assert_eq!(w[0].folded, "ano");
        assert_eq!(folded("  ,;  "), Vec::<String>::new());
    }

    #[test]
    fn spanish_stems_join_the_forms_of_a_word() {
        let es = Language::new(Lang::Es);
        let stem = |w: &str| {
            let word = words(w).next().unwrap();
            word.folded[..es.stem_len(&word)].to_string()
        };
        assert_eq!(stem("bordados"), stem("bordado"));
        assert_eq!(stem("bordadas"), stem("bordado"));
        assert_eq!(stem("camisas"), stem("camisa"));
        assert_eq!(stem("suculentas"), stem("suculenta"));
        assert_eq!(stem("alfajores"), stem("alfajor"));
        assert_eq!(stem("canción"), stem("canciones"));
        assert_ne!(stem("bordado"), stem("camisa"));
        // A stem is always a prefix of the folded word, on a character boundary.
        for w in ["niñas", "pingüinos", "añejo", "ÁRBOLES", "x"] {
            let word = words(w).next().unwrap();
            let n = es.stem_len(&word);
            assert!(
                word.folded.is_char_boundary(n) && n <= word.folded.len(),
                "{w}"
            );
        }
    }

    #[test]
    fn stop_words_are_sorted_folded_and_found() {
        for list in [STOP_ES, STOP_EN] {
            assert!(
                list.windows(2).all(|w| w[0] < w[1]),
                "sorted, no duplicates"
            );
            assert!(list.iter().all(|w| fold(w) == *w), "folded");
        }
        let es = Language::new(Lang::Es);
        assert!(es.is_stop("de") && es.is_stop("tambien"));
        assert!(!es.is_stop("cafe"));
        assert!(Language::new(Lang::En).is_stop("the"));
    }
}

//! What a scaffold from `vitrina new` leaves for her to finish, and the check that none of it
//! reaches the site unnoticed.
//!
//! `vitrina new` writes example texts (a story, a product description, a tagline, a photo
//! description, contact handles) so a newcomer sees what goes where. They are defined once here,
//! in both languages: `cmd::new` writes them, and [`check`] warns when a vendor or product this
//! build includes still has one, naming the file, the line and the key. It also warns about a
//! vendor with no category (the scaffold lists the fair's categories but switches none on).
//!
//! Warnings only: the site still builds (and `--strict` makes them errors).

use std::ops::Range;
use std::sync::Arc;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use rayon::prelude::*;

use crate::content::{frontmatter, Loaded, LoadedVendor};
use crate::diag::{Diagnostic, Diagnostics, Problem, Severity, Source};
use crate::i18n::Lang;
use crate::model::{slugify, Category};

/// An example text `vitrina new` writes, in the two languages it writes scaffolds in.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    /// The Spanish scaffold's text.
    pub es: &'static str,
    /// The English scaffold's text.
    pub en: &'static str,
}

impl Example {
    /// The text in `lang`.
    pub fn text(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Es => self.es,
            Lang::En => self.en,
        }
    }

    /// Whether `s` is this example, in either language (a site may mix scaffolds of both).
    fn is(&self, s: &str) -> bool {
        let s = s.trim();
        s == self.es || s == self.en
    }
}

/// `about.md` of a new vendor.
pub const STORY: Example = Example {
    es: "Cuenta tu historia aquí: qué haces, cómo empezaste, qué te hace especial.",
    en: "Tell your story here: what you make, how you started, what makes you special.",
};

/// The description (markdown body) of a new product.
pub const DESCRIPTION: Example = Example {
    es: "Describe tu producto aquí: de qué está hecho, tamaños, cómo pedirlo.",
    en: "Describe your product here: what it is made of, sizes, how to order.",
};

/// `tagline` in vendor.toml.
pub const TAGLINE: Example = Example {
    es: "Una frase sobre lo que haces",
    en: "One sentence about what you make",
};

/// `alt` of a photo (the vendor's cover, a product's photos).
pub const PHOTO_ALT: Example = Example {
    es: "Describe la foto para quien no puede verla",
    en: "Describe the photo for people who cannot see it",
};

/// `instagram` and `tiktok` in `[contact]`.
pub const HANDLE: Example = Example {
    es: "tu.usuario",
    en: "your.handle",
};

/// `facebook` in `[contact]`.
pub const PAGE: Example = Example {
    es: "tupagina",
    en: "yourpage",
};

/// `email` in `[contact]`.
pub const EMAIL: Example = Example {
    es: "correo@example.org",
    en: "mail@example.org",
};

/// `website` in `[contact]`.
pub const WEBSITE: Example = Example {
    es: "https://example.org",
    en: "https://example.org",
};

// The scaffold's WhatsApp example (+51 987 654 321) is not here: it is also the number of the
// repository's example fair and of the docs, so it cannot tell a scaffold from a finished page.

/// Examples written as TOML values.
const IN_TOML: [Example; 6] = [TAGLINE, PHOTO_ALT, HANDLE, PAGE, EMAIL, WEBSITE];

/// Examples written as markdown text.
const IN_TEXT: [Example; 2] = [STORY, DESCRIPTION];

/// Warns about every example text left in the vendors and products this build includes (not
/// drafts, unless `drafts`), and about vendors with no category when the fair has categories.
pub fn check(loaded: &Loaded, categories: &[Category], drafts: bool, diags: &mut Diagnostics) {
    // Every published text is scanned: vendor by vendor in parallel (sorted with the rest later).
    let found: Vec<Diagnostics> = loaded
        .vendors
        .par_iter()
        .map(|lv| {
            let mut d = Diagnostics::new();
            check_vendor(lv, categories, drafts, &mut d);
            d
        })
        .collect();
    for d in found {
        diags.extend(d);
    }
}

/// [`check`] for one vendor folder.
fn check_vendor(lv: &LoadedVendor, categories: &[Category], drafts: bool, diags: &mut Diagnostics) {
    // A broken vendor.toml or folder name is reported already; its vendor is not built.
    let Some((src, raw)) = &lv.vendor else {
        return;
    };
    if (raw.draft == Some(true) && !drafts) || slugify(&lv.dir_name).is_empty() {
        return;
    }
    if raw.categories.is_empty() && !categories.is_empty() {
        no_category(src, categories, diags);
    }
    toml_examples(src, 0..src.text.len(), diags);
    if let Some(about) = &lv.about {
        text_examples(about, 0..about.text.len(), diags);
    }
    for lp in &lv.products {
        if lp.raw.draft == Some(true) && !drafts {
            continue;
        }
        let src = &lp.source;
        if could_have_examples(&src.text[..lp.body.start]) {
            if let Some(split) = frontmatter::split(src, &mut Diagnostics::new()) {
                toml_examples(src, split.front, diags);
            }
        }
        text_examples(src, lp.body.clone(), diags);
    }
}

/// `categories` is empty: points at its line, or at the file when the key is not written.
fn no_category(src: &Arc<Source>, categories: &[Category], diags: &mut Diagnostics) {
    let problem = Problem::NoCategory {
        valid: categories.iter().map(|c| c.slug.clone()).collect(),
    };
    match key_span(&src.text, "categories") {
        Some(span) => diags.warning_at(src, span, problem),
        None => diags.push(Diagnostic::file(
            Severity::Warning,
            src.display.clone(),
            problem,
        )),
    }
}

/// The span of `key` on the first line that assigns it (`key = ...`, not in a comment).
fn key_span(text: &str, key: &str) -> Option<Range<usize>> {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        let rest = &line[indent..];
        if rest
            .strip_prefix(key)
            .is_some_and(|after| after.trim_start().starts_with('='))
        {
            return Some(start + indent..start + indent + key.len());
        }
        start += line.len();
    }
    None
}

/// A quick look before parsing again: most files hold no example text at all.
fn could_have_examples(text: &str) -> bool {
    IN_TOML
        .iter()
        .any(|e| text.contains(e.es) || text.contains(e.en))
}

/// Warns at every TOML string value in `src.text[range]` that is an example text, naming its key
/// (`tagline`, `cover.alt`, `contact.instagram`).
fn toml_examples(src: &Arc<Source>, range: Range<usize>, diags: &mut Diagnostics) {
    let text = &src.text[..range.end];
    if !could_have_examples(&text[range.start..]) {
        return;
    }
    // Parsed with the bytes before the range blanked out, so spans are offsets in the whole file
    // (as `content::toml` does). The file parsed once already; a failure here only means no span.
    let padded = format!("{}{}", " ".repeat(range.start), &text[range.start..]);
    let Ok(table) = DeTable::parse(&padded) else {
        return;
    };
    let mut found = Vec::new();
    walk(table.get_ref(), &mut Vec::new(), &mut found);
    found.sort_by_key(|(_, span)| span.start);
    for (key, span) in found {
        diags.warning_at(src, span, Problem::Placeholder { key: Some(key) });
    }
}

fn walk(table: &DeTable<'_>, path: &mut Vec<String>, found: &mut Vec<(String, Range<usize>)>) {
    for (key, value) in table.iter() {
        path.push(key.get_ref().to_string());
        visit(value, path, found);
        path.pop();
    }
}

fn visit(
    value: &Spanned<DeValue<'_>>,
    path: &mut Vec<String>,
    found: &mut Vec<(String, Range<usize>)>,
) {
    match value.get_ref() {
        DeValue::String(s) if IN_TOML.iter().any(|e| e.is(s)) => {
            found.push((path.join("."), value.span()));
        }
        DeValue::Array(items) => {
            for item in items.iter() {
                visit(item, path, found);
            }
        }
        DeValue::Table(t) => walk(t, path, found),
        _ => {}
    }
}

/// Warns where `src.text[range]` (a story or a product description) still holds an example text.
fn text_examples(src: &Arc<Source>, range: Range<usize>, diags: &mut Diagnostics) {
    let text = &src.text[range.clone()];
    for example in IN_TEXT {
        for written in [example.es, example.en] {
            if let Some(at) = text.find(written) {
                let start = range.start + at;
                diags.warning_at(
                    src,
                    start..start + written.len(),
                    Problem::Placeholder { key: None },
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_span_skips_comments_and_longer_keys() {
        let text = "# categories = [\"x\"]\ncategories_old = 1\n  categories = []\n";
        let span = key_span(text, "categories").unwrap();
        assert_eq!(&text[span.clone()], "categories");
        assert_eq!(crate::diag::line_col(text, span.start), (3, 3));
        assert_eq!(key_span("name = \"x\"\n", "categories"), None);
    }

    #[test]
    fn examples_in_toml_are_found_with_their_key_and_line() {
        let text = format!(
            "name = \"Ana\"\n# tagline = \"{t}\"\ncover = {{ src = \"photos/a.jpg\", alt = \"{alt}\" }}\n[contact]\ninstagram = \"{h}\"\n",
            t = TAGLINE.es,
            alt = PHOTO_ALT.en,
            h = HANDLE.es
        );
        let src = Source::new("vendor.toml", text);
        let mut diags = Diagnostics::new();
        toml_examples(&src, 0..src.text.len(), &mut diags);
        let got: Vec<_> = diags
            .iter()
            .map(|d| (d.problem.clone(), d.line_col().unwrap().0))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    Problem::Placeholder {
                        key: Some("cover.alt".into())
                    },
                    3
                ),
                (
                    Problem::Placeholder {
                        key: Some("contact.instagram".into())
                    },
                    5
                ),
            ],
            "the commented tagline is not published, so it is not reported"
        );
    }

    #[test]
    fn examples_in_text_are_found_at_their_line() {
        let text = format!(
            "+++\nname = \"x\"\n+++\nMis alfajores.\n{}\n",
            DESCRIPTION.es
        );
        let src = Source::new("p.md", text);
        let body = src.text.find("Mis").unwrap()..src.text.len();
        let mut diags = Diagnostics::new();
        text_examples(&src, body, &mut diags);
        assert_eq!(diags.len(), 1);
        let d = diags.iter().next().unwrap();
        assert_eq!(d.line_col(), Some((5, 1)));
        assert_eq!(d.severity, Severity::Warning);
    }
}

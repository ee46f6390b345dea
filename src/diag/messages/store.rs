//! Sentences of the editor (store), in Spanish and English: what is wrong with a field of a form
//! and what to do, and why a save could not be written. Written for a young entrepreneur with a
//! phone: plain words, never a file format or a key name.

use crate::i18n::Lang;

/// A sentence the store says about a form or a save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreMessage {
    /// The name field is empty.
    NameEmpty,
    /// The price is not a number.
    BadPrice,
    /// A photo chosen in the form is not among her photos.
    PhotoNotFound,
    /// A photo has no description (a warning).
    AltMissing,
    /// A category that is not in the fair's list.
    UnknownCategory,
    /// A payment method that is not in the list.
    UnknownPayment,
    /// Her file has a problem the form cannot fix (it was changed by hand).
    FileBroken,
    /// The computer could not write (disk full, permissions).
    DiskFailed,
    /// A new vendor's name has no letters or digits.
    VendorNameEmpty,
    /// A vendor with that name (or its web address) exists already.
    VendorExists,
    /// The fair's own settings have a problem (the organizer's to fix).
    FairBroken,
    /// Added to a duplicated product's name.
    CopySuffix,
}

impl StoreMessage {
    /// The sentence in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        let es = lang == Lang::Es;
        match self {
            StoreMessage::NameEmpty => pick(es, "Escribe el nombre.", "Write the name."),
            StoreMessage::BadPrice => pick(
                es,
                "Escribe el precio con números, por ejemplo 6.50",
                "Write the price in numbers, for example 6.50",
            ),
            StoreMessage::PhotoNotFound => pick(
                es,
                "Esa foto no está entre tus fotos: elige una de la lista o súbela otra vez.",
                "That photo is not among your photos: choose one from the list or upload it again.",
            ),
            StoreMessage::AltMissing => pick(
                es,
                "Describe la foto: qué se ve, de qué color… Así la conocen también quienes no pueden verla.",
                "Describe the photo: what it shows, what colour… so people who cannot see it know it too.",
            ),
            StoreMessage::UnknownCategory => pick(
                es,
                "Elige una categoría de la lista de la feria.",
                "Choose a category from the fair's list.",
            ),
            StoreMessage::UnknownPayment => pick(
                es,
                "Elige las formas de pago de la lista.",
                "Choose the ways to pay from the list.",
            ),
            StoreMessage::FileBroken => pick(
                es,
                "Esta ficha tiene un problema que no se puede arreglar desde aquí: pide ayuda a quien organiza la feria.",
                "This page has a problem that cannot be fixed from here: ask the fair's organizers for help.",
            ),
            StoreMessage::DiskFailed => pick(
                es,
                "No se pudo guardar: la computadora de la feria tiene un problema. Tus cambios siguen en esta página; avisa a quien organiza y vuelve a intentar.",
                "It could not be saved: the fair's computer has a problem. Your changes are still on this page; tell the organizers and try again.",
            ),
            StoreMessage::VendorNameEmpty => pick(
                es,
                "Escribe un nombre con letras o números.",
                "Write a name with letters or digits.",
            ),
            StoreMessage::VendorExists => pick(
                es,
                "Ya hay un emprendimiento con ese nombre: búscalo en la lista o elige otro nombre.",
                "There is already a business with that name: find it in the list or choose another name.",
            ),
            StoreMessage::FairBroken => pick(
                es,
                "Los datos de la feria tienen un problema: quien organiza debe revisarlos primero.",
                "The fair's settings have a problem: the organizers must fix them first.",
            ),
            StoreMessage::CopySuffix => pick(es, "(copia)", "(copy)"),
        }
    }
}

fn pick(es: bool, spanish: &'static str, english: &'static str) -> &'static str {
    if es {
        spanish
    } else {
        english
    }
}

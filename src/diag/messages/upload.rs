//! Sentences of the editor (upload), in Spanish and English: why a photo was refused and what
//! to do, written for a young entrepreneur holding her phone (what happened, then the next
//! step; no file formats she has to know, except the one her phone shows her).

use super::t;
use crate::edit::photo::{Refusal, MAX_UPLOAD_BYTES};
use crate::i18n::Lang;

/// What happened to the photo and what to do, in `lang`.
pub fn refusal(refusal: &Refusal, lang: Lang) -> String {
    let es = lang == Lang::Es;
    match refusal {
        Refusal::Empty => t(es,
            "La foto llegó vacía. Vuelve a elegirla en tu galería y envíala otra vez.",
            "The photo arrived empty. Choose it again from your gallery and send it again."),
        Refusal::TooBig => {
            let mb = MAX_UPLOAD_BYTES / (1024 * 1024);
            if es {
                format!("La foto pesa demasiado (más de {mb} MB). Tómala otra vez con la cámara del teléfono, o mándatela por WhatsApp y sube esa copia, que pesa menos.")
            } else {
                format!("The photo is too heavy (over {mb} MB). Take it again with the phone's camera, or send it to yourself on WhatsApp and upload that copy, which is lighter.")
            }
        }
        Refusal::Heic => t(es,
            "Esta foto está en formato HEIC (alta eficiencia), que las páginas web no muestran. En el iPhone: Ajustes → Cámara → Formatos → «Más compatible», y toma la foto otra vez. En Android: abre los ajustes de la cámara y elige JPEG en lugar de HEIF o «alta eficiencia». O toma una captura de pantalla de la foto y sube la captura.",
            "This photo is in HEIC format (high efficiency), which web pages do not show. On an iPhone: Settings → Camera → Formats → \"Most Compatible\", then take the photo again. On Android: open the camera's settings and choose JPEG instead of HEIF or \"high efficiency\". Or take a screenshot of the photo and upload the screenshot."),
        Refusal::Animated => t(es,
            "Esta imagen se mueve (es un GIF o una animación). En tu página va una foto quieta: sube una foto normal de tu producto.",
            "This picture moves (it is a GIF or an animation). Your page shows a still photo: upload a normal photo of your product."),
        Refusal::NotAPhoto => t(es,
            "Este archivo no es una foto. Elige una foto de tu galería o toma una con la cámara.",
            "This file is not a photo. Choose a photo from your gallery or take one with the camera."),
        Refusal::Truncated => t(es,
            "La foto llegó incompleta (quizás se cortó la conexión). Vuelve a enviarla.",
            "The photo arrived incomplete (maybe the connection dropped). Send it again."),
        Refusal::TooManyPixels => t(es,
            "La foto es demasiado grande para abrirla. Toma una foto normal con la cámara del teléfono, o toma una captura de pantalla de la foto y sube la captura.",
            "The photo is too big to open. Take a normal photo with the phone's camera, or take a screenshot of the photo and upload the screenshot."),
        Refusal::Unreadable => t(es,
            "No se pudo abrir esta foto: el archivo parece dañado. Mírala en tu galería; si se ve bien, toma una captura de pantalla de ella y sube la captura.",
            "This photo could not be opened: the file seems damaged. Look at it in your gallery; if it looks fine, take a screenshot of it and upload the screenshot."),
        Refusal::NotSaved { .. } => t(es,
            "Tu foto está bien, pero no se pudo guardar. Inténtalo otra vez en un momento; si sigue pasando, avísale a quien organiza la feria.",
            "Your photo is fine, but it could not be saved. Try again in a moment; if it keeps happening, tell the fair's organizer."),
    }
}

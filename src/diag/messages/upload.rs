//! Sentences of the editor (upload), in Spanish and English.

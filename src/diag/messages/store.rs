//! Sentences of the editor (store), in Spanish and English.

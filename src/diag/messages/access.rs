//! Sentences of the editor (access), in Spanish and English.

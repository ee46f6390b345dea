//! What one build leaves for the next: the only state that outlives a build.
//!
//! `serve` rebuilds the whole site after every save, and most of a rebuild after one edit is work
//! the last build already did: listing unchanged folders, reading and parsing unchanged files,
//! parsing the same templates, serializing the same product views, rendering the same markdown,
//! drawing the same QR codes, folding the same words, reading the same photo-cache manifest.
//! Each stage keeps what it may reuse in its own field of [`Memory`], and a build is handed the
//! memory by its caller ([`crate::build::run`]):
//!
//! - `build` and `check` use a memory that keeps nothing ([`Memory::once`]): a build depends on
//!   nothing but its inputs, and what it would remember for a next build only takes room;
//! - `serve` keeps one for the whole session (the editor will share it).
//!
//! Everything remembered is found again by what it was made from (a file's [`Stamp`], the hash of
//! a text or of a view's JSON), never by name alone, so a build with a memory makes exactly the
//! same output as one without (tested in `tests/testsuite/build.rs`). No `static` in vitrina
//! holds data from one build to the next; only thread-local scratch buffers and constant tables.
//!
//! [`Stamp`]: crate::fs::Stamp

use crate::{content, images, render, search};

/// What builds of one process remember, one field per stage (see the module documentation).
#[derive(Default)]
pub struct Memory {
    /// Folder listings and parsed files (`content::load`).
    pub content: content::Memory,
    /// Parsed templates, shared view values, rendered markdown, drawn QR codes (`render`).
    pub render: render::Memory,
    /// Photo-cache manifest last read (`images`).
    pub images: images::Memory,
    /// Folded words, each product's words, each term's JSON (`search::build_index`).
    pub search: search::Memory,
}

impl Memory {
    /// A memory for a build no other build follows (`build`, `check`): each stage works as with
    /// any memory but keeps nothing of what it read or made (files, rendered markdown, shared
    /// values, words) past the moment it is used. On W4 (100,000 products) keeping them all,
    /// as a fresh [`Memory::default`] does, held a copy of the whole fair to the end of the build.
    pub fn once() -> Memory {
        Memory {
            content: content::Memory::once(),
            render: render::Memory::once(),
            images: images::Memory::default(),
            search: search::Memory::once(),
        }
    }

    /// A memory for `serve`: as [`Memory::default`], with the settle time of remembered files
    /// and folders taken from `VITRINA_SETTLE_MS` when set (tests set 0, so a fast and a slow
    /// machine take the same path; see `content::Memory::settle`).
    pub fn for_serve() -> Memory {
        let mut memory = Memory::default();
        if let Some(ms) = std::env::var("VITRINA_SETTLE_MS")
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
        {
            memory.content.settle = std::time::Duration::from_millis(ms);
        }
        memory
    }
}

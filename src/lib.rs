//! vitrina: a static-site generator for youth entrepreneurship fair catalogues.
//!
//! The pipeline, one module per stage (see ARCHITECTURE.md):
//! [`content`] (load) → [`model`] → [`images`] (plan) → [`render`] → [`images`] (encode) →
//! [`search`] → [`output`] (write), driven by [`build::run`]; what builds of one process reuse
//! from each other is one [`memory::Memory`] that the caller owns. [`diag`] holds problems as data,
//! [`i18n`] languages and formatting, [`config`] the raw file shapes, [`cmd`] the subcommands.

// A `Diagnostic` travels as the error of per-photo and per-template results and is moved once;
// boxing it would only add an allocation.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod content;
pub mod diag;
pub mod edit;
pub mod fs;
/// Fuzzing entry points (`fuzz/`, `tests/testsuite/fuzz.rs`); not part of the interface.
#[doc(hidden)]
pub mod fuzzing;
pub mod i18n;
pub mod images;
pub mod memory;
pub mod model;
pub mod output;
pub mod render;
pub mod search;
pub mod serve;
pub mod theme;

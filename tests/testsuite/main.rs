//! vitrina's integration tests: one binary, a module per feature (see README.md here).

// The harness's helpers unwrap too: a panic here is a failing test, with its message.
#![allow(clippy::unwrap_used)]

mod prelude;

mod access;
mod bigfair;
mod budget;
mod build;
mod catalogue;
mod chromium;
mod cli;
mod crash;
mod diagnostics;
mod edit;
mod example;
mod fuzz;
mod http;
mod init;
mod inputs;
mod listings;
mod memory;
mod new;
mod offline;
mod output;
mod photos;
mod print;
mod search;
mod serve;
mod theme;

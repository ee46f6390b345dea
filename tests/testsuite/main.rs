//! vitrina's integration tests: one binary, a module per feature (see README.md here).

mod prelude;

mod budget;
mod build;
mod catalogue;
mod chromium;
mod cli;
mod diagnostics;
mod example;
mod http;
mod new;
mod offline;
mod output;
mod photos;
mod print;
mod search;
mod serve;
mod theme;

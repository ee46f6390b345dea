//! vitrina's integration tests: one binary, a module per feature (see README.md here).

mod prelude;

mod build;
mod cli;
mod diagnostics;
mod example;
mod output;
mod photos;

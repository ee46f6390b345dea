//! The editor's HTTP side: sessions, guards, routes and pages (mounted by `vitrina edit` into
//! `serve`'s server under `/__vitrina/edit/`).

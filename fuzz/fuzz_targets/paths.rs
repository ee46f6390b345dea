//! Slugs, and photo paths resolved in a real vendor folder (made once per process).
#![no_main]
use std::sync::OnceLock;

static PATHS: OnceLock<vitrina::fuzzing::Paths> = OnceLock::new();

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let paths = PATHS.get_or_init(|| vitrina::fuzzing::Paths::new().expect("a temporary folder"));
    paths.check(data);
});

//! Vendor markdown to sanitized HTML, plain text and search words.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    vitrina::fuzzing::markdown(data);
});

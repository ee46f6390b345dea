//! fair.toml, vendor.toml or a product file (first byte), parsed, every problem rendered.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    vitrina::fuzzing::toml(data);
});

//! Photo format sniffing, header reading and decoding (JPEG, PNG, WebP, GIF).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    vitrina::fuzzing::photo(data);
});

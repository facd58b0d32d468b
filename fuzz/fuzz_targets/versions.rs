#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kataster_fuzz::versions(data));

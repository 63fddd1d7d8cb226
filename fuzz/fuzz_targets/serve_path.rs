//! `serve`'s URL path → output file: whatever the request path, the file named stays
//! The assertions are in `src/lib.rs`, shared with `tests/fuzz_regressions.rs`.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|path: &str| ketluan_fuzz::serve_path(path));

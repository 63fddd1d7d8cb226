//! YAML front matter → conclusion model: any text gives a conclusion or diagnostics.
//! The assertions are in `src/lib.rs`, shared with `tests/fuzz_regressions.rs`.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| ketluan_fuzz::conclusion(text));

//! Document numbers: a parsed number prints to a canonical form that parses back to
//! The assertions are in `src/lib.rs`, shared with `tests/fuzz_regressions.rs`.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| ketluan_fuzz::docnum(text));

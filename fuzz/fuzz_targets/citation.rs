//! The citation recogniser: spans are in bounds, on character boundaries, in order.
//! The assertions are in `src/lib.rs`, shared with `tests/fuzz_regressions.rs`.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| ketluan_fuzz::citation(text));

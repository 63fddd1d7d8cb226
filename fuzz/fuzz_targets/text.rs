//! Vietnamese normalisation, slugs and sort keys.
//! The assertions are in `src/lib.rs`, shared with `tests/fuzz_regressions.rs`.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, &str)| ketluan_fuzz::text(input));

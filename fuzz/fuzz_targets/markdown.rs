//! Markdown rendering with the citations linkified, as a conclusion page does it.
//! The assertions are in `src/lib.rs`, shared with `tests/fuzz_regressions.rs`.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (bool, &str)| ketluan_fuzz::markdown(input));

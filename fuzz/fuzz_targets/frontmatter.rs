//! Front-matter splitting: never panics; the parts it returns are slices of the input.
//! The assertions are in `src/lib.rs`, shared with `tests/fuzz_regressions.rs`.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| ketluan_fuzz::frontmatter(text));

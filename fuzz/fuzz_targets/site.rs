//! A whole site (a conclusion, the registry, a template, site.yaml lines) built with
//! every budget on. The assertions are in `src/lib.rs`, shared with
//! `tests/fuzz_regressions.rs`.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| ketluan_fuzz::site(text));

//! Front-matter splitting: never panics; the parts it returns are slices of the input.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = ketluan::load::frontmatter::split(text);
});

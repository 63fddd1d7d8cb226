//! YAML front matter → conclusion model: any text gives a conclusion or diagnostics.
#![no_main]
use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = ketluan::load::conclusion::parse(
        Path::new("content/fuzz.md"),
        Path::new("/nonexistent-ketluan-fuzz"),
        text,
    );
});

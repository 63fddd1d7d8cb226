//! `serve`'s URL path → output file: whatever the request path, the file named stays
//! inside the site (no `.`, `..` or empty segment, no separator but `/`, no NUL or
//! drive letter).
#![no_main]
use ketluan::serve::output_path;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|path: &str| {
    if let Some(file) = output_path(path) {
        assert!(!file.starts_with('/'), "{path:?} → {file:?}");
        assert!(!file.contains(['\\', '\0', ':']), "{path:?} → {file:?}");
        for segment in file.split('/') {
            assert!(
                !matches!(segment, "" | "." | ".."),
                "{path:?} → {file:?}"
            );
        }
    }
});

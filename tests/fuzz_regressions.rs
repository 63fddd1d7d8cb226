//! Every input the fuzz targets (fuzz/, `scripts/fuzz.sh`) found failing is kept in
//! `fuzz/regressions/<target>/` and replayed here through the same assertions
//! (`fuzz/src/lib.rs`), decoded the way libFuzzer's `fuzz_target!` decodes it.
//! A folder with no entry in [`TARGETS`] fails the test, so no saved file is
//! silently skipped.

#[path = "../fuzz/src/lib.rs"]
mod checks;

use std::path::Path;

use arbitrary::{Arbitrary, Unstructured};

/// Runs a target's assertions on a saved input's bytes.
type Replay = fn(&[u8]);

/// One line per fuzz target: its folder name and how to replay a saved input.
const TARGETS: &[(&str, Replay)] = &[
    ("citation", |data| replay(data, checks::citation)),
    ("conclusion", |data| replay(data, checks::conclusion)),
    ("docnum", |data| replay(data, checks::docnum)),
    ("frontmatter", |data| replay(data, checks::frontmatter)),
    ("markdown", |data| replay(data, checks::markdown)),
    ("serve_path", |data| replay(data, checks::serve_path)),
    ("site", |data| replay(data, checks::site)),
    ("text", |data| replay(data, checks::text)),
];

/// Decode `data` as `fuzz_target!` does for a typed input, and run `check` on it;
/// an input the target would have skipped is skipped.
fn replay<'a, T: Arbitrary<'a>>(data: &'a [u8], check: fn(T)) {
    if let Ok(input) = T::arbitrary_take_rest(Unstructured::new(data)) {
        check(input);
    }
}

#[test]
fn saved_fuzz_failures_pass() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut replayed = 0;
    for folder in std::fs::read_dir(&root).unwrap() {
        let folder = folder.unwrap().path();
        let name = folder.file_name().unwrap().to_string_lossy().into_owned();
        let Some((_, run)) = TARGETS.iter().find(|(target, _)| *target == name) else {
            panic!(
                "fuzz/regressions/{name}/: no such target in TARGETS of {}",
                file!()
            );
        };
        for file in std::fs::read_dir(&folder).unwrap() {
            let file = file.unwrap().path();
            let data = std::fs::read(&file).unwrap();
            let outcome = std::panic::catch_unwind(|| run(&data));
            assert!(outcome.is_ok(), "{} fails again", file.display());
            replayed += 1;
        }
    }
    assert!(replayed > 0, "no saved input under {}", root.display());
}

/// The replay decodes as the fuzzer does: a saved `&str` input is the file's text.
#[test]
fn a_text_input_replays_as_the_files_text() {
    let text = "021/NQ-H\u{390}N-H\u{110}D";
    let input = <&str>::arbitrary_take_rest(Unstructured::new(text.as_bytes())).unwrap();
    assert_eq!(input, text);
}

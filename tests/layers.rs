//! Data flows one way: load → model → render → write, with serve and the commands on
//! top. The foundation (`diagnostic`, `text`) and the model import nothing from the
//! stages above them, so a change up there cannot break what they mean.

use std::path::{Path, PathBuf};

/// Every module a stage might name.
const HIGHER: &[&str] = &[
    "load", "render", "write", "serve", "build", "check", "import", "cmd",
];

/// Each stage (files and folders under `src/`) and the modules above it, which it
/// may not name.
const RULES: &[(&[&str], &[&str])] = &[
    (
        &["diagnostic.rs", "diagnostic", "text", "model"],
        &[
            "load", "render", "write", "serve", "build", "check", "import", "cmd",
        ],
    ),
    (
        &["load"],
        &[
            "render", "write", "serve", "build", "check", "import", "cmd",
        ],
    ),
    (
        &["render"],
        &["write", "serve", "build", "check", "import", "cmd"],
    ),
    (&["write"], &["serve", "build", "check", "import", "cmd"]),
];

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for e in std::fs::read_dir(path).unwrap() {
            rust_files(&e.unwrap().path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

/// The code of a file without its `//` comments (doc comments may name any module).
fn code(text: &str) -> String {
    text.lines()
        .map(|l| l.split_once("//").map_or(l, |(code, _)| code))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The higher modules `code` names: `crate::write::…` or `crate::{…, write, …}`.
fn named(code: &str) -> Vec<&'static str> {
    let mut found = Vec::new();
    let squashed: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    for module in HIGHER {
        let direct = format!("crate::{module}::");
        let alone = format!("crate::{module};");
        let in_group = squashed.split("crate::{").skip(1).any(|group| {
            let group = group.split('}').next().unwrap_or("");
            group
                .split(',')
                .any(|item| item == *module || item.starts_with(&format!("{module}::")))
        });
        if squashed.contains(&direct) || squashed.contains(&alone) || in_group {
            found.push(*module);
        }
    }
    found
}

#[test]
fn lower_stages_import_nothing_from_higher_ones() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    for (stage, above) in RULES {
        let mut files = Vec::new();
        for part in *stage {
            rust_files(&src.join(part), &mut files);
        }
        assert!(files.len() >= 3, "{stage:?}: {files:?}");
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for module in named(&code(&text))
                .into_iter()
                .filter(|m| above.contains(m))
            {
                wrong.push(format!("{} uses crate::{module}", file.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// The scan finds every way of naming a module, and ignores comments.
#[test]
fn the_scan_sees_imports_and_paths() {
    assert_eq!(named(&code("use crate::write::Refusal;")), ["write"]);
    assert_eq!(named(&code("use crate::{text, render::x};")), ["render"]);
    assert_eq!(
        named(&code("use crate::{\n    load,\n    text,\n};")),
        ["load"]
    );
    assert_eq!(
        named(&code("let r = e.downcast_ref::<crate::serve::X>();")),
        ["serve"]
    );
    assert!(named(&code("/// see [`crate::write`]\nuse crate::text;")).is_empty());
    assert!(named(&code("use crate::writer::X;")).is_empty());
}

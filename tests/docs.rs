//! The documentation: every problem code has its troubleshooting section in both
//! languages, every link and anchor resolves, both languages have the same pages,
//! every `ketluan` command the docs name exists, and the quick start's tested
//! blocks run, in order, with the real binary.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(repo().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every code `Problem::code` can return, read from its `match` in the source.
fn codes() -> BTreeSet<String> {
    let src = read("src/diagnostic.rs");
    let start = src.find("pub fn code(&self)").expect("Problem::code");
    let body = &src[start..];
    let end = body.find("\n    }\n").expect("end of code()");
    let codes: BTreeSet<String> = body[..end]
        .split("=> \"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .collect();
    assert!(codes.len() > 25, "{codes:?}");
    codes
}

/// The `### \`code\`` headings of a troubleshooting page.
fn sections(rel: &str) -> BTreeSet<String> {
    read(rel)
        .lines()
        .filter_map(|l| l.strip_prefix("### `")?.strip_suffix('`'))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_code_has_a_troubleshooting_section_in_both_languages() {
    let codes = codes();
    for page in ["docs/troubleshooting.md", "docs/vi/troubleshooting.md"] {
        assert_eq!(sections(page), codes, "{page}");
    }
    // And a finding's `see:` names that section.
    for code in &codes {
        let anchor = format!("docs/troubleshooting.md#{code}");
        let (file, fragment) = anchor.split_once('#').unwrap();
        assert!(anchors(&repo().join(file)).contains(fragment), "{anchor}");
    }
}

/// GitHub's heading anchors: lower case; letters, digits, `-` and `_` kept; spaces
/// become `-`; repeated headings get `-1`, `-2`…
fn anchors(file: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(file).unwrap();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = BTreeSet::new();
    for line in prose_lines(&text) {
        let Some(heading) = line.strip_prefix('#') else {
            continue;
        };
        let heading = heading.trim_start_matches('#');
        if !heading.starts_with(' ') {
            continue;
        }
        let slug: String = heading
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
        let n = seen.entry(slug.clone()).or_default();
        out.insert(if *n == 0 {
            slug.clone()
        } else {
            format!("{slug}-{n}")
        });
        *n += 1;
    }
    out
}

/// Lines outside fenced code blocks.
fn prose_lines(text: &str) -> Vec<&str> {
    let mut fenced = false;
    text.lines()
        .filter(|l| {
            if l.trim_start().starts_with("```") {
                fenced = !fenced;
                return false;
            }
            !fenced
        })
        .collect()
}

/// `[text](target)` link targets in prose, outside inline code.
fn links(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in prose_lines(text) {
        // Drop inline code spans.
        let plain: String = line
            .split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 0)
            .map(|(_, s)| s)
            .collect::<Vec<_>>()
            .join(" ");
        let mut rest = plain.as_str();
        while let Some(i) = rest.find("](") {
            let after = &rest[i + 2..];
            let Some(end) = after.find(')') else { break };
            out.push(after[..end].to_string());
            rest = &after[end..];
        }
    }
    out
}

fn markdown_files() -> Vec<PathBuf> {
    let mut files = vec![repo().join("README.md"), repo().join("CONTRIBUTING.md")];
    for dir in ["docs", "docs/vi"] {
        for e in std::fs::read_dir(repo().join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "md") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_link_and_anchor_resolves() {
    let mut broken = Vec::new();
    for file in markdown_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        for target in links(&text) {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (path, fragment) = match target.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (target.as_str(), None),
            };
            let resolved = if path.is_empty() {
                file.clone()
            } else {
                file.parent().unwrap().join(path)
            };
            if !resolved.exists() {
                broken.push(format!("{}: {target} (no such file)", file.display()));
                continue;
            }
            if let Some(f) = fragment
                && resolved.extension().is_some_and(|x| x == "md")
                && !anchors(&resolved).contains(f)
            {
                broken.push(format!("{}: {target} (no such heading)", file.display()));
            }
        }
    }
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn both_languages_have_the_same_pages() {
    let names = |dir: &str| -> BTreeSet<String> {
        std::fs::read_dir(repo().join(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".md"))
            .collect()
    };
    assert_eq!(names("docs"), names("docs/vi"));
}

/// The README is for users: at most 150 lines, with the four-command start, the two
/// contributor commands, and the way into the docs in both languages. Details belong
/// in docs/ and CONTRIBUTING.md.
#[test]
fn the_readme_stays_short_and_keeps_its_two_commands() {
    let readme = read("README.md");
    let lines = readme.lines().count();
    assert!(
        lines <= 150,
        "README.md has {lines} lines; move details to docs/"
    );
    let code = code_text(&readme);
    for command in [
        "ketluan init",
        "ketluan new",
        "ketluan serve",
        "ketluan build",
        "cargo test",
        ".ci/run",
    ] {
        assert!(
            code.contains(command),
            "README.md does not show `{command}`"
        );
    }
    for link in [
        "(docs/README.md)",
        "(docs/vi/README.md)",
        "(CONTRIBUTING.md)",
    ] {
        assert!(readme.contains(link), "README.md does not link {link}");
    }
    // A screenshot (that its file exists is the link check's job).
    assert!(readme.contains("![") && readme.contains("](docs/img/"));
}

/// The subcommands of `ketluan --help`.
fn subcommands() -> BTreeSet<String> {
    let out = assert_cmd::Command::cargo_bin("ketluan")
        .unwrap()
        .env("KETLUAN_LANG", "en")
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    let commands = help
        .split("Commands:")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap();
    commands
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

/// The text of fenced code blocks and inline code spans, where commands are.
fn code_text(text: &str) -> String {
    let mut out = String::new();
    let mut fenced = false;
    // Inline code may run over a line break, but never past a paragraph.
    let mut paragraph = String::new();
    let inline = |paragraph: &mut String, out: &mut String| {
        for (i, span) in paragraph.split('`').enumerate() {
            if i % 2 == 1 {
                out.push_str(&span.replace('\n', " "));
                out.push('\n');
            }
        }
        paragraph.clear();
    };
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            inline(&mut paragraph, &mut out);
            fenced = !fenced;
            continue;
        }
        if fenced {
            out.push_str(line);
            out.push('\n');
        } else if line.trim().is_empty() {
            inline(&mut paragraph, &mut out);
        } else {
            paragraph.push_str(line);
            paragraph.push('\n');
        }
    }
    inline(&mut paragraph, &mut out);
    out
}

#[test]
fn every_command_the_docs_name_exists() {
    let known = subcommands();
    assert!(known.contains("init") && known.contains("man"), "{known:?}");
    let mut unknown = BTreeSet::new();
    for file in markdown_files() {
        let code = code_text(&std::fs::read_to_string(&file).unwrap());
        for (i, _) in code.match_indices("ketluan ") {
            if code[..i]
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_whitespace() && c != '(')
            {
                continue; // a path (`~/.cargo/bin/ketluan`) or another word
            }
            let word: String = code[i + "ketluan ".len()..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '-')
                .collect();
            if !word.is_empty() && !word.starts_with('-') && !known.contains(&word) {
                unknown.insert(format!("{}: ketluan {word}", file.display()));
            }
        }
    }
    assert!(unknown.is_empty(), "{unknown:#?}");
}

#[test]
fn the_quick_start_runs() {
    // The blocks marked `<!-- tested -->`, in order, in one shell.
    let text = read("docs/quick-start.md");
    let mut script = String::from("set -euo pipefail\n");
    let mut lines = text.lines();
    let mut blocks = 0;
    while let Some(line) = lines.next() {
        if line.trim() != "<!-- tested -->" {
            continue;
        }
        assert_eq!(
            lines.next(),
            Some("```sh"),
            "a tested block is a ```sh block"
        );
        for l in lines.by_ref() {
            if l == "```" {
                break;
            }
            script.push_str(l);
            script.push('\n');
        }
        blocks += 1;
    }
    assert!(blocks >= 5, "{blocks} tested blocks");

    let tmp = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("ketluan");
    let path = std::env::join_paths(
        std::iter::once(bin.parent().unwrap().to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    let out = std::process::Command::new("bash")
        .env("KETLUAN_LANG", "en")
        .args(["--noprofile", "--norc", "-c", &script])
        .current_dir(tmp.path())
        .env("PATH", path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{script}\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("no problems found"), "{stdout}");
    let site = tmp.path().join("ket-luan-ha-tinh");
    // The preview and the site were built; the new conclusion is on both.
    let page = "ket-luan/2024-05-10-ha-tinh-ket-luan-cua-thuong-truc-tinh-uy-ve-cong-tac-chuyen-doi-so/index.html";
    let preview = std::fs::read_to_string(tmp.path().join("xem-truoc").join(page)).unwrap();
    assert!(preview.contains("href=\"http://localhost:8000/") || preview.contains("href=\"/"));
    let built = std::fs::read_to_string(site.join("public").join(page)).unwrap();
    assert!(
        built.contains("/ket-luan/nghi-quyet/ha-tinh-05-nq-tu-2021/"),
        "{built}"
    );
    assert!(site.join(".github/workflows/ketluan.yml").is_file());
    // The commit holds the sources, not the output.
    let files = std::process::Command::new("git")
        .args(["ls-files"])
        .current_dir(&site)
        .output()
        .unwrap();
    let files = String::from_utf8_lossy(&files.stdout);
    assert!(files.contains("site.yaml") && files.contains(".github/workflows/ketluan.yml"));
    assert!(!files.contains("public/"), "{files}");
}

//! `check --fix` on a site with every slip editors make: the mechanical ones are
//! fixed in the files (exactly as expected, bodies byte for byte as they were), a
//! second run changes nothing, and `check` then reports only what needs a person.

use std::path::Path;

mod common;

use common::{check_in as ketluan, slips_fixture as fixture};

/// "Ủy ban nhân dân tỉnh Hà Tĩnh đã họp" in Windows-1258 (made with iconv).
const CP1258: &[u8] = b"U\xd2y ban nh\xe2n d\xe2n ti\xd2nh Ha\xcc Ti\xdenh \xf0a\xde ho\xf2p";
const IN_UTF8: &str = "Ủy ban nhân dân tỉnh Hà Tĩnh đã họp";

/// The files added to the fixture's (name, bytes before, bytes after).
fn more_slips() -> Vec<(&'static str, Vec<u8>, Vec<u8>)> {
    let mut utf16 = vec![0xFF, 0xFE];
    let text = "---\r\ntitle: Kết luận: về “đất đai”\r\ndate: 2024-05-09\r\nprovince: Hà Tĩnh\r\n---\r\nNội dung: “giữ”\r\n";
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let utf16_fixed = "---\r\ntitle: \"Kết luận: về “đất đai”\"\r\ndate: 2024-05-09\r\nprovince: Hà Tĩnh\r\n---\r\nNội dung: “giữ”\r\n";
    let mut legacy = b"---\ndate: 2024-05-10\nprovince: Ha\xcc Ti\xdenh\ntitle: ".to_vec();
    legacy.extend(CP1258);
    legacy.extend(b"\n---\n");
    legacy.extend(CP1258);
    legacy.extend(b"\n");
    let legacy_fixed =
        format!("---\ndate: 2024-05-10\nprovince: Hà Tĩnh\ntitle: {IN_UTF8}\n---\n{IN_UTF8}\n");
    // Decomposed letters (as some Mac and web editors write), a tab and a body tab.
    let nfd = "---\ntitle： Ke\u{302}\u{301}t lua\u{323}\u{302}n\ndate: 2024-05-11\nprovince: Hà Tĩnh\ntags:\n\t- a\n---\n\tNo\u{323}\u{302}i dung #1: “x”\n";
    let nfd_fixed = "---\ntitle: Kết luận\ndate: 2024-05-11\nprovince: Hà Tĩnh\ntags:\n  - a\n---\n\tNội dung #1: “x”\n";
    vec![
        ("i-utf16.md", utf16, utf16_fixed.as_bytes().to_vec()),
        ("j-cp1258.md", legacy, legacy_fixed.into_bytes()),
        (
            "k-nfd.md",
            nfd.as_bytes().to_vec(),
            nfd_fixed.as_bytes().to_vec(),
        ),
    ]
}

fn read(site: &Path, name: &str) -> Vec<u8> {
    std::fs::read(site.join("content").join(name)).unwrap()
}

#[test]
fn fix_leaves_only_what_needs_a_person() {
    let site = tempfile::tempdir().unwrap();
    let content = site.path().join("content");
    std::fs::create_dir(&content).unwrap();
    std::fs::copy(fixture().join("site.yaml"), site.path().join("site.yaml")).unwrap();
    let mut before = Vec::new();
    for entry in std::fs::read_dir(fixture().join("content")).unwrap() {
        let entry = entry.unwrap();
        let bytes = std::fs::read(entry.path()).unwrap();
        std::fs::write(content.join(entry.file_name()), &bytes).unwrap();
        before.push((entry.file_name().to_string_lossy().into_owned(), bytes));
    }
    let more = more_slips();
    for (name, bytes, _) in &more {
        std::fs::write(content.join(name), bytes).unwrap();
    }

    let (code, report) = ketluan(site.path(), &["--fix", "--lang", "en"]);
    assert_eq!(code, Some(1), "{report}");
    for said in [
        "content/a-word-quotes.md\n  line 2: Word's curly quotes made straight: `title: \"Kết luận của Ban Thường vụ\"`\n",
        "content/b-fullwidth-colon.md\n  line 4: full-width colon made `:`: `province: Hà Tĩnh`\n",
        "content/c-tab.md\n  line 6: tabs in the indentation made spaces: `  - môi trường`\n",
        "content/f-comment.md\n  line 2: the value put in double quotes: `title: \"Kết luận số 12 #quan trọng\"`\n",
        "content/g-tags.md\n  line 5: the tags written as a list: `tags: [đất đai, môi trường]`\n",
        "content/i-utf16.md\n  converted from UTF-16 to UTF-8\n  line 2: the value put in double quotes",
        "content/j-cp1258.md\n  converted from Windows-1258 to UTF-8\n",
        "content/k-nfd.md\n  letters composed to Unicode NFC",
        "--fix changed 8 files; what is left needs a person:\n",
    ] {
        assert!(report.contains(said), "{said}\n{report}");
    }

    // Exactly the expected files; the fixture's bodies as they were.
    for (name, _, after) in &more {
        assert_eq!(
            String::from_utf8_lossy(&read(site.path(), name)),
            String::from_utf8_lossy(after),
            "{name}"
        );
    }
    for (name, bytes) in &before {
        let now = read(site.path(), name);
        let body = |b: &[u8]| {
            let text = String::from_utf8(b.to_vec()).unwrap();
            let end = text[3..].find("\n---\n").unwrap();
            text[3 + end..].to_string()
        };
        assert_eq!(body(&now), body(bytes), "{name}");
    }
    let left_out: Vec<_> = std::fs::read_dir(&content)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left_out.is_empty(), "{left_out:?}");

    // Only judgement is left: text after a quote, a quote inside quotes, a guess.
    let (code, report) = ketluan(site.path(), &["--lang", "en"]);
    assert_eq!(code, Some(1), "{report}");
    let found: Vec<&str> = report
        .lines()
        .filter(|l| l.starts_with("content/"))
        .collect();
    assert_eq!(
        found,
        [
            "content/d-text-after-quote.md:2:19: error[yaml-syntax]: text after the closing quote: the value ends at the quote",
            "content/e-quote-inside.md:2:12: error[yaml-syntax]: a `\"` inside a value written in `\"…\"` ends the value there",
            "content/h-imported.md:4:22: warning[unchecked-import]: a value that `ketluan import` guessed has not been checked: tỉnh đoán từ tiêu đề",
        ],
        "{report}"
    );

    // A second run changes nothing.
    let files: Vec<Vec<u8>> = before
        .iter()
        .map(|(n, _)| n.as_str())
        .chain(more.iter().map(|m| m.0))
        .map(|n| read(site.path(), n))
        .collect();
    let (_, report) = ketluan(site.path(), &["--fix"]);
    assert!(report.starts_with("--fix không sửa tệp nào\n"), "{report}");
    let again: Vec<Vec<u8>> = before
        .iter()
        .map(|(n, _)| n.as_str())
        .chain(more.iter().map(|m| m.0))
        .map(|n| read(site.path(), n))
        .collect();
    assert!(files == again);
}

/// With `--format json` stdout stays JSON: what was fixed goes to stderr.
#[test]
fn json_stays_json() {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir(site.path().join("content")).unwrap();
    std::fs::copy(fixture().join("site.yaml"), site.path().join("site.yaml")).unwrap();
    std::fs::copy(
        fixture().join("content/a-word-quotes.md"),
        site.path().join("content/a.md"),
    )
    .unwrap();
    let out = assert_cmd::Command::cargo_bin("ketluan")
        .unwrap()
        .args([
            "check", "--fix", "--format", "json", "--lang", "en", "--root",
        ])
        .arg(site.path())
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json.as_array().map(Vec::len), Some(0), "{json}");
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(said.contains("content/a.md\n  line 2:"), "{said}");
    assert_eq!(out.status.code(), Some(0));
}

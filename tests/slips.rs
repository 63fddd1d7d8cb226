//! The slips editors make in front matter, each in its own file of
//! tests/fixtures/slips/content, reported at its line and column with a help that
//! shows the fixed line, in the site's language (Vietnamese there).

use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/slips")
}

fn check(root: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = assert_cmd::Command::cargo_bin("ketluan")
        .unwrap()
        .env_remove("KETLUAN_LANG")
        .arg("check")
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

#[test]
fn every_slip_is_named_at_its_place_in_vietnamese() {
    let (code, report) = check(&fixture(), &[]);
    assert_eq!(code, Some(1));
    let expected = std::fs::read_to_string(fixture().join("expected-vi.txt")).unwrap();
    assert_eq!(report, expected);
    // Each finding at its exact place, never libyaml's words.
    for line in [
        "content/a-word-quotes.md:2:8: lỗi[yaml-syntax]: giá trị được đặt trong dấu ngoặc kép cong “ (U+201C)",
        "content/b-fullwidth-colon.md:4:9: lỗi[yaml-syntax]: sau khóa là dấu hai chấm toàn độ rộng `：`",
        "content/c-tab.md:6:1: lỗi[yaml-syntax]: dòng được thụt lề bằng phím Tab",
        "content/d-text-after-quote.md:2:19: lỗi[yaml-syntax]: có chữ sau dấu ngoặc kép đóng",
        "content/e-quote-inside.md:2:12: lỗi[yaml-syntax]: dấu `\"` bên trong một giá trị",
        "content/f-comment.md:2:23: cảnh báo[comment-in-value]:",
        "content/g-tags.md:5:7: cảnh báo[tags-in-one-string]:",
        "content/h-imported.md:4:22: cảnh báo[unchecked-import]:",
    ] {
        assert!(report.contains(line), "{line}\n{report}");
    }
    for fixed in [
        "`title: \"Kết luận của Ban Thường vụ\"`",
        "`province: Hà Tĩnh`",
        "`  - môi trường`",
        "`title: \"Kết luận số 12\"`",
        "`title: 'Về \"Dân vận khéo\" năm 2024'`",
        "`title: \"Kết luận số 12 #quan trọng\"`",
        "`tags: [đất đai, môi trường]`",
    ] {
        assert!(report.contains(fixed), "{fixed}\n{report}");
    }
    for libyaml in [
        "did not find expected key",
        "mapping values",
        "found character",
    ] {
        assert!(!report.contains(libyaml), "{report}");
    }
}

#[test]
fn the_same_slips_in_english() {
    let (_, report) = check(&fixture(), &["--lang", "en"]);
    assert!(report.contains(
        "content/a-word-quotes.md:2:8: error[yaml-syntax]: the value is wrapped in Word's curly quote “ (U+201C)"
    ), "{report}");
    assert!(report.contains(
        "content/f-comment.md:2:23: warning[comment-in-value]: ` #` starts a comment: the value of `title` ends before it, and `#quan trọng` is dropped"
    ), "{report}");
    assert!(
        report.ends_with("5 errors and 3 warnings in 8 files\n"),
        "{report}"
    );
}

/// The three warnings pass `check` and fail `check --strict`.
#[test]
fn warnings_fail_only_under_strict() {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir(site.path().join("content")).unwrap();
    std::fs::copy(fixture().join("site.yaml"), site.path().join("site.yaml")).unwrap();
    for file in ["f-comment.md", "g-tags.md", "h-imported.md"] {
        let from = fixture().join("content").join(file);
        std::fs::copy(from, site.path().join("content").join(file)).unwrap();
    }
    let (code, report) = check(site.path(), &[]);
    assert_eq!(code, Some(0), "{report}");
    assert!(
        report.ends_with("0 lỗi và 3 cảnh báo trong 3 tệp\n"),
        "{report}"
    );
    assert_eq!(check(site.path(), &["--strict"]).0, Some(1));
}

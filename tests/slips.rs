//! The slips editors make in front matter, each in its own file of
//! tests/fixtures/slips/content, reported at its line and column with a help that
//! shows the fixed line, in the site's language (Vietnamese there).

mod common;

use common::{check_in as check, slips_fixture as fixture};

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

/// "Ủy ban nhân dân tỉnh Hà Tĩnh đã họp" in Windows-1258 (made with iconv).
const CP1258: &[u8] = b"U\xd2y ban nh\xe2n d\xe2n ti\xd2nh Ha\xcc Ti\xdenh \xf0a\xde ho\xf2p";

fn utf16le(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

/// A file saved as UTF-16 (Notepad's "Unicode") is read like UTF-8; one in a legacy
/// encoding is refused at its first non-UTF-8 byte, naming the encoding and the fix.
#[test]
fn utf16_is_read_and_legacy_encodings_are_named() {
    let site = tempfile::tempdir().unwrap();
    let content = site.path().join("content");
    std::fs::create_dir(&content).unwrap();
    std::fs::copy(fixture().join("site.yaml"), site.path().join("site.yaml")).unwrap();
    let head = "---\r\ntitle: Kết luận số 12\r\ndate: 2024-03-01\r\nprovince: Hà Tĩnh\r\n---\r\n";
    std::fs::write(
        content.join("a.md"),
        utf16le(&format!("{head}Nội dung.\r\n")),
    )
    .unwrap();
    let mut legacy = b"---\r\ndate: 2024-03-01\r\nprovince: Ha Tinh\r\ntitle: ".to_vec();
    legacy.extend(CP1258);
    legacy.extend(b"\r\n---\r\n");
    legacy.extend(CP1258);
    std::fs::write(content.join("b.md"), legacy).unwrap();
    let (code, report) = check(site.path(), &["--lang", "en"]);
    assert_eq!(code, Some(1), "{report}");
    assert!(!report.contains("content/a.md"), "{report}");
    assert!(
        report
            .contains("content/b.md:4:9: error[not-utf8]: the file is in Windows-1258, not UTF-8"),
        "{report}"
    );
    assert!(report.contains("`ketluan check --fix`"), "{report}");
    let (_, report) = check(site.path(), &[]);
    assert!(
        report.contains("content/b.md:4:9: lỗi[not-utf8]: tệp dùng bảng mã Windows-1258"),
        "{report}"
    );
}

/// The reasons lower stages give (a date, a link) are in the site's language too.
#[test]
fn reasons_of_dates_and_links_are_translated() {
    let site = tempfile::tempdir().unwrap();
    let content = site.path().join("content");
    std::fs::create_dir(&content).unwrap();
    std::fs::copy(fixture().join("site.yaml"), site.path().join("site.yaml")).unwrap();
    std::fs::write(
        content.join("a.md"),
        "---\ntitle: Kết luận\ndate: 2024-13-01\nprovince: Hà Tĩnh\nresolutions: [05-NQ-TU]\n---\nNội dung.\n",
    )
    .unwrap();
    std::fs::write(
        content.join("b.md"),
        "---\ntitle: Kết luận khác\ndate: 2024-03-01\nprovince: Hà Tĩnh\n---\nXem [bài](../khong-co/).\n",
    )
    .unwrap();
    // libyaml's own words for what no slip detector names.
    std::fs::write(
        content.join("c.md"),
        "---\ntitle: 'a': b\ndate: 2024-03-01\nprovince: Hà Tĩnh\n---\nx\n",
    )
    .unwrap();
    std::fs::write(
        content.join("d.md"),
        "---\ntitle: x\ndate: 2024-03-01\nprovince: Hà Tĩnh\ndraft: có\nslug: Kết-Luận\n---\nx\n",
    )
    .unwrap();
    let (_, report) = check(site.path(), &[]);
    assert!(
        report.contains("lỗi cú pháp YAML: có dấu `: ` ở chỗ không được phép"),
        "{report}"
    );
    assert!(
        report.contains("`draft` phải là true hoặc false"),
        "{report}"
    );
    assert!(
        report.contains("content/a.md:3:7: lỗi[invalid-date]: ngày \"2024-13-01\" không hợp lệ: không có tháng 13"),
        "{report}"
    );
    assert!(
        report.contains("không có kết luận nào có slug `khong-co`"),
        "{report}"
    );
    assert!(
        report.contains("\"05-NQ-TU\" không phải số văn bản: dạng văn bản Đảng SỐ-LOẠI cần dấu \"/\" trước cơ quan ban hành"),
        "{report}"
    );
    let (_, report) = check(site.path(), &["--lang", "en"]);
    assert!(report.contains("there is no month 13"), "{report}");
    assert!(
        report.contains("\"05-NQ-TU\" is not a document number: Party form NUM-TYPE needs"),
        "{report}"
    );
}

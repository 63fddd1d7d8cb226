//! `ketluan check`: every finding with its code, line and column; the JSON report;
//! the human report; exit codes. Classified content stops `build` too.

mod common;

use common::{TestSite, conclusion, tree};
use serde_json::Value;

/// (file, line, column, severity, code) of each finding, from `--format json`.
fn findings(site: &TestSite) -> Vec<(String, u64, u64, String, String)> {
    let out = site.run(&["check", "--format", "json"]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}):\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    json.as_array()
        .expect("an array")
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["severity"].as_str().unwrap().to_string(),
                f["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn one(
    file: &str,
    line: u64,
    column: u64,
    severity: &str,
    code: &str,
) -> Vec<(String, u64, u64, String, String)> {
    vec![(file.into(), line, column, severity.into(), code.into())]
}

/// A site with `content/a.md` = `contents`.
fn site_with(contents: &str) -> TestSite {
    let site = TestSite::new();
    site.write("content/a.md", contents);
    site
}

#[test]
fn the_example_site_is_clean() {
    let site = TestSite::example();
    let out = site.run(&["check"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("no problems found"));
    assert_eq!(findings(&site), []);
}

#[test]
fn dates_in_the_future_or_before_1930() {
    let site = site_with(&conclusion("A", "2099-01-01", "Hà Tĩnh", ""));
    assert_eq!(
        findings(&site),
        one("content/a.md", 3, 7, "warning", "date-in-future")
    );
    let site = site_with(&conclusion("A", "1925-05-01", "Hà Tĩnh", ""));
    assert_eq!(
        findings(&site),
        one("content/a.md", 3, 7, "warning", "date-too-early")
    );
}

#[test]
fn a_province_after_it_merged() {
    let site = site_with(&conclusion("A", "2025-08-01", "Đắk Nông", ""));
    assert_eq!(
        findings(&site),
        one("content/a.md", 4, 11, "warning", "province-not-in-force")
    );
    let out = site.run(&["check"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("write `province: Lâm Đồng`"), "{text}");
    assert!(
        text.contains("it merged into Lâm Đồng on 2025-07-01"),
        "{text}"
    );
    let out = site.run(&["check", "--lang", "vi"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("đơn vị này đã nhập vào Lâm Đồng từ 2025-07-01"),
        "{text}"
    );
    // Before the merger it is fine.
    let site = site_with(&conclusion("A", "2025-06-30", "Đắk Nông", ""));
    assert_eq!(findings(&site), []);
}

#[test]
fn duplicate_conclusions() {
    let site = TestSite::new();
    site.write(
        "content/a.md",
        conclusion("Kết luận X", "2021-11-01", "Hà Tĩnh", ""),
    );
    site.write(
        "content/b.md",
        conclusion("kết luận x", "1/11/2021", "tỉnh Hà Tĩnh", ""),
    );
    assert_eq!(
        findings(&site),
        one("content/b.md", 2, 8, "warning", "duplicate-conclusion")
    );
}

#[test]
fn empty_body_long_title_long_summary() {
    let site = site_with("---\ntitle: A\ndate: 2021-11-01\nprovince: Hà Tĩnh\n---\n");
    assert_eq!(
        findings(&site),
        one("content/a.md", 5, 1, "warning", "empty-body")
    );

    let title = "Kết luận ".repeat(23);
    let site = site_with(&conclusion(title.trim(), "2021-11-01", "Hà Tĩnh", ""));
    assert_eq!(
        findings(&site),
        one("content/a.md", 2, 8, "warning", "title-too-long")
    );

    let summary = format!("summary: \"{}\"\n", "x".repeat(501));
    let site = site_with(&conclusion("A", "2021-11-01", "Hà Tĩnh", &summary));
    assert_eq!(
        findings(&site),
        one("content/a.md", 5, 10, "warning", "summary-too-long")
    );
}

#[test]
fn links_to_missing_conclusions_and_attachments() {
    let site = TestSite::new();
    site.write("content/b.md", conclusion("B", "2021-11-02", "Hà Tĩnh", ""));
    site.write("content/tep.pdf", "pdf");
    site.write(
        "content/a.md",
        "---\ntitle: A\ndate: 2021-11-01\nprovince: Hà Tĩnh\nattachments: [tep.pdf]\n---\n\
         Xem [B](../b/), [tệp](tep.pdf) và [trang](/ket-luan/b/).\n\n\
         Sai: [C](../c/) và [thiếu](thieu.pdf) và [nguồn](b.md).\n",
    );
    assert_eq!(
        findings(&site),
        vec![
            (
                "content/a.md".into(),
                9,
                10,
                "warning".into(),
                "broken-link".into()
            ),
            (
                "content/a.md".into(),
                9,
                28,
                "warning".into(),
                "broken-link".into()
            ),
            (
                "content/a.md".into(),
                9,
                50,
                "warning".into(),
                "broken-link".into()
            ),
        ]
    );
    let out = site.run(&["check"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("`b.md` is a content file, not a page"),
        "{text}"
    );
    assert!(text.contains("did you mean `../b/`?"), "{text}");
}

#[test]
fn files_beside_conclusions_that_no_page_carries() {
    let site = TestSite::new();
    // Two conclusions share a folder; the file is listed by neither.
    site.write(
        "content/2024/a.md",
        conclusion("A", "2024-05-01", "Hà Tĩnh", ""),
    );
    site.write(
        "content/2024/b.md",
        conclusion("B", "2024-05-02", "Hà Tĩnh", ""),
    );
    site.write("content/2024/bien-ban.pdf", "%PDF");
    // A saved web page beside a conclusion alone in its folder.
    site.write(
        "content/hop/hop.md",
        conclusion("C", "2024-05-03", "Hà Tĩnh", ""),
    );
    site.write("content/hop/index.html", "<h1>x</h1>");
    site.write("content/hop/anh.jpg", "jpg");
    // Not beside any conclusion: not the editor's slip this warns about.
    site.write("content/goc/ghi-chu.docx", "docx");
    // Whole files: no line or column.
    let mut found = findings(&site);
    found.sort();
    assert_eq!(
        found,
        [
            (
                "content/2024/bien-ban.pdf".into(),
                0,
                0,
                "warning".into(),
                "unpublished-file".into()
            ),
            (
                "content/hop/anh.jpg".into(),
                0,
                0,
                "warning".into(),
                "unpublished-file".into()
            ),
            (
                "content/hop/index.html".into(),
                0,
                0,
                "warning".into(),
                "unpublished-file".into()
            ),
        ]
    );
    // A warning: the build goes on, without the files nothing lists or links to.
    site.build_ok();
    assert!(!site.path("public/ket-luan/hop/anh.jpg").exists());
    assert!(!site.path("public/ket-luan/a/bien-ban.pdf").exists());
}

#[test]
fn a_document_issued_after_the_meeting() {
    let body =
        "Thực hiện Nghị quyết số 05-NQ/TU, ngày 22/10/2021 của Ban Chấp hành Đảng bộ tỉnh.\n";
    let site = site_with(&format!(
        "---\ntitle: A\ndate: 2021-10-01\nprovince: Hà Tĩnh\n---\n\n{body}"
    ));
    assert_eq!(
        findings(&site),
        one(
            "content/a.md",
            7,
            11,
            "warning",
            "document-after-conclusion"
        )
    );
    // The same number in the front matter only, dated by another conclusion's text.
    let site = TestSite::new();
    site.write(
        "content/a.md",
        conclusion("A", "2021-10-01", "Hà Tĩnh", "resolutions: [05-NQ/TU]\n"),
    );
    site.write(
        "content/b.md",
        format!("---\ntitle: B\ndate: 2021-12-01\nprovince: Hà Tĩnh\n---\n{body}"),
    );
    assert_eq!(
        findings(&site),
        one(
            "content/a.md",
            5,
            15,
            "warning",
            "document-after-conclusion"
        )
    );
}

#[test]
fn registry_and_text_disagreeing() {
    let site = site_with(
        "---\ntitle: A\ndate: 2022-01-18\nprovince: Hà Tĩnh\n---\n\
         Quán triệt Nghị quyết số 05-NQ/TU, ngày 22/11/2021 của Ban Chấp hành Đảng bộ tỉnh về phát triển Khu kinh tế Vũng Áng.\n",
    );
    site.write(
        "content/_documents.yaml",
        "- number: 05-NQ/TU\n  province: Hà Tĩnh\n  date: 22/10/2021\n  title: \"Về chuyển đổi số tỉnh Hà Tĩnh giai đoạn 2021 - 2025\"\n",
    );
    assert_eq!(
        findings(&site),
        vec![(
            "content/a.md".into(),
            6,
            12,
            "warning".into(),
            "registry-mismatch".into()
        )]
    );
    let out = site.run(&["check"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("the registry (line 1) says \"2021-10-22\""),
        "{text}"
    );

    // Same date, another subject.
    site.write(
        "content/_documents.yaml",
        "- number: 05-NQ/TU\n  province: Hà Tĩnh\n  date: 22/11/2021\n  title: \"Về chuyển đổi số tỉnh Hà Tĩnh giai đoạn 2021 - 2025\"\n",
    );
    let out = site.run(&["check"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("the text gives the title \"phát triển Khu kinh tế Vũng Áng\""),
        "{text}"
    );
    assert_eq!(findings(&site).len(), 1);
}

#[test]
fn every_problem_of_the_registry_is_at_its_own_entry() {
    let site = site_with(&conclusion("A", "2021-11-01", "Hà Tĩnh", ""));
    site.write(
        "content/_documents.yaml",
        "- number: 05-NQ/TU\n  province: Hà Tĩnh\n  date: 22/10/2021\n  title: \"Về việc thực hiện 06-NQ/TU\"\n\
         - number: 57-NQ/TW\n  date: 2024-02-30\n\
         - number: 58-NQ/TW\n  date: 2024-02-30\n\
         - number: 06-NQ/TU\n  date: 2021-10-22\n\
         - number: 07-NQ/TU\n  urll: https://example.org/\n  date: [1]\n  province: Hà Tịnh\n\
         -\n  number: 08NQ\n  province: Hà Tĩnh\n",
    );
    let at = |line, column, code: &str| {
        let file = "content/_documents.yaml".to_string();
        (file, line, column, "error".to_string(), code.to_string())
    };
    assert_eq!(
        findings(&site),
        vec![
            at(6, 9, "invalid-date"),
            at(8, 9, "invalid-date"),
            // A missing key is placed at its entry's `-`.
            at(9, 1, "missing-key"),
            at(12, 3, "unknown-key"),
            at(13, 9, "wrong-type"),
            at(14, 13, "unknown-province"),
            at(16, 11, "invalid-document-number"),
        ]
    );
    let out = site.run(&["check"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("unknown key `urll`"), "{text}");
    assert!(text.contains("help: did you mean `url`?"), "{text}");
    assert!(text.contains("`date` must be a single value"), "{text}");
}

#[test]
fn classified_content_is_an_error_in_check_and_build() {
    let site = TestSite::new();
    site.write(
        "content/good.md",
        conclusion("Tốt", "2021-11-01", "Hà Tĩnh", ""),
    );
    site.build_ok();
    let before = tree(&site.path("public"));

    site.write(
        "content/a.md",
        conclusion("A", "2021-11-01", "Hà Tĩnh", "classification: mật\n"),
    );
    assert_eq!(
        findings(&site),
        one("content/a.md", 5, 1, "error", "classified")
    );
    let err = site.build_err();
    assert!(err.contains("content/a.md:5:1: error[classified]"), "{err}");
    assert_eq!(
        tree(&site.path("public")),
        before,
        "nothing may reach the output"
    );

    site.write(
        "content/a.md",
        "---\ntitle: A\ndate: 2021-11-01\nprovince: Hà Tĩnh\n---\n\n**TUYỆT MẬT**\n\nBảo vệ bí mật nhà nước.\n",
    );
    assert_eq!(
        findings(&site),
        one("content/a.md", 7, 3, "error", "classified")
    );
    let err = site.build_err();
    assert!(err.contains("content/a.md:7:3: error[classified]"), "{err}");

    site.write(
        "content/a.md",
        conclusion("Tài liệu (Lưu hành nội bộ)", "2021-11-01", "Hà Tĩnh", ""),
    );
    assert_eq!(
        findings(&site),
        one("content/a.md", 2, 19, "error", "classified")
    );
}

#[test]
fn honey_in_capitals_is_not_a_secrecy_stamp() {
    let site = TestSite::new();
    site.write(
        "content/a.md",
        "---\ntitle: Phát triển nghề nuôi ong\ndate: 2021-11-01\nprovince: Hà Tĩnh\n---\n\n\
         ## NUÔI ONG LẤY MẬT\n\nII. PHÁT TRIỂN NGHỀ NUÔI ONG MẬT\n\nSản phẩm: mật ong, MẬT MÍA.\n",
    );
    assert!(findings(&site).is_empty(), "{:?}", findings(&site));
    site.build_ok();
    // A stamp beside the same words still stops the build.
    site.write(
        "content/b.md",
        "---\ntitle: B\ndate: 2021-11-01\nprovince: Hà Tĩnh\n---\n\nMẬT\n\nNuôi ong lấy mật.\n",
    );
    assert!(
        site.build_err()
            .contains("content/b.md:7:1: error[classified]")
    );
}

#[test]
fn errors_of_build_are_errors_of_check() {
    let site = site_with("---\ntitle: A\ndate: 2021-13-01\nprovice: Hà Tĩnh\n---\nx\n");
    let codes: Vec<String> = findings(&site).into_iter().map(|f| f.4).collect();
    assert_eq!(codes, ["missing-key", "invalid-date", "unknown-key"]);
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn warnings_of_files_that_load_beside_errors_of_files_that_do_not() {
    let site = TestSite::new();
    site.write("content/a.md", conclusion("A", "2099-01-01", "Hà Tĩnh", ""));
    site.write("content/b.md", "no front matter");
    let codes: Vec<String> = findings(&site).into_iter().map(|f| f.4).collect();
    assert_eq!(codes, ["date-in-future", "front-matter-missing"]);
}

#[test]
fn json_fields_and_order() {
    let site = site_with(&conclusion("A", "2099-01-01", "Hà Tĩnh", ""));
    let out = site.run(&["check", "--format", "json"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let json: Value = serde_json::from_str(&text).unwrap();
    let f = &json[0];
    let keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
    let mut expected = [
        "file", "line", "column", "severity", "code", "message", "help", "see",
    ];
    expected.sort();
    let mut keys_sorted = keys.clone();
    keys_sorted.sort();
    assert_eq!(keys_sorted, expected);
    assert_eq!(f["message"], "the date 2099-01-01 is in the future");
    assert!(f["help"].as_str().unwrap().contains("check the year"));
    assert_eq!(f["see"], "ketluan explain date-in-future");
    // Written in the documented order.
    let positions: Vec<usize> = [
        "\"file\"",
        "\"line\"",
        "\"column\"",
        "\"severity\"",
        "\"code\"",
        "\"message\"",
        "\"help\"",
        "\"see\"",
    ]
    .iter()
    .map(|k| text.find(k).unwrap())
    .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
}

#[test]
fn human_report_groups_by_file_with_caret_fix_and_count() {
    let site = TestSite::new();
    site.write("content/a.md", conclusion("A", "2099-01-01", "Hà Tĩnh", ""));
    site.write(
        "content/b.md",
        conclusion("B", "1925-01-01", "Hà Tĩnh", "classification: mật\n"),
    );
    let out = site.run(&["check"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let expected = "── content/a.md\n\n\
        content/a.md:3:7: warning[date-in-future]: the date 2099-01-01 is in the future\n  \
        |\n3 | date: 2099-01-01\n  |       ^\n  = help: write the meeting's date; check the year and the day/month order\n  \
        = see: ketluan explain date-in-future\n\n\
        ── content/b.md\n\n";
    assert!(text.starts_with(expected), "{text}");
    assert!(
        text.contains("content/b.md:5:1: error[classified]"),
        "{text}"
    );
    assert!(
        text.trim_end()
            .ends_with("1 error and 1 warning in 2 files"),
        "{text}"
    );
}

#[test]
fn exit_codes() {
    let warned = site_with(&conclusion("A", "2099-01-01", "Hà Tĩnh", ""));
    assert_eq!(warned.run(&["check"]).status.code(), Some(0));
    assert_eq!(warned.run(&["check", "--strict"]).status.code(), Some(1));
    let clean = site_with(&conclusion("A", "2021-01-01", "Hà Tĩnh", ""));
    assert_eq!(clean.run(&["check", "--strict"]).status.code(), Some(0));
    let broken = site_with("nothing");
    assert_eq!(broken.run(&["check"]).status.code(), Some(1));
    // Usage errors.
    assert_eq!(
        clean.run(&["check", "--format", "xml"]).status.code(),
        Some(2)
    );
    let mut cmd = assert_cmd::Command::cargo_bin("ketluan").unwrap();
    cmd.env("KETLUAN_LANG", "en");
    let out = cmd
        .args(["check", "--root", "/no/such/folder"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_number_whose_year_is_after_the_meeting() {
    // The year in a number is a lower bound of its issue date. A mention in a heading
    // is placed at the heading.
    let site = site_with(
        "---\ntitle: A\ndate: 2024-05-01\nprovince: Hà Tĩnh\n---\n\
         Theo Nghị quyết số 202/2025/QH15 của Quốc hội, 66.13/2026/NQ-CP và Nghị quyết số 98/2023/QH15.\n\n\
         ## Thực hiện Quyết định số 5/2025/QĐ-UBND\n",
    );
    let mut want = one("content/a.md", 6, 6, "warning", "document-after-conclusion");
    want.extend(one(
        "content/a.md",
        6,
        48,
        "warning",
        "document-after-conclusion",
    ));
    want.extend(one(
        "content/a.md",
        8,
        4,
        "warning",
        "document-after-conclusion",
    ));
    assert_eq!(findings(&site), want);
    let out = site.run(&["check"]);
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("cites 202/2025/QH15, issued in 2025 (the year in its number), after this meeting (2024-05-01)"),
        "{text}"
    );
    assert!(!text.contains("98/2023/QH15,"), "{text}");
}

/// With the site's `language: vi` (and no other choice), every word is Vietnamese;
/// `--lang en` and `KETLUAN_LANG` override it. Codes stay the same.
#[test]
fn the_report_speaks_the_chosen_language() {
    let site = TestSite::new();
    site.write("content/a.md", conclusion("A", "2099-01-01", "Hà Tĩnh", ""));
    let site_yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", format!("{site_yaml}\nlanguage: vi\n"));
    let run = |lang: Option<&str>, args: &[&str]| {
        let mut cmd = assert_cmd::Command::cargo_bin("ketluan").unwrap();
        cmd.env_remove("KETLUAN_LANG")
            .env("LANG", "en_US.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES");
        if let Some(lang) = lang {
            cmd.env("KETLUAN_LANG", lang);
        }
        let out = cmd
            .args(args)
            .arg("--root")
            .arg(site.root())
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let vi = run(None, &["check"]);
    let expected = "── content/a.md\n\n\
        content/a.md:3:7: cảnh báo[date-in-future]: ngày 2099-01-01 ở trong tương lai\n  \
        |\n3 | date: 2099-01-01\n  |       ^\n  = cách sửa: ghi ngày họp; kiểm tra lại năm và thứ tự ngày/tháng\n  \
        = xem: ketluan explain date-in-future\n\n\
        0 lỗi và 1 cảnh báo trong 1 tệp\n";
    assert_eq!(vi, expected);
    let en = run(None, &["check", "--lang", "en"]);
    assert!(
        en.contains("warning[date-in-future]: the date 2099-01-01 is in the future"),
        "{en}"
    );
    assert!(en.ends_with("0 errors and 1 warning in 1 file\n"), "{en}");
    let env = run(Some("en"), &["check"]);
    assert_eq!(env, en);
    // JSON keeps its stable fields and severities, and carries the translated text.
    let json = run(None, &["check", "--format", "json"]);
    let found: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(found[0]["severity"], "warning");
    assert_eq!(found[0]["code"], "date-in-future");
    assert_eq!(found[0]["message"], "ngày 2099-01-01 ở trong tương lai");
}

#[test]
fn explain_prints_the_section_of_a_code_in_the_chosen_language() {
    let explain = |lang: &str, code: &str| {
        let mut cmd = assert_cmd::Command::cargo_bin("ketluan").unwrap();
        let dir = tempfile::tempdir().unwrap();
        cmd.current_dir(dir.path())
            .args(["explain", code, "--lang", lang])
            .output()
            .unwrap()
    };
    let vi = explain("vi", "unknown-key");
    assert_eq!(vi.status.code(), Some(0));
    let vi = String::from_utf8(vi.stdout).unwrap();
    assert!(vi.starts_with("### `unknown-key`\n\n**Khoá lạ**"), "{vi}");
    assert!(!vi.contains("### `missing-key`"), "{vi}");
    let en = String::from_utf8(explain("en", "unknown-key").stdout).unwrap();
    assert!(en.starts_with("### `unknown-key`\n\n**Unknown key"), "{en}");
    let wrong = explain("vi", "unknwn-key");
    assert_eq!(wrong.status.code(), Some(2));
    let err = String::from_utf8(wrong.stderr).unwrap();
    assert!(err.contains("không có mã lỗi `unknwn-key`"), "{err}");
    assert!(err.contains("`unknown-key`"), "{err}");
}

#[test]
fn a_public_portal_is_warned_of_missing_decree_fields() {
    let site = TestSite::new();
    site.write(
        "content/a.md",
        conclusion("Kết luận", "2023-03-22", "Hà Tĩnh", ""),
    );
    // An example host owes nothing.
    assert!(findings(&site).is_empty(), "{:?}", findings(&site));
    site.write(
        "site.yaml",
        "title: Thử nghiệm\nbase_url: https://ketluan.hatinh.gov.vn/\nportal:\n  agency: Văn phòng Tỉnh ủy\n  email: bbt@hatinh.gov.vn\n",
    );
    let found = findings(&site);
    assert_eq!(
        found,
        [(
            "site.yaml".to_string(),
            3,
            1,
            "warning".to_string(),
            "portal-incomplete".to_string()
        )]
    );
    let out = site.run(&["check"]);
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    for key in [
        "`address`",
        "`phone`",
        "`responsible`",
        "`licence_number`",
        "`licence_date`",
    ] {
        assert!(text.contains(key), "{key} not named:\n{text}");
    }
    assert!(!text.contains("`email`"), "{text}");
    // Without the block: at the top of site.yaml.
    site.write(
        "site.yaml",
        "title: Thử nghiệm\nbase_url: https://ketluan.hatinh.gov.vn/\n",
    );
    assert_eq!(findings(&site)[0].1, 1);
}

/// The usual mistakes on the command line are told in the chosen language, with
/// clap's suggestion and the usage, and exit 2.
#[test]
fn command_line_mistakes_are_told_in_the_chosen_language() {
    let run = |args: &[&str]| {
        let dir = tempfile::tempdir().unwrap();
        let out = assert_cmd::Command::cargo_bin("ketluan")
            .unwrap()
            .current_dir(dir.path())
            .env_remove("KETLUAN_LANG")
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        String::from_utf8(out.stderr).unwrap()
    };
    let err = run(&["--lang", "vi", "check", "--nope"]);
    assert!(
        err.starts_with("lỗi: không có tuỳ chọn `--nope`\n"),
        "{err}"
    );
    assert!(err.contains("Cách dùng: ketluan check [OPTIONS]"), "{err}");
    let err = run(&["--lang", "vi", "chek"]);
    assert!(err.contains("không có lệnh `chek`"), "{err}");
    assert!(err.contains("gợi ý: có phải ý bạn là `check`?"), "{err}");
    let err = run(&["--lang", "vi", "check", "--format", "xml"]);
    assert!(
        err.contains("giá trị `xml` không hợp lệ cho `--format <FORMAT>`"),
        "{err}"
    );
    let err = run(&["--lang", "vi", "check", "--root"]);
    assert!(err.contains("`--root <ROOT>` cần một giá trị"), "{err}");
    let err = run(&["--lang", "en", "new"]);
    assert!(
        err.contains(
            "these required arguments were not given:\n  --province <PROVINCE>\n  <TITLE>"
        ),
        "{err}"
    );
}

/// Tera's own English words about a template come framed in the reader's language,
/// at the template's line and column.
#[test]
fn a_template_error_is_framed_in_the_chosen_language() {
    let site = TestSite::new();
    site.write("content/a.md", conclusion("A", "2025-01-01", "Hà Tĩnh", ""));
    site.write("templates/404.html", "<p>\n{% if %}</p>");
    let vi = site.run(&["check", "--lang", "vi"]);
    let text = String::from_utf8_lossy(&vi.stdout);
    assert!(
        text.contains("templates/404.html:2:7: lỗi[template]: mẫu có lỗi (Tera báo bằng tiếng Anh): Found `%}`"),
        "{text}"
    );
    let en = site.run(&["check", "--lang", "en"]);
    let text = String::from_utf8_lossy(&en.stdout);
    assert!(
        text.contains("templates/404.html:2:7: error[template]: Found `%}`"),
        "{text}"
    );
}

//! `ketluan new`: a valid file with every key, never overwriting, refusing bad values.

mod common;

use common::TestSite;

const FILE: &str = "content/2024-05-01-ha-tinh-ket-luan-ve-chuyen-doi-so.md";

#[test]
fn creates_a_valid_file_with_every_key() {
    let site = TestSite::new();
    let out = site.run(&[
        "new",
        "Kết luận về chuyển đổi số",
        "--province",
        "tỉnh Hà Tĩnh",
        "--date",
        "1/5/2024",
        "--body",
        "Thường trực Tỉnh ủy",
        "--chaired-by",
        "Hoàng Trung Dũng",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), FILE);
    let text = site.read(FILE);
    for line in [
        "title: \"Kết luận về chuyển đổi số\"",
        "date: 2024-05-01",
        "province: Hà Tĩnh",
        "body: Thường trực Tỉnh ủy",
        "chaired_by: Hoàng Trung Dũng",
        "# signed_by:",
        "# number:",
        "# resolutions: []",
        "# tags: []",
        "# summary:",
        "# source:",
        "# author:",
        "# attachments: []",
        "# slug:",
        "# draft: false",
        "# references: auto",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "{line} missing in:\n{text}"
        );
    }
    site.build_ok();
    let page = site.read("public/ket-luan/2024-05-01-ha-tinh-ket-luan-ve-chuyen-doi-so/index.html");
    assert!(page.contains("Hoàng Trung Dũng"));
}

#[test]
fn refuses_to_overwrite() {
    let site = TestSite::new();
    let args = [
        "new",
        "Kết luận về chuyển đổi số",
        "--province",
        "Hà Tĩnh",
        "--date",
        "2024-05-01",
    ];
    assert_eq!(site.run(&args).status.code(), Some(0));
    site.write(FILE, "edited by hand");
    let out = site.run(&args);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("error[file-exists]"), "{err}");
    assert_eq!(site.read(FILE), "edited by hand");
}

#[test]
fn bad_values_are_refused_and_nothing_is_written() {
    let site = TestSite::new();
    let out = site.run(&["new", "X", "--province", "Hà Tỉnh", "--date", "2024-05-01"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error[unknown-province]: unknown province \"Hà Tỉnh\""),
        "{err}"
    );
    assert!(err.contains("did you mean `Hà Tĩnh`"), "{err}");

    let out = site.run(&["new", "X", "--province", "Hà Tĩnh", "--date", "31/2/2024"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error[invalid-date]"));

    let out = site.run(&[
        "new",
        "Mật",
        "--province",
        "Hà Tĩnh",
        "--date",
        "2024-05-01",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error[classified]"));

    let files = std::fs::read_dir(site.path("content")).unwrap().count();
    assert_eq!(files, 0);

    // Usage: the province is required; the root must be a site.
    assert_eq!(site.run(&["new", "X"]).status.code(), Some(2));
    let mut cmd = assert_cmd::Command::cargo_bin("ketluan").unwrap();
    cmd.env("KETLUAN_LANG", "en");
    let out = cmd
        .args([
            "new",
            "X",
            "--province",
            "Hà Tĩnh",
            "--root",
            "/no/such/site",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bad_values_are_reported_at_their_options_all_at_once() {
    let site = TestSite::new();
    let out = site.run(&[
        "new",
        "Mật",
        "--province",
        "Hà Tây",
        "--date",
        "31/2/2024",
        "--body",
        "TỐI MẬT",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    for (argument, code) in [
        ("--date", "invalid-date"),
        ("<TITLE>", "classified"),
        ("--body", "classified"),
        ("--province", "unknown-province"),
    ] {
        let line = format!("\n{argument}: error[{code}]: ");
        assert!(
            format!("\n{err}").contains(&line),
            "{line} missing in:\n{err}"
        );
    }
    // No file is named, nor its front matter.
    assert!(!err.contains("content/"), "{err}");
    assert!(err.contains("leave the mark out of this value"), "{err}");
    assert!(err.contains("did you mean `Hà Nam` or `Hà Nội`"), "{err}");

    let out = site.run(&["new", " ", "--province", "Hà Tĩnh"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("<TITLE>: error[invalid-value]: invalid value for `title`: \"\""),
        "{err}"
    );
    assert!(!err.contains("front matter"), "{err}");
    assert_eq!(std::fs::read_dir(site.path("content")).unwrap().count(), 0);
}

#[test]
fn the_date_defaults_to_today() {
    let site = TestSite::new();
    let out = site.run(&["new", "Hôm nay", "--province", "Quảng Ninh"]);
    assert_eq!(out.status.code(), Some(0));
    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let today = jiff::Zoned::now().date().to_string();
    assert_eq!(path, format!("content/{today}-quang-ninh-hom-nay.md"));
}

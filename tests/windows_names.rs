//! Names a Windows checkout cannot hold are refused by `check` and `build`, each
//! with the rename to make (`new` and `import` never write one: see draft.rs): device names (CON, NUL, COM1… with any
//! extension, any case), a final dot or space, `<>:"|?*` and control characters, and
//! names that differ only in case.

mod common;

use common::{TestSite, conclusion};
use serde_json::Value;

/// (file, line, column, code, help) of each finding of `check --format json`.
fn findings(site: &TestSite) -> Vec<(String, u64, u64, String, String)> {
    let out = site.run(&["check", "--format", "json"]);
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let mut found: Vec<_> = json
        .as_array()
        .expect("an array")
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["code"].as_str().unwrap().to_string(),
                f["help"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    found.sort();
    found
}

fn finding(
    file: &str,
    line: u64,
    column: u64,
    code: &str,
    help: &str,
) -> (String, u64, u64, String, String) {
    (file.into(), line, column, code.into(), help.into())
}

#[test]
fn content_names_windows_cannot_hold() {
    let site = TestSite::new();
    let ok = |title: &str| conclusion(title, "2024-05-01", "Hà Tĩnh", "");
    site.write("content/CON.md", ok("Một"));
    site.write("content/nul/ket-luan.md", ok("Hai"));
    site.write("content/hop-ngay-5.", ok("Ba"));
    site.write("content/ba/ba.md", ok("Ba"));
    site.write("content/ba/bao-cao?.pdf", "%PDF");
    site.write("content/ba/Com1.Docx", "docx");
    let found = findings(&site);
    let rename = |to: &str| format!("rename it to `{to}` (and change the name where it is listed)");
    assert_eq!(
        found,
        [
            finding("content/CON.md", 0, 0, "windows-name", &rename("CON-1.md")),
            finding(
                "content/ba/Com1.Docx",
                0,
                0,
                "windows-name",
                &rename("Com1-1.Docx")
            ),
            finding(
                "content/ba/bao-cao?.pdf",
                0,
                0,
                "windows-name",
                &rename("bao-cao-.pdf")
            ),
            finding(
                "content/hop-ngay-5.",
                0,
                0,
                "windows-name",
                &rename("hop-ngay-5")
            ),
            finding("content/nul", 0, 0, "windows-name", &rename("nul-1")),
        ]
    );
    // The build stops on them and keeps no output.
    let err = site.build_err();
    assert!(err.contains("content/CON.md"), "{err}");
    assert!(err.contains("Windows reserves this name"), "{err}");
    assert!(!site.path("public").exists());
}

#[test]
fn names_that_differ_only_in_case() {
    let site = TestSite::new();
    site.write(
        "content/2024/Ket-Luan-5.md",
        conclusion("Năm", "2024-05-01", "Hà Tĩnh", "slug: nam\n"),
    );
    site.write(
        "content/2024/ket-luan-5.md",
        conclusion("Năm bis", "2024-05-02", "Hà Tĩnh", "slug: nam-bis\n"),
    );
    site.write(
        "content/hop/hop.md",
        conclusion("Họp", "2024-05-03", "Hà Tĩnh", ""),
    );
    site.write("content/hop/Anh.jpg", "a");
    site.write("content/hop/anh.JPG", "b");
    // The same names in different folders are no clash.
    site.write("content/khac/anh.jpg", "c");
    let found = findings(&site);
    assert_eq!(
        found,
        [
            // Walked in byte order: upper case first, so the lower-case name is the twin.
            finding(
                "content/2024/ket-luan-5.md",
                0,
                0,
                "case-clash",
                "rename one of them, e.g. this one to `ket-luan-5-2.md`"
            ),
            finding(
                "content/hop/anh.JPG",
                0,
                0,
                "case-clash",
                "rename one of them, e.g. this one to `anh-2.jpg`"
            ),
        ]
    );
    let out = site.run(&["check"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("\"anh.JPG\" differs only in case from \"Anh.jpg\""),
        "{text}"
    );
}

#[test]
fn slugs_and_attachments_windows_cannot_hold() {
    let site = TestSite::new();
    site.write(
        "content/a/a.md",
        conclusion("A", "2024-05-01", "Hà Tĩnh", "slug: aux\n"),
    );
    site.write(
        "content/b/b.md",
        conclusion(
            "B",
            "2024-05-02",
            "Hà Tĩnh",
            "attachments:\n  - \"phu-luc:1.pdf\"\n  - lpt3.pdf\n",
        ),
    );
    let found = findings(&site);
    let rename = |to: &str| format!("rename it to `{to}` (and change the name where it is listed)");
    assert_eq!(
        found,
        [
            finding("content/a/a.md", 5, 7, "windows-name", &rename("aux-1")),
            // Inside the quotes: where the name starts.
            finding(
                "content/b/b.md",
                6,
                6,
                "windows-name",
                &rename("phu-luc-1.pdf")
            ),
            finding(
                "content/b/b.md",
                7,
                5,
                "windows-name",
                &rename("lpt3-1.pdf")
            ),
        ]
    );
}

//! Snapshots (insta) of the outputs other programs and people parse: the Atom feed,
//! the sitemap, the open data, `check --format json|github|gitlab` and the rendered
//! diagnostics. A change to any of them shows as a diff to review
//! (`cargo insta review`, CONTRIBUTING.md), not as a silent format change.
//! Sites are small and dated in the past, and the temporary folder is replaced by
//! `[ROOT]`, so the snapshots are deterministic.

mod common;

use std::process::Output;

use common::{TestSite, conclusion};

/// `ketluan ARGS --root SITE`, in an English locale, from inside the site's folder so
/// that the CI formats name files as a CI job would.
fn ketluan(site: &TestSite, args: &[&str]) -> Output {
    assert_cmd::Command::cargo_bin("ketluan")
        .unwrap()
        .args(args)
        .arg("--root")
        .arg(site.root())
        .current_dir(site.root())
        .env("LANG", "C.UTF-8")
        .env("LC_ALL", "C.UTF-8")
        // The English catalogue: the snapshots are the stable wording tools may parse.
        .env("KETLUAN_LANG", "en")
        .env_remove("LANGUAGE")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// `text` with the site's temporary folder written as `[ROOT]`.
fn rooted(site: &TestSite, text: &[u8]) -> String {
    let text = String::from_utf8(text.to_vec()).unwrap();
    let root = site.root().to_string_lossy().into_owned();
    let real = site.root().canonicalize().unwrap();
    text.replace(&*real.to_string_lossy(), "[ROOT]")
        .replace(&root, "[ROOT]")
}

fn built_example() -> TestSite {
    let site = TestSite::example();
    site.build_ok();
    site
}

/// Two short conclusions citing a national and a provincial document, one with a
/// title a spreadsheet would run as a formula, one with an attachment.
fn data_site() -> TestSite {
    let site = TestSite::new();
    site.write(
        "content/2024-03-05-ha-tinh.md",
        conclusion(
            "=HYPERLINK(\\\"x\\\") Kết luận về chuyển đổi số",
            "2024-03-05",
            "Hà Tĩnh",
            "number: 07-KL/TU\ntags: [chuyển đổi số]\nchaired_by: Nguyễn Văn A\n\
             attachments: [thong-bao.pdf]\n",
        ) + "\nTriển khai Nghị quyết số 57-NQ/TW và Nghị quyết số 05-NQ/TU.\n",
    );
    site.write("content/thong-bao.pdf", "%PDF-1.4\n");
    site.write(
        "content/2025-08-01-lam-dong.md",
        conclusion("Kết luận về hạ tầng", "2025-08-01", "Lâm Đồng", "")
            + "\nTiếp tục thực hiện Nghị quyết số 57-NQ/TW.\n",
    );
    site.build_ok();
    site
}

#[test]
fn atom_feed() {
    let site = built_example();
    insta::assert_snapshot!(site.read("public/atom.xml"));
}

#[test]
fn sitemap() {
    let site = built_example();
    insta::assert_snapshot!(site.read("public/sitemap.xml"));
}

#[test]
fn open_data() {
    let site = data_site();
    insta::assert_snapshot!(
        "conclusions_json",
        site.read("public/data/conclusions.json")
    );
    insta::assert_snapshot!("documents_json", site.read("public/data/documents.json"));
    insta::assert_snapshot!("conclusions_csv", site.read("public/data/conclusions.csv"));
}

/// A site with one finding of each common kind: an unknown province, a date that
/// is no date, a missing title, YAML that does not parse, a broken link and a
/// warning.
fn broken_site() -> TestSite {
    let site = TestSite::new();
    site.write(
        "content/province.md",
        conclusion("Tỉnh sai", "2024-01-02", "Hà Tịnh", ""),
    );
    site.write(
        "content/date.md",
        conclusion("Ngày sai", "2024-02-30", "Hà Tĩnh", ""),
    );
    site.write(
        "content/title.md",
        "---\ndate: 2024-01-03\nprovince: Nghệ An\n---\nNội dung.\n",
    );
    site.write(
        "content/yaml.md",
        "---\ntitle: \"Không đóng\ndate: 2024-01-04\n---\nNội dung.\n",
    );
    site.write(
        "content/links.md",
        conclusion("Liên kết", "2024-01-05", "Hà Tĩnh", "")
            + "\nXem [kết luận khác](../khong-co/).\n",
    );
    site
}

#[test]
fn check_formats() {
    let site = broken_site();
    for format in ["json", "github", "gitlab"] {
        let out = ketluan(&site, &["check", "--format", format]);
        assert_eq!(out.status.code(), Some(1), "{format}");
        insta::assert_snapshot!(format!("check_{format}"), rooted(&site, &out.stdout));
    }
}

#[test]
fn rendered_diagnostics() {
    let site = broken_site();
    let out = ketluan(&site, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let mut shown = rooted(&site, &out.stdout);
    shown.push_str(&rooted(&site, &out.stderr));
    insta::assert_snapshot!(shown);
}

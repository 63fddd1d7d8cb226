//! A site in a temporary folder, built by the real `ketluan` binary.
#![allow(dead_code)]

pub mod serve;

use std::path::{Path, PathBuf};
use std::process::Output;

use scraper::{Html, Selector};

pub struct TestSite {
    pub dir: tempfile::TempDir,
}

pub const SITE_YAML: &str =
    "title: Thử nghiệm\nbase_url: https://portal.example.gov.vn/ket-luan/\n";

/// `tests/fixtures/slips`: a site with every front-matter slip editors make.
pub fn slips_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/slips")
}

/// `ketluan check ARGS --root ROOT` in the site's own language: exit code and stdout.
pub fn check_in(root: &Path, args: &[&str]) -> (Option<i32>, String) {
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

/// A minimal valid conclusion with the given extra front matter lines.
pub fn conclusion(title: &str, date: &str, province: &str, extra: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndate: {date}\nprovince: {province}\n{extra}---\nNội dung kết luận.\n"
    )
}

impl TestSite {
    pub fn new() -> Self {
        let site = Self {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        site.write("site.yaml", SITE_YAML);
        std::fs::create_dir_all(site.path("content")).unwrap();
        site
    }

    /// The example site of the repository (site.yaml and content/).
    pub fn example() -> Self {
        let site = Self::new();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::copy(repo.join("site.yaml"), site.path("site.yaml")).unwrap();
        for e in std::fs::read_dir(repo.join("content")).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), site.path("content").join(e.file_name())).unwrap();
        }
        site
    }

    /// A copy of the site folder `dir` (relative to the repository), e.g. a fixture.
    pub fn copy_of(dir: &str) -> Self {
        let site = Self::new();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join(dir),
            site.root(),
        );
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, contents).unwrap();
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).unwrap();
    }

    /// Run `ketluan <args…> --root <site>`.
    pub fn run(&self, args: &[&str]) -> Output {
        let mut cmd = assert_cmd::Command::cargo_bin("ketluan").unwrap();
        cmd.env("KETLUAN_LANG", "en");
        cmd.args(args).arg("--root").arg(self.root());
        cmd.output().unwrap()
    }

    pub fn build(&self) -> Output {
        self.run(&["build"])
    }

    /// Build and insist on success.
    pub fn build_ok(&self) -> String {
        let out = self.build();
        assert!(
            out.status.success(),
            "build failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Build and insist on failure with exit code 1; returns stderr.
    pub fn build_err(&self) -> String {
        let out = self.build();
        assert_eq!(
            out.status.code(),
            Some(1),
            "expected a content error, got:\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    pub fn html(&self, rel: &str) -> Html {
        Html::parse_document(&self.read(rel))
    }
}

/// Texts of the elements matching `selector`, whitespace collapsed.
pub fn texts(html: &Html, selector: &str) -> Vec<String> {
    let sel = Selector::parse(selector).unwrap();
    html.select(&sel)
        .map(|e| {
            e.text()
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Values of `attr` on the elements matching `selector`.
pub fn attrs(html: &Html, selector: &str, attr: &str) -> Vec<String> {
    let sel = Selector::parse(selector).unwrap();
    html.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// Every file under `dir`, relative, sorted, with its bytes.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir(dir)
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walkdir(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// Copy the folder `from` into `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A 2022 conclusion of Đắk Nông (a former unit, now part of Lâm Đồng) about
/// infrastructure, with values that need quoting in CSV: for search, feeds and data.
pub const DAK_NONG: &str = r#"---
title: "Đắk Nông: tập trung đầu tư hạ tầng giao thông, kết nối vùng"
date: 2022-05-10
province: Đắk Nông
body: Ban Thường vụ Tỉnh ủy
chaired_by: Ngô Thanh Danh
signed_by: "Lê Văn \"Chính\""
number: 07-KL/TU
resolutions: [05-NQ/TU, 48-KL/TW]
tags: [hạ tầng, "giao thông, vận tải"]
summary: "Ban Thường vụ Tỉnh ủy Đắk Nông kết luận về đầu tư hạ tầng, giao thông; ưu tiên cao tốc Gia Nghĩa – Chơn Thành."
source: https://daknong.example.vn/tin/123
attachments: [ket luan 07.pdf]
---
Ban Thường vụ Tỉnh ủy **Đắk Nông** họp ngày 10/5/2022, kết luận về phát triển hạ tầng.

## Giao thông

Triển khai Nghị quyết số 05-NQ/TU của Tỉnh ủy; ưu tiên tuyến cao tốc, [xem mục tiêu](#muc-tieu).

## Mục tiêu {#muc-tieu}

Hoàn thành các công trình trọng điểm trước năm 2025.
"#;

/// Add the Đắk Nông conclusion (and its attachment) to `site`.
pub fn add_dak_nong(site: &TestSite) {
    site.write("content/dak-nong/2022-05-10-dak-nong-ha-tang.md", DAK_NONG);
    site.write("content/dak-nong/ket luan 07.pdf", b"%PDF-1.4\n");
}

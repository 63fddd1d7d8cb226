//! `ketluan import`: the five seed articles and articles of other shapes (other
//! outlets, a hard-wrapped text, a centrally-run city, places only, two provinces,
//! legacy encodings, a classified text) become the conclusions they should.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{TestSite, texts};

fn fixture(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let seed = dir.join("seeds").join(name);
    if seed.exists() {
        seed
    } else {
        dir.join("import").join(name)
    }
}

fn seed(n: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.remove(n)
}

fn ketluan(args: &[&std::ffi::OsStr]) -> Output {
    let mut cmd = assert_cmd::Command::cargo_bin("ketluan").unwrap();
    cmd.env("KETLUAN_LANG", "en");
    cmd.args(args).output().unwrap()
}

/// Import one file with `--stdout`: (the conclusion file, the summary).
fn import(file: &Path) -> (String, String) {
    let out = ketluan(&["import".as_ref(), file.as_os_str(), "--stdout".as_ref()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The value of a front-matter key as written (quotes and comment removed); `None`
/// when commented out or empty.
fn field(text: &str, key: &str) -> Option<String> {
    let line = text.lines().find(|l| l.starts_with(&format!("{key}:")))?;
    let value = line[key.len() + 1..].split("  # ").next().unwrap().trim();
    let value = value.trim_matches('"');
    (!value.is_empty()).then(|| value.to_string())
}

/// True when the key's line is marked for review.
fn flagged(text: &str, key: &str) -> bool {
    text.lines()
        .any(|l| l.starts_with(&format!("{key}:")) && l.contains("# kiểm tra lại"))
}

fn body(text: &str) -> &str {
    let end = text[3..].find("\n---\n").unwrap() + 3 + 5;
    &text[end..]
}

#[test]
fn seed_000() {
    let (f, summary) = import(&seed(0));
    assert_eq!(
        field(&f, "title").as_deref(),
        Some("Tập trung lãnh đạo, chỉ đạo cụ thể hóa các chủ trương, nghị quyết của cấp ủy")
    );
    assert_eq!(field(&f, "date").as_deref(), Some("2021-11-01"));
    assert_eq!(field(&f, "province").as_deref(), Some("Hà Tĩnh"));
    assert_eq!(field(&f, "body").as_deref(), Some("Thường trực Tỉnh ủy"));
    assert_eq!(field(&f, "chaired_by").as_deref(), Some("Hoàng Trung Dũng"));
    assert_eq!(field(&f, "resolutions"), None);
    assert_eq!(field(&f, "author").as_deref(), Some("Thu Hà"));
    assert!(!f.contains("# kiểm tra lại"), "{f}");
    assert!(
        summary.contains("`Chiều 1/11` (line 5), year from the header's 2021-11"),
        "{summary}"
    );
    assert!(summary.contains("every field was found"), "{summary}");
    let b = body(&f);
    // Captions and the link to another article are gone; the byline too.
    assert!(
        !b.contains("Bí thư Tỉnh ủy kết luận buổi làm việc\n"),
        "{b}"
    );
    assert!(!b.contains("9 tháng năm 2021, chỉ số sản xuất"), "{b}");
    assert!(!b.trim_end().ends_with("Thu Hà"), "{b}");
    assert!(b.contains("\n\nChiều 1/11, dưới sự chủ trì của Bí thư Tỉnh ủy Hoàng Trung Dũng"));
}

#[test]
fn seed_001() {
    let (f, _) = import(&seed(1));
    assert_eq!(field(&f, "date").as_deref(), Some("2022-01-18"));
    assert_eq!(field(&f, "province").as_deref(), Some("Hà Tĩnh"));
    assert_eq!(field(&f, "body").as_deref(), Some("Tỉnh ủy"));
    assert_eq!(field(&f, "chaired_by").as_deref(), Some("Trần Thế Dũng"));
    assert_eq!(
        field(&f, "resolutions").as_deref(),
        Some("[05-NQ/TU, 06-NQ/TU, 08-NQ/TU, 09-NQ/TU]")
    );
    let b = body(&f);
    assert!(
        b.contains("\n## Quán triệt 4 nghị quyết trọng tâm, mang tính chiến lược\n"),
        "{b}"
    );
    for caption in [
        "Toàn cảnh điểm cầu tỉnh.",
        "Điểm cầu tại Báo Hà Tĩnh.",
        "... dự hội nghị",
    ] {
        assert!(!b.contains(caption), "{caption}");
    }
}

#[test]
fn seed_002() {
    let (f, _) = import(&seed(2));
    assert_eq!(field(&f, "date").as_deref(), Some("2023-03-22"));
    assert_eq!(field(&f, "province").as_deref(), Some("Hà Tĩnh"));
    assert_eq!(field(&f, "body").as_deref(), Some("Ban Thường vụ Tỉnh ủy"));
    assert_eq!(
        field(&f, "resolutions").as_deref(),
        Some("[48-KL/TW, 29-KL/TU, 1567-CV/TU]")
    );
    // No title in the article: one is made and flagged; several chaired: flagged.
    assert!(flagged(&f, "title"), "{f}");
    assert!(
        field(&f, "title")
            .unwrap()
            .starts_with("Ban Thường vụ Tỉnh ủy tổ chức Hội nghị")
    );
    assert_eq!(field(&f, "chaired_by").as_deref(), Some("Hoàng Trung Dũng"));
    assert!(flagged(&f, "chaired_by"));
    // Numbered points and bullets are Markdown lists; the trailing `|` is gone.
    let b = body(&f);
    assert!(b.contains("\n\n1. Triển khai nhiệm vụ chính trị"), "{b}");
    assert!(b.contains("\n\n   Thu ngân sách các năm 2021, 2022"), "{b}");
    assert!(
        b.contains("\n   - Tập trung triển khai Quy hoạch tỉnh"),
        "{b}"
    );
    assert!(
        b.contains("\n   - Đổi mới, nâng cao chất lượng hiệu quả công tác nội chính"),
        "{b}"
    );
    assert!(b.contains("\n\n3. Về các kiến nghị"), "{b}");
    assert!(
        b.trim_end().ends_with("báo cáo Ban Thường vụ Tỉnh ủy."),
        "{b}"
    );
    assert!(
        !b.contains("Tham gia ý kiến tại hội nghị, ông Đinh Văn Nam"),
        "{b}"
    );
}

#[test]
fn seed_003_province_from_place_names() {
    let (f, summary) = import(&seed(3));
    assert_eq!(
        field(&f, "title").as_deref(),
        Some("UBND tỉnh: Quyết liệt trong chỉ đạo, điều hành các nhiệm vụ phát triển KT-XH")
    );
    assert_eq!(field(&f, "province").as_deref(), Some("Quảng Ninh"));
    assert!(flagged(&f, "province"));
    assert!(summary.contains("from place names: `Hạ Long`"), "{summary}");
    let date = field(&f, "date").unwrap();
    assert!(
        ("2021-03-01".."2021-05-01").contains(&date.as_str()),
        "{date}"
    );
    assert!(summary.contains("from the dateline (line 3)"), "{summary}");
    assert_eq!(field(&f, "body").as_deref(), Some("UBND tỉnh"));
    assert_eq!(field(&f, "chaired_by").as_deref(), Some("Nguyễn Tường Văn"));
    assert_eq!(
        field(&f, "resolutions").as_deref(),
        Some("[108/QĐ-UBND, 326/2021/NQ-HĐND, 1393/UBND-DL1, 12/KH-UBND, 36-KL/TU]")
    );
    assert_eq!(field(&f, "author").as_deref(), Some("Hồng Nhung"));
    let b = body(&f);
    for gone in [
        "Ảnh: Mạnh Trường",
        "Tin liên quan",
        "Thứ Sáu, 09/04/2021",
        "Hồng Nhung",
        "\n.\n",
    ] {
        assert!(!b.contains(gone), "{gone} in\n{b}");
    }
    assert!(summary.contains("lone dots (lines 4, 5, 39"), "{summary}");
}

#[test]
fn seed_004() {
    let (f, summary) = import(&seed(4));
    assert_eq!(field(&f, "date").as_deref(), Some("2021-06-15"));
    assert_eq!(field(&f, "province").as_deref(), Some("Lâm Đồng"));
    assert_eq!(field(&f, "body").as_deref(), Some("Thường trực Tỉnh ủy"));
    assert_eq!(field(&f, "chaired_by").as_deref(), Some("Trần Đức Quận"));
    assert_eq!(field(&f, "resolutions"), None);
    // The outlet's tag is not part of the text.
    assert!(body(&f).starts_with("\nChiều 15/6, Thường trực Tỉnh ủy có buổi làm việc"));
    assert!(summary.contains("LĐ online"), "{summary}");
}

#[test]
fn imported_seeds_pass_check_and_build() {
    let site = TestSite::new();
    let content = site.path("content");
    let mut args: Vec<&std::ffi::OsStr> = vec!["import".as_ref()];
    let seeds: Vec<PathBuf> = (0..5).map(seed).collect();
    args.extend(seeds.iter().map(|p| p.as_os_str()));
    args.extend(["--out".as_ref(), content.as_os_str()]);
    let out = ketluan(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read_dir(&content).unwrap().count(), 5);
    let check = site.run(&["check"]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    site.build_ok();
    // 002's points are an ordered list with bullets inside.
    let name = std::fs::read_dir(&content)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("2023-03-22-ha-tinh"))
        .unwrap();
    let slug = name.trim_end_matches(".md");
    let html = site.html(&format!("public/ket-luan/{slug}/index.html"));
    assert_eq!(texts(&html, "div.content > ol > li").len(), 3);
    assert!(texts(&html, "div.content > ol > li ul > li").len() > 20);

    // Importing again refuses to overwrite.
    let again = ketluan(&args);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("error[file-exists]"));
}

#[test]
fn another_outlet_with_a_dateline_bullets_and_a_link_list() {
    let (f, summary) = import(&fixture("quang-tri-phien-hop.txt"));
    assert_eq!(
        field(&f, "title").as_deref(),
        Some("UBND tỉnh Quảng Trị họp phiên thường kỳ tháng 5")
    );
    assert_eq!(field(&f, "date").as_deref(), Some("2023-05-11"));
    assert!(
        summary.contains("year from the dateline's 2023 (line 3)"),
        "{summary}"
    );
    assert_eq!(field(&f, "province").as_deref(), Some("Quảng Trị"));
    assert_eq!(field(&f, "body").as_deref(), Some("UBND tỉnh"));
    assert_eq!(field(&f, "chaired_by").as_deref(), Some("Võ Văn Hưng"));
    assert_eq!(field(&f, "resolutions").as_deref(), Some("[45/KH-UBND]"));
    assert_eq!(field(&f, "author").as_deref(), Some("Minh Anh"));
    let b = body(&f);
    assert!(
        b.contains("\n\n- Đẩy nhanh tiến độ giải ngân vốn đầu tư công"),
        "{b}"
    );
    assert!(b.contains("Đông Hà.\n- Rà soát, tháo gỡ khó khăn"), "{b}");
    for gone in [
        "Ảnh: Minh Anh",
        "Tin cùng chuyên mục",
        "Khởi công dự án",
        "12/05/2023 09:15",
    ] {
        assert!(!b.contains(gone), "{gone} in\n{b}");
    }
}

#[test]
fn a_hard_wrapped_text_of_a_city_party_committee() {
    let (f, _) = import(&fixture("da-nang-thanh-uy-wrapped.txt"));
    assert_eq!(field(&f, "date").as_deref(), Some("2024-07-05"));
    assert_eq!(field(&f, "province").as_deref(), Some("Đà Nẵng"));
    assert_eq!(field(&f, "body").as_deref(), Some("Ban Thường vụ Thành ủy"));
    assert_eq!(field(&f, "chaired_by").as_deref(), Some("Nguyễn Văn Quảng"));
    assert_eq!(
        field(&f, "resolutions").as_deref(),
        Some("[43-NQ/TW, 79-KL/TW]")
    );
    assert_eq!(field(&f, "author").as_deref(), Some("Văn Thắng"));
    let b = body(&f);
    assert!(
        b.contains("tổ chức hội nghị nghe báo cáo tình hình"),
        "lines joined: {b}"
    );
    assert!(b.contains("\n\nb) Giao Ban cán sự đảng UBND thành phố chỉ đạo xây dựng kế hoạch cụ thể, báo cáo Ban"), "{b}");
}

#[test]
fn places_only_and_a_relative_date() {
    let (f, summary) = import(&fixture("da-lat-chieu-nay.txt"));
    assert_eq!(field(&f, "date").as_deref(), Some("2024-03-04"));
    assert!(
        summary.contains("`Chiều nay` (line 5), relative to the dateline"),
        "{summary}"
    );
    assert_eq!(field(&f, "province").as_deref(), Some("Lâm Đồng"));
    assert!(flagged(&f, "province"));
    // No one is named as chair: left empty and flagged.
    assert_eq!(field(&f, "chaired_by"), None);
    assert!(flagged(&f, "chaired_by"));
    assert!(
        summary.contains("to check     province, chaired_by"),
        "{summary}"
    );
}

#[test]
fn two_provinces_equally_named_leave_it_empty() {
    let site = TestSite::new();
    let content = site.path("content");
    let file = fixture("hai-tinh.txt");
    let out = ketluan(&[
        "import".as_ref(),
        file.as_os_str(),
        "--out".as_ref(),
        content.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(
        summary.contains("unsure between Hà Tĩnh (6) and Nghệ An (6)"),
        "{summary}"
    );
    let name = std::fs::read_dir(&content)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(&name).unwrap();
    assert_eq!(field(&text, "province"), None);
    assert!(flagged(&text, "province"));
    // Such a file does not pass check until the editor fills it in.
    let check = site.run(&["check"]);
    assert_eq!(check.status.code(), Some(1));
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(
        report.contains("the key `province` has no value"),
        "{report}"
    );
    assert!(
        report.contains("help: write the value after `province:`"),
        "{report}"
    );
}

#[test]
fn legacy_encodings_are_converted() {
    for (name, encoding) in [
        ("windows-1258.txt", "Windows-1258"),
        ("tcvn3.txt", "TCVN3 (ABC)"),
    ] {
        let (f, summary) = import(&fixture(name));
        assert!(
            summary.contains(&format!("encoding     {encoding}, converted to UTF-8")),
            "{summary}"
        );
        assert_eq!(
            field(&f, "title").as_deref(),
            Some("Kết luận buổi làm việc tại huyện Kỳ Anh")
        );
        assert_eq!(field(&f, "date").as_deref(), Some("2023-04-03"));
        assert_eq!(field(&f, "province").as_deref(), Some("Hà Tĩnh"));
        assert_eq!(field(&f, "chaired_by").as_deref(), Some("Hoàng Trung Dũng"));
        assert!(body(&f).contains("Đồng chí đề nghị đẩy nhanh tiến độ dự án."));
    }
}

#[test]
fn other_encodings_are_refused_with_a_clear_message() {
    let file = fixture("shift-jis.txt");
    let out = ketluan(&["import".as_ref(), file.as_os_str(), "--stdout".as_ref()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("shift-jis.txt:1:1: error[encoding]: the file is not UTF-8 and reads as neither Windows-1258 nor TCVN3 (ABC)"), "{err}");
    assert!(err.contains("Unikey"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn classified_articles_are_not_imported() {
    let site = TestSite::new();
    let content = site.path("content");
    let file = fixture("mat.txt");
    let out = ketluan(&[
        "import".as_ref(),
        file.as_os_str(),
        "--out".as_ref(),
        content.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("mat.txt:1:1: error[classified]"), "{err}");
    assert_eq!(std::fs::read_dir(&content).unwrap().count(), 0);
}

#[test]
fn an_empty_file_or_a_saved_web_page_is_not_imported() {
    let site = TestSite::new();
    let content = site.path("content");
    site.write("trong.txt", "  \r\n\n");
    site.write(
        "bai.html",
        "\u{feff}\n<!DOCTYPE html>\n<html><head><title>Kết luận</title></head>\
         <body><nav>Trang chủ</nav><p>Ngày 1/11/2024, Thường trực Tỉnh ủy…</p></body></html>\n",
    );
    let out = ketluan(&[
        "import".as_ref(),
        site.path("trong.txt").as_os_str(),
        site.path("bai.html").as_os_str(),
        "--out".as_ref(),
        content.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("trong.txt:1:1: error[not-an-article]: the file is empty"),
        "{err}"
    );
    assert!(
        err.contains("bai.html:2:1: error[not-an-article]: the file is a web page (HTML)"),
        "{err}"
    );
    assert!(err.contains("copy its text"), "{err}");
    assert_eq!(std::fs::read_dir(&content).unwrap().count(), 0);
}

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
    // Run outside any site: a test that writes must name its site with --root.
    cmd.current_dir(std::env::temp_dir());
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
    args.extend([
        "--out".as_ref(),
        content.as_os_str(),
        "--root".as_ref(),
        site.root().as_os_str(),
    ]);
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
        "--root".as_ref(),
        site.root().as_os_str(),
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
        "--root".as_ref(),
        site.root().as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("mat.txt:1:1: error[classified]"), "{err}");
    assert_eq!(std::fs::read_dir(&content).unwrap().count(), 0);
}

#[test]
fn an_empty_file_an_image_or_an_old_word_file_is_not_imported() {
    let site = TestSite::new();
    let content = site.path("content");
    site.write("trong.txt", "  \r\n\n");
    std::fs::write(site.path("anh.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(
        site.path("cu.doc"),
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0\0\0\0\0",
    )
    .unwrap();
    let out = ketluan(&[
        "import".as_ref(),
        site.path("trong.txt").as_os_str(),
        site.path("anh.txt").as_os_str(),
        site.path("cu.doc").as_os_str(),
        "--out".as_ref(),
        content.as_os_str(),
        "--root".as_ref(),
        site.root().as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("trong.txt:1:1: error[not-an-article]: the file is empty"),
        "{err}"
    );
    // The kind is told from the content, whatever the extension says.
    assert!(
        err.contains("anh.txt:1:1: error[unreadable-input]: the file is an image (PNG), not text"),
        "{err}"
    );
    assert!(
        err.contains("cu.doc:1:1: error[unreadable-input]: the file is an old Word document"),
        "{err}"
    );
    assert!(err.contains("save it as .docx"), "{err}");
    assert_eq!(std::fs::read_dir(&content).unwrap().count(), 0);
}

fn file(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/files")
        .join(name)
}

#[test]
fn a_saved_news_page_is_read_without_its_furniture() {
    let (f, summary) = import(&file("phu-tho-btv-18-9-2025.html"));
    assert!(
        summary.contains("read as      web page (HTML)"),
        "{summary}"
    );
    assert_eq!(
        field(&f, "title").as_deref(),
        Some("Ban Thường vụ Tỉnh ủy cho ý kiến vào một số nội dung quan trọng")
    );
    assert_eq!(field(&f, "date").as_deref(), Some("2025-09-18"));
    assert_eq!(field(&f, "body").as_deref(), Some("Ban Thường vụ Tỉnh ủy"));
    assert_eq!(field(&f, "chaired_by").as_deref(), Some("Đặng Xuân Phong"));
    assert_eq!(
        field(&f, "resolutions").as_deref(),
        Some("[111/2022/NĐ-CP]")
    );
    assert_eq!(field(&f, "author").as_deref(), Some("Thu Hương"));
    assert_eq!(
        field(&f, "source").as_deref(),
        Some(
            "https://baophutho.vn/ban-thuong-vu-tinh-uy-cho-y-kien-vao-mot-so-noi-dung-quan-trong-239791.htm"
        )
    );
    // The province is named nowhere in the article: left empty, flagged.
    assert_eq!(field(&f, "province"), None);
    assert!(flagged(&f, "province"));
    let b = body(&f);
    assert!(
        b.starts_with("\nChiều 18/9, đồng chí Đặng Xuân Phong"),
        "{b}"
    );
    for gone in [
        "Thời sự",
        "Trang chủ",
        "Facebook",
        "Cỡ chữ",
        "chủ trì hội nghị.\n",
        "Đinh Công Thực đóng góp ý kiến",
        "Tin liên quan",
        "Thời tiết Phú Thọ",
        "Từ khóa",
        "Giấy phép",
        "dataLayer",
        "Thu Hương",
    ] {
        assert!(!b.contains(gone), "{gone} in\n{b}");
    }
}

#[test]
fn a_word_notice_keeps_its_structure_and_reads_its_form() {
    let (f, summary) = import(&file("hue-ket-luan-445.docx"));
    assert!(
        summary.contains("read as      Word document (DOCX)"),
        "{summary}"
    );
    assert_eq!(
        field(&f, "title").as_deref(),
        Some(
            "Kết luận của Ban Thường vụ Tỉnh ủy về tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội 4 tháng đầu năm 2022"
        )
    );
    assert_eq!(field(&f, "date").as_deref(), Some("2022-05-10"));
    assert!(!flagged(&f, "date"));
    assert!(
        summary.contains("`Tại cuộc họp ngày 10/5/2022` ") || summary.contains("ngày 10/5/2022"),
        "{summary}"
    );
    assert_eq!(field(&f, "body").as_deref(), Some("Ban Thường vụ Tỉnh ủy"));
    assert_eq!(field(&f, "number").as_deref(), Some("445-KL/TU"));
    assert_eq!(field(&f, "signed_by").as_deref(), Some("Trần Văn Minh"));
    assert!(summary.contains("`T/M BAN THƯỜNG VỤ`"), "{summary}");
    // The notice's own number is not one of the documents it cites.
    assert_eq!(
        field(&f, "resolutions").as_deref(),
        Some("[03-NQ/TU, 48-KL/TW, 1567-CV/TU]")
    );
    let b = body(&f);
    // Headings, lists and a data table as Markdown; letterhead and closing gone.
    assert!(b.contains("\n1. Về kết quả 4 tháng đầu năm\n"), "{b}");
    assert!(
        b.contains("   | Chỉ tiêu | Kế hoạch 2022 | 4 tháng |\n   | --- | --- | --- |\n   | Thu ngân sách (tỷ đồng) | 8.500 | 3.120 |"),
        "{b}"
    );
    assert!(b.contains("\n   - Đẩy nhanh tiến độ giải ngân"), "{b}");
    for gone in [
        "ĐẢNG BỘ",
        "Số 445",
        "Huế, ngày",
        "Nơi nhận",
        "Lưu Văn phòng",
        "T/M",
        "Trần Văn Minh",
        "KẾT LUẬN",
    ] {
        assert!(!b.contains(gone), "{gone} in\n{b}");
    }
}

#[test]
fn a_word_file_that_unpacks_to_too_much_is_refused() {
    use std::io::Write;
    let site = TestSite::new();
    let path = site.path("bom.docx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", options).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..40 {
        zip.write_all(&chunk).unwrap();
    }
    zip.finish().unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() < 1 << 20);
    let out = ketluan(&["import".as_ref(), path.as_os_str(), "--stdout".as_ref()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bom.docx:1:1: error[unreadable-input]: the Word document's text unpacks to more than 32 MB"),
        "{err}"
    );
    // A zip that is no Word document.
    let other = site.path("khac.docx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&other).unwrap());
    zip.start_file("a.txt", options).unwrap();
    zip.write_all(b"x").unwrap();
    zip.finish().unwrap();
    let out = ketluan(&["import".as_ref(), other.as_os_str(), "--stdout".as_ref()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("not a Word document (no word/document.xml)"),
        "{err}"
    );
}

#[test]
fn a_pdf_notice_is_read_from_its_text_layer() {
    let (f, summary) = import(&file("quang-ninh-thong-bao-123.pdf"));
    assert!(summary.contains("read as      PDF"), "{summary}");
    assert_eq!(field(&f, "date").as_deref(), Some("2024-03-12"));
    assert_eq!(field(&f, "province").as_deref(), Some("Quảng Ninh"));
    assert!(!flagged(&f, "province"));
    assert_eq!(field(&f, "body").as_deref(), Some("UBND tỉnh"));
    assert_eq!(field(&f, "chaired_by").as_deref(), Some("Phạm Quốc Hưng"));
    assert_eq!(field(&f, "number").as_deref(), Some("123/TB-UBND"));
    assert_eq!(field(&f, "signed_by").as_deref(), Some("Lê Thị Hồng Nhung"));
    assert_eq!(
        field(&f, "resolutions").as_deref(),
        Some("[45/KH-UBND, 326/2021/NQ-HĐND]")
    );
    let b = body(&f);
    // Lines wrapped by the page are one paragraph again; justified spaces are one.
    assert!(
        b.contains("Giao thông vận tải, Tài chính, Kế hoạch và Đầu tư"),
        "{b}"
    );
    assert!(
        b.contains("\n1. Sở Giao thông vận tải chủ trì, phối hợp"),
        "{b}"
    );
    assert!(
        !b.contains("Nơi nhận") && !b.contains("CHÁNH VĂN PHÒNG"),
        "{b}"
    );
}

#[test]
fn a_scanned_pdf_is_refused_with_what_to_do() {
    let path = file("scan-khong-co-chu.pdf");
    let out = ketluan(&["import".as_ref(), path.as_os_str(), "--stdout".as_ref()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "scan-khong-co-chu.pdf:1:1: error[unreadable-input]: the PDF has no text layer"
        ),
        "{err}"
    );
    assert!(err.contains("ocrmypdf -l vie"), "{err}");
    // A damaged PDF is refused the same way, never a crash.
    let site = TestSite::new();
    site.write(
        "hong.pdf",
        "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\ntrailer\n",
    );
    let out = ketluan(&[
        "import".as_ref(),
        site.path("hong.pdf").as_os_str(),
        "--stdout".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("hong.pdf:1:1: error[unreadable-input]: the PDF"),
        "{err}"
    );
    assert!(!err.contains("internal error"), "{err}");
}

#[test]
fn a_folder_is_imported_once_per_article_with_a_summary_table_and_csv() {
    let site = TestSite::new();
    let inbox = site.path("bai-cu");
    std::fs::create_dir_all(inbox.join("word")).unwrap();
    std::fs::copy(seed(0), inbox.join("a-seed.txt")).unwrap();
    std::fs::copy(fixture("windows-1258.txt"), inbox.join("b-ky-anh.txt")).unwrap();
    // The same article in another encoding and under another name: a duplicate.
    std::fs::copy(fixture("tcvn3.txt"), inbox.join("c-ky-anh-tcvn3.md")).unwrap();
    std::fs::copy(
        file("hue-ket-luan-445.docx"),
        inbox.join("word/thong-bao.docx"),
    )
    .unwrap();
    // Not read from a folder: hidden files and kinds import does not read.
    std::fs::write(inbox.join(".nhap.txt"), "Ngày 1/1/2024, Tỉnh ủy họp.").unwrap();
    std::fs::write(inbox.join("anh.jpg"), b"\xFF\xD8\xFF\xE0").unwrap();
    let out = ketluan(&[
        "import".as_ref(),
        inbox.as_os_str(),
        "--root".as_ref(),
        site.root().as_os_str(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    // Written to ROOT/content by default; the duplicate is not.
    let written: Vec<String> = std::fs::read_dir(site.path("content"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(written.len(), 3, "{written:?}");
    assert!(
        stderr.contains("c-ky-anh-tcvn3.md is the same article as")
            && stderr.contains("b-ky-anh.txt; it was skipped"),
        "{stderr}"
    );
    // The table: a header and one row per input, in order.
    let table: Vec<&str> = stdout
        .lines()
        .skip_while(|l| !l.starts_with("file "))
        .take_while(|l| !l.is_empty() && !l.starts_with("summary: "))
        .collect();
    assert_eq!(table.len(), 5, "{stdout}");
    assert!(table[0].contains("province") && table[0].contains("to check"));
    assert!(
        table[1].contains("a-seed.txt") && table[1].contains("Hà Tĩnh"),
        "{}",
        table[1]
    );
    assert!(table[1].contains("Hoàng Trung Dũng") && table[1].ends_with("written"));
    assert!(table[3].contains("duplicate of"), "{}", table[3]);
    assert!(table[4].contains("thong-bao.docx") && table[4].contains("Ban Thường vụ Tỉnh ủy"));
    // The same table as CSV, every cell whole.
    let csv = std::fs::read_to_string(site.path("import-report.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 5, "{csv}");
    assert_eq!(
        lines[0],
        "file,date,province,body,chair,documents,to check,result"
    );
    assert!(
        lines[4].contains(",2022-05-10,Huế,Ban Thường vụ Tỉnh ủy,,3,chaired_by,written"),
        "{}",
        lines[4]
    );
    assert!(stdout.contains("summary: "), "{stdout}");
    // What was imported passes check (the flagged chair is left for the editor).
    let check = site.run(&["check"]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn import_outside_a_site_is_refused_like_new() {
    let out = ketluan(&["import".as_ref(), seed(0).as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error: --root .: not a ketluan site (no site.yaml)"),
        "{err}"
    );
    // --stdout writes nothing, so it needs no site.
    let out = ketluan(&["import".as_ref(), seed(0).as_os_str(), "--stdout".as_ref()]);
    assert_eq!(out.status.code(), Some(0));
}

/// A fixture's truth, written by hand before the importer was run on it: `key:
/// value` lines; an empty value means the text does not say (the importer must
/// leave the field empty or flag it); `a|b` accepts either.
fn truth(path: &Path) -> std::collections::HashMap<String, String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// Why a title is page furniture, if it is: a date line, a section label, an
/// outlet's tag or name, a letterhead, a contact line, a header's marker.
fn furniture_title(title: &str) -> Option<&'static str> {
    let lower = title.to_lowercase();
    let words = title.split_whitespace().count();
    let starts_with_date = ["sáng", "chiều", "tối", "trưa", "ngày", "thứ"]
        .iter()
        .any(|w| {
            lower.strip_prefix(w).is_some_and(|rest| {
                let rest = rest.trim_start().trim_start_matches("ngày").trim_start();
                rest.starts_with(|c: char| c.is_ascii_digit()) || rest.starts_with("nay")
            })
        });
    if starts_with_date || title.starts_with(|c: char| c.is_ascii_digit()) {
        return Some("a date line");
    }
    if words < 3 {
        return Some("a label of one or two words");
    }
    let labels = [
        "thời sự",
        "xây dựng đảng",
        "chính trị",
        "tin tức",
        "thời cuộc",
        "trang chủ",
    ];
    if labels
        .iter()
        .any(|l| lower.starts_with(l) && lower.len() <= l.len() + 12)
    {
        return Some("a section label");
    }
    if title.starts_with('(') || lower.starts_with("date ") || lower.starts_with("báo ") {
        return Some("an outlet's tag or name");
    }
    let letters: Vec<char> = title.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.iter().all(|c| c.is_uppercase()) {
        return Some("a letterhead or a heading in capitals");
    }
    let tools = [
        "hotline",
        "print",
        "chia sẻ",
        "cỡ chữ",
        "lượt truy cập",
        "facebook",
    ];
    if tools.iter().any(|t| lower.contains(t)) {
        return Some("the page's tools or contacts");
    }
    None
}

/// Per field: (right, total, wrong and not flagged).
type Score = (usize, usize, usize);

/// Imports every fixture of `dirs` that has a truth file and scores each field.
fn score(
    dirs: &[&str],
) -> (
    Vec<(&'static str, Score)>,
    (usize, usize, usize),
    Vec<String>,
) {
    let fields: [(&'static str, &str); 6] = [
        ("date", "date"),
        ("province", "province"),
        ("body", "body"),
        ("chair", "chaired_by"),
        ("number", "number"),
        ("signed_by", "signed_by"),
    ];
    let mut scores: Vec<(&'static str, Score)> =
        fields.iter().map(|(n, _)| (*n, (0, 0, 0))).collect();
    let (mut tp, mut fp, mut fne) = (0, 0, 0);
    let mut problems = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    for dir in dirs {
        let mut truths: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "truth"))
            .collect();
        truths.sort();
        for t in truths {
            let want = truth(&t);
            let input = std::fs::read_dir(t.parent().unwrap())
                .unwrap()
                .map(|e| e.unwrap().path())
                .find(|p| p.file_stem() == t.file_stem() && p != &t)
                .unwrap();
            let name = input.file_name().unwrap().to_string_lossy().into_owned();
            let (f, _) = import(&input);
            for (i, (truth_key, key)) in fields.iter().enumerate() {
                let Some(expected) = want.get(*truth_key) else {
                    continue;
                };
                let got = field(&f, key);
                let marked = flagged(&f, key);
                let accepted: Vec<&str> = expected.split('|').filter(|v| !v.is_empty()).collect();
                let right = match &got {
                    None => accepted.is_empty() || (*truth_key == "province"),
                    Some(g) => accepted.contains(&g.as_str()) || (accepted.is_empty() && marked),
                };
                let s = &mut scores[i].1;
                s.1 += 1;
                if right {
                    s.0 += 1;
                } else {
                    problems.push(format!(
                        "{name}: {truth_key} is {got:?}, the truth {expected:?}"
                    ));
                    if got.is_some() && !marked {
                        s.2 += 1;
                    }
                }
            }
            let listed: Vec<String> = field(&f, "resolutions")
                .map(|r| {
                    r.trim_matches(['[', ']'])
                        .split(", ")
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default();
            let cited: Vec<&str> = want["documents"]
                .split(',')
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .collect();
            for d in &listed {
                if cited.contains(&d.as_str()) {
                    tp += 1;
                } else {
                    fp += 1;
                    problems.push(format!("{name}: {d} listed but not cited"));
                }
            }
            for d in &cited {
                if !listed.iter().any(|l| l == d) {
                    fne += 1;
                    problems.push(format!("{name}: {d} cited but not listed"));
                }
            }
            if let Some(t) = field(&f, "title")
                && let Some(why) = furniture_title(&t)
            {
                problems.push(format!("{name}: the title {t:?} is {why}"));
            }
        }
    }
    (scores, (tp, fp, fne), problems)
}

/// The importer on real articles and notices whose truth was written first: every
/// field above its floor, documents found precisely, no title of page furniture, and
/// no value wrong without `# kiểm tra lại`. `--nocapture` prints the table that
/// docs/import.md quotes.
#[test]
fn accuracy_on_the_corpus_meets_the_floors() {
    for dirs in [&["corpus", "notices", "files"][..], &["heldout"][..]] {
        let (scores, (tp, fp, fne), problems) = score(dirs);
        let percent = |a: usize, b: usize| {
            if b == 0 {
                100.0
            } else {
                100.0 * a as f64 / b as f64
            }
        };
        println!("{}:", dirs.join(" + "));
        for (name, (right, total, wrong)) in &scores {
            println!(
                "  {name:<10} {right:>3}/{total:<3} {:>5.1} %   wrong and unflagged: {wrong}",
                percent(*right, *total)
            );
        }
        let precision = percent(tp, tp + fp);
        let recall = percent(tp, tp + fne);
        println!("  documents  precision {precision:.1} %  recall {recall:.1} % ({tp} found)");
        for p in &problems {
            println!("  - {p}");
        }
        let floor = |name: &str| match name {
            "province" => 100.0,
            _ => 90.0,
        };
        for (name, (right, total, wrong)) in &scores {
            assert!(
                percent(*right, *total) >= floor(name),
                "{name}: {right}/{total} right\n{problems:#?}"
            );
            assert_eq!(
                *wrong, 0,
                "{name}: a wrong value left unflagged\n{problems:#?}"
            );
        }
        assert!(precision >= 98.0 && recall >= 98.0, "{problems:#?}");
        assert!(
            !problems.iter().any(|p| p.contains("the title")),
            "{problems:#?}"
        );
    }
}

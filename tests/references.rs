//! Documents cited in body text: found, merged with the front matter, dated,
//! scoped, linked from the body, and described on their pages.

mod common;

use common::{TestSite, attrs, conclusion, texts};

/// A cited document's slug and issue date.
type Cited = (&'static str, Option<&'static str>);

/// The example site with `resolutions:` removed from every seed.
fn example_without_resolutions() -> TestSite {
    let site = TestSite::example();
    for e in std::fs::read_dir(site.path("content")).unwrap() {
        let path = e.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let kept: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with("resolutions:"))
            .collect();
        std::fs::write(&path, kept.join("\n") + "\n").unwrap();
    }
    site
}

/// Document slugs linked from a conclusion's body, in order, without repeats.
fn body_links(site: &TestSite, slug: &str) -> Vec<String> {
    let html = site.html(&format!("public/ket-luan/{slug}/index.html"));
    let mut v: Vec<String> = Vec::new();
    for h in attrs(&html, ".content a.doc-ref, article a.doc-ref", "href") {
        let s = h
            .trim_start_matches("/ket-luan/nghi-quyet/")
            .trim_end_matches('/')
            .to_string();
        if !v.contains(&s) {
            v.push(s);
        }
    }
    v
}

fn issued(site: &TestSite, doc: &str) -> Option<String> {
    let html = site.html(&format!("public/nghi-quyet/{doc}/index.html"));
    attrs(&html, "table.meta time", "datetime")
        .into_iter()
        .next()
}

#[test]
fn the_seeds_cite_exactly_these_documents_found_in_the_text() {
    let site = example_without_resolutions();
    site.build_ok();
    let expected: &[(&str, &[Cited])] = &[
        ("2021-11-01-ha-tinh-cu-the-hoa-chu-truong-nghi-quyet", &[]),
        (
            "2022-01-18-ha-tinh-chuong-trinh-thuc-hien-nghi-quyet",
            &[
                ("ha-tinh-05-nq-tu-2021", Some("2021-10-22")),
                ("ha-tinh-06-nq-tu-2021", Some("2021-11-18")),
                ("ha-tinh-08-nq-tu-2021", Some("2021-11-22")),
                ("ha-tinh-09-nq-tu-2021", Some("2021-11-22")),
            ],
        ),
        (
            "2023-03-22-ha-tinh-ket-luan-hoi-nghi-can-bo-chu-chot",
            &[
                ("48-kl-tw-2023", Some("2023-01-30")),
                ("ha-tinh-29-kl-tu-2021", Some("2021-07-22")),
                ("ha-tinh-1567-cv-tu-2023", Some("2023-02-16")),
            ],
        ),
        (
            "2021-04-09-quang-ninh-quyet-liet-chi-dao-dieu-hanh",
            &[
                ("quang-ninh-108-qd-ubnd-2021", Some("2021-01-15")),
                ("quang-ninh-326-2021-nq-hdnd", None),
                ("quang-ninh-1393-ubnd-dl1-2021", Some("2021-03-11")),
                ("quang-ninh-12-kh-ubnd-2021", Some("2021-01-15")),
                ("quang-ninh-36-kl-tu-2021", Some("2021-03-02")),
            ],
        ),
        ("2021-06-15-lam-dong-lam-viec-ban-can-su-dang-ubnd", &[]),
    ];
    let mut all_docs = Vec::new();
    for (slug, docs) in expected {
        let mut linked = body_links(&site, slug);
        linked.sort();
        let mut want: Vec<String> = docs.iter().map(|(d, _)| d.to_string()).collect();
        want.sort();
        assert_eq!(linked, want, "{slug}");
        for (doc, date) in *docs {
            assert_eq!(issued(&site, doc).as_deref(), *date, "{doc}");
            let citing = attrs(
                &site.html(&format!("public/nghi-quyet/{doc}/index.html")),
                "main a",
                "href",
            );
            assert!(
                citing.contains(&format!("/ket-luan/ket-luan/{slug}/")),
                "{doc} lists {slug}"
            );
            all_docs.push(doc.to_string());
        }
    }
    // No other document pages exist.
    let pages = document_folders(&site);
    all_docs.sort();
    assert_eq!(pages, all_docs);
}

#[test]
fn document_pages_say_what_the_text_says() {
    let site = example_without_resolutions();
    site.build_ok();
    let html = site.html("public/nghi-quyet/ha-tinh-05-nq-tu-2021/index.html");
    let text = texts(&html, "main").join(" ");
    assert!(
        text.contains("Ban Chấp hành Đảng bộ tỉnh"),
        "issuer: {text}"
    );
    assert!(text.contains("chuyển đổi số"), "subject: {text}");
    assert!(text.contains("22/10/2021"), "date: {text}");
    let quote = texts(&html, "blockquote").join(" ");
    assert!(
        quote.contains("Nghị quyết số 05-NQ/TU"),
        "first citation's sentence: {quote}"
    );
    let kl = texts(
        &site.html("public/nghi-quyet/48-kl-tw-2023/index.html"),
        "main",
    )
    .join(" ");
    assert!(kl.contains("Bộ Chính trị"), "{kl}");
}

#[test]
fn one_number_with_two_issue_dates_is_two_documents() {
    let site = TestSite::new();
    let body = |d: &str| format!("---\ntitle: x{d}\ndate: 2024-01-0{d}\nprovince: Hà Tĩnh\n---\n");
    site.write(
        "content/a.md",
        format!("{}Quán triệt Nghị quyết số 05-NQ/TU, ngày 22/10/2016 của Ban Chấp hành Đảng bộ tỉnh.\n", body("1")),
    );
    site.write(
        "content/b.md",
        format!("{}Quán triệt Nghị quyết số 05-NQ/TU, ngày 22/10/2021 của Ban Chấp hành Đảng bộ tỉnh.\n", body("2")),
    );
    // Undated: the latest issue on or before the conclusion's date.
    site.write(
        "content/c.md",
        format!("{}Theo Nghị quyết 05-NQ/TU.\n", body("3")),
    );
    site.build_ok();
    assert_eq!(
        issued(&site, "ha-tinh-05-nq-tu-2016").as_deref(),
        Some("2016-10-22")
    );
    assert_eq!(
        issued(&site, "ha-tinh-05-nq-tu-2021").as_deref(),
        Some("2021-10-22")
    );
    assert_eq!(body_links(&site, "a"), ["ha-tinh-05-nq-tu-2016"]);
    assert_eq!(body_links(&site, "b"), ["ha-tinh-05-nq-tu-2021"]);
    assert_eq!(body_links(&site, "c"), ["ha-tinh-05-nq-tu-2021"]);
}

#[test]
fn resolutions_written_as_one_line_with_commas_are_a_list() {
    let site = TestSite::new();
    site.write(
        "content/a.md",
        conclusion(
            "Dòng có dấu phẩy",
            "2022-01-01",
            "Hà Tĩnh",
            "resolutions: 48-KL/TW, 57-NQ/TW; 48-KL/TW\n",
        ),
    );
    site.build_ok();
    for doc in ["48-kl-tw", "57-nq-tw"] {
        let page = site.read(&format!("public/nghi-quyet/{doc}/index.html"));
        assert!(page.contains("/ket-luan/a/"), "{doc} lists the conclusion");
    }
    // A part that is not a number is named on its own, at its column.
    site.write(
        "content/a.md",
        conclusion(
            "Sai",
            "2022-01-01",
            "Hà Tĩnh",
            "resolutions: 48-KL/TW, ngày 5/3/2022\n",
        ),
    );
    let err = site.build_err();
    assert!(
        err.contains("content/a.md:5:24: error[invalid-document-number]: \"ngày 5/3/2022\""),
        "{err}"
    );
}

#[test]
fn manual_references_and_mentions_outside_prose() {
    let site = TestSite::new();
    site.write(
        "content/m.md",
        conclusion(
            "Thủ công",
            "2022-01-01",
            "Hà Tĩnh",
            "references: manual\nresolutions: [48-KL/TW]\n",
        )
        .replace("Nội dung kết luận.", "Theo Nghị quyết số 05-NQ/TU."),
    );
    site.write(
        "content/code.md",
        "---\ntitle: Mã\ndate: 2022-01-02\nprovince: Hà Tĩnh\n---\n## Nghị quyết 07-NQ/TU\n\n`06-NQ/TU`, [Kết luận 09-KL/TU](https://example.org/) và Kế hoạch số 12/KH-UBND.\n",
    );
    site.build_ok();
    assert!(!site.path("public/nghi-quyet/ha-tinh-05-nq-tu").exists());
    assert!(site.path("public/nghi-quyet/48-kl-tw/index.html").is_file());
    assert_eq!(body_links(&site, "m"), Vec::<String>::new());
    assert_eq!(body_links(&site, "code"), ["ha-tinh-12-kh-ubnd"]);
    // A heading cites (its document has a page) but is not linked.
    assert!(
        site.path("public/nghi-quyet/ha-tinh-07-nq-tu/index.html")
            .is_file()
    );
    for absent in ["ha-tinh-06-nq-tu", "ha-tinh-09-kl-tu"] {
        assert!(
            !site.path(&format!("public/nghi-quyet/{absent}")).exists(),
            "{absent}"
        );
    }
    let page = site.read("public/ket-luan/code/index.html");
    assert!(
        page.contains("href=\"https://example.org/\""),
        "existing link kept"
    );
    let site2 = TestSite::new();
    site2.write(
        "content/x.md",
        conclusion("x", "2022-01-01", "Hà Tĩnh", "references: sometimes\n"),
    );
    let err = site2.build_err();
    assert!(
        err.contains("content/x.md:5:13: error[invalid-value]"),
        "{err}"
    );
}

#[test]
fn the_registry_wins_over_the_text() {
    let site = TestSite::new();
    site.write(
        "content/a.md",
        conclusion("x", "2022-01-18", "Hà Tĩnh", "").replace(
            "Nội dung kết luận.",
            "Quán triệt Nghị quyết số 05-NQ/TU, ngày 22/10/2021 của Ban Chấp hành Đảng bộ tỉnh về chuyển đổi số.",
        ),
    );
    site.write(
        "content/_documents.yaml",
        "- number: 05-NQ/TU\n  province: Hà Tĩnh\n  date: 22/10/2021\n  title: \"Về tập trung lãnh đạo, chỉ đạo chuyển đổi số tỉnh Hà Tĩnh giai đoạn 2021 - 2025\"\n  issuer: Ban Chấp hành Đảng bộ tỉnh Hà Tĩnh khóa XIX\n  url: https://example.org/05-nq-tu.pdf\n",
    );
    site.build_ok();
    let html = site.html("public/nghi-quyet/ha-tinh-05-nq-tu-2021/index.html");
    let text = texts(&html, "main").join(" ");
    assert!(text.contains("giai đoạn 2021 - 2025"), "{text}");
    assert!(text.contains("khóa XIX"), "{text}");
    assert!(
        attrs(&html, "main a", "href").contains(&"https://example.org/05-nq-tu.pdf".to_string())
    );

    site.write("content/_documents.yaml", "- number: 05-NQ/TU\n  date: 22/10/2021\n- number: 5/5/5\n  province: Hà Tĩnh\n- number: 48-KL/TW\n  colour: red\n");
    let err = site.build_err();
    assert!(err.contains("content/_documents.yaml:"), "{err}");
}

/// The slugs of every document page of a built site.
fn document_pages(site: &TestSite) -> Vec<String> {
    document_slugs(site)
        .into_iter()
        .map(|(slug, _)| slug)
        .collect()
}

/// The document pages' folders in `public/nghi-quyet/`, sorted: a document's slug is
/// made from its number, so it holds a digit, while the index's own folders (its
/// filters by kind, issuer, year and province) hold none.
fn document_folders(site: &TestSite) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(site.path("public/nghi-quyet"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "index.html" && n.bytes().any(|b| b.is_ascii_digit()))
        .collect();
    v.sort();
    v
}

/// Title and `h1` of every document page, sorted.
fn document_headings(site: &TestSite) -> Vec<(String, String)> {
    let mut v = Vec::new();
    for name in document_folders(site) {
        let dir = site.path("public/nghi-quyet").join(name);
        let rel = dir.strip_prefix(site.root()).unwrap().join("index.html");
        let html = site.html(rel.to_str().unwrap());
        v.push((
            texts(&html, "title")[0].clone(),
            texts(&html, "h1")[0].clone(),
        ));
    }
    v.sort();
    v
}

#[test]
fn documents_sharing_a_number_have_distinct_titles_and_headings() {
    let site = TestSite::new();
    let body =
        |d: &str, p: &str| format!("---\ntitle: x{d}\ndate: 2025-0{d}-01\nprovince: {p}\n---\n");
    site.write(
        "content/a.md",
        format!("{}Theo Nghị quyết số 05-NQ/TU ngày 5/5/2021 và Nghị quyết số 05-NQ/TW ngày 1/8/2016.\n", body("1", "Hà Tĩnh")),
    );
    site.write(
        "content/b.md",
        format!(
            "{}Theo Nghị quyết số 05-NQ/TU ngày 10/1/2025.\n",
            body("2", "Hà Tĩnh")
        ),
    );
    site.write(
        "content/c.md",
        format!(
            "{}Theo Nghị quyết số 05-NQ/TU ngày 5/5/2021.\n",
            body("3", "Nghệ An")
        ),
    );
    site.build_ok();
    let headings = document_headings(&site);
    let titles: Vec<&str> = headings.iter().map(|(t, _)| t.as_str()).collect();
    let h1s: Vec<&str> = headings.iter().map(|(_, h)| h.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Nghị quyết 05-NQ/TU (Hà Tĩnh, 2021) – Thử nghiệm",
            "Nghị quyết 05-NQ/TU (Hà Tĩnh, 2025) – Thử nghiệm",
            "Nghị quyết 05-NQ/TU (Nghệ An, 2021) – Thử nghiệm",
            "Nghị quyết 05-NQ/TW (Trung ương, 2016) – Thử nghiệm",
        ]
    );
    assert_eq!(
        h1s,
        [
            "Nghị quyết số 05-NQ/TU (Hà Tĩnh, 2021)",
            "Nghị quyết số 05-NQ/TU (Hà Tĩnh, 2025)",
            "Nghị quyết số 05-NQ/TU (Nghệ An, 2021)",
            "Nghị quyết số 05-NQ/TW (Trung ương, 2016)",
        ]
    );
}

/// Slug and issue date of every document page, sorted.
fn document_slugs(site: &TestSite) -> Vec<(String, Option<String>)> {
    let mut v: Vec<(String, Option<String>)> = document_folders(site)
        .into_iter()
        .map(|n| {
            let date = issued(site, &n);
            (n, date)
        })
        .collect();
    v.sort();
    v
}

#[test]
fn bare_numbers_with_unknown_codes_are_not_documents() {
    let site = TestSite::new();
    site.write(
        "content/a.md",
        conclusion("x", "2024-01-01", "Hà Tĩnh", "").replace(
            "Nội dung kết luận.",
            "Tỷ lệ 9,02%, 1.523 công văn, 6/13 đề án, phòng 12-A/B, mã 3-TU/HĐ. Theo 05-NQ/TU và Văn bản số 7/ABC-XY.",
        ),
    );
    site.build_ok();
    assert_eq!(
        document_pages(&site),
        ["ha-tinh-05-nq-tu", "ha-tinh-07-abc-xy"]
    );
    let json = site.read("public/data/documents.json");
    assert!(
        !json.contains("12-A/B") && !json.contains("TU/HĐ"),
        "{json}"
    );
}

#[test]
fn a_subject_cut_by_the_next_citation_keeps_no_connective() {
    let site = TestSite::new();
    site.write(
        "content/a.md",
        conclusion("x", "2024-01-01", "Hà Tĩnh", "").replace(
            "Nội dung kết luận.",
            "Thực hiện Nghị quyết số 05-NQ/TU, ngày 22/10/2021 của Ban Chấp hành Đảng bộ tỉnh về du lịch và Nghị quyết số 57-NQ/TW.",
        ),
    );
    site.build_ok();
    let docs: serde_json::Value =
        serde_json::from_str(&site.read("public/data/documents.json")).unwrap();
    let doc = docs["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["slug"] == "ha-tinh-05-nq-tu-2021")
        .unwrap();
    assert_eq!(doc["subject"], "du lịch");
    let text = texts(
        &site.html("public/nghi-quyet/ha-tinh-05-nq-tu-2021/index.html"),
        "main",
    )
    .join(" ");
    // The first citation is quoted whole; the subject line stops at "du lịch".
    assert!(
        text.contains("Về nội dung du lịch Số") && !text.contains("Về nội dung du lịch và"),
        "{text}"
    );
}

#[test]
fn eth_is_read_as_d_with_stroke() {
    let site = TestSite::new();
    // U+00D0 for Đ, as in text converted from old encodings.
    site.write(
        "content/a.md",
        conclusion("x", "2024-01-01", "Hà Tĩnh", "").replace(
            "Nội dung kết luận.",
            "\u{D0}ảng ủy xã thực hiện Quyết định số 15/Q\u{D0}-UBND ngày 5/5/2021 và 16/Q\u{D0}-UBND.",
        ),
    );
    site.build_ok();
    assert_eq!(
        document_pages(&site),
        ["ha-tinh-15-qd-ubnd-2021", "ha-tinh-16-qd-ubnd"]
    );
    let json = site.read("public/data/documents.json");
    assert!(
        json.contains("\"15/QĐ-UBND\"") && !json.contains('\u{D0}'),
        "{json}"
    );
    let page = site.read("public/ket-luan/a/index.html");
    assert!(
        page.contains("Đảng ủy xã") && !page.contains('\u{D0}'),
        "{page}"
    );
    assert_eq!(
        issued(&site, "ha-tinh-15-qd-ubnd-2021").as_deref(),
        Some("2021-05-05")
    );
}

#[test]
fn headings_cite_without_links() {
    let site = TestSite::new();
    site.write(
        "content/a.md",
        conclusion("x", "2024-01-01", "Hà Tĩnh", "").replace(
            "Nội dung kết luận.",
            "Mở đầu.\n\n## B7 Thực hiện Nghị quyết số 27-NQ/TU\n\nTheo Kế hoạch số 12/KH-UBND.",
        ),
    );
    site.build_ok();
    assert_eq!(
        document_pages(&site),
        ["ha-tinh-12-kh-ubnd", "ha-tinh-27-nq-tu"]
    );
    // Listed with the conclusion's documents, linked only in the prose.
    assert_eq!(body_links(&site, "a"), ["ha-tinh-12-kh-ubnd"]);
    let html = site.html("public/ket-luan/a/index.html");
    let all: Vec<String> = attrs(&html, "main a", "href");
    assert!(
        all.iter()
            .any(|h| h.ends_with("/nghi-quyet/ha-tinh-27-nq-tu/")),
        "{all:?}"
    );
    let heading = texts(&html, "article h2, .content h2, .content h3").join(" ");
    assert!(heading.contains("Nghị quyết số 27-NQ/TU"), "{heading}");
    assert!(attrs(&html, "h2 a.doc-ref, h3 a.doc-ref", "href").is_empty());
    let page = site.read("public/nghi-quyet/ha-tinh-27-nq-tu/index.html");
    assert!(
        page.contains("/ket-luan/a/"),
        "the document lists the conclusion"
    );
}

#[test]
fn adding_an_older_or_newer_document_moves_no_published_url() {
    let site = TestSite::new();
    let cite = |name: &str, date: &str, text: &str| {
        site.write(
            &format!("content/{name}.md"),
            format!("---\ntitle: {name}\ndate: {date}\nprovince: Hà Tĩnh\n---\n{text}\n"),
        )
    };
    let owned = |v: &[(&str, Option<&str>)]| -> Vec<(String, Option<String>)> {
        v.iter()
            .map(|(s, d)| (s.to_string(), d.map(str::to_string)))
            .collect()
    };
    // Undated and alone: the plain slug.
    cite("a", "2020-01-01", "Theo Nghị quyết số 07-NQ/TU.");
    cite(
        "b",
        "2022-01-01",
        "Theo Nghị quyết số 05-NQ/TU ngày 5/5/2021.",
    );
    site.build_ok();
    let before = owned(&[
        ("ha-tinh-05-nq-tu-2021", Some("2021-05-05")),
        ("ha-tinh-07-nq-tu", None),
    ]);
    assert_eq!(document_slugs(&site), before);
    // An older issue of the same number.
    cite(
        "c",
        "2017-01-01",
        "Theo Nghị quyết số 05-NQ/TU ngày 10/11/2016.",
    );
    site.build_ok();
    let mut after = before.clone();
    after.push(("ha-tinh-05-nq-tu-2016".into(), Some("2016-11-10".into())));
    after.sort();
    assert_eq!(document_slugs(&site), after);
    // A newer one, and an undated citation resolving to one of them.
    cite(
        "d",
        "2026-01-01",
        "Theo Nghị quyết số 05-NQ/TU ngày 2/12/2025.",
    );
    cite("e", "2023-01-01", "Theo Nghị quyết số 05-NQ/TU.");
    site.build_ok();
    after.push(("ha-tinh-05-nq-tu-2025".into(), Some("2025-12-02".into())));
    after.sort();
    assert_eq!(document_slugs(&site), after);
    assert_eq!(body_links(&site, "e"), ["ha-tinh-05-nq-tu-2021"]);
    // A second issue in one year clashes: the earlier keeps the year, the later gets
    // its full date.
    cite(
        "f",
        "2026-02-01",
        "Theo Nghị quyết số 05-NQ/TU ngày 20/12/2025.",
    );
    site.build_ok();
    after.push((
        "ha-tinh-05-nq-tu-2025-12-20".into(),
        Some("2025-12-20".into()),
    ));
    after.sort();
    assert_eq!(document_slugs(&site), after);
}

#[test]
fn a_document_belongs_to_the_unit_that_issued_it_on_its_date() {
    let site = TestSite::new();
    let write = |name: &str, date: &str, province: &str, text: &str| {
        site.write(
            &format!("content/{name}.md"),
            format!("---\ntitle: {name}\ndate: {date}\nprovince: {province}\n---\n{text}\n"),
        )
    };
    // The issuer phrase names the unit, whatever the page's province.
    write(
        "a",
        "2024-05-02",
        "Hà Tĩnh",
        "Theo Nghị quyết số 07-NQ/TU của Tỉnh ủy Nghệ An về x. Theo Nghị quyết số 08-NQ/TU \
         ngày 5/5/2021 của Tỉnh ủy Đắk Nông (cũ) về y. Theo Kết luận số 48-KL/TW ngày \
         30/1/2023 của Bộ Chính trị.",
    );
    // The new Lâm Đồng (2025-07-01) cites what the former Lâm Đồng issued in 2021, as
    // a conclusion of the former Lâm Đồng does: one document, the former unit's.
    write(
        "b",
        "2025-08-02",
        "Lâm Đồng",
        "Theo Nghị quyết số 05-NQ/TU ngày 5/5/2021.",
    );
    write(
        "c",
        "2021-08-02",
        "Lâm Đồng",
        "Theo Nghị quyết số 05-NQ/TU ngày 5/5/2021.",
    );
    // Issued after the merger: the new unit's.
    write(
        "d",
        "2025-09-02",
        "Lâm Đồng",
        "Theo Nghị quyết số 06-NQ/TU ngày 1/8/2025.",
    );
    site.build_ok();
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/data/documents.json")).unwrap();
    let docs = json.get("documents").unwrap_or(&json).as_array().unwrap();
    let mut got: Vec<(String, String, bool, Vec<String>)> = docs
        .iter()
        .map(|d| {
            let p = &d["province"];
            (
                d["slug"].as_str().unwrap().to_string(),
                p["name"].as_str().unwrap_or("").to_string(),
                p["current"].is_object(),
                d["conclusions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect();
    got.sort();
    let row = |s: &str, p: &str, former: bool, cs: &[&str]| {
        (
            s.to_string(),
            p.to_string(),
            former,
            cs.iter().map(|c| c.to_string()).collect(),
        )
    };
    assert_eq!(
        got,
        [
            row("48-kl-tw-2023", "", false, &["a"]),
            row("dak-nong-08-nq-tu-2021", "Đắk Nông", true, &["a"]),
            row("lam-dong-05-nq-tu-2021", "Lâm Đồng", true, &["b", "c"]),
            row("lam-dong-06-nq-tu-2025", "Lâm Đồng", false, &["d"]),
            row("nghe-an-07-nq-tu", "Nghệ An", false, &["a"]),
        ]
    );
}

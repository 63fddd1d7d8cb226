//! Provinces across the 2025 merger, scoped document identity, drafts, attachments,
//! pagination, language and theme overrides — each checked in a built site.

mod common;

use common::{TestSite, attrs, conclusion, texts};

fn links(site: &TestSite, page: &str, prefix: &str) -> Vec<String> {
    let mut v: Vec<String> = attrs(&site.html(page), "main a", "href")
        .into_iter()
        .filter(|h| h.starts_with(prefix) && h != prefix)
        .collect();
    v.dedup();
    v
}

#[test]
fn former_province_is_listed_on_its_own_page_and_its_successors() {
    let site = TestSite::new();
    site.write(
        "content/dn.md",
        conclusion("Đắk Nông 2022", "2022-05-01", "tỉnh Đắk Nông", ""),
    );
    site.write(
        "content/ld.md",
        conclusion("Lâm Đồng 2025", "2025-08-01", "Lâm Đồng", ""),
    );
    site.build_ok();
    assert_eq!(
        links(
            &site,
            "public/tinh/dak-nong/index.html",
            "/ket-luan/ket-luan/"
        ),
        ["/ket-luan/ket-luan/dn/"]
    );
    assert_eq!(
        links(
            &site,
            "public/tinh/lam-dong/index.html",
            "/ket-luan/ket-luan/"
        ),
        ["/ket-luan/ket-luan/ld/", "/ket-luan/ket-luan/dn/"]
    );
    let lam_dong = texts(&site.html("public/tinh/lam-dong/index.html"), "main").join(" ");
    assert!(lam_dong.contains("Đắk Nông cũ"), "{lam_dong}");
}

#[test]
fn province_names_match_loosely() {
    let site = TestSite::new();
    for (i, name) in [
        "Khánh Hoà",
        "Khánh Hòa",
        "TP.HCM",
        "thành phố Hồ Chí Minh",
        "HÀ TĨNH",
        "Thừa Thiên Huế",
    ]
    .iter()
    .enumerate()
    {
        site.write(
            &format!("content/p{i}.md"),
            conclusion("x", "2025-09-01", name, ""),
        );
    }
    site.build_ok();
    for slug in ["khanh-hoa", "ho-chi-minh", "ha-tinh", "hue"] {
        assert!(
            site.path(&format!("public/tinh/{slug}/index.html"))
                .is_file(),
            "{slug}"
        );
    }
    let provinces = links(&site, "public/tinh/index.html", "/ket-luan/tinh/");
    assert_eq!(provinces.len(), 4, "{provinces:?}");
}

#[test]
fn provincial_documents_are_scoped_national_ones_are_shared() {
    let site = TestSite::new();
    let cites = "resolutions: [05-NQ/TU, 48-KL/TW]\n";
    site.write(
        "content/ht.md",
        conclusion("Hà Tĩnh", "2022-01-01", "Hà Tĩnh", cites),
    );
    site.write(
        "content/na.md",
        conclusion(
            "Nghệ An",
            "2022-01-02",
            "Nghệ An",
            "resolutions: [05–nq / tu, 48-KL/TW]\n",
        ),
    );
    site.build_ok();
    assert_eq!(
        links(
            &site,
            "public/nghi-quyet/ha-tinh-05-nq-tu/index.html",
            "/ket-luan/ket-luan/"
        ),
        ["/ket-luan/ket-luan/ht/"]
    );
    assert_eq!(
        links(
            &site,
            "public/nghi-quyet/nghe-an-05-nq-tu/index.html",
            "/ket-luan/ket-luan/"
        ),
        ["/ket-luan/ket-luan/na/"]
    );
    assert_eq!(
        links(
            &site,
            "public/nghi-quyet/48-kl-tw/index.html",
            "/ket-luan/ket-luan/"
        ),
        ["/ket-luan/ket-luan/na/", "/ket-luan/ket-luan/ht/"]
    );
    // The index groups resolutions (NQ) before conclusions (KL).
    let index = site.read("public/nghi-quyet/index.html");
    assert!(index.find("nghe-an-05-nq-tu").unwrap() < index.find("48-kl-tw").unwrap());
}

#[test]
fn drafts_only_with_flag() {
    let site = TestSite::new();
    site.write(
        "content/a.md",
        conclusion("Công khai", "2022-01-01", "Hà Tĩnh", ""),
    );
    site.write(
        "content/d.md",
        conclusion("Nháp", "2022-01-02", "Hà Tĩnh", "draft: true\n"),
    );
    site.build_ok();
    assert!(!site.path("public/ket-luan/d/index.html").exists());
    let out = site.run(&["build", "--drafts"]);
    assert!(out.status.success());
    assert!(site.path("public/ket-luan/d/index.html").is_file());
}

#[test]
fn attachments_are_copied_and_linked() {
    let site = TestSite::new();
    site.write("content/2022/tb/thong-bao.pdf", b"%PDF-1.4 test");
    site.write(
        "content/2022/tb/kl.md",
        conclusion(
            "Có tệp",
            "2022-01-01",
            "Hà Tĩnh",
            "attachments: [thong-bao.pdf]\n",
        ),
    );
    site.build_ok();
    assert_eq!(
        std::fs::read(site.path("public/ket-luan/kl/thong-bao.pdf")).unwrap(),
        b"%PDF-1.4 test"
    );
    let html = site.html("public/ket-luan/kl/index.html");
    assert!(attrs(&html, "a", "href").contains(&"/ket-luan/ket-luan/kl/thong-bao.pdf".to_string()));

    site.write(
        "content/2022/tb/kl.md",
        conclusion(
            "Có tệp",
            "2022-01-01",
            "Hà Tĩnh",
            "attachments: [khong-co.pdf, ../x.pdf]\n",
        ),
    );
    let err = site.build_err();
    assert!(
        err.contains("content/2022/tb/kl.md:5:15: error[attachment]"),
        "{err}"
    );
    assert!(
        err.contains("content/2022/tb/kl.md:5:29: error[attachment]"),
        "{err}"
    );
}

#[test]
fn no_file_beside_a_conclusion_replaces_its_page() {
    // A web page saved beside the Markdown file, alone in its folder: not bundled.
    let site = TestSite::new();
    site.write("content/hop/index.html", "<h1>Trang lưu về</h1>");
    site.write(
        "content/hop/hop.md",
        conclusion("Hội nghị", "2024-05-01", "Hà Tĩnh", ""),
    );
    site.build_ok();
    let page = site.read("public/ket-luan/hop/index.html");
    assert!(page.contains("<h1>Hội nghị</h1>"), "{page}");
    assert!(!page.contains("Trang lưu về"));

    // Listed as an attachment, in any case: an error at its place in the list.
    site.write("content/hop/INDEX.HTML", "<h1>Trang lưu về</h1>");
    site.write(
        "content/hop/hop.md",
        conclusion(
            "Hội nghị",
            "2024-05-01",
            "Hà Tĩnh",
            "attachments: [INDEX.HTML]\n",
        ),
    );
    let err = site.build_err();
    assert!(
        err.contains("content/hop/hop.md:5:15: error[attachment]"),
        "{err}"
    );
    assert!(err.contains("the conclusion's own page"), "{err}");
    assert!(err.contains("help: give the file another name"), "{err}");
    assert!(
        site.read("public/ket-luan/hop/index.html")
            .contains("<h1>Hội nghị</h1>")
    );
}

#[test]
fn timeline_is_paginated_and_grouped_by_month() {
    let site = TestSite::new();
    site.write("site.yaml", format!("{}paginate: 2\n", common::SITE_YAML));
    for (i, d) in [
        "2023-03-22",
        "2023-03-01",
        "2023-01-05",
        "2022-12-31",
        "2021-06-15",
    ]
    .iter()
    .enumerate()
    {
        site.write(
            &format!("content/c{i}.md"),
            conclusion(&format!("Số {i}"), d, "Hà Tĩnh", ""),
        );
    }
    site.build_ok();
    let p1 = site.html("public/dong-thoi-gian/index.html");
    let p3 = site.html("public/dong-thoi-gian/page/3/index.html");
    assert!(texts(&p1, "main").join(" ").contains("Tháng 3/2023"));
    assert!(texts(&p3, "main").join(" ").contains("Tháng 6/2021"));
    assert!(
        !site
            .path("public/dong-thoi-gian/page/4/index.html")
            .exists()
    );
    assert!(attrs(&p1, "a", "href").contains(&"/ket-luan/dong-thoi-gian/page/2/".to_string()));
    let y2023 = links(
        &site,
        "public/dong-thoi-gian/2023/index.html",
        "/ket-luan/ket-luan/",
    );
    assert_eq!(
        y2023,
        [
            "/ket-luan/ket-luan/c0/",
            "/ket-luan/ket-luan/c1/",
            "/ket-luan/ket-luan/c2/"
        ]
    );
}

#[test]
fn english_language_and_base_url_override() {
    let site = TestSite::new();
    site.write(
        "site.yaml",
        "title: Conclusions\nbase_url: https://a.example/\nlanguage: en\n",
    );
    site.write("content/a.md", conclusion("A", "2023-03-22", "Hà Tĩnh", ""));
    let out = site.run(&["build", "--base-url", "https://b.example/sub/"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = site.html("public/ket-luan/a/index.html");
    assert_eq!(attrs(&html, "html", "lang"), ["en"]);
    assert!(texts(&html, "main").join(" ").contains("22 March 2023"));
    assert!(
        attrs(&html, "link[rel=canonical]", "href")
            .contains(&"https://b.example/sub/ket-luan/a/".to_string())
    );
}

#[test]
fn site_templates_override_the_theme() {
    let site = TestSite::new();
    site.write("content/a.md", conclusion("A", "2023-03-22", "Hà Tĩnh", ""));
    site.write(
        "templates/base.html",
        concat!(
            "<!doctype html><html lang=\"{{ site.language }}\"><head><title>{% block title %}{% endblock %}</title>",
            "{% block description %}{% endblock %}{% block canonical %}{% endblock %}{% block head %}{% endblock %}</head>",
            "<body>{% block header %}{% block nav %}{% endblock %}{% endblock %}{% block breadcrumbs %}{% endblock %}",
            "<main>{% block content %}{% endblock %}</main>{% block footer %}<footer>Cổng riêng</footer>{% endblock %}</body></html>"
        ),
    );
    site.write("static/logo.svg", "<svg/>");
    site.build_ok();
    let page = site.read("public/ket-luan/a/index.html");
    assert!(page.contains("Cổng riêng"), "{page}");
    assert!(site.path("public/static/logo.svg").is_file());
    assert!(site.path("public/static/style.css").is_file());
}

#[test]
fn a_former_unit_and_its_same_named_successor_stay_apart_in_listings() {
    // Former An Giang (merged with Kiên Giang in 2025) and the An Giang of today share
    // a name: each listing must still say which one a conclusion is about.
    let site = TestSite::new();
    site.write(
        "content/cu.md",
        conclusion("An Giang 2022", "2022-05-01", "An Giang", ""),
    );
    site.write(
        "content/moi.md",
        conclusion("An Giang 2025", "2025-08-01", "An Giang", ""),
    );
    site.build_ok();
    let meta = texts(
        &site.html("public/dong-thoi-gian/index.html"),
        "main p.c-meta",
    );
    assert_eq!(meta.len(), 2, "{meta:?}");
    assert!(
        meta[0].contains("An Giang") && !meta[0].contains("(cũ)"),
        "{meta:?}"
    );
    assert!(meta[1].contains("An Giang (cũ)"), "{meta:?}");
}

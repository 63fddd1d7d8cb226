//! The default theme's HTML, read from built sites: the conclusion first and the
//! metadata a portal shows, previous/next and related conclusions, the portal's
//! header and footer, the indexes, dates and UI strings in both
//! languages, and every way a site restyles the theme (partials, translations, static
//! files, another theme folder). What only a browser can tell is in browser_theme.rs.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{TestSite, attrs, conclusion, texts, tree};

const FULL: &str = "public/ket-luan/tong-ket-cong-tac-nam-2024/index.html";

fn fixture() -> TestSite {
    TestSite::copy_of("tests/fixtures/theme_site")
}

/// The metadata list as (label, value) pairs, whitespace collapsed.
fn metadata(site: &TestSite, page: &str) -> Vec<(String, String)> {
    let html = site.html(page);
    texts(&html, "dl.meta dt")
        .into_iter()
        .zip(texts(&html, "dl.meta dd"))
        .collect()
}

fn value<'a>(rows: &'a [(String, String)], header: &str) -> &'a str {
    rows.iter()
        .find(|(h, _)| h == header)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no row {header} in {rows:?}"))
}

#[test]
fn conclusion_page_shows_the_full_vietnamese_metadata_set() {
    let site = fixture();
    site.build_ok();
    let rows = metadata(&site, FULL);
    let headers: Vec<&str> = rows.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(
        headers,
        [
            "Số, ký hiệu",
            "Ngày",
            "Cơ quan",
            "Tỉnh, thành phố",
            "Người chủ trì",
            "Người ký",
            "Trích yếu",
            "Lĩnh vực",
            "Văn bản liên quan",
            "Tệp đính kèm",
            "Nguồn",
            "Tác giả"
        ]
    );
    assert_eq!(value(&rows, "Số, ký hiệu"), "1234-TB/TU");
    assert_eq!(value(&rows, "Ngày"), "20/12/2024");
    assert_eq!(value(&rows, "Cơ quan"), "Ban Thường vụ Tỉnh ủy");
    assert_eq!(value(&rows, "Người chủ trì"), "Hoàng Trung Dũng");
    assert!(value(&rows, "Người ký").starts_with("T/M Ban Thường vụ"));
    assert!(value(&rows, "Trích yếu").starts_with("Ban Thường vụ Tỉnh ủy kết luận"));
    assert!(value(&rows, "Lĩnh vực").contains("chuyển đổi số"));
    let related = value(&rows, "Văn bản liên quan");
    assert!(
        related.contains("Nghị quyết số 05-NQ/TU ngày 22/10/2021"),
        "{related}"
    );
    assert!(
        related.contains("Về đột phá phát triển khoa học"),
        "{related}"
    );

    let html = site.html(FULL);
    let files = attrs(&html, "dl.meta .files a", "href");
    assert_eq!(files.len(), 3, "{files:?}");
    for href in files {
        let rel = href.trim_start_matches("/cong-thong-tin/ket-luan/");
        assert!(site.path(&format!("public/{rel}")).is_file(), "{href}");
    }
    // The conclusion first: the title, one line of key facts, the body, and only
    // then the record.
    assert_eq!(
        texts(&html, ".key-facts"),
        ["20/12/2024 · Hà Tĩnh · Ban Thường vụ Tỉnh ủy · Số 1234-TB/TU"]
    );
    let headings = texts(&html, "main h1, main h2");
    assert_eq!(headings[1], "Đánh giá kết quả năm 2024", "{headings:?}");
    let meta = headings.iter().position(|h| h == "Thông tin văn bản");
    assert!(meta.is_some_and(|m| m > 2), "{headings:?}");
    let article = texts(&html, "article.conclusion > *");
    assert!(
        article[1].starts_with("Ngày 20/12/2024, Ban Thường vụ"),
        "{article:?}"
    );
    assert!(article[2].starts_with("Thông tin văn bản"), "{article:?}");
    assert_eq!(
        attrs(&html, "main time", "datetime")
            .first()
            .map(String::as_str),
        Some("2024-12-20")
    );
}

#[test]
fn rows_without_a_value_are_left_out() {
    let site = TestSite::new();
    site.write(
        "content/a.md",
        conclusion("Kết luận tối giản", "2023-03-22", "Hà Tĩnh", ""),
    );
    site.build_ok();
    let rows = metadata(&site, "public/ket-luan/a/index.html");
    let labels: Vec<&str> = rows.iter().map(|(l, _)| l.as_str()).collect();
    // The summary is the first paragraph, shown already: no row repeats it.
    assert_eq!(labels, ["Ngày", "Tỉnh, thành phố"]);
    let html = site.html("public/ket-luan/a/index.html");
    assert_eq!(texts(&html, ".key-facts"), ["22/3/2023 · Hà Tĩnh"]);
    assert!(!html.html().contains("Chưa cập nhật"));
}

/// The links of the related conclusions of a page.
fn related(site: &TestSite, page: &str) -> Vec<String> {
    attrs(&site.html(page), ".related-list a", "href")
}

#[test]
fn one_previous_next_card_in_time_and_related_conclusions() {
    let site = TestSite::new();
    for (slug, date, province) in [
        ("ht1", "2021-01-10", "Hà Tĩnh"),
        ("na1", "2021-02-10", "Nghệ An"),
        ("ht2", "2021-03-10", "Hà Tĩnh"),
        ("na2", "2021-04-10", "Nghệ An"),
        ("ht3", "2021-05-10", "Hà Tĩnh"),
    ] {
        site.write(
            &format!("content/{slug}.md"),
            conclusion(slug, date, province, ""),
        );
    }
    // ht0 cites the document na1 cites: it comes first among na1's related.
    site.write(
        "content/ht0.md",
        conclusion("ht0", "2020-01-10", "Hà Tĩnh", "resolutions: [57-NQ/TW]\n"),
    );
    site.write(
        "content/na0.md",
        conclusion("na0", "2020-02-10", "Nghệ An", "resolutions: [57-NQ/TW]\n"),
    );
    site.build_ok();
    let page = site.html("public/ket-luan/ht2/index.html");
    let url = |s: &str| format!("/ket-luan/ket-luan/{s}/");
    assert_eq!(attrs(&page, "a[rel=prev]", "href"), [url("na1")]);
    assert_eq!(attrs(&page, "a[rel=next]", "href"), [url("na2")]);
    // One card: each neighbour once.
    assert_eq!(attrs(&page, ".pager a", "href"), [url("na1"), url("na2")]);
    // The breadcrumb names the section the navigation marks.
    assert_eq!(
        texts(&page, ".breadcrumbs a"),
        ["Trang chủ", "Dòng thời gian"]
    );
    assert_eq!(texts(&page, ".site-nav [aria-current]"), ["Dòng thời gian"]);
    // Same province, nearest in time first.
    assert_eq!(
        related(&site, "public/ket-luan/ht2/index.html"),
        [url("ht1"), url("ht3"), url("ht0")]
    );
    // Shared documents first, then the province.
    assert_eq!(
        related(&site, "public/ket-luan/na0/index.html"),
        [url("ht0"), url("na1"), url("na2")]
    );
}

#[test]
fn related_conclusions_follow_the_province_page_of_merged_units() {
    let site = TestSite::new();
    for (slug, date, province) in [
        ("ld2021", "2021-06-15", "Lâm Đồng"),
        ("dn2022", "2022-03-01", "Đắk Nông"),
        ("ld2023", "2023-05-10", "Lâm Đồng"),
    ] {
        site.write(
            &format!("content/{slug}.md"),
            conclusion(slug, date, province, ""),
        );
    }
    site.build_ok();
    let page = |slug: &str| format!("public/ket-luan/{slug}/index.html");
    let url = |s: &str| format!("/ket-luan/ket-luan/{s}/");
    // Lâm Đồng's page lists former Đắk Nông's and old Lâm Đồng's conclusions.
    assert_eq!(
        related(&site, &page("ld2023")),
        [url("dn2022"), url("ld2021")]
    );
    assert_eq!(
        related(&site, &page("dn2022")),
        [url("ld2021"), url("ld2023")]
    );
}

#[test]
fn dates_and_ui_strings_follow_the_language() {
    let vi = fixture();
    vi.build_ok();
    let year = vi.html("public/dong-thoi-gian/2024/index.html");
    assert_eq!(texts(&year, "h1"), ["Năm 2024"]);
    assert!(texts(&year, "main h2").contains(&"Tháng 12/2024".to_string()));
    assert_eq!(
        texts(&vi.html("public/404.html"), "h1"),
        ["Không tìm thấy trang"]
    );

    let en = fixture();
    let yaml = en.read("site.yaml").replace("language: vi", "language: en");
    en.write("site.yaml", yaml);
    en.build_ok();
    let html = en.html(FULL);
    assert_eq!(attrs(&html, "html", "lang"), ["en"]);
    assert_eq!(
        texts(&html, ".key-facts"),
        ["20 December 2024 · Hà Tĩnh · Ban Thường vụ Tỉnh ủy · No. 1234-TB/TU"]
    );
    let rows = metadata(&en, FULL);
    assert_eq!(value(&rows, "Number"), "1234-TB/TU");
    assert_eq!(value(&rows, "Date"), "20 December 2024");
    assert!(value(&rows, "Related documents").contains("of 22 October 2021"));
    assert_eq!(texts(&html, ".skip-link"), ["Skip to main content"]);
    let year = en.html("public/dong-thoi-gian/2024/index.html");
    assert_eq!(texts(&year, "h1"), ["Year 2024"]);
    assert!(texts(&year, "main h2").contains(&"December 2024".to_string()));
    assert_eq!(texts(&en.html("public/404.html"), "h1"), ["Page not found"]);
}

/// Keys of a flat translations file.
fn keys(file: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with(' '))
        .filter_map(|l| l.split_once(':').map(|(k, _)| k.trim().to_string()))
        .filter(|k| !k.is_empty())
        .collect()
}

#[test]
fn translations_cover_every_string_the_templates_use() {
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let vi = keys(&theme.join("translations/vi.yaml"));
    let en = keys(&theme.join("translations/en.yaml"));
    assert_eq!(vi, en, "vi.yaml and en.yaml must have the same keys");
    let mut used = BTreeSet::new();
    for (name, bytes) in tree(&theme.join("templates")) {
        let text = String::from_utf8(bytes).unwrap();
        for (i, _) in text.match_indices("t.") {
            let before = text[..i].chars().last().unwrap_or(' ');
            if before.is_alphanumeric() || before == '_' || before == '.' {
                continue;
            }
            let key: String = text[i + 2..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            if !key.is_empty() {
                used.insert((key, name.clone()));
            }
        }
    }
    assert!(used.len() > 40, "{used:?}");
    for (key, template) in used {
        assert!(
            vi.contains(&key),
            "{template} uses t.{key}, missing in vi.yaml"
        );
    }
}

#[test]
fn site_translations_override_single_keys() {
    let site = TestSite::new();
    site.write("content/a.md", conclusion("A", "2023-03-22", "Hà Tĩnh", ""));
    site.write(
        "translations/vi.yaml",
        "home: \"Trang nhà\"\nmetadata: \"Thuộc tính văn bản\"\n",
    );
    site.build_ok();
    let html = site.html("public/ket-luan/a/index.html");
    let nav = texts(&html, ".site-nav a");
    assert_eq!(nav[0], "Trang nhà");
    assert_eq!(nav[1], "Dòng thời gian", "keys not overridden stay");
    assert_eq!(texts(&html, "#meta-heading"), ["Thuộc tính văn bản"]);
}

/// `check --format json`: (file, line, column, code, help) of every finding.
fn findings(site: &TestSite) -> Vec<(String, u64, u64, String, String)> {
    let out = site.run(&["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["code"].as_str().unwrap().to_string(),
                f["help"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn translation_mistakes_are_located() {
    let site = TestSite::new();
    site.write("content/a.md", conclusion("A", "2023-03-22", "Hà Tĩnh", ""));
    site.write(
        "translations/vi.yaml",
        "# Chuỗi của cổng\nhomee: \"Trang nhà\"\ntimeline: [a]\n",
    );
    assert_eq!(
        findings(&site),
        [
            (
                "translations/vi.yaml".to_string(),
                2,
                1,
                "unknown-key".to_string(),
                "did you mean `home`?".to_string()
            ),
            (
                "translations/vi.yaml".to_string(),
                3,
                11,
                "wrong-type".to_string(),
                String::new()
            ),
        ]
    );
    let err = site.build_err();
    assert!(
        err.contains("translations/vi.yaml:2:1: error[unknown-key]: unknown key `homee`"),
        "{err}"
    );

    // A string of the site's own, for its own template, is not unknown.
    site.write(
        "translations/vi.yaml",
        "home: \"Trang nhà\"\nportal_name: \"Cổng tỉnh\"\n",
    );
    site.write(
        "templates/partials/footer.html",
        "<footer class=\"portal\">{{ t.portal_name }}</footer>\n",
    );
    assert_eq!(findings(&site), []);
    site.build_ok();
    let html = site.html("public/ket-luan/a/index.html");
    assert_eq!(texts(&html, "footer.portal"), ["Cổng tỉnh"]);
    assert_eq!(texts(&html, ".site-nav a")[0], "Trang nhà");
}

#[test]
fn misplaced_template_overrides_are_warned() {
    let site = TestSite::new();
    site.write("content/a.md", conclusion("A", "2023-03-22", "Hà Tĩnh", ""));
    site.write("templates/footer.html", "<footer>x</footer>\n");
    site.write("templates/partial/footer.html", "<footer>y</footer>\n");
    // A template of the site's own, included by an override: no warning.
    site.write(
        "templates/partials/header.html",
        "<header>{% include \"partials/logo.html\" %}</header>\n",
    );
    site.write("templates/partials/logo.html", "<img alt=\"\">\n");
    let help = "did you mean `templates/partials/footer.html`? An override has the path of the theme's template";
    assert_eq!(
        findings(&site),
        [
            (
                "templates/footer.html".to_string(),
                0,
                0,
                "unused-template".to_string(),
                help.to_string()
            ),
            (
                "templates/partial/footer.html".to_string(),
                0,
                0,
                "unused-template".to_string(),
                help.to_string()
            ),
        ]
    );
    let out = site.run(&["check"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(
            "templates/footer.html: warning[unused-template]: `templates/footer.html` has no effect"
        ),
        "{text}"
    );
    assert_eq!(out.status.code(), Some(0), "a warning: {text}");
    site.build_ok();
}

#[test]
fn a_portal_replaces_header_and_footer_with_two_small_templates() {
    let site = TestSite::new();
    site.write("content/a.md", conclusion("A", "2023-03-22", "Hà Tĩnh", ""));
    site.write(
        "templates/partials/header.html",
        "<header class=\"portal\"><a href=\"{{ urls.home }}\">Cổng thông tin điện tử tỉnh</a>\
         {% include \"partials/nav.html\" %}</header>\n",
    );
    site.write(
        "templates/partials/footer.html",
        "<footer class=\"portal\">Văn phòng UBND tỉnh · {{ site.title }}</footer>\n",
    );
    site.write(
        "templates/partials/head_extras.html",
        "<link rel=\"stylesheet\" href=\"{{ urls.static }}portal.css\">\n",
    );
    site.write("static/portal.css", ".portal { color: #000; }\n");
    site.build_ok();
    for (rel, _) in tree(&site.path("public")) {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = site.html(&format!("public/{rel}"));
        assert_eq!(
            texts(&html, "header.portal > a"),
            ["Cổng thông tin điện tử tỉnh"],
            "{rel}"
        );
        assert_eq!(
            texts(&html, "footer.portal"),
            ["Văn phòng UBND tỉnh · Thử nghiệm"],
            "{rel}"
        );
        // Home, timeline, provinces, documents, search.
        assert_eq!(texts(&html, ".site-nav a").len(), 5, "{rel}: nav kept");
        assert_eq!(texts(&html, "main h1").len(), 1, "{rel}: content kept");
        let mut styles = attrs(&html, "link[rel=stylesheet]", "href");
        // The search page adds its own stylesheet.
        styles.retain(|s| s != "/ket-luan/static/search.css");
        assert_eq!(
            styles,
            ["/ket-luan/static/style.css", "/ket-luan/static/portal.css"],
            "{rel}"
        );
    }
}

#[test]
fn site_static_files_override_the_themes() {
    let site = TestSite::new();
    site.write("content/a.md", conclusion("A", "2023-03-22", "Hà Tĩnh", ""));
    site.write(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.build_ok();
    assert_eq!(
        site.read("public/static/logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
    );
    let theme_css = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/style.css"),
    )
    .unwrap();
    assert_eq!(site.read("public/static/style.css"), theme_css);
    let html = site.html("public/index.html");
    assert_eq!(
        attrs(&html, ".brand-logo", "src"),
        ["/ket-luan/static/logo.svg"]
    );
}

#[test]
fn the_theme_key_selects_a_theme_folder() {
    let site = TestSite::new();
    site.write("site.yaml", format!("{}theme: gon\n", common::SITE_YAML));
    site.write("content/a.md", conclusion("A", "2023-03-22", "Hà Tĩnh", ""));
    site.write(
        "themes/gon/templates/base.html",
        "<!DOCTYPE html><html lang=\"{{ site.language }}\"><head><title>{{ page.title }}</title>\
         <link rel=\"stylesheet\" href=\"{{ urls.static }}gon.css\"></head>\
         <body><main>{% block content %}<h1>{{ page.title }}</h1>{% endblock content %}</main>\
         <footer>{{ t.made_with }}</footer></body></html>\n",
    );
    for name in [
        "index.html",
        "timeline.html",
        "timeline_year.html",
        "provinces.html",
        "province.html",
        "documents.html",
        "document.html",
        "404.html",
    ] {
        site.write(
            &format!("themes/gon/templates/{name}"),
            "{% extends \"base.html\" %}",
        );
    }
    site.write(
        "themes/gon/templates/conclusion.html",
        "{% extends \"base.html\" %}{% block content %}<h1 class=\"gon\">{{ conclusion.title }}</h1>{% endblock content %}",
    );
    site.write(
        "themes/gon/translations/vi.yaml",
        "made_with: \"Giao diện Gọn\"\n",
    );
    site.write("themes/gon/static/gon.css", "body { margin: 0; }\n");
    site.build_ok();
    let html = site.html("public/ket-luan/a/index.html");
    assert_eq!(texts(&html, "h1.gon"), ["A"]);
    assert_eq!(texts(&html, "footer"), ["Giao diện Gọn"]);
    assert!(site.path("public/static/gon.css").is_file());
    assert!(
        !site.path("public/static/style.css").exists(),
        "the default theme's assets are not mixed in"
    );

    site.write(
        "site.yaml",
        format!("{}theme: khong-co\n", common::SITE_YAML),
    );
    let err = site.build_err();
    assert!(
        err.contains("site.yaml") && err.contains("themes/"),
        "{err}"
    );
}

#[test]
fn pages_load_nothing_from_elsewhere_and_nothing_inline() {
    let site = fixture();
    let out = site.run(&["build", "--drafts"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut checked = 0;
    for (rel, bytes) in tree(&site.path("public")) {
        if !rel.ends_with(".html") {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        // Only the search page runs a script, from a file of the site.
        if rel.starts_with("tim-kiem/") {
            assert!(
                text.contains("search.js\"></script>"),
                "{rel}: script from the site"
            );
            assert!(!text.contains("<script>"), "{rel}: no inline script");
        } else {
            assert!(!text.contains("<script"), "{rel}: no JavaScript");
        }
        assert!(!text.contains("<style"), "{rel}: no inline style element");
        assert!(!text.contains(" style=\""), "{rel}: no style attribute");
        let html = site.html(&format!("public/{rel}"));
        for (selector, attr) in [
            ("link:not([rel=canonical])", "href"),
            ("img", "src"),
            ("script", "src"),
            ("iframe", "src"),
        ] {
            for url in attrs(&html, selector, attr) {
                let local = !url.contains(':') && !url.starts_with("//");
                assert!(local, "{rel}: loads {url}");
            }
        }
        let first_link = attrs(&html, "body a", "href");
        assert_eq!(
            first_link.first().map(String::as_str),
            Some("#main"),
            "{rel}"
        );
        assert_eq!(attrs(&html, "main", "id"), ["main"], "{rel}");
        checked += 1;
    }
    assert!(checked > 70, "{checked}");
}

#[test]
fn the_portal_block_fills_header_and_footer() {
    let site = fixture();
    site.build_ok();
    let html = site.html(FULL);
    assert_eq!(
        attrs(&html, ".brand-logo", "src"),
        ["/cong-thong-tin/ket-luan/static/quoc-huy.svg"]
    );
    assert!(site.path("public/static/quoc-huy.svg").is_file());
    assert_eq!(
        texts(&html, ".brand-agency"),
        ["Văn phòng Ủy ban nhân dân tỉnh Hà Tĩnh, đơn vị quản lý Cổng thông tin điện tử"]
    );
    let footer = texts(&html, "footer").join(" ");
    for field in [
        "Ủy ban nhân dân tỉnh Hà Tĩnh",
        "Địa chỉ: Số 1 đường Nguyễn Tất Thành, phường Thành Sen, tỉnh Hà Tĩnh",
        "Điện thoại: 0239 3855 000, 0239 3855 001",
        "Thư điện tử: banbientap@portal.example.gov.vn",
        "Chịu trách nhiệm chính: Ông Nguyễn Văn An, Chánh Văn phòng Ủy ban nhân dân tỉnh",
        "Giấy phép: Giấy phép số 12/GP-TTĐT, ngày 15/1/2024",
        "Cổng thông tin điện tử tỉnh",
    ] {
        assert!(footer.contains(field), "{field} not in {footer}");
    }
    assert!(!footer.contains("ketluan"), "{footer}");
    assert_eq!(
        attrs(&html, "footer a[href^='tel:']", "href"),
        ["tel:02393855000"]
    );
    // Without the block: the site's title and description, no empty labels.
    let plain = TestSite::new();
    plain.write(
        "content/a.md",
        conclusion("Kết luận", "2023-03-22", "Hà Tĩnh", ""),
    );
    plain.build_ok();
    let html = plain.html("public/index.html");
    assert!(texts(&html, "footer dt").is_empty());
    assert_eq!(
        attrs(&html, ".brand-logo", "src"),
        ["/ket-luan/static/logo.svg"]
    );
}

#[test]
fn every_page_has_a_search_box_and_a_menu_without_javascript() {
    let site = fixture();
    site.build_ok();
    for page in [
        FULL,
        "public/tinh/index.html",
        "public/nghi-quyet/index.html",
    ] {
        let html = site.html(page);
        assert_eq!(
            attrs(&html, "header form[role=search]", "action"),
            ["/cong-thong-tin/ket-luan/tim-kiem/"],
            "{page}"
        );
        assert_eq!(attrs(&html, "header form input", "name"), ["q"]);
        assert_eq!(attrs(&html, "header form", "method"), ["get"]);
        assert_eq!(texts(&html, "header nav details > summary"), ["Danh mục"]);
    }
    let home = site.html("public/index.html");
    assert_eq!(attrs(&home, "main form[role=search] input", "name"), ["q"]);
    // The banner shows the title; the home page does not show it again.
    assert_eq!(attrs(&home, "h1", "class"), ["visually-hidden"]);
    // The search page's own form replaces the box.
    let search = site.html("public/tim-kiem/index.html");
    assert!(attrs(&search, "header form", "action").is_empty());
}

/// A site of `n` conclusions in Hà Tĩnh, each citing two documents of its own.
fn many_documents(n: usize) -> TestSite {
    let site = TestSite::new();
    for i in 0..n {
        let extra = format!("resolutions: [{}-NQ/TU, {}/QĐ-UBND]\n", i + 1, i + 1000);
        site.write(
            &format!("content/k{i}.md"),
            conclusion(&format!("Kết luận {i}"), "2023-03-22", "Hà Tĩnh", &extra),
        );
    }
    site
}

#[test]
fn the_documents_index_is_paginated_with_filter_pages() {
    let site = many_documents(60);
    site.write(
        "content/n.md",
        conclusion(
            "Kết luận QN",
            "2021-05-02",
            "Quảng Ninh",
            "resolutions: [326/2021/NQ-HĐND, 48-KL/TW]\n",
        ),
    );
    site.build_ok();
    let first = site.html("public/nghi-quyet/index.html");
    // 122 documents: 50 a page.
    assert_eq!(texts(&first, "table.documents tbody tr").len(), 50);
    assert_eq!(texts(&first, ".paginator .page-status"), ["Trang 1/3"]);
    let third = site.html("public/nghi-quyet/trang/3/index.html");
    assert_eq!(texts(&third, "table.documents tbody tr").len(), 22);
    // Issuers written out, in their own column.
    let issuers: BTreeSet<String> = texts(&first, "td.col-issuer").into_iter().collect();
    assert!(issuers.contains("Tỉnh ủy Hà Tĩnh"), "{issuers:?}");
    let all: Vec<String> = (1..=3)
        .flat_map(|n| {
            let page = if n == 1 {
                "public/nghi-quyet/index.html".to_string()
            } else {
                format!("public/nghi-quyet/trang/{n}/index.html")
            };
            texts(&site.html(&page), "td.col-issuer")
        })
        .collect();
    for name in [
        "Ban Chấp hành Trung ương",
        "HĐND tỉnh Quảng Ninh",
        "UBND tỉnh Hà Tĩnh",
    ] {
        assert!(all.iter().any(|i| i == name), "{name} not in {all:?}");
    }
    // Filters are links to pages of their own.
    let filters = attrs(&first, ".filters a", "href");
    for url in [
        "/ket-luan/nghi-quyet/loai/nq/",
        "/ket-luan/nghi-quyet/loai/qd/",
        "/ket-luan/nghi-quyet/tinh/quang-ninh/",
        "/ket-luan/nghi-quyet/tinh/trung-uong/",
        "/ket-luan/nghi-quyet/co-quan/hdnd-tinh-quang-ninh/",
    ] {
        assert!(
            filters.contains(&url.to_string()),
            "{url} not in {filters:?}"
        );
    }
    let qn = site.html("public/nghi-quyet/tinh/quang-ninh/index.html");
    assert_eq!(
        texts(&qn, "table.documents tbody th a"),
        ["326/2021/NQ-HĐND"]
    );
    assert_eq!(texts(&qn, "h1"), ["Nghị quyết, văn bản: Quảng Ninh"]);
    // Each filter's values also have a page of their own, which long filters link
    // to instead of listing them on every page.
    let issuers = site.html("public/nghi-quyet/co-quan/index.html");
    assert_eq!(
        texts(&issuers, ".filter-values a"),
        [
            "Ban Chấp hành Trung ương",
            "HĐND tỉnh Quảng Ninh",
            "Tỉnh ủy Hà Tĩnh",
            "UBND tỉnh Hà Tĩnh"
        ]
    );
    assert_eq!(
        texts(&issuers, ".site-nav [aria-current]"),
        ["Nghị quyết, văn bản"]
    );
    // One year only: its page exists, but no filter offers a single choice.
    assert!(site.path("public/nghi-quyet/nam/2021/index.html").is_file());
    let nq = site.html("public/nghi-quyet/loai/nq/index.html");
    assert_eq!(texts(&nq, "table.documents tbody tr").len(), 50);
    assert!(
        site.path("public/nghi-quyet/loai/nq/trang/2/index.html")
            .is_file()
    );
    // Each document is on one page of the index and one of each filter: the
    // filter pages cost at most four times the index, plus a page per value.
    let pages = |dir: &str| {
        walkdir::WalkDir::new(site.path(dir))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_name() == "index.html")
            .count()
    };
    let listing = pages("public/nghi-quyet") - 122 - 4;
    assert!(listing <= 3 * 5 + 2 + 3 + 3 + 3, "{listing} listing pages");
}

#[test]
fn provinces_nest_former_units_under_the_current_ones() {
    let site = TestSite::new();
    for (slug, date, province) in [
        ("ld2021", "2021-06-15", "Lâm Đồng"),
        ("dn2022", "2022-03-01", "Đắk Nông"),
        ("bt2022", "2022-04-01", "Bình Thuận"),
        ("ld2025", "2025-08-10", "Lâm Đồng"),
        ("ht", "2023-05-10", "Hà Tĩnh"),
    ] {
        site.write(
            &format!("content/{slug}.md"),
            conclusion(slug, date, province, ""),
        );
    }
    site.build_ok();
    let html = site.html("public/tinh/index.html");
    assert_eq!(
        texts(&html, "table.provinces tbody > tr > th > a"),
        ["Hà Tĩnh", "Lâm Đồng"]
    );
    assert_eq!(texts(&html, "table.provinces td.num"), ["1", "4"]);
    assert_eq!(
        texts(&html, ".formers li"),
        ["Bình Thuận (cũ) 1", "Đắk Nông (cũ) 1"]
    );
    assert_eq!(
        texts(&site.html("public/index.html"), ".stat-number")[1],
        "2"
    );
}

#[test]
fn the_timeline_is_compact_with_a_month_jump_list() {
    let site = TestSite::new();
    for i in 0..60 {
        let date = format!("2023-{:02}-{:02}", 1 + i % 12, 1 + i / 12);
        site.write(
            &format!("content/k{i}.md"),
            conclusion(
                &format!("Kết luận {i}"),
                &date,
                "Hà Tĩnh",
                &format!("number: {}-TB/TU\n", i + 1),
            ),
        );
    }
    // The default of 50 a page.
    site.build_ok();
    let html = site.html("public/dong-thoi-gian/index.html");
    assert_eq!(texts(&html, ".c-item").len(), 50);
    assert!(
        site.path("public/dong-thoi-gian/page/2/index.html")
            .is_file()
    );
    // The number is in each item's first line, as strong as the date.
    assert!(texts(&html, ".c-meta .docnum").len() == 50);
    let months = attrs(&html, ".jump-months a", "href");
    assert_eq!(months.len(), 12, "{months:?}");
    assert_eq!(months[0], "/ket-luan/dong-thoi-gian/2023/#thang-2023-12");
    let year = site.html("public/dong-thoi-gian/2023/index.html");
    assert_eq!(texts(&year, "#thang-2023-12"), ["Tháng 12/2023"]);
}

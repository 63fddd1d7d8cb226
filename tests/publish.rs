//! Publishing: feeds, sitemap and robots.txt, open data, the search index files,
//! `search: false`, sub-path deployment (followed with a link checker written here)
//! and `build --check-links`.

mod common;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::str::FromStr;

use common::{TestSite, add_dak_nong, attrs, tree};
use serde_json::Value;

const BASE: &str = "https://portal.example.gov.vn/ket-luan/";
const DAK_NONG_SLUG: &str = "2022-05-10-dak-nong-ha-tang";

fn example_with_dak_nong() -> TestSite {
    let site = TestSite::example();
    add_dak_nong(&site);
    site
}

fn xml(site: &TestSite, rel: &str) -> String {
    site.read(&format!("public/{rel}"))
}

fn child<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<roxmltree::Node<'a, 'a>> {
    node.children().find(|c| c.has_tag_name(name))
}

fn children<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    node.children().filter(|c| c.has_tag_name(name)).collect()
}

/// Parse an Atom feed and check RFC 4287's required elements; returns the entries'
/// alternate links.
fn check_atom(text: &str, self_url: &str) -> Vec<String> {
    const ATOM: &str = "http://www.w3.org/2005/Atom";
    let doc = roxmltree::Document::parse(text).expect("feed is well-formed XML");
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")), "root is atom:feed");
    for required in ["id", "title", "updated", "author"] {
        assert_eq!(
            children(feed, required).len(),
            1,
            "feed needs exactly one {required}"
        );
    }
    let link = |node: roxmltree::Node, rel: &str| -> Option<String> {
        node.children()
            .filter(|c| c.has_tag_name("link"))
            .find(|c| c.attribute("rel").unwrap_or("alternate") == rel)
            .and_then(|c| c.attribute("href").map(str::to_string))
    };
    assert_eq!(link(feed, "self").as_deref(), Some(self_url));
    let updated = child(feed, "updated").unwrap().text().unwrap();
    assert!(
        jiff::Timestamp::from_str(updated).is_ok(),
        "updated is RFC 3339: {updated}"
    );
    let entries = children(feed, "entry");
    assert!(!entries.is_empty() && entries.len() <= 50);
    let mut links = Vec::new();
    for e in entries {
        for required in ["id", "title", "updated"] {
            assert_eq!(children(e, required).len(), 1, "entry needs one {required}");
        }
        let ts = child(e, "updated").unwrap().text().unwrap();
        assert!(jiff::Timestamp::from_str(ts).is_ok(), "{ts}");
        let href = link(e, "alternate").expect("entry has an alternate link");
        assert!(href.starts_with(BASE), "absolute with sub-path: {href}");
        links.push(href);
    }
    links
}

#[test]
fn atom_feeds_are_valid_absolute_and_linked_from_head() {
    let site = example_with_dak_nong();
    site.build_ok();
    let all = check_atom(&xml(&site, "atom.xml"), &format!("{BASE}atom.xml"));
    assert_eq!(all.len(), 6);
    assert_eq!(
        all[0],
        format!("{BASE}ket-luan/2023-03-22-ha-tinh-ket-luan-hoi-nghi-can-bo-chu-chot/"),
        "newest first"
    );

    // Province feeds: the former unit's conclusion is in Đắk Nông's and Lâm Đồng's.
    let dak_nong = format!("{BASE}ket-luan/{DAK_NONG_SLUG}/");
    let feed = check_atom(
        &xml(&site, "tinh/dak-nong/atom.xml"),
        &format!("{BASE}tinh/dak-nong/atom.xml"),
    );
    assert_eq!(feed, std::slice::from_ref(&dak_nong));
    let feed = check_atom(
        &xml(&site, "tinh/lam-dong/atom.xml"),
        &format!("{BASE}tinh/lam-dong/atom.xml"),
    );
    assert!(feed.contains(&dak_nong), "{feed:?}");
    let feed = check_atom(
        &xml(&site, "nghi-quyet/48-kl-tw-2023/atom.xml"),
        &format!("{BASE}nghi-quyet/48-kl-tw-2023/atom.xml"),
    );
    assert_eq!(feed.len(), 2);

    // Every page links the site feed; province and document pages their own too.
    let feeds = |page: &str| {
        attrs(
            &site.html(&format!("public/{page}")),
            "head link[rel=alternate][type=\"application/atom+xml\"]",
            "href",
        )
    };
    assert_eq!(feeds("index.html"), ["/ket-luan/atom.xml"]);
    assert_eq!(
        feeds("tinh/dak-nong/index.html"),
        ["/ket-luan/atom.xml", "/ket-luan/tinh/dak-nong/atom.xml"]
    );
    assert_eq!(
        feeds("nghi-quyet/48-kl-tw-2023/index.html"),
        [
            "/ket-luan/atom.xml",
            "/ket-luan/nghi-quyet/48-kl-tw-2023/atom.xml"
        ]
    );
}

#[test]
fn feed_keeps_the_newest_fifty() {
    let site = TestSite::new();
    for i in 0..55 {
        let day = 1 + i % 28;
        let month = 1 + i / 28;
        site.write(
            &format!("content/{i:02}.md"),
            common::conclusion(
                &format!("Kết luận {i}"),
                &format!("2024-{month:02}-{day:02}"),
                "Hà Tĩnh",
                "",
            ),
        );
    }
    site.build_ok();
    let links = check_atom(&xml(&site, "atom.xml"), &format!("{BASE}atom.xml"));
    assert_eq!(links.len(), 50);
    assert!(links[0].ends_with("/ket-luan/54/"), "{}", links[0]);
}

#[test]
fn sitemap_lists_every_page_with_its_date_and_robots_points_to_it() {
    let site = example_with_dak_nong();
    site.build_ok();
    let text = xml(&site, "sitemap.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let root = doc.root_element();
    assert!(root.has_tag_name(("http://www.sitemaps.org/schemas/sitemap/0.9", "urlset")));
    let mut listed: BTreeMap<String, Option<String>> = BTreeMap::new();
    for url in children(root, "url") {
        let loc = child(url, "loc").unwrap().text().unwrap().to_string();
        let lastmod = child(url, "lastmod").map(|l| l.text().unwrap().to_string());
        listed.insert(loc, lastmod);
    }
    // Every HTML page but the 404 is listed, under the sub-path; the documents index
    // filtered by kind, issuer, year or province is not: it repeats the full index.
    let filtered = ["loai/", "co-quan/", "nam/", "tinh/"].map(|f| format!("nghi-quyet/{f}"));
    let pages: BTreeSet<String> = tree(&site.path("public"))
        .into_iter()
        .map(|(rel, _)| rel)
        .filter(|rel| rel.ends_with("index.html"))
        .filter(|rel| !filtered.iter().any(|f| rel.starts_with(f.as_str())))
        .map(|rel| format!("{BASE}{}", rel.trim_end_matches("index.html")))
        .collect();
    assert_eq!(listed.keys().cloned().collect::<BTreeSet<_>>(), pages);
    assert_eq!(
        listed[&format!("{BASE}ket-luan/{DAK_NONG_SLUG}/")].as_deref(),
        Some("2022-05-10")
    );
    assert_eq!(listed[BASE].as_deref(), Some("2023-03-22"));
    assert_eq!(
        listed[&format!("{BASE}tinh/dak-nong/")].as_deref(),
        Some("2022-05-10")
    );
    assert!(listed.contains_key(&format!("{BASE}tim-kiem/")));
    let robots = site.read("public/robots.txt");
    assert!(robots.contains("User-agent: *"), "{robots}");
    assert!(
        robots.contains(&format!("Sitemap: {BASE}sitemap.xml")),
        "{robots}"
    );
}

// ---------------------------------------------------------------- open data

/// RFC 4180 reader: rows of cells, quoted cells may hold commas, quotes and line breaks.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') if cell.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "rows end with CRLF");
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\n') => panic!("bare LF outside quotes"),
            (false, c) => cell.push(c),
        }
    }
    assert!(cell.is_empty() && row.is_empty(), "file ends with CRLF");
    rows
}

fn s(v: &Value) -> String {
    v.as_str().map(str::to_string).unwrap_or_default()
}

fn list(v: &Value, field: Option<&str>) -> String {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| match field {
            Some(f) => s(&x[f]),
            None => s(x),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A tiny JSON Schema check: the properties, required keys and types this project's
/// schemas use, with local `$ref`s.
fn conforms(value: &Value, schema: &Value, root: &Value, at: &str) {
    let schema = match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.strip_prefix("#/$defs/").expect("local ref");
            &root["$defs"][name]
        }
        None => schema,
    };
    if let Some(options) = schema.get("oneOf").and_then(Value::as_array) {
        let ok = options
            .iter()
            .filter(|o| std::panic::catch_unwind(|| conforms(value, o, root, at)).is_ok());
        assert_eq!(ok.count(), 1, "{at}: exactly one of oneOf");
        return;
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
        assert!(allowed.contains(value), "{at}: {value} not in enum");
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    if !types.is_empty() {
        let actual = match value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        };
        assert!(types.contains(&actual), "{at}: {actual} is not {types:?}");
    }
    if let (Some(props), Value::Object(obj)) = (schema.get("properties"), value) {
        let props = props.as_object().unwrap();
        for key in obj.keys() {
            assert!(props.contains_key(key), "{at}: unexpected key {key}");
        }
        for req in schema["required"].as_array().unwrap() {
            assert!(
                obj.contains_key(req.as_str().unwrap()),
                "{at}: missing {req}"
            );
        }
        for (k, v) in obj {
            conforms(v, &props[k], root, &format!("{at}.{k}"));
        }
    }
    if let (Some(items), Value::Array(arr)) = (schema.get("items"), value) {
        for (i, v) in arr.iter().enumerate() {
            conforms(v, items, root, &format!("{at}[{i}]"));
        }
    }
}

#[test]
fn open_data_json_and_csv_round_trip_every_field() {
    let site = example_with_dak_nong();
    site.build_ok();
    let json: Value = serde_json::from_str(&site.read("public/data/conclusions.json")).unwrap();
    let schema: Value =
        serde_json::from_str(&site.read("public/data/conclusions.schema.json")).unwrap();
    conforms(&json, &schema, &schema, "conclusions.json");
    assert_eq!(
        json["$schema"],
        format!("{BASE}data/conclusions.schema.json")
    );
    let records = json["conclusions"].as_array().unwrap();
    assert_eq!(records.len(), 6);

    // The Đắk Nông conclusion, field by field, as written in its front matter.
    let r = records.iter().find(|r| r["slug"] == DAK_NONG_SLUG).unwrap();
    assert_eq!(
        r["title"],
        "Đắk Nông: tập trung đầu tư hạ tầng giao thông, kết nối vùng"
    );
    assert_eq!(r["url"], format!("{BASE}ket-luan/{DAK_NONG_SLUG}/"));
    assert_eq!(r["date"], "2022-05-10");
    assert_eq!(r["province"]["name"], "Đắk Nông");
    assert_eq!(r["province"]["slug"], "dak-nong");
    assert_eq!(r["province"]["current"]["name"], "Lâm Đồng");
    assert_eq!(r["province"]["current"]["slug"], "lam-dong");
    assert_eq!(r["body"], "Ban Thường vụ Tỉnh ủy");
    assert_eq!(r["chaired_by"], "Ngô Thanh Danh");
    assert_eq!(r["signed_by"], "Lê Văn \"Chính\"");
    assert_eq!(r["number"], "07-KL/TU");
    assert_eq!(
        r["tags"],
        serde_json::json!(["hạ tầng", "giao thông, vận tải"])
    );
    assert_eq!(
        r["summary"],
        "Ban Thường vụ Tỉnh ủy Đắk Nông kết luận về đầu tư hạ tầng, giao thông; ưu tiên cao tốc Gia Nghĩa – Chơn Thành."
    );
    assert_eq!(r["source"], "https://daknong.example.vn/tin/123");
    assert_eq!(
        r["attachments"],
        serde_json::json!([format!(
            "{BASE}ket-luan/{DAK_NONG_SLUG}/ket%20luan%2007.pdf"
        )])
    );
    let docs = r["documents"].as_array().unwrap();
    assert_eq!(docs[0]["number"], "05-NQ/TU");
    assert_eq!(docs[0]["kind"], "NQ");
    assert_eq!(docs[0]["issuer"], "TU");
    assert_eq!(docs[0]["scope"], "provincial");
    assert_eq!(docs[0]["slug"], "dak-nong-05-nq-tu");
    assert_eq!(docs[1]["number"], "48-KL/TW");
    assert_eq!(docs[1]["scope"], "national");
    assert!(r.get("author").is_none(), "no author in open data");

    // CSV: BOM, header, one row per conclusion, every field equal to the JSON's.
    let csv = site.read("public/data/conclusions.csv");
    let csv = csv.strip_prefix('\u{feff}').expect("starts with a BOM");
    let rows = parse_csv(csv);
    let header = &rows[0];
    assert_eq!(rows.len(), records.len() + 1);
    for (row, r) in rows[1..].iter().zip(records) {
        assert_eq!(row.len(), header.len());
        let cell: BTreeMap<&str, &str> = header
            .iter()
            .map(String::as_str)
            .zip(row.iter().map(String::as_str))
            .collect();
        let p = &r["province"];
        let expected: BTreeMap<&str, String> = [
            ("slug", s(&r["slug"])),
            ("url", s(&r["url"])),
            ("title", s(&r["title"])),
            ("date", s(&r["date"])),
            ("province", s(&p["name"])),
            ("province_slug", s(&p["slug"])),
            ("current_province", s(&p["current"]["name"])),
            ("current_province_slug", s(&p["current"]["slug"])),
            ("body", s(&r["body"])),
            ("chaired_by", s(&r["chaired_by"])),
            ("signed_by", s(&r["signed_by"])),
            ("number", s(&r["number"])),
            ("documents", list(&r["documents"], Some("number"))),
            ("document_slugs", list(&r["documents"], Some("slug"))),
            ("tags", list(&r["tags"], None)),
            ("summary", s(&r["summary"])),
            ("source", s(&r["source"])),
            ("attachments", list(&r["attachments"], None)),
        ]
        .into_iter()
        .collect();
        assert_eq!(
            cell.keys().collect::<Vec<_>>(),
            expected.keys().collect::<Vec<_>>()
        );
        for (k, v) in &expected {
            assert_eq!(cell[k], v, "{}: {k}", r["slug"]);
        }
    }

    // documents.json: schema, and each document lists exactly the conclusions citing it.
    let docs: Value = serde_json::from_str(&site.read("public/data/documents.json")).unwrap();
    let schema: Value =
        serde_json::from_str(&site.read("public/data/documents.schema.json")).unwrap();
    conforms(&docs, &schema, &schema, "documents.json");
    let docs = docs["documents"].as_array().unwrap();
    for d in docs {
        let slug = s(&d["slug"]);
        let citing: Vec<String> = records
            .iter()
            .filter(|r| {
                r["documents"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|x| x["slug"] == slug.as_str())
            })
            .map(|r| s(&r["slug"]))
            .collect();
        let listed: Vec<String> = d["conclusions"].as_array().unwrap().iter().map(s).collect();
        assert_eq!(listed, citing, "{slug}");
    }
    let national = docs.iter().find(|d| d["slug"] == "48-kl-tw-2023").unwrap();
    assert_eq!(national["scope"], "national");
    assert_eq!(national["province"], Value::Null);
    assert_eq!(national["kind_name"], "Kết luận");
}

#[test]
fn csv_cells_that_would_be_formulas_are_defused() {
    let site = TestSite::new();
    site.write(
        "content/a.md",
        "---\ntitle: '=HYPERLINK(\"http://x\",\"y\")'\ndate: 2021-11-01\nprovince: Hà Tĩnh\n\
         chaired_by: \"@SUM(A1)\"\nsigned_by: \"+84 912\"\ntags: [\"-2+3\", nông nghiệp]\n\
         number: 07-KL/TU\n---\nNội dung.\n",
    );
    site.build_ok();
    let csv = site.read("public/data/conclusions.csv");
    let rows = parse_csv(csv.strip_prefix('\u{feff}').unwrap());
    let cell = |name: &str| {
        let i = rows[0].iter().position(|h| h == name).unwrap();
        rows[1][i].clone()
    };
    assert_eq!(cell("title"), "'=HYPERLINK(\"http://x\",\"y\")");
    assert_eq!(cell("chaired_by"), "'@SUM(A1)");
    assert_eq!(cell("signed_by"), "'+84 912");
    assert_eq!(cell("tags"), "'-2+3; nông nghiệp");
    assert_eq!(cell("number"), "07-KL/TU");
    assert_eq!(cell("date"), "2021-11-01");
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x"), "quoted: {csv}");
    // The JSON keeps the values as written.
    let json: Value = serde_json::from_str(&site.read("public/data/conclusions.json")).unwrap();
    assert_eq!(
        json["conclusions"][0]["title"],
        "=HYPERLINK(\"http://x\",\"y\")"
    );
}

// ---------------------------------------------------------------- search

#[test]
fn search_page_and_index_files() {
    let site = example_with_dak_nong();
    site.build_ok();
    let page = site.html("public/tim-kiem/index.html");
    assert_eq!(
        attrs(&page, "form#search-form", "data-index"),
        ["/ket-luan/tim-kiem/chi-muc/"]
    );
    assert_eq!(
        attrs(&page, "script", "src"),
        ["/ket-luan/static/search.js"]
    );
    // Filters rendered on the server: provinces with pages, years.
    let provinces = attrs(&page, "#search-province option", "value");
    assert!(provinces.contains(&"dak-nong".to_string()), "{provinces:?}");
    assert!(provinces.contains(&"lam-dong".to_string()), "{provinces:?}");
    assert_eq!(
        attrs(&page, "#search-year option", "value"),
        ["", "2023", "2022", "2021"]
    );
    // No inline scripts or styles (strict CSP).
    let html = site.read("public/tim-kiem/index.html");
    assert!(!html.contains(" style="), "inline style");
    assert_eq!(
        html.matches("<script").count(),
        html.matches("<script type=\"module\" src=").count()
    );
    // The nav links to it from every page.
    let nav = attrs(&site.html("public/index.html"), "nav a", "href");
    assert!(nav.contains(&"/ket-luan/tim-kiem/".to_string()), "{nav:?}");

    let manifest: Value =
        serde_json::from_str(&site.read("public/tim-kiem/chi-muc/manifest.json")).unwrap();
    assert_eq!(manifest["docs"], 6);
    let shards = manifest["shards"].as_u64().unwrap();
    for k in 0..shards {
        assert!(
            site.path(&format!("public/tim-kiem/chi-muc/t/{k}.bin"))
                .is_file()
        );
    }
    // Conclusion ids follow the timeline from the oldest: of the six, the 2022 Đắk
    // Nông conclusion is the second newest, id 4.
    // A result file: a line of JSON, then the excerpt's text as it is.
    let fragment = site.read("public/tim-kiem/chi-muc/d/0/4.txt");
    let (head, text) = fragment.split_once('\n').unwrap();
    let fragment: Value = serde_json::from_str(head).unwrap();
    assert_eq!(
        fragment["url"],
        format!("/ket-luan/ket-luan/{DAK_NONG_SLUG}/")
    );
    assert_eq!(fragment["province"], "Đắk Nông");
    assert_eq!(fragment["former"], true);
    assert!(text.contains("phát triển hạ tầng"), "{text}");
    assert!(fragment.get("text").is_none());
    assert_eq!(
        manifest["years"],
        serde_json::json!([
            {"year": 2023, "from": 5, "to": 6},
            {"year": 2022, "from": 3, "to": 5},
            {"year": 2021, "from": 0, "to": 3}
        ])
    );
}

#[test]
fn search_false_turns_search_off() {
    let site = TestSite::example();
    let yaml = site.read("site.yaml");
    site.write("site.yaml", format!("{yaml}search: false\n"));
    site.build_ok();
    assert!(!site.path("public/tim-kiem").exists());
    assert!(!site.path("public/static/search.js").exists());
    let nav = attrs(&site.html("public/index.html"), "nav a", "href");
    assert!(!nav.iter().any(|h| h.contains("tim-kiem")), "{nav:?}");
    assert!(!site.read("public/sitemap.xml").contains("tim-kiem"));
    // Everything else is still there.
    assert!(site.path("public/atom.xml").is_file());
    assert!(site.path("public/data/conclusions.json").is_file());
}

// ---------------------------------------------------------------- deployment

/// Follow every internal link from the home page, as a crawler would: each must
/// carry the sub-path, lead to a file of the output, and its `#anchor` must exist.
/// Returns the HTML pages reached.
fn crawl(site: &TestSite, base_path: &str) -> BTreeSet<String> {
    let out = site.path("public");
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from([base_path.to_string()]);
    let mut problems = Vec::new();
    while let Some(url) = queue.pop_front() {
        let (path, fragment) = match url.split_once('#') {
            Some((p, f)) => (p.to_string(), Some(f.to_string())),
            None => (url.clone(), None),
        };
        let path = path.split('?').next().unwrap().to_string();
        let Some(rel) = path.strip_prefix(base_path) else {
            problems.push(format!("{url}: outside {base_path}"));
            continue;
        };
        let rel = percent_decode(rel);
        let file = if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.clone()
        };
        if !out.join(&file).is_file() {
            problems.push(format!("{url}: no file {file}"));
            continue;
        }
        if !file.ends_with(".html") {
            continue;
        }
        let html = site.html(&format!("public/{file}"));
        if let Some(f) = fragment.filter(|f| !f.is_empty()) {
            let ids = attrs(&html, "[id]", "id");
            if !ids.contains(&f) {
                problems.push(format!("{url}: no #{f}"));
            }
        }
        if !seen.insert(file.clone()) {
            continue;
        }
        let page_dir = format!(
            "{base_path}{}",
            &file[..file.rfind('/').map_or(0, |i| i + 1)]
        );
        for href in ["a[href]", "link[href]"]
            .iter()
            .flat_map(|sel| attrs(&html, sel, "href"))
            .chain(attrs(&html, "[src]", "src"))
            .chain(attrs(&html, "form[action]", "action"))
        {
            let target = if let Some(rest) = href.strip_prefix("https://portal.example.gov.vn") {
                rest.to_string()
            } else if href.contains("://")
                || ["mailto:", "tel:"].iter().any(|s| href.starts_with(s))
            {
                continue;
            } else if href.starts_with('#') {
                format!(
                    "{}{href}",
                    &format!("{base_path}{file}").trim_end_matches("index.html")
                )
            } else if href.starts_with('/') {
                href.clone()
            } else {
                format!("{page_dir}{href}")
            };
            queue.push_back(target);
        }
    }
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
    seen
}

fn percent_decode(s: &str) -> String {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn sub_path_site_has_no_broken_link_or_anchor() {
    let site = example_with_dak_nong();
    let out = site.run(&[
        "build",
        "--check-links",
        "--base-url",
        "https://portal.example.gov.vn/ket-luan/",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reached = crawl(&site, "/ket-luan/");
    // Every page of the site is reachable from the home page (but the 404 page).
    let pages: BTreeSet<String> = tree(&site.path("public"))
        .into_iter()
        .map(|(rel, _)| rel)
        .filter(|rel| rel.ends_with(".html") && rel != "404.html")
        .collect();
    assert_eq!(reached, pages);
    // Feeds, sitemap and data carry the sub-path too.
    for file in [
        "atom.xml",
        "sitemap.xml",
        "data/conclusions.json",
        "robots.txt",
    ] {
        let text = site.read(&format!("public/{file}"));
        assert!(text.contains(BASE), "{file}");
        assert!(
            !text.contains("https://portal.example.gov.vn/ket-luan/ket-luan/ket-luan"),
            "{file}"
        );
    }

    // The same content at another sub-path, via --base-url.
    let out = site.run(&["build", "--check-links", "--base-url", "https://x.vn/a/b/"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let home = site.html("public/index.html");
    assert!(
        attrs(&home, "a", "href")
            .iter()
            .filter(|h| h.starts_with('/'))
            .all(|h| h.starts_with("/a/b/"))
    );
    assert!(
        site.read("public/sitemap.xml")
            .contains("<loc>https://x.vn/a/b/</loc>")
    );

    // A base URL as a person may type it is written the one way feed readers and
    // crawlers compare: host in lower case, no default port, the path escaped.
    let typed = "https://X.VN:443/Kết-luận";
    let out = site.run(&["build", "--check-links", "--base-url", typed]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = "https://x.vn/K%E1%BA%BFt-lu%E1%BA%ADn/";
    assert!(
        site.read("public/sitemap.xml")
            .contains(&format!("<loc>{written}</loc>"))
    );
    assert!(
        site.read("public/atom.xml")
            .contains(&format!("href=\"{written}\""))
    );
}

#[test]
fn check_links_refuses_a_broken_link_and_keeps_the_last_site() {
    let site = TestSite::example();
    site.build_ok();
    let before = tree(&site.path("public"));
    // A site template with a link that ignores the base path and a missing anchor.
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<h1>x</h1>\n<a href=\"/tinh/\">x</a> <a href=\"{{ urls.provinces }}#nope\">y</a>{% endblock content %}",
    );
    // And a body with a link to a conclusion that does not exist.
    site.write(
        "content/z.md",
        "---\ntitle: Kết luận\ndate: 2024-01-02\nprovince: Hà Tĩnh\nslug: z\n---\nMở đầu.\n\nXem [bài khác](../khong-co/).\n",
    );
    let out = site.run(&["build", "--check-links", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    // Each where it was written: the template's line and column, the body's line in
    // its file; never the generated HTML.
    assert!(!err.contains("public/"), "{err}");
    assert!(
        err.contains("templates/404.html:2:10: error[broken-output-link]: broken link `/tinh/`"),
        "{err}"
    );
    assert!(
        err.contains("templates/404.html:2:53: error[broken-output-link]"),
        "{err}"
    );
    assert!(
        err.contains("content/z.md:9:16: error[broken-output-link]: broken link `../khong-co/`"),
        "{err}"
    );
    assert!(err.contains("9 | Xem [bài khác](../khong-co/)."), "{err}");
    assert!(err.contains("error[broken-output-link]"), "{err}");
    assert!(err.contains("`/tinh/`"), "{err}");
    assert!(
        err.contains("outside the site's base path /ket-luan/"),
        "{err}"
    );
    assert!(err.contains("no element with id `nope`"), "{err}");
    assert_eq!(tree(&site.path("public")), before, "output untouched");
    // Without the flag the build goes through.
    site.remove("content/z.md");
    site.build_ok();
}

#[test]
fn two_builds_are_byte_identical_including_search_feeds_and_data() {
    let a = example_with_dak_nong();
    let b = example_with_dak_nong();
    a.build_ok();
    b.build_ok();
    let (ta, tb) = (tree(&a.path("public")), tree(&b.path("public")));
    assert!(
        ta.iter()
            .any(|(p, _)| p == "tim-kiem/chi-muc/manifest.json")
    );
    assert!(ta.iter().any(|(p, _)| p == "data/conclusions.csv"));
    assert_eq!(ta, tb);
}

#[test]
fn body_headings_get_ids_that_in_page_links_reach() {
    let site = TestSite::new();
    site.write(
        "content/muc.md",
        "---\ntitle: \"Kết luận có mục\"\ndate: 2024-05-02\nprovince: Hà Tĩnh\n---\n\
         [tới mục 2](#muc-2) và [phụ lục](#phu-luc)\n\n## Mục 2\n\nA.\n\n## Mục 2\n\nB.\n\n\
         ## Nội dung\n\n## Đánh giá {#phu-luc}\n",
    );
    let out = site.run(&["build", "--check-links"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = site.html("public/ket-luan/muc/index.html");
    assert_eq!(
        attrs(&html, ".content h3", "id"),
        ["muc-2", "muc-2-2", "noi-dung", "phu-luc"]
    );
    // The theme's own ids stay unique on the page.
    let ids = attrs(&html, "[id]", "id");
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "{ids:?}");
}

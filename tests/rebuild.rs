//! `serve`'s incremental rebuild, through the library: after every kind of edit, what
//! it serves must be exactly what a fresh render of the same files gives, whichever
//! way it took (re-rendering one page after a body edit, or rebuilding the site).

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use common::TestSite;
use ketluan::build::{self, BuildOptions};
use ketluan::serve::state::{Outcome, Rebuilder};
use ketluan::timings::Timings;

const URL: &str = "http://127.0.0.1:1111/";
const CITING: &str = "content/2022-01-18-ha-tinh-chuong-trinh-thuc-hien-nghi-quyet.md";
const PLAIN: &str = "content/2021-11-01-ha-tinh-cu-the-hoa-chu-truong-nghi-quyet.md";

fn options(site: &TestSite) -> BuildOptions {
    BuildOptions {
        root: std::path::absolute(site.root()).unwrap(),
        output: None,
        base_url: Some(URL.into()),
        drafts: false,
        force: false,
    }
}

/// What one rebuild did: pages rendered, pages changed, and whether the site was
/// indexed anew (a whole rebuild) rather than patched.
struct Done {
    rendered: usize,
    changed: Vec<String>,
    indexed: bool,
}

fn rebuild(r: &mut Rebuilder, site: &TestSite, changed: &[&str]) -> Done {
    let paths: Vec<PathBuf> = changed
        .iter()
        .map(|p| std::path::absolute(site.path(p)).unwrap())
        .collect();
    match r.rebuild(&paths) {
        Outcome::Built {
            pages,
            rendered,
            timings,
            ..
        } => {
            r.make_extras(None);
            Done {
                rendered,
                changed: pages,
                indexed: timings.has("index"),
            }
        }
        Outcome::Failed(e) => panic!("rebuild failed:\n{}", e.text),
    }
}

/// Every page served is byte for byte what a fresh render of the site gives.
fn assert_fresh(r: &Rebuilder, site: &TestSite) {
    let (_, fresh) = build::render_site(&options(site), &mut Timings::default()).unwrap();
    let served = r.current();
    let fresh_paths: BTreeSet<&str> = fresh.pages.iter().map(|f| f.path.as_str()).collect();
    let served_paths: BTreeSet<&str> = served.pages.keys().map(String::as_str).collect();
    assert_eq!(served_paths, fresh_paths);
    for f in &fresh.pages {
        assert!(
            served.pages[&f.path][..] == f.contents[..],
            "{} served differs from a fresh render",
            f.path
        );
    }
}

fn edit(site: &TestSite, rel: &str, change: impl FnOnce(String) -> String) {
    let text = site.read(rel);
    let changed = change(text.clone());
    assert_ne!(changed, text, "the edit must change {rel}");
    site.write(rel, changed);
}

fn started(site: &TestSite) -> Rebuilder {
    let mut r = Rebuilder::new(options(site));
    let first = rebuild(&mut r, site, &[]);
    assert!(first.indexed);
    assert_fresh(&r, site);
    r
}

#[test]
fn a_body_edit_renders_only_its_page_and_matches_a_fresh_render() {
    let site = TestSite::example();
    let mut r = started(&site);
    // Site-wide files that do not show the body: carried over as they are served,
    // not made again (the same bytes in memory).
    let kept = [
        "atom.xml",
        "tim-kiem/chi-muc/d/0/0.txt",
        "data/documents.json",
    ];
    let before: Vec<*const u8> = kept
        .iter()
        .map(|p| r.current().pages[*p].as_ptr())
        .collect();

    edit(&site, PLAIN, |t| t + "\nMột đoạn mới ở cuối bài.\n");
    let done = rebuild(&mut r, &site, &[PLAIN]);
    let after: Vec<*const u8> = kept
        .iter()
        .map(|p| r.current().pages[*p].as_ptr())
        .collect();
    assert_eq!(before, after, "{kept:?} carried over");
    assert!(!done.indexed, "a body edit patches the site");
    assert_eq!(done.rendered, 1);
    assert_eq!(
        done.changed,
        ["ket-luan/2021-11-01-ha-tinh-cu-the-hoa-chu-truong-nghi-quyet/index.html"],
        "only its page changed before the site-wide files"
    );
    let page = &r.current().pages["ket-luan/2021-11-01-ha-tinh-cu-the-hoa-chu-truong-nghi-quyet/index.html"];
    assert!(String::from_utf8_lossy(page).contains("Một đoạn mới ở cuối bài."));
    assert_fresh(&r, &site);

    // Text inserted before the citations moves them in the text: their links follow.
    edit(&site, CITING, |t| {
        let at = t.find("\n\n").unwrap() + t[t.find("\n\n").unwrap() + 2..].find("\n\n").unwrap();
        let (head, tail) = t.split_at(at + 2);
        format!("{head}\n\nĐoạn chèn thêm trước các trích dẫn.\n{tail}")
    });
    let done = rebuild(&mut r, &site, &[CITING]);
    assert!(!done.indexed);
    assert_eq!(done.rendered, 1);
    assert_fresh(&r, &site);
}

#[test]
fn a_save_that_changes_nothing_renders_nothing() {
    let site = TestSite::example();
    let mut r = started(&site);
    let text = site.read(PLAIN);
    site.write(PLAIN, text);
    let done = rebuild(&mut r, &site, &[PLAIN]);
    assert_eq!(done.rendered, 0);
    assert!(done.changed.is_empty());
    assert_fresh(&r, &site);
}

#[test]
fn edits_that_change_listings_or_indexes_rebuild_the_site() {
    let site = TestSite::example();
    let mut r = started(&site);

    // A new citation in the text: a new document page, new links.
    edit(&site, PLAIN, |t| {
        t + "\nTiếp tục thực hiện Nghị quyết số 777-NQ/TU ngày 02/3/2021 của Ban Thường vụ Tỉnh ủy.\n"
    });
    let done = rebuild(&mut r, &site, &[PLAIN]);
    assert!(done.indexed, "a new citation changes the document index");
    assert!(
        r.current()
            .pages
            .keys()
            .any(|p| p.starts_with("nghi-quyet/") && p.contains("777")),
        "the cited document has its page"
    );
    assert_fresh(&r, &site);

    // The title: listings show it.
    edit(&site, PLAIN, |t| {
        t.replacen("title: \"Tập trung", "title: \"Sửa tên: Tập trung", 1)
    });
    let done = rebuild(&mut r, &site, &[PLAIN]);
    assert!(done.indexed);
    assert!(done.rendered > 1, "the listings showing the title too");
    assert_fresh(&r, &site);

    // The first paragraph: it is the lead of the data export and of listings without
    // a summary.
    edit(&site, CITING, |t| {
        let start = t.find("---\n\n").unwrap() + 5;
        format!("{}Đoạn mở đầu mới. {}", &t[..start], &t[start..])
    });
    let done = rebuild(&mut r, &site, &[CITING]);
    assert!(done.indexed);
    assert_fresh(&r, &site);

    // A date: the timeline order.
    edit(&site, CITING, |t| {
        t.replacen("date: 2022-01-18", "date: 2020-01-18", 1)
    });
    let done = rebuild(&mut r, &site, &[CITING]);
    assert!(done.indexed);
    assert_fresh(&r, &site);
}

#[test]
fn after_a_broken_save_the_fix_rebuilds_the_site() {
    let site = TestSite::example();
    let mut r = started(&site);
    let good = site.read(PLAIN);
    site.write(
        PLAIN,
        good.replacen("date: 2021-11-01", "date: 2021-13-01", 1),
    );
    let path = std::path::absolute(site.path(PLAIN)).unwrap();
    assert!(matches!(r.rebuild(&[path]), Outcome::Failed(_)));
    assert!(r.current().errors.is_some());

    site.write(PLAIN, good + "\nĐã sửa.\n");
    let done = rebuild(&mut r, &site, &[PLAIN]);
    assert!(
        done.indexed,
        "the whole site, so that every error is cleared or kept"
    );
    assert!(r.current().errors.is_none());
    assert_fresh(&r, &site);
}

#[test]
fn a_new_or_removed_file_rebuilds_the_site() {
    let site = TestSite::example();
    let mut r = started(&site);
    let new = "content/2024-05-05-ha-tinh-moi.md";
    site.write(
        new,
        common::conclusion("Kết luận mới", "2024-05-05", "Hà Tĩnh", ""),
    );
    let done = rebuild(&mut r, &site, &[new]);
    assert!(done.indexed);
    assert_fresh(&r, &site);

    site.remove(new);
    let done = rebuild(&mut r, &site, &[new]);
    assert!(done.indexed);
    assert_fresh(&r, &site);
}

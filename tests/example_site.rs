//! The example site (the five seed conclusions) builds into a complete site.

mod common;

use common::{TestSite, attrs, texts, tree};
use std::path::Path;

#[test]
fn builds_every_page_kind() {
    let site = TestSite::example();
    let stdout = site.build_ok();
    assert!(stdout.contains("Built 5 conclusions"), "{stdout}");
    for page in [
        "public/index.html",
        "public/404.html",
        "public/dong-thoi-gian/index.html",
        "public/dong-thoi-gian/2021/index.html",
        "public/dong-thoi-gian/2022/index.html",
        "public/dong-thoi-gian/2023/index.html",
        "public/tinh/index.html",
        "public/tinh/ha-tinh/index.html",
        "public/tinh/quang-ninh/index.html",
        "public/tinh/lam-dong/index.html",
        "public/nghi-quyet/index.html",
        "public/nghi-quyet/ha-tinh-05-nq-tu-2021/index.html",
        "public/nghi-quyet/48-kl-tw-2023/index.html",
        "public/nghi-quyet/quang-ninh-326-2021-nq-hdnd/index.html",
        "public/nghi-quyet/quang-ninh-1393-ubnd-dl1-2021/index.html",
        "public/static/style.css",
    ] {
        assert!(site.path(page).is_file(), "{page} missing");
    }
}

/// Links in `page` that point to conclusion pages, as slugs.
fn conclusion_links(site: &TestSite, page: &str) -> Vec<String> {
    let mut slugs: Vec<String> = attrs(&site.html(page), "main a", "href")
        .into_iter()
        .filter_map(|h| {
            h.strip_prefix("/ket-luan/ket-luan/")
                .map(|s| s.trim_end_matches('/').to_string())
        })
        .collect();
    slugs.dedup();
    slugs
}

#[test]
fn timeline_province_and_document_pages_list_the_right_conclusions() {
    let site = TestSite::example();
    site.build_ok();
    let all = conclusion_links(&site, "public/dong-thoi-gian/index.html");
    assert_eq!(
        all,
        [
            "2023-03-22-ha-tinh-ket-luan-hoi-nghi-can-bo-chu-chot",
            "2022-01-18-ha-tinh-chuong-trinh-thuc-hien-nghi-quyet",
            "2021-11-01-ha-tinh-cu-the-hoa-chu-truong-nghi-quyet",
            "2021-06-15-lam-dong-lam-viec-ban-can-su-dang-ubnd",
            "2021-04-09-quang-ninh-quyet-liet-chi-dao-dieu-hanh",
        ],
        "timeline is newest first"
    );
    assert_eq!(
        conclusion_links(&site, "public/tinh/ha-tinh/index.html").len(),
        3
    );
    assert_eq!(
        conclusion_links(&site, "public/tinh/quang-ninh/index.html").len(),
        1
    );
    assert_eq!(
        conclusion_links(&site, "public/tinh/lam-dong/index.html").len(),
        1
    );
    assert_eq!(
        conclusion_links(&site, "public/nghi-quyet/ha-tinh-05-nq-tu-2021/index.html"),
        ["2022-01-18-ha-tinh-chuong-trinh-thuc-hien-nghi-quyet"]
    );
    assert_eq!(
        conclusion_links(
            &site,
            "public/nghi-quyet/quang-ninh-36-kl-tu-2021/index.html"
        ),
        ["2021-04-09-quang-ninh-quyet-liet-chi-dao-dieu-hanh"]
    );

    // Every document a conclusion lists in its front matter has a page linking back.
    for (slug, docs) in [
        (
            "2022-01-18-ha-tinh-chuong-trinh-thuc-hien-nghi-quyet",
            &[
                "ha-tinh-05-nq-tu-2021",
                "ha-tinh-06-nq-tu-2021",
                "ha-tinh-08-nq-tu-2021",
                "ha-tinh-09-nq-tu-2021",
            ][..],
        ),
        (
            "2023-03-22-ha-tinh-ket-luan-hoi-nghi-can-bo-chu-chot",
            &[
                "48-kl-tw-2023",
                "ha-tinh-29-kl-tu-2021",
                "ha-tinh-1567-cv-tu-2023",
            ][..],
        ),
        (
            "2021-04-09-quang-ninh-quyet-liet-chi-dao-dieu-hanh",
            &[
                "quang-ninh-108-qd-ubnd-2021",
                "quang-ninh-326-2021-nq-hdnd",
                "quang-ninh-1393-ubnd-dl1-2021",
                "quang-ninh-12-kh-ubnd-2021",
                "quang-ninh-36-kl-tu-2021",
            ][..],
        ),
    ] {
        let page = site.html(&format!("public/ket-luan/{slug}/index.html"));
        let links = attrs(&page, "main a", "href");
        for doc in docs {
            let url = format!("/ket-luan/nghi-quyet/{doc}/");
            assert!(
                links.contains(&url),
                "{slug} does not link {url}: {links:?}"
            );
            let back = conclusion_links(&site, &format!("public/nghi-quyet/{doc}/index.html"));
            assert!(
                back.contains(&slug.to_string()),
                "{doc} does not list {slug}"
            );
        }
    }
}

#[test]
fn provinces_index_is_alphabetical_with_counts() {
    let site = TestSite::example();
    site.build_ok();
    let html = site.html("public/tinh/index.html");
    let hrefs: Vec<String> = attrs(&html, "main a", "href")
        .into_iter()
        .filter(|h| h.starts_with("/ket-luan/tinh/") && h != "/ket-luan/tinh/")
        .collect();
    assert_eq!(
        hrefs,
        [
            "/ket-luan/tinh/ha-tinh/",
            "/ket-luan/tinh/lam-dong/",
            "/ket-luan/tinh/quang-ninh/"
        ]
    );
    let text = texts(&html, "main").join(" ");
    assert!(text.contains('3') && text.contains('1'), "{text}");
}

#[test]
fn pages_are_vietnamese_html_with_one_h1_and_sub_path_links() {
    let site = TestSite::example();
    site.build_ok();
    for (rel, _) in tree(&site.path("public")) {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = site.html(&format!("public/{rel}"));
        assert_eq!(attrs(&html, "html", "lang"), ["vi"], "{rel}");
        assert_eq!(texts(&html, "h1").len(), 1, "{rel} must have one h1");
        for href in attrs(&html, "a", "href")
            .into_iter()
            .chain(attrs(&html, "link", "href"))
        {
            if href.starts_with('/') {
                assert!(
                    href.starts_with("/ket-luan/"),
                    "{rel}: {href} ignores the base path"
                );
                // The page a fragment (a month of the jump list) is on.
                let page = href.split('#').next().unwrap_or(&href);
                let target = page.trim_start_matches("/ket-luan/");
                let file = if target.is_empty() || target.ends_with('/') {
                    format!("public/{target}index.html")
                } else {
                    format!("public/{target}")
                };
                assert!(site.path(&file).is_file(), "{rel}: broken link {href}");
            }
        }
    }
}

#[test]
fn output_is_deterministic() {
    let a = TestSite::example();
    let b = TestSite::example();
    a.build_ok();
    b.build_ok();
    assert_eq!(tree(&a.path("public")), tree(&b.path("public")));
    a.build_ok();
    assert_eq!(tree(&a.path("public")), tree(&b.path("public")));
}

#[test]
fn a_second_build_does_not_rewrite_unchanged_files() {
    use std::os::unix::fs::MetadataExt;
    let site = TestSite::example();
    site.build_ok();
    let inode = |rel: &str| std::fs::metadata(site.path(rel)).unwrap().ino();
    let home = inode("public/index.html");
    let css = inode("public/static/style.css");
    let page = "public/ket-luan/2021-06-15-lam-dong-lam-viec-ban-can-su-dang-ubnd/index.html";
    let before = inode(page);
    let tree_before = tree(&site.path("public"));

    site.build_ok();
    assert_eq!(tree(&site.path("public")), tree_before, "same bytes");
    assert_eq!(
        inode("public/index.html"),
        home,
        "unchanged page kept, not rewritten"
    );
    assert_eq!(inode("public/static/style.css"), css);
    assert_eq!(inode(page), before);

    // An edit rewrites that page (and the listings that show it), nothing else.
    let file = site.path("content/2021-06-15-lam-dong-lam-viec-ban-can-su-dang-ubnd.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text + "\nĐoạn mới.\n").unwrap();
    site.build_ok();
    assert_ne!(inode(page), before);
    assert!(site.read(page).contains("Đoạn mới."));
    assert_eq!(inode("public/static/style.css"), css);
    // Beside the output: the folders ketluan made, its manifest, the (released) lock,
    // and the site it replaced, kept as the spare for the next build, with its manifest.
    let mut beside: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    beside.sort();
    assert_eq!(
        beside,
        [
            ".ketluan-cache",
            ".public.ketluan-changes.json",
            ".public.ketluan-folders",
            ".public.ketluan-lock",
            ".public.ketluan-manifest",
            ".public.ketluan-spare",
            ".public.ketluan-spare-manifest"
        ]
    );
}

/// Every folder under `dir`, relative and sorted (`tree` lists files only).
fn folders(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_dir())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    out.sort();
    out
}

#[test]
fn later_builds_update_the_spare_into_exactly_the_fresh_site() {
    use std::os::unix::fs::MetadataExt;
    let site = TestSite::example();
    let public = site.path("public");
    let spare = ".public.ketluan-spare";
    // What a build into a new folder makes of the content as it is now.
    let fresh = |site: &TestSite| {
        let out = site.path("fresh");
        let run = site.run(&["build", "--output", out.to_str().unwrap()]);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let made = (tree(&out), folders(&out));
        std::fs::remove_dir_all(&out).unwrap();
        made
    };
    let inode = |rel: &str| std::fs::metadata(site.path(rel)).unwrap().ino();
    // A file's mtime set to 2000, to tell later whether a build wrote it anew (an
    // inode number tells nothing once its file was deleted: it is reused).
    let y2000 = std::time::UNIX_EPOCH + std::time::Duration::from_secs(946_684_800);
    let age = |rel: &str| {
        let file = std::fs::File::options()
            .write(true)
            .open(site.path(rel))
            .unwrap();
        file.set_modified(y2000).unwrap();
    };
    let written_anew = |rel: &str| {
        std::fs::metadata(site.path(rel))
            .unwrap()
            .modified()
            .unwrap()
            > y2000
    };
    let page = "public/ket-luan/2021-06-15-lam-dong-lam-viec-ban-can-su-dang-ubnd/index.html";
    let file = "content/2021-06-15-lam-dong-lam-viec-ban-can-su-dang-ubnd.md";
    let removed = "content/2021-04-09-quang-ninh-quyet-liet-chi-dao-dieu-hanh.md";
    let removed_page = "public/ket-luan/2021-04-09-quang-ninh-quyet-liet-chi-dao-dieu-hanh";

    // A build with nothing changed leaves the output alone (the build cache), so the
    // builds here that must swap, with the content as it was, go without the cache.
    let build_uncached = || {
        let _ = std::fs::remove_dir_all(site.path(".ketluan-cache"));
        site.build_ok();
    };
    site.build_ok();
    build_uncached();
    let css = inode("public/static/style.css");
    let original = site.read(page);
    assert!(site.path(spare).join("index.html").is_file());

    // The third build starts from the spare: an edited page, a conclusion removed
    // (its folder must go), a file someone put in the spare, one they deleted there.
    let text = site.read(file);
    site.write(file, format!("{text}\nĐoạn mới.\n"));
    let removed_text = site.read(removed);
    site.remove(removed);
    site.write(&format!("{spare}/stray.html"), "không thuộc trang");
    std::fs::remove_file(site.path(spare).join("404.html")).unwrap();
    site.build_ok();
    assert_eq!((tree(&public), folders(&public)), fresh(&site));
    assert!(!site.path(removed_page).exists());
    assert!(site.read(page).contains("Đoạn mới."));
    assert_eq!(inode("public/static/style.css"), css, "unchanged file kept");

    // The edit undone: the spare holds these very bytes, but the output published
    // others, so the page is written anew (a new mtime for deploy tools to see).
    site.write(file, &text);
    site.write(removed, &removed_text);
    let spare_page = page.replacen("public", spare, 1);
    assert_eq!(site.read(&spare_page), original);
    age(&spare_page);
    site.build_ok();
    assert_eq!((tree(&public), folders(&public)), fresh(&site));
    assert_eq!(site.read(page), original);
    assert!(written_anew(page), "rewritten, not the spare's old file");
    assert_eq!(inode("public/static/style.css"), css);

    // With the output deleted, the spare is still taken up: every file written anew.
    std::fs::remove_dir_all(&public).unwrap();
    site.write(&format!("{spare}/stray.html"), "không thuộc trang");
    age(&format!("{spare}/static/style.css"));
    site.build_ok();
    assert_eq!((tree(&public), folders(&public)), fresh(&site));
    assert!(
        written_anew("public/static/style.css"),
        "no output to keep it for"
    );

    // A spare without its manifest is not trusted: deleted, and the site made anew.
    build_uncached();
    std::fs::remove_file(site.path(".public.ketluan-spare-manifest")).unwrap();
    site.write(&format!("{spare}/stray.html"), "không thuộc trang");
    build_uncached();
    assert_eq!((tree(&public), folders(&public)), fresh(&site));
    assert!(!site.path(spare).join("stray.html").exists());
}

/// `ketluan build --timings | head -1`: a closed standard output ends the program
/// quietly, as it ends `cat`, rather than making it panic.
#[test]
fn a_closed_standard_output_is_no_panic() {
    let site = TestSite::example();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("ketluan"))
        .env("KETLUAN_LANG", "en")
        .args(["build", "--timings", "--root"])
        .arg(site.root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Closed before the build ends, when it first prints.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_ne!(out.status.code(), Some(101), "{stderr}");
    // The site was built before the report was printed.
    assert!(site.path("public/index.html").is_file());
}

#[test]
fn files_changed_by_hand_in_the_output_never_come_back() {
    let site = TestSite::example();
    let public = site.path("public");
    site.build_ok();
    site.build_ok();
    let fresh = (tree(&public), folders(&public));
    // Hands in the output, deep and shallow: the next build retires it as the spare,
    // and the one after takes that spare up.
    let page = "public/ket-luan/2021-06-15-lam-dong-lam-viec-ban-can-su-dang-ubnd";
    site.write(&format!("{page}/extra.html"), "thêm tay");
    site.write("public/moi/sau/x.html", "thư mục mới");
    site.write("public/.nojekyll", "");
    let doc = std::fs::read_dir(site.path("public/nghi-quyet"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.is_dir())
        .unwrap();
    std::fs::remove_dir_all(&doc).unwrap();
    std::fs::remove_dir_all(site.path("public/static")).unwrap();
    site.write("public/static", "một tệp thay thư mục");
    // A link in place of a page: a file of the site by its name, not by its kind.
    let home = site.path("public/index.html");
    std::fs::remove_file(&home).unwrap();
    std::os::unix::fs::symlink(site.path("public/404.html"), &home).unwrap();
    for _ in 0..3 {
        site.build_ok();
        assert_eq!((tree(&public), folders(&public)), fresh);
    }
}

#[test]
fn files_edited_in_place_in_the_output_are_written_again() {
    use std::io::Write as _;
    let site = TestSite::example();
    let public = site.path("public");
    // Two builds: the output's files are then linked with the spare's, so an edit in
    // `public/` (a deploy step minifying or injecting in place) reaches the spare too.
    site.build_ok();
    site.build_ok();
    let fresh = tree(&public);
    let append = |rel: &str, text: &str| {
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(site.path(rel))
            .unwrap();
        file.write_all(text.as_bytes()).unwrap();
    };
    let page = "public/ket-luan/2021-06-15-lam-dong-lam-viec-ban-can-su-dang-ubnd/index.html";
    append(page, "<script>analytics()</script>");
    append("public/static/style.css", "/* minified */");
    // An edit that puts the mtime back, as `touch -r` or some copy tools do.
    let feed = "public/atom.xml";
    let mtime = std::fs::metadata(site.path(feed))
        .unwrap()
        .modified()
        .unwrap();
    append(feed, "<!-- injected -->");
    std::fs::File::options()
        .write(true)
        .open(site.path(feed))
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    for round in 0..3 {
        site.build_ok();
        assert!(tree(&public) == fresh, "build {round} after the edits");
    }
    // Edited again, now that the spare holds the first edit's files.
    append(page, "<!-- again -->");
    for round in 0..2 {
        site.build_ok();
        assert!(
            tree(&public) == fresh,
            "build {round} after the second edit"
        );
    }
    // A step that changes only permissions leaves the bytes: the file is reused, not
    // rewritten, and keeps its mtime.
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
    let home = site.path("public/index.html");
    let stamp = |m: std::fs::Metadata| (m.ino(), m.mtime(), m.mtime_nsec());
    let before = stamp(std::fs::metadata(&home).unwrap());
    std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o600)).unwrap();
    site.build_ok();
    assert_eq!(stamp(std::fs::metadata(&home).unwrap()), before);
    assert!(tree(&public) == fresh);
}

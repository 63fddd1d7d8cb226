//! `ketluan serve` against a temporary site: the real binary on port 0, spoken to
//! over plain HTTP, with edits made the ways editors make them.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

use common::conclusion;
use common::serve::{Events, PATIENCE, Server, request, site};

fn with_body(title: &str, body: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndate: 2023-03-22\nprovince: Hà Tĩnh\n---\n{body}\n")
}

#[test]
fn serves_pages_from_memory_with_the_reload_script() {
    let site = site();
    let server = Server::start(&site, &[]);
    assert!(server.addr.starts_with("127.0.0.1:"), "{}", server.addr);

    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(home.header("cache-control"), Some("no-store"));
    assert!(home.body.contains("Kết luận một"));
    assert!(home.body.contains(
        "<script src=\"/__ketluan/livereload.js\" data-page=\"index.html\" defer></script></body>"
    ));

    let page = server.get("/ket-luan/mot/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Nội dung kết luận."));

    let script = server.get("/__ketluan/livereload.js");
    assert_eq!(script.status, 200);
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(script.body.contains("EventSource"));

    let css = server.get("/static/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert!(!css.body.contains("__ketluan"));

    let head = request(&server.addr, "HEAD", "/ket-luan/mot/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("content-type"),
        Some("text/html; charset=utf-8")
    );

    let folder = server.get("/tinh/ha-tinh");
    assert_eq!(folder.status, 308);
    assert_eq!(folder.header("location"), Some("/tinh/ha-tinh/"));

    let missing = server.get("/khong-co/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("__ketluan/livereload.js"));
    assert_eq!(request(&server.addr, "POST", "/").status, 405);

    // Nothing was written into the site, and `build` output has no script.
    assert!(!site.path("public").exists());
    site.build_ok();
    assert!(!site.read("public/index.html").contains("__ketluan"));
}

#[test]
fn refuses_paths_outside_the_site() {
    let site = site();
    let server = Server::start(&site, &[]);
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/static/%2E%2E/%2E%2E/site.yaml",
        "/ket-luan/..%2f..%2fsite.yaml",
        "//etc/passwd",
        "/..\\site.yaml",
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 403, "{path}: {}", r.body);
        assert!(!r.body.contains("title:"), "{path}");
    }
}

#[test]
fn body_edits_show_including_saves_by_rename() {
    let site = site();
    let server = Server::start(&site, &[]);
    let events = server.events();

    site.write(
        "content/mot.md",
        with_body("Kết luận một", "Đoạn đã sửa lần một."),
    );
    server.wait_for("/ket-luan/mot/", "edited", |r| {
        r.body.contains("Đoạn đã sửa lần một.")
    });
    let reload = events.next_named("reload");
    assert!(reload.contains("ket-luan/mot/index.html"), "{reload}");

    // Atomic save, as vim, VS Code and helix do: a temporary file renamed over.
    site.write(
        "content/.mot.md.tmp",
        with_body("Kết luận một", "Lưu bằng đổi tên."),
    );
    std::fs::rename(
        site.path("content/.mot.md.tmp"),
        site.path("content/mot.md"),
    )
    .unwrap();
    server.wait_for("/ket-luan/mot/", "saved by rename", |r| {
        r.body.contains("Lưu bằng đổi tên.")
    });

    // Deleted and written again.
    site.remove("content/mot.md");
    site.write(
        "content/mot.md",
        with_body("Kết luận một", "Xóa rồi tạo lại."),
    );
    server.wait_for("/ket-luan/mot/", "re-created", |r| {
        r.body.contains("Xóa rồi tạo lại.")
    });
}

#[test]
fn deleted_and_renamed_conclusions_leave_every_index() {
    let site = site();
    let server = Server::start(&site, &[]);
    let province = server.get("/tinh/ha-tinh/");
    assert!(province.body.contains("Kết luận hai"));

    site.remove("content/hai.md");
    server.wait_for("/tinh/ha-tinh/", "without the deleted one", |r| {
        r.status == 200 && !r.body.contains("Kết luận hai")
    });
    assert_eq!(server.get("/ket-luan/hai/").status, 404);
    assert!(!server.get("/dong-thoi-gian/").body.contains("Kết luận hai"));
    assert!(server.get("/").body.contains("Kết luận một"));

    // A renamed file moves to its new URL.
    std::fs::rename(site.path("content/ba.md"), site.path("content/bon.md")).unwrap();
    server.wait_for("/ket-luan/bon/", "at its new URL", |r| r.status == 200);
    assert_eq!(server.get("/ket-luan/ba/").status, 404);
    assert!(server.get("/tinh/nghe-an/").body.contains("/ket-luan/bon/"));
}

#[test]
fn new_folders_and_renamed_folders_are_seen() {
    let site = site();
    let server = Server::start(&site, &[]);
    // A file written at once into a folder just created raises no event of its
    // own: the folder's creation must bring it in.
    std::fs::create_dir_all(site.path("content/2024/q1")).unwrap();
    site.write(
        "content/2024/q1/moi.md",
        conclusion("Kết luận mới", "2024-02-01", "Nghệ An", ""),
    );
    server.wait_for("/ket-luan/moi/", "found in the new folder", |r| {
        r.status == 200
    });
    std::fs::rename(site.path("content/2024"), site.path("content/nam-2024")).unwrap();
    // Still there (the slug comes from the file name), and still listed.
    server.wait_for("/tinh/nghe-an/", "listing the moved one", |r| {
        r.body.contains("Kết luận mới")
    });
    assert_eq!(server.get("/ket-luan/moi/").status, 200);
    std::fs::remove_dir_all(site.path("content/nam-2024")).unwrap();
    server.wait_for("/ket-luan/moi/", "gone with its folder", |r| {
        r.status == 404
    });
}

#[test]
fn a_broken_file_keeps_the_last_good_site_and_reports_the_error() {
    let site = site();
    let server = Server::start(&site, &[]);
    let events = server.events();

    site.write("content/mot.md", with_body("Kết luận một", "Bản tốt."));
    server.wait_for("/ket-luan/mot/", "edited", |r| r.body.contains("Bản tốt."));

    // Front matter broken: an unknown key and no title.
    site.write(
        "content/mot.md",
        "---\ntitel: \"Kết luận một\"\ndate: 2023-03-22\nprovince: Hà Tĩnh\n---\nBản hỏng.\n",
    );
    let errors = events.next_named("errors");
    assert!(errors.contains("content/mot.md:2:1"), "{errors}");
    assert!(errors.contains("unknown key `titel`"), "{errors}");
    assert!(errors.contains("did you mean `title`?"), "{errors}");
    let page = server.get("/ket-luan/mot/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Bản tốt."));
    // A page opened now learns of the errors at once.
    let late = server.events();
    drop(late);
    let fresh = Events::connect_raw(&server.addr);
    assert!(fresh.contains("content/mot.md:2:1"), "{fresh}");

    site.write("content/mot.md", with_body("Kết luận một", "Đã sửa xong."));
    events.next_named("ok");
    server.wait_for("/ket-luan/mot/", "fixed", |r| {
        r.body.contains("Đã sửa xong.")
    });
    assert!(!Events::connect_raw(&server.addr).contains("content/mot.md"));
}

impl Events {
    /// The greeting a newly opened page gets.
    fn connect_raw(addr: &str) -> String {
        let mut stream = TcpStream::connect(addr).unwrap();
        write!(
            stream,
            "GET /__ketluan/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if let Some(data) = line.strip_prefix("data: ") {
                return data.to_string();
            }
        }
        panic!("no greeting");
    }
}

#[test]
fn a_stylesheet_change_swaps_css_without_reloading_pages() {
    let site = site();
    site.write("static/extra.css", "p { color: black; }\n");
    let server = Server::start(&site, &[]);
    let events = server.events();
    site.write("static/extra.css", "p { color: navy; }\n");
    let css = events.next_named("css");
    assert_eq!(css, r#"{"files":["/static/extra.css"]}"#);
    assert!(server.get("/static/extra.css").body.contains("navy"));
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        events.so_far().iter().all(|(e, _)| e != "reload"),
        "a stylesheet change reloaded pages"
    );
}

#[test]
fn a_template_change_rerenders_the_pages_using_it() {
    let site = site();
    let server = Server::start(&site, &[]);
    let events = server.events();
    site.write(
        "templates/404.html",
        "<!DOCTYPE html><html><body><h1>Không tìm thấy trang</h1></body></html>",
    );
    let reload = events.next_named("reload");
    assert_eq!(reload, r#"{"pages":["404.html"],"all":false}"#);
    let missing = server.get("/khong-co/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Không tìm thấy trang"));
    assert!(missing.body.contains("__ketluan/livereload.js"));

    // A site.yaml change rebuilds everything.
    site.write(
        "site.yaml",
        "title: Tên mới của trang\nbase_url: https://portal.example.gov.vn/\n",
    );
    server.wait_for("/tinh/", "with the new title", |r| {
        r.body.contains("Tên mới của trang")
    });
}

#[test]
fn editor_temporary_files_are_not_content() {
    let site = site();
    let server = Server::start(&site, &[]);
    let events = server.events();
    // Vim's swap file and probe, Emacs' lock file: none is a conclusion.
    site.write("content/.mot.md.swp", "not markdown");
    site.write("content/4913", "");
    site.write("content/.#mot.md", "user@host");
    site.write("content/mot.md~", "old");
    // The next real edit is the first rebuild anyone hears of.
    site.write(
        "content/mot.md",
        with_body("Kết luận một", "Sau các tệp tạm."),
    );
    let reload = events.next_named("reload");
    assert!(reload.contains("ket-luan/mot/index.html"), "{reload}");
    assert!(
        events.so_far().iter().all(|(e, _)| e != "errors"),
        "temporary files caused errors"
    );
}

#[test]
fn polling_sees_changes_too() {
    let site = site();
    let server = Server::start(&site, &["--poll"]);
    site.write(
        "content/mot.md",
        with_body("Kết luận một", "Thấy qua thăm dò."),
    );
    server.wait_for("/ket-luan/mot/", "seen by polling", |r| {
        r.body.contains("Thấy qua thăm dò.")
    });
}

#[test]
fn starts_with_errors_and_recovers() {
    let site = site();
    site.write("content/mot.md", "---\ntitle: [\n---\n");
    let server = Server::start(&site, &[]);
    let r = server.get("/");
    assert_eq!(r.status, 503);
    assert!(r.body.contains("__ketluan/livereload.js"));
    assert!(Events::connect_raw(&server.addr).contains("content/mot.md"));
    site.write("content/mot.md", with_body("Kết luận một", "Đã có trang."));
    server.wait_for("/ket-luan/mot/", "built", |r| r.status == 200);
}

#[test]
fn ctrl_c_stops_cleanly_with_pages_open() {
    let site = site();
    let server = Server::start(&site, &[]);
    let tabs: Vec<Events> = (0..8).map(|_| server.events()).collect();
    assert_eq!(server.get("/").status, 200);
    let (status, lines) = server.interrupt();
    assert!(status.success(), "{status:?}");
    assert!(lines.iter().any(|l| l == "Stopped."), "{lines:?}");
    drop(tabs);
}

#[test]
fn a_taken_port_is_an_error() {
    let site = site();
    let server = Server::start(&site, &[]);
    let port = server.addr.rsplit(':').next().unwrap().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_ketluan"))
        .env("KETLUAN_LANG", "en")
        .args(["serve", "--port", &port, "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot listen"));
}

#[test]
fn a_rewrite_with_the_same_length_and_time_is_still_seen() {
    let site = site();
    let server = Server::start(&site, &[]);
    site.write(
        "content/mot.md",
        with_body("Kết luận một", "Phiên bản AAAA."),
    );
    server.wait_for("/ket-luan/mot/", "edited", |r| {
        r.body.contains("Phiên bản AAAA.")
    });
    let path = site.path("content/mot.md");
    let before = std::fs::metadata(&path).unwrap();
    // Same length, and the old modification time put back: only the watcher's
    // report tells the cache that this file changed.
    site.write(
        "content/mot.md",
        with_body("Kết luận một", "Phiên bản BBBB."),
    );
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(before.modified().unwrap()).unwrap();
    drop(file);
    assert_eq!(std::fs::metadata(&path).unwrap().len(), before.len());
    server.wait_for("/ket-luan/mot/", "re-read", |r| {
        r.body.contains("Phiên bản BBBB.")
    });
}

#[test]
fn a_save_without_changes_renders_nothing() {
    let site = site();
    let server = Server::start(&site, &[]);
    let bytes = std::fs::read(site.path("content/hai.md")).unwrap();
    site.write("content/hai.md", &bytes);
    let deadline = Instant::now() + PATIENCE;
    loop {
        let line = server
            .stdout
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("a rebuild is reported");
        if line.starts_with("Rebuilt in ") {
            assert!(line.contains(": 0 pages rendered, 0 changed"), "{line}");
            break;
        }
    }
}

#[test]
fn open_without_a_browser_still_serves() {
    let site = site();
    // No opener can be found on an empty PATH: a warning, and serving goes on.
    let server = Server::start_with(&site, &["--open"], &[("PATH", "")]);
    assert_eq!(server.get("/").status, 200);
    site.write("content/mot.md", with_body("Kết luận một", "Vẫn phục vụ."));
    server.wait_for("/ket-luan/mot/", "edited", |r| {
        r.body.contains("Vẫn phục vụ.")
    });
}

#[test]
fn site_wide_files_follow_the_pages() {
    let site = site();
    let server = Server::start(&site, &[]);
    let sitemap = server.get("/sitemap.xml");
    assert_eq!(sitemap.status, 200);
    assert!(!sitemap.body.contains("/ket-luan/nam/"));
    site.write(
        "content/nam.md",
        conclusion("Kết luận năm", "2024-05-05", "Nghệ An", ""),
    );
    server.wait_for("/ket-luan/nam/", "served", |r| r.status == 200);
    // Made after the pages, on their own: the sitemap follows shortly.
    server.wait_for("/sitemap.xml", "listing the new page", |r| {
        r.body.contains("/ket-luan/nam/")
    });
}

/// A port already taken is said in the chosen language, with what to do, and
/// serve exits 1.
#[test]
fn a_taken_port_is_reported_in_the_chosen_language() {
    let site = site();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    for (lang, words) in [
        ("vi", "không mở được cổng 127.0.0.1:"),
        ("en", "cannot listen on 127.0.0.1:"),
    ] {
        let out = site.run(&["serve", "--lang", lang, "--port", &port]);
        let text = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{lang}: {text}");
        assert!(
            text.contains(words) && text.contains("--port"),
            "{lang}: {text}"
        );
    }
}

//! A build reads a body again when it renders its page (bodies are not all held in
//! memory). A file edited between the two must stop the build with its name, not
//! publish a page that disagrees with the indexes built from the first reading.

mod common;

use common::TestSite;
use ketluan::build::{self, BuildOptions};
use ketluan::render;
use ketluan::timings::Timings;

const FILE: &str = "content/2024-05-02-ha-tinh-ket-luan.md";

#[test]
fn a_body_edited_between_load_and_render_stops_the_build() {
    let site = TestSite::new();
    let text = common::conclusion("Kết luận thử", "2024-05-02", "Hà Tĩnh", "")
        .replace("Nội dung kết luận.", "Thân bài đọc lại khi dựng trang.");
    site.write(FILE, &text);
    let options = BuildOptions {
        root: std::path::absolute(site.root()).unwrap(),
        output: None,
        base_url: None,
        drafts: false,
        force: false,
    };
    let mut timings = Timings::default();
    let (loaded, theme) = build::load_site(&options, &mut timings).unwrap();

    // Unchanged, the body read again is the one loaded.
    let rendered = render::render_site(&loaded, &theme, &mut timings).unwrap();
    let page = rendered
        .pages
        .iter()
        .find(|p| p.path.starts_with("ket-luan/") && p.path.ends_with("/index.html"))
        .expect("the conclusion's page");
    let html = String::from_utf8_lossy(&page.contents);
    assert!(html.contains("Thân bài đọc lại khi dựng trang."), "{html}");

    // Edited after loading: every render of it now fails, naming the file.
    site.write(FILE, text.replace("Thân bài", "Một thân bài khác"));
    let problems = render::render_site(&loaded, &theme, &mut timings).unwrap_err();
    let message: String = problems.iter().map(|d| d.render()).collect();
    assert!(
        message.contains("2024-05-02-ha-tinh-ket-luan.md"),
        "{message}"
    );
    assert!(
        message.contains("changed while the site was being built"),
        "{message}"
    );
}

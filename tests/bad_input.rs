//! Every kind of bad input gives a located message, exit code 1, and leaves the
//! previous output untouched.

mod common;

use common::{TestSite, conclusion, texts, tree};

/// A site with one good conclusion, built once so there is a previous output.
fn built_site() -> TestSite {
    let site = TestSite::new();
    site.write(
        "content/good.md",
        conclusion("Kết luận tốt", "2021-11-01", "Hà Tĩnh", ""),
    );
    site.build_ok();
    site
}

/// Write `contents` as `content/bad.md`, build, and return stderr; the previous
/// output must be intact.
fn fails_with(contents: &str) -> String {
    let site = built_site();
    let before = tree(&site.path("public"));
    site.write("content/bad.md", contents);
    let stderr = site.build_err();
    assert_eq!(
        tree(&site.path("public")),
        before,
        "previous output changed"
    );
    stderr
}

#[test]
fn missing_front_matter() {
    let err = fails_with("title: không có dấu ---\n\nNội dung");
    assert!(
        err.contains("content/bad.md:1:1: error[front-matter-missing]"),
        "{err}"
    );
}

#[test]
fn unclosed_front_matter() {
    let err = fails_with("\n---\ntitle: x\ndate: 2021-01-01\n\nNội dung");
    assert!(
        err.contains("content/bad.md:2:1: error[front-matter-unclosed]"),
        "{err}"
    );
}

#[test]
fn yaml_syntax_error_points_at_the_file_line() {
    let err = fails_with("---\ntitle: \"Kết luận\ndate: 2021-01-01\nprovince: [Hà Tĩnh\n---\nx\n");
    // libyaml notices the open quote only where the YAML ends; the error is placed
    // where the quote opens, on the file's line 2.
    assert!(
        err.contains(
            "content/bad.md:2:8: error[yaml-syntax]: the quote opened here is never closed"
        ),
        "{err}"
    );
    assert!(
        err.contains("help: end the value with the same quote mark on its line"),
        "{err}"
    );
}

#[test]
fn a_key_given_twice_points_at_its_second_line() {
    // CRLF and a BOM, as a Windows editor saves it: the line is still the file's.
    let err = fails_with(
        "\u{feff}---\r\ntitle: x\r\ndate: 2021-01-01\r\nprovince: Hà Tĩnh\r\ndate: 2021-01-02\r\n---\r\nx\r\n",
    );
    assert!(
        err.contains(
            "content/bad.md:5:1: error[duplicate-key]: the key `date` is given twice (first on line 3)"
        ),
        "{err}"
    );
    assert!(
        err.contains("keep one `date:` line and delete the other"),
        "{err}"
    );
}

#[test]
fn a_key_glued_to_its_value_is_named() {
    // On its own line YAML reads `title:Kết luận` as text running into the next line.
    let err = fails_with("---\ntitle:Kết luận\ndate: 2021-01-01\nprovince: Hà Tĩnh\n---\nx\n");
    assert!(
        err.contains("content/bad.md:2:6: error[yaml-syntax]: a space is missing after `title:`"),
        "{err}"
    );
    // With a second colon it is the key `title:Kết luận`.
    let err = fails_with("---\ntitle:Kết luận: về\ndate: 2021-01-01\nprovince: Hà Tĩnh\n---\nx\n");
    assert!(
        err.contains("content/bad.md:2:1: error[unknown-key]"),
        "{err}"
    );
    assert!(err.contains("put a space after `title:`"), "{err}");
}

#[test]
fn unknown_key_suggests_the_nearest() {
    let err = fails_with("---\ntitle: x\ndate: 2021-01-01\nprovice: Hà Tĩnh\n---\nx\n");
    assert!(
        err.contains("content/bad.md:4:1: error[unknown-key]: unknown key `provice`"),
        "{err}"
    );
    assert!(err.contains("did you mean `province`?"), "{err}");
    // The missing `province` is reported in the same run.
    assert!(err.contains("missing required key `province`"), "{err}");
}

#[test]
fn missing_required_fields_are_all_reported() {
    let err = fails_with("---\nbody: Thường trực Tỉnh ủy\n---\nx\n");
    for key in ["title", "date", "province"] {
        assert!(
            err.contains(&format!("missing required key `{key}`")),
            "{err}"
        );
    }
}

#[test]
fn impossible_date() {
    let err = fails_with("---\ntitle: x\ndate: 2023-13-45\nprovince: Hà Tĩnh\n---\nx\n");
    assert!(
        err.contains("content/bad.md:3:7: error[invalid-date]"),
        "{err}"
    );
    assert!(err.contains("no month 13"), "{err}");
    assert!(
        err.contains("error: build failed with 1 problem; the previous output"),
        "{err}"
    );
    let err = fails_with("---\ntitle: x\ndate: 31/2/2021\nprovince: Hà Tĩnh\n---\nx\n");
    assert!(err.contains("no day 31"), "{err}");
}

#[test]
fn unknown_province_suggests_names() {
    let err = fails_with("---\ntitle: x\ndate: 2021-01-01\nprovince: Ha Tinhh\n---\nx\n");
    assert!(
        err.contains("content/bad.md:4:11: error[unknown-province]"),
        "{err}"
    );
    assert!(err.contains("`Hà Tĩnh`"), "{err}");
}

#[test]
fn unparseable_document_number_shows_accepted_forms() {
    let err = fails_with(
        "---\ntitle: x\ndate: 2021-01-01\nprovince: Hà Tĩnh\nresolutions:\n  - 05-NQ/TU\n  - 22/10/2021\n---\nx\n",
    );
    assert!(
        err.contains("content/bad.md:7:5: error[invalid-document-number]"),
        "{err}"
    );
    assert!(err.contains("NUM-TYPE/ISSUER"), "{err}");
}

#[test]
fn two_files_with_one_slug() {
    let err = fails_with(&conclusion(
        "Trùng",
        "2021-01-01",
        "Hà Tĩnh",
        "slug: good\n",
    ));
    assert!(err.contains("error[duplicate-slug]"), "{err}");
    assert!(err.contains("content/good.md"), "{err}");
}

#[test]
fn slugs_cannot_leave_the_output() {
    for slug in ["../x", "/etc", "a/b", "\"..\""] {
        let err = fails_with(&conclusion(
            "x",
            "2021-01-01",
            "Hà Tĩnh",
            &format!("slug: {slug}\n"),
        ));
        assert!(
            err.contains("content/bad.md:5:7: error[invalid-slug]"),
            "{slug}: {err}"
        );
    }
}

#[test]
fn non_utf8_bytes_are_located() {
    let site = built_site();
    let mut bytes = b"---\ntitle: \"".to_vec();
    bytes.extend_from_slice(b"K\xEAt lu\xE2n\"\n---\n");
    site.write("content/bad.md", bytes);
    let err = site.build_err();
    assert!(
        err.contains("content/bad.md:2:10: error[not-utf8]"),
        "{err}"
    );
}

#[test]
fn all_errors_from_all_files_in_one_run() {
    let site = built_site();
    site.write("content/a.md", "no front matter");
    site.write(
        "content/sub/b.md",
        "---\ntitle: x\ndate: 2021-02-30\nprovince: Hà Tĩnh\n---\n",
    );
    site.write(
        "content/c.md",
        "---\ntitle: x\ndate: 2021-01-01\nprovince: Atlantis\n---\n",
    );
    let err = site.build_err();
    assert!(err.contains("content/a.md:1:1"), "{err}");
    assert!(err.contains("content/sub/b.md:3:7"), "{err}");
    assert!(err.contains("content/c.md:4:11"), "{err}");
    assert!(err.contains("3 problems"), "{err}");
    // Sorted by file.
    let a = err.find("content/a.md").unwrap();
    let c = err.find("content/c.md").unwrap();
    let b = err.find("content/sub/b.md").unwrap();
    assert!(a < c && c < b, "{err}");
}

#[test]
fn bom_crlf_and_nfd_are_accepted() {
    let site = TestSite::new();
    let nfd = "Ha\u{300} Ti\u{303}nh"; // Hà Tĩnh decomposed
    let text = format!(
        "\u{FEFF}---\r\ntitle: \"Ke\u{302}\u{301}t lua\u{323}\u{302}n\"\r\ndate: 1/11/2021\r\nprovince: {nfd}\r\n---\r\nDo\u{300}ng mo\u{323}\u{302}t.\r\n"
    );
    site.write("content/windows.md", text);
    site.build_ok();
    let html = site.html("public/ket-luan/windows/index.html");
    assert_eq!(texts(&html, "h1"), ["Kết luận"]);
    assert!(
        site.read("public/ket-luan/windows/index.html")
            .contains("Dòng một.")
    );
    assert!(site.path("public/tinh/ha-tinh/index.html").is_file());
}

#[test]
fn raw_html_is_sanitized_unless_allowed() {
    let site = TestSite::new();
    let body = "<script>alert(1)</script>\n\n<a href=\"javascript:alert(2)\" onclick=\"x()\">liên kết</a> <img src=\"a.png\" onerror=\"alert(3)\">\n";
    site.write(
        "content/html.md",
        format!("---\ntitle: \"<b>Đậm</b> & <script>x</script>\"\ndate: 2021-01-01\nprovince: Hà Tĩnh\n---\n{body}"),
    );
    site.build_ok();
    let page = site.read("public/ket-luan/html/index.html");
    assert!(!page.contains("<script"), "{page}");
    assert!(!page.contains("javascript:"), "{page}");
    assert!(
        !page.contains("onclick") && !page.contains("onerror"),
        "{page}"
    );
    assert!(
        page.contains("&lt;b&gt;Đậm&lt;/b&gt;"),
        "title must be escaped: {page}"
    );
    assert_eq!(
        texts(&site.html("public/ket-luan/html/index.html"), "h1"),
        ["<b>Đậm</b> & <script>x</script>"]
    );

    site.write(
        "site.yaml",
        format!("{}unsafe_html: true\n", common::SITE_YAML),
    );
    site.build_ok();
    let page = site.read("public/ket-luan/html/index.html");
    assert!(
        page.contains("<script>alert(1)</script>"),
        "unsafe_html keeps raw HTML"
    );
    assert!(!page.contains("<script>x</script>"), "titles stay escaped");
}

#[test]
fn text_of_removed_html_reaches_no_output() {
    let site = TestSite::new();
    let body = "Nội dung <script>alert(1)</script> <svg><script>alert(5)</script></svg> \
                <style>body{display:none}</style> <b>đậm</b> <template>mẫu</template>\n\n\
                <style>\n.x{color:red}\n</style>\n\nĐoạn hai.\n";
    site.write(
        "content/html.md",
        format!("---\ntitle: Thử\ndate: 2021-01-01\nprovince: Hà Tĩnh\n---\n{body}"),
    );
    site.build_ok();
    let page = site.html("public/ket-luan/html/index.html");
    assert_eq!(
        common::attrs(&page, "meta[name=description]", "content"),
        ["Nội dung đậm"]
    );
    let json = site.read("public/data/conclusions.json");
    assert!(json.contains("\"Nội dung đậm\""), "{json}");
    let atom = site.read("public/atom.xml");
    assert!(atom.contains("<summary>Nội dung đậm</summary>"), "{atom}");
    for (file, bytes) in tree(&site.path("public")) {
        let text = String::from_utf8_lossy(&bytes);
        for hidden in ["alert", "display:none", "color:red", "mẫu"] {
            assert!(!text.contains(hidden), "{hidden} in {file}");
        }
    }
    let search = site.read("public/tim-kiem/chi-muc/d/0/0.txt");
    assert!(search.contains("\nNội dung đậm\nĐoạn hai"), "{search}");
}

#[test]
fn bad_site_yaml() {
    let site = built_site();
    site.write(
        "site.yaml",
        "title: x\nbase_url: portal\nlanguge: vi\ntheme: fancy\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("site.yaml:2:11: error[invalid-value]"),
        "{err}"
    );
    assert!(err.contains("site.yaml:3:1: error[unknown-key]"), "{err}");
    assert!(err.contains("did you mean `language`?"), "{err}");
    // A theme that is not in themes/, with the file's other mistakes.
    assert!(
        err.contains("site.yaml:4:8: error[invalid-value]: invalid value for `theme`"),
        "{err}"
    );
}

#[test]
fn template_errors_name_the_template() {
    let site = built_site();
    site.write(
        "templates/index.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ nope }}{% endblock %}\n",
    );
    let err = site.build_err();
    assert!(err.contains("templates/index.html:2:"), "{err}");
    assert!(err.contains("error[template]"), "{err}");
}

#[test]
fn an_error_in_a_partial_of_every_page_is_reported_once() {
    let site = built_site();
    site.write(
        "templates/partials/header.html",
        "<header>{{ nonexist.foo }}</header>\n",
    );
    let err = site.build_err();
    assert_eq!(err.matches("error[template]").count(), 1, "{err}");
    assert!(
        err.contains("templates/partials/header.html:1:12: error[template]: Variable `nonexist` is not defined"),
        "{err}"
    );
    assert!(err.contains("build failed with 1 problem;"), "{err}");
    // The variables every page has, not those of one kind of page (`counts` is the
    // home page's).
    let listed = err.split("Available variables: ").nth(1).unwrap_or("");
    let listed = listed.lines().next().unwrap_or("");
    assert!(listed.split(", ").any(|v| v == "site"), "{err}");
    assert!(!listed.split(", ").any(|v| v == "counts"), "{err}");

    let out = site.run(&["check"]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("1 error and 0 warnings in 1 file"),
        "{report}"
    );
}

/// The `help` line of the finding at `at` (`file:line:col: error[code]`) in `err`.
fn help_of<'a>(err: &'a str, at: &str) -> &'a str {
    let block = err.split("\n\n").find(|b| b.contains(at));
    let block = block.unwrap_or_else(|| panic!("{at} missing in:\n{err}"));
    let help = block
        .lines()
        .find_map(|l| l.trim().strip_prefix("= help: "));
    help.unwrap_or_else(|| panic!("no help for {at}:\n{err}"))
}

#[test]
fn each_help_fits_its_case() {
    let site = built_site();
    site.write("site.yaml", "description: Không có tiêu đề\n");
    site.write(
        "content/bad.md",
        "---\ntitle: x\ndate:\nprovince: Hà Tĩnh\n---\nx\n",
    );
    site.write(
        "content/_documents.yaml",
        "- number: 05-NQ/TU\n  date: 2021-10-22\n",
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink(site.path("content/good.md"), site.path("content/link.md")).unwrap();
    let err = site.build_err();
    let cases = [
        (
            "site.yaml:1:1: error[missing-key]",
            "add `title: …` to site.yaml",
        ),
        (
            "content/_documents.yaml:1:1: error[missing-key]",
            "add `province: …` to this entry",
        ),
        (
            "content/bad.md:3:1: error[missing-key]: the key `date` has no value",
            "write the value after `date:` on its line",
        ),
        #[cfg(unix)]
        (
            "content/link.md: error[unreadable]: symbolic links are not followed",
            "copy the file into content/ instead",
        ),
    ];
    for (at, help) in cases {
        assert_eq!(help_of(&err, at), help, "{err}");
    }

    let elsewhere = tempfile::tempdir().unwrap();
    let mut cmd = assert_cmd::Command::cargo_bin("ketluan").unwrap();
    cmd.env("KETLUAN_LANG", "en");
    let out = cmd
        .current_dir(elsewhere.path())
        .arg("check")
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    let help = help_of(
        &report,
        "site.yaml: error[unreadable]: site.yaml not found in",
    );
    assert!(
        help.starts_with("run ketluan in the site's folder"),
        "{report}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let site = TestSite::new();
    let out = site.run(&["build", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
    let mut cmd = assert_cmd::Command::cargo_bin("ketluan").unwrap();
    cmd.env("KETLUAN_LANG", "en");
    let out = cmd
        .args(["build", "--root", "/no/such/dir"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn output_inside_the_sources_is_refused() {
    let site = built_site();
    let out = site.run(&["build", "--output", site.path("content").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(site.path("content/good.md").is_file());
}

#[test]
fn a_folder_ketluan_did_not_write_is_never_replaced() {
    let site = TestSite::new();
    site.write("content/a.md", conclusion("x", "2021-01-01", "Hà Tĩnh", ""));
    site.write("elsewhere/notes.txt", "quan trọng");
    let out = site.run(&[
        "build",
        "--output",
        site.path("elsewhere").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("did not write"), "{err}");
    assert_eq!(site.read("elsewhere/notes.txt"), "quan trọng");
    // An empty folder, or one ketluan wrote, is fine.
    site.write("empty/.keep", "");
    std::fs::remove_file(site.path("empty/.keep")).unwrap();
    let out = site.run(&["build", "--output", site.path("empty").to_str().unwrap()]);
    assert!(out.status.success());
    let out = site.run(&["build", "--output", site.path("empty").to_str().unwrap()]);
    assert!(out.status.success());
}

#[test]
fn another_tools_web_root_is_never_replaced_unasked() {
    let site = TestSite::new();
    site.write("content/a.md", conclusion("x", "2021-01-01", "Hà Tĩnh", ""));
    // Another CMS's web root has the pages a ketluan site has at its top.
    site.write("www/index.html", "<h1>Cổng</h1>");
    site.write("www/404.html", "404");
    site.write("www/uploads/quan-trong.pdf", "dữ liệu");
    let www = site.path("www");
    let out = site.run(&["build", "--output", www.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did not write"));
    assert_eq!(site.read("www/uploads/quan-trong.pdf"), "dữ liệu");
}

#[test]
fn a_public_folder_made_again_by_hand_is_not_taken_for_ketluans() {
    let site = built_site();
    assert!(site.path(".public.ketluan-manifest").is_file());
    // The site's public/ moved away and another folder made under its name: the
    // manifest beside it no longer vouches for what is there.
    std::fs::rename(site.path("public"), site.path("old-public")).unwrap();
    site.write("public/ghi-chu.txt", "của tôi");
    let err = site.build_err();
    assert!(err.contains("did not write"), "{err}");
    assert_eq!(site.read("public/ghi-chu.txt"), "của tôi");
    // The folder ketluan made is still known as its own when it comes back.
    std::fs::remove_dir_all(site.path("public")).unwrap();
    std::fs::rename(site.path("old-public"), site.path("public")).unwrap();
    site.build_ok();
}

#[cfg(unix)]
#[test]
fn the_output_is_compared_with_the_site_after_dots_and_links_are_resolved() {
    let site = built_site();
    let before = tree(&site.path("content"));
    let run_in = |dir: &std::path::Path, args: &[&str]| {
        let mut cmd = assert_cmd::Command::cargo_bin("ketluan").unwrap();
        cmd.env("KETLUAN_LANG", "en");
        cmd.current_dir(dir).args(args).output().unwrap()
    };
    let name = site
        .root()
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    // From inside the site, `../<site>` is the site itself: refused even with --force.
    let out = run_in(
        site.root(),
        &["build", "--output", &format!("../{name}"), "--force"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error[invalid-value]"));
    assert!(site.path("site.yaml").is_file());
    // Inside content/ by way of `..`.
    let out = run_in(site.root(), &["build", "--output", "public/../content/out"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!site.path("content/out").exists());
    // Through a link to the site.
    let link = site.path("../").join(format!("{name}-link"));
    std::os::unix::fs::symlink(site.root(), &link).unwrap();
    let out = site.run(&["build", "--output", link.join("content").to_str().unwrap()]);
    std::fs::remove_file(&link).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(tree(&site.path("content")), before);
    // `content/../x` is `x`, beside content/: allowed.
    let out = run_in(site.root(), &["build", "--output", "content/../x"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(site.path("x/index.html").is_file());
}

#[test]
fn a_build_killed_mid_swap_leaves_the_previous_site() {
    // Simulate the fallback swap interrupted after moving the old site aside.
    let site = built_site();
    let before = tree(&site.path("public"));
    let retired = site.path(".public.ketluan-old-99999");
    std::fs::rename(site.path("public"), &retired).unwrap();
    site.write("content/bad.md", "no front matter");
    site.build_err();
    assert_eq!(tree(&site.path("public")), before, "previous site restored");
    assert!(!retired.exists());
}

//! Hostile and careless input (issue 28): each test is one finding of the probe,
//! run against the real binary on a real site folder.

mod common;

use common::{TestSite, conclusion};

/// A body whose first paragraph cites `n` different national resolutions.
fn citing(n: usize) -> String {
    let numbers: Vec<String> = (1..=n)
        .map(|i| format!("Nghị quyết số {i}-NQ/TW"))
        .collect();
    format!(
        "---\ntitle: Trích dẫn\ndate: 2025-03-01\nprovince: Hà Tĩnh\n---\nThực hiện {}.\n",
        numbers.join(", ")
    )
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Item 1: Every cited document's feed carries the citing conclusion's summary: bounded,
/// and a conclusion citing more different documents than the limit is an error.
#[test]
fn feeds_carry_a_bounded_summary_and_cited_documents_are_limited() {
    let site = TestSite::new();
    site.write("content/a.md", citing(150));
    site.build_ok();
    let mut feeds = 0;
    for (path, bytes) in common::tree(&site.path("public")) {
        if !path.ends_with(".xml") || !path.contains("feed") && !path.contains("atom") {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        for summary in text.split("<summary>").skip(1) {
            let summary = summary.split("</summary>").next().unwrap();
            feeds += 1;
            assert!(summary.chars().count() <= 520, "{path}: {summary}");
        }
    }
    assert!(feeds > 100, "{feeds} summaries in feeds");

    site.write("content/a.md", citing(201));
    let err = site.build_err();
    assert!(
        err.contains("content/a.md:6:1: error[too-many-documents]"),
        "{err}"
    );
    assert!(err.contains("201 different documents"), "{err}");
    // The limit is the site's to raise.
    site.write(
        "site.yaml",
        format!("{}max_cited_documents: 300\n", common::SITE_YAML),
    );
    site.build_ok();
}

/// Item 2: A wide alias bomb: one large value repeated by aliases thousands of times.
#[test]
fn a_wide_yaml_alias_bomb_is_refused_at_its_line() {
    let site = TestSite::new();
    let big = "x".repeat(100_000);
    let aliases = vec!["*a"; 3000].join(", ");
    site.write(
        "content/a.md",
        format!(
            "---\ntitle: A\ndate: 2025-03-01\nprovince: Hà Tĩnh\nsummary: &a \"{big}\"\ntags: [{aliases}]\n---\nx\n"
        ),
    );
    let err = site.build_err();
    assert!(err.contains("content/a.md:"), "{err}");
    assert!(err.contains("error[yaml-aliases]"), "{err}");
    site.write(
        "content/_documents.yaml",
        format!("- number: 1-NQ/TW\n  title: &a \"{big}\"\n  issuer: [{aliases}]\n"),
    );
    site.write("content/a.md", conclusion("A", "2025-03-01", "Hà Tĩnh", ""));
    let err = site.build_err();
    assert!(err.contains("content/_documents.yaml:"), "{err}");
    assert!(err.contains("error[yaml-aliases]"), "{err}");
}

/// Item 4: The registry as a link to a secret file: refused, never read or echoed.
#[cfg(unix)]
#[test]
fn a_registry_that_is_a_link_is_not_read() {
    let site = TestSite::new();
    site.write("content/a.md", conclusion("A", "2025-03-01", "Hà Tĩnh", ""));
    let secret = site.path("secret.txt");
    std::fs::write(&secret, "API_TOKEN=hunter2\n").unwrap();
    std::os::unix::fs::symlink(&secret, site.path("content/_documents.yaml")).unwrap();
    let err = site.build_err();
    assert!(
        err.contains("content/_documents.yaml: error[unreadable]"),
        "{err}"
    );
    assert!(!err.contains("hunter2"), "{err}");
}

/// Item 11: A named pipe as site.yaml or as the registry is refused, not waited on.
#[cfg(unix)]
#[test]
fn pipes_are_refused_not_read() {
    for file in ["site.yaml", "content/_documents.yaml"] {
        let site = TestSite::new();
        site.write("content/a.md", conclusion("A", "2025-03-01", "Hà Tĩnh", ""));
        let path = site.path(file);
        let _ = std::fs::remove_file(&path);
        let name = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        let err = site.build_err();
        assert!(err.contains(&format!("{file}: error[not-a-file]")), "{err}");
    }
}

/// Item 11: site.yaml and the registry have a size cap.
#[test]
fn data_files_have_a_size_cap() {
    let site = TestSite::new();
    site.write("content/a.md", conclusion("A", "2025-03-01", "Hà Tĩnh", ""));
    site.write(
        "site.yaml",
        format!("{}# {}\n", common::SITE_YAML, "x".repeat(2 << 20)),
    );
    let err = site.build_err();
    assert!(err.contains("site.yaml: error[too-large]"), "{err}");
    site.write("site.yaml", common::SITE_YAML);
    site.write(
        "content/_documents.yaml",
        format!("# {}\n", "x".repeat(17 << 20)),
    );
    let err = site.build_err();
    assert!(
        err.contains("content/_documents.yaml: error[too-large]"),
        "{err}"
    );
}

/// Item 5: A registry `url:` is a web address, never `javascript:`.
#[test]
fn a_registry_url_must_be_http() {
    let site = TestSite::new();
    site.write("content/a.md", conclusion("A", "2025-03-01", "Hà Tĩnh", ""));
    site.write(
        "content/_documents.yaml",
        "- number: 5-NQ/TW\n  url: \"javascript:alert(1)\"\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("content/_documents.yaml:2:8: error[invalid-value]"),
        "{err}"
    );
    site.write(
        "content/_documents.yaml",
        "- number: 5-NQ/TW\n  url: https://tulieuvankien.dangcongsan.vn/x\n",
    );
    site.build_ok();
}

/// Item 7: A body pasted with a million citations is refused quickly, at its body.
#[test]
fn citations_per_file_are_limited() {
    let site = TestSite::new();
    let body = "Nghị quyết số 5-NQ/TW; ".repeat(20_000);
    site.write(
        "content/a.md",
        format!("---\ntitle: A\ndate: 2025-03-01\nprovince: Hà Tĩnh\n---\n{body}\n"),
    );
    let err = site.build_err();
    assert!(
        err.contains("content/a.md:6:1: error[too-many-citations]"),
        "{err}"
    );
}

/// Item 9: A day out of range is an error, not another day.
#[test]
fn a_day_out_of_range_is_an_error() {
    let site = TestSite::new();
    site.write(
        "content/a.md",
        conclusion("A", "2023-03-257", "Hà Tĩnh", ""),
    );
    let err = site.build_err();
    assert!(
        err.contains("content/a.md:3:7: error[invalid-date]"),
        "{err}"
    );
    assert!(err.contains("no day 257"), "{err}");
}

/// Item 10: Only what a conclusion lists or links to is published; check names the rest.
#[test]
fn stray_files_beside_a_conclusion_are_not_published() {
    let site = TestSite::new();
    site.write(
        "content/hop/hop.md",
        "---\ntitle: A\ndate: 2025-03-01\nprovince: Hà Tĩnh\nattachments: [bien-ban.pdf]\n---\nXem [phụ lục](phu-luc.pdf) và ![ảnh](anh%20hop.jpg).\n",
    );
    for f in [
        "bien-ban.pdf",
        "phu-luc.pdf",
        "anh hop.jpg",
        "ghi-chu-noi-bo.txt",
    ] {
        site.write(&format!("content/hop/{f}"), "x");
    }
    let out = site.run(&["check"]);
    let text = stdout(&out);
    assert!(text.contains("content/hop/ghi-chu-noi-bo.txt"), "{text}");
    assert!(text.contains("warning[unpublished-file]"), "{text}");
    assert!(!text.contains("No problems found"), "{text}");
    site.build_ok();
    for f in ["bien-ban.pdf", "phu-luc.pdf", "anh hop.jpg"] {
        assert!(
            site.path(&format!("public/ket-luan/hop/{f}")).is_file(),
            "{f}"
        );
    }
    assert!(!site.path("public/ket-luan/hop/ghi-chu-noi-bo.txt").exists());
    // The old behaviour, on request.
    site.write(
        "site.yaml",
        format!("{}publish_unlisted: true\n", common::SITE_YAML),
    );
    site.build_ok();
    assert!(
        site.path("public/ket-luan/hop/ghi-chu-noi-bo.txt")
            .is_file()
    );
}

/// Item 11: An encoded `..` in base_url is refused.
#[test]
fn encoded_dot_segments_in_base_url_are_refused() {
    let site = TestSite::new();
    site.write("content/a.md", conclusion("A", "2025-03-01", "Hà Tĩnh", ""));
    site.write(
        "site.yaml",
        "title: x\nbase_url: http://localhost/%2e%2e/\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("site.yaml:2:11: error[invalid-value]"),
        "{err}"
    );
}

/// Item 11: A YAML control character is placed at its line; ESC is shown escaped,
/// never sent to the terminal.
#[test]
fn control_characters_are_placed_and_escaped() {
    let site = TestSite::new();
    site.write(
        "content/a.md",
        "---\ntitle: A\ndate: 2025-03-01\nprovince: Hà Tĩnh\nsummary: x\u{1b}[2J y\n---\nx\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("content/a.md:5:11: error[yaml-syntax]"),
        "{err}"
    );
    assert!(err.contains("\\u{1b}[2J"), "{err}");
    assert!(!err.contains('\u{1b}'), "{err}");
}

/// Item 11: NUL never reaches a page or the open data.
#[test]
fn nul_never_reaches_html_or_csv() {
    let site = TestSite::new();
    site.write(
        "content/a.md",
        "---\ntitle: \"A\u{0}B\"\ndate: 2025-03-01\nprovince: Hà Tĩnh\n---\nNội\u{0}dung\n",
    );
    site.build_ok();
    let mut checked = 0;
    for (path, bytes) in common::tree(&site.path("public")) {
        if [".html", ".csv", ".json", ".xml"]
            .iter()
            .any(|e| path.ends_with(e))
        {
            checked += 1;
            assert!(!bytes.contains(&0), "{path} holds NUL");
        }
    }
    assert!(checked > 5, "{checked}");
    assert!(
        site.read("public/ket-luan/a/index.html")
            .contains("A\u{FFFD}B")
    );
}

/// A raw request with the given `Host`; the whole response as text.
#[cfg(unix)]
fn raw_request(addr: &str, host: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    String::from_utf8_lossy(&raw).into_owned()
}

/// Item 3: A static file or attachment replaced by a link while serve runs is never
/// answered with the link's target.
#[cfg(unix)]
#[test]
fn serve_never_follows_a_link_to_answer() {
    use common::serve::Server;
    let site = TestSite::new();
    site.write(
        "content/hop/hop.md",
        "---\ntitle: A\ndate: 2025-03-01\nprovince: Hà Tĩnh\nattachments: [phu-luc.pdf]\n---\nx\n",
    );
    site.write("content/hop/phu-luc.pdf", "%PDF công khai");
    site.write("static/extra.css", "body { color: black }");
    let secret = site.path("secret.txt");
    std::fs::write(&secret, "root:$6$secret-hash:19000").unwrap();
    let server = Server::start(&site, &[]);
    let css = server.wait_for("/static/extra.css", "served", |r| r.status == 200);
    assert!(css.body.contains("color"), "{}", css.body);
    for (file, url) in [
        ("static/extra.css", "/static/extra.css"),
        ("content/hop/phu-luc.pdf", "/ket-luan/hop/phu-luc.pdf"),
    ] {
        assert_eq!(server.get(url).status, 200, "{url}");
        std::fs::remove_file(site.path(file)).unwrap();
        std::os::unix::fs::symlink(&secret, site.path(file)).unwrap();
        // Asked at once (the last good site) and after the rebuild has seen it.
        for _ in 0..20 {
            let r = server.get(url);
            assert!(
                !r.body.contains("secret-hash"),
                "{url} served the link's target"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}

/// Item 8: Clients that open connections and never finish a request are dropped after
/// the first-request deadline; beyond the connection cap, a 503 at once; a
/// request for an unknown host name is refused.
#[cfg(unix)]
#[test]
fn serve_caps_connections_and_times_out_slow_clients() {
    use common::serve::Server;
    use std::io::{Read, Write};
    // This test's own process needs the handles for its idle connections.
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) };
    limit.rlim_cur = limit.rlim_max.min(4096);
    unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &limit) };
    if limit.rlim_cur < 1200 {
        eprintln!("skipped: only {} file handles", limit.rlim_cur);
        return;
    }
    let site = TestSite::new();
    site.write("content/a.md", conclusion("A", "2025-03-01", "Hà Tĩnh", ""));
    let server = Server::start(&site, &[]);
    server.wait_for("/", "served", |r| r.status == 200);

    // A slow client: half a request line, then nothing.
    let mut slow = std::net::TcpStream::connect(&server.addr).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: ").unwrap();
    let started = std::time::Instant::now();
    let idle: Vec<std::net::TcpStream> = (0..1100)
        .map(|_| std::net::TcpStream::connect(&server.addr).unwrap())
        .collect();
    let busy = raw_request(&server.addr, &server.addr, "/");
    assert!(busy.starts_with("HTTP/1.1 503"), "{busy}");
    assert!(busy.contains("too many connections"), "{busy}");

    slow.set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    let mut rest = Vec::new();
    let _ = slow.read_to_end(&mut rest);
    let waited = started.elapsed();
    assert!(
        waited < std::time::Duration::from_secs(25),
        "the slow client was kept {waited:?}"
    );
    // The idle ones were dropped too: readers are answered again.
    let ok = server.wait_for("/", "answered again", |r| r.status == 200);
    assert!(ok.body.contains("<html"), "{}", ok.body);
    drop(idle);

    // DNS rebinding: a name the server was not told about.
    let refused = raw_request(&server.addr, "evil.example:1111", "/");
    assert!(refused.starts_with("HTTP/1.1 421"), "{refused}");
    let port = server.addr.rsplit(':').next().unwrap();
    let allowed = Server::start(&site, &["--allow-host", "preview.lan"]);
    let page = raw_request(&allowed.addr, &format!("preview.lan:{port}"), "/");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
}

/// Item 6: runaway templates fail the build, naming the template, quickly and
/// within memory; the last good site stays.
#[test]
fn runaway_templates_fail_the_build_by_name() {
    let site = TestSite::new();
    site.write("content/a.md", conclusion("A", "2025-03-01", "Hà Tĩnh", ""));
    site.build_ok();
    let good = site.read("public/ket-luan/a/index.html");
    let nested =
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}";
    let output = "{% for i in range(end=100000) %}{% for j in range(end=9) %}{{ \"x\" ~ i ~ \"yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\" }}{% endfor %}{% endfor %}";
    let doubling = "{% set_global s = \"xxxxxxxxxxxxxxxx\" %}{% for i in range(end=60) %}{% set_global s = s ~ s %}{% endfor %}{{ s | length }}";
    for (what, template) in [
        ("loops", nested),
        ("output", output),
        ("memory", doubling),
        ("loops without range()", &unranged_loops()),
    ] {
        site.write("templates/404.html", template);
        let started = std::time::Instant::now();
        let out = site.build();
        let text = String::from_utf8_lossy(&out.stderr).into_owned();
        // An ordinary failure, reported in full: not a process ended by a signal.
        assert_eq!(out.status.code(), Some(1), "{what}: {text}");
        assert!(text.contains("error: build failed"), "{what}: {text}");
        assert!(
            text.contains("templates/404.html") && text.contains("template-budget"),
            "{what}: {text}"
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "{what}: {:?}",
            started.elapsed()
        );
        assert_eq!(site.read("public/ket-luan/a/index.html"), good, "{what}");
    }
}

/// Four loops over a literal list of 300, nested: 8.1 billion turns that neither
/// write nor call `range()`, so only the clock read at allocations can end them.
fn unranged_loops() -> String {
    let list: Vec<String> = (0..300).map(|i| i.to_string()).collect();
    format!(
        "{{% set xs = [{}] %}}{{% for a in xs %}}{{% for b in xs %}}{{% for c in xs %}}\
         {{% for d in xs %}}{{% endfor %}}{{% endfor %}}{{% endfor %}}{{% endfor %}}",
        list.join(",")
    )
}

/// Item 6: `check` reports a runaway template with the site's other problems
/// instead of hanging.
#[test]
fn check_reports_a_runaway_template_with_the_other_problems() {
    let site = TestSite::new();
    site.write(
        "content/a.md",
        conclusion("A", "2025-03-01", "Hà Tĩnh", "tinh: Hà Tĩnh\n"),
    );
    site.write("templates/404.html", unranged_loops());
    let out = site.run(&["check", "--lang", "en"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("templates/404.html") && text.contains("template-budget"),
        "{text}"
    );
    assert!(text.contains("unknown-key"), "{text}");
}

/// Item 6: in serve, a template over budget is reported, the last good site is
/// served, and the next save is picked up, including after renders that could
/// only be left behind (over time without a write, over memory).
#[test]
fn serve_abandons_a_runaway_template_and_picks_up_the_next_save() {
    use common::serve::Server;
    let site = TestSite::new();
    site.write("content/a.md", conclusion("A", "2025-03-01", "Hà Tĩnh", ""));
    site.write("templates/404.html", "<p>lost</p>");
    let server = Server::start(&site, &[]);
    server.wait_for("/nowhere", "the site's 404", |r| r.body.contains("lost"));
    let events = server.events();
    let doubling = "{% set_global s = \"xxxxxxxxxxxxxxxx\" %}{% for i in range(end=60) %}{% set_global s = s ~ s %}{% endfor %}{{ s | length }}";
    let runaways = [
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}"
            .to_string(),
        unranged_loops(),
        doubling.to_string(),
        // A second time: the renderers left behind do not stop the next ones.
        unranged_loops(),
    ];
    for (n, runaway) in runaways.iter().enumerate() {
        site.write("templates/404.html", runaway);
        let errors = events.next_named("errors");
        assert!(errors.contains("template-budget"), "{n}: {errors}");
        assert!(server.get("/nowhere").body.contains("lost"), "{n}");
    }
    site.write("templates/404.html", "<p>found again</p>");
    server.wait_for("/nowhere", "the saved 404", |r| {
        r.body.contains("found again")
    });
    site.write("content/b.md", conclusion("B", "2025-04-01", "Hà Tĩnh", ""));
    server.wait_for("/ket-luan/b/", "a new conclusion", |r| r.status == 200);
}

/// Item 11: a 300-character slug is refused by `check`, at its line, not only by
/// the build's file system.
#[test]
fn a_very_long_slug_is_refused_by_check() {
    let site = TestSite::new();
    let slug = "a".repeat(300);
    site.write(
        "content/a.md",
        conclusion("A", "2025-03-01", "Hà Tĩnh", &format!("slug: {slug}\n")),
    );
    let out = site.run(&["check"]);
    let text = stdout(&out);
    assert!(
        text.contains("content/a.md:5:7: error[invalid-slug]"),
        "{text}"
    );
    assert!(text.contains("longer than 200 characters"), "{text}");
    // A very long title still builds, its slug cut at a word.
    site.write(
        "content/a.md",
        conclusion(
            &"Kết luận hội nghị ".repeat(30),
            "2025-03-01",
            "Hà Tĩnh",
            "",
        ),
    );
    site.build_ok();
}

/// Item 11: `/`, system folders and the home folder are never replaced, even with
/// --force (a harmless system folder stands for the others here).
#[cfg(unix)]
#[test]
fn system_folders_are_refused_even_with_force() {
    let site = TestSite::new();
    site.write("content/a.md", conclusion("A", "2025-03-01", "Hà Tĩnh", ""));
    for output in ["/", "/proc", "/sys/"] {
        let out = site.run(&["build", "--output", output, "--force"]);
        assert_eq!(out.status.code(), Some(1), "{output}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("error[invalid-value]"), "{output}: {err}");
    }
    // Without HOME, the home folder is found in the password database: a site
    // folder named as the home folder is refused before anything is touched.
    let out = assert_cmd::Command::cargo_bin("ketluan")
        .unwrap()
        .env_remove("HOME")
        .args(["build", "--output", "/root", "--force", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(std::path::Path::new("/root").exists() || !cfg!(target_os = "linux"));
}

/// Item 11: the theme's ids stay unique whatever a body names its anchors.
#[test]
fn body_ids_never_duplicate_the_themes() {
    let site = TestSite::new();
    site.write(
        "content/a.md",
        "---\ntitle: A\ndate: 2025-03-01\nprovince: Hà Tĩnh\n---\n## Mục {#main}\n\nXem <a id=\"main\">đây</a>.\n",
    );
    site.build_ok();
    let page = site.read("public/ket-luan/a/index.html");
    assert_eq!(page.matches("id=\"main\"").count(), 1, "{page}");
    assert!(page.contains("id=\"main-2\""), "{page}");
}

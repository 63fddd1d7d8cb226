//! Hostile input: every case either builds or fails with an error naming the file,
//! within a stated memory bound (peak resident set of the `ketluan` process, from
//! `wait4`'s rusage). The time limit only catches hangs; the times printed are
//! informative, not asserted. Symbolic links and unreadable files are reported.

mod common;

use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{TestSite, conclusion};

/// Peak resident memory a build may use on hostile input.
const MEMORY_BOUND_KB: u64 = 1024 * 1024;
/// Far above any real build of these sites (debug build): only a hang reaches it.
const HANG_LIMIT: Duration = Duration::from_secs(300);

#[derive(Debug)]
struct Run {
    /// Exit code, or None if killed by a signal (a crash, or the hang limit).
    code: Option<i32>,
    stderr: String,
    peak_kb: u64,
    took: Duration,
}

/// Run `ketluan build` on `site`, measuring the peak RSS of the process.
fn build_measured(site: &TestSite) -> Run {
    let logs = tempfile::tempdir().unwrap();
    let err_path = logs.path().join("stderr");
    let started = Instant::now();
    let child = Command::new(assert_cmd::cargo::cargo_bin("ketluan"))
        .env("KETLUAN_LANG", "en")
        .args(["build", "--root"])
        .arg(site.root())
        .stdout(Stdio::null())
        .stderr(File::create(&err_path).unwrap())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our child, not yet reaped (std's `Child` is never waited).
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        assert!(r >= 0, "wait4: {}", std::io::Error::last_os_error());
        if r == pid {
            break;
        }
        if started.elapsed() > HANG_LIMIT {
            // SAFETY: plain kill of our own unreaped child.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(child);
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    Run {
        code,
        stderr: std::fs::read_to_string(err_path).unwrap_or_default(),
        peak_kb: usage.ru_maxrss as u64,
        took: started.elapsed(),
    }
}

/// The build succeeded, or failed cleanly naming `file`; within the memory bound.
fn assert_bounded(case: &str, site: &TestSite, file: &str) -> Run {
    let run = build_measured(site);
    eprintln!(
        "{case}: exit {:?}, peak RSS {} MB, {:.1} s",
        run.code,
        run.peak_kb / 1024,
        run.took.as_secs_f64()
    );
    match run.code {
        Some(0) => {}
        Some(1) => assert!(
            run.stderr.contains(file) && run.stderr.contains("error"),
            "{case}: the error does not name {file}:\n{}",
            run.stderr
        ),
        other => panic!(
            "{case}: crashed or hung (exit {other:?}) after {:?}:\n{}",
            run.took, run.stderr
        ),
    }
    assert!(
        run.peak_kb <= MEMORY_BOUND_KB,
        "{case}: peak RSS {} MB is over the bound of {} MB",
        run.peak_kb / 1024,
        MEMORY_BOUND_KB / 1024
    );
    run
}

fn with_body(body: &str) -> String {
    conclusion("Kết luận", "2024-05-06", "Hà Tĩnh", "") + body
}

#[test]
fn yaml_alias_bomb_fails_cleanly() {
    let site = TestSite::new();
    let mut yaml = String::from(
        "x0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(",");
        yaml.push_str(&format!("x{i}: &a{i} [{refs}]\n"));
    }
    let text = format!(
        "---\ntitle: Bom\ndate: 2024-05-06\nprovince: Hà Tĩnh\n{yaml}tags: *a9\n---\nNội dung.\n"
    );
    site.write("content/bom.md", text);
    let run = assert_bounded("alias bomb (9^10 strings)", &site, "content/bom.md");
    assert_eq!(run.code, Some(1));
    // site.yaml too.
    let site = TestSite::new();
    site.write("site.yaml", format!("{}{yaml}", common::SITE_YAML));
    site.write("content/a.md", with_body(""));
    let run = assert_bounded("alias bomb in site.yaml", &site, "site.yaml");
    assert_eq!(run.code, Some(1));
}

#[test]
fn yaml_nested_10000_deep_fails_cleanly() {
    const DEPTH: usize = 10_000;
    let cases = [
        ("sequences", "[".repeat(DEPTH) + &"]".repeat(DEPTH)),
        ("mappings", "{a: ".repeat(DEPTH) + "1" + &"}".repeat(DEPTH)),
        ("unclosed", "[".repeat(DEPTH)),
    ];
    for (what, value) in cases {
        let site = TestSite::new();
        let text = format!(
            "---\ntitle: Sâu\ndate: 2024-05-06\nprovince: Hà Tĩnh\ntags: {value}\n---\nNội dung.\n"
        );
        site.write("content/sau.md", text);
        let run = assert_bounded(
            &format!("YAML {what} {DEPTH} deep"),
            &site,
            "content/sau.md",
        );
        assert_eq!(run.code, Some(1), "{what}");
    }
}

#[test]
fn markdown_nested_10000_deep_builds() {
    const DEPTH: usize = 10_000;
    let cases = [
        ("block quotes", "> ".repeat(DEPTH) + "Nội dung."),
        ("lists", "- ".repeat(DEPTH) + "Nội dung."),
        ("ordered lists", "1. ".repeat(DEPTH) + "Nội dung."),
        (
            "indented lists",
            (0..DEPTH)
                .map(|i| format!("{}- mục {i}\n", "  ".repeat(i.min(200))))
                .collect(),
        ),
        (
            "links",
            "[".repeat(DEPTH) + "Nghị quyết số 05-NQ/TU" + &"](https://a.vn/)".repeat(DEPTH),
        ),
        ("emphasis", "*".repeat(DEPTH) + "đậm" + &"*".repeat(DEPTH)),
        (
            "html",
            "<div>".repeat(DEPTH) + "Nội dung" + &"</div>".repeat(DEPTH),
        ),
        (
            "inline html",
            "Văn bản ".to_string() + &"<span>".repeat(DEPTH) + "x" + &"</span>".repeat(DEPTH),
        ),
    ];
    for (what, body) in cases {
        let site = TestSite::new();
        site.write("content/sau.md", with_body(&body));
        assert_bounded(
            &format!("Markdown {what} {DEPTH} deep"),
            &site,
            "content/sau.md",
        );
    }
}

/// A paragraph that cites documents, so linkification runs on big bodies too.
const PARAGRAPH: &str = "Thực hiện Nghị quyết số 05-NQ/TU ngày 12/3/2021 của Tỉnh ủy, \
    Ủy ban nhân dân tỉnh đã chỉ đạo các sở, ban, ngành triển khai *quyết liệt* các giải pháp.\n\n";

fn big_site(file: &str, body: &str) -> TestSite {
    let site = TestSite::new();
    site.write(file, with_body(body));
    site
}

#[test]
fn markdown_file_of_100_mb_is_bounded() {
    let body = PARAGRAPH.repeat(100 * 1024 * 1024 / PARAGRAPH.len());
    let site = big_site("content/lon.md", &body);
    drop(body);
    let run = assert_bounded("100 MB Markdown", &site, "content/lon.md");
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("at most 32 MB"), "{}", run.stderr);
}

#[test]
fn markdown_file_of_30_mb_builds_within_the_bound() {
    // Just under the 32 MB limit of a content file. Its paragraphs cite nothing: a
    // body holds at most 10,000 citations (the 10 MB line below is refused for
    // that).
    let plain = PARAGRAPH.replace("Nghị quyết số 05-NQ/TU", "nghị quyết");
    let body = plain.repeat(30 * 1024 * 1024 / plain.len());
    let site = big_site("content/lon.md", &body);
    drop(body);
    let run = assert_bounded("30 MB Markdown", &site, "content/lon.md");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

#[test]
fn million_line_file_is_bounded() {
    let body: String = (0..1_000_000).map(|i| format!("Dòng {i}\n")).collect();
    let site = big_site("content/dong.md", &body);
    assert_bounded("1,000,000 lines", &site, "content/dong.md");
}

#[test]
fn ten_mb_single_line_is_bounded() {
    // A citation every 500 bytes or so, and no full stop: every citation's sentence
    // is the whole line.
    let line = "Nghị quyết số 05-NQ/TU và Kết luận số 12-KL/TU; ".to_string()
        + &"các sở, ban, ngành triển khai thực hiện, ".repeat(10);
    let body = line.repeat(10 * 1024 * 1024 / line.len());
    let site = big_site("content/dai.md", &body);
    assert_bounded("10 MB single line", &site, "content/dai.md");
}

#[test]
fn hundred_thousand_files_in_one_folder_are_bounded() {
    // 100,000 entries in content/: 1,000 conclusions and 99,000 other files (not
    // attachments: the folder has many conclusions). Walking is what is stressed;
    // a site of 100,000 conclusions is not tested (too slow for a debug build).
    let site = TestSite::new();
    let dir = site.path("content");
    for i in 0..100_000 {
        let path = dir.join(format!(
            "f{i:06}.{}",
            if i % 100 == 0 { "md" } else { "txt" }
        ));
        let text = if i % 100 == 0 {
            conclusion(&format!("Kết luận {i}"), "2024-05-06", "Hà Tĩnh", "")
        } else {
            String::new()
        };
        std::fs::write(path, text).unwrap();
    }
    let run = assert_bounded("100,000 files in one folder", &site, "content/");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

fn assert_refused(site: &TestSite, rel: &str) {
    let stderr = site.build_err();
    assert!(
        stderr.contains(rel) && stderr.contains("symbolic link"),
        "{rel} not refused:\n{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn symlinks_are_refused_everywhere() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    std::fs::write(outside.path().join("base.html"), "{{ secret }}").unwrap();

    // Pointing outside the site.
    for (rel, target) in [
        ("content/secret.md", outside.path().join("secret.txt")),
        ("static/secret.txt", outside.path().join("secret.txt")),
        ("static/dir", outside.path().to_path_buf()),
        ("templates/base.html", outside.path().join("base.html")),
        (
            "themes/mine/templates/base.html",
            outside.path().join("base.html"),
        ),
        (
            "themes/mine/static/x.css",
            outside.path().join("secret.txt"),
        ),
        ("translations/vi.yaml", outside.path().join("secret.txt")),
    ] {
        let site = TestSite::new();
        site.write("content/a.md", with_body(""));
        if rel.starts_with("themes/mine") {
            site.write("site.yaml", format!("{}theme: mine\n", common::SITE_YAML));
            std::fs::create_dir_all(site.path("themes/mine/templates")).unwrap();
        }
        std::fs::create_dir_all(site.path(rel).parent().unwrap()).unwrap();
        symlink(&target, site.path(rel)).unwrap();
        assert_refused(&site, rel);
        assert!(!site.path("public").exists());
    }

    // Loops, in every folder that is walked.
    for dir in ["content", "static", "templates"] {
        let site = TestSite::new();
        site.write("content/a.md", with_body(""));
        std::fs::create_dir_all(site.path(dir)).unwrap();
        symlink(site.path(dir), site.path(&format!("{dir}/loop"))).unwrap();
        symlink("self", site.path(&format!("{dir}/self"))).unwrap();
        assert_refused(&site, &format!("{dir}/loop"));
    }

    // A theme folder that is itself a link.
    let site = TestSite::new();
    site.write("content/a.md", with_body(""));
    site.write("site.yaml", format!("{}theme: mine\n", common::SITE_YAML));
    std::fs::create_dir_all(site.path("themes")).unwrap();
    symlink(outside.path(), site.path("themes/mine")).unwrap();
    assert_refused(&site, "themes/mine");
}

/// Unreadable files and folders are reported. Root reads everything whatever the
/// permissions, so the build runs as `nobody` through `setpriv` when the tests run
/// as root (CI); as a normal user it runs directly.
#[cfg(unix)]
#[test]
fn unreadable_files_and_folders_are_reported() {
    use std::os::unix::fs::PermissionsExt;
    let site = TestSite::new();
    site.write("content/a.md", with_body(""));
    site.write("content/khoa.md", with_body(""));
    site.write("content/kin/b.md", with_body(""));
    site.write("static/khoa.css", "body{}");
    let mode = |rel: &str, m: u32| {
        std::fs::set_permissions(site.path(rel), std::fs::Permissions::from_mode(m)).unwrap()
    };
    // Everything readable by anyone, but these.
    mode("", 0o777);
    for rel in ["content", "static", "content/kin"] {
        mode(rel, 0o755);
    }
    for rel in ["site.yaml", "content/a.md", "content/kin/b.md"] {
        mode(rel, 0o644);
    }
    mode("content/khoa.md", 0o000);
    mode("static/khoa.css", 0o000);
    mode("content/kin", 0o000);

    let stderr = build_as_nobody(&site);
    for rel in ["content/khoa.md", "content/kin"] {
        assert!(
            stderr.contains(rel) && stderr.contains("ermission denied"),
            "{rel} not reported:\n{stderr}"
        );
    }
    // Static files are read when copied, after the content loaded.
    mode("content/kin", 0o755);
    mode("content/khoa.md", 0o644);
    let stderr = build_as_nobody(&site);
    assert!(
        stderr.contains("static/khoa.css") && stderr.contains("ermission denied"),
        "static/khoa.css not reported:\n{stderr}"
    );
}

/// Build `site` as `nobody` when running as root; returns stderr of a failed build.
fn build_as_nobody(site: &TestSite) -> String {
    let root = unsafe { libc::geteuid() } == 0;
    let bin = assert_cmd::cargo::cargo_bin("ketluan");
    let mut cmd = if root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        c
    } else {
        Command::new(&bin)
    };
    cmd.env("KETLUAN_LANG", "en");
    // The binary must be reachable by `nobody`: it is under the (world-readable)
    // target folder; the site's temporary folder is opened by the caller.
    let parent = site.root().parent().unwrap();
    assert!(
        is_traversable(parent),
        "{} is closed to others",
        parent.display()
    );
    let out = cmd
        .args(["build", "--root"])
        .arg(site.root())
        .output()
        .expect("setpriv (util-linux) runs the build as nobody");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    stderr
}

fn is_traversable(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(dir).is_ok_and(|m| m.permissions().mode() & 0o001 != 0)
}

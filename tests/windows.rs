//! The Windows build, run under Wine: it must give the same site, byte for byte, and
//! the same problems as the Linux build. `.ci/run` installs Wine and MinGW and adds
//! the Rust target; the Windows binary is cross-built here (the dev profile: a
//! release build takes minutes more and tests the same code).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use common::serve::{Response, Server};
use common::{TestSite, conclusion, tree};

const TARGET: &str = "x86_64-pc-windows-gnu";

/// `ketluan.exe`, cross-built once per test run, and the Wine prefix that runs it.
fn windows() -> &'static (PathBuf, PathBuf) {
    static BUILT: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "--locked", "--bin", "ketluan", "--target", TARGET])
            .current_dir(repo)
            .status()
            .expect("cargo runs");
        assert!(status.success(), "the Windows cross build failed");
        let prefix = Command::new(repo.join("scripts/wine/prefix.sh"))
            .output()
            .expect("scripts/wine/prefix.sh runs (needs wine and mingw)");
        assert!(prefix.status.success(), "{prefix:?}");
        let prefix = String::from_utf8(prefix.stdout).unwrap().trim().to_string();
        let target =
            std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| repo.join("target"), PathBuf::from);
        let exe = target.join(TARGET).join("debug/ketluan.exe");
        (exe, PathBuf::from(prefix))
    })
}

/// One Wine test at a time: stopping the Wine `serve` (a kill) has been seen to take
/// a concurrent `check` under the same prefix down with it (SIGKILL).
fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    static WINE: std::sync::Mutex<()> = std::sync::Mutex::new(());
    WINE.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// `ketluan.exe ARGS` under Wine, in the folder `dir` (Wine maps it to a drive path;
/// relative paths keep the arguments the same on both systems).
fn wine(dir: &Path, args: &[&str]) -> Command {
    let (exe, prefix) = windows();
    let mut command = Command::new("wine");
    command
        .arg(exe)
        .args(args)
        .current_dir(dir)
        .env("WINEPREFIX", prefix)
        .env("WINEDEBUG", "-all");
    command
}

fn linux(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ketluan"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("ketluan runs")
}

/// Every file of an output folder, relative, with its bytes.
type Tree = Vec<(String, Vec<u8>)>;

/// The site built by both binaries, each into its own folder.
fn both_build(site: &TestSite) -> (Tree, Tree) {
    let on_linux = linux(site.root(), &["build", "--output", "public-linux"]);
    assert!(on_linux.status.success(), "{on_linux:?}");
    let on_windows = wine(site.root(), &["build", "--output", "public-windows"])
        .output()
        .expect("wine runs");
    assert!(on_windows.status.success(), "{on_windows:?}");
    (
        tree(&site.path("public-linux")),
        tree(&site.path("public-windows")),
    )
}

fn assert_same_site(site: &TestSite) {
    let (linux, windows) = both_build(site);
    assert!(linux.len() > 10, "only {} files", linux.len());
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&windows), names(&linux), "the same files");
    for ((name, theirs), (_, ours)) in windows.iter().zip(&linux) {
        assert!(
            theirs == ours,
            "{name} differs between the Windows and the Linux build"
        );
        let text = String::from_utf8_lossy(theirs);
        if name.ends_with(".html") || name.ends_with(".xml") || name.ends_with(".json") {
            assert!(!text.contains("\r\n"), "{name} has Windows line endings");
            for link in text.split("href=\"").skip(1) {
                let url = link.split('"').next().unwrap_or("");
                assert!(!url.contains('\\'), "{name}: a backslash in {url}");
            }
        }
    }
}

#[test]
#[ignore = "needs wine and mingw; run by .ci/run"]
fn the_example_site_is_the_same_built_on_windows() {
    let _one = one_at_a_time();
    assert_same_site(&TestSite::example());
}

#[test]
#[ignore = "needs wine and mingw; run by .ci/run"]
fn a_themed_site_with_attachments_in_folders_is_the_same_built_on_windows() {
    let _one = one_at_a_time();
    let site = TestSite::copy_of("tests/fixtures/theme_site");
    // Conclusions in nested folders with an attachment beside them: relative paths
    // are where a Windows build could write `\`.
    site.write(
        "content/2024/quang-tri/ket-luan-12.md",
        conclusion(
            "Kết luận số 12-KL/TU của Tỉnh ủy Quảng Trị",
            "2024-03-05",
            "Quảng Trị",
            "attachments:\n  - phu-luc.pdf\n",
        ),
    );
    site.write("content/2024/quang-tri/phu-luc.pdf", b"%PDF-1.4 test\n");
    assert_same_site(&site);
}

#[test]
#[ignore = "needs wine and mingw; run by .ci/run"]
fn check_reports_the_same_problems_with_forward_slashes_on_windows() {
    let _one = one_at_a_time();
    let site = TestSite::new();
    site.write(
        "content/2024/loi.md",
        "---\ntitle: \"Kết luận\"\ndate: 2024-13-01\nprovince: Hà Nộii\ncolour: red\n---\nNội dung.\n",
    );
    for format in ["human", "json"] {
        // The language pinned: Wine's own locale is not the test machine's.
        let args = ["check", "--lang", "vi", "--format", format];
        let on_linux = linux(site.root(), &args);
        let on_windows = wine(site.root(), &args).output().expect("wine runs");
        assert_eq!(on_windows.status.code(), Some(1), "{on_windows:?}");
        assert_eq!(on_linux.status.code(), Some(1), "{on_linux:?}");
        let text = |o: &Output| {
            let mut all = o.stdout.clone();
            all.extend_from_slice(&o.stderr);
            String::from_utf8(all).expect("UTF-8 output")
        };
        let (theirs, ours) = (text(&on_windows), text(&on_linux));
        assert_eq!(theirs, ours, "--format {format}");
        // Vietnamese comes through as UTF-8, and paths as the repository writes them.
        assert!(theirs.contains("content/2024/loi.md"), "{theirs}");
        assert!(theirs.contains("Hà Nộii"), "{theirs}");
        assert!(!theirs.contains("content\\"), "{theirs}");
    }
}

/// `serve` under Wine, on a free port; its first lines name the address.
fn serve_on_windows(site: &TestSite) -> Server {
    let mut child = wine(site.root(), &["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("wine runs");
    let (tx, rx) = std::sync::mpsc::channel();
    let out = child.stdout.take().expect("piped");
    std::thread::spawn(move || {
        use std::io::BufRead as _;
        for line in std::io::BufReader::new(out).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = std::time::Instant::now() + common::serve::PATIENCE;
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        let Ok(line) = rx.recv_timeout(left) else {
            let _ = child.kill();
            let _ = child.wait();
            panic!("serve under Wine did not print the URL it serves");
        };
        if let Some(url) = line.split(" at http://").nth(1) {
            let addr = url.trim_end_matches('/').to_string();
            return Server {
                child,
                addr,
                stdout: rx,
            };
        }
    }
}

#[test]
#[ignore = "needs wine and mingw; run by .ci/run"]
fn serve_on_windows_sees_an_edit() {
    let _one = one_at_a_time();
    let site = TestSite::new();
    site.write(
        "content/mot.md",
        conclusion("Kết luận một", "2024-03-05", "Hà Nội", ""),
    );
    let server = serve_on_windows(&site);
    server.wait_for("/ket-luan/mot/", "served", |r: &Response| {
        r.status == 200 && r.body.contains("Nội dung kết luận.")
    });
    site.write(
        "content/mot.md",
        conclusion("Kết luận một", "2024-03-05", "Hà Nội", "")
            .replace("Nội dung kết luận.", "Đoạn đã sửa trên Windows."),
    );
    server.wait_for("/ket-luan/mot/", "edited", |r: &Response| {
        r.body.contains("Đoạn đã sửa trên Windows.")
    });
}

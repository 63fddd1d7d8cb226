//! Crash-safe output: a build killed with SIGKILL at any moment leaves the output
//! folder either the complete previous site or the complete new one, and leaves no
//! staging folders piling up beside it. Also: what `--output` refuses.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use common::{TestSite, conclusion, tree};

const PROVINCES: [&str; 6] = [
    "Hà Tĩnh",
    "Nghệ An",
    "Quảng Ninh",
    "Lâm Đồng",
    "Đà Nẵng",
    "Cà Mau",
];

/// A site with `n` conclusions; `version` changes every title (so every page).
fn write_site(site: &TestSite, n: usize, version: usize) {
    for i in 0..n {
        let province = PROVINCES[i % PROVINCES.len()];
        let title = format!("Kết luận số {i} (bản {version}) về phát triển kinh tế");
        let date = format!("20{:02}-{:02}-{:02}", 10 + i % 15, 1 + i % 12, 1 + i % 28);
        let extra = format!("tags: [kinh tế, đề án {}]\n", i % 17);
        let mut text = conclusion(&title, &date, province, &extra);
        for p in 0..20 {
            text.push_str(&format!(
                "\nĐoạn {p}: thực hiện Nghị quyết số {}/NQ-HĐND, Kết luận số {}-KL/TU của \
                 Tỉnh ủy; phấn đấu tăng trưởng {version},{p}% trong năm.\n",
                100 + p,
                i + 1
            ));
        }
        site.write(&format!("content/ket-luan-{i:03}.md"), text);
    }
}

fn ketluan() -> PathBuf {
    assert_cmd::cargo::cargo_bin("ketluan")
}

fn build_into(site: &TestSite, output: &Path) {
    let out = Command::new(ketluan())
        .env("KETLUAN_LANG", "en")
        .args(["build", "--root"])
        .arg(site.root())
        .arg("--output")
        .arg(output)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A small deterministic generator (xorshift64*): the same kill moments every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// Entries beside the output that a build leaves while it runs (staging, retired),
/// not those it keeps between builds (manifest, list of its folders, lock, the spare
/// site and its manifest, the list of changes, the build cache).
fn leftovers(parent: &Path) -> Vec<String> {
    std::fs::read_dir(parent)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            // The build cache is kept between builds, like the manifest.
            n.contains(".ketluan-")
                && n != ".ketluan-cache"
                && ![
                    "manifest",
                    "folders",
                    "lock",
                    "spare",
                    "spare-manifest",
                    "changes.json",
                ]
                .iter()
                .any(|kept| n.ends_with(&format!(".ketluan-{kept}")))
        })
        .collect()
}

#[test]
fn sigkill_at_random_moments_leaves_the_old_or_the_new_site() {
    const RUNS: usize = 60;
    let site = TestSite::new();
    let parent = tempfile::tempdir().unwrap();
    let output = parent.path().join("public");

    // The two complete sites, built without interruption.
    let mut expected = Vec::new();
    for version in 0..2 {
        write_site(&site, 300, version);
        let reference = parent.path().join(format!("reference-{version}"));
        build_into(&site, &reference);
        expected.push(tree(&reference));
        std::fs::remove_dir_all(&reference).unwrap();
        for kept in ["manifest", "folders", "changes.json"] {
            let _ = std::fs::remove_file(
                parent
                    .path()
                    .join(format!(".reference-{version}.ketluan-{kept}")),
            );
        }
    }
    assert_ne!(expected[0], expected[1]);

    // Start from version 0 in place, and time one full rebuild.
    write_site(&site, 300, 0);
    build_into(&site, &output);
    let started = Instant::now();
    build_into(&site, &output);
    let full = started.elapsed();

    let mut rng = Rng(0x6b65_746c_7561_6e21);
    let (mut killed, mut kept, mut replaced) = (0, 0, 0);
    let mut current = 0;
    for run in 0..RUNS {
        // Every tenth build runs to its end, so replacing the site is always exercised
        // whatever the machine's speed; the others are killed at a random moment.
        let let_finish = run % 10 == 9;
        // Alternate the content so that most builds have something to replace; a build
        // that finishes always has (were it to build what is there, a machine on which
        // every kill lands before the swap would never see a replacement).
        let version = if let_finish {
            1 - current
        } else {
            (run + 1) % 2
        };
        write_site(&site, 300, version);
        let delay = full.mul_f64((rng.next() % 1000) as f64 / 1000.0 * 1.2);
        let mut child = Command::new(ketluan())
            .env("KETLUAN_LANG", "en")
            .args(["build", "--root"])
            .arg(site.root())
            .arg("--output")
            .arg(&output)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        if !let_finish && child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            killed += 1;
        }
        child.wait().unwrap();

        let found = tree(&output);
        let which = expected
            .iter()
            .position(|t| *t == found)
            .unwrap_or_else(|| {
                panic!(
                    "run {run} (killed after {delay:?}): the output is neither complete site \
                 ({} files; complete sites have {} and {})",
                    found.len(),
                    expected[0].len(),
                    expected[1].len()
                )
            });
        if which == current {
            kept += 1;
        } else {
            replaced += 1;
        }
        current = which;
        let left = leftovers(parent.path());
        assert!(
            left.len() <= 1,
            "run {run}: staging folders pile up beside the output: {left:?}"
        );
    }
    eprintln!(
        "{RUNS} runs, full build {full:?}: {killed} killed, {kept} left the previous site, \
         {replaced} the new one"
    );
    // The kills must land mid-build to prove anything; how many do depends on the
    // machine's speed, so only require that both outcomes were seen.
    assert!(killed >= RUNS / 4, "only {killed} builds were killed");
    assert!(
        kept >= 1 && replaced >= 1,
        "kept {kept}, replaced {replaced}"
    );

    // A build after all that cleans up and produces the right site.
    write_site(&site, 300, 1);
    build_into(&site, &output);
    assert_eq!(tree(&output), expected[1]);
    assert_eq!(leftovers(parent.path()), Vec::<String>::new());
}

fn build_with(site: &TestSite, args: &[&str]) -> std::process::Output {
    Command::new(ketluan())
        .env("KETLUAN_LANG", "en")
        .args(["build", "--root"])
        .arg(site.root())
        .args(args)
        .output()
        .unwrap()
}

fn small_site() -> TestSite {
    let site = TestSite::new();
    site.write(
        "content/a.md",
        conclusion("Kết luận thử", "2024-05-06", "Hà Tĩnh", ""),
    );
    site
}

#[test]
fn a_folder_ketluan_did_not_write_is_replaced_only_with_force() {
    let site = small_site();
    let parent = tempfile::tempdir().unwrap();
    let output = parent.path().join("www");
    std::fs::create_dir_all(&output).unwrap();
    std::fs::write(output.join("notes.txt"), "mine").unwrap();
    let out = build_with(&site, &["--output", output.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("did not write"), "{err}");
    assert!(
        err.contains("help: remove it, choose another --output, or pass --force"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(output.join("notes.txt")).unwrap(),
        "mine"
    );

    let out = build_with(&site, &["--output", output.to_str().unwrap(), "--force"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!output.join("notes.txt").exists());
    assert!(output.join("index.html").is_file());
    assert_eq!(leftovers(parent.path()), Vec::<String>::new());
}

#[test]
fn root_home_and_the_site_are_refused_even_with_force() {
    let site = small_site();
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("keep.txt"), "keep").unwrap();
    let root = site.root().to_str().unwrap().to_string();
    let home_s = home.path().to_str().unwrap().to_string();
    for output in ["/", home_s.as_str(), root.as_str(), ".."] {
        let out = Command::new(ketluan())
            .env("KETLUAN_LANG", "en")
            .args(["build", "--force", "--root"])
            .arg(site.root())
            .args(["--output", output])
            .env("HOME", home.path())
            .current_dir(site.path("content"))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "--output {output}: {err}");
        assert!(err.contains("output"), "--output {output}: {err}");
    }
    assert!(home.path().join("keep.txt").is_file());
    assert!(site.path("content/a.md").is_file());
    assert!(site.path("site.yaml").is_file());
}

#[test]
fn an_output_that_is_a_file_or_a_link_is_refused_and_kept() {
    let site = small_site();
    let parent = tempfile::tempdir().unwrap();
    let file = parent.path().join("public");
    std::fs::write(&file, "a file").unwrap();
    let out = build_with(&site, &["--output", file.to_str().unwrap(), "--force"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("is a file"), "{err}");
    assert!(err.contains("help: choose another --output"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "a file");

    let target = parent.path().join("elsewhere");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("keep.txt"), "keep").unwrap();
    let link = parent.path().join("linked");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = build_with(&site, &["--output", link.to_str().unwrap(), "--force"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("symbolic link"), "{err}");
    assert!(target.join("keep.txt").is_file());
}

#[test]
fn a_killed_deletion_is_cleaned_up_not_restored() {
    // The fallback swap (no RENAME_EXCHANGE) deletes the previous site under a
    // `trash-` name, so that `recover` only ever restores a complete `old-` folder;
    // what a kill mid-deletion leaves is removed by the next build.
    let site = small_site();
    let parent = tempfile::tempdir().unwrap();
    let output = parent.path().join("public");
    let trash = parent.path().join(".public.ketluan-trash-1");
    std::fs::create_dir_all(&trash).unwrap();
    std::fs::write(trash.join("index.html"), "half").unwrap();
    let out = build_with(&site, &["--output", output.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_ne!(
        std::fs::read_to_string(output.join("index.html")).unwrap(),
        "half"
    );
    assert!(!trash.exists());
}

#[test]
fn a_build_while_another_writes_the_same_output_is_refused() {
    let site = small_site();
    let parent = tempfile::tempdir().unwrap();
    let output = parent.path().join("public");
    let first = build_with(&site, &["--output", output.to_str().unwrap()]);
    assert!(first.status.success());
    let before = tree(&output);

    // What a running build holds (the lock is the same `flock` from any process).
    let lock = std::fs::File::create(parent.path().join(".public.ketluan-lock")).unwrap();
    lock.lock().unwrap();
    site.write(
        "content/them.md",
        conclusion("Thêm", "2024-02-02", "Hà Tĩnh", ""),
    );
    let out = build_with(&site, &["--output", output.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("another ketluan build is writing"), "{err}");
    assert!(err.contains("help: wait for it to finish"), "{err}");
    assert!(!err.contains("permissions"), "{err}");
    assert!(tree(&output) == before, "the output must not change");
    assert!(leftovers(parent.path()).is_empty());

    drop(lock);
    let out = build_with(&site, &["--output", output.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(tree(&output) != before);
}

#[cfg(unix)]
#[test]
fn unwritable_parent_is_a_clear_error() {
    let site = small_site();
    // /proc is not writable even for root.
    let out = build_with(&site, &["--output", "/proc/ketluan-out"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("/proc/ketluan-out"), "{err}");
    assert!(err.contains("previous output was left untouched"), "{err}");
}

/// A panic is a bug, and the user is told so plainly, with where it happened and the
/// version to report. (Release builds abort after the message, which for the output
/// is SIGKILL, tested above; tests run the dev build, which unwinds after the same
/// hook's message. The trigger fires before the build starts, and exists in debug
/// builds only, hence so does this test.)
#[cfg(debug_assertions)]
#[test]
fn a_panic_is_reported_as_a_bug_in_ketluan() {
    let site = small_site();
    let output = site.path("public");
    build_into(&site, &output);
    let before = tree(&output);
    let out = Command::new(ketluan())
        .env("KETLUAN_LANG", "en")
        .args(["build", "--root"])
        .arg(site.root())
        .env("KETLUAN_TEST_PANIC", "1")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("error: ketluan stopped on an internal error at src/main.rs:"),
        "{err}"
    );
    assert!(err.contains("KETLUAN_TEST_PANIC is set"), "{err}");
    assert!(err.contains("not a problem in your files"), "{err}");
    assert!(err.contains(env!("CARGO_PKG_VERSION")), "{err}");
    assert!(!err.contains("thread 'main' panicked"), "{err}");
    assert_eq!(tree(&output), before);
}

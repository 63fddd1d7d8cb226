//! scripts/install.sh against a release laid out in a local folder (file://), as the
//! release workflow publishes it: the archive and its `.sha256`.
#![cfg(any(target_os = "linux", target_os = "macos"))]

use std::path::Path;
use std::process::{Command, Output};

fn target() -> String {
    let os = if cfg!(target_os = "linux") {
        "unknown-linux-musl"
    } else {
        "apple-darwin"
    };
    format!("{}-{os}", std::env::consts::ARCH)
}

/// A release folder holding `ketluan-<target>.tar.gz` (with the binary built for
/// these tests) and its checksum file, `sha256sum`'s format as the workflow writes it.
fn release(dir: &Path) {
    let name = format!("ketluan-{}", target());
    let inner = dir.join("pack").join(&name);
    std::fs::create_dir_all(&inner).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_ketluan"), inner.join("ketluan")).unwrap();
    let archive = dir.join(format!("{name}.tar.gz"));
    let tar = Command::new("tar")
        .arg("-czf")
        .arg(&archive)
        .arg("-C")
        .arg(dir.join("pack"))
        .arg(&name)
        .status()
        .unwrap();
    assert!(tar.success());
    let sum = Command::new("sha256sum")
        .arg(format!("{name}.tar.gz"))
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(sum.status.success());
    std::fs::write(dir.join(format!("{name}.tar.gz.sha256")), sum.stdout).unwrap();
}

fn install(release: &Path, into: &Path) -> Output {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/install.sh");
    Command::new("sh")
        .arg(script)
        .env(
            "KETLUAN_DOWNLOAD_URL",
            format!("file://{}", release.display()),
        )
        .env("KETLUAN_INSTALL_DIR", into)
        .output()
        .unwrap()
}

#[test]
fn installs_the_binary_after_checking_its_checksum() {
    let tmp = tempfile::tempdir().unwrap();
    release(&tmp.path().join("release"));
    let bin = tmp.path().join("bin");
    let out = install(&tmp.path().join("release"), &bin);
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Installed ketluan "), "{text}");
    assert!(text.contains("Add "), "not on PATH, so it says how: {text}");
    let installed = Command::new(bin.join("ketluan"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(installed.status.success());
    assert!(String::from_utf8_lossy(&installed.stdout).starts_with("ketluan "));
}

#[test]
fn a_wrong_checksum_installs_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let release_dir = tmp.path().join("release");
    release(&release_dir);
    let sum = release_dir.join(format!("ketluan-{}.tar.gz.sha256", target()));
    let text = std::fs::read_to_string(&sum).unwrap();
    // One hex digit changed: the archive is not the one the release vouches for.
    let flipped = if text.starts_with('0') { "1" } else { "0" };
    std::fs::write(&sum, format!("{flipped}{}", &text[1..])).unwrap();
    let bin = tmp.path().join("bin");
    let out = install(&release_dir, &bin);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("checksum mismatch"), "{err}");
    assert!(!bin.join("ketluan").exists());
}

#[test]
fn a_missing_release_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = install(&tmp.path().join("nothing-here"), &tmp.path().join("bin"));
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot download"));
}

//! Installation: `--version` with the git commit (and build.rs's fallbacks, built
//! for real in scratch crates), shell completions, the manual pages.

use std::path::Path;
use std::process::{Command, Output};

fn ketluan(args: &[&str]) -> Output {
    assert_cmd::Command::cargo_bin("ketluan")
        .unwrap()
        .args(args)
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

#[test]
fn version_reports_the_version_and_the_commit() {
    let v = stdout(&ketluan(&["--version"]));
    let expected_start = format!("ketluan {} (commit ", env!("CARGO_PKG_VERSION"));
    assert!(v.starts_with(&expected_start), "{v}");
    assert!(v.ends_with(")\n"), "{v}");
    // Built from a git work tree (a clone, as CI's is): the commit of HEAD.
    let top = git(repo(), &["rev-parse", "--show-toplevel"]);
    if top.is_some_and(|t| Path::new(&t).canonicalize().ok() == repo().canonicalize().ok()) {
        let head = git(repo(), &["rev-parse", "--short", "HEAD"]).unwrap();
        assert_eq!(v, format!("{expected_start}{head})\n"));
    } else {
        assert!(v.contains("(commit unknown)") || v.len() > expected_start.len() + 8);
    }
}

/// A scratch crate with ketluan's build.rs whose binary prints the commit it got.
fn scratch_crate(dir: &Path) {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"scratch\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[workspace]\n",
    )
    .unwrap();
    std::fs::copy(repo().join("build.rs"), dir.join("build.rs")).unwrap();
    std::fs::write(
        dir.join("src/main.rs"),
        "fn main() { print!(\"{}\", env!(\"KETLUAN_COMMIT\")); }\n",
    )
    .unwrap();
}

/// `cargo run` the scratch crate (its own target folder), printing the commit.
fn scratch_commit(dir: &Path, env: &[(&str, &str)]) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["run", "--quiet", "--offline"])
        .current_dir(dir)
        .env_remove("KETLUAN_COMMIT")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn build_script_falls_back_without_git() {
    let tmp = tempfile::tempdir().unwrap();

    // Not a git work tree: unknown.
    let plain = tmp.path().join("plain");
    scratch_crate(&plain);
    assert_eq!(scratch_commit(&plain, &[]), "unknown");

    // Packaged by `cargo package`: the commit it recorded.
    let packaged = tmp.path().join("packaged");
    scratch_crate(&packaged);
    std::fs::write(
        packaged.join(".cargo_vcs_info.json"),
        "{\n  \"git\": {\n    \"sha1\": \"0123456789abcdef0123456789abcdef01234567\"\n  },\n  \"path_in_vcs\": \"\"\n}",
    )
    .unwrap();
    assert_eq!(scratch_commit(&packaged, &[]), "0123456");

    // Set by a packager.
    assert_eq!(
        scratch_commit(&plain, &[("KETLUAN_COMMIT", "deb1234")]),
        "deb1234"
    );

    // git is not on PATH: still builds, unknown. (cargo and the linker are found
    // by absolute path or in folders without git.)
    let no_git = tmp.path().join("bin");
    std::fs::create_dir(&no_git).unwrap();
    for tool in ["cc", "rustc", "cargo"] {
        if let Some(found) = which(tool) {
            std::os::unix::fs::symlink(found, no_git.join(tool)).unwrap();
        }
    }
    let in_repo = tmp.path().join("repo");
    scratch_crate(&in_repo);
    git(&in_repo, &["init", "-q"]).expect("git is needed by this test");
    for args in [
        &["add", "-A"][..],
        &[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.invalid",
            "commit",
            "-qm",
            "x",
        ],
    ] {
        git(&in_repo, args).unwrap();
    }
    let head = git(&in_repo, &["rev-parse", "--short", "HEAD"]).unwrap();
    assert_eq!(scratch_commit(&in_repo, &[]), head, "a git work tree");
    std::fs::write(in_repo.join("build.rs"), {
        // Force the build script to run again under the new PATH.
        std::fs::read_to_string(repo().join("build.rs")).unwrap() + "\n"
    })
    .unwrap();
    let path = no_git.to_str().unwrap();
    assert_eq!(scratch_commit(&in_repo, &[("PATH", path)]), "unknown");

    // Inside another repository, not at its top: not that repository's commit.
    let nested = in_repo.join("vendor/scratch");
    scratch_crate(&nested);
    assert_eq!(scratch_commit(&nested, &[]), "unknown");
}

fn which(tool: &str) -> Option<std::path::PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(tool))
        .find(|p| p.is_file())
        .map(|p| p.canonicalize().unwrap_or(p))
}

#[test]
fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = stdout(&ketluan(&["completions", shell]));
        for word in ["ketluan", "init", "check", "completions", "format"] {
            assert!(script.contains(word), "{shell}: no {word}");
        }
    }
    // The bash script is valid bash and completes the subcommands.
    let script = stdout(&ketluan(&["completions", "bash"]));
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("ketluan.bash");
    std::fs::write(&file, &script).unwrap();
    let probe = format!(
        "source {}; COMP_WORDS=(ketluan ch); COMP_CWORD=1; _ketluan ketluan ch ketluan; \
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        file.display()
    );
    let out = Command::new("bash")
        .args(["--noprofile", "--norc", "-c", &probe])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "check");
    assert_eq!(ketluan(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
#[ignore = "needs groff; run by .ci/run"]
fn the_manual_page_is_valid_roff() {
    let page = stdout(&ketluan(&["man"]));
    assert!(page.contains(".TH ketluan 1"), "{page}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH SUBCOMMANDS", ".SH VERSION"] {
        assert!(page.contains(section), "no {section}");
    }
    // groff reads it without a warning, and the text has the commands.
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("ketluan.1");
    std::fs::write(&file, &page).unwrap();
    let out = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .arg(&file)
        .output()
        .expect("groff is needed by this test (.ci/run installs groff-base)");
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "groff warnings");
    let text = Command::new("groff")
        .args(["-man", "-Tutf8"])
        .arg(&file)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("ketluan-init(1)"), "{text}");

    // One page per command into a folder.
    let dir = tmp.path().join("man");
    stdout(&ketluan(&["man", "--dir", dir.to_str().unwrap()]));
    for page in [
        "ketluan.1",
        "ketluan-build.1",
        "ketluan-check.1",
        "ketluan-init.1",
    ] {
        let text = std::fs::read_to_string(dir.join(page)).unwrap();
        assert!(text.starts_with(".ie"), "{page}: {text}");
    }
}

/// `scripts/build_pgo.py` needs the `llvm-profdata` of the LLVM that rustc uses (its
/// profiles are read by no other version): given another one it stops before
/// building anything, and says what to install.
#[cfg(unix)]
#[test]
#[ignore = "needs python3; run by .ci/run"]
fn the_pgo_build_refuses_an_llvm_profdata_of_another_version() {
    use std::os::unix::fs::PermissionsExt;
    let python = which("python3").expect("python3, which the project's scripts need");
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("llvm-profdata");
    std::fs::write(&fake, "#!/bin/sh\necho 'LLVM version 3.0.0'\n").unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = Command::new(python)
        .arg(repo().join("scripts/build_pgo.py"))
        .args(["--out", dir.path().join("ketluan").to_str().unwrap()])
        .env("LLVM_PROFDATA", &fake)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(", of LLVM 3; rustc uses LLVM "), "{err}");
    assert!(err.contains("llvm-tools"), "{err}");
    assert!(!dir.path().join("ketluan").exists());
}

//! Build script: the git commit that `ketluan --version` reports, as the
//! `KETLUAN_COMMIT` compile-time variable.
//!
//! In order: `KETLUAN_COMMIT` from the environment (for packagers building from a
//! tarball), `git rev-parse --short HEAD` when this package is the top of a git work
//! tree (a clone, a worktree, or cargo's own checkout for `cargo install --git`), the
//! `.cargo_vcs_info.json` that `cargo package` writes, and otherwise `unknown`. A
//! missing `git` is not an error.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    // The default theme is embedded with include_dir!, which sees edits to existing
    // files but not new ones: rebuild whenever the folder changes.
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-env-changed=KETLUAN_COMMIT");
    let commit = std::env::var("KETLUAN_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(git_commit)
        .or_else(packaged_commit)
        .unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=KETLUAN_COMMIT={}", commit.trim());
}

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !text.is_empty()).then_some(text)
}

fn git_commit() -> Option<String> {
    // Not the commit of some enclosing repository (a home folder under git, a
    // portal's repository vendoring ketluan without its history).
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR")?);
    let top = PathBuf::from(git(&["rev-parse", "--show-toplevel"])?);
    if top.canonicalize().ok()? != manifest.canonicalize().ok()? {
        return None;
    }
    let commit = git(&["rev-parse", "--short", "HEAD"])?;
    // Run again when HEAD moves: HEAD itself (checkout, detached HEAD), the branch
    // it names (commit) and the packed refs (fetch, gc). Paths git prints may be
    // relative to this folder, which is the build script's working folder.
    let git_dir = git(&["rev-parse", "--git-dir"]).map(PathBuf::from);
    let common = git(&["rev-parse", "--git-common-dir"]).map(PathBuf::from);
    if let Some(dir) = &git_dir {
        rerun_if_changed(&dir.join("HEAD"));
    }
    if let Some(dir) = common.as_ref().or(git_dir.as_ref()) {
        rerun_if_changed(&dir.join("packed-refs"));
        if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
            rerun_if_changed(&dir.join(branch));
        }
    }
    Some(commit)
}

fn rerun_if_changed(path: &Path) {
    if path.exists() {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}

/// `{"git": {"sha1": "…"}}` from a published crate; read by hand to keep the
/// build script free of dependencies.
fn packaged_commit() -> Option<String> {
    let text = std::fs::read_to_string(".cargo_vcs_info.json").ok()?;
    let after = &text[text.find("\"sha1\"")? + "\"sha1\"".len()..];
    let start = after.find('"')? + 1;
    let sha: String = after[start..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .take(7)
        .collect();
    (sha.len() == 7).then_some(sha)
}

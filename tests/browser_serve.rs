//! `ketluan serve` in a real browser: headless Chromium (Debian's `chromium`, or the
//! binary in `KETLUAN_CHROMIUM`) driven by playwright-core, running
//! `tests/browser/serve_reload.mjs`. Needs node, chromium and
//! `npm ci --prefix tests/browser` (`.ci/run` installs them); fails, never skips,
//! when one is missing.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

#[test]
#[ignore = "needs node, chromium and npm ci --prefix tests/browser; run by .ci/run"]
fn an_open_page_reloads_swaps_css_and_shows_errors() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = repo.join("tests/browser");
    let chromium = std::env::var_os("KETLUAN_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    let node = Command::new("node").arg("--version").output();
    assert!(
        node.is_ok_and(|o| o.status.success()),
        "the browser tests need Node.js (`node` on PATH)"
    );
    assert!(
        chromium.is_file(),
        "the browser tests need Debian's chromium at {} (apt-get install -y chromium), \
         or KETLUAN_CHROMIUM pointing at a chromium binary",
        chromium.display()
    );
    assert!(
        dir.join("node_modules/playwright-core").is_dir(),
        "the browser tests need playwright-core: npm ci --prefix tests/browser"
    );

    let site = common::serve::site();
    // The theme's layout with a strict Content-Security-Policy: no inline script
    // or style may run, so live reload must work from its own file.
    let base = std::fs::read_to_string(repo.join("themes/default/templates/base.html")).unwrap();
    let csp = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; \
               script-src 'self'; style-src 'self'; connect-src 'self'\">";
    site.write(
        "templates/base.html",
        base.replacen(
            "<meta charset=\"utf-8\">",
            &format!("<meta charset=\"utf-8\">\n  {csp}"),
            1,
        ),
    );

    let out = Command::new("node")
        .arg(dir.join("serve_reload.mjs"))
        .env("KETLUAN_BIN", env!("CARGO_BIN_EXE_ketluan"))
        .env("KETLUAN_SITE", site.root())
        .env("KETLUAN_CHROMIUM", &chromium)
        .current_dir(&dir)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stdout.contains("browser: 6 passed, 0 failed"),
        "browser test failed:\n{stdout}\n{stderr}"
    );
}

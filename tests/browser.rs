//! The browser test of `ketluan serve`: headless Chromium (Debian's `chromium`)
//! driven by playwright-core (`tests/browser/`, installed by `npm ci` there).
//! `.ci/run` installs both; without them this test fails and says what to install.

mod common;

use std::path::Path;
use std::process::Command;

use common::{TestSite, conclusion};

#[test]
fn an_open_page_reloads_swaps_css_and_shows_errors() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = repo.join("tests/browser");
    assert!(
        Path::new("/usr/bin/chromium").exists(),
        "the browser test needs Debian's chromium: apt-get install -y chromium"
    );
    assert!(
        dir.join("node_modules/playwright-core").is_dir(),
        "the browser test needs playwright-core: (cd tests/browser && npm ci)"
    );

    let site = TestSite::new();
    site.write(
        "content/mot.md",
        conclusion("Kết luận một", "2023-03-22", "Hà Tĩnh", ""),
    );
    site.write(
        "content/hai.md",
        conclusion("Kết luận hai", "2022-01-18", "Hà Tĩnh", ""),
    );
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

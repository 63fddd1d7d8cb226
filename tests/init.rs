//! `ketluan init`: the new site builds and checks clean with the real binary; every
//! key is documented; a folder that is not empty is refused unless --force; the CI
//! file is the shipped recipe; bad values are reported and nothing is written.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{attrs, texts, tree};
use scraper::Html;

fn ketluan(args: &[&str], cwd: Option<&Path>) -> Output {
    let mut cmd = assert_cmd::Command::cargo_bin("ketluan").unwrap();
    cmd.env("KETLUAN_LANG", "en");
    cmd.args(args);
    if let Some(dir) = cwd {
        cmd.current_dir(dir);
    }
    cmd.output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `ketluan init <tmp>/site <args…>`, insisting on success.
fn init(args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    let mut all = vec!["init", dir.to_str().unwrap()];
    all.extend_from_slice(args);
    let out = ketluan(&all, None);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    (tmp, dir)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    let mut all = args.to_vec();
    all.extend(["--root", dir.to_str().unwrap()]);
    ketluan(&all, None)
}

#[test]
fn the_new_site_checks_and_builds_clean() {
    let (_tmp, dir) = init(&[
        "--title",
        "Kết luận của Tỉnh ủy Khánh Hòa",
        "--base-url",
        "https://khanhhoa.example.gov.vn/ket-luan",
        "--province",
        "tỉnh Khánh Hoà",
    ]);
    let check = run_in(&dir, &["check", "--strict"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    assert!(stdout(&check).contains("no problems found"));
    let json = run_in(&dir, &["check", "--format", "json"]);
    assert_eq!(stdout(&json).trim(), "[]");

    let build = run_in(&dir, &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(stdout(&build).starts_with("Built 1 conclusion: "));
    let home = Html::parse_document(&read(&dir.join("public/index.html")));
    assert_eq!(texts(&home, "title"), ["Kết luận của Tỉnh ủy Khánh Hòa"]);
    // Every link carries the base URL's path.
    let links = attrs(&home, "a[href^='/']", "href");
    assert!(!links.is_empty());
    assert!(
        links.iter().all(|l| l.starts_with("/ket-luan/")),
        "{links:?}"
    );

    // The example conclusion: the province as written, resolved; the cited
    // resolution linked.
    let page = dir.join("public/ket-luan/2025-07-15-khanh-hoa-bai-mau/index.html");
    let page = Html::parse_document(&read(&page));
    let h1 = texts(&page, "h1");
    assert_eq!(
        h1,
        ["Kết luận của Thường trực Tỉnh ủy về đẩy mạnh chuyển đổi số (bài mẫu)"]
    );
    assert!(
        attrs(&page, "a", "href").contains(&"/ket-luan/nghi-quyet/57-nq-tw-2024/".to_string()),
        "the citation of 57-NQ/TW is linked"
    );
    assert!(
        read(&dir.join("content/2025-07-15-khanh-hoa-bai-mau.md"))
            .contains("province: Khánh Hòa  #")
    );
}

#[test]
fn defaults_name_a_city_and_localhost() {
    let (_tmp, dir) = init(&[]);
    let site = read(&dir.join("site.yaml"));
    assert!(site.contains("\ntitle: \"Kết luận của Thành ủy, UBND thành phố Hà Nội\"\n"));
    assert!(site.contains("\nbase_url: \"http://localhost/\"\n"));
    let example = read(&dir.join("content/2025-07-15-ha-noi-bai-mau.md"));
    assert!(example.contains("body: Thường trực Thành ủy"));
    assert!(example.contains("Ủy ban nhân dân thành phố Hà Nội"));
    assert_eq!(run_in(&dir, &["check", "--strict"]).status.code(), Some(0));
}

/// Each key as a line `key: …` or `# key: …`, preceded by a comment.
fn documented(text: &str, key: &str) -> bool {
    let lines: Vec<&str> = text.lines().collect();
    lines.iter().enumerate().any(|(i, l)| {
        let l = l.trim_start_matches("# ");
        l.starts_with(&format!("{key}:")) && i > 0 && lines[i - 1].starts_with('#')
    })
}

#[test]
fn site_yaml_documents_every_key_and_its_defaults_are_valid() {
    let (_tmp, dir) = init(&["--province", "Hà Tĩnh"]);
    let text = read(&dir.join("site.yaml"));
    for key in ketluan::config::SiteConfig::KEYS {
        assert!(
            documented(&text, key),
            "site.yaml does not document `{key}`"
        );
    }
    // Uncommenting every optional key keeps the site valid: the defaults shown are
    // real values.
    let uncommented: String = text
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest)
                if ketluan::config::SiteConfig::KEYS
                    .iter()
                    .any(|k| rest.starts_with(&format!("{k}: "))) =>
            {
                rest
            }
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert_ne!(uncommented, text);
    std::fs::write(dir.join("site.yaml"), &uncommented).unwrap();
    let check = run_in(&dir, &["check", "--strict"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
}

#[test]
fn the_example_shows_every_front_matter_key() {
    let (_tmp, dir) = init(&["--province", "Hà Tĩnh"]);
    let text = read(&dir.join("content/2025-07-15-ha-tinh-bai-mau.md"));
    for key in ketluan::load::conclusion::KEYS {
        if *key == "classification" {
            continue; // never publishable: not shown to editors as a key to fill
        }
        let shown = text
            .lines()
            .any(|l| l.trim_start_matches("# ").starts_with(&format!("{key}:")));
        assert!(shown, "the example does not show `{key}`");
    }
}

#[test]
fn templates_readme_and_gitignore() {
    let (_tmp, dir) = init(&[]);
    let readme = read(&dir.join("templates/README.md"));
    assert!(readme.contains("partials/header.html"));
    assert!(readme.contains("docs/templates.md"));
    // The README is not a template, even with Tera syntax in it.
    std::fs::write(
        dir.join("templates/README.md"),
        readme + "\n{{ not a variable }} {% if %}\n",
    )
    .unwrap();
    assert_eq!(run_in(&dir, &["check"]).status.code(), Some(0));
    // A real override in templates/ wins over the theme's.
    std::fs::create_dir_all(dir.join("templates/partials")).unwrap();
    std::fs::write(
        dir.join("templates/partials/footer.html"),
        "<footer><p id=\"portal\">Văn phòng UBND</p></footer>",
    )
    .unwrap();
    assert!(run_in(&dir, &["build"]).status.success());
    let home = Html::parse_document(&read(&dir.join("public/index.html")));
    assert_eq!(texts(&home, "#portal"), ["Văn phòng UBND"]);

    // git ignores the output and the build's working folders, not the sources.
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(&dir)
            .output()
            .expect("git is needed by this test")
    };
    assert!(git(&["init", "-q"]).status.success());
    let ignored = |p: &str| git(&["check-ignore", "-q", p]).status.code() == Some(0);
    assert!(ignored("public/index.html"));
    assert!(ignored(".public.ketluan-new-1/index.html"));
    assert!(ignored(".public.ketluan-spare/index.html"));
    assert!(ignored(".public.ketluan-manifest"));
    assert!(ignored(".public.ketluan-lock"));
    assert!(ignored(".public.ketluan-changes.json"));
    assert!(ignored(".ketluan-cache/public/state"));
    assert!(!ignored("site.yaml"));
    assert!(!ignored("content/2025-07-15-ha-noi-bai-mau.md"));
    assert!(!ignored("templates/README.md"));
}

#[test]
fn ci_files_are_the_shipped_recipes() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (_t1, github) = init(&["--ci", "github"]);
    assert_eq!(
        read(&github.join(".github/workflows/ketluan.yml")),
        read(&repo.join("docs/ci/github-actions.yml"))
    );
    assert!(!github.join(".gitlab-ci.yml").exists());
    let (_t2, gitlab) = init(&["--ci", "gitlab"]);
    assert_eq!(
        read(&gitlab.join(".gitlab-ci.yml")),
        read(&repo.join("docs/ci/gitlab-ci.yml"))
    );
    let (_t3, none) = init(&[]);
    assert!(!none.join(".github").exists() && !none.join(".gitlab-ci.yml").exists());
    // And the output lists what was written.
    let tmp = tempfile::tempdir().unwrap();
    let out = ketluan(&["init", "s", "--ci", "gitlab"], Some(tmp.path()));
    let text = stdout(&out);
    for f in [
        "site.yaml",
        "content/2025-07-15-ha-noi-bai-mau.md",
        "templates/README.md",
        ".gitignore",
        ".gitlab-ci.yml",
    ] {
        assert!(text.contains(&format!("\n  {f}\n")), "{text}");
    }
}

#[test]
fn a_folder_that_is_not_empty_is_refused_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("site.yaml"), "title: Đã có\n").unwrap();
    std::fs::write(dir.join("notes.txt"), "x").unwrap();
    let before = tree(dir);
    let out = ketluan(&["init", dir.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error[folder-not-empty]"), "{err}");
    assert!(err.contains("notes.txt, site.yaml"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(tree(dir), before, "nothing was written");

    // --force adds what is missing and keeps what is there.
    let out = ketluan(&["init", dir.to_str().unwrap(), "--force"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("site.yaml (exists: kept as it was)"));
    assert_eq!(read(&dir.join("site.yaml")), "title: Đã có\n");
    assert_eq!(read(&dir.join("notes.txt")), "x");
    assert!(dir.join("content/2025-07-15-ha-noi-bai-mau.md").is_file());
    assert!(dir.join("templates/README.md").is_file());
}

#[test]
fn a_fresh_clone_holding_only_git_counts_as_empty() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join(".git")).unwrap();
    let out = ketluan(&["init", "."], Some(tmp.path()));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(tmp.path().join("site.yaml").is_file());
}

#[test]
fn bad_values_are_reported_together_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    let out = ketluan(
        &[
            "init",
            dir.to_str().unwrap(),
            "--province",
            "Hà Tịnh",
            "--base-url",
            "portal.example.gov.vn",
            "--title",
            " ",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("--province: error[unknown-province]: unknown province \"Hà Tịnh\""),
        "{err}"
    );
    assert!(err.contains("did you mean `Hà Tĩnh`"), "{err}");
    assert!(err.contains("--base-url: error[invalid-value]"), "{err}");
    assert!(err.contains("--title: error[invalid-value]"), "{err}");
    assert!(!dir.exists());

    // A unit that merged in 2025 is refused, naming the unit it became.
    let out = ketluan(
        &["init", dir.to_str().unwrap(), "--province", "Đắk Nông"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("it merged into Lâm Đồng"), "{err}");
    assert!(!dir.exists());
}

#[test]
fn init_is_deterministic() {
    let (_a, a) = init(&["--province", "Huế", "--ci", "github"]);
    let (_b, b) = init(&["--province", "Huế", "--ci", "github"]);
    assert_eq!(tree(&a), tree(&b));
}

#[test]
fn the_portal_block_is_written_commented_and_works_once_filled_in() {
    let (_tmp, dir) = init(&["--base-url", "https://ketluan.hatinh.gov.vn/"]);
    let yaml = read(&dir.join("site.yaml"));
    assert!(yaml.contains("Nghị định 42/2022/NĐ-CP"));
    assert!(yaml.contains("\n# portal:\n"));
    // On a real host, the missing block is warned about.
    let check = run_in(&dir, &["check", "--format", "json"]);
    assert!(
        stdout(&check).contains("portal-incomplete"),
        "{}",
        stdout(&check)
    );
    // Uncommented as the comment says, with the logo it names in static/.
    let filled: String = yaml
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if rest.starts_with("portal:") || rest.starts_with("  ") => rest,
            _ => l,
        })
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.join("site.yaml"), filled).unwrap();
    std::fs::create_dir_all(dir.join("static")).unwrap();
    std::fs::write(
        dir.join("static/quoc-huy.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    let check = run_in(&dir, &["check", "--strict"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    let build = run_in(&dir, &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    let home = Html::parse_document(&read(&dir.join("public/index.html")));
    let footer = texts(&home, "footer").join(" ");
    assert!(footer.contains("Văn phòng Tỉnh ủy Hà Tĩnh"), "{footer}");
    assert!(footer.contains("banbientap@hatinh.gov.vn"), "{footer}");
    assert_eq!(attrs(&home, ".brand-logo", "src"), ["/static/quoc-huy.svg"]);
}

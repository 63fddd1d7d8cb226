//! CI: `check --format github` against the runner's workflow-command grammar,
//! `check --format gitlab` against GitLab's Code Quality report format, the recipes
//! in docs/ci/ validated by their platforms' schemas and checked for the structure
//! they promise, and their check steps run on a site with a broken file.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Output;

use common::{TestSite, conclusion};
use serde_json::Value as Json;
use serde_yaml::Value as Yaml;

// ---------------------------------------------------------------------------
// GitHub workflow commands

/// A workflow command as the runner reads it (`ActionCommand.TryParseV2` in
/// actions/runner): `::name k=v,k=v::data`, the command info ending at the first
/// `::` after the opening one; properties split on `,` and then on the first `=`;
/// values and data unescaped in the runner's order.
#[derive(Debug)]
struct WorkflowCommand {
    name: String,
    properties: BTreeMap<String, String>,
    data: String,
}

fn parse_command(line: &str) -> Option<WorkflowCommand> {
    let rest = line.trim_start().strip_prefix("::")?;
    let end = rest.find("::")?;
    let info = &rest[..end];
    let (name, props) = match info.find(' ') {
        Some(i) => (&info[..i], &info[i + 1..]),
        None => (info, ""),
    };
    let mut properties = BTreeMap::new();
    for pair in props.trim().split(',').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').expect("key=value");
        assert!(
            !key.is_empty() && !value.is_empty(),
            "empty property in {line}"
        );
        let value = [
            ("%0D", "\r"),
            ("%0A", "\n"),
            ("%3A", ":"),
            ("%2C", ","),
            ("%25", "%"),
        ]
        .iter()
        .fold(value.to_string(), |v, (from, to)| v.replace(from, to));
        properties.insert(key.to_string(), value);
    }
    let data = [("%0D", "\r"), ("%0A", "\n"), ("%25", "%")]
        .iter()
        .fold(rest[end + 2..].to_string(), |v, (from, to)| {
            v.replace(from, to)
        });
    Some(WorkflowCommand {
        name: name.to_string(),
        properties,
        data,
    })
}

fn json_findings(site: &TestSite) -> Vec<Json> {
    let out = site.run(&["check", "--format", "json"]);
    let json: Json = serde_json::from_slice(&out.stdout).unwrap();
    json.as_array().unwrap().clone()
}

/// A site with findings whose files, messages and help need escaping.
fn tricky_site() -> TestSite {
    let site = TestSite::new();
    // `,` `:` `%` and a space in a file name; `%` in a value.
    site.write(
        "content/a,b:c 100%.md",
        conclusion("A", "2021-01-01", "100% Hà Tịnh", ""),
    );
    site.write(
        "content/future.md",
        conclusion("B", "2099-01-01", "Hà Tĩnh", ""),
    );
    site.write("content/plain.md", "no front matter\n");
    site.write(
        "content/links.md",
        conclusion("C", "2021-01-02", "Hà Tĩnh", "")
            + "\nXem [một](../khong-co/) và [hai](../khong-co/).\n",
    );
    site
}

#[test]
fn github_annotations_follow_the_runner_grammar() {
    let site = tricky_site();
    let out = site.run(&["check", "--format", "github"]);
    assert_eq!(out.status.code(), Some(1), "errors fail the step");
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // Every finding is one line: no raw line break inside a command.
    let (commands, plain): (Vec<&str>, Vec<&str>) = lines.iter().partition(|l| l.starts_with("::"));
    // The file name with `:` is also an error: Windows cannot hold it.
    assert_eq!(plain, ["3 errors and 3 warnings in 4 files"], "{text}");

    let findings = json_findings(&site);
    assert_eq!(commands.len(), findings.len(), "{text}");
    // The runner reads the root the test passed as given: absolute here, so the
    // paths are the site's absolute paths.
    let root = site.root().to_string_lossy().into_owned();
    for (line, f) in commands.iter().zip(&findings) {
        let c = parse_command(line).unwrap_or_else(|| panic!("not a command: {line}"));
        assert_eq!(c.name, f["severity"].as_str().unwrap(), "{line}");
        let p = &c.properties;
        assert_eq!(
            p["file"],
            format!("{root}/{}", f["file"].as_str().unwrap()),
            "{line}"
        );
        let (l, col) = (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap());
        assert_eq!(p.get("line").cloned(), (l > 0).then(|| l.to_string()));
        assert_eq!(
            p.get("col").cloned(),
            (l > 0 && col > 0).then(|| col.to_string())
        );
        assert_eq!(
            p["title"],
            format!("ketluan: {}", f["code"].as_str().unwrap())
        );
        let keys: BTreeSet<&str> = p.keys().map(String::as_str).collect();
        assert!(
            keys.is_subset(&BTreeSet::from(["file", "line", "col", "title"])),
            "{keys:?}"
        );
        let mut message = f["message"].as_str().unwrap().to_string();
        if let Some(help) = f["help"].as_str() {
            message += &format!("\nhelp: {help}");
        }
        message += &format!("\nsee: {}", f["see"].as_str().unwrap());
        assert_eq!(c.data, message, "{line}");
    }
    // The escapes themselves, as GitHub documents them.
    let tricky = commands
        .iter()
        .find(|l| l.contains("unknown-province"))
        .unwrap();
    assert!(
        tricky.contains("/content/a%2Cb%3Ac 100%25.md,line=4,col=11,"),
        "{tricky}"
    );
    assert!(
        tricky.contains(",title=ketluan%3A unknown-province::"),
        "{tricky}"
    );
    // In the data `%` and line breaks are escaped, `:` is not.
    assert!(
        tricky.contains("::unknown province \"100%25 Hà Tịnh\"%0Ahelp: did you mean"),
        "{tricky}"
    );
    assert!(tricky.ends_with("%0Asee: docs/troubleshooting.md#unknown-province"));
}

#[test]
fn github_annotations_name_files_from_the_current_folder() {
    let repo = tempfile::tempdir().unwrap();
    let site = repo.path().join("site");
    std::fs::create_dir_all(site.join("content")).unwrap();
    std::fs::write(site.join("site.yaml"), common::SITE_YAML).unwrap();
    std::fs::write(
        site.join("content/a.md"),
        conclusion("A", "2099-01-01", "Hà Tĩnh", ""),
    )
    .unwrap();
    for root in [
        "site".to_string(),
        "./site/".to_string(),
        site.to_string_lossy().into_owned(),
    ] {
        let out = assert_cmd::Command::cargo_bin("ketluan")
            .unwrap()
            .args(["check", "--format", "github", "--root", &root])
            .current_dir(repo.path())
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.starts_with(
                "::warning file=site/content/a.md,line=3,col=7,title=ketluan%3A date-in-future::"
            ),
            "--root {root}: {text}"
        );
        assert_eq!(out.status.code(), Some(0), "warnings do not fail");
    }
}

// ---------------------------------------------------------------------------
// GitLab Code Quality

fn gitlab_report(site: &TestSite) -> Vec<Json> {
    let out = site.run(&["check", "--format", "gitlab"]);
    let json: Json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    json.as_array().expect("an array").clone()
}

/// GitLab's documented format: an array of objects with `description`,
/// `check_name`, `fingerprint` (unique), `severity` (info, minor, major, critical,
/// blocker), `location.path` (relative) and `location.lines.begin` (a line, ≥ 1).
fn assert_code_quality(issues: &[Json]) {
    let mut fingerprints = BTreeSet::new();
    for i in issues {
        let keys: BTreeSet<&str> = i.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            BTreeSet::from([
                "description",
                "check_name",
                "fingerprint",
                "severity",
                "location"
            ])
        );
        assert!(!i["description"].as_str().unwrap().is_empty());
        assert!(!i["check_name"].as_str().unwrap().is_empty());
        let fp = i["fingerprint"].as_str().unwrap();
        assert!(
            fp.len() == 32 && fp.chars().all(|c| c.is_ascii_hexdigit()),
            "{fp}"
        );
        assert!(
            fingerprints.insert(fp.to_string()),
            "duplicate fingerprint {fp}"
        );
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&i["severity"].as_str().unwrap())
        );
        let path = i["location"]["path"].as_str().unwrap();
        assert!(!path.starts_with("./") && !path.contains('\\'), "{path}");
        assert!(i["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn gitlab_report_follows_the_code_quality_format() {
    let site = tricky_site();
    let out = site.run(&["check", "--format", "gitlab"]);
    assert_eq!(out.status.code(), Some(1));
    let issues = gitlab_report(&site);
    assert_code_quality(&issues);
    let findings = json_findings(&site);
    assert_eq!(issues.len(), findings.len());
    let root = site.root().to_string_lossy().into_owned();
    for (i, f) in issues.iter().zip(&findings) {
        assert_eq!(i["check_name"], f["code"]);
        assert_eq!(
            i["location"]["path"].as_str().unwrap(),
            format!("{root}/{}", f["file"].as_str().unwrap())
        );
        assert_eq!(
            i["location"]["lines"]["begin"].as_u64().unwrap(),
            f["line"].as_u64().unwrap().max(1)
        );
        let severity = match f["severity"].as_str().unwrap() {
            "error" => "critical",
            _ => "minor",
        };
        assert_eq!(i["severity"], severity);
        let description = i["description"].as_str().unwrap();
        assert!(description.starts_with(f["message"].as_str().unwrap()));
        assert!(
            description.ends_with(&format!("see {})", f["see"].as_str().unwrap())),
            "{description}"
        );
    }
    // Two identical broken links: two issues, two fingerprints.
    let links: Vec<&Json> = issues
        .iter()
        .filter(|i| i["check_name"] == "broken-link")
        .collect();
    assert_eq!(links.len(), 2);
    assert_ne!(links[0]["fingerprint"], links[1]["fingerprint"]);
}

#[test]
fn gitlab_fingerprints_survive_lines_moving() {
    let site = TestSite::new();
    let body = |before: &str| {
        conclusion("C", "2021-01-02", "Hà Tĩnh", "") + before + "\nXem [một](../khong-co/).\n"
    };
    site.write("content/links.md", body(""));
    let first = gitlab_report(&site);
    site.write("content/links.md", body("\nĐoạn mới.\n\nĐoạn nữa.\n"));
    let second = gitlab_report(&site);
    assert_eq!(first.len(), 1);
    assert_eq!(second.len(), 1);
    assert_ne!(first[0]["location"], second[0]["location"]);
    assert_eq!(first[0]["fingerprint"], second[0]["fingerprint"]);
    // A clean site is an empty report.
    site.write("content/links.md", body(""));
    site.remove("content/links.md");
    site.write(
        "content/ok.md",
        conclusion("C", "2021-01-02", "Hà Tĩnh", ""),
    );
    assert_eq!(gitlab_report(&site), Vec::<Json>::new());
}

// ---------------------------------------------------------------------------
// The recipes

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn recipe(name: &str) -> Yaml {
    let text = std::fs::read_to_string(repo().join("docs/ci").join(name)).unwrap();
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn str_of(v: &Yaml) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v:?}"))
}

/// check-jsonschema (PyPI), which ships the SchemaStore schemas of GitHub
/// workflows and GitLab CI; `.ci/run` installs it into target/ci-tools.
fn check_jsonschema() -> PathBuf {
    let local = repo().join("target/ci-tools/bin/check-jsonschema");
    if local.is_file() {
        return local;
    }
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("check-jsonschema"))
            .find(|p| p.is_file())
    });
    on_path.expect(
        "check-jsonschema not found: run .ci/run, which installs it from PyPI into \
         target/ci-tools (or `pip install check-jsonschema`)",
    )
}

fn validate(schema: &str, file: &str) {
    validate_at(schema, &format!("docs/ci/{file}"));
}

/// Validate the repository's file `file` against the built-in schema `schema`.
fn validate_at(schema: &str, file: &str) {
    let out = std::process::Command::new(check_jsonschema())
        .args(["--builtin-schema", schema])
        .arg(repo().join(file))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{file} against {schema}:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
#[ignore = "needs check-jsonschema (PyPI); run by .ci/run"]
fn recipes_pass_their_platforms_schemas() {
    validate("vendor.github-workflows", "github-actions.yml");
    validate(
        "custom.github-workflows-require-timeout",
        "github-actions.yml",
    );
    validate("vendor.gitlab-ci", "gitlab-ci.yml");
}

/// Every shell script of both recipes is valid bash, and none embeds a GitHub
/// expression (`${{ … }}` belongs in `env:`, where it cannot inject shell code).
#[test]
fn recipe_scripts_are_valid_shell() {
    let mut scripts: Vec<String> = Vec::new();
    let github = recipe("github-actions.yml");
    for (_, job) in github["jobs"].as_mapping().unwrap() {
        scripts.extend(
            steps(job)
                .iter()
                .filter_map(|s| s["run"].as_str().map(String::from)),
        );
    }
    let gitlab = recipe("gitlab-ci.yml");
    for (_, job) in gitlab.as_mapping().unwrap() {
        for key in ["before_script", "script"] {
            if let Some(lines) = job[key].as_sequence() {
                scripts.extend(lines.iter().map(|l| str_of(l).to_string()));
            }
        }
    }
    assert!(scripts.len() >= 10, "{scripts:#?}");
    for script in scripts {
        assert!(!script.contains("${{"), "{script}");
        let out = std::process::Command::new("bash")
            .args(["-n", "-c", &script])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{script}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
#[ignore = "needs check-jsonschema (PyPI); run by .ci/run"]
fn the_linter_catches_a_broken_workflow() {
    // The schema check is real: a job without steps and a step without `run` or
    // `uses` are refused.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yml");
    std::fs::write(
        &bad,
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n",
    )
    .unwrap();
    let out = std::process::Command::new(check_jsonschema())
        .args(["--builtin-schema", "vendor.github-workflows"])
        .arg(&bad)
        .output()
        .unwrap();
    assert!(!out.status.success());
}

/// The steps of a GitHub job, by name.
fn steps(job: &Yaml) -> Vec<&Yaml> {
    job["steps"].as_sequence().unwrap().iter().collect()
}

#[test]
fn github_recipe_structure() {
    let w = recipe("github-actions.yml");
    // `on` is not read as the boolean true (YAML 1.1 would).
    let on = &w["on"];
    assert!(on["push"].is_mapping() && !on["pull_request"].is_string());
    assert_eq!(str_of(&w["permissions"]["contents"]), "read");
    let env = &w["env"];
    for key in [
        "KETLUAN_VERSION",
        "KETLUAN_SHA256",
        "KETLUAN_RELEASES",
        "KETLUAN_GIT",
        "SITE_DIR",
    ] {
        assert!(env[key].is_string(), "env.{key}");
    }
    let jobs = w["jobs"].as_mapping().unwrap();
    for (name, job) in jobs {
        // Every action is pinned to a major version; every step runs or uses.
        for step in steps(job) {
            let uses = step["uses"].as_str();
            let run = step["run"].as_str();
            assert!(uses.is_some() != run.is_some(), "{name:?}: {step:?}");
            if let Some(u) = uses {
                assert!(
                    u.split_once('@').is_some_and(|(_, v)| v.starts_with('v')),
                    "{u}"
                );
            }
        }
        if let Some(needs) = job["needs"].as_str() {
            assert!(jobs.contains_key(needs), "{name:?} needs {needs}");
        }
    }
    let build = &w["jobs"]["build"];
    let step = |name: &str| {
        steps(build)
            .into_iter()
            .find(|s| s["name"].as_str() == Some(name))
            .unwrap_or_else(|| panic!("no step {name}"))
    };
    // The binary is cached, keyed by the ketluan version.
    let cache = step("Cache ketluan");
    assert!(str_of(&cache["uses"]).starts_with("actions/cache@"));
    assert!(str_of(&cache["with"]["path"]).contains("~/.cargo/bin/ketluan"));
    assert!(str_of(&cache["with"]["key"]).contains("env.KETLUAN_VERSION"));
    let install = step("Install ketluan");
    assert_eq!(
        str_of(&install["if"]),
        "steps.cache.outputs.cache-hit != 'true'"
    );
    // The pinned release binary, verified; the cargo build only as the fallback.
    assert!(str_of(&install["run"]).contains("sha256sum --check --strict"));
    assert!(str_of(&install["run"]).contains("cargo +stable install --locked --git"));
    assert!(str_of(&step("Check")["run"]).contains("--format github"));
    let build_step = step("Build");
    assert!(str_of(&build_step["run"]).contains("--output public --check-links"));
    assert!(str_of(&build_step["run"]).contains("--base-url"));
    assert!(str_of(&build_step["env"]["BASE_URL"]).contains("steps.pages.outputs.base_url"));
    let upload = step("Upload the site");
    assert!(str_of(&upload["uses"]).starts_with("actions/upload-pages-artifact@"));
    assert_eq!(str_of(&upload["with"]["path"]), "public");

    let pages = &w["jobs"]["pages"];
    assert_eq!(str_of(&pages["needs"]), "build");
    assert_eq!(str_of(&pages["permissions"]["pages"]), "write");
    assert_eq!(str_of(&pages["permissions"]["id-token"]), "write");
    assert_eq!(str_of(&pages["environment"]["name"]), "github-pages");
    assert!(str_of(&steps(pages)[0]["uses"]).starts_with("actions/deploy-pages@"));

    let server = &w["jobs"]["server"];
    let runs: String = steps(server)
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect();
    assert!(runs.contains("rsync "), "{runs}");
    assert!(runs.contains("aws s3 sync "), "{runs}");
    assert!(str_of(&server["if"]).contains("vars.DEPLOY_RSYNC_TARGET"));
}

#[test]
fn gitlab_recipe_structure() {
    let c = recipe("gitlab-ci.yml");
    for key in [
        "KETLUAN_VERSION",
        "KETLUAN_SHA256",
        "KETLUAN_RELEASES",
        "KETLUAN_GIT",
        "SITE_DIR",
        "CARGO_HOME",
    ] {
        assert!(c["variables"][key].is_string(), "variables.{key}");
    }
    let base = &c[".ketluan"];
    assert!(str_of(&base["cache"]["key"]).contains("$KETLUAN_VERSION"));
    let cached: Vec<&str> = base["cache"]["paths"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(str_of)
        .collect();
    assert!(cached.contains(&".cargo/bin/"));
    let before: String = base["before_script"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(str_of)
        .collect();
    assert!(before.contains("sha256sum --check --strict"));
    assert!(before.contains("cargo install --locked --git"));

    let check = &c["check"];
    assert_eq!(str_of(&check["extends"]), ".ketluan");
    let script = str_of(&check["script"][0]);
    assert!(script.contains("--format gitlab > gl-code-quality-report.json"));
    assert_eq!(str_of(&check["artifacts"]["when"]), "always");
    assert_eq!(
        str_of(&check["artifacts"]["reports"]["codequality"]),
        "gl-code-quality-report.json"
    );

    let pages = &c["pages"];
    let script = str_of(&pages["script"][0]);
    assert!(script.contains("--output public --check-links"));
    assert!(script.contains("$CI_PAGES_URL"));
    assert_eq!(str_of(&pages["artifacts"]["paths"][0]), "public");
    assert!(str_of(&pages["rules"][0]["if"]).contains("$CI_DEFAULT_BRANCH"));

    let stages: Vec<&str> = c["stages"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(str_of)
        .collect();
    for job in ["check", "pages", "server"] {
        assert!(stages.contains(&str_of(&c[job]["stage"])), "{job}");
    }
    let server: String = c["server"]["script"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(str_of)
        .collect();
    assert!(server.contains("rsync ") && server.contains("aws s3 sync "));
}

// ---------------------------------------------------------------------------
// The recipes' check steps, run as the platforms run them

/// `bash -e -c script` in `cwd`, with the recipe's plain variables and the
/// freshly built ketluan first on PATH.
fn run_script(script: &str, cwd: &Path, vars: &BTreeMap<String, String>) -> Output {
    let bin = assert_cmd::cargo::cargo_bin("ketluan");
    let path = std::env::join_paths(
        std::iter::once(bin.parent().unwrap().to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    std::process::Command::new("bash")
        .args([
            "--noprofile",
            "--norc",
            "-e",
            "-o",
            "pipefail",
            "-c",
            script,
        ])
        .current_dir(cwd)
        .envs(vars)
        .env("PATH", path)
        .output()
        .unwrap()
}

/// Variables without references to others (`$CI_PROJECT_DIR/.cargo` is not needed).
fn plain_vars(map: &Yaml) -> BTreeMap<String, String> {
    map.as_mapping()
        .unwrap()
        .iter()
        .filter_map(|(k, v)| Some((str_of(k).to_string(), v.as_str()?.to_string())))
        .filter(|(_, v)| !v.contains('$'))
        .collect()
}

/// A site made by `ketluan init --ci <ci>` with one broken file: an unknown
/// province on line 4, column 11.
fn broken_site(ci: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = assert_cmd::Command::cargo_bin("ketluan")
        .unwrap()
        .args(["init", ".", "--ci", ci])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    std::fs::write(
        dir.path().join("content/2024-05-01-sai.md"),
        conclusion("Sai tỉnh", "2024-05-01", "Hà Tịnh", ""),
    )
    .unwrap();
    dir
}

#[test]
fn the_github_check_step_annotates_the_broken_file() {
    let dir = broken_site("github");
    let w: Yaml = serde_yaml::from_str(
        &std::fs::read_to_string(dir.path().join(".github/workflows/ketluan.yml")).unwrap(),
    )
    .unwrap();
    let check = steps(&w["jobs"]["build"])
        .into_iter()
        .find(|s| s["name"].as_str() == Some("Check"))
        .unwrap();
    let out = run_script(str_of(&check["run"]), dir.path(), &plain_vars(&w["env"]));
    assert_eq!(out.status.code(), Some(1), "the step fails");
    let text = String::from_utf8(out.stdout).unwrap();
    let first = text.lines().next().unwrap();
    assert!(
        first.starts_with(
            "::error file=content/2024-05-01-sai.md,line=4,col=11,\
             title=ketluan%3A unknown-province::unknown province \"Hà Tịnh\"%0A\
             help: did you mean `Hà Tĩnh`"
        ),
        "{text}"
    );
    assert_eq!(text.lines().count(), 2, "{text}");

    // Fixed, the step passes.
    std::fs::remove_file(dir.path().join("content/2024-05-01-sai.md")).unwrap();
    let out = run_script(str_of(&check["run"]), dir.path(), &plain_vars(&w["env"]));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "no problems found\n"
    );

    // The build step: the Pages address, every link checked, the output where the
    // upload step takes it.
    let build = steps(&w["jobs"]["build"])
        .into_iter()
        .find(|s| s["name"].as_str() == Some("Build"))
        .unwrap();
    let mut vars = plain_vars(&w["env"]);
    vars.insert("BASE_URL".into(), "https://org.github.io/ket-luan/".into());
    let out = run_script(str_of(&build["run"]), dir.path(), &vars);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let upload = steps(&w["jobs"]["build"])
        .into_iter()
        .find(|s| s["name"].as_str() == Some("Upload the site"))
        .unwrap();
    let sitemap = std::fs::read_to_string(
        dir.path()
            .join(str_of(&upload["with"]["path"]))
            .join("sitemap.xml"),
    )
    .unwrap();
    assert!(
        sitemap.contains("<loc>https://org.github.io/ket-luan/</loc>"),
        "{sitemap}"
    );
}

#[test]
fn the_gitlab_check_job_writes_the_code_quality_report() {
    let dir = broken_site("gitlab");
    let c: Yaml =
        serde_yaml::from_str(&std::fs::read_to_string(dir.path().join(".gitlab-ci.yml")).unwrap())
            .unwrap();
    let vars = plain_vars(&c["variables"]);
    let run_job = || {
        let mut last = None;
        for line in c["check"]["script"].as_sequence().unwrap() {
            let out = run_script(str_of(line), dir.path(), &vars);
            let ok = out.status.success();
            last = Some(out);
            if !ok {
                break;
            }
        }
        last.unwrap()
    };
    let out = run_job();
    assert_eq!(out.status.code(), Some(1), "the job fails");
    // The log shows the readable report…
    let log = String::from_utf8(out.stdout).unwrap();
    assert!(
        log.contains("content/2024-05-01-sai.md:4:11: error[unknown-province]"),
        "{log}"
    );
    // …and the artifact is the Code Quality report.
    let report: Json = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("gl-code-quality-report.json")).unwrap(),
    )
    .unwrap();
    let issues = report.as_array().unwrap();
    assert_code_quality(issues);
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0]["check_name"], "unknown-province");
    assert_eq!(issues[0]["severity"], "critical");
    assert_eq!(issues[0]["location"]["path"], "content/2024-05-01-sai.md");
    assert_eq!(issues[0]["location"]["lines"]["begin"], 4);

    std::fs::remove_file(dir.path().join("content/2024-05-01-sai.md")).unwrap();
    assert_eq!(run_job().status.code(), Some(0));
    let report = std::fs::read_to_string(dir.path().join("gl-code-quality-report.json")).unwrap();
    assert_eq!(report.trim(), "[]");

    // The pages job publishes public/ built for the Pages address.
    let mut vars = vars;
    vars.insert(
        "CI_PAGES_URL".into(),
        "https://group.gitlab.io/ket-luan".into(),
    );
    for line in c["pages"]["script"].as_sequence().unwrap() {
        let out = run_script(str_of(line), dir.path(), &vars);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let public = str_of(&c["pages"]["artifacts"]["paths"][0]);
    let sitemap = std::fs::read_to_string(dir.path().join(public).join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://group.gitlab.io/ket-luan/</loc>"),
        "{sitemap}"
    );
}

// ---------------------------------------------------------------------------
// The release workflow

#[test]
#[ignore = "needs check-jsonschema; run by .ci/run"]
fn the_release_workflow_passes_the_schema() {
    validate_at("vendor.github-workflows", ".github/workflows/release.yml");
    validate_at(
        "custom.github-workflows-require-timeout",
        ".github/workflows/release.yml",
    );
}

/// Every platform's archive is built with its checksum, and the release carries both
/// installers, which download exactly those names.
#[test]
fn the_release_workflow_builds_every_platform_with_checksums() {
    let text = std::fs::read_to_string(repo().join(".github/workflows/release.yml")).unwrap();
    let workflow: Yaml = serde_yaml::from_str(&text).unwrap();
    let targets: BTreeSet<&str> = workflow["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|m| str_of(&m["target"]))
        .collect();
    assert_eq!(
        targets,
        BTreeSet::from([
            "aarch64-apple-darwin",
            "aarch64-unknown-linux-musl",
            "x86_64-apple-darwin",
            "x86_64-pc-windows-msvc",
            "x86_64-unknown-linux-musl",
        ])
    );
    let tags = workflow["on"]["push"]["tags"].as_sequence().unwrap();
    assert_eq!(str_of(&tags[0]), "v[0-9]+.[0-9]+.[0-9]+*");
    let steps = |job: &str| -> String {
        workflow["jobs"][job]["steps"]
            .as_sequence()
            .unwrap()
            .iter()
            .filter_map(|s| s["run"].as_str())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let build = steps("build");
    assert!(
        build.contains("sha256sum \"$archive\" > \"$archive.sha256\""),
        "{build}"
    );
    assert!(build.contains("archive=$name.zip"), "{build}");
    assert!(build.contains("archive=$name.tar.gz"), "{build}");
    let release = steps("release");
    assert!(release.contains("sha256sum --check --strict"), "{release}");
    assert!(release.contains("install.sh install.ps1"), "{release}");
    // The installers ask for the names the workflow makes.
    let sh = std::fs::read_to_string(repo().join("scripts/install.sh")).unwrap();
    assert!(sh.contains("archive=\"ketluan-$target.tar.gz\""));
    assert!(sh.contains("$archive.sha256"));
    let ps1 = std::fs::read_to_string(repo().join("scripts/install.ps1")).unwrap();
    assert!(ps1.contains("$target = 'x86_64-pc-windows-msvc'"));
    assert!(ps1.contains("$archive = \"ketluan-$target.zip\""));
    assert!(ps1.contains("Get-FileHash -Algorithm SHA256"));
}

/// The recipes' install scripts, run against a release laid out in a local folder:
/// a matching checksum installs the binary, a wrong one fails without installing.
#[test]
#[cfg(target_os = "linux")]
fn recipes_install_the_pinned_release_binary_only_if_its_checksum_matches() {
    let tmp = tempfile::tempdir().unwrap();
    let name = "ketluan-x86_64-unknown-linux-musl";
    let release = tmp.path().join("releases/v0.1.0");
    let pack = tmp.path().join("pack").join(name);
    std::fs::create_dir_all(&pack).unwrap();
    std::fs::create_dir_all(&release).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_ketluan"), pack.join("ketluan")).unwrap();
    let archive = release.join(format!("{name}.tar.gz"));
    let tar = std::process::Command::new("tar")
        .arg("-czf")
        .arg(&archive)
        .arg("-C")
        .arg(tmp.path().join("pack"))
        .arg(name)
        .status()
        .unwrap();
    assert!(tar.success());
    let sum = std::process::Command::new("sha256sum")
        .arg(&archive)
        .output()
        .unwrap();
    let sum = String::from_utf8(sum.stdout).unwrap();
    let sum = sum.split(' ').next().unwrap().to_string();

    let github = recipe("github-actions.yml");
    let install = steps(&github["jobs"]["build"])
        .into_iter()
        .find(|s| s["name"].as_str() == Some("Install ketluan"))
        .map(|s| str_of(&s["run"]).to_string())
        .unwrap();
    let gitlab = recipe("gitlab-ci.yml");
    let before: Vec<String> = gitlab[".ketluan"]["before_script"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|l| str_of(l).to_string())
        .collect();
    let gitlab_install = before.join("\n");
    for (recipe, script) in [("github", &install), ("gitlab", &gitlab_install)] {
        for (checksum, works) in [(sum.clone(), true), ("0".repeat(64), false)] {
            let home = tmp.path().join(format!("home-{recipe}-{works}"));
            std::fs::create_dir_all(&home).unwrap();
            let cargo_home = home.join(".cargo");
            let out = std::process::Command::new("bash")
                .args(["-e", "-c", script])
                .env("HOME", &home)
                .env("CARGO_HOME", &cargo_home)
                .env("PATH", std::env::var("PATH").unwrap())
                .env("KETLUAN_VERSION", "v0.1.0")
                .env("KETLUAN_SHA256", &checksum)
                .env(
                    "KETLUAN_RELEASES",
                    format!("file://{}", tmp.path().join("releases").display()),
                )
                .env("KETLUAN_GIT", "https://example.invalid/ketluan.git")
                .output()
                .unwrap();
            let installed = cargo_home.join("bin/ketluan");
            let said = String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.success(), works, "{recipe}: {said}");
            assert_eq!(installed.is_file(), works, "{recipe}: {said}");
            if !works {
                assert!(said.contains("does not match KETLUAN_SHA256"), "{said}");
            }
        }
    }
}

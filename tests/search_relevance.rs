//! The search relevance benchmark as a guard: generates the benchmark's fixed site
//! (scripts/gen_relevance_site.py), checks that the committed judgments
//! (bench/relevance/judgments.json) are still those of that site, builds it with this
//! ketluan, and runs the judged queries through the page's own search code in node
//! (scripts/search_relevance.mjs), which fails when precision@5, MRR or nDCG@10
//! falls below bench/relevance/floor.json. Needs python3 and node.

use std::path::Path;
use std::process::Command;

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[test]
#[ignore = "needs node and python3; run by .ci/run"]
fn relevance_stays_above_its_floor() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    run(Command::new("python3")
        .arg(repo.join("scripts/gen_relevance_site.py"))
        .arg(&site));
    let judged = run(Command::new("python3")
        .arg(repo.join("bench/relevance/judge.py"))
        .arg(&site));
    let committed = std::fs::read_to_string(repo.join("bench/relevance/judgments.json")).unwrap();
    assert!(
        judged == committed,
        "bench/relevance/judgments.json is not the judgment of the generated site: \
         run bench/relevance/judge.py again (see its header) and review the change"
    );
    run(Command::new(env!("CARGO_BIN_EXE_ketluan"))
        .args(["build", "--root"])
        .arg(&site)
        .arg("--output")
        .arg(site.join("public")));
    let report = run(Command::new("node")
        .arg(repo.join("scripts/search_relevance.mjs"))
        .arg(site.join("public"))
        .arg("--floor")
        .arg(repo.join("bench/relevance/floor.json")));
    println!("{report}");
    assert!(report.contains("at or above the floor"), "{report}");
}

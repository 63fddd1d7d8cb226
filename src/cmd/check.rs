//! `ketluan check`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ketluan::check;
use ketluan::diagnostic::{self, Diagnostic, Severity};

use super::{FAILED, require_folder};
use crate::cli::{CheckArgs, Format};

pub(super) fn run(args: CheckArgs) -> ExitCode {
    if let Err(code) = require_folder(&args.root) {
        return code;
    }
    let fix_problems = if args.fix {
        fix(&args.root, args.format == Format::Human)
    } else {
        Vec::new()
    };
    let today = jiff::Zoned::now().date();
    let mut found = check::check(&check::Options {
        root: args.root.clone(),
        today,
    });
    if !fix_problems.is_empty() {
        found.extend(fix_problems);
        diagnostic::sort(&mut found);
    }
    let report = match args.format {
        Format::Human => diagnostic::render_report(&found),
        Format::Json => diagnostic::to_json(&found) + "\n",
        Format::Github => diagnostic::to_github(&found, &from_here(&args.root)),
        Format::Gitlab => diagnostic::to_gitlab(&found, &from_here(&args.root)),
    };
    // A closed pipe (`| head`) is not an error of the check.
    let _ = std::io::Write::write_all(&mut std::io::stdout(), report.as_bytes());
    let fails = |d: &Diagnostic| args.strict || d.severity() == Severity::Error;
    if found.iter().any(fails) {
        ExitCode::from(FAILED)
    } else {
        ExitCode::SUCCESS
    }
}

/// Apply `check --fix`'s fixes and say, per file, what changed: on stdout before the
/// report, or on stderr when stdout is for tools. Returns the files not written.
fn fix(root: &Path, to_stdout: bool) -> Vec<Diagnostic> {
    let (fixed, problems) = check::fix::fix(root);
    let lang = ketluan::i18n::current();
    let mut said = String::new();
    for file in &fixed {
        let name = file.file.to_string_lossy().replace('\\', "/");
        said.push_str(&format!("{name}\n"));
        for change in &file.changes {
            said.push_str(&format!("  {}\n", change.describe(lang)));
        }
    }
    said.push_str(&ketluan::t!("fix-summary", files = fixed.len()));
    said.push_str("\n\n");
    let _ = if to_stdout {
        std::io::Write::write_all(&mut std::io::stdout(), said.as_bytes())
    } else {
        std::io::Write::write_all(&mut std::io::stderr(), said.as_bytes())
    };
    problems
}

/// The site root as a path from the current folder, where CI runs: annotations
/// name files from the repository's top.
fn from_here(root: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|here| root.strip_prefix(here).ok().map(PathBuf::from))
        .unwrap_or_else(|| root.to_path_buf())
}

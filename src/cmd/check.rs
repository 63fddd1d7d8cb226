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
    let today = jiff::Zoned::now().date();
    let found = check::check(&check::Options {
        root: args.root.clone(),
        today,
    });
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

/// The site root as a path from the current folder, where CI runs: annotations
/// name files from the repository's top.
fn from_here(root: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|here| root.strip_prefix(here).ok().map(PathBuf::from))
        .unwrap_or_else(|| root.to_path_buf())
}

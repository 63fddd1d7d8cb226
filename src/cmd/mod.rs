//! One module per command: each turns its parsed options into a call of the library
//! and its result into output and an exit code. Problems are printed here, once.

mod build;
mod check;
mod completions;
mod import;
mod init;
mod man;
mod new;
mod serve;

use std::path::Path;
use std::process::ExitCode;

use ketluan::diagnostic::Diagnostic;

use crate::cli::Command;

/// Runs one command to its exit code.
pub(crate) fn run(command: Command) -> ExitCode {
    match command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::New(args) => new::run(args),
        Command::Import(args) => import::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Init(args) => init::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
    }
}

/// Exit code of a run that found problems in the user's files.
const FAILED: u8 = 1;
/// Exit code of a command given options it cannot start with.
const USAGE: u8 = 2;

/// Every problem, then one closing line saying what they meant for the command.
fn print_problems(problems: &[Diagnostic], outcome: &str) {
    for p in problems {
        eprintln!("{}\n", p.render());
    }
    eprintln!("error: {outcome}");
}

/// `--root` must be a folder: checked before anything starts.
fn require_folder(root: &Path) -> Result<(), ExitCode> {
    if root.is_dir() {
        Ok(())
    } else {
        eprintln!("error: --root {}: no such folder", root.display());
        Err(ExitCode::from(USAGE))
    }
}

/// A path as the user reads it, with `/` on every system.
fn shown(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

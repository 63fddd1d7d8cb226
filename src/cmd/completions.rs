//! `ketluan completions`.

use std::process::ExitCode;

use crate::cli::{self, CompletionsArgs};

pub(super) fn run(args: CompletionsArgs) -> ExitCode {
    let mut cmd = cli::command();
    clap_complete::generate(args.shell, &mut cmd, "ketluan", &mut std::io::stdout());
    ExitCode::SUCCESS
}

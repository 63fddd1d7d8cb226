//! `ketluan completions`.

use std::process::ExitCode;

use crate::cli::{Cli, CompletionsArgs};

pub(super) fn run(args: CompletionsArgs) -> ExitCode {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    clap_complete::generate(args.shell, &mut cmd, "ketluan", &mut std::io::stdout());
    ExitCode::SUCCESS
}

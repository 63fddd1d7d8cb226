//! `ketluan man`.

use std::process::ExitCode;

use super::{FAILED, print_error};
use crate::cli::{self, ManArgs};
use ketluan::t;

pub(super) fn run(args: ManArgs) -> ExitCode {
    // clap_mangen names its section after the help's heading of commands; a manual
    // page has its own, SUBCOMMANDS.
    let cmd = cli::command().subcommand_help_heading(None::<&str>);
    let result = match args.dir.as_deref() {
        Some(dir) => std::fs::create_dir_all(dir).and_then(|()| clap_mangen::generate_to(cmd, dir)),
        None => clap_mangen::Man::new(cmd).render(&mut std::io::stdout()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            print_error(&t!("man-failed", reason = e.to_string()));
            ExitCode::from(FAILED)
        }
    }
}

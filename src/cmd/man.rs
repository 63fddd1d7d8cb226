//! `ketluan man`.

use std::process::ExitCode;

use super::FAILED;
use crate::cli::{Cli, ManArgs};

pub(super) fn run(args: ManArgs) -> ExitCode {
    let cmd = <Cli as clap::CommandFactory>::command();
    let result = match args.dir.as_deref() {
        Some(dir) => std::fs::create_dir_all(dir).and_then(|()| clap_mangen::generate_to(cmd, dir)),
        None => clap_mangen::Man::new(cmd).render(&mut std::io::stdout()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write the manual page: {e}");
            ExitCode::from(FAILED)
        }
    }
}

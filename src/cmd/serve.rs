//! `ketluan serve`.

use std::process::ExitCode;

use super::{FAILED, require_folder};
use crate::cli::ServeArgs;

pub(super) fn run(args: ServeArgs) -> ExitCode {
    if let Err(code) = require_folder(&args.root) {
        return code;
    }
    let options = ketluan::serve::Options {
        root: args.root,
        bind: args.bind,
        port: args.port,
        drafts: args.drafts,
        poll: args.poll,
        open: args.open,
        timings: args.timings,
        allow_hosts: args.allow_host,
    };
    match ketluan::serve::run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(FAILED)
        }
    }
}

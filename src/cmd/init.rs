//! `ketluan init`.

use std::process::ExitCode;

use ketluan::{init, t};

use super::{FAILED, print_problems, shown};
use crate::cli::{CiPlatform, InitArgs};

pub(super) fn run(args: InitArgs) -> ExitCode {
    let options = init::Options {
        dir: args.dir,
        title: args.title,
        base_url: args.base_url,
        province: args.province,
        force: args.force,
        ci: args.ci.map(|c| match c {
            CiPlatform::Github => init::Ci::Github,
            CiPlatform::Gitlab => init::Ci::Gitlab,
        }),
    };
    let dir = shown(&options.dir);
    match init::init(&options) {
        Ok(report) => {
            println!("{}", t!("init-done", dir = &dir));
            for f in &report.written {
                println!("  {}", shown(f));
            }
            for f in &report.kept {
                println!("  {}", t!("init-kept", file = shown(f)));
            }
            println!("\n{}", t!("init-next", dir = &dir));
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_problems(&problems, &t!("nothing-written"));
            ExitCode::from(FAILED)
        }
    }
}

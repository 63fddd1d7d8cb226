//! `ketluan init`.

use std::process::ExitCode;

use ketluan::init;

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
            println!("Created a ketluan site in {dir}:");
            for f in &report.written {
                println!("  {}", shown(f));
            }
            for f in &report.kept {
                println!("  {} (exists: kept as it was)", shown(f));
            }
            println!(
                "\nNext (docs/quick-start.md):\n  cd {dir}\n  ketluan serve    # preview, \
                 reloading on every save\n  ketluan check\n  ketluan build"
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_problems(&problems, "nothing was written");
            ExitCode::from(FAILED)
        }
    }
}

//! `ketluan new`.

use std::process::ExitCode;

use ketluan::new;

use super::{FAILED, USAGE, print_error, print_problems, shown};
use crate::cli::NewArgs;
use ketluan::t;

pub(super) fn run(args: NewArgs) -> ExitCode {
    if !args.root.join("site.yaml").is_file() {
        print_error(&t!("root-not-a-site", root = shown(&args.root)));
        return ExitCode::from(USAGE);
    }
    let options = new::Options {
        root: args.root,
        title: args.title,
        province: args.province,
        date: args.date,
        body: args.body,
        chaired_by: args.chaired_by,
        today: jiff::Zoned::now().date(),
    };
    match new::new(&options) {
        Ok(path) => {
            println!("{}", shown(&path));
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_problems(&problems, &t!("nothing-written"));
            ExitCode::from(FAILED)
        }
    }
}

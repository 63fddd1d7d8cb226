//! `ketluan new`.

use std::process::ExitCode;

use ketluan::new;

use super::{FAILED, USAGE, print_problems, shown};
use crate::cli::NewArgs;

pub(super) fn run(args: NewArgs) -> ExitCode {
    if !args.root.join("site.yaml").is_file() {
        eprintln!(
            "error: --root {}: not a ketluan site (no site.yaml)",
            args.root.display()
        );
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
            print_problems(&problems, "nothing was written");
            ExitCode::from(FAILED)
        }
    }
}

//! `ketluan build`.

use std::process::ExitCode;

use ketluan::build::{self, BuildOptions};
use ketluan::t;

use super::{FAILED, print_problems, require_folder};
use crate::cli::BuildArgs;

pub(super) fn run(args: BuildArgs) -> ExitCode {
    if let Err(code) = require_folder(&args.root) {
        return code;
    }
    let options = BuildOptions {
        root: args.root,
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
        force: args.force,
    };
    let result = if args.check_links {
        build::build_checking_links(&options)
    } else {
        build::build(&options)
    };
    match result {
        Ok(report) => {
            println!(
                "{}",
                t!(
                    "build-done",
                    conclusions = report.conclusions,
                    pages = report.pages,
                    files = report.files,
                    ms = report.elapsed.as_millis() as u64,
                    output = build::output_dir(&options).display().to_string()
                )
            );
            if args.timings {
                print_timings(&report.timings);
            }
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_problems(&problems, &t!("build-failed", problems = problems.len()));
            ExitCode::from(FAILED)
        }
    }
}

/// `--timings`: each phase's wall time, and the processor time meanwhile with the
/// cores it kept busy (feeds and data run beside the pages: both count both).
fn print_timings(timings: &ketluan::timings::Timings) {
    println!(
        "  {:<10} {:>9} {:>12} {:>6}",
        t!("timings-phase"),
        t!("timings-wall"),
        t!("timings-processor"),
        t!("timings-cores")
    );
    for p in &timings.phases {
        let wall = p.wall.as_secs_f64() * 1000.0;
        let cpu = p.processor.as_secs_f64() * 1000.0;
        let cores = if wall > 0.0 { cpu / wall } else { 0.0 };
        println!("  {:<10} {wall:>6.1} ms {cpu:>9.1} ms {cores:>6.2}", p.name);
    }
}

//! `ketluan build`.

use std::process::ExitCode;

use ketluan::build::{self, BuildOptions};
use ketluan::text::count;

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
                "Built {}: {}, {} in {} ms → {}",
                count(report.conclusions, "conclusion"),
                count(report.pages, "page"),
                count(report.files, "file"),
                report.elapsed.as_millis(),
                build::output_dir(&options).display()
            );
            if args.timings {
                print_timings(&report.timings);
            }
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_problems(
                &problems,
                &format!(
                    "build failed with {}; the previous output was left untouched",
                    count(problems.len(), "problem")
                ),
            );
            ExitCode::from(FAILED)
        }
    }
}

/// `--timings`: each phase's wall time, and the processor time meanwhile with the
/// cores it kept busy (feeds and data run beside the pages: both count both).
fn print_timings(timings: &ketluan::timings::Timings) {
    println!(
        "  {:<10} {:>9} {:>12} {:>6}",
        "phase", "wall", "processor", "cores"
    );
    for p in &timings.phases {
        let wall = p.wall.as_secs_f64() * 1000.0;
        let cpu = p.processor.as_secs_f64() * 1000.0;
        let cores = if wall > 0.0 { cpu / wall } else { 0.0 };
        println!("  {:<10} {wall:>6.1} ms {cpu:>9.1} ms {cores:>6.2}", p.name);
    }
}

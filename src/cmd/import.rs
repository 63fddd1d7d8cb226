//! `ketluan import`: the batch is run by the library ([`import::batch`]); this prints
//! what it tells as it goes, the summary table, and where the CSV went.

use std::process::ExitCode;

use ketluan::import::{self, batch::Message};
use ketluan::t;

use super::{FAILED, USAGE, print_problems};
use crate::cli::ImportArgs;

pub(super) fn run(args: ImportArgs) -> ExitCode {
    // Writing needs a site, as `new` does; printing does not.
    if !args.stdout && !args.root.join("site.yaml").is_file() {
        eprintln!(
            "error: --root {}: not a ketluan site (no site.yaml)",
            args.root.display()
        );
        return ExitCode::from(USAGE);
    }
    let options = import::batch::Options {
        out: args.out.unwrap_or_else(|| args.root.join("content")),
        to_stdout: args.stdout,
        report: (!args.stdout).then(|| {
            args.report
                .unwrap_or_else(|| args.root.join("import-report.csv"))
        }),
        inputs: args.files,
    };
    let batch = import::batch::run(&options, |message| match message {
        Message::Written(summary) => print!("{summary}"),
        Message::Printed(text, summary) => {
            print!("{text}");
            eprint!("{summary}");
        }
        Message::Duplicate(file, first) => {
            eprintln!("{}\n", t!("import-duplicate", file = file, first = first))
        }
        Message::Problems(problems, shown) if shown.is_empty() => {
            for p in &problems {
                eprintln!("{}\n", p.render());
            }
        }
        Message::Problems(problems, shown) => {
            print_problems(&problems, &(t!("import-not-imported", file = shown) + "\n"))
        }
    });
    if batch.rows.len() > 1 {
        let table = batch.table();
        if options.to_stdout {
            eprint!("\n{table}");
        } else {
            print!("\n{table}");
        }
    }
    if let Some(path) = &options.report {
        match batch.write_csv(path) {
            Ok(()) => println!("{}", t!("import-report-written", file = super::shown(path))),
            Err(d) => eprintln!("{}\n", d.render()),
        }
    }
    if batch.failed > 0 {
        ExitCode::from(FAILED)
    } else {
        ExitCode::SUCCESS
    }
}

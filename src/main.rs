//! The `ketluan` command line. Errors from the library are rendered here, once.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use ketluan::build::{self, BuildOptions};
use ketluan::diagnostic::Diagnostic;

#[derive(Parser)]
#[command(
    name = "ketluan",
    version,
    about = "Publish the conclusions of Vietnamese provincial committees as a static site"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced only when the build succeeds).
    Build {
        /// The site folder (holding site.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: <root>/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Override site.yaml's base_url, e.g. https://portal.example.gov.vn/ket-luan/.
        #[arg(long)]
        base_url: Option<String>,
        /// Include conclusions marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Print how long each phase took.
        #[arg(long)]
        timings: bool,
    },
    /// Build the site into memory and serve it, rebuilding and reloading the open
    /// pages on every change (nothing is written to disk).
    Serve {
        /// The site folder (holding site.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The address to listen on; the default serves this computer only.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// The port; 0 picks a free one.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Include conclusions marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Look for changes every half second instead of being told by the system
        /// (for network shares and virtual machines).
        #[arg(long)]
        poll: bool,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve {
            root,
            bind,
            port,
            drafts,
            poll,
            open,
        } => {
            if !root.is_dir() {
                eprintln!("error: --root {}: no such folder", root.display());
                return ExitCode::from(2);
            }
            let options = ketluan::serve::Options {
                root,
                bind,
                port,
                drafts,
                poll,
                open,
            };
            match ketluan::serve::run(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            timings,
        } => {
            if !root.is_dir() {
                eprintln!("error: --root {}: no such folder", root.display());
                return ExitCode::from(2);
            }
            let options = BuildOptions {
                root,
                output,
                base_url,
                drafts,
            };
            match build::build(&options) {
                Ok(report) => {
                    println!(
                        "Built {} conclusions: {} pages, {} files in {} ms → {}",
                        report.conclusions,
                        report.pages,
                        report.files,
                        report.elapsed.as_millis(),
                        build::output_dir(&options).display()
                    );
                    if timings {
                        for (phase, took) in &report.timings.phases {
                            println!("  {phase:<10} {:>8.1} ms", took.as_secs_f64() * 1000.0);
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(problems) => {
                    report_problems(&problems);
                    ExitCode::from(1)
                }
            }
        }
    }
}

fn report_problems(problems: &[Diagnostic]) {
    for p in problems {
        eprintln!("{}\n", p.render());
    }
    let n = problems.len();
    eprintln!(
        "error: build failed with {n} problem{}; the previous output was left untouched",
        if n == 1 { "" } else { "s" }
    );
}

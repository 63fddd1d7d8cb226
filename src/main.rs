//! The `ketluan` command line. Errors from the library are rendered here, once.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use ketluan::build::{self, BuildOptions};
use ketluan::check;
use ketluan::diagnostic::{self, Diagnostic, Location, Problem, Severity};
use ketluan::draft;
use ketluan::import;
use ketluan::new;

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
        /// Verify every internal link and anchor of the output before writing it.
        #[arg(long)]
        check_links: bool,
    },
    /// Check the whole site without writing anything: errors (what `build` rejects)
    /// and warnings (what is legal but probably wrong).
    Check {
        /// The site folder (holding site.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// `human` (grouped by file, with the line and a fix) or `json` (for CI).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Fail (exit 1) on warnings too.
        #[arg(long)]
        strict: bool,
    },
    /// Write a new conclusion file, content/{date}-{province}-{title}.md, with every
    /// front-matter key (optional ones commented out).
    New {
        /// The conclusion's title.
        title: String,
        /// The province or centrally-run city, e.g. "Hà Tĩnh".
        #[arg(long)]
        province: String,
        /// The meeting's date, YYYY-MM-DD or D/M/YYYY [default: today].
        #[arg(long)]
        date: Option<String>,
        /// The body that concluded, e.g. "Thường trực Tỉnh ủy".
        #[arg(long)]
        body: Option<String>,
        /// Who chaired or concluded.
        #[arg(long)]
        chaired_by: Option<String>,
        /// The site folder (holding site.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Turn raw news articles into conclusion files, marking what to check.
    Import {
        /// Article text files (UTF-8, UTF-16, Windows-1258 or TCVN3).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Where to write the conclusion files.
        #[arg(long, default_value = "content")]
        out: PathBuf,
        /// Print the conclusion files instead of writing them (the summary goes to
        /// stderr).
        #[arg(long)]
        stdout: bool,
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
        /// Print how long each phase of every rebuild took.
        #[arg(long)]
        timings: bool,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Human,
    Json,
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
            timings,
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
                timings,
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
            check_links,
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
            let result = if check_links {
                build::build_checking_links(&options)
            } else {
                build::build(&options)
            };
            match result {
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
        Command::Check {
            root,
            format,
            strict,
        } => run_check(root, format, strict),
        Command::Import { files, out, stdout } => run_import(&files, &out, stdout),
        Command::New {
            title,
            province,
            date,
            body,
            chaired_by,
            root,
        } => {
            if !root.join("site.yaml").is_file() {
                eprintln!(
                    "error: --root {}: not a ketluan site (no site.yaml)",
                    root.display()
                );
                return ExitCode::from(2);
            }
            let options = new::Options {
                root,
                title,
                province,
                date,
                body,
                chaired_by,
                today: jiff::Zoned::now().date(),
            };
            match new::new(&options) {
                Ok(path) => {
                    println!("{}", path.to_string_lossy().replace('\\', "/"));
                    ExitCode::SUCCESS
                }
                Err(problems) => {
                    for p in &problems {
                        eprintln!("{}\n", p.render());
                    }
                    eprintln!("error: nothing was written");
                    ExitCode::from(1)
                }
            }
        }
    }
}

fn run_import(files: &[PathBuf], out: &std::path::Path, to_stdout: bool) -> ExitCode {
    let mut failed = 0;
    for file in files {
        let shown = file.to_string_lossy().replace('\\', "/");
        let result = std::fs::read(file)
            .map_err(|e| {
                vec![Diagnostic::new(
                    Location::file(file),
                    Problem::Unreadable(e.to_string()),
                )]
            })
            .and_then(|bytes| import::import(&bytes, file));
        let imported = match result {
            Ok(i) => i,
            Err(problems) => {
                for p in &problems {
                    eprintln!("{}\n", p.render());
                }
                eprintln!("error: {shown} was not imported\n");
                failed += 1;
                continue;
            }
        };
        let text = imported.draft.to_file();
        if to_stdout {
            print!("{text}");
            eprint!("{}", imported.summary(&shown, "stdout"));
            continue;
        }
        let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned());
        let path = out.join(
            imported
                .draft
                .file_name(stem.as_deref().unwrap_or("ket-luan")),
        );
        let written = path.to_string_lossy().replace('\\', "/");
        match draft::write_new(&path, &text) {
            Ok(_) => print!("{}", imported.summary(&shown, &written)),
            Err(e) => {
                let problem = if e.kind() == std::io::ErrorKind::AlreadyExists {
                    Problem::FileExists
                } else {
                    Problem::Output(e.to_string())
                };
                eprintln!(
                    "{}\n",
                    Diagnostic::new(Location::file(&path), problem).render()
                );
                eprintln!("error: {shown} was not imported\n");
                failed += 1;
            }
        }
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_check(root: PathBuf, format: Format, strict: bool) -> ExitCode {
    if !root.is_dir() {
        eprintln!("error: --root {}: no such folder", root.display());
        return ExitCode::from(2);
    }
    let today = jiff::Zoned::now().date();
    let found = check::check(&check::Options { root, today });
    let report = match format {
        Format::Human => diagnostic::render_report(&found),
        Format::Json => diagnostic::to_json(&found) + "\n",
    };
    // A closed pipe (`| head`) is not an error of the check.
    let _ = std::io::Write::write_all(&mut std::io::stdout(), report.as_bytes());
    let fails = |d: &Diagnostic| strict || d.severity() == Severity::Error;
    if found.iter().any(fails) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
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

//! The `ketluan` command line. Errors from the library are rendered here, once.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use ketluan::build::{self, BuildOptions};
use ketluan::check;
use ketluan::diagnostic::{self, Diagnostic, Location, Problem, Severity};
use ketluan::draft;
use ketluan::import;
use ketluan::init;
use ketluan::new;
use ketluan::text::count;

// mimalloc rather than glibc's malloc: a build allocates and frees many small values
// on every core, and `serve` frees a whole generation of pages on one thread that
// others allocated; glibc's per-thread arenas kept such memory (README, Robustness: soak).
#[global_allocator]
static ALLOCATOR: ketluan::render::budget::Budgeted<mimalloc::MiMalloc> =
    ketluan::render::budget::Budgeted(mimalloc::MiMalloc);

/// mimalloc's defaults favour long-running servers: freed memory is kept for a
/// second and arenas are backed by transparent huge pages. A build frees a good part
/// of what it allocates before it is done, so a short purge delay keeps the peak
/// down, and without huge pages a fresh page costs 4 KiB of zeroing, not 2 MiB:
/// purging at once with huge pages on spent a third of the build's system time
/// refaulting them (README, Performance). 100 ms rather than 10: a page given back
/// is faulted in again by the next page rendered, and on a virtual machine that
/// costs the host's work too; 10,000 conclusions took 75,000 page faults at 10 ms
/// and 54,000 at 100 ms, for 15-20 MB more at the peak (longer delays saved no more).
/// The first arena is reserved before `main`, so huge pages are turned off for the
/// whole process (`PR_SET_THP_DISABLE`, which holds for memory already mapped) rather
/// than by mimalloc's `allow_thp`. Option numbers from the bundled v3 `mimalloc.h`
/// (`mi_option_e`); the `MIMALLOC_*` variables still override them, for measuring.
fn tune_allocator() {
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    for (option, name, value) in [
        (ARENA_EAGER_COMMIT, "MIMALLOC_ARENA_EAGER_COMMIT", 0),
        (PURGE_DELAY, "MIMALLOC_PURGE_DELAY", 100),
    ] {
        if std::env::var_os(name).is_none() {
            // SAFETY: setting an option is thread-safe and takes any value.
            unsafe { libmimalloc_sys::mi_option_set(option, value) };
        }
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        // Only a cost if it fails (an old kernel): the build is then slower, not wrong.
        let _ = rustix::thread::disable_transparent_huge_pages(true);
    }
}

/// `0.1.0 (commit 1a2b3c4)`: the commit comes from build.rs.
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("KETLUAN_COMMIT"),
    ")"
);

#[derive(Parser)]
#[command(
    name = "ketluan",
    version = VERSION,
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
        /// Print how long each phase took, and how many cores it kept busy.
        #[arg(long)]
        timings: bool,
        /// Replace an --output folder that ketluan did not write (its files are
        /// deleted). `/`, the home folder and the site itself are refused anyway.
        #[arg(long)]
        force: bool,
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
        /// `human` (grouped by file, with the line and a fix), `json` (for tools),
        /// `github` (GitHub Actions annotations) or `gitlab` (a GitLab Code Quality
        /// report).
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
        /// Also answer requests for this host name (repeatable); IP addresses and
        /// localhost are always answered.
        #[arg(long = "allow-host", value_name = "NAME")]
        allow_host: Vec<String>,
    },
    /// Create a new site: site.yaml (every key documented), an example conclusion,
    /// templates/README.md, .gitignore and, with --ci, a CI definition.
    Init {
        /// The new site's folder (created if needed; must be empty without --force).
        dir: PathBuf,
        /// The site's title [default: from the province, "Kết luận của Tỉnh ủy, UBND
        /// tỉnh …"].
        #[arg(long)]
        title: Option<String>,
        /// Where the site will live, e.g. https://portal.example.gov.vn/ket-luan/
        /// [default: http://localhost/].
        #[arg(long)]
        base_url: Option<String>,
        /// The province or centrally-run city of the example conclusion and the
        /// default title [default: Hà Nội].
        #[arg(long)]
        province: Option<String>,
        /// Write into a folder that is not empty; files of the same name are kept.
        #[arg(long)]
        force: bool,
        /// Also write a CI definition: .github/workflows/ketluan.yml or .gitlab-ci.yml.
        #[arg(long, value_enum)]
        ci: Option<CiPlatform>,
    },
    /// Print a shell completion script (see docs/install.md for where to put it).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) of ketluan, or write one page per command into
    /// a folder.
    Man {
        /// Write ketluan.1, ketluan-build.1… into this folder instead.
        #[arg(long)]
        dir: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum CiPlatform {
    Github,
    Gitlab,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Human,
    Json,
    Github,
    Gitlab,
}

/// Let a closed standard output end the program quietly, as it ends `cat` or `grep`
/// (`ketluan build --timings | head -1`): Rust ignores `SIGPIPE`, so `println!`
/// would panic instead. Not for `serve`, whose sockets rely on the error: a browser
/// closing a connection must not stop the server.
fn die_quietly_on_closed_output() {
    #[cfg(unix)]
    // SAFETY: called first thing in `main`, before any other thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// A panic is a bug in ketluan, never the user's input: say so, where, and that the
/// output is safe, instead of Rust's bare `thread 'main' panicked`. Release builds
/// then abort (Cargo.toml); `RUST_BACKTRACE=1` adds the backtrace.
fn report_bugs_plainly() {
    std::panic::set_hook(Box::new(|info| {
        let what = info.payload_as_str().unwrap_or("(no message)");
        let place = info
            .location()
            .map(|l| format!(" at {}:{}:{}", l.file(), l.line(), l.column()))
            .unwrap_or_default();
        eprintln!(
            "error: ketluan stopped on an internal error{place}: {what}\n\
             This is a bug in ketluan, not a problem in your files; a build leaves the \
             last good site in its output folder.\n\
             Please report it with the command you ran and `ketluan --version` ({VERSION})."
        );
        let trace = std::backtrace::Backtrace::capture();
        if trace.status() == std::backtrace::BacktraceStatus::Captured {
            eprintln!("{trace}");
        }
    }));
    // Lets a test see the message without a bug to find (debug builds only).
    #[cfg(debug_assertions)]
    if std::env::var_os("KETLUAN_TEST_PANIC").is_some() {
        panic!("KETLUAN_TEST_PANIC is set");
    }
}

fn main() -> ExitCode {
    tune_allocator();
    report_bugs_plainly();
    let cli = Cli::parse();
    if !matches!(cli.command, Command::Serve { .. }) {
        die_quietly_on_closed_output();
    }
    match cli.command {
        Command::Serve {
            root,
            bind,
            port,
            drafts,
            poll,
            open,
            timings,
            allow_host,
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
                allow_hosts: allow_host,
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
            force,
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
                force,
            };
            let result = if check_links {
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
                    if timings {
                        print_timings(&report.timings);
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
        Command::Init {
            dir,
            title,
            base_url,
            province,
            force,
            ci,
        } => run_init(init::Options {
            dir,
            title,
            base_url,
            province,
            force,
            ci: ci.map(|c| match c {
                CiPlatform::Github => init::Ci::Github,
                CiPlatform::Gitlab => init::Ci::Gitlab,
            }),
        }),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "ketluan", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Man { dir } => run_man(dir.as_deref()),
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
                    Problem::output(&e)
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
    let found = check::check(&check::Options {
        root: root.clone(),
        today,
    });
    let report = match format {
        Format::Human => diagnostic::render_report(&found),
        Format::Json => diagnostic::to_json(&found) + "\n",
        Format::Github => diagnostic::to_github(&found, &from_here(&root)),
        Format::Gitlab => diagnostic::to_gitlab(&found, &from_here(&root)),
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

/// The site root as a path from the current folder, where CI runs: annotations
/// name files from the repository's top.
fn from_here(root: &std::path::Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|here| root.strip_prefix(here).ok().map(PathBuf::from))
        .unwrap_or_else(|| root.to_path_buf())
}

fn run_init(options: init::Options) -> ExitCode {
    let dir = options.dir.to_string_lossy().replace('\\', "/");
    match init::init(&options) {
        Ok(report) => {
            println!("Created a ketluan site in {dir}:");
            for f in &report.written {
                println!("  {}", f.to_string_lossy().replace('\\', "/"));
            }
            for f in &report.kept {
                println!(
                    "  {} (exists: kept as it was)",
                    f.to_string_lossy().replace('\\', "/")
                );
            }
            println!(
                "\nNext (docs/quick-start.md):\n  cd {dir}\n  ketluan serve    # preview, \
                 reloading on every save\n  ketluan check\n  ketluan build"
            );
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

fn run_man(dir: Option<&std::path::Path>) -> ExitCode {
    let cmd = <Cli as clap::CommandFactory>::command();
    let result = match dir {
        Some(dir) => std::fs::create_dir_all(dir).and_then(|()| clap_mangen::generate_to(cmd, dir)),
        None => clap_mangen::Man::new(cmd).render(&mut std::io::stdout()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write the manual page: {e}");
            ExitCode::from(1)
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

fn report_problems(problems: &[Diagnostic]) {
    for p in problems {
        eprintln!("{}\n", p.render());
    }
    eprintln!(
        "error: build failed with {}; the previous output was left untouched",
        count(problems.len(), "problem")
    );
}

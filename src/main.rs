//! The `ketluan` command line: parse, run the command, exit with its code. The
//! commands live in [`cmd`]; errors from the library are rendered there, once.

mod cli;
mod cmd;

use std::process::ExitCode;

use clap::FromArgMatches;

use cli::{Cli, Command, VERSION};
use ketluan::t;

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
            .map(|l| {
                let place = format!("{}:{}:{}", l.file(), l.line(), l.column());
                t!("bug-place", place = place)
            })
            .unwrap_or_default();
        let message = t!("bug", place = place, what = what, version = VERSION);
        eprintln!("{}", t!("error-prefix", message = message));
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
    // The child that reads a PDF for `import` (see ketluan::import), before anything.
    if let Some(code) = ketluan::import::pdf_child_main() {
        return ExitCode::from(u8::try_from(code).unwrap_or(2));
    }
    tune_allocator();
    report_bugs_plainly();
    // Restored when main returns, so every path returns rather than exits.
    let _console = ketluan::console::Utf8Output::set();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    ketluan::i18n::set(cli::choose_language(&args));
    let parsed = cli::command()
        .try_get_matches_from(args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            match cli::error_text(&e) {
                Some(text) => eprint!("{text}"),
                None => {
                    let _ = e.print();
                }
            }
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    if !matches!(cli.command, Command::Serve(_)) {
        die_quietly_on_closed_output();
    }
    cmd::run(cli.command)
}

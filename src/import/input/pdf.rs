//! A PDF with a text layer, read with `pdf-extract`. A PDF parser can be led to
//! loop, exhaust memory or panic by a damaged or hostile file (and release builds
//! abort on a panic), so the text is extracted in a child process of this same
//! program, with a time limit and, on Unix, a memory limit; the importer only reads
//! what it prints. A PDF without text (a scan) is refused with what to do.

use crate::t;
use std::io::{Read as _, Write as _};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::InputError;

/// Set in the child's environment: extract the PDF on standard input and exit.
const CHILD_ENV: &str = "KETLUAN_EXTRACT_PDF";

/// How long one PDF may take to read.
const TIME_LIMIT: Duration = Duration::from_secs(30);

/// The child's address space (Unix): a PDF of an article never needs more.
#[cfg(unix)]
const MEMORY_LIMIT: u64 = 2 << 30;

/// Text the child may print: more is not an article.
const MAX_TEXT_BYTES: u64 = 16 << 20;

/// Letters below which a PDF is taken for a scan without a text layer.
const MIN_LETTERS: usize = 40;

const FIX: &str = "part-pdf-fix";

pub(super) fn text(bytes: &[u8]) -> Result<String, InputError> {
    let raw = extract(bytes)?;
    let letters = raw.chars().filter(|c| c.is_alphabetic()).count();
    if letters < MIN_LETTERS {
        return Err(InputError::refused(
            t!("import-pdf-no-text"),
            "part-pdf-ocr",
        ));
    }
    Ok(tidy(&raw))
}

/// The text layer as paragraphs: page breaks and runs of blank lines made one blank
/// line, runs of spaces (justified text) one space, and a line that goes on (no
/// final stop, the next starting in lower case or after a comma) joined to the next.
fn tidy(raw: &str) -> String {
    let lines: Vec<String> = raw
        .replace('\u{c}', "\n")
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let mut out = String::with_capacity(raw.len());
    let mut blank = false;
    for line in lines {
        if line.is_empty() {
            blank = true;
            continue;
        }
        let prev = out.trim_end_matches('\n');
        let goes_on = !prev.is_empty()
            && !prev.ends_with(['.', ':', ';', '!', '?', '…'])
            && prev.lines().last().is_some_and(|l| l.chars().count() >= 40)
            && (line.starts_with(char::is_lowercase) || prev.ends_with(','));
        if goes_on {
            out.truncate(prev.len());
            out.push(' ');
        } else if blank && !out.is_empty() {
            out.push('\n');
        }
        blank = false;
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn extract(bytes: &[u8]) -> Result<String, InputError> {
    let exe = std::env::current_exe().map_err(|e| damaged(&e.to_string()))?;
    // Only ketluan answers the child's call; a test harness or another program using
    // the library extracts in its own process.
    let ours = exe
        .file_stem()
        .is_some_and(|s| s.eq_ignore_ascii_case("ketluan"));
    if cfg!(test) || !ours {
        return pdf_extract::extract_text_from_mem(bytes).map_err(|e| damaged(&e.to_string()));
    }
    let mut command = Command::new(exe);
    command
        .env(CHILD_ENV, "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    limit_memory(&mut command);
    let mut child = command.spawn().map_err(|e| damaged(&e.to_string()))?;
    let mut stdin = child.stdin.take();
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || {
        if let Some(s) = stdin.as_mut() {
            // The child may stop reading early; its exit status tells why.
            let _ = s.write_all(&input);
        }
    });
    let mut stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut text = Vec::new();
        if let Some(out) = stdout.as_mut() {
            let _ = out.take(MAX_TEXT_BYTES).read_to_end(&mut text);
        }
        text
    });
    let mut stderr = child.stderr.take();
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(err) = stderr.as_mut() {
            let _ = err.take(4096).read_to_string(&mut text);
        }
        text
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if start.elapsed() > TIME_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(_) => break None,
        }
    };
    let _ = writer.join();
    let text = reader.join().unwrap_or_default();
    let why = errors.join().unwrap_or_default();
    match status {
        Some(s) if s.success() => Ok(String::from_utf8_lossy(&text).into_owned()),
        Some(_) => Err(damaged(why.lines().next().unwrap_or("?"))),
        None => Err(InputError::refused(
            t!("import-pdf-slow", seconds = TIME_LIMIT.as_secs()),
            FIX,
        )),
    }
}

fn damaged(why: &str) -> InputError {
    InputError::refused(t!("import-pdf-damaged", error = why), FIX)
}

#[cfg(unix)]
fn limit_memory(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    let limit = libc::rlimit {
        rlim_cur: MEMORY_LIMIT as libc::rlim_t,
        rlim_max: MEMORY_LIMIT as libc::rlim_t,
    };
    // SAFETY: setrlimit is async-signal-safe and touches no memory of the parent.
    unsafe {
        command.pre_exec(move || {
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn limit_memory(_: &mut Command) {}

/// In the child (`KETLUAN_EXTRACT_PDF` set): extract the PDF read on standard input,
/// print its text and return the exit code; `None` in any other process.
pub fn child_main() -> Option<i32> {
    std::env::var_os(CHILD_ENV)?;
    let mut bytes = Vec::new();
    if std::io::stdin()
        .take(super::MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .is_err()
    {
        return Some(2);
    }
    match pdf_extract::extract_text_from_mem(&bytes) {
        Ok(text) => {
            let mut out = std::io::stdout().lock();
            Some(if out.write_all(text.as_bytes()).is_ok() {
                0
            } else {
                2
            })
        }
        Err(e) => {
            eprintln!("{e}");
            Some(2)
        }
    }
}

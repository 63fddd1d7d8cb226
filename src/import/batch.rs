//! `ketluan import DIR|FILE…`: many articles at once. Folders are walked for the
//! kinds of files `import` reads; each file is imported and written under `--out`;
//! the same article met twice (the same text once normalised, whatever the file's
//! kind or encoding) is reported and skipped; a progress bar shows on a terminal; and
//! one summary table (file → date, province, body, chair, documents, what to check)
//! ends the run and is written as CSV.

use crate::t;
use std::collections::HashMap;
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use super::{Imported, import};
use crate::diagnostic::{Diagnostic, Location, Problem};
use crate::draft;

/// Extensions a walked folder's files are imported for (a file named on the command
/// line is always tried: its kind is told from its content).
const EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "docx", "pdf",
];

/// What `ketluan import` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    pub inputs: Vec<PathBuf>,
    /// Where conclusion files go.
    pub out: PathBuf,
    /// Print the files instead of writing them (summaries on stderr).
    pub to_stdout: bool,
    /// Where the CSV summary goes; `None`: not written.
    pub report: Option<PathBuf>,
}

/// What became of one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Written(String),
    Printed,
    /// The same article as an earlier input (shown as given).
    Duplicate(String),
    Failed,
}

/// One line of the summary.
#[derive(Debug, Clone)]
pub struct Row {
    pub file: String,
    pub outcome: Outcome,
    pub date: String,
    pub province: String,
    pub body: String,
    pub chair: String,
    pub documents: usize,
    /// Fields marked `# kiểm tra lại`.
    pub flags: Vec<&'static str>,
}

/// The run: its rows, and how many inputs failed.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    pub rows: Vec<Row>,
    pub failed: usize,
}

/// The files the inputs name: files as given, folders walked (sorted, hidden
/// entries skipped) for the kinds `import` reads. A missing input is an error.
pub fn files(inputs: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let walk = walkdir::WalkDir::new(input)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                });
            for entry in walk {
                match entry {
                    Ok(e) if e.file_type().is_file() => {
                        let ext = e
                            .path()
                            .extension()
                            .map(|x| x.to_string_lossy().to_lowercase())
                            .unwrap_or_default();
                        if EXTENSIONS.contains(&ext.as_str()) {
                            files.push(e.into_path());
                        }
                    }
                    Ok(_) => {}
                    Err(e) => problems.push(Diagnostic::new(
                        Location::file(e.path().unwrap_or(input)),
                        Problem::Unreadable(e.to_string()),
                    )),
                }
            }
        } else {
            files.push(input.clone());
        }
    }
    (files, problems)
}

/// Import every file; `report` receives each file's summary or problems as they come.
pub fn run(options: &Options, mut report: impl FnMut(Message)) -> Batch {
    let (files, problems) = files(&options.inputs);
    let mut batch = Batch::default();
    for p in problems {
        report(Message::Problems(vec![p], String::new()));
        batch.failed += 1;
    }
    let bar = progress(files.len());
    // Normalised text → the input it was first read from.
    let mut seen: HashMap<u64, String> = HashMap::new();
    for file in &files {
        let shown = file.to_string_lossy().replace('\\', "/");
        bar.set_message(shown.clone());
        let result = std::fs::read(file)
            .map_err(|e| {
                vec![Diagnostic::new(
                    Location::file(file),
                    Problem::Unreadable(e.to_string()),
                )]
            })
            .and_then(|bytes| import(&bytes, file));
        bar.inc(1);
        let imported = match result {
            Ok(i) => i,
            Err(problems) => {
                bar.suspend(|| report(Message::Problems(problems, shown.clone())));
                batch.rows.push(row(&shown, None, Outcome::Failed));
                batch.failed += 1;
                continue;
            }
        };
        let key = fingerprint(&imported);
        if let Some(first) = seen.get(&key) {
            let first = first.clone();
            bar.suspend(|| report(Message::Duplicate(shown.clone(), first.clone())));
            batch
                .rows
                .push(row(&shown, Some(&imported), Outcome::Duplicate(first)));
            continue;
        }
        seen.insert(key, shown.clone());
        let text = imported.draft.to_file();
        if options.to_stdout {
            bar.suspend(|| report(Message::Printed(text, imported.summary(&shown, "stdout"))));
            batch
                .rows
                .push(row(&shown, Some(&imported), Outcome::Printed));
            continue;
        }
        let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned());
        let path = options.out.join(
            imported
                .draft
                .file_name(stem.as_deref().unwrap_or("ket-luan")),
        );
        let written = path.to_string_lossy().replace('\\', "/");
        match draft::write_new(&path, &text) {
            Ok(_) => {
                bar.suspend(|| report(Message::Written(imported.summary(&shown, &written))));
                batch
                    .rows
                    .push(row(&shown, Some(&imported), Outcome::Written(written)));
            }
            Err(e) => {
                let problem = if e.kind() == std::io::ErrorKind::AlreadyExists {
                    Problem::FileExists
                } else {
                    Problem::output(&e)
                };
                let d = Diagnostic::new(Location::file(&path), problem);
                bar.suspend(|| report(Message::Problems(vec![d], shown.clone())));
                batch
                    .rows
                    .push(row(&shown, Some(&imported), Outcome::Failed));
                batch.failed += 1;
            }
        }
    }
    bar.finish_and_clear();
    batch
}

/// What the run tells as it goes.
#[derive(Debug, Clone)]
pub enum Message {
    /// The file was written: its summary.
    Written(String),
    /// `--stdout`: the file's text and its summary.
    Printed(String, String),
    /// The input (second) is the same article as an earlier one (first).
    Duplicate(String, String),
    /// The input was not imported (the input as shown; empty for a folder problem).
    Problems(Vec<Diagnostic>, String),
}

/// A bar on standard error when it is a terminal, nothing otherwise.
fn progress(len: usize) -> indicatif::ProgressBar {
    if len < 2 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}") {
        bar.set_style(style);
    }
    bar
}

/// The article's text once normalised (case, tone placement, spacing, punctuation),
/// title and body: the same article from a page, a Word file or a pasted text.
fn fingerprint(imported: &Imported) -> u64 {
    let text = format!(
        "{}\n{}",
        imported.draft.title.value.as_deref().unwrap_or(""),
        imported.draft.markdown
    );
    let key: String = super::text::key_of(&text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    xxhash_rust::xxh3::xxh3_64(key.as_bytes())
}

fn row(file: &str, imported: Option<&Imported>, outcome: Outcome) -> Row {
    let find = |name: &str| {
        imported
            .and_then(|i| i.findings.iter().find(|(n, ..)| *n == name))
            .map(|(_, _, v, _)| v.clone())
            .unwrap_or_default()
    };
    Row {
        file: file.to_string(),
        outcome,
        date: find("date"),
        province: find("province"),
        body: find("body"),
        chair: find("chaired_by"),
        documents: imported.map_or(0, |i| i.draft.resolutions.len()),
        flags: imported.map_or(Vec::new(), |i| {
            i.findings
                .iter()
                .filter(|(_, s, ..)| *s != super::fields::Sureness::Found)
                .map(|(n, ..)| *n)
                .collect()
        }),
    }
}

impl Outcome {
    fn label(&self) -> String {
        match self {
            Outcome::Written(_) => t!("import-outcome-written"),
            Outcome::Printed => t!("import-outcome-printed"),
            Outcome::Duplicate(first) => t!("import-outcome-duplicate", first = first),
            Outcome::Failed => t!("import-outcome-failed"),
        }
    }
}

/// The summary's column headers, in the current language (the CSV's too: it is
/// read by people in a spreadsheet; the columns keep their order).
fn headers() -> [String; 8] {
    [
        t!("import-column-file"),
        t!("import-column-date"),
        t!("import-column-province"),
        t!("import-column-body"),
        t!("import-column-chair"),
        t!("import-column-documents"),
        t!("import-column-to-check"),
        t!("import-column-result"),
    ]
}
impl Batch {
    fn cells(row: &Row) -> [String; 8] {
        [
            row.file.clone(),
            row.date.clone(),
            row.province.clone(),
            row.body.clone(),
            row.chair.clone(),
            row.documents.to_string(),
            row.flags.join(" "),
            row.outcome.label(),
        ]
    }

    /// The summary as a table for the terminal (long cells cut with `…`).
    pub fn table(&self) -> String {
        const MAX: usize = 36;
        let cut = |s: &str| {
            if s.chars().count() > MAX {
                let mut t: String = s.chars().take(MAX - 1).collect();
                t.push('…');
                t
            } else {
                s.to_string()
            }
        };
        // A path keeps its end, where the file's name is.
        let cut_left = |s: &str| {
            let n = s.chars().count();
            if n > MAX {
                let mut t = String::from("…");
                t.extend(s.chars().skip(n - (MAX - 1)));
                t
            } else {
                s.to_string()
            }
        };
        let rows: Vec<[String; 8]> = self
            .rows
            .iter()
            .map(|r| {
                let mut cells = Self::cells(r).map(|c| cut(&c));
                cells[0] = cut_left(&r.file);
                cells
            })
            .collect();
        let headers = headers();
        let mut widths = headers.clone().map(|h| h.chars().count());
        for r in &rows {
            for (w, c) in widths.iter_mut().zip(r) {
                *w = (*w).max(c.chars().count());
            }
        }
        let line = |cells: &[String]| {
            let mut s = String::new();
            for (i, (c, w)) in cells.iter().zip(widths).enumerate() {
                s.push_str(c);
                if i + 1 < cells.len() {
                    s.push_str(&" ".repeat(w - c.chars().count() + 2));
                }
            }
            s.trim_end().to_string() + "\n"
        };
        let mut out = line(&headers);
        for r in &rows {
            out.push_str(&line(r));
        }
        out
    }

    /// The summary as CSV (RFC 4180), every cell whole.
    pub fn csv(&self) -> Result<Vec<u8>, csv::Error> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(headers())?;
        for r in &self.rows {
            w.write_record(Self::cells(r))?;
        }
        w.into_inner().map_err(|e| e.into_error().into())
    }

    /// Write the CSV summary to `path`.
    pub fn write_csv(&self, path: &Path) -> Result<(), Diagnostic> {
        let bytes = self.csv().map_err(|e| {
            Diagnostic::new(Location::file(path), Problem::Unreadable(e.to_string()))
        })?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| Diagnostic::new(Location::file(path), Problem::output(&e)))?;
        }
        std::fs::write(path, bytes)
            .map_err(|e| Diagnostic::new(Location::file(path), Problem::output(&e)))
    }
}

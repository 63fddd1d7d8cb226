//! `ketluan new`: a new conclusion file with every front-matter key, validated by the
//! load stage's own parser before it is written.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::diagnostic::{Diagnostic, Location, Problem};
use crate::draft::{self, Draft, Value};
use crate::load::{self, conclusion};
use crate::model::{date, province};

/// What `ketluan new` was asked to write.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub title: String,
    pub province: String,
    /// As written (`2024-05-01` or `1/5/2024`); today when absent.
    pub date: Option<String>,
    pub body: Option<String>,
    pub chaired_by: Option<String>,
    pub today: Date,
}

/// The command-line argument each front-matter key of the draft comes from: its
/// problems are the values', and the file was never written.
const ARGUMENTS: &[(&str, &str)] = &[
    ("title", "<TITLE>"),
    ("date", "--date"),
    ("province", "--province"),
    ("body", "--body"),
    ("chaired_by", "--chaired-by"),
];

/// Write the file and return its path, or every problem with the given values, each
/// reported at its option.
pub fn new(options: &Options) -> Result<PathBuf, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    // An invalid date is reported, and the other values are still checked.
    let date = match options.date.as_deref() {
        None => options.today,
        Some(raw) => date::parse(raw).unwrap_or_else(|reason| {
            let value = raw.to_string();
            let problem = Problem::InvalidDate { value, reason };
            problems.push(Diagnostic::new(Location::file("--date"), problem));
            options.today
        }),
    };
    let clean = |s: &Option<String>| {
        s.as_deref()
            .map(|s| crate::text::nfc(s.trim()))
            .filter(|s| !s.is_empty())
    };
    let draft = Draft {
        title: Value::sure(crate::text::nfc(options.title.trim())),
        date: Value::sure(date.to_string()),
        // The official short name when the name resolves; as written otherwise, for
        // the parser to report with suggestions.
        province: Value::sure(match province::resolve(&options.province, date) {
            Ok(p) => p.name.to_string(),
            Err(_) => crate::text::nfc(options.province.trim()),
        }),
        body: Value::optional(clean(&options.body)),
        chaired_by: Value::optional(clean(&options.chaired_by)),
        ..Draft::default()
    };
    let rel = Path::new(load::CONTENT_DIR).join(draft.file_name("ket-luan"));
    let path = options.root.join(&rel);
    let text = draft.to_file();
    // The load stage's own parser: what `new` writes, `build` accepts.
    let dir = path.parent().unwrap_or(&options.root);
    if let Err(found) = conclusion::parse(&rel, dir, &text) {
        problems.extend(found.into_iter().map(|d| at_argument(d, &text)));
    }
    if !problems.is_empty() {
        problems.dedup();
        return Err(problems);
    }
    if path.exists() {
        return Err(vec![Diagnostic::new(
            Location::file(&rel),
            Problem::FileExists,
        )]);
    }
    draft::write_new(&path, &text)
        .map_err(|e| vec![Diagnostic::new(Location::file(&rel), Problem::output(&e))])?;
    Ok(rel)
}

/// A problem of the draft `text`, placed at the argument whose value is on its line,
/// with a help about that value rather than the front matter. A problem on no
/// argument's line is left where it is.
fn at_argument(d: Diagnostic, text: &str) -> Diagnostic {
    let key = d
        .source_line
        .as_deref()
        .or_else(|| text.lines().nth(d.location.line.checked_sub(1)?))
        .and_then(|line| line.split_once(':'))
        .map(|(key, _)| key);
    let Some(&(key, argument)) = ARGUMENTS.iter().find(|(k, _)| Some(*k) == key) else {
        return d;
    };
    let problem = match *d.problem {
        // The value was empty (the draft writes every key it was given).
        Problem::MissingKey { .. } | Problem::EmptyValue(_) => Problem::InvalidValue {
            key,
            value: String::new(),
            expected: "expected-nonempty",
        },
        Problem::Classified { reason, .. } => Problem::Classified {
            reason,
            fix: "part-classified-leave-mark",
        },
        other => other,
    };
    Diagnostic::new(Location::file(argument), problem)
}

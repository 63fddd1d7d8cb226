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

/// Write the file and return its path, or every problem with the given values.
pub fn new(options: &Options) -> Result<PathBuf, Vec<Diagnostic>> {
    let date = match options.date.as_deref() {
        None => options.today,
        Some(raw) => date::parse(raw).map_err(|reason| {
            vec![Diagnostic::new(
                Location::file("--date"),
                Problem::InvalidDate {
                    value: raw.to_string(),
                    reason,
                },
            )]
        })?,
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
    conclusion::parse(&rel, dir, &text)?;
    if path.exists() {
        return Err(vec![Diagnostic::new(
            Location::file(&rel),
            Problem::FileExists,
        )]);
    }
    draft::write_new(&path, &text).map_err(|e| {
        vec![Diagnostic::new(
            Location::file(&rel),
            Problem::Output(e.to_string()),
        )]
    })?;
    Ok(rel)
}

//! The optional document registry, `content/_documents.yaml`: what an editor states
//! about documents (official title, issue date, issuer, link to the full text).
//!
//! ```yaml
//! - number: 05-NQ/TU
//!   province: Hà Tĩnh        # needed for a provincial issuer's number
//!   date: 22/10/2021         # issue date
//!   title: "Về tập trung lãnh đạo, chỉ đạo chuyển đổi số…"
//!   issuer: Ban Chấp hành Đảng bộ tỉnh Hà Tĩnh
//!   url: https://…
//! ```

use std::path::Path;

use jiff::civil::Date;
use serde::Deserialize;

use super::yaml;
use crate::diagnostic::{Diagnostic, Location, Problem};
use crate::model::document::{RegistryEntry, Scope};
use crate::model::{DocumentNumber, date, province};
use crate::text;
use crate::text::source;

pub const FILE: &str = "content/_documents.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    number: String,
    province: Option<String>,
    date: Option<String>,
    title: Option<String>,
    issuer: Option<String>,
    url: Option<String>,
}

/// Read the registry if there is one; every problem in it is reported.
pub fn load(root: &Path) -> Result<Vec<RegistryEntry>, Vec<Diagnostic>> {
    let path = root.join(FILE);
    let file = Path::new(FILE);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(vec![Diagnostic::new(
                Location::file(file),
                Problem::Unreadable(e.to_string()),
            )]);
        }
    };
    let text = source::decode(bytes).map_err(|e| {
        vec![Diagnostic::new(
            Location::at(file, e.line, e.column),
            Problem::NotUtf8,
        )]
    })?;
    let raw: Vec<Raw> = match yaml::parse_as::<Option<Vec<Raw>>>(&text, 1) {
        Ok(r) => r.unwrap_or_default(),
        Err(e) => {
            return Err(vec![
                Diagnostic::new(Location::at(file, e.line, e.column), e.problem).with_source(&text),
            ]);
        }
    };
    let mut entries = Vec::with_capacity(raw.len());
    let mut problems = Vec::new();
    let mut report = |needle: &str, problem: Problem| {
        let (line, column) = locate(&text, needle);
        problems
            .push(Diagnostic::new(Location::at(file, line, column), problem).with_source(&text));
    };
    // Entries are in file order: each number is looked for after the previous one.
    let mut cursor = 0;
    for r in raw {
        let position = match text[cursor..].find(r.number.as_str()) {
            Some(b) => {
                let at = line_column(&text, cursor + b);
                cursor += b + r.number.len();
                at
            }
            None => locate(&text, &r.number),
        };
        let number = match DocumentNumber::parse(&r.number) {
            Ok(n) => n,
            Err(e) => {
                report(&r.number, Problem::DocumentNumber(e));
                continue;
            }
        };
        let issued = match r.date.as_deref().map(date::parse) {
            Some(Ok(d)) => Some(d),
            Some(Err(reason)) => {
                let value = r.date.clone().unwrap_or_default();
                report(
                    &value,
                    Problem::InvalidDate {
                        value: value.clone(),
                        reason,
                    },
                );
                continue;
            }
            None => None,
        };
        let scope = if number.is_national() {
            Scope::National
        } else {
            let Some(name) = r.province.as_deref() else {
                report(&r.number, Problem::MissingKey("province"));
                continue;
            };
            match province::resolve(name, issued.unwrap_or(Date::constant(2025, 7, 1))) {
                Ok(p) => Scope::of(&number, p),
                Err(e) => {
                    report(
                        name,
                        Problem::UnknownProvince {
                            name: name.to_string(),
                            suggestions: e.suggestions,
                        },
                    );
                    continue;
                }
            }
        };
        let clean = |s: Option<String>| s.map(|s| text::nfc(s.trim())).filter(|s| !s.is_empty());
        entries.push(RegistryEntry {
            number,
            scope,
            issued,
            title: clean(r.title),
            issuer: clean(r.issuer),
            link: clean(r.url),
            position,
        });
    }
    if problems.is_empty() {
        Ok(entries)
    } else {
        Err(problems)
    }
}

/// Line and column of the first occurrence of `needle` (1-based), or the top.
fn locate(text: &str, needle: &str) -> (usize, usize) {
    text.find(needle)
        .map_or((1, 1), |byte| line_column(text, byte))
}

/// Line and column (1-based, in characters) of a byte offset.
fn line_column(text: &str, byte: usize) -> (usize, usize) {
    let before = &text[..byte];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

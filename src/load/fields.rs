//! Typed reading of YAML [`Fields`] that collects every problem instead of stopping
//! at the first, so an editor sees all mistakes of a file in one run.

use std::path::Path;

use serde_json::Value;

use super::yaml::{Field, Fields};
use crate::diagnostic::{Diagnostic, Location, Problem};
use crate::text;

pub(crate) struct FieldReader<'a> {
    pub fields: &'a Fields,
    file: &'a Path,
    text: &'a str,
    /// Where a missing key is reported: set for a list entry (its `-`); otherwise
    /// the line above the first key, the front matter's `---`.
    missing_at: Option<(usize, usize)>,
    /// Where the keys are written, for the help of a missing one: "the front matter".
    within: &'static str,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> FieldReader<'a> {
    /// Reports unknown keys right away (with the nearest known key as a hint).
    /// `within` names where the keys are written ("the front matter", "site.yaml").
    pub(crate) fn new(
        fields: &'a Fields,
        file: &'a Path,
        text: &'a str,
        known: &'static [&'static str],
        within: &'static str,
    ) -> Self {
        let mut reader = Self {
            fields,
            file,
            text,
            missing_at: None,
            within,
            diagnostics: Vec::new(),
        };
        for field in &fields.fields {
            if !known.contains(&field.key.as_str()) {
                let suggestion = nearest(&field.key, known.iter().copied()).map(str::to_string);
                reader.report_at(
                    field.line,
                    field.column,
                    Problem::UnknownKey {
                        key: field.key.clone(),
                        suggestion,
                        known,
                    },
                );
            }
        }
        reader
    }

    /// Report missing keys at `line` and `column`.
    pub(crate) fn missing_at(mut self, line: usize, column: usize) -> Self {
        self.missing_at = Some((line, column));
        self
    }

    /// Report that the required `key` is absent.
    pub(crate) fn report_missing(&mut self, key: &'static str) {
        let first = self.fields.fields.first().map_or(1, |f| f.line);
        let (line, column) = self
            .missing_at
            .unwrap_or((first.saturating_sub(1).max(1), 1));
        let within = self.within;
        self.report_at(line, column, Problem::MissingKey { key, within });
    }

    pub(crate) fn report_at(&mut self, line: usize, column: usize, problem: Problem) {
        let d = Diagnostic::new(Location::at(self.file, line, column), problem);
        self.diagnostics.push(d.with_source(self.text));
    }

    /// Report a problem at the value of `field`.
    pub(crate) fn report(&mut self, field: &Field, problem: Problem) {
        let (line, column) = field.value_position(self.text);
        self.report_at(line, column, problem);
    }

    /// Report a problem about one item (`needle`) inside `key`'s value.
    pub(crate) fn report_item(&mut self, key: &str, needle: &str, problem: Problem) {
        let (line, column) = self.fields.locate(key, needle);
        self.report_at(line, column, problem);
    }

    /// A non-empty scalar as text (numbers and booleans are accepted as written);
    /// `null`/absent gives `None`.
    pub(crate) fn string(&mut self, key: &str) -> Option<String> {
        let field = self.fields.get(key)?;
        match scalar(&field.value) {
            Ok(Some(s)) => Some(text::nfc(s.trim())).filter(|s| !s.is_empty()),
            Ok(None) => None,
            Err(()) => {
                self.report(
                    field,
                    Problem::WrongType {
                        key: key.to_string(),
                        expected: "expected-text",
                    },
                );
                None
            }
        }
    }

    /// Like [`Self::string`] but reports a missing key.
    pub(crate) fn required(&mut self, key: &'static str) -> Option<String> {
        if self.fields.get(key).is_none() {
            self.report_missing(key);
            return None;
        }
        let value = self.string(key);
        if value.is_none() && self.diagnostics.iter().all(|d| !is_about(d, key)) {
            let field = self.fields.get(key).expect("checked above");
            self.report(field, Problem::EmptyValue(key));
        }
        value
    }

    pub(crate) fn bool(&mut self, key: &str) -> Option<bool> {
        let field = self.fields.get(key)?;
        match &field.value {
            Value::Bool(b) => Some(*b),
            Value::Null => None,
            _ => {
                self.report(
                    field,
                    Problem::WrongType {
                        key: key.to_string(),
                        expected: "expected-bool",
                    },
                );
                None
            }
        }
    }

    /// A list of scalars; a single scalar is a one-item list. Empty items are dropped.
    pub(crate) fn list(&mut self, key: &str) -> Vec<String> {
        let Some(field) = self.fields.get(key) else {
            return Vec::new();
        };
        let items: Vec<&Value> = match &field.value {
            Value::Array(items) => items.iter().collect(),
            Value::Null => Vec::new(),
            other => vec![other],
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match scalar(item) {
                Ok(Some(s)) if !s.trim().is_empty() => out.push(text::nfc(s.trim())),
                Ok(_) => {}
                Err(()) => {
                    self.report(
                        field,
                        Problem::WrongType {
                            key: key.to_string(),
                            expected: "expected-list",
                        },
                    );
                    return Vec::new();
                }
            }
        }
        out
    }
}

fn is_about(d: &Diagnostic, key: &str) -> bool {
    matches!(&*d.problem, Problem::WrongType { key: k, .. } if k == key)
}

pub(crate) fn scalar(v: &Value) -> Result<Option<String>, ()> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s.clone())),
        Value::Number(n) => Ok(Some(n.to_string())),
        Value::Bool(b) => Ok(Some(b.to_string())),
        _ => Err(()),
    }
}

/// The known key closest to a misspelt one, when it is close enough to be a typo.
pub(crate) fn nearest<'k>(key: &str, known: impl IntoIterator<Item = &'k str>) -> Option<&'k str> {
    let key = text::fold(key);
    known
        .into_iter()
        .map(|k| (strsim::damerau_levenshtein(&key, k), k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min()
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_key() {
        let known = &["title", "province", "date", "chaired_by"];
        assert_eq!(nearest("provice", known.iter().copied()), Some("province"));
        assert_eq!(nearest("Title", known.iter().copied()), Some("title"));
        assert_eq!(
            nearest("chaired-by", known.iter().copied()),
            Some("chaired_by")
        );
        assert_eq!(nearest("xyzzy", known.iter().copied()), None);
    }
}

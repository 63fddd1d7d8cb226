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

use super::fields::FieldReader;
use super::yaml::{self, Item};
use crate::diagnostic::{Diagnostic, Location, Problem};
use crate::model::document::{RegistryEntry, Scope};
use crate::model::{DocumentNumber, date, province};
use crate::text::source;

pub const FILE: &str = "content/_documents.yaml";

/// About 50,000 entries: far more than a province issues, small enough to parse in
/// well under the memory budget of a build.
const LIMIT: u64 = 16 << 20;

/// The keys an entry accepts.
const KEYS: &[&str] = &["number", "province", "date", "title", "issuer", "url"];

/// Read the registry if there is one; every problem of every entry is reported.
pub fn load(root: &Path) -> Result<Vec<RegistryEntry>, Vec<Diagnostic>> {
    let path = root.join(FILE);
    let file = Path::new(FILE);
    let bytes = match super::file::read_regular(&path, LIMIT) {
        Ok(b) => b,
        Err(super::file::Refused::Missing) => return Ok(Vec::new()),
        Err(e) => return Err(vec![e.diagnostic(file)]),
    };
    let text = source::decode(bytes).map_err(|e| {
        vec![Diagnostic::new(
            Location::at(file, e.line, e.column),
            Problem::NotUtf8 {
                detected: e.detected,
            },
        )]
    })?;
    let located = |e: yaml::YamlError| {
        Diagnostic::new(Location::at(file, e.line, e.column), e.problem).with_source(&text)
    };
    let items = yaml::parse_list(&text, 1).map_err(|e| vec![located(e)])?;
    let mut entries = Vec::with_capacity(items.len());
    let mut problems = Vec::new();
    for item in items {
        match item.map_err(located) {
            Ok(item) => match entry(file, &text, &item) {
                Ok(e) => entries.push(e),
                Err(d) => problems.extend(d),
            },
            Err(d) => problems.push(d),
        }
    }
    if problems.is_empty() {
        Ok(entries)
    } else {
        Err(problems)
    }
}

/// `https://host…` or `http://host…`, with no spaces or control characters (which
/// browsers drop, so `java\tscript:` would pass a naive check).
pub fn is_web_address(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &s[8..]
    } else if lower.starts_with("http://") {
        &s[7..]
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty() && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// One entry of the registry, or every problem in it.
fn entry(file: &Path, text: &str, item: &Item) -> Result<RegistryEntry, Vec<Diagnostic>> {
    let fields = &item.fields;
    let mut r =
        FieldReader::new(fields, file, text, KEYS, "this entry").missing_at(item.line, item.column);
    let number = r
        .required("number")
        .and_then(|raw| match DocumentNumber::parse(&raw) {
            Ok(n) => Some(n),
            Err(e) => {
                let field = fields.get("number").expect("present");
                r.report(field, Problem::DocumentNumber(e));
                None
            }
        });
    let issued = r.string("date").and_then(|raw| match date::parse(&raw) {
        Ok(d) => Some(d),
        Err(reason) => {
            let field = fields.get("date").expect("present");
            r.report(field, Problem::InvalidDate { value: raw, reason });
            None
        }
    });
    let province = r.string("province");
    let title = r.string("title");
    let issuer = r.string("issuer");
    // Shown as a link on the document's page: only web addresses, never
    // `javascript:` or `data:` (which would run in the reader's browser).
    let link = r.string("url").filter(|raw| {
        let web = is_web_address(raw);
        if !web {
            let field = fields.get("url").expect("present");
            r.report(
                field,
                Problem::InvalidValue {
                    key: "url",
                    value: raw.clone(),
                    expected: "expected-web-address",
                },
            );
        }
        web
    });
    let national = number.as_ref().is_some_and(DocumentNumber::is_national);
    let given = province.is_some();
    // A national number needs no province; an invalid date still lets the province
    // be checked, on today's map.
    let on = issued.unwrap_or(Date::constant(2025, 7, 1));
    let resolve = |name: String| match province::resolve(&name, on) {
        Ok(p) => Some(p),
        Err(e) => {
            let field = fields.get("province").expect("present");
            let suggestions = e.suggestions;
            r.report(field, Problem::UnknownProvince { name, suggestions });
            None
        }
    };
    let resolved = province.filter(|_| !national).and_then(resolve);
    let scope = match (&number, resolved) {
        (Some(_), _) if national => Some(Scope::National),
        (Some(number), Some(p)) => Some(Scope::of(number, p)),
        (Some(_), None) if !given => {
            r.report_missing("province");
            None
        }
        _ => None,
    };
    match (number, scope) {
        (Some(number), Some(scope)) if r.diagnostics.is_empty() => Ok(RegistryEntry {
            position: fields.get("number").expect("read").value_position(text),
            number,
            scope,
            issued,
            title,
            issuer,
            link,
        }),
        _ => Err(r.diagnostics),
    }
}

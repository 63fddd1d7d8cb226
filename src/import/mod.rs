//! `ketluan import`: a raw news article (pasted from a provincial portal or paper)
//! → a conclusion file. The steps follow the data:
//!
//! ```text
//! encoding (UTF-8, UTF-16, Windows-1258, TCVN3) → blocks (cut, classify, drop debris)
//!   → fields (title, date, province, body, chair, documents, author) → markdown → draft
//! ```
//!
//! Every field carries where it came from and how sure it is; what was guessed or not
//! found is marked `# kiểm tra lại` in the file, and [`Imported::summary`] says it all.

pub mod batch;
mod blocks;
mod fields;
mod input;
mod markdown;
mod notice;
mod places;
mod text;

use crate::t;
use std::fmt::Write as _;
use std::path::Path;

use jiff::civil::Date;

use crate::diagnostic::{Diagnostic, Location, Problem};
use crate::draft::{Draft, Value};
use crate::load::classified;
use crate::model::citation::find_citations;
use crate::model::province;
pub use crate::text::encoding::Encoding;
use blocks::{Block, Kind};
use fields::{Field, Sureness};
pub use input::{Format, pdf_child_main};

/// An empty input, which the steps below would turn into a conclusion of nothing.
fn empty(text: &str) -> bool {
    text.trim().is_empty()
}

/// An imported article: the file to write and what was found where.
#[derive(Debug, Clone)]
pub struct Imported {
    pub draft: Draft,
    pub encoding: Encoding,
    /// What the file was (text, web page, Word, PDF).
    pub format: Format,
    /// (field, sureness, value shown, where it came from), in front-matter order.
    pub findings: Vec<(&'static str, Sureness, String, String)>,
    /// Input lines removed from the body, with why.
    pub removed: Vec<(usize, &'static str)>,
}

/// Import the bytes of one article; `file` names it in messages.
pub fn import(bytes: &[u8], file: &Path) -> Result<Imported, Vec<Diagnostic>> {
    let read = input::read(bytes).map_err(|e| {
        vec![match e {
            input::InputError::Encoding(e) => Diagnostic::new(
                Location::at(file, e.line, e.column),
                Problem::Encoding(t!("import-encoding-unknown")),
            ),
            input::InputError::Refused { reason, fix } => Diagnostic::new(
                Location::at(file, 1, 1),
                Problem::UnreadableInput { reason, fix },
            ),
        }]
    })?;
    let (text, encoding, format) = (read.text, read.encoding, read.format);
    if empty(&text) {
        let what = match format {
            Format::Text => "part-file-empty",
            _ => "part-file-no-text",
        };
        return Err(vec![Diagnostic::new(
            Location::at(file, 1, 1),
            Problem::NotAnArticle(what),
        )]);
    }
    let marks = classified::find_marks(&text);
    if !marks.is_empty() {
        return Err(marks
            .into_iter()
            .map(|m| {
                Diagnostic::new(
                    Location::at(file, m.line, m.column),
                    Problem::Classified {
                        reason: t!("import-classified", mark = m.text.as_str()),
                        fix: "part-classified-leave-article",
                    },
                )
                .with_source(&text)
            })
            .collect());
    }
    let mut blocks = blocks::blocks(&text);
    let notice = notice::read(&mut blocks);
    let outlet = match notice {
        Some(_) => None,
        None => strip_outlet(&mut blocks),
    };

    let header = blocks.iter().find_map(|b| match &b.kind {
        Kind::Header {
            year,
            month,
            day,
            title,
        } => Some((*year, *month, *day, title.clone(), b.line)),
        _ => None,
    });
    let dateline = blocks.iter().find_map(|b| match b.kind {
        Kind::Dateline(d) => Some((d, b.line)),
        _ => None,
    });
    let told = fields::text_date(&blocks);
    let meeting = told.as_ref().map(|(_, s)| s.as_str());

    let title = match (&header, blocks.iter().find(|b| b.kind == Kind::Title)) {
        (Some((_, _, _, t, line)), _) if !t.is_empty() => {
            Field::found(t.clone(), t!("import-title-header", line = *line))
        }
        (None, Some(b)) => Field::found(
            b.text.trim_end_matches('.').to_string(),
            match &notice {
                Some(_) => t!("import-notice-title", line = b.line),
                None => t!("import-title-first-line", line = b.line),
            },
        ),
        _ => match fields::made_up_title(meeting, &blocks) {
            Some(t) => Field::guessed(t, t!("import-title-made")),
            None => Field::missing(t!("import-title-none")),
        },
    };
    let whole: String = blocks
        .iter()
        .filter(|b| b.is_content() || b.kind == Kind::Title)
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let title_text = title.value.clone().unwrap_or_default();
    let scopes = [
        t!("import-scope-meeting"),
        t!("import-scope-title"),
        t!("import-scope-text"),
    ];
    let years = [
        (
            fields::period_years(meeting.unwrap_or("")),
            scopes[0].as_str(),
        ),
        (fields::period_years(&title_text), scopes[1].as_str()),
        (fields::period_years(&whole), scopes[2].as_str()),
    ];
    let issued = notice
        .as_ref()
        .and_then(|n| n.issued.as_ref())
        .map(|(d, _, line)| (*d, *line));
    let date = match (&told, issued) {
        (None, Some((d, line))) => Field::guessed(d, t!("import-date-notice", line = line)),
        _ => fields::meeting_date(
            told.as_ref().map(|(d, _)| d),
            header.as_ref().map(|(y, m, d, _, _)| (*y, *m, *d)),
            issued.or(dateline),
            &years,
        ),
    };
    let on = date
        .value
        .or(dateline.map(|(d, _)| d))
        .or(header
            .as_ref()
            .and_then(|(y, m, _, _, _)| Date::new(*y, *m, 1).ok()))
        .unwrap_or(Date::constant(2025, 6, 30));
    let mut read: Vec<(&str, usize)> = blocks
        .iter()
        .filter(|b| {
            b.is_content()
                || matches!(
                    b.kind,
                    Kind::Title | Kind::Table | Kind::Debris("photo caption")
                )
        })
        .map(|b| (b.text.as_str(), b.line))
        .collect();
    if let Some((_, _, _, t, line)) = &header
        && !t.is_empty()
    {
        read.insert(0, (t.as_str(), *line));
    }
    let province = match notice.as_ref().map(|n| (&n.province, &n.place)) {
        Some((Some((p, written, line)), _)) => Field::found(
            province::resolve(written, on).unwrap_or(p).name.to_string(),
            t!(
                "import-province-letterhead",
                text = written.as_str(),
                line = *line
            ),
        ),
        Some((None, Some((p, written, line)))) => Field::guessed(
            province::resolve(written, on).unwrap_or(p).name.to_string(),
            t!(
                "import-province-dateline",
                text = written.as_str(),
                line = *line
            ),
        ),
        _ => places::choose(&places::candidates(&read, on)),
    };
    let notice_body = notice.as_ref().and_then(|n| {
        let (t, line) = n.title.as_ref()?;
        fields::body_of_title(t)
            .map(|b| Field::found(b.to_string(), t!("import-notice-title", line = *line)))
    });
    let body = match notice_body {
        Some(b) => b,
        None => match (
            fields::body(meeting, title.value.as_deref(), &blocks),
            notice.as_ref().and_then(|n| n.issuer),
        ) {
            (b, Some((issuer, line))) if b.value.is_none() => {
                Field::guessed(issuer.to_string(), t!("import-body-issuer", line = line))
            }
            (b, _) => b,
        },
    };
    let chair = fields::chaired_by(&blocks);
    let own = notice
        .as_ref()
        .and_then(|n| n.number.as_ref())
        .map(|(n, line)| (n.clone(), *line));
    let documents = documents(&read, own.as_ref().map(|(n, _)| n.key()));
    let number = match &own {
        Some((n, line)) => Field::found(n.canonical(), t!("import-number-notice", line = *line)),
        None => Field::missing(""),
    };
    let signed_by = notice
        .as_ref()
        .and_then(|n| n.signed_by.clone())
        .map(|(name, line)| {
            let note = match notice.as_ref().and_then(|n| n.signature.clone()) {
                Some(s) => t!("import-signature-as", line = line, signature = s),
                None => t!("import-signature", line = line),
            };
            Field::found(name, note)
        });
    let author = match blocks.iter().find(|b| b.kind == Kind::Byline) {
        Some(b) => match blocks::byline(&b.text) {
            Some(name) => Field::found(name, t!("import-byline", line = b.line)),
            None => Field::missing(t!("import-byline-none")),
        },
        None => Field::missing(t!("import-byline-none")),
    };
    let source = blocks.iter().find_map(|b| match &b.kind {
        Kind::Source(url) => Some(url.clone()),
        _ => None,
    });

    let value = |f: &Field<String>| Value {
        value: f.value.clone(),
        review: (f.sureness != Sureness::Found).then(|| f.note.clone()),
    };
    let date_value = Field {
        value: date.value.map(|d| d.to_string()),
        sureness: date.sureness,
        note: date.note.clone(),
    };
    let draft = Draft {
        title: value(&title),
        date: value(&date_value),
        province: value(&province),
        body: value(&body),
        chaired_by: value(&chair),
        signed_by: Value::optional(signed_by.as_ref().and_then(|f| f.value.clone())),
        number: Value::optional(number.value.clone()),
        resolutions: documents.iter().map(|(n, _)| n.clone()).collect(),
        summary: Value::default(),
        source: Value::optional(source.clone()),
        author: Value::optional(author.value.clone()),
        markdown: markdown::body(&blocks),
    };

    let mut findings = Vec::new();
    let add = |findings: &mut Vec<_>, name: &'static str, f: &Field<String>| {
        findings.push((
            name,
            f.sureness,
            f.value.clone().unwrap_or_default(),
            f.note.clone(),
        ))
    };
    add(&mut findings, "title", &title);
    add(&mut findings, "date", &date_value);
    add(&mut findings, "province", &province);
    add(&mut findings, "body", &body);
    add(&mut findings, "chaired_by", &chair);
    if let Some(f) = &signed_by {
        add(&mut findings, "signed_by", f);
    }
    if number.value.is_some() {
        add(&mut findings, "number", &number);
    }
    let listed: Vec<String> = documents
        .iter()
        .map(|(n, line)| t!("import-document-at", number = n.as_str(), line = *line))
        .collect();
    findings.push((
        "resolutions",
        Sureness::Found,
        if listed.is_empty() {
            t!("import-none")
        } else {
            listed.join(", ")
        },
        t!("import-documents-cited"),
    ));
    // The author is optional: no byline is nothing to check.
    add(
        &mut findings,
        "author",
        &Field {
            sureness: Sureness::Found,
            ..author.clone()
        },
    );
    if let Some(url) = source {
        findings.push(("source", Sureness::Found, url, t!("import-source-link")));
    }
    if let Some((outlet, line)) = outlet {
        findings.push((
            "outlet",
            Sureness::Found,
            outlet,
            t!("import-outlet-removed", line = line),
        ));
    }
    let removed = blocks
        .iter()
        .filter_map(|b| match b.kind {
            Kind::Debris(why) => Some((b.line, why)),
            Kind::Byline => Some((b.line, "byline")),
            Kind::Dateline(_) => Some((b.line, "dateline")),
            _ => None,
        })
        .collect();
    Ok(Imported {
        draft,
        encoding,
        format,
        findings,
        removed,
    })
}

/// `(LĐ online) - `, `HTO - ` before the first paragraph: the outlet's tag.
fn strip_outlet(blocks: &mut [Block]) -> Option<(String, usize)> {
    let b = blocks.iter_mut().find(|b| b.is_content())?;
    let text = b.text.as_str();
    let (tag, rest) = if let Some(inner) = text.strip_prefix('(') {
        let close = inner.find(')')?;
        (&inner[..close], &inner[close + 1..])
    } else {
        let end = text.find(' ')?;
        let tag = &text[..end];
        let caps = tag
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        if !caps || tag.chars().count() > 12 {
            return None;
        }
        (tag, &text[end..])
    };
    let rest = rest.trim_start();
    let after = rest.strip_prefix(['-', '–', '—'])?.trim_start();
    if tag.chars().count() > 40 || after.is_empty() {
        return None;
    }
    let tag = tag.to_string();
    b.text = after.to_string();
    Some((tag, b.line))
}

/// Numbered documents cited anywhere in the text, once each, in order.
fn documents(read: &[(&str, usize)], own: Option<String>) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    // The notice's own number is not a document it cites.
    let mut keys: Vec<String> = own.into_iter().collect();
    for &(text, line) in read {
        for c in find_citations(text) {
            if !keys.contains(&c.number.key()) {
                keys.push(c.number.key());
                out.push((c.number.canonical(), line));
            }
        }
    }
    out
}

impl Imported {
    /// What was found, where, and how sure; what was removed; what to check (in
    /// the current language).
    pub fn summary(&self, input: &str, output: &str) -> String {
        let lang = crate::i18n::current();
        let mut s = format!("{input} → {output}\n");
        let mut row = |label: String, text: String| {
            let _ = writeln!(s, "  {label:<12} {text}");
        };
        if self.format != Format::Text {
            row(t!("import-summary-read-as"), self.format.name());
        }
        if self.encoding != Encoding::Utf8 {
            let encoding = crate::diagnostic::encoding_name(self.encoding, lang);
            row(
                t!("import-summary-encoding"),
                t!("import-summary-converted", encoding = encoding),
            );
        }
        let labels = [
            t!("import-found"),
            t!("import-guessed"),
            t!("import-missing"),
        ];
        let width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        for (name, sureness, value, note) in &self.findings {
            let label = match sureness {
                Sureness::Found => &labels[0],
                Sureness::Guessed => &labels[1],
                Sureness::Missing => &labels[2],
            };
            let value = if value.is_empty() { "—" } else { value };
            row(
                name.to_string(),
                format!("{label:<width$}  {value} ({note})"),
            );
        }
        if !self.removed.is_empty() {
            let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
            for &(line, why) in &self.removed {
                match groups.iter_mut().find(|(w, _)| *w == why) {
                    Some((_, lines)) => lines.push(line),
                    None => groups.push((why, vec![line])),
                }
            }
            let parts: Vec<String> = groups
                .iter()
                .map(|(why, lines)| {
                    let ls: Vec<String> = lines.iter().map(usize::to_string).collect();
                    t!(
                        "import-removed-lines",
                        why = removed_why(why),
                        count = lines.len(),
                        lines = ls.join(", ")
                    )
                })
                .collect();
            row(t!("import-summary-removed"), parts.join("; "));
        }
        let check: Vec<&str> = self
            .findings
            .iter()
            .filter(|(_, sureness, _, _)| *sureness != Sureness::Found)
            .map(|(name, _, _, _)| *name)
            .collect();
        if check.is_empty() {
            let _ = writeln!(s, "  {}", t!("import-summary-all-found"));
        } else {
            let _ = writeln!(
                s,
                "  {:<12} {}",
                t!("import-summary-to-check"),
                t!(
                    "import-summary-marked",
                    fields = check.join(", "),
                    marker = crate::draft::REVIEW
                )
            );
        }
        s
    }
}

/// Why lines were removed, in the current language (the kinds of debris are keys).
fn removed_why(why: &str) -> String {
    match why {
        "link to another article" => t!("import-debris-link"),
        "lone dots" => t!("import-debris-dots"),
        "notice title" => t!("import-debris-notice-title"),
        "photo caption" => t!("import-debris-caption"),
        "recipients and signature" => t!("import-debris-recipients"),
        "repeated line" => t!("import-debris-repeated"),
        "section label" => t!("import-debris-section"),
        "title rule" => t!("import-debris-rule"),
        "byline" => t!("import-debris-byline"),
        "dateline" => t!("import-debris-dateline"),
        "contact or counter" => t!("import-debris-contact"),
        "image file name or link text" => t!("import-debris-image"),
        "link path" => t!("import-debris-path"),
        "outlet name" => t!("import-debris-outlet"),
        "page tools" => t!("import-debris-tools"),
        "\"Tin liên quan\" list" => t!("import-debris-related"),
        other => other.to_string(),
    }
}

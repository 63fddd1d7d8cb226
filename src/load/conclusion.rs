//! One content file → one validated [`Conclusion`], or every problem in it.

use std::path::Path;

use jiff::civil::Date;

use super::classified;
use super::fields::FieldReader;
use super::frontmatter;
use super::yaml;
use crate::diagnostic::{Diagnostic, Location, Problem};
use crate::model::body;
use crate::model::{
    Attachment, Conclusion, DocumentNumber, Markdown, Slug, Stamp, StoredText, date, province,
};
use crate::text;

/// Front-matter keys a conclusion accepts.
pub const KEYS: &[&str] = &[
    "title",
    "date",
    "province",
    "body",
    "chaired_by",
    "signed_by",
    "number",
    "resolutions",
    "tags",
    "summary",
    "source",
    "author",
    "attachments",
    "slug",
    "draft",
    "references",
    // Never publishable: accepted only to be reported as classified.
    classified::KEY,
];

/// Parse the decoded `text` of `file` (relative to the site root; `dir` is the
/// folder holding it on disk, for attachments).
pub fn parse(file: &Path, dir: &Path, text: &str) -> Result<Conclusion, Vec<Diagnostic>> {
    parse_storing(file, dir, text, None)
}

/// [`parse`], leaving the body in the file that `text` was decoded from rather than
/// keeping it, when given that file's path and its stamp as loaded: see
/// [`Markdown::Stored`].
pub fn parse_storing(
    file: &Path,
    dir: &Path,
    text: &str,
    stored_at: Option<(&Path, Stamp)>,
) -> Result<Conclusion, Vec<Diagnostic>> {
    let located = |line: usize, column: usize, problem: Problem| {
        vec![Diagnostic::new(Location::at(file, line, column), problem).with_source(text)]
    };
    let split = frontmatter::split(text).map_err(|(p, line)| located(line, 1, p))?;
    let fields = yaml::parse_mapping(split.yaml, split.yaml_line)
        .map_err(|e| located(e.line, e.column, e.problem))?;
    let mut r = FieldReader::new(&fields, file, text, KEYS, "the front matter");
    r.diagnostics
        .extend(classified::check(file, text, Some(&fields)));

    let title = r.required("title");
    let date = r.required("date").and_then(|raw| match date::parse(&raw) {
        Ok(d) => Some(d),
        Err(reason) => {
            let field = fields.get("date").expect("present");
            r.report(field, Problem::InvalidDate { value: raw, reason });
            None
        }
    });
    // An invalid date still lets the province be checked, on today's map.
    let on = date.unwrap_or(Date::constant(2025, 7, 1));
    let province = r
        .required("province")
        .and_then(|name| match province::resolve(&name, on) {
            Ok(p) => Some(p),
            Err(e) => {
                let field = fields.get("province").expect("present");
                r.report(
                    field,
                    Problem::UnknownProvince {
                        name,
                        suggestions: e.suggestions,
                    },
                );
                None
            }
        });

    let number = r
        .string("number")
        .and_then(|raw| document_number(&mut r, "number", &raw));
    let mut documents: Vec<DocumentNumber> = Vec::new();
    // `resolutions: 05-NQ/TU, 57-NQ/TW` is a list written without its brackets: no
    // document number has a comma or a semicolon, so each part is one.
    let raws = r.list("resolutions");
    let parts = raws
        .iter()
        .flat_map(|raw| raw.split([',', ';']))
        .map(str::trim)
        .filter(|part| !part.is_empty());
    for part in parts {
        if let Some(n) = document_number(&mut r, "resolutions", part)
            && !documents.iter().any(|d| d.key() == n.key())
        {
            documents.push(n);
        }
    }

    let slug = match r.string("slug") {
        Some(raw) => match Slug::parse(&raw) {
            // The page's folder is named after the slug.
            Ok(s) => match text::portable::check(s.as_str()) {
                Ok(()) => Some(s),
                Err(why) => {
                    let field = fields.get("slug").expect("present");
                    let problem = Problem::WindowsName {
                        rename: text::portable::portable(&raw),
                        reason: why.reason(),
                        name: raw,
                    };
                    r.report(field, problem);
                    None
                }
            },
            Err(reason) => {
                let field = fields.get("slug").expect("present");
                r.report(field, Problem::InvalidSlug { slug: raw, reason });
                None
            }
        },
        None => {
            let stem = file
                .file_stem()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default();
            let slug = Slug::from_text(&stem);
            if slug.is_none() {
                r.report_at(
                    1,
                    1,
                    Problem::InvalidSlug {
                        slug: stem.to_string(),
                        reason: "part-slug-no-letters",
                    },
                );
            }
            slug
        }
    };

    let mut attachments = Vec::new();
    for name in r.list("attachments") {
        if let Err(why) = text::portable::check(&name) {
            let problem = Problem::WindowsName {
                rename: text::portable::portable(&name),
                reason: why.reason(),
                name: name.clone(),
            };
            r.report_item("attachments", &name, problem);
            continue;
        }
        match attachment(dir, &name) {
            Ok(a) => attachments.push(a),
            Err((reason, help)) => {
                let problem = Problem::Attachment {
                    name: name.clone(),
                    reason,
                    help,
                };
                r.report_item("attachments", &name, problem);
            }
        }
    }

    let tags = dedup(r.list("tags"));
    let body = r.string("body");
    let chaired_by = r.string("chaired_by");
    let signed_by = r.string("signed_by");
    let summary = r.string("summary");
    let source = r.string("source");
    let author = r.string("author");
    let draft = r.bool("draft").unwrap_or(false);
    let manual = match r.string("references").as_deref() {
        None | Some("auto") => false,
        Some("manual") => true,
        Some(other) => {
            let field = fields.get("references").expect("present");
            r.report(
                field,
                Problem::InvalidValue {
                    key: "references",
                    value: other.to_string(),
                    expected: "expected-references",
                },
            );
            false
        }
    };

    match (title, date, province, slug) {
        (Some(title), Some(date), Some(province), Some(slug)) if r.diagnostics.is_empty() => {
            let facts = body::analyse(split.body, !manual);
            if facts.mentions.len() > body::MAX_MENTIONS {
                let at = Location::at(file, split.body_line, 1);
                let max = body::MAX_MENTIONS;
                return Err(vec![
                    Diagnostic::new(at, Problem::TooManyCitations { max }).with_source(text),
                ]);
            }
            Ok(Conclusion {
                file: file.to_path_buf(),
                slug,
                title,
                date,
                province,
                body,
                chaired_by,
                signed_by,
                number,
                documents,
                mentions: facts.mentions,
                tags,
                summary,
                lead: facts.lead,
                source,
                author,
                linked: facts.linked,
                files: attachments.clone(),
                attachments,
                draft,
                markdown: match stored_at {
                    // The body is the text's end.
                    Some((path, stamp)) => Markdown::Stored(StoredText {
                        path: path.to_path_buf(),
                        stamp,
                        start: text.len() - split.body.len(),
                        len: split.body.len(),
                        digest: crate::model::conclusion::text_digest(split.body),
                    }),
                    None => Markdown::Kept(split.body.into()),
                },
                markdown_line: split.body_line,
            })
        }
        _ => Err(r.diagnostics),
    }
}

fn document_number(r: &mut FieldReader, key: &str, raw: &str) -> Option<DocumentNumber> {
    match DocumentNumber::parse(raw) {
        Ok(n) => Some(n),
        Err(e) => {
            r.report_item(key, raw, Problem::DocumentNumber(e));
            None
        }
    }
}

/// An attachment is a plain file name of a file beside the Markdown file. Refused:
/// (what is wrong, how to fix it).
fn attachment(dir: &Path, name: &str) -> Result<Attachment, (&'static str, &'static str)> {
    const LIST_IT: &str = "part-attachment-list-it";
    let plain = Path::new(name)
        .file_name()
        .is_some_and(|f| f == std::ffi::OsStr::new(name));
    if !plain || name.starts_with('.') {
        return Err(("part-attachment-plain", LIST_IT));
    }
    if is_page_name(name) {
        return Err(("part-attachment-page-name", "part-attachment-rename"));
    }
    let path = dir.join(name);
    match std::fs::symlink_metadata(&path) {
        Ok(m) if m.is_file() => Ok(Attachment {
            name: name.to_string(),
            path,
        }),
        Ok(_) => Err(("part-attachment-not-file", LIST_IT)),
        Err(_) => Err(("part-attachment-missing", "part-attachment-spelling")),
    }
}

/// Whether an attachment called `name` would land on the conclusion's page, which
/// is `index.html` in the same folder (in any case: a portal may serve the site
/// from a file system that ignores it).
pub fn is_page_name(name: &str) -> bool {
    name.eq_ignore_ascii_case("index.html")
}

fn dedup(items: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

//! Located, user-facing problems. Every stage reports what a user can cause as a
//! [`Diagnostic`]: a typed [`Problem`] at a [`Location`]. They are collected, never
//! printed where they arise, and rendered once at the edge (the CLI, or `serve`).

use std::fmt;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::model::docnum::DocNumError;

mod ci;
pub use ci::{to_github, to_gitlab};

/// The guide that explains every code, one section each, anchored by the code:
/// `docs/troubleshooting.md#unknown-key` (in ketluan's repository; the Vietnamese
/// guide, `docs/vi/troubleshooting.md`, has the same anchors).
pub const TROUBLESHOOTING: &str = "docs/troubleshooting.md";

/// Where a problem is: a file relative to the site root, and a 1-based line and
/// column (0 when unknown). Columns count characters, not bytes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
}

impl Location {
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Self {
            file: file.into(),
            line: 0,
            column: 0,
        }
    }

    pub fn at(file: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Self {
            file: file.into(),
            line,
            column,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Forward slashes on every platform, so messages and tests agree.
        let file = self.file.to_string_lossy().replace('\\', "/");
        match (self.line, self.column) {
            (0, _) => write!(f, "{file}"),
            (l, 0) => write!(f, "{file}:{l}"),
            (l, c) => write!(f, "{file}:{l}:{c}"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// `error` or `warning`, as reports print it.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Everything a user can get wrong, with what is wrong; [`Problem::help`] says how to
/// fix it and [`Problem::code`] gives a stable identifier for tools.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("cannot read: {0}")]
    Unreadable(String),
    #[error("site.yaml not found in {0} (is this a ketluan site?)")]
    NotASite(String),
    #[error("no content/ folder in {0}")]
    NoContent(String),
    /// `copy` names what to copy where, for the help.
    #[error("symbolic links are not followed")]
    SymbolicLink { copy: &'static str },
    #[error("the file is not valid UTF-8")]
    NotUtf8,
    #[error("the file is {size_mb} MB; a content file may have at most {limit_mb} MB")]
    TooLarge { size_mb: u64, limit_mb: u64 },
    #[error("not a regular file (a named pipe, a device or a folder); it was not read")]
    NotAFile,
    #[error("the file is {size_kb} KB; this file may have at most {limit_kb} KB")]
    DataTooLarge { size_kb: u64, limit_kb: u64 },
    #[error(
        "the text cites documents more than {max} times; a conclusion may hold at most {max} citations"
    )]
    TooManyCitations { max: usize },
    #[error("the conclusion cites {count} different documents; at most {max} are allowed")]
    TooManyDocuments { count: usize, max: usize },
    #[error("no front matter: a conclusion starts with a `---` line")]
    MissingFrontMatter,
    #[error("the front matter opened here is never closed by a `---` line")]
    UnclosedFrontMatter,
    #[error("YAML syntax error: {0}")]
    Yaml(String),
    #[error("the YAML aliases (`*name`) repeat more text than {limit_kb} KB")]
    YamlAliases { limit_kb: usize },
    #[error("the key `{key}` is given twice (first on line {first_line})")]
    DuplicateKey { key: String, first_line: usize },
    #[error("unknown key `{key}`")]
    UnknownKey {
        key: String,
        suggestion: Option<String>,
        /// Empty when the keys are not ketluan's but a theme's (translations).
        known: &'static [&'static str],
    },
    /// `within` names where keys go, for the help: "the front matter", "site.yaml".
    #[error("missing required key `{key}`")]
    MissingKey {
        key: &'static str,
        within: &'static str,
    },
    #[error("the key `{0}` has no value")]
    EmptyValue(&'static str),
    #[error("`{key}` must be {expected}")]
    WrongType { key: String, expected: &'static str },
    #[error("invalid date {value:?}: {reason}")]
    InvalidDate { value: String, reason: String },
    #[error("unknown province {name:?}")]
    UnknownProvince {
        name: String,
        suggestions: Vec<&'static str>,
    },
    #[error("{0}")]
    DocumentNumber(DocNumError),
    #[error("invalid slug {slug:?}: {reason}")]
    InvalidSlug { slug: String, reason: &'static str },
    #[error("slug `{slug}` is also used by {other}")]
    DuplicateSlug { slug: String, other: String },
    #[error("attachment {name:?}: {reason}")]
    Attachment {
        name: String,
        reason: &'static str,
        help: &'static str,
    },
    #[error("invalid value for `{key}`: {value:?}")]
    InvalidValue {
        key: &'static str,
        value: String,
        expected: &'static str,
    },
    #[error("{0}")]
    Template(String),
    #[error("the template is over its budget: {0}")]
    TemplateBudget(String),
    /// `help` is what to do about this cause: see [`Problem::output`].
    #[error("cannot write the output: {reason}")]
    Output { reason: String, help: &'static str },
    /// `fix` ends the help: what to do with this text (the file, an article, a value).
    #[error("classified document: {reason}")]
    Classified { reason: String, fix: &'static str },
    #[error("the file already exists; it was left as it is")]
    FileExists,
    #[error("{0}")]
    Encoding(String),
    #[error("{0}; nothing was imported")]
    NotAnArticle(&'static str),
    /// A file `import` cannot read (a scan without text, a damaged or oversized file):
    /// why, and what to do instead.
    #[error("{reason}; nothing was imported")]
    UnreadableInput { reason: String, fix: &'static str },
    #[error("the folder is not empty ({0})")]
    FolderNotEmpty(String),

    // Warnings (`ketluan check`): legal, but probably wrong.
    #[error("the date {0} is in the future")]
    DateInFuture(Date),
    #[error("the date {0} is before 1930")]
    DateTooEarly(Date),
    #[error("{name} did not exist on {date}: {why}")]
    ProvinceNotInForce {
        name: &'static str,
        date: Date,
        why: String,
        suggestion: Option<&'static str>,
    },
    #[error("cites {number}, issued {issued}, after this meeting ({date})")]
    DocumentAfterConclusion {
        number: String,
        /// `2022-10-22`, or `in 2025 (the year in its number)` when only the number
        /// dates it.
        issued: String,
        date: Date,
    },
    #[error(
        "{number}: the text gives the {what} {text:?}, the registry (line {registry_line}) says {registry:?}"
    )]
    RegistryMismatch {
        number: String,
        what: &'static str,
        text: String,
        registry: String,
        registry_line: usize,
    },
    #[error("same province, date and title as {other}")]
    DuplicateConclusion { other: String },
    #[error("the body is empty")]
    EmptyBody,
    #[error("the {key} has {chars} characters, more than {max}")]
    TooLong {
        key: &'static str,
        chars: usize,
        max: usize,
    },
    #[error("broken link `{target}`: {reason}")]
    BrokenLink {
        target: String,
        reason: String,
        suggestion: Option<String>,
    },
    #[error("broken link `{url}`: {reason}")]
    BrokenOutputLink { url: String, reason: String },
    #[error(
        "`templates/{name}` has no effect: the theme has no template of that name and no template includes it"
    )]
    UnusedTemplate {
        name: String,
        closest: Option<String>,
    },
    #[error("this file is not published: {0}")]
    UnpublishedFile(&'static str),
    #[error("the name {name:?} cannot be used on Windows: {reason}")]
    WindowsName {
        name: String,
        reason: &'static str,
        rename: String,
    },
    #[error(
        "{name:?} differs only in case from {other:?}: Windows and macOS take them for one file"
    )]
    CaseClash {
        name: String,
        other: String,
        rename: String,
    },
}

impl Problem {
    /// A failure of the system to write a file or a folder.
    pub fn output(e: &std::io::Error) -> Problem {
        Problem::Output {
            reason: e.to_string(),
            help: "check the folder's permissions and free space",
        }
    }

    /// A stable identifier, for CI annotations and `--format json`.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Unreadable(_)
            | Problem::NotASite(_)
            | Problem::NoContent(_)
            | Problem::SymbolicLink { .. } => "unreadable",
            Problem::NotUtf8 => "not-utf8",
            Problem::TooLarge { .. } | Problem::DataTooLarge { .. } => "too-large",
            Problem::NotAFile => "not-a-file",
            Problem::TooManyCitations { .. } => "too-many-citations",
            Problem::TooManyDocuments { .. } => "too-many-documents",
            Problem::MissingFrontMatter => "front-matter-missing",
            Problem::UnclosedFrontMatter => "front-matter-unclosed",
            Problem::Yaml(_) => "yaml-syntax",
            Problem::YamlAliases { .. } => "yaml-aliases",
            Problem::DuplicateKey { .. } => "duplicate-key",
            Problem::UnknownKey { .. } => "unknown-key",
            Problem::MissingKey { .. } | Problem::EmptyValue(_) => "missing-key",
            Problem::WrongType { .. } => "wrong-type",
            Problem::InvalidDate { .. } => "invalid-date",
            Problem::UnknownProvince { .. } => "unknown-province",
            Problem::DocumentNumber(_) => "invalid-document-number",
            Problem::InvalidSlug { .. } => "invalid-slug",
            Problem::DuplicateSlug { .. } => "duplicate-slug",
            Problem::Attachment { .. } => "attachment",
            Problem::InvalidValue { .. } => "invalid-value",
            Problem::Template(_) => "template",
            Problem::TemplateBudget(_) => "template-budget",
            Problem::Output { .. } => "output",
            Problem::Classified { .. } => "classified",
            Problem::FileExists => "file-exists",
            Problem::Encoding(_) => "encoding",
            Problem::NotAnArticle(_) => "not-an-article",
            Problem::UnreadableInput { .. } => "unreadable-input",
            Problem::FolderNotEmpty(_) => "folder-not-empty",
            Problem::DateInFuture(_) => "date-in-future",
            Problem::DateTooEarly(_) => "date-too-early",
            Problem::ProvinceNotInForce { .. } => "province-not-in-force",
            Problem::DocumentAfterConclusion { .. } => "document-after-conclusion",
            Problem::RegistryMismatch { .. } => "registry-mismatch",
            Problem::DuplicateConclusion { .. } => "duplicate-conclusion",
            Problem::EmptyBody => "empty-body",
            Problem::TooLong { key: "title", .. } => "title-too-long",
            Problem::TooLong { .. } => "summary-too-long",
            Problem::BrokenOutputLink { .. } => "broken-output-link",
            Problem::BrokenLink { .. } => "broken-link",
            Problem::UnusedTemplate { .. } => "unused-template",
            Problem::UnpublishedFile(_) => "unpublished-file",
            Problem::WindowsName { .. } => "windows-name",
            Problem::CaseClash { .. } => "case-clash",
        }
    }

    /// The section of the troubleshooting guide about this code.
    pub fn see(&self) -> String {
        format!("{TROUBLESHOOTING}#{}", self.code())
    }

    /// Errors stop `build`; warnings are what `check` reports as probably wrong.
    pub fn severity(&self) -> Severity {
        match self {
            Problem::DateInFuture(_)
            | Problem::DateTooEarly(_)
            | Problem::ProvinceNotInForce { .. }
            | Problem::DocumentAfterConclusion { .. }
            | Problem::RegistryMismatch { .. }
            | Problem::DuplicateConclusion { .. }
            | Problem::EmptyBody
            | Problem::TooLong { .. }
            | Problem::BrokenLink { .. }
            | Problem::UnusedTemplate { .. }
            | Problem::UnpublishedFile(_) => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// How to fix it, in one or two sentences.
    pub fn help(&self) -> Option<String> {
        Some(match self {
            Problem::Unreadable(_) => "check the file's permissions".into(),
            Problem::NotASite(_) => "run ketluan in the site's folder or pass `--root DIR`; \
                 `ketluan init DIR` makes a new site"
                .into(),
            Problem::NoContent(_) => {
                "make a content/ folder beside site.yaml for the conclusions, or pass \
                 `--root DIR` to name the site's folder"
                    .into()
            }
            Problem::SymbolicLink { copy } => format!("copy {copy} instead"),
            Problem::TooManyCitations { .. } => {
                "check that the file holds one conclusion, not a pasted list or index of \
                 documents; attach such a list as a file (PDF) instead"
                    .into()
            }
            Problem::TooManyDocuments { .. } => {
                "check that the file holds one conclusion, not a pasted index of documents \
                 (every document cited gets this conclusion in its feed); a site that needs \
                 more sets `max_cited_documents:` in site.yaml"
                    .into()
            }
            Problem::NotAFile => {
                "replace it by an ordinary file with the same name (ketluan never reads \
                 pipes or devices, which could make it wait forever)"
                    .into()
            }
            Problem::DataTooLarge { .. } => {
                "check that this is the right file: settings, the document registry, \
                 translations and templates are small text files"
                    .into()
            }
            Problem::TooLarge { .. } => {
                "split the text into several conclusions, or attach the long document \
                 as a file (PDF) instead of pasting it"
                    .into()
            }
            Problem::NotUtf8 => "save the file as UTF-8 (in Notepad: Save As → Encoding: UTF-8; \
                 files in TCVN3 or VNI must be converted with Unikey's converter first)"
                .into(),
            Problem::MissingFrontMatter => {
                "start the file with a `---` line, the keys (title, date, province…), and \
                 another `---` line before the text"
                    .into()
            }
            Problem::UnclosedFrontMatter => {
                "add a line containing only `---` after the last key".into()
            }
            Problem::Yaml(_) => {
                "check indentation and quoting: put values containing `:` or `#` in double quotes"
                    .into()
            }
            Problem::YamlAliases { .. } => {
                "write the value out where it is needed instead of repeating it with `*` \
                 aliases (an `&anchor` names a value, each `*alias` repeats all of it)"
                    .into()
            }
            Problem::DuplicateKey { key, .. } => {
                format!("keep one `{key}:` line and delete the other")
            }
            Problem::UnknownKey {
                key,
                suggestion,
                known,
            } => match (key.split_once(':'), suggestion) {
                // `title:Kết luận: về` reads as the key `title:Kết luận`.
                (Some((k, _)), _) if known.contains(&k) => {
                    format!("put a space after `{k}:`, as in `{k}: …`")
                }
                (_, Some(s)) => format!("did you mean `{s}`?"),
                (_, None) if known.is_empty() => {
                    "remove it, or spell it as in the theme's file of the same name".into()
                }
                (_, None) => format!("known keys are: {}", known.join(", ")),
            },
            Problem::MissingKey { key, within } => format!("add `{key}: …` to {within}"),
            Problem::EmptyValue(key) => format!("write the value after `{key}:` on its line"),
            Problem::WrongType { .. } => return None,
            Problem::InvalidDate { .. } => {
                "write the date as YYYY-MM-DD (2021-11-01) or day first D/M/YYYY (1/11/2021)".into()
            }
            Problem::UnknownProvince { suggestions, .. } => {
                if suggestions.is_empty() {
                    "use the name of a province or centrally-run city, e.g. `Hà Tĩnh`".into()
                } else {
                    format!("did you mean {}?", quote_list(suggestions))
                }
            }
            Problem::DocumentNumber(_) => {
                "write the number as printed on the document, e.g. `05-NQ/TU` or `108/QĐ-UBND`"
                    .into()
            }
            Problem::InvalidSlug { .. } => {
                "use lower-case ASCII letters, digits and `-` only, e.g. `ket-luan-hoi-nghi`".into()
            }
            Problem::DuplicateSlug { .. } => {
                "give one of the two files another name or a distinct `slug:`".into()
            }
            Problem::Attachment { help, .. } => (*help).into(),
            Problem::InvalidValue { expected, .. } => format!("expected {expected}"),
            Problem::Template(_) => {
                "fix the template; a site template in templates/ overrides the theme's".into()
            }
            Problem::TemplateBudget(_) => "a template renders a page in seconds: look for a loop \
                 inside a loop over `range()` or over all conclusions, or a value that \
                 `set_global` makes longer on every turn"
                .into(),
            Problem::Output { help, .. } => help.to_string(),
            Problem::Classified { fix, .. } => format!(
                "a document with a secrecy mark (MẬT, TỐI MẬT, TUYỆT MẬT) or a circulation \
                 limit (LƯU HÀNH NỘI BỘ) must never be published: {fix}"
            ),
            Problem::NotAnArticle(_) => "open the article, copy its text (title, date line and \
                 body) into a .txt file and import that"
                .into(),
            Problem::UnreadableInput { fix, .. } => fix.to_string(),
            Problem::Encoding(_) => "save the article as UTF-8 (in Notepad: Save As → Encoding: \
                 UTF-8), or convert it to Unicode with Unikey's converter (VNI, VIQR…)"
                .into(),
            Problem::FileExists => {
                "edit the existing file, or change the title or date to make another".into()
            }
            Problem::FolderNotEmpty(_) => {
                "name a new or empty folder, or add --force to add the site's files beside \
                 what is there (files of the same name are kept as they are)"
                    .into()
            }
            Problem::DateInFuture(_) => {
                "write the meeting's date; check the year and the day/month order".into()
            }
            Problem::DateTooEarly(_) => {
                "check the year: provincial committees' conclusions start in 1930".into()
            }
            Problem::ProvinceNotInForce { suggestion, .. } => match suggestion {
                Some(s) => format!("write `province: {s}`, or check the date"),
                None => "check the province and the date".into(),
            },
            Problem::DocumentAfterConclusion { .. } => {
                "check the document's number and issue date, and the meeting's date".into()
            }
            Problem::RegistryMismatch { .. } => {
                "correct the text or the registry, content/_documents.yaml; if they are two \
                 documents (Party numbering restarts each term), give each its own entry"
                    .into()
            }
            Problem::DuplicateConclusion { .. } => {
                "remove one of the two files, or correct its title, date or province".into()
            }
            Problem::EmptyBody => "paste the conclusion's text after the closing `---` line".into(),
            Problem::TooLong { key: "title", .. } => {
                "shorten the title; put the rest in `summary`".into()
            }
            Problem::TooLong { .. } => {
                "shorten the summary to one or two sentences (trích yếu)".into()
            }
            Problem::BrokenLink { suggestion, .. } => match suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None => "link to an existing conclusion (`/ket-luan/<slug>/`) or to a file \
                         listed in `attachments`"
                    .into(),
            },
            Problem::BrokenOutputLink { .. } => {
                "fix the link in the content or template that produced this page; links must \
                 carry the base path (use the `urls` and `page` values of templates)"
                    .into()
            }
            Problem::UnusedTemplate { closest, .. } => match closest {
                Some(c) => format!(
                    "did you mean `templates/{c}`? An override has the path of the theme's template"
                ),
                None => "give it the path of the theme template it replaces, or include it \
                         from a template"
                    .into(),
            },
            Problem::UnpublishedFile(_) => {
                "list its name in the `attachments:` of the conclusion it belongs to (rename an \
                 `index.html` first), or move it out of content/"
                    .into()
            }
            Problem::WindowsName { rename, .. } => {
                format!("rename it to `{rename}` (and change the name where it is listed)")
            }
            Problem::CaseClash { rename, .. } => {
                format!("rename one of them, e.g. this one to `{rename}`")
            }
        })
    }
}

fn quote_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("`{s}`")).collect();
    quoted.join(" or ")
}

/// One problem at one place, with the offending source line when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub location: Location,
    /// Boxed: diagnostics travel in `Result`s and most are never created.
    pub problem: Box<Problem>,
    /// The text of the offending line, for a caret display.
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn new(location: Location, problem: Problem) -> Self {
        Self {
            location,
            problem: Box::new(problem),
            source_line: None,
        }
    }

    /// Attach the offending line, taken from the whole file's text.
    pub fn with_source(mut self, text: &str) -> Self {
        if self.location.line > 0 {
            self.source_line = text
                .lines()
                .nth(self.location.line - 1)
                .map(|l| l.trim_end_matches('\r').to_string());
        }
        self
    }

    pub fn severity(&self) -> Severity {
        self.problem.severity()
    }

    /// The multi-line human form: `path:line:col: error[code]: message`, the line with
    /// a caret under the column, and the help. What comes from a user's files is
    /// shown with its control characters escaped, and of the offending line only a
    /// stretch around the column.
    pub fn render(&self) -> String {
        let label = self.severity().label();
        let mut out = format!(
            "{}: {label}[{}]: {}",
            crate::text::escape_controls(&self.location.to_string()),
            self.problem.code(),
            crate::text::escape_controls(&self.problem.to_string())
        );
        if let Some(line) = &self.source_line {
            let number = self.location.line.to_string();
            let pad = " ".repeat(number.len());
            let (shown, caret) = excerpt(line, self.location.column);
            out.push_str(&format!("\n{pad} |\n{number} | {shown}"));
            if let Some(indent) = caret {
                out.push_str(&format!("\n{pad} | {indent}^"));
            }
        }
        if let Some(help) = self.problem.help() {
            let help = crate::text::escape_controls(&help);
            out.push_str(&format!("\n  = help: {help}"));
        }
        out.push_str(&format!("\n  = see: {}", self.problem.see()));
        out
    }
}

/// Of a source line, what a report shows: at most [`EXCERPT`] chars around the
/// 1-based `column` (`…` where cut), control characters escaped, and the spaces
/// that put a caret under the column (none when the column is 0).
fn excerpt(line: &str, column: usize) -> (String, Option<String>) {
    const EXCERPT: usize = 120;
    let chars: Vec<char> = line.chars().collect();
    let at = column.saturating_sub(1).min(chars.len());
    let start = at.saturating_sub(EXCERPT / 2);
    let end = (start + EXCERPT).min(chars.len());
    let mut shown = String::new();
    let mut indent = String::new();
    if start > 0 {
        shown.push('…');
        indent.push(' ');
    }
    for (i, &c) in chars[start..end].iter().enumerate() {
        let before = shown.chars().count();
        crate::text::show_char(c, &mut shown);
        if start + i < at {
            let width = shown.chars().count() - before;
            indent.extend(std::iter::repeat_n(
                if c == '\t' { '\t' } else { ' ' },
                width,
            ));
        }
    }
    if end < chars.len() {
        shown.push('…');
    }
    (shown, (column > 0).then_some(indent))
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = format!("{}: {}", self.location, self.problem);
        f.write_str(&crate::text::escape_controls(&text))
    }
}

/// The human report of `ketluan check`: one block per finding, grouped under its
/// file, then a count.
pub fn render_report(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    let mut current: Option<&Path> = None;
    for d in diagnostics {
        if current != Some(d.location.file.as_path()) {
            current = Some(d.location.file.as_path());
            let file = d.location.file.to_string_lossy().replace('\\', "/");
            out.push_str(&format!("── {file}\n\n"));
        }
        out.push_str(&d.render());
        out.push_str("\n\n");
    }
    out.push_str(&summary_line(diagnostics));
    out.push('\n');
    out
}

/// `2 errors and 1 warning in 2 files`, or `no problems found`.
pub fn summary_line(diagnostics: &[Diagnostic]) -> String {
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity() == s).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    if errors + warnings == 0 {
        return "no problems found".into();
    }
    let mut files: Vec<&Path> = diagnostics
        .iter()
        .map(|d| d.location.file.as_path())
        .collect();
    files.sort();
    files.dedup();
    format!(
        "{} and {} in {}",
        crate::text::count(errors, "error"),
        crate::text::count(warnings, "warning"),
        crate::text::count(files.len(), "file")
    )
}

/// The JSON report of `ketluan check`: an array of
/// `{file, line, column, severity, code, message, help, see}` (help may be null).
pub fn to_json(diagnostics: &[Diagnostic]) -> String {
    /// One finding, its fields in the documented order.
    #[derive(serde::Serialize)]
    struct Finding {
        file: String,
        line: usize,
        column: usize,
        severity: &'static str,
        code: &'static str,
        message: String,
        help: Option<String>,
        see: String,
    }
    let items: Vec<Finding> = diagnostics
        .iter()
        .map(|d| Finding {
            file: d.location.file.to_string_lossy().replace('\\', "/"),
            line: d.location.line,
            column: d.location.column,
            severity: d.severity().label(),
            code: d.problem.code(),
            message: d.problem.to_string(),
            help: d.problem.help(),
            see: d.problem.see(),
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into())
}

/// Sort diagnostics by file, line and column so output is stable across runs.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics
        .sort_by(|a, b| (&a.location, a.problem.code()).cmp(&(&b.location, b.problem.code())));
}

/// The path of `file` relative to `root`, for messages.
pub fn relative(root: &Path, file: &Path) -> PathBuf {
    file.strip_prefix(root).unwrap_or(file).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A report shows no control character of a user's file, and of a long line
    /// only a stretch around the column, with the caret still under it.
    #[test]
    fn reports_escape_controls_and_cut_long_lines() {
        let line = format!("{}\u{1b}[2J{}", "a".repeat(300), "b".repeat(300));
        let d = Diagnostic::new(Location::at("content/a.md", 3, 301), Problem::NotUtf8)
            .with_source(&format!("x\ny\n{line}\n"));
        let shown = d.render();
        assert!(!shown.contains('\u{1b}'), "{shown}");
        let lines: Vec<&str> = shown.lines().collect();
        let text = lines.iter().find(|l| l.starts_with("3 | ")).unwrap();
        let caret = lines.iter().find(|l| l.ends_with('^')).unwrap();
        assert!(text.chars().count() < 140, "{text}");
        assert!(text.starts_with("3 | …") && text.ends_with('…'), "{text}");
        let at = caret.chars().count() - 1;
        assert_eq!(text.chars().nth(at), Some('\\'), "{text}\n{caret}");
        let key = Problem::UnknownKey {
            key: "a\u{7}\u{202e}b".into(),
            suggestion: None,
            known: &[],
        };
        let shown = Diagnostic::new(Location::file("site.yaml"), key).render();
        assert!(shown.contains("a\\u{7}\\u{202e}b"), "{shown}");
    }
}

//! Located, user-facing problems. Every stage reports what a user can cause as a
//! [`Diagnostic`]: a typed [`Problem`] at a [`Location`]. They are collected, never
//! printed where they arise, and rendered once at the edge (the CLI, or `serve`).

use std::fmt;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::i18n::Language;
use crate::model::date::DateError;
use crate::model::docnum::DocNumError;
use crate::t;
use crate::text::encoding::Encoding;

mod ci;
pub use ci::{to_github, to_gitlab};

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
    /// `error` or `warning`, in the current language.
    pub fn name(self) -> String {
        match self {
            Severity::Error => t!("severity-error"),
            Severity::Warning => t!("severity-warning"),
        }
    }

    /// `error` or `warning`: the stable name tools read (`--format json`, CI).
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A slip in YAML syntax that editors make, named for a message of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slip {
    /// Word's curly quote (“ ‘ ”) around a value, where YAML needs `"`.
    WordQuote(char),
    /// `title：` with the full-width colon of an East Asian keyboard.
    FullwidthColon,
    /// A tab in a line's indentation (YAML allows only spaces).
    TabIndent,
    /// `"Kết luận" số 12`: text after the quote that closed the value.
    TextAfterQuote,
    /// `"Kết luận "Dân vận khéo""`: a `"` meant as text closed the value.
    QuoteInsideQuotes,
    /// A quote, `[` or `{` opened and never closed (reported where it opens).
    UnclosedQuote,
    UnclosedList,
    UnclosedBrace,
    /// `title:Kết luận`: the key glued to its value.
    MissingSpace {
        key: String,
    },
    /// `title: Kết luận: về …`: `: ` inside an unquoted value.
    ColonInValue {
        key: String,
    },
    /// ` date: …` under `title: …`.
    IndentedKey,
    /// `  - a` then ` - b`.
    ListItemOutOfLine,
}

/// Every code that [`Problem::code`] gives, each with a section in the
/// troubleshooting guides (`ketluan explain CODE`).
pub const CODES: &[&str] = &[
    "unreadable",
    "not-utf8",
    "too-large",
    "front-matter-missing",
    "front-matter-unclosed",
    "yaml-syntax",
    "duplicate-key",
    "unknown-key",
    "missing-key",
    "wrong-type",
    "invalid-date",
    "unknown-province",
    "invalid-document-number",
    "invalid-slug",
    "duplicate-slug",
    "attachment",
    "invalid-value",
    "template",
    "output",
    "classified",
    "file-exists",
    "encoding",
    "not-an-article",
    "folder-not-empty",
    "date-in-future",
    "date-too-early",
    "province-not-in-force",
    "document-after-conclusion",
    "registry-mismatch",
    "duplicate-conclusion",
    "empty-body",
    "title-too-long",
    "summary-too-long",
    "broken-output-link",
    "broken-link",
    "unused-template",
    "unpublished-file",
    "comment-in-value",
    "tags-in-one-string",
    "unchecked-import",
    "not-a-file",
    "too-many-citations",
    "too-many-documents",
    "yaml-aliases",
    "template-budget",
    "portal-incomplete",
    "windows-name",
    "case-clash",
    "unreadable-input",
];

/// Which budget of one page's render a template went over, with its limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenderBudget {
    Seconds(u64),
    OutputMegabytes(u64),
    RangeItems(u64),
    MemoryMegabytes(u64),
}

impl RenderBudget {
    fn describe(self, lang: Language) -> String {
        match self {
            RenderBudget::Seconds(n) => t!(in lang, "problem-template-budget-time", limit = n),
            RenderBudget::OutputMegabytes(n) => {
                t!(in lang, "problem-template-budget-output", limit = n)
            }
            RenderBudget::RangeItems(n) => t!(in lang, "problem-template-budget-loops", limit = n),
            RenderBudget::MemoryMegabytes(n) => {
                t!(in lang, "problem-template-budget-memory", limit = n)
            }
        }
    }
}

/// Everything a user can get wrong, with what is wrong; [`Problem::help`] says how to
/// fix it and [`Problem::code`] gives a stable identifier for tools.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Unreadable(String),
    NotASite(String),
    NoContent(String),
    /// `copy` names what to copy where, for the help.
    SymbolicLink {
        copy: &'static str,
    },
    /// `detected` is the legacy encoding the file reads in, if one does.
    NotUtf8 {
        detected: Option<Encoding>,
    },
    TooLarge {
        size_mb: u64,
        limit_mb: u64,
    },
    NotAFile,
    DataTooLarge {
        size_kb: u64,
        limit_kb: u64,
    },
    TooManyCitations {
        max: usize,
    },
    TooManyDocuments {
        count: usize,
        max: usize,
    },
    MissingFrontMatter,
    UnclosedFrontMatter,
    Yaml(String),
    /// `fixed` is the line as it should be written.
    YamlSlip {
        slip: Slip,
        fixed: String,
    },
    DuplicateKey {
        key: String,
        first_line: usize,
    },
    YamlAliases {
        limit_kb: usize,
    },
    UnknownKey {
        key: String,
        suggestion: Option<String>,
        /// Empty when the keys are not ketluan's but a theme's (translations).
        known: &'static [&'static str],
    },
    /// `within` names where keys go, for the help: "the front matter", "site.yaml".
    MissingKey {
        key: &'static str,
        within: &'static str,
    },
    EmptyValue(&'static str),
    WrongType {
        key: String,
        /// A catalogue id (`expected-…`): what the value should be.
        expected: &'static str,
    },
    InvalidDate {
        value: String,
        reason: DateError,
    },
    UnknownProvince {
        name: String,
        suggestions: Vec<&'static str>,
    },
    DocumentNumber(DocNumError),
    InvalidSlug {
        slug: String,
        reason: &'static str,
    },
    DuplicateSlug {
        slug: String,
        other: String,
    },
    Attachment {
        name: String,
        reason: &'static str,
        help: &'static str,
    },
    InvalidValue {
        key: &'static str,
        value: String,
        /// A catalogue id (`expected-…`): what the value should be.
        expected: &'static str,
    },
    Template(String),
    TemplateBudget(RenderBudget),
    /// `help` is what to do about this cause: see [`Problem::output`].
    Output {
        reason: String,
        help: &'static str,
    },
    /// `fix` ends the help: what to do with this text (the file, an article, a value).
    Classified {
        reason: String,
        fix: &'static str,
    },
    FileExists,
    Encoding(String),
    NotAnArticle(&'static str),
    /// A file `import` cannot read (a scan without text, a damaged or oversized file):
    /// why, and what to do instead.
    UnreadableInput {
        reason: String,
        fix: &'static str,
    },
    FolderNotEmpty(String),

    // Warnings (`ketluan check`): legal, but probably wrong.
    DateInFuture(Date),
    DateTooEarly(Date),
    ProvinceNotInForce {
        name: &'static str,
        date: Date,
        why: String,
        suggestion: Option<&'static str>,
    },
    DocumentAfterConclusion {
        number: String,
        /// `2022-10-22`, or `in 2025 (the year in its number)` when only the number
        /// dates it.
        issued: String,
        date: Date,
    },
    RegistryMismatch {
        number: String,
        what: &'static str,
        text: String,
        registry: String,
        registry_line: usize,
    },
    DuplicateConclusion {
        other: String,
    },
    EmptyBody,
    TooLong {
        key: &'static str,
        chars: usize,
        max: usize,
    },
    BrokenLink {
        target: String,
        reason: String,
        suggestion: Option<String>,
    },
    BrokenOutputLink {
        url: String,
        reason: String,
    },
    UnusedTemplate {
        name: String,
        closest: Option<String>,
    },
    UnpublishedFile(&'static str),
    /// `dropped` is the text YAML took for a comment; `fixed` the line quoted.
    CommentInValue {
        key: String,
        dropped: String,
        fixed: String,
    },
    TagsInOneString {
        fixed: String,
    },
    /// `reason` is what `import` wrote after the marker.
    UncheckedImport {
        reason: String,
    },
    /// `missing` names the `portal:` keys the decree asks for.
    PortalIncomplete {
        missing: Vec<&'static str>,
    },
    WindowsName {
        name: String,
        reason: &'static str,
        rename: String,
    },
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
            help: "part-output-permissions",
        }
    }

    /// A stable identifier, for CI annotations and `--format json`: one of [`CODES`].
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Unreadable(_)
            | Problem::NotASite(_)
            | Problem::NoContent(_)
            | Problem::SymbolicLink { .. } => "unreadable",
            Problem::NotUtf8 { .. } => "not-utf8",
            Problem::TooLarge { .. } | Problem::DataTooLarge { .. } => "too-large",
            Problem::NotAFile => "not-a-file",
            Problem::TooManyCitations { .. } => "too-many-citations",
            Problem::TooManyDocuments { .. } => "too-many-documents",
            Problem::MissingFrontMatter => "front-matter-missing",
            Problem::UnclosedFrontMatter => "front-matter-unclosed",
            Problem::Yaml(_) | Problem::YamlSlip { .. } => "yaml-syntax",
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
            Problem::CommentInValue { .. } => "comment-in-value",
            Problem::TagsInOneString { .. } => "tags-in-one-string",
            Problem::UncheckedImport { .. } => "unchecked-import",
            Problem::PortalIncomplete { .. } => "portal-incomplete",
            Problem::WindowsName { .. } => "windows-name",
            Problem::CaseClash { .. } => "case-clash",
        }
    }

    /// The command that prints the troubleshooting guide's section about this code
    /// (the guide is in the binary: it works offline).
    pub fn see(&self) -> String {
        format!("ketluan explain {}", self.code())
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
            | Problem::UnpublishedFile(_)
            | Problem::CommentInValue { .. }
            | Problem::TagsInOneString { .. }
            | Problem::UncheckedImport { .. }
            | Problem::PortalIncomplete { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// What is wrong, in `lang`.
    pub fn message_in(&self, lang: Language) -> String {
        match self {
            Problem::Unreadable(reason) => t!(in lang, "problem-unreadable", reason = reason),
            Problem::NotASite(dir) => t!(in lang, "problem-not-a-site", dir = dir),
            Problem::NoContent(dir) => t!(in lang, "problem-no-content", dir = dir),
            Problem::SymbolicLink { .. } => t!(in lang, "problem-symbolic-link"),
            Problem::NotUtf8 { detected: None } => t!(in lang, "problem-not-utf8"),
            Problem::NotUtf8 {
                detected: Some(encoding),
            } => {
                let encoding = encoding_name(*encoding, lang);
                t!(in lang, "problem-legacy-encoding", encoding = encoding)
            }
            Problem::TooLarge { size_mb, limit_mb } => {
                t!(in lang, "problem-too-large", size = *size_mb, limit = *limit_mb)
            }
            Problem::MissingFrontMatter => t!(in lang, "problem-front-matter-missing"),
            Problem::UnclosedFrontMatter => t!(in lang, "problem-front-matter-unclosed"),
            Problem::Yaml(reason) => t!(in lang, "problem-yaml-syntax", reason = reason),
            Problem::YamlAliases { limit_kb } => {
                t!(in lang, "problem-yaml-aliases", limit = *limit_kb)
            }
            Problem::NotAFile => t!(in lang, "problem-not-a-file"),
            Problem::DataTooLarge { size_kb, limit_kb } => {
                t!(in lang, "problem-data-too-large", size = *size_kb, limit = *limit_kb)
            }
            Problem::TooManyCitations { max } => {
                t!(in lang, "problem-too-many-citations", max = *max)
            }
            Problem::TooManyDocuments { count, max } => {
                t!(in lang, "problem-too-many-documents", count = *count, max = *max)
            }
            Problem::TemplateBudget(over) => over.describe(lang),
            Problem::UnreadableInput { reason, .. } => {
                t!(in lang, "problem-not-an-article", reason = reason)
            }
            Problem::PortalIncomplete { missing } => {
                t!(in lang, "problem-portal-incomplete", fields = missing.join(", "))
            }
            Problem::WindowsName { name, reason, .. } => t!(
                in lang,
                "problem-windows-name",
                name = quoted(name),
                reason = part(lang, reason)
            ),
            Problem::CaseClash { name, other, .. } => t!(
                in lang,
                "problem-case-clash",
                name = quoted(name),
                other = quoted(other)
            ),
            Problem::YamlSlip { slip, .. } => match slip {
                Slip::WordQuote(c) => t!(
                    in lang,
                    "problem-word-quote",
                    char = c.to_string(),
                    code = format!("U+{:04X}", u32::from(*c))
                ),
                Slip::FullwidthColon => t!(in lang, "problem-fullwidth-colon"),
                Slip::TabIndent => t!(in lang, "problem-tab-indent"),
                Slip::TextAfterQuote => t!(in lang, "problem-text-after-quote"),
                Slip::QuoteInsideQuotes => t!(in lang, "problem-quote-inside-quotes"),
                Slip::UnclosedQuote => t!(in lang, "problem-unclosed-quote"),
                Slip::UnclosedList => t!(in lang, "problem-unclosed-list"),
                Slip::UnclosedBrace => t!(in lang, "problem-unclosed-brace"),
                Slip::MissingSpace { key } => t!(in lang, "problem-missing-space", key = key),
                Slip::ColonInValue { key } => t!(in lang, "problem-colon-in-value", key = key),
                Slip::IndentedKey => t!(in lang, "problem-indented-key"),
                Slip::ListItemOutOfLine => t!(in lang, "problem-list-item-out-of-line"),
            },
            Problem::DuplicateKey { key, first_line } => {
                t!(in lang, "problem-duplicate-key", key = key, line = *first_line)
            }
            Problem::UnknownKey { key, .. } => t!(in lang, "problem-unknown-key", key = key),
            Problem::MissingKey { key, .. } => t!(in lang, "problem-missing-key", key = *key),
            Problem::EmptyValue(key) => t!(in lang, "problem-empty-value", key = *key),
            Problem::WrongType { key, expected } => {
                let expected = part(lang, expected);
                t!(in lang, "problem-wrong-type", key = key, expected = expected)
            }
            Problem::InvalidDate { value, reason } => {
                let reason = reason.describe(lang);
                t!(in lang, "problem-invalid-date", value = quoted(value), reason = reason)
            }
            Problem::UnknownProvince { name, .. } => {
                t!(in lang, "problem-unknown-province", name = quoted(name))
            }
            Problem::DocumentNumber(e) => e.describe(lang),
            Problem::InvalidSlug { slug, reason } => {
                t!(in lang, "problem-invalid-slug", slug = quoted(slug), reason = part(lang, reason))
            }
            Problem::DuplicateSlug { slug, other } => {
                t!(in lang, "problem-duplicate-slug", slug = slug, other = other)
            }
            Problem::Attachment { name, reason, .. } => {
                t!(in lang, "problem-attachment", name = quoted(name), reason = part(lang, reason))
            }
            Problem::InvalidValue { key, value, .. } => {
                t!(in lang, "problem-invalid-value", key = *key, value = quoted(value))
            }
            Problem::Template(reason) => t!(in lang, "problem-template", reason = reason.as_str()),
            Problem::Output { reason, .. } => t!(in lang, "problem-output", reason = reason),
            Problem::Classified { reason, .. } => {
                t!(in lang, "problem-classified", reason = reason)
            }
            Problem::FileExists => t!(in lang, "problem-file-exists"),
            Problem::Encoding(reason) => reason.clone(),
            Problem::NotAnArticle(reason) => {
                t!(in lang, "problem-not-an-article", reason = part(lang, reason))
            }
            Problem::FolderNotEmpty(what) => t!(in lang, "problem-folder-not-empty", what = what),
            Problem::DateInFuture(date) => {
                t!(in lang, "problem-date-in-future", date = date.to_string())
            }
            Problem::DateTooEarly(date) => {
                t!(in lang, "problem-date-too-early", date = date.to_string())
            }
            Problem::ProvinceNotInForce {
                name, date, why, ..
            } => t!(
                in lang,
                "problem-province-not-in-force",
                name = *name,
                date = date.to_string(),
                why = why
            ),
            Problem::DocumentAfterConclusion {
                number,
                issued,
                date,
            } => t!(
                in lang,
                "problem-document-after-conclusion",
                number = number,
                issued = issued,
                date = date.to_string()
            ),
            Problem::RegistryMismatch {
                number,
                what,
                text,
                registry,
                registry_line,
            } => t!(
                in lang,
                "problem-registry-mismatch",
                number = number,
                what = *what,
                text = quoted(text),
                registry = quoted(registry),
                line = *registry_line
            ),
            Problem::DuplicateConclusion { other } => {
                t!(in lang, "problem-duplicate-conclusion", other = other)
            }
            Problem::EmptyBody => t!(in lang, "problem-empty-body"),
            Problem::TooLong {
                key: "title",
                chars,
                max,
            } => t!(in lang, "problem-title-too-long", chars = *chars, max = *max),
            Problem::TooLong { chars, max, .. } => {
                t!(in lang, "problem-summary-too-long", chars = *chars, max = *max)
            }
            Problem::BrokenLink { target, reason, .. } => {
                t!(in lang, "problem-broken-link", target = target, reason = reason)
            }
            Problem::BrokenOutputLink { url, reason } => {
                t!(in lang, "problem-broken-link", target = url, reason = reason)
            }
            Problem::UnusedTemplate { name, .. } => {
                t!(in lang, "problem-unused-template", name = name)
            }
            Problem::UnpublishedFile(reason) => {
                t!(in lang, "problem-unpublished-file", reason = part(lang, reason))
            }
            Problem::CommentInValue { key, dropped, .. } => {
                t!(in lang, "problem-comment-in-value", key = key, dropped = dropped)
            }
            Problem::TagsInOneString { .. } => t!(in lang, "problem-tags-in-one-string"),
            Problem::UncheckedImport { reason } if reason.is_empty() => {
                t!(in lang, "problem-unchecked-import")
            }
            Problem::UncheckedImport { reason } => {
                t!(in lang, "problem-unchecked-import-why", reason = reason)
            }
        }
    }

    /// How to fix it, in one or two sentences, in the current language.
    pub fn help(&self) -> Option<String> {
        self.help_in(crate::i18n::current())
    }

    /// How to fix it, in one or two sentences, in `lang`.
    pub fn help_in(&self, lang: Language) -> Option<String> {
        Some(match self {
            Problem::Unreadable(_) => t!(in lang, "help-unreadable"),
            Problem::NotASite(_) => t!(in lang, "help-not-a-site"),
            Problem::NoContent(_) => t!(in lang, "help-no-content"),
            Problem::SymbolicLink { copy } => {
                t!(in lang, "help-symbolic-link", what = part(lang, copy))
            }
            Problem::TooLarge { .. } => t!(in lang, "help-too-large"),
            Problem::NotUtf8 { detected: None } => t!(in lang, "help-not-utf8"),
            Problem::NotUtf8 { detected: Some(_) } => t!(in lang, "help-legacy-encoding"),
            Problem::MissingFrontMatter => t!(in lang, "help-front-matter-missing"),
            Problem::UnclosedFrontMatter => t!(in lang, "help-front-matter-unclosed"),
            Problem::Yaml(_) => t!(in lang, "help-yaml-syntax"),
            Problem::YamlSlip { slip, fixed } => match slip {
                Slip::WordQuote(_) => t!(in lang, "help-word-quote", fixed = fixed),
                Slip::FullwidthColon => t!(in lang, "help-fullwidth-colon", fixed = fixed),
                Slip::TabIndent if fixed.is_empty() => t!(in lang, "help-tab-indent-spaces"),
                Slip::TabIndent => t!(in lang, "help-tab-indent", fixed = fixed),
                Slip::TextAfterQuote if fixed.is_empty() => {
                    t!(in lang, "help-text-after-quote-inside")
                }
                Slip::TextAfterQuote => t!(in lang, "help-text-after-quote", fixed = fixed),
                Slip::QuoteInsideQuotes => {
                    t!(in lang, "help-quote-inside-quotes", fixed = fixed)
                }
                Slip::UnclosedQuote => t!(in lang, "help-unclosed-quote"),
                Slip::UnclosedList => t!(in lang, "help-unclosed-list"),
                Slip::UnclosedBrace => t!(in lang, "help-unclosed-brace"),
                Slip::MissingSpace { key } => t!(in lang, "help-key-needs-space", key = key),
                Slip::ColonInValue { key } => t!(in lang, "help-colon-in-value", key = key),
                Slip::IndentedKey => t!(in lang, "help-indented-key"),
                Slip::ListItemOutOfLine => t!(in lang, "help-list-item-out-of-line"),
            },
            Problem::DuplicateKey { key, .. } => t!(in lang, "help-duplicate-key", key = key),
            Problem::TooManyCitations { .. } => t!(in lang, "help-too-many-citations"),
            Problem::TooManyDocuments { .. } => t!(in lang, "help-too-many-documents"),
            Problem::NotAFile => t!(in lang, "help-not-a-file"),
            Problem::DataTooLarge { .. } => t!(in lang, "help-data-too-large"),
            Problem::YamlAliases { .. } => t!(in lang, "help-yaml-aliases"),
            Problem::UnknownKey {
                key,
                suggestion,
                known,
            } => match (key.split_once(':'), suggestion) {
                // `title:Kết luận: về` reads as the key `title:Kết luận`.
                (Some((k, _)), _) if known.contains(&k) => {
                    t!(in lang, "help-key-needs-space", key = k)
                }
                (_, Some(s)) => t!(in lang, "help-did-you-mean", suggestion = s),
                (_, None) if known.is_empty() => t!(in lang, "help-unknown-theme-key"),
                (_, None) => t!(in lang, "help-known-keys", keys = known.join(", ")),
            },
            Problem::MissingKey { key, within } => {
                t!(in lang, "help-missing-key", key = *key, within = *within)
            }
            Problem::EmptyValue(key) => t!(in lang, "help-empty-value", key = *key),
            Problem::WrongType { .. } => return None,
            Problem::InvalidDate { .. } => t!(in lang, "help-invalid-date"),
            Problem::UnknownProvince { suggestions, .. } => {
                if suggestions.is_empty() {
                    t!(in lang, "help-unknown-province")
                } else {
                    let list = quote_list(lang, suggestions);
                    t!(in lang, "help-did-you-mean-any", suggestions = list)
                }
            }
            Problem::DocumentNumber(_) => t!(in lang, "help-invalid-document-number"),
            Problem::InvalidSlug { .. } => t!(in lang, "help-invalid-slug"),
            Problem::DuplicateSlug { .. } => t!(in lang, "help-duplicate-slug"),
            Problem::Attachment { help, .. } => part(lang, help),
            Problem::InvalidValue { expected, .. } => {
                let expected = part(lang, expected);
                t!(in lang, "help-expected", expected = expected)
            }
            Problem::Template(_) => t!(in lang, "help-template"),
            Problem::Output { help, .. } => part(lang, help),
            Problem::Classified { fix, .. } => {
                t!(in lang, "help-classified", fix = part(lang, fix))
            }
            Problem::NotAnArticle(_) => t!(in lang, "help-not-an-article"),
            Problem::Encoding(_) => t!(in lang, "help-encoding"),
            Problem::FileExists => t!(in lang, "help-file-exists"),
            Problem::FolderNotEmpty(_) => t!(in lang, "help-folder-not-empty"),
            Problem::DateInFuture(_) => t!(in lang, "help-date-in-future"),
            Problem::DateTooEarly(_) => t!(in lang, "help-date-too-early"),
            Problem::TemplateBudget(_) => t!(in lang, "help-template-budget"),
            Problem::UnreadableInput { fix, .. } => part(lang, fix),
            Problem::ProvinceNotInForce { suggestion, .. } => match suggestion {
                Some(s) => t!(in lang, "help-province-not-in-force-use", province = *s),
                None => t!(in lang, "help-province-not-in-force"),
            },
            Problem::DocumentAfterConclusion { .. } => {
                t!(in lang, "help-document-after-conclusion")
            }
            Problem::RegistryMismatch { .. } => t!(in lang, "help-registry-mismatch"),
            Problem::DuplicateConclusion { .. } => t!(in lang, "help-duplicate-conclusion"),
            Problem::EmptyBody => t!(in lang, "help-empty-body"),
            Problem::TooLong { key: "title", .. } => t!(in lang, "help-title-too-long"),
            Problem::TooLong { .. } => t!(in lang, "help-summary-too-long"),
            Problem::BrokenLink { suggestion, .. } => match suggestion {
                Some(s) => t!(in lang, "help-did-you-mean", suggestion = s),
                None => t!(in lang, "help-broken-link"),
            },
            Problem::BrokenOutputLink { .. } => t!(in lang, "help-broken-output-link"),
            Problem::UnusedTemplate { closest, .. } => match closest {
                Some(c) => t!(in lang, "help-unused-template-closest", closest = c),
                None => t!(in lang, "help-unused-template"),
            },
            Problem::PortalIncomplete { missing } => {
                let keys = missing.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>();
                t!(in lang, "help-portal-incomplete", keys = keys.join(", "))
            }
            Problem::UnpublishedFile(_) => t!(in lang, "help-unpublished-file"),
            Problem::CommentInValue { fixed, .. } => {
                t!(in lang, "help-comment-in-value", fixed = fixed)
            }
            Problem::TagsInOneString { fixed } => {
                t!(in lang, "help-tags-in-one-string", fixed = fixed)
            }
            Problem::UncheckedImport { .. } => t!(in lang, "help-unchecked-import"),
            Problem::WindowsName { rename, .. } => {
                t!(in lang, "help-windows-name", rename = rename)
            }
            Problem::CaseClash { rename, .. } => t!(in lang, "help-case-clash", rename = rename),
        })
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_in(crate::i18n::current()))
    }
}

impl std::error::Error for Problem {}

/// `"text"`, as Rust's `{:?}` wrote values in messages (escapes included).
fn quoted(s: &str) -> String {
    format!("{s:?}")
}

/// `` `a` or `b` ``, in `lang`.
fn quote_list(lang: Language, items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("`{s}`")).collect();
    quoted.join(&t!(in lang, "list-or"))
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

    /// [`Diagnostic::with_source`] for a part of a file, `text`, that starts on file
    /// line `first_line` (a conclusion's body).
    pub fn with_source_from(mut self, text: &str, first_line: usize) -> Self {
        if let Some(i) = self.location.line.checked_sub(first_line) {
            self.source_line = text
                .lines()
                .nth(i)
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
        let label = self.severity().name();
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
            out.push_str(&format!("\n  = {}", t!("diagnostic-help", help = help)));
        }
        out.push_str(&format!(
            "\n  = {}",
            t!("diagnostic-see", command = self.problem.see())
        ));
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
        return t!("check-no-problems");
    }
    let mut files: Vec<&Path> = diagnostics
        .iter()
        .map(|d| d.location.file.as_path())
        .collect();
    files.sort();
    files.dedup();
    t!(
        "check-summary",
        errors = errors,
        warnings = warnings,
        files = files.len()
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
mod code_tests {
    /// [`super::CODES`] lists exactly the codes that `Problem::code` gives (read from
    /// this file's source, so that a new code cannot be left out).
    #[test]
    fn the_list_of_codes_is_complete() {
        let source = include_str!("diagnostic.rs");
        let start = source.find("pub fn code(&self)").unwrap();
        let end = start + source[start..].find("\n    }\n").unwrap();
        let mut given: Vec<&str> = source[start..end]
            .split("=> \"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        given.sort();
        given.dedup();
        let mut listed = super::CODES.to_vec();
        listed.sort();
        assert_eq!(given, listed);
    }
}

/// A part of a message a stage names by its catalogue id (`part-…`, `expected-…`),
/// in `lang`; text that is no id (an operating system's words) as it is.
fn part(lang: Language, id: &str) -> String {
    crate::i18n::tr_in(lang, id, &[])
}

/// An encoding's name as people know it, in `lang`.
pub fn encoding_name(encoding: Encoding, lang: Language) -> String {
    match encoding {
        Encoding::Tcvn3AsLatin1 => t!(in lang, "encoding-tcvn3-as-latin1"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A report shows no control character of a user's file, and of a long line
    /// only a stretch around the column, with the caret still under it.
    #[test]
    fn reports_escape_controls_and_cut_long_lines() {
        let line = format!("{}\u{1b}[2J{}", "a".repeat(300), "b".repeat(300));
        let d = Diagnostic::new(
            Location::at("content/a.md", 3, 301),
            Problem::NotUtf8 { detected: None },
        )
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

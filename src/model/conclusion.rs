//! One published conclusion: the validated form of one `content/**/*.md` file.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use jiff::civil::Date;

use super::body::Mention;
use super::docnum::DocumentNumber;
use super::province::Province;
use super::slug::Slug;

/// A file published beside its conclusion's page.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Attachment {
    /// File name, as listed in the front matter (no folders).
    pub name: String,
    /// Path on disk.
    pub path: PathBuf,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Conclusion {
    /// The file it came from, relative to the site root.
    pub file: PathBuf,
    pub slug: Slug,
    pub title: String,
    /// The meeting's date.
    #[serde(with = "super::persist::date")]
    pub date: Date,
    /// The unit named in the front matter, as it existed on `date`.
    #[serde(with = "super::persist::unit")]
    pub province: &'static Province,
    /// The body that concluded (cơ quan).
    pub body: Option<String>,
    pub chaired_by: Option<String>,
    pub signed_by: Option<String>,
    /// The notice's own number, if published as one.
    pub number: Option<DocumentNumber>,
    /// Documents its front matter lists, in order, without repeats.
    pub documents: Vec<DocumentNumber>,
    /// Citations found in the body (none with `references: manual`).
    pub mentions: Vec<Mention>,
    pub tags: Vec<String>,
    /// Trích yếu as written in the front matter.
    pub summary: Option<String>,
    /// The body's first paragraph, as text.
    pub lead: String,
    pub source: Option<String>,
    pub author: Option<String>,
    pub attachments: Vec<Attachment>,
    /// Names of files beside it that its body links to (relative links, as written).
    pub linked: Vec<String>,
    /// Files copied beside the page: the attachments and the files its body links
    /// to (or, with `publish_unlisted`, every file of its folder when it is alone
    /// there).
    pub files: Vec<Attachment>,
    pub draft: bool,
    /// The Markdown body and the file line it starts on.
    pub markdown: Markdown,
    pub markdown_line: usize,
}

/// A conclusion's Markdown body (NFC, LF line endings).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Markdown {
    /// In memory. Shared: `serve` keeps parsed files between rebuilds and hands out
    /// copies, and `check` reads bodies again and again.
    Kept(#[serde(with = "super::persist::shared_text")] Arc<str>),
    /// Read again from its file when the page is rendered. A build reads each body
    /// once more, and need not hold them all: 100,000 conclusions' are 950 MB.
    Stored(StoredText),
}

/// Where a body is found again, and how to know the file still holds it. Only a file
/// whose bytes are its text (UTF-8, NFC, LF, no BOM) is stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StoredText {
    /// The file, as the loader opened it.
    pub path: PathBuf,
    /// The file's stamp when it was loaded (taken before it was read, so a write
    /// during the read shows too).
    pub stamp: Stamp,
    /// Where the body starts in the file, and its length.
    pub start: usize,
    pub len: usize,
    /// [`text_digest`] of the body: what a page key counts it by, without reading it.
    pub digest: u128,
}

/// A body's hash, standing for its text in page keys.
pub fn text_digest(text: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(text.as_bytes())
}

/// What is known of a file without reading it: its modification time and length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stamp {
    modified: SystemTime,
    len: u64,
}

impl Stamp {
    pub fn new(modified: SystemTime, len: u64) -> Stamp {
        Stamp { modified, len }
    }

    /// `None` when the file cannot be examined.
    pub fn of(path: &Path) -> Option<Stamp> {
        Stamp::of_metadata(&std::fs::metadata(path).ok()?)
    }

    /// `None` when the file system gives no modification time.
    pub fn of_metadata(meta: &std::fs::Metadata) -> Option<Stamp> {
        Some(Stamp {
            modified: meta.modified().ok()?,
            len: meta.len(),
        })
    }
}

impl Markdown {
    /// [`text_digest`] of the body, without reading a stored one again.
    pub fn digest(&self) -> u128 {
        match self {
            Markdown::Kept(text) => text_digest(text),
            Markdown::Stored(stored) => stored.digest,
        }
    }

    /// The body. A stored one is read from its file again; that fails if the file
    /// is gone or changed since it was loaded (edited during the build).
    pub fn text(&self) -> std::io::Result<Arc<str>> {
        let stored = match self {
            Markdown::Kept(text) => return Ok(text.clone()),
            Markdown::Stored(stored) => stored,
        };
        let changed = || {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "the file changed while the site was being built; build again",
            )
        };
        let file = std::fs::File::open(&stored.path)?;
        let meta = file.metadata()?;
        if Stamp::of_metadata(&meta) != Some(stored.stamp) {
            return Err(changed());
        }
        let bytes = crate::text::source::read_len(file, meta.len())?;
        // Only a file whose bytes were its text is stored, so they need no decoding.
        let text = crate::text::source::utf8(bytes).map_err(|_| changed())?;
        match text.get(stored.start..) {
            Some(body) if body.len() == stored.len => Ok(Arc::from(body)),
            _ => Err(changed()),
        }
    }
}

/// Two kept bodies are equal when their texts are; two stored ones when they are the
/// same stretch of the same file as loaded at the same modification time.
impl PartialEq for Markdown {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Markdown::Kept(a), Markdown::Kept(b)) => a == b,
            (Markdown::Stored(a), Markdown::Stored(b)) => a == b,
            _ => false,
        }
    }
}

impl Eq for Markdown {}

impl Conclusion {
    /// The summary to show: the front matter's, else the lead paragraph.
    pub fn summary_or_lead(&self) -> &str {
        self.summary.as_deref().unwrap_or(&self.lead)
    }

    /// Whether `other` differs from this conclusion only in what nothing but its own
    /// page reads: the Markdown text, where the body starts in the file, and where in
    /// the text each citation stands. Every index of the site and every listing of
    /// it are then the same for both (what an editor's save of a body usually is).
    /// Exhaustive on purpose: a field added later must be placed on one side.
    pub fn same_but_text(&self, other: &Conclusion) -> bool {
        let Conclusion {
            file,
            slug,
            title,
            date,
            province,
            body,
            chaired_by,
            signed_by,
            number,
            documents,
            mentions,
            tags,
            summary,
            lead,
            source,
            author,
            attachments,
            linked,
            files,
            draft,
            markdown: _,
            markdown_line: _,
        } = self;
        *file == other.file
            && *slug == other.slug
            && *title == other.title
            && *date == other.date
            && *province == other.province
            && *body == other.body
            && *chaired_by == other.chaired_by
            && *signed_by == other.signed_by
            && *number == other.number
            && *documents == other.documents
            && mentions.len() == other.mentions.len()
            && mentions
                .iter()
                .zip(&other.mentions)
                .all(|(a, b)| a.same_but_place(b))
            && *tags == other.tags
            && *summary == other.summary
            && *lead == other.lead
            && *source == other.source
            && *author == other.author
            && *attachments == other.attachments
            && *linked == other.linked
            && *files == other.files
            && *draft == other.draft
    }

    /// Newest first; ties broken by title in Vietnamese order, then slug, so every
    /// listing is deterministic.
    pub fn timeline_order(a: &Conclusion, b: &Conclusion) -> std::cmp::Ordering {
        b.date
            .cmp(&a.date)
            .then_with(|| crate::text::compare(&a.title, &b.title))
            .then_with(|| a.slug.cmp(&b.slug))
    }
}

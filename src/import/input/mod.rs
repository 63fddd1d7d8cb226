//! The files people have, read as an article's text: plain text or Markdown, a saved
//! web page (HTML), a Word document (DOCX) and a PDF with a text layer. The kind is
//! told from the content (magic bytes, markup), not the file's extension; every kind
//! has a budget (size, decompressed size, elements, time), and what cannot be read is
//! refused with the reason and what to do instead.

mod docx;
mod html;
mod pdf;

use crate::t;
use std::fmt;

use crate::text::encoding::{self, Encoding, Unreadable};

pub use pdf::child_main as pdf_child_main;

/// The largest file `import` reads: articles and notices are far smaller.
pub(super) const MAX_FILE_BYTES: usize = 64 << 20;

/// What a file was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Docx,
    Pdf,
}

impl Format {
    /// The kind of file, in the current language.
    pub fn name(self) -> String {
        match self {
            Format::Text => crate::t!("import-format-text"),
            Format::Html => crate::t!("import-format-html"),
            Format::Docx => crate::t!("import-format-docx"),
            Format::Pdf => crate::t!("import-format-pdf"),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Text => "text",
            Format::Html => "web page (HTML)",
            Format::Docx => "Word document (DOCX)",
            Format::Pdf => "PDF",
        })
    }
}

/// A file read as text.
#[derive(Debug, Clone)]
pub(super) struct Read {
    pub text: String,
    pub format: Format,
    pub encoding: Encoding,
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum InputError {
    /// Text in no encoding `import` knows, at this byte.
    Encoding(Unreadable),
    /// Another kind of file, or a damaged or oversized one: why and what to do.
    Refused { reason: String, fix: &'static str },
}

impl InputError {
    fn refused(reason: impl Into<String>, fix: &'static str) -> Self {
        InputError::Refused {
            reason: reason.into(),
            fix,
        }
    }
}

/// Read a file's bytes as an article's text.
pub(super) fn read(bytes: &[u8]) -> Result<Read, InputError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(InputError::refused(
            t!(
                "import-too-large",
                size = bytes.len() >> 20,
                limit = MAX_FILE_BYTES >> 20
            ),
            "part-too-large-fix",
        ));
    }
    let utf8 = |text: String, format| Read {
        text,
        format,
        encoding: Encoding::Utf8,
    };
    match sniff(bytes) {
        Sniffed::Pdf => pdf::text(bytes).map(|t| utf8(t, Format::Pdf)),
        Sniffed::Zip => docx::text(bytes).map(|t| utf8(t, Format::Docx)),
        Sniffed::OldWord => Err(InputError::refused(
            t!("import-old-word"),
            "part-old-word-fix",
        )),
        Sniffed::Image(kind) => Err(InputError::refused(
            t!("import-image", kind = kind.to_string()),
            "part-image-fix",
        )),
        Sniffed::Other => {
            let (text, encoding) = encoding::decode(bytes).map_err(InputError::Encoding)?;
            if html::is_html(&text) {
                return html::text(&text).map(|t| Read {
                    text: t,
                    format: Format::Html,
                    encoding,
                });
            }
            Ok(Read {
                text,
                format: Format::Text,
                encoding,
            })
        }
    }
}

enum Sniffed {
    Pdf,
    Zip,
    OldWord,
    Image(&'static str),
    Other,
}

fn sniff(bytes: &[u8]) -> Sniffed {
    // A PDF's header may follow up to 1024 bytes of junk (ISO 32000-1, 7.5.2 note).
    let head = &bytes[..bytes.len().min(1024)];
    if memchr::memmem::find(head, b"%PDF-").is_some() {
        return Sniffed::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Sniffed::Zip;
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Sniffed::OldWord;
    }
    for (magic, kind) in [
        (&b"\x89PNG"[..], "PNG"),
        (b"\xFF\xD8\xFF", "JPEG"),
        (b"GIF8", "GIF"),
        (b"II*\0", "TIFF"),
        (b"MM\0*", "TIFF"),
    ] {
        if bytes.starts_with(magic) {
            return Sniffed::Image(kind);
        }
    }
    Sniffed::Other
}

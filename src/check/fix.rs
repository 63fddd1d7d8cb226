//! `ketluan check --fix`: the mechanical fixes that need no judgement, applied in
//! place. A file in UTF-16 or a legacy encoding is written as UTF-8, text not in NFC
//! is composed, and in front matter only the lines that the slip detectors report
//! with a fixed line of their own are replaced by it: Word's curly quotes, the
//! full-width colon, tabs in the indentation, a plain value holding `: ` or ` #`
//! (quoted), a comma-separated tag string (made a list). The body is never touched
//! but for its encoding and NFC, line endings are kept, and each file is written
//! whole (a new file renamed over the old), so an editor's file is never half
//! written.

use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::diagnostic::{self, Diagnostic, Location, Problem, Slip};
use crate::i18n::Language;
use crate::load::{self, frontmatter, slips, yaml};
use crate::t;
use crate::text::{self, encoding::Encoding};

/// The largest file fixed, as the load stage reads.
const LIMIT: u64 = 32 << 20;

/// What was changed in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    /// Relative to the site root.
    pub file: PathBuf,
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Written as UTF-8, read in this encoding.
    Encoding(Encoding),
    /// Composed to NFC.
    Nfc,
    /// Front-matter line `line` replaced by `fixed`.
    Line {
        line: usize,
        kind: Kind,
        fixed: String,
    },
}

/// Which slip a replaced line had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    WordQuote,
    FullwidthColon,
    TabIndent,
    Quoted,
    TagsList,
}

impl Change {
    /// What was done, in `lang`.
    pub fn describe(&self, lang: Language) -> String {
        match self {
            Change::Encoding(e) => {
                let encoding = diagnostic::encoding_name(*e, lang);
                t!(in lang, "fix-encoding", encoding = encoding)
            }
            Change::Nfc => t!(in lang, "fix-nfc"),
            Change::Line { line, kind, fixed } => {
                let line = *line;
                match kind {
                    Kind::WordQuote => t!(in lang, "fix-word-quote", line = line, fixed = fixed),
                    Kind::FullwidthColon => {
                        t!(in lang, "fix-fullwidth-colon", line = line, fixed = fixed)
                    }
                    Kind::TabIndent => t!(in lang, "fix-tab-indent", line = line, fixed = fixed),
                    Kind::Quoted => t!(in lang, "fix-quoted", line = line, fixed = fixed),
                    Kind::TagsList => t!(in lang, "fix-tags-list", line = line, fixed = fixed),
                }
            }
        }
    }
}

/// Fix the site at `root`: every changed file with what changed, and the files that
/// could not be written.
pub fn fix(root: &Path) -> (Vec<Fixed>, Vec<Diagnostic>) {
    let mut fixed = Vec::new();
    let mut problems = Vec::new();
    for (path, front_matter) in files(root) {
        let rel = diagnostic::relative(root, &path);
        let Ok(bytes) = load::file::read_regular(&path, LIMIT) else {
            // `check` reports what cannot be read.
            continue;
        };
        let Some((out, changes)) = fix_bytes(&bytes, front_matter) else {
            continue;
        };
        match write_whole(&path, &out) {
            Ok(()) => fixed.push(Fixed { file: rel, changes }),
            Err(e) => problems.push(Diagnostic::new(Location::file(rel), Problem::output(&e))),
        }
    }
    (fixed, problems)
}

/// The site's text files: `site.yaml`, the data files of `content/` (encoding
/// only) and its Markdown files (`true`: with front matter), as the load stage
/// walks them.
fn files(root: &Path) -> Vec<(PathBuf, bool)> {
    let mut out = vec![(root.join(load::config::FILE), false)];
    let content = root.join(load::CONTENT_DIR);
    out.push((content.join("_documents.yaml"), false));
    let walker = walkdir::WalkDir::new(&content)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0
                || !(name.starts_with('.') || name.starts_with('_') || name.ends_with('~'))
        });
    for entry in walker.flatten() {
        let markdown = entry
            .path()
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"));
        if entry.file_type().is_file() && markdown {
            out.push((entry.into_path(), true));
        }
    }
    out
}

/// The bytes of a file fixed, and what changed; `None` when nothing needs to (or
/// the file reads in no known encoding, which `check` reports).
pub fn fix_bytes(bytes: &[u8], front_matter: bool) -> Option<(Vec<u8>, Vec<Change>)> {
    let (text, encoding) = text::encoding::decode_raw(bytes).ok()?;
    let mut changes = Vec::new();
    if encoding != Encoding::Utf8 {
        changes.push(Change::Encoding(encoding));
    }
    let text = if text::is_nfc(&text) {
        text
    } else {
        changes.push(Change::Nfc);
        text::nfc(&text)
    };
    let mut lines = Lines::of(&text);
    if front_matter {
        changes.extend(fix_front_matter(&mut lines));
    }
    if changes.is_empty() {
        return None;
    }
    // A UTF-8 byte-order mark is kept: Notepad writes one, and every reader skips it.
    let bom = encoding == Encoding::Utf8 && bytes.starts_with(b"\xEF\xBB\xBF");
    let mut out = if bom {
        b"\xEF\xBB\xBF".to_vec()
    } else {
        Vec::new()
    };
    out.extend(lines.join().into_bytes());
    (out != bytes).then_some((out, changes))
}

/// A text's lines with their own endings (`\r\n`, `\r`, `\n` or none), which are
/// written back as they were.
struct Lines {
    lines: Vec<(String, &'static str)>,
}

impl Lines {
    fn of(text: &str) -> Self {
        let mut lines = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            let (line, ending, next) = match rest.find(['\r', '\n']) {
                None => (rest, "", ""),
                Some(i) if rest[i..].starts_with("\r\n") => (&rest[..i], "\r\n", &rest[i + 2..]),
                Some(i) if rest[i..].starts_with('\r') => (&rest[..i], "\r", &rest[i + 1..]),
                Some(i) => (&rest[..i], "\n", &rest[i + 1..]),
            };
            lines.push((line.to_string(), ending));
            rest = next;
        }
        Lines { lines }
    }

    /// The text with LF endings, as the detectors read it (lines keep their numbers).
    fn lf(&self) -> String {
        let mut s = String::new();
        for (line, ending) in &self.lines {
            s.push_str(line);
            if !ending.is_empty() {
                s.push('\n');
            }
        }
        s
    }

    fn join(&self) -> String {
        self.lines.iter().map(|(l, e)| format!("{l}{e}")).collect()
    }
}

/// Replace each front-matter line that a detector reports with its fixed line,
/// again until none is left (a line may hold two slips, and a YAML error can hide
/// the next).
fn fix_front_matter(lines: &mut Lines) -> Vec<Change> {
    let mut changes = Vec::new();
    // Each round fixes at least one line; a line fixed twice over is a bug to stop.
    for _ in 0..lines.lines.len() * 3 + 3 {
        let lf = lines.lf();
        let Ok(split) = frontmatter::split(&lf) else {
            break;
        };
        let yaml_lines = split.yaml_line..split.body_line - 1;
        let mut round: Vec<(usize, Kind, String)> = line_fixes(split.yaml, split.yaml_line);
        round.retain(|(line, _, fixed)| {
            yaml_lines.contains(line) && lines.lines[line - 1].0 != *fixed
        });
        round.dedup_by_key(|(line, ..)| *line);
        if round.is_empty() {
            break;
        }
        for (line, kind, fixed) in round {
            lines.lines[line - 1].0 = fixed.clone();
            changes.push(Change::Line { line, kind, fixed });
        }
    }
    changes
}

/// The fixes the detectors give for `yaml` (from file line `first_line`), by line.
fn line_fixes(yaml: &str, first_line: usize) -> Vec<(usize, Kind, String)> {
    let slip = |e: yaml::YamlError| match e.problem {
        Problem::YamlSlip { slip, fixed } if !fixed.is_empty() => {
            let kind = match slip {
                Slip::WordQuote(_) => Kind::WordQuote,
                Slip::FullwidthColon => Kind::FullwidthColon,
                Slip::TabIndent => Kind::TabIndent,
                Slip::ColonInValue { .. } => Kind::Quoted,
                // The others need a person: where a quote was meant to end, say.
                _ => return None,
            };
            Some((e.line, kind, fixed))
        }
        _ => None,
    };
    let mut found: Vec<_> = slips::find_all(yaml, first_line)
        .into_iter()
        .filter_map(slip)
        .collect();
    if found.is_empty() {
        // libyaml stops at the first error: a `: ` in a value is found one at a time.
        found.extend(yaml::parse_mapping(yaml, first_line).err().and_then(slip));
    }
    found.extend(
        super::slips::in_front_matter(yaml, first_line)
            .into_iter()
            .filter_map(|((line, _), problem)| match problem {
                Problem::CommentInValue { fixed, .. } => Some((line, Kind::Quoted, fixed)),
                Problem::TagsInOneString { fixed } => Some((line, Kind::TagsList, fixed)),
                _ => None,
            }),
    );
    found.sort_by_key(|(line, ..)| *line);
    found
}

/// Write `bytes` to `path` whole: a new file beside it, flushed to disk, then
/// renamed over it, keeping its permissions.
fn write_whole(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    // A hidden name, which the load stage skips should it be left behind.
    let partial = path.with_file_name(format!(".{name}.ketluan-fix"));
    let _ = std::fs::remove_file(&partial);
    let written = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&partial)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            file.set_permissions(meta.permissions())?;
        }
        drop(file);
        std::fs::rename(&partial, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(text: &str) -> (String, Vec<Change>) {
        let (out, changes) = fix_bytes(text.as_bytes(), true).expect("a fix");
        (String::from_utf8(out).unwrap(), changes)
    }

    #[test]
    fn front_matter_lines_are_fixed_and_the_body_is_kept() {
        let body = "Nội dung: “giữ nguyên” #không đổi\r\n\ttab\r\n";
        let text = format!(
            "---\r\ntitle: “Kết luận: về đất đai”\r\nprovince： Hà Tĩnh\r\ntags: a, b #c\r\n\
             summary: Tóm tắt: một câu\r\nbody: x #y\r\n---\r\n{body}"
        );
        let (out, changes) = fixed(&text);
        assert_eq!(
            out,
            format!(
                "---\r\ntitle: \"Kết luận: về đất đai\"\r\nprovince: Hà Tĩnh\r\n\
                 tags: \"a, b #c\"\r\nsummary: \"Tóm tắt: một câu\"\r\nbody: \"x #y\"\r\n---\r\n{body}"
            )
        );
        assert_eq!(changes.len(), 5, "{changes:?}");
        assert!(fix_bytes(out.as_bytes(), true).is_none());
    }

    #[test]
    fn tags_become_a_list_and_judgement_is_left_alone() {
        let (out, _) = fixed("---\ntitle: \"a\" b\ntags: đất đai, môi trường, 2024\n---\n");
        assert_eq!(
            out,
            "---\ntitle: \"a\" b\ntags: [đất đai, môi trường, \"2024\"]\n---\n"
        );
    }

    #[test]
    fn encodings_and_nfc() {
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(
            "---\ntitle: Hà\n---\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        let (out, changes) = fix_bytes(&utf16, true).unwrap();
        assert_eq!(out, b"---\ntitle: H\xc3\xa0\n---\n");
        assert_eq!(changes, [Change::Encoding(Encoding::Utf16)]);
        let (out, changes) = fixed("---\ntitle: Ha\u{300}\n---\nTi\u{303}nh\n");
        assert_eq!(out, "---\ntitle: Hà\n---\nTĩnh\n");
        assert_eq!(changes, [Change::Nfc]);
        assert!(fix_bytes("\u{FEFF}---\ntitle: a\n---\n".as_bytes(), true).is_none());
    }
}

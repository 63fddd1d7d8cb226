//! A conclusion file written by ketluan itself (`new`, `import`): every front-matter
//! key present, the optional ones left empty commented out, and the values an editor
//! should look at marked with a YAML comment `# kiểm tra lại`.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::text;

/// The mark on a value an editor must check (it was guessed, or not found).
pub const REVIEW: &str = "# kiểm tra lại";

/// One front-matter value and whether the editor must check it (and why).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Value {
    pub value: Option<String>,
    /// `Some(reason)`: marked `# kiểm tra lại: reason`.
    pub review: Option<String>,
}

impl Value {
    pub fn sure(value: impl Into<String>) -> Self {
        Self {
            value: Some(value.into()),
            review: None,
        }
    }
    pub fn guessed(value: impl Into<String>, why: impl Into<String>) -> Self {
        Self {
            value: Some(value.into()),
            review: Some(why.into()),
        }
    }
    pub fn missing(why: impl Into<String>) -> Self {
        Self {
            value: None,
            review: Some(why.into()),
        }
    }
    pub fn optional(value: Option<String>) -> Self {
        Self {
            value,
            review: None,
        }
    }
}

/// A conclusion to write. `date` is ISO (`2021-11-01`); `province` a name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub title: Value,
    pub date: Value,
    pub province: Value,
    pub body: Value,
    pub chaired_by: Value,
    pub signed_by: Value,
    /// The conclusion's own number (`445-KL/TU`).
    pub number: Value,
    pub resolutions: Vec<String>,
    pub summary: Value,
    pub source: Value,
    pub author: Value,
    /// The Markdown body.
    pub markdown: String,
}

impl Draft {
    /// The file's text: front matter with every key, then the body.
    pub fn to_file(&self) -> String {
        let mut out = String::from("---\n");
        let mut key = |name: &str, v: &Value, quoted: bool| {
            let line = match &v.value {
                Some(s) if quoted => format!("{name}: {}", quote(s)),
                Some(s) => format!("{name}: {}", scalar(s)),
                None if v.review.is_some() => format!("{name}:"),
                None => format!("# {name}:"),
            };
            match &v.review {
                Some(why) if why.is_empty() => out.push_str(&format!("{line}  {REVIEW}\n")),
                Some(why) => out.push_str(&format!("{line}  {REVIEW}: {why}\n")),
                None => out.push_str(&format!("{line}\n")),
            }
        };
        key("title", &self.title, true);
        key("date", &self.date, false);
        key("province", &self.province, false);
        key("body", &self.body, false);
        key("chaired_by", &self.chaired_by, false);
        key("signed_by", &self.signed_by, false);
        key("number", &self.number, true);
        if self.resolutions.is_empty() {
            out.push_str("# resolutions: []\n");
        } else {
            let items: Vec<String> = self.resolutions.iter().map(|r| flow_item(r)).collect();
            out.push_str(&format!("resolutions: [{}]\n", items.join(", ")));
        }
        out.push_str("# tags: []\n");
        let mut key = |name: &str, v: &Value| {
            let line = match &v.value {
                Some(s) => format!("{name}: {}", quote(s)),
                None => format!("# {name}:"),
            };
            match &v.review {
                Some(why) => out.push_str(&format!("{line}  {REVIEW}: {why}\n")),
                None => out.push_str(&format!("{line}\n")),
            }
        };
        key("summary", &self.summary);
        key("source", &self.source);
        let author = match &self.author.value {
            Some(a) => format!("author: {}\n", scalar(a)),
            None => "# author:\n".to_string(),
        };
        out.push_str(&author);
        out.push_str("# attachments: []\n# slug:\n# draft: false\n# references: auto\n---\n");
        if !self.markdown.trim().is_empty() {
            out.push('\n');
            out.push_str(self.markdown.trim_end());
            out.push('\n');
        }
        out
    }

    /// `{date}-{province}-{title}.md` from the parts that are known, as a slug.
    pub fn file_name(&self, fallback: &str) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(d) = &self.date.value {
            parts.push(d.clone());
        }
        if let Some(p) = &self.province.value {
            parts.push(text::slugify(p));
        }
        if let Some(t) = &self.title.value {
            parts.push(shorten(&text::slugify(t), TITLE_SLUG_MAX));
        }
        parts.retain(|p| !p.is_empty());
        if parts.is_empty() {
            parts.push(text::slugify(fallback));
        }
        // A slug holds none of the characters Windows refuses, but may be a device name.
        text::portable::portable(&format!("{}.md", parts.join("-")))
    }
}

/// Titles are long; file names (and so URLs) keep their first words.
const TITLE_SLUG_MAX: usize = 60;

/// A slug cut at the last `-` before `max` bytes.
fn shorten(slug: &str, max: usize) -> String {
    if slug.len() <= max {
        return slug.to_string();
    }
    let cut = slug[..max].rfind('-').unwrap_or(max);
    slug[..cut].to_string()
}

/// Write `contents` to `path`, refusing to replace an existing file.
pub fn write_new(path: &Path, contents: &str) -> std::io::Result<PathBuf> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(contents.as_bytes())?;
    Ok(path.to_path_buf())
}

/// A YAML double-quoted string.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A plain YAML scalar when that reads back as the same string, else quoted.
fn scalar(s: &str) -> String {
    let special_start = s.starts_with([
        '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@',
        '`', ' ',
    ]);
    let ambiguous = matches!(
        s.to_ascii_lowercase().as_str(),
        "" | "~" | "null" | "true" | "false" | "yes" | "no" | "on" | "off"
    ) || s.parse::<f64>().is_ok();
    if special_start
        || ambiguous
        || s.contains(": ")
        || s.contains(" #")
        || s.ends_with([' ', ':'])
        || s.contains(['\n', '\t'])
    {
        quote(s)
    } else {
        s.to_string()
    }
}

/// An item of a flow sequence `[a, b]`.
fn flow_item(s: &str) -> String {
    if s.contains([',', '[', ']', '{', '}']) {
        quote(s)
    } else {
        scalar(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_read_back() {
        assert_eq!(scalar("Hà Tĩnh"), "Hà Tĩnh");
        assert_eq!(scalar("UBND tỉnh: x"), "\"UBND tỉnh: x\"");
        assert_eq!(scalar("2021"), "\"2021\"");
        assert_eq!(scalar("no"), "\"no\"");
        assert_eq!(quote("a \"b\" \\"), "\"a \\\"b\\\" \\\\\"");
        assert_eq!(flow_item("05-NQ/TU"), "05-NQ/TU");
    }

    #[test]
    fn file_names() {
        let d = Draft {
            title: Value::sure(
                "Kết luận của Ban Thường vụ Tỉnh ủy tại Hội nghị cán bộ chủ chốt các xã, phường, thị trấn",
            ),
            date: Value::sure("2023-03-22"),
            province: Value::sure("Hà Tĩnh"),
            ..Draft::default()
        };
        assert_eq!(
            d.file_name("x"),
            "2023-03-22-ha-tinh-ket-luan-cua-ban-thuong-vu-tinh-uy-tai-hoi-nghi-can-bo-chu.md"
        );
        assert_eq!(Draft::default().file_name("Bài 1"), "bai-1.md");
        // Imported from CON.docx or NUL.txt: a name Windows can hold.
        assert_eq!(Draft::default().file_name("CON"), "con-1.md");
        assert_eq!(Draft::default().file_name("nul"), "nul-1.md");
    }
}

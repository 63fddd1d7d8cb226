//! Splitting a conclusion file into its YAML front matter and Markdown body.

use crate::diagnostic::Problem;

/// The two parts of a file, with the 1-based file line each starts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    pub yaml_line: usize,
    pub body: &'a str,
    pub body_line: usize,
}

/// Front matter is delimited by `---` lines; blank lines may precede it. `text` has
/// LF line endings (see [`crate::text::source::decode`]). The error carries its line.
pub fn split(text: &str) -> Result<Split<'_>, (Problem, usize)> {
    let mut offset = 0;
    let mut line = 1;
    // Skip leading blank lines.
    for l in text.split_inclusive('\n') {
        if !l.trim().is_empty() {
            break;
        }
        offset += l.len();
        line += 1;
    }
    let rest = &text[offset..];
    let first = rest.split_inclusive('\n').next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err((Problem::MissingFrontMatter, line));
    }
    let open_line = line;
    let yaml_start = offset + first.len();
    let mut pos = yaml_start;
    for (current, l) in (line + 1..).zip(text[yaml_start..].split_inclusive('\n')) {
        let trimmed = l.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Ok(Split {
                yaml: &text[yaml_start..pos],
                yaml_line: open_line + 1,
                body: &text[pos + l.len()..],
                body_line: current + 1,
            });
        }
        pos += l.len();
    }
    Err((Problem::UnclosedFrontMatter, open_line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_lines() {
        let s = split("\n---\ntitle: a\n---\nbody\n").unwrap();
        assert_eq!(s.yaml, "title: a\n");
        assert_eq!(s.yaml_line, 3);
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn missing_and_unclosed() {
        assert_eq!(
            split("title: a\n").unwrap_err(),
            (Problem::MissingFrontMatter, 1)
        );
        assert_eq!(
            split("---\ntitle: a\n").unwrap_err(),
            (Problem::UnclosedFrontMatter, 1)
        );
        assert_eq!(split("").unwrap_err().0, Problem::MissingFrontMatter);
    }

    #[test]
    fn empty_body_and_dashes_in_body() {
        let s = split("---\na: 1\n---").unwrap();
        assert_eq!(s.body, "");
        let s = split("---\na: 1\n---\ntext\n---\nmore").unwrap();
        assert_eq!(s.body, "text\n---\nmore");
    }
}

//! Front-matter lines that YAML reads without complaint but not as the editor meant:
//! ` #word` in an unquoted value starts a comment (the rest is dropped), `tags: a, b` is
//! one tag, and `# kiểm tra lại` marks a value `import` guessed and nobody checked.

use crate::diagnostic::{Diagnostic, Problem};
use crate::draft::REVIEW;
use crate::load::{frontmatter, slips};

use super::Source;

pub(super) fn check(sources: &[Source]) -> Vec<Diagnostic> {
    sources.iter().flat_map(in_source).collect()
}

fn in_source(src: &Source) -> Vec<Diagnostic> {
    let Ok(split) = frontmatter::split(&src.text) else {
        return Vec::new();
    };
    in_front_matter(split.yaml, split.yaml_line)
        .into_iter()
        .map(|(at, problem)| src.at(at, problem))
        .collect()
}

/// The slips of front matter `yaml` (starting on file line `yaml_line`), each at its
/// line and column.
pub(crate) fn in_front_matter(yaml: &str, yaml_line: usize) -> Vec<((usize, usize), Problem)> {
    let mut found = Vec::new();
    for (i, line) in yaml.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        let number = yaml_line + i;
        let column_of = |byte: usize| line[..byte].chars().count() + 1;
        if let Some(at) = line.find(REVIEW) {
            let reason = line[at + REVIEW.len()..]
                .trim_start_matches(':')
                .trim()
                .to_string();
            found.push(((number, column_of(at)), Problem::UncheckedImport { reason }));
            continue;
        }
        if line.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        let Some((key, value)) = line.split_once(": ") else {
            continue;
        };
        let start = key.len() + 2 + (value.len() - value.trim_start().len());
        let value = value.trim();
        if value.is_empty() || value.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '!']) {
            continue;
        }
        // `# note` (a space after `#`) is how comments are written, as in the files
        // `init` and `new` write; `#quan trọng` glued to a word is meant as text.
        let glued = value
            .match_indices(" #")
            .map(|(i, _)| i)
            .find(|&i| value[i + 2..].starts_with(|c: char| !c.is_whitespace()));
        if let Some(hash) = glued {
            let Some(fixed) = slips::quoted(line) else {
                continue;
            };
            let dropped = value[hash + 1..].to_string();
            found.push((
                (number, column_of(start + hash + 1)),
                Problem::CommentInValue {
                    key: key.to_string(),
                    dropped,
                    fixed,
                },
            ));
        } else if key == "tags" && value.contains(',') {
            let tags: Vec<String> = value
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(list_item)
                .collect();
            let fixed = format!("tags: [{}]", tags.join(", "));
            found.push((
                (number, column_of(start)),
                Problem::TagsInOneString { fixed },
            ));
        }
    }
    found
}

/// A tag as an item of a `[…]` list: in double quotes when YAML would read it as
/// anything but text.
fn list_item(tag: &str) -> String {
    let special = tag.starts_with(['"', '\'', '&', '*', '!', '|', '>', '%', '@', '`', '-', '?'])
        || tag.contains([':', '#', '[', ']', '{', '}', '"'])
        || tag.parse::<f64>().is_ok()
        || matches!(
            tag.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "~"
        );
    if special {
        format!("\"{}\"", tag.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        tag.to_string()
    }
}

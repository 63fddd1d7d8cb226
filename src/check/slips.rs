//! Front-matter lines that YAML reads without complaint but not as the editor meant:
//! ` #word` in an unquoted value starts a comment (the rest is dropped), `tags: a, b` is
//! one tag, and `# kiểm tra lại` marks a value `import` guessed and nobody checked.

use crate::diagnostic::{Diagnostic, Problem};
use crate::draft::REVIEW;
use crate::load::frontmatter;

use super::Source;

pub(super) fn check(sources: &[Source]) -> Vec<Diagnostic> {
    sources.iter().flat_map(in_source).collect()
}

fn in_source(src: &Source) -> Vec<Diagnostic> {
    let Ok(split) = frontmatter::split(&src.text) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (i, line) in split.yaml.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        let number = split.yaml_line + i;
        let column_of = |byte: usize| line[..byte].chars().count() + 1;
        if let Some(at) = line.find(REVIEW) {
            let reason = line[at + REVIEW.len()..]
                .trim_start_matches(':')
                .trim()
                .to_string();
            found.push(src.at((number, column_of(at)), Problem::UncheckedImport { reason }));
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
            let fixed = format!("{key}: \"{}\"", value.replace('"', "\\\""));
            let dropped = value[hash + 1..].to_string();
            found.push(src.at(
                (number, column_of(start + hash + 1)),
                Problem::CommentInValue {
                    key: key.to_string(),
                    dropped,
                    fixed,
                },
            ));
        } else if key == "tags" && value.contains(',') {
            let tags: Vec<&str> = value
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .collect();
            let fixed = format!("tags: [{}]", tags.join(", "));
            found.push(src.at(
                (number, column_of(start)),
                Problem::TagsInOneString { fixed },
            ));
        }
    }
    found
}

//! Slips that editors make in YAML, typing in Word or by hand, that libyaml reports
//! in words nobody understands (`did not find expected key`) or not at all (a title
//! wrapped in Word's curly quotes keeps them). Each is found before YAML parses,
//! at its exact line and column, with the line as it should be written.

use crate::diagnostic::{Problem, Slip};

use super::yaml::YamlError;

/// The first slip in `source` (YAML starting on line `first_line` of its file).
pub(crate) fn find(source: &str, first_line: usize) -> Option<YamlError> {
    find_all(source, first_line).into_iter().next()
}

/// Every line's slip in `source`, in line order: what `check --fix` mends.
pub(crate) fn find_all(source: &str, first_line: usize) -> Vec<YamlError> {
    let mut found = Vec::new();
    let mut block_indent: Option<usize> = None;
    for (i, line) in source.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        // The lines of a `|` or `>` block are text, not syntax.
        if let Some(block) = block_indent {
            if line.trim().is_empty() || indent > block {
                continue;
            }
            block_indent = None;
        }
        let content = &line[indent..];
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if let Some((slip, column, fixed)) = slip_in(line, indent) {
            found.push(YamlError {
                line: first_line + i,
                column,
                problem: Problem::YamlSlip { slip, fixed },
            });
            continue;
        }
        let value = value_of(content);
        if value.is_some_and(|v| v.starts_with(['|', '>'])) {
            block_indent = Some(indent);
        }
    }
    found
}

/// `key: value` written with the value in double quotes (`\` and `"` escaped), for
/// a plain value that holds `: ` or ` #`. `None` for a line that is no `key: value`.
pub(crate) fn quoted(line: &str) -> Option<String> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let content = &line[indent..];
    let key_end = content.find(':')?;
    let value = content[key_end + 1..].trim();
    if value.is_empty() {
        return None;
    }
    let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
    Some(format!("{}: \"{escaped}\"", &line[..indent + key_end]))
}

/// The value of a `key: value` or `- value` line, without leading spaces.
fn value_of(content: &str) -> Option<&str> {
    if let Some(item) = content.strip_prefix("- ") {
        return Some(item.trim_start());
    }
    let colon = content
        .find(": ")
        .or_else(|| content.strip_suffix(':').map(|k| k.len()))?;
    Some(content[colon + 1..].trim_start())
}

/// One line's slip: what, at which 1-based column (in chars), and the line fixed.
fn slip_in(line: &str, indent: usize) -> Option<(Slip, usize, String)> {
    let column_of = |byte: usize| line[..byte].chars().count() + 1;
    if let Some(tab) = line[..indent].find('\t') {
        let fixed = format!("{}{}", line[..indent].replace('\t', "  "), &line[indent..]);
        return Some((Slip::TabIndent, column_of(tab), fixed));
    }
    let content = &line[indent..];
    // `title：…`: a key, then the full-width colon of a Vietnamese or Chinese keyboard.
    let key_end = content
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(content.len());
    if key_end > 0 && content[key_end..].trim_start().starts_with('：') {
        let at = indent + key_end + content[key_end..].find('：').unwrap_or(0);
        let after = line[at + '：'.len_utf8()..].trim_start();
        let fixed = format!("{}: {after}", &line[..indent + key_end]);
        return Some((Slip::FullwidthColon, column_of(at), fixed));
    }
    let value = value_of(content)?;
    let start = line.len() - value.len();
    let value = value.trim_end();
    // “…” or ‘…’ around the whole value: Word's quotes, which YAML keeps as text.
    if let Some(open) = value
        .chars()
        .next()
        .filter(|c| matches!(c, '“' | '‘' | '”'))
    {
        let last = value.chars().next_back().unwrap_or(open);
        if value.chars().count() > 1 && matches!(last, '”' | '’' | '“') {
            let inner = &value[open.len_utf8()..value.len() - last.len_utf8()];
            let fixed = format!("{}\"{}\"", &line[..start], inner.replace('"', "\\\""));
            return Some((Slip::WordQuote(open), column_of(start), fixed));
        }
    }
    if let Some(inner) = value.strip_prefix('"') {
        let close = closing_quote(inner)?;
        let rest = inner[close + 1..].trim_start();
        if rest.is_empty() || rest.starts_with('#') {
            return None;
        }
        let after = start + 1 + close + 1;
        if rest.ends_with('"') {
            // `"Kết luận "Dân vận khéo""`: the quote meant as text closed the value.
            let whole = &value[1..value.len() - 1];
            let fixed = format!("{}'{}'", &line[..start], whole.replace('\'', "''"));
            return Some((Slip::QuoteInsideQuotes, column_of(start + 1 + close), fixed));
        }
        let text = line[after..].trim_end();
        let fixed = format!("{}\"{}{}\"", &line[..start], &inner[..close], text);
        return Some((
            Slip::TextAfterQuote,
            column_of(after + (line[after..].len() - line[after..].trim_start().len())),
            fixed,
        ));
    }
    None
}

/// The byte index of the `"` that closes a double-quoted value (`\"` is escaped).
fn closing_quote(inner: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in inner.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(i),
            _ => escaped = false,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slip(yaml: &str) -> (usize, usize, Slip, String) {
        let e = find(yaml, 2).expect("a slip");
        match e.problem {
            Problem::YamlSlip { slip, fixed } => (e.line, e.column, slip, fixed),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn each_slip_at_its_column_with_the_line_fixed() {
        assert_eq!(
            slip("date: 2024-01-02\ntitle: “Kết luận số 12”\n"),
            (
                3,
                8,
                Slip::WordQuote('“'),
                "title: \"Kết luận số 12\"".into()
            )
        );
        assert_eq!(
            slip("title： Kết luận\n"),
            (2, 6, Slip::FullwidthColon, "title: Kết luận".into())
        );
        assert_eq!(
            slip("tags:\n\t- đất đai\n"),
            (3, 1, Slip::TabIndent, "  - đất đai".into())
        );
        assert_eq!(
            slip("title: \"Kết luận\" số 12\n"),
            (
                2,
                19,
                Slip::TextAfterQuote,
                "title: \"Kết luận số 12\"".into()
            )
        );
        assert_eq!(
            slip("title: \"Kết luận \"Dân vận khéo\"\"\n"),
            (
                2,
                18,
                Slip::QuoteInsideQuotes,
                "title: 'Kết luận \"Dân vận khéo\"'".into()
            )
        );
    }

    #[test]
    fn every_line_is_looked_at_and_values_are_quoted_whole() {
        let all = find_all("title: “a”\ndate: 2024-01-02\nprovince： b\n", 2);
        let lines: Vec<usize> = all.iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 4]);
        assert_eq!(
            quoted("title: Kết luận: về \"x\" C:\\y").as_deref(),
            Some("title: \"Kết luận: về \\\"x\\\" C:\\\\y\"")
        );
        assert_eq!(quoted("tags:"), None);
    }

    #[test]
    fn what_is_right_is_left_alone() {
        for yaml in [
            "title: \"Kết luận\" # a comment\n",
            "title: Về “Dân vận khéo” trong cơ sở\n",
            "title: \"a \\\"b\\\" c\"\n",
            "summary: |\n  “Dân vận khéo”\n  \tthụt lề\n",
            "# “chú thích”\ntitle: a\n",
            "base_url: https://example.gov.vn/\n",
        ] {
            assert_eq!(find(yaml, 1), None, "{yaml}");
        }
    }
}

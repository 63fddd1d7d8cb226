//! The kept blocks of an article as a Markdown body: paragraphs separated by blank
//! lines, subheadings as `##`, numbered points as an ordered list whose following
//! paragraphs and bullets stay inside the point, bullets as `-` lists.

use super::blocks::{Block, Kind, bullet};

pub(super) fn body(blocks: &[Block]) -> String {
    let kept: Vec<&Block> = blocks
        .iter()
        .filter(|b| {
            matches!(
                b.kind,
                Kind::Paragraph
                    | Kind::Subheading
                    | Kind::Numbered { .. }
                    | Kind::Bullet
                    | Kind::Table
            )
        })
        .collect();
    let last_point = kept
        .iter()
        .rposition(|b| matches!(b.kind, Kind::Numbered { level: 1, .. }));
    let mut out = String::new();
    // Indentation of the current top-level point's content, when inside one.
    let mut indent: Option<String> = None;
    let mut previous: Option<&Kind> = None;
    for (i, b) in kept.iter().enumerate() {
        match &b.kind {
            Kind::Subheading => indent = None,
            Kind::Numbered { level: 1, .. } => indent = None,
            // After the last point, a paragraph after its bullets is the article again.
            Kind::Paragraph
                if last_point.is_some_and(|l| i > l) && matches!(previous, Some(Kind::Bullet)) =>
            {
                indent = None
            }
            _ => {}
        }
        let pad = indent.clone().unwrap_or_default();
        let tight = (matches!(previous, Some(Kind::Bullet)) && b.kind == Kind::Bullet)
            || (matches!(previous, Some(Kind::Table)) && b.kind == Kind::Table);
        if !out.is_empty() {
            out.push_str(if tight { "\n" } else { "\n\n" });
        }
        match &b.kind {
            Kind::Subheading => {
                out.push_str("## ");
                out.push_str(&inline(&b.text));
            }
            Kind::Numbered { marker, level: 1 } => {
                let number: String = marker.chars().filter(char::is_ascii_digit).collect();
                let rest = b.text[marker.len()..].trim_start();
                out.push_str(&format!("{number}. {}", inline(rest)));
                indent = Some(" ".repeat(number.len() + 2));
            }
            Kind::Bullet => {
                let rest = bullet(&b.text).unwrap_or(&b.text);
                out.push_str(&format!("{pad}- {}", inline(rest)));
            }
            // Written by the Word reader as a table; kept as it is.
            Kind::Table => out.push_str(&format!("{pad}{}", b.text.trim())),
            _ => out.push_str(&format!("{pad}{}", paragraph(&b.text))),
        }
        previous = Some(&b.kind);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// Inline text with Markdown's active characters escaped.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '<' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A paragraph: inline escapes, and a first character that would start another block
/// (`#`, `>`, `-`, `+`, `=`, `|`, `2021. `) escaped.
fn paragraph(text: &str) -> String {
    let escaped = inline(text);
    let starts_block = escaped.starts_with(['#', '>', '-', '+', '=', '|', '~']);
    if starts_block {
        return format!("\\{escaped}");
    }
    let digits = escaped.bytes().take_while(u8::is_ascii_digit).count();
    let after = &escaped[digits..];
    let marker = [". ", ") "].iter().any(|m| after.starts_with(m)) || after == "." || after == ")";
    if digits > 0 && digits <= 9 && marker {
        return format!("{}\\{}", &escaped[..digits], &escaped[digits..]);
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str, kind: Kind) -> Block {
        Block {
            line: 1,
            text: text.into(),
            kind,
        }
    }

    #[test]
    fn points_and_bullets() {
        let numbered = |m: &str, level| Kind::Numbered {
            marker: m.into(),
            level,
        };
        let md = body(&[
            block("Mở đầu *x*.", Kind::Paragraph),
            block("1. Một.", numbered("1.", 1)),
            block("Tiếp.", Kind::Paragraph),
            block("1.1. Nhỏ.", numbered("1.1.", 2)),
            block("- a", Kind::Bullet),
            block("-B", Kind::Bullet),
            block("2. Hai.", numbered("2.", 1)),
            block("- c", Kind::Bullet),
            block("Kết.", Kind::Paragraph),
            block("# không phải tiêu đề", Kind::Paragraph),
        ]);
        assert_eq!(
            md,
            "Mở đầu \\*x\\*.\n\n1. Một.\n\n   Tiếp.\n\n   1.1. Nhỏ.\n\n   - a\n   - B\n\n2. Hai.\n\n   - c\n\nKết.\n\n\\# không phải tiêu đề\n"
        );
    }
}

//! `ketluan explain CODE`: the troubleshooting guide's section about one code, in
//! the reader's language. The guides (docs/troubleshooting.md and
//! docs/vi/troubleshooting.md) are compiled in, so this works offline on an
//! editor's computer; they stay the one source of the text.

use crate::i18n::Language;

const ENGLISH: &str = include_str!("../docs/troubleshooting.md");
const VIETNAMESE: &str = include_str!("../docs/vi/troubleshooting.md");

/// The guide in `lang`, as written.
pub fn guide(lang: Language) -> &'static str {
    match lang {
        Language::Vi => VIETNAMESE,
        Language::En => ENGLISH,
    }
}

/// The section about `code` (from its `` ### `code` `` heading to the next
/// heading), or `None` when the guide has no such section.
pub fn section(lang: Language, code: &str) -> Option<&'static str> {
    let guide = guide(lang);
    let heading = format!("### `{code}`");
    let start = guide.match_indices(&heading).map(|(i, _)| i).find(|&i| {
        (i == 0 || guide[..i].ends_with('\n'))
            && guide[i + heading.len()..].starts_with(['\n', '\r'])
    })?;
    let body = &guide[start..];
    let end = body
        .match_indices("\n#")
        .map(|(i, _)| i)
        .find(|&i| i > 0)
        .unwrap_or(body.len());
    Some(body[..end].trim_end())
}

/// Every code that has a section in `lang`'s guide.
pub fn codes(lang: Language) -> Vec<&'static str> {
    guide(lang)
        .lines()
        .filter_map(|l| l.strip_prefix("### `")?.strip_suffix('`'))
        .collect()
}

/// The code nearest to a mistyped one, for the error's help.
pub fn nearest(lang: Language, code: &str) -> Option<&'static str> {
    codes(lang)
        .into_iter()
        .map(|c| (strsim::jaro_winkler(code, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::CODES;

    #[test]
    fn every_code_has_a_section_in_both_guides() {
        for lang in [Language::Vi, Language::En] {
            for code in CODES {
                let text = section(lang, code)
                    .unwrap_or_else(|| panic!("{} guide: no section for `{code}`", lang.code()));
                assert!(text.lines().count() > 1, "{code}: an empty section");
            }
        }
    }

    #[test]
    fn a_section_ends_at_the_next_heading() {
        let text = section(Language::En, "unknown-key").unwrap();
        assert!(text.starts_with("### `unknown-key`"));
        assert!(!text.contains("### `missing-key`"));
        let vi = section(Language::Vi, "unknown-key").unwrap();
        assert!(vi.contains("Cách sửa"), "{vi}");
        assert_eq!(section(Language::En, "no-such-code"), None);
        assert_eq!(nearest(Language::En, "unknwn-key"), Some("unknown-key"));
    }
}

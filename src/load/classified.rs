//! Secrecy and circulation marks. A document stamped `MẬT`, `TỐI MẬT`, `TUYỆT MẬT` or
//! `LƯU HÀNH NỘI BỘ`, or whose front matter has a `classification`, must never be
//! published (36-HD/VPTW's "dấu chỉ mức độ mật" and "phạm vi lưu hành"). Finding one is
//! an error of the load stage, so `build` and `check` both stop on it.
//!
//! `mật` is also an everyday word (bí mật, mật độ, thân mật, mật ong, ong mật, mật mía),
//! so a lone `mật` counts only where it reads as a stamp: written in capitals outside
//! those words (next to one across spaces only, so `NUÔI ONG LẤY MẬT` is a heading), alone
//! on its line, in brackets, or after `Độ mật:`. The two-word levels and the
//! circulation phrase count in any case.

use std::path::Path;

use super::yaml::Fields;
use crate::diagnostic::{Diagnostic, Location, Problem};
use crate::text;

/// A mark found in a file: 1-based line and column (in characters) and the words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub line: usize,
    pub column: usize,
    pub text: String,
}

/// The end of the help for a classified file in `content/`.
const TAKE_OUT: &str = "part-classified-take-out";

/// The front-matter key that declares a classification.
pub const KEY: &str = "classification";

/// Every classification problem of a conclusion file: its `classification` key and
/// each stamp in its text (front matter values included).
pub fn check(file: &Path, text: &str, fields: Option<&Fields>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let key_line = fields.and_then(|f| f.get(KEY)).map(|field| {
        let value = match &field.value {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Null => String::new(),
            other => other.to_string(),
        };
        let problem = Problem::Classified {
            reason: crate::t!("why-classified-key", key = KEY, value = value),
            fix: TAKE_OUT,
        };
        out.push(
            Diagnostic::new(Location::at(file, field.line, field.column), problem)
                .with_source(text),
        );
        field.line
    });
    for mark in find_marks(text) {
        if Some(mark.line) == key_line {
            continue;
        }
        let problem = Problem::Classified {
            reason: crate::t!("why-classified-mark", mark = mark.text.as_str()),
            fix: TAKE_OUT,
        };
        out.push(
            Diagnostic::new(Location::at(file, mark.line, mark.column), problem).with_source(text),
        );
    }
    out
}

/// Every secrecy or circulation mark in `text` (NFC), in order.
pub fn find_marks(text: &str) -> Vec<Mark> {
    let mut marks = Vec::new();
    // Most texts have neither: byte scans, and no line is folded or looked at.
    if !has_mat(text) && !may_fold_to_luu(text) {
        return marks;
    }
    // Folding keeps every line break, so line i of the folded text is line i's fold.
    let folded = text::fold(text);
    let mut folded_lines = folded.lines();
    for (i, line) in text.lines().enumerate() {
        let luu = folded_lines.next().is_some_and(|f| f.contains("luu"));
        if !luu && !has_mat(line) {
            continue;
        }
        let words = words(line);
        let mut k = 0;
        while k < words.len() {
            match mark_at(line, &words, k) {
                Some(n) => {
                    let text = words[k..k + n]
                        .iter()
                        .map(|w| w.text)
                        .collect::<Vec<_>>()
                        .join(" ");
                    marks.push(Mark {
                        line: i + 1,
                        column: words[k].column,
                        text,
                    });
                    k += n;
                }
                None => k += 1,
            }
        }
    }
    marks
}

/// Whether `line` has a word whose lower case may be `mật` (`m`, `ậ`, `t` in either
/// case: `ậ` is the lower case of `Ậ` alone), which every mark but the circulation
/// phrase has (that one has a word folding to `luu`). A byte scan, much cheaper than
/// cutting the line into words, which most lines need not be. Neither `ậ` alone (tập,
/// nhận) nor a folded `mat` (mặt bằng, mất) would do: both fill ordinary text.
fn has_mat(line: &str) -> bool {
    let b = line.as_bytes();
    // `ậ` is E1 BA AD and `Ậ` E1 BA AC in UTF-8.
    memchr::memmem::find_iter(b, "\u{1EAD}".as_bytes())
        .chain(memchr::memmem::find_iter(b, "\u{1EAC}".as_bytes()))
        .any(|i| {
            i > 0 && matches!(b[i - 1], b'm' | b'M') && matches!(b.get(i + 3), Some(b't' | b'T'))
        })
}

/// Whether [`text::fold`] of `text` may contain `luu`, without folding it. A char
/// folding to `l` is `l`, `L` or one of `Ĺĺ Ļļ Ľľ` (U+0139–U+013E, lead byte C4) and
/// `Ḷḷ Ḹḹ Ḻḻ Ḽḽ` (U+1E36–U+1E3D, E1 B8), so only those places are looked at (a test
/// checks the list against every code point). A char the table does not fold alone
/// (a mark, a rare script) answers "maybe": the caller then folds the text.
fn may_fold_to_luu(text: &str) -> bool {
    let b = text.as_bytes();
    let mut starts =
        memchr::memchr3_iter(b'l', b'L', 0xC4, b).chain(memchr::memmem::find_iter(b, b"\xE1\xB8"));
    starts.any(|i| {
        // Most `l`s have an ASCII letter after them, and only `u` folds to `u`.
        if b[i] < 0x80
            && b.get(i + 1)
                .is_some_and(|&n| n < 0x80 && !matches!(n, b'u' | b'U'))
        {
            return false;
        }
        let mut folds = text[i..].chars().map(text::fold_char);
        for want in ['l', 'u', 'u'] {
            match folds.next() {
                Some(Some(f)) if f == want => {}
                Some(None) => return true,
                _ => return false,
            }
        }
        true
    })
}

struct Word<'a> {
    text: &'a str,
    /// 1-based column in characters.
    column: usize,
    /// Byte range in the line.
    start: usize,
    end: usize,
}

fn words(line: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    for (column, (b, c)) in line.char_indices().enumerate() {
        let in_word = c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c);
        match (in_word, start) {
            (true, None) => start = Some((b, column + 1)),
            (false, Some((s, col))) => {
                out.push(Word {
                    text: &line[s..b],
                    column: col,
                    start: s,
                    end: b,
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some((s, col)) = start {
        out.push(Word {
            text: &line[s..],
            column: col,
            start: s,
            end: line.len(),
        });
    }
    out
}

/// Words around `MẬT` in capitals that make it an ordinary word, not a stamp: secrecy
/// words (bí mật, mật khẩu), density and closeness (mật độ, mật thiết), and honey,
/// molasses and bile (ong mật, lấy mật, mật mía, mật rỉ, mật gấu), common in headings
/// on farming. A stamp stands alone, so a neighbour from these lists never hides one.
const NOT_BEFORE: &[&str] = &[
    "bí",
    "bảo",
    "cơ",
    "thân",
    "độ",
    "giữ",
    "tiết",
    "lộ",
    "ong",
    "lấy",
    "hút",
    "nấu",
    "mía",
    "đường",
    "rỉ",
];
const NOT_AFTER: &[&str] = &[
    "độ",
    "thiết",
    "khẩu",
    "mã",
    "ong",
    "vụ",
    "báo",
    "thư",
    "đàm",
    "danh",
    "phục",
    "ước",
    "mía",
    "đường",
    "rỉ",
    "ngọt",
    "hoa",
    "gấu",
    "đắng",
    "nhân",
    "lệnh",
    "thám",
    "sứ",
    "ngữ",
];

/// How many words starting at `k` form a mark, if any.
fn mark_at(line: &str, words: &[Word], k: usize) -> Option<usize> {
    let lower = |i: usize| words.get(i).map(|w| w.text.to_lowercase());
    let folded = |i: usize| words.get(i).map(|w| text::fold(w.text));
    let w = lower(k)?;
    if w == "lưu" || folded(k).as_deref() == Some("luu") {
        let rest: Vec<Option<String>> = (k + 1..k + 4).map(folded).collect();
        if rest
            == [
                Some("hanh".to_string()),
                Some("noi".to_string()),
                Some("bo".to_string()),
            ]
        {
            return Some(4);
        }
        return None;
    }
    if (w == "tối" || w == "tuyệt") && lower(k + 1).as_deref() == Some("mật") {
        return Some(2);
    }
    if w != "mật" {
        return None;
    }
    let word = &words[k];
    let before = k.checked_sub(1).and_then(lower);
    let after = lower(k + 1);
    let capitals = word.text == "MẬT";
    // A neighbour makes a compound only across spaces: `nuôi ong. MẬT` is a stamp.
    let joined = |a: &Word, b: &Word| line[a.end..b.start].chars().all(char::is_whitespace);
    let compound_before =
        before.as_deref().is_some_and(|b| NOT_BEFORE.contains(&b)) && joined(&words[k - 1], word);
    let compound_after =
        after.as_deref().is_some_and(|a| NOT_AFTER.contains(&a)) && joined(word, &words[k + 1]);
    if capitals && !compound_before && !compound_after {
        return Some(1);
    }
    // Alone on its line (Markdown emphasis, quotes and punctuation aside), or alone
    // as a front-matter value (`title: "Mật"`).
    let key_value = words.len() == 2
        && k == 1
        && line.trim_start().starts_with(words[0].text)
        && line[words[0].end..].starts_with(':');
    if words.len() == 1 || key_value {
        return Some(1);
    }
    // `(Mật)`, `[mật]`.
    let open = line[..word.start].trim_end().ends_with(['(', '[']);
    let close = line[word.end..].trim_start().starts_with([')', ']']);
    if open && close {
        return Some(1);
    }
    // `Độ mật: Mật`.
    if before.as_deref() == Some("độ") {
        return None;
    }
    let label = k >= 2
        && lower(k - 2).as_deref() == Some("độ")
        && lower(k - 1).as_deref() == Some("mật")
        && line[words[k - 1].end..word.start].contains(':');
    label.then_some(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chars [`may_fold_to_luu`] starts from are every char whose fold has an `l`.
    #[test]
    fn every_char_folding_to_l_is_looked_at() {
        let looked_at = |c: char| {
            let s = c.to_string();
            let b = s.as_bytes();
            matches!(b[0], b'l' | b'L' | 0xC4) || b.starts_with(b"\xE1\xB8")
        };
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if text::fold(&c.to_string()).contains('l') {
                assert!(looked_at(c), "U+{:04X} folds to l", c as u32);
            }
        }
    }

    #[test]
    fn the_luu_prefilter_never_misses() {
        for t in [
            "LƯU HÀNH NỘI BỘ",
            "lưu hành nội bộ",
            "Lưu",
            "Ĺuu",
            "ḷưu",
            "lu\u{301}u",
            "l\u{301}uu",
            "Lũy kế lưu",
            "x\nLUU",
            "lo la lluu",
        ] {
            assert!(may_fold_to_luu(t), "{t}");
        }
        for t in ["lúa", "đường lối", "Ḷa", "", "l", "lu", "Đảng", "lo la Lul"] {
            assert_eq!(may_fold_to_luu(t), text::fold(t).contains("luu"), "{t}");
        }
    }

    fn marks(text: &str) -> Vec<(usize, usize, String)> {
        find_marks(text)
            .into_iter()
            .map(|m| (m.line, m.column, m.text))
            .collect()
    }

    #[test]
    fn stamps_are_found() {
        assert_eq!(marks("MẬT\nVăn bản"), [(1, 1, "MẬT".to_string())]);
        assert_eq!(marks("**Mật**"), [(1, 3, "Mật".to_string())]);
        assert_eq!(marks("Kết luận (mật)"), [(1, 11, "mật".to_string())]);
        assert_eq!(marks("x\n  TỐI MẬT"), [(2, 3, "TỐI MẬT".to_string())]);
        assert_eq!(marks("Tuyệt mật."), [(1, 1, "Tuyệt mật".to_string())]);
        assert_eq!(
            marks("Tài liệu lưu hành nội bộ"),
            [(1, 10, "lưu hành nội bộ".to_string())]
        );
        assert_eq!(
            marks("LƯU HÀNH NỘI BỘ"),
            [(1, 1, "LƯU HÀNH NỘI BỘ".to_string())]
        );
        assert_eq!(marks("Độ mật: Mật"), [(1, 9, "Mật".to_string())]);
        assert_eq!(marks("Tài liệu này là MẬT."), [(1, 17, "MẬT".to_string())]);
        assert_eq!(marks("title: \"Mật\""), [(1, 9, "Mật".to_string())]);
        // Stamps near honey words are still stamps.
        assert_eq!(marks("(MẬT)\nNuôi ong"), [(1, 2, "MẬT".to_string())]);
        assert_eq!(marks("# MẬT\nMẬT ONG"), [(1, 3, "MẬT".to_string())]);
        assert_eq!(
            marks("TỐI MẬT ONG"),
            [(1, 1, "TỐI MẬT".to_string())],
            "the levels count whatever follows"
        );
        assert_eq!(marks("Độ mật: Mật\nmật ong"), [(1, 9, "Mật".to_string())]);
        assert_eq!(marks("Sổ tay nuôi ong. MẬT."), [(1, 18, "MẬT".to_string())]);
    }

    #[test]
    fn lines_stay_aligned_with_their_fold() {
        // `ǅ` and U+0345 fold to other lengths, and the Greek line folds the slow way.
        let text = "ǅ ᾀ ῼ\r\n\nmột hai\nTài liệu LUU HANH NOI BO\nMẬT";
        assert_eq!(
            marks(text),
            [
                (4, 10, "LUU HANH NOI BO".to_string()),
                (5, 1, "MẬT".to_string())
            ]
        );
    }

    #[test]
    fn ordinary_words_are_not_stamps() {
        for text in [
            "Công tác bảo vệ bí mật nhà nước được tăng cường.",
            "BẢO VỆ BÍ MẬT NHÀ NƯỚC",
            "mật độ dân số, quan hệ mật thiết, thân mật, mật ong",
            "MẬT ĐỘ XÂY DỰNG",
            "Độ mật: thường",
            "Ông Mật phát biểu tại hội nghị.",
            "## NUÔI ONG LẤY MẬT",
            "II. PHÁT TRIỂN NGHỀ NUÔI ONG MẬT",
            "Sản phẩm: mật ong, MẬT MÍA.",
            "MẬT ONG HÀ TĨNH, MẬT RỈ, MẬT ĐƯỜNG, MẬT GẤU, MẬT HOA",
            "CHẾ BIẾN ĐƯỜNG MẬT, MÍA MẬT, RỈ MẬT",
            "MẬT KHẨU VÀ MẬT MÃ; QUAN HỆ MẬT THIẾT",
        ] {
            assert!(marks(text).is_empty(), "{text}: {:?}", marks(text));
        }
    }
}

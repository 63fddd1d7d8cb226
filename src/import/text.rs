//! Small readers of Vietnamese news prose shared by the importer's steps: words,
//! runs of capitalised words, sentences and people's names.

use crate::model::province;

/// Case- and tone-placement-insensitive key (see [`crate::text::match_key`]).
pub(super) fn key_of(s: &str) -> String {
    crate::text::match_key(s)
}

/// Capitalised words in a row, separated by spaces only (no punctuation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Run {
    /// Byte offset of the first word in the text.
    pub start: usize,
    pub words: Vec<String>,
}

/// Words: letters, digits and combining marks, with their byte offsets.
pub(super) fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (b, c) in text.char_indices() {
        let inside = c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c);
        match (inside, start) {
            (true, None) => start = Some(b),
            (false, Some(s)) => {
                out.push((s, &text[s..b]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

pub(super) fn is_surname(word: &str) -> bool {
    SURNAMES.contains(&word)
}

pub(super) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Every maximal run of capitalised words.
pub(super) fn capitalised_runs(text: &str) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut last_end: Option<usize> = None;
    for (start, word) in words(text) {
        if !is_capitalised(word) {
            last_end = None;
            continue;
        }
        let joined = last_end.is_some_and(|end| {
            let gap = &text[end..start];
            !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\u{a0}')
        });
        match runs.last_mut() {
            Some(run) if joined => run.words.push(word.to_string()),
            _ => runs.push(Run {
                start,
                words: vec![word.to_string()],
            }),
        }
        last_end = Some(start + word.len());
    }
    runs
}

/// Sentences of a paragraph: split after `.`, `!` or `?` followed by a space and a
/// capital letter (`TP. Hồ Chí Minh` is cut too; good enough for finding clauses).
pub(super) fn sentences(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(b, c)) in chars.iter().enumerate() {
        if matches!(c, '.' | '!' | '?')
            && chars.get(i + 1).is_some_and(|(_, n)| n.is_whitespace())
            && chars.get(i + 2).is_some_and(|(_, n)| n.is_uppercase())
        {
            let end = b + c.len_utf8();
            out.push((start, &text[start..end]));
            start = end;
        }
    }
    if start < text.len() {
        out.push((start, &text[start..]));
    }
    out.into_iter()
        .map(|(s, t)| {
            let trimmed = t.trim_start();
            (s + t.len() - trimmed.len(), trimmed)
        })
        .filter(|(_, t)| !t.is_empty())
        .collect()
}

/// Vietnamese family names, the Kinh's and the ethnic minorities' (Tày, Nùng, Thái,
/// Mường, Hmông, Dao, Ê Đê, Gia Rai, Ba Na…): a person's name starts with one.
const SURNAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đoàn", "Lâm", "Mai", "Trịnh", "Trương", "Cao", "Lương",
    "Hà", "Tô", "Chu", "Đào", "Thái", "Triệu", "Tạ", "Quách", "Lưu", "Kiều", "Vương", "Từ", "Hứa",
    "Phùng", "Quan", "Tăng", "Lại", "Nghiêm", "Châu", "Giang", "La", "Mạc", "Thân", "Diệp", "Doãn",
    "Kim", "Ninh", "Hầu", "Lã", "Lục", "Bạch", "Âu", "Tiêu", "Đàm", "Đồng", "Khúc", "Khương", "Lò",
    "Y", "Nông", "Sầm", "Lộc", "Tống", "Ung", "Chẩu", "Bế", "Ma", "Hà", "Lường", "Cầm", "Quàng",
    "Tòng", "Điêu", "Bàn", "Vi", "Linh", "Lành", "Sùng", "Giàng", "Vàng", "Mùa", "Lầu", "Thào",
    "Hờ", "Ksor", "Siu", "Rơ", "Rah", "Nay", "Kpă", "Rơ Mah", "Bạc", "Lù", "Sình", "Tẩn", "Chảo",
    "Phàn", "Lỳ", "Pờ", "Hoàng", "Mè", "Hoàng", "Nịnh", "Đèo", "Mông", "Tráng", "Nhữ", "Văn",
    "Thạch", "Sơn", "Danh", "Kiên", "Lăng", "Long", "Khổng", "Phí", "Mẫn", "Biện", "Cù",
];

/// Words that start a title or a group after a name (`Trần Thanh Mẫn Phó Chủ tịch`):
/// a name ends before them.
const AFTER_NAME: &[&str] = &[
    "Phó",
    "Chủ",
    "Bí",
    "Ủy",
    "Uỷ",
    "Trưởng",
    "Giám",
    "Thủ",
    "Tổng",
    "Bộ",
    "Ban",
    "Chánh",
    "Thượng",
    "Thiếu",
    "Đảng",
    "UBND",
    "HĐND",
    "MTTQ",
    "UVTW",
    "UVBTV",
];

/// People's names in `text`, in order: runs of two to five capitalised words (six for
/// Ê Đê and Gia Rai names: `Y Thanh Hà Niê Kđăm`) that start with a family name and
/// are not a place (`Lâm Đồng Trần Đức Quận` → `Trần Đức Quận`).
pub(super) fn names(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for run in capitalised_runs(text) {
        let mut words: &[String] = &run.words;
        // A province's name before the person's (`Bí thư Tỉnh ủy Hà Tĩnh Trần Thế Dũng`).
        for n in (2..=3).rev() {
            if words.len() > n + 1 && is_place(&words[..n].join(" ")) {
                words = &words[n..];
                break;
            }
        }
        if let Some(end) = words
            .iter()
            .skip(2)
            .position(|w| AFTER_NAME.contains(&w.as_str()))
        {
            words = &words[..end + 2];
        }
        let starts = words.first().is_some_and(|w| {
            SURNAMES.contains(&w.as_str()) || w.starts_with("H'") || w.starts_with("H’")
        });
        // `Kđăm`, `Knơng`, `Mlô`: minority names join consonants; no capital inside.
        let lower_rest = words
            .iter()
            .all(|w| w.chars().skip(1).all(|c| !c.is_uppercase()));
        let long = words
            .first()
            .is_some_and(|w| w == "Y" || w.starts_with('H'));
        let max = if long { 6 } else { 5 };
        if starts && (2..=max).contains(&words.len()) && lower_rest {
            let name = words.join(" ");
            if !is_place(&name) {
                out.push((run.start, name));
            }
        }
    }
    out
}

fn is_place(name: &str) -> bool {
    province::resolve(name, jiff::civil::Date::constant(2025, 6, 30)).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people() {
        let found = |t: &str| -> Vec<String> { names(t).into_iter().map(|(_, n)| n).collect() };
        assert_eq!(
            found("Ủy viên Trung ương Đảng - Bí thư Tỉnh ủy Hoàng Trung Dũng; Phó Bí thư"),
            ["Hoàng Trung Dũng"]
        );
        assert_eq!(
            found("đồng chí Bí thư Tỉnh ủy Lâm Đồng Trần Đức Quận đã"),
            ["Trần Đức Quận"]
        );
        assert_eq!(
            found("Trường Đại học Hà Tĩnh, UBND tỉnh Hà Tĩnh"),
            [] as [String; 0]
        );
    }

    #[test]
    fn split_sentences() {
        let s: Vec<&str> = sentences("Một câu. Hai câu; ba. bốn")
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(s, ["Một câu.", "Hai câu; ba. bốn"]);
        let s: Vec<&str> = sentences("A; B. C").into_iter().map(|(_, t)| t).collect();
        assert_eq!(s, ["A; B.", "C"]);
    }
}

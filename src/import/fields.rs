//! The front-matter fields of an imported article, each with where it was found and
//! how sure the importer is.

use jiff::civil::Date;

use super::blocks::{Block, Kind};
use super::text::{key_of, names, sentences, words};
use crate::model::province;

/// How sure a field is. `Guessed` and `Missing` are marked `# kiểm tra lại`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sureness {
    Found,
    Guessed,
    Missing,
}

/// A field's value, its sureness, and a sentence saying where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field<T> {
    pub value: Option<T>,
    pub sureness: Sureness,
    pub note: String,
}

impl<T> Field<T> {
    pub fn found(value: T, note: impl Into<String>) -> Self {
        Self {
            value: Some(value),
            sureness: Sureness::Found,
            note: note.into(),
        }
    }
    pub fn guessed(value: T, note: impl Into<String>) -> Self {
        Self {
            value: Some(value),
            sureness: Sureness::Guessed,
            note: note.into(),
        }
    }
    pub fn missing(note: impl Into<String>) -> Self {
        Self {
            value: None,
            sureness: Sureness::Missing,
            note: note.into(),
        }
    }
}

// ---------- the meeting's date ----------

/// A date as the text gives it: `Chiều 1/11` (no year), `Ngày 22/3/2023`, `Sáng nay`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextDate {
    pub day: Option<i8>,
    pub month: Option<i8>,
    pub year: Option<i16>,
    /// `nay` (0) or `qua` (-1): relative to the article's date.
    pub relative: Option<i64>,
    /// The words as written (`Chiều 1/11`).
    pub written: String,
    pub line: usize,
}

/// Where a meeting's date is told: at the start of a sentence, a time of day or
/// `Ngày` followed by a date.
const TIME_WORDS: &[&str] = &["sáng", "chiều", "tối", "trưa", "đêm", "ngày", "hôm"];

/// The first meeting date told in the first paragraphs, and the sentence telling it.
pub fn text_date(blocks: &[Block]) -> Option<(TextDate, String)> {
    let paragraphs = blocks.iter().filter(|b| b.is_content()).take(4);
    for b in paragraphs {
        for (_, sentence) in sentences(&b.text) {
            if let Some(mut d) = date_at(sentence) {
                d.line = b.line;
                return Some((d, sentence.to_string()));
            }
        }
    }
    None
}

fn date_at(s: &str) -> Option<TextDate> {
    let ws = words(s);
    let (_, first) = *ws.first()?;
    if ws[0].0 != 0 || !TIME_WORDS.contains(&first.to_lowercase().as_str()) {
        return None;
    }
    let mut end = first.len();
    let mut relative = None;
    if let Some(&(at, w)) = ws.get(1) {
        let w = w.to_lowercase();
        if (w == "nay" || w == "qua") && s[end..at].trim().is_empty() {
            relative = Some(if w == "nay" { 0 } else { -1 });
            end = at + w.len();
        }
    }
    if first.to_lowercase() == "hôm" && relative.is_none() {
        return None;
    }
    let rest = &s[end..];
    let skipped = rest.len() - rest.trim_start_matches([' ', '(']).len();
    let (day, month, year, used) = numeric_date(&rest[skipped..])
        .map(|(d, m, y, n)| (Some(d), Some(m), y, n))
        .unwrap_or((None, None, None, 0));
    if day.is_none() && relative.is_none() {
        return None;
    }
    let stop = end + skipped + used;
    let written = s[..stop].trim_end_matches(['(', ' ']).to_string();
    let closing = if s[stop..].starts_with(')') && written.contains('(') {
        ")"
    } else {
        ""
    };
    Some(TextDate {
        day,
        month,
        year,
        relative: if day.is_some() { None } else { relative },
        written: format!("{written}{closing}"),
        line: 0,
    })
}

/// `1/11`, `22/3/2023`, `15-6`, `22 tháng 3 năm 2023` at the start of `s`: day,
/// month, year and the bytes used.
fn numeric_date(s: &str) -> Option<(i8, i8, Option<i16>, usize)> {
    let b = s.as_bytes();
    let digits = |i: usize| {
        b.get(i..)
            .map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count())
    };
    let num = |i: usize, n: usize| s[i..i + n].parse::<i32>().ok();
    let d = digits(0);
    if !(1..=2).contains(&d) {
        return None;
    }
    let day = num(0, d)?;
    let (month, mut used) = match b.get(d) {
        Some(b'/' | b'-' | b'.') => {
            let m = digits(d + 1);
            if !(1..=2).contains(&m) {
                return None;
            }
            (num(d + 1, m)?, d + 1 + m)
        }
        Some(b' ') if s[d..].starts_with(" tháng ") => {
            let at = d + " tháng ".len();
            let m = digits(at);
            if !(1..=2).contains(&m) {
                return None;
            }
            (num(at, m)?, at + m)
        }
        _ => return None,
    };
    let mut year = None;
    let sep = b.get(used).copied();
    if matches!(sep, Some(b'/' | b'-' | b'.')) && digits(used + 1) == 4 {
        year = num(used + 1, 4);
        used += 5;
    } else if s[used..].starts_with(" năm ") && digits(used + " năm ".len()) == 4 {
        let at = used + " năm ".len();
        year = num(at, 4);
        used = at + 4;
    }
    if digits(used) > 0 || !(1..=31).contains(&day) || !(1..=12).contains(&month) {
        return None;
    }
    Some((day as i8, month as i8, year.map(|y| y as i16), used))
}

/// The meeting's date: the text's date completed with the header's or the dateline's
/// year, else the dateline.
pub fn meeting_date(
    told: Option<&TextDate>,
    header: Option<(i16, i8)>,
    dateline: Option<(Date, usize)>,
) -> Field<Date> {
    if let Some(t) = told {
        let at = format!("`{}` (line {})", t.written, t.line);
        if let (Some(day), Some(month)) = (t.day, t.month) {
            if let Some(year) = t.year
                && let Ok(d) = Date::new(year, month, day)
            {
                return Field::found(d, format!("from the text: {at}"));
            }
            let reference = header
                .map(|(y, m)| (y, m, format!("the header's {y}-{m:02}")))
                .or_else(|| {
                    dateline.map(|(d, l)| {
                        (
                            d.year(),
                            d.month(),
                            format!("the dateline's {} (line {l})", d.year()),
                        )
                    })
                });
            if let Some((y, m, source)) = reference {
                // A meeting told in a later month than the article's is last year's.
                let year = if month > m { y - 1 } else { y };
                if let Ok(d) = Date::new(year, month, day) {
                    let note = format!("from the text: {at}, year from {source}");
                    return if month == m || month + 1 == m {
                        Field::found(d, note)
                    } else {
                        Field::guessed(d, note)
                    };
                }
            }
            return Field::missing(format!("the text gives {at} but no year"));
        }
        if let (Some(offset), Some((d, l))) = (t.relative, dateline)
            && let Ok(date) = d.checked_add(jiff::Span::new().days(offset))
        {
            return Field::found(
                date,
                format!("from the text: {at}, relative to the dateline (line {l})"),
            );
        }
    }
    if let Some((d, l)) = dateline {
        return Field::guessed(
            d,
            format!(
                "from the dateline (line {l}): the article's date, not necessarily the meeting's"
            ),
        );
    }
    match header {
        Some((y, m)) => Field::missing(format!("only the month is known: {y}-{m:02} (header)")),
        None => Field::missing("no date in the text"),
    }
}

// ---------- the body that concluded ----------

/// Bodies that conclude, as matched (lower case) and as written in the front matter.
const BODIES: &[(&str, &str)] = &[
    ("ban thường vụ tỉnh ủy", "Ban Thường vụ Tỉnh ủy"),
    ("thường trực tỉnh ủy", "Thường trực Tỉnh ủy"),
    ("ban chấp hành đảng bộ tỉnh", "Ban Chấp hành Đảng bộ tỉnh"),
    ("thường trực hđnd tỉnh", "Thường trực HĐND tỉnh"),
    (
        "thường trực hội đồng nhân dân tỉnh",
        "Thường trực HĐND tỉnh",
    ),
    ("hđnd tỉnh", "HĐND tỉnh"),
    ("hội đồng nhân dân tỉnh", "HĐND tỉnh"),
    ("ubnd tỉnh", "UBND tỉnh"),
    ("ủy ban nhân dân tỉnh", "UBND tỉnh"),
    ("tỉnh ủy", "Tỉnh ủy"),
    ("ban thường vụ thành ủy", "Ban Thường vụ Thành ủy"),
    ("thường trực thành ủy", "Thường trực Thành ủy"),
    ("thành ủy", "Thành ủy"),
    ("thường trực hđnd thành phố", "Thường trực HĐND thành phố"),
    ("hđnd thành phố", "HĐND thành phố"),
    ("ubnd thành phố", "UBND thành phố"),
    ("ủy ban nhân dân thành phố", "UBND thành phố"),
];

/// What a body does at its meeting.
const MEETING_VERBS: &[&str] = &[
    "tổ chức",
    "làm việc",
    "có buổi làm việc",
    "họp",
    "kết luận",
    "chủ trì",
    "tiến hành",
    "đã tổ chức",
    "vừa tổ chức",
    "đã có buổi",
    "vừa có buổi",
    "đã họp",
    "nghe",
    "cho ý kiến",
    "thông báo kết luận",
];

/// Titles of people: a body after one of them is part of a person's title.
const ROLE_ENDINGS: &[&str] = &[
    "bí thư",
    "chủ tịch",
    "ủy viên",
    "trưởng ban",
    "chánh văn phòng",
    "văn phòng",
    "thành viên",
    "lãnh đạo",
    "đảng đoàn",
    "ban cán sự đảng",
    "cán sự đảng",
];

/// Bodies that do something in `text`, in order: (canonical name, byte in the key).
fn acting_bodies(text: &str, verbs: &[&str]) -> Vec<(&'static str, usize)> {
    let key = key_of(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < key.len() {
        if !key.is_char_boundary(i) || (i > 0 && key[..i].ends_with(char::is_alphanumeric)) {
            i += 1;
            continue;
        }
        let hit = BODIES.iter().find(|(k, _)| {
            key[i..].starts_with(k) && !key[i + k.len()..].starts_with(char::is_alphanumeric)
        });
        if let Some((k, name)) = hit {
            let before = key[..i].trim_end();
            let role = ROLE_ENDINGS.iter().any(|r| before.ends_with(r));
            let after = &key[i + k.len()..];
            if !role && followed_by_verb(after, verbs) {
                out.push((*name, i));
            }
            i += k.len();
        } else {
            i += 1;
        }
    }
    out
}

/// ` tổ chức …`, or a province's name then the verb (` hà tĩnh tổ chức`).
fn followed_by_verb(after: &str, verbs: &[&str]) -> bool {
    let starts = |s: &str| verbs.iter().any(|v| s.starts_with(&format!(" {v}")));
    if starts(after) {
        return true;
    }
    let ws: Vec<&str> = after.split(' ').skip(1).take(4).collect();
    (1..=3).any(|n| {
        ws.len() > n
            && ws[..n].iter().all(|w| w.chars().all(char::is_alphabetic))
            && province::resolve(&ws[..n].join(" "), Date::constant(2025, 6, 30)).is_ok()
            && starts(&format!(" {}", ws[n..].join(" ")))
    })
}

/// The body that concluded: the one meeting in the meeting's sentence, else the one
/// that concludes, else the title's (`UBND tỉnh: …`), else the one whose regular
/// meeting it was.
pub fn body(meeting: Option<&str>, title: Option<&str>, blocks: &[Block]) -> Field<String> {
    if let Some(s) = meeting
        && let Some((name, _)) = acting_bodies(s, MEETING_VERBS).first()
    {
        return Field::found(name.to_string(), "meets in the meeting's sentence");
    }
    if let Some(t) = title {
        let key = key_of(t);
        if let Some((_, name)) = BODIES
            .iter()
            .find(|(k, _)| key.starts_with(&format!("{k}:")))
        {
            return Field::found(name.to_string(), "named at the head of the title");
        }
    }
    // `Ban Thường vụ Tỉnh ủy kết luận:` introducing the conclusions.
    for b in blocks.iter().filter(|b| b.is_content()) {
        let key = key_of(&b.text);
        for (k, name) in BODIES {
            let role = |i: usize| {
                ROLE_ENDINGS
                    .iter()
                    .any(|r| key[..i].trim_end().ends_with(r))
            };
            let said = key.match_indices(&format!("{k} kết luận")).any(|(i, m)| {
                let after = key[i + m.len()..].trim_start();
                !role(i) && (after.starts_with(':') || after.starts_with("như sau"))
            });
            if said {
                return Field::found(name.to_string(), format!("concludes (line {})", b.line));
            }
        }
    }
    for b in blocks {
        let key = key_of(&b.text);
        for (k, name) in BODIES {
            for lead in ["phiên họp thường kỳ ", "phiên họp thường kì ", "phiên họp "]
            {
                if key.contains(&format!("{lead}{k}")) {
                    return Field::found(
                        name.to_string(),
                        format!("its meeting (line {})", b.line),
                    );
                }
            }
        }
    }
    for b in blocks.iter().filter(|b| b.is_content()) {
        if let Some((name, _)) = acting_bodies(&b.text, MEETING_VERBS).first() {
            return Field::guessed(
                name.to_string(),
                format!("the first body meeting in the text (line {})", b.line),
            );
        }
    }
    Field::missing("no concluding body found")
}

// ---------- who chaired ----------

/// Who chaired (`dưới sự chủ trì của …`, `… chủ trì hội nghị`) and who concluded
/// (`Kết luận hội nghị, … X khẳng định`, `X kết luận …`): the one person who did both,
/// else the one chair, else the one who concluded.
pub fn chaired_by(blocks: &[Block]) -> Field<String> {
    let mut chairs: Vec<(String, usize)> = Vec::new();
    let mut concluders: Vec<(String, usize)> = Vec::new();
    let mut several: Option<usize> = None;
    for b in blocks
        .iter()
        .filter(|b| b.is_content() || b.kind == Kind::Debris("photo caption"))
    {
        for (_, s) in sentences(&b.text) {
            let key = key_of(s);
            if let Some(at) = s.find("chủ trì của") {
                if let Some((_, n)) = names(&s[at..]).into_iter().next() {
                    chairs.push((n, b.line));
                }
            } else if let Some(at) = find_word(&s.to_lowercase(), "chủ trì") {
                // The chairs are named before the verb, after `do` when there is one.
                let head = &s[..byte_in(s, &s.to_lowercase(), at)];
                let head = match head.rfind(" do ") {
                    Some(i) => &head[i..],
                    None => head,
                };
                let found = names(head);
                if found.len() > 1 {
                    several.get_or_insert(b.line);
                }
                chairs.extend(found.into_iter().map(|(_, n)| (n, b.line)));
            }
            if concludes(&key) {
                concluders.extend(names(s).into_iter().take(1).map(|(_, n)| (n, b.line)));
            }
        }
    }
    if let Some((n, line)) = concluders
        .iter()
        .find(|(n, _)| chairs.iter().any(|(c, _)| c == n))
    {
        return Field::found(n.clone(), format!("chaired and concluded (line {line})"));
    }
    match (chairs.first(), concluders.first()) {
        (Some((n, line)), _) if several.is_none() => {
            Field::found(n.clone(), format!("chaired (line {line})"))
        }
        (Some((n, line)), None) => {
            let all: Vec<&str> = chairs.iter().map(|(n, _)| n.as_str()).collect();
            Field::guessed(
                n.clone(),
                format!(
                    "first of several who chaired (line {line}): {}",
                    all.join(", ")
                ),
            )
        }
        (_, Some((n, line))) => Field::found(n.clone(), format!("concluded (line {line})")),
        (None, None) => Field::missing("no one is said to chair or conclude"),
    }
}

/// A sentence telling who concluded: `Kết luận hội nghị, …`, `Phát biểu kết luận …`,
/// `… kết luận buổi làm việc`; not a document (`Thông báo kết luận`, `Kết luận số`).
fn concludes(key: &str) -> bool {
    let Some(at) = find_word(key, "kết luận") else {
        return false;
    };
    let before = key[..at].trim_end();
    let after = &key[at + "kết luận".len()..];
    let document = before.ends_with("thông báo")
        || after.starts_with(" số")
        || after.trim_start().starts_with(|c: char| c.is_ascii_digit());
    let event = [
        "hội nghị",
        "buổi làm việc",
        "phiên họp",
        "cuộc họp",
        "buổi",
        "tại",
    ]
    .iter()
    .any(|e| after.trim_start_matches([' ', ',']).starts_with(e));
    !document && (event || at == 0 || before.ends_with("phát biểu"))
}

/// Byte offset of `word` in `key` at word boundaries.
fn find_word(key: &str, word: &str) -> Option<usize> {
    key.match_indices(word).map(|(i, _)| i).find(|&i| {
        !key[..i].ends_with(char::is_alphanumeric)
            && !key[i + word.len()..].starts_with(char::is_alphanumeric)
    })
}

/// The byte in `s` at the same character position as byte `at` of `lower`, its lower
/// case (which may differ in bytes, never in characters, for Vietnamese).
fn byte_in(s: &str, lower: &str, at: usize) -> usize {
    let n = lower[..at].chars().count();
    s.char_indices().nth(n).map_or(s.len(), |(b, _)| b)
}

// ---------- the title ----------

/// A title made from the meeting's sentence when the article has none: its clause
/// from the body that met (`Ban Thường vụ Tỉnh ủy tổ chức Hội nghị cán bộ chủ chốt
/// các xã`).
pub fn made_up_title(meeting: Option<&str>, blocks: &[Block]) -> Option<String> {
    let sentence = meeting.map(str::to_string).or_else(|| {
        let b = blocks.iter().find(|b| b.kind == Kind::Paragraph)?;
        sentences(&b.text).first().map(|(_, s)| s.to_string())
    })?;
    // Drop the date at the start (`Ngày 22/3/2023, `).
    let s = match date_at(&sentence) {
        Some(d) => sentence
            .get(d.written.len()..)
            .unwrap_or(&sentence)
            .trim_start_matches([',', ' ', ')']),
        None => sentence.as_str(),
    };
    let clause = s
        .split([',', ';', ':'])
        .next()?
        .trim()
        .trim_end_matches('.');
    let mut words: Vec<&str> = clause.split_whitespace().collect();
    // A long clause ends before its topic or purpose (`về …`, `để …`).
    if words.len() > 14
        && let Some(cut) = (6..words.len()).find(|&i| matches!(words[i], "về" | "để" | "nhằm"))
    {
        words.truncate(cut);
    }
    words.truncate(14);
    let title = words.join(" ");
    let mut chars = title.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    type Told = (Option<i8>, Option<i8>, Option<i16>, Option<i64>, String);

    fn told(s: &str) -> Option<Told> {
        date_at(s).map(|d| (d.day, d.month, d.year, d.relative, d.written))
    }

    #[test]
    fn dates_in_text() {
        assert_eq!(
            told("Chiều 1/11, dưới sự chủ trì"),
            Some((Some(1), Some(11), None, None, "Chiều 1/11".into()))
        );
        assert_eq!(
            told("Sáng nay (18/1), Tỉnh ủy"),
            Some((Some(18), Some(1), None, None, "Sáng nay (18/1)".into()))
        );
        assert_eq!(
            told("Ngày 22/3/2023, Ban Thường vụ"),
            Some((Some(22), Some(3), Some(2023), None, "Ngày 22/3/2023".into()))
        );
        assert_eq!(
            told("Ngày 5 tháng 7 năm 2024, Tỉnh ủy"),
            Some((
                Some(5),
                Some(7),
                Some(2024),
                None,
                "Ngày 5 tháng 7 năm 2024".into()
            ))
        );
        assert_eq!(
            told("Chiều qua, UBND tỉnh họp"),
            Some((None, None, None, Some(-1), "Chiều qua".into()))
        );
        assert_eq!(told("Ngày càng phát triển"), None);
        assert_eq!(told("Theo đó, ngày 1/11"), None);
    }

    #[test]
    fn bodies() {
        let first = |s: &str| acting_bodies(s, MEETING_VERBS).first().map(|b| b.0);
        assert_eq!(
            first(
                "Chiều 1/11, dưới sự chủ trì của Bí thư Tỉnh ủy Hoàng Trung Dũng, Thường trực Tỉnh ủy làm việc với"
            ),
            Some("Thường trực Tỉnh ủy")
        );
        assert_eq!(
            first("Sáng nay (18/1), Tỉnh ủy Hà Tĩnh tổ chức hội nghị"),
            Some("Tỉnh ủy")
        );
        assert_eq!(first("Chủ tịch UBND tỉnh kết luận"), None);
    }

    #[test]
    fn conclusions_told() {
        assert!(concludes(&key_of(
            "Kết luận hội nghị, Phó Bí thư X khẳng định"
        )));
        assert!(concludes(&key_of(
            "Chủ tịch UBND tỉnh X kết luận phiên họp thường kỳ"
        )));
        assert!(!concludes(&key_of(
            "thực hiện Thông báo kết luận và kết quả"
        )));
        assert!(!concludes(&key_of("theo Kết luận số 48-KL/TW")));
    }
}

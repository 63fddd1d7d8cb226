//! The front-matter fields of an imported article, each with where it was found and
//! how sure the importer is.

use crate::t;
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
pub(super) struct Field<T> {
    pub value: Option<T>,
    pub sureness: Sureness,
    pub note: String,
}

impl<T> Field<T> {
    pub(super) fn found(value: T, note: impl Into<String>) -> Self {
        Self {
            value: Some(value),
            sureness: Sureness::Found,
            note: note.into(),
        }
    }
    pub(super) fn guessed(value: T, note: impl Into<String>) -> Self {
        Self {
            value: Some(value),
            sureness: Sureness::Guessed,
            note: note.into(),
        }
    }
    pub(super) fn missing(note: impl Into<String>) -> Self {
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
pub(super) struct TextDate {
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

/// Words before a date inside a sentence that make it the meeting's (`diễn ra vào
/// ngày 10.10`, `họp ngày 5/6`).
const MEETING_BEFORE_DATE: &[&str] = &["vào", "họp", "diễn ra", "tổ chức", "tiến hành"];

/// Whether `text` opens with a date (`Sáng ngày 23-10`, `Ngày 5 tháng 7`).
pub(super) fn starts_with_date(text: &str) -> bool {
    date_at(text).is_some()
}

/// The first meeting date told in the first paragraphs, and the sentence telling it:
/// at the start of a sentence, else after a meeting's verb (`diễn ra vào ngày 10.10`).
pub(super) fn text_date(blocks: &[Block]) -> Option<(TextDate, String)> {
    let first: Vec<&Block> = blocks.iter().filter(|b| b.is_content()).take(4).collect();
    for b in &first {
        for (_, sentence) in sentences(&b.text) {
            if let Some(mut d) = date_at(sentence) {
                d.line = b.line;
                return Some((d, sentence.to_string()));
            }
        }
    }
    for b in &first {
        for (_, sentence) in sentences(&b.text) {
            if let Some(mut d) = date_inside(sentence) {
                d.line = b.line;
                return Some((d, sentence.to_string()));
            }
        }
    }
    None
}

/// `… diễn ra vào ngày 10.10`, `… họp ngày 5/6/2024`: a date after a meeting's verb.
fn date_inside(s: &str) -> Option<TextDate> {
    let lower = s.to_lowercase();
    for (at, _) in lower.match_indices("ngày ") {
        let before = lower[..at].trim_end();
        let before = TIME_WORDS[..5]
            .iter()
            .find_map(|t| before.strip_suffix(t))
            .unwrap_or(before)
            .trim_end();
        let meeting = MEETING_BEFORE_DATE.iter().any(|v| {
            before.ends_with(v)
                && !before[..before.len() - v.len()].ends_with(char::is_alphanumeric)
        });
        if !meeting {
            continue;
        }
        let from = byte_in(s, &lower, at);
        if let Some(d) = date_at(&s[from..]) {
            return Some(d);
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
    let mut next = 1;
    if let Some(&(at, w)) = ws.get(next) {
        let w = w.to_lowercase();
        if (w == "nay" || w == "qua") && s[end..at].trim().is_empty() {
            relative = Some(if w == "nay" { 0 } else { -1 });
            end = at + w.len();
            next += 1;
        }
    }
    // `Sáng ngày 23-10`: the time of day, then `ngày`.
    if let Some(&(at, w)) = ws.get(next)
        && first.to_lowercase() != "ngày"
        && w.to_lowercase() == "ngày"
        && s[end..at].trim().is_empty()
    {
        end = at + w.len();
    }
    if first.to_lowercase() == "hôm" && relative.is_none() {
        return None;
    }
    let rest = &s[end..];
    let skipped = rest.len() - rest.trim_start_matches([' ', '(', ',']).len();
    let (day, month, year, used) = numeric_date(&rest[skipped..])
        .map(|(d, m, y, n)| (Some(d), Some(m), y, n))
        .unwrap_or((None, None, None, 0));
    if day.is_none() && relative.is_none() {
        return None;
    }
    let stop = end + skipped + used;
    let written = s[..stop].trim_end_matches(['(', ' ', ',']).to_string();
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

/// A separator between a day and a month: `/`, `-`, `.`, or a dash between spaces
/// (`17 – 9`, `19 - 12`); its length in bytes.
fn date_separator(s: &str) -> Option<usize> {
    match s.as_bytes().first()? {
        b'/' | b'-' | b'.' => return Some(1),
        _ => {}
    }
    for dash in [" - ", " – ", " — ", "- ", " -"] {
        if s.starts_with(dash) {
            return Some(dash.len());
        }
    }
    None
}

/// `1/11`, `22/3/2023`, `15-6`, `17 – 9`, `22 tháng 3 năm 2023` at the start of `s`:
/// day, month, year and the bytes used.
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
    // `18 và 19/12/2023`, `18 đến 20-12`: a meeting over days starts on the first.
    for joint in [" và ", " đến ngày ", " đến ", " - ", "-"] {
        if let Some(rest) = s[d..].strip_prefix(joint)
            && let Some((_, month, year, used)) = numeric_date(rest)
            && (1..=31).contains(&day)
        {
            return Some((day as i8, month, year, d + joint.len() + used));
        }
    }
    let (month, mut used, sep) = if s[d..].starts_with(" tháng ") {
        let at = d + " tháng ".len();
        let m = digits(at);
        if !(1..=2).contains(&m) {
            return None;
        }
        (num(at, m)?, at + m, None)
    } else {
        let sep = date_separator(&s[d..])?;
        let m = digits(d + sep);
        if !(1..=2).contains(&m) {
            return None;
        }
        (num(d + sep, m)?, d + sep + m, Some(&s[d..d + sep]))
    };
    let mut year = None;
    if let Some(sep) = sep
        && s[used..].starts_with(sep)
        && digits(used + sep.len()) == 4
    {
        year = num(used + sep.len(), 4);
        used += sep.len() + 4;
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

/// Years a text gives for a period (`tháng 5/2023`, `năm 2017`, `quý II/2024`,
/// `tháng 10-2015`), not those of a full date, a span (`2021-2026`) or a number.
pub(super) fn period_years(text: &str) -> Vec<i16> {
    let key = key_of(text);
    let b = key.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= b.len() {
        let four = b[i..i + 4].iter().all(u8::is_ascii_digit);
        let bounded = (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        if !(four && bounded) {
            i += 1;
            continue;
        }
        let year: i16 = key[i..i + 4].parse().unwrap_or(0);
        let before = key[..i].trim_end();
        let after = key[i + 4..].trim_start();
        let dash = ['-', '–', '—'];
        let after_dash = after.strip_prefix(dash).map(str::trim_start);
        let before_dash = before.strip_suffix(dash);
        let before_slash = before.strip_suffix(['/', '-']);
        let span = after_dash.is_some_and(|a| a.starts_with(|c: char| c.is_ascii_digit()))
            || before_dash.is_some_and(|b| {
                b.trim_end().ends_with(|c: char| c.is_ascii_digit()) && !month_before(b)
            });
        let period = before.ends_with("năm") || before_slash.is_some_and(month_before);
        let document = after.starts_with('/');
        if (1990..=2040).contains(&year) && period && !span && !document && !out.contains(&year) {
            out.push(year);
        }
        i += 4;
    }
    out
}

/// `… tháng 5`, `… quý ii`, `… tháng 02`: a month or quarter ends `before`.
fn month_before(before: &str) -> bool {
    let word_start = before
        .rfind(|c: char| !c.is_alphanumeric())
        .map_or(0, |i| i + 1);
    let last = &before[word_start..];
    let head = before[..word_start].trim_end();
    let numeral = !last.is_empty()
        && (last.chars().all(|c| c.is_ascii_digit())
            || last.chars().all(|c| matches!(c, 'i' | 'v' | 'x')));
    numeral && (head.ends_with("tháng") || head.ends_with("quý"))
}

/// The meeting's date: the text's date completed with the header's or the dateline's
/// year (or, flagged, a year the text gives for the period), else the dateline.
pub(super) fn meeting_date(
    told: Option<&TextDate>,
    header: Option<(i16, i8, Option<i8>)>,
    dateline: Option<(Date, usize)>,
    years: &[(Vec<i16>, &str)],
) -> Field<Date> {
    let published = header
        .and_then(|(y, m, d)| d.and_then(|d| Date::new(y, m, d).ok()))
        .map(|d| (d, t!("import-src-header")))
        .or_else(|| dateline.map(|(d, l)| (d, t!("import-src-dateline", line = l))));
    if let Some(t) = told {
        let at = t!("import-at", text = &t.written, line = t.line);
        if let (Some(day), Some(month)) = (t.day, t.month) {
            if let Some(year) = t.year
                && let Ok(d) = Date::new(year, month, day)
            {
                return Field::found(d, t!("import-date-text", at = &at));
            }
            let reference = header
                .map(|(y, m, _)| {
                    (
                        y,
                        m,
                        t!("import-src-header-month", month = format!("{y}-{m:02}")),
                    )
                })
                .or_else(|| {
                    dateline.map(|(d, l)| {
                        (
                            d.year(),
                            d.month(),
                            t!(
                                "import-src-dateline-year",
                                year = d.year().to_string(),
                                line = l
                            ),
                        )
                    })
                });
            if let Some((y, m, source)) = reference {
                // A meeting told in a later month than the article's is last year's.
                let year = if month > m { y - 1 } else { y };
                if let Ok(d) = Date::new(year, month, day) {
                    let note = t!("import-date-year-from", at = &at, source = &source);
                    return if month == m || month + 1 == m {
                        Field::found(d, note)
                    } else {
                        Field::guessed(d, note)
                    };
                }
            }
            // No date of publication: a year the text gives for the period.
            for (found, scope) in years {
                if let Some(&year) = found.iter().min()
                    && let Ok(d) = Date::new(year, month, day)
                {
                    let all: Vec<String> = found.iter().map(i16::to_string).collect();
                    let note = t!(
                        "import-date-period-year",
                        at = &at,
                        year = year.to_string(),
                        scope = *scope,
                        count = found.len(),
                        all = all.join(", ")
                    );
                    return Field::guessed(d, note);
                }
            }
            return Field::missing(t!("import-date-no-year", at = &at));
        }
        if let (Some(offset), Some((d, source))) = (t.relative, &published)
            && let Ok(date) = d.checked_add(jiff::Span::new().days(offset))
        {
            return Field::found(date, t!("import-date-relative", at = &at, source = source));
        }
    }
    if let Some((d, source)) = published {
        return Field::guessed(d, t!("import-date-article", source = &source));
    }
    match header {
        Some((y, m, _)) => {
            Field::missing(t!("import-date-month-only", month = format!("{y}-{m:02}")))
        }
        None => Field::missing(t!("import-date-none")),
    }
}

// ---------- the body that concluded ----------

/// Bodies that conclude, as matched (lower case) and as written in the front matter.
const BODIES: &[(&str, &str)] = &[
    ("ban thường vụ tỉnh ủy", "Ban Thường vụ Tỉnh ủy"),
    ("thường trực tỉnh ủy", "Thường trực Tỉnh ủy"),
    ("ban chấp hành đảng bộ tỉnh", "Ban Chấp hành Đảng bộ tỉnh"),
    (
        "ban chấp hành đảng bộ thành phố",
        "Ban Chấp hành Đảng bộ thành phố",
    ),
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
    "tiếp tục",
    "thảo luận",
    "khai mạc",
    "bế mạc",
    "nghe",
    "cho ý kiến",
    "xem xét",
    "thống nhất",
    "thông báo kết luận",
    "có buổi",
    "phối hợp",
];

/// What a body does in the text of its conclusions: weaker evidence of who met.
const DIRECTING_VERBS: &[&str] = &[
    "yêu cầu",
    "đề nghị",
    "chỉ đạo",
    "giao",
    "thống nhất",
    "quyết định",
    "ban hành",
    "đánh giá",
];

/// Titles of people and groups: a body after one of them is part of a person's title
/// or a group's name (`Chủ tịch UBND tỉnh`, `Đảng ủy UBND tỉnh`).
const ROLE_ENDINGS: &[&str] = &[
    "bí thư",
    "chủ tịch",
    "ủy viên",
    "trưởng ban",
    "chánh văn phòng",
    "văn phòng",
    "lãnh đạo",
    "đảng đoàn",
    "ban cán sự đảng",
    "cán sự đảng",
    "đảng ủy",
    "đảng bộ",
    "đại diện",
    "tổ công tác",
    "ban tổ chức",
    "ban tuyên giáo",
    "ban dân vận",
    "ban nội chính",
    "ủy ban kiểm tra",
    "cơ quan",
];

/// Meetings named by whose they are: `Hội nghị Ban Thường vụ Tỉnh ủy`, `phiên họp
/// thường kỳ UBND tỉnh`, `Kỳ họp thứ 7 HĐND tỉnh`.
const MEETINGS: &[&str] = &[
    "hội nghị",
    "phiên họp",
    "cuộc họp",
    "kỳ họp",
    "kì họp",
    "buổi họp",
];

/// A text without parenthesised abbreviations (`Ban Chấp hành (BCH) Đảng bộ tỉnh`).
fn without_abbreviations(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(" (") {
        let inner = &rest[open + 2..];
        match inner.find(')') {
            Some(close)
                if (1..=10).contains(&inner[..close].chars().count())
                    && inner[..close]
                        .chars()
                        .all(|c| c.is_uppercase() || c == '.' || c == '-') =>
            {
                out.push_str(&rest[..open]);
                rest = &inner[close + 1..];
            }
            _ => {
                out.push_str(&rest[..open + 2]);
                rest = inner;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Bodies named in `text`, in order: (canonical name, byte in the key, what follows
/// in the key), none of them part of a person's title.
fn bodies_in(key: &str) -> Vec<(&'static str, usize, &str)> {
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
            if !role {
                out.push((*name, i, &key[i + k.len()..]));
            }
            i += k.len();
        } else {
            i += 1;
        }
    }
    out
}

/// Bodies that do something in `text`, in order: (canonical name, byte in the key of
/// the text without abbreviations).
fn acting_bodies(text: &str, verbs: &[&str]) -> Vec<(&'static str, usize)> {
    let key = key_of(&without_abbreviations(text));
    bodies_in(&key)
        .into_iter()
        .filter(|(_, _, after)| followed_by_verb(after, verbs))
        .map(|(name, at, _)| (name, at))
        .collect()
}

/// The bodies whose meeting `text` names (`Hội nghị lần thứ 25 Ban Chấp hành Đảng bộ
/// tỉnh`, `phiên họp thường kỳ UBND tỉnh`), in order.
fn meetings_of(text: &str) -> Vec<&'static str> {
    let key = key_of(&without_abbreviations(text));
    bodies_in(&key)
        .into_iter()
        .filter(|(_, at, _)| {
            let mut before = key[..*at].trim_end();
            // `lần thứ 25`, `thứ 7`, `thường kỳ`, `(mở rộng)`, `tháng 5`.
            for _ in 0..3 {
                let words: Vec<&str> = before.rsplitn(3, ' ').collect();
                let skip = match words.as_slice() {
                    [n, "thứ", ..] | [n, "tháng", ..] if n.chars().all(char::is_alphanumeric) => {
                        2
                    }
                    ["kỳ", "thường", ..] | ["kì", "thường", ..] => 2,
                    ["rộng)", "(mở", ..] => 2,
                    ["lần", ..] => 1,
                    _ => 0,
                };
                if skip == 0 {
                    break;
                }
                let cut: usize = words[..skip].iter().map(|w| w.len() + 1).sum();
                before = before[..before.len().saturating_sub(cut)].trim_end();
            }
            MEETINGS.iter().any(|m| {
                before.ends_with(m)
                    && !before[..before.len() - m.len()].ends_with(char::is_alphanumeric)
            })
        })
        .map(|(name, _, _)| name)
        .collect()
}

/// A verb after a body, past `đã`, `vừa`, a term (`khóa X`) or a province's name
/// (` hà tĩnh tổ chức`).
fn followed_by_verb(after: &str, verbs: &[&str]) -> bool {
    let mut rest = after.trim_start_matches([' ', ',']);
    for _ in 0..2 {
        let words: Vec<&str> = rest.splitn(3, ' ').collect();
        if let [k, term, more] = words.as_slice()
            && (*k == "khóa" || *k == "khoá")
            && term
                .chars()
                .all(|c| matches!(c, 'i' | 'v' | 'x' | 'l' | ','))
        {
            rest = more.trim_start_matches([' ', ',']);
        }
    }
    for lead in ["đã ", "vừa ", "sẽ ", "cũng "] {
        if let Some(r) = rest.strip_prefix(lead) {
            rest = r;
        }
    }
    let starts = |s: &str| {
        verbs
            .iter()
            .any(|v| s.starts_with(v) && !s[v.len()..].starts_with(char::is_alphanumeric))
    };
    if starts(rest) {
        return true;
    }
    let ws: Vec<&str> = rest.split(' ').take(4).collect();
    (1..=3).any(|n| {
        ws.len() > n
            && ws[..n].iter().all(|w| w.chars().all(char::is_alphabetic))
            && province::resolve(&ws[..n].join(" "), Date::constant(2025, 6, 30)).is_ok()
            && followed_by_verb(&format!(" {}", ws[n..].join(" ")), verbs)
    })
}

/// The body a notice's title names: `Kết luận của Ban Thường vụ Tỉnh ủy …`, `Kết
/// luận của đồng chí Chủ tịch UBND tỉnh …` (the Chairman concludes for the UBND).
pub(super) fn body_of_title(title: &str) -> Option<&'static str> {
    let key = key_of(&without_abbreviations(title));
    let at = key.find("của ").map_or(0, |i| i + "của ".len());
    let rest = key[at..].trim_start_matches("đồng chí ");
    for (role, body) in [
        ("chủ tịch ubnd tỉnh", "UBND tỉnh"),
        ("chủ tịch ủy ban nhân dân tỉnh", "UBND tỉnh"),
        ("chủ tịch ubnd thành phố", "UBND thành phố"),
        ("chủ tịch ủy ban nhân dân thành phố", "UBND thành phố"),
        ("phó chủ tịch ubnd tỉnh", "UBND tỉnh"),
        ("phó chủ tịch ủy ban nhân dân tỉnh", "UBND tỉnh"),
    ] {
        if rest.starts_with(role) {
            return Some(body);
        }
    }
    bodies_in(&key[at..]).first().map(|(name, _, _)| *name)
}

/// The body that concluded: whose meeting the meeting's sentence names, else the one
/// meeting in it, else the title's (`UBND tỉnh: …`, `Hội nghị Ban Thường vụ Tỉnh ủy`),
/// else the one that concludes, else the one whose meeting the text names, else (a
/// guess) the body of the concluding chairman or the first body acting in the text.
pub(super) fn body(meeting: Option<&str>, title: Option<&str>, blocks: &[Block]) -> Field<String> {
    if let Some(s) = meeting {
        if let Some(name) = meetings_of(s).first() {
            return Field::found(name.to_string(), t!("import-body-meeting-sentence"));
        }
        if let Some((name, _)) = acting_bodies(s, MEETING_VERBS).first() {
            return Field::found(name.to_string(), t!("import-body-meets-sentence"));
        }
    }
    if let Some(t) = title {
        let key = key_of(&without_abbreviations(t));
        if let Some((_, name)) = BODIES
            .iter()
            .find(|(k, _)| key.starts_with(&format!("{k}:")))
        {
            return Field::found(name.to_string(), t!("import-body-title-head"));
        }
        if let Some(name) = meetings_of(t).first() {
            return Field::found(name.to_string(), t!("import-body-title-meeting"));
        }
        if let Some((name, 0)) = acting_bodies(t, MEETING_VERBS).first() {
            return Field::found(name.to_string(), t!("import-body-title-meets"));
        }
    }
    // `Ban Thường vụ Tỉnh ủy kết luận:` introducing the conclusions.
    for b in blocks.iter().filter(|b| b.is_content()) {
        let key = key_of(&without_abbreviations(&b.text));
        for (name, _, after) in bodies_in(&key) {
            let after = after.trim_start();
            if let Some(rest) = after.strip_prefix("kết luận") {
                let rest = rest.trim_start();
                if rest.starts_with(':') || rest.starts_with("như sau") {
                    return Field::found(
                        name.to_string(),
                        t!("import-body-concludes", line = b.line),
                    );
                }
            }
        }
    }
    let content: Vec<&Block> = blocks.iter().filter(|b| b.is_content()).take(6).collect();
    for b in &content {
        for (_, s) in sentences(&b.text) {
            if let Some(name) = meetings_of(s).first() {
                return Field::found(
                    name.to_string(),
                    t!("import-body-meeting-line", line = b.line),
                );
            }
        }
    }
    for b in &content {
        for (_, s) in sentences(&b.text) {
            if let Some((name, _)) = acting_bodies(s, MEETING_VERBS).first() {
                return Field::guessed(
                    name.to_string(),
                    t!("import-body-first-meeting", line = b.line),
                );
            }
        }
    }
    for b in &content {
        for (_, s) in sentences(&b.text) {
            let key = key_of(s);
            if concludes(&key) && key.contains("chủ tịch ubnd tỉnh") {
                return Field::guessed(
                    "UBND tỉnh".to_string(),
                    t!("import-body-chairman", line = b.line),
                );
            }
        }
    }
    for b in &content {
        if let Some((name, _)) = acting_bodies(&b.text, DIRECTING_VERBS).first() {
            return Field::guessed(
                name.to_string(),
                t!("import-body-first-directing", line = b.line),
            );
        }
    }
    Field::missing(t!("import-body-none"))
}

// ---------- who chaired ----------

/// Who chaired (`dưới sự chủ trì của …`, `… chủ trì hội nghị`, `Chủ trì hội nghị có
/// các đồng chí: …`) and who concluded (`Kết luận hội nghị, … X khẳng định`, `X kết
/// luận …`, `X đã có kết luận`, `phát biểu kết luận của đồng chí X`): the one person
/// who did both, else the one chair, else the one who concluded; a guess from who
/// opened or directed the meeting when no one is said to chair or conclude.
pub(super) fn chaired_by(blocks: &[Block]) -> Field<String> {
    let mut chairs: Vec<(String, usize)> = Vec::new();
    let mut concluders: Vec<(String, usize)> = Vec::new();
    let mut openers: Vec<(String, usize)> = Vec::new();
    let mut several: Option<usize> = None;
    for b in blocks
        .iter()
        .filter(|b| b.is_content() || b.kind == Kind::Debris("photo caption"))
    {
        for (_, s) in sentences(&b.text) {
            let key = key_of(s);
            let lower = s.to_lowercase();
            let found = chairs_in(s, &lower);
            let distinct: Vec<&String> = found.iter().fold(Vec::new(), |mut v, n| {
                if !v.contains(&n) {
                    v.push(n);
                }
                v
            });
            if distinct.len() > 1 {
                several.get_or_insert(b.line);
            }
            chairs.extend(found.into_iter().map(|n| (n, b.line)));
            if concludes(&key) {
                let named = ["kết luận của", "kết luận hội nghị của"]
                    .iter()
                    .find_map(|p| lower.find(p).map(|at| at + p.len()))
                    .and_then(|at| names(&s[byte_in(s, &lower, at)..]).into_iter().next())
                    .or_else(|| names(s).into_iter().next());
                concluders.extend(named.map(|(_, n)| (n, b.line)));
            }
            for p in [
                "phát biểu khai mạc",
                "phát biểu chỉ đạo của",
                "ý kiến chỉ đạo của",
            ] {
                if let Some(at) = lower.find(p) {
                    let name = if p.ends_with("của") {
                        names(&s[byte_in(s, &lower, at + p.len())..])
                            .into_iter()
                            .next()
                    } else {
                        names(&s[..byte_in(s, &lower, at)]).into_iter().last()
                    };
                    openers.extend(name.map(|(_, n)| (n, b.line)));
                }
            }
        }
    }
    if let Some((n, line)) = concluders
        .iter()
        .find(|(n, _)| chairs.iter().any(|(c, _)| c == n))
    {
        return Field::found(
            n.clone(),
            t!("import-chair-chaired-concluded", line = *line),
        );
    }
    match (chairs.first(), concluders.first()) {
        (Some((n, line)), _) if several.is_none() => {
            Field::found(n.clone(), t!("import-chair-chaired", line = *line))
        }
        (Some((n, line)), None) => {
            let mut all: Vec<&str> = Vec::new();
            for (c, _) in &chairs {
                if !all.contains(&c.as_str()) {
                    all.push(c);
                }
            }
            Field::guessed(
                n.clone(),
                t!("import-chair-several", line = *line, names = all.join(", ")),
            )
        }
        (_, Some((n, line))) => Field::found(n.clone(), t!("import-chair-concluded", line = *line)),
        (None, None) => match openers.first() {
            Some((n, line)) => Field::guessed(n.clone(), t!("import-chair-opened", line = *line)),
            None => Field::missing(t!("import-chair-none")),
        },
    }
}

/// The people a sentence says chaired, in order: `dưới sự chủ trì của X`, `X …
/// chủ trì`, `do X chủ trì`, `Chủ trì hội nghị có các đồng chí: X, Y`.
fn chairs_in(s: &str, lower: &str) -> Vec<String> {
    if let Some(at) = lower.find("chủ trì của") {
        let from = byte_in(s, lower, at);
        return names(&s[from..])
            .into_iter()
            .take(1)
            .map(|(_, n)| n)
            .collect();
    }
    let mut out = Vec::new();
    let mut start = 0;
    // `đoàn công tác do X làm trưởng đoàn`: who led a working visit chaired it.
    if let Some(at) = lower.find("làm trưởng đoàn") {
        let head = &s[..byte_in(s, lower, at)];
        let head = head.rfind(" do ").map_or(head, |i| &head[i..]);
        if let Some((_, n)) = names(head).into_iter().last() {
            out.push(n);
        }
    }
    for (at, _) in lower.match_indices("chủ trì") {
        let bounded = !lower[..at].ends_with(char::is_alphanumeric)
            && !lower[at + "chủ trì".len()..].starts_with(char::is_alphanumeric);
        if !bounded || at < start {
            continue;
        }
        let verb = byte_in(s, lower, at);
        // The chairs are named before the verb, after `do` when there is one.
        let head = &s[byte_in(s, lower, start)..verb];
        let head = match head.rfind(" do ") {
            Some(i) => &head[i..],
            None => head,
        };
        let before = names(head);
        if !before.is_empty() {
            out.extend(before.into_iter().map(|(_, n)| n));
        } else {
            // `Tham dự và chủ trì Hội nghị, có đồng chí X …; đồng chí Y …`.
            let after = &lower[at + "chủ trì".len()..];
            let clause = &after[..after.find('.').unwrap_or(after.len())];
            let listed = [
                "có đồng chí",
                "có các đồng chí",
                "là đồng chí",
                "gồm các đồng chí",
                "có ông",
                "có bà",
            ]
            .iter()
            .any(|p| clause.contains(p));
            if listed {
                let from = byte_in(s, lower, at + "chủ trì".len());
                out.extend(names(&s[from..]).into_iter().map(|(_, n)| n));
            }
        }
        start = at + "chủ trì".len();
    }
    out
}

/// A sentence telling who concluded: `Kết luận hội nghị, …`, `Phát biểu kết luận …`,
/// `… kết luận buổi làm việc`, `X đã có kết luận`; not a document (`Thông báo kết
/// luận`, `Kết luận số`).
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
        "của",
        "về",
        "như sau",
    ]
    .iter()
    .any(|e| after.trim_start_matches([' ', ',']).starts_with(e));
    let said = before.ends_with("phát biểu") || before.ends_with("có") || before.ends_with("đã");
    !document && (event || at == 0 || said)
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
pub(super) fn made_up_title(meeting: Option<&str>, blocks: &[Block]) -> Option<String> {
    let mut candidates: Vec<String> = meeting.map(str::to_string).into_iter().collect();
    for b in blocks.iter().filter(|b| b.kind == Kind::Paragraph).take(2) {
        candidates.extend(
            sentences(&b.text)
                .iter()
                .take(2)
                .map(|(_, s)| s.to_string()),
        );
    }
    candidates.iter().find_map(|s| title_from(s))
}

/// Openings of a clause that say where, when or under whom, never what happened.
const SETTING: &[&str] = &[
    "tại ",
    "dưới sự chủ trì",
    "theo đó",
    "các đồng chí",
    "đồng chí",
    "thực hiện",
    "sau khi",
    "trong ",
    "cùng dự",
    "tham dự",
    "dự ",
    "căn cứ",
    "trên cơ sở",
];

/// Verbs that make a clause tell what happened.
const CLAUSE_VERBS: &[&str] = &[
    "tổ chức",
    "làm việc",
    "họp",
    "kết luận",
    "chủ trì",
    "thảo luận",
    "khai mạc",
    "bế mạc",
    "cho ý kiến",
    "xem xét",
    "thông qua",
    "quán triệt",
    "yêu cầu",
    "chỉ đạo",
    "đề nghị",
    "diễn ra",
    "phát biểu",
    "khẳng định",
    "nhấn mạnh",
];

/// The title a sentence makes: its clause from the body that acts (`Ban Thường vụ
/// Tỉnh ủy tổ chức Hội nghị …`), else its first clause that tells what happened.
fn title_from(sentence: &str) -> Option<String> {
    let plain = without_abbreviations(sentence);
    let s = match date_at(&plain) {
        Some(d) => plain
            .get(d.written.len()..)
            .unwrap_or(&plain)
            .trim_start_matches([',', ' ', ')']),
        None => plain.as_str(),
    };
    let key = key_of(s);
    let from_body = acting_bodies(s, MEETING_VERBS)
        .first()
        .map(|&(_, at)| &s[byte_in(s, &key, at)..]);
    // A headline quoting the meeting's leader: `“Quyết tâm …” – đó là …`.
    let quoted = s
        .strip_prefix(['“', '"'])
        .and_then(|q| q.find(['”', '"']).map(|end| q[..end].trim()));
    let clause = match (quoted, from_body) {
        (Some(q), _) if q.split_whitespace().count() >= 4 => q,
        (_, Some(rest)) => rest.split([',', ';', ':', '.']).next()?.trim(),
        _ => {
            let clauses: Vec<&str> = s
                .split([',', ';', ':'])
                .map(|c| c.trim().trim_end_matches('.'))
                .filter(|c| {
                    let k = key_of(c);
                    c.split_whitespace().count() >= 4
                        && !SETTING.iter().any(|p| k.starts_with(p))
                        && !starts_with_date(c)
                        && c.chars().next().is_some_and(char::is_alphabetic)
                        && CLAUSE_VERBS.iter().any(|v| find_word(&k, v).is_some())
                })
                .collect();
            // Best a clause whose subject is a person (`Chủ tịch UBND tỉnh X đã có kết luận`).
            clauses
                .iter()
                .find(|c| !names(c).is_empty())
                .or(clauses.first())
                .copied()?
        }
    };
    let mut words: Vec<&str> = clause.split_whitespace().collect();
    if words.len() < 3 {
        return None;
    }
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
        assert_eq!(
            told("Sáng ngày 23-10, Ban Thường vụ"),
            Some((Some(23), Some(10), None, None, "Sáng ngày 23-10".into()))
        );
        assert_eq!(
            told("Ngày 17 – 9, UBND tỉnh họp"),
            Some((Some(17), Some(9), None, None, "Ngày 17 – 9".into()))
        );
        assert_eq!(
            date_inside("Hội nghị họp ngày 18 và 19/12/2023 dưới sự chủ trì")
                .map(|d| (d.day, d.month, d.year)),
            Some((Some(18), Some(12), Some(2023)))
        );
        assert_eq!(
            date_inside("Hội nghị lần thứ 22 diễn ra vào ngày 10.10.").map(|d| (d.day, d.month)),
            Some((Some(10), Some(10)))
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
    fn chairs_in_every_common_shape() {
        let chairs = |s: &str| chairs_in(s, &s.to_lowercase());
        assert_eq!(
            chairs(
                "Chủ trì hội nghị có các đồng chí: Nguyễn Văn A, Bí thư Tỉnh ủy; Trần Thị B, Phó Bí thư."
            ),
            ["Nguyễn Văn A", "Trần Thị B"]
        );
        assert_eq!(
            chairs("Bí thư Tỉnh ủy Y Thanh Hà Niê Kđăm chủ trì hội nghị."),
            ["Y Thanh Hà Niê Kđăm"]
        );
        assert_eq!(
            chairs("Hội nghị do đồng chí Chẩu Văn Lâm, Chủ tịch UBND tỉnh chủ trì."),
            ["Chẩu Văn Lâm"]
        );
        assert_eq!(
            chairs(
                "Tổ công tác số 2 do Thủ tướng Phạm Minh Chính chủ trì và Tổ công tác số 3 do Chủ tịch Quốc hội Trần Thanh Mẫn chủ trì."
            ),
            ["Phạm Minh Chính", "Trần Thanh Mẫn"]
        );
        assert_eq!(
            chairs(
                "Đoàn công tác do Chủ tịch UBND tỉnh Lâm Minh Thành làm trưởng đoàn đã khảo sát."
            ),
            ["Lâm Minh Thành"]
        );
        assert!(chairs("Dự và chỉ đạo cuộc họp có đồng chí Lò Văn Muôn.").is_empty());
    }

    #[test]
    fn years_of_a_period_not_of_documents_or_spans() {
        assert_eq!(period_years("họp phiên thường kỳ tháng 5/2023"), [2023]);
        assert_eq!(
            period_years("nhiệm vụ quý II/2024 và năm 2025"),
            [2024, 2025]
        );
        assert_eq!(period_years("thường kỳ tháng 10-2015"), [2015]);
        assert!(period_years("Nghị quyết số 18 ngày 25-10-2017, nhiệm kỳ 2021-2026").is_empty());
        assert!(period_years("Nghị định số 111/2022/NĐ-CP").is_empty());
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

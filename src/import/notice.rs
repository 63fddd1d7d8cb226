//! The official form of a conclusion (`Thông báo kết luận`, `Kết luận`), as the Party's
//! and the State's rules on documents lay it out (HD 36-HD/VPTW, NĐ 30/2020):
//!
//! ```text
//! ĐẢNG BỘ TỈNH THỪA THIÊN HUẾ          ĐẢNG CỘNG SẢN VIỆT NAM
//! TỈNH ỦY                               Huế, ngày 13 tháng 5 năm 2022
//! Số 445-KL/TU
//!                     KẾT LUẬN
//!          của Ban Thường vụ Tỉnh ủy về …
//! Tại cuộc họp ngày 10/5/2022, … Ban Thường vụ Tỉnh ủy kết luận như sau: …
//! Nơi nhận:                             T/M BAN THƯỜNG VỤ
//! - …                                   PHÓ BÍ THƯ THƯỜNG TRỰC
//!                                       Nguyễn Văn A
//! ```
//!
//! The letterhead names the issuer and its province, `Số` the notice's own number,
//! the place and date line its issue date, the title block whose conclusion it is,
//! and the signature block who signed. Text from Word or PDF may put both columns on
//! one line; each part is looked for inside lines, not as whole lines.

use jiff::civil::Date;

use super::blocks::{Block, Kind};
use super::text::{key_of, names};
use crate::model::docnum::DocumentNumber;
use crate::model::province::{self, Province};

/// What the form of a notice tells, each with the input line it came from.
#[derive(Debug, Clone, Default)]
pub(super) struct Notice {
    pub number: Option<(DocumentNumber, usize)>,
    /// The issue date and the place written before it (`Huế`).
    pub issued: Option<(Date, String, usize)>,
    /// The province the letterhead names (`ĐẢNG BỘ TỈNH THỪA THIÊN HUẾ`).
    pub province: Option<(&'static Province, String, usize)>,
    /// The place of the date line as a province (`Huế, ngày …`), when the letterhead
    /// names none.
    pub place: Option<(&'static Province, String, usize)>,
    /// The issuer as a body (`TỈNH ỦY` → Tỉnh ủy), a guess of the concluding body.
    pub issuer: Option<(&'static str, usize)>,
    pub title: Option<(String, usize)>,
    pub signed_by: Option<(String, usize)>,
    /// `T/M BAN THƯỜNG VỤ`, `K/T CHỦ TỊCH`: on whose behalf it was signed.
    pub signature: Option<String>,
}

/// Mottos printed beside the letterhead.
const MOTTOS: &[&str] = &[
    "đảng cộng sản việt nam",
    "cộng hòa xã hội chủ nghĩa việt nam",
    "độc lập - tự do - hạnh phúc",
    "độc lập – tự do – hạnh phúc",
    "độc lập-tự do-hạnh phúc",
];

/// Letterhead units, as they start (key form), and the body each issues for.
const ISSUERS: &[(&str, &str)] = &[
    ("ban chấp hành đảng bộ tỉnh", "Ban Chấp hành Đảng bộ tỉnh"),
    ("ban thường vụ tỉnh ủy", "Ban Thường vụ Tỉnh ủy"),
    ("tỉnh ủy", "Tỉnh ủy"),
    ("thành ủy", "Thành ủy"),
    ("ủy ban nhân dân", "UBND tỉnh"),
    ("ubnd", "UBND tỉnh"),
    ("hội đồng nhân dân", "HĐND tỉnh"),
    ("hđnd", "HĐND tỉnh"),
    ("đảng bộ tỉnh", "Tỉnh ủy"),
    ("đảng bộ thành phố", "Thành ủy"),
    ("văn phòng", ""),
];

/// Signature markers: on behalf of (`T/M`, `TM.`), for (`K/T`, `KT.`), by order of
/// (`T/L`, `TL.`), acting (`Q.`).
const SIGNATURE: &[&str] = &[
    "t/m ", "tm. ", "tm ", "k/t ", "kt. ", "kt ", "t/l ", "tl. ", "q. ",
];

/// The kind lines that open a notice's title.
const KINDS: &[&str] = &[
    "thông báo",
    "kết luận",
    "thông báo kết luận",
    "ý kiến kết luận",
];

/// How many lines the head of a notice may take before its title.
const HEAD_LINES: usize = 16;

/// Read the form of a notice from `blocks` and mark its parts: the letterhead, number
/// and date lines and the closing are removed, the title block becomes the title.
/// `None` (and nothing marked) when the text is not in the official form.
pub(super) fn read(blocks: &mut [Block]) -> Option<Notice> {
    let mut notice = Notice::default();
    let mut motto = false;
    let mut head: Vec<(usize, &'static str)> = Vec::new();
    let mut kind_at = None;
    // Debris included: `THÔNG BÁO` alone reads as a portal's section label.
    for (i, b) in blocks.iter().enumerate().take(HEAD_LINES) {
        let mut key = key_of(&b.text);
        for m in MOTTOS {
            let m = key_of(m);
            if key.contains(&m) {
                motto = true;
                key = key.replace(&m, " ");
            }
        }
        let key = key.split_whitespace().collect::<Vec<_>>().join(" ");
        let text = without_mottos(&b.text);
        let mut what = None;
        if let Some(found) = own_number(&text) {
            notice.number.get_or_insert((found, b.line));
            what = Some("notice number");
        }
        if let Some((date, place)) = place_and_date(&text) {
            notice.issued.get_or_insert((date, place, b.line));
            what = Some("place and date");
        }
        if what.is_none() && is_letterhead(&text, &key) {
            if let Some((_, body)) = ISSUERS.iter().find(|(k, _)| key.starts_with(k))
                && !body.is_empty()
            {
                notice.issuer.get_or_insert((body, b.line));
            }
            if let Some(p) = letterhead_province(&text) {
                notice.province.get_or_insert((p.0, p.1, b.line));
            }
            what = Some("letterhead");
        }
        if what.is_none() && (key.is_empty() || is_separator(&b.text)) {
            what = Some("letterhead");
        }
        if what.is_none() && KINDS.contains(&key.trim_end_matches([':', '.'])) && is_upper(&b.text)
        {
            kind_at = Some(i);
            break;
        }
        match what {
            Some(w) => head.push((i, w)),
            None if head.is_empty() => {}
            // A line of prose before the title: not the head of a notice.
            None => break,
        }
    }
    let kind_at = kind_at?;
    if !(motto || notice.issuer.is_some()) || (notice.number.is_none() && notice.issued.is_none()) {
        return None;
    }
    for (i, why) in head {
        blocks[i].kind = Kind::Debris(why);
    }
    // The title: the kind line and the lines after it that continue it.
    let mut title = vec![sentence_case(&blocks[kind_at].text)];
    let mut end = kind_at + 1;
    while end < blocks.len() && end < kind_at + 5 {
        let t = blocks[end].text.trim();
        if is_separator(t) {
            blocks[end].kind = Kind::Debris("title rule");
            end += 1;
            break;
        }
        if !continues_title(t) {
            break;
        }
        // `THÔNG BÁO` / `Kết luận của …` reads `Thông báo kết luận của …`.
        let mut chars = t.chars();
        let first = chars.next().map(|c| c.to_lowercase().collect::<String>());
        let joined = match first {
            Some(f) if key_of(t).starts_with("kết luận") => f + chars.as_str(),
            _ => t.to_string(),
        };
        title.push(joined);
        blocks[end].kind = Kind::Debris("notice title");
        end += 1;
    }
    let line = blocks[kind_at].line;
    blocks[kind_at].kind = Kind::Title;
    blocks[kind_at].text = title.join(" ");
    notice.title = Some((blocks[kind_at].text.clone(), line));
    close(&mut blocks[end..], &mut notice);
    if notice.province.is_none()
        && let Some((_, place, line)) = &notice.issued
        && let Ok(p) = province::resolve(
            place,
            notice
                .issued
                .as_ref()
                .map_or(Date::constant(2025, 6, 30), |i| i.0),
        )
    {
        notice.place = Some((p, place.clone(), *line));
    }
    Some(notice)
}

/// The recipients and the signature at the end: removed, and the signer kept.
fn close(blocks: &mut [Block], notice: &mut Notice) {
    let start = blocks.iter().position(|b| {
        let key = key_of(&b.text);
        key.starts_with("nơi nhận") || (signature_line(&key) && is_upper_start(&b.text))
    });
    let Some(start) = start else {
        return;
    };
    for b in blocks[start..].iter_mut() {
        let key = key_of(&b.text);
        if notice.signature.is_none()
            && let Some(at) = SIGNATURE.iter().find_map(|m| find_marker(&key, m))
        {
            notice.signature = Some(b.text[byte_at(&b.text, &key, at)..].trim().to_string());
        }
        let bare = b
            .text
            .trim()
            .trim_start_matches(['(', '['])
            .trim_end_matches([')', ']']);
        let found = names(bare.trim());
        if let [(0, name)] = found.as_slice()
            && name.len() == bare.trim().len()
        {
            notice.signed_by = Some((name.clone(), b.line));
        }
        b.kind = Kind::Debris("recipients and signature");
    }
}

/// A signature marker at the start of a line or after the recipients' heading
/// (`Nơi nhận: T/M BAN THƯỜNG VỤ` when two columns share a line).
fn find_marker(key: &str, marker: &str) -> Option<usize> {
    if key.starts_with(marker) {
        return Some(0);
    }
    key.match_indices(marker)
        .map(|(i, _)| i)
        .find(|&i| key[..i].ends_with(' ') && key[..i].trim_end().ends_with(':'))
}

fn signature_line(key: &str) -> bool {
    SIGNATURE.iter().any(|m| key.starts_with(m))
}

/// The byte in `text` at the same character position as byte `at` of its key.
fn byte_at(text: &str, key: &str, at: usize) -> usize {
    let n = key[..at].chars().count();
    text.char_indices().nth(n).map_or(text.len(), |(b, _)| b)
}

/// A line of the title block after its kind line: `của Ban Thường vụ Tỉnh ủy`, `về
/// …`, `Kết luận của đồng chí Chủ tịch UBND tỉnh tại cuộc họp …`.
fn continues_title(text: &str) -> bool {
    let key = key_of(text);
    let opens = [
        "kết luận",
        "ý kiến kết luận",
        "về ",
        "của ",
        "tại ",
        "hội nghị",
    ]
    .iter()
    .any(|p| key.starts_with(p));
    let sentence = text.ends_with(['.', ':', ';']) || super::fields::starts_with_date(text);
    (opens || text.chars().count() <= 160) && text.chars().count() <= 250 && !sentence
}

/// `Số 445-KL/TU`, `Số: 123/TB-UBND` in a line of the head.
fn own_number(text: &str) -> Option<DocumentNumber> {
    let key = key_of(text);
    let at = key
        .match_indices("số")
        .map(|(i, _)| i)
        .find(|&i| i == 0 || key[..i].ends_with(' '))?;
    let rest = text[byte_at(text, &key, at)..]
        .get("Số".len()..)?
        .trim_start_matches([':', ' ', '.']);
    // The number runs to the next space that is not inside it (`445 -KL/TU`).
    let mut token = String::new();
    for (i, w) in rest.split_whitespace().enumerate() {
        let joins = i == 0 || w.starts_with(['-', '/']) || token.ends_with(['-', '/']);
        if !joins {
            break;
        }
        token.push_str(w);
    }
    let token = token.trim_end_matches([',', '.', ';']);
    DocumentNumber::parse(token).ok()
}

/// `Huế, ngày 13 tháng 5 năm 2022` in a line: the date and the place.
fn place_and_date(text: &str) -> Option<(Date, String)> {
    let lower = text.to_lowercase();
    let at = lower.find(", ngày ").or_else(|| lower.find(" ngày "))?;
    let after = &text[at..];
    let after = after[after.find(|c: char| c.is_ascii_digit())?..].to_string();
    let (day, month, year) = long_date(&after)?;
    let date = Date::new(year, month, day).ok()?;
    let before = text[..at].trim();
    // The place is the last words before the date, after a number sharing the line.
    let words: Vec<&str> = before.split_whitespace().collect();
    let keep = words
        .iter()
        .rev()
        .take_while(|w| {
            **w == "-"
                || (!w.contains(|c: char| c.is_ascii_digit() || matches!(c, '/' | '*' | '-' | ':')))
        })
        .count();
    let place = words[words.len() - keep..].join(" ");
    let place = place.trim_matches(|c: char| c == '-' || c.is_whitespace());
    Some((date, place.to_string()))
}

/// `13 tháng 5 năm 2022` (or `05/3/2020`) at the start of `s`.
fn long_date(s: &str) -> Option<(i8, i8, i16)> {
    let parts: Vec<&str> = s.split_whitespace().take(5).collect();
    if let [d, t, m, n, y] = parts.as_slice()
        && t.to_lowercase() == "tháng"
        && n.to_lowercase() == "năm"
    {
        let y = y.trim_end_matches(|c: char| !c.is_ascii_digit());
        return Some((d.parse().ok()?, m.parse().ok()?, y.parse().ok()?));
    }
    let first = s.split_whitespace().next()?;
    let d = crate::model::date::parse(first.trim_end_matches([',', '.'])).ok()?;
    Some((d.day(), d.month(), d.year()))
}

/// Upper-case letterhead text: a unit (`TỈNH ỦY`, `UBND TỈNH …`), a province line
/// (`TỈNH HÀ TĨNH`) or a term (`(KHÓA XVI)`).
fn is_letterhead(text: &str, key: &str) -> bool {
    let unit = ISSUERS.iter().any(|(k, _)| key.starts_with(k))
        || key.starts_with("tỉnh ")
        || key.starts_with("thành phố ")
        || key.starts_with("(khóa")
        || key.starts_with("(khoá")
        || key.starts_with("ban thường vụ");
    unit && is_upper(text) && text.chars().count() <= 120
}

/// The province a letterhead line names: after `TỈNH`, `THÀNH PHỐ`, or a unit
/// (`TỈNH ỦY HÀ TĨNH`, `ĐẢNG BỘ TỈNH THỪA THIÊN HUẾ`, `UBND TỈNH QUẢNG NINH`).
fn letterhead_province(text: &str) -> Option<(&'static Province, String)> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '*')
        .filter(|w| !w.is_empty())
        .collect();
    for start in 0..words.len() {
        for n in (1..=4).rev() {
            if start + n > words.len() {
                continue;
            }
            let lead = key_of(&words[..start].join(" "));
            let unit_before = lead.ends_with("tỉnh")
                || lead.ends_with("thành phố")
                || lead.ends_with("tỉnh ủy")
                || lead.ends_with("thành ủy")
                || lead.ends_with("tp.");
            if !unit_before {
                continue;
            }
            let name = words[start..start + n].join(" ");
            if let Ok(p) = province::resolve(&name, Date::constant(2025, 6, 30)) {
                return Some((p, name));
            }
        }
    }
    None
}

fn without_mottos(text: &str) -> String {
    let mut out = text.to_string();
    for m in [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Độc lập – Tự do – Hạnh phúc",
    ] {
        out = out.replace(m, " ");
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_separator(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.chars().all(|c| {
            matches!(
                c,
                '-' | '–' | '—' | '_' | '*' | '=' | '~' | 'o' | 'O' | '0' | ' '
            )
        })
        && t.chars().any(|c| !matches!(c, 'o' | 'O' | '0' | ' '))
}

/// Letters mostly upper case (a letterhead, a kind line).
fn is_upper(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    !letters.is_empty() && upper * 10 >= letters.len() * 8
}

fn is_upper_start(text: &str) -> bool {
    let head: String = text.chars().take(12).collect();
    is_upper(&head)
}

/// `KẾT LUẬN` → `Kết luận`; other text as it is.
fn sentence_case(text: &str) -> String {
    let t = text.trim();
    if !is_upper(t) {
        return t.to_string();
    }
    let lower = t.to_lowercase();
    let mut chars = lower.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_of_the_head() {
        assert_eq!(
            own_number("Số 445-KL/TU").map(|n| n.canonical()),
            Some("445-KL/TU".into())
        );
        assert_eq!(
            own_number("Số: 123/TB-UBND Quảng Ninh, ngày 15 tháng 3 năm 2024")
                .map(|n| n.canonical()),
            Some("123/TB-UBND".into())
        );
        assert_eq!(
            place_and_date("Huế, ngày 13 tháng 5 năm 2022"),
            Some((Date::constant(2022, 5, 13), "Huế".into()))
        );
        assert_eq!(
            place_and_date("Số: 123/TB-UBND Quảng Ninh, ngày 15 tháng 3 năm 2024"),
            Some((Date::constant(2024, 3, 15), "Quảng Ninh".into()))
        );
        assert_eq!(
            letterhead_province("ĐẢNG BỘ TỈNH THỪA THIÊN HUẾ").map(|p| p.1),
            Some("THỪA THIÊN HUẾ".into())
        );
        assert_eq!(
            letterhead_province("UBND TỈNH QUẢNG NINH").map(|p| p.0.name),
            Some("Quảng Ninh")
        );
        assert_eq!(letterhead_province("TỈNH ỦY"), None);
        assert_eq!(sentence_case("KẾT LUẬN"), "Kết luận");
    }
}

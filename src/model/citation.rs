//! Citations of numbered documents in running Vietnamese prose (issue 3):
//! `Nghị quyết số 05-NQ/TU, ngày 22/10/2021 của Ban Chấp hành Đảng bộ tỉnh về …`.
//!
//! A hand-written scanner, no regex. The text is normalised (NFC, dash/slash
//! look-alikes) into a `char` array that remembers, for every char, the byte range of
//! the original input it came from, so spans always index the original string on char
//! boundaries. Every digit that may start a symbol goes to the document-number
//! scanner of [`crate::model::docnum`]; the words around an accepted symbol give the
//! type word, date, issuer phrase and subject.

use std::ops::Range;

use jiff::civil::Date;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{canonical_combining_class, decompose_canonical};

use crate::model::docnum::{DocumentNumber, map_lookalike, scan_symbol};

/// One mention of a numbered document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// Byte range in the input of what should become a link: the symbol, extended back
    /// over the type word (and `số`) when the type word stands right before it.
    pub span: Range<usize>,
    /// Byte range in the input of the symbol alone (`05-NQ/TU`, `1206 /QĐ-HVTC`).
    pub symbol_span: Range<usize>,
    /// The parsed symbol. The type word never overrides a type written in the symbol
    /// ("Thông báo số 36-KL/TU" is a KL); only `Luật` before `NUM/YEAR/QH15` sets the
    /// kind, to `LUAT`.
    pub number: DocumentNumber,
    /// The type word as written (NFC, spaces collapsed): `Nghị quyết`, `Thông báo kết
    /// luận`, `Kế hoạch`… It may stand apart from the number
    /// ("Kế hoạch kịch bản tăng trưởng kinh tế số 12/KH-UBND").
    pub type_word: Option<String>,
    /// `ngày 22/10/2021`, `(ngày 15/1/2021)`, `ngày 22 tháng 10 năm 2021`, `01-10-1997`.
    /// `None` also when the written date does not exist (31/02/2021).
    pub issue_date: Option<Date>,
    /// Body after `của` (without it): `Ban Thường vụ Tỉnh ủy`, `Bộ Chính trị`.
    pub issuer_phrase: Option<String>,
    /// The topic after `về` (without it), to the end of the clause.
    pub subject: Option<String>,
}

/// Type words, ASCII-folded and lower case (matched against folded text, so missing
/// diacritics are tolerated). Multi-word forms before their prefixes for readability;
/// the matcher prefers the longest match anyway.
const TYPE_WORDS: &[&str] = &[
    "thong bao ket luan",
    "chuong trinh hanh dong",
    "thong tu lien tich",
    "nghi quyet",
    "ket luan",
    "thong bao",
    "chi thi",
    "quyet dinh",
    "quy dinh",
    "quy che",
    "ke hoach",
    "chuong trinh",
    "huong dan",
    "cong van",
    "van ban",
    "to trinh",
    "bao cao",
    "de an",
    "thong tri",
    "nghi dinh",
    "thong tu",
    "luat",
    "cong dien",
];

/// Lower-case words that continue the name of a body after `của` ("Ban Chấp hành
/// Đảng bộ tỉnh", "Thủ tướng Chính phủ"); any capitalised word continues it too.
/// Words that are mostly verbs in lower case (chỉ đạo, tổ chức, xây dựng, kiểm tra,
/// tuyên truyền) are left out: their body names are capitalised (Ban Tổ chức).
const BODY_WORDS: &[&str] = &[
    "an",
    "ban",
    "binh",
    "bộ",
    "chính",
    "chấp",
    "cán",
    "cơ",
    "dân",
    "dục",
    "dựng",
    "giao",
    "giáo",
    "hoá",
    "huyện",
    "hành",
    "hóa",
    "học",
    "hội",
    "khoa",
    "khối",
    "lao",
    "lịch",
    "môi",
    "mặt",
    "nghiệp",
    "nghị",
    "nguyên",
    "nhà",
    "nhân",
    "nông",
    "nước",
    "nội",
    "pháp",
    "phòng",
    "phố",
    "phủ",
    "quan",
    "quận",
    "quốc",
    "sở",
    "sự",
    "thao",
    "thành",
    "thông",
    "thường",
    "thể",
    "thị",
    "tin",
    "tra",
    "triển",
    "trung",
    "trường",
    "trận",
    "trị",
    "trực",
    "tài",
    "tướng",
    "tạo",
    "tải",
    "tế",
    "tỉnh",
    "uỷ",
    "văn",
    "vận",
    "vụ",
    "xã",
    "y",
    "đoàn",
    "đào",
    "đạo",
    "đảng",
    "đồng",
    "động",
    "ương",
    "ủy",
];

/// Find every citation of a numbered document in `text`, in order.
pub fn find_citations(text: &str) -> Vec<Citation> {
    find_first_citations(text, usize::MAX)
}

/// The first `most` citations of `text`: a pasted list of a million numbers is not
/// read past what a body may hold.
pub fn find_first_citations(text: &str, most: usize) -> Vec<Citation> {
    // Only the neighbourhood of a possible symbol is prepared (decoded to chars with
    // an offset map): most of a long paragraph never is.
    find_in(text, windows(text), most)
}

/// The first `most` citations in `windows` of `text` (sorted, disjoint ranges).
fn find_in(text: &str, windows: Vec<Range<usize>>, most: usize) -> Vec<Citation> {
    let mut out = Vec::new();
    // Asked once for all windows, and only when there are some.
    let nfc = match (windows.first(), windows.last()) {
        (Some(first), Some(last)) => crate::text::is_nfc(&text[first.start..last.end]),
        _ => return out,
    };
    for w in windows {
        let p = Prepared::new(&text[w.clone()], nfc);
        let raws = find_symbols(&p);
        for (idx, raw) in raws.iter().enumerate() {
            let limit = raws.get(idx + 1).map_or(p.chars.len(), Raw::mention_start);
            let mut c = complete(&p, raw, limit);
            c.span = c.span.start + w.start..c.span.end + w.start;
            c.symbol_span = c.symbol_span.start + w.start..c.symbol_span.end + w.start;
            out.push(c);
            if out.len() >= most {
                return out;
            }
        }
    }
    out
}

/// Bytes before a candidate symbol that may hold its type word and `số`, and after
/// it that may hold its date, issuer and subject (capped at about 600 chars).
const BEFORE: usize = 400;
const AFTER: usize = 2400;

/// Byte ranges of `text` around every candidate symbol, merged where they overlap,
/// starting and ending at whitespace (or the text's ends).
fn windows(text: &str) -> Vec<Range<usize>> {
    windows_around(text.as_bytes(), candidates(text))
}

/// The windows around `candidates` (in order) of the text `b`.
fn windows_around(b: &[u8], candidates: Vec<usize>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for cand in candidates {
        let mut start = cand.saturating_sub(BEFORE);
        if start > 0 {
            start = b[start..cand]
                .iter()
                .position(u8::is_ascii_whitespace)
                .map_or(cand, |k| start + k + 1);
        }
        let mut end = (cand + AFTER).min(b.len());
        end = b[end..]
            .iter()
            .position(u8::is_ascii_whitespace)
            .map_or(b.len(), |k| end + k);
        match out.last_mut() {
            Some(last) if start <= last.end => last.end = last.end.max(end),
            _ => out.push(start..end),
        }
    }
    out
}

/// Where a symbol may start, in order: a digit run followed, after optional spaces,
/// dots and digits, by `-`, `/` or a look-alike (all multi-byte look-alikes start
/// with 0xE2 or 0xEF), and then by a chain of codes that is not all numbers.
///
/// Found from the separators (`memchr`, many bytes at a time), looking back for the
/// run: digits are far more common in Vietnamese prose than separators.
fn candidates(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut seps: Vec<usize> = memchr::memchr3_iter(b'-', b'/', 0xE2, b).collect();
    if memchr::memchr(0xEF, b).is_some() {
        seps.extend(memchr::memchr_iter(0xEF, b));
        seps.sort_unstable();
    }
    for sep in seps {
        // Every separator byte starts a char. Before it, the number's run: digits,
        // dots and any whitespace, which `scan_symbol` skips (`05\u{a0} -NQ/TW`).
        let run: usize = text[..sep]
            .chars()
            .rev()
            .take_while(|&c| in_number_run(c))
            .map(char::len_utf8)
            .sum();
        let start = sep - run;
        // The run starts at its first digit (a dot or space before it is not part).
        let Some(first) = b[start..sep].iter().position(u8::is_ascii_digit) else {
            continue;
        };
        if out.last() != Some(&(start + first)) && may_be_symbol(b, sep) {
            out.push(start + first);
        }
    }
    out
}

/// Whether `c` may stand between a number's first digit and its separator.
fn in_number_run(c: char) -> bool {
    c.is_ascii_digit() || c == '.' || c.is_whitespace()
}

/// Whether the chain of codes from the separator at `i` may hold a code with a
/// letter: `docnum::scan_symbol` needs one (`12/NQ-TW`, `05-CT/TW`), and dates and phone
/// numbers (`31/12/2024`, `0912-345-678`), the most common candidates by far, have
/// none. Anything beyond ASCII may be a look-alike or a letter: kept.
fn may_be_symbol(b: &[u8], mut i: usize) -> bool {
    let space = |c: u8| c.is_ascii() && (c as char).is_whitespace();
    loop {
        match b.get(i) {
            Some(b'-' | b'/') => i += 1,
            Some(c) => return *c >= 0x80,
            None => return false,
        }
        while b.get(i).is_some_and(|&c| space(c)) {
            i += 1;
        }
        match b.get(i) {
            Some(c) if c.is_ascii_digit() => {}
            Some(c) => return *c >= 0x80 || c.is_ascii_alphabetic(),
            None => return false,
        }
        while b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
            if b[i].is_ascii_alphabetic() {
                return true;
            }
            i += 1;
        }
        while b.get(i).is_some_and(|&c| space(c)) {
            i += 1;
        }
    }
}

// ---------- normalised text with an offset map ----------

struct Prepared<'a> {
    text: &'a str,
    /// `text` is NFC already.
    nfc: bool,
    /// NFC, look-alike dashes/slashes/spaces mapped.
    chars: Vec<char>,
    /// For each char, the byte range of the original it came from.
    spans: Vec<(usize, usize)>,
}

impl<'a> Prepared<'a> {
    /// `nfc`: whether `text` is known to be NFC.
    fn new(text: &'a str, nfc: bool) -> Self {
        let mut chars = Vec::with_capacity(text.len());
        let mut spans = Vec::with_capacity(text.len());
        if nfc {
            for (b, c) in text.char_indices() {
                chars.push(map_lookalike(c));
                spans.push((b, b + c.len_utf8()));
            }
        } else {
            // Normalise one starter plus its combining marks at a time, so every output
            // char maps to the original bytes it was composed from.
            let mut seg_start = 0;
            let flush = |s: usize, e: usize, chars: &mut Vec<char>, spans: &mut Vec<_>| {
                for c in text[s..e].nfc() {
                    chars.push(map_lookalike(c));
                    spans.push((s, e));
                }
            };
            for (b, c) in text.char_indices() {
                if b > seg_start && canonical_combining_class(c) == 0 {
                    flush(seg_start, b, &mut chars, &mut spans);
                    seg_start = b;
                }
            }
            if seg_start < text.len() {
                flush(seg_start, text.len(), &mut chars, &mut spans);
            }
        }
        Prepared {
            text,
            nfc,
            chars,
            spans,
        }
    }

    /// Char `i` folded ([`fold_char`]), made when asked: a window holds thousands of
    /// chars and only a few hundred near each symbol are ever compared (folding whole
    /// windows was a third of the recogniser's time).
    fn folded(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|&c| fold_char(c))
    }

    /// Original byte range of chars `s..e` (`s < e`).
    fn bytes(&self, s: usize, e: usize) -> Range<usize> {
        self.spans[s].0..self.spans[e - 1].1
    }

    /// Original text of chars `s..e`, NFC, whitespace runs collapsed to one space.
    fn display(&self, s: usize, e: usize) -> String {
        let text = &self.text[self.bytes(s, e)];
        if self.nfc {
            crate::text::collapse_whitespace(text)
        } else {
            crate::text::collapse_whitespace(&text.nfc().collect::<String>())
        }
    }
}

/// One char to its ASCII lower-case base letter (`Ố`→`o`, `đ`→`d`).
fn fold_char(c: char) -> char {
    // The shared table answers for every letter of Vietnamese text, `đ` included
    // (the same base letter as below: its decomposition is that letter and dropped
    // marks); what it leaves is a mark or a rare script.
    if let Some(f) = crate::text::fold_char(c) {
        return f;
    }
    let mut first = None;
    decompose_canonical(c, |d| {
        if first.is_none() {
            first = Some(d);
        }
    });
    let base = first.unwrap_or(c);
    base.to_lowercase().next().unwrap_or(base)
}

// ---------- small matchers ----------

/// Skip whitespace forward; `None` when the run holds a blank line (paragraph end).
fn skip_ws(chars: &[char], mut i: usize) -> Option<usize> {
    let mut newlines = 0;
    while let Some(&c) = chars.get(i) {
        if !c.is_whitespace() {
            break;
        }
        if c == '\n' {
            newlines += 1;
            if newlines > 1 {
                return None;
            }
        }
        i += 1;
    }
    Some(i)
}

/// Skip whitespace backward from `i` (exclusive); `None` across a blank line.
fn skip_ws_back(chars: &[char], mut i: usize) -> Option<usize> {
    let mut newlines = 0;
    while i > 0 && chars[i - 1].is_whitespace() {
        if chars[i - 1] == '\n' {
            newlines += 1;
            if newlines > 1 {
                return None;
            }
        }
        i -= 1;
    }
    Some(i)
}

/// `char::is_alphanumeric`, with fast answers for ASCII and the Latin blocks
/// Vietnamese is written in (the general lookup is slow and this is a hot path).
fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0xD7 | 0xF7 => false,
        0xC0..=0x24F | 0x1E00..=0x1EFF => true,
        _ => c.is_alphanumeric(),
    }
}

fn word_boundary_before(chars: &[char], i: usize) -> bool {
    i == 0 || !is_word_char(chars[i - 1])
}

fn word_boundary_after(chars: &[char], i: usize) -> bool {
    chars.get(i).is_none_or(|c| !is_word_char(*c))
}

/// Match a folded phrase (`"ke hoach"`) at `i`; the words may be separated by any
/// whitespace with at most one line break. Returns the end.
fn phrase_at(p: &Prepared, i: usize, phrase: &str) -> Option<usize> {
    let chars = &p.chars;
    // Cheapest test first: this runs for every position near every symbol.
    if p.folded(i) != phrase.chars().next() || !word_boundary_before(chars, i) {
        return None;
    }
    let mut j = i;
    for (n, word) in phrase.split(' ').enumerate() {
        if n > 0 {
            let k = skip_ws(chars, j)?;
            if k == j {
                return None;
            }
            j = k;
        }
        for wc in word.chars() {
            if p.folded(j) != Some(wc) {
                return None;
            }
            j += 1;
        }
    }
    word_boundary_after(chars, j).then_some(j)
}

/// Longest type word starting at `i`: its end.
fn type_word_at(p: &Prepared, i: usize) -> Option<usize> {
    type_word_ends(p, i).max()
}

/// The ends of every type word starting at `i`. Runs for each of the 200 positions
/// before every symbol: what rules out all the words at once (no word starts here,
/// no word begins with this letter) is asked once, not once per word.
fn type_word_ends<'a>(p: &'a Prepared, i: usize) -> impl Iterator<Item = usize> + 'a {
    let first = p.folded(i).filter(|_| word_boundary_before(&p.chars, i));
    TYPE_WORDS
        .iter()
        .filter(move |w| first.is_some_and(|f| w.starts_with(f)))
        .filter_map(move |w| phrase_at(p, i, w))
}

/// A two-letter word `first second` written with the exact diacritic or none
/// (`số`/`so`, `về`/`ve`): folding alone would also accept `sở`, `vẽ`.
fn short_word_at(chars: &[char], i: usize, first: char, seconds: &[char]) -> Option<usize> {
    let a = *chars.get(i)?;
    let b = *chars.get(i + 1)?;
    (a.to_lowercase().eq(first.to_lowercase())
        && seconds.contains(&b)
        && word_boundary_before(chars, i)
        && word_boundary_after(chars, i + 2))
    .then_some(i + 2)
}

const SO: &[char] = &['ố', 'Ố', 'o', 'O'];
const VE: &[char] = &['ề', 'Ề', 'e', 'E'];

fn is_so(chars: &[char], i: usize) -> bool {
    chars.get(i).is_some_and(|c| *c == 's' || *c == 'S')
        && chars.get(i + 1).is_some_and(|c| SO.contains(c))
}

/// `của` (or ASCII `cua`) at `i`: its end.
fn cua_at(p: &Prepared, i: usize) -> Option<usize> {
    let e = phrase_at(p, i, "cua")?;
    matches!(p.chars[i + 1], 'ủ' | 'Ủ' | 'u' | 'U').then_some(e)
}

// ---------- phase 1: symbols and what precedes them ----------

struct Raw {
    /// Chars of the symbol.
    sym: Range<usize>,
    number: DocumentNumber,
    /// Type word chars, and whether it stands right before the symbol (with `số`).
    type_word: Option<(Range<usize>, bool)>,
    /// `của …` between an apart type word and `số`.
    issuer_between: Option<Range<usize>>,
}

impl Raw {
    /// Where the mention begins: a following subject must stop before it.
    fn mention_start(&self) -> usize {
        match &self.type_word {
            Some((r, _)) => r.start.min(self.sym.start),
            None => self.sym.start,
        }
    }
}

fn find_symbols(p: &Prepared) -> Vec<Raw> {
    let chars = &p.chars;
    let mut out: Vec<Raw> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        if may_start_symbol(chars, i)
            && let Ok((number, end)) = scan_symbol(chars, i, true)
        {
            let floor = out.last().map_or(0, |r| r.sym.end);
            if let Some(raw) = context_before(p, i..end, number, floor) {
                out.push(raw);
                i = end;
                continue;
            }
        }
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
    }
    out
}

/// A symbol's number must not continue a word, a number, an amount, a date or a code
/// (`Km20+50`, `1.523`, `quý I/2021`, `0912-345-678`); `số111/…` is the exception.
fn may_start_symbol(chars: &[char], i: usize) -> bool {
    let Some(&prev) = i.checked_sub(1).and_then(|k| chars.get(k)) else {
        return true;
    };
    if is_word_char(prev) {
        return i >= 2 && is_so(chars, i - 2) && word_boundary_before(chars, i - 2);
    }
    !matches!(
        prev,
        '/' | '.'
            | ','
            | '-'
            | '+'
            | '_'
            | '%'
            | '&'
            | '@'
            | '#'
            | '\\'
            | '='
            | '*'
            | '^'
            | '~'
            | '|'
    )
}

fn context_before(
    p: &Prepared,
    sym: Range<usize>,
    mut number: DocumentNumber,
    floor: usize,
) -> Option<Raw> {
    let chars = &p.chars;
    // "số", "số:", "Số :", glued "số111".
    let mut so_start = None;
    if let Some(mut k) = skip_ws_back(chars, sym.start) {
        if k > 0 && chars[k - 1] == ':' {
            k = skip_ws_back(chars, k - 1).unwrap_or(k);
        }
        if k >= 2 && is_so(chars, k - 2) && word_boundary_before(chars, k - 2) && k - 2 >= floor {
            so_start = Some(k - 2);
        }
    }
    let anchor = so_start.unwrap_or(sym.start);
    let (type_word, issuer_between) = type_word_before(p, anchor, floor, so_start.is_some());

    // A symbol with no "số" and no type word must look like one: no all-lower-case code.
    if so_start.is_none() && type_word.is_none() && !written_in_capitals(&chars[sym.clone()]) {
        return None;
    }
    // With no type word the symbol's codes are all the evidence: an unknown type code
    // is a room, a product code or a ratio (`phòng 12-A/B`, `mã 3-TU/HĐ`).
    if type_word.is_none() && !number.has_known_code() {
        return None;
    }
    if let Some((r, _)) = &type_word
        && r.clone().map(|i| p.folded(i)).eq("luat".chars().map(Some))
        && !number.kind_in_symbol
        && number.issuer.first().is_some_and(|i| i.contains("QH"))
    {
        number.kind = "LUAT".into();
    }
    Some(Raw {
        sym,
        number,
        type_word,
        issuer_between,
    })
}

/// Every code of the symbol has a capital letter (`NQ`, `QĐi`, `DL1`; not `nq`).
fn written_in_capitals(sym: &[char]) -> bool {
    sym.split(|c| !c.is_alphanumeric())
        .filter(|t| t.iter().any(|c| c.is_alphabetic()))
        .all(|t| t.iter().any(|c| c.is_uppercase()))
}

type TypeWordHit = (Option<(Range<usize>, bool)>, Option<Range<usize>>);

/// The type word before `anchor` (the start of `số`, or of the symbol): right before
/// it, or, when `số` is there, a few words before it with no punctuation in between
/// ("Kế hoạch kịch bản tăng trưởng kinh tế số 12/KH-UBND",
/// "Quyết định của Bộ Chính trị số 31-QĐ/TW").
fn type_word_before(p: &Prepared, anchor: usize, floor: usize, has_so: bool) -> TypeWordHit {
    let chars = &p.chars;
    let Some(k) = skip_ws_back(chars, anchor) else {
        return (None, None);
    };
    // Adjacent: the earliest start whose match ends exactly at k (the longest word).
    let lo = k.saturating_sub(40).max(floor);
    for j in lo..k {
        if type_word_ends(p, j).any(|e| e == k) {
            return (Some((j..k, true)), None);
        }
    }
    if !has_so {
        return (None, None);
    }
    // Apart: the nearest type word within a short, unpunctuated stretch.
    let lo = anchor.saturating_sub(160).max(floor);
    let mut best: Option<Range<usize>> = None;
    for j in lo..anchor {
        if let Some(e) = type_word_at(p, j)
            && e <= anchor
            && best.as_ref().is_none_or(|b| e > b.end)
        {
            best = Some(j..e);
        }
    }
    let Some(tw) = best else {
        return (None, None);
    };
    let gap = &chars[tw.end..anchor];
    let words = gap
        .split(|c| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .count();
    let newlines = gap.iter().filter(|c| **c == '\n').count();
    let punct = gap.iter().any(|c| {
        matches!(
            c,
            ',' | ';' | '.' | ':' | '(' | ')' | '[' | ']' | '"' | '“' | '”' | '!' | '?' | '…'
        )
    });
    if punct || newlines > 1 || words > 15 {
        return (None, None);
    }
    // "Quyết định của Bộ Chính trị số …": the issuer stands between.
    let issuer = skip_ws(chars, tw.end)
        .and_then(|q| cua_at(p, q))
        .and_then(|e| skip_ws(chars, e).filter(|&q| q > e))
        .and_then(|q| body_at(p, q, anchor).map(|e| q..e));
    (Some((tw, false)), issuer)
}

// ---------- phase 2: what follows a symbol ----------

fn complete(p: &Prepared, raw: &Raw, limit: usize) -> Citation {
    let mut pos = raw.sym.end;
    let mut issue_date = None;
    let mut issuer = raw.issuer_between.clone();
    if let Some((d, e)) = date_after(p, pos, limit) {
        issue_date = d;
        pos = e;
    }
    if issuer.is_none()
        && let Some(r) = issuer_after(p, pos, limit)
    {
        pos = r.end;
        issuer = Some(r);
        if issue_date.is_none()
            && let Some((d, e)) = date_after(p, pos, limit)
        {
            issue_date = d;
            pos = e;
        }
    }
    let subject = subject_after(p, pos, limit)
        .or_else(|| subject_after(p, skip_aside(p, pos), limit))
        .map(|r| p.display(r.start, r.end));

    let span = match &raw.type_word {
        Some((tw, true)) => p.bytes(tw.start, raw.sym.end),
        _ => p.bytes(raw.sym.start, raw.sym.end),
    };
    Citation {
        span,
        symbol_span: p.bytes(raw.sym.start, raw.sym.end),
        number: raw.number.clone(),
        type_word: raw
            .type_word
            .as_ref()
            .map(|(r, _)| p.display(r.start, r.end)),
        issue_date,
        issuer_phrase: issuer.map(|r| p.display(r.start, r.end)),
        subject,
    }
}

/// Skip whitespace and one optional comma.
fn skip_ws_comma(chars: &[char], i: usize) -> Option<usize> {
    let q = skip_ws(chars, i)?;
    if chars.get(q) == Some(&',') {
        skip_ws(chars, q + 1)
    } else {
        Some(q)
    }
}

/// `, ngày 22/10/2021`, `(ngày 15/1/2021)`, `ngày 22 tháng 10 năm 2021`,
/// `ban hành ngày …`, `(15/1/2021)`. Returns the date (if it exists) and the end.
fn date_after(p: &Prepared, pos: usize, limit: usize) -> Option<(Option<Date>, usize)> {
    let chars = &p.chars;
    let mut q = skip_ws_comma(chars, pos)?;
    let paren = chars.get(q) == Some(&'(');
    if paren {
        q = skip_ws(chars, q + 1)?;
    }
    if let Some(e) = phrase_at(p, q, "ban hanh") {
        q = skip_ws(chars, e)?;
    }
    let mut ngay = false;
    if let Some(e) = phrase_at(p, q, "ngay") {
        q = skip_ws(chars, e)?;
        ngay = true;
    }
    if !ngay && !paren {
        return None;
    }
    let (date, mut end) = date_at(p, q)?;
    if paren
        && let Some(r) = skip_ws(chars, end)
        && chars.get(r) == Some(&')')
    {
        end = r + 1;
    }
    (end <= limit).then_some((date, end))
}

/// Digits at `i`, between `min` and `max` of them, not followed by another digit.
fn digits_at(chars: &[char], i: usize, min: usize, max: usize) -> Option<(u32, usize)> {
    let mut j = i;
    let mut v: u32 = 0;
    while let Some(d) = chars
        .get(j)
        .and_then(|c| c.to_digit(10))
        .filter(|_| chars[j].is_ascii())
    {
        v = v * 10 + d;
        j += 1;
        if j - i > max {
            return None;
        }
    }
    (j - i >= min).then_some((v, j))
}

/// A day-first date at `i`: `22/10/2021`, `01-10-1997`, `12.5.2019`,
/// `22 tháng 10 năm 2021`.
fn date_at(p: &Prepared, i: usize) -> Option<(Option<Date>, usize)> {
    let chars = &p.chars;
    let (d, j) = digits_at(chars, i, 1, 2)?;
    let spaces = |mut k: usize| {
        while chars.get(k).is_some_and(|c| *c == ' ' || *c == '\t') {
            k += 1;
        }
        k
    };
    let (m, y, end) = if let Some(&sep) = chars
        .get(spaces(j))
        .filter(|c| matches!(c, '/' | '.' | '-'))
    {
        let k = spaces(spaces(j) + 1);
        let (m, k) = digits_at(chars, k, 1, 2)?;
        let k = spaces(k);
        if chars.get(k) != Some(&sep) {
            return None;
        }
        let (y, k) = digits_at(chars, spaces(k + 1), 4, 4)?;
        (m, y, k)
    } else {
        let k = skip_ws(chars, j)?;
        let k = phrase_at(p, k, "thang")?;
        let (m, k) = digits_at(chars, skip_ws(chars, k)?, 1, 2)?;
        let k = skip_ws_comma(chars, k)?;
        let k = phrase_at(p, k, "nam")?;
        let (y, k) = digits_at(chars, skip_ws(chars, k)?, 4, 4)?;
        (m, y, k)
    };
    if !(1900..2100).contains(&y)
        || !word_boundary_after(chars, end)
        || chars.get(end) == Some(&'/')
    {
        return None;
    }
    let date = Date::new(y as i16, m as i8, d as i8).ok();
    Some((date, end))
}

/// `của Ban Thường vụ Tỉnh ủy`: the range of the body name.
fn issuer_after(p: &Prepared, pos: usize, limit: usize) -> Option<Range<usize>> {
    let chars = &p.chars;
    let q = skip_ws_comma(chars, pos)?;
    let e = cua_at(p, q)?;
    let q = skip_ws(chars, e)?;
    if q == e {
        return None;
    }
    let end = body_at(p, q, limit)?;
    Some(q..end)
}

/// The name of a body starting at `q`: a capitalised word, then capitalised words,
/// words of [`BODY_WORDS`], short numbers (`Ban Chỉ đạo 389`), `khóa`/`lần`/`thứ`
/// before such a word, and `và` before a capitalised one. Stops at punctuation, a type
/// word, `về`/`ngày`/`số` in any case, or `limit`.
fn body_at(p: &Prepared, q: usize, limit: usize) -> Option<usize> {
    let chars = &p.chars;
    let word_end = |i: usize| {
        let mut e = i;
        while e < chars.len() && chars[e].is_alphanumeric() {
            e += 1;
        }
        e
    };
    let capital = |i: usize| chars.get(i).is_some_and(|c| c.is_uppercase());
    if !capital(q) {
        return None;
    }
    let mut end = None;
    let mut i = q;
    let mut prev_capital = false;
    for _ in 0..16 {
        let e = word_end(i);
        if e == i || e > limit {
            break;
        }
        if end.is_some() && type_word_at(p, i).is_some() {
            break;
        }
        let word: String = chars[i..e].iter().flat_map(|c| c.to_lowercase()).collect();
        if matches!(word.as_str(), "về" | "ngày" | "số") {
            break;
        }
        let next = skip_ws(chars, e).filter(|&n| n > e);
        let digits = chars[i..e].iter().all(char::is_ascii_digit);
        // Strong words end the phrase where they stand; connectors only lead on.
        let (ok, strong) = if digits {
            (e - i <= 3 && end.is_some(), true)
        } else if capital(i) {
            (true, true)
        } else if word == "và" {
            // "Bộ Tài nguyên và Môi trường", not "Tỉnh ủy và tổ chức thực hiện".
            let ok = next.is_some_and(|n| capital(n) && type_word_at(p, n).is_none());
            (ok, false)
        } else if word == "ban" && next.is_some_and(|n| phrase_at(p, n, "hanh").is_some()) {
            (false, false) // "Chính phủ ban hành …": a verb
        } else if word == "giao" {
            // "Bộ Ngoại giao", not "UBND tỉnh giao Sở Nội vụ …"
            (next.is_none_or(|n| !capital(n)), true)
        } else if matches!(word.as_str(), "chức" | "giáo" | "dựng" | "thương") && prev_capital
        {
            (true, true) // second syllable: Ban Tổ chức, Ban Tuyên giáo, Bộ Xây dựng
        } else if matches!(word.as_str(), "khóa" | "khoá" | "lần" | "thứ") {
            (true, false)
        } else {
            (BODY_WORDS.contains(&word.as_str()), true)
        };
        if !ok {
            break;
        }
        if strong {
            end = Some(e);
        }
        prev_capital = capital(i);
        match next {
            Some(n) => i = n,
            None => break,
        }
    }
    end
}

/// Between the issuer and `về`: a short parenthesis (`(khóa XIX)`) or
/// `, nhiệm kỳ 2020 - 2025`. Returns where `về` may start.
fn skip_aside(p: &Prepared, pos: usize) -> usize {
    let chars = &p.chars;
    let Some(q) = skip_ws_comma(chars, pos) else {
        return pos;
    };
    if chars.get(q) == Some(&'(') {
        let close = (q + 1..chars.len().min(q + 60))
            .take_while(|&k| !matches!(chars[k], '\n' | '(' | ';'))
            .find(|&k| chars[k] == ')');
        if let Some(c) = close {
            return c + 1;
        }
    }
    if let Some(e) = phrase_at(p, q, "nhiem ky") {
        // nhiệm kỳ 2020 - 2025 / 2020-2025
        let mut k = e;
        for _ in 0..2 {
            let Some(s) = skip_ws(chars, k) else { break };
            let Some((_, d)) = digits_at(chars, s, 4, 4) else {
                break;
            };
            k = d;
            match skip_ws(chars, k) {
                Some(s) if chars.get(s) == Some(&'-') => k = s + 1,
                _ => break,
            }
        }
        if k > e && chars[k - 1].is_ascii_digit() {
            return k;
        }
    }
    pos
}

/// `về …` after `pos`: the range of the topic, without `về`.
fn subject_after(p: &Prepared, pos: usize, limit: usize) -> Option<Range<usize>> {
    let chars = &p.chars;
    let q = skip_ws_comma(chars, pos)?;
    let e = short_word_at(chars, q, 'v', VE)?;
    let s = skip_ws(chars, e)?;
    if s == e || s >= limit {
        return None;
    }
    let end = clause_end(chars, s, limit);
    (end > s).then_some(s..end)
}

/// End of the clause from `s`: `;`, `:`, `?`, `!`, `…`, `.` before a space or the end,
/// an unopened `)`, a paragraph break (blank line, or a new line starting with a
/// capital or a list marker), `limit`, or about 600 chars.
fn clause_end(chars: &[char], s: usize, limit: usize) -> usize {
    const MAX: usize = 600;
    let mut depth = 0usize;
    let mut i = s;
    let mut end = limit.min(chars.len());
    while i < end {
        match chars[i] {
            ';' | ':' | '?' | '!' | '…' => {
                end = i;
                break;
            }
            '.' if chars
                .get(i + 1)
                .is_none_or(|c| c.is_whitespace() || matches!(c, '"' | '”' | ')')) =>
            {
                end = i;
                break;
            }
            '(' => depth += 1,
            ')' if depth == 0 => {
                end = i;
                break;
            }
            ')' => depth -= 1,
            '\n' => {
                let mut k = i + 1;
                while chars
                    .get(k)
                    .is_some_and(|c| *c != '\n' && c.is_whitespace())
                {
                    k += 1;
                }
                let paragraph = chars.get(k).is_none_or(|c| {
                    *c == '\n' || c.is_uppercase() || matches!(c, '-' | '+' | '•' | '*')
                });
                if paragraph {
                    end = i;
                    break;
                }
            }
            _ => {}
        }
        if i - s >= MAX {
            // Cut at the last space so no word is split.
            end = (s..i)
                .rev()
                .find(|&k| chars[k].is_whitespace())
                .unwrap_or(i);
            break;
        }
        i += 1;
    }
    // Drop trailing spaces, dangling commas or dashes, and a connective left where the
    // next mention cut the clause ("về du lịch và Nghị quyết số 57-NQ/TW").
    loop {
        while end > s
            && (chars[end - 1].is_whitespace() || matches!(chars[end - 1], ',' | '-' | ';'))
        {
            end -= 1;
        }
        let word = (s..end)
            .rev()
            .find(|&k| chars[k].is_whitespace())
            .map_or(s, |k| k + 1);
        if TRAILING_CONNECTIVES.iter().any(|w| chars[word..end] == **w) {
            end = word;
        } else {
            return end;
        }
    }
}

/// Words that cannot end a subject: they join it to what follows.
const TRAILING_CONNECTIVES: &[&[char]] = &[
    &['v', 'à'],
    &['c', 'ù', 'n', 'g'],
    &['v', 'ớ', 'i'],
    &['h', 'o', 'ặ', 'c'],
    &['t', 'ạ', 'i'],
    &['t', 'h', 'e', 'o'],
];

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    /// Windows around every digit run that reaches a separator: the candidates as
    /// they were before [`may_be_symbol`] and the search from separators.
    fn all_windows(text: &str) -> Vec<Range<usize>> {
        let b = text.as_bytes();
        let mut cands = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if !b[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let start = i;
            i += text[i..]
                .chars()
                .take_while(|&c| in_number_run(c))
                .map(char::len_utf8)
                .sum::<usize>();
            if matches!(b.get(i), Some(b'-' | b'/' | 0xE2 | 0xEF)) {
                cands.push(start);
            }
        }
        windows_around(b, cands)
    }

    /// Pieces of prose that make and unmake symbols: dates, phone numbers, codes,
    /// look-alike dashes, slashes and spaces, NFD, line breaks.
    const PIECES: &[&str] = &[
        "Nghị quyết số ",
        "Quyết định ",
        "số ",
        "05",
        "12",
        "2020",
        "1.5",
        "31/12/2024",
        "0912-345-678",
        "-NQ/TW",
        "/NQ-CP",
        "/2020/NĐ-CP",
        "/QĐ-TTg",
        "-CT/TU",
        "/",
        "-",
        " ",
        "\n",
        "\u{a0}",
        "\u{2013}",
        "\u{ff0f}",
        "\u{2044}",
        "\u{202f}",
        "NQ",
        "TW",
        "nq",
        "đ",
        "Đ",
        "ngày 22/10/2021",
        ", ",
        ". ",
        "của Ban Thường vụ Tỉnh ủy",
        " về chuyển đổi số",
        "Ke\u{302}\u{301} hoạch ",
        "(",
        ")",
        "x",
        "7",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        /// Searching only around candidates that may be symbols finds exactly what
        /// searching around every digit run before a separator finds.
        #[test]
        fn the_candidate_filter_loses_no_citation(
            pieces in prop::collection::vec(prop::sample::select(PIECES), 0..40)
        ) {
            let text = pieces.concat();
            prop_assert_eq!(find_citations(&text), find_in(&text, all_windows(&text), usize::MAX));
        }
    }

    #[test]
    fn the_candidate_filter_loses_no_citation_in_the_seeds() {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut checked = 0;
        for entry in walkdir::WalkDir::new(seeds) {
            let path = entry.unwrap().into_path();
            if path.extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(&path).unwrap();
                let found = find_citations(&text);
                assert_eq!(
                    found,
                    find_in(&text, all_windows(&text), usize::MAX),
                    "{}",
                    path.display()
                );
                checked += found.len();
            }
        }
        assert!(checked > 10, "the seeds cite documents: {checked}");
    }

    /// Dates and phone numbers are not candidates; codes after them are.
    #[test]
    fn candidates_skip_chains_of_numbers() {
        let at = candidates;
        assert_eq!(at("ngày 31/12/2024 và 0912-345-678."), Vec::<usize>::new());
        assert_eq!(at("số 12/2020/NĐ-CP"), [5, 8]);
        assert_eq!(at("số 05 - NQ/TW"), [5]);
        assert_eq!(at("12\u{a0}/NQ"), [0]);
        // Any whitespace, mixed, may stand before the separator, as `scan_symbol` allows.
        assert_eq!(at("số 05\u{a0} -NQ/TW"), [5]);
        assert_eq!(find_citations("số 05\u{a0} -NQ/TW").len(), 1);
        assert_eq!(at("1/2 x 3\u{2013}4"), [6]);
    }

    /// The table's fast answer is what the definition (first char of the canonical
    /// decomposition, lower case) gives, for every char the table covers.
    #[test]
    fn fold_char_agrees_with_its_definition() {
        let definition = |c: char| {
            if matches!(c, 'đ' | 'Đ' | 'ð' | 'Ð') {
                return 'd';
            }
            let mut first = None;
            decompose_canonical(c, |d| {
                first.get_or_insert(d);
            });
            let base = first.unwrap_or(c);
            base.to_lowercase().next().unwrap_or(base)
        };
        for c in (0..0x2200).filter_map(char::from_u32) {
            assert_eq!(fold_char(c), definition(c), "U+{:04X}", c as u32);
        }
    }

    fn one(text: &str) -> Citation {
        let mut v = find_citations(text);
        assert_eq!(v.len(), 1, "{text:?}: {v:#?}");
        v.remove(0)
    }

    fn canon(text: &str) -> Vec<String> {
        find_citations(text)
            .iter()
            .map(|c| c.number.canonical())
            .collect()
    }

    fn date(y: i16, m: i8, d: i8) -> Option<Date> {
        Some(Date::new(y, m, d).unwrap())
    }

    fn seed(name: &str) -> String {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seeds/");
        let path = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(&format!("{name}_"))
            })
            .unwrap_or_else(|| panic!("seed {name} missing"));
        std::fs::read_to_string(path).unwrap()
    }

    /// The distinct numbers cited in a seed, and for the dated ones, the date.
    /// (year, month, day)
    type Ymd = (i16, i8, i8);

    fn check_seed(name: &str, expected: &[(&str, Option<Ymd>)]) {
        let text = seed(name);
        let cites = find_citations(&text);
        let got: BTreeSet<String> = cites.iter().map(|c| c.number.canonical()).collect();
        let want: BTreeSet<String> = expected.iter().map(|e| e.0.to_owned()).collect();
        assert_eq!(got, want, "seed {name}");
        for (sym, d) in expected {
            if let Some((y, m, dd)) = d {
                assert!(
                    cites
                        .iter()
                        .any(|c| c.number.canonical() == *sym && c.issue_date == date(*y, *m, *dd)),
                    "seed {name}: {sym} has no citation dated {d:?}"
                );
            }
        }
        for c in &cites {
            // Spans index the original text and hold the symbol.
            let s = &text[c.symbol_span.clone()];
            assert_eq!(DocumentNumber::parse(s).unwrap(), c.number, "{s}");
            assert!(c.span.start <= c.symbol_span.start && c.span.end == c.symbol_span.end);
        }
    }

    #[test]
    fn seed_000_cites_nothing() {
        check_seed("000", &[]);
    }

    #[test]
    fn seed_001() {
        check_seed(
            "001",
            &[
                ("05-NQ/TU", Some((2021, 10, 22))),
                ("06-NQ/TU", Some((2021, 11, 18))),
                ("08-NQ/TU", Some((2021, 11, 22))),
                ("09-NQ/TU", Some((2021, 11, 22))),
            ],
        );
    }

    #[test]
    fn seed_002() {
        check_seed(
            "002",
            &[
                ("48-KL/TW", Some((2023, 1, 30))),
                ("29-KL/TU", Some((2021, 7, 22))),
                ("1567-CV/TU", Some((2023, 2, 16))),
            ],
        );
        let text = seed("002");
        let c = find_citations(&text);
        let kl48 = c
            .iter()
            .find(|c| c.number.canonical() == "48-KL/TW")
            .unwrap();
        assert_eq!(kl48.issuer_phrase.as_deref(), Some("Bộ Chính trị"));
        assert_eq!(kl48.type_word.as_deref(), Some("Kết luận"));
        let cv = c.iter().find(|c| c.number.kind == "CV").unwrap();
        assert_eq!(cv.issuer_phrase.as_deref(), Some("Ban Thường vụ Tỉnh ủy"));
    }

    #[test]
    fn seed_003() {
        check_seed(
            "003",
            &[
                ("108/QĐ-UBND", Some((2021, 1, 15))),
                ("326/2021/NQ-HĐND", None),
                ("1393/UBND-DL1", Some((2021, 3, 11))),
                ("12/KH-UBND", Some((2021, 1, 15))),
                ("36-KL/TU", Some((2021, 3, 2))),
            ],
        );
        let text = seed("003");
        let c = find_citations(&text);
        let q = &c[0];
        assert_eq!(q.number.canonical(), "108/QĐ-UBND");
        assert_eq!(&text[q.span.clone()], "Quyết định số 108/QĐ-UBND");
        assert_eq!(
            q.subject.as_deref(),
            Some("Chương trình công tác năm 2021 của UBND tỉnh")
        );
        let kh = c.iter().find(|c| c.number.kind == "KH").unwrap();
        assert_eq!(kh.type_word.as_deref(), Some("Kế hoạch"));
        assert_eq!(&text[kh.span.clone()], "12/KH-UBND");
        let kl = c.iter().find(|c| c.number.kind == "KL").unwrap();
        assert_eq!(kl.type_word.as_deref(), Some("Thông báo"));
        assert_eq!(&text[kl.span.clone()], "Thông báo số 36-KL/TU");
        let cv = c.iter().find(|c| c.number.kind == "CV").unwrap();
        assert_eq!(cv.type_word.as_deref(), Some("Văn bản"));
        assert_eq!(
            cv.subject.as_deref(),
            None,
            "no \"về\" after 1393/UBND-DL1 (ngày 11/3/2021)"
        );
    }

    #[test]
    fn seed_004_cites_nothing() {
        check_seed("004", &[]);
    }

    #[test]
    fn reference_citations() {
        // docnum_reference.mjs CITE_CASES.
        let cases: &[(&str, &str, Option<Date>)] = &[
            (
                "Nghị quyết số 05-NQ/TU, ngày 22/10/2021 của Ban Chấp hành Đảng bộ tỉnh về phát triển du lịch",
                "05-NQ/TU",
                date(2021, 10, 22),
            ),
            (
                "Thông báo số 36-KL/TU ngày 2/3/2021",
                "36-KL/TU",
                date(2021, 3, 2),
            ),
            (
                "thực hiện Nghị quyết 50-NQ/TW ngày 20/8/2019 của Bộ Chính trị",
                "50-NQ/TW",
                date(2019, 8, 20),
            ),
            (
                "Thông báo kết luận số 2927 -TB/TU ngày 4/2/2020",
                "2927-TB/TU",
                date(2020, 2, 4),
            ),
            (
                "Kết luận số 121-KL/TW, ngày 24/01/2025 của Ban Chấp hành Trung ương Đảng",
                "121-KL/TW",
                date(2025, 1, 24),
            ),
            (
                "Quyết định của Bộ Chính trị số 31-QĐ/TW, ngày 01-10-1997",
                "31-QĐ/TW",
                date(1997, 10, 1),
            ),
            (
                "Văn bản số 4836/SNV-TCBC ngày 04 tháng 9 năm 2025",
                "4836/SNV-TCBC",
                date(2025, 9, 4),
            ),
            (
                "Nghị quyết số111/2008/NQ-HĐND ngày 30/7/2008",
                "111/2008/NQ-HĐND",
                date(2008, 7, 30),
            ),
            (
                "Nghị quyết số 202/2025/QH15 của Quốc hội",
                "202/2025/QH15",
                None,
            ),
            (
                "Quyết định số: 1206 /QĐ-HVTC ngày 12.5.2019",
                "1206/QĐ-HVTC",
                date(2019, 5, 12),
            ),
            (
                "Chỉ thị số 39-CT/TU ngày 09/3/2020 của Ban Thường vụ Tỉnh ủy",
                "39-CT/TU",
                date(2020, 3, 9),
            ),
        ];
        for (text, sym, d) in cases {
            let c = one(text);
            assert_eq!(c.number.canonical(), *sym, "{text}");
            assert_eq!(c.issue_date, *d, "{text}");
        }
    }

    #[test]
    fn full_mention() {
        let t = "Quán triệt Nghị quyết số 05-NQ/TU, ngày 22/10/2021 của Ban Chấp hành Đảng bộ tỉnh về tập trung lãnh đạo, chỉ đạo chuyển đổi số tỉnh Hà Tĩnh giai đoạn 2021 - 2025, định hướng đến năm 2030; dự thảo kế hoạch.";
        let c = one(t);
        assert_eq!(&t[c.span.clone()], "Nghị quyết số 05-NQ/TU");
        assert_eq!(&t[c.symbol_span.clone()], "05-NQ/TU");
        assert_eq!(c.type_word.as_deref(), Some("Nghị quyết"));
        assert_eq!(c.issue_date, date(2021, 10, 22));
        assert_eq!(
            c.issuer_phrase.as_deref(),
            Some("Ban Chấp hành Đảng bộ tỉnh")
        );
        assert_eq!(
            c.subject.as_deref(),
            Some(
                "tập trung lãnh đạo, chỉ đạo chuyển đổi số tỉnh Hà Tĩnh giai đoạn 2021 - 2025, định hướng đến năm 2030"
            )
        );
    }

    #[test]
    fn upper_case_heading() {
        let t = "NGHỊ QUYẾT SỐ 05-NQ/TU NGÀY 22/10/2021 CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH VỀ CHUYỂN ĐỔI SỐ";
        let c = one(t);
        assert_eq!(&t[c.span.clone()], "NGHỊ QUYẾT SỐ 05-NQ/TU");
        assert_eq!(c.issue_date, date(2021, 10, 22));
        assert_eq!(
            c.issuer_phrase.as_deref(),
            Some("BAN CHẤP HÀNH ĐẢNG BỘ TỈNH")
        );
        assert_eq!(c.subject.as_deref(), Some("CHUYỂN ĐỔI SỐ"));
    }

    #[test]
    fn issuer_between_type_word_and_number() {
        let c = one("Quyết định của Bộ Chính trị số 31-QĐ/TW, ngày 01-10-1997 về công tác");
        assert_eq!(c.type_word.as_deref(), Some("Quyết định"));
        assert_eq!(c.issuer_phrase.as_deref(), Some("Bộ Chính trị"));
        assert_eq!(c.subject.as_deref(), Some("công tác"));
        assert_eq!(c.issue_date, date(1997, 10, 1));
    }

    #[test]
    fn date_forms() {
        let cases = [
            ("Nghị quyết số 05-NQ/TU ngày 22/10/2021", date(2021, 10, 22)),
            (
                "Nghị quyết số 05-NQ/TU, ngày 22/10/2021",
                date(2021, 10, 22),
            ),
            ("Nghị quyết số 05-NQ/TU (ngày 15/1/2021)", date(2021, 1, 15)),
            ("Nghị quyết số 05-NQ/TU (15/1/2021)", date(2021, 1, 15)),
            (
                "Nghị quyết số 05-NQ/TU ngày 22 tháng 10 năm 2021",
                date(2021, 10, 22),
            ),
            (
                "Nghị quyết số 05-NQ/TU ngày 22 tháng 10, năm 2021",
                date(2021, 10, 22),
            ),
            ("Nghị quyết số 05-NQ/TU ngày 01-10-1997", date(1997, 10, 1)),
            ("Nghị quyết số 05-NQ/TU ngày 12.5.2019", date(2019, 5, 12)),
            (
                "Nghị quyết số 05-NQ/TU ngày 12 / 5 / 2019",
                date(2019, 5, 12),
            ),
            (
                "Nghị quyết số 05-NQ/TU ban hành ngày 12/5/2019",
                date(2019, 5, 12),
            ),
            ("Nghị quyết số 05-NQ/TU NGÀY 12/5/2019", date(2019, 5, 12)),
            ("Nghị quyết số 05-NQ/TU ngay 12/5/2019", date(2019, 5, 12)),
            (
                "Nghị quyết số 05-NQ/TU\n  ngày 12/5/2019",
                date(2019, 5, 12),
            ),
            ("Nghị quyết số 05-NQ/TU ngày 31/02/2021", None),
            ("Nghị quyết số 05-NQ/TU ngày 12/5", None),
            ("Nghị quyết số 05-NQ/TU ngày 12/5/2019/abc", None),
            ("Nghị quyết số 05-NQ/TU 12/5/2019", None),
            (
                "Nghị quyết số 05-NQ/TU của Tỉnh ủy ngày 12/5/2019",
                date(2019, 5, 12),
            ),
            ("Nghị quyết số 05-NQ/TU ngay sau khi", None),
        ];
        for (t, d) in cases {
            assert_eq!(one(t).issue_date, d, "{t}");
        }
    }

    #[test]
    fn symbol_forms_in_prose() {
        let cases = [
            ("theo Nghị quyết số 05–NQ/TU của Tỉnh ủy", "05-NQ/TU"),
            ("theo Nghị quyết số 05 - NQ / TU của Tỉnh ủy", "05-NQ/TU"),
            ("theo nghị quyết số 05-nq/tu", "05-NQ/TU"),
            ("theo Nghị quyết số 326/2021/NQ-HDND", "326/2021/NQ-HĐND"),
            ("theo Nghi quyet so 326/2021/NQ-HDND", "326/2021/NQ-HĐND"),
            (
                "Nghị quyết 18/2022/NQ- HĐND của HĐND tỉnh",
                "18/2022/NQ-HĐND",
            ),
            ("Nghị định số 42/2022/NĐCP", "42/2022/NĐ-CP"),
            ("Nghị quyết số 19-2016/NQ-CP", "19/2016/NQ-CP"),
            ("Nghị quyết số 66.13/2026/NQ-CP.", "66.13/2026/NQ-CP"),
            ("Kết luận số 445-KL/TƯ", "445-KL/TU"),
            ("Quy định số 08-QĐi/TW", "08-QĐi/TW"),
            ("Nghị quyết số 05/NQ-TU của Tỉnh ủy", "05-NQ/TU"),
            ("Quyết định số 646/QĐ/QUTW", "646-QĐ/QUTW"),
            (
                "Thông tư liên tịch số 14/2015/TTLT-BNNPTNT",
                "14/2015/TTLT-BNNPTNT",
            ),
            ("Hướng dẫn số 01-HD/BTCTW-BTGTW", "01-HD/BTCTW-BTGTW"),
            ("Văn bản số 4836/SNV-TCBC", "4836/SNV-TCBC"),
            ("số111/2008/NQ-HĐND", "111/2008/NQ-HĐND"),
            ("Quyết định số:1206/QĐ-HVTC", "1206/QĐ-HVTC"),
            ("Quyết định Số : 1206 /QĐ-HVTC", "1206/QĐ-HVTC"),
            ("(Nghị quyết 05-NQ/TU)", "05-NQ/TU"),
            ("“05-NQ/TU”", "05-NQ/TU"),
            ("thực hiện 05-NQ/TU.", "05-NQ/TU"),
            ("Công điện số 05/CĐ-UBND", "05/CĐ-UBND"),
            ("Tờ trình số 5/TTr-UBND", "05/TTr-UBND"),
            ("Chương trình hành động số 15-CTr/TU", "15-CTr/TU"),
            ("Quyết định số 5/QĐ-TTg", "05/QĐ-TTg"),
            ("Nghị quyết số 05-NQ/TU-", "05-NQ/TU"),
            (
                "Văn bản số 1393/UBND-\n    DL1 ngày 11/3/2021",
                "1393/UBND-DL1",
            ),
            ("Kế hoạch 12/KH-UBND - UBND tỉnh đã", "12/KH-UBND"),
            ("Kế hoạch 12/KH-UBND-tỉnh đã", "12/KH-UBND"),
            ("Kế hoạch 12/KH-UBND-VX đã", "12/KH-UBND-VX"),
            ("Hướng dẫn 01-HD/BTCTW-BTGTW - văn bản", "01-HD/BTCTW-BTGTW"),
            ("Hướng dẫn 01-HD/BTCTW -BTGTW", "01-HD/BTCTW"),
            ("Nghị quyết số 05-nq/tu-btg", "05-NQ/TU-BTG"),
        ];
        for (t, sym) in cases {
            assert_eq!(canon(t), [sym], "{t}");
        }
    }

    #[test]
    fn line_breaks_inside_a_mention() {
        for t in [
            "theo Nghị quyết số\n05-NQ/TU ngày 22/10/2021",
            "theo Nghị quyết\n    số 05-NQ/TU ngày 22/10/2021",
            "theo Nghị\nquyết số 05-NQ/TU ngày 22/10/2021",
            "theo Nghị quyết số 05-\n  NQ/TU ngày 22/10/2021",
            "theo Nghị quyết số 05-NQ/TU,\nngày 22/10/2021",
            "theo Nghị quyết số 05-NQ/TU ngày\n22/10/2021",
        ] {
            let c = one(t);
            assert_eq!(c.number.canonical(), "05-NQ/TU", "{t:?}");
            assert_eq!(c.issue_date, date(2021, 10, 22), "{t:?}");
            assert_eq!(c.type_word.as_deref(), Some("Nghị quyết"), "{t:?}");
            assert!(t[c.span.clone()].starts_with("Nghị"), "{t:?}");
        }
        // A blank line ends the mention.
        let c = one("theo Nghị quyết\n\nsố 05-NQ/TU");
        assert_eq!(c.type_word, None);
    }

    #[test]
    fn spans_index_the_original() {
        // NFD input, en dash, NBSP: spans still cut the original on char boundaries.
        let t: String = "Theo Nghị quyết số 05–NQ/TU,\u{A0}ngày 22/10/2021 của Tỉnh ủy về đất đai."
            .nfd()
            .collect();
        let c = one(&t);
        assert_eq!(c.number.canonical(), "05-NQ/TU");
        assert_eq!(&t[c.symbol_span.clone()], "05–NQ/TU");
        let span: String = t[c.span.clone()].nfc().collect();
        assert_eq!(span, "Nghị quyết số 05–NQ/TU");
        assert_eq!(c.issue_date, date(2021, 10, 22));
        assert_eq!(c.issuer_phrase.as_deref(), Some("Tỉnh ủy"));
        assert_eq!(c.subject.as_deref(), Some("đất đai"));
    }

    #[test]
    fn type_word_apart_and_trust_the_symbol() {
        let c = one("ban hành Kế hoạch kịch bản tăng trưởng kinh tế số 12/KH-UBND ngày 15/1/2021");
        assert_eq!(c.type_word.as_deref(), Some("Kế hoạch"));
        assert_eq!(c.number.kind, "KH");
        let c = one("tại Thông báo số 36-KL/TU ngày 2/3/2021");
        assert_eq!(c.number.kind, "KL");
        assert_eq!(c.type_word.as_deref(), Some("Thông báo"));
        let c = one("Thông báo kết luận số 2927-TB/TU");
        assert_eq!(c.type_word.as_deref(), Some("Thông báo kết luận"));
        // Punctuation between the word and "số": not the document's type word.
        let c = one("ban hành Kế hoạch, đồng thời gửi văn bản kèm số 12/KH-UBND");
        assert_eq!(c.type_word.as_deref(), Some("văn bản"));
        let c = one("ban hành Kế hoạch; số 12/KH-UBND");
        assert_eq!(c.type_word, None);
        // Without "số" the word must be adjacent.
        let c = one("Kế hoạch kịch bản 12/KH-UBND");
        assert_eq!(c.type_word, None);
    }

    #[test]
    fn luat_and_quoc_hoi() {
        let c = one("Luật số 148/2025/QH15 của Quốc hội");
        assert_eq!(c.number.kind, "LUAT");
        assert_eq!(c.number.kind_name(), "Luật");
        assert_eq!(c.number.canonical(), "148/2025/QH15");
        assert_eq!(c.issuer_phrase.as_deref(), Some("Quốc hội"));
        let c = one("Nghị quyết số 98/2023/QH15 về thí điểm");
        assert_eq!(c.number.kind, "NQ");
        assert_eq!(c.subject.as_deref(), Some("thí điểm"));
        let c = one("theo 98/2023/QH15");
        assert_eq!(c.number.kind, "NQ");
        // A type code in the symbol wins over "Luật".
        assert_eq!(one("Luật số 5/2020/NQ-HĐND").number.kind, "NQ");
    }

    #[test]
    fn issuer_phrases() {
        let cases = [
            (
                "Chỉ thị số 39-CT/TU của Ban Thường vụ Tỉnh ủy;",
                Some("Ban Thường vụ Tỉnh ủy"),
            ),
            (
                "Kết luận số 48-KL/TW của Bộ Chính trị gắn với Đề án",
                Some("Bộ Chính trị"),
            ),
            (
                "Nghị quyết số 05-NQ/TU của Tỉnh ủy và tổ chức thực hiện",
                Some("Tỉnh ủy"),
            ),
            (
                "Quyết định số 5/QĐ-TTg của Thủ tướng Chính phủ về",
                Some("Thủ tướng Chính phủ"),
            ),
            (
                "Thông tư số 5/2020/TT-BTNMT của Bộ Tài nguyên và Môi trường về",
                Some("Bộ Tài nguyên và Môi trường"),
            ),
            (
                "Kế hoạch số 5/KH-UBND của UBND tỉnh Hà Tĩnh.",
                Some("UBND tỉnh Hà Tĩnh"),
            ),
            ("Nghị quyết số 05-NQ/TU của các cấp", None),
            ("Nghị quyết số 05-NQ/TU, của Tỉnh ủy", Some("Tỉnh ủy")),
            (
                "Nghị quyết số 18-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XII về",
                Some("Ban Chấp hành Trung ương Đảng khóa XII"),
            ),
            (
                "Kế hoạch số 5/KH-BCĐ của Ban Chỉ đạo 389 tỉnh về",
                Some("Ban Chỉ đạo 389 tỉnh"),
            ),
            (
                "Nghị quyết số 05-NQ/TU của Tỉnh ủy lần này",
                Some("Tỉnh ủy"),
            ),
            (
                "Nghị quyết số 05-NQ/TU của Ban Thường vụ Tỉnh ủy Về việc",
                Some("Ban Thường vụ Tỉnh ủy"),
            ),
            (
                "Quyết định số 5/QĐ-UBND của Ủy ban nhân dân tỉnh ngày 5/5/2021",
                Some("Ủy ban nhân dân tỉnh"),
            ),
            (
                "Nghị quyết số 05-NQ/TU của Tỉnh ủy Kế hoạch",
                Some("Tỉnh ủy"),
            ),
            (
                "Nghị quyết số 05-NQ/TU của Tỉnh ủy 2021/abc",
                Some("Tỉnh ủy"),
            ),
            (
                "Nghị quyết số 26/NQ-CP của Chính phủ ban hành Kế hoạch",
                Some("Chính phủ"),
            ),
            (
                "Quyết định số 5/QĐ-UBND của Ủy ban nhân dân tỉnh",
                Some("Ủy ban nhân dân tỉnh"),
            ),
            (
                "Kế hoạch số 5/KH-UBND của UBND tỉnh giao Sở Nội vụ",
                Some("UBND tỉnh"),
            ),
            (
                "Thông tư số 5/2020/TT-BNG của Bộ Ngoại giao về",
                Some("Bộ Ngoại giao"),
            ),
            (
                "Kết luận số 5-KL/TU của Tỉnh ủy chỉ đạo các sở",
                Some("Tỉnh ủy"),
            ),
            (
                "Kết luận số 5-KL/TU của Tỉnh ủy tổ chức hội nghị",
                Some("Tỉnh ủy"),
            ),
            (
                "Hướng dẫn số 5-HD/BTCTU của Ban Tổ chức Tỉnh ủy",
                Some("Ban Tổ chức Tỉnh ủy"),
            ),
            (
                "Nghị quyết số 5-NQ/BCSĐ của Ban cán sự đảng UBND tỉnh",
                Some("Ban cán sự đảng UBND tỉnh"),
            ),
        ];
        for (t, want) in cases {
            assert_eq!(one(t).issuer_phrase.as_deref(), want, "{t}");
        }
    }

    #[test]
    fn subjects_stop_at_the_clause_end() {
        let cases = [
            (
                "Nghị quyết số 05-NQ/TU về du lịch; tiếp theo",
                Some("du lịch"),
            ),
            (
                "Nghị quyết số 05-NQ/TU về du lịch. Tiếp theo",
                Some("du lịch"),
            ),
            (
                "Nghị quyết số 05-NQ/TU về du lịch: nội dung",
                Some("du lịch"),
            ),
            ("Nghị quyết số 05-NQ/TU về du lịch", Some("du lịch")),
            (
                "Nghị quyết số 05-NQ/TU về du lịch\n\nĐoạn mới",
                Some("du lịch"),
            ),
            (
                "Nghị quyết số 05-NQ/TU về du lịch\nĐoạn mới",
                Some("du lịch"),
            ),
            (
                "Nghị quyết số 05-NQ/TU về du lịch\n- gạch đầu dòng",
                Some("du lịch"),
            ),
            (
                "Nghị quyết số 05-NQ/TU về phát triển\ndu lịch bền vững.",
                Some("phát triển du lịch bền vững"),
            ),
            (
                "Nghị quyết số 05-NQ/TU về nâng GRDP lên 9.5% năm 2025.",
                Some("nâng GRDP lên 9.5% năm 2025"),
            ),
            (
                "(Nghị quyết số 05-NQ/TU về du lịch (giai đoạn 2021-2025)) và",
                Some("du lịch (giai đoạn 2021-2025)"),
            ),
            (
                "Nghị quyết số 05-NQ/TU về du lịch, văn hóa, ",
                Some("du lịch, văn hóa"),
            ),
            ("Nghị quyết số 05-NQ/TU vẽ tranh", None),
            (
                "Nghị quyết số 05-NQ/TU của Tỉnh ủy (khóa XIX) về du lịch",
                Some("du lịch"),
            ),
            (
                "Nghị quyết số 05-NQ/TU của Tỉnh ủy, nhiệm kỳ 2020 - 2025 về du lịch",
                Some("du lịch"),
            ),
            (
                "Nghị quyết số 05-NQ/TU, nhiệm kỳ 2020-2025 về du lịch",
                Some("du lịch"),
            ),
            (
                "Nghị quyết số 05-NQ/TU (bản sao) về du lịch",
                Some("du lịch"),
            ),
            ("Nghị quyết số 05-NQ/TU (chưa đóng về du lịch", None),
            (
                "Nghị quyết số 05-NQ/TU của Tỉnh ủy, nhiệm kỳ về du lịch",
                None,
            ),
            ("Nghị quyết số 05-NQ/TU và về sau", None),
        ];
        for (t, want) in cases {
            assert_eq!(one(t).subject.as_deref(), want, "{t:?}");
        }
        // A connective left where the next citation cuts the subject is dropped.
        let v = find_citations(
            "Thực hiện Nghị quyết số 05-NQ/TU, ngày 22/10/2021 của Ban Chấp hành Đảng bộ tỉnh về du lịch và Nghị quyết số 57-NQ/TW.",
        );
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].subject.as_deref(), Some("du lịch"));
        for (t, want) in [
            (
                "Nghị quyết số 05-NQ/TU về du lịch cùng với Kết luận số 5-KL/TU",
                "du lịch",
            ),
            (
                "Nghị quyết số 05-NQ/TU về du lịch; và Kết luận số 5-KL/TU",
                "du lịch",
            ),
            (
                "Nghị quyết số 05-NQ/TU về du lịch, theo Kết luận số 5-KL/TU",
                "du lịch",
            ),
            (
                "Nghị quyết số 05-NQ/TU về du lịch hoặc Kết luận số 5-KL/TU",
                "du lịch",
            ),
            // Inside the subject the words stay.
            (
                "Nghị quyết số 05-NQ/TU về văn hóa và du lịch gắn với Kết luận số 5-KL/TU",
                "văn hóa và du lịch gắn",
            ),
            (
                "Nghị quyết số 05-NQ/TU về vận tải và logistics.",
                "vận tải và logistics",
            ),
        ] {
            assert_eq!(find_citations(t)[0].subject.as_deref(), Some(want), "{t}");
        }
        assert_eq!(
            find_citations("Nghị quyết số 05-NQ/TU về và Kết luận số 5-KL/TU")[0].subject,
            None
        );
        // Another citation ends the subject.
        let v =
            find_citations("Nghị quyết số 05-NQ/TU về thực hiện Kế hoạch số 12/KH-UBND về du lịch");
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].subject.as_deref(), Some("thực hiện"));
        assert_eq!(v[1].subject.as_deref(), Some("du lịch"));
        // A long subject is cut at a word boundary.
        let long = format!("Nghị quyết số 05-NQ/TU về {}", "phát triển ".repeat(100));
        let s = one(&long).subject.unwrap();
        assert!(s.chars().count() <= 600, "{s}");
        assert!(s.ends_with("triển") || s.ends_with("phát"), "{s}");
    }

    #[test]
    fn several_citations() {
        let t = "Kết luận số 29-KL/TU, ngày 22/7/2021 và Công văn số 1567-CV/TU, ngày 16/02/2023 của Ban Thường vụ Tỉnh ủy; Nghị quyết số 08-NQ/TU, Nghị quyết số 09-NQ/TU.";
        let v = find_citations(t);
        let got: Vec<_> = v.iter().map(|c| c.number.canonical()).collect();
        assert_eq!(got, ["29-KL/TU", "1567-CV/TU", "08-NQ/TU", "09-NQ/TU"]);
        assert_eq!(v[0].issue_date, date(2021, 7, 22));
        assert_eq!(v[0].issuer_phrase, None);
        assert_eq!(v[1].issue_date, date(2023, 2, 16));
        assert_eq!(v[1].issuer_phrase.as_deref(), Some("Ban Thường vụ Tỉnh ủy"));
        assert_eq!(&t[v[3].span.clone()], "Nghị quyết số 09-NQ/TU");
        // Spans are in order and do not overlap.
        for w in v.windows(2) {
            assert!(w[0].span.end <= w[1].span.start);
        }
    }

    #[test]
    fn eth_is_d_with_stroke() {
        let c = one("Theo Quyết định số 15/Q\u{D0}-UBND ngày 5/5/2021");
        assert_eq!(c.number.canonical(), "15/QĐ-UBND");
        assert_eq!(c.number.kind_name(), "Quyết định");
        assert_eq!(c.issue_date, date(2021, 5, 5));
        assert_eq!(canon("theo 15/q\u{F0}-ubnd"), Vec::<String>::new());
        assert_eq!(canon("theo số 15/q\u{F0}-ubnd"), ["15/QĐ-UBND"]);
    }

    #[test]
    fn bare_symbols() {
        assert_eq!(canon("theo 1393/UBND-DL1 đã"), ["1393/UBND-DL1"]);
        assert_eq!(
            canon("theo 4836/SNV-TCBC, 5/BTC-NSNN đã"),
            ["4836/SNV-TCBC", "05/BTC-NSNN"]
        );
        assert_eq!(
            canon("theo 98/2023/QH15, 5/QĐ-TTg, 05/NQ-TU"),
            ["98/2023/QH15", "05/QĐ-TTg", "05-NQ/TU"]
        );
        // Without a type word an unknown type code is not a document (QA: a room, a code).
        assert!(
            canon("Tỷ lệ 9,02%, 1.523 công văn, 6/13 đề án, phòng 12-A/B, mã 3-TU/HĐ.").is_empty()
        );
        assert!(canon("phòng số 12-A/B, căn 5/A-B, lô 7-ZZ/TU").is_empty());
        // With one, the symbol is trusted whatever its code.
        assert_eq!(canon("Nghị quyết số 12-ZZ/TU"), ["12-ZZ/TU"]);
        assert_eq!(canon("Công văn số 5/ABC-XY"), ["05/ABC-XY"]);
        assert_eq!(canon("theo 05-NQ/TU đã"), ["05-NQ/TU"]);
        // All lower case with no "số" and no type word: too weak.
        assert!(canon("đạt 5/ha-năm").is_empty());
        assert!(canon("theo 05-nq/tu đã").is_empty());
        assert_eq!(canon("theo số 05-nq/tu đã"), ["05-NQ/TU"]);
    }

    #[test]
    fn never_citations() {
        for t in [
            "ngày 22/10/2021 và 13.019 tỷ đồng (bằng 107 % dự toán)",
            "tăng 16,56%; 9,5%",
            "tại Km20+50 đường cao tốc",
            "điện thoại 0239.3855.555 hoặc 0912-345-678, 0912 345 678",
            "phòng chống dịch COVID-19 và Covid -19, Covid-19/2020",
            "giai đoạn 2021-2025, nhiệm kỳ 2020 – 2025, 2021 - 2025",
            "trong quý I/2021 và quý II/2024",
            "phiên họp tháng 3/2021, tháng 11/2021",
            "trên tuyến QL.14 và QL 1A",
            "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX",
            "Nghị quyết số 06, 08, 09 của Ban Chấp hành Đảng bộ tỉnh",
            "hoàn thành 6/13 đề án, 1/11, 30/4-1/5",
            "Thứ Sáu, 09/04/2021, 07:04 [GMT+7]",
            "ISO 9001:2015, NQ/TW, số NQ/TU",
            "1.523 công văn, 2 chỉ thị, 45 báo cáo",
            "từ 2ha trở lên, 30ha, 24h/24h, 24/7",
            "số 31/02/2021",
            "nghị quyết số 5",
            "ngày 01-10-1997",
            "123456/QĐ-UBND",
            "Điều 5/2021",
        ] {
            assert!(
                find_citations(t).is_empty(),
                "{t}: {:#?}",
                find_citations(t)
            );
        }
    }

    #[test]
    fn no_panic_on_odd_input() {
        let odd = [
            "",
            "5",
            "số",
            "số:",
            "Nghị quyết số",
            "05-NQ/TU ngày",
            "05-NQ/TU ngày 1",
            "05-NQ/TU ngày 1/",
            "05-NQ/TU (",
            "05-NQ/TU (ngày 1/2/2020",
            "05-NQ/TU về",
            "05-NQ/TU về ",
            "05-NQ/TU của",
            "05-NQ/TU của ",
            "05-NQ/TU của Bộ",
            "05-NQ/TU, ",
            "\u{301}05-NQ/TU\u{301}",
            "ố05-NQ/TU",
            "Nghị quyết số 05-NQ/TU về )))",
            "Nghị quyết số 05-NQ/TU về ((((",
            "🎉05-NQ/TU🎉 về 🎉",
            "05-NQ/TU\r\nngày 1/2/2020",
            "a\u{0323}\u{0302}05-NQ/TU",
        ];
        for t in odd {
            for c in find_citations(t) {
                let _ = &t[c.span.clone()];
                let _ = &t[c.symbol_span.clone()];
            }
        }
        // Every prefix of a real mention, cut on char boundaries.
        let t = "Nghị quyết số 05-NQ/TU, ngày 22/10/2021 của Ban Chấp hành Đảng bộ tỉnh về du lịch; Kế hoạch số 12/KH-UBND";
        for (b, _) in t.char_indices() {
            let _ = find_citations(&t[..b]);
            let _ = find_citations(&t[b..]);
        }
    }

    #[test]
    fn random_input_never_panics() {
        // Deterministic pseudo-random strings over the characters that matter.
        const ALPHABET: &[&str] = &[
            "0",
            "1",
            "2",
            "5",
            "9",
            "2021",
            "/",
            "-",
            "–",
            "∕",
            ".",
            ",",
            ":",
            ";",
            "(",
            ")",
            " ",
            "\n",
            "\u{A0}",
            "NQ",
            "TU",
            "Đ",
            "đ",
            "\u{301}",
            "\u{323}",
            "ố",
            "số",
            "S",
            "ngày ",
            "tháng ",
            "năm ",
            "của ",
            "về ",
            "Nghị quyết ",
            "Ban ",
            "Luật ",
            "QH15",
            "HĐND",
            "UBND",
            "ư",
            "🎉",
            "\r",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..3000 {
            let len = (next() % 30) as usize;
            let t: String = (0..len)
                .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
                .collect();
            for c in find_citations(&t) {
                let sym = &t[c.symbol_span.clone()];
                let _ = &t[c.span.clone()];
                assert!(c.span.start <= c.symbol_span.start && c.symbol_span.end <= c.span.end);
                assert!(DocumentNumber::parse(sym).is_ok(), "{sym:?} in {t:?}");
            }
        }
    }
}

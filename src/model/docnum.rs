//! Official document numbers (số, ký hiệu văn bản) of the Party and the State, as in
//! `../shared/research/docnum_grammar.md`: `05-NQ/TU`, `326/2021/NQ-HĐND`,
//! `1393/UBND-DL1`, `98/2023/QH15`.
//!
//! The parser is a hand-written scanner over `char`s (no regex): it is called for
//! every candidate number in every body text, so it must be cheap. The same scanner
//! serves [`DocumentNumber::parse`] (whole string) and the citation finder (longest
//! symbol at a position in running text, see [`scan_symbol`]).

use crate::config::Language;
use std::fmt;
use std::str::FromStr;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Which numbering system a symbol follows.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum System {
    /// `NUM-TYPE/ISSUER`
    Party,
    /// `NUM/TYPE-ISSUER`, `NUM/YEAR/TYPE-ISSUER`, `NUM/ISSUER-UNIT`, `NUM/YEAR/QH15`
    State,
}

/// A parsed, canonical document number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct DocumentNumber {
    /// Numeric part without leading zeros, keeping a decimal part: `5`, `108`, `66.13`.
    pub number: String,
    /// Year inside the symbol (State legal-normative documents, Quốc hội acts).
    pub year: Option<u16>,
    pub system: System,
    /// Type code in canonical case (`NQ`, `KL`, `QĐ`, `QĐi`, `CTr`…). For a State công
    /// văn (no type code) this is `CV`; for a Quốc hội act with no code it is `NQ`
    /// unless the caller knows better (a `Luật`: kind `LUAT`).
    pub kind: String,
    /// True when `kind` was written in the symbol; false when inferred.
    pub kind_in_symbol: bool,
    /// Issuer codes in canonical case: `["TU"]`, `["HĐND"]`, `["UBND", "DL1"]`,
    /// `["QH15"]`, `["BTCTW", "BTGTW"]`.
    pub issuer: Vec<String>,
}

/// Why a string is not a document number; `Display` (English) names the accepted
/// forms, [`DocNumError::describe`] says it in any language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.describe(Language::En))]
pub struct DocNumError {
    pub input: String,
    pub reason: Why,
}

impl DocNumError {
    /// What is wrong and the accepted forms, in `lang`.
    pub fn describe(&self, lang: Language) -> String {
        let input = format!("{:?}", self.input);
        crate::t!(in lang, "docnum-error", input = input, reason = self.reason.describe(lang))
    }
}

/// Why a text is no document number: a typed reason, cheap to make (citations try
/// many), worded by the catalogue (`docnum-…` messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    Empty,
    NoNumber,
    TooManyDigits,
    DecimalTooLong,
    SeveralDots,
    LettersAfterNumber,
    SlashAfter,
    Zero,
    NoCode,
    DateOrPhone,
    DashedNumbers,
    Range,
    DashNoCode,
    Malformed,
    Date,
    Fraction,
    MonthYear,
    SlashNoCode,
    PartyNeedsSlash,
    NoIssuer,
    NoCodeAfterYear,
    QuocHoiYear,
    /// A segment that is no type code, as written.
    NotAType(String),
    SingleSegment(String),
    /// What follows the symbol after a space, or glued to it.
    SpaceBetween(String),
    Unexpected(String),
}

impl Why {
    pub fn describe(&self, lang: Language) -> String {
        use crate::t;
        match self {
            Why::Empty => t!(in lang, "docnum-empty"),
            Why::NoNumber => t!(in lang, "docnum-no-number"),
            Why::TooManyDigits => t!(in lang, "docnum-too-many-digits"),
            Why::DecimalTooLong => t!(in lang, "docnum-decimal-too-long"),
            Why::SeveralDots => t!(in lang, "docnum-several-dots"),
            Why::LettersAfterNumber => t!(in lang, "docnum-letters-after-number"),
            Why::SlashAfter => t!(in lang, "docnum-slash-after"),
            Why::Zero => t!(in lang, "docnum-zero"),
            Why::NoCode => t!(in lang, "docnum-no-code"),
            Why::DateOrPhone => t!(in lang, "docnum-date-or-phone"),
            Why::DashedNumbers => t!(in lang, "docnum-dashed-numbers"),
            Why::Range => t!(in lang, "docnum-range"),
            Why::DashNoCode => t!(in lang, "docnum-dash-no-code"),
            Why::Malformed => t!(in lang, "docnum-malformed"),
            Why::Date => t!(in lang, "docnum-date"),
            Why::Fraction => t!(in lang, "docnum-fraction"),
            Why::MonthYear => t!(in lang, "docnum-month-year"),
            Why::SlashNoCode => t!(in lang, "docnum-slash-no-code"),
            Why::PartyNeedsSlash => t!(in lang, "docnum-party-needs-slash"),
            Why::NoIssuer => t!(in lang, "docnum-no-issuer"),
            Why::NoCodeAfterYear => t!(in lang, "docnum-no-code-after-year"),
            Why::QuocHoiYear => t!(in lang, "docnum-quoc-hoi-year"),
            Why::NotAType(code) => t!(in lang, "docnum-not-a-type", code = format!("{code:?}")),
            Why::SingleSegment(code) => {
                t!(in lang, "docnum-single-segment", code = format!("{code:?}"))
            }
            Why::SpaceBetween(rest) => {
                t!(in lang, "docnum-space-between", rest = format!("{rest:?}"))
            }
            Why::Unexpected(rest) => t!(in lang, "docnum-unexpected", rest = format!("{rest:?}")),
        }
    }
}

impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(Language::En))
    }
}

// ---------- dictionaries (docnum_grammar.md §3, §4) ----------

/// Party type codes (Quy định 66-QĐ/TW types; abbreviations as seen in real documents).
const PARTY_TYPES: &[(&str, &str)] = &[
    ("NQ", "Nghị quyết"),
    ("QĐ", "Quyết định"),
    ("QĐi", "Quy định"),
    ("CT", "Chỉ thị"),
    ("KL", "Kết luận"),
    ("QC", "Quy chế"),
    ("TT", "Thông tri"),
    ("HD", "Hướng dẫn"),
    ("TB", "Thông báo"),
    ("TC", "Thông cáo"),
    ("BC", "Báo cáo"),
    ("KH", "Kế hoạch"),
    ("CTr", "Chương trình"),
    ("ĐA", "Đề án"),
    ("TTr", "Tờ trình"),
    ("CV", "Công văn"),
    ("BB", "Biên bản"),
];

/// State types: NĐ 30/2020 Phụ lục III plus the legal-normative codes.
const STATE_TYPES: &[(&str, &str)] = &[
    ("NQ", "Nghị quyết"),
    ("QĐ", "Quyết định"),
    ("CT", "Chỉ thị"),
    ("QC", "Quy chế"),
    ("QyĐ", "Quy định"),
    ("TC", "Thông cáo"),
    ("TB", "Thông báo"),
    ("HD", "Hướng dẫn"),
    ("CTr", "Chương trình"),
    ("KH", "Kế hoạch"),
    ("PA", "Phương án"),
    ("ĐA", "Đề án"),
    ("DA", "Dự án"),
    ("BC", "Báo cáo"),
    ("BB", "Biên bản"),
    ("TTr", "Tờ trình"),
    ("HĐ", "Hợp đồng"),
    ("CĐ", "Công điện"),
    ("BGN", "Bản ghi nhớ"),
    ("BTT", "Bản thỏa thuận"),
    ("GUQ", "Giấy ủy quyền"),
    ("GM", "Giấy mời"),
    ("GGT", "Giấy giới thiệu"),
    ("GNP", "Giấy nghỉ phép"),
    ("PG", "Phiếu gửi"),
    ("PC", "Phiếu chuyển"),
    ("PB", "Phiếu báo"),
    ("SY", "Bản sao y"),
    ("TrS", "Bản trích sao"),
    ("SL", "Bản sao lục"),
    ("NĐ", "Nghị định"),
    ("TT", "Thông tư"),
    ("TTLT", "Thông tư liên tịch"),
    ("NQLT", "Nghị quyết liên tịch"),
    ("L", "Lệnh"),
    // Not in Phụ lục III, but inspectorates number their conclusions so: 5/KL-TTCP.
    ("KL", "Kết luận"),
];

/// Party issuers that make `05/NQ-TU` (State separators) a Party number. `BCĐ` is left
/// out on purpose: State steering committees number `…/QĐ-BCĐ` State-style.
const PARTY_ISSUERS: &[&str] = &[
    "TW", "TU", "HU", "QU", "TXU", "ĐU", "ĐUK", "BCSĐ", "ĐĐ", "CB", "VPTW", "VPTU", "BTCTW",
    "BTCTU", "BTGTW", "BTGTU", "BTGDVTW", "BTGDVTU", "BDVTW", "BDVTU", "BNCTW", "BNCTU", "UBKTTW",
    "UBKTTU", "QUTW",
];

/// Central State issuers, compared after ASCII folding (`BKHDT` = `BKHĐT`).
const NATIONAL_STATE: &[&str] = &[
    "CP", "TTG", "VPCP", "BGDDT", "BNNPTNT", "BNNMT", "BTTTT", "BKHCN", "BNV", "BTC", "BYT", "BCT",
    "BKHDT", "BTP", "BCA", "BQP", "BNG", "BXD", "BGTVT", "BTNMT", "BLDTBXH", "BVHTTDL", "BDTTG",
    "NHNN", "TTCP", "TANDTC", "VKSNDTC", "KTNN",
];

/// Provincial State issuers of a công văn (no type code), ASCII-folded: the people's
/// committee and council, their offices, and the Sở (SNV, STC, SGDDT…).
fn is_state_issuer(f: &str) -> bool {
    const LOCAL: &[&str] = &[
        "UBND", "HDND", "VPUBND", "VPHDND", "VPDDBQH", "DDBQH", "BQL",
    ];
    let so = f.len() >= 3
        && f.len() <= 7
        && f.starts_with('S')
        && f.bytes().all(|b| b.is_ascii_uppercase());
    so || LOCAL.contains(&f) || NATIONAL_STATE.contains(&f)
}

/// Tokens written in mixed case, keyed by their ASCII upper-case fold.
fn mixed_case(folded: &str) -> Option<&'static str> {
    Some(match folded {
        "QDI" => "QĐi",
        "CTR" => "CTr",
        "TTR" => "TTr",
        "QYD" => "QyĐ",
        "TRS" => "TrS",
        "TTG" => "TTg",
        _ => return None,
    })
}

/// Diacritics restored only where the ASCII spelling is unambiguous (`HD` is not:
/// Hướng dẫn vs Hợp đồng).
fn restore(ascii: &str) -> Option<&'static str> {
    Some(match ascii {
        "HDND" => "HĐND",
        "QD" => "QĐ",
        "ND" => "NĐ",
        "DU" => "ĐU",
        "DUK" => "ĐUK",
        "DD" => "ĐĐ",
        "BCSD" => "BCSĐ",
        "BCD" => "BCĐ",
        _ => return None,
    })
}

fn lookup(table: &[(&str, &'static str)], code: &str) -> Option<&'static str> {
    table.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

fn is_party_type(code: &str) -> bool {
    PARTY_TYPES.iter().any(|(c, _)| *c == code)
}

fn is_state_type(code: &str) -> bool {
    STATE_TYPES.iter().any(|(c, _)| *c == code)
}

/// ASCII fold: `đ`→`d`, marks removed. Case is kept.
pub(crate) fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_owned();
    }
    s.chars()
        .map(|c| match c {
            'đ' | 'ð' => 'd',
            'Đ' | 'Ð' => 'D',
            c => c,
        })
        .nfd()
        .filter(|c| !('\u{0300}'..='\u{036F}').contains(c))
        .collect()
}

/// Canonical case and spelling of one code token (grammar §2 step 3, §2 "Keys").
fn canon_tok(t: &str) -> String {
    // A letter whose capital is several characters (`ΐ` → `Ϊ́`, with combining
    // marks) stays as written: the canonical form must parse back (found by fuzzing).
    let up: String = t
        .chars()
        .map(|c| {
            let mut u = c.to_uppercase();
            match (u.next(), u.next()) {
                (Some(one), None) => one,
                _ => c,
            }
        })
        .collect();
    let folded = fold(&up);
    if let Some(m) = mixed_case(&folded) {
        return m.to_owned();
    }
    if up == "TƯ" {
        return "TU".to_owned();
    }
    if up == folded
        && let Some(r) = restore(&folded)
    {
        return r.to_owned();
    }
    up
}

/// `NĐCP` → `NĐ`, `CP`: a type and issuer written without the hyphen.
fn split_fused(tok: &str) -> Option<(&'static str, &'static str)> {
    const FUSED: &[(&str, &str, &str)] = &[
        ("NDCP", "NĐ", "CP"),
        ("NQCP", "NQ", "CP"),
        ("QDTTG", "QĐ", "TTg"),
        ("CTTTG", "CT", "TTg"),
        ("NQHDND", "NQ", "HĐND"),
        ("QDUBND", "QĐ", "UBND"),
    ];
    let f = fold(tok).to_ascii_uppercase();
    FUSED
        .iter()
        .find(|(k, _, _)| *k == f)
        .map(|(_, a, b)| (*a, *b))
}

/// Dash, slash and space look-alikes (grammar §2 step 1), one char for one char.
pub(crate) fn map_lookalike(c: char) -> char {
    match c {
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{2044}' | '\u{2215}' | '\u{FF0F}' => '/',
        '\u{00A0}' | '\u{202F}' | '\u{2007}' => ' ',
        // Eth, a stand-in for Đ in text from old encodings: 15/QÐ-UBND is 15/QĐ-UBND.
        '\u{D0}' => 'Đ',
        '\u{F0}' => 'đ',
        c => c,
    }
}

/// NFC plus look-alike mapping, as chars.
fn prepare(s: &str) -> Vec<char> {
    if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        s.chars().map(map_lookalike).collect()
    } else {
        s.nfc().map(map_lookalike).collect()
    }
}

fn is_year(digits: &str) -> bool {
    digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"))
}

// ---------- scanner ----------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Dash,
    Slash,
    /// Letters/digits starting with a letter: a code (`NQ`, `HĐND`, `DL1`, `QH15`).
    Seg,
    /// Digits only (a year, or something that makes the string a date).
    Digits,
    /// Starts with a digit, then letters (`24h`): never part of a symbol.
    Mixed,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    kind: Kind,
    start: usize,
    end: usize,
    /// Separators: whitespace on either side.
    spaced: bool,
    /// Separators: whitespace before it.
    ws_before: bool,
}

/// In running text a tail segment (`-DL1`, `-BTGTW`) joins the symbol only when the
/// dash is glued to what precedes it and the segment is not a lower-case word under
/// an upper-case code: "12/KH-UBND - UBND tỉnh", "12/KH-UBND-tỉnh" stop before it.
fn tail_joins(prose: bool, dash: &Tok, seg: &str, prev: &str) -> bool {
    let upper = |s: &str| s.chars().any(char::is_uppercase);
    !prose || (!dash.ws_before && (upper(seg) || !upper(prev)))
}

/// Whitespace inside a symbol: any in a whole-string parse; in running text at most
/// one line break (a blank line ends the paragraph, and so the mention).
fn skip_ws(chars: &[char], mut i: usize, prose: bool) -> usize {
    let start = i;
    let mut newlines = 0;
    while i < chars.len() && chars[i].is_whitespace() {
        if chars[i] == '\n' {
            newlines += 1;
            if prose && newlines > 1 {
                return start;
            }
        }
        i += 1;
    }
    i
}

/// Result of scanning: the parsed number and the char index just past the symbol.
pub(crate) type Scan = Result<(DocumentNumber, usize), Why>;

/// Scan one symbol starting at `chars[start]` (which should be a digit). `chars` must
/// already be NFC with look-alikes mapped ([`map_lookalike`]). With `prose` the symbol
/// may stop early (text follows it), tail segments (`-DL1`, `-BTGTW`) must be glued to
/// the dash, and the caller checks what precedes `start`.
pub(crate) fn scan_symbol(chars: &[char], start: usize, prose: bool) -> Scan {
    // Number: 1–5 digits, optional "." and 1–3 digits (66.13/2026/NQ-CP).
    let mut i = start;
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    let int_len = i - start;
    if int_len == 0 {
        return Err(Why::NoNumber);
    }
    if int_len > 5 {
        return Err(Why::TooManyDigits);
    }
    let mut num_end = i;
    if i + 1 < chars.len() && chars[i] == '.' && chars[i + 1].is_ascii_digit() {
        let mut j = i + 1;
        while j < chars.len() && chars[j].is_ascii_digit() {
            j += 1;
        }
        if j - i - 1 > 3 {
            return Err(Why::DecimalTooLong);
        }
        if j < chars.len() && chars[j] == '.' && chars.get(j + 1).is_some_and(char::is_ascii_digit)
        {
            return Err(Why::SeveralDots);
        }
        num_end = j;
    }
    if num_end < chars.len() && chars[num_end].is_alphabetic() {
        return Err(Why::LettersAfterNumber);
    }
    let number: String = chars[start..num_end].iter().collect();

    // Tokens after the number: (ws? sep ws? alnum)+. Stop at anything else.
    let mut toks: Vec<Tok> = Vec::with_capacity(8);
    let mut p = num_end;
    loop {
        let q = skip_ws(chars, p, prose);
        let Some(&c) = chars.get(q) else { break };
        let kind = match c {
            '-' => Kind::Dash,
            '/' => Kind::Slash,
            _ => break,
        };
        let r = skip_ws(chars, q + 1, prose);
        let Some(&a) = chars.get(r) else { break };
        if !a.is_alphanumeric() {
            break;
        }
        let mut e = r;
        while e < chars.len() && chars[e].is_alphanumeric() {
            e += 1;
        }
        let spaced = q > p || r > q + 1;
        toks.push(Tok {
            kind,
            start: q,
            end: q + 1,
            spaced,
            ws_before: q > p,
        });
        let seg_kind = if a.is_alphabetic() {
            Kind::Seg
        } else if chars[r..e].iter().all(char::is_ascii_digit) {
            Kind::Digits
        } else {
            Kind::Mixed
        };
        toks.push(Tok {
            kind: seg_kind,
            start: r,
            end: e,
            spaced: false,
            ws_before: false,
        });
        p = e;
        if toks.len() > 40 {
            break; // nothing real is that long; keeps the work bounded
        }
    }
    let text = |t: &Tok| -> String { chars[t.start..t.end].iter().collect() };

    let (doc, used) = match_tokens(number, &toks, &text, prose)?;
    let end = if used == 0 {
        num_end
    } else {
        toks[used - 1].end
    };
    // Guard after the symbol: "/" glued to it means it is part of something longer.
    if prose
        && let Some(next) = toks.get(used)
        && next.kind == Kind::Slash
        && !next.spaced
    {
        return Err(Why::SlashAfter);
    }
    Ok((doc, end))
}

/// Grammar §2 over the token list (alternating separator, segment). Returns the
/// number and how many tokens it used.
fn match_tokens(
    number: String,
    toks: &[Tok],
    text: &dyn Fn(&Tok) -> String,
    prose: bool,
) -> Result<(DocumentNumber, usize), Why> {
    let kind_at = |i: usize| toks.get(i).map(|t| t.kind);
    let number_norm = strip_zeros(&number);
    if number_norm == "0" {
        return Err(Why::Zero);
    }
    match kind_at(0) {
        None => return Err(Why::NoCode),
        Some(Kind::Dash) => match kind_at(1) {
            Some(Kind::Seg) => {
                return party(number_norm, toks, text, prose);
            }
            Some(Kind::Digits) => {
                let d = text(&toks[1]);
                if kind_at(2) == Some(Kind::Dash) && kind_at(3) == Some(Kind::Digits) {
                    return Err(Why::DateOrPhone);
                }
                if !is_year(&d) {
                    return Err(Why::DashedNumbers);
                }
                if kind_at(2) != Some(Kind::Slash) {
                    return Err(Why::Range);
                }
                // 19-2016/NQ-CP: the year joined by "-".
                let year = d.parse().ok();
                return state(number_norm, year, toks, 3, text, prose);
            }
            _ => return Err(Why::DashNoCode),
        },
        Some(Kind::Slash) => {}
        // Tokens alternate separator / segment, so this cannot happen.
        Some(_) => return Err(Why::Malformed),
    }
    // "/" after the number: State.
    match kind_at(1) {
        Some(Kind::Digits) => {
            let d = text(&toks[1]);
            if kind_at(2) == Some(Kind::Slash) && kind_at(3) == Some(Kind::Digits) {
                return Err(Why::Date);
            }
            if !is_year(&d) {
                return Err(Why::Fraction);
            }
            if kind_at(2) != Some(Kind::Slash) || kind_at(3) != Some(Kind::Seg) {
                return Err(Why::MonthYear);
            }
            state(number_norm, d.parse().ok(), toks, 3, text, prose)
        }
        Some(Kind::Seg) => state(number_norm, None, toks, 1, text, prose),
        _ => Err(Why::SlashNoCode),
    }
}

fn strip_zeros(num: &str) -> String {
    let (int, dec) = match num.split_once('.') {
        Some((i, d)) => (i, Some(d)),
        None => (num, None),
    };
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    match dec {
        Some(d) => format!("{int}.{d}"),
        None => int.to_owned(),
    }
}

/// `NUM-TYPE/ISSUER(-ISSUER)*`; `toks[0]` is the dash, `toks[1]` the type.
fn party(
    number: String,
    toks: &[Tok],
    text: &dyn Fn(&Tok) -> String,
    prose: bool,
) -> Result<(DocumentNumber, usize), Why> {
    let raw_type = text(&toks[1]);
    if raw_type.chars().any(|c| !c.is_alphabetic()) || raw_type.chars().count() > 5 {
        return Err(Why::NotAType(raw_type));
    }
    match (toks.get(2), toks.get(3)) {
        (Some(s), Some(seg)) if s.kind == Kind::Slash && seg.kind == Kind::Seg => {}
        (Some(s), _) if s.kind == Kind::Dash => {
            return Err(Why::PartyNeedsSlash);
        }
        _ => return Err(Why::NoIssuer),
    }
    let kind = canon_tok(&raw_type);
    let mut issuer = vec![canon_tok(&text(&toks[3]))];
    let mut used = 4;
    while let (Some(d), Some(seg)) = (toks.get(used), toks.get(used + 1)) {
        if d.kind != Kind::Dash
            || seg.kind != Kind::Seg
            || !tail_joins(prose, d, &text(seg), &text(&toks[used - 1]))
        {
            break;
        }
        issuer.push(canon_tok(&text(seg)));
        used += 2;
    }
    Ok((
        DocumentNumber {
            number,
            year: None,
            system: System::Party,
            kind,
            kind_in_symbol: true,
            issuer,
        },
        used,
    ))
}

/// State symbol from `toks[at]` (a segment) on: `TYPE-ISSUER(-UNIT)*`,
/// `TYPE/ISSUER`, `ISSUER-UNIT+`, fused `NĐCP`, or `QH15` after a year.
fn state(
    number: String,
    year: Option<u16>,
    toks: &[Tok],
    at: usize,
    text: &dyn Fn(&Tok) -> String,
    prose: bool,
) -> Result<(DocumentNumber, usize), Why> {
    if toks.get(at).map(|t| t.kind) != Some(Kind::Seg) {
        return Err(Why::NoCodeAfterYear);
    }
    let mut segs = vec![canon_tok(&text(&toks[at]))];
    let mut used = at + 1;
    let slash_pair = toks.get(used).is_some_and(|t| t.kind == Kind::Slash)
        && toks.get(used + 1).is_some_and(|t| t.kind == Kind::Seg);
    if slash_pair {
        // 646/QĐ/QUTW: "/" between type and issuer (non-standard); only TYPE/ISSUER.
        segs.push(canon_tok(&text(&toks[used + 1])));
        used += 2;
        if !is_state_type(&segs[0]) && !is_party_type(&segs[0]) {
            return Err(Why::NotAType(segs[0].clone()));
        }
    } else {
        while let (Some(d), Some(seg)) = (toks.get(used), toks.get(used + 1)) {
            if d.kind != Kind::Dash || seg.kind != Kind::Seg {
                break;
            }
            // The type–issuer dash may be spaced in prose too (18/2022/NQ- HĐND).
            if segs.len() >= 2 && !tail_joins(prose, d, &text(seg), &text(&toks[used - 1])) {
                break;
            }
            segs.push(canon_tok(&text(seg)));
            used += 2;
        }
    }
    let doc = |kind: &str, in_sym: bool, issuer: Vec<String>, system: System| DocumentNumber {
        number: number.clone(),
        year,
        system,
        kind: kind.to_owned(),
        kind_in_symbol: in_sym,
        issuer,
    };
    if segs.len() == 1 {
        if let Some((t, i)) = split_fused(&segs[0]) {
            return Ok((doc(t, true, vec![i.to_owned()], System::State), used));
        }
        if is_qh(&segs[0]) {
            if year.is_none() {
                return Err(Why::QuocHoiYear);
            }
            return Ok((doc("NQ", false, segs, System::State), used));
        }
        return Err(Why::SingleSegment(segs[0].clone()));
    }
    let first = segs[0].clone();
    let rest = segs.split_off(1);
    // 05/NQ-TU: a Party document written with State separators.
    if year.is_none() && is_party_type(&first) && PARTY_ISSUERS.contains(&rest[0].as_str()) {
        return Ok((doc(&first, true, rest, System::Party), used));
    }
    if is_state_type(&first) {
        return Ok((doc(&first, true, rest, System::State), used));
    }
    if slash_pair {
        return Err(Why::NotAType(first));
    }
    // Công văn: ISSUER-UNIT, no type code.
    let mut issuer = vec![first];
    issuer.extend(rest);
    Ok((doc("CV", false, issuer, System::State), used))
}

/// `QH15`, `UBTVQH15`: Quốc hội and its standing committee with the term number.
fn is_qh(s: &str) -> bool {
    let digits = |d: &str| d.len() == 2 && d.bytes().all(|b| b.is_ascii_digit());
    s.strip_prefix("UBTVQH")
        .or_else(|| s.strip_prefix("QH"))
        .is_some_and(digits)
}

impl DocumentNumber {
    /// Parse a whole string as one document number. Tolerates look-alike dashes and
    /// slashes, spaces around separators, lower case and missing diacritics.
    pub fn parse(s: &str) -> Result<Self, DocNumError> {
        let err = |reason: Why| DocNumError {
            input: s.to_owned(),
            reason,
        };
        let chars = prepare(s);
        let start = chars
            .iter()
            .position(|c| !c.is_whitespace())
            .ok_or_else(|| err(Why::Empty))?;
        let end = chars.len() - chars.iter().rev().take_while(|c| c.is_whitespace()).count();
        let chars = &chars[..end];
        let (doc, stop) = scan_symbol(chars, start, false).map_err(err)?;
        if stop < chars.len() {
            let rest: String = chars[stop..].iter().collect();
            let rest = rest.trim_start();
            let reason = if stop < chars.len() && chars[stop].is_whitespace() {
                Why::SpaceBetween(rest.to_string())
            } else {
                Why::Unexpected(rest.to_string())
            };
            return Err(err(reason));
        }
        Ok(doc)
    }

    /// Everything after the number and its first separator (`NQ/TU`,
    /// `2021/NQ-HĐND`), pushed onto `out`: these strings are made for every citation
    /// of every page, so without a string of their own for each part.
    fn push_tail(&self, out: &mut String) {
        use std::fmt::Write;
        match self.system {
            System::Party => {
                out.push_str(&self.kind);
                out.push('/');
            }
            System::State => {
                if let Some(y) = self.year {
                    let _ = write!(out, "{y}/");
                }
                if self.kind_in_symbol {
                    out.push_str(&self.kind);
                    out.push('-');
                }
            }
        }
        for (i, code) in self.issuer.iter().enumerate() {
            if i > 0 {
                out.push('-');
            }
            out.push_str(code);
        }
    }

    /// Canonical display form with the number padded to two digits:
    /// `05-NQ/TU`, `326/2021/NQ-HĐND`, `1393/UBND-DL1`, `98/2023/QH15`.
    pub fn canonical(&self) -> String {
        let mut out = String::with_capacity(24);
        if self.number.find('.').unwrap_or(self.number.len()) < 2 {
            out.push('0');
        }
        out.push_str(&self.number);
        out.push(match self.system {
            System::Party => '-',
            System::State => '/',
        });
        self.push_tail(&mut out);
        out
    }

    /// Identity key within one issuing body: NFC, canonical case, Đ kept, no leading
    /// zeros: `5|NQ/TU`.
    pub fn key(&self) -> String {
        let mut out = String::with_capacity(24);
        out.push_str(&self.number);
        out.push('|');
        self.push_tail(&mut out);
        out
    }

    /// Search-only key folded to ASCII upper case (`5|NQ/TU`, `326|2021/NQ-HDND`).
    /// It merges distinct codes (HĐ/HD, ĐA/DA): never an identifier.
    pub fn fuzzy_key(&self) -> String {
        fold(&self.key()).to_uppercase()
    }

    /// Slug of the canonical form: `05-nq-tu`, `326-2021-nq-hdnd`, `98-2023-qh15`.
    pub fn slug(&self) -> String {
        let mut out = String::new();
        for c in fold(&self.canonical()).chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        while out.ends_with('-') {
            out.pop();
        }
        out
    }

    /// True when the issuer is central (TW and its boards, QH, UBTVQH, CP, TTg, VPCP,
    /// ministries): one document nationwide. False for provincial and lower issuers.
    pub fn is_national(&self) -> bool {
        let Some(first) = self.issuer.first() else {
            return false;
        };
        let f = fold(first).to_uppercase();
        // TW, VPTW, BTCTW, UBKTTW, QUTW…; provincial boards end in TU instead.
        f.ends_with("TW")
            || is_qh(&f)
            || f == "QH"
            || f == "UBTVQH"
            || NATIONAL_STATE.contains(&f.as_str())
    }

    /// Whether the symbol alone shows it is a document number, with no type word
    /// before it: a Party number with a Party type code, a State number with a type
    /// code (the parser takes none other), a Quốc hội act (`98/2023/QH15`), or a
    /// công văn of a known State issuer (`1393/UBND-DL1`, `5/BTC-NSNN`, `4836/SNV-TCBC`).
    /// `phòng 12-A/B`, `mã 3-TU/HĐ` are not (QA: they made documents).
    pub fn has_known_code(&self) -> bool {
        match self.system {
            System::Party => is_party_type(&self.kind),
            System::State if self.kind_in_symbol => true,
            System::State => self.issuer.first().is_some_and(|first| {
                let f = fold(first).to_uppercase();
                is_qh(&f) || is_state_issuer(&f)
            }),
        }
    }

    /// Vietnamese name of the kind: `Nghị quyết`, `Kết luận`, `Công văn`…
    /// Party and State tables differ where a code does (`TT`: Thông tri / Thông tư).
    pub fn kind_name(&self) -> &'static str {
        match self.kind.as_str() {
            "CV" => return "Công văn",
            "LUAT" => return "Luật",
            _ => {}
        }
        let (own, other) = match self.system {
            System::Party => (PARTY_TYPES, STATE_TYPES),
            System::State => (STATE_TYPES, PARTY_TYPES),
        };
        lookup(own, &self.kind)
            .or_else(|| lookup(other, &self.kind))
            .unwrap_or("Văn bản")
    }
}

impl fmt::Display for DocumentNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

impl FromStr for DocumentNumber {
    type Err = DocNumError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> DocumentNumber {
        DocumentNumber::parse(s).unwrap_or_else(|e| panic!("{e}"))
    }

    fn reason(s: &str) -> String {
        match DocumentNumber::parse(s) {
            Ok(d) => panic!("{s:?} parsed as {d}"),
            Err(e) => e.reason.to_string(),
        }
    }

    /// Every symbol test of docnum_reference.mjs: input, canonical, system.
    const REFERENCE: &[(&str, &str, System)] = &[
        ("05-NQ/TU", "05-NQ/TU", System::Party),
        ("48-KL/TW", "48-KL/TW", System::Party),
        ("29-KL/TU", "29-KL/TU", System::Party),
        ("1567-CV/TU", "1567-CV/TU", System::Party),
        ("36-KL/TU", "36-KL/TU", System::Party),
        ("326/2021/NQ-HĐND", "326/2021/NQ-HĐND", System::State),
        ("108/QĐ-UBND", "108/QĐ-UBND", System::State),
        ("12/KH-UBND", "12/KH-UBND", System::State),
        ("1393/UBND-DL1", "1393/UBND-DL1", System::State),
        ("202/2025/QH15", "202/2025/QH15", System::State),
        ("326/2021/NQ-HDND", "326/2021/NQ-HĐND", System::State),
        ("108/QD-UBND", "108/QĐ-UBND", System::State),
        ("05–NQ/TU", "05-NQ/TU", System::Party),
        ("05 - NQ / TU", "05-NQ/TU", System::Party),
        ("2927 -TB/TU", "2927-TB/TU", System::Party),
        ("445-KL/TƯ", "445-KL/TU", System::Party),
        ("08-QĐi/TW", "08-QĐi/TW", System::Party),
        ("08-QDI/TW", "08-QĐi/TW", System::Party),
        ("05-nq/tu", "05-NQ/TU", System::Party),
        ("1206 /QĐ-HVTC", "1206/QĐ-HVTC", System::State),
        ("18/2022/NQ- HĐND", "18/2022/NQ-HĐND", System::State),
        ("42/2022/NĐCP", "42/2022/NĐ-CP", System::State),
        ("19-2016/NQ-CP", "19/2016/NQ-CP", System::State),
        ("66.13/2026/NQ-CP", "66.13/2026/NQ-CP", System::State),
        ("8011-CV/BTCTW", "8011-CV/BTCTW", System::Party),
        ("1314/NQ-UBTVQH15", "1314/NQ-UBTVQH15", System::State),
        ("76/2025/UBTVQH15", "76/2025/UBTVQH15", System::State),
        ("09-QĐ/BCĐ", "09-QĐ/BCĐ", System::Party),
        ("4836/SNV-TCBC", "4836/SNV-TCBC", System::State),
        ("05/NQ-TU", "05-NQ/TU", System::Party),
        ("646/QĐ/QUTW", "646-QĐ/QUTW", System::Party),
        (
            "14/2015/TTLT-BNNPTNT",
            "14/2015/TTLT-BNNPTNT",
            System::State,
        ),
        ("01-HD/BTCTW-BTGTW", "01-HD/BTCTW-BTGTW", System::Party),
        // Symbols of the reference's citation tests.
        ("50-NQ/TW", "50-NQ/TW", System::Party),
        ("121-KL/TW", "121-KL/TW", System::Party),
        ("31-QĐ/TW", "31-QĐ/TW", System::Party),
        ("111/2008/NQ-HĐND", "111/2008/NQ-HĐND", System::State),
        ("39-CT/TU", "39-CT/TU", System::Party),
    ];

    #[test]
    fn reference_cases() {
        for &(input, canonical, system) in REFERENCE {
            let d = p(input);
            assert_eq!(d.canonical(), canonical, "{input}");
            assert_eq!(d.system, system, "{input}");
            assert_eq!(d.to_string(), canonical);
        }
    }

    #[test]
    fn reference_negatives() {
        for s in [
            "COVID-19",
            "2021-2025",
            "NQ/TW",
            "QL.14",
            "ISO 9001:2015",
            "22/10/2021",
            "",
            "   ",
        ] {
            assert!(DocumentNumber::parse(s).is_err(), "{s:?}");
        }
    }

    #[test]
    fn specific_reasons() {
        assert_eq!(reason(""), "empty string");
        assert_eq!(reason("NQ/TW"), "does not start with a number");
        assert_eq!(reason("COVID-19"), "does not start with a number");
        assert_eq!(reason("22/10/2021"), "looks like a date");
        assert_eq!(reason("01-10-1997"), "looks like a date or a phone number");
        assert!(reason("2021-2025").contains("range"));
        assert!(reason("3/2021").contains("month/year"));
        assert!(reason("13.019").contains("no type or issuer"));
        assert!(reason("0239.3855.555").contains("3 digits"));
        assert!(reason("0912-345-678").contains("phone"));
        assert!(reason("123456/QĐ-UBND").contains("5 digits"));
        assert!(reason("30ha").contains("letters"));
        assert!(reason("05-NQ-TU").contains("\"/\""));
        assert!(reason("12/2021/QĐ").contains("single segment"));
        assert!(reason("05 NQ/TU").contains("no type or issuer"));
        assert!(reason("05-NQ/TU abc").contains("space between codes"));
        assert!(reason("05-NQ/TU.").contains("unexpected"));
        assert!(reason("0-NQ/TU").contains("zero"));
        assert!(reason("30/QH15").contains("year"));
        assert!(reason("6/13").contains("fraction"));
        // The error message names the input and the accepted forms.
        let e = DocumentNumber::parse("22/10/2021").unwrap_err().to_string();
        assert!(
            e.contains("\"22/10/2021\"") && e.contains("05-NQ/TU"),
            "{e}"
        );
    }

    #[test]
    fn grammar_variants() {
        // docnum_grammar.md §5, one row each.
        assert_eq!(p("05–NQ/TU").canonical(), "05-NQ/TU");
        assert_eq!(p("05—NQ∕TU").canonical(), "05-NQ/TU");
        assert_eq!(p("05\u{2212}NQ\u{FF0F}TU").canonical(), "05-NQ/TU");
        assert_eq!(p("05 - NQ / TU").canonical(), "05-NQ/TU");
        assert_eq!(p("2927 -TB/TU").canonical(), "2927-TB/TU");
        assert_eq!(p("326/2021/NQ-HDND").canonical(), "326/2021/NQ-HĐND");
        assert_eq!(p("108/QD-UBND").canonical(), "108/QĐ-UBND");
        assert_eq!(p("05-nq/tu").canonical(), "05-NQ/TU");
        assert_eq!(p("445-KL/TƯ").canonical(), "445-KL/TU");
        assert_eq!(p("42/2022/NĐCP").canonical(), "42/2022/NĐ-CP");
        assert_eq!(p("42/2022/NDCP").canonical(), "42/2022/NĐ-CP");
        assert_eq!(p("19-2016/NQ-CP").canonical(), "19/2016/NQ-CP");
        assert_eq!(p("66.13/2026/NQ-CP").canonical(), "66.13/2026/NQ-CP");
        assert_eq!(p("1206 /QĐ-HVTC").canonical(), "1206/QĐ-HVTC");
        assert_eq!(p("05/NQ-TU").canonical(), "05-NQ/TU");
        assert_eq!(p("646/QĐ/QUTW").canonical(), "646-QĐ/QUTW");
        // NBSP, NFD input, surrounding whitespace, a line break at a separator.
        assert_eq!(p("05\u{A0}-\u{A0}NQ/TU").canonical(), "05-NQ/TU");
        assert_eq!(p("  108/QĐ-UBND\n").canonical(), "108/QĐ-UBND");
        assert_eq!(p("108/Q\u{110}-UBND").canonical(), "108/QĐ-UBND");
        let nfd: String = "326/2021/NQ-HĐND".nfd().collect();
        assert_eq!(p(&nfd).canonical(), "326/2021/NQ-HĐND");
        assert_eq!(p("12/KH-\n   UBND").canonical(), "12/KH-UBND");
        // A whole-string parse takes spaced tail segments too (in prose they stop).
        assert_eq!(p("01-HD/BTCTW - BTGTW").canonical(), "01-HD/BTCTW-BTGTW");
        assert_eq!(p("1393/UBND - DL1").canonical(), "1393/UBND-DL1");
        // Mixed-case codes from any case.
        assert_eq!(p("08-qđi/tw").canonical(), "08-QĐi/TW");
        assert_eq!(p("5/CTR-UBND").kind, "CTr");
        assert_eq!(p("5/TTR-UBND").kind, "TTr");
        assert_eq!(p("5/QYD-UBND").kind, "QyĐ");
        assert_eq!(p("5/TRS-UBND").kind, "TrS");
        assert_eq!(p("5/QĐ-TTG").canonical(), "05/QĐ-TTg");
        assert_eq!(p("5/2020/QĐTTg").canonical(), "05/2020/QĐ-TTg");
        // Restored diacritics: unambiguous tokens only.
        assert_eq!(p("5-NQ/DU").canonical(), "05-NQ/ĐU");
        assert_eq!(p("5-NQ/DUK").canonical(), "05-NQ/ĐUK");
        assert_eq!(p("5-NQ/BCSD").canonical(), "05-NQ/BCSĐ");
        assert_eq!(p("5-QD/BCD").canonical(), "05-QĐ/BCĐ");
        assert_eq!(p("5/HD-UBND").kind, "HD");
        assert_eq!(p("5/DA-UBND").kind, "DA");
    }

    #[test]
    fn fields() {
        let d = p("05-NQ/TU");
        assert_eq!(d.number, "5");
        assert_eq!(d.kind, "NQ");
        assert!(d.kind_in_symbol);
        assert_eq!(d.issuer, ["TU"]);
        assert_eq!(d.year, None);

        let d = p("326/2021/NQ-HĐND");
        assert_eq!((d.number.as_str(), d.year), ("326", Some(2021)));
        assert_eq!(d.issuer, ["HĐND"]);

        let d = p("1393/UBND-DL1");
        assert_eq!(d.kind, "CV");
        assert!(!d.kind_in_symbol);
        assert_eq!(d.issuer, ["UBND", "DL1"]);
        assert_eq!(d.system, System::State);

        let d = p("98/2023/QH15");
        assert_eq!(d.kind, "NQ");
        assert!(!d.kind_in_symbol);
        assert_eq!(d.issuer, ["QH15"]);
        assert_eq!(d.year, Some(2023));
        assert_eq!(d.canonical(), "98/2023/QH15");

        let d = p("01-HD/BTCTW-BTGTW");
        assert_eq!(d.issuer, ["BTCTW", "BTGTW"]);
        assert_eq!(p("66.13/2026/NQ-CP").number, "66.13");
        assert_eq!(p("0005/QĐ-UBND").number, "5");
        assert_eq!(p("5.1/2026/NQ-CP").canonical(), "05.1/2026/NQ-CP");
    }

    #[test]
    fn canonical_key_slug() {
        // Eth (U+00D0) for Đ: the same number.
        assert_eq!(p("15/Q\u{D0}-UBND"), p("15/QĐ-UBND"));
        assert_eq!(p("15/Q\u{D0}-UBND").slug(), "15-qd-ubnd");
        assert_eq!(p("5/2020/N\u{F0}-CP").canonical(), "05/2020/NĐ-CP");
        let cases = [
            ("5-NQ/TU", "05-NQ/TU", "5|NQ/TU", "05-nq-tu"),
            ("05-NQ/TU", "05-NQ/TU", "5|NQ/TU", "05-nq-tu"),
            ("108/QĐ-UBND", "108/QĐ-UBND", "108|QĐ-UBND", "108-qd-ubnd"),
            (
                "326/2021/NQ-HĐND",
                "326/2021/NQ-HĐND",
                "326|2021/NQ-HĐND",
                "326-2021-nq-hdnd",
            ),
            (
                "1393/UBND-DL1",
                "1393/UBND-DL1",
                "1393|UBND-DL1",
                "1393-ubnd-dl1",
            ),
            (
                "98/2023/QH15",
                "98/2023/QH15",
                "98|2023/QH15",
                "98-2023-qh15",
            ),
            ("08-QĐi/TW", "08-QĐi/TW", "8|QĐi/TW", "08-qdi-tw"),
            (
                "66.13/2026/NQ-CP",
                "66.13/2026/NQ-CP",
                "66.13|2026/NQ-CP",
                "66-13-2026-nq-cp",
            ),
        ];
        for (input, canonical, key, slug) in cases {
            let d = p(input);
            assert_eq!(d.canonical(), canonical, "{input}");
            assert_eq!(d.key(), key, "{input}");
            assert_eq!(d.slug(), slug, "{input}");
        }
        assert_eq!(p("1/HĐ-UBND").fuzzy_key(), p("1/HD-UBND").fuzzy_key());
        assert_ne!(p("1/HĐ-UBND").key(), p("1/HD-UBND").key());
    }

    #[test]
    fn national() {
        for s in [
            "48-KL/TW",
            "08-QĐi/TW",
            "36-HD/VPTW",
            "8011-CV/BTCTW",
            "01-HD/BTCTW-BTGTW",
            "5-QĐ/UBKTTW",
            "646-QĐ/QUTW",
            "98/2023/QH15",
            "76/2025/UBTVQH15",
            "1314/NQ-UBTVQH15",
            "30/2020/NĐ-CP",
            "5/QĐ-TTg",
            "12/VPCP-KGVX",
            "14/2015/TTLT-BNNPTNT",
            "5/2020/TT-BGDĐT",
            "5/2020/TT-BGDDT",
            "5/2018/TT-BLĐTBXH",
            "5/BNNMT-KH",
            "5/2021/TT-NHNN",
            "5/KL-TTCP",
            "5/TANDTC-PC",
            "5/VKSNDTC-V14",
            "5/KTNN-TH",
            "5/2024/TT-BDTTG",
        ] {
            assert!(p(s).is_national(), "{s}");
        }
        for s in [
            "05-NQ/TU",
            "5-NQ/HU",
            "5-NQ/QU",
            "5-NQ/TXU",
            "5-NQ/ĐU",
            "5-NQ/ĐUK",
            "326/2021/NQ-HĐND",
            "108/QĐ-UBND",
            "1393/UBND-DL1",
            "4836/SNV-TCBC",
            "5-NQ/BCSĐ",
            "5-HD/BTCTU",
            "5-QĐ/UBKTTU",
            "09-QĐ/BCĐ",
        ] {
            assert!(!p(s).is_national(), "{s}");
        }
    }

    #[test]
    fn kind_names() {
        assert_eq!(p("05-NQ/TU").kind_name(), "Nghị quyết");
        assert_eq!(p("48-KL/TW").kind_name(), "Kết luận");
        assert_eq!(p("08-QĐi/TW").kind_name(), "Quy định");
        assert_eq!(p("5-TT/TU").kind_name(), "Thông tri");
        assert_eq!(p("5/2020/TT-BTC").kind_name(), "Thông tư");
        assert_eq!(p("1567-CV/TU").kind_name(), "Công văn");
        assert_eq!(p("1393/UBND-DL1").kind_name(), "Công văn");
        assert_eq!(p("30/2020/NĐ-CP").kind_name(), "Nghị định");
        assert_eq!(p("5/QyĐ-UBND").kind_name(), "Quy định");
        assert_eq!(p("98/2023/QH15").kind_name(), "Nghị quyết");
        assert_eq!(p("5-ZZ/TU").kind_name(), "Văn bản");
        let mut l = p("98/2023/QH15");
        l.kind = "LUAT".into();
        assert_eq!(l.kind_name(), "Luật");
        assert_eq!(l.canonical(), "98/2023/QH15");
    }

    #[test]
    fn round_trip() {
        let extra = [
            "5-NQ/DU",
            "5/QĐ-TTG",
            "12/KH-\n UBND",
            "5/2020/QĐTTg",
            "0005/QĐ-UBND",
            "5/CTR-UBND",
            "1/UBND-CTR",
        ];
        for s in REFERENCE.iter().map(|r| r.0).chain(extra) {
            let d = p(s);
            let again = p(&d.canonical());
            assert_eq!(again, d, "{s}");
            assert_eq!(again.canonical(), d.canonical());
            assert_eq!(d.canonical().parse::<DocumentNumber>().unwrap(), d);
        }
    }

    #[test]
    fn no_panic_on_odd_input() {
        for s in [
            "5",
            "5-",
            "5/",
            "5-/",
            "5/-",
            "5--NQ/TU",
            "5-NQ/",
            "5-NQ//TU",
            "5/2021/",
            "5/2021",
            "5.",
            "5.1",
            ".5/QĐ-UBND",
            "5/QĐ-",
            "5 /",
            "ố5",
            "5-Ữ/Ữ",
            "5/\u{301}",
            "5-NQ/TU-",
            "99999-NQ/TU-TU-TU-TU-TU-TU-TU-TU-TU-TU-TU-TU-TU-TU-TU-TU-TU-TU-TU-TU-TU-TU",
            "\u{FEFF}",
            "٣/QĐ-UBND",
        ] {
            let _ = DocumentNumber::parse(s);
        }
        assert!(DocumentNumber::parse("5-Ữ/Ữ").is_ok());
    }
}

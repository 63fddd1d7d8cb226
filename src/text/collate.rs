//! Vietnamese alphabetical order (CLDR `vi` standard tailoring) without ICU.
//!
//! This is a small re-implementation of what ICU's `vi` collator does at its default
//! strength (tertiary, non-ignorable punctuation, normalisation on):
//!
//! - every character becomes one or more collation elements (CEs), each with a
//!   primary (the letter), a secondary (the diacritic) and a tertiary (the case);
//! - `ă â đ ê ô ơ ư` are letters of their own (primary), as are `f j w z` in their
//!   Latin places; a base letter followed by its breve, circumflex or horn, even with
//!   a tone mark in between (`ặ` is `a` + dot below + breve in NFD), is read as one;
//! - tone marks and other diacritics are secondary-only CEs, in the `vi` order
//!   grave < hook < tilde < acute < dot below, so they count only after all letters;
//! - case is tertiary (lower before upper).
//!
//! Strings are compared level by level: all primaries, then all secondaries, then all
//! tertiaries, exactly like an ICU sort key. Input is decomposed on the fly (NFD with
//! canonical reordering inside each character cluster), so NFC and NFD compare equal.
//!
//! Outside Vietnamese and basic Latin the weights are an approximation of ICU's (see
//! the tests for what is checked against ICU): ASCII and the common Unicode
//! punctuation follow ICU's order, other symbols sort after them by code point, and
//! letters of other scripts sort after Latin by (lower-case) code point.
use std::cmp::Ordering;
use std::str::Chars;
use std::sync::LazyLock;

use unicode_normalization::char::{
    canonical_combining_class, decompose_canonical, decompose_compatible,
};

/// A sort key: comparing keys gives Vietnamese dictionary order.
///
/// Layout: primary units (u16, two per word), a `0` word, secondary weights (u8, four
/// per word), a `0` word, tertiary weights (u8, four per word). Every weight is
/// non-zero, so padding and separators sort before any real weight and a shorter
/// level sorts first, as in ICU.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SortKey(Vec<u32>);

/// Build the sort key of a string.
pub fn sort_key(s: &str) -> SortKey {
    // Titles fit the stack buffers, so one decoding pass fills all three levels;
    // longer text decodes again for levels 2 and 3 rather than allocate.
    const BUF: usize = 512;
    let mut sec = [0u8; BUF];
    let mut ter = [0u8; BUF];
    let mut n = 0usize;
    let mut key = Vec::with_capacity(s.len() + 4);
    let mut p16 = Pack16::default();
    for ce in Ces::new(s) {
        if ce.p != 0 {
            p16.push_primary(&mut key, ce.p);
        }
        if n < BUF {
            sec[n] = ce.s;
            ter[n] = ce.t;
        }
        n += 1;
    }
    p16.finish(&mut key);
    key.push(0);
    if n <= BUF {
        pack8(&mut key, sec[..n].iter().copied());
        key.push(0);
        pack8(&mut key, ter[..n].iter().copied());
    } else {
        pack8(&mut key, Ces::new(s).map(|ce| ce.s));
        key.push(0);
        pack8(&mut key, Ces::new(s).map(|ce| ce.t));
    }
    SortKey(key)
}

/// Compare two strings in Vietnamese alphabetical order.
///
/// Same result as comparing [`sort_key`]s, but streams the collation elements and
/// stops at the first difference, without allocating.
pub fn compare(a: &str, b: &str) -> Ordering {
    // Sorting compares many equal strings (one issuer for thousands of documents),
    // which would otherwise be walked to the end three times.
    if a == b {
        return Ordering::Equal;
    }
    level(a, b, |ce| (ce.p != 0).then_some(ce.p))
        .then_with(|| level(a, b, |ce| Some(u32::from(ce.s))))
        .then_with(|| level(a, b, |ce| Some(u32::from(ce.t))))
}

fn level(a: &str, b: &str, weight: impl Fn(Ce) -> Option<u32> + Copy) -> Ordering {
    let mut wa = Ces::new(a).filter_map(weight);
    let mut wb = Ces::new(b).filter_map(weight);
    loop {
        match (wa.next(), wb.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x != y => return x.cmp(&y),
            _ => {}
        }
    }
}

/// Packs primary units two per word; a primary is one unit or, for the rare
/// code-point-ordered ones, two.
#[derive(Default)]
struct Pack16 {
    high: Option<u16>,
}

impl Pack16 {
    fn push_unit(&mut self, key: &mut Vec<u32>, unit: u16) {
        match self.high.take() {
            Some(h) => key.push(u32::from(h) << 16 | u32::from(unit)),
            None => self.high = Some(unit),
        }
    }
    fn push_primary(&mut self, key: &mut Vec<u32>, p: u32) {
        self.push_unit(key, (p >> 16) as u16);
        let low = (p & 0xFFFF) as u16;
        if low != 0 {
            self.push_unit(key, low);
        }
    }
    fn finish(self, key: &mut Vec<u32>) {
        if let Some(h) = self.high {
            key.push(u32::from(h) << 16);
        }
    }
}

fn pack8(key: &mut Vec<u32>, weights: impl Iterator<Item = u8>) {
    let mut word = 0u32;
    let mut filled = 0;
    for w in weights {
        word |= u32::from(w) << (24 - 8 * filled);
        filled += 1;
        if filled == 4 {
            key.push(word);
            word = 0;
            filled = 0;
        }
    }
    if filled > 0 {
        key.push(word);
    }
}

// ---- weights ---------------------------------------------------------------------

/// One collation element. `p` is a primary as `(unit << 16) | second_unit`, with
/// `second_unit == 0` for one-unit primaries; `p == 0` means primary-ignorable.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Ce {
    p: u32,
    s: u8,
    t: u8,
}

/// Secondary weight of a character without diacritic; lower than any diacritic.
const COMMON: u8 = 0x05;
/// Secondary of a combining mark outside U+0300–U+036F.
const OTHER_MARK: u8 = 0xC0;
/// Secondary that marks ligatures and expansions (`æ` = `ae` plus this).
const LIGATURE: u8 = 0xE8;
/// Secondary of `ð` (a `d` with a secondary difference in ICU root).
const ETH: u8 = 0xE9;
/// Tertiary weights: lower case < upper case < compatibility variants (`ª`, `ﬁ`,
/// full-width, no-break space...).
const LOWER: u8 = 0x05;
const UPPER: u8 = 0x10;
const COMPAT: u8 = 0x18;
const COMPAT_UPPER: u8 = 0x1C;

// Primary unit ranges. One-unit primaries: whitespace, punctuation, digits, Latin.
// Two-unit primaries (first unit from a range of its own, so the code stays
// prefix-free) order other characters by code point.
const P_SPACE: u16 = 0x0100;
const P_PUNCT: u16 = 0x0200;
const P_SYMBOL_HI: u16 = 0x0800; // + (cp >> 9): symbols not in PUNCT, before digits
const P_DIGIT: u16 = 0x1100;
const P_LATIN: u16 = 0x1200;
const P_SCRIPT_HI: u16 = 0x1400; // + (cp >> 9): letters of other scripts, after Latin

const fn one(unit: u16) -> u32 {
    (unit as u32) << 16
}

fn two(hi_base: u16, cp: u32) -> u32 {
    // cp >> 9 <= 0x87F keeps the first unit inside its range; the second unit is
    // 1..=0x200 and never 0, which marks a one-unit primary.
    (u32::from(hi_base) + (cp >> 9)) << 16 | (1 + (cp & 0x1FF))
}

/// Whitespace in ICU's order; all distinct primaries below any punctuation.
const SPACES: [char; 9] = [
    '\t', '\n', '\u{b}', '\u{c}', '\r', '\u{85}', '\u{2028}', '\u{2029}', ' ',
];

/// Punctuation and symbols in ICU's (CLDR root) order, each a primary of its own.
const PUNCT: [char; 67] = [
    '_', '-', '\u{2010}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}', ',', ';', ':', '!', '¡',
    '?', '¿', '.', '·', '\'', '‹', '›', '"', '«', '»', '(', ')', '[', ']', '{', '}', '§', '¶', '@',
    '*', '/', '\\', '&', '#', '%', '‰', '•', '′', '`', '´', '^', '¯', '¨', '¸', '°', '©', '®', '→',
    '+', '±', '÷', '×', '<', '=', '>', '¬', '|', '¦', '~', '\u{2212}', '★', '¤', '¢', '$', '£',
];
/// The rest of PUNCT (split only to keep lines short): currency before digits.
const CURRENCY: [char; 3] = ['¥', '₫', '€'];

/// Curly quotes are the straight quote with a secondary difference in ICU.
const QUOTES: [(char, char, u8); 6] = [
    ('‘', '\'', 0xE0),
    ('’', '\'', 0xE1),
    ('‚', '\'', 0xE2),
    ('“', '"', 0xE0),
    ('”', '"', 0xE1),
    ('„', '"', 0xE2),
];

/// Latin letters in `vi` order; includes the non-decomposable letters ICU sorts as
/// letters of their own.
const LATIN: [char; 37] = [
    'a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'ə', 'f', 'g', 'h', 'i', 'ı', 'j', 'k', 'l', 'm',
    'n', 'ŋ', 'o', 'ô', 'ơ', 'p', 'q', 'ĸ', 'r', 's', 't', 'u', 'ư', 'v', 'w', 'x', 'y', 'z',
];
/// `þ` sorts after `z`.
const P_THORN: u16 = P_LATIN + LATIN.len() as u16;

const fn latin_index(c: char) -> u16 {
    let mut i = 0;
    while i < LATIN.len() {
        if LATIN[i] == c {
            return i as u16;
        }
        i += 1;
    }
    0
}

/// Primary of each ASCII character (0 for ignorable controls), built at compile time.
const ASCII: [u16; 128] = {
    let mut t = [0u16; 128];
    let mut i = 0;
    while i < SPACES.len() {
        if (SPACES[i] as u32) < 128 {
            t[SPACES[i] as usize] = P_SPACE + i as u16;
        }
        i += 1;
    }
    i = 0;
    while i < PUNCT.len() {
        if (PUNCT[i] as u32) < 128 {
            t[PUNCT[i] as usize] = P_PUNCT + i as u16;
        }
        i += 1;
    }
    i = 0;
    while i < 128 {
        let c = i as u8;
        if c.is_ascii_digit() {
            t[i] = P_DIGIT + (c - b'0') as u16;
        } else if c.is_ascii_alphabetic() {
            t[i] = P_LATIN + latin_index(c.to_ascii_lowercase() as char);
        }
        i += 1;
    }
    t
};

/// Secondary rank of U+0300–U+036F in ICU's `vi` order (0: primary or ignorable).
/// Ranks 4–8 are the tones: grave, hook, tilde, acute, dot below.
const MARK_RANK: [u8; 0x70] = [
    4, 7, 10, 6, 21, 26, 9, 17, 14, 5, 12, 16, 11, 22, 22, 27, // 0300
    28, 29, 22, 2, 3, 22, 23, 23, 23, 23, 22, 30, 23, 23, 23, 23, // 0310
    23, 31, 32, 8, 33, 34, 35, 19, 20, 23, 23, 23, 23, 36, 37, 23, // 0320
    38, 39, 1, 23, 40, 25, 24, 24, 18, 41, 23, 23, 23, 22, 22, 22, // 0330
    4, 7, 13, 2, 15, 42, 22, 23, 23, 23, 22, 22, 22, 23, 23, 0, // 0340
    22, 22, 22, 23, 23, 23, 23, 22, 43, 23, 23, 22, 23, 22, 22, 23, // 0350
    44, 45, 23, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 0360
];

fn mark_secondary(c: char) -> u8 {
    let cp = c as u32;
    match MARK_RANK.get(cp.wrapping_sub(0x300) as usize) {
        Some(&r) if r != 0 => 0x10 + r,
        _ => OTHER_MARK,
    }
}

/// Characters with no weight at all (controls, format characters, variation
/// selectors), as in ICU.
fn is_ignorable(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{84}' | '\u{86}'..='\u{9f}'
        | '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{180b}'..='\u{180f}' | '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{fe00}'..='\u{fe0f}'
        | '\u{feff}' | '\u{fff9}'..='\u{fffb}' | '\u{e0000}'..='\u{e0fff}')
}

/// Characters that have a compatibility decomposition but a primary of their own in
/// ICU (spacing diacritics): never decompose them.
fn keeps_own_primary(c: char) -> bool {
    matches!(c, '´' | '¯' | '¨' | '¸')
}

/// The Vietnamese letters written as a base letter plus a mark: `ă â ê ô ơ ư`.
fn contraction(base: char, mark: char) -> Option<char> {
    Some(match (base.to_ascii_lowercase(), mark) {
        ('a', '\u{306}') => 'ă',
        ('a', '\u{302}') => 'â',
        ('e', '\u{302}') => 'ê',
        ('o', '\u{302}') => 'ô',
        ('o', '\u{31b}') => 'ơ',
        ('u', '\u{31b}') => 'ư',
        _ => return None,
    })
}

fn ccc(c: char) -> u8 {
    if c < '\u{300}' {
        0
    } else {
        canonical_combining_class(c)
    }
}

// ---- CE iterator -----------------------------------------------------------------

/// One decomposed character of the current cluster.
#[derive(Debug, Clone, Copy, Default)]
struct Item {
    c: char,
    ccc: u8,
    compat: bool,
    /// Consumed by a contraction with an earlier base letter.
    skip: bool,
}

/// Cluster capacity: a starter and its combining marks, decomposed. Longer runs of
/// marks (not text) are split into several clusters.
const SEG: usize = 32;
/// Longest compatibility decomposition of one character (U+FDFA).
const MAX_DECOMP: usize = 18;

/// Collation elements of a string, produced one cluster at a time.
struct Ces<'a> {
    chars: Chars<'a>,
    /// Next character, already read to see whether marks follow the previous one.
    pending: Option<char>,
    memo: Option<&'static Memo>,
    seg: [Item; SEG],
    len: usize,
    pos: usize,
    queue: [Ce; 3],
    qlen: usize,
    qpos: usize,
}

impl<'a> Ces<'a> {
    fn new(s: &'a str) -> Self {
        let mut ces = Self::without_memo(s);
        ces.memo = Some(&MEMO);
        ces
    }

    fn without_memo(s: &'a str) -> Self {
        Ces {
            chars: s.chars(),
            pending: None,
            memo: None,
            seg: [Item::default(); SEG],
            len: 0,
            pos: 0,
            queue: [Ce::default(); 3],
            qlen: 0,
            qpos: 0,
        }
    }

    /// Read the cluster starting with `first` (a starter and the combining marks
    /// after it), decompose it and put its marks in canonical order.
    fn fill(&mut self, first: char) {
        self.len = 0;
        self.pos = 0;
        self.push_char(first);
        while let Some(c) = self.pending.take().or_else(|| self.chars.next()) {
            if ccc(c) == 0 || self.len + MAX_DECOMP > SEG {
                self.pending = Some(c);
                break;
            }
            self.push_char(c);
        }
        // Canonical reordering: stable sort of each run of non-starters by class.
        for i in 1..self.len {
            let mut j = i;
            while j > 0 && self.seg[j].ccc != 0 && self.seg[j - 1].ccc > self.seg[j].ccc {
                self.seg.swap(j - 1, j);
                j -= 1;
            }
        }
    }

    fn push(&mut self, c: char, compat: bool) {
        if let Some(slot) = self.seg.get_mut(self.len) {
            *slot = Item {
                c,
                ccc: ccc(c),
                compat,
                skip: false,
            };
            self.len += 1;
        }
    }

    fn push_char(&mut self, c: char) {
        if c.is_ascii() || keeps_own_primary(c) {
            self.push(c, false);
            return;
        }
        let start = self.len;
        decompose_compatible(c, |d| self.push(d, false));
        // A compatibility variant (`ª`, `ﬁ`, no-break space) weighs as its
        // decomposition with a tertiary difference; tell it from a canonical one.
        let mut same = true;
        let mut k = start;
        decompose_canonical(c, |d| {
            same &= self.seg.get(k).is_some_and(|it| it.c == d);
            k += 1;
        });
        if !same || k != self.len {
            for it in &mut self.seg[start..self.len] {
                it.compat = true;
            }
        }
    }

    /// Turn the next item of the cluster into CEs in the queue.
    fn expand(&mut self) {
        let item = self.seg[self.pos];
        self.pos += 1;
        self.qlen = 0;
        self.qpos = 0;
        if item.skip {
            return;
        }
        if item.ccc != 0 {
            self.emit(0, mark_secondary(item.c), LOWER);
            return;
        }
        let mut c = item.c;
        if matches!(c, 'a' | 'A' | 'e' | 'E' | 'o' | 'O' | 'u' | 'U') {
            // A breve/circumflex/horn later in the cluster belongs to this letter
            // unless a mark of the same class stands between (UCA "blocked").
            let mut max_ccc = 0;
            for j in self.pos..self.len {
                let m = self.seg[j];
                if m.ccc == 0 {
                    break;
                }
                if m.ccc > max_ccc
                    && let Some(letter) = contraction(c, m.c)
                {
                    self.seg[j].skip = true;
                    c = if c.is_ascii_uppercase() {
                        letter.to_uppercase().next().unwrap_or(letter)
                    } else {
                        letter
                    };
                    break;
                }
                max_ccc = max_ccc.max(m.ccc);
            }
        }
        self.starter(c, item.compat);
    }

    fn emit(&mut self, p: u32, s: u8, t: u8) {
        if let Some(slot) = self.queue.get_mut(self.qlen) {
            *slot = Ce { p, s, t };
            self.qlen += 1;
        }
    }

    /// CEs of a starter character (after decomposition and contraction).
    fn starter(&mut self, c: char, compat: bool) {
        let upper = c.is_uppercase();
        let t = match (compat, upper) {
            (false, false) => LOWER,
            (false, true) => UPPER,
            (true, false) => COMPAT,
            (true, true) => COMPAT_UPPER,
        };
        if let Some(&unit) = ASCII.get(c as usize) {
            if unit != 0 {
                self.emit(one(unit), COMMON, t);
            }
            return;
        }
        let latin = |l: char| one(P_LATIN + latin_index(l));
        let lower = c.to_lowercase().next().unwrap_or(c);
        match lower {
            'ă' | 'â' | 'đ' | 'ê' | 'ô' | 'ơ' | 'ư' | 'ə' | 'ı' | 'ŋ' | 'ĸ' => {
                self.emit(latin(lower), COMMON, t)
            }
            'þ' => self.emit(one(P_THORN), COMMON, t),
            // Letters ICU treats as a base letter plus a secondary difference.
            'ð' => {
                self.emit(latin('d'), COMMON, t);
                self.emit(0, ETH, LOWER);
            }
            'ø' => {
                self.emit(latin('o'), COMMON, t);
                self.emit(0, mark_secondary('\u{338}'), LOWER);
            }
            'ł' | 'ħ' => {
                self.emit(latin(if lower == 'ł' { 'l' } else { 'h' }), COMMON, t);
                self.emit(0, mark_secondary('\u{335}'), LOWER);
            }
            // Ligatures and ß expand to two letters.
            'æ' | 'œ' | 'ß' => {
                let (x, y) = match lower {
                    'æ' => ('a', 'e'),
                    'œ' => ('o', 'e'),
                    _ => ('s', 's'),
                };
                self.emit(latin(x), COMMON, t);
                self.emit(0, LIGATURE, LOWER);
                self.emit(latin(y), COMMON, t);
            }
            _ => self.other(c, lower, t),
        }
    }

    fn other(&mut self, c: char, lower: char, t: u8) {
        if let Some(i) = SPACES.iter().position(|&x| x == c) {
            self.emit(one(P_SPACE + i as u16), COMMON, t);
        } else if let Some(i) = PUNCT.iter().chain(&CURRENCY).position(|&x| x == c) {
            self.emit(one(P_PUNCT + i as u16), COMMON, t);
        } else if let Some(&(_, base, s)) = QUOTES.iter().find(|q| q.0 == c) {
            self.emit(one(ASCII[base as usize]), s, t);
        } else if is_ignorable(c) {
        } else if c.is_whitespace() {
            self.emit(one(P_SPACE + SPACES.len() as u16 - 1), COMMON, COMPAT);
        } else if c.is_alphabetic() && !matches!(c, '\u{2c2}'..='\u{2df}' | '\u{2e5}'..='\u{2ff}') {
            // (Spacing modifiers such as `ˆ ˇ ˘` are alphabetic to Unicode but
            // symbols to ICU.)
            // Case-insensitive at the primary level, like ICU.
            self.emit(two(P_SCRIPT_HI, lower as u32), COMMON, t);
        } else if unicode_normalization::char::is_combining_mark(c) {
            // A starter mark (spacing vowel sign...) outside the Latin set.
            self.emit(0, OTHER_MARK, LOWER);
        } else {
            self.emit(two(P_SYMBOL_HI, c as u32), COMMON, t);
        }
    }
}

impl Iterator for Ces<'_> {
    type Item = Ce;

    fn next(&mut self) -> Option<Ce> {
        loop {
            if self.qpos < self.qlen {
                let ce = self.queue[self.qpos];
                self.qpos += 1;
                return Some(ce);
            }
            if self.pos < self.len {
                self.expand();
                continue;
            }
            let c = self.pending.take().or_else(|| self.chars.next())?;
            // Fast path: a common character not followed by a combining mark has
            // the CEs it has alone.
            if let Some(memo) = self.memo
                && let Some(i) = memo_index(c)
                && let Some(&n) = memo.len.get(i)
                && n != NOT_MEMOISED
            {
                self.pending = self.chars.next();
                if self.pending.is_none_or(is_starter) {
                    self.queue = memo.ces[i];
                    self.qlen = usize::from(n);
                    self.qpos = 0;
                    continue;
                }
            }
            self.fill(c);
        }
    }
}

/// CEs of each character of U+0000–U+01FF and U+1E00–U+1EFF (the characters
/// Vietnamese text is made of) standing alone, computed once by the general path.
struct Memo {
    ces: [[Ce; 3]; MEMO_LEN],
    len: [u8; MEMO_LEN],
}

const MEMO_LEN: usize = 0x300;
const NOT_MEMOISED: u8 = u8::MAX;

static MEMO: LazyLock<Memo> = LazyLock::new(|| {
    let mut memo = Memo {
        ces: [[Ce::default(); 3]; MEMO_LEN],
        len: [NOT_MEMOISED; MEMO_LEN],
    };
    for cp in (0..0x200).chain(0x1E00..0x1F00) {
        let (Some(c), Some(i)) = (char::from_u32(cp), char::from_u32(cp).and_then(memo_index))
        else {
            continue;
        };
        let mut buf = [0u8; 4];
        let mut n = 0;
        for ce in Ces::without_memo(c.encode_utf8(&mut buf)) {
            if let Some(slot) = memo.ces[i].get_mut(n) {
                *slot = ce;
            }
            n += 1;
        }
        if n <= 3 {
            memo.len[i] = n as u8;
        }
    }
    memo
});

fn memo_index(c: char) -> Option<usize> {
    match c as usize {
        cp @ 0..0x200 => Some(cp),
        cp @ 0x1E00..0x1F00 => Some(cp - 0x1E00 + 0x200),
        _ => None,
    }
}

/// Whether `c` starts a new cluster (canonical combining class 0).
fn is_starter(c: char) -> bool {
    c < '\u{300}' || ('\u{1e00}'..='\u{1eff}').contains(&c) || canonical_combining_class(c) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    /// The 97 names of `provinces.yaml` (34 current units, then the 63 former ones).
    const PROVINCES: [&str; 97] = [
        "Hà Nội",
        "Cao Bằng",
        "Tuyên Quang",
        "Điện Biên",
        "Lai Châu",
        "Sơn La",
        "Lào Cai",
        "Thái Nguyên",
        "Lạng Sơn",
        "Quảng Ninh",
        "Bắc Ninh",
        "Phú Thọ",
        "Hải Phòng",
        "Hưng Yên",
        "Ninh Bình",
        "Thanh Hóa",
        "Nghệ An",
        "Hà Tĩnh",
        "Quảng Trị",
        "Huế",
        "Đà Nẵng",
        "Quảng Ngãi",
        "Gia Lai",
        "Khánh Hòa",
        "Đắk Lắk",
        "Lâm Đồng",
        "Đồng Nai",
        "Hồ Chí Minh",
        "Tây Ninh",
        "Đồng Tháp",
        "Vĩnh Long",
        "An Giang",
        "Cần Thơ",
        "Cà Mau",
        "Hà Nội",
        "Hà Giang",
        "Cao Bằng",
        "Bắc Kạn",
        "Tuyên Quang",
        "Lào Cai",
        "Điện Biên",
        "Lai Châu",
        "Sơn La",
        "Yên Bái",
        "Hoà Bình",
        "Thái Nguyên",
        "Lạng Sơn",
        "Quảng Ninh",
        "Bắc Giang",
        "Phú Thọ",
        "Vĩnh Phúc",
        "Bắc Ninh",
        "Hải Dương",
        "Hải Phòng",
        "Hưng Yên",
        "Thái Bình",
        "Hà Nam",
        "Nam Định",
        "Ninh Bình",
        "Thanh Hóa",
        "Nghệ An",
        "Hà Tĩnh",
        "Quảng Bình",
        "Quảng Trị",
        "Huế",
        "Đà Nẵng",
        "Quảng Nam",
        "Quảng Ngãi",
        "Bình Định",
        "Phú Yên",
        "Khánh Hòa",
        "Ninh Thuận",
        "Bình Thuận",
        "Kon Tum",
        "Gia Lai",
        "Đắk Lắk",
        "Đắk Nông",
        "Lâm Đồng",
        "Bình Phước",
        "Tây Ninh",
        "Bình Dương",
        "Đồng Nai",
        "Bà Rịa - Vũng Tàu",
        "Hồ Chí Minh",
        "Long An",
        "Tiền Giang",
        "Bến Tre",
        "Trà Vinh",
        "Vĩnh Long",
        "Đồng Tháp",
        "An Giang",
        "Kiên Giang",
        "Cần Thơ",
        "Hậu Giang",
        "Sóc Trăng",
        "Bạc Liêu",
        "Cà Mau",
    ];

    fn sorted(items: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = items.iter().map(|s| s.to_string()).collect();
        v.sort_by(|a, b| compare(a, b));
        v
    }

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    /// `compare` and `sort_key` must always agree.
    fn check_key(a: &str, b: &str) -> Ordering {
        let by_key = sort_key(a).cmp(&sort_key(b));
        assert_eq!(compare(a, b), by_key, "{a:?} vs {b:?}");
        by_key
    }

    #[test]
    fn tone_order() {
        // vietnamese_text.md §3 (checked with ICU): ba < bà < bả < bã < bá < bạ
        let v = sorted(&["bạ", "bá", "bã", "bả", "bà", "ba"]);
        assert_eq!(v, ["ba", "bà", "bả", "bã", "bá", "bạ"]);
    }

    #[test]
    fn letter_order() {
        let v = sorted(&["ơ", "ô", "o", "ư", "u", "đ", "d", "ê", "e", "â", "ă", "a"]);
        assert_eq!(
            v,
            ["a", "ă", "â", "d", "đ", "e", "ê", "o", "ô", "ơ", "u", "ư"]
        );
        let v = sorted(&[
            "z", "y", "x", "w", "v", "j", "f", "g", "i", "k", "0", "9", " ",
        ]);
        assert_eq!(
            v,
            [
                " ", "0", "9", "f", "g", "i", "j", "k", "v", "w", "x", "y", "z"
            ]
        );
    }

    #[test]
    fn checked_34_names() {
        // vi_text_check.mjs output, Node 20 / ICU 78.2.
        let names = [
            "Đồng Tháp",
            "Điện Biên",
            "Đắk Lắk",
            "Đà Nẵng",
            "Cần Thơ",
            "Cao Bằng",
            "Cà Mau",
            "An Giang",
            "Bắc Ninh",
            "Hưng Yên",
            "Huế",
            "Hà Tĩnh",
            "Hà Nội",
            "Hải Phòng",
            "Ninh Bình",
            "Nghệ An",
            "Tuyên Quang",
            "Tây Ninh",
            "Thanh Hóa",
            "Thái Nguyên",
            "Quảng Trị",
            "Quảng Ninh",
            "Quảng Ngãi",
            "Vĩnh Long",
            "Sơn La",
            "Lào Cai",
            "Lâm Đồng",
            "Lạng Sơn",
            "Lai Châu",
            "Khánh Hòa",
            "Gia Lai",
            "Đồng Nai",
            "Phú Thọ",
            "Thành phố Hồ Chí Minh",
        ];
        let expected = "An Giang, Bắc Ninh, Cà Mau, Cao Bằng, Cần Thơ, Đà Nẵng, Đắk Lắk, \
            Điện Biên, Đồng Nai, Đồng Tháp, Gia Lai, Hà Nội, Hà Tĩnh, Hải Phòng, Huế, Hưng Yên, \
            Khánh Hòa, Lai Châu, Lạng Sơn, Lào Cai, Lâm Đồng, Nghệ An, Ninh Bình, Phú Thọ, \
            Quảng Ngãi, Quảng Ninh, Quảng Trị, Sơn La, Tây Ninh, Thái Nguyên, Thanh Hóa, \
            Thành phố Hồ Chí Minh, Tuyên Quang, Vĩnh Long";
        assert_eq!(sorted(&names).join(", "), expected);
    }

    #[test]
    fn words_and_spaces() {
        let v = sorted(&["Hàm", "Hà Nội", "Hà Nam", "Hà"]);
        assert_eq!(v, ["Hà", "Hà Nam", "Hà Nội", "Hàm"]);
        // Word-initial Đ after D; tones only after all letters; case last.
        assert_eq!(check_key("Dương", "Đà"), Ordering::Less);
        assert_eq!(check_key("Ha Nám", "Hà Nam"), Ordering::Less);
        assert_eq!(check_key("hà", "Hà"), Ordering::Less);
        assert_eq!(check_key("Ha", "hà"), Ordering::Less);
        assert_eq!(check_key("Bình Định", "Bình Thuận"), Ordering::Less);
    }

    #[test]
    fn normalisation_insensitive() {
        for s in PROVINCES {
            assert_eq!(check_key(s, &nfd(s)), Ordering::Equal, "{s}");
            assert_eq!(sort_key(s), sort_key(&nfd(s)));
        }
        // Old and new tone placement are different strings (the md's finding).
        assert_ne!(check_key("Hòa", "Hoà"), Ordering::Equal);
        // Non-canonical mark order is reordered like NFD does.
        assert_eq!(check_key("a\u{301}\u{323}", "ạ\u{301}"), Ordering::Equal);
        assert_eq!(check_key("a\u{323}\u{306}", "ặ"), Ordering::Equal);
    }

    #[test]
    fn never_panics() {
        let long_marks = format!("a{}", "\u{301}\u{323}\u{306}".repeat(40));
        let long = "Nghị quyết số 05-NQ/TU ".repeat(100);
        for s in [
            "",
            " ",
            "\u{0}",
            "\u{301}",
            "\u{306}a",
            "ﷺ",
            "ﬁ",
            "½",
            "ǅ",
            "한국어",
            "😀",
            "\u{10FFFF}",
            &long_marks,
            &long,
            "Æsir Œuvre ß ẞ ø Ł ð þ ı ŋ ə ĸ",
        ] {
            let _ = sort_key(s);
            assert_eq!(check_key(s, s), Ordering::Equal);
            assert_ne!(check_key(s, &format!("{s}b")), Ordering::Greater);
        }
        assert_eq!(check_key(&long, &nfd(&long)), Ordering::Equal);
    }

    // ---- against ICU ------------------------------------------------------------

    fn icu() -> icu_collator::CollatorBorrowed<'static> {
        let vi: icu_locale_core::Locale = "vi".parse().expect("locale");
        icu_collator::Collator::try_new(vi.into(), Default::default()).expect("vi collator")
    }

    /// Sort with ICU, then check that every neighbouring pair (and a sample of other
    /// pairs) compares the same with ours: the two orders are then identical.
    fn assert_same_order(items: Vec<String>) {
        let icu = icu();
        let mut v = items;
        v.sort_by(|a, b| icu.compare(a, b));
        for w in v.windows(2) {
            assert_eq!(check_key(&w[0], &w[1]), icu.compare(&w[0], &w[1]), "{w:?}");
        }
        let mut rng = Rng(7);
        for _ in 0..v.len() * 4 {
            let (a, b) = (&v[rng.below(v.len())], &v[rng.below(v.len())]);
            assert_eq!(check_key(a, b), icu.compare(a, b), "{a:?} vs {b:?}");
        }
    }

    #[test]
    fn icu_provinces() {
        let mut items: Vec<String> = PROVINCES.iter().map(|s| s.to_string()).collect();
        items.extend(PROVINCES.iter().map(|s| nfd(s)));
        items.extend(PROVINCES.iter().map(|s| s.to_uppercase()));
        items.extend(PROVINCES.iter().map(|s| format!("Tỉnh {s}")));
        items.extend(
            [
                "Thành phố Hồ Chí Minh",
                "TP. Hồ Chí Minh",
                "TP.HCM",
                "Hoà Bình",
                "Hòa Bình",
            ]
            .map(String::from),
        );
        items.extend(
            [
                "Bà Rịa – Vũng Tàu",
                "Bà Rịa-Vũng Tàu",
                "Thừa Thiên Huế",
                "Khánh Hoà",
            ]
            .map(String::from),
        );
        assert_same_order(items);
    }

    #[test]
    fn icu_marks() {
        // Every mark of U+0300–U+036F on a plain and on a Vietnamese base letter.
        let mut items = Vec::new();
        for m in 0x300..0x370u32 {
            let m = char::from_u32(m).unwrap_or(' ');
            if MARK_RANK[m as usize - 0x300] != 0 {
                items.push(format!("b{m}"));
                items.push(format!("b{m}a"));
                items.push(format!("o{m}\u{301}"));
            }
        }
        assert_same_order(items);
    }

    #[test]
    fn icu_punctuation_and_latin() {
        let mut items: Vec<String> = SPACES
            .iter()
            .chain(&PUNCT)
            .chain(&CURRENCY)
            .map(|c| format!("a{c}b"))
            .collect();
        items.extend(QUOTES.iter().map(|q| format!("{}x", q.0)));
        for c in
            "0123456789aăâbcdđeêfghijklmnoôơpqrstuưvwxyzAĂÂBCDĐEÊFGHIJKLMNOÔƠPQRSTUƯVWXYZ".chars()
        {
            items.push(c.to_string());
            items.push(format!("{c}a"));
            items.push(format!("{c} a"));
        }
        for s in [
            "æ", "Æ", "œ", "ß", "ø", "Ø", "ł", "ð", "þ", "ı", "ŋ", "ə", "ĸ", "ae", "ss", "oe",
            "af", "ä", "ç", "ñ", "é", "ê̌", "ǎ",
        ] {
            items.push(s.to_string());
            items.push(format!("{s}b"));
        }
        assert_same_order(items);
    }

    /// Deterministic pseudo-random numbers (xorshift64*), no crate needed.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
        fn pick<'x>(&mut self, xs: &[&'x str]) -> &'x str {
            xs[self.below(xs.len())]
        }
    }

    const ONSETS: [&str; 28] = [
        "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
        "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
    ];
    const NUCLEI: [&str; 46] = [
        "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oă", "oe", "uy", "uê",
        "uơ", "ươ", "iê", "yê", "uô", "ua", "ưa", "ia", "ai", "ao", "au", "ay", "âu", "ây", "eo",
        "êu", "iu", "oi", "ôi", "ơi", "ui", "ưi", "ưu", "oai", "oay", "uôi", "ươi", "uya", "uyê",
    ];
    const CODAS: [&str; 9] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];
    const TONES: [&str; 6] = ["", "\u{300}", "\u{309}", "\u{303}", "\u{301}", "\u{323}"];
    const SEPARATORS: [&str; 8] = [" ", " ", " ", " ", "-", " – ", ", ", "/"];

    fn syllable(rng: &mut Rng) -> String {
        let nucleus: Vec<char> = rng.pick(&NUCLEI).chars().collect();
        // The tone goes on any vowel of the nucleus, so both tone styles occur.
        let at = rng.below(nucleus.len());
        let tone = rng.pick(&TONES);
        let mut s = rng.pick(&ONSETS).to_string();
        for (i, v) in nucleus.iter().enumerate() {
            s.push(*v);
            if i == at {
                s.push_str(tone);
            }
        }
        s.push_str(rng.pick(&CODAS));
        match rng.below(10) {
            0 => s.to_uppercase(),
            1..=4 => {
                let mut c = s.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
            _ => s,
        }
    }

    fn name(rng: &mut Rng) -> String {
        let mut s = String::new();
        for i in 0..1 + rng.below(4) {
            if i > 0 {
                s.push_str(rng.pick(&SEPARATORS));
            }
            if rng.below(25) == 0 {
                s.push_str(&rng.below(100).to_string());
            } else {
                s.push_str(&syllable(rng));
            }
        }
        if rng.below(2) == 0 {
            s.nfc().collect()
        } else {
            nfd(&s)
        }
    }

    #[test]
    fn icu_generated_names() {
        let mut rng = Rng(0x5EED_1234_ABCD_0001);
        let mut items: Vec<String> = (0..4000).map(|_| name(&mut rng)).collect();
        // Near-duplicates that differ only in tone, case or form.
        let base: Vec<String> = items.iter().take(500).cloned().collect();
        for s in base {
            items.push(crate::text::canonical_tone(&s));
            items.push(s.to_lowercase());
        }
        assert_same_order(items);
    }
}

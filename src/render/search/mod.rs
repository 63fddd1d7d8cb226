//! The search index of `/tim-kiem/`: static files that the page's script
//! (`themes/default/static/search.js`) reads a few at a time, so a query on a site of
//! any size downloads only the terms it asks for.
//!
//! Terms are Vietnamese syllables folded to ASCII with [`text::fold`] (`Đắk` → `dak`),
//! numbers without leading zeros (`05-NQ/TU` → `5 nq tu`), the pairs of adjacent
//! syllables (`ha tang`) of the title, metadata and summary (phrases, and document
//! numbers made exact), and, for the title, metadata and summary, each syllable as
//! written (`=tĩnh`, lower case, tone on the first vowel of `oa`/`oe`/`uy`), which
//! lets a query typed with diacritics prefer them over other spellings. For each term
//! the index keeps the set of conclusions where it occurs and, as one bit per
//! conclusion of that set, its subsets: where it occurs in the title, in the metadata
//! (number, documents its front matter cites, province, body, officials, tags), in
//! the summary (with the numbers of documents cited in the text), and
//! where the body uses it often for its length (two levels of a BM25 term weight).
//! Pairs keep the title and metadata subsets, written forms none; a term in more than
//! half the conclusions keeps none either (BM25 gives it almost no weight).
//! Province filters are terms too (`#p:lam-dong`); years are ranges of conclusion
//! ids, since ids follow the timeline (0 is the oldest: adding a newer conclusion
//! leaves every other id as it was).
//!
//! The index is made as the pages render ([`Index`]): each body's text comes from the
//! parse that renders it, is tokenized and written out as a result file, then dropped,
//! while each term's postings grow as delta-coded bytes; the peak memory is about the
//! index's size.
//!
//! Files, under `tim-kiem/chi-muc/`:
//! - `manifest.json`: format version, number of conclusions and shards, a content key
//!   (for cache-busting), the id range of each year and the provinces (slug, name).
//! - `t/{k}.bin`: shard `k` holds every term whose shard key's FNV-1a hash is `k`
//!   modulo the number of shards (the key is the term, or for `=tĩnh` its folded
//!   form `tinh`, so a word and its spellings are fetched together), sorted by bytes.
//!   Each term: varint length, UTF-8 bytes, varint count of conclusions, a byte whose
//!   bit `k` says set `k` follows (0 all, 1 title, 2 metadata, 3 summary, 4 body
//!   weight ≥ mid, 5 body weight high), then those sets, each a kind byte (0 list,
//!   1 bitmap), a varint byte length and the bytes (list: first id then differences,
//!   as varints; bitmap: bit `i % 8` of byte `i / 8` for conclusion `i`).
//! - `provinces.bin`: a byte per conclusion, its province's place in the manifest's list.
//! - `d/{id / 1000}/{id}.txt`: what a result shows: a line of JSON (url, title, date,
//!   province, number, summary), then the start of the body's text for the excerpt,
//!   as it is (no JSON string to escape and read back: most of the file is that text).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Mutex, OnceLock};

use rayon::prelude::*;
use serde::Serialize;
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

mod saved;

use super::OutputFile;
use super::context::{Builder, ConclusionCtx};
use super::memo::Memo;
use super::wire::Reader;
use crate::diagnostic::Diagnostic;
use crate::text;
use saved::{Doc, Saved};

/// Output folder of the index files.
pub const INDEX_DIR: &str = crate::routes::SEARCH_INDEX_DIR;
/// Bump when the file format changes (the script checks it).
const FORMAT_VERSION: u32 = 4;
/// Target size of a shard; one term larger than this gets a shard nearly to itself.
const SHARD_BYTES: usize = 8 * 1024;
/// Longer tokens (URLs, garbage) are not indexed; the script ignores them in queries too.
const MAX_TOKEN_CHARS: usize = 40;
const FRAGMENTS_PER_DIR: usize = 1000;
/// The body text kept for excerpts, in characters (further matches fall back to
/// the summary).
const EXCERPT_CHARS: usize = 8_000;
/// Conclusions whose texts are made and tokenized at once: bounds the memory their
/// texts and occurrences take, while keeping every core busy.
const CHUNK: usize = 256;
/// Term tables filled in parallel, by the top bits of a term's hash.
const PARTITION_BITS: u32 = 6;

/// BM25's term-frequency saturation and length normalisation, for the body's weight
/// levels. Lengths are normalised to a fixed pivot rather than the site's mean, so
/// that a conclusion's entries do not depend on the other conclusions.
const K1: f32 = 1.2;
const B: f32 = 0.75;
const PIVOT_LEN: f32 = 1000.0;
/// Body weights (`tf / (tf + K1)` after normalisation) from which a conclusion is in
/// the body's "mid" and "high" sets: about twice and four times in a body of the
/// pivot's length.
const MID_WEIGHT: f32 = 0.55;
const HIGH_WEIGHT: f32 = 0.75;

/// The subsets of a term's conclusions, as bits of a posting (bit 0 is the set of
/// all, implicit) and of the file's set mask.
const TITLE: u8 = 1 << 1;
const META: u8 = 1 << 2;
const SUMMARY: u8 = 1 << 3;
const BODY_MID: u8 = 1 << 4;
const BODY_HIGH: u8 = 1 << 5;
const SETS: usize = 6;

/// Characters that end a phrase: no syllable pair is indexed across them.
fn breaks_phrase(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '"'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '…'
            | '\n'
    )
}

/// The tokens of already folded text, each with whether it continues a phrase from
/// the previous token. Each token is a slice of `folded`.
fn tokens(folded: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut joined = false;
    for (i, c) in folded.char_indices().chain([(folded.len(), ' ')]) {
        if c.is_alphanumeric() && i < folded.len() {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start.take() {
            let raw = &folded[s..i];
            if raw.chars().count() <= MAX_TOKEN_CHARS {
                out.push((number_key(raw), joined));
                joined = true;
            } else {
                joined = false;
            }
        }
        if breaks_phrase(c) {
            joined = false;
        }
    }
    out
}

/// Numbers match without leading zeros: `05` and `5` are one term. Always a suffix
/// of `token`.
fn number_key(token: &str) -> &str {
    if token.bytes().all(|b| b.is_ascii_digit()) {
        let trimmed = token.trim_start_matches('0');
        if trimmed.is_empty() {
            &token[token.len() - 1..]
        } else {
            trimmed
        }
    } else {
        token
    }
}

/// The search tokens of `s`, as the script computes them for a query.
pub fn query_tokens(s: &str) -> Vec<String> {
    tokens(&text::fold(s))
        .into_iter()
        .map(|(t, _)| t.to_string())
        .collect()
}

/// A word as written, for matching a query typed with diacritics: lower case, tone
/// on the first vowel of an open `oa`/`oe`/`uy`; `None` when it is its folded form
/// already (no diacritics) or does not fold to one token.
fn exact_form(word: &str) -> Option<String> {
    if word.is_ascii() {
        return None;
    }
    let folded = text::fold(word);
    let one_token = !folded.is_empty()
        && folded.chars().all(char::is_alphanumeric)
        && folded.chars().count() <= MAX_TOKEN_CHARS;
    let exact = text::canonical_tone(&word.to_lowercase());
    // Marks beyond any language's (stacked combining marks) make no search key.
    let sane = exact.len() <= 4 * MAX_TOKEN_CHARS;
    (one_token && sane && exact != folded).then(|| format!("={exact}"))
}

/// Which chars make up a word as written: letters, digits and combining marks (in
/// text that is not NFC).
fn in_word(c: char) -> bool {
    // A Vietnamese letter folds to an ASCII one: the table answers before Unicode's.
    c.is_ascii_alphanumeric()
        || !c.is_ascii()
            && (text::fold_char(c).is_some_and(|f| f.is_ascii_alphanumeric())
                || c.is_alphanumeric()
                || ('\u{300}'..='\u{36f}').contains(&c))
}

/// FNV-1a, 32 bits: which shard a term is in (the script computes the same).
fn fnv1a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// A fast, fixed hasher for tables keyed by a term's 64-bit hash (FxHash's mixing
/// step). The tables are only looked up, never iterated into the output.
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.write_u64(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        }
        for &b in chunks.remainder() {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// Where a term's text is, in a conclusion's buffers: a folded word, a pair of
/// them, or a word as written (`=tĩnh`); or a word that is its own key (see
/// [`word_key`]).
#[derive(Clone, Copy)]
enum Text {
    Short(u64),
    Word(u32, u8),
    Pair(u32, u8, u32, u8),
    Exact(u32, u8),
}

/// A term's key in the tables. A folded word of at most 8 ASCII bytes (most
/// Vietnamese syllables and numbers) is its own bytes, little-endian: never 0 and
/// below 2^63, and made without hashing. Any other term is a hash of its text with
/// the top bit set.
fn word_key(token: &[u8]) -> u64 {
    if token.len() <= 8 && token.is_ascii() {
        let mut k = [0u8; 8];
        k[..token.len()].copy_from_slice(token);
        u64::from_le_bytes(k)
    } else {
        hashed_key(token, 0)
    }
}

/// The text of a word that is its own key, from the key's bytes.
fn short_text(key: &[u8; 8]) -> &str {
    let len = key.iter().position(|&b| b == 0).unwrap_or(8);
    std::str::from_utf8(&key[..len]).expect("ASCII")
}

fn hashed_key(bytes: &[u8], seed: u64) -> u64 {
    xxh3_64_with_seed(bytes, seed) | 1 << 63
}

/// The key of a pair of words: the second hashed, seeded by the first's hash, not
/// its key. xxh3 mixes a short input with its seed by addition, so that small,
/// similar seeds (the keys of `12` and `15`) would make `12 1` and `15 11` collide.
fn pair_key(first: &[u8], second: &[u8]) -> u64 {
    hashed_key(second, xxh3_64(first))
}

/// Which term table a key goes to: its top bits after mixing (a word's key is its
/// bytes, whose top bits are mostly 0).
fn partition_of(key: u64) -> usize {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - PARTITION_BITS)) as usize
}

/// A term of one conclusion: its key, the subset bits it belongs to, how often the
/// body uses it and its text.
#[derive(Clone, Copy)]
struct Hit {
    key: u64,
    mask: u8,
    tf: u32,
    text: Text,
}

/// The distinct terms of one conclusion, grouped by term table (`hits[bounds[p]..
/// bounds[p + 1]]` go to table `p`), with the buffers holding their texts.
struct DocTerms {
    folded: String,
    exact: String,
    hits: Vec<Hit>,
    bounds: [u32; (1 << PARTITION_BITS) + 1],
}

impl DocTerms {
    fn text(&self, t: Text) -> String {
        let at = |s: u32, l: u8| &self.folded[s as usize..s as usize + l as usize];
        match t {
            Text::Short(key) => short_text(&key.to_le_bytes()).to_string(),
            Text::Word(s, l) => at(s, l).to_string(),
            Text::Pair(s, l, s2, l2) => format!("{} {}", at(s, l), at(s2, l2)),
            Text::Exact(s, l) => self.exact[s as usize..s as usize + l as usize].to_string(),
        }
    }

    /// Whether `t` is the text `s`, without making it.
    fn text_is(&self, t: Text, s: &str) -> bool {
        let at = |a: u32, l: u8| &self.folded[a as usize..a as usize + l as usize];
        match t {
            Text::Short(key) => short_text(&key.to_le_bytes()) == s,
            Text::Word(a, l) => at(a, l) == s,
            Text::Pair(a, l, a2, l2) => s
                .split_once(' ')
                .is_some_and(|(x, y)| x == at(a, l) && y == at(a2, l2)),
            Text::Exact(a, l) => &self.exact[a as usize..a as usize + l as usize] == s,
        }
    }

    fn hits_of(&self, partition: usize) -> &[Hit] {
        &self.hits[self.bounds[partition] as usize..self.bounds[partition + 1] as usize]
    }
}

/// The fields of a conclusion and their subset bit (0: the body, elsewhere). The
/// first `listed` cited documents are its front matter's, metadata; the others are
/// cited in its text, whose numbers count as much as the summary's words.
fn fields(c: &ConclusionCtx, listed: usize) -> Vec<(&str, u8)> {
    let mut f: Vec<(&str, u8)> = vec![
        (&c.title, TITLE),
        (c.province.name, META),
        (c.province.current.name, META),
    ];
    let opt = [&c.number, &c.body, &c.chaired_by, &c.signed_by];
    f.extend(opt.into_iter().flatten().map(|s| (s.as_str(), META)));
    f.extend(
        c.documents
            .iter()
            .enumerate()
            .map(|(k, d)| (d.number.as_str(), if k < listed { META } else { SUMMARY })),
    );
    f.extend(c.tags.iter().map(|t| (t.as_str(), META)));
    f.push((&c.summary, SUMMARY));
    f
}

/// A token of folded text: where it is in the conclusion's folded buffer, its key
/// ([`word_key`] of its text) and whether it continues a phrase from the token
/// before.
#[derive(Clone, Copy)]
struct Span {
    at: u32,
    len: u8,
    joined: bool,
    key: u64,
}

/// The token [`fold_tokens`] is reading.
struct Reading {
    /// Where it starts in the folded buffer.
    start: usize,
    chars: usize,
    /// Its first eight bytes, little-endian: its key while it is that short and ASCII
    /// (see [`word_key`]), made as it is read rather than copied out afterwards.
    key: u64,
    ascii: bool,
    digits: bool,
}

impl Reading {
    fn at(start: usize) -> Reading {
        Reading {
            start,
            chars: 0,
            key: 0,
            ascii: true,
            digits: true,
        }
    }

    fn push_ascii(&mut self, f: u8) {
        if self.ascii && self.chars < 8 {
            self.key |= u64::from(f) << (8 * self.chars);
        }
        self.digits &= f.is_ascii_digit();
        self.chars += 1;
    }

    fn push(&mut self, f: char) {
        match u8::try_from(f) {
            Ok(f) if f.is_ascii() => self.push_ascii(f),
            _ => {
                self.ascii = false;
                self.digits = false;
                self.chars += 1;
            }
        }
    }
}

/// The char that starts at byte `i` of UTF-8 text, not an ASCII one, and its length
/// in bytes (decoded by hand: this runs for most letters of every body).
fn decode(bytes: &[u8], i: usize) -> (char, usize) {
    let lead = u32::from(bytes[i]);
    let next = |k: usize| u32::from(bytes[i + k] & 0x3f);
    let (c, len) = if lead < 0xe0 {
        ((lead & 0x1f) << 6 | next(1), 2)
    } else if lead < 0xf0 {
        ((lead & 0x0f) << 12 | next(1) << 6 | next(2), 3)
    } else {
        (
            (lead & 0x07) << 18 | next(1) << 12 | next(2) << 6 | next(3),
            4,
        )
    };
    (char::from_u32(c).expect("valid UTF-8"), len)
}

/// Fold `field` and cut it into tokens, exactly as [`tokens`] cuts
/// [`text::fold`]'s output, appending each token (and a space) to `folded` and its
/// span to `spans`. In one pass over the text; a char that the fold table does not
/// map to exactly one char (rare in NFC text) sends the field through the
/// definition instead.
fn fold_tokens(field: &str, folded: &mut String, spans: &mut Vec<Span>) {
    let (start_len, start_spans) = (folded.len(), spans.len());
    let mut token: Option<Reading> = None;
    let mut joined = false;
    let bytes = field.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII a byte at a time (most of a Vietnamese text's bytes), other chars
        // through the fold table.
        if b < 0x80 {
            i += 1;
            let f = ASCII_WORD[usize::from(b)];
            if f != 0 {
                token
                    .get_or_insert_with(|| Reading::at(folded.len()))
                    .push_ascii(f);
                folded.push(char::from(f));
            } else {
                end_token(token.take(), folded, spans, &mut joined);
                if breaks_phrase(char::from(b)) {
                    joined = false;
                }
            }
            continue;
        }
        let (c, len) = decode(bytes, i);
        i += len;
        let Some(f) = text::fold_char(c) else {
            folded.truncate(start_len);
            spans.truncate(start_spans);
            return fold_tokens_slow(field, folded, spans);
        };
        if f.is_alphanumeric() {
            token
                .get_or_insert_with(|| Reading::at(folded.len()))
                .push(f);
            folded.push(f);
        } else {
            end_token(token.take(), folded, spans, &mut joined);
            if breaks_phrase(f) {
                joined = false;
            }
        }
    }
    end_token(token, folded, spans, &mut joined);
}

/// Each ASCII byte folded when it is part of a word (a letter, lower case, or a
/// digit), else 0.
static ASCII_WORD: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// The end of a token of [`fold_tokens`]: kept, or taken out of `folded` when it is
/// too long to be a word (and then no phrase goes across it).
fn end_token(
    token: Option<Reading>,
    folded: &mut String,
    spans: &mut Vec<Span>,
    joined: &mut bool,
) {
    let Some(t) = token else { return };
    if t.chars > MAX_TOKEN_CHARS {
        folded.truncate(t.start);
        *joined = false;
        return;
    }
    let (at, key) = if t.digits && folded.as_bytes()[t.start] == b'0' {
        let number = number_key(&folded[t.start..]);
        (folded.len() - number.len(), word_key(number.as_bytes()))
    } else if t.ascii && t.chars <= 8 {
        (t.start, t.key)
    } else {
        (t.start, word_key(&folded.as_bytes()[t.start..]))
    };
    spans.push(Span {
        at: at as u32,
        len: (folded.len() - at) as u8,
        joined: *joined,
        key,
    });
    folded.push(' ');
    *joined = true;
}

/// [`fold_tokens`] by its definition.
fn fold_tokens_slow(field: &str, folded: &mut String, spans: &mut Vec<Span>) {
    for (token, joined) in tokens(&text::fold(field)) {
        spans.push(Span {
            at: folded.len() as u32,
            len: token.len() as u8,
            joined,
            key: word_key(token.as_bytes()),
        });
        folded.push_str(token);
        folded.push(' ');
    }
}

/// What [`doc_terms`] keeps between conclusions: its term table, token spans and
/// the written forms of words already seen (titles and summaries repeat theirs).
struct Scratch {
    /// Open addressing: 0 is empty, else a place in `hits` plus one.
    slots: Vec<u32>,
    hits: Vec<Hit>,
    spans: Vec<Span>,
    exact_forms: FxMap<Box<str>, Option<Box<str>>>,
}

/// The size of a conclusion's term table: twice the distinct terms of most.
const SLOTS: usize = 2048;

/// Written forms remembered at most, so that no text makes the cache grow without
/// bound.
const EXACT_FORMS_KEPT: usize = 100_000;

impl Scratch {
    fn new() -> Scratch {
        Scratch {
            slots: vec![0; SLOTS],
            hits: Vec::new(),
            spans: Vec::new(),
            exact_forms: FxMap::default(),
        }
    }

    /// Count one occurrence of the term `key` in field `field`.
    #[inline]
    fn add(&mut self, key: u64, field: u8, text: Text) {
        let mask = self.slots.len() - 1;
        let mut slot = (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & mask;
        loop {
            match self.slots[slot] {
                0 => break,
                k if self.hits[k as usize - 1].key == key => {
                    let hit = &mut self.hits[k as usize - 1];
                    hit.mask |= field;
                    hit.tf += u32::from(field == 0);
                    return;
                }
                _ => slot = (slot + 1) & mask,
            }
        }
        self.hits.push(Hit {
            key,
            mask: field,
            tf: u32::from(field == 0),
            text,
        });
        self.slots[slot] = self.hits.len() as u32;
        if self.hits.len() * 2 > self.slots.len() {
            self.grow();
        }
    }

    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        self.slots = vec![0; size];
        for (k, h) in self.hits.iter().enumerate() {
            let mut slot = (h.key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & (size - 1);
            while self.slots[slot] != 0 {
                slot = (slot + 1) & (size - 1);
            }
            self.slots[slot] = k as u32 + 1;
        }
    }

    /// Forget the conclusion's terms counted so far.
    fn forget(&mut self) {
        self.hits.clear();
        // A table grown for a long text goes back to its size: small, it stays in
        // the processor's nearest cache (each word of every body is looked up).
        if self.slots.len() > SLOTS {
            self.slots = vec![0; SLOTS];
        } else {
            self.slots.fill(0);
        }
    }

    /// [`exact_form`], remembered.
    fn exact_form(&mut self, word: &str) -> Option<Box<str>> {
        if let Some(form) = self.exact_forms.get(word) {
            return form.clone();
        }
        let form = exact_form(word).map(String::into_boxed_str);
        if self.exact_forms.len() >= EXACT_FORMS_KEPT {
            self.exact_forms.clear();
        }
        self.exact_forms.insert(word.into(), form.clone());
        form
    }
}

/// Count the words of a body into `scratch`, as the body's (field 0), cut as
/// [`fold_tokens`] cuts them; returns how many there are. The body is most of the
/// index's text, so its words are not written out as they are read: a word of up
/// to 8 ASCII bytes after folding (most Vietnamese syllables) is its own key and
/// text, made on the way; only another word is folded into `folded` for its text.
/// `None`, having counted some, for a text with a char [`fold_tokens`] folds by the
/// definition (rare in NFC text).
fn body_words(body: &str, folded: &mut String, scratch: &mut Scratch) -> Option<u32> {
    let bytes = body.as_bytes();
    let mut count = 0;
    // The word being read; its `start` is in `body`.
    let mut word: Option<Reading> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            let f = ASCII_WORD[usize::from(b)];
            if f != 0 {
                word.get_or_insert_with(|| Reading::at(i)).push_ascii(f);
            } else if let Some(w) = word.take() {
                count += body_word(body, &w, i, folded, scratch);
            }
            i += 1;
            continue;
        }
        let (c, len) = decode(bytes, i);
        let f = text::fold_char(c)?;
        if f.is_alphanumeric() {
            word.get_or_insert_with(|| Reading::at(i)).push(f);
        } else if let Some(w) = word.take() {
            count += body_word(body, &w, i, folded, scratch);
        }
        i += len;
    }
    if let Some(w) = word {
        count += body_word(body, &w, bytes.len(), folded, scratch);
    }
    Some(count)
}

/// Count the word `w` of a body, which ends at byte `end`; 1, or 0 when it is too
/// long to be one.
#[inline]
fn body_word(
    body: &str,
    w: &Reading,
    end: usize,
    folded: &mut String,
    scratch: &mut Scratch,
) -> u32 {
    if w.chars > MAX_TOKEN_CHARS {
        return 0;
    }
    if w.ascii && w.chars <= 8 && !(w.digits && w.key & 0xff == u64::from(b'0')) {
        scratch.add(w.key, 0, Text::Short(w.key));
        return 1;
    }
    // Longer, with other letters, or a number with leading zeros: folded on its own.
    let mut spans = std::mem::take(&mut scratch.spans);
    spans.clear();
    fold_tokens(&body[w.start..end], folded, &mut spans);
    for s in &spans {
        scratch.add(s.key, 0, Text::Word(s.at, s.len));
    }
    let n = spans.len() as u32;
    scratch.spans = spans;
    n
}

fn doc_terms(c: &ConclusionCtx, listed: usize, body: &str, scratch: &mut Scratch) -> DocTerms {
    let mut folded = String::with_capacity(body.len() + 512);
    let mut exact = String::new();
    let body_len = match body_words(body, &mut folded, scratch) {
        Some(count) => count,
        None => {
            scratch.forget();
            folded.clear();
            let mut spans = Vec::new();
            fold_tokens(body, &mut folded, &mut spans);
            for span in &spans {
                scratch.add(span.key, 0, Text::Word(span.at, span.len));
            }
            spans.len() as u32
        }
    };
    let heads = fields(c, listed);
    for &(field, bit) in &heads {
        let mut spans = std::mem::take(&mut scratch.spans);
        spans.clear();
        fold_tokens(field, &mut folded, &mut spans);
        let mut prev: Option<Span> = None;
        for &span in &spans {
            scratch.add(span.key, bit, Text::Word(span.at, span.len));
            // Pairs of the title, metadata and summary only: the body's are most of
            // all pairs, for little gain (titles and summaries carry the subject).
            if let (Some(p), true) = (prev, span.joined) {
                let bytes = |s: Span| &folded.as_bytes()[s.at as usize..][..s.len as usize];
                let text = Text::Pair(p.at, p.len, span.at, span.len);
                scratch.add(pair_key(bytes(p), bytes(span)), bit, text);
            }
            prev = Some(span);
        }
        scratch.spans = spans;
        for word in field.split(|c: char| !in_word(c)).filter(|w| !w.is_empty()) {
            if let Some(form) = scratch.exact_form(word) {
                let at = exact.len() as u32;
                exact.push_str(&form);
                let text = Text::Exact(at, form.len() as u8);
                scratch.add(hashed_key(form.as_bytes(), 0), bit, text);
            }
        }
    }
    let norm = 1.0 - B + B * body_len as f32 / PIVOT_LEN;
    let mut bounds = [0u32; (1 << PARTITION_BITS) + 1];
    for h in &mut scratch.hits {
        // Only the set of all counts for a word as written, and the summary's
        // pairs are all of a pair's that are not in the title or metadata.
        match h.text {
            Text::Exact(..) => h.mask = 0,
            Text::Pair(..) => h.mask &= !SUMMARY,
            Text::Word(..) | Text::Short(_) => {}
        }
        if matches!(h.text, Text::Word(..) | Text::Short(_)) && h.tf > 0 {
            let tfn = h.tf as f32 / norm;
            let weight = tfn / (tfn + K1);
            if weight >= MID_WEIGHT {
                h.mask |= BODY_MID;
            }
            if weight >= HIGH_WEIGHT {
                h.mask |= BODY_HIGH;
            }
        }
        bounds[partition_of(h.key) + 1] += 1;
    }
    for p in 0..1 << PARTITION_BITS {
        bounds[p + 1] += bounds[p];
    }
    // Grouped by table, in the order first met within each (a counting sort).
    let mut next = bounds;
    let mut hits = scratch.hits.clone();
    for h in &scratch.hits {
        let p = partition_of(h.key);
        hits[next[p] as usize] = *h;
        next[p] += 1;
    }
    scratch.forget();
    DocTerms {
        folded,
        exact,
        hits,
        bounds,
    }
}

fn varint(mut n: usize, out: &mut Vec<u8>) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn read_varint(bytes: &[u8], at: &mut usize) -> usize {
    let mut n = 0;
    let mut shift = 0;
    loop {
        let b = bytes[*at];
        *at += 1;
        n |= usize::from(b & 0x7f) << shift;
        if b < 0x80 {
            return n;
        }
        shift += 7;
    }
}

/// A term's postings as they grow, conclusion by conclusion in any order (pages
/// render in parallel): each id as its difference from the one before, zigzag- and
/// varint-coded (small, as ids come nearly in order), and each one's subset bits
/// (left empty while every one is 0).
struct Term {
    text: Box<str>,
    count: u32,
    last: u32,
    /// The smallest id: the text is that conclusion's, whatever the order of adding
    /// (two texts can share a hash).
    first: u32,
    in_order: bool,
    ids: Vec<u8>,
    masks: Vec<u8>,
}

impl Term {
    fn new(text: String) -> Term {
        Term {
            text: text.into_boxed_str(),
            count: 0,
            last: 0,
            first: u32::MAX,
            in_order: true,
            ids: Vec::new(),
            masks: Vec::new(),
        }
    }

    fn add(&mut self, doc: u32, mask: u8) {
        if self.count > 0 && doc == self.last {
            // Two terms of one conclusion with the same 64-bit hash: one posting.
            if mask != 0 {
                self.masks.resize(self.count as usize, 0);
                *self.masks.last_mut().expect("resized") |= mask;
            }
            return;
        }
        let delta = i64::from(doc) - i64::from(self.last);
        self.in_order &= delta > 0 || self.count == 0;
        varint(((delta << 1) ^ (delta >> 63)) as usize, &mut self.ids);
        self.last = doc;
        self.first = self.first.min(doc);
        self.count += 1;
        if mask != 0 || !self.masks.is_empty() {
            self.masks.resize(self.count as usize - 1, 0);
            self.masks.push(mask);
        }
    }

    /// Every posting, by id.
    fn postings(&self) -> Vec<(u32, u8)> {
        let mut out: Vec<(u32, u8)> = self.stored().collect();
        if !self.in_order {
            out.sort_unstable_by_key(|p| p.0);
        }
        out
    }

    /// Every posting in the order added (by id once [`Term::sort`]ed), without
    /// making a list of them.
    fn stored(&self) -> impl Iterator<Item = (u32, u8)> + '_ {
        let (mut at, mut id) = (0, 0i64);
        (0..self.count as usize).map(move |k| {
            let z = read_varint(&self.ids, &mut at) as i64;
            id += (z >> 1) ^ -(z & 1);
            (id as u32, self.masks.get(k).copied().unwrap_or(0))
        })
    }

    /// A term of `text` with `postings`, in id order.
    fn from_postings(text: Box<str>, postings: impl Iterator<Item = (u32, u8)>) -> Term {
        let mut t = Term::new(String::new());
        t.text = text;
        for (id, mask) in postings {
            t.add(id, mask);
        }
        t
    }

    /// This term with its postings `keep` keeps, merged in id order with `more`
    /// (sorted, of other conclusions). For a term in id order.
    fn rebuilt(&self, keep: impl Fn(u32) -> bool, more: &[(u32, u8)]) -> Term {
        let mut t = Term::new(String::new());
        t.text = self.text.clone();
        t.ids.reserve(self.ids.len() + 2 * more.len());
        let mut more = more.iter().copied().peekable();
        for (id, mask) in self.stored().filter(|&(id, _)| keep(id)) {
            while let Some(m) = more.next_if(|m| m.0 < id) {
                t.add(m.0, m.1);
            }
            t.add(id, mask);
        }
        for (id, mask) in more {
            t.add(id, mask);
        }
        t
    }

    /// Add the postings of `other`, a term of the same key over other conclusions,
    /// to this one, in id order. The text stays that of the conclusion with the
    /// smallest id.
    fn absorb(&mut self, other: Term) {
        let text = (other.first < self.first && other.text != self.text).then_some(&other.text);
        let more = other.postings();
        if more.first().is_some_and(|&(id, _)| id < self.last) {
            *self = self.rebuilt(|_| true, &more);
        } else {
            for (id, mask) in more {
                self.add(id, mask);
            }
        }
        if let Some(text) = text {
            self.text = text.clone();
        }
    }

    /// Keep the postings in id order, as [`saved`] needs them.
    fn sort(&mut self) {
        if !self.in_order {
            let text = std::mem::take(&mut self.text);
            *self = Term::from_postings(text, self.postings().into_iter());
        }
    }

    /// Drop the postings of the conclusions `gone` says are, from a term in id
    /// order (left as it is when there are none).
    fn remove(&mut self, gone: impl Fn(u32) -> bool) {
        if self.stored().any(|(id, _)| gone(id)) {
            *self = self.rebuilt(|id| !gone(id), &[]);
        }
    }

    /// Whether this term's bytes, read back from a cache, are postings of
    /// conclusions below `n` in id order, as many as it says, starting at `first`
    /// and ending at `last`.
    fn is_sound(&self, n: usize) -> bool {
        let (mut ids, mut id, mut seen) = (Reader(&self.ids), 0i64, 0u32);
        while !ids.rest().is_empty() {
            let Some(z) = ids.varint() else {
                return false;
            };
            let z = z as i64;
            let delta = (z >> 1) ^ -(z & 1);
            if (seen > 0 && delta <= 0) || delta < 0 {
                return false;
            }
            id += delta;
            if id >= n as i64 || (seen == 0 && id != i64::from(self.first)) {
                return false;
            }
            seen += 1;
        }
        self.in_order
            && seen == self.count
            && seen > 0
            && id == i64::from(self.last)
            && (self.masks.is_empty() || self.masks.len() == seen as usize)
    }

    /// The shard key: `=tĩnh` goes with `tinh`.
    fn shard_key(&self) -> String {
        match self.text.strip_prefix('=') {
            Some(written) => text::fold(written),
            None => self.text.to_string(),
        }
    }

    /// The term's bytes in a shard. A term in more than half of the `n` conclusions
    /// keeps only its set of all: BM25 gives it almost no weight, so where in a
    /// conclusion it is does not matter, and such terms are the largest.
    fn encode(&self, n: usize) -> Vec<u8> {
        let dense = self.count as usize * 2 > n;
        let mut sets: [Vec<u32>; SETS] = Default::default();
        for (id, mask) in self.postings() {
            sets[0].push(id);
            let mask = if dense { 0 } else { mask };
            for (bit, set) in sets.iter_mut().enumerate().skip(1) {
                if mask & (1 << bit) != 0 {
                    set.push(id);
                }
            }
        }
        let mut out = Vec::with_capacity(self.text.len() + 8 + self.ids.len() * 2);
        varint(self.text.len(), &mut out);
        out.extend_from_slice(self.text.as_bytes());
        varint(self.count as usize, &mut out);
        let present = sets
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.is_empty())
            .fold(1u8, |m, (bit, _)| m | (1 << bit));
        out.push(present);
        for set in sets.iter().filter(|s| !s.is_empty()) {
            encode_set(set, &mut out);
        }
        if sets[0].is_empty() {
            encode_set(&[], &mut out);
        }
        out
    }
}

/// The terms whose hash falls in one partition, by hash.
#[derive(Default)]
struct Partition {
    index: FxMap<u64, u32>,
    terms: Vec<Term>,
}

impl Partition {
    /// Its terms, each with its key.
    fn into_keyed(self) -> impl Iterator<Item = (u64, Term)> {
        let mut keys = vec![0; self.terms.len()];
        for (&key, &k) in &self.index {
            keys[k as usize] = key;
        }
        keys.into_iter().zip(self.terms)
    }

    fn add(&mut self, doc: u32, terms: &DocTerms, hits: &[Hit]) {
        for h in hits {
            let k = match self.index.get(&h.key) {
                Some(&k) => k,
                None => {
                    let k = self.terms.len() as u32;
                    self.index.insert(h.key, k);
                    self.terms.push(Term::new(terms.text(h.text)));
                    k
                }
            };
            let term = &mut self.terms[k as usize];
            if doc < term.first && !terms.text_is(h.text, &term.text) {
                term.text = terms.text(h.text).into_boxed_str();
            }
            term.add(doc, h.mask);
        }
    }
}

/// A sorted set of conclusion ids: a delta list or a bitmap, whichever is smaller.
fn encode_set(ids: &[u32], out: &mut Vec<u8>) {
    let mut list = Vec::with_capacity(ids.len() * 2);
    let mut prev = 0;
    for (k, &id) in ids.iter().enumerate() {
        varint((if k == 0 { id } else { id - prev }) as usize, &mut list);
        prev = id;
    }
    let bitmap_len = ids.last().map_or(0, |&last| last as usize / 8 + 1);
    if !ids.is_empty() && bitmap_len < list.len() {
        let mut bitmap = vec![0u8; bitmap_len];
        for &id in ids {
            bitmap[id as usize / 8] |= 1 << (id % 8);
        }
        out.push(1);
        varint(bitmap.len(), out);
        out.extend_from_slice(&bitmap);
    } else {
        out.push(0);
        varint(list.len(), out);
        out.extend_from_slice(&list);
    }
}

#[derive(Serialize)]
struct YearRange {
    year: i16,
    /// First and one past the last conclusion id of the year.
    from: usize,
    to: usize,
}

#[derive(Serialize)]
struct ProvinceEntry {
    slug: &'static str,
    name: &'static str,
    former: bool,
}

#[derive(Serialize)]
struct Manifest {
    version: u32,
    docs: usize,
    shards: usize,
    /// Changes whenever any index file changes; the script adds it to file URLs.
    key: String,
    fragments_per_dir: usize,
    years: Vec<YearRange>,
    /// The provinces with conclusions (each has a `#p:` filter term): a query naming
    /// one ranks its conclusions first.
    provinces: Vec<ProvinceEntry>,
}

/// What a result shows, but for the excerpt's text.
#[derive(Serialize)]
struct Fragment<'a> {
    url: &'a str,
    title: &'a str,
    date: &'a str,
    date_display: &'a str,
    province: &'static str,
    former: bool,
    number: Option<&'a str>,
    summary: &'a str,
}

/// A result file: its JSON line, then the first [`EXCERPT_CHARS`] of the body's text.
fn fragment(c: &ConclusionCtx, body_text: &str) -> Vec<u8> {
    let cut = char_cut(body_text, EXCERPT_CHARS);
    let f = Fragment {
        url: &c.url,
        title: &c.title,
        date: &c.date,
        date_display: &c.date_display,
        province: c.province.name,
        former: c.province.former,
        number: c.number.as_deref(),
        summary: &c.summary,
    };
    let mut out = Vec::with_capacity(cut + 1024);
    serde_json::to_writer(&mut out, &f).expect("serializable");
    // JSON escapes every line break in a string, so the first one ends it.
    out.push(b'\n');
    out.extend_from_slice(&body_text.as_bytes()[..cut]);
    out
}

/// Where `s` is cut to keep its first `max` chars: counted as the bytes that start
/// one, a block at a time (which the compiler vectorizes), rather than decoded.
fn char_cut(s: &str, max: usize) -> usize {
    let starts = |b: &u8| (*b as i8) >= -0x40;
    let bytes = s.as_bytes();
    if bytes.len() <= max {
        return bytes.len();
    }
    let (mut chars, mut at) = (0, 0);
    for block in bytes.chunks(64) {
        let n: usize = block.iter().map(|b| usize::from(starts(b))).sum();
        if chars + n > max {
            break;
        }
        chars += n;
        at += block.len();
    }
    for (i, b) in bytes[at..].iter().enumerate() {
        if starts(b) {
            if chars == max {
                return at + i;
            }
            chars += 1;
        }
    }
    bytes.len()
}

fn fragment_path(id: u32) -> String {
    let dir = id as usize / FRAGMENTS_PER_DIR;
    format!("{INDEX_DIR}/d/{dir}/{id}.txt")
}

/// The id in the index of conclusion `i` (newest first) of `n`: its place in the
/// timeline from the oldest. The conclusions already published keep their ids when
/// a newer one is added (the usual edit), and with them their postings and result
/// files (see [`saved`]).
fn doc_id(n: usize, i: usize) -> u32 {
    (n - 1 - i) as u32
}

/// The search index as it is made. The page renderer gives it each conclusion's
/// text as it renders the page ([`Index::add`]: one parse of the body serves both),
/// in any order and from any thread; [`Index::finish`] reads the texts of those it
/// did not render (pages carried over from the last build) and writes the index.
/// Peak memory is about the index's size: a conclusion's text and terms are dropped
/// once they are in the term tables.
pub struct Index {
    parts: Vec<Mutex<Partition>>,
    /// Per conclusion: whether it is in, and its result file's hash (for the key).
    added: Vec<OnceLock<u64>>,
    scratch: Mutex<Vec<Scratch>>,
}

impl Index {
    /// An empty index of the `n` conclusions of a site.
    pub fn new(n: usize) -> Index {
        Index {
            parts: (0..1 << PARTITION_BITS)
                .map(|_| Mutex::new(Partition::default()))
                .collect(),
            added: (0..n).map(|_| OnceLock::new()).collect(),
            scratch: Mutex::new(Vec::new()),
        }
    }

    /// Index conclusion `i` of `b`, whose body's plain text is `text`; returns its
    /// result file. Once per conclusion.
    pub fn add(&self, b: &Builder, i: usize, text: &str) -> OutputFile {
        let c = &b.conclusions[i];
        let listed = b.site.conclusions[i].documents.len();
        let id = doc_id(self.added.len(), i);
        let mut scratch = self.lock_scratch().pop().unwrap_or_else(Scratch::new);
        let terms = doc_terms(c, listed, text, &mut scratch);
        self.lock_scratch().push(scratch);
        for (p, part) in self.parts.iter().enumerate() {
            let hits = terms.hits_of(p);
            if !hits.is_empty() {
                let mut part = part.lock().expect("no panics while holding it");
                part.add(id, &terms, hits);
            }
        }
        let contents = fragment(c, text);
        let _ = self.added[i].set(xxh3_64(&contents));
        OutputFile {
            path: fragment_path(id),
            contents: contents.into(),
        }
    }

    fn lock_scratch(&self) -> std::sync::MutexGuard<'_, Vec<Scratch>> {
        self.scratch.lock().expect("no panics while holding it")
    }

    /// Index the conclusions not added yet, `body_text(i)` the plain text of
    /// conclusion `i`'s body, then give `out` the index files, a group at a time (the
    /// result files of a few hundred conclusions as soon as they are made). The first
    /// error of `body_text` stops the index.
    ///
    /// With `memo` (a build with the build cache), a conclusion indexed as it is by
    /// the last build keeps its postings from the tables that build saved and its
    /// result file from the output (see [`saved`]), and this build's tables are
    /// saved in turn.
    pub fn finish(
        self,
        b: &Builder,
        body_text: &(dyn Fn(usize) -> Result<String, Diagnostic> + Sync),
        memo: Option<&Memo>,
        out: &mut dyn FnMut(Vec<OutputFile>),
    ) -> Result<(), Diagnostic> {
        let n = self.added.len();
        let keys: Option<Vec<u128>> = memo.map(|m| {
            let site = &b.site.conclusions;
            (0..n)
                .into_par_iter()
                .map(|i| {
                    let (c, listed) = (&b.conclusions[i], site[i].documents.len());
                    saved::doc_key(m.salt(), c, listed, site[i].markdown.digest())
                })
                .collect()
        });
        let last = memo.and_then(|m| Saved::parse(&m.last_search()?, m.salt()));
        let carried = match (memo, &keys, &last) {
            (Some(memo), Some(keys), Some(last)) => self.carry(memo, keys, last)?,
            _ => Vec::new(),
        };
        // Oldest first: ids in order.
        let missing: Vec<usize> = (0..n)
            .rev()
            .filter(|&i| self.added[i].get().is_none())
            .collect();
        for chunk in missing.chunks(CHUNK) {
            let files = chunk
                .par_iter()
                .map(|&i| Ok(self.add(b, i, &body_text(i)?)))
                .collect::<Result<Vec<_>, Diagnostic>>()?;
            out(files);
        }
        let hashes: Vec<u64> = self
            .added
            .iter()
            .map(|h| *h.get().expect("added"))
            .collect();
        let fresh = self.parts.into_iter().flat_map(|p| {
            p.into_inner()
                .expect("no panics while holding it")
                .into_keyed()
        });
        let mut terms: Vec<(u64, Term)> = match last {
            Some(last) => merged(last.terms, &carried, fresh),
            None => fresh.collect(),
        };
        let mut key = xxh3_64(&FORMAT_VERSION.to_le_bytes());
        for hash in &hashes {
            key = xxh3_64_with_seed(&hash.to_le_bytes(), key);
        }
        if memo.is_some() {
            terms.par_iter_mut().for_each(|(_, t)| t.sort());
        }
        write_index(b, &terms, key, out);
        // Made after the index files, whose bytes are freed by then.
        if let Some((memo, keys)) = memo.zip(keys) {
            let docs: Vec<Doc> = keys
                .into_iter()
                .zip(hashes)
                .rev()
                .map(|(key, fragment)| Doc { key, fragment })
                .collect();
            memo.save_search(Saved::to_bytes(memo.salt(), &docs, &terms));
        }
        Ok(())
    }

    /// Carry over from the output the result file of each conclusion not added yet
    /// that `last` indexed at the same id with the same key; by id, which ones were.
    fn carry(&self, memo: &Memo, keys: &[u128], last: &Saved) -> Result<Vec<bool>, Diagnostic> {
        let n = self.added.len();
        (0..n)
            .into_par_iter()
            .map(|id| {
                let i = n - 1 - id;
                let doc = match last.docs.get(id) {
                    Some(d) if d.key == keys[i] && self.added[i].get().is_none() => d,
                    _ => return Ok(false),
                };
                let kept = memo
                    .carry_file(&fragment_path(id as u32))
                    .map_err(super::output_problem)?;
                if kept {
                    let _ = self.added[i].set(doc.fragment);
                }
                Ok(kept)
            })
            .collect()
    }
}

/// The terms of the conclusions `carried` over, from the `last` build's tables,
/// with the `fresh` ones of those indexed by this build: the tables a build
/// indexing every conclusion would make (but for terms whose 64-bit keys collide:
/// there the text kept may be another conclusion's).
fn merged(
    last: Vec<(u64, Term)>,
    carried: &[bool],
    fresh: impl Iterator<Item = (u64, Term)>,
) -> Vec<(u64, Term)> {
    let gone = |id: u32| !carried.get(id as usize).copied().unwrap_or(false);
    let mut terms: Vec<(u64, Term)> = last
        .into_par_iter()
        .filter_map(|(key, mut t)| {
            t.remove(gone);
            (t.count > 0).then_some((key, t))
        })
        .collect();
    let at: FxMap<u64, usize> = terms.iter().enumerate().map(|(k, t)| (t.0, k)).collect();
    for (key, t) in fresh {
        match at.get(&key) {
            Some(&k) => terms[k].1.absorb(t),
            None => terms.push((key, t)),
        }
    }
    terms
}

/// The index files but the result files: term shards, provinces and the manifest.
fn write_index(
    b: &Builder,
    terms: &[(u64, Term)],
    mut key: u64,
    out: &mut dyn FnMut(Vec<OutputFile>),
) {
    let site = b.site;
    let n = b.conclusions.len();
    // Province filters: exactly the conclusions each province page lists.
    let facets: Vec<Term> = site
        .provinces
        .iter()
        .map(|l| {
            let mut ids: Vec<u32> = l.entries.iter().map(|&(i, _)| doc_id(n, i)).collect();
            ids.sort_unstable();
            ids.dedup();
            let mut t = Term::new(format!("#p:{}", l.province.slug));
            for id in ids {
                t.add(id, 0);
            }
            t
        })
        .collect();
    let mut entries: Vec<(u32, Box<str>, Vec<u8>)> = facets
        .par_iter()
        .chain(terms.par_iter().map(|(_, t)| t))
        .map(|t| (fnv1a(t.shard_key().as_bytes()), t.text.clone(), t.encode(n)))
        .collect();
    drop(facets);
    let total: usize = entries.iter().map(|e| e.2.len()).sum();
    let shards = total.div_ceil(SHARD_BYTES).max(1);
    entries.par_sort_unstable_by(|a, b| {
        (a.0 as usize % shards)
            .cmp(&(b.0 as usize % shards))
            .then_with(|| a.1.as_bytes().cmp(b.1.as_bytes()))
    });
    let mut shard_bytes: Vec<Vec<u8>> = vec![Vec::new(); shards];
    for (hash, _, bytes) in &entries {
        shard_bytes[*hash as usize % shards].extend_from_slice(bytes);
    }
    drop(entries);
    for bytes in &shard_bytes {
        key = xxh3_64_with_seed(bytes, key);
    }

    // Newest year first, each the range of its ids.
    let mut years: Vec<YearRange> = Vec::new();
    for (i, c) in b.conclusions.iter().enumerate() {
        let id = doc_id(n, i) as usize;
        match years.last_mut() {
            Some(y) if y.year == c.year => y.from = id,
            _ => years.push(YearRange {
                year: c.year,
                from: id,
                to: id + 1,
            }),
        }
    }
    // Each conclusion's province, as an index into the manifest's list: a document
    // number query groups the conclusions citing it by province.
    let slot: FxMap<&str, u8> = site
        .provinces
        .iter()
        .enumerate()
        .map(|(i, l)| (l.province.slug, u8::try_from(i).unwrap_or(u8::MAX)))
        .collect();
    let province_of: Vec<u8> = b
        .conclusions
        .iter()
        .rev()
        .map(|c| slot.get(c.province.slug).copied().unwrap_or(u8::MAX))
        .collect();
    key = xxh3_64_with_seed(&province_of, key);
    let provinces = site
        .provinces
        .iter()
        .map(|l| ProvinceEntry {
            slug: l.province.slug,
            name: l.province.name,
            former: !l.province.is_current(),
        })
        .collect();
    let manifest = Manifest {
        version: FORMAT_VERSION,
        docs: n,
        shards,
        key: format!("{key:016x}"),
        fragments_per_dir: FRAGMENTS_PER_DIR,
        years,
        provinces,
    };

    let mut files = Vec::with_capacity(shards + 2);
    files.push(OutputFile {
        path: format!("{INDEX_DIR}/manifest.json"),
        contents: (serde_json::to_vec(&manifest).expect("serializable")).into(),
    });
    files.push(OutputFile {
        path: format!("{INDEX_DIR}/provinces.bin"),
        contents: province_of.into(),
    });
    for (k, contents) in shard_bytes.into_iter().enumerate() {
        files.push(OutputFile {
            path: format!("{INDEX_DIR}/t/{k}.bin"),
            contents: contents.into(),
        });
    }
    out(files);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_numbers_tokenize_as_typed() {
        assert_eq!(query_tokens("05-NQ/TU"), ["5", "nq", "tu"]);
        assert_eq!(query_tokens("05 nq tu"), ["5", "nq", "tu"]);
        assert_eq!(
            query_tokens("326/2021/NQ-HĐND"),
            ["326", "2021", "nq", "hdnd"]
        );
        assert_eq!(
            query_tokens("Đắk Nông, hạ tầng"),
            ["dak", "nong", "ha", "tang"]
        );
        assert_eq!(query_tokens("000"), ["0"]);
    }

    #[test]
    fn phrases_stop_at_punctuation() {
        let folded = text::fold("Đắk Nông. Hạ tầng – giao thông 05-NQ/TU");
        let joined: Vec<bool> = tokens(&folded).into_iter().map(|(_, j)| j).collect();
        assert_eq!(
            joined,
            [false, true, false, true, true, true, true, true, true]
        );
    }

    #[test]
    fn one_pass_tokens_match_their_definition() {
        let long = "x".repeat(MAX_TOKEN_CHARS + 1);
        let texts = [
            "Đắk Nông. Hạ tầng – giao thông 05-NQ/TU, 000 và 0070",
            "Kết luận số 326/2021/NQ-HĐND “chuyển đổi số” (THỦY) İstanbul Ωμέγα Москва",
            // Not NFC: combining marks, which only the whole-text fold handles.
            "Ha\u{300} Ti\u{303}nh, Đă\u{301}k",
            &format!("a {long} b {long}. c d"),
            &format!("{}{long}", "ồ".repeat(MAX_TOKEN_CHARS)),
            "ǅ ﬁ ½ ² x\u{200b}y 中文 ٣٤",
            "",
        ];
        for t in texts {
            assert_one_pass_matches(t);
        }
    }

    fn assert_one_pass_matches(t: &str) {
        let mut folded = String::new();
        let mut spans = Vec::new();
        fold_tokens(t, &mut folded, &mut spans);
        let got: Vec<(&str, bool)> = spans
            .iter()
            .map(|s| (&folded[s.at as usize..][..s.len as usize], s.joined))
            .collect();
        assert_eq!(got, tokens(&text::fold(t)), "{t:?}");
        for (s, (token, _)) in spans.iter().zip(&got) {
            assert_eq!(s.key, word_key(token.as_bytes()), "{token:?} in {t:?}");
        }
    }

    /// The body's words by [`body_words`] as by [`fold_tokens`]: each key, how often,
    /// and its text; and the count.
    fn assert_body_words_match(t: &str) {
        let mut folded = String::new();
        let mut spans = Vec::new();
        fold_tokens(t, &mut folded, &mut spans);
        let mut expected: Vec<(u64, u32, String)> = Vec::new();
        for s in &spans {
            let text = folded[s.at as usize..][..s.len as usize].to_string();
            match expected.iter_mut().find(|e| e.0 == s.key) {
                Some(e) => e.1 += 1,
                None => expected.push((s.key, 1, text)),
            }
        }
        let mut scratch = Scratch::new();
        let mut buffer = String::new();
        let Some(count) = body_words(t, &mut buffer, &mut scratch) else {
            // Folded by the definition instead (see `doc_terms`).
            assert!(t.chars().any(|c| text::fold_char(c).is_none()), "{t:?}");
            return;
        };
        let terms = DocTerms {
            folded: buffer,
            exact: String::new(),
            hits: Vec::new(),
            bounds: [0; (1 << PARTITION_BITS) + 1],
        };
        let got: Vec<(u64, u32, String)> = scratch
            .hits
            .iter()
            .map(|h| (h.key, h.tf, terms.text(h.text)))
            .collect();
        assert_eq!(got, expected, "{t:?}");
        assert_eq!(count as usize, spans.len(), "{t:?}");
    }

    #[test]
    fn body_words_match_their_definition() {
        let long = "x".repeat(MAX_TOKEN_CHARS + 1);
        for t in [
            "Kết luận số 05-NQ/TU, kết luận\nsố 0070 và Москва 123456789 chuyểnđổisố 000",
            &format!("a {long} b\n\n  c\td ĐĂKLĂKÔNGANH"),
            "Ha\u{300} Ti\u{303}nh  Hà Tĩnh",
            "",
            " \n ",
        ] {
            assert_body_words_match(t);
        }
    }

    proptest::proptest! {
        #[test]
        fn body_words_match_on_any_text(
            t in "([a-zA-Z0-9 .,;:()\"“”…\n\t-]|[àáảãạăắằẳẵặâấầẩẫậđĐèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]|[ÀẮẾỐỨ]|\\PC){0,80}"
        ) {
            assert_body_words_match(&t);
        }

        /// The last build's tables, less the conclusions that changed, merged with
        /// the terms of those indexed again, are the tables of indexing all.
        #[test]
        fn merged_tables_equal_tables_made_whole(
            old in proptest::collection::vec(proptest::collection::vec((0..12u64, 0..4u8), 0..6), 1..40),
            changed in proptest::collection::vec((0..40usize, proptest::collection::vec((0..12u64, 0..4u8), 0..6)), 0..8),
        ) {
            // A site of conclusions, each a list of (term, mask); some change.
            let mut now = old.clone();
            for (i, terms) in &changed {
                if let Some(doc) = now.get_mut(*i) {
                    *doc = terms.clone();
                }
            }
            let table = |docs: &[Vec<(u64, u8)>], ids: &mut dyn Iterator<Item = usize>| {
                let mut terms: Vec<(u64, Term)> = Vec::new();
                for id in ids {
                    for &(key, mask) in &docs[id] {
                        let k = match terms.iter().position(|t| t.0 == key) {
                            Some(k) => k,
                            None => {
                                terms.push((key, Term::new(format!("t{key}"))));
                                terms.len() - 1
                            }
                        };
                        terms[k].1.add(id as u32, mask);
                    }
                }
                terms
            };
            let n = now.len();
            // Made whole, in an order the page threads could take.
            let mut whole = table(&now, &mut (0..n).rev());
            let mut last = table(&old, &mut (0..n));
            last.iter_mut().for_each(|(_, t)| t.sort());
            let carried: Vec<bool> = (0..n).map(|i| old[i] == now[i] && i % 7 != 3).collect();
            let fresh = table(&now, &mut (0..n).filter(|&i| !carried[i]));
            let mut merged = merged(last, &carried, fresh.into_iter());
            for terms in [&mut whole, &mut merged] {
                terms.iter_mut().for_each(|(_, t)| t.sort());
                terms.sort_by_key(|t| t.0);
            }
            let view = |t: &[(u64, Term)]| -> Vec<String> {
                t.iter().map(|(k, t)| format!("{k} {} {:?} {} {}", t.text, t.postings(), t.first, t.last)).collect()
            };
            proptest::prop_assert_eq!(view(&merged), view(&whole));
        }

        #[test]
        fn one_pass_tokens_match_on_any_text(
            t in "([a-zA-Z0-9 .,;:()\"“”…\n-]|[àáảãạăắằẳẵặâấầẩẫậđĐèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]|[ÀẮẾỐỨ]|\\PC){0,80}"
        ) {
            assert_one_pass_matches(&t);
        }
    }

    #[test]
    fn word_chars_are_letters_digits_and_marks() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            let expected = c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c);
            assert_eq!(in_word(c), expected, "{c:?}");
        }
    }

    #[test]
    fn cuts_after_so_many_chars() {
        let texts = [
            "",
            "abc",
            "Đắk Nông hạ tầng",
            &"ồa".repeat(100),
            &"x".repeat(200),
        ];
        for t in texts {
            for max in [0, 1, 2, 3, 10, 63, 64, 65, 100, 130, 199, 200, 201, 1000] {
                let expected = t.char_indices().nth(max).map_or(t.len(), |(i, _)| i);
                assert_eq!(char_cut(t, max), expected, "{t:?} {max}");
            }
        }
    }

    #[test]
    fn short_words_are_their_own_keys() {
        assert_eq!(word_key(b"a"), 0x61);
        assert_eq!(word_key(b"chuyen"), u64::from_le_bytes(*b"chuyen\0\0"));
        assert!(word_key(b"nghiepvux") >> 63 == 1);
        assert!(word_key("đ".as_bytes()) >> 63 == 1);
        assert_ne!(pair_key(b"12", b"1"), pair_key(b"15", b"11"));
    }

    #[test]
    fn sets_pick_the_smaller_encoding() {
        let mut out = Vec::new();
        encode_set(&[3, 300], &mut out);
        assert_eq!(out, [0, 3, 3, 0xa9, 0x02]);
        let dense: Vec<u32> = (0..64).collect();
        out.clear();
        encode_set(&dense, &mut out);
        assert_eq!(out[..2], [1, 8]);
        assert!(out[2..].iter().all(|&b| b == 0xff));
    }

    #[test]
    fn fnv_matches_reference() {
        assert_eq!(fnv1a(b""), 0x811c_9dc5);
        assert_eq!(fnv1a(b"a"), 0xe40c_292c);
    }
}

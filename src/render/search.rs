//! The search index of `/tim-kiem/`: static files that the page's script
//! (`themes/default/static/search.js`) reads a few at a time, so a query on a site of
//! any size downloads only the terms it asks for.
//!
//! Terms are Vietnamese syllables folded to ASCII with [`text::fold`] (`Đắk` → `dak`),
//! numbers without leading zeros (`05-NQ/TU` → `5 nq tu`), and the pairs of adjacent
//! syllables (`ha tang`) of the title, metadata and summary, which rank phrases above
//! scattered words and make document numbers exact. For each term the
//! index keeps two sets of conclusions: where it occurs at all, and where it occurs in
//! the title or metadata (number, documents, province, tags, officials). A set is a
//! delta-coded list or, when smaller, a bitmap, so no term costs more than one bit per
//! conclusion. Province filters are terms too (`#p:lam-dong`); years are ranges of
//! conclusion ids, since ids follow the timeline (0 is the newest).
//!
//! Files, under `tim-kiem/chi-muc/`:
//! - `manifest.json`: format version, number of conclusions and shards, a content key
//!   (for cache-busting) and the id range of each year.
//! - `t/{k}.bin`: shard `k` holds every term whose FNV-1a hash is `k` modulo the number
//!   of shards, sorted by bytes. Each term: varint length, UTF-8 bytes, varint count of
//!   conclusions, then the two sets, each a kind byte (0 list, 1 bitmap), a varint byte
//!   length and the bytes (list: first id then differences, as varints; bitmap: bit
//!   `i % 8` of byte `i / 8` for conclusion `i`).
//! - `d/{id / 1000}/{id}.json`: what a result shows (title, date, province, summary and
//!   the body's text for the excerpt).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;
use serde::Serialize;

use super::OutputFile;
use super::context::Builder;
use crate::text;

/// Output folder of the index files.
pub const INDEX_DIR: &str = crate::routes::SEARCH_INDEX_DIR;
/// Bump when the file format changes (the script checks it).
const FORMAT_VERSION: u32 = 1;
/// Target size of a shard; one term larger than this gets a shard nearly to itself.
const SHARD_BYTES: usize = 16 * 1024;
/// Longer tokens (URLs, garbage) are not indexed; the script ignores them in queries too.
const MAX_TOKEN_CHARS: usize = 40;
const FRAGMENTS_PER_DIR: usize = 1000;
/// The body text kept for excerpts, in characters (further matches fall back to
/// the summary).
const EXCERPT_CHARS: usize = 8_000;

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
/// the previous token.
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

/// Numbers match without leading zeros: `05` and `5` are one term.
fn number_key(token: &str) -> &str {
    if token.bytes().all(|b| b.is_ascii_digit()) {
        let trimmed = token.trim_start_matches('0');
        if trimmed.is_empty() { "0" } else { trimmed }
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

/// FNV-1a, 32 bits: which shard a term is in (the script computes the same).
fn fnv1a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// A fast, fixed hasher for the index's lookup tables (FxHash's mixing step). The
/// tables are only looked up, never iterated into the output.
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl Fx {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let mut last = [0u8; 8];
        last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.add(u64::from_le_bytes(last));
    }
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// The distinct terms of one conclusion.
#[derive(Default)]
struct DocTerms {
    /// Distinct syllables, with whether one occurrence is in the title or metadata.
    words: Vec<(String, bool)>,
    /// Distinct adjacent pairs, as indexes into `words`.
    pairs: Vec<(u32, u32, bool)>,
}

/// Where a text sits in a conclusion: title and metadata rank higher; the body's
/// syllable pairs are not indexed (two thirds of all pairs, for little gain in
/// ranking: titles and summaries carry a conclusion's subject).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Head,
    Summary,
    Body,
}

fn doc_terms(fields: &[(&str, Field)]) -> DocTerms {
    let mut local: FxMap<String, u32> = FxMap::default();
    let mut doc = DocTerms::default();
    let mut pairs: Vec<(u32, u32, bool)> = Vec::new();
    for &(field, kind) in fields {
        let folded = text::fold(field);
        let head = kind == Field::Head;
        let phrases = kind != Field::Body;
        let mut prev: Option<u32> = None;
        for (token, joined) in tokens(&folded) {
            let id = match local.get(token) {
                Some(&id) => {
                    doc.words[id as usize].1 |= head;
                    id
                }
                None => {
                    let id = doc.words.len() as u32;
                    local.insert(token.to_string(), id);
                    doc.words.push((token.to_string(), head));
                    id
                }
            };
            if let (Some(p), true, true) = (prev, joined, phrases) {
                pairs.push((p, id, head));
            }
            prev = Some(id);
        }
    }
    // Distinct pairs, `head` when any occurrence is (sorted, true after false).
    pairs.sort_unstable();
    for (a, b, h) in pairs.into_iter().rev() {
        if doc.pairs.last().is_none_or(|&(x, y, _)| (x, y) != (a, b)) {
            doc.pairs.push((a, b, h));
        }
    }
    doc
}

/// Conclusions where a term occurs, and where it occurs in the title or metadata.
#[derive(Default)]
struct Postings {
    all: Vec<u32>,
    head: Vec<u32>,
}

impl Postings {
    fn add(&mut self, doc: u32, head: bool) {
        self.all.push(doc);
        if head {
            self.head.push(doc);
        }
    }
}

fn varint(mut n: usize, out: &mut Vec<u8>) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
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

fn encode_term(term: &str, p: &Postings) -> Vec<u8> {
    let mut out = Vec::with_capacity(term.len() + 8 + p.all.len() * 2);
    varint(term.len(), &mut out);
    out.extend_from_slice(term.as_bytes());
    varint(p.all.len(), &mut out);
    encode_set(&p.all, &mut out);
    encode_set(&p.head, &mut out);
    out
}

#[derive(Serialize)]
struct YearRange {
    year: i16,
    /// First and one past the last conclusion id of the year.
    from: usize,
    to: usize,
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
}

/// What a result shows.
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
    text: &'a str,
}

/// The index files of every conclusion; `texts[i]` is the plain text of conclusion
/// `i`'s body.
pub fn render(b: &Builder, texts: &[String]) -> Vec<OutputFile> {
    let site = b.site;
    let n = b.conclusions.len();

    // 1. The terms of each conclusion, in parallel.
    let docs: Vec<DocTerms> = b
        .conclusions
        .par_iter()
        .zip(texts)
        .map(|(c, body_text)| {
            let mut fields: Vec<(&str, Field)> = vec![
                (&c.title, Field::Head),
                (c.province.name, Field::Head),
                (c.province.current.name, Field::Head),
            ];
            let opt = [&c.number, &c.body, &c.chaired_by, &c.signed_by];
            fields.extend(opt.into_iter().flatten().map(|s| (s.as_str(), Field::Head)));
            fields.extend(c.documents.iter().map(|d| (d.number.as_str(), Field::Head)));
            fields.extend(c.tags.iter().map(|t| (t.as_str(), Field::Head)));
            fields.push((&c.summary, Field::Summary));
            fields.push((body_text, Field::Body));
            doc_terms(&fields)
        })
        .collect();

    // 2. Global word ids (few, sequentially), then every (term, conclusion) hit, sorted:
    //    runs of one term are its postings, conclusions ascending. A word's key is
    //    `id << 32 | u32::MAX`, a pair's `first << 32 | second`.
    let mut words: Vec<String> = Vec::new();
    let mut word_ids: FxMap<String, u32> = FxMap::default();
    let globals: Vec<Vec<u32>> = docs
        .iter()
        .map(|d| {
            d.words
                .iter()
                .map(|(w, _)| match word_ids.get(w) {
                    Some(&id) => id,
                    None => {
                        let id = words.len() as u32;
                        word_ids.insert(w.clone(), id);
                        words.push(w.clone());
                        id
                    }
                })
                .collect()
        })
        .collect();
    let mut hits: Vec<(u64, u32, bool)> = docs
        .par_iter()
        .zip(&globals)
        .enumerate()
        .flat_map_iter(|(doc, (d, global))| {
            let doc = doc as u32;
            let words = d.words.iter().zip(global).map(move |((_, head), &g)| {
                ((u64::from(g) << 32) | u64::from(u32::MAX), doc, *head)
            });
            let pairs = d.pairs.iter().map(move |&(a, b, head)| {
                let key = (u64::from(global[a as usize]) << 32) | u64::from(global[b as usize]);
                (key, doc, head)
            });
            words.chain(pairs)
        })
        .collect();
    drop(docs);
    hits.par_sort_unstable();
    let mut terms: Vec<(u64, Postings)> = Vec::new();
    for (key, doc, head) in hits {
        if terms.last().is_none_or(|(k, _)| *k != key) {
            terms.push((key, Postings::default()));
        }
        terms.last_mut().expect("pushed").1.add(doc, head);
    }
    let term_text = |key: u64| -> String {
        let (a, b) = ((key >> 32) as usize, key as u32);
        if b == u32::MAX {
            words[a].clone()
        } else {
            format!("{} {}", words[a], words[b as usize])
        }
    };
    // Province filters: exactly the conclusions each province page lists.
    let facets: Vec<(String, Postings)> = site
        .provinces
        .iter()
        .map(|l| {
            let mut ids: Vec<u32> = l.entries.iter().map(|&(i, _)| i as u32).collect();
            ids.sort_unstable();
            ids.dedup();
            let p = Postings {
                all: ids,
                head: Vec::new(),
            };
            (format!("#p:{}", l.province.slug), p)
        })
        .collect();

    // 3. Encode every term, then deal them into shards by hash.
    let mut entries: Vec<(u32, String, Vec<u8>)> = terms
        .par_iter()
        .map(|(key, p)| {
            let term = term_text(*key);
            (fnv1a(term.as_bytes()), term.clone(), encode_term(&term, p))
        })
        .collect();
    entries.extend(
        facets
            .iter()
            .map(|(t, p)| (fnv1a(t.as_bytes()), t.clone(), encode_term(t, p))),
    );
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

    // 4. Result fragments.
    let fragments: Vec<Vec<u8>> = b
        .conclusions
        .par_iter()
        .zip(texts)
        .map(|(c, body_text)| {
            let cut = body_text
                .char_indices()
                .nth(EXCERPT_CHARS)
                .map_or(body_text.len(), |(i, _)| i);
            let f = Fragment {
                url: &c.url,
                title: &c.title,
                date: &c.date,
                date_display: &c.date_display,
                province: c.province.name,
                former: c.province.former,
                number: c.number.as_deref(),
                summary: &c.summary,
                text: &body_text[..cut],
            };
            serde_json::to_vec(&f).expect("serializable")
        })
        .collect();

    let mut key: u64 = 0xcbf2_9ce4_8422_2325;
    for bytes in shard_bytes.iter().chain(&fragments) {
        for &byte in bytes {
            key ^= u64::from(byte);
            key = key.wrapping_mul(0x0100_0000_01b3);
        }
        key = key.wrapping_mul(0x0100_0000_01b3) ^ bytes.len() as u64;
    }
    let mut years: Vec<YearRange> = Vec::new();
    for (i, c) in b.conclusions.iter().enumerate() {
        match years.last_mut() {
            Some(y) if y.year == c.year => y.to = i + 1,
            _ => years.push(YearRange {
                year: c.year,
                from: i,
                to: i + 1,
            }),
        }
    }
    let manifest = Manifest {
        version: FORMAT_VERSION,
        docs: n,
        shards,
        key: format!("{key:016x}"),
        fragments_per_dir: FRAGMENTS_PER_DIR,
        years,
    };

    let mut files = Vec::with_capacity(shards + n + 1);
    files.push(OutputFile {
        path: format!("{INDEX_DIR}/manifest.json"),
        contents: (serde_json::to_vec(&manifest).expect("serializable")).into(),
    });
    for (k, contents) in shard_bytes.into_iter().enumerate() {
        files.push(OutputFile {
            path: format!("{INDEX_DIR}/t/{k}.bin"),
            contents: contents.into(),
        });
    }
    for (i, contents) in fragments.into_iter().enumerate() {
        files.push(OutputFile {
            path: format!("{INDEX_DIR}/d/{}/{i}.json", i / FRAGMENTS_PER_DIR),
            contents: contents.into(),
        });
    }
    files
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

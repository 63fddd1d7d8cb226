//! The index's term tables as the last build left them, kept in the build cache
//! (see `crate::cache`), so that a build after an edit reads, parses and tokenizes
//! only the conclusions whose search inputs changed, not every body of the site.
//!
//! For each conclusion id the tables keep the key of what its terms and result
//! file are made of ([`doc_key`]) and the hash of that result file. A conclusion
//! at the same id with the same key has the same terms and result file: its result
//! file is carried over from the output and its postings stay in the tables. Every
//! other id's postings are taken out, and the conclusions now at those ids are
//! indexed anew (see [`super::Index::finish`]).
//!
//! The format is this binary's own (its salt is in the key of every conclusion and
//! at the head of the file): another ketluan starts over.

use std::hash::Hash;

use xxhash_rust::xxh3::Xxh3;

use rayon::prelude::*;

use super::{FORMAT_VERSION, Term, varint};
use crate::render::context::ConclusionCtx;
use crate::render::wire::Reader;

/// The format's first bytes.
const MAGIC: &[u8] = b"ketluan-search-tables 1\n";

/// What a conclusion's terms and result file are made of, for a build with `salt`
/// (the binary and the build's options): its fields that [`super::fields`] and
/// [`super::fragment`] read, how many documents its front matter lists, and its
/// Markdown's hash (the body's text comes from it alone).
pub(super) fn doc_key(salt: u128, c: &ConclusionCtx, listed: usize, markdown: u128) -> u128 {
    let mut h = Xxh3::new();
    (salt, FORMAT_VERSION, markdown, listed).hash(&mut h);
    (&c.url, &c.title, &c.date, &c.date_display, &c.summary).hash(&mut h);
    let p = &c.province;
    (p.name, p.current.name, p.former).hash(&mut h);
    (&c.number, &c.body, &c.chaired_by, &c.signed_by, &c.tags).hash(&mut h);
    for d in &c.documents {
        d.number.hash(&mut h);
    }
    h.digest128()
}

/// A conclusion as the last build indexed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Doc {
    /// [`doc_key`] of the conclusion at this id.
    pub(super) key: u128,
    /// Hash of its result file (for the manifest's key).
    pub(super) fragment: u64,
}

/// The tables of the last build.
pub(super) struct Saved {
    /// By id.
    pub(super) docs: Vec<Doc>,
    /// Every term with its key, postings in id order.
    pub(super) terms: Vec<(u64, Term)>,
}

impl Saved {
    /// The tables `bytes` hold for a build with `salt`; `None` for anything else
    /// (another binary or build options, another format, bytes cut short).
    pub(super) fn parse(bytes: &[u8], salt: u128) -> Option<Saved> {
        let mut r = Reader(bytes.strip_prefix(MAGIC)?);
        if r.u128()? != salt {
            return None;
        }
        let n = r.varint()?;
        let docs = (0..n)
            .map(|_| {
                Some(Doc {
                    key: r.u128()?,
                    fragment: r.u64()?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let count = r.varint()?;
        let mut terms = Vec::with_capacity(count.min(bytes.len()));
        for _ in 0..count {
            let key = r.u64()?;
            let text = std::str::from_utf8(r.slice()?).ok()?;
            let mut t = Term::new(text.to_string());
            t.count = u32::try_from(r.varint()?).ok()?;
            t.first = u32::try_from(r.varint()?).ok()?;
            t.last = u32::try_from(r.varint()?).ok()?;
            t.ids = r.slice()?.to_vec();
            t.masks = r.slice()?.to_vec();
            terms.push((key, t));
        }
        let sound = r.rest().is_empty() && terms.par_iter().all(|(_, t)| t.is_sound(n));
        sound.then_some(Saved { docs, terms })
    }

    /// The bytes [`Saved::parse`] reads back, for `docs` and `terms` (each with
    /// its postings in id order: see [`Term::sort`]).
    pub(super) fn to_bytes(salt: u128, docs: &[Doc], terms: &[(u64, Term)]) -> Vec<u8> {
        let size: usize = terms
            .iter()
            .map(|(_, t)| t.text.len() + t.ids.len() + t.masks.len() + 32)
            .sum();
        let mut out = Vec::with_capacity(MAGIC.len() + 16 + docs.len() * 24 + size);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&salt.to_le_bytes());
        varint(docs.len(), &mut out);
        for d in docs {
            out.extend_from_slice(&d.key.to_le_bytes());
            out.extend_from_slice(&d.fragment.to_le_bytes());
        }
        varint(terms.len(), &mut out);
        for (key, t) in terms {
            debug_assert!(t.in_order, "postings sorted before saving");
            out.extend_from_slice(&key.to_le_bytes());
            varint(t.text.len(), &mut out);
            out.extend_from_slice(t.text.as_bytes());
            for n in [t.count, t.first, t.last] {
                varint(n as usize, &mut out);
            }
            varint(t.ids.len(), &mut out);
            out.extend_from_slice(&t.ids);
            varint(t.masks.len(), &mut out);
            out.extend_from_slice(&t.masks);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Vec<Doc>, Vec<(u64, Term)>) {
        let docs = (0..300u128)
            .map(|i| Doc {
                key: i * 7 + 1,
                fragment: i as u64 * 13,
            })
            .collect();
        let every = |k: u32| {
            (0..300)
                .step_by(k as usize)
                .map(move |id| (id, (id % 3) as u8))
        };
        let terms = vec![
            (1, Term::from_postings("tinh".into(), every(1))),
            (
                2,
                Term::from_postings("=tĩnh".into(), every(7).map(|(id, _)| (id, 0))),
            ),
            (
                1 << 63 | 5,
                Term::from_postings("ha tinh".into(), every(150)),
            ),
        ];
        (docs, terms)
    }

    fn same(a: &[(u64, Term)], b: &[(u64, Term)]) -> bool {
        a.len() == b.len()
            && a.iter().zip(b).all(|((k, s), (l, t))| {
                k == l && s.text == t.text && s.postings() == t.postings() && s.first == t.first
            })
    }

    #[test]
    fn tables_read_back_as_written() {
        let (docs, terms) = sample();
        let bytes = Saved::to_bytes(9, &docs, &terms);
        let back = Saved::parse(&bytes, 9).expect("reads back");
        assert_eq!(back.docs, docs);
        assert!(same(&back.terms, &terms));
        // Read back, a term takes more postings as one made here would.
        let mut t = back.terms.into_iter().nth(2).unwrap().1;
        t.add(20, 1);
        t.sort();
        assert_eq!(t.postings(), vec![(0, 0), (20, 1), (150, 0)]);
    }

    #[test]
    fn tables_of_another_build_or_cut_short_are_none() {
        let (docs, terms) = sample();
        let bytes = Saved::to_bytes(9, &docs, &terms);
        assert!(Saved::parse(&bytes, 10).is_none());
        for len in 0..bytes.len() {
            assert!(Saved::parse(&bytes[..len], 9).is_none(), "cut at {len}");
        }
        // Altered bytes never panic; the cache's own checksum turns them away.
        for at in 0..bytes.len() {
            let mut altered = bytes.clone();
            altered[at] ^= 0x81;
            let _ = Saved::parse(&altered, 9);
        }
    }

    #[test]
    fn postings_of_other_ids_or_out_of_order_are_not_sound() {
        let t = Term::from_postings("x".into(), [(3, 0), (9, 1)].into_iter());
        assert!(t.is_sound(10));
        assert!(!t.is_sound(9), "an id past the site's conclusions");
        let mut unsorted = Term::from_postings("x".into(), [(9, 0), (3, 0)].into_iter());
        assert!(!unsorted.is_sound(10));
        unsorted.sort();
        assert!(unsorted.is_sound(10));
    }
}

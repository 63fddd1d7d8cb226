//! Which pages an edit reaches, found without building the other pages' contexts:
//! the dependency map that `build` keeps in the build cache (`pages`, see
//! `crate::cache`) and `serve` in memory (see [`super::memo::Cache`]).
//!
//! A conclusion's page and a document's page show the values of a few conclusions
//! and documents (its own; its neighbours in time and in its province and the
//! related ones; those citing the document) and otherwise only what every page
//! shares (the salt, the templates, the variables every page has, the settings)
//! and the site's indexes (which conclusions there are and in what order, their
//! dates and provinces, what each cites). All of that but the values is one hash,
//! the *frame*. While the frame stays the same, each such page shows the same
//! conclusions and documents as last time, so it is the page last made unless one
//! of them changed ([`Deps::items`]): then it is carried over with the key it was
//! made with, its context never built. Any other change (a conclusion added,
//! removed or moved, a template, the settings) changes the frame, and every page
//! is keyed as before. The listing pages (timeline, years, provinces, the
//! documents index) are a few thousand at most and are always keyed.
//!
//! Over-approximation is safe: a page taken for changed is keyed and compared, and
//! carried over if its key is the same.

use std::sync::OnceLock;

use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::wire::Reader;

/// First bytes of the saved map.
const MAGIC: &[u8; 16] = b"ketluan-pages 1\n";

/// What a render's conclusion and document pages were made of: the frame, a hash
/// per conclusion and per document, and for each such page the conclusions and
/// documents it shows.
///
/// Pages are numbered as the first items: conclusion `i`'s value is item `i`,
/// document `k`'s is `conclusions + k` (and their pages are pages `i` and
/// `conclusions + k`); then come the bodies, which only their own page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deps {
    frame: u128,
    /// How many pages: conclusions and documents.
    pages: usize,
    /// Per item: the hash of all a page can show of it.
    items: Vec<u128>,
    /// Page `p` shows `shown[at[p]..at[p + 1]]`.
    at: Vec<u32>,
    shown: Vec<u32>,
}

/// The frame and item hashes of the render under way, before its pages are made.
pub struct Now {
    pub frame: u128,
    /// How many pages (the first items).
    pub pages: usize,
    pub items: Vec<u128>,
}

impl Now {
    /// Which pages of this render are the last render's (`clean[p]`), when `last`
    /// has the same frame; `None` when every page must be keyed.
    pub fn clean<'l>(&self, last: Option<&'l Deps>) -> Option<Clean<'l>> {
        let last = last.filter(|l| {
            l.frame == self.frame && l.pages == self.pages && l.items.len() == self.items.len()
        })?;
        let changed: Vec<bool> = last
            .items
            .iter()
            .zip(&self.items)
            .map(|(a, b)| a != b)
            .collect();
        let clean = (0..last.pages)
            .map(|p| {
                let changed = |&s: &u32| changed.get(s as usize).copied().unwrap_or(true);
                !last.shows(p).iter().any(changed)
            })
            .collect();
        let values_unchanged = !changed[..last.pages].iter().any(|&c| c);
        Some(Clean {
            last,
            clean,
            values_unchanged,
        })
    }

    /// A place for what each page shows, filled as pages are made or carried over.
    pub fn recorder(self) -> Recorder {
        let pages = (0..self.pages).map(|_| OnceLock::new()).collect();
        Recorder { now: self, pages }
    }
}

/// The pages a render can carry over unkeyed, and what they showed.
pub struct Clean<'l> {
    last: &'l Deps,
    clean: Vec<bool>,
    values_unchanged: bool,
}

impl Clean<'_> {
    /// Whether no conclusion's or document's value changed (only bodies, if
    /// anything): then the files made of the frame and the values alone (feeds,
    /// the data export) are the last build's.
    pub fn values_unchanged(&self) -> bool {
        self.values_unchanged
    }

    /// What page `p` showed, if nothing it showed changed.
    pub fn get(&self, p: usize) -> Option<&[u32]> {
        self.clean
            .get(p)
            .copied()
            .unwrap_or(false)
            .then(|| self.last.shows(p))
    }
}

/// What this render's pages show, as they are made (from many threads).
pub struct Recorder {
    now: Now,
    pages: Vec<OnceLock<Box<[u32]>>>,
}

impl Recorder {
    /// Page `p` shows `items`.
    pub fn record(&self, p: usize, items: &[u32]) {
        if let Some(slot) = self.pages.get(p) {
            let _ = slot.set(items.into());
        }
    }

    /// The map of this render; `None` if a page was not recorded (the render failed).
    pub fn finish(self) -> Option<Deps> {
        let mut at = Vec::with_capacity(self.pages.len() + 1);
        let mut shown = Vec::new();
        at.push(0);
        for page in self.pages {
            shown.extend_from_slice(&page.into_inner()?);
            at.push(u32::try_from(shown.len()).ok()?);
        }
        Some(Deps {
            frame: self.now.frame,
            pages: self.now.pages,
            items: self.now.items,
            at,
            shown,
        })
    }
}

impl Deps {
    /// This map after an edit that changed only the texts `bodies` gives (a
    /// conclusion's number and its body's hash): every page shows what it showed.
    pub fn with_bodies(&self, bodies: impl IntoIterator<Item = (usize, u128)>) -> Deps {
        let mut next = self.clone();
        for (i, hash) in bodies {
            if let Some(item) = next.items.get_mut(self.pages + i) {
                *item = hash;
            }
        }
        next
    }

    /// Which of the `conclusions` of the site the pages `pages` show (their own
    /// value among them), as marks.
    pub fn conclusions_shown_by(&self, pages: &[usize], conclusions: usize) -> Vec<bool> {
        let mut shown = vec![false; conclusions];
        for &p in pages.iter().filter(|&&p| p + 1 < self.at.len()) {
            for &item in self.shows(p) {
                if let Some(mark) = shown.get_mut(item as usize) {
                    *mark = true;
                }
            }
        }
        shown
    }

    fn shows(&self, p: usize) -> &[u32] {
        let (from, to) = (self.at[p] as usize, self.at[p + 1] as usize);
        &self.shown[from..to]
    }

    /// The map as saved, for the output whose manifest hashes to `manifest`.
    pub fn to_bytes(&self, manifest: u64) -> Vec<u8> {
        let mut b = Vec::with_capacity(64 + 16 * self.items.len() + 4 * self.shown.len());
        b.extend_from_slice(MAGIC);
        b.extend_from_slice(&manifest.to_le_bytes());
        b.extend_from_slice(&self.frame.to_le_bytes());
        b.extend_from_slice(&(self.pages as u64).to_le_bytes());
        b.extend_from_slice(&(self.items.len() as u64).to_le_bytes());
        b.extend_from_slice(&(self.shown.len() as u64).to_le_bytes());
        for item in &self.items {
            b.extend_from_slice(&item.to_le_bytes());
        }
        for n in self.at.iter().chain(&self.shown) {
            b.extend_from_slice(&n.to_le_bytes());
        }
        let sum = xxh3_64(&b);
        b.extend_from_slice(&sum.to_le_bytes());
        b
    }

    /// The map [`Deps::to_bytes`] wrote for `manifest`; `None` for anything else
    /// (another output, truncated, altered, inconsistent).
    pub fn parse(bytes: &[u8], manifest: u64) -> Option<Deps> {
        let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
        if u64::from_le_bytes(sum.try_into().ok()?) != xxh3_64(body) {
            return None;
        }
        let mut r = Reader(body.strip_prefix(MAGIC)?);
        if r.u64()? != manifest {
            return None;
        }
        let frame = r.u128()?;
        let pages = usize::try_from(r.u64()?).ok()?;
        let items_len = usize::try_from(r.u64()?).ok()?;
        let shown_len = usize::try_from(r.u64()?).ok()?;
        let size = |items: usize, at: usize, shown: usize| {
            16usize
                .checked_mul(items)?
                .checked_add(4usize.checked_mul(at.checked_add(shown)?)?)
        };
        if pages > items_len || Some(r.rest().len()) != size(items_len, pages + 1, shown_len) {
            return None;
        }
        let items = (0..items_len)
            .map(|_| r.u128())
            .collect::<Option<Vec<_>>>()?;
        let at = (0..=pages).map(|_| r.u32()).collect::<Option<Vec<_>>>()?;
        let shown = (0..shown_len)
            .map(|_| r.u32())
            .collect::<Option<Vec<_>>>()?;
        let ordered = at.first() == Some(&0)
            && at.windows(2).all(|w| w[0] <= w[1])
            && at.last().copied() == u32::try_from(shown_len).ok();
        let in_range = shown.iter().all(|&s| (s as usize) < items_len);
        (ordered && in_range).then_some(Deps {
            frame,
            pages,
            items,
            at,
            shown,
        })
    }
}

/// A hasher for frames and items: every part is fed with its length or as a
/// fixed-size number, so that different parts never feed the same bytes.
#[derive(Default)]
pub struct Hasher(Xxh3);

impl Hasher {
    pub fn bytes(&mut self, b: &[u8]) -> &mut Self {
        self.0.update(&(b.len() as u64).to_le_bytes());
        self.0.update(b);
        self
    }
    pub fn num(&mut self, n: u128) -> &mut Self {
        self.0.update(&n.to_le_bytes());
        self
    }
    pub fn digest(&self) -> u128 {
        self.0.digest128()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now(items: Vec<u128>) -> Now {
        Now {
            frame: 7,
            pages: 3,
            items,
        }
    }

    /// Conclusions 0 and 1, document 2: page 0 shows 0 and 1, page 1 shows 1,
    /// page 2 (the document's) shows 2 and 0.
    fn sample() -> Deps {
        let r = now(vec![10, 11, 12]).recorder();
        r.record(0, &[0, 1]);
        r.record(2, &[2, 0]);
        r.record(1, &[1]);
        r.finish().unwrap()
    }

    /// The conclusions a page showed are those its edit needs the values of; a
    /// document's page shows documents too, which are not conclusions.
    #[test]
    fn the_conclusions_shown_are_marked() {
        let last = sample();
        assert_eq!(last.conclusions_shown_by(&[1], 2), [false, true]);
        assert_eq!(last.conclusions_shown_by(&[0], 2), [true, true]);
        assert_eq!(last.conclusions_shown_by(&[2], 2), [true, false]);
        assert_eq!(last.conclusions_shown_by(&[7], 2), [false, false]);
    }

    /// A body edit leaves every page showing what it showed, and only the body's
    /// hash changes.
    #[test]
    fn with_bodies_replaces_only_the_bodies() {
        let r = Now {
            frame: 7,
            pages: 3,
            items: vec![10, 11, 12, 20, 21],
        }
        .recorder();
        r.record(0, &[0, 1, 3]);
        r.record(1, &[1, 4]);
        r.record(2, &[2]);
        let last = r.finish().unwrap();
        let next = last.with_bodies([(1, 99)]);
        assert_eq!(next.items, [10, 11, 12, 20, 99]);
        assert_eq!((next.at, next.shown), (last.at.clone(), last.shown.clone()));
    }

    #[test]
    fn a_changed_item_dirties_exactly_the_pages_that_show_it() {
        let last = sample();
        let same = now(vec![10, 11, 12]).clean(Some(&last)).unwrap();
        assert!(same.values_unchanged());
        assert_eq!(
            (0..3).map(|p| same.get(p).is_some()).collect::<Vec<_>>(),
            [true; 3]
        );
        assert_eq!(same.get(2), Some(&[2, 0][..]));
        let edited = now(vec![99, 11, 12]).clean(Some(&last)).unwrap();
        assert!(!edited.values_unchanged());
        assert_eq!(
            (0..3).map(|p| edited.get(p).is_some()).collect::<Vec<_>>(),
            [false, true, false]
        );
        let mut other = now(vec![10, 11, 12]);
        other.frame = 8;
        assert!(other.clean(Some(&last)).is_none());
        assert!(now(vec![10, 11, 12, 13]).clean(Some(&last)).is_none());
        assert!(now(vec![10, 11, 12]).clean(None).is_none());
    }

    #[test]
    fn an_unfinished_render_leaves_no_map() {
        let r = now(vec![1, 2, 3]).recorder();
        r.record(0, &[0]);
        assert!(r.finish().is_none());
    }

    #[test]
    fn the_map_reads_back_only_whole_and_for_its_output() {
        let deps = sample();
        let bytes = deps.to_bytes(5);
        assert_eq!(Deps::parse(&bytes, 5), Some(deps));
        assert_eq!(Deps::parse(&bytes, 6), None);
        for cut in 0..bytes.len() {
            assert_eq!(Deps::parse(&bytes[..cut], 5), None, "cut at {cut}");
        }
        for at in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[at] ^= 0x10;
            assert_eq!(Deps::parse(&bad, 5), None, "byte {at} altered");
        }
    }
}

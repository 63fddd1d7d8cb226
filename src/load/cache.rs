//! Parsed content files kept between loads, for `serve`: a rebuild re-reads only the
//! files that changed.
//!
//! Why an entry cannot go stale: parsing a file depends only on its bytes, its path
//! and whether the attachments it lists exist (everything else it uses is built
//! into the binary). An entry is used only when
//! - the file's modification time and length, read *before* the file was read for
//!   the entry, are still the same (a write during the read leaves a stamp that no
//!   longer matches, so the file is read again next time);
//! - the watcher has not reported the path since (covering a same-length rewrite
//!   within one tick of the file system's clock, see [`Cache::forget`]);
//! - every listed attachment is still a regular file.
//!
//! Files with problems are not kept: they are read again on every load.
//!
//! `build` keeps the same cache between runs in the build cache (`crate::cache`):
//! [`Cache::to_records`] writes each entry with the content hash of its file, and
//! [`Cache::from_records`] takes back only the entries whose file still has that
//! hash (the build's scan of its inputs knows every file's hash), with the file's
//! stamp now. A conclusion's parse depends on its bytes and on nothing of the site
//! but where it lies, so it is the same.

use crate::model::{Conclusion, Stamp};
use std::collections::HashMap;

// Paths of the site's own files, a hundred thousand of them looked up every build:
// FxHash (they are ours, not an attacker's), cheaper than SipHash.
use rustc_hash::{FxHashMap, FxHashSet as HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Conclusions parsed by earlier loads, by absolute path.
#[derive(Debug, Default)]
pub struct Cache {
    entries: FxHashMap<PathBuf, (Stamp, Arc<Conclusion>)>,
    /// Files parsed during the current load (from many threads).
    next: Mutex<FxHashMap<PathBuf, (Stamp, Arc<Conclusion>)>>,
    /// The files the last load parsed (found no valid entry for).
    fresh: HashSet<PathBuf>,
}

impl Cache {
    /// Forget these paths (files or folders: everything under a folder), so they are
    /// read again even if their stamp looks unchanged.
    pub fn forget<'a>(&mut self, paths: impl IntoIterator<Item = &'a Path>) {
        // Files go at once; whatever else was named may be a folder (one that is gone
        // cannot be asked), so entries under it go too, in one pass.
        let folders: HashSet<&Path> = paths
            .into_iter()
            .filter(|p| self.entries.remove(*p).is_none())
            .collect();
        if !folders.is_empty() {
            self.entries
                .retain(|p, _| !p.ancestors().skip(1).any(|a| folders.contains(a)));
        }
    }

    /// Whether the last load read `path` (a content file, not a folder).
    pub fn contains(&self, path: &Path) -> bool {
        self.entries.contains_key(path)
    }

    /// Keep `conclusion`, just parsed from `path` whose stamp before reading was
    /// `stamp`, outside a load (see [`super::reload`]).
    pub(super) fn put(&mut self, path: &Path, stamp: Option<Stamp>, conclusion: Arc<Conclusion>) {
        match stamp {
            Some(stamp) => {
                self.entries.insert(path.to_path_buf(), (stamp, conclusion));
            }
            None => {
                self.entries.remove(path);
            }
        }
    }

    /// How many files the last load parsed rather than took from the cache (those
    /// that failed to parse aside).
    pub fn parsed(&self) -> usize {
        self.fresh.len()
    }

    /// How many files are kept.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The kept conclusion of `path` if it is still valid, with the file's stamp.
    pub(super) fn get(&self, path: &Path) -> (Option<Arc<Conclusion>>, Option<Stamp>) {
        let stamp = Stamp::of(path);
        let hit = self.entries.get(path).filter(|(kept, c)| {
            Some(*kept) == stamp && c.attachments.iter().all(|a| is_file(&a.path))
        });
        (hit.map(|(_, c)| c.clone()), stamp)
    }

    /// Keep `conclusion`, parsed from `path` whose stamp before reading was `stamp`.
    pub(super) fn keep(&self, path: &Path, stamp: Option<Stamp>, conclusion: &Arc<Conclusion>) {
        if let Some(stamp) = stamp {
            self.next
                .lock()
                .expect("no panics while holding it")
                .insert(path.to_path_buf(), (stamp, conclusion.clone()));
        }
    }

    /// End of a load that found the content files `present`: files parsed during it
    /// replace their entries, and files that are gone are forgotten. (The entry of a
    /// file that now fails to parse stays, but its stamp no longer matches.)
    pub(super) fn finish(&mut self, present: &[PathBuf]) {
        let fresh = std::mem::take(self.next.get_mut().expect("no panics while holding it"));
        self.fresh = fresh.keys().cloned().collect();
        let present: HashSet<&PathBuf> = present.iter().collect();
        self.entries.retain(|p, _| present.contains(p));
        self.entries.extend(fresh);
    }
}

/// What a build knows of a content file now: its content hash and its stamp.
pub type Known<'a> = &'a (dyn Fn(&str) -> Option<(u128, Stamp)> + Sync);

impl Cache {
    /// The entries of `records` (made by [`Cache::to_records`]) for the site at
    /// `root` whose file's content hash `known` still gives, with the stamp it
    /// gives; a record that does not read back is left out (parsed again).
    pub fn from_records(records: &[&[u8]], root: &Path, known: Known) -> Cache {
        use rayon::prelude::*;
        // In the order written (a later record of a file wins), then into the map.
        let found: Vec<_> = records
            .par_iter()
            .filter_map(|record| {
                let mut stamp = None;
                let (rel, mut c) = Record::conclusion(record, |rel| {
                    let (hash, now) = known(rel)?;
                    stamp = Some(now);
                    Some(hash)
                })?;
                let stamp = stamp?;
                let path = root.join(rel);
                if let crate::model::Markdown::Stored(stored) = &mut c.markdown {
                    stored.path = path.clone();
                    stored.stamp = stamp;
                }
                Some((path, (stamp, Arc::new(c))))
            })
            .collect();
        let entries = found.into_iter().collect();
        Cache {
            entries,
            ..Cache::default()
        }
    }

    /// The conclusions `records` hold of the files `was` names (below the root,
    /// `/`-separated) as they were when their content hash was the one `was` gives:
    /// what an earlier build parsed of files that changed since.
    pub fn previous(
        records: &[&[u8]],
        was: &dyn Fn(&str) -> Option<u128>,
    ) -> HashMap<String, Conclusion> {
        let mut found = HashMap::new();
        for record in records {
            let parsed = Record::conclusion(record, was);
            found.extend(parsed.map(|(rel, c)| (rel.to_string(), c)));
        }
        found
    }

    /// Every entry (with `fresh_only`, those the last load parsed), as a record of
    /// its file's path below `root` (`/`-separated), its content hash from `known`,
    /// and the parsed conclusion, in the order of their paths. Files `known` does
    /// not hash, or whose stamp moved since they were parsed, are left out.
    pub fn to_records(&self, root: &Path, known: Known, fresh_only: bool) -> Vec<Vec<u8>> {
        use rayon::prelude::*;
        let mut records: Vec<(String, Vec<u8>)> = self
            .entries
            .par_iter()
            .filter(|(path, _)| !fresh_only || self.fresh.contains(*path))
            .filter_map(|(path, (stamp, c))| {
                let rel = record_name(root, path)?;
                let (hash, now) = known(&rel)?;
                if now != *stamp {
                    return None;
                }
                let record = Record::write(hash, &rel, c)?;
                Some((rel, record))
            })
            .collect();
        records.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        records.into_iter().map(|(_, record)| record).collect()
    }
}

/// One record of a parsed file: its content hash (16 bytes), the length of its
/// path (4) and its path, then the conclusion in postcard, a compact binary form of
/// the same serde model (the cache is read by the binary that wrote it).
struct Record;

impl Record {
    fn write(hash: u128, rel: &str, c: &Conclusion) -> Option<Vec<u8>> {
        let mut record = Vec::with_capacity(1024);
        record.extend_from_slice(&hash.to_le_bytes());
        record.extend_from_slice(&u32::try_from(rel.len()).ok()?.to_le_bytes());
        record.extend_from_slice(rel.as_bytes());
        postcard::to_io(c, &mut record).ok()?;
        Some(record)
    }

    /// The path and conclusion of `record`, if it reads back and its content hash
    /// is the one `wanted` gives for its path.
    fn conclusion(
        record: &[u8],
        wanted: impl FnOnce(&str) -> Option<u128>,
    ) -> Option<(&str, Conclusion)> {
        let (hash, rel, bytes) = Record::read(record)?;
        if wanted(rel)? != hash {
            return None;
        }
        Some((rel, postcard::from_bytes(bytes).ok()?))
    }

    /// The content hash, path and conclusion's bytes of `record`.
    fn read(record: &[u8]) -> Option<(u128, &str, &[u8])> {
        let hash = u128::from_le_bytes(record.get(..16)?.try_into().ok()?);
        let len = u32::from_le_bytes(record.get(16..20)?.try_into().ok()?) as usize;
        let rel = std::str::from_utf8(record.get(20..20 + len)?).ok()?;
        Some((hash, rel, record.get(20 + len..)?))
    }
}

/// `path` below `root`, `/`-separated, if a line of a record file can hold it
/// (no line break, no tab): the parsed files here, the input stamps of the build
/// cache.
pub(crate) fn record_name(root: &Path, path: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = path
        .strip_prefix(root)
        .ok()?
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect();
    Some(parts?.join("/")).filter(|r| !r.contains(['\n', '\r', '\t']))
}

fn is_file(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str =
        "---\ntitle: Kết luận\ndate: 2025-03-01\nprovince: Hà Tĩnh\n---\nNội dung 05-NQ/TU\n";

    /// A record is taken back only for a file whose content hash it names, and then
    /// as the conclusion it was, with the file's stamp now.
    #[test]
    fn records_read_back_only_for_the_same_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let path = root.join("content").join("a.md");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, FILE).unwrap();
        std::fs::write(root.join("site.yaml"), "title: Trang\n").unwrap();
        let options = super::super::Options {
            root: root.to_path_buf(),
            store_texts: true,
            ..Default::default()
        };
        let mut cache = Cache::default();
        let loaded = super::super::load_with(&options, Some(&mut cache)).unwrap();
        assert_eq!(cache.parsed(), 1);
        let stamp = Stamp::of(&path).unwrap();
        let same = |rel: &str| (rel == "content/a.md").then_some((7, stamp));
        let records = cache.to_records(root, &same, false);
        assert_eq!(cache.to_records(root, &same, true), records);
        let from = |r: &[Vec<u8>], known: Known| {
            let records: Vec<&[u8]> = r.iter().map(Vec::as_slice).collect();
            Cache::from_records(&records, root, known)
        };
        let back = from(&records, &same);
        assert_eq!(back.len(), 1);
        let (hit, _) = back.get(&path);
        assert_eq!(hit.as_deref(), Some(&*loaded.conclusions[0]));

        let other = |rel: &str| (rel == "content/a.md").then_some((8, stamp));
        assert!(from(&records, &other).is_empty());
        let mut bad = records.clone();
        let cut = bad[0].len() - 3;
        bad[0].truncate(cut);
        assert!(from(&bad, &same).is_empty());
    }

    /// Every conclusion of the example site reads back from its record as it was:
    /// a field that does not (an option written without its mark) would make every
    /// build parse its file again, silently.
    #[test]
    fn the_example_site_reads_back_whole() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let options = super::super::Options {
            root: root.to_path_buf(),
            store_texts: true,
            ..Default::default()
        };
        let loaded = super::super::load_with(&options, None).unwrap();
        assert!(loaded.conclusions.len() >= 5);
        for c in &loaded.conclusions {
            let record = Record::write(7, "content/a.md", c).unwrap();
            let (hash, rel, bytes) = Record::read(&record).unwrap();
            assert_eq!((hash, rel), (7, "content/a.md"));
            let back: Conclusion = postcard::from_bytes(bytes).unwrap();
            assert_eq!(&back, &**c, "{}", c.file.display());
        }
    }
}

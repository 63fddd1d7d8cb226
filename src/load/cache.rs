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

use crate::model::{Conclusion, Stamp};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Conclusions parsed by earlier loads, by absolute path.
#[derive(Debug, Default)]
pub struct Cache {
    entries: HashMap<PathBuf, (Stamp, Arc<Conclusion>)>,
    /// Files parsed during the current load (from many threads).
    next: Mutex<HashMap<PathBuf, (Stamp, Arc<Conclusion>)>>,
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
        let present: HashSet<&PathBuf> = present.iter().collect();
        self.entries.retain(|p, _| present.contains(p));
        self.entries.extend(fresh);
    }
}

fn is_file(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
}

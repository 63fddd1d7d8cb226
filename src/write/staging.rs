//! The folder a build writes into: the spare brought up to date, or a new one.

use rustc_hash::FxHashSet as HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::SystemTime;

use rayon::prelude::*;

use super::manifest::{Fingerprint, PathMap, fingerprint, holds, read_manifest};
use super::swap::{is_replaceable, recover, remove_stale};
use super::{
    Entry, Intact, WriteError, modified, parent_of, remove_entry, remove_gone, remove_tree,
    sibling, sys, write_new,
};
use crate::render::{CopiedFile, OutputFile, StaticFile};

/// A site being written. Dropped without [`Staging::commit`], it removes itself.
pub struct Staging {
    pub(super) output: PathBuf,
    pub(super) dir: PathBuf,
    pub(super) previous: PathMap<Fingerprint>,
    /// When the output's manifest was written, just after its site was finished: a
    /// file of that site changed later was changed by someone else.
    published_at: SystemTime,
    /// What the staging folder already holds: it is the spare, the site before the
    /// previous one, being brought up to date (nothing for a new folder).
    pub(super) held: Held,
    pub(super) written: Mutex<Vec<(String, Fingerprint)>>,
    /// Files of the output changed since it was published, which the spare it
    /// becomes must not keep.
    pub(super) tainted: Mutex<Vec<String>>,
    /// Folders of the staging tree made so far or found in the spare, relative
    /// (`ket-luan/slug`): each is made once, before its first file, rather than found
    /// missing by a failed open (system calls are dear). Strings, not paths: hashing a
    /// `Path` walks its components.
    folders: Mutex<HashSet<String>>,
    /// What the list of changes compares with when the output has no manifest.
    pub(super) baseline: Option<PathMap<Fingerprint>>,
    pub(super) committed: bool,
    /// The output was [intact](super::verify) when the build began: its files need
    /// no look to be known as published.
    trusted: bool,
    /// The output opened once per thread, to look its files up by relative path:
    /// a page carried over costs one such look, and threads sharing one descriptor
    /// contend for its reference count at every lookup.
    trees: Vec<OnceLock<Option<sys::Tree>>>,
}

impl Staging {
    /// Start writing a new version of `output`. Refuses to replace a non-empty folder
    /// that ketluan did not write (it would be deleted).
    pub fn begin(output: &Path) -> Result<Staging, WriteError> {
        Staging::begin_with(output, false)
    }

    /// Like [`Staging::begin`]; with `force`, also replaces a folder ketluan did not
    /// write (`build --force`). Never replaces a file.
    pub fn begin_with(output: &Path, force: bool) -> Result<Staging, WriteError> {
        Staging::prepare(output, force)?.begin()
    }

    /// What [`Staging::begin_with`] does before it takes the spare up: check the
    /// output, read its manifest and survey the spare where it lies. Nothing of the
    /// last site is moved, so a build may do this while its site loads and drop it
    /// if the site fails to load: the spare is still there for the next build.
    pub fn prepare(output: &Path, force: bool) -> Result<Prepared, WriteError> {
        fs::create_dir_all(parent_of(output))?;
        recover(output);
        if output.exists() && !output.is_dir() {
            return Err(WriteError::NotAFolder {
                output: output.to_path_buf(),
            });
        }
        if !force && !is_replaceable(output) {
            return Err(WriteError::NotOurs {
                output: output.to_path_buf(),
            });
        }
        remove_stale(output);
        let manifest = sibling(output, "manifest");
        let published_at = modified(&manifest);
        let previous = match published_at {
            Some(_) if output.is_dir() => read_manifest(&manifest),
            _ => PathMap::default(),
        };
        Ok(Prepared {
            output: output.to_path_buf(),
            previous,
            published_at: published_at.unwrap_or(SystemTime::UNIX_EPOCH),
            spare: survey_spare(output),
        })
    }

    /// Write one file (callable from many threads).
    pub fn put(&self, file: &OutputFile) -> io::Result<()> {
        self.store(&file.path, &file.contents)
    }

    /// Carry the output's file `rel` over into the new site as it is, without its
    /// bytes: for a file whose inputs did not change since the output was published
    /// (see `crate::cache`). `false`, with nothing done, when the output does not
    /// hold it as published (never published, or changed since by someone else):
    /// the caller then makes it and [`Staging::put`]s it.
    pub fn keep(&self, rel: &str) -> io::Result<bool> {
        let Some(&print) = self.previous.get(rel) else {
            return Ok(false);
        };
        if !self.unchanged(rel) {
            return Ok(false);
        }
        self.link_published(rel, print)?;
        self.written
            .lock()
            .expect("no panics while holding it")
            .push((rel.to_string(), print));
        Ok(true)
    }

    /// Take every file of the output as published, unlooked at: it was intact when
    /// the build began, and a build never writes into the output.
    pub fn trust(&mut self, _: &Intact) {
        self.trusted = true;
    }

    /// Carry over every file the output published that this build has not written,
    /// but those `skip` names: for a build that knows them unchanged, from an
    /// output known [intact](super::verify) before the build began. Returns how
    /// many files it carried over.
    pub fn keep_rest(&self, _: &Intact, skip: impl Fn(&str) -> bool + Sync) -> io::Result<usize> {
        let rest: Vec<(&String, &Fingerprint)> = {
            let written = self.written.lock().expect("no panics while holding it");
            let done: HashSet<&str> = written.iter().map(|(rel, _)| rel.as_str()).collect();
            self.previous
                .iter()
                .filter(|(rel, _)| !done.contains(rel.as_str()) && !skip(rel))
                .collect()
        };
        rest.par_iter()
            .try_for_each(|&(rel, &print)| self.link_published(rel, print))?;
        let mut written = self.written.lock().expect("no panics while holding it");
        written.extend(rest.iter().map(|&(rel, &print)| (rel.clone(), print)));
        Ok(rest.len())
    }

    /// Put the output's file `rel`, published as `print`, into the staging folder:
    /// a link to it, unless the spare already holds it.
    fn link_published(&self, rel: &str, print: Fingerprint) -> io::Result<()> {
        let held = self.held.files.get(rel);
        if held == Some(&print) {
            return Ok(());
        }
        let target = self.dir.join(rel);
        if held.is_some() {
            fs::remove_file(&target)?;
        } else {
            self.make_parent(rel)?;
        }
        // A file system without hard links gets a copy.
        let source = self.output.join(rel);
        if fs::hard_link(&source, &target).is_err() {
            write_new(&target, &fs::read(&source)?)?;
        }
        Ok(())
    }

    /// Whether the output's file `rel` is a file whose inode changed in no way after
    /// the output was published (when its manifest was written): not edited,
    /// renamed over, or edited with its mtime put back, which the status-change
    /// time shows and no tool can set back. Our own links and unlinks change it
    /// too, but only during a build, before its manifest is written; and a build
    /// returns only once the clock has passed that time (`manifest::outlast`), so
    /// whatever changes a file after it is later, even within the same clock tick.
    /// Always, once the output is [trusted](Staging::trust).
    fn unchanged(&self, rel: &str) -> bool {
        if self.trusted {
            return true;
        }
        let last = self.trees.len() - 1;
        let at = rayon::current_thread_index().map_or(last, |i| i.min(last));
        let tree = self.trees[at].get_or_init(|| sys::Tree::open(&self.output));
        match tree {
            Some(tree) => matches!(tree.entry(rel), Some(Entry::File { changed, .. })
                if changed <= self.published_at),
            None => false,
        }
    }

    /// Compare the new site with the site `manifest` lists (a copy the build cache
    /// kept) for the list of changes, when the output has no manifest of its own (a
    /// CI job that keeps the cache but not the output).
    pub fn compare_with(&mut self, manifest: &Path) {
        if self.previous.is_empty() {
            self.baseline = Some(read_manifest(manifest)).filter(|m| !m.is_empty());
        }
    }

    fn store(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let print = fingerprint(bytes);
        let source = self.output.join(rel);
        // The output's file, if it has these bytes as published and no hand has
        // changed it since (looked at before the spare's file is touched: they may be
        // one inode). The spare's file is then also as published: one inode with it,
        // or a file the previous build found unchanged in the output it retired.
        let published = self.previous.get(rel) == Some(&print);
        let reusable = published && (self.unchanged(rel) || holds(&source, print));
        if published && !reusable {
            // Changed by hand: it must not stay in the site that becomes the spare.
            self.tainted
                .lock()
                .expect("no panics")
                .push(rel.to_string());
        }
        let held = self.held.files.get(rel);
        // Bytes the spare holds and the output published are the output's file
        // (linked when the previous build kept it): nothing to do. Bytes the spare
        // holds but the output does not are written again, for a new mtime: deploy
        // tools that sync by mtime compare with what the output published.
        if !(reusable && held == Some(&print)) {
            let target = self.dir.join(rel);
            if held.is_some() {
                // Possibly a link to the output's file: replaced, never written into.
                fs::remove_file(&target)?;
            } else {
                self.make_parent(rel)?;
            }
            let linked = reusable && fs::hard_link(&source, &target).is_ok();
            if !linked {
                write_new(&target, bytes)?;
            }
        }
        self.written
            .lock()
            .expect("no panics while holding it")
            .push((rel.to_string(), print));
        Ok(())
    }

    /// Make the folder the file `rel` (relative, `/`-separated) goes in, unless this
    /// staging tree already has it.
    fn make_parent(&self, rel: &str) -> io::Result<()> {
        let Some((parent, _)) = rel.rsplit_once('/') else {
            return Ok(());
        };
        let lock = || self.folders.lock().expect("no panics while holding it");
        if lock().contains(parent) {
            return Ok(());
        }
        // Outside the lock: two threads may both make it, which create_dir_all allows.
        let folder = self.dir.join(parent);
        if let Err(e) = fs::create_dir_all(&folder) {
            // The spare may hold a file where this build wants a folder.
            let blocker = std::iter::successors(Some(parent), |p| p.rsplit_once('/').map(|s| s.0))
                .find(|p| self.held.files.contains_key(*p))
                .ok_or(e)?;
            match fs::remove_file(self.dir.join(blocker)) {
                // Another thread making a folder there may have removed it first.
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => fs::create_dir_all(&folder)?,
            }
        }
        let mut folders = lock();
        let mut made = parent;
        while folders.insert(made.to_string()) {
            match made.rsplit_once('/') {
                Some((up, _)) => made = up,
                None => break,
            }
        }
        Ok(())
    }

    /// Copy static files and attachments.
    pub fn copy(&self, copies: &[CopiedFile]) -> Result<(), WriteError> {
        copies.par_iter().try_for_each(|c| match &c.source {
            StaticFile::Builtin(bytes) => Ok(self.store(&c.path, bytes)?),
            StaticFile::Disk(src) => {
                let bytes = fs::read(src).map_err(|source| WriteError::Unreadable {
                    path: src.clone(),
                    source,
                })?;
                Ok(self.store(&c.path, &bytes)?)
            }
        })
    }

    /// Remove what the spare held that this build did not write: its files, then
    /// the folders no written file is in.
    pub(super) fn prune(&self, written: &[(String, Fingerprint)]) -> io::Result<()> {
        if self.held.files.is_empty() {
            return Ok(());
        }
        let kept: HashSet<&str> = written.iter().map(|(rel, _)| rel.as_str()).collect();
        let needed = folders_of(kept.iter().copied());
        // A name the spare had may now be the other kind (a file where a folder was).
        let stale = |rel: &str| !kept.contains(rel) && !needed.contains(rel);
        // What is already gone (a folder above it replaced by a file) is done.
        self.held
            .files
            .par_iter()
            .filter(|(rel, _)| stale(rel))
            .try_for_each(|(rel, _)| remove_gone(&self.dir.join(rel), false))?;
        // A folder comes right before everything in it: once it is removed, they are.
        let mut gone: Vec<&str> = Vec::new();
        for folder in &self.held.folders {
            let inside_gone = gone
                .last()
                .is_some_and(|g| folder.strip_prefix(g).is_some_and(|r| r.starts_with('/')));
            if stale(folder) && !inside_gone {
                gone.push(folder);
            }
        }
        gone.par_iter()
            .try_for_each(|f| remove_gone(&self.dir.join(f), true))
    }
}

/// A staging folder prepared by [`Staging::prepare`], not yet begun.
pub struct Prepared {
    output: PathBuf,
    previous: PathMap<Fingerprint>,
    published_at: SystemTime,
    /// What the spare holds, surveyed where it lies.
    spare: Option<Held>,
}

impl Prepared {
    /// Start writing: the spare, taken up as the staging folder, or a new folder.
    pub fn begin(self) -> Result<Staging, WriteError> {
        let output = self.output;
        let dir = sibling(&output, &format!("new-{}", std::process::id()));
        // Even with no output to compare with, updating the spare (every file written
        // anew) costs less than deleting it and making a new tree.
        let held = match self.spare.and_then(|held| take_spare(&output, &dir, held)) {
            Some(held) => held,
            None => {
                fs::create_dir_all(&dir)?;
                Held {
                    files: PathMap::default(),
                    folders: Vec::new(),
                }
            }
        };
        Ok(Staging {
            folders: Mutex::new(held.folders.iter().cloned().collect()),
            held,
            dir,
            previous: self.previous,
            published_at: self.published_at,
            written: Mutex::new(Vec::new()),
            tainted: Mutex::new(Vec::new()),
            baseline: None,
            committed: false,
            trusted: false,
            trees: (0..=rayon::current_num_threads())
                .map(|_| OnceLock::new())
                .collect(),
            output,
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            remove_tree(&self.dir);
        }
    }
}

/// What the spare holds once moved into place as a staging folder.
pub(super) struct Held {
    /// The files of its manifest that are there.
    files: PathMap<Fingerprint>,
    /// Its folders, relative, each before those inside it.
    folders: Vec<String>,
}

/// What the spare of `output` holds, surveyed where it lies. `None`, and the spare
/// deleted, when it has no manifest or cannot be read. The survey removes only what
/// the spare's manifest does not list, so the manifest still describes it after.
fn survey_spare(output: &Path) -> Option<Held> {
    let spare = sibling(output, "spare");
    let manifest = sibling(output, "spare-manifest");
    let finished = modified(&manifest);
    let listed = read_manifest(&manifest);
    let is_folder = fs::symlink_metadata(&spare).is_ok_and(|m| m.is_dir());
    let held = match finished {
        Some(t) if is_folder && !listed.is_empty() => survey(&spare, listed, t),
        _ => None,
    };
    if held.is_none() {
        let _ = fs::remove_file(&manifest);
        remove_tree(&spare);
    }
    held
}

/// The spare of `output`, surveyed as `held`, moved to `dir`. `None`, and the spare
/// deleted, when it cannot be moved.
fn take_spare(output: &Path, dir: &Path, held: Held) -> Option<Held> {
    let spare = sibling(output, "spare");
    // From here on the spare changes, and its manifest no longer describes it.
    let _ = fs::remove_file(sibling(output, "spare-manifest"));
    if fs::rename(&spare, dir).is_ok() {
        return Some(held);
    }
    remove_tree(&spare);
    None
}

/// What `dir`, a site finished at `finished` (the mtime of its manifest, written
/// just after), holds of the files `listed`. Only a folder modified since is read
/// (an entry made or removed in a folder changes its mtime): reading every folder
/// of a site whose folders are not cached costs a disk read each (1.1 s at
/// 10,000), looking at their mtimes does not. Anything there the site does not
/// have (a file someone put in `public/`) is removed, so that it never reaches a
/// site. `None` if a folder cannot be read.
fn survey(dir: &Path, listed: PathMap<Fingerprint>, finished: SystemTime) -> Option<Held> {
    let (folders, missing) = look_over(dir, &listed, finished)?;
    // Usually the spare holds every file it lists: its map is kept, not copied.
    let mut files = listed;
    for rel in &missing {
        files.remove(rel);
    }
    Some(Held { files, folders })
}

/// [`survey`]'s work: the folders of `dir` (each before those inside it), and the
/// files `listed` that it does not hold.
fn look_over(
    dir: &Path,
    listed: &PathMap<Fingerprint>,
    finished: SystemTime,
) -> Option<(Vec<String>, Vec<String>)> {
    // The site's folders, each before those inside it.
    let seen = folders_of(listed.keys().map(String::as_str));
    let mut folders: Vec<&str> = std::iter::once("").chain(seen.iter().copied()).collect();
    folders.par_sort_unstable_by(|a, b| tree_order(a, b));
    enum Found {
        Missing,
        Unchanged,
        Changed(Vec<(String, bool)>),
    }
    let look = |rel: &str| -> Option<Found> {
        let path = dir.join(rel);
        let meta = match fs::symlink_metadata(&path) {
            Ok(m) if m.is_dir() => m,
            _ => return Some(Found::Missing),
        };
        if meta.modified().ok()? < finished {
            return Some(Found::Unchanged);
        }
        let mut entries = Vec::new();
        for entry in fs::read_dir(&path).ok()? {
            let entry = entry.ok()?;
            let kind = entry.file_type().ok()?;
            let is_dir = kind.is_dir();
            // A build writes only folders and files with UTF-8 names.
            let name = match entry.file_name().into_string() {
                Ok(name) if is_dir || kind.is_file() => name,
                _ => {
                    remove_entry(&entry.path(), is_dir).ok()?;
                    continue;
                }
            };
            let name = if rel.is_empty() {
                name
            } else {
                format!("{rel}/{name}")
            };
            entries.push((name, is_dir));
        }
        Some(Found::Changed(entries))
    };
    let found: Vec<Found> = folders.par_iter().map(|f| look(f)).collect::<Option<_>>()?;
    let state: rustc_hash::FxHashMap<&str, &Found> = folders.iter().copied().zip(&found).collect();
    let mut kept_folders = Vec::with_capacity(folders.len());
    for (folder, found) in folders.iter().zip(&found) {
        match found {
            Found::Missing => continue,
            Found::Unchanged => {}
            Found::Changed(entries) => {
                for (rel, is_dir) in entries {
                    let known = if *is_dir {
                        seen.contains(rel.as_str())
                    } else {
                        listed.contains_key(rel)
                    };
                    if !known {
                        remove_entry(&dir.join(rel), *is_dir).ok()?;
                    }
                }
            }
        }
        if !folder.is_empty() {
            kept_folders.push(folder.to_string());
        }
    }
    // Files read in the folders that changed; those that did not hold what is listed.
    let read: HashSet<&str> = found
        .iter()
        .filter_map(|f| match f {
            Found::Changed(entries) => Some(entries),
            _ => None,
        })
        .flatten()
        .filter(|(_, is_dir)| !is_dir)
        .map(|(rel, _)| rel.as_str())
        .collect();
    let missing = listed
        .par_iter()
        .filter(|(rel, _)| {
            let parent = rel.rsplit_once('/').map_or("", |(p, _)| p);
            match state.get(parent) {
                Some(Found::Unchanged) => false,
                Some(Found::Changed(_)) => !read.contains(rel.as_str()),
                _ => true,
            }
        })
        .map(|(rel, _)| rel.clone())
        .collect();
    Some((kept_folders, missing))
}

/// Paths in the order of their parts, compared one after the other (`a`, `a/b`,
/// `a-c`: a folder right before everything inside it), without splitting them: at
/// the first byte where they differ, an end comes first, then a `/`, then the
/// byte's own order.
fn tree_order(a: &str, b: &str) -> std::cmp::Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let same = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let rank = |s: &[u8]| match s.get(same) {
        None => 0,
        Some(b'/') => 1,
        Some(&c) => u16::from(c) + 2,
    };
    rank(a).cmp(&rank(b))
}

/// The folders the files `rels` are in, and those above them (relative, without the
/// top folder itself).
pub(super) fn folders_of<'a>(rels: impl Iterator<Item = &'a str>) -> HashSet<&'a str> {
    let mut folders = HashSet::default();
    for mut rel in rels {
        while let Some((parent, _)) = rel.rsplit_once('/') {
            if !folders.insert(parent) {
                break;
            }
            rel = parent;
        }
    }
    folders
}

#[cfg(test)]
mod tests {
    use super::tree_order;
    use proptest::prelude::*;

    proptest! {
        /// The same order as comparing the parts one after the other.
        #[test]
        fn tree_order_compares_part_by_part(a in "[a-c./ -]{0,8}", b in "[a-c./ -]{0,8}") {
            prop_assert_eq!(tree_order(&a, &b), a.split('/').cmp(b.split('/')));
        }
    }

    #[test]
    fn a_folder_comes_right_before_what_is_inside_it() {
        let mut paths = vec!["a-c", "a/b", "b", "a", "a/b/c", "a.d", "a/b-c"];
        paths.sort_by(|a, b| tree_order(a, b));
        assert_eq!(paths, ["a", "a/b", "a/b/c", "a/b-c", "a-c", "a.d", "b"]);
    }
}

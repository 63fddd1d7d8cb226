//! Stage 4: put the rendered site on disk, atomically. Pages are written into a
//! staging folder beside the output as they are rendered, and the staging folder is
//! swapped in only when the build succeeded, so a failed or interrupted build leaves
//! the last good site in place.
//!
//! A file whose bytes did not change since the previous build is hard-linked from
//! the previous output instead of written again: it keeps its modification time (so
//! deploy tools that sync by mtime upload only what changed) and costs two system
//! calls (a look at it, then the link). What the previous build wrote is remembered
//! in a manifest beside the output (`.public.ketluan-manifest`: size, hash and path
//! of every file).
//!
//! The site a build replaces is not deleted but kept beside the output as the spare
//! (`.public.ketluan-spare`, with its own manifest). The next build takes the spare as
//! its staging folder and only brings it up to date: a file that is the same in the
//! spare, the output and the new build is left as it is, after a look at it; the
//! rest is written or linked, and what the new site lacks is removed. Making and
//! deleting a whole tree of folders and links on every build cost more than rendering
//! the site, and mass deletion leaves ext4 slow to create inodes for minutes after.
//!
//! Neither file is taken on trust: when the output's file changed since its manifest
//! was written (a deploy step that edits `public/` in place, an edit the spare shares
//! through a link), it is written again, and removed from the site that becomes the
//! spare, so that a build always gives exactly what a fresh build would.
//!
//! An existing output is replaced only if it is a folder ketluan swapped in (listed
//! by identity in `.public.ketluan-folders`), unless the build is forced: a web root
//! another tool wrote, or a `public/` made again by hand, is never deleted unasked.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use rayon::prelude::*;

use crate::render::{CopiedFile, OutputFile, Rendered, StaticFile};

pub mod changes;
pub use changes::Changes;

/// Size and content hash of a file.
pub(crate) type Fingerprint = (u64, u64);

fn fingerprint(bytes: &[u8]) -> Fingerprint {
    // XXH3: a fixed, published algorithm (stable across runs and versions), and
    // about twenty times faster than SipHash, which hashed the whole site at ~1 GB/s.
    (bytes.len() as u64, xxhash_rust::xxh3::xxh3_64(bytes))
}

/// First line of a manifest: names the hash, so that a manifest written with
/// another one (by an older ketluan) is not trusted.
const MANIFEST_HEADER: &str = "ketluan-manifest xxh3-64";

/// Names beside the output: `.public.ketluan-{what}`.
pub(crate) fn sibling(output: &Path, what: &str) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    output.with_file_name(format!(".{name}.ketluan-{what}"))
}

fn parent_of(output: &Path) -> &Path {
    output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Why ketluan will not write the output though the system would let it, and what
/// to do about it; carried inside an `io::Error` (see [`Problem::output`]).
///
/// [`Problem::output`]: crate::diagnostic::Problem::output
#[derive(Debug)]
pub struct Refusal {
    pub reason: String,
    pub help: &'static str,
}

impl Refusal {
    fn error(reason: String, help: &'static str) -> io::Error {
        io::Error::other(Refusal { reason, help })
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for Refusal {}

/// Held while a build writes an output folder: a second build of the same output
/// (two terminals, two CI jobs on one runner) would otherwise remove the first one's
/// staging folder as a leftover, or swap its own in halfway. An advisory lock
/// (`flock`) on `.public.ketluan-lock` beside the output, released when dropped or
/// when the process dies, so a killed build never leaves it held.
pub struct Lock {
    _file: fs::File,
}

impl Lock {
    /// Take the lock of `output`, or fail at once if another build holds it.
    pub fn acquire(output: &Path) -> io::Result<Lock> {
        fs::create_dir_all(parent_of(output))?;
        let path = sibling(output, "lock");
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)?;
        match file.try_lock() {
            Ok(()) => Ok(Lock { _file: file }),
            Err(fs::TryLockError::WouldBlock) => Err(Refusal::error(
                format!(
                    "another ketluan build is writing {} (it holds {})",
                    output.display(),
                    path.display()
                ),
                "wait for it to finish, or choose another --output",
            )),
            Err(fs::TryLockError::Error(e)) => Err(e),
        }
    }
}

/// A site being written. Dropped without [`Staging::commit`], it removes itself.
pub struct Staging {
    output: PathBuf,
    dir: PathBuf,
    previous: HashMap<String, Fingerprint>,
    /// When the output's manifest was written, just after its site was finished: a
    /// file of that site changed later was changed by someone else.
    published_at: SystemTime,
    /// What the staging folder already holds: it is the spare, the site before the
    /// previous one, being brought up to date (nothing for a new folder).
    held: Held,
    written: Mutex<Vec<(String, Fingerprint)>>,
    /// Files of the output changed since it was published, which the spare it
    /// becomes must not keep.
    tainted: Mutex<Vec<String>>,
    /// Folders of the staging tree made so far or found in the spare, relative
    /// (`ket-luan/slug`): each is made once, before its first file, rather than found
    /// missing by a failed open (system calls are dear). Strings, not paths: hashing a
    /// `Path` walks its components.
    folders: Mutex<HashSet<String>>,
    /// What the list of changes compares with when the output has no manifest.
    baseline: Option<HashMap<String, Fingerprint>>,
    committed: bool,
}

impl Staging {
    /// Start writing a new version of `output`. Refuses to replace a non-empty folder
    /// that ketluan did not write (it would be deleted).
    pub fn begin(output: &Path) -> io::Result<Staging> {
        Staging::begin_with(output, false)
    }

    /// Like [`Staging::begin`]; with `force`, also replaces a folder ketluan did not
    /// write (`build --force`). Never replaces a file.
    pub fn begin_with(output: &Path, force: bool) -> io::Result<Staging> {
        fs::create_dir_all(parent_of(output))?;
        recover(output);
        if output.exists() && !output.is_dir() {
            return Err(Refusal::error(
                format!("{} is a file, not a folder", output.display()),
                "choose another --output, or move the file away",
            ));
        }
        if !force && !is_replaceable(output) {
            return Err(Refusal::error(
                format!(
                    "{} is a folder ketluan did not write; refusing to replace it",
                    output.display()
                ),
                "remove it, choose another --output, or pass --force to replace it",
            ));
        }
        remove_stale(output);
        let dir = sibling(output, &format!("new-{}", std::process::id()));
        let manifest = sibling(output, "manifest");
        let published_at = modified(&manifest);
        let previous = match published_at {
            Some(_) if output.is_dir() => read_manifest(&manifest),
            _ => HashMap::new(),
        };
        // Even with no output to compare with, updating the spare (every file written
        // anew) costs less than deleting it and making a new tree.
        let held = match take_spare(output, &dir) {
            Some(held) => held,
            None => {
                fs::create_dir_all(&dir)?;
                Held {
                    files: HashMap::new(),
                    folders: Vec::new(),
                }
            }
        };
        Ok(Staging {
            output: output.to_path_buf(),
            folders: Mutex::new(held.folders.iter().cloned().collect()),
            held,
            dir,
            previous,
            published_at: published_at.unwrap_or(SystemTime::UNIX_EPOCH),
            written: Mutex::new(Vec::new()),
            tainted: Mutex::new(Vec::new()),
            baseline: None,
            committed: false,
        })
    }

    /// Write one file (callable from many threads).
    pub fn put(&self, file: &OutputFile) -> io::Result<()> {
        self.store(&file.path, &file.contents)
    }

    fn store(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let print = fingerprint(bytes);
        let source = self.output.join(rel);
        // The output's file, if it has these bytes as published and no hand has
        // changed it since (looked at before the spare's file is touched: they may be
        // one inode). The spare's file is then also as published: one inode with it,
        // or a file the previous build found unchanged in the output it retired.
        let published = self.previous.get(rel) == Some(&print);
        let reusable =
            published && (unchanged_since(&source, self.published_at) || holds(&source, print));
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

    /// Carry the output's file `rel` over into the new site as it is, without its
    /// bytes: for a file whose inputs did not change since the output was published
    /// (see `crate::cache`). `false`, with nothing done, when the output does not
    /// hold it as published (never published, or changed since by someone else):
    /// the caller then makes it and [`Staging::put`]s it.
    pub fn keep(&self, rel: &str) -> io::Result<bool> {
        let Some(&print) = self.previous.get(rel) else {
            return Ok(false);
        };
        let source = self.output.join(rel);
        if !unchanged_since(&source, self.published_at) {
            return Ok(false);
        }
        let held = self.held.files.get(rel);
        if held != Some(&print) {
            let target = self.dir.join(rel);
            if held.is_some() {
                fs::remove_file(&target)?;
            } else {
                self.make_parent(rel)?;
            }
            // A file system without hard links gets a copy.
            if fs::hard_link(&source, &target).is_err() {
                write_new(&target, &fs::read(&source)?)?;
            }
        }
        self.written
            .lock()
            .expect("no panics while holding it")
            .push((rel.to_string(), print));
        Ok(true)
    }

    /// Compare the new site with the site `manifest` lists (a copy the build cache
    /// kept) for the list of changes, when the output has no manifest of its own (a
    /// CI job that keeps the cache but not the output).
    pub fn compare_with(&mut self, manifest: &Path) {
        if self.previous.is_empty() {
            self.baseline = Some(read_manifest(manifest)).filter(|m| !m.is_empty());
        }
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
    pub fn copy(&self, copies: &[CopiedFile]) -> io::Result<()> {
        copies.par_iter().try_for_each(|c| match &c.source {
            StaticFile::Builtin(bytes) => self.store(&c.path, bytes),
            StaticFile::Disk(src) => {
                let bytes = fs::read(src).map_err(|e| {
                    io::Error::new(e.kind(), format!("cannot read {}: {e}", src.display()))
                })?;
                self.store(&c.path, &bytes)
            }
        })
    }

    /// Swap the new site in; returns the number of files. The previous site is moved
    /// aside first and, once the new one is in place, kept as the spare (or deleted).
    pub fn commit(mut self) -> io::Result<usize> {
        let mut written = std::mem::take(&mut *self.written.lock().expect("no panics"));
        written.sort();
        self.prune(&written)?;
        let manifest = sibling(&self.output, "manifest");
        // The old manifest describes the old site: once the swap starts it must not
        // be trusted for the output (a kill before the new one is written just costs
        // a full write). It goes with that site, the spare to be, keeping its mtime:
        // when that site was finished (see `survey`).
        let spare_manifest = sibling(&self.output, "spare-manifest");
        let moved = !self.previous.is_empty() && fs::rename(&manifest, &spare_manifest).is_ok();
        if !moved {
            let _ = fs::remove_file(&manifest);
        }
        claim(&self.output, &[&self.output, &self.dir])?;
        if self.output.exists() && exchange(&self.dir, &self.output).is_ok() {
            // One atomic step: the staging path now holds the previous site.
            self.committed = true;
            self.retire(&self.dir, moved);
        } else if self.output.exists() {
            let retired = sibling(&self.output, &format!("old-{}", std::process::id()));
            fs::rename(&self.output, &retired)?;
            if let Err(e) = fs::rename(&self.dir, &self.output) {
                // Put the previous site back before reporting.
                let _ = fs::rename(&retired, &self.output);
                return Err(e);
            }
            self.committed = true;
            self.retire(&retired, moved);
        } else {
            fs::rename(&self.dir, &self.output)?;
            self.committed = true;
        }
        let baseline = match &self.baseline {
            Some(b) => Some(b),
            None => (!self.previous.is_empty()).then_some(&self.previous),
        };
        let changes = changes::Changes::between(baseline, &written);
        // Written before the manifest, so that the manifest's mtime is the later.
        changes.write(&sibling(&self.output, changes::FILE))?;
        // Only an optimisation: a missing manifest means every file is written next time.
        if write_manifest(&manifest, &written).is_ok() {
            outlast(&manifest);
        }
        Ok(written.len())
    }

    /// Remove what the spare held that this build did not write: its files, then
    /// the folders no written file is in.
    fn prune(&self, written: &[(String, Fingerprint)]) -> io::Result<()> {
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

    /// Keep the site just replaced, now at `path`, as the next build's spare, if
    /// its manifest was `moved` beside it; without one, nothing is known of its
    /// files, so it is deleted.
    fn retire(&self, path: &Path, moved: bool) {
        let spare = sibling(&self.output, "spare");
        // Files changed by hand leave it before it becomes the spare (the next build
        // then reads their folders, which changed, and finds them gone); a site one of
        // them cannot leave is not kept.
        let clean = moved
            && self
                .tainted
                .lock()
                .expect("no panics")
                .iter()
                .all(|rel| remove_gone(&path.join(rel), false).is_ok());
        let kept =
            clean && fs::symlink_metadata(&spare).is_err() && fs::rename(path, &spare).is_ok();
        if kept {
            return;
        }
        let _ = fs::remove_file(sibling(&self.output, "spare-manifest"));
        // Renamed before it is deleted: a build killed while deleting must not
        // leave a half-deleted `old-` folder that `recover` would take for a site.
        let trash = sibling(&self.output, &format!("trash-{}", std::process::id()));
        let doomed = if fs::rename(path, &trash).is_ok() {
            trash
        } else {
            path.to_path_buf()
        };
        remove_tree(&doomed);
    }
}

/// What the spare holds once moved into place as a staging folder.
struct Held {
    /// The files of its manifest that are there.
    files: HashMap<String, Fingerprint>,
    /// Its folders, relative, each before those inside it.
    folders: Vec<String>,
}

/// The spare of `output` moved to `dir`, and what it holds. `None`, and the spare
/// deleted, when it has no manifest or cannot be read.
fn take_spare(output: &Path, dir: &Path) -> Option<Held> {
    let spare = sibling(output, "spare");
    let manifest = sibling(output, "spare-manifest");
    let finished = modified(&manifest);
    let listed = read_manifest(&manifest);
    // From here on the spare changes, and its manifest no longer describes it.
    let _ = fs::remove_file(&manifest);
    let is_folder = fs::symlink_metadata(&spare).is_ok_and(|m| m.is_dir());
    let finished = match finished {
        Some(t) if is_folder && !listed.is_empty() && fs::rename(&spare, dir).is_ok() => t,
        _ => {
            remove_tree(&spare);
            return None;
        }
    };
    let held = survey(dir, &listed, finished);
    if held.is_none() {
        remove_tree(dir);
    }
    held
}

/// What `dir`, a site finished at `finished` (the mtime of its manifest, written
/// just after), holds of the files `listed`. Only a folder modified since is read
/// (an entry made or removed in a folder changes its mtime): reading every folder
/// of a site whose folders are not cached costs a disk read each (1.1 s at
/// 10,000), looking at their mtimes does not. Anything there the site does not
/// have (a file someone put in `public/`) is removed, so that it never reaches a
/// site. `None` if a folder cannot be read.
fn survey(dir: &Path, listed: &HashMap<String, Fingerprint>, finished: SystemTime) -> Option<Held> {
    // The site's folders, each before those inside it.
    let seen = folders_of(listed.keys().map(String::as_str));
    let mut folders: Vec<&str> = std::iter::once("").chain(seen.iter().copied()).collect();
    folders.sort_by(|a, b| a.split('/').cmp(b.split('/')));
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
    let state: HashMap<&str, &Found> = folders.iter().copied().zip(&found).collect();
    let mut held = Held {
        files: HashMap::with_capacity(listed.len()),
        folders: Vec::new(),
    };
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
            held.folders.push(folder.to_string());
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
    for (rel, print) in listed {
        let parent = rel.rsplit_once('/').map_or("", |(p, _)| p);
        let there = match state.get(parent) {
            Some(Found::Unchanged) => true,
            Some(Found::Changed(_)) => read.contains(rel.as_str()),
            _ => false,
        };
        if there {
            held.files.insert(rel.clone(), *print);
        }
    }
    Some(held)
}

/// The folders the files `rels` are in, and those above them (relative, without the
/// top folder itself).
fn folders_of<'a>(rels: impl Iterator<Item = &'a str>) -> HashSet<&'a str> {
    let mut folders = HashSet::new();
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

/// Whether `path` is a file whose inode changed in no way after `published` (when
/// the output's manifest was written): not edited, renamed over, or edited with its
/// mtime put back, which the status-change time shows and no tool can set back. Our
/// own links and unlinks change it too, but only during a build, before its manifest
/// is written; and a build returns only once the clock has passed that time
/// ([`outlast`]), so whatever changes a file after it is later, even within the same
/// clock tick.
fn unchanged_since(path: &Path, published: SystemTime) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && changed(&m) <= published)
}

/// Whether `path` is a file holding bytes with the fingerprint `print`: asked of a
/// file whose times say it changed, which may be a `touch` or a `chmod` only (a deploy
/// step making `public/` readable by all); it is then reused rather than rewritten,
/// and keeps its mtime.
fn holds(path: &Path, print: Fingerprint) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == print.0)
        && fs::read(path).is_ok_and(|bytes| fingerprint(&bytes) == print)
}

/// Wait until the clock that stamps files has passed the mtime of `path`, at most
/// 100 ms. File times come from a clock that advances by ticks (4 ms on Linux at
/// 250 Hz); without the wait, a file edited by a command run right after the build
/// could bear the same time as the manifest and pass for the build's own.
fn outlast(path: &Path) {
    let Some(stamp) = modified(path) else {
        return;
    };
    for _ in 0..100 {
        if file_clock() > stamp {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
}

/// The time a file changed now would bear, or earlier.
fn file_clock() -> SystemTime {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        // The coarse clock is the one the kernel stamps files with.
        let now = rustix::time::clock_gettime(rustix::time::ClockId::RealtimeCoarse);
        since_epoch(now.tv_sec, now.tv_nsec)
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        // Elsewhere file times may lag the precise clock by a tick of up to 16 ms.
        SystemTime::now() - std::time::Duration::from_millis(20)
    }
}

/// A time the system gives as seconds and nanoseconds since 1970 (none is earlier
/// for a file a build wrote).
#[cfg(unix)]
fn since_epoch(secs: i64, nanos: i64) -> SystemTime {
    let secs = u64::try_from(secs).unwrap_or(0);
    let nanos = u32::try_from(nanos).unwrap_or(0);
    SystemTime::UNIX_EPOCH + std::time::Duration::new(secs, nanos)
}

/// When the inode of `meta` last changed (content, links or permissions): its
/// ctime where there is one.
fn changed(meta: &fs::Metadata) -> SystemTime {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        since_epoch(meta.ctime(), meta.ctime_nsec())
    }
    #[cfg(not(unix))]
    {
        meta.modified().unwrap_or(SystemTime::now())
    }
}

/// Remove a file or a folder found in the spare.
fn remove_entry(path: &Path, is_dir: bool) -> io::Result<()> {
    if is_dir {
        fs::remove_dir_all(path)
    } else {
        fs::remove_file(path)
    }
}

/// Remove a file or a folder; one already gone is no error.
fn remove_gone(path: &Path, is_dir: bool) -> io::Result<()> {
    match remove_entry(path, is_dir) {
        Err(e) if fs::symlink_metadata(path).is_ok() => Err(e),
        _ => Ok(()),
    }
}

/// The mtime of `path`, if it has one.
fn modified(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Write `bytes` to `path`, a name nothing holds or a folder left there by the spare.
fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    match fs::write(path, bytes) {
        Err(e) if fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) => {
            fs::remove_dir_all(path).map_err(|_| e)?;
            fs::write(path, bytes)
        }
        done => done,
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            remove_tree(&self.dir);
        }
    }
}

/// Write a whole in-memory site to `output`; returns the number of files. `force`
/// as in [`Staging::begin_with`].
pub fn write_site(output: &Path, rendered: &Rendered, force: bool) -> io::Result<usize> {
    let staging = Staging::begin_with(output, force)?;
    rendered.pages.par_iter().try_for_each(|f| staging.put(f))?;
    staging.copy(&rendered.copies)?;
    staging.commit()
}

/// The manifest of `output`: what the last build wrote there.
pub fn manifest_path(output: &Path) -> PathBuf {
    sibling(output, "manifest")
}

/// Whether `output` is exactly the site its manifest lists, as its build left it:
/// a folder ketluan swapped in, where no listed file changed since (ctime, which no
/// tool sets back) and no folder gained or lost an entry (its mtime). A build whose
/// inputs did not change then has nothing to do.
pub fn intact(output: &Path) -> bool {
    let manifest = sibling(output, "manifest");
    let Some(published) = modified(&manifest) else {
        return false;
    };
    if !output.is_dir() || !is_ours(output) {
        return false;
    }
    let listed = read_manifest(&manifest);
    if listed.is_empty() {
        return false;
    }
    let folders = folders_of(listed.keys().map(String::as_str));
    let folder_unchanged = |rel: &str| {
        fs::symlink_metadata(output.join(rel))
            .is_ok_and(|m| m.is_dir() && m.modified().is_ok_and(|t| t <= published))
    };
    folder_unchanged("")
        && folders.par_iter().all(|f| folder_unchanged(f))
        && listed.par_iter().all(|(rel, (len, _))| {
            fs::symlink_metadata(output.join(rel))
                .is_ok_and(|m| m.len() == *len && m.is_file() && changed(&m) <= published)
        })
}

fn read_manifest(path: &Path) -> HashMap<String, Fingerprint> {
    let Ok(text) = fs::read_to_string(path) else {
        return HashMap::new();
    };
    let mut lines = text.lines();
    if lines.next() != Some(MANIFEST_HEADER) {
        return HashMap::new();
    }
    lines
        .filter_map(|line| {
            let mut parts = line.splitn(3, ' ');
            let len = parts.next()?.parse().ok()?;
            let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
            Some((parts.next()?.to_string(), (len, hash)))
        })
        .collect()
}

fn write_manifest(path: &Path, written: &[(String, Fingerprint)]) -> io::Result<()> {
    let mut out = io::BufWriter::new(fs::File::create(path)?);
    writeln!(out, "{MANIFEST_HEADER}")?;
    for (rel, (len, hash)) in written {
        writeln!(out, "{len} {hash:016x} {rel}")?;
    }
    out.flush()
}

/// Delete a tree, its top-level entries in parallel (deletion is system-call bound).
/// A symbolic link is removed, never followed.
fn remove_tree(dir: &Path) {
    if fs::symlink_metadata(dir).is_ok_and(|m| !m.is_dir()) {
        let _ = fs::remove_file(dir);
        return;
    }
    if let Ok(entries) = fs::read_dir(dir) {
        let paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.par_iter().for_each(|p| {
            let _ = remove_entry(p, fs::symlink_metadata(p).is_ok_and(|m| m.is_dir()));
        });
    }
    let _ = fs::remove_dir_all(dir);
}

/// Swap two paths atomically (Linux `renameat2(RENAME_EXCHANGE)`); elsewhere, or on
/// file systems without it, this fails and the caller renames in two steps.
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        let _ = (a, b);
        Err(io::Error::from(io::ErrorKind::Unsupported))
    }
}

/// A build killed between the two renames of the fallback swap leaves no output but
/// a retired previous site: put it back. Run at the start of every build, whether or
/// not it succeeds.
pub fn recover(output: &Path) {
    if output.exists() {
        return;
    }
    let Some(name) = output.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let prefix = format!(".{name}.ketluan-old-");
    let Ok(entries) = fs::read_dir(parent_of(output)) else {
        return;
    };
    let retired = entries
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with(&prefix));
    if let Some(e) = retired {
        let _ = fs::rename(e.path(), output);
    }
}

/// The output may be replaced when it does not exist, is empty, or is a folder
/// ketluan swapped in. What a folder holds proves nothing (another tool's web root
/// has an `index.html` and a `404.html` too), and neither does a manifest beside it
/// (it outlives a `public/` deleted and made again by hand).
fn is_replaceable(output: &Path) -> bool {
    let Ok(mut entries) = fs::read_dir(output) else {
        return !output.exists();
    };
    entries.next().is_none() || is_ours(output)
}

/// First line of the list of folders ketluan made (`.public.ketluan-folders`).
const FOLDERS_HEADER: &str = "ketluan-folders 1";

/// Whether `output` is a folder ketluan made: the very folder, not one made since
/// under its name. Where folders have no identity (not Unix), its manifest vouches.
fn is_ours(output: &Path) -> bool {
    let Some(id) = identity(output) else {
        return sibling(output, "manifest").is_file();
    };
    fs::read_to_string(sibling(output, "folders")).is_ok_and(|text| {
        let mut lines = text.lines();
        lines.next() == Some(FOLDERS_HEADER) && lines.any(|line| line == id)
    })
}

/// Record `dirs` as folders ketluan made, replacing the list. Written before the
/// swap with both sides of it, so that the output is known as ours whether a kill
/// comes before or after the swap; written whole, then renamed over the old list.
fn claim(output: &Path, dirs: &[&Path]) -> io::Result<()> {
    let mut text = format!("{FOLDERS_HEADER}\n");
    for id in dirs.iter().filter_map(|d| identity(d)) {
        text.push_str(&id);
        text.push('\n');
    }
    let list = sibling(output, "folders");
    let new = sibling(output, "folders-new");
    fs::write(&new, text)?;
    fs::rename(&new, &list)
}

/// A folder's device, inode and birth time. Inode numbers are given again once a
/// folder is deleted; the birth time, where the file system keeps one, tells the
/// new folder from the old.
#[cfg(unix)]
fn identity(dir: &Path) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let meta = fs::symlink_metadata(dir)
        .ok()
        .filter(fs::Metadata::is_dir)?;
    let born = meta
        .created()
        .ok()
        .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    Some(format!("{} {} {born}", meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(_dir: &Path) -> Option<String> {
    None
}

/// Remove staging and retired folders, and a half-written list of folders, left by
/// builds that were killed.
fn remove_stale(output: &Path) {
    let Some(name) = output.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let prefixes = [
        format!(".{name}.ketluan-new-"),
        format!(".{name}.ketluan-old-"),
        format!(".{name}.ketluan-trash-"),
        format!(".{name}.ketluan-folders-new"),
        format!(".{name}.ketluan-changes.json.partial"),
    ];
    let Ok(entries) = fs::read_dir(parent_of(output)) else {
        return;
    };
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        if prefixes.iter().any(|p| file.starts_with(p)) {
            remove_tree(&e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `path` below `dir` as the `/`-separated relative name the manifest uses.
    fn relative(dir: &Path, path: &Path) -> Option<String> {
        let parts: Option<Vec<&str>> = path
            .strip_prefix(dir)
            .ok()?
            .components()
            .map(|c| c.as_os_str().to_str())
            .collect();
        Some(parts?.join("/"))
    }

    fn publish(output: &Path, files: &[(&str, &str)]) {
        let staging = Staging::begin(output).unwrap();
        for (path, text) in files {
            let contents = bytes::Bytes::copy_from_slice(text.as_bytes());
            let path = path.to_string();
            let put = staging.put(&OutputFile {
                path: path.clone(),
                contents,
            });
            put.unwrap_or_else(|e| panic!("{path}: {e}"));
        }
        staging.commit().unwrap();
    }

    /// Every entry under `dir`: a file with its text, a folder with none.
    fn listing(dir: &Path) -> Vec<(String, Option<String>)> {
        let mut out: Vec<_> = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .map(|e| e.unwrap())
            .map(|e| {
                let text = (!e.file_type().is_dir()).then(|| fs::read_to_string(e.path()).unwrap());
                (relative(dir, e.path()).unwrap(), text)
            })
            .collect();
        out.sort();
        out
    }

    fn expected(files: &[(&str, &str)]) -> Vec<(String, Option<String>)> {
        let mut out: Vec<_> = files
            .iter()
            .map(|(p, t)| (p.to_string(), Some(t.to_string())))
            .collect();
        for (p, _) in files {
            let mut p = *p;
            while let Some((up, _)) = p.rsplit_once('/') {
                out.push((up.to_string(), None));
                p = up;
            }
        }
        out.sort();
        out.dedup();
        out
    }

    #[test]
    fn the_spare_is_updated_where_a_file_becomes_a_folder_and_back() {
        let tmp = tempfile::tempdir().unwrap();
        let output = tmp.path().join("public");
        let a = [
            ("index.html", "a"),
            ("x", "file x"),
            ("y/z/index.html", "page y"),
        ];
        let b = [
            ("index.html", "b"),
            ("x/index.html", "page x"),
            ("y", "file y"),
        ];
        // From the third build on, each starts from the spare, which has the other kinds.
        for (n, site) in [&a, &b, &b, &a, &b].iter().enumerate() {
            publish(&output, &site[..]);
            assert_eq!(listing(&output), expected(&site[..]), "build {n}");
        }
        assert!(sibling(&output, "spare").is_dir());
    }
}

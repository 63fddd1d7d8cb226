//! Stage 4: put the rendered site on disk, atomically. Pages are written into a
//! staging folder beside the output as they are rendered, and the staging folder is
//! swapped in only when the build succeeded, so a failed or interrupted build leaves
//! the last good site in place.
//!
//! A file whose bytes did not change since the previous build is hard-linked from
//! the previous output instead of written again: it keeps its modification time (so
//! deploy tools that sync by mtime upload only what changed) and costs one system
//! call. What the previous build wrote is remembered in a manifest beside the output
//! (`.public.ketluan-manifest`: size, hash and path of every file).

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::render::{CopiedFile, OutputFile, Rendered, StaticFile};

/// Size and content hash of a file.
type Fingerprint = (u64, u64);

fn fingerprint(bytes: &[u8]) -> Fingerprint {
    // XXH3: a fixed, published algorithm (stable across runs and versions), and
    // about twenty times faster than SipHash, which hashed the whole site at ~1 GB/s.
    (bytes.len() as u64, xxhash_rust::xxh3::xxh3_64(bytes))
}

/// First line of a manifest: names the hash, so that a manifest written with
/// another one (by an older ketluan) is not trusted.
const MANIFEST_HEADER: &str = "ketluan-manifest xxh3-64";

/// Names beside the output: `.public.ketluan-{what}`.
fn sibling(output: &Path, what: &str) -> PathBuf {
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
            Err(fs::TryLockError::WouldBlock) => Err(io::Error::other(format!(
                "another ketluan build is writing {} (it holds {}); wait for it to finish, \
                 or choose another --output",
                output.display(),
                path.display()
            ))),
            Err(fs::TryLockError::Error(e)) => Err(e),
        }
    }
}

/// A site being written. Dropped without [`Staging::commit`], it removes itself.
pub struct Staging {
    output: PathBuf,
    dir: PathBuf,
    previous: HashMap<String, Fingerprint>,
    written: Mutex<Vec<(String, Fingerprint)>>,
    /// Folders of the staging tree made so far, relative (`ket-luan/slug`): each is
    /// made once, before its first file, rather than found missing by a failed open
    /// (system calls are dear). Strings, not paths: hashing a `Path` walks its
    /// components.
    folders: Mutex<HashSet<String>>,
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
            return Err(io::Error::other(format!(
                "{} is a file, not a folder; choose another --output",
                output.display()
            )));
        }
        if !force && !is_replaceable(output) {
            return Err(io::Error::other(format!(
                "{} is a folder ketluan did not write; refusing to replace it \
                 (remove it, choose another --output, or pass --force to replace it)",
                output.display()
            )));
        }
        remove_stale(output);
        let dir = sibling(output, &format!("new-{}", std::process::id()));
        fs::create_dir_all(&dir)?;
        let previous = if output.is_dir() {
            read_manifest(&sibling(output, "manifest"))
        } else {
            HashMap::new()
        };
        Ok(Staging {
            output: output.to_path_buf(),
            folders: Mutex::new(HashSet::new()),
            dir,
            previous,
            written: Mutex::new(Vec::new()),
            committed: false,
        })
    }

    /// Write one file (callable from many threads).
    pub fn put(&self, file: &OutputFile) -> io::Result<()> {
        self.store(&file.path, &file.contents)
    }

    fn store(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.make_parent(rel)?;
        let target = self.dir.join(rel);
        let print = fingerprint(bytes);
        let unchanged = self.previous.get(rel) == Some(&print)
            && fs::hard_link(self.output.join(rel), &target).is_ok();
        if !unchanged {
            fs::write(&target, bytes)?;
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
        fs::create_dir_all(self.dir.join(parent))?;
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
    /// aside first and deleted only once the new one is in place.
    pub fn commit(mut self) -> io::Result<usize> {
        let mut written = std::mem::take(&mut *self.written.lock().expect("no panics"));
        written.sort();
        let manifest = sibling(&self.output, "manifest");
        // The old manifest describes the old site: once the swap starts it must not
        // be trusted (a kill before the new one is written just costs a full write).
        let _ = fs::remove_file(&manifest);
        if self.output.exists() && exchange(&self.dir, &self.output).is_ok() {
            // One atomic step: the staging path now holds the previous site.
            self.committed = true;
            remove_tree(&self.dir);
        } else if self.output.exists() {
            let retired = sibling(&self.output, &format!("old-{}", std::process::id()));
            fs::rename(&self.output, &retired)?;
            if let Err(e) = fs::rename(&self.dir, &self.output) {
                // Put the previous site back before reporting.
                let _ = fs::rename(&retired, &self.output);
                return Err(e);
            }
            self.committed = true;
            // Renamed before it is deleted: a build killed while deleting must not
            // leave a half-deleted `old-` folder that `recover` would take for a site.
            let trash = sibling(&self.output, &format!("trash-{}", std::process::id()));
            let doomed = if fs::rename(&retired, &trash).is_ok() {
                trash
            } else {
                retired
            };
            remove_tree(&doomed);
        } else {
            fs::rename(&self.dir, &self.output)?;
            self.committed = true;
        }
        // Only an optimisation: a missing manifest means every file is written next time.
        let _ = write_manifest(&manifest, &written);
        Ok(written.len())
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
            let _ = if fs::symlink_metadata(p).is_ok_and(|m| m.is_dir()) {
                fs::remove_dir_all(p)
            } else {
                fs::remove_file(p)
            };
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

/// The output may be replaced when it does not exist, is empty, or was written by
/// ketluan (its manifest is beside it, or it has the site's index and 404 pages).
fn is_replaceable(output: &Path) -> bool {
    let Ok(mut entries) = fs::read_dir(output) else {
        return !output.exists();
    };
    entries.next().is_none()
        || sibling(output, "manifest").is_file()
        || (output.join("index.html").is_file() && output.join("404.html").is_file())
}

/// Remove staging and retired folders left by builds that were killed.
fn remove_stale(output: &Path) {
    let Some(name) = output.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let prefixes = [
        format!(".{name}.ketluan-new-"),
        format!(".{name}.ketluan-old-"),
        format!(".{name}.ketluan-trash-"),
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

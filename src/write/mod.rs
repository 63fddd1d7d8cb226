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
//!
//! The concerns, one module each: [`lock`] (one build per output at a time),
//! `manifest` (what the previous build wrote, and whether a file still holds it),
//! `staging` (the folder a build writes into, made from the spare), `swap` (putting
//! it in place, and what a killed build left), and `sys`, the one part that differs
//! by platform (the exchange of two folders, file times and folder identity).
//! Failures are [`WriteError`]s, which the commands turn into diagnostics.

pub mod changes;
mod error;
mod lock;
mod manifest;
pub mod safety;
mod staging;
mod swap;
#[cfg_attr(unix, path = "sys/unix.rs")]
#[cfg_attr(windows, path = "sys/windows.rs")]
mod sys;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;

use crate::render::Rendered;

pub use changes::Changes;
pub use error::WriteError;
pub use lock::Lock;
pub use staging::{Prepared, Staging};
pub use swap::recover;

/// Names beside the output: `.public.ketluan-{what}`.
pub(crate) fn sibling(output: &Path, what: &str) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    output.with_file_name(format!(".{name}.ketluan-{what}"))
}

pub(crate) fn parent_of(output: &Path) -> &Path {
    output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The manifest of `output`: what the last build wrote there.
pub fn manifest_path(output: &Path) -> PathBuf {
    sibling(output, "manifest")
}

/// Whether `output` is exactly the site its manifest lists, as its build left it:
/// a folder ketluan swapped in, where no listed file changed since (ctime, which no
/// tool sets back) and no folder gained or lost an entry (its mtime). A build whose
/// inputs did not change then has nothing to do.
///
/// One lookup per file and per folder, each from the output folder opened once;
/// the manifest's text is read and borrowed, not made into a map.
pub fn intact(output: &Path) -> bool {
    verify(output).is_some()
}

/// Proof that the output was [`intact`] before the build touched it: every file it
/// published can be carried over unlooked at ([`Staging::keep_rest`]).
pub struct Intact(());

/// [`intact`], as proof. Taken before the staging folder is written to: linking
/// the output's files into it changes their status-change time.
pub fn verify(output: &Path) -> Option<Intact> {
    published_intact(output).then_some(Intact(()))
}

fn published_intact(output: &Path) -> bool {
    let manifest_file = sibling(output, "manifest");
    let Some(published) = modified(&manifest_file) else {
        return false;
    };
    if !swap::is_ours(output) {
        return false;
    }
    let Ok(text) = fs::read_to_string(&manifest_file) else {
        return false;
    };
    let listed: Vec<(&str, u64)> = manifest::entries(&text)
        .map(|(rel, (len, _))| (rel, len))
        .collect();
    if listed.is_empty() {
        return false;
    }
    let folders = folders_holding(listed.iter().map(|(rel, _)| *rel));
    let folder_kept = |tree: &sys::Tree, rel: &&str| matches!(tree.entry(rel), Some(Entry::Folder { modified }) if modified <= published);
    let file_kept = |tree: &sys::Tree, (rel, len): &(&str, u64)| {
        matches!(tree.entry(rel), Some(Entry::File { len: l, changed })
            if l == *len && changed <= published)
    };
    // The output opened once per thread: threads sharing one descriptor contend for
    // its reference count at every lookup.
    let open = || sys::Tree::open(output);
    folders
        .par_iter()
        .map_init(open, |tree, rel| {
            tree.as_ref().is_some_and(|t| folder_kept(t, rel))
        })
        .all(|kept| kept)
        && listed
            .par_iter()
            .map_init(open, |tree, file| {
                tree.as_ref().is_some_and(|t| file_kept(t, file))
            })
            .all(|kept| kept)
}

/// Every folder that holds one of `files` (`/`-separated paths), at any depth, and
/// the top (`""`): each once when `files` are sorted, as a manifest lists them, and
/// in the same order, so that neighbours in the tree are looked at together.
///
/// No set of names: the paths below a folder are next to each other in sorted
/// order, so a folder was met before only if it holds the previous file's folder.
fn folders_holding<'a>(files: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let holds = |folder: &str, inner: &str| {
        inner == folder
            || inner.len() > folder.len()
                && inner.starts_with(folder)
                && inner.as_bytes()[folder.len()] == b'/'
    };
    let mut folders = vec![""];
    let mut last = "";
    for rel in files {
        let Some((parent, _)) = rel.rsplit_once('/') else {
            continue;
        };
        let mut at = parent;
        while !holds(at, last) {
            folders.push(at);
            match at.rsplit_once('/') {
                Some((up, _)) => at = up,
                None => break,
            }
        }
        last = parent;
    }
    folders
}

/// What [`sys::Tree::entry`] finds at a path of the output.
enum Entry {
    /// A file's length and the time its contents or status last changed (its
    /// inode's: content, links or permissions; the ctime on Unix).
    File {
        len: u64,
        changed: SystemTime,
    },
    /// A folder's modification time: it moves when an entry is added, removed or
    /// renamed in it.
    Folder {
        modified: SystemTime,
    },
    Other,
}

/// Write a whole in-memory site to `output`; returns the number of files. `force`
/// as in [`Staging::begin_with`].
pub fn write_site(output: &Path, rendered: &Rendered, force: bool) -> Result<usize, WriteError> {
    let staging = Staging::begin_with(output, force)?;
    rendered.pages.par_iter().try_for_each(|f| staging.put(f))?;
    staging.copy(&rendered.copies)?;
    staging.commit()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::OutputFile;

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
    fn every_folder_holding_a_file_is_named_once() {
        let files = [
            "a.html",
            "nghi-quyet/01/index.html",
            "nghi-quyet/01/x/y/index.html",
            "nghi-quyet/01/z.json",
            "nghi-quyet/02-b/index.html",
            "nghi-quyet/02/index.html",
            "tinh/index.html",
            "z/q/r.html",
        ];
        let mut folders = folders_holding(files.iter().copied());
        let expected = [
            "",
            "nghi-quyet",
            "nghi-quyet/01",
            "nghi-quyet/01/x",
            "nghi-quyet/01/x/y",
            "nghi-quyet/02",
            "nghi-quyet/02-b",
            "tinh",
            "z",
            "z/q",
        ];
        let n = folders.len();
        folders.sort_unstable();
        folders.dedup();
        assert_eq!(folders, expected);
        assert_eq!(n, expected.len(), "a folder named twice");
        // Out of order, a folder may be named twice but none is missed.
        let mut shuffled = folders_holding(files.iter().rev().copied());
        shuffled.sort_unstable();
        shuffled.dedup();
        assert_eq!(shuffled, expected);
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

//! Putting a finished staging folder in place of the output, and undoing what a
//! killed build left. The exchange itself is `sys::exchange`: one atomic step where
//! the system has one, two renames elsewhere.

use std::fs;
use std::io;
use std::path::Path;

use super::manifest::{outlast, write_manifest};
use super::{Staging, WriteError, parent_of, remove_gone, remove_tree, sibling, sys};

impl Staging {
    /// Swap the new site in; returns the number of files. The previous site is moved
    /// aside first and, once the new one is in place, kept as the spare (or deleted).
    pub fn commit(mut self) -> Result<usize, WriteError> {
        let mut written = std::mem::take(&mut *self.written.lock().expect("no panics"));
        // Equal entries are alike: any sort leaves them in the same order.
        rayon::slice::ParallelSliceMut::par_sort_unstable(&mut written[..]);
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
        if self.output.exists() && sys::exchange(&self.dir, &self.output).is_ok() {
            // One atomic step: the staging path now holds the previous site.
            self.committed = true;
            self.retire(&self.dir, moved);
        } else if self.output.exists() {
            let retired = sibling(&self.output, &format!("old-{}", std::process::id()));
            fs::rename(&self.output, &retired)?;
            if let Err(e) = fs::rename(&self.dir, &self.output) {
                // Put the previous site back before reporting.
                let _ = fs::rename(&retired, &self.output);
                return Err(e.into());
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
        let changes = super::changes::Changes::between(baseline, &written);
        // Written before the manifest, so that the manifest's mtime is the later.
        changes.write(&sibling(&self.output, super::changes::FILE))?;
        // Only an optimisation: a missing manifest means every file is written next time.
        if write_manifest(&manifest, &written).is_ok() {
            outlast(&manifest);
        }
        Ok(written.len())
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
pub(super) fn is_replaceable(output: &Path) -> bool {
    let Ok(mut entries) = fs::read_dir(output) else {
        return !output.exists();
    };
    entries.next().is_none() || is_ours(output)
}

/// First line of the list of folders ketluan made (`.public.ketluan-folders`).
const FOLDERS_HEADER: &str = "ketluan-folders 1";

/// Whether `output` is a folder ketluan made: the very folder, not one made since
/// under its name. Where folders have no identity (they all have, where the system tells), its manifest vouches.
pub(super) fn is_ours(output: &Path) -> bool {
    let Some(id) = sys::identity(output) else {
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
    for id in dirs.iter().filter_map(|d| sys::identity(d)) {
        text.push_str(&id);
        text.push('\n');
    }
    let list = sibling(output, "folders");
    let new = sibling(output, "folders-new");
    fs::write(&new, text)?;
    fs::rename(&new, &list)
}

/// Remove staging and retired folders, and a half-written list of folders, left by
/// builds that were killed.
pub(super) fn remove_stale(output: &Path) {
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

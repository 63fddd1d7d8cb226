//! Stage 4: put the rendered site on disk, atomically. Everything is written into a
//! staging folder beside the output and swapped in only when complete, so a failed
//! or interrupted build leaves the last good site in place.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::{Rendered, StaticFile};

/// Names of the staging and retired folders, beside the output: `.public.ketluan-…`.
fn sibling(output: &Path, what: &str) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    output.with_file_name(format!(".{name}.ketluan-{what}-{}", std::process::id()))
}

/// Write `rendered` to `output`, replacing what was there only on success.
/// Returns the number of files written.
pub fn write_site(output: &Path, rendered: &Rendered) -> io::Result<usize> {
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent)?;
    remove_stale(output);
    let staging = sibling(output, "new");
    let result = fill(&staging, rendered).and_then(|n| swap(&staging, output).map(|_| n));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn fill(staging: &Path, rendered: &Rendered) -> io::Result<usize> {
    if staging.exists() {
        fs::remove_dir_all(staging)?;
    }
    fs::create_dir_all(staging)?;
    let mut dirs: Vec<PathBuf> = rendered
        .pages
        .iter()
        .map(|f| f.path.as_str())
        .chain(rendered.copies.iter().map(|c| c.path.as_str()))
        .filter_map(|p| Path::new(p).parent().map(|d| staging.join(d)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        fs::create_dir_all(d)?;
    }
    rendered
        .pages
        .par_iter()
        .try_for_each(|f| fs::write(staging.join(&f.path), &f.contents))?;
    rendered
        .copies
        .par_iter()
        .try_for_each(|c| match &c.source {
            StaticFile::Builtin(bytes) => fs::write(staging.join(&c.path), bytes),
            StaticFile::Disk(src) => fs::copy(src, staging.join(&c.path)).map(|_| ()),
        })?;
    Ok(rendered.pages.len() + rendered.copies.len())
}

/// Replace `output` by `staging`: the old site is moved aside first and removed
/// only once the new one is in place.
fn swap(staging: &Path, output: &Path) -> io::Result<()> {
    if output.exists() {
        let retired = sibling(output, "old");
        fs::rename(output, &retired)?;
        if let Err(e) = fs::rename(staging, output) {
            // Put the previous site back before reporting.
            let _ = fs::rename(&retired, output);
            return Err(e);
        }
        let _ = fs::remove_dir_all(&retired);
    } else {
        fs::rename(staging, output)?;
    }
    Ok(())
}

/// Remove staging and retired folders left by builds that were killed.
fn remove_stale(output: &Path) {
    let Some(name) = output.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let prefix = format!(".{name}.ketluan-");
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        if e.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = fs::remove_dir_all(e.path());
        }
    }
}

//! The platform part of writing, on Windows. What is weaker than on Linux:
//!
//! - Windows cannot exchange two folders in one step, so the output is swapped in by
//!   two renames (the output aside, the staging folder in its place). Between them,
//!   for a moment, there is no output: a web server reading it right then finds
//!   nothing. A build killed there leaves the previous site under a `.ketluan-old-`
//!   name, and the next build puts it back first (`recover`).
//! - A folder cannot be renamed while a program holds a file in it open (an editor,
//!   an indexer, a virus scanner): the swap then fails, the build reports it and the
//!   previous site stays in place.
//! - Files have no status-change time that `std` shows, so a file edited by hand with
//!   its modification time put back passes for unchanged. Only the last build's own
//!   output is compared this way, and `build --force` after a clean removes any doubt.

use std::fs;
use std::io;
use std::os::windows::fs::OpenOptionsExt as _;
use std::os::windows::io::AsRawHandle as _;
use std::path::Path;
use std::time::{Duration, SystemTime};

use super::Entry;

use windows_sys::Win32::Storage::FileSystem::{
    BY_HANDLE_FILE_INFORMATION, FILE_FLAG_BACKUP_SEMANTICS, GetFileInformationByHandle,
};

/// No atomic exchange of folders: the caller renames in two steps.
pub(super) fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// The time a file changed now would bear, or earlier: file times are stamped from
/// the system's coarse clock, which lags the precise one by up to a timer tick
/// (about 16 ms).
pub(super) fn file_clock() -> SystemTime {
    SystemTime::now() - Duration::from_millis(20)
}

/// When the file of `meta` last changed: its modification time (see the module's
/// notes).
pub(super) fn changed(meta: &fs::Metadata) -> SystemTime {
    meta.modified().unwrap_or_else(|_| SystemTime::now())
}

/// A folder's volume serial number, file index and creation time: the index is
/// given again once a folder is deleted; the creation time tells the new from the old.
pub(super) fn identity(dir: &Path) -> Option<String> {
    if !fs::symlink_metadata(dir).ok()?.is_dir() {
        return None;
    }
    // A folder opens only with backup semantics; reading its attributes needs no access.
    let folder = fs::OpenOptions::new()
        .access_mode(0)
        .custom_flags(FILE_FLAG_BACKUP_SEMANTICS)
        .open(dir)
        .ok()?;
    // SAFETY: the handle is open for the call, and the structure is plain data that
    // the call fills in.
    let info = unsafe {
        let mut info: BY_HANDLE_FILE_INFORMATION = std::mem::zeroed();
        (GetFileInformationByHandle(folder.as_raw_handle(), &mut info) != 0).then_some(info)
    }?;
    let index = (u64::from(info.nFileIndexHigh) << 32) | u64::from(info.nFileIndexLow);
    let created = (u64::from(info.ftCreationTime.dwHighDateTime) << 32)
        | u64::from(info.ftCreationTime.dwLowDateTime);
    Some(format!("{} {index} {created}", info.dwVolumeSerialNumber))
}

/// A folder, to look at what lies below it by relative path.
pub(super) struct Tree(std::path::PathBuf);

impl Tree {
    /// `None` unless `dir` is a folder (not a link to one).
    pub(super) fn open(dir: &Path) -> Option<Tree> {
        fs::symlink_metadata(dir)
            .ok()
            .filter(fs::Metadata::is_dir)
            .map(|_| Tree(dir.to_path_buf()))
    }

    /// What `rel` (`/`-separated, `""` for the folder itself) is; a link at its
    /// end is not followed.
    pub(super) fn entry(&self, rel: &str) -> Option<Entry> {
        let m = fs::symlink_metadata(self.0.join(rel)).ok()?;
        Some(if m.is_file() {
            Entry::File {
                len: m.len(),
                changed: changed(&m),
            }
        } else if m.is_dir() {
            Entry::Folder {
                modified: m.modified().ok()?,
            }
        } else {
            Entry::Other
        })
    }
}

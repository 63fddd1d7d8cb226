//! The platform part of writing, on Unix: the output is swapped with its staging
//! folder in one atomic step (Linux `renameat2(RENAME_EXCHANGE)`), a file's status
//! change time tells any change to it, and a folder is known by device, inode and
//! birth time.

use std::fs;
use std::io;
use std::os::unix::fs::MetadataExt as _;
use std::path::Path;
use std::time::{Duration, SystemTime};

use super::Entry;

/// Swap two paths atomically; on file systems without the exchange (or outside
/// Linux) this fails and the caller renames in two steps.
pub(super) fn exchange(a: &Path, b: &Path) -> io::Result<()> {
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

/// The time a file changed now would bear, or earlier.
pub(super) fn file_clock() -> SystemTime {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        // The coarse clock is the one the kernel stamps files with.
        let now = rustix::time::clock_gettime(rustix::time::ClockId::RealtimeCoarse);
        since_epoch(now.tv_sec, now.tv_nsec)
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        // Elsewhere file times may lag the precise clock by a tick.
        SystemTime::now() - Duration::from_millis(20)
    }
}

/// A time the system gives as seconds and nanoseconds since 1970 (none is earlier
/// for a file a build wrote).
fn since_epoch(secs: i64, nanos: i64) -> SystemTime {
    let secs = u64::try_from(secs).unwrap_or(0);
    let nanos = u32::try_from(nanos).unwrap_or(0);
    SystemTime::UNIX_EPOCH + Duration::new(secs, nanos)
}

/// A folder's device, inode and birth time. Inode numbers are given again once a
/// folder is deleted; the birth time, where the file system keeps one, tells the
/// new folder from the old.
pub(super) fn identity(dir: &Path) -> Option<String> {
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

/// A folder opened once, to look at what lies below it by relative path: a site
/// of 100,000 pages has 450,000 files and 230,000 folders, and opening each folder
/// to look into it cost twice as much as one lookup from the top.
pub(super) struct Tree(rustix::fd::OwnedFd);

impl Tree {
    /// `None` unless `dir` is a folder (not a link to one).
    pub(super) fn open(dir: &Path) -> Option<Tree> {
        use rustix::fs::{Mode, OFlags, open};
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        open(dir, flags, Mode::empty()).ok().map(Tree)
    }

    /// What `rel` (`/`-separated, `""` for the folder itself) is; a link at its
    /// end is not followed.
    pub(super) fn entry(&self, rel: &str) -> Option<Entry> {
        use rustix::fs::{AtFlags, FileType, statat};
        let s = statat(
            &self.0,
            if rel.is_empty() { "." } else { rel },
            AtFlags::SYMLINK_NOFOLLOW,
        )
        .ok()?;
        #[allow(clippy::unnecessary_cast)] // The field types differ between systems.
        let entry = match FileType::from_raw_mode(s.st_mode) {
            FileType::RegularFile => Entry::File {
                len: s.st_size as u64,
                changed: since_epoch(s.st_ctime as i64, s.st_ctime_nsec as i64),
            },
            FileType::Directory => Entry::Folder {
                modified: since_epoch(s.st_mtime as i64, s.st_mtime_nsec as i64),
            },
            _ => Entry::Other,
        };
        Some(entry)
    }
}

//! The platform part of writing, on Unix: the output is swapped with its staging
//! folder in one atomic step (Linux `renameat2(RENAME_EXCHANGE)`), a file's status
//! change time tells any change to it, and a folder is known by device, inode and
//! birth time.

use std::fs;
use std::io;
use std::os::unix::fs::MetadataExt as _;
use std::path::Path;
use std::time::{Duration, SystemTime};

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

/// When the inode of `meta` last changed (content, links or permissions): its ctime.
pub(super) fn changed(meta: &fs::Metadata) -> SystemTime {
    since_epoch(meta.ctime(), meta.ctime_nsec())
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

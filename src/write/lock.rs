//! One build per output at a time.

use std::fs;
use std::path::Path;

use super::{WriteError, parent_of, sibling};

/// Held while a build writes an output folder: a second build of the same output
/// (two terminals, two CI jobs on one runner) would otherwise remove the first one's
/// staging folder as a leftover, or swap its own in halfway. An advisory lock
/// (`flock` on Unix, `LockFileEx` on Windows) on `.public.ketluan-lock` beside the output, released when dropped or
/// when the process dies, so a killed build never leaves it held.
pub struct Lock {
    _file: fs::File,
}

impl Lock {
    /// Take the lock of `output`, or fail at once if another build holds it.
    pub fn acquire(output: &Path) -> Result<Lock, WriteError> {
        fs::create_dir_all(parent_of(output))?;
        let path = sibling(output, "lock");
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)?;
        match file.try_lock() {
            Ok(()) => Ok(Lock { _file: file }),
            Err(fs::TryLockError::WouldBlock) => Err(WriteError::Busy {
                output: output.to_path_buf(),
                lock: path,
            }),
            Err(fs::TryLockError::Error(e)) => Err(e.into()),
        }
    }
}

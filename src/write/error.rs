//! Why the output could not be written. The commands turn these into diagnostics
//! (`write` knows nothing of how problems are shown).

use std::io;
use std::path::PathBuf;

/// A failure of the write stage: ketluan's own refusals, which come with what to do,
/// and the system's errors.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// Another build holds the output's lock.
    #[error("another ketluan build is writing {} (it holds {})", output.display(), lock.display())]
    Busy { output: PathBuf, lock: PathBuf },
    /// The output is a file.
    #[error("{} is a file, not a folder", output.display())]
    NotAFolder { output: PathBuf },
    /// The output is a non-empty folder ketluan did not write (it would be deleted).
    #[error("{} is a folder ketluan did not write; refusing to replace it", output.display())]
    NotOurs { output: PathBuf },
    /// A static file or an attachment to copy could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Unreadable { path: PathBuf, source: io::Error },
    /// The system refused (permissions, a full disk, a file held open on Windows).
    #[error(transparent)]
    Io(#[from] io::Error),
}

impl WriteError {
    /// What the user can do about it.
    pub fn help(&self) -> &'static str {
        match self {
            WriteError::Busy { .. } => "wait for it to finish, or choose another --output",
            WriteError::NotAFolder { .. } => "choose another --output, or move the file away",
            WriteError::NotOurs { .. } => {
                "remove it, choose another --output, or pass --force to replace it"
            }
            WriteError::Unreadable { .. } => "check that the file exists and can be read",
            WriteError::Io(_) => "check the folder's permissions and free space",
        }
    }
}

//! Why the output could not be written. The commands turn these into diagnostics
//! (`write` knows nothing of how problems are shown).

use std::io;
use std::path::PathBuf;

use crate::t;

/// A failure of the write stage: ketluan's own refusals, which come with what to do,
/// and the system's errors. Worded in the current language.
#[derive(Debug)]
pub enum WriteError {
    /// Another build holds the output's lock.
    Busy { output: PathBuf, lock: PathBuf },
    /// The output is a file.
    NotAFolder { output: PathBuf },
    /// The output is a non-empty folder ketluan did not write (it would be deleted).
    NotOurs { output: PathBuf },
    /// A static file or an attachment to copy could not be read.
    Unreadable { path: PathBuf, source: io::Error },
    /// The system refused (permissions, a full disk, a file held open on Windows).
    Io(io::Error),
}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> Self {
        WriteError::Io(e)
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WriteError::Unreadable { source, .. } => Some(source),
            WriteError::Io(e) => e.source(),
            _ => None,
        }
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = |p: &PathBuf| p.display().to_string();
        let text = match self {
            WriteError::Busy { output, lock } => {
                t!("write-busy", output = shown(output), lock = shown(lock))
            }
            WriteError::NotAFolder { output } => t!("write-not-a-folder", output = shown(output)),
            WriteError::NotOurs { output } => t!("write-not-ours", output = shown(output)),
            WriteError::Unreadable { path, source } => t!(
                "write-unreadable",
                path = shown(path),
                error = source.to_string()
            ),
            WriteError::Io(e) => return e.fmt(f),
        };
        f.write_str(&text)
    }
}

impl WriteError {
    /// What to do, as a catalogue id (`part-…`) the report looks up.
    pub fn help(&self) -> &'static str {
        match self {
            WriteError::Busy { .. } => "part-write-busy-fix",
            WriteError::NotAFolder { .. } => "part-write-not-a-folder-fix",
            WriteError::NotOurs { .. } => "part-write-not-ours-fix",
            WriteError::Unreadable { .. } => "part-write-unreadable-fix",
            WriteError::Io(_) => "part-output-permissions",
        }
    }
}

//! Opening a file ketluan reads or serves: never through a symbolic link, never a
//! named pipe or device (which could block or never end), and never more than a
//! size limit. The check is made on the open file itself, so a file swapped for a
//! link between a look and the open is refused too.

use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::Path;

use crate::diagnostic::{Diagnostic, Location, Problem};

/// Why a file was not read.
#[derive(Debug)]
pub enum Refused {
    Missing,
    Link,
    NotAFile,
    TooLarge { size: u64, limit: u64 },
    Io(io::Error),
}

impl Refused {
    /// The problem to report at `file` (relative to the site).
    pub fn diagnostic(self, file: &Path) -> Diagnostic {
        let problem = match self {
            Refused::Missing => Problem::Unreadable("the file does not exist".into()),
            Refused::Link => Problem::SymbolicLink {
                copy: "part-copy-file-into-site",
            },
            Refused::NotAFile => Problem::NotAFile,
            Refused::TooLarge { size, limit } => Problem::DataTooLarge {
                size_kb: size.div_ceil(1024),
                limit_kb: limit / 1024,
            },
            Refused::Io(e) => Problem::Unreadable(e.to_string()),
        };
        Diagnostic::new(Location::file(file), problem)
    }
}

/// Open `path` for reading if it is a regular file that is not a symbolic link.
pub fn open_regular(path: &Path) -> Result<(File, Metadata), Refused> {
    let file = open_no_follow(path).map_err(|e| classify(path, e))?;
    let meta = file.metadata().map_err(Refused::Io)?;
    if !meta.is_file() {
        return Err(Refused::NotAFile);
    }
    Ok((file, meta))
}

/// The bytes of the regular file `path`, at most `limit` of them.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, Refused> {
    let (file, meta) = open_regular(path)?;
    let size = meta.len();
    if size > limit {
        return Err(Refused::TooLarge { size, limit });
    }
    // A file that grows while it is read is cut at the limit and refused.
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(Refused::Io)?;
    if bytes.len() as u64 > limit {
        return Err(Refused::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

fn classify(path: &Path, e: io::Error) -> Refused {
    if e.kind() == io::ErrorKind::NotFound {
        return Refused::Missing;
    }
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Refused::Link,
        Ok(m) if !m.is_file() && !m.is_dir() => Refused::NotAFile,
        _ => Refused::Io(e),
    }
}

#[cfg(unix)]
fn open_no_follow(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: opening a named pipe would otherwise wait for a writer. It has no
    // effect on reading regular files.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)
}

#[cfg(windows)]
fn open_no_follow(path: &Path) -> io::Result<File> {
    use std::os::windows::fs::OpenOptionsExt;
    // FILE_FLAG_OPEN_REPARSE_POINT opens a link itself rather than its target; the
    // metadata of the open handle then tells it apart.
    const FILE_FLAG_OPEN_REPARSE_POINT: u32 = 0x0020_0000;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(FILE_FLAG_OPEN_REPARSE_POINT)
        .open(path)?;
    if file.metadata()?.file_type().is_symlink() {
        return Err(io::Error::other("symbolic link"));
    }
    Ok(file)
}

#[cfg(not(any(unix, windows)))]
fn open_no_follow(path: &Path) -> io::Result<File> {
    if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(io::Error::other("symbolic link"));
    }
    File::open(path)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_pipes_and_large_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("a.yaml");
        std::fs::write(&plain, "title: x\n").unwrap();
        assert_eq!(read_regular(&plain, 100).unwrap(), b"title: x\n");
        assert!(matches!(
            read_regular(&plain, 4),
            Err(Refused::TooLarge { size: 9, limit: 4 })
        ));
        let link = dir.path().join("b.yaml");
        std::os::unix::fs::symlink(&plain, &link).unwrap();
        assert!(matches!(read_regular(&link, 100), Err(Refused::Link)));
        let fifo = dir.path().join("c.yaml");
        let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        assert!(matches!(read_regular(&fifo, 100), Err(Refused::NotAFile)));
        assert!(matches!(
            read_regular(&dir.path().join("none"), 100),
            Err(Refused::Missing)
        ));
        assert!(matches!(
            read_regular(dir.path(), 100),
            Err(Refused::NotAFile)
        ));
    }
}

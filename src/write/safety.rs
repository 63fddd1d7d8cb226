//! Output folders no build may replace, even with `--force` (replacing one deletes
//! everything in it), and the system's refusals put in words a user can act on.

use std::io;
use std::path::{Path, PathBuf};

use super::WriteError;

/// Why `out` (absolute, links resolved) may never be an output folder, if so: the
/// file-system root, a top-level system folder, or the user's home folder or one
/// above it.
pub fn refused_output(out: &Path) -> Option<&'static str> {
    use std::path::Component;
    let normal: Vec<_> = out
        .components()
        .filter(|c| matches!(c, Component::Normal(_)))
        .collect();
    if normal.is_empty() {
        return Some("the root of the file system");
    }
    if normal.len() == 1 {
        let name = normal[0].as_os_str().to_string_lossy().to_ascii_lowercase();
        if SYSTEM.contains(&name.as_str()) {
            return Some("a folder of the operating system");
        }
    }
    if cfg!(windows) && normal.len() <= 2 {
        let first = normal[0].as_os_str().to_string_lossy().to_ascii_lowercase();
        if matches!(
            first.as_str(),
            "windows" | "program files" | "program files (x86)" | "programdata" | "users"
        ) {
            return Some("a folder of the operating system");
        }
    }
    if home().is_some_and(|h| h.starts_with(out)) {
        return Some("the home folder, or a folder holding it");
    }
    None
}

/// Top-level folders of Unix-like systems (and macOS's), lower case.
const SYSTEM: &[&str] = &[
    "bin",
    "boot",
    "dev",
    "etc",
    "home",
    "lib",
    "lib32",
    "lib64",
    "libx32",
    "media",
    "mnt",
    "opt",
    "proc",
    "root",
    "run",
    "sbin",
    "snap",
    "srv",
    "sys",
    "tmp",
    "usr",
    "var",
    "applications",
    "library",
    "system",
    "users",
    "volumes",
    "private",
    "windows",
];

/// The user's home folder: `HOME` (`USERPROFILE` on Windows), or, when it is not
/// set, the password database's entry of the user.
pub fn home() -> Option<PathBuf> {
    let var = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
    let from_env = std::env::var_os(var)
        .filter(|h| !h.is_empty())
        .map(PathBuf::from);
    from_env
        .or_else(home_from_passwd)
        .map(|h| h.canonicalize().unwrap_or(h))
}

#[cfg(unix)]
fn home_from_passwd() -> Option<PathBuf> {
    use std::ffi::CStr;
    use std::os::unix::ffi::OsStrExt;
    let mut entry: libc::passwd = unsafe { std::mem::zeroed() };
    let mut buf = vec![0 as libc::c_char; 16 * 1024];
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: every pointer is to a live, correctly sized buffer; the result is read
    // only when `found` says the entry was filled in.
    let rc = unsafe {
        libc::getpwuid_r(
            libc::getuid(),
            &mut entry,
            buf.as_mut_ptr(),
            buf.len(),
            &mut found,
        )
    };
    if rc != 0 || found.is_null() || entry.pw_dir.is_null() {
        return None;
    }
    // SAFETY: `pw_dir` points into `buf`, NUL-terminated by getpwuid_r.
    let dir = unsafe { CStr::from_ptr(entry.pw_dir) };
    let dir = std::ffi::OsStr::from_bytes(dir.to_bytes());
    (!dir.is_empty()).then(|| PathBuf::from(dir))
}

#[cfg(not(unix))]
fn home_from_passwd() -> Option<PathBuf> {
    None
}

/// The reason and the help for a failure to write: the system's causes that need
/// more than its own words (a name too long, a mount point) are named.
pub fn explain(e: &WriteError) -> (String, &'static str) {
    let WriteError::Io(io) = e else {
        return (e.to_string(), e.help());
    };
    match io.kind() {
        io::ErrorKind::InvalidFilename => (
            crate::t!("write-name-too-long", error = io.to_string()),
            "part-write-name-too-long-fix",
        ),
        io::ErrorKind::ResourceBusy => (
            crate::t!("write-busy-folder", error = io.to_string()),
            "part-write-busy-folder-fix",
        ),
        _ => (e.to_string(), e.help()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_folders_and_root_are_refused() {
        for p in ["/", "/etc", "/usr", "/lib", "/var", "/root", "/home"] {
            assert!(refused_output(Path::new(p)).is_some(), "{p}");
        }
        for p in ["/srv/www/ket-luan", "/var/www/html", "/tmp/public"] {
            assert!(refused_output(Path::new(p)).is_none(), "{p}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_home_folder_is_found_without_home() {
        assert!(home_from_passwd().is_some());
    }

    #[cfg(unix)]
    #[test]
    fn long_names_and_mount_points_are_named() {
        let long = WriteError::Io(io::Error::from_raw_os_error(libc::ENAMETOOLONG));
        assert!(explain(&long).0.contains("longer than the system allows"));
        let busy = WriteError::Io(io::Error::from_raw_os_error(libc::EBUSY));
        assert!(explain(&busy).0.contains("mount point"));
    }
}

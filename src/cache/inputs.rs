//! Every file a build reads, with its content hash: the site's configuration,
//! content, templates, themes, static files and translations. Two scans with the
//! same [`Inputs::digest`] (and the same salt) give the same site.
//!
//! Hashing a 100,000-conclusion site reads about a gigabyte; a file whose stamp is
//! the one the last scan saw (length, mtime, and on Unix ctime and inode) keeps its
//! hash without being read, but only when its ctime is older than the start of
//! that scan: a file changed during the scan, or within the same tick of the file
//! system's clock, has a later ctime, and no tool can set a ctime back. Elsewhere
//! (no ctime), every file is read.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rayon::prelude::*;
use xxhash_rust::xxh3::{Xxh3, xxh3_128};

/// What a build reads below the site's root.
pub const ROOTS: &[&str] = &[
    "site.yaml",
    "content",
    "templates",
    "themes",
    "static",
    "translations",
];

/// A file's stamp is trusted only when its ctime is older than the last scan's
/// start by more than a tick of the file system's clock.
const TICK: Duration = Duration::from_millis(20);

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Inputs {
    /// When the scan began, in nanoseconds since 1970.
    scanned: u128,
    /// Hash of every entry's path, kind and content; 0 when the site cannot be
    /// described (a name that is not UTF-8 or holds a line break): such a scan
    /// matches no other.
    pub digest: u128,
    entries: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    kind: char,
    stamp: Stamp,
    hash: u128,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    mtime: u128,
    /// 0 where the system has none: never trusted then.
    ctime: u128,
    ino: u64,
}

impl Inputs {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The content hash of the regular file `rel` (below the root, `/`-separated),
    /// with its length and modification time (nanoseconds since 1970) when scanned.
    pub fn file(&self, rel: &str) -> Option<(u128, u64, u128)> {
        // 0: the file could not be read.
        let e = self
            .entries
            .get(rel)
            .filter(|e| e.kind == 'f' && e.hash != 0)?;
        Some((e.hash, e.stamp.len, e.stamp.mtime))
    }

    /// Whether this scan found every file as `other` did, stamps included: then it
    /// teaches the next scan nothing that `other` does not.
    pub fn same_stamps(&self, other: &Inputs) -> bool {
        self.same_site(other) && self.entries == other.entries
    }

    /// Whether this scan describes the site it read and equals `other`'s.
    pub fn same_site(&self, other: &Inputs) -> bool {
        self.digest != 0 && self.digest == other.digest
    }

    /// The files whose bytes changed since `last` when nothing else did: the same
    /// entries, of the same kinds, each described. `None` when either scan cannot
    /// describe its site, or an entry was added, removed, or changed otherwise.
    pub fn changed_files<'a>(&'a self, last: &Inputs) -> Option<Vec<&'a str>> {
        if self.digest == 0 || last.digest == 0 || self.entries.len() != last.entries.len() {
            return None;
        }
        let mut changed = Vec::new();
        for ((rel, now), (was_rel, was)) in self.entries.iter().zip(&last.entries) {
            if rel != was_rel || now.kind != was.kind {
                return None;
            }
            if now.hash != was.hash {
                if now.kind != 'f' {
                    return None;
                }
                changed.push(rel.as_str());
            }
        }
        Some(changed)
    }

    /// Scan the site at `root`, reusing the hashes of `last` where stamps allow.
    pub fn scan(root: &Path, last: &Inputs) -> Inputs {
        let scanned = nanos(SystemTime::now());
        let mut found: Vec<Found> = Vec::new();
        let mut describable = true;
        for name in ROOTS {
            let top = root.join(name);
            if std::fs::symlink_metadata(&top)
                .is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
            {
                continue;
            }
            // A link at the top is followed, as loading the site follows it.
            match std::fs::metadata(&top) {
                Ok(meta) => walk(top, name.to_string(), &meta, &mut found, &mut describable),
                Err(_) => describable = false,
            }
        }
        let trusted_before = last.scanned.saturating_sub(TICK.as_nanos());
        let entries: BTreeMap<String, Entry> = found
            .into_par_iter()
            .map(|(rel, kind, stamp, path)| {
                let kept = last.entries.get(&rel).filter(|e| {
                    e.kind == kind
                        && e.stamp == stamp
                        && stamp.ctime != 0
                        && stamp.ctime < trusted_before
                });
                let hash = match (kept, kind) {
                    (Some(e), _) => e.hash,
                    (None, 'f') => std::fs::read(&path).map_or(0, |b| xxh3_128(&b)),
                    (None, 'l') => std::fs::read_link(&path)
                        .map_or(0, |t| xxh3_128(t.as_os_str().as_encoded_bytes())),
                    (None, _) => 0,
                };
                (rel, Entry { kind, stamp, hash })
            })
            .collect();
        let mut h = Xxh3::new();
        for (rel, e) in &entries {
            h.update(&(rel.len() as u64).to_le_bytes());
            h.update(rel.as_bytes());
            h.update(&[e.kind as u8]);
            h.update(&e.hash.to_le_bytes());
        }
        // An unreadable file hashes as 0 above, and fails the build; never trusted.
        let unreadable = entries.values().any(|e| e.kind == 'f' && e.hash == 0);
        let digest = if describable && !unreadable {
            h.digest128().max(1)
        } else {
            0
        };
        Inputs {
            scanned,
            digest,
            entries,
        }
    }

    /// This scan's stamps and hashes, for the next scan to reuse, but matching no
    /// other scan as a whole: for a site that changed while it was being built.
    pub fn untrusted(mut self) -> Inputs {
        self.digest = 0;
        self
    }

    pub(super) fn write(&self, t: &mut String) {
        let _ = writeln!(t, "scan {} {:032x}", self.scanned, self.digest);
        for (rel, e) in &self.entries {
            let s = e.stamp;
            let _ = writeln!(
                t,
                "in {} {} {} {} {} {:032x} {rel}",
                e.kind, s.len, s.mtime, s.ctime, s.ino, e.hash
            );
        }
    }

    /// Read one line [`Inputs::write`] wrote; `None` if it is not one.
    pub(super) fn read_line(&mut self, line: &str) -> Option<()> {
        if let Some(rest) = line.strip_prefix("scan ") {
            let (at, digest) = rest.split_once(' ')?;
            self.scanned = at.parse().ok()?;
            self.digest = u128::from_str_radix(digest, 16).ok()?;
            return Some(());
        }
        let mut parts = line.strip_prefix("in ")?.splitn(7, ' ');
        let mut next = || parts.next();
        let kind = next()?.chars().next()?;
        let stamp = Stamp {
            len: next()?.parse().ok()?,
            mtime: next()?.parse().ok()?,
            ctime: next()?.parse().ok()?,
            ino: next()?.parse().ok()?,
        };
        let hash = u128::from_str_radix(next()?, 16).ok()?;
        let rel = next()?.to_string();
        self.entries.insert(rel, Entry { kind, stamp, hash });
        Some(())
    }
}

/// An entry the scan found: its name below the root, kind, stamp and path.
type Found = (String, char, Stamp, PathBuf);

/// Add `path` (named `rel` below the root, described by `meta`) and, for a folder,
/// everything below it to `found`; links are not followed. A name that a record
/// line cannot hold, or what cannot be read, makes the site `describable` no more.
///
/// Not `walkdir`: `std`'s entries are looked at from their open folder, where
/// `walkdir` looks each up by its whole path again, which cost a third of a scan.
fn walk(
    path: PathBuf,
    rel: String,
    meta: &std::fs::Metadata,
    found: &mut Vec<Found>,
    describable: &mut bool,
) {
    let kind = if meta.is_dir() {
        'd'
    } else if meta.is_symlink() {
        'l'
    } else if meta.is_file() {
        'f'
    } else {
        'o'
    };
    found.push((rel.clone(), kind, stamp(meta), path.clone()));
    if kind != 'd' {
        return;
    }
    let Ok(entries) = std::fs::read_dir(&path) else {
        // An unreadable folder fails the build, which the cache must not hide.
        *describable = false;
        return;
    };
    for entry in entries {
        let Ok(entry) = entry else {
            *describable = false;
            continue;
        };
        let name = entry.file_name();
        let Some(name) = name.to_str().filter(|n| !n.contains(['\n', '\r', '\t'])) else {
            *describable = false;
            continue;
        };
        let Ok(meta) = entry.metadata() else {
            *describable = false;
            continue;
        };
        walk(
            entry.path(),
            format!("{rel}/{name}"),
            &meta,
            found,
            describable,
        );
    }
}

fn nanos(t: SystemTime) -> u128 {
    t.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

fn stamp(meta: &std::fs::Metadata) -> Stamp {
    let mtime = meta.modified().map_or(0, nanos);
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        let ctime =
            (meta.ctime().max(0) as u128) * 1_000_000_000 + meta.ctime_nsec().max(0) as u128;
        Stamp {
            len: meta.len(),
            mtime,
            ctime,
            ino: meta.ino(),
        }
    }
    #[cfg(not(unix))]
    {
        Stamp {
            len: meta.len(),
            mtime,
            ctime: 0,
            ino: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_changes_the_digest_and_an_untouched_file_is_not_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("site.yaml"), "title: a\n").unwrap();
        std::fs::write(root.join("content/a.md"), "one").unwrap();
        let first = Inputs::scan(root, &Inputs::default());
        assert_ne!(first.digest, 0);
        // Back to the state the first scan saw, so the second trusts its stamps.
        std::thread::sleep(TICK * 2);
        let mut second = Inputs::scan(root, &first);
        assert!(second.same_site(&first));
        // A trusted stamp keeps its hash: a (forged) hash in the last scan stays.
        let mut forged = second.clone();
        forged.entries.get_mut("content/a.md").unwrap().hash = 42;
        std::thread::sleep(TICK * 2);
        second = Inputs::scan(root, &forged);
        assert_eq!(second.entries["content/a.md"].hash, 42);
        std::fs::write(root.join("content/a.md"), "two").unwrap();
        let third = Inputs::scan(root, &second);
        assert!(!third.same_site(&second));
        assert_ne!(third.entries["content/a.md"].hash, 42);
        std::fs::remove_file(root.join("content/a.md")).unwrap();
        std::fs::write(root.join("content/b.md"), "two").unwrap();
        assert!(!Inputs::scan(root, &third).same_site(&third));
    }
}

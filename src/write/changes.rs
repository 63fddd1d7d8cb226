//! The list of files a build added, changed and removed since the last one, for
//! deploys that upload only those (`rsync --files-from`, `rclone copy
//! --files-from-raw`; see `docs/ci.md`). Written beside the manifest as
//! `.public.ketluan-changes.json`, before the manifest, by every successful build.

use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::manifest::{Fingerprint, PathMap};

/// File name beside the output: `.public.ketluan-changes.json`.
pub(super) const FILE: &str = "changes.json";

/// What `format` says: a reader that finds another value must not trust the rest.
pub const FORMAT: &str = "ketluan-changes 1";

/// Paths are relative to the output folder, `/`-separated, sorted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changes {
    pub format: String,
    /// Whether the lists compare with a previous build. `false` for the first build
    /// (or one whose previous manifest was lost): every file is in `added`, and a
    /// deploy should upload the whole output and delete what it does not list.
    pub since_previous: bool,
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
}

impl Changes {
    /// From what the previous build wrote (`None`: not known) to `written` (sorted).
    pub(super) fn between(
        previous: Option<&PathMap<Fingerprint>>,
        written: &[(String, Fingerprint)],
    ) -> Changes {
        let empty = PathMap::default();
        let before = previous.unwrap_or(&empty);
        let mut changes = Changes::none();
        changes.since_previous = previous.is_some();
        for (rel, print) in written {
            match before.get(rel) {
                None => changes.added.push(rel.clone()),
                Some(old) if old != print => changes.changed.push(rel.clone()),
                Some(_) => {}
            }
        }
        let now: rustc_hash::FxHashSet<&str> =
            written.iter().map(|(rel, _)| rel.as_str()).collect();
        changes.removed = before
            .keys()
            .filter(|rel| !now.contains(rel.as_str()))
            .cloned()
            .collect();
        changes.removed.sort();
        changes
    }

    /// A build that found nothing to do.
    pub fn none() -> Changes {
        Changes {
            format: FORMAT.into(),
            since_previous: true,
            added: Vec::new(),
            changed: Vec::new(),
            removed: Vec::new(),
        }
    }

    /// How many files a deploy has to upload or delete.
    pub fn len(&self) -> usize {
        self.added.len() + self.changed.len() + self.removed.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Write to `path` whole (a new file renamed over the old), so that a deploy
    /// script never reads half a list.
    pub(super) fn write(&self, path: &Path) -> io::Result<()> {
        let mut text = serde_json::to_string_pretty(self).map_err(io::Error::other)?;
        text.push('\n');
        let mut partial = path.as_os_str().to_owned();
        partial.push(".partial");
        std::fs::write(&partial, text)?;
        std::fs::rename(&partial, path)
    }

    /// Read a list written by a build; `None` if absent or not one.
    pub fn read(path: &Path) -> Option<Changes> {
        let text = std::fs::read_to_string(path).ok()?;
        serde_json::from_str::<Changes>(&text)
            .ok()
            .filter(|c| c.format == FORMAT)
    }
}

/// Where the list of changes of `output` is.
pub fn path(output: &Path) -> std::path::PathBuf {
    super::sibling(output, FILE)
}

/// Record that the build of `output` changed nothing.
pub fn write_none(output: &Path) -> io::Result<()> {
    Changes::none().write(&path(output))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_changed_and_removed_are_told_apart() {
        let previous: PathMap<Fingerprint> = [
            ("a.html".to_string(), (1, 1)),
            ("b.html".to_string(), (1, 2)),
            ("c.html".to_string(), (1, 3)),
        ]
        .into_iter()
        .collect();
        let written = vec![
            ("a.html".to_string(), (1, 1)),
            ("b.html".to_string(), (2, 9)),
            ("d/index.html".to_string(), (1, 4)),
        ];
        let c = Changes::between(Some(&previous), &written);
        assert_eq!(c.added, ["d/index.html"]);
        assert_eq!(c.changed, ["b.html"]);
        assert_eq!(c.removed, ["c.html"]);
        assert!(c.since_previous);
        let first = Changes::between(None, &written);
        assert_eq!(first.added.len(), 3);
        assert!(!first.since_previous && first.removed.is_empty());
    }
}

//! Watching the site's sources: which folders, which events count, which files are
//! editors' temporary files, and the debouncing that turns an editor's save (or a
//! `git checkout`) into one rebuild.
//!
//! Folders are watched, not files, so that a file replaced by rename (vim, VS Code,
//! helix) or deleted and created again is still seen. The site folder itself is
//! watched without recursion (for `site.yaml` and source folders created later);
//! each source folder recursively.
//!
//! `--poll` compares the sources' modification times (to the nanosecond) and
//! lengths twice a second. It does not use notify's `PollWatcher`, which compares
//! whole seconds and so misses a second save within the same second (or must read
//! every file on every look to notice).

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, CreateKind, EventKind, MetadataKind, ModifyKind};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::SystemTime;

use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache};

/// Folders of a site whose changes matter (beside `site.yaml`).
pub const SOURCES: [&str; 5] = ["content", "templates", "themes", "static", "translations"];
pub const CONFIG: &str = "site.yaml";

/// How long the sources must be quiet before a rebuild: one editor save is a burst
/// of events over a few milliseconds.
const QUIET: Duration = Duration::from_millis(20);
/// How often `--poll` looks at every source file.
const POLL_EVERY: Duration = Duration::from_millis(500);

/// What the watcher sends.
#[derive(Debug)]
pub enum Signal {
    /// Source files (or folders) that changed: created, written, renamed or removed.
    Changed(Vec<PathBuf>),
    /// Events were lost (the kernel's queue overflowed): everything may have changed.
    Rescan,
    /// `serve` is stopping.
    Stop,
}

/// A running watcher; dropping it stops watching.
pub struct Watcher {
    root: PathBuf,
    inner: Inner,
    /// Source folders watched recursively.
    watched: Vec<PathBuf>,
}

enum Inner {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    /// Set to stop the polling thread.
    Poll(Arc<AtomicBool>),
}

impl Drop for Watcher {
    fn drop(&mut self) {
        if let Inner::Poll(stop) = &self.inner {
            stop.store(true, Ordering::Relaxed);
        }
    }
}

impl Watcher {
    /// Watch the site at `root`, sending [`Signal`]s to `tx`.
    pub fn start(root: &Path, poll: bool, tx: Sender<Signal>) -> notify::Result<Watcher> {
        let root = std::path::absolute(root)?;
        if poll {
            let stop = Arc::new(AtomicBool::new(false));
            let (flag, root) = (stop.clone(), root.clone());
            // The first look before returning: changes from now on are seen.
            let known = scan(&root);
            std::thread::Builder::new()
                .name("ketluan-poll".into())
                .spawn(move || poll_loop(&root, known, &flag, &tx))?;
            return Ok(Watcher {
                root: PathBuf::new(),
                inner: Inner::Poll(stop),
                watched: Vec::new(),
            });
        }
        let handler = {
            let root = root.clone();
            move |result: DebounceEventResult| {
                let signal = match result {
                    Ok(events) => {
                        let mut paths = Vec::new();
                        for e in &events {
                            if e.need_rescan() {
                                let _ = tx.send(Signal::Rescan);
                                return;
                            }
                            if counts(&e.kind) {
                                paths.extend(relevant(&root, &e.kind, &e.paths));
                            }
                        }
                        paths.sort();
                        paths.dedup();
                        if paths.is_empty() {
                            return;
                        }
                        Signal::Changed(paths)
                    }
                    // A watch failed (often: a watched folder vanished); look again.
                    Err(_) => Signal::Rescan,
                };
                let _ = tx.send(signal);
            }
        };
        let inner = Inner::Native(notify_debouncer_full::new_debouncer(QUIET, None, handler)?);
        let mut watcher = Watcher {
            root,
            inner,
            watched: Vec::new(),
        };
        watcher.watch(&watcher.root.clone(), RecursiveMode::NonRecursive)?;
        watcher.refresh(&[]);
        Ok(watcher)
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match &mut self.inner {
            Inner::Native(d) => d.watch(path, mode),
            Inner::Poll(_) => Ok(()),
        }
    }

    fn unwatch(&mut self, path: &Path) {
        if let Inner::Poll(_) = self.inner {
            return;
        }
        if let Inner::Native(d) = &mut self.inner {
            let _ = d.unwatch(path);
        }
    }

    /// Watch the source folders that exist. Call after each change: a source folder
    /// created (or deleted and created again, as `git checkout` may) since the last
    /// call is among `changed` and gets a fresh watch.
    pub fn refresh(&mut self, changed: &[PathBuf]) {
        if let Inner::Poll(_) = self.inner {
            return;
        }
        for name in SOURCES {
            let dir = self.root.join(name);
            let gone = changed.contains(&dir) || !dir.is_dir();
            if let Some(i) = self.watched.iter().position(|w| *w == dir).filter(|_| gone) {
                self.watched.remove(i);
                self.unwatch(&dir);
            }
            if dir.is_dir()
                && !self.watched.contains(&dir)
                && self.watch(&dir, RecursiveMode::Recursive).is_ok()
            {
                self.watched.push(dir);
            }
        }
    }
}

/// What a look at a file shows.
type Seen = (Option<SystemTime>, u64);

/// `--poll`: look at every source file every [`POLL_EVERY`] and report what differs.
fn poll_loop(
    root: &Path,
    mut known: HashMap<PathBuf, Seen>,
    stop: &AtomicBool,
    tx: &Sender<Signal>,
) {
    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(POLL_EVERY);
        let now = scan(root);
        let mut changed: Vec<PathBuf> = now
            .iter()
            .filter(|(path, seen)| known.get(*path) != Some(seen))
            .map(|(path, _)| path.clone())
            .chain(known.keys().filter(|p| !now.contains_key(*p)).cloned())
            .collect();
        known = now;
        if !changed.is_empty() {
            changed.sort();
            if tx.send(Signal::Changed(changed)).is_err() {
                return;
            }
        }
    }
}

fn scan(root: &Path) -> HashMap<PathBuf, Seen> {
    let look = |path: &Path| {
        std::fs::symlink_metadata(path)
            .ok()
            .map(|m| (m.modified().ok(), m.len()))
    };
    let mut seen = HashMap::new();
    let config = root.join(CONFIG);
    if let Some(s) = look(&config) {
        seen.insert(config, s);
    }
    for name in SOURCES {
        for entry in walkdir::WalkDir::new(root.join(name)).into_iter().flatten() {
            if entry.file_type().is_dir() || is_temporary(&entry.file_name().to_string_lossy()) {
                continue;
            }
            if let Some(s) = look(entry.path()) {
                seen.insert(entry.into_path(), s);
            }
        }
    }
    seen
}

/// Whether an event kind can mean a source changed. Opening or reading a file (the
/// rebuild itself does) does not.
fn counts(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

/// The paths of an event that belong to the site's sources and are not editors'
/// temporary files. A folder that was just created is listed with every file in
/// it: the kernel watch on a new folder starts only once the folder is seen, so
/// files written into it straight away raise no event of their own.
fn relevant(root: &Path, kind: &EventKind, paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        let Ok(rel) = path.strip_prefix(root) else {
            continue;
        };
        if !is_source(rel) || rel.iter().any(|part| is_temporary(&part.to_string_lossy())) {
            continue;
        }
        out.push(path.clone());
        let new_folder = matches!(kind, EventKind::Create(CreateKind::Folder))
            || matches!(kind, EventKind::Modify(ModifyKind::Name(_)));
        if new_folder && path.is_dir() {
            out.extend(
                walkdir::WalkDir::new(path)
                    .min_depth(1)
                    .into_iter()
                    .flatten()
                    .filter(|e| !is_temporary(&e.file_name().to_string_lossy()))
                    .map(|e| e.into_path()),
            );
        }
    }
    out
}

/// `site.yaml`, or anything in a source folder.
fn is_source(rel: &Path) -> bool {
    let mut parts = rel.iter();
    match parts.next() {
        Some(first) => {
            let first = first.to_string_lossy();
            (first == CONFIG && parts.next().is_none()) || SOURCES.contains(&first.as_ref())
        }
        None => false,
    }
}

/// Files editors write beside the real one while saving or for recovery: vim's
/// swap files and its `4913` probe, backups (`x~`, `x.bck`), Emacs lock and
/// auto-save files, JetBrains' safe-write files, and macOS's folder metadata.
pub fn is_temporary(name: &str) -> bool {
    name == "4913"
        || name == ".DS_Store"
        || name.ends_with('~')
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || [".swp", ".swx", ".swo", ".bck"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_temporary_files() {
        for name in [
            ".a.md.swp",
            ".a.md.swx",
            "a.md~",
            ".#a.md",
            "#a.md#",
            "4913",
            "a.md.bck",
            ".DS_Store",
        ] {
            assert!(is_temporary(name), "{name}");
        }
        for name in ["a.md", "4913.md", "style.css", "swp.md"] {
            assert!(!is_temporary(name), "{name}");
        }
    }

    #[test]
    fn sources() {
        assert!(is_source(Path::new("site.yaml")));
        assert!(is_source(Path::new("content/2021/a.md")));
        assert!(is_source(Path::new("themes/x/templates/base.html")));
        assert!(!is_source(Path::new("public/index.html")));
        assert!(!is_source(Path::new("site.yaml.bak")));
        assert!(!is_source(Path::new(".git/index")));
    }

    #[test]
    fn reading_is_not_a_change() {
        assert!(!counts(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(counts(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(counts(&EventKind::Remove(notify::event::RemoveKind::File)));
    }
}

//! The site as `serve` holds it in memory, and the rebuild that refreshes it.
//!
//! A rebuild runs the build pipeline ([`build::render_site_with`]) with the caches
//! `serve` keeps between rebuilds, so it re-reads only changed files and renders
//! only pages whose key changed; see `load/cache.rs` and `render/memo.rs` for what
//! is cached and why it cannot go stale. A failed rebuild changes nothing that
//! is served: the last good pages stay, and the errors go to the browser.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock, mpsc};
use std::time::{Duration, Instant};

use bytes::Bytes;
use serde::Serialize;

use crate::build::{self, BuildOptions};
use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::render::Theme;
use crate::render::memo::{Keys, Memo};
use crate::render::{OutputFile, StaticFile};
use crate::timings::Timings;

/// What is served: pages by output path (`ket-luan/x/index.html`), files copied as
/// they are (read when requested), and the errors of the last rebuild if it failed.
#[derive(Default)]
pub struct Snapshot {
    pub pages: Arc<HashMap<String, Bytes>>,
    pub copies: Arc<HashMap<String, StaticFile>>,
    /// Whether any build succeeded yet (otherwise there is nothing to show).
    pub built: bool,
    pub errors: Option<Arc<Errors>>,
}

/// The problems of a failed rebuild, for the browser's overlay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Errors {
    /// Exactly what the terminal prints.
    pub text: String,
    pub items: Vec<ErrorItem>,
    /// The overlay's own words, in the chosen language.
    pub words: OverlayWords,
}

/// What the overlay says around the problems.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OverlayWords {
    pub title: String,
    pub label: String,
    pub help: String,
    pub hide: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorItem {
    /// `path:line:col`
    pub location: String,
    pub code: &'static str,
    pub message: String,
    pub help: Option<String>,
}

impl Errors {
    pub fn new(problems: &[Diagnostic]) -> Self {
        let text = problems
            .iter()
            .map(Diagnostic::render)
            .collect::<Vec<_>>()
            .join("\n\n");
        let items = problems
            .iter()
            .map(|d| ErrorItem {
                location: d.location.to_string(),
                code: d.problem.code(),
                message: d.problem.to_string(),
                help: d.problem.help(),
            })
            .collect();
        let words = OverlayWords {
            title: crate::t!("serve-overlay-title", problems = problems.len()),
            label: crate::t!("serve-overlay-label"),
            help: crate::t!("serve-overlay-help"),
            hide: crate::t!("serve-overlay-hide"),
        };
        Self { text, items, words }
    }
}

/// What one rebuild did.
pub enum Outcome {
    Built {
        /// Output paths of pages added, changed or removed, sorted.
        pages: Vec<String>,
        /// URLs (`/static/style.css`) of copied files added, changed or removed.
        files: Vec<String>,
        /// The previous rebuild had failed.
        recovered: bool,
        /// Pages rendered, not reused from the last rebuild.
        rendered: usize,
        total_pages: usize,
        elapsed: Duration,
        timings: Timings,
    },
    Failed(Arc<Errors>),
}

/// Rebuilds the site into a shared [`Snapshot`].
pub struct Rebuilder {
    options: BuildOptions,
    cache: build::Cache,
    pub snapshot: Arc<RwLock<Arc<Snapshot>>>,
    /// The site and theme of the last good rebuild, which the next one may start
    /// from (see [`build::render_texts_with`]).
    last: Option<(Site, Arc<Theme>)>,
    /// The same, until its site-wide files are made.
    pending: Option<(Site, Arc<Theme>)>,
    /// Output paths of the site-wide files served now. Its lock is also held by
    /// whoever replaces the snapshot, so that rebuilds and the making of site-wide
    /// files (on another thread) do not overwrite each other.
    extras: Arc<Mutex<Served>>,
    /// Counts good rebuilds: site-wide files made for an older one are dropped.
    generation: Arc<AtomicU64>,
    /// To the thread that makes site-wide files (started with the first job).
    extras_jobs: Option<mpsc::Sender<ExtrasJob>>,
    /// Where [`Rebuilder::rebuild_watched`] renders (made at its first call).
    pool: Option<Arc<rayon::ThreadPool>>,
}

/// Site-wide files to make for the good rebuild numbered `generation`, then tell.
struct ExtrasJob {
    site: Site,
    theme: Arc<Theme>,
    generation: u64,
    then: Box<dyn FnOnce(Vec<String>) + Send>,
}

impl ExtrasJob {
    /// Make the site-wide files and hand their changed paths on, unless a newer
    /// rebuild superseded this one.
    fn run(self, work: &ExtrasWork) {
        if let Some(changed) = work.make(self.site, &self.theme, self.generation) {
            (self.then)(changed);
        }
    }
}

impl Rebuilder {
    pub fn new(options: BuildOptions) -> Self {
        let mut cache = build::Cache::default();
        cache.render.defer_extras = true;
        Self {
            options,
            cache,
            snapshot: Arc::default(),
            last: None,
            pending: None,
            extras: Arc::default(),
            generation: Arc::default(),
            extras_jobs: None,
            pool: None,
        }
    }

    /// A rebuilder that serves the same snapshot, starting afresh: it takes over
    /// from one left behind (see [`crate::render::budget::supervise`]).
    pub fn successor(&self) -> Self {
        Self {
            snapshot: Arc::clone(&self.snapshot),
            extras: Arc::clone(&self.extras),
            generation: Arc::clone(&self.generation),
            ..Self::new(self.options.clone())
        }
    }

    /// [`Rebuilder::rebuild`] on a thread and a pool of its own, watched (see
    /// [`crate::render::budget::supervise`]). When a render stalls, this
    /// rebuilder and its pool are left behind, asleep, and a [successor]
    /// (Rebuilder::successor) shows the error and takes over.
    pub fn rebuild_watched(&mut self, changed: &[PathBuf]) -> Outcome {
        let pool = self.pool();
        let next = self.successor();
        let mut mine = std::mem::replace(self, next);
        let changed = changed.to_vec();
        let watched = crate::render::budget::supervise(move || {
            let outcome = match &pool {
                Some(pool) => pool.install(|| mine.rebuild(&changed)),
                None => mine.rebuild(&changed),
            };
            (mine, outcome)
        });
        match watched {
            Ok((mine, outcome)) => {
                *self = mine;
                outcome
            }
            Err(stalled) => self.failed(&[stalled.diagnostic()]),
        }
    }

    fn pool(&mut self) -> Option<Arc<rayon::ThreadPool>> {
        if self.pool.is_none() {
            let pool = rayon::ThreadPoolBuilder::new()
                .thread_name(|i| format!("ketluan-render-{i}"))
                .build();
            self.pool = pool.ok().map(Arc::new);
        }
        self.pool.clone()
    }

    /// Serve what was served, with `problems` shown.
    pub fn failed(&self, problems: &[Diagnostic]) -> Outcome {
        let errors = Arc::new(Errors::new(problems));
        let extras = Arc::clone(&self.extras);
        let _extras = extras.lock().expect("no panics while holding it");
        let old = self.current();
        self.publish(Snapshot {
            pages: old.pages.clone(),
            copies: old.copies.clone(),
            built: old.built,
            errors: Some(errors.clone()),
        });
        Outcome::Failed(errors)
    }

    /// The site folder.
    pub fn root(&self) -> &std::path::Path {
        &self.options.root
    }

    pub fn current(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .expect("no panics while holding it")
            .clone()
    }

    /// Build again; `changed` are the files (or folders) the watcher reported, which
    /// are read again whatever their time stamps say.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Outcome {
        let started = Instant::now();
        if let Some(outcome) = self.rebuild_texts(changed, started) {
            return outcome;
        }
        self.cache.load.forget(changed.iter().map(PathBuf::as_path));
        let mut timings = Timings::default();
        let result = build::render_site_with(&self.options, &mut timings, Some(&mut self.cache));
        let extras = Arc::clone(&self.extras);
        let extras = extras.lock().expect("no panics while holding it");
        let old = self.current();
        let rendered = match result {
            Ok((site, theme, rendered)) => {
                let theme = Arc::new(theme);
                self.last = Some((site.clone(), theme.clone()));
                if let Some(old) = self.pending.replace((site, theme)) {
                    // Freeing a model takes a while; nobody waits for it.
                    crate::drop_later(old);
                }
                rendered
            }
            Err(problems) => {
                drop(extras);
                return self.failed(&problems);
            }
        };
        let mut pages: HashMap<String, Bytes> = HashMap::with_capacity(rendered.pages.len());
        let mut changed_pages = Vec::new();
        put(&mut pages, &old.pages, rendered.pages, &mut changed_pages);
        for (path, bytes) in old.pages.iter() {
            if pages.contains_key(path) {
                continue;
            }
            if extras.paths.contains(path) {
                // Served until the next site-wide files replace it.
                pages.insert(path.clone(), bytes.clone());
            } else {
                changed_pages.push(path.clone());
            }
        }
        changed_pages.sort();

        let copies: HashMap<String, StaticFile> = rendered
            .copies
            .into_iter()
            .map(|c| (c.path, c.source))
            .collect();
        let touched: BTreeSet<&PathBuf> = changed.iter().collect();
        let mut files: BTreeSet<String> = BTreeSet::new();
        for (path, source) in &copies {
            let differs = match (old.copies.get(path), source) {
                (Some(StaticFile::Disk(a)), StaticFile::Disk(b)) => a != b,
                (Some(StaticFile::Builtin(a)), StaticFile::Builtin(b)) => a != b,
                (Some(_), _) | (None, _) => true,
            };
            let edited = match source {
                StaticFile::Disk(p) => touched.iter().any(|t| p.starts_with(t)),
                StaticFile::Builtin(_) => false,
            };
            if differs || edited {
                files.insert(format!("/{path}"));
            }
        }
        for path in old.copies.keys().filter(|p| !copies.contains_key(*p)) {
            files.insert(format!("/{path}"));
        }
        if !old.built {
            files.clear();
        }

        let total_pages = pages.len();
        let recovered = old.errors.is_some();
        self.publish(Snapshot {
            pages: Arc::new(pages),
            copies: Arc::new(copies),
            built: true,
            errors: None,
        });
        self.generation.fetch_add(1, Ordering::SeqCst);
        drop(extras);
        crate::drop_later(old);
        Outcome::Built {
            pages: changed_pages,
            files: files.into_iter().collect(),
            recovered,
            rendered: self.cache.render.rendered(),
            total_pages,
            elapsed: started.elapsed(),
            timings,
        }
    }

    /// The rebuild after a save that changed only conclusions' texts: only their
    /// pages are rendered and replaced (see [`build::render_texts_with`]). `None`
    /// when it does not apply; nor does it while errors are shown, so that the full
    /// rebuild reports (or clears) them all.
    fn rebuild_texts(&mut self, changed: &[PathBuf], started: Instant) -> Option<Outcome> {
        let old = self.current();
        if !old.built || old.errors.is_some() {
            return None;
        }
        let (last, theme) = self.last.as_ref()?;
        let mut timings = Timings::default();
        let (site, pages) = build::render_texts_with(
            &self.options,
            last,
            theme,
            &mut self.cache,
            changed,
            &mut timings,
        )?;
        let theme = theme.clone();
        let rendered = pages.len();
        let mut changed_pages = Vec::new();
        if !pages.is_empty() {
            let extras = Arc::clone(&self.extras);
            let _extras = extras.lock().expect("no panics while holding it");
            let old = self.current();
            let next = timings.time("publish", || {
                let mut served = (*old.pages).clone();
                put(&mut served, &old.pages, pages, &mut changed_pages);
                Snapshot {
                    pages: Arc::new(served),
                    copies: old.copies.clone(),
                    built: true,
                    errors: None,
                }
            });
            self.publish(next);
            self.generation.fetch_add(1, Ordering::SeqCst);
            self.pending = Some((site.clone(), theme.clone()));
            crate::drop_later(old);
        }
        changed_pages.sort();
        let total_pages = self.current().pages.len();
        self.last = Some((site, theme));
        Some(Outcome::Built {
            pages: changed_pages,
            files: Vec::new(),
            recovered: false,
            rendered,
            total_pages,
            elapsed: started.elapsed(),
            timings,
        })
    }

    /// Make the site-wide files (feeds, sitemap, data export, search index) of the
    /// last good rebuild and serve them. They come after the pages, so that an edit
    /// shows without waiting for them: with `then`, on another thread, calling it with
    /// the output paths that changed (unless a newer rebuild made them obsolete);
    /// without, before returning. That thread makes them for the newest rebuild only:
    /// when saves come faster than it, those in between are skipped.
    pub fn make_extras(&mut self, then: Option<Box<dyn FnOnce(Vec<String>) + Send>>) {
        let Some((site, theme)) = self.pending.take() else {
            return;
        };
        let generation = self.generation.load(Ordering::SeqCst);
        let Some(then) = then else {
            self.extras_work().make(site, &theme, generation);
            return;
        };
        let job = ExtrasJob {
            site,
            theme,
            generation,
            then,
        };
        if self.extras_jobs.is_none() {
            let (tx, rx) = mpsc::channel::<ExtrasJob>();
            let work = self.extras_work();
            let started = crate::spawn_detached("ketluan-extras", move || {
                // Ends when the rebuilder is dropped.
                while let Ok(mut job) = rx.recv() {
                    // Only the newest job is worth doing.
                    while let Ok(newer) = rx.try_recv() {
                        job = newer;
                    }
                    job.run(&work);
                }
            });
            self.extras_jobs = started.then_some(tx);
        }
        match &self.extras_jobs {
            // The thread only stops when the sender is dropped.
            Some(sender) => {
                let _ = sender.send(job);
            }
            // No thread to be had: make them here, before the next rebuild.
            None => job.run(&self.extras_work()),
        }
    }

    fn extras_work(&self) -> ExtrasWork {
        ExtrasWork {
            snapshot: Arc::clone(&self.snapshot),
            extras: Arc::clone(&self.extras),
            generation: Arc::clone(&self.generation),
        }
    }

    fn publish(&self, next: Snapshot) {
        *self.snapshot.write().expect("no panics while holding it") = Arc::new(next);
    }
}

/// Serve `files` in `served`, adding to `changed` the paths whose bytes differ from
/// what `before` served (pages reused from the render cache are the same bytes, so
/// most compare by pointer).
fn put(
    served: &mut HashMap<String, Bytes>,
    before: &HashMap<String, Bytes>,
    files: Vec<OutputFile>,
    changed: &mut Vec<String>,
) {
    for f in files {
        let bytes = f.contents;
        let same = before.get(&f.path).is_some_and(|b| {
            (b.as_ptr() == bytes.as_ptr() && b.len() == bytes.len()) || *b == bytes
        });
        if !same {
            changed.push(f.path.clone());
        }
        served.insert(f.path, bytes);
    }
}

/// The site-wide files served now, and what the next making of them can carry
/// over: the keys of the feeds and data files, and the search index's tables (see
/// [`crate::render::memo::Memo`]).
#[derive(Default)]
struct Served {
    paths: HashSet<String>,
    keys: Keys,
    search: Option<Vec<u8>>,
}

/// What the making of site-wide files shares with the rebuilder.
struct ExtrasWork {
    snapshot: Arc<RwLock<Arc<Snapshot>>>,
    extras: Arc<Mutex<Served>>,
    generation: Arc<AtomicU64>,
}

impl ExtrasWork {
    /// Make the site-wide files of `site` (good rebuild number `of`) and serve them;
    /// the output paths that changed, or `None` when a newer rebuild came meanwhile.
    fn make(&self, site: Site, theme: &Theme, of: u64) -> Option<Vec<String>> {
        let stale = || self.generation.load(Ordering::SeqCst) != of;
        if stale() {
            return None;
        }
        // What the files served now were made from: taken, so that a making
        // overtaken by a newer rebuild leaves the next one to start afresh.
        let (paths, keys, search) = {
            let mut served = self.extras.lock().expect("no panics while holding it");
            let keys = std::mem::take(&mut served.keys);
            (served.paths.clone(), keys, Mutex::new(served.search.take()))
        };
        let load = || search.lock().expect("no panics while holding it").take();
        let next = Mutex::new(None);
        let save = |tables| *next.lock().expect("no panics while holding it") = Some(tables);
        let kept = Mutex::new(Vec::new());
        let keep = |path: &str| {
            let served = paths.contains(path);
            if served {
                kept.lock()
                    .expect("no panics while holding it")
                    .push(path.to_string());
            }
            Ok(served)
        };
        // Keys live as long as the process: its binary and options are the salt's.
        let memo = Memo::new(&keys, &keep, 0).with_search(&load, &save);
        let made = crate::render::render_extras(&site, theme, &mut Timings::default(), Some(&memo));
        drop(site);
        // Carrying a file over cannot fail here; a making that did gives way to the next.
        let files = made.ok()?;
        let keys = memo.into_keys().into_iter().collect();
        let search = next.into_inner().expect("no panics while holding it");
        let mut served = self.extras.lock().expect("no panics while holding it");
        if stale() {
            return None;
        }
        let old = self
            .snapshot
            .read()
            .expect("no panics while holding it")
            .clone();
        let mut pages = (*old.pages).clone();
        let mut changed = Vec::new();
        let kept = kept.into_inner().expect("no panics while holding it");
        let fresh: HashSet<String> = files.iter().map(|f| f.path.clone()).chain(kept).collect();
        for gone in served.paths.difference(&fresh) {
            pages.remove(gone);
            changed.push(gone.clone());
        }
        put(&mut pages, &old.pages, files, &mut changed);
        *served = Served {
            paths: fresh,
            keys,
            search,
        };
        let next = Snapshot {
            pages: Arc::new(pages),
            copies: old.copies.clone(),
            built: old.built,
            errors: old.errors.clone(),
        };
        *self.snapshot.write().expect("no panics while holding it") = Arc::new(next);
        changed.sort();
        Some(changed)
    }
}

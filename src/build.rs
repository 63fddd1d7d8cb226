//! One build: load → model → render → write. `serve` and `check` reuse the same
//! steps, so there is one pipeline.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::cache::{self, BuildCache, Inputs, State};
use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Location, Problem};
use crate::linkcheck;
use crate::load;
use crate::model::{Site, Stamp};
use crate::render::deps::Deps;
use crate::render::memo::Memo;
use crate::render::{self, Rendered, Theme};
use crate::timings::Timings;
use crate::write::{self, WriteError};

/// What `ketluan build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Replace an output folder that ketluan did not write (never `/`, the home
    /// folder or the site itself).
    pub force: bool,
}

/// What a successful build did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildReport {
    pub conclusions: usize,
    /// Content files parsed (the others were taken parsed from the build cache).
    pub parsed: usize,
    pub pages: usize,
    pub files: usize,
    /// Pages carried over from the last build unrendered (their inputs unchanged).
    pub reused: usize,
    /// Pages whose context was built to make their key: the others were known
    /// unchanged from the dependency map (see [`render::deps`]).
    pub keyed: usize,
    /// Files carried over from the last build unmade: those pages, and site-wide
    /// files such as feeds.
    pub carried: usize,
    /// Nothing changed since the last build: the output was left as it was.
    pub up_to_date: bool,
    pub elapsed: Duration,
    pub timings: Timings,
}

/// What `serve` keeps between rebuilds so that each one redoes only what changed:
/// parsed content files ([`load::Cache`]) and the last render ([`render::Cache`],
/// by the same page keys as the build cache). Each module says why its cache cannot
/// go stale.
#[derive(Default)]
pub struct Cache {
    pub load: load::Cache,
    pub render: render::Cache,
}

/// Load and index the site at `options.root`, and load its theme.
pub fn load_site(
    options: &BuildOptions,
    timings: &mut Timings,
) -> Result<(Site, Theme), Vec<Diagnostic>> {
    load_site_with(options, timings, None, true)
}

/// `store_texts`: see [`load::Options::store_texts`].
fn load_site_with(
    options: &BuildOptions,
    timings: &mut Timings,
    cache: Option<&mut load::Cache>,
    store_texts: bool,
) -> Result<(Site, Theme), Vec<Diagnostic>> {
    let loaded = timings.time("load", || {
        let load_options = load::Options {
            root: options.root.clone(),
            base_url: options.base_url.clone(),
            drafts: options.drafts,
            store_texts,
        };
        load::load_with(&load_options, cache)
    })?;
    let theme = timings.time("theme", || load_theme(&options.root, &loaded.config))?;
    let site = timings.time("index", || {
        Site::new(loaded.config, loaded.conclusions, &loaded.registry)
    });
    Ok((site, theme))
}

/// Load, index and render the site at `options.root` into memory, writing nothing.
pub fn render_site(
    options: &BuildOptions,
    timings: &mut Timings,
) -> Result<(Site, Rendered), Vec<Diagnostic>> {
    render_site_with(options, timings, None).map(|(site, _, rendered)| (site, rendered))
}

/// [`render_site`], redoing only what `cache` does not hold unchanged (for `serve`).
/// Also returns the theme, for [`render::render_extras`] when the cache defers them.
pub fn render_site_with(
    options: &BuildOptions,
    timings: &mut Timings,
    cache: Option<&mut Cache>,
) -> Result<(Site, Theme, Rendered), Vec<Diagnostic>> {
    let (load_cache, render_cache) = match cache {
        Some(c) => (Some(&mut c.load), Some(&mut c.render)),
        None => (None, None),
    };
    // `serve` renders again and again: it keeps the bodies.
    let (site, theme) = load_site_with(options, timings, load_cache, false)?;
    let rendered = render::render_site_with(&site, &theme, timings, render_cache)?;
    Ok((site, theme, rendered))
}

/// `serve`'s rebuild after the watcher named only content files that the last load
/// read: read them again and, when each differs from its conclusion in `last` only
/// in its text ([`crate::model::Conclusion::same_but_text`], what saving an edited
/// body is), the next site is `last` with those conclusions replaced, and only
/// their pages change (the site-wide files aside: [`render::render_extras`]).
/// Returns that site and those pages (none for a save that changed nothing).
///
/// `None` when that does not hold, or a file now fails to load or render: then
/// [`render_site_with`] rebuilds everything and reports every problem.
pub fn render_texts_with(
    options: &BuildOptions,
    last: &Site,
    theme: &Theme,
    cache: &mut Cache,
    changed: &[PathBuf],
    timings: &mut Timings,
) -> Option<(Site, Vec<render::OutputFile>)> {
    let content = options.root.join(load::CONTENT_DIR);
    let is_markdown = |p: &Path| {
        p.starts_with(&content) && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("md"))
    };
    if changed.is_empty() || !changed.iter().all(|p| is_markdown(p)) {
        return None;
    }
    let (site, edited) = timings.time("load", || {
        let mut site = last.clone();
        let mut edited = Vec::new();
        for path in changed {
            let parsed = load::reload(&options.root, path, &mut cache.load)?.ok()?;
            let i = site
                .conclusions
                .iter()
                .position(|c| c.file == parsed.file)?;
            let old = &site.conclusions[i];
            let mut parsed = Arc::unwrap_or_clone(parsed);
            // Files bundled beside the page come from the folder, which did not change.
            parsed.files = old.files.clone();
            if parsed != **old {
                site = site.with_text_of(i, Arc::new(parsed))?;
                edited.push(i);
            }
        }
        edited.sort_unstable();
        edited.dedup();
        Some((site, edited))
    })?;
    if edited.is_empty() {
        return Some((site, Vec::new()));
    }
    let pages = timings.time("pages", || {
        render::render_conclusions(&site, theme, &cache.render, &edited)
    })?;
    Some((site, pages.ok()?))
}

/// The theme the site's config names, read and compiled, with every problem of
/// both stages.
pub fn load_theme(root: &Path, config: &SiteConfig) -> Result<Theme, Vec<Diagnostic>> {
    let (files, mut problems) = load::theme::read(root, config);
    match files.map(Theme::compile) {
        Some(Ok(theme)) if problems.is_empty() => Ok(theme),
        Some(Err(errors)) => {
            problems.extend(errors);
            Err(problems)
        }
        _ => Err(problems),
    }
}

/// Build the site into its output folder. Pages are written as they are rendered,
/// into a staging folder that replaces the output only if everything succeeded.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    run(options, false)
}

/// [`build`], but first verify every internal link and anchor of the output; with a
/// broken one, nothing is written and the previous output stays.
pub fn build_checking_links(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    run(options, true)
}

/// [`unwatched`], with a render over budget where it could not be failed (see
/// [`render::budget`]) reported instead of waited for.
fn run(options: &BuildOptions, check_links: bool) -> Result<BuildReport, Vec<Diagnostic>> {
    let options = options.clone();
    render::budget::supervise(move || unwatched(&options, check_links))
        .unwrap_or_else(|stalled| Err(vec![stalled.diagnostic()]))
}

fn unwatched(options: &BuildOptions, check_links: bool) -> Result<BuildReport, Vec<Diagnostic>> {
    let started = Instant::now();
    let output = output_dir(options);
    check_output(&options.root, &output)?;
    let output_error = |e: WriteError| output_problem(&output, &e);
    let _lock = write::Lock::acquire(&output).map_err(output_error)?;
    write::recover(&output);
    let mut timings = Timings::default();
    let salt = cache::salt(&[
        options.base_url.as_deref().unwrap_or("(site.yaml)"),
        if options.drafts {
            "drafts"
        } else {
            "published"
        },
    ]);
    let store = timings.time("state", || BuildCache::open(&output, salt));
    let last = &store.last;
    let inputs = timings.time("inputs", || Inputs::scan(&options.root, &last.inputs));
    let manifest = write::manifest_path(&output);
    // The keys and counts describe the output only if it is the one they were saved with.
    let ours = last.manifest.is_some() && last.manifest == cache::manifest_hash(&manifest);
    if ours
        && inputs.same_site(&last.inputs)
        && (last.links_checked || !check_links)
        && timings.time("verify", || write::intact(&output))
    {
        write::changes::write_none(&output).map_err(|e| output_error(e.into()))?;
        // New stamps (a file touched) let the next scan trust more of them; the
        // same ones need no writing (at 100,000 conclusions the state is 30 MB).
        if !inputs.same_stamps(&last.inputs) {
            store.save_state(&State {
                inputs,
                ..last.clone()
            });
        }
        return Ok(BuildReport {
            conclusions: last.conclusions,
            parsed: 0,
            pages: last.pages,
            files: last.files,
            reused: last.pages,
            keyed: 0,
            carried: last.files,
            up_to_date: true,
            elapsed: started.elapsed(),
            timings,
        });
    }
    // Only the bytes of some content files changed: perhaps only their texts.
    let changed = inputs
        .changed_files(&last.inputs)
        .filter(|files| ours && !check_links && !files.is_empty());
    let kept = last.manifest.filter(|_| ours);
    let work = Work {
        options,
        store: &store,
        salt,
        inputs: &inputs,
        changed: changed.as_deref(),
        output: &output,
    };
    let (loaded, beside) = load_beside_staging(&work, kept, &mut timings);
    let Beside {
        prepared,
        intact,
        keys,
        deps,
    } = beside;
    let (site, theme, parsed, previous) = loaded?;
    let edits = changed
        .as_deref()
        .and_then(|files| text_edits(&site, files, &previous));
    drop(previous);
    let mut staging = timings
        .time("stage", || prepared.and_then(write::Prepared::begin))
        .map_err(output_error)?;
    staging.compare_with(&store.manifest());
    if let Some(intact) = &intact {
        staging.trust(intact);
    }
    let made = if check_links {
        render_checked(&site, &theme, &output, &staging, &mut timings)?
    } else {
        let load = || store.search(kept);
        let save = |tables: Vec<u8>| store.stage_search(&tables);
        let last = Last {
            keys: &keys,
            deps: deps.as_ref(),
            search: (&load, &save),
            salt,
        };
        match (edits, intact, deps.is_some()) {
            (Some(edited), Some(intact), true) => {
                let edits = Edits {
                    edited: &edited,
                    intact: &intact,
                    pages: store.last.pages,
                };
                render_edits(&site, &theme, &staging, last, edits, &mut timings)
                    .map_err(|e| e.into_diagnostics(&output))?
            }
            _ => render_memo(&site, &theme, &staging, last, &mut timings)?,
        }
    };
    timings
        .time("write", || staging.copy(&made.copies))
        .map_err(output_error)?;
    let conclusions = site.conclusions.len();
    crate::drop_later(site);
    // Every input has been read: the scan that tells whether one changed meanwhile
    // runs beside the swap.
    let (files, after) = std::thread::scope(|s| {
        let rescan = s.spawn(|| {
            let mut t = Timings::default();
            let after = t.time("rescan", || Inputs::scan(&options.root, &inputs));
            (after, t)
        });
        let files = timings.time("commit", || staging.commit());
        let (after, t) = rescan
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        timings.phases.extend(t.phases);
        (files, after)
    });
    let files = files.map_err(output_error)?;
    // An input changed during the build: the output may be of either version, so
    // the next build must not take it for this scan's (the keys stay true: they
    // were made from what was read).
    let inputs = if after.same_site(&inputs) {
        inputs
    } else {
        after.untrusted()
    };
    let state = State {
        salt,
        inputs,
        manifest: cache::manifest_hash(&manifest),
        conclusions,
        pages: made.pages,
        files,
        links_checked: check_links,
    };
    timings.time("cache", || {
        store.save(
            &state,
            &made.keys,
            made.deps.as_ref(),
            made.search,
            &manifest,
        );
    });
    crate::drop_later((keys, deps, made.keys, made.deps));
    Ok(BuildReport {
        conclusions,
        parsed,
        pages: made.pages,
        files,
        reused: made.reused,
        keyed: made.pages - made.unkeyed,
        carried: made.carried,
        up_to_date: false,
        elapsed: started.elapsed(),
        timings,
    })
}

/// What a build is working with, past its scan of the inputs.
struct Work<'a> {
    options: &'a BuildOptions,
    store: &'a BuildCache,
    salt: u128,
    inputs: &'a Inputs,
    /// The content files whose bytes alone changed since the last build.
    changed: Option<&'a [&'a str]>,
    output: &'a Path,
}

/// What a build reads of the last one while the site loads.
struct Beside {
    /// The staging folder, prepared but not begun.
    prepared: Result<write::Prepared, WriteError>,
    /// Whether the output was intact, asked only when just content files changed.
    intact: Option<write::Intact>,
    /// The page keys and dependency map of the output's build (`kept`).
    keys: render::memo::Keys,
    deps: Option<Deps>,
}

/// [`load_parsing_changed`], and beside it what else the build needs of the last
/// one, none of which depends on the site (its survey of the spare and its looks at
/// the output are one thread's work). The staging folder is begun, taking the spare
/// up, only once the site has loaded, so that a site with errors leaves the spare.
fn load_beside_staging(
    work: &Work,
    kept: Option<u64>,
    timings: &mut Timings,
) -> (Result<Loaded, Vec<Diagnostic>>, Beside) {
    std::thread::scope(|s| {
        let beside = s.spawn(|| {
            let mut t = Timings::default();
            // Before anything is linked into the staging folder (see `write::verify`).
            let intact = work
                .changed
                .and_then(|_| t.time("verify", || write::verify(work.output)));
            let prepared = t.time("survey", || {
                write::Staging::prepare(work.output, work.options.force)
            });
            let (keys, deps) = t.time("keys", || (work.store.keys(kept), work.store.deps(kept)));
            let beside = Beside {
                prepared,
                intact,
                keys,
                deps,
            };
            (beside, t)
        });
        let loaded = load_parsing_changed(work, timings);
        let (beside, t) = beside
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        timings.phases.extend(t.phases);
        (loaded, beside)
    })
}

/// A loaded site, its theme, how many content files were parsed, and what the last
/// build parsed of those that changed.
type Loaded = (Site, Theme, usize, Previous);

/// [`load_site`], parsing only the content files that the build cache does not
/// hold parsed from the same bytes, and saving what it parsed for the next build
/// (even when the site has errors: the files that parsed stay parsed). Also
/// returns how many files it parsed.
///
/// With `changed`, the content files whose bytes alone changed since the last
/// build, also returns what that build parsed of them (by path below the root).
fn load_parsing_changed(work: &Work, timings: &mut Timings) -> Result<Loaded, Vec<Diagnostic>> {
    let Work {
        options,
        store,
        salt,
        inputs,
        changed,
        ..
    } = *work;
    let known = |rel: &str| {
        let (hash, len, mtime) = inputs.file(rel)?;
        let since = Duration::from_nanos(u64::try_from(mtime).ok()?);
        Some((hash, Stamp::new(std::time::UNIX_EPOCH + since, len)))
    };
    let root = &options.root;
    let (saved, mut parsed, previous) = timings.time("parsed", || {
        let saved = store.parsed(salt, root);
        let records = saved.records();
        let parsed = load::Cache::from_records(&records, root, &known);
        let changed: Option<std::collections::HashSet<&str>> =
            changed.map(|files| files.iter().copied().collect());
        let was = |rel: &str| {
            let (hash, _, _) = store.last.inputs.file(rel)?;
            changed.as_ref()?.contains(rel).then_some(hash)
        };
        let previous = match &changed {
            Some(_) => load::Cache::previous(&records, &was),
            None => Previous::new(),
        };
        (saved, parsed, previous)
    });
    let loaded = load_site_with(options, timings, Some(&mut parsed), true);
    timings.time("parsed", || {
        let fresh = parsed.to_records(root, &known, true);
        saved.save(&fresh, parsed.len(), || {
            parsed.to_records(root, &known, false)
        });
    });
    let fresh = parsed.parsed();
    crate::drop_later((saved, parsed));
    loaded.map(|(site, theme)| (site, theme, fresh, previous))
}

/// Conclusions as an earlier build parsed them, by their file's path below the root.
type Previous = std::collections::HashMap<String, crate::model::Conclusion>;

/// The conclusions of `site` whose files are those `changed` since the last build
/// (as it parsed them: `previous`), when each differs only in its text (see
/// [`crate::model::Conclusion::same_but_text`]); `None` when any differs in more,
/// or is not a conclusion.
fn text_edits(site: &Site, changed: &[&str], previous: &Previous) -> Option<Vec<usize>> {
    let at: std::collections::HashMap<&Path, usize> = site
        .conclusions
        .iter()
        .enumerate()
        .map(|(i, c)| (c.file.as_path(), i))
        .collect();
    let mut edited = changed
        .iter()
        .map(|rel| {
            let was = previous.get(*rel)?;
            let i = *at.get(was.file.as_path())?;
            was.same_but_text(&site.conclusions[i]).then_some(i)
        })
        .collect::<Option<Vec<usize>>>()?;
    edited.sort_unstable();
    edited.dedup();
    Some(edited)
}

/// What the render of a build put into its staging folder.
struct Made {
    pages: usize,
    reused: usize,
    /// Pages carried over without a key made.
    unkeyed: usize,
    carried: usize,
    copies: Vec<render::CopiedFile>,
    /// Each page's key (see [`render::memo`]), for the next build.
    keys: Vec<(String, render::memo::Key)>,
    /// What each conclusion's and document's page shows (see [`render::deps`]).
    deps: Option<Deps>,
    /// Whether the search index's tables were staged for the next build.
    search: bool,
}

/// What the last build left for this one to compare with.
struct Last<'a> {
    keys: &'a render::memo::Keys,
    deps: Option<&'a Deps>,
    /// Reads the search index's tables the last build saved, and keeps this
    /// build's.
    search: (render::memo::Load<'a>, render::memo::Save<'a>),
    /// What every page depends on outside the site (binary, options).
    salt: u128,
}

/// An edit of texts alone, for [`render_edits`].
struct Edits<'a> {
    /// The conclusions whose texts changed.
    edited: &'a [usize],
    intact: &'a write::Intact,
    /// Pages of the last build, which this one has too.
    pages: usize,
}

/// Render what an edit of texts alone changes (see [`render::render_text_edits`])
/// into `staging`, and carry the rest over from the output, which was intact.
fn render_edits(
    site: &Site,
    theme: &Theme,
    staging: &write::Staging,
    last: Last,
    edits: Edits,
    timings: &mut Timings,
) -> Result<Made, EditError> {
    let keep = |rel: &str| staging.keep(rel);
    let memo = last.memo(&keep);
    let sink = |f: render::OutputFile| staging.put(&f);
    let copies = render::render_text_edits(site, theme, timings, &sink, &memo, edits.edited)
        .map_err(EditError::Site)?;
    // The index's folder aside, which the render made whole: a term's last use may
    // have gone with an edit.
    let index = format!("{}/", crate::routes::SEARCH_INDEX_DIR);
    let kept = timings
        .time("carry", || {
            staging.copy(&copies)?;
            Ok::<_, WriteError>(staging.keep_rest(edits.intact, |rel| rel.starts_with(&index))?)
        })
        .map_err(EditError::Output)?;
    let rendered: std::collections::HashSet<String> = edits
        .edited
        .iter()
        .map(|&i| crate::routes::Route::Conclusion(site.conclusions[i].slug.as_str()).output_file())
        .collect();
    let mut keys: Vec<(String, render::memo::Key)> = last
        .keys
        .iter()
        .filter(|(path, _)| !rendered.contains(*path))
        .map(|(path, key)| (path.clone(), *key))
        .collect();
    let carried = memo.carried() + kept;
    let deps = memo.take_deps();
    let search = memo.search_saved();
    keys.extend(memo.into_keys());
    let unchanged = edits.pages.saturating_sub(rendered.len());
    Ok(Made {
        pages: edits.pages,
        reused: unchanged,
        unkeyed: unchanged,
        carried,
        copies: Vec::new(),
        keys,
        deps,
        search,
    })
}

/// Why [`render_edits`] failed.
enum EditError {
    Site(Vec<Diagnostic>),
    Output(WriteError),
}

impl EditError {
    fn into_diagnostics(self, output: &Path) -> Vec<Diagnostic> {
        match self {
            EditError::Site(problems) => problems,
            EditError::Output(e) => output_problem(output, &e),
        }
    }
}

/// The one diagnostic of a failure to write the site into `output`.
fn output_problem(output: &Path, e: &WriteError) -> Vec<Diagnostic> {
    let (reason, help) = write::safety::explain(e);
    vec![Diagnostic::new(
        Location::file(output),
        Problem::Output { reason, help },
    )]
}

impl<'a> Last<'a> {
    /// A memo comparing with the last build, carrying files over with `keep`.
    fn memo(&self, keep: render::memo::Keep<'a>) -> Memo<'a> {
        let (load, save) = self.search;
        Memo::new(self.keys, keep, self.salt)
            .with_deps(self.deps)
            .with_search(load, save)
    }
}

fn is_page(path: &str) -> bool {
    path.ends_with(".html")
}

/// Render the site into `staging` as it goes, carrying over from the output every
/// page that `last` shows unchanged, and the search index's entries that the last
/// build's tables hold unchanged.
fn render_memo(
    site: &Site,
    theme: &Theme,
    staging: &write::Staging,
    last: Last,
    timings: &mut Timings,
) -> Result<Made, Vec<Diagnostic>> {
    let pages = AtomicUsize::new(0);
    let count = |path: &str| {
        if is_page(path) {
            pages.fetch_add(1, Ordering::Relaxed);
        }
    };
    let keep = |rel: &str| {
        let kept = staging.keep(rel)?;
        if kept {
            count(rel);
        }
        Ok(kept)
    };
    let memo = last.memo(&keep);
    let sink = |f: render::OutputFile| {
        count(&f.path);
        staging.put(&f)
    };
    let copies = render::render_site_memo(site, theme, timings, &sink, &memo)?;
    Ok(Made {
        reused: memo.reused(),
        unkeyed: memo.unkeyed(),
        carried: memo.carried(),
        deps: memo.take_deps(),
        search: memo.search_saved(),
        keys: memo.into_keys(),
        pages: pages.into_inner(),
        copies,
    })
}

/// Render the whole site into memory, check every internal link and anchor of it,
/// and only then put it into `staging`: with a broken link, nothing is written.
fn render_checked(
    site: &Site,
    theme: &Theme,
    output: &Path,
    staging: &write::Staging,
    timings: &mut Timings,
) -> Result<Made, Vec<Diagnostic>> {
    use rayon::prelude::*;
    let rendered = render::render_site(site, theme, timings)?;
    let broken = timings.time("links", || {
        linkcheck::check_output_at_sources(&rendered, site, theme, output)
    });
    if !broken.is_empty() {
        return Err(broken);
    }
    timings
        .time("write", || {
            rendered.pages.par_iter().try_for_each(|f| staging.put(f))
        })
        .map_err(|e| output_problem(output, &WriteError::from(e)))?;
    Ok(Made {
        pages: rendered.pages.iter().filter(|f| is_page(&f.path)).count(),
        reused: 0,
        unkeyed: 0,
        carried: 0,
        copies: rendered.copies,
        keys: Vec::new(),
        deps: None,
        search: false,
    })
}

pub fn output_dir(options: &BuildOptions) -> PathBuf {
    options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"))
}

/// The output folder is replaced wholesale, so it must not be the site itself or
/// hold any of its sources.
fn check_output(root: &Path, output: &Path) -> Result<(), Vec<Diagnostic>> {
    let (root, out) = (resolved(root), resolved(output));
    let sources = ["content", "templates", "themes", "static", "site.yaml"];
    // Replacing `/`, `~`, `/etc` or a folder named `..` would delete far more than
    // a site.
    let unnamed = !matches!(
        out.components().next_back(),
        Some(std::path::Component::Normal(_))
    );
    let bad = unnamed
        || write::safety::refused_output(&out).is_some()
        || root.starts_with(&out)
        || sources.iter().any(|s| out.starts_with(root.join(s)));
    if bad {
        return Err(vec![Diagnostic::new(
            Location::file(output),
            Problem::InvalidValue {
                key: "output",
                value: output.display().to_string(),
                expected: "expected-output-folder",
            },
        )]);
    }
    // The swap renames the output path: a link would be replaced, not what it names.
    if std::fs::symlink_metadata(output).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(vec![Diagnostic::new(
            Location::file(output),
            Problem::InvalidValue {
                key: "output",
                value: output.display().to_string(),
                expected: "expected-output-not-link",
            },
        )]);
    }
    Ok(())
}

/// `path` as the system will find it: absolute, with `..` and symbolic links
/// resolved, so that `--output ../site` or a link to the site is seen to be the
/// site. The part that does not exist yet (a new output folder) is taken as written,
/// its `..` applied by name.
fn resolved(path: &Path) -> PathBuf {
    use std::path::Component;
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let parts: Vec<Component> = abs.components().collect();
    for known in (0..=parts.len()).rev() {
        let Ok(mut out) = parts[..known].iter().collect::<PathBuf>().canonicalize() else {
            continue;
        };
        for part in &parts[known..] {
            match part {
                Component::ParentDir => {
                    out.pop();
                }
                Component::Normal(name) => out.push(name),
                _ => {}
            }
        }
        return out;
    }
    abs
}

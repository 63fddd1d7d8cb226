//! Stage 3: the model → HTML pages. Builds each conclusion's and document's template
//! value once (see `docs/templates.md`), then renders every page in parallel: its
//! context is assembled from those shared values, its Markdown body (for a
//! conclusion page) is rendered, and the result goes straight to a sink, so memory
//! does not grow with the number of pages.

pub mod budget;
pub mod context;
pub mod data;
pub mod deps;
pub mod doc_index;
pub mod feeds;
pub mod markdown;
pub mod memo;
pub mod search;
pub mod sitemap;
pub mod templates;
mod wire;

use std::sync::Mutex;

use rayon::prelude::*;
use tera::{Map, Value};

use crate::diagnostic::{Diagnostic, Location, Problem};
use crate::model::document::Document;
use crate::model::{Conclusion, Site, date};
use crate::routes::Route;
use crate::timings::Timings;
use context::{Builder, FeedLink, UnitCtx, province_ref};
use doc_index::DocIndex;
pub use memo::Cache;
use memo::{Ctx, Digests, Memo};
use sitemap::SitemapEntry;
pub use templates::{StaticFile, Theme};

/// One output file, by its path relative to the output root (`/`-separated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    /// Shared: `serve` keeps pages between renders. `Bytes`, not `Arc<[u8]>`: made
    /// from the rendered `Vec` without copying it.
    pub contents: bytes::Bytes,
}

/// A file copied as is: static assets and attachments.
#[derive(Debug, Clone)]
pub struct CopiedFile {
    pub path: String,
    pub source: StaticFile,
}

/// Everything a build writes, in memory (for `serve` and tests).
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Sorted by path.
    pub pages: Vec<OutputFile>,
    pub copies: Vec<CopiedFile>,
}

/// Where rendered pages go as soon as each is ready (the output folder, or memory).
pub type Sink<'a> = &'a (dyn Fn(OutputFile) -> std::io::Result<()> + Sync);

/// Render every page of `site` into memory.
pub fn render_site(
    site: &Site,
    theme: &Theme,
    timings: &mut Timings,
) -> Result<Rendered, Vec<Diagnostic>> {
    render_site_with(site, theme, timings, None)
}

/// [`render_site`], rendering again only the pages that `cache` (the last render)
/// does not hold unchanged, and refreshing it (for `serve`).
pub fn render_site_with(
    site: &Site,
    theme: &Theme,
    timings: &mut Timings,
    cache: Option<&mut Cache>,
) -> Result<Rendered, Vec<Diagnostic>> {
    let pages = Mutex::new(Vec::new());
    let sink = |f: OutputFile| {
        pages.lock().expect("no panics while holding it").push(f);
        Ok(())
    };
    let copies = render_pages(site, theme, timings, &sink, cache, None)?;
    let mut pages = pages.into_inner().expect("no panics while holding it");
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Rendered { pages, copies })
}

/// Render every page of `site` into `sink`; returns the files to copy beside them.
/// Fails with every distinct template error (and the first sink error).
pub fn render_site_to(
    site: &Site,
    theme: &Theme,
    timings: &mut Timings,
    sink: Sink,
) -> Result<Vec<CopiedFile>, Vec<Diagnostic>> {
    render_pages(site, theme, timings, sink, None, None)
}

/// [`render_site_to`], but a page whose key `memo` finds unchanged since the last
/// build is carried over from the output rather than rendered (see [`memo`]).
pub fn render_site_memo(
    site: &Site,
    theme: &Theme,
    timings: &mut Timings,
    sink: Sink,
    memo: &Memo,
) -> Result<Vec<CopiedFile>, Vec<Diagnostic>> {
    render_pages(site, theme, timings, sink, None, Some(memo))
}

fn render_pages(
    site: &Site,
    theme: &Theme,
    timings: &mut Timings,
    sink: Sink,
    mut cache: Option<&mut Cache>,
    memo: Option<&Memo>,
) -> Result<Vec<CopiedFile>, Vec<Diagnostic>> {
    if let Some(cache) = cache.as_deref_mut() {
        cache.begin();
    }
    let kept = cache.as_deref();
    let (builder, now) = timings.time("contexts", || {
        let mut pages = Pages::new(Builder::with_cache(site, kept), theme, kept);
        // `serve`'s keys live as long as the process, which is their salt.
        let salt = memo.map(Memo::salt).or(kept.map(|_| 0));
        let now = salt.map(|salt| {
            let (digests, now) = pages.digests(salt);
            pages.digests = Some(digests);
            now
        });
        (pages, now)
    });
    // The pages that need no key: nothing they show changed (see [`deps`]).
    let last_deps = memo
        .and_then(Memo::last_deps)
        .or_else(|| kept.and_then(Cache::last_deps));
    let clean = now.as_ref().and_then(|now| now.clean(last_deps));
    if let Some(memo) = memo {
        memo.set_values_unchanged(clean.as_ref().is_some_and(deps::Clean::values_unchanged));
    }
    let recorder = now.map(deps::Now::recorder);
    // A page known unchanged, carried over from the output or `serve`'s last render.
    let carry = |page: Page| -> Result<bool, Diagnostic> {
        let Some(path) = builder.path_of(page) else {
            return Ok(false);
        };
        if let Some(memo) = memo {
            return memo.reuse_unchanged(&path).map_err(output_problem);
        }
        match kept.and_then(|c| c.reuse_unchanged(&path)) {
            Some(contents) => sink(OutputFile { path, contents })
                .map(|()| true)
                .map_err(output_problem),
            None => Ok(false),
        }
    };
    let plan = builder.plan();
    let order = builder.render_order(&plan);
    // `serve` renders the site-wide files after publishing the pages; a build makes
    // them while the pages render (they are mostly one thread's work).
    let defer = kept.is_some_and(|c| c.defer_extras);
    let index = (site.config.search && !defer).then(|| search::Index::new(site.conclusions.len()));
    let mut extra_timings = Timings::default();
    // Only failures are collected: a page written is forgotten.
    let (mut failures, extra): (Vec<Diagnostic>, _) = rayon::join(
        || {
            timings.time("pages", || {
                // One page at a time, so that an idle core can take any page.
                order
                    .par_iter()
                    .with_max_len(1)
                    .map(|&page| {
                        let shown = builder.dep_id(page).zip(recorder.as_ref());
                        if let Some((p, recorder)) = shown
                            && let Some(shows) = clean.as_ref().and_then(|c| c.get(p))
                            && carry(page)?
                        {
                            recorder.record(p, shows);
                            return Ok(());
                        }
                        let made = builder.context(page)?;
                        if let Some((p, recorder)) = shown {
                            recorder.record(p, &made.shows);
                        }
                        let key = builder.digests.as_ref().map(|d| builder.key(d, &made));
                        if let Some(key) = key {
                            if let Some(memo) = memo
                                && memo.reuse(&made.path, key).map_err(output_problem)?
                            {
                                return Ok(());
                            }
                            if let Some(contents) = kept.and_then(|c| c.reuse(&made.path, key)) {
                                let path = made.path;
                                return sink(OutputFile { path, contents }).map_err(output_problem);
                            }
                        }
                        let (page, fragment) = builder.render(made, index.as_ref())?;
                        if let Some(fragment) = fragment {
                            sink(fragment).map_err(output_problem)?;
                        }
                        if let Some((cache, key)) = kept.zip(key) {
                            cache.rendered_page(&page.path, key, page.contents.clone());
                        }
                        sink(page).map_err(output_problem)
                    })
                    .filter_map(Result::err)
                    .collect()
            })
        },
        || {
            let mut written = Vec::new();
            if !defer {
                let failed = extras(&builder, &plan, memo, &mut extra_timings, &mut |files| {
                    sink_all(sink, files, &mut written)
                });
                written.extend(failed);
            }
            written
        },
    );
    timings.phases.extend(extra_timings.phases);
    failures.extend(extra);
    if let Some(index) = index.filter(|_| failures.is_empty()) {
        let mut written = Vec::new();
        let unread = search_index(site, &builder.b, index, memo, timings, &mut |files| {
            sink_all(sink, files, &mut written)
        });
        failures.extend(written.into_iter().chain(unread));
    }
    let problems = templates::distinct(failures);
    let deps = recorder
        .filter(|_| problems.is_empty())
        .and_then(deps::Recorder::finish);
    let values = builder.b.values;
    match cache {
        Some(cache) if problems.is_empty() => {
            cache.keep_values(values);
            cache.keep_deps(deps);
            cache.finish();
        }
        Some(cache) => {
            cache.abandon();
            crate::drop_later(values);
        }
        None => {
            if let Some(memo) = memo {
                memo.set_deps(deps);
            }
            crate::drop_later(values);
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(copies(site, theme))
}

/// After an edit of the texts alone of the conclusions at `edited` since the build
/// `memo` compares with (see [`Conclusion::same_but_text`]), the only files of the
/// site that change: their pages, and the search index. Every listing, feed,
/// sitemap and data file shows no text, and every page shows the same conclusions
/// and documents as before: the caller carries the rest over from the output.
/// The dependency map for the next build is the last one, with these bodies.
pub fn render_text_edits(
    site: &Site,
    theme: &Theme,
    timings: &mut Timings,
    sink: Sink,
    memo: &Memo,
    edited: &[usize],
) -> Result<Vec<CopiedFile>, Vec<Diagnostic>> {
    // Only the values those pages showed last time (they show the same now), unless
    // a page shows one more: then all of them.
    let (builder, made) = timings.time("contexts", || {
        let wanted = memo
            .last_deps()
            .map(|d| d.conclusions_shown_by(edited, site.conclusions.len()));
        if let Some(wanted) = wanted {
            let pages = Pages::new(Builder::with_values_of(site, &wanted), theme, None);
            let made = pages.contexts_of(edited);
            if made
                .as_ref()
                .is_ok_and(|m| m.iter().all(|m| pages.shows_built(m)))
            {
                return (pages, made);
            }
        }
        let pages = Pages::new(Builder::new(site), theme, None);
        let made = pages.contexts_of(edited);
        (pages, made)
    });
    let index = site
        .config
        .search
        .then(|| search::Index::new(site.conclusions.len()));
    let render = |made: Made| -> Result<(), Diagnostic> {
        let (page, fragment) = builder.render(made, index.as_ref())?;
        fragment
            .into_iter()
            .chain([page])
            .try_for_each(|f| sink(f).map_err(output_problem))
    };
    let mut failures: Vec<Diagnostic> = match made {
        Ok(made) => timings.time("pages", || {
            made.into_par_iter()
                .filter_map(|m| render(m).err())
                .collect()
        }),
        Err(problems) => problems,
    };
    if let Some(index) = index.filter(|_| failures.is_empty()) {
        let mut written = Vec::new();
        let unread = search_index(site, &builder.b, index, Some(memo), timings, &mut |files| {
            sink_all(sink, files, &mut written)
        });
        failures.extend(written.into_iter().chain(unread));
    }
    let problems = templates::distinct(failures);
    if !problems.is_empty() {
        return Err(problems);
    }
    let bodies = edited.iter().map(|&i| (i, body_item(&site.conclusions[i])));
    memo.set_deps(memo.last_deps().map(|d| d.with_bodies(bodies)));
    crate::drop_later(builder.b.values);
    Ok(copies(site, theme))
}

/// The pages of the conclusions at `edited` in `site`, rendered with the values
/// `cache` kept from the last render, which was of a site differing at most in
/// those conclusions' texts (see [`Site::with_text_of`]): every other page of the
/// site is then unchanged, the site-wide files aside ([`render_extras`]). `None`
/// when the kept values do not fit `site`: render it whole instead.
///
/// The cache stays the last full render's: every later reuse of it compares page
/// keys, so the pages rendered here are rendered again there.
pub fn render_conclusions(
    site: &Site,
    theme: &Theme,
    cache: &Cache,
    edited: &[usize],
) -> Option<Result<Vec<OutputFile>, Vec<Diagnostic>>> {
    let pages = Pages::new(Builder::from_last(site, cache, edited)?, theme, Some(cache));
    let mut out = Vec::new();
    let mut problems: Vec<Diagnostic> = Vec::new();
    for &i in edited {
        let rendered = pages
            .context(Page::Conclusion(i))
            .and_then(|made| pages.render(made, None));
        match rendered {
            Ok((page, _)) => out.push(page),
            Err(d) => problems.push(d),
        }
    }
    Some(if problems.is_empty() {
        Ok(out)
    } else {
        Err(templates::distinct(problems))
    })
}

/// A conclusion's Markdown body, read again from its file when it was stored.
fn body(c: &Conclusion) -> Result<std::sync::Arc<str>, Diagnostic> {
    c.markdown
        .text()
        .map_err(|e| Diagnostic::new(Location::file(&c.file), Problem::Unreadable(e.to_string())))
}

/// A file that could not be written to, or carried over from, the output.
fn output_problem(e: std::io::Error) -> Diagnostic {
    Diagnostic::new(Location::file("(output)"), Problem::output(&e))
}

/// Give `files` to `sink`, all at once, with a problem in `failed` for each it
/// could not take.
fn sink_all(sink: Sink, files: Vec<OutputFile>, failed: &mut Vec<Diagnostic>) {
    let sunk = files.into_par_iter().filter_map(|f| sink(f).err());
    failed.par_extend(sunk.map(output_problem));
}

/// Theme files only the search page uses: left out with `search: false`.
const SEARCH_ASSETS: &[&str] = &["search.js", "search.css"];

/// The site-wide files beside the pages but the search index: feeds, sitemap, data
/// export. Each group of them goes to `out` as soon as it is made, so that one
/// group's bytes are written and freed before the next is made; those `memo`
/// carries over are not made. Fails if a file cannot be carried over.
fn extras(
    builder: &Pages,
    plan: &[Page],
    memo: Option<&Memo>,
    timings: &mut Timings,
    out: &mut dyn FnMut(Vec<OutputFile>),
) -> Option<Diagnostic> {
    if let Err(e) = timings.time("feeds", || feeds::render(&builder.b, memo, out)) {
        return Some(output_problem(e));
    }
    timings.time("sitemap", || {
        let entries: Vec<SitemapEntry> = plan
            .iter()
            .filter_map(|&p| builder.sitemap_entry(p))
            .collect();
        out(sitemap::render(&builder.b.urls, &entries));
    });
    let carried = timings.time("data", || data::render(&builder.b, memo, out));
    carried.err().map(output_problem)
}

/// The search index, given the conclusions that `index` lacks. Fails if a stored
/// body cannot be read again.
fn search_index(
    site: &Site,
    b: &Builder,
    index: search::Index,
    memo: Option<&Memo>,
    timings: &mut Timings,
    out: &mut dyn FnMut(Vec<OutputFile>),
) -> Option<Diagnostic> {
    timings.time("search", || {
        let text = |i: usize| Ok(markdown::plain_text(&body(&site.conclusions[i])?));
        index.finish(b, &text, memo, out).err()
    })
}

/// The files [`extras`] makes, for a render that deferred them (`serve`), but
/// those `memo` carries over (see [`memo`]). Fails only if `memo` cannot carry a
/// file over.
pub fn render_extras(
    site: &Site,
    theme: &Theme,
    timings: &mut Timings,
    memo: Option<&Memo>,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let builder = timings.time("contexts", || Pages::new(Builder::new(site), theme, None));
    let plan = builder.plan();
    let mut files = Vec::new();
    if let Some(failed) = extras(&builder, &plan, memo, timings, &mut |made| {
        files.extend(made)
    }) {
        return Err(failed);
    }
    if site.config.search {
        let index = search::Index::new(site.conclusions.len());
        // `serve` keeps every body in memory: reading one cannot fail.
        if let Some(failed) = search_index(site, &builder.b, index, memo, timings, &mut |made| {
            files.extend(made)
        }) {
            return Err(failed);
        }
    }
    Ok(files)
}

/// Static files of the theme and the site, and every conclusion's attachments.
fn copies(site: &Site, theme: &Theme) -> Vec<CopiedFile> {
    let mut copies: Vec<CopiedFile> = theme
        .static_files
        .iter()
        .filter(|(name, _)| site.config.search || !SEARCH_ASSETS.contains(&name.as_str()))
        .map(|(name, source)| CopiedFile {
            path: Route::Static(name).output_file(),
            source: source.clone(),
        })
        .collect();
    for c in &site.conclusions {
        for f in &c.files {
            copies.push(CopiedFile {
                path: Route::Attachment {
                    conclusion: c.slug.as_str(),
                    name: &f.name,
                }
                .output_file(),
                source: StaticFile::Disk(f.path.clone()),
            });
        }
    }
    copies
}

/// Every page of a site, named cheaply; contexts are built when rendered.
#[derive(Debug, Clone, Copy)]
enum Page {
    Home,
    Conclusion(usize),
    Timeline(usize),
    Year(usize),
    Provinces,
    Province(usize),
    /// A page of the documents index: an index into [`DocIndex::listings`].
    Documents(usize),
    /// The values of one filter of the documents index: an index into
    /// [`doc_index::Dimension::SHOWN`].
    DocumentFilter(usize),
    Document(usize),
    Search,
    NotFound,
}

/// A page ready to render: where it goes, its template and its context, except for
/// a conclusion page's body, which is rendered last (not at all for a page carried
/// over from the last build).
struct Made {
    path: String,
    template: &'static str,
    ctx: Ctx,
    body: Option<Body>,
    /// The conclusions and documents a conclusion's or document's page shows (see
    /// [`deps`]); empty for other pages.
    shows: Vec<u32>,
}

/// A conclusion page's body, before it is read and rendered.
struct Body {
    i: usize,
    /// URL of each citation's document, in the order of the conclusion's mentions.
    doc_urls: Vec<String>,
}

/// A map value from fixed keys.
fn map<const N: usize>(entries: [(&'static str, Value); N]) -> Value {
    let mut m = Map::default();
    for (k, v) in entries {
        m.insert(k.into(), v);
    }
    Value::from(m)
}

fn ser<T: serde::Serialize>(value: &T) -> Value {
    Value::from_serializable(value)
}

/// A month and its conclusions' values, while grouping.
type MonthRun = (i8, Vec<Value>);

/// Builds page contexts from shared values.
struct Pages<'a> {
    b: Builder<'a>,
    theme: &'a Theme,
    /// Hashes for page keys, when a build cache or `serve` asks for them.
    digests: Option<Digests>,
    /// Variables every page has.
    base: Ctx,
    /// `(year, url, count)` newest first, and the same as a value.
    years: Vec<(i16, String, usize)>,
    years_value: Value,
    /// Timeline pages.
    total_pages: usize,
    /// Each conclusion's (older, newer) neighbours within its province.
    in_province: Vec<(Option<usize>, Option<usize>)>,
    docs: DocIndex,
    /// `docs`' filters as a value, shared by its pages.
    doc_filters: Value,
}

impl<'a> Pages<'a> {
    fn new(b: Builder<'a>, theme: &'a Theme, cache: Option<&'a Cache>) -> Self {
        let mut base = Ctx::default();
        base.insert("site", &b.site_ctx());
        base.insert("urls", &b.urls_ctx());
        base.insert("t", &theme.translations);
        let site_feed = FeedLink {
            title: b.site.config.title.clone(),
            url: b.urls.feed(),
        };
        base.insert("feeds", &[&site_feed]);
        base.insert(
            "generator",
            &format!("ketluan {}", env!("CARGO_PKG_VERSION")),
        );
        if let Some(cache) = cache {
            base = cache.base(base);
        }
        let years: Vec<(i16, String, usize)> = b
            .site
            .years()
            .into_iter()
            .map(|(y, n)| (y, b.urls.year(y), n))
            .collect();
        let years_value = years_value(b.site, &years);
        let in_province = province_neighbours(b.site);
        let total_pages = b
            .site
            .conclusions
            .len()
            .div_ceil(b.site.config.paginate)
            .max(1);
        let national = theme
            .translations
            .get("national")
            .cloned()
            .unwrap_or_default();
        let docs = DocIndex::new(b.site, &national);
        let doc_filters = docs.filters_value(&b.urls);
        Self {
            docs,
            doc_filters,
            b,
            theme,
            digests: None,
            base,
            years,
            years_value,
            total_pages,
            in_province,
        }
    }

    /// The contexts of the pages of the conclusions `edited`, with every problem.
    fn contexts_of(&self, edited: &[usize]) -> Result<Vec<Made>, Vec<Diagnostic>> {
        let (made, problems): (Vec<_>, Vec<_>) = edited
            .par_iter()
            .map(|&i| self.context(Page::Conclusion(i)))
            .partition(Result::is_ok);
        if problems.is_empty() {
            Ok(made.into_iter().flatten().collect())
        } else {
            Err(problems.into_iter().filter_map(Result::err).collect())
        }
    }

    /// Whether every conclusion's and document's value the page `made` shows was
    /// built (see [`Builder::with_values_of`]).
    fn shows_built(&self, made: &Made) -> bool {
        let b = &self.b;
        let n = b.conclusion_values.len();
        made.shows.iter().all(|&item| {
            let item = item as usize;
            match item.checked_sub(n) {
                None => !b.conclusion_values[item].is_undefined(),
                Some(d) => b.document_values.get(d).is_none_or(|v| !v.is_undefined()),
            }
        })
    }

    fn plan(&self) -> Vec<Page> {
        let site = self.b.site;
        let mut plan = vec![Page::Home, Page::Provinces, Page::NotFound];
        plan.extend((0..self.docs.listings.len()).map(Page::Documents));
        // An older custom theme without the template gets no such pages.
        if self.theme.tera.contains_template("documents_filter.html") {
            plan.extend((0..doc_index::Dimension::SHOWN.len()).map(Page::DocumentFilter));
        }
        plan.extend((0..site.conclusions.len()).map(Page::Conclusion));
        plan.extend((1..=self.total_pages).map(Page::Timeline));
        plan.extend((0..self.years.len()).map(Page::Year));
        plan.extend((0..site.provinces.len()).map(Page::Province));
        plan.extend((0..site.documents.len()).map(Page::Document));
        // A theme without a search page (an older custom theme) gets no search page.
        if site.config.search && self.theme.tera.contains_template("search.html") {
            plan.push(Page::Search);
        }
        plan
    }

    /// Roughly how much a page lists, for [`Pages::render_order`]: its entries, or
    /// one for a conclusion's own page.
    fn weight(&self, page: Page) -> usize {
        let site = self.b.site;
        match page {
            Page::Documents(_) => doc_index::PER_PAGE,
            Page::DocumentFilter(_) => doc_index::INLINE,
            Page::Year(k) => self.years[k].2,
            Page::Province(k) => site.provinces[k].entries.len(),
            Page::Document(k) => site.documents[k].cited_by.len(),
            Page::Timeline(_) | Page::Home => site.config.paginate,
            Page::Conclusion(_) | Page::Provinces | Page::Search | Page::NotFound => 1,
        }
    }

    /// `plan` with the heaviest pages first. A listing of thousands takes as long as
    /// hundreds of conclusion pages; started last, it would leave the other cores
    /// idle while it finishes (10,000 conclusions: 0.4 s on one core). Conclusions
    /// go oldest first, the order of their ids in the search index, whose postings
    /// then need no sorting.
    fn render_order(&self, plan: &[Page]) -> Vec<Page> {
        let mut order = plan.to_vec();
        let newest_last = |p: Page| match p {
            Page::Conclusion(i) => i,
            _ => 0,
        };
        order.sort_by_key(|&p| {
            (
                std::cmp::Reverse(self.weight(p)),
                std::cmp::Reverse(newest_last(p)),
            )
        });
        order
    }

    fn tr(&self, key: &str) -> String {
        self.theme
            .translations
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    /// `Nghị quyết 05-NQ/TU (Hà Tĩnh, 2021)`: Hà Tĩnh's, Nghệ An's and each term's
    /// `05-NQ/TU` are different pages, and tabs, search results and screen readers
    /// must tell them apart by title.
    fn document_title(&self, d: &Document) -> String {
        let scope = match d.province {
            Some(p) => p.name.to_string(),
            None => self.tr("national"),
        };
        let scope = match d.issued {
            Some(i) => format!("{scope}, {}", i.year()),
            None => scope,
        };
        format!(
            "{} {} ({scope})",
            d.number.kind_name(),
            d.number.canonical()
        )
    }

    fn page(&self, kind: &'static str, url: String, title: String) -> Ctx {
        let mut ctx = self.base.clone();
        ctx.insert("page", &self.b.page(kind, url, title));
        ctx
    }

    fn list(&self, items: impl Iterator<Item = usize>) -> Value {
        Value::from(
            items
                .map(|i| self.b.conclusion_values[i].clone())
                .collect::<Vec<_>>(),
        )
    }

    /// Hashes of the values many pages share, for page keys, and what they make of
    /// the dependency map ([`deps`]).
    fn digests(&self, salt: u128) -> (Digests, deps::Now) {
        let mut d = Digests::new(salt, &self.theme.texts);
        let base: Vec<Value> = self.base.entries().map(|(_, v)| v.clone()).collect();
        let base = d.share(&base);
        let conclusions = d.share(&self.b.conclusion_values);
        let documents = d.share(&self.b.document_values);
        d.share(std::slice::from_ref(&self.years_value));
        let now = self.dep_now(&d, &base, &conclusions, documents);
        (d, now)
    }

    /// The frame and items of [`deps`]: `base`, `conclusions` and `documents` are
    /// the hashes of the shared values.
    fn dep_now(
        &self,
        d: &Digests,
        base: &[u128],
        conclusions: &[u128],
        documents: Vec<u128>,
    ) -> deps::Now {
        let site = self.b.site;
        let mut h = deps::Hasher::default();
        d.frame_into(&mut h);
        for b in base {
            h.num(*b);
        }
        h.bytes(format!("{:?}", site.config).as_bytes());
        // The indexes: which conclusions and documents there are, in what order,
        // and what decides what each page lists.
        let list = |h: &mut deps::Hasher, items: &[usize]| {
            h.num(items.len() as u128);
            for &i in items {
                h.num(i as u128);
            }
        };
        for (i, c) in site.conclusions.iter().enumerate() {
            h.bytes(c.slug.as_str().as_bytes())
                .bytes(c.date.to_string().as_bytes())
                .bytes(c.province.slug.as_bytes())
                .bytes(c.province.current().slug.as_bytes());
            list(&mut h, &site.cites[i]);
            list(&mut h, &site.mention_docs[i]);
        }
        h.num(site.documents.len() as u128);
        for doc in site.documents.iter() {
            h.bytes(doc.slug.as_str().as_bytes());
            let province = doc.province.map_or(["", ""], |p| [p.slug, p.official_name]);
            h.bytes(province[0].as_bytes())
                .bytes(province[1].as_bytes());
            list(&mut h, &doc.cited_by);
        }
        for l in site.provinces.iter() {
            h.bytes(l.province.slug.as_bytes());
            h.num(l.entries.len() as u128);
            for &(i, former) in &l.entries {
                h.num(i as u128)
                    .bytes(former.map_or("", |f| f.slug).as_bytes());
            }
            for f in &l.formers {
                h.bytes(f.slug.as_bytes());
            }
        }
        let frame = h.digest();
        // After the values, each conclusion's body and the links put into it,
        // which only its own page shows.
        let bodies: Vec<u128> = site.conclusions.par_iter().map(|c| body_item(c)).collect();
        let mut items = conclusions.to_vec();
        let pages = items.len() + documents.len();
        items.extend(documents);
        items.extend(bodies);
        deps::Now {
            frame,
            pages,
            items,
        }
    }

    /// A conclusion's or document's page, as numbered in [`deps`] (the same as
    /// its own value).
    fn dep_id(&self, page: Page) -> Option<usize> {
        match page {
            Page::Conclusion(i) => Some(i),
            Page::Document(k) => Some(self.b.site.conclusions.len() + k),
            _ => None,
        }
    }

    /// The output path of a conclusion's or document's page, as
    /// [`Pages::context`] gives it (`None` for other pages).
    fn path_of(&self, page: Page) -> Option<String> {
        let site = self.b.site;
        match page {
            Page::Conclusion(i) => {
                Some(Route::Conclusion(site.conclusions[i].slug.as_str()).output_file())
            }
            Page::Document(k) => {
                Some(Route::Document(site.documents[k].slug.as_str()).output_file())
            }
            _ => None,
        }
    }

    /// The key of a page made by [`Pages::context`]; its body stands in by its inputs.
    fn key(&self, digests: &Digests, made: &Made) -> memo::Key {
        let deferred = made.body.as_ref().map(|b| {
            let links = self.links(b.i, &b.doc_urls);
            let digest = self.b.site.conclusions[b.i].markdown.digest();
            let mut parts: Vec<Vec<u8>> = vec![
                digest.to_le_bytes().to_vec(),
                vec![u8::from(self.b.site.config.unsafe_html)],
            ];
            for l in &links {
                let mut p = Vec::with_capacity(24 + l.url.len());
                for n in [l.run, l.span.start, l.span.end] {
                    p.extend_from_slice(&(n as u64).to_le_bytes());
                }
                p.extend_from_slice(l.url.as_bytes());
                parts.push(p);
            }
            let parts: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
            memo::hash_parts(&parts)
        });
        digests.key(made.template, made.ctx.entries(), deferred)
    }

    /// Output path, template and context of one page.
    fn context(&self, page: Page) -> Result<Made, Diagnostic> {
        let site = self.b.site;
        let urls = &self.b.urls;
        let mut shows = Vec::new();
        let (path, template, ctx) = match page {
            Page::Home => {
                let mut ctx = self.page("home", urls.home(), site.config.title.clone());
                ctx.insert_value("latest", self.list(0..site.conclusions.len().min(10)));
                ctx.insert_value("years", self.years_value.clone());
                ctx.insert_value(
                    "counts",
                    map([
                        ("conclusions", Value::from(site.conclusions.len())),
                        (
                            "provinces",
                            Value::from(
                                site.provinces
                                    .iter()
                                    .filter(|l| l.province.is_current())
                                    .count(),
                            ),
                        ),
                        ("documents", Value::from(site.documents.len())),
                    ]),
                );
                (Route::Home.output_file(), "index.html", ctx)
            }
            Page::Conclusion(i) => return self.conclusion(i),
            Page::Timeline(n) => {
                let per_page = site.config.paginate;
                let items = ((n - 1) * per_page)..(n * per_page).min(site.conclusions.len());
                let title = if n == 1 {
                    self.tr("timeline")
                } else {
                    format!("{} ({} {n})", self.tr("timeline"), self.tr("page"))
                };
                let mut ctx = self.page("timeline", urls.timeline_page(n), title);
                ctx.insert_value("groups", self.groups(items));
                let url_of = |k: usize| urls.timeline_page(k);
                ctx.insert_value("paginator", paginator(n, self.total_pages, url_of));
                ctx.insert_value("years", self.years_value.clone());
                (Route::Timeline(n).output_file(), "timeline.html", ctx)
            }
            Page::Year(k) => {
                let (year, url, _) = &self.years[k];
                // Conclusions are newest first, so one year is one contiguous range.
                let cs = &site.conclusions;
                let start = cs.partition_point(|c| c.date.year() > *year);
                let end = cs.partition_point(|c| c.date.year() >= *year);
                let title = format!("{} {year}", self.tr("year"));
                let mut ctx = self.page("timeline_year", url.clone(), title);
                ctx.insert("year", year);
                ctx.insert_value("groups", self.groups(start..end));
                ctx.insert_value("years", self.years_value.clone());
                (Route::Year(*year).output_file(), "timeline_year.html", ctx)
            }
            Page::Provinces => {
                let count_of = |slug: &str| {
                    site.provinces
                        .iter()
                        .find(|l| l.province.slug == slug)
                        .map_or(0, |l| l.entries.len())
                };
                let items: Vec<Value> = site
                    .provinces
                    .iter()
                    .filter(|l| l.province.is_current())
                    .map(|l| {
                        let mut v = ser(&province_ref(l.province, urls));
                        with(&mut v, "count", Value::from(l.entries.len()));
                        let formers: Vec<Value> = l
                            .formers
                            .iter()
                            .map(|f| {
                                map([
                                    ("name", Value::from(f.name)),
                                    ("slug", Value::from(f.slug)),
                                    ("url", Value::from(urls.province(f.slug))),
                                    ("count", Value::from(count_of(f.slug))),
                                ])
                            })
                            .collect();
                        with(&mut v, "formers", Value::from(formers));
                        v
                    })
                    .collect();
                let mut ctx = self.page("provinces", urls.provinces(), self.tr("provinces"));
                ctx.insert_value("provinces", Value::from(items));
                (Route::Provinces.output_file(), "provinces.html", ctx)
            }
            Page::Province(k) => {
                let l = &site.provinces[k];
                let p = province_ref(l.province, urls);
                let url = p.url.clone();
                let formers: Vec<UnitCtx> = l
                    .formers
                    .iter()
                    .map(|f| UnitCtx {
                        name: f.name,
                        slug: f.slug,
                        url: urls.province(f.slug),
                    })
                    .collect();
                let mut province = ser(&p);
                with(&mut province, "formers", ser(&formers));
                let entries: Vec<Value> = l
                    .entries
                    .iter()
                    .map(|&(i, former)| {
                        map([
                            ("conclusion", self.b.conclusion_values[i].clone()),
                            ("from_former", Value::from(former.map(|f| f.name))),
                        ])
                    })
                    .collect();
                let mut ctx = self.page("province", url, l.province.official_name.to_string());
                ctx.insert_value("province", province);
                ctx.insert_value("entries", Value::from(entries));
                let title = format!("{} – {}", site.config.title, l.province.name);
                self.feeds(&mut ctx, title, urls.province_feed(l.province.slug));
                (
                    Route::Province(l.province.slug).output_file(),
                    "province.html",
                    ctx,
                )
            }
            Page::Documents(k) => self.documents_page(k),
            Page::DocumentFilter(k) => {
                let dim = doc_index::Dimension::SHOWN[k];
                let url = urls.documents_filter(dim.segment());
                let title = format!("{}: {}", self.tr("documents"), self.tr(dim.key()));
                let mut ctx = self.page("documents_filter", url.clone(), title);
                ctx.insert("key", dim.key());
                ctx.insert_value("values", self.docs.values_value(urls, dim));
                (
                    Route::DocumentFilter(dim.segment()).output_file(),
                    "documents_filter.html",
                    ctx,
                )
            }
            Page::Document(k) => {
                let d = &site.documents[k];
                let url = urls.document(d.slug.as_str());
                let title = self.document_title(d);
                let feed_title = format!("{} – {title}", site.config.title);
                let mut ctx = self.page("document", url, title);
                ctx.insert_value("document", self.b.document_values[k].clone());
                ctx.insert_value("conclusions", self.list(d.cited_by.iter().copied()));
                self.feeds(&mut ctx, feed_title, urls.document_feed(d.slug.as_str()));
                shows.push(dep_number(site.conclusions.len() + k));
                shows.extend(d.cited_by.iter().map(|&i| dep_number(i)));
                (
                    Route::Document(d.slug.as_str()).output_file(),
                    "document.html",
                    ctx,
                )
            }
            Page::Search => {
                let provinces: Vec<Value> = site
                    .provinces
                    .iter()
                    .map(|l| {
                        map([
                            ("slug", Value::from(l.province.slug)),
                            ("name", Value::from(l.province.name)),
                            ("former", Value::from(!l.province.is_current())),
                        ])
                    })
                    .collect();
                let mut ctx = self.page("search", urls.search(), self.tr("search"));
                ctx.insert_value(
                    "search",
                    map([
                        ("index", Value::from(urls.search_index())),
                        ("provinces", Value::from(provinces)),
                        ("years", self.years_value.clone()),
                    ]),
                );
                (Route::Search.output_file(), "search.html", ctx)
            }
            Page::NotFound => {
                let ctx = self.page("not_found", urls.of(Route::NotFound), self.tr("not_found"));
                (Route::NotFound.output_file(), "404.html", ctx)
            }
        };
        Ok(Made {
            path,
            template,
            ctx,
            body: None,
            shows,
        })
    }

    /// The site's feed and this page's own, for `<head>`.
    fn feeds(&self, ctx: &mut Ctx, title: String, url: String) {
        let site_feed = FeedLink {
            title: self.b.site.config.title.clone(),
            url: self.b.urls.feed(),
        };
        ctx.insert("feeds", &[site_feed, FeedLink { title, url }]);
    }

    /// How the sitemap lists a page (its newest conclusion's date as last
    /// modification); `None` leaves it out.
    fn sitemap_entry(&self, page: Page) -> Option<SitemapEntry> {
        let site = self.b.site;
        let urls = &self.b.urls;
        let date_of = |i: usize| site.conclusions.get(i).map(|c| c.date);
        let newest = date_of(0);
        let (url, lastmod) = match page {
            Page::Home => (urls.home(), newest),
            Page::Conclusion(i) => (
                urls.conclusion(site.conclusions[i].slug.as_str()),
                date_of(i),
            ),
            Page::Timeline(n) => (
                urls.timeline_page(n),
                date_of((n - 1) * site.config.paginate),
            ),
            Page::Year(k) => {
                let year = self.years[k].0;
                let first = site.conclusions.iter().find(|c| c.date.year() == year);
                (self.years[k].1.clone(), first.map(|c| c.date))
            }
            Page::Provinces => (urls.provinces(), newest),
            Page::Province(k) => {
                let l = &site.provinces[k];
                (
                    urls.province(l.province.slug),
                    l.entries.first().and_then(|&(i, _)| date_of(i)),
                )
            }
            // Filtered lists hold nothing the full one lacks.
            Page::DocumentFilter(_) => return None,
            Page::Documents(k) => {
                let listing = self.docs.listings[k];
                if listing.filter.is_some() {
                    return None;
                }
                (self.docs.url(urls, None, listing.page), newest)
            }
            Page::Document(k) => {
                let d = &site.documents[k];
                (
                    urls.document(d.slug.as_str()),
                    d.cited_by.first().and_then(|&i| date_of(i)),
                )
            }
            Page::Search => (urls.search(), newest),
            Page::NotFound => return None,
        };
        Some(SitemapEntry { url, lastmod })
    }

    /// A conclusion's page, its body neither read (when stored) nor rendered yet:
    /// see [`Pages::fill`].
    fn conclusion(&self, i: usize) -> Result<Made, Diagnostic> {
        let site = self.b.site;
        let c = &site.conclusions[i];
        let doc_urls: Vec<String> = site.mention_docs[i]
            .iter()
            .map(|&d| self.b.urls.document(site.documents[d].slug.as_str()))
            .collect();
        let url = self.b.urls.conclusion(c.slug.as_str());
        let mut ctx = self.page("conclusion", url, c.title.clone());
        ctx.insert_value("conclusion", self.b.conclusion_values[i].clone());
        // `prev` is the older neighbour, `next` the newer.
        ctx.insert_value("prev", self.b.conclusion_values.get(i + 1).cloned().into());
        let newer = i
            .checked_sub(1)
            .map(|j| self.b.conclusion_values[j].clone());
        ctx.insert_value("next", newer.into());
        let (older, newer) = self.in_province[i];
        let value = |j: Option<usize>| Value::from(j.map(|j| self.b.conclusion_values[j].clone()));
        ctx.insert_value("prev_in_province", value(older));
        ctx.insert_value("next_in_province", value(newer));
        let related = self.related(i);
        ctx.insert_value("related", self.list(related.iter().copied()));
        let n = site.conclusions.len();
        let body = n + site.documents.len() + i;
        let mut shows: Vec<usize> = vec![i, body];
        shows.extend((i + 1 < n).then_some(i + 1));
        shows.extend(i.checked_sub(1));
        shows.extend([older, newer].into_iter().flatten());
        shows.extend(related);
        shows.extend(site.cites[i].iter().map(|&d| n + d));
        Ok(Made {
            path: Route::Conclusion(c.slug.as_str()).output_file(),
            template: "conclusion.html",
            ctx,
            body: Some(Body { i, doc_urls }),
            shows: shows.into_iter().map(dep_number).collect(),
        })
    }

    /// The citations of conclusion `i` that its body links, to `doc_urls`.
    fn links<'u>(&self, i: usize, doc_urls: &'u [String]) -> Vec<markdown::Link<'u>> {
        self.b.site.conclusions[i]
            .mentions
            .iter()
            .zip(doc_urls)
            .filter_map(|(m, url)| {
                Some(markdown::Link {
                    run: m.run?,
                    span: m.span.clone(),
                    url,
                })
            })
            .collect()
    }

    /// Render the body of a conclusion page made by [`Pages::context`] into its
    /// `conclusion` value (as `content`); nothing for other pages. With `index`, the
    /// conclusion goes into it from the same parse, and its result file is returned.
    fn fill(
        &self,
        made: &mut Made,
        index: Option<&search::Index>,
    ) -> Result<Option<OutputFile>, Diagnostic> {
        let Some(Body { i, doc_urls }) = made.body.take() else {
            return Ok(None);
        };
        let c = &self.b.site.conclusions[i];
        let markdown = body(c)?;
        let links = self.links(i, &doc_urls);
        let unsafe_html = self.b.site.config.unsafe_html;
        let (html, fragment) = match index {
            Some(index) => {
                let (html, text) = markdown::render_with_text(&markdown, unsafe_html, &links);
                (html, Some(index.add(&self.b, i, &text)))
            }
            None => (markdown::render(&markdown, unsafe_html, &links), None),
        };
        let mut value = self.b.conclusion_values[i].clone();
        with(&mut value, "content", Value::safe_string(&html));
        made.ctx.insert_value("conclusion", value);
        Ok(fragment)
    }

    /// The page `made`, its body filled in ([`Pages::fill`]) and rendered; with
    /// `index`, also the search result file made from the same parse.
    fn render(
        &self,
        mut made: Made,
        index: Option<&search::Index>,
    ) -> Result<(OutputFile, Option<OutputFile>), Diagnostic> {
        let fragment = self.fill(&mut made, index)?;
        let contents = self.theme.render(made.template, &made.ctx.to_tera())?;
        let page = OutputFile {
            path: made.path,
            contents: bytes::Bytes::from(contents),
        };
        Ok((page, fragment))
    }

    /// Conclusions `items` (newest first) grouped by year, then month.
    fn groups(&self, items: std::ops::Range<usize>) -> Value {
        let language = self.b.site.config.language;
        let mut years: Vec<(i16, Vec<MonthRun>)> = Vec::new();
        for i in items {
            let date = self.b.site.conclusions[i].date;
            if years.last().is_none_or(|(y, _)| *y != date.year()) {
                years.push((date.year(), Vec::new()));
            }
            let months = &mut years.last_mut().expect("pushed above").1;
            if months.last().is_none_or(|(m, _)| *m != date.month()) {
                months.push((date.month(), Vec::new()));
            }
            months
                .last_mut()
                .expect("pushed above")
                .1
                .push(self.b.conclusion_values[i].clone());
        }
        let groups: Vec<Value> = years
            .into_iter()
            .map(|(year, months)| {
                let months: Vec<Value> = months
                    .into_iter()
                    .map(|(month, list)| {
                        map([
                            ("month", Value::from(month)),
                            ("id", Value::from(month_id(year, month))),
                            (
                                "label",
                                Value::from(date::month_label(year, month, language)),
                            ),
                            ("conclusions", Value::from(list)),
                        ])
                    })
                    .collect();
                map([
                    ("year", Value::from(year)),
                    ("url", Value::from(self.b.urls.year(year))),
                    ("months", Value::from(months)),
                ])
            })
            .collect();
        Value::from(groups)
    }

    /// A page of the documents index.
    fn documents_page(&self, k: usize) -> (String, &'static str, Ctx) {
        let urls = &self.b.urls;
        let listing = self.docs.listings[k];
        let route = self.docs.route(listing.filter, listing.page);
        let url = urls.of(route);
        let mut title = self.tr("documents");
        if let Some(label) = self.docs.label(listing) {
            title = format!("{title}: {label}");
        }
        if listing.page > 1 {
            title = format!("{title} ({} {})", self.tr("page"), listing.page);
        }
        let documents: Vec<Value> = self
            .docs
            .documents(listing)
            .into_iter()
            .map(|d| self.b.document_values[d].clone())
            .collect();
        let mut ctx = self.page("documents", url.clone(), title);
        ctx.insert_value("documents", Value::from(documents));
        ctx.insert_value("filters", self.doc_filters.clone());
        let filter = listing.filter.map(|(dim, _)| {
            map([
                ("key", Value::from(dim.key())),
                ("label", Value::from(self.docs.label(listing).unwrap_or(""))),
                ("url", Value::from(self.docs.url(urls, listing.filter, 1))),
            ])
        });
        ctx.insert_value("filter", Value::from(filter));
        ctx.insert_value("count", Value::from(self.docs.count(listing)));
        let url_of = |n: usize| self.docs.url(urls, listing.filter, n);
        let total = self.docs.pages(listing);
        ctx.insert_value("paginator", paginator(listing.page, total, url_of));
        (route.output_file(), "documents.html", ctx)
    }

    /// Up to [`RELATED`] other conclusions to read after conclusion `i`: those citing
    /// the same documents (most shared first), then of the same province (with its
    /// former units), nearest in time. Candidates are the few nearest in time in each
    /// shared document's and the province's lists, so a document cited by thousands
    /// costs no more than one cited twice.
    fn related(&self, i: usize) -> Vec<usize> {
        let site = self.b.site;
        let c = &site.conclusions[i];
        let mut candidates: Vec<usize> = Vec::new();
        let mut near = |list: &mut dyn Iterator<Item = usize>| {
            let list: Vec<usize> = list.collect();
            let at = list.partition_point(|&j| j < i);
            let from = at.saturating_sub(RELATED);
            let to = (at + RELATED + 1).min(list.len());
            candidates.extend(list[from..to].iter().copied().filter(|&j| j != i));
        };
        for &d in &site.cites[i] {
            near(&mut site.documents[d].cited_by.iter().copied());
        }
        if let Some(l) = site.province_page(c.province.current()) {
            near(&mut l.entries.iter().map(|e| e.0));
        }
        candidates.sort_unstable();
        candidates.dedup();
        let shared = |j: usize| {
            site.cites[j]
                .iter()
                .filter(|d| site.cites[i].contains(d))
                .count()
        };
        let same_province =
            |j: usize| std::ptr::eq(site.conclusions[j].province.current(), c.province.current());
        let days = |j: usize| {
            let other = site.conclusions[j].date;
            (other - c.date).get_days().unsigned_abs()
        };
        candidates
            .sort_by_cached_key(|&j| (std::cmp::Reverse(shared(j)), !same_province(j), days(j), j));
        candidates.truncate(RELATED);
        candidates
    }
}

/// The item of [`deps`] that is a conclusion's body: its text and the links put
/// into it, which only its own page shows.
fn body_item(c: &Conclusion) -> u128 {
    let mut h = deps::Hasher::default();
    h.num(c.markdown.digest());
    for m in &c.mentions {
        let run = m.run.map_or(u128::MAX, |r| r as u128);
        h.num(run).num(m.span.start as u128).num(m.span.end as u128);
    }
    h.digest()
}

/// A conclusion or document as numbered in [`deps`] (sites have far fewer than
/// 2³² of them: see the load budgets).
fn dep_number(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// How many related conclusions a conclusion's page lists.
const RELATED: usize = 5;

/// The paginator of page `current` of `total`: the first and last page, and the two
/// on either side of the current one; a gap (`number: null`) stands for the others,
/// so that a list of hundreds of pages keeps a short row of links.
fn paginator(current: usize, total: usize, url_of: impl Fn(usize) -> String) -> Value {
    let mut shown: Vec<usize> = vec![1, total];
    shown.extend(current.saturating_sub(2).max(1)..=(current + 2).min(total));
    shown.sort_unstable();
    shown.dedup();
    let mut pages: Vec<Value> = Vec::new();
    let mut last = 0;
    for n in shown {
        if n > last + 1 {
            pages.push(map([("number", Value::none()), ("url", Value::none())]));
        }
        pages.push(map([
            ("number", Value::from(n)),
            ("url", Value::from(url_of(n))),
        ]));
        last = n;
    }
    map([
        ("current", Value::from(current)),
        ("total", Value::from(total)),
        (
            "prev_url",
            Value::from((current > 1).then(|| url_of(current - 1))),
        ),
        (
            "next_url",
            Value::from((current < total).then(|| url_of(current + 1))),
        ),
        ("pages", Value::from(pages)),
    ])
}

/// `years` (newest first) as a value: `{year, url, count, months}`, each month
/// `{month, label, url, count}` (newest first), `url` the month's place on the
/// year's page.
fn years_value(site: &Site, years: &[(i16, String, usize)]) -> Value {
    let language = site.config.language;
    let mut months: std::collections::BTreeMap<(i16, i8), usize> = Default::default();
    for c in site.conclusions.iter() {
        *months.entry((c.date.year(), c.date.month())).or_default() += 1;
    }
    let items = years.iter().map(|(y, url, n)| {
        let list: Vec<Value> = months
            .range((*y, 1)..=(*y, 12))
            .rev()
            .map(|(&(_, m), &count)| {
                map([
                    ("month", Value::from(m)),
                    ("label", Value::from(date::month_label(*y, m, language))),
                    ("url", Value::from(format!("{url}#{}", month_id(*y, m)))),
                    ("count", Value::from(count)),
                ])
            })
            .collect();
        map([
            ("year", Value::from(*y)),
            ("url", Value::from(url.as_str())),
            ("count", Value::from(*n)),
            ("months", Value::from(list)),
        ])
    });
    Value::from(items.collect::<Vec<_>>())
}

/// The id of a month's section on the timeline and year pages: `thang-2023-3`.
fn month_id(year: i16, month: i8) -> String {
    format!("thang-{year}-{month}")
}

/// For each conclusion, its (older, newer) neighbours on the page of its own
/// province (which also lists the units merged into it, in the same order).
fn province_neighbours(site: &Site) -> Vec<(Option<usize>, Option<usize>)> {
    let mut out = vec![(None, None); site.conclusions.len()];
    for listing in site.provinces.iter() {
        let entries = &listing.entries;
        for (pos, &(i, _)) in entries.iter().enumerate() {
            if site.conclusions[i].province.slug != listing.province.slug {
                continue;
            }
            let older = entries.get(pos + 1).map(|e| e.0);
            let newer = pos.checked_sub(1).map(|p| entries[p].0);
            out[i] = (older, newer);
        }
    }
    out
}

/// `value` (a map) with one more entry; the other entries are shared, not copied.
fn with(value: &mut Value, key: &'static str, extra: Value) {
    // Copied only when the map is shared (a conclusion's value, which every listing
    // holds); a value made for this page alone is taken as it is.
    let mut m: Map = std::mem::replace(value, Value::none())
        .into_map()
        .unwrap_or_default();
    m.insert(key.into(), extra);
    *value = Value::from(m);
}

//! Stage 3: the model → HTML pages. Builds each conclusion's and document's template
//! value once (see `docs/templates.md`), then renders every page in parallel: its
//! context is assembled from those shared values, its Markdown body (for a
//! conclusion page) is rendered, and the result goes straight to a sink, so memory
//! does not grow with the number of pages.

pub mod budget;
pub mod cache;
pub mod context;
pub mod data;
pub mod feeds;
pub mod markdown;
pub mod search;
pub mod sitemap;
pub mod templates;

use std::sync::Mutex;

use rayon::prelude::*;
use tera::{Map, Value};

use crate::diagnostic::{Diagnostic, Location, Problem};
use crate::model::document::Document;
use crate::model::{Conclusion, Site, date};
use crate::routes::Route;
use crate::timings::Timings;
pub use cache::Cache;
use context::{Builder, FeedLink, UnitCtx, province_ref};
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
    let copies = render_pages(site, theme, timings, &sink, cache)?;
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
    render_pages(site, theme, timings, sink, None)
}

fn render_pages(
    site: &Site,
    theme: &Theme,
    timings: &mut Timings,
    sink: Sink,
    mut cache: Option<&mut Cache>,
) -> Result<Vec<CopiedFile>, Vec<Diagnostic>> {
    if let Some(cache) = cache.as_deref_mut() {
        cache.begin(theme);
    }
    let kept = cache.as_deref();
    let builder = timings.time("contexts", || {
        Pages::new(Builder::with_cache(site, kept), theme, kept)
    });
    let plan = builder.plan();
    let order = builder.render_order(&plan);
    let output_error =
        |e: std::io::Error| Diagnostic::new(Location::file("(output)"), Problem::output(&e));
    // `serve` renders the site-wide files after publishing the pages; a build makes
    // them while the pages render (they are mostly one thread's work).
    let defer = kept.is_some_and(|c| c.defer_extras);
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
                        let (path, template, context) = builder.context(page)?;
                        let render = |ctx: &tera::Context| theme.render(template, ctx);
                        let contents = match kept {
                            Some(cache) => cache.page(&path, template, context, render)?,
                            None => bytes::Bytes::from(render(&context)?),
                        };
                        sink(OutputFile { path, contents }).map_err(output_error)
                    })
                    .filter_map(Result::err)
                    .collect()
            })
        },
        || {
            let mut written = Vec::new();
            if !defer {
                let unread = extras(site, &builder, &plan, &mut extra_timings, &mut |files| {
                    let sunk = files.into_par_iter().filter_map(|f| sink(f).err());
                    written.par_extend(sunk.map(output_error));
                });
                written.extend(unread);
            }
            written
        },
    );
    timings.phases.extend(extra_timings.phases);
    failures.extend(extra);
    let problems = templates::distinct(failures);
    let values = builder.b.values;
    match cache {
        Some(cache) if problems.is_empty() => {
            cache.keep_values(values);
            cache.finish();
        }
        Some(cache) => {
            cache.abandon();
            crate::drop_later(values);
        }
        None => crate::drop_later(values),
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(copies(site, theme))
}

/// The pages of the conclusions at `edited` in `site`, rendered with the values
/// `cache` kept from the last render, which was of a site differing at most in
/// those conclusions' texts (see [`Site::with_text_of`]): every other page of the
/// site is then unchanged, the site-wide files aside ([`render_extras`]). `None`
/// when the kept values do not fit `site`: render it whole instead.
///
/// The cache stays the last full render's: every later reuse of it compares
/// contexts, so the pages rendered here are rendered again there.
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
            .and_then(|(path, template, context)| Ok((path, theme.render(template, &context)?)));
        match rendered {
            Ok((path, bytes)) => out.push(OutputFile {
                path,
                contents: bytes.into(),
            }),
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

/// Theme files only the search page uses: left out with `search: false`.
const SEARCH_ASSETS: &[&str] = &["search.js", "search.css"];

/// The site-wide files beside the pages: feeds, sitemap, data export, search index.
/// Each group of them goes to `out` as soon as it is made, so that one group's bytes
/// are written and freed before the next is made. Fails if a stored body cannot be
/// read again for the search index.
fn extras(
    site: &Site,
    builder: &Pages,
    plan: &[Page],
    timings: &mut Timings,
    out: &mut dyn FnMut(Vec<OutputFile>),
) -> Option<Diagnostic> {
    let entries: Vec<SitemapEntry> = plan
        .iter()
        .filter_map(|&p| builder.sitemap_entry(p))
        .collect();
    timings.time("feeds+data", || {
        feeds::render(&builder.b, out);
        out(sitemap::render(&builder.b.urls, &entries));
        data::render(&builder.b, out);
    });
    if site.config.search {
        return timings.time("search", || {
            let text = |i: usize| Ok(markdown::plain_text(&body(&site.conclusions[i])?));
            search::render(&builder.b, &text, out).err()
        });
    }
    None
}

/// The files [`extras`] makes, for a render that deferred them (`serve`).
pub fn render_extras(site: &Site, theme: &Theme, timings: &mut Timings) -> Vec<OutputFile> {
    let builder = timings.time("contexts", || Pages::new(Builder::new(site), theme, None));
    let plan = builder.plan();
    let mut files = Vec::new();
    // `serve` keeps every body in memory, so none has to be read again.
    let _unread = extras(site, &builder, &plan, timings, &mut |made| {
        files.extend(made)
    });
    files
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
    Documents,
    Document(usize),
    Search,
    NotFound,
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
/// An issuer and its documents' values, while grouping.
type IssuerRun = (String, Vec<Value>);

/// Builds page contexts from shared values.
struct Pages<'a> {
    b: Builder<'a>,
    theme: &'a Theme,
    cache: Option<&'a Cache>,
    /// Variables every page has.
    base: tera::Context,
    /// `(year, url, count)` newest first, and the same as a value.
    years: Vec<(i16, String, usize)>,
    years_value: Value,
    /// Timeline pages.
    total_pages: usize,
    /// Each conclusion's (older, newer) neighbours within its province.
    in_province: Vec<(Option<usize>, Option<usize>)>,
}

impl<'a> Pages<'a> {
    fn new(b: Builder<'a>, theme: &'a Theme, cache: Option<&'a Cache>) -> Self {
        let mut base = tera::Context::new();
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
        let years_value = Value::from(
            years
                .iter()
                .map(|(y, url, n)| {
                    map([
                        ("year", Value::from(*y)),
                        ("url", Value::from(url.as_str())),
                        ("count", Value::from(*n)),
                    ])
                })
                .collect::<Vec<_>>(),
        );
        let in_province = province_neighbours(b.site);
        let total_pages = b
            .site
            .conclusions
            .len()
            .div_ceil(b.site.config.paginate)
            .max(1);
        Self {
            b,
            theme,
            cache,
            base,
            years,
            years_value,
            total_pages,
            in_province,
        }
    }

    fn plan(&self) -> Vec<Page> {
        let site = self.b.site;
        let mut plan = vec![Page::Home, Page::Provinces, Page::Documents, Page::NotFound];
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
            Page::Documents => site.documents.len(),
            Page::Year(k) => self.years[k].2,
            Page::Province(k) => site.provinces[k].entries.len(),
            Page::Document(k) => site.documents[k].cited_by.len(),
            Page::Timeline(_) | Page::Home => site.config.paginate,
            Page::Conclusion(_) | Page::Provinces | Page::Search | Page::NotFound => 1,
        }
    }

    /// `plan` with the heaviest pages first. A listing of thousands takes as long as
    /// hundreds of conclusion pages; started last, it would leave the other cores
    /// idle while it finishes (10,000 conclusions: 0.4 s on one core).
    fn render_order(&self, plan: &[Page]) -> Vec<Page> {
        let mut order = plan.to_vec();
        order.sort_by_key(|&p| std::cmp::Reverse(self.weight(p)));
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

    fn page(&self, kind: &'static str, url: String, title: String) -> tera::Context {
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

    /// Output path, template and context of one page.
    fn context(&self, page: Page) -> Result<(String, &'static str, tera::Context), Diagnostic> {
        let site = self.b.site;
        let urls = &self.b.urls;
        Ok(match page {
            Page::Home => {
                let mut ctx = self.page("home", urls.home(), site.config.title.clone());
                ctx.insert_value("latest", self.list(0..site.conclusions.len().min(10)));
                ctx.insert_value("years", self.years_value.clone());
                ctx.insert_value(
                    "counts",
                    map([
                        ("conclusions", Value::from(site.conclusions.len())),
                        ("provinces", Value::from(site.provinces.len())),
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
                let total = self.total_pages;
                let pages: Vec<Value> = (1..=total)
                    .map(|k| {
                        map([
                            ("number", Value::from(k)),
                            ("url", Value::from(urls.timeline_page(k))),
                        ])
                    })
                    .collect();
                ctx.insert_value(
                    "paginator",
                    map([
                        ("current", Value::from(n)),
                        ("total", Value::from(total)),
                        (
                            "prev_url",
                            Value::from((n > 1).then(|| urls.timeline_page(n - 1))),
                        ),
                        (
                            "next_url",
                            Value::from((n < total).then(|| urls.timeline_page(n + 1))),
                        ),
                        ("pages", Value::from(pages)),
                    ]),
                );
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
                let items: Vec<Value> = site
                    .provinces
                    .iter()
                    .map(|l| {
                        let mut v = ser(&province_ref(l.province, urls));
                        with(&mut v, "count", Value::from(l.entries.len()));
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
            Page::Documents => {
                let mut ctx = self.page("documents", urls.documents(), self.tr("documents"));
                ctx.insert_value("groups", self.document_groups());
                (Route::Documents.output_file(), "documents.html", ctx)
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
        })
    }

    /// The site's feed and this page's own, for `<head>`.
    fn feeds(&self, ctx: &mut tera::Context, title: String, url: String) {
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
            Page::Documents => (urls.documents(), newest),
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

    /// A conclusion's page; its body is read (when stored) and rendered here, when
    /// needed.
    fn conclusion(&self, i: usize) -> Result<(String, &'static str, tera::Context), Diagnostic> {
        let site = self.b.site;
        let c = &site.conclusions[i];
        let markdown = body(c)?;
        let doc_urls: Vec<String> = site.mention_docs[i]
            .iter()
            .map(|&d| self.b.urls.document(site.documents[d].slug.as_str()))
            .collect();
        let links: Vec<markdown::Link> = c
            .mentions
            .iter()
            .zip(&doc_urls)
            .filter_map(|(m, url)| {
                Some(markdown::Link {
                    run: m.run?,
                    span: m.span.clone(),
                    url,
                })
            })
            .collect();
        let unsafe_html = site.config.unsafe_html;
        let make = || {
            let html = markdown::render(&markdown, unsafe_html, &links);
            let mut value = self.b.conclusion_values[i].clone();
            with(&mut value, "content", Value::safe_string(&html));
            value
        };
        let value = match self.cache {
            Some(cache) => {
                let own = &self.b.conclusion_values[i];
                cache.body(c.slug.as_str(), own, &markdown, unsafe_html, &links, make)
            }
            None => make(),
        };
        let url = self.b.urls.conclusion(c.slug.as_str());
        let mut ctx = self.page("conclusion", url, c.title.clone());
        ctx.insert_value("conclusion", value);
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
        Ok((
            Route::Conclusion(c.slug.as_str()).output_file(),
            "conclusion.html",
            ctx,
        ))
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

    /// Documents are sorted by kind then issuer: cut the runs.
    fn document_groups(&self) -> Value {
        let site = self.b.site;
        let mut kinds: Vec<(usize, Vec<IssuerRun>)> = Vec::new();
        for (k, d) in site.documents.iter().enumerate() {
            let same_kind = kinds
                .last()
                .is_some_and(|(first, _)| site.documents[*first].number.kind == d.number.kind);
            if !same_kind {
                kinds.push((k, Vec::new()));
            }
            let issuers = &mut kinds.last_mut().expect("pushed above").1;
            let label = crate::model::site::issuer_label(d);
            let issuer = match d.province {
                Some(p) => format!("{label} {}", p.name),
                None => label,
            };
            if issuers.last().is_none_or(|(i, _)| *i != issuer) {
                issuers.push((issuer, Vec::new()));
            }
            let docs = &mut issuers.last_mut().expect("pushed above").1;
            docs.push(self.b.document_values[k].clone());
        }
        let groups: Vec<Value> = kinds
            .into_iter()
            .map(|(first, issuers)| {
                let n = &site.documents[first].number;
                let issuers: Vec<Value> = issuers
                    .into_iter()
                    .map(|(issuer, docs)| {
                        map([
                            ("issuer", Value::from(issuer)),
                            ("documents", Value::from(docs)),
                        ])
                    })
                    .collect();
                map([
                    ("kind", Value::from(n.kind.as_str())),
                    ("kind_name", Value::from(n.kind_name())),
                    ("issuers", Value::from(issuers)),
                ])
            })
            .collect();
        Value::from(groups)
    }
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

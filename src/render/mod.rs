//! Stage 3: the model → HTML pages. Renders Markdown bodies, builds each page's
//! template context (see `docs/templates.md`) and runs the theme's templates, in
//! parallel. Produces files in memory; writing them is [`crate::write`]'s job.

pub mod context;
pub mod data;
pub mod feeds;
pub mod markdown;
pub mod search;
pub mod sitemap;
pub mod templates;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::model::{Site, date};
use context::{Builder, ConclusionCtx, DocumentRef, FeedLink, ProvinceRef, UnitCtx, province_ref};
use sitemap::SitemapEntry;
pub use templates::{StaticFile, Theme};

/// One output file, by its path relative to the output root (`/`-separated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub contents: Vec<u8>,
}

/// A file copied as is: static assets and attachments.
#[derive(Debug, Clone)]
pub struct CopiedFile {
    pub path: String,
    pub source: StaticFile,
}

/// Everything a build writes.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub pages: Vec<OutputFile>,
    pub copies: Vec<CopiedFile>,
}

/// A page to render: where, with which template and which variables.
struct Page {
    path: String,
    template: &'static str,
    context: tera::Context,
    /// How the sitemap lists it; `None` to leave it out (404).
    sitemap: Option<SitemapEntry>,
}

/// Render every page of `site` with `theme`. Fails with every template error found.
pub fn render_site(site: &Site, theme: &Theme) -> Result<Rendered, Vec<Diagnostic>> {
    let unsafe_html = site.config.unsafe_html;
    let urls = context::Urls::new(&site.config);
    let doc_urls: Vec<String> = site
        .documents
        .iter()
        .map(|d| urls.document(d.slug.as_str()))
        .collect();
    let bodies: Vec<markdown::Body> = site
        .conclusions
        .par_iter()
        .zip(&site.mention_docs)
        .map(|(c, docs)| {
            let links: Vec<markdown::Link> = c
                .mentions
                .iter()
                .zip(docs)
                .map(|(m, &d)| markdown::Link {
                    run: m.run,
                    span: m.span.clone(),
                    url: &doc_urls[d],
                })
                .collect();
            markdown::render(&c.markdown, unsafe_html, &links)
        })
        .collect();
    let summaries: Vec<String> = site
        .conclusions
        .iter()
        .zip(&bodies)
        .map(|(c, b)| {
            c.summary
                .clone()
                .unwrap_or_else(|| b.first_paragraph.clone())
        })
        .collect();
    let builder = Builder::new(site, &summaries);
    let pages = plan(&builder, theme, &bodies);
    let listed: Vec<SitemapEntry> = pages.iter().filter_map(|p| p.sitemap.clone()).collect();

    let results: Vec<Result<OutputFile, Diagnostic>> = pages
        .into_par_iter()
        .map(|p| {
            theme.render(p.template, &p.context).map(|html| OutputFile {
                path: p.path,
                contents: html.into_bytes(),
            })
        })
        .collect();
    let mut rendered = Rendered::default();
    let mut problems = Vec::new();
    for r in results {
        match r {
            Ok(f) => rendered.pages.push(f),
            Err(d) => {
                if !problems.contains(&d) {
                    problems.push(d);
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    rendered.pages.extend(feeds::render(&builder));
    rendered
        .pages
        .extend(sitemap::render(&builder.urls, &listed));
    rendered.pages.extend(data::render(&builder));
    if site.config.search {
        let texts: Vec<String> = site
            .conclusions
            .par_iter()
            .map(|c| markdown::plain_text(&c.markdown))
            .collect();
        rendered.pages.extend(search::render(&builder, &texts));
    }
    for (name, source) in &theme.static_files {
        if !site.config.search && SEARCH_ASSETS.contains(&name.as_str()) {
            continue;
        }
        rendered.copies.push(CopiedFile {
            path: format!("static/{name}"),
            source: source.clone(),
        });
    }
    for c in &site.conclusions {
        for f in &c.files {
            rendered.copies.push(CopiedFile {
                path: format!("ket-luan/{}/{}", c.slug, f.name),
                source: StaticFile::Disk(f.path.clone()),
            });
        }
    }
    Ok(rendered)
}

/// Theme files only the search page uses: left out with `search: false`.
const SEARCH_ASSETS: &[&str] = &["search.js", "search.css"];

#[derive(Serialize)]
struct SearchProvince {
    slug: &'static str,
    name: &'static str,
    former: bool,
}

#[derive(Serialize)]
struct SearchCtx<'a> {
    index: String,
    provinces: Vec<SearchProvince>,
    years: &'a [YearLink],
}

#[derive(Serialize)]
struct Counts {
    conclusions: usize,
    provinces: usize,
    documents: usize,
}

#[derive(Serialize)]
struct MonthGroup<'a> {
    month: i8,
    label: String,
    conclusions: Vec<&'a ConclusionCtx>,
}

#[derive(Serialize)]
struct YearGroup<'a> {
    year: i16,
    url: String,
    months: Vec<MonthGroup<'a>>,
}

#[derive(Serialize)]
struct YearLink {
    year: i16,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct PageLink {
    number: usize,
    url: String,
}

#[derive(Serialize)]
struct Paginator {
    current: usize,
    total: usize,
    prev_url: Option<String>,
    next_url: Option<String>,
    pages: Vec<PageLink>,
}

#[derive(Serialize)]
struct ProvinceItem {
    #[serde(flatten)]
    province: ProvinceRef,
    count: usize,
}

#[derive(Serialize)]
struct ProvincePage {
    #[serde(flatten)]
    province: ProvinceRef,
    formers: Vec<UnitCtx>,
}

#[derive(Serialize)]
struct ProvinceEntry<'a> {
    conclusion: &'a ConclusionCtx,
    from_former: Option<&'static str>,
}

#[derive(Serialize)]
struct ConclusionPage<'a> {
    #[serde(flatten)]
    conclusion: &'a ConclusionCtx,
    content: &'a str,
}

#[derive(Serialize)]
struct IssuerGroup<'a> {
    issuer: String,
    documents: Vec<&'a DocumentRef>,
}

#[derive(Serialize)]
struct KindGroup<'a> {
    kind: String,
    kind_name: &'static str,
    issuers: Vec<IssuerGroup<'a>>,
}

/// Every page of the site, with its context.
fn plan(b: &Builder, theme: &Theme, bodies: &[markdown::Body]) -> Vec<Page> {
    let site = b.site;
    let urls = &b.urls;
    let tr = |key: &str| {
        theme
            .translations
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    };
    let mut base = tera::Context::new();
    base.insert("site", &b.site_ctx());
    base.insert("urls", &b.urls_ctx());
    base.insert("t", &theme.translations);
    base.insert(
        "generator",
        &format!("ketluan {}", env!("CARGO_PKG_VERSION")),
    );
    let site_feed = FeedLink {
        title: site.config.title.clone(),
        url: urls.feed(),
    };
    base.insert("feeds", &[&site_feed]);
    let date_of = |i: usize| site.conclusions[i].date;
    let newest = site.conclusions.first().map(|c| c.date);
    let listed = |url: &str, lastmod| {
        Some(SitemapEntry {
            url: url.to_string(),
            lastmod,
        })
    };
    let page = |kind: &'static str, url: String, title: String| {
        let mut ctx = base.clone();
        ctx.insert("page", &b.page(kind, url, title));
        ctx
    };
    let all: Vec<&ConclusionCtx> = b.conclusions.iter().collect();
    let mut pages = Vec::new();

    // Home
    let mut ctx = page("home", urls.home(), site.config.title.clone());
    ctx.insert("latest", &all.iter().take(10).collect::<Vec<_>>());
    ctx.insert(
        "counts",
        &Counts {
            conclusions: site.conclusions.len(),
            provinces: site.provinces.len(),
            documents: site.documents.len(),
        },
    );
    pages.push(Page {
        path: "index.html".into(),
        template: "index.html",
        context: ctx,
        sitemap: listed(&urls.home(), newest),
    });

    // Conclusions; `prev` is the older neighbour, `next` the newer.
    for (i, c) in b.conclusions.iter().enumerate() {
        let mut ctx = page("conclusion", c.url.clone(), c.title.clone());
        ctx.insert(
            "conclusion",
            &ConclusionPage {
                conclusion: c,
                content: &bodies[i].html,
            },
        );
        ctx.insert("prev", &b.conclusions.get(i + 1));
        ctx.insert("next", &i.checked_sub(1).map(|j| &b.conclusions[j]));
        pages.push(Page {
            path: format!("ket-luan/{}/index.html", c.slug),
            template: "conclusion.html",
            context: ctx,
            sitemap: listed(&c.url, Some(date_of(i))),
        });
    }

    // Timeline, paginated, and one page per year.
    let years: Vec<YearLink> = site
        .years()
        .into_iter()
        .map(|(year, count)| YearLink {
            year,
            url: urls.year(year),
            count,
        })
        .collect();
    let per_page = site.config.paginate;
    let total = all.len().div_ceil(per_page).max(1);
    for n in 1..=total {
        let chunk = all.iter().skip((n - 1) * per_page).take(per_page).copied();
        let title = if n == 1 {
            tr("timeline")
        } else {
            format!("{} ({} {n})", tr("timeline"), tr("page"))
        };
        let mut ctx = page("timeline", urls.timeline_page(n), title);
        ctx.insert("groups", &group_by_month(chunk, b));
        ctx.insert(
            "paginator",
            &Paginator {
                current: n,
                total,
                prev_url: (n > 1).then(|| urls.timeline_page(n - 1)),
                next_url: (n < total).then(|| urls.timeline_page(n + 1)),
                pages: (1..=total)
                    .map(|number| PageLink {
                        number,
                        url: urls.timeline_page(number),
                    })
                    .collect(),
            },
        );
        ctx.insert("years", &years);
        let path = if n == 1 {
            "dong-thoi-gian/index.html".to_string()
        } else {
            format!("dong-thoi-gian/page/{n}/index.html")
        };
        let first = (n - 1) * per_page;
        pages.push(Page {
            path,
            template: "timeline.html",
            context: ctx,
            sitemap: listed(
                &urls.timeline_page(n),
                (first < all.len()).then(|| date_of(first)),
            ),
        });
    }
    for y in &years {
        let items = all.iter().filter(|c| c.year == y.year).copied();
        let mut ctx = page(
            "timeline_year",
            y.url.clone(),
            format!("{} {}", tr("year"), y.year),
        );
        ctx.insert("year", &y.year);
        ctx.insert("groups", &group_by_month(items, b));
        ctx.insert("years", &years);
        let lastmod = site.conclusions.iter().find(|c| c.date.year() == y.year);
        pages.push(Page {
            path: format!("dong-thoi-gian/{}/index.html", y.year),
            template: "timeline_year.html",
            context: ctx,
            sitemap: listed(&y.url, lastmod.map(|c| c.date)),
        });
    }

    // Provinces
    let items: Vec<ProvinceItem> = site
        .provinces
        .iter()
        .map(|l| ProvinceItem {
            province: province_ref(l.province, urls),
            count: l.entries.len(),
        })
        .collect();
    let mut ctx = page("provinces", urls.provinces(), tr("provinces"));
    ctx.insert("provinces", &items);
    pages.push(Page {
        path: "tinh/index.html".into(),
        template: "provinces.html",
        context: ctx,
        sitemap: listed(&urls.provinces(), newest),
    });
    for l in &site.provinces {
        let p = province_ref(l.province, urls);
        let mut ctx = page(
            "province",
            p.url.clone(),
            l.province.official_name.to_string(),
        );
        let entries: Vec<ProvinceEntry> = l
            .entries
            .iter()
            .map(|&(i, former)| ProvinceEntry {
                conclusion: &b.conclusions[i],
                from_former: former.map(|f| f.name),
            })
            .collect();
        ctx.insert(
            "province",
            &ProvincePage {
                province: p,
                formers: l
                    .formers
                    .iter()
                    .map(|f| UnitCtx {
                        name: f.name,
                        slug: f.slug,
                        url: urls.province(f.slug),
                    })
                    .collect(),
            },
        );
        ctx.insert("entries", &entries);
        let feed = FeedLink {
            title: format!("{} – {}", site.config.title, l.province.name),
            url: urls.province_feed(l.province.slug),
        };
        ctx.insert("feeds", &[&site_feed, &feed]);
        pages.push(Page {
            path: format!("tinh/{}/index.html", l.province.slug),
            template: "province.html",
            context: ctx,
            sitemap: listed(
                &urls.province(l.province.slug),
                l.entries.first().map(|&(i, _)| date_of(i)),
            ),
        });
    }

    // Documents
    let mut ctx = page("documents", urls.documents(), tr("documents"));
    ctx.insert("groups", &group_documents(&b.documents));
    pages.push(Page {
        path: "nghi-quyet/index.html".into(),
        template: "documents.html",
        context: ctx,
        sitemap: listed(&urls.documents(), newest),
    });
    for (d, doc) in site.documents.iter().zip(&b.documents) {
        let title = format!("{} {}", doc.kind_name, doc.number);
        let mut ctx = page("document", doc.url.clone(), title);
        ctx.insert("document", doc);
        let citing: Vec<&ConclusionCtx> = d.cited_by.iter().map(|&i| &b.conclusions[i]).collect();
        ctx.insert("conclusions", &citing);
        let feed = FeedLink {
            title: format!("{} – {} {}", site.config.title, doc.kind_name, doc.number),
            url: urls.document_feed(d.slug.as_str()),
        };
        ctx.insert("feeds", &[&site_feed, &feed]);
        pages.push(Page {
            path: format!("nghi-quyet/{}/index.html", d.slug),
            template: "document.html",
            context: ctx,
            sitemap: listed(&doc.url, d.cited_by.first().map(|&i| date_of(i))),
        });
    }

    // Search
    if site.config.search {
        let mut ctx = page("search", urls.search(), tr("search"));
        ctx.insert(
            "search",
            &SearchCtx {
                index: urls.search_index(),
                provinces: site
                    .provinces
                    .iter()
                    .map(|l| SearchProvince {
                        slug: l.province.slug,
                        name: l.province.name,
                        former: !l.province.is_current(),
                    })
                    .collect(),
                years: &years,
            },
        );
        pages.push(Page {
            path: "tim-kiem/index.html".into(),
            template: "search.html",
            context: ctx,
            sitemap: listed(&urls.search(), newest),
        });
    }

    pages.push(Page {
        path: "404.html".into(),
        template: "404.html",
        context: page(
            "not_found",
            format!("{}404.html", urls.home()),
            tr("not_found"),
        ),
        sitemap: None,
    });
    pages
}

/// Group conclusions (already newest first) by year, then month.
fn group_by_month<'a>(
    items: impl Iterator<Item = &'a ConclusionCtx>,
    b: &Builder,
) -> Vec<YearGroup<'a>> {
    let language = b.site.config.language;
    let mut groups: Vec<YearGroup> = Vec::new();
    for c in items {
        if groups.last().is_none_or(|g| g.year != c.year) {
            groups.push(YearGroup {
                year: c.year,
                url: b.urls.year(c.year),
                months: Vec::new(),
            });
        }
        let year = groups.last_mut().expect("pushed above");
        if year.months.last().is_none_or(|m| m.month != c.month) {
            year.months.push(MonthGroup {
                month: c.month,
                label: date::month_label(c.year, c.month, language),
                conclusions: Vec::new(),
            });
        }
        year.months
            .last_mut()
            .expect("pushed above")
            .conclusions
            .push(c);
    }
    groups
}

/// Documents are already sorted by kind then issuer: cut the runs.
fn group_documents(docs: &[DocumentRef]) -> Vec<KindGroup<'_>> {
    let mut groups: Vec<KindGroup> = Vec::new();
    for d in docs {
        if groups.last().is_none_or(|g| g.kind != d.kind) {
            groups.push(KindGroup {
                kind: d.kind.clone(),
                kind_name: d.kind_name,
                issuers: Vec::new(),
            });
        }
        let kind = groups.last_mut().expect("pushed above");
        let issuer = match d.province {
            Some(p) => format!("{} {p}", d.issuer),
            None => d.issuer.clone(),
        };
        if kind.issuers.last().is_none_or(|g| g.issuer != issuer) {
            kind.issuers.push(IssuerGroup {
                issuer,
                documents: Vec::new(),
            });
        }
        kind.issuers
            .last_mut()
            .expect("pushed above")
            .documents
            .push(d);
    }
    groups
}

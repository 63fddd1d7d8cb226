//! Stage 3: the model → HTML pages. Renders Markdown bodies, builds each page's
//! template context (see `docs/templates.md`) and runs the theme's templates, in
//! parallel. Produces files in memory; writing them is [`crate::write`]'s job.

pub mod context;
pub mod markdown;
pub mod templates;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::model::{Site, date};
use context::{Builder, ConclusionCtx, DocumentRef, ProvinceRef, UnitCtx, province_ref};
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
    for (name, source) in &theme.static_files {
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
    let page = |kind: &'static str, url: String, title: String| {
        let mut ctx = base.clone();
        ctx.insert("page", &b.page(kind, url, title));
        ctx
    };
    let all: Vec<&ConclusionCtx> = b.conclusions.iter().collect();
    let years: Vec<YearLink> = site
        .years()
        .into_iter()
        .map(|(year, count)| YearLink {
            year,
            url: urls.year(year),
            count,
        })
        .collect();
    let mut pages = Vec::new();

    // Home
    let mut ctx = page("home", urls.home(), site.config.title.clone());
    ctx.insert("latest", &all.iter().take(10).collect::<Vec<_>>());
    ctx.insert("years", &years);
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
    });

    // Conclusions; `prev` is the older neighbour, `next` the newer, in the whole
    // timeline and on the page of the conclusion's own province.
    let in_province = province_neighbours(site);
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
        let (older, newer) = in_province[i];
        ctx.insert("prev_in_province", &older.map(|j| &b.conclusions[j]));
        ctx.insert("next_in_province", &newer.map(|j| &b.conclusions[j]));
        pages.push(Page {
            path: format!("ket-luan/{}/index.html", c.slug),
            template: "conclusion.html",
            context: ctx,
        });
    }

    // Timeline, paginated, and one page per year.
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
        pages.push(Page {
            path,
            template: "timeline.html",
            context: ctx,
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
        pages.push(Page {
            path: format!("dong-thoi-gian/{}/index.html", y.year),
            template: "timeline_year.html",
            context: ctx,
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
        pages.push(Page {
            path: format!("tinh/{}/index.html", l.province.slug),
            template: "province.html",
            context: ctx,
        });
    }

    // Documents
    let mut ctx = page("documents", urls.documents(), tr("documents"));
    ctx.insert("groups", &group_documents(&b.documents));
    pages.push(Page {
        path: "nghi-quyet/index.html".into(),
        template: "documents.html",
        context: ctx,
    });
    for (d, doc) in site.documents.iter().zip(&b.documents) {
        let title = format!("{} {}", doc.kind_name, doc.number);
        let mut ctx = page("document", doc.url.clone(), title);
        ctx.insert("document", doc);
        let citing: Vec<&ConclusionCtx> = d.cited_by.iter().map(|&i| &b.conclusions[i]).collect();
        ctx.insert("conclusions", &citing);
        pages.push(Page {
            path: format!("nghi-quyet/{}/index.html", d.slug),
            template: "document.html",
            context: ctx,
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
    });
    pages
}

/// For each conclusion, its (older, newer) neighbours on the page of its own
/// province (which also lists the units merged into it, in the same order).
fn province_neighbours(site: &Site) -> Vec<(Option<usize>, Option<usize>)> {
    let mut out = vec![(None, None); site.conclusions.len()];
    for listing in &site.provinces {
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

//! The values templates see, exactly as documented in `docs/templates.md`. Built
//! once per site from the model; every URL already carries the base path.

use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::Value;

use super::memo::Cache;
use crate::config::Language;
use crate::model::{Conclusion, Document, Province, Site, date};
use crate::routes::Route;
pub use crate::routes::Urls;

/// An Atom feed linked from a page's `<head>`.
#[derive(Debug, Clone, Serialize)]
pub struct FeedLink {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SiteCtx {
    pub title: String,
    pub description: String,
    pub base_url: String,
    pub base_path: String,
    pub language: Language,
    /// The `portal:` block of `site.yaml`, `None` without one.
    pub portal: Option<PortalCtx>,
}

/// Who runs the portal (`site.portal` in templates): every field `null` when not given.
#[derive(Debug, Clone, Serialize)]
pub struct PortalCtx {
    pub agency: Option<String>,
    pub parent_agency: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    /// `tel:` URL of `phone`: its digits and a leading `+`.
    pub phone_url: Option<String>,
    pub email: Option<String>,
    pub responsible: Option<String>,
    pub licence_number: Option<String>,
    /// ISO date and the language's way of writing it.
    pub licence_date: Option<String>,
    pub licence_date_display: Option<String>,
    /// The logo's URL under `urls.static`, or `null`.
    pub logo: Option<String>,
    pub links: Vec<LinkCtx>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkCtx {
    pub title: String,
    pub url: String,
}

impl PortalCtx {
    fn new(p: &crate::config::Portal, urls: &Urls, language: Language) -> Self {
        let phone_url = p.phone.as_ref().and_then(|phone| {
            // The first number of `0239 3855 000, 0239 3855 001`.
            let first = phone.split([',', ';', '/']).next().unwrap_or(phone);
            let digits: String = first
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect();
            (digits.len() >= 3).then(|| format!("tel:{digits}"))
        });
        Self {
            agency: p.agency.clone(),
            parent_agency: p.parent_agency.clone(),
            address: p.address.clone(),
            phone: p.phone.clone(),
            phone_url,
            email: p.email.clone(),
            responsible: p.responsible.clone(),
            licence_number: p.licence_number.clone(),
            licence_date: p.licence_date.map(|d| d.to_string()),
            licence_date_display: p.licence_date.map(|d| date::display(d, language)),
            logo: p.logo.as_ref().map(|l| {
                let path: Vec<String> = l.split('/').map(crate::routes::encode_segment).collect();
                format!("{}{}", urls.static_dir(), path.join("/"))
            }),
            links: p
                .links
                .iter()
                .map(|l| LinkCtx {
                    title: l.title.clone(),
                    url: l.url.clone(),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct UrlsCtx {
    pub home: String,
    pub timeline: String,
    pub provinces: String,
    pub documents: String,
    #[serde(rename = "static")]
    pub static_dir: String,
    /// `None` when `search: false`.
    pub search: Option<String>,
    pub feed: String,
    pub data: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageCtx {
    pub kind: &'static str,
    pub url: String,
    pub permalink: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitCtx {
    pub name: &'static str,
    pub slug: &'static str,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProvinceRef {
    pub name: &'static str,
    pub official_name: &'static str,
    pub slug: &'static str,
    pub url: String,
    pub former: bool,
    pub current: UnitCtx,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentRef {
    pub number: String,
    pub kind: String,
    pub kind_name: &'static str,
    pub issuer: String,
    pub national: bool,
    pub province: Option<&'static str>,
    pub slug: String,
    pub url: String,
    pub title: Option<String>,
    pub issued: Option<String>,
    pub issued_display: Option<String>,
    /// The issue year: with `province`, what tells apart documents sharing a number.
    pub year: Option<i16>,
    pub issuer_name: Option<String>,
    /// The issuer and its unit in words: `Tỉnh ủy Hà Tĩnh`, `Ban Chấp hành Trung ương`.
    pub issued_by: String,
    pub subject: Option<String>,
    pub sentence: Option<String>,
    pub link: Option<String>,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttachmentCtx {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConclusionCtx {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub date: String,
    pub date_display: String,
    pub year: i16,
    pub month: i8,
    /// Not serialized: [`ConclusionCtx::to_value`] puts in the province's value.
    #[serde(skip_serializing)]
    pub province: ProvinceRef,
    pub body: Option<String>,
    pub chaired_by: Option<String>,
    pub signed_by: Option<String>,
    pub number: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub summary: String,
    /// Whether `summary` is the front matter's (else it repeats the first paragraph).
    pub summary_given: bool,
    pub tags: Vec<String>,
    /// Shared with [`Values::documents`]. Not serialized: [`ConclusionCtx::to_value`]
    /// puts the documents' own values in.
    #[serde(skip_serializing)]
    pub documents: Vec<Arc<DocumentRef>>,
    pub attachments: Vec<AttachmentCtx>,
    pub draft: bool,
}

impl ConclusionCtx {
    /// This context as a template value, with `shared` (the values of its province
    /// and of the documents it cites, in order) as its `province` and `documents`:
    /// one value each, shared by every conclusion and listing showing them, rather
    /// than serialized again for each.
    pub fn to_value(&self, shared: Shared) -> Value {
        // Taken, not cloned: the serialized value has no other owner.
        let mut map = Value::from_serializable(self)
            .into_map()
            .unwrap_or_default();
        map.insert("province".into(), shared.province);
        map.insert("documents".into(), Value::from(shared.documents));
        Value::from(map)
    }
}

/// The values a conclusion's value shares with others: see [`ConclusionCtx::to_value`].
pub struct Shared {
    pub province: Value,
    pub documents: Vec<Value>,
}

/// Builds context values for one site. Each conclusion's and document's value is
/// built once; Tera values share their contents (`Arc`), so the timeline, the year,
/// province and document pages all list the same values without copying them.
pub struct Builder<'a> {
    pub site: &'a Site,
    pub urls: Urls,
    pub values: Values,
}

/// Every conclusion's and document's context, and the same as template values.
/// Shared: the render cache keeps the last ones.
#[derive(Clone, Default)]
pub struct Values {
    /// A [`ConclusionCtx`] per conclusion, in timeline order (feeds and data read it).
    pub conclusions: Arc<Vec<ConclusionCtx>>,
    /// A [`DocumentRef`] per document.
    pub documents: Arc<Vec<Arc<DocumentRef>>>,
    /// The same, as template values, shared by every listing.
    pub conclusion_values: Arc<Vec<Value>>,
    pub document_values: Arc<Vec<Value>>,
}

impl std::ops::Deref for Builder<'_> {
    type Target = Values;
    fn deref(&self) -> &Values {
        &self.values
    }
}

impl<'a> Builder<'a> {
    pub fn new(site: &'a Site) -> Self {
        Self::with_cache(site, None)
    }

    /// With `cache`, values equal to the last render's are shared with it.
    pub fn with_cache(site: &'a Site, cache: Option<&Cache>) -> Self {
        Self::build(site, cache, None)
    }

    /// [`Builder::new`], but with the template values of only the conclusions
    /// `wanted` marks and the documents they cite: for a render of pages that show
    /// no others. Every other value is undefined (a real one never is).
    pub fn with_values_of(site: &'a Site, wanted: &[bool]) -> Self {
        Self::build(site, None, Some(wanted))
    }

    fn build(site: &'a Site, cache: Option<&Cache>, wanted: Option<&[bool]>) -> Self {
        let is_wanted = |i: usize| wanted.is_none_or(|w| w.get(i).copied().unwrap_or(false));
        let doc_wanted: Option<Vec<bool>> = wanted.map(|_| {
            let mut cited = vec![false; site.documents.len()];
            for i in (0..site.conclusions.len()).filter(|&i| is_wanted(i)) {
                for &d in &site.cites[i] {
                    cited[d] = true;
                }
            }
            cited
        });
        let is_doc_wanted = |d: usize| doc_wanted.as_ref().is_none_or(|w| w[d]);
        let urls = Urls::new(&site.config);
        let language = site.config.language;
        let documents: Vec<Arc<DocumentRef>> = site
            .documents
            .par_iter()
            .map(|d| Arc::new(document_ref(d, &urls, language)))
            .collect();
        let conclusions: Vec<ConclusionCtx> = site
            .conclusions
            .par_iter()
            .zip(&site.cites[..])
            .map(|(c, cites)| {
                let docs = cites.iter().map(|&d| documents[d].clone()).collect();
                conclusion_ctx(c, &urls, language, docs)
            })
            .collect();
        let document_values: Vec<Value> = documents
            .par_iter()
            .enumerate()
            .map(|(d, r)| match cache {
                _ if !is_doc_wanted(d) => Value::undefined(),
                Some(cache) => cache.document(r),
                None => Value::from_serializable(&**r),
            })
            .collect();
        // Compared whole: a former unit and its successor may share a name and slug.
        let mut provinces: Vec<(&ProvinceRef, Value)> = Vec::new();
        for ctx in &conclusions {
            if !provinces.iter().any(|(p, _)| *p == &ctx.province) {
                provinces.push((&ctx.province, Value::from_serializable(&ctx.province)));
            }
        }
        let province_value = |p: &ProvinceRef| {
            let known = provinces.iter().find(|(q, _)| *q == p);
            known.map_or_else(|| Value::from_serializable(p), |(_, v)| v.clone())
        };
        let conclusion_values = conclusions
            .par_iter()
            .zip(&site.cites[..])
            .enumerate()
            .map(|(i, (ctx, cites))| {
                if !is_wanted(i) {
                    return Value::undefined();
                }
                let shared = || Shared {
                    province: province_value(&ctx.province),
                    documents: cites.iter().map(|&d| document_values[d].clone()).collect(),
                };
                match cache {
                    Some(cache) => cache.conclusion(ctx, shared),
                    None => ctx.to_value(shared()),
                }
            })
            .collect();
        Self {
            site,
            urls,
            values: Values {
                conclusions: Arc::new(conclusions),
                documents: Arc::new(documents),
                conclusion_values: Arc::new(conclusion_values),
                document_values: Arc::new(document_values),
            },
        }
    }

    /// With the values `cache` kept from the last render, which must have been of a
    /// site with the same indexes, differing at most in the conclusions `edited`
    /// (see [`Site::with_text_of`]). `None` when the kept values do not fit `site`, or
    /// an edited conclusion's context differs from its kept one (its listings would
    /// change): then build them all with [`Builder::with_cache`].
    pub fn from_last(site: &'a Site, cache: &Cache, edited: &[usize]) -> Option<Self> {
        let values = cache.last_values()?;
        let fits = values.conclusions.len() == site.conclusions.len()
            && values.documents.len() == site.documents.len();
        if !fits {
            return None;
        }
        let urls = Urls::new(&site.config);
        let language = site.config.language;
        for &i in edited {
            let docs = site.cites[i]
                .iter()
                .map(|&d| values.documents[d].clone())
                .collect();
            let ctx = conclusion_ctx(&site.conclusions[i], &urls, language, docs);
            if values.conclusions[i] != ctx {
                return None;
            }
        }
        Some(Self { site, urls, values })
    }

    pub fn site_ctx(&self) -> SiteCtx {
        let c = &self.site.config;
        SiteCtx {
            title: c.title.clone(),
            description: c.description.clone(),
            base_url: c.base_url.as_str().to_string(),
            base_path: c.base_url.path().to_string(),
            language: c.language,
            portal: c
                .portal
                .as_ref()
                .map(|p| PortalCtx::new(p, &self.urls, c.language)),
        }
    }

    pub fn urls_ctx(&self) -> UrlsCtx {
        UrlsCtx {
            home: self.urls.home(),
            timeline: self.urls.timeline(),
            provinces: self.urls.provinces(),
            documents: self.urls.documents(),
            static_dir: self.urls.static_dir(),
            search: self.site.config.search.then(|| self.urls.search()),
            feed: self.urls.feed(),
            data: self.urls.data(),
        }
    }

    pub fn page(&self, kind: &'static str, url: String, title: String) -> PageCtx {
        let permalink = format!("{}{}", self.site.config.base_url.origin(), url);
        PageCtx {
            kind,
            url,
            permalink,
            title,
        }
    }
}

pub fn province_ref(p: &'static Province, urls: &Urls) -> ProvinceRef {
    let current = p.current();
    ProvinceRef {
        name: p.name,
        official_name: p.official_name,
        slug: p.slug,
        url: urls.province(p.slug),
        former: !p.is_current(),
        current: UnitCtx {
            name: current.name,
            slug: current.slug,
            url: urls.province(current.slug),
        },
    }
}

fn document_ref(d: &Document, urls: &Urls, language: Language) -> DocumentRef {
    DocumentRef {
        number: d.number.canonical(),
        kind: d.number.kind.clone(),
        kind_name: d.number.kind_name(),
        issuer: crate::model::site::issuer_label(d),
        national: d.province.is_none(),
        province: d.province.map(|p| p.name),
        slug: d.slug.to_string(),
        url: urls.document(d.slug.as_str()),
        title: d.title.clone(),
        issued: d.issued.map(|i| i.to_string()),
        issued_display: d.issued.map(|i| date::display(i, language)),
        year: d.issued.map(|i| i.year()),
        issuer_name: d.issuer.clone(),
        issued_by: super::doc_index::issuer_of(d),
        subject: d.subject.clone(),
        sentence: d.sentence.clone(),
        link: d.link.clone(),
        count: d.cited_by.len(),
    }
}

fn conclusion_ctx(
    c: &Conclusion,
    urls: &Urls,
    language: Language,
    documents: Vec<Arc<DocumentRef>>,
) -> ConclusionCtx {
    let url = urls.conclusion(c.slug.as_str());
    ConclusionCtx {
        slug: c.slug.to_string(),
        title: c.title.clone(),
        date: c.date.to_string(),
        date_display: date::display(c.date, language),
        year: c.date.year(),
        month: c.date.month(),
        province: province_ref(c.province, urls),
        body: c.body.clone(),
        chaired_by: c.chaired_by.clone(),
        signed_by: c.signed_by.clone(),
        number: c.number.as_ref().map(|n| n.canonical()),
        source: c.source.clone(),
        author: c.author.clone(),
        summary: c.summary_or_lead().to_string(),
        summary_given: c.summary.is_some(),
        tags: c.tags.clone(),
        documents,
        attachments: c
            .attachments
            .iter()
            .map(|a| AttachmentCtx {
                name: a.name.clone(),
                url: urls.of(Route::Attachment {
                    conclusion: c.slug.as_str(),
                    name: &a.name,
                }),
            })
            .collect(),
        draft: c.draft,
        url,
    }
}

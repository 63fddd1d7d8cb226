//! The documents index: every document in pages of [`PER_PAGE`], and the same for
//! each value of four filters (kind, issuer, province, year), each a page of its own
//! so that filtering works as plain links, without JavaScript.
//!
//! Each document is listed once in the whole index and once under each filter, so
//! the filter pages add at most four times the index's pages (plus one partly filled
//! page per value): the output grows with the documents, never with combinations.

use tera::Value;

use super::context::Urls;
use crate::model::{Document, Site, issuer, slug::Slug};
use crate::routes::Route;
use crate::text;

/// Documents per page of the index.
pub const PER_PAGE: usize = 50;

/// A filter of the index, in the order the page shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    Kind,
    Issuer,
    Province,
    Year,
}

impl Dimension {
    const ALL: [Dimension; 4] = [Self::Kind, Self::Issuer, Self::Province, Self::Year];
    /// In the order the pages show them.
    pub const SHOWN: [Dimension; 4] = [Self::Kind, Self::Year, Self::Province, Self::Issuer];

    /// Its URL segment: `/nghi-quyet/loai/nq/`. No document slug is one of these
    /// (every one holds its number's digits).
    pub fn segment(self) -> &'static str {
        match self {
            Self::Kind => "loai",
            Self::Issuer => "co-quan",
            Self::Province => "tinh",
            Self::Year => "nam",
        }
    }

    /// Its key in templates (`filters.kind`) and its UI string (`t.kind`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Kind => "kind",
            Self::Issuer => "issuer",
            Self::Province => "province",
            Self::Year => "year",
        }
    }
}

/// One value of a filter and the documents it keeps, in index order.
#[derive(Debug, Clone)]
pub struct FilterValue {
    pub slug: String,
    pub label: String,
    pub documents: Vec<usize>,
}

/// One page of the index: which list, which page of it.
#[derive(Debug, Clone, Copy)]
pub struct Listing {
    /// `None`: every document; else (dimension, index of the value).
    pub filter: Option<(Dimension, usize)>,
    /// From 1.
    pub page: usize,
}

/// The index's lists, built once per site.
pub struct DocIndex {
    /// Per dimension (in [`Dimension::ALL`] order), its values in display order.
    pub values: Vec<(Dimension, Vec<FilterValue>)>,
    pub listings: Vec<Listing>,
    total: usize,
}

/// The issuer of a document in words, as the index shows and groups it.
pub fn issuer_of(d: &Document) -> String {
    issuer::name(&d.number, d.province)
}

impl DocIndex {
    pub fn new(site: &Site, national: &str) -> Self {
        let docs = &site.documents;
        let mut values = Vec::new();
        for dim in Dimension::ALL {
            let mut found: Vec<FilterValue> = Vec::new();
            let mut slot: std::collections::HashMap<String, usize> = Default::default();
            for (k, d) in docs.iter().enumerate() {
                let Some((slug, label)) = value_of(dim, d, national) else {
                    continue;
                };
                let at = *slot.entry(slug.clone()).or_insert_with(|| {
                    found.push(FilterValue {
                        slug,
                        label,
                        documents: Vec::new(),
                    });
                    found.len() - 1
                });
                found[at].documents.push(k);
            }
            match dim {
                // Kinds keep the index's order (resolutions first); years newest first.
                Dimension::Kind => {}
                Dimension::Year => found.sort_by(|a, b| b.slug.cmp(&a.slug)),
                Dimension::Issuer | Dimension::Province => found.sort_by(|a, b| {
                    text::compare(&a.label, &b.label).then_with(|| a.slug.cmp(&b.slug))
                }),
            }
            values.push((dim, found));
        }
        let pages = |n: usize| n.div_ceil(PER_PAGE).max(1);
        let mut listings: Vec<Listing> = (1..=pages(docs.len()))
            .map(|page| Listing { filter: None, page })
            .collect();
        for (dim, list) in &values {
            for (v, value) in list.iter().enumerate() {
                listings.extend((1..=pages(value.documents.len())).map(|page| Listing {
                    filter: Some((*dim, v)),
                    page,
                }));
            }
        }
        Self {
            values,
            listings,
            total: docs.len(),
        }
    }

    fn value(&self, dim: Dimension, v: usize) -> &FilterValue {
        let list = &self
            .values
            .iter()
            .find(|(d, _)| *d == dim)
            .expect("every dimension")
            .1;
        &list[v]
    }

    /// The documents a listing shows (indexes into the site's documents).
    pub fn documents(&self, listing: Listing) -> Vec<usize> {
        let start = (listing.page - 1) * PER_PAGE;
        match listing.filter {
            None => (start..(start + PER_PAGE).min(self.total)).collect(),
            Some((dim, v)) => {
                let all = &self.value(dim, v).documents;
                all[start.min(all.len())..(start + PER_PAGE).min(all.len())].to_vec()
            }
        }
    }

    /// How many documents the listing's list has, over all its pages.
    pub fn count(&self, listing: Listing) -> usize {
        match listing.filter {
            None => self.total,
            Some((dim, v)) => self.value(dim, v).documents.len(),
        }
    }

    /// How many pages the listing's list has.
    pub fn pages(&self, listing: Listing) -> usize {
        self.count(listing).div_ceil(PER_PAGE).max(1)
    }

    /// The route of page `page` of the list `filter` keeps.
    pub fn route(&self, filter: Option<(Dimension, usize)>, page: usize) -> Route<'_> {
        let filter = filter.map(|(dim, v)| (dim.segment(), self.value(dim, v).slug.as_str()));
        Route::DocumentsPage { filter, page }
    }

    /// The URL of page `page` of the list `filter` keeps.
    pub fn url(&self, urls: &Urls, filter: Option<(Dimension, usize)>, page: usize) -> String {
        urls.of(self.route(filter, page))
    }

    /// The filter's label (`Tỉnh ủy Hà Tĩnh`), for the page's title.
    pub fn label(&self, listing: Listing) -> Option<&str> {
        listing
            .filter
            .map(|(dim, v)| self.value(dim, v).label.as_str())
    }

    /// The filters as a template value, the same for every page (a page marks its
    /// own value by its URL): a list of `{key, url, count, values}` in display order,
    /// `url` the page listing every value of the filter, `count` how many values it
    /// has, and `values` those values (`[{label, url, count}]`) when there are at
    /// most [`INLINE`] of them, else `null`: a province's or issuer's hundreds of
    /// values would be most of every page's bytes, so pages link to their list.
    pub fn filters_value(&self, urls: &Urls) -> Value {
        let items: Vec<Value> = Dimension::SHOWN
            .iter()
            .map(|&dim| {
                let list = self.list(dim);
                let values = (list.len() <= INLINE).then(|| self.values_value(urls, dim));
                super::map([
                    ("key", Value::from(dim.key())),
                    ("url", Value::from(urls.documents_filter(dim.segment()))),
                    ("count", Value::from(list.len())),
                    ("values", Value::from(values)),
                ])
            })
            .collect();
        Value::from(items)
    }

    /// Every value of `dim` as `[{label, url, count}]`.
    pub fn values_value(&self, urls: &Urls, dim: Dimension) -> Value {
        let items: Vec<Value> = self
            .list(dim)
            .iter()
            .enumerate()
            .map(|(v, value)| {
                super::map([
                    ("label", Value::from(value.label.as_str())),
                    ("url", Value::from(self.url(urls, Some((dim, v)), 1))),
                    ("count", Value::from(value.documents.len())),
                ])
            })
            .collect();
        Value::from(items)
    }

    fn list(&self, dim: Dimension) -> &[FilterValue] {
        &self
            .values
            .iter()
            .find(|(d, _)| *d == dim)
            .expect("every dimension")
            .1
    }
}

/// Filters with at most this many values are listed on every page of the index.
pub const INLINE: usize = 20;

/// The value of `dim` for document `d`, as (URL slug, label); `None` for a document
/// without one (no year known: no year).
fn value_of(dim: Dimension, d: &Document, national: &str) -> Option<(String, String)> {
    let slug = |s: &str| Slug::from_text(s).map_or_else(|| "khac".to_string(), |s| s.to_string());
    Some(match dim {
        Dimension::Kind => (slug(&d.number.kind), d.number.kind_name().to_string()),
        Dimension::Issuer => {
            let name = issuer_of(d);
            // Old and new Lâm Đồng share a name but not a unit: `(cũ)` tells them
            // apart in the label, and so in the slug.
            (slug(&name), name)
        }
        Dimension::Province => match d.province {
            Some(p) if p.is_current() => (p.slug.to_string(), p.name.to_string()),
            Some(p) => (format!("{}-cu", p.slug), format!("{} (cũ)", p.name)),
            None => ("trung-uong".to_string(), national.to_string()),
        },
        Dimension::Year => {
            // The issue date, else the year in the number (`326/2021/NQ-HĐND`).
            let y = d
                .issued
                .map(|i| i.year())
                .or_else(|| d.number.year.and_then(|y| i16::try_from(y).ok()))?;
            (y.to_string(), y.to_string())
        }
    })
}

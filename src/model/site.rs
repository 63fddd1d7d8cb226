//! The whole site as data: conclusions in timeline order and the indexes built from
//! them (provinces, documents). Everything the render stage needs, nothing it must
//! recompute.

use std::collections::BTreeMap;

use super::conclusion::Conclusion;
use super::document::{Document, DocumentKey};
use super::province::Province;
use super::slug::Slug;
use crate::config::SiteConfig;
use crate::text;

/// One page of the province index: a unit and the conclusions listed on it.
#[derive(Debug, Clone)]
pub struct ProvinceListing {
    /// The unit the page is about (the current one when a former unit shares its slug).
    pub province: &'static Province,
    /// Conclusion indexes, newest first, each with the former unit it came from when
    /// that unit has its own page (Đắk Nông's conclusions on Lâm Đồng's page).
    pub entries: Vec<(usize, Option<&'static Province>)>,
    /// Former units whose conclusions are listed here.
    pub formers: Vec<&'static Province>,
}

#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    /// Newest first (see [`Conclusion::timeline_order`]).
    pub conclusions: Vec<Conclusion>,
    /// For each conclusion, indexes into `documents`, in front-matter order.
    pub cites: Vec<Vec<usize>>,
    /// Grouped by kind (resolutions first), then issuer, then number.
    pub documents: Vec<Document>,
    /// In Vietnamese alphabetical order.
    pub provinces: Vec<ProvinceListing>,
}

impl Site {
    pub fn new(config: SiteConfig, mut conclusions: Vec<Conclusion>) -> Self {
        conclusions.sort_by(Conclusion::timeline_order);
        let (documents, cites) = index_documents(&conclusions);
        let provinces = index_provinces(&conclusions);
        Self {
            config,
            conclusions,
            cites,
            documents,
            provinces,
        }
    }

    /// Years that have conclusions, newest first, with counts.
    pub fn years(&self) -> Vec<(i16, usize)> {
        let mut years: BTreeMap<i16, usize> = BTreeMap::new();
        for c in &self.conclusions {
            *years.entry(c.date.year()).or_default() += 1;
        }
        years.into_iter().rev().collect()
    }

    /// The listing whose page shows this unit.
    pub fn province_page(&self, p: &'static Province) -> Option<&ProvinceListing> {
        self.provinces.iter().find(|l| l.province.slug == p.slug)
    }
}

fn index_documents(conclusions: &[Conclusion]) -> (Vec<Document>, Vec<Vec<usize>>) {
    // BTreeMap: deterministic order whatever the input order.
    let mut by_key: BTreeMap<DocumentKey, Document> = BTreeMap::new();
    let mut keys_per_conclusion = Vec::with_capacity(conclusions.len());
    for (i, c) in conclusions.iter().enumerate() {
        let mut keys = Vec::with_capacity(c.documents.len());
        for number in &c.documents {
            let key = DocumentKey::new(number, c.province, None);
            let doc = by_key.entry(key.clone()).or_insert_with(|| {
                let province = (!number.is_national()).then_some(c.province);
                Document {
                    key: key.clone(),
                    number: number.clone(),
                    province,
                    slug: Document::base_slug(number, province),
                    title: None,
                    issued: None,
                    cited_by: Vec::new(),
                }
            });
            if !doc.cited_by.contains(&i) {
                doc.cited_by.push(i);
            }
            keys.push(key);
        }
        keys_per_conclusion.push(keys);
    }

    let mut documents: Vec<Document> = by_key.into_values().collect();
    disambiguate_slugs(&mut documents);
    documents.sort_by(|a, b| {
        kind_rank(&a.number.kind)
            .cmp(&kind_rank(&b.number.kind))
            .then_with(|| a.number.kind.cmp(&b.number.kind))
            .then_with(|| b.province.is_none().cmp(&a.province.is_none()))
            .then_with(|| text::compare(&issuer_label(a), &issuer_label(b)))
            .then_with(|| text::compare(province_name(a), province_name(b)))
            .then_with(|| a.number.year.cmp(&b.number.year))
            .then_with(|| numeric(&a.number.number).total_cmp(&numeric(&b.number.number)))
            .then_with(|| a.slug.cmp(&b.slug))
    });
    let position: BTreeMap<&DocumentKey, usize> = documents
        .iter()
        .enumerate()
        .map(|(i, d)| (&d.key, i))
        .collect();
    let cites = keys_per_conclusion
        .iter()
        .map(|keys| keys.iter().map(|k| position[k]).collect())
        .collect();
    (documents, cites)
}

/// Two documents can share a base slug (old and new Lâm Đồng each with a `05-NQ/TU`,
/// or one number with two issue dates). The first in key order keeps it; the others
/// get the issue year, or a counter when that is not enough.
fn disambiguate_slugs(documents: &mut [Document]) {
    let mut taken: BTreeMap<Slug, usize> = BTreeMap::new();
    for doc in documents.iter_mut() {
        if !taken.contains_key(&doc.slug) {
            taken.insert(doc.slug.clone(), 1);
            continue;
        }
        let base = doc.slug.clone();
        let mut candidate = match doc.issued {
            Some(d) => base.with_suffix(&d.year().to_string()),
            None => base.with_suffix("2"),
        };
        let mut n = 2;
        while taken.contains_key(&candidate) {
            n += 1;
            candidate = base.with_suffix(&n.to_string());
        }
        taken.insert(candidate.clone(), 1);
        doc.slug = candidate;
    }
}

fn kind_rank(kind: &str) -> usize {
    const ORDER: [&str; 8] = ["NQ", "KL", "CT", "QĐi", "QĐ", "TB", "KH", "CTr"];
    ORDER.iter().position(|k| *k == kind).unwrap_or(ORDER.len())
}

fn numeric(n: &str) -> f64 {
    n.parse().unwrap_or(f64::MAX)
}

fn province_name(d: &Document) -> &'static str {
    d.province.map_or("", |p| p.name)
}

/// The issuer as shown in the documents index: `TU`, `UBND-DL1`.
pub fn issuer_label(d: &Document) -> String {
    d.number.issuer.join("-")
}

fn index_provinces(conclusions: &[Conclusion]) -> Vec<ProvinceListing> {
    let mut pages: BTreeMap<&'static str, ProvinceListing> = BTreeMap::new();
    for (i, c) in conclusions.iter().enumerate() {
        let unit = c.province;
        listing(&mut pages, unit).entries.push((i, None));
        let current = unit.current();
        if current.slug != unit.slug {
            let page = listing(&mut pages, current);
            page.entries.push((i, Some(unit)));
            if !page.formers.contains(&unit) {
                page.formers.push(unit);
            }
        }
    }
    let mut listings: Vec<ProvinceListing> = pages.into_values().collect();
    listings.sort_by(|a, b| {
        text::compare(a.province.name, b.province.name).then(a.province.slug.cmp(b.province.slug))
    });
    for l in &mut listings {
        l.formers
            .sort_by(|a, b| text::compare(a.name, b.name).then(a.slug.cmp(b.slug)));
    }
    listings
}

fn listing<'a>(
    pages: &'a mut BTreeMap<&'static str, ProvinceListing>,
    unit: &'static Province,
) -> &'a mut ProvinceListing {
    // A page is about the current unit whenever a former one shares its slug.
    pages.entry(unit.slug).or_insert_with(|| ProvinceListing {
        province: super::province::by_slug(unit.slug).unwrap_or(unit),
        entries: Vec::new(),
        formers: Vec::new(),
    })
}

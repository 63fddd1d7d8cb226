//! The whole site as data: conclusions in timeline order and the indexes built from
//! them (provinces, documents). Everything the render stage needs, nothing it must
//! recompute.

use std::collections::{BTreeMap, BTreeSet};

// Keys made here from the site's own data, hundreds of thousands at 100,000
// conclusions: FxHash, several times cheaper than SipHash.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::Arc;

use jiff::civil::Date;
use rayon::prelude::*;

use super::conclusion::Conclusion;
use super::docnum::DocumentNumber;
use super::document::{Document, DocumentKey, RegistryEntry, Scope, unit_in_issuer};
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

/// Cheap to clone: the conclusions and indexes are shared (`serve` keeps the last
/// site and makes the next one from it, see [`Site::with_text_of`]).
#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    /// Newest first (see [`Conclusion::timeline_order`]).
    pub conclusions: Vec<Arc<Conclusion>>,
    /// For each conclusion, indexes into `documents`: the front matter's in order,
    /// then those cited in the text.
    pub cites: Arc<Vec<Vec<usize>>>,
    /// For each conclusion, the document of each of its `mentions`.
    pub mention_docs: Arc<Vec<Vec<usize>>>,
    /// Grouped by kind (resolutions first), then issuer, then number.
    pub documents: Arc<Vec<Document>>,
    /// In Vietnamese alphabetical order.
    pub provinces: Arc<Vec<ProvinceListing>>,
}

impl Site {
    pub fn new(
        config: SiteConfig,
        mut conclusions: Vec<Arc<Conclusion>>,
        registry: &[RegistryEntry],
    ) -> Self {
        conclusions.par_sort_by(|a, b| Conclusion::timeline_order(a, b));
        let ((documents, cites, mention_docs), provinces) = rayon::join(
            || index_documents(&conclusions, registry),
            || index_provinces(&conclusions),
        );
        Self {
            config,
            conclusions,
            cites: Arc::new(cites),
            mention_docs: Arc::new(mention_docs),
            documents: Arc::new(documents),
            provinces: Arc::new(provinces),
        }
    }

    /// This site with the conclusion at `index` replaced by `edited`, which must
    /// differ from it only in its text (see [`Conclusion::same_but_text`]): the
    /// indexes are then exactly what [`Site::new`] would build, so they are shared.
    /// `None` (build the site anew) when `edited` differs in more.
    pub fn with_text_of(&self, index: usize, edited: Arc<Conclusion>) -> Option<Site> {
        let old = self.conclusions.get(index)?;
        if !old.same_but_text(&edited) {
            return None;
        }
        let mut site = self.clone();
        site.conclusions[index] = edited;
        Some(site)
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

/// One reference from a conclusion to a document number, before identities are
/// resolved: from the front matter (`mention: None`) or from the text.
struct Reference<'a> {
    conclusion: usize,
    number: &'a DocumentNumber,
    /// `number.key()`, made once.
    key: String,
    /// The unit the document belongs to, `None` when national; `scope` is made of it.
    unit: Option<&'static Province>,
    scope: Scope,
    issued: Option<Date>,
    mention: Option<usize>,
}

/// Resolve every reference to a document identity, and learn what the texts (and the
/// registry, which wins) say about each document.
///
/// A reference without an issue date takes the date its own conclusion gives for the
/// same number elsewhere in the text; failing that, the latest known issue date of
/// that number on or before the conclusion's date (Party numbers restart each term),
/// or the earliest when all are later.
///
/// Hash maps and indexes rather than ordered maps of cloned keys: at 100,000
/// conclusions this ran for seconds comparing strings. Order comes from sorting.
fn index_documents(
    conclusions: &[Arc<Conclusion>],
    registry: &[RegistryEntry],
) -> (Vec<Document>, Vec<Vec<usize>>, Vec<Vec<usize>>) {
    // Each conclusion's references on their own (in parallel: making the keys is most
    // of the work), concatenated in conclusion order.
    let references: Vec<Reference> = conclusions
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, c)| references_of(i, c))
        .collect();
    let references = to_former_units(references);
    let registry_keys: Vec<String> = registry.iter().map(|e| e.number.key()).collect();
    let mut dates: HashMap<(Scope, &str), BTreeSet<Date>> = HashMap::default();
    for (scope, key, issued) in references
        .iter()
        .map(|r| (r.scope, r.key.as_str(), r.issued))
        .chain(
            registry
                .iter()
                .zip(&registry_keys)
                .map(|(e, k)| (e.scope, k.as_str(), e.issued)),
        )
    {
        dates.entry((scope, key)).or_default().extend(issued);
    }

    let mut documents: Vec<Document> = Vec::new();
    let mut by_key: HashMap<DocumentKey, usize> = HashMap::default();
    let mut front: Vec<Vec<usize>> = vec![Vec::new(); conclusions.len()];
    let mut mentioned: Vec<Vec<usize>> = conclusions
        .iter()
        .map(|c| vec![usize::MAX; c.mentions.len()])
        .collect();
    // Oldest conclusion first, so what a document "is" comes from its earliest citation.
    for r in references.iter().rev() {
        let c = &conclusions[r.conclusion];
        let issued = r.issued.or_else(|| {
            let known = &dates[&(r.scope, r.key.as_str())];
            known
                .range(..=c.date)
                .next_back()
                .or_else(|| known.iter().next())
                .copied()
        });
        let key = DocumentKey {
            scope: r.scope,
            number: r.key.clone(),
            issued,
        };
        let d = *by_key.entry(key).or_insert_with_key(|key| {
            let province = r.unit;
            documents.push(Document {
                key: key.clone(),
                number: r.number.clone(),
                province,
                slug: Document::base_slug(r.number, province),
                title: None,
                issued,
                issuer: None,
                subject: None,
                sentence: None,
                link: None,
                cited_by: Vec::new(),
            });
            documents.len() - 1
        });
        let doc = &mut documents[d];
        if let Some(m) = r.mention.map(|m| &c.mentions[m]) {
            doc.issuer = doc.issuer.take().or_else(|| m.issuer.clone());
            doc.subject = doc.subject.take().or_else(|| m.subject.clone());
            doc.sentence = doc.sentence.take().or_else(|| Some(m.sentence.clone()));
        }
        // A conclusion's references are visited together, so a repeat is the last.
        if doc.cited_by.last() != Some(&r.conclusion) {
            doc.cited_by.push(r.conclusion);
        }
        match r.mention {
            Some(m) => mentioned[r.conclusion][m] = d,
            None => front[r.conclusion].push(d),
        }
    }
    drop(by_key);
    let registry_index = registry_by_key(registry, &registry_keys);
    for doc in &mut documents {
        // Collected oldest first; pages list newest first.
        doc.cited_by.sort_unstable();
        apply_registry(doc, registry, &registry_index);
    }

    // Slugs are given out in key order, then documents sorted for the index; each
    // step's permutation maps the indexes the conclusions hold.
    let mut order: Vec<usize> = (0..documents.len()).collect();
    order.par_sort_unstable_by(|&a, &b| documents[a].key.cmp(&documents[b].key));
    let mut documents = permute(documents, &order);
    disambiguate_slugs(&mut documents);
    let mut position = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        position[old] = new;
    }
    // Each key once per document, not once per comparison.
    let mut order: Vec<usize> = (0..documents.len()).collect();
    order.par_sort_by_cached_key(|&i| {
        let d = &documents[i];
        (
            kind_rank(&d.number.kind),
            d.number.kind.clone(),
            // National documents first.
            d.province.is_some(),
            text::sort_key(&issuer_label(d)),
            text::sort_key(province_name(d)),
            d.number.year,
            numeric(&d.number.number),
            d.issued,
            d.slug.clone(),
        )
    });
    let documents = permute(documents, &order);
    let mut sorted = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        sorted[old] = new;
    }
    let place = |d: usize| sorted[position[d]];
    // Front matter first (references were visited in reverse), then the text's order.
    let cites = front
        .par_iter()
        .zip(&mentioned)
        .map(|(front, mentioned)| {
            let mut out: Vec<usize> = Vec::new();
            for &d in front.iter().rev().chain(mentioned) {
                if !out.contains(&place(d)) {
                    out.push(place(d));
                }
            }
            out
        })
        .collect();
    let mention_docs = mentioned
        .par_iter()
        .map(|ds| ds.iter().map(|&d| place(d)).collect())
        .collect();
    (documents, cites, mention_docs)
}

/// The references of conclusion `i`: its front matter's, then its text's.
fn references_of(i: usize, c: &Conclusion) -> Vec<Reference<'_>> {
    let mut own = Vec::with_capacity(c.documents.len() + c.mentions.len());
    for number in &c.documents {
        own.push(Reference {
            conclusion: i,
            number,
            key: number.key(),
            unit: None,
            scope: Scope::National,
            issued: None,
            mention: None,
        });
    }
    for (m, mention) in c.mentions.iter().enumerate() {
        own.push(Reference {
            conclusion: i,
            number: &mention.number,
            key: mention.number.key(),
            unit: None,
            scope: Scope::National,
            issued: mention.issued,
            mention: Some(m),
        });
    }
    // An undated reference takes the first date the text gives for the same number.
    // One pass, not a search per reference: a body citing 100,000 times was
    // quadratic.
    let mut first_date: HashMap<&str, Date> = HashMap::default();
    for r in &own {
        if let Some(d) = r.issued {
            first_date.entry(r.key.as_str()).or_insert(d);
        }
    }
    let undated: Vec<(usize, Date)> = own
        .iter()
        .enumerate()
        .filter(|(_, r)| r.issued.is_none())
        .filter_map(|(k, r)| first_date.get(r.key.as_str()).map(|d| (k, *d)))
        .collect();
    for (k, d) in undated {
        own[k].issued = Some(d);
    }
    for r in &mut own {
        let issuer = r.mention.and_then(|m| c.mentions[m].issuer.as_deref());
        r.unit = unit_of(r.number, issuer, r.issued, c);
        r.scope = Scope::of_unit(r.unit);
    }
    own
}

/// The unit a number belongs to, `None` when national: the one its issuer phrase
/// names (`của Tỉnh ủy Nghệ An` in a Hà Tĩnh text), else the citing conclusion's.
fn unit_of(
    number: &DocumentNumber,
    issuer: Option<&str>,
    issued: Option<Date>,
    c: &Conclusion,
) -> Option<&'static Province> {
    if number.is_national() {
        return None;
    }
    let on = issued.unwrap_or(c.date);
    issuer
        .and_then(|i| unit_in_issuer(i, on))
        .or(Some(c.province))
}

/// A document issued before its unit existed (a 2021 `05-NQ/TU` cited by a
/// conclusion of the Lâm Đồng formed in 2025) belongs to one of the former units it
/// came from: the one some conclusion of that former unit cites with the same number
/// and date, when exactly one does; else it stays with the current unit.
fn to_former_units(mut references: Vec<Reference<'_>>) -> Vec<Reference<'_>> {
    let anachronism = |r: &Reference| match (r.unit, r.issued) {
        (Some(u), Some(d)) => !u.existed_on(d),
        _ => false,
    };
    // Most sites have none: skip the set.
    if !references.iter().any(anachronism) {
        return references;
    }
    let known: HashSet<(Scope, &str, Date)> = references
        .iter()
        .filter(|r| r.unit.is_some_and(|u| !u.is_current()))
        .filter_map(|r| Some((r.scope, r.key.as_str(), r.issued?)))
        .collect();
    let moves: Vec<(usize, &'static Province)> = references
        .iter()
        .enumerate()
        .filter(|(_, r)| anachronism(r))
        .filter_map(|(k, r)| {
            let (unit, day) = (r.unit?, r.issued?);
            let mut cited = unit
                .predecessors()
                .filter(|p| known.contains(&(Scope::of_unit(Some(p)), r.key.as_str(), day)));
            match (cited.next(), cited.next()) {
                (Some(p), None) => Some((k, p)),
                _ => None,
            }
        })
        .collect();
    for (k, p) in moves {
        references[k].unit = Some(p);
        references[k].scope = Scope::of_unit(Some(p));
    }
    references
}

/// `items` in the order of the indexes `order` holds.
fn permute<T>(items: Vec<T>, order: &[usize]) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order
        .iter()
        .map(|&i| {
            slots[i]
                .take()
                .expect("a permutation names each index once")
        })
        .collect()
}

/// Registry entries by scope and number key, in file order.
fn registry_by_key<'a>(
    registry: &[RegistryEntry],
    keys: &'a [String],
) -> HashMap<(Scope, &'a str), Vec<usize>> {
    let mut map: HashMap<(Scope, &str), Vec<usize>> = HashMap::default();
    for (i, (e, k)) in registry.iter().zip(keys).enumerate() {
        map.entry((e.scope, k.as_str())).or_default().push(i);
    }
    map
}

/// Registry facts win: an entry with a date applies to that dated document, an entry
/// without one to every document of its number.
fn apply_registry(
    doc: &mut Document,
    registry: &[RegistryEntry],
    index: &HashMap<(Scope, &str), Vec<usize>>,
) {
    let entry = index
        .get(&(doc.key.scope, doc.key.number.as_str()))
        .into_iter()
        .flatten()
        .map(|&i| &registry[i])
        .find(|e| e.issued.is_none() || e.issued == doc.issued);
    if let Some(e) = entry {
        doc.title = e.title.clone().or(doc.title.take());
        doc.issuer = e.issuer.clone().or(doc.issuer.take());
        doc.link = e.link.clone().or(doc.link.take());
        doc.issued = e.issued.or(doc.issued);
    }
}

/// Each document's slug depends on itself alone, so adding a document, older or
/// newer, never moves another's URL: a dated document's is its base slug and issue
/// year (`ha-tinh-05-nq-tu-2021`) unless its number has a year already, an undated
/// one's the base slug. Only a true clash
/// (two documents of one base slug and year: old and new Lâm Đồng, or two issues in
/// one year) falls back to the order of keys: the first keeps it, the others get the
/// full issue date, or a counter when that is not enough either.
fn disambiguate_slugs(documents: &mut [Document]) {
    // Only membership is asked (a hash set: an ordered map of 100,000 slugs took a
    // tenth of the index phase).
    let mut taken: HashSet<Slug> =
        HashSet::with_capacity_and_hasher(documents.len(), Default::default());
    let mut clashes = Vec::new();
    // Own slugs are all reserved first, so that no fallback takes one.
    for (i, doc) in documents.iter_mut().enumerate() {
        // A number with its year inside (`326/2021/NQ-HĐND`) needs no second one.
        if let (Some(d), None) = (doc.issued, doc.number.year) {
            doc.slug = doc.slug.with_suffix(&d.year().to_string());
        }
        if !taken.insert(doc.slug.clone()) {
            clashes.push(i);
        }
    }
    for i in clashes {
        let doc = &mut documents[i];
        let base = doc.slug.clone();
        let mut candidate = match doc.issued {
            Some(d) => Document::base_slug(&doc.number, doc.province).with_suffix(&d.to_string()),
            None => base.with_suffix("2"),
        };
        let mut n = 2;
        while taken.contains(&candidate) {
            n += 1;
            candidate = base.with_suffix(&n.to_string());
        }
        taken.insert(candidate.clone());
        doc.slug = candidate;
    }
}

fn kind_rank(kind: &str) -> usize {
    const ORDER: [&str; 8] = ["NQ", "KL", "CT", "QĐi", "QĐ", "TB", "KH", "CTr"];
    ORDER.iter().position(|k| *k == kind).unwrap_or(ORDER.len())
}

/// A number's value for ordering (`f64::total_cmp`'s order as an integer, so that it
/// can be part of a sort key); text that is no number sorts last.
fn numeric(n: &str) -> i64 {
    let bits = n.parse().unwrap_or(f64::MAX).to_bits() as i64;
    bits ^ (((bits >> 63) as u64) >> 1) as i64
}

fn province_name(d: &Document) -> &'static str {
    d.province.map_or("", |p| p.name)
}

/// The issuer as shown in the documents index: `TU`, `UBND-DL1`.
pub fn issuer_label(d: &Document) -> String {
    d.number.issuer.join("-")
}

fn index_provinces(conclusions: &[Arc<Conclusion>]) -> Vec<ProvinceListing> {
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

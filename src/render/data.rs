//! Open data: `/data/conclusions.json`, `/data/conclusions.csv` (UTF-8 with BOM for
//! Excel, RFC 4180 quoting), `/data/documents.json`, and the JSON Schemas of the two
//! JSON files. One record per conclusion and per document, written from the model;
//! the schema is documented in the README. No author: only the officials named in
//! the texts.

use serde::Serialize;

use super::OutputFile;
use super::context::Builder;
use crate::model::{Conclusion, Document, Province, Site};

pub const CONCLUSIONS_SCHEMA: &str = include_str!("schema/conclusions.schema.json");
pub const DOCUMENTS_SCHEMA: &str = include_str!("schema/documents.schema.json");

/// Joins list items in one CSV cell.
pub const CSV_LIST_SEPARATOR: &str = "; ";

#[derive(Serialize)]
struct UnitRecord {
    name: &'static str,
    slug: &'static str,
}

#[derive(Serialize)]
struct ProvinceRecord {
    name: &'static str,
    official_name: &'static str,
    slug: &'static str,
    /// The unit it became on 2025-07-01, for a former unit; otherwise `null`.
    current: Option<UnitRecord>,
}

fn province_record(p: &'static Province) -> ProvinceRecord {
    let current = p.current();
    ProvinceRecord {
        name: p.name,
        official_name: p.official_name,
        slug: p.slug,
        current: (!p.is_current()).then_some(UnitRecord {
            name: current.name,
            slug: current.slug,
        }),
    }
}

#[derive(Serialize)]
struct CitedDocument {
    number: String,
    kind: String,
    issuer: String,
    scope: &'static str,
    slug: String,
    url: String,
}

#[derive(Serialize)]
struct ConclusionRecord {
    slug: String,
    url: String,
    title: String,
    date: String,
    province: ProvinceRecord,
    body: Option<String>,
    chaired_by: Option<String>,
    signed_by: Option<String>,
    number: Option<String>,
    documents: Vec<CitedDocument>,
    tags: Vec<String>,
    summary: String,
    source: Option<String>,
    attachments: Vec<String>,
}

#[derive(Serialize)]
struct DocumentRecord {
    slug: String,
    url: String,
    number: String,
    kind: String,
    kind_name: &'static str,
    issuer: String,
    issuer_name: Option<String>,
    scope: &'static str,
    province: Option<ProvinceRecord>,
    title: Option<String>,
    issued: Option<String>,
    subject: Option<String>,
    link: Option<String>,
    conclusions: Vec<String>,
}

#[derive(Serialize)]
struct DataFile<'a, T> {
    #[serde(rename = "$schema")]
    schema: String,
    title: &'a str,
    base_url: &'a str,
    #[serde(flatten)]
    records: T,
}

#[derive(Serialize)]
#[serde(bound = "Records<F>: Serialize")]
struct Conclusions<F> {
    conclusions: Records<F>,
}

#[derive(Serialize)]
#[serde(bound = "Records<F>: Serialize")]
struct Documents<F> {
    documents: Records<F>,
}

/// A list serialized from records made one at a time by the iterator `F` returns,
/// so that they never all exist at once (at 10,000 conclusions they would take
/// about as much memory as the file they make).
struct Records<F>(F);

impl<F, I> Serialize for Records<F>
where
    F: Fn() -> I,
    I: Iterator<Item: Serialize>,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

fn scope(d: &Document) -> &'static str {
    if d.province.is_none() {
        "national"
    } else {
        "provincial"
    }
}

fn conclusion_record(b: &Builder, i: usize, c: &Conclusion) -> ConclusionRecord {
    let site: &Site = b.site;
    let ctx = &b.conclusions[i];
    ConclusionRecord {
        slug: c.slug.to_string(),
        url: b.urls.absolute(&ctx.url),
        title: c.title.clone(),
        date: c.date.to_string(),
        province: province_record(c.province),
        body: c.body.clone(),
        chaired_by: c.chaired_by.clone(),
        signed_by: c.signed_by.clone(),
        number: c.number.as_ref().map(|n| n.canonical()),
        documents: site.cites[i]
            .iter()
            .map(|&d| {
                let doc = &site.documents[d];
                CitedDocument {
                    number: doc.number.canonical(),
                    kind: doc.number.kind.clone(),
                    issuer: crate::model::site::issuer_label(doc),
                    scope: scope(doc),
                    slug: doc.slug.to_string(),
                    url: b.urls.absolute(&b.documents[d].url),
                }
            })
            .collect(),
        tags: c.tags.clone(),
        summary: ctx.summary.clone(),
        source: c.source.clone(),
        attachments: ctx
            .attachments
            .iter()
            .map(|a| b.urls.absolute(&a.url))
            .collect(),
    }
}

fn document_record(b: &Builder, d: usize, doc: &Document) -> DocumentRecord {
    let site = b.site;
    DocumentRecord {
        slug: doc.slug.to_string(),
        url: b.urls.absolute(&b.documents[d].url),
        number: doc.number.canonical(),
        kind: doc.number.kind.clone(),
        kind_name: doc.number.kind_name(),
        issuer: crate::model::site::issuer_label(doc),
        issuer_name: doc.issuer.clone(),
        scope: scope(doc),
        province: doc.province.map(province_record),
        title: doc.title.clone(),
        issued: doc.issued.map(|i| i.to_string()),
        subject: doc.subject.clone(),
        link: doc.link.clone(),
        conclusions: doc
            .cited_by
            .iter()
            .map(|&i| site.conclusions[i].slug.to_string())
            .collect(),
    }
}

/// The data export, in two groups given to `out` in turn (each conclusion's and each
/// document's records are made, written out and dropped before the next group).
pub fn render(b: &Builder, out: &mut dyn FnMut(Vec<OutputFile>)) {
    let site = b.site;
    let config = &site.config;
    let data = b.urls.data();
    let file = |path: &str, contents: Vec<u8>| OutputFile {
        path: format!("data/{path}"),
        contents: contents.into(),
    };
    let conclusions = || {
        site.conclusions
            .iter()
            .enumerate()
            .map(|(i, c)| conclusion_record(b, i, c))
    };
    let conclusions_json = DataFile {
        schema: b.urls.absolute(&format!("{data}conclusions.schema.json")),
        title: &config.title,
        base_url: config.base_url.as_str(),
        records: Conclusions {
            conclusions: Records(conclusions),
        },
    };
    out(vec![
        file("conclusions.json", json(&conclusions_json)),
        file("conclusions.csv", csv(conclusions()).into_bytes()),
        file(
            "conclusions.schema.json",
            CONCLUSIONS_SCHEMA.as_bytes().to_vec(),
        ),
    ]);
    let documents = || {
        site.documents
            .iter()
            .enumerate()
            .map(|(d, doc)| document_record(b, d, doc))
    };
    let documents_json = DataFile {
        schema: b.urls.absolute(&format!("{data}documents.schema.json")),
        title: &config.title,
        base_url: config.base_url.as_str(),
        records: Documents {
            documents: Records(documents),
        },
    };
    out(vec![
        file("documents.json", json(&documents_json)),
        file(
            "documents.schema.json",
            DOCUMENTS_SCHEMA.as_bytes().to_vec(),
        ),
    ]);
}

fn json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).expect("serializable");
    bytes.push(b'\n');
    bytes
}

/// The CSV columns, in order.
pub const CSV_COLUMNS: &[&str] = &[
    "slug",
    "url",
    "title",
    "date",
    "province",
    "province_slug",
    "current_province",
    "current_province_slug",
    "body",
    "chaired_by",
    "signed_by",
    "number",
    "documents",
    "document_slugs",
    "tags",
    "summary",
    "source",
    "attachments",
];

/// One row per conclusion; `null` is an empty cell; lists are joined with
/// [`CSV_LIST_SEPARATOR`]. Starts with a BOM so Excel reads UTF-8; CRLF line ends.
fn csv(records: impl Iterator<Item = ConclusionRecord>) -> String {
    let mut out = String::from("\u{feff}");
    let row = |cells: Vec<String>, out: &mut String| {
        let quoted: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&quoted.join(","));
        out.push_str("\r\n");
    };
    row(
        CSV_COLUMNS.iter().map(|c| c.to_string()).collect(),
        &mut out,
    );
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let join = |items: Vec<&str>| items.join(CSV_LIST_SEPARATOR);
    for r in records {
        let current = r.province.current.as_ref();
        row(
            vec![
                r.slug.clone(),
                r.url.clone(),
                r.title.clone(),
                r.date.clone(),
                r.province.name.to_string(),
                r.province.slug.to_string(),
                current.map(|u| u.name.to_string()).unwrap_or_default(),
                current.map(|u| u.slug.to_string()).unwrap_or_default(),
                opt(&r.body),
                opt(&r.chaired_by),
                opt(&r.signed_by),
                opt(&r.number),
                join(r.documents.iter().map(|d| d.number.as_str()).collect()),
                join(r.documents.iter().map(|d| d.slug.as_str()).collect()),
                join(r.tags.iter().map(String::as_str).collect()),
                r.summary.clone(),
                opt(&r.source),
                join(r.attachments.iter().map(String::as_str).collect()),
            ],
            &mut out,
        );
    }
    out
}

/// RFC 4180: a cell with a comma, quote, CR or LF is quoted, quotes doubled.
fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting() {
        assert_eq!(csv_cell("a"), "a");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn schemas_are_json() {
        for s in [CONCLUSIONS_SCHEMA, DOCUMENTS_SCHEMA] {
            let v: serde_json::Value = serde_json::from_str(s).unwrap();
            assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
        }
    }
}

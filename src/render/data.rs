//! Open data: `/data/conclusions.json`, `/data/conclusions.csv` (UTF-8 with BOM for
//! Excel, RFC 4180 quoting), `/data/documents.json`, and the JSON Schemas of the two
//! JSON files. One record per conclusion and per document, written from the model;
//! the schema is documented in docs/output.md. No author: only the officials named in
//! the texts.

use std::cell::OnceCell;
use std::hash::Hash;

use serde::Serialize;
use xxhash_rust::xxh3::Xxh3;

use super::OutputFile;
use super::context::Builder;
use super::memo::{Key, Memo};
use crate::model::{Conclusion, Document, Province, Site};
use crate::routes::Route;

pub const CONCLUSIONS_SCHEMA: &str = include_str!("schema/conclusions.schema.json");
pub const DOCUMENTS_SCHEMA: &str = include_str!("schema/documents.schema.json");

/// Joins list items in one CSV cell.
pub const CSV_LIST_SEPARATOR: &str = "; ";

#[derive(Serialize, Hash)]
struct UnitRecord {
    name: &'static str,
    slug: &'static str,
}

#[derive(Serialize, Hash)]
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

/// What every conclusion citing a document says of it, made once per document.
#[derive(Serialize, Hash)]
struct CitedDocument<'a> {
    number: String,
    kind: &'a str,
    issuer: String,
    scope: &'static str,
    slug: &'a str,
    url: String,
}

#[derive(Serialize, Hash)]
struct ConclusionRecord<'a> {
    slug: &'a str,
    url: String,
    title: &'a str,
    date: String,
    province: ProvinceRecord,
    body: Option<&'a str>,
    chaired_by: Option<&'a str>,
    signed_by: Option<&'a str>,
    number: Option<String>,
    documents: Vec<&'a CitedDocument<'a>>,
    tags: &'a [String],
    summary: &'a str,
    source: Option<&'a str>,
    attachments: Vec<String>,
}

#[derive(Serialize, Hash)]
struct DocumentRecord<'a> {
    slug: &'a str,
    url: &'a str,
    number: &'a str,
    kind: &'a str,
    kind_name: &'static str,
    issuer: &'a str,
    issuer_name: Option<&'a str>,
    scope: &'static str,
    province: Option<ProvinceRecord>,
    title: Option<&'a str>,
    issued: Option<String>,
    subject: Option<&'a str>,
    link: Option<&'a str>,
    conclusions: Vec<&'a str>,
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

fn cited_document<'a>(b: &Builder, d: usize, doc: &'a Document) -> CitedDocument<'a> {
    CitedDocument {
        number: doc.number.canonical(),
        kind: &doc.number.kind,
        issuer: crate::model::site::issuer_label(doc),
        scope: scope(doc),
        slug: doc.slug.as_str(),
        url: b.urls.absolute(&b.documents[d].url),
    }
}

fn conclusion_record<'a>(
    b: &'a Builder,
    cited: &'a [CitedDocument<'a>],
    i: usize,
    c: &'a Conclusion,
) -> ConclusionRecord<'a> {
    let ctx = &b.conclusions[i];
    ConclusionRecord {
        slug: c.slug.as_str(),
        url: b.urls.absolute(&ctx.url),
        title: &c.title,
        date: c.date.to_string(),
        province: province_record(c.province),
        body: c.body.as_deref(),
        chaired_by: c.chaired_by.as_deref(),
        signed_by: c.signed_by.as_deref(),
        number: c.number.as_ref().map(|n| n.canonical()),
        documents: b.site.cites[i].iter().map(|&d| &cited[d]).collect(),
        tags: &c.tags,
        summary: &ctx.summary,
        source: c.source.as_deref(),
        attachments: ctx
            .attachments
            .iter()
            .map(|a| b.urls.absolute(&a.url))
            .collect(),
    }
}

fn document_record<'a>(
    site: &'a Site,
    cited: &'a CitedDocument<'a>,
    doc: &'a Document,
) -> DocumentRecord<'a> {
    DocumentRecord {
        slug: cited.slug,
        url: &cited.url,
        number: &cited.number,
        kind: cited.kind,
        kind_name: doc.number.kind_name(),
        issuer: &cited.issuer,
        issuer_name: doc.issuer.as_deref(),
        scope: cited.scope,
        province: doc.province.map(province_record),
        title: doc.title.as_deref(),
        issued: doc.issued.map(|i| i.to_string()),
        subject: doc.subject.as_deref(),
        link: doc.link.as_deref(),
        conclusions: doc
            .cited_by
            .iter()
            .map(|&i| site.conclusions[i].slug.as_str())
            .collect(),
    }
}

/// The data export, in two groups given to `out` in turn (each conclusion's and each
/// document's records are made, written out and dropped before the next group).
///
/// With the build cache's `memo`, a file whose key (the hash of its records and
/// header, which are all it is made from) did not change is carried over from the
/// output instead: a body edit changes no record.
pub(super) fn render(
    b: &Builder,
    memo: Option<&Memo>,
    out: &mut dyn FnMut(Vec<OutputFile>),
) -> std::io::Result<()> {
    let site = b.site;
    let config = &site.config;
    let data = b.urls.data();
    let file = |path: &str, contents: Vec<u8>| OutputFile {
        path: Route::Data(path).output_file(),
        contents: contents.into(),
    };
    let key = |parts: &dyn Fn(&mut Xxh3)| {
        memo.map(|m| {
            let mut h = Xxh3::new();
            m.salt().hash(&mut h);
            parts(&mut h);
            h.digest128()
        })
    };
    // Keyed only when not known unchanged: hashing every record is most of the
    // cost of carrying a file over.
    let carried = |name: &str, key: &dyn Fn() -> Option<Key>| {
        let Some(m) = memo else {
            return Ok(false);
        };
        let path = Route::Data(name).output_file();
        if m.carry_unchanged(&path)? {
            return Ok(true);
        }
        key().map_or(Ok(false), |k| m.carry(&path, k))
    };
    // Made only when not carried over.
    let make = |name: &str, key: &dyn Fn() -> Option<Key>, bytes: &dyn Fn() -> Vec<u8>| {
        Ok::<_, std::io::Error>((!carried(name, key)?).then(|| file(name, bytes())))
    };
    let cited = OnceCell::new();
    let cited = || -> &[CitedDocument] {
        cited.get_or_init(|| {
            site.documents
                .iter()
                .enumerate()
                .map(|(d, doc)| cited_document(b, d, doc))
                .collect::<Vec<_>>()
        })
    };
    let conclusions = || {
        let cited = cited();
        site.conclusions
            .iter()
            .enumerate()
            .map(move |(i, c)| conclusion_record(b, cited, i, c))
    };
    let conclusions_json = DataFile {
        schema: b.urls.absolute(&format!("{data}conclusions.schema.json")),
        title: &config.title,
        base_url: config.base_url.as_str(),
        records: Conclusions {
            conclusions: Records(conclusions),
        },
    };
    let records_key = OnceCell::new();
    let records = || {
        *records_key.get_or_init(|| {
            key(&|h| {
                let j = &conclusions_json;
                (&j.schema, j.title, j.base_url).hash(h);
                conclusions().for_each(|r| r.hash(h));
            })
        })
    };
    let schema = || key(&|h| CONCLUSIONS_SCHEMA.hash(h));
    let made = [
        make("conclusions.json", &records, &|| {
            json(&conclusions_json, site.conclusions.len())
        })?,
        make("conclusions.csv", &records, &|| {
            csv(conclusions()).into_bytes()
        })?,
        make("conclusions.schema.json", &schema, &|| {
            CONCLUSIONS_SCHEMA.as_bytes().to_vec()
        })?,
    ];
    out(made.into_iter().flatten().collect());
    let documents = || {
        site.documents
            .iter()
            .zip(cited())
            .map(|(doc, cited)| document_record(site, cited, doc))
    };
    let documents_json = DataFile {
        schema: b.urls.absolute(&format!("{data}documents.schema.json")),
        title: &config.title,
        base_url: config.base_url.as_str(),
        records: Documents {
            documents: Records(documents),
        },
    };
    let records_key = OnceCell::new();
    let records = || {
        *records_key.get_or_init(|| {
            key(&|h| {
                let j = &documents_json;
                (&j.schema, j.title, j.base_url).hash(h);
                documents().for_each(|r| r.hash(h));
            })
        })
    };
    let schema = || key(&|h| DOCUMENTS_SCHEMA.hash(h));
    let made = [
        make("documents.json", &records, &|| {
            json(&documents_json, site.documents.len())
        })?,
        make("documents.schema.json", &schema, &|| {
            DOCUMENTS_SCHEMA.as_bytes().to_vec()
        })?,
    ];
    out(made.into_iter().flatten().collect());
    Ok(())
}

/// `value` as pretty JSON, into a buffer reserved for `records` records of at most
/// [`RECORD_BYTES`]: grown by doubling from nothing, the buffer of a 15 MB file was
/// copied and faulted in twice over. Reserved memory is not touched until written.
fn json<T: Serialize>(value: &T, records: usize) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(4096 + records * RECORD_BYTES);
    serde_json::to_writer_pretty(&mut bytes, value).expect("serializable");
    bytes.push(b'\n');
    bytes
}

/// A generous bound on one record of the export (about 1.5 KB in JSON at most in the
/// benchmark corpus); longer ones only make the buffer grow.
const RECORD_BYTES: usize = 4096;

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
fn csv<'a>(records: impl Iterator<Item = ConclusionRecord<'a>>) -> String {
    let mut out = String::with_capacity(4096 + records.size_hint().0 * RECORD_BYTES / 2);
    out.push('\u{feff}');
    row(&mut out, CSV_COLUMNS.iter().copied());
    for r in records {
        let current = r.province.current.as_ref();
        let documents = joined(r.documents.iter().map(|d| d.number.as_str()));
        let slugs = joined(r.documents.iter().map(|d| d.slug));
        let tags = joined(r.tags.iter().map(String::as_str));
        let attachments = joined(r.attachments.iter().map(String::as_str));
        row(
            &mut out,
            [
                r.slug,
                &r.url,
                r.title,
                &r.date,
                r.province.name,
                r.province.slug,
                current.map_or("", |u| u.name),
                current.map_or("", |u| u.slug),
                r.body.unwrap_or_default(),
                r.chaired_by.unwrap_or_default(),
                r.signed_by.unwrap_or_default(),
                r.number.as_deref().unwrap_or_default(),
                &documents,
                &slugs,
                &tags,
                r.summary,
                r.source.unwrap_or_default(),
                &attachments,
            ]
            .into_iter(),
        );
    }
    out
}

/// List items in one cell.
fn joined<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join(CSV_LIST_SEPARATOR)
}

/// One CSV line of `cells`.
fn row<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>) {
    for (n, cell) in cells.enumerate() {
        if n > 0 {
            out.push(',');
        }
        csv_cell(out, cell);
    }
    out.push_str("\r\n");
}

/// RFC 4180: a cell with a comma, quote, CR or LF is quoted, quotes doubled. A cell
/// that a spreadsheet would run as a formula (first char `=`, `+`, `-`, `@`, tab or
/// CR) is also quoted, with a `'` put before it (OWASP's advice on CSV injection):
/// the BOM makes Excel open the file directly. No number, date, slug or URL of ours
/// starts so; a title or name that does keeps its text after the `'`.
fn csv_cell(out: &mut String, s: &str) {
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if formula || s.contains([',', '"', '\r', '\n']) {
        out.push('"');
        if formula {
            out.push('\'');
        }
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting() {
        let cell = |s: &str| {
            let mut out = String::new();
            csv_cell(&mut out, s);
            out
        };
        assert_eq!(cell("a"), "a");
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(
            cell("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        for s in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(cell(s), format!("\"'{s}\""));
        }
        assert_eq!(cell("a=b-c"), "a=b-c", "only the first char counts");
        assert_eq!(cell("07-KL/TU"), "07-KL/TU");
    }

    #[test]
    fn schemas_are_json() {
        for s in [CONCLUSIONS_SCHEMA, DOCUMENTS_SCHEMA] {
            let v: serde_json::Value = serde_json::from_str(s).unwrap();
            assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
        }
    }
}

//! Documents cited by conclusions (the resolution index), with scoped identity.

use jiff::civil::Date;

use super::docnum::DocumentNumber;
use super::province::Province;
use super::slug::Slug;

/// Who a document number belongs to. A provincial issuer's `05-NQ/TU` exists once per
/// unit (Hà Tĩnh's and Nghệ An's are two documents); a central issuer's is national.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    National,
    /// The unit (as it existed when cited) whose bodies issued it.
    Provincial(&'static str),
}

/// Identity of a document. Party numbering restarts each term, so the issue date
/// (when the texts give it) is part of the key: one scoped number with two
/// different issue dates is two documents.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocumentKey {
    pub scope: Scope,
    /// [`DocumentNumber::key`]: `5|NQ/TU`.
    pub number: String,
    pub issued: Option<Date>,
}

impl DocumentKey {
    pub fn new(number: &DocumentNumber, cited_in: &'static Province, issued: Option<Date>) -> Self {
        let scope = if number.is_national() {
            Scope::National
        } else {
            Scope::Provincial(province_key(cited_in))
        };
        Self {
            scope,
            number: number.key(),
            issued,
        }
    }
}

/// A stable identity for a unit, distinguishing a former unit from its same-named
/// successor (old and new Lâm Đồng).
fn province_key(p: &'static Province) -> &'static str {
    if p.is_current() {
        p.slug
    } else {
        p.official_name
    }
}

/// A document and what is known about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub key: DocumentKey,
    pub number: DocumentNumber,
    /// The unit it belongs to; `None` when national.
    pub province: Option<&'static Province>,
    pub slug: Slug,
    pub title: Option<String>,
    pub issued: Option<Date>,
    /// Indexes into the site's conclusions (timeline order), newest first.
    pub cited_by: Vec<usize>,
}

impl Document {
    /// The base slug: `48-kl-tw` for national, `ha-tinh-05-nq-tu` for provincial.
    pub fn base_slug(number: &DocumentNumber, province: Option<&'static Province>) -> Slug {
        let text = match province {
            Some(p) => format!("{} {}", p.slug, number.slug()),
            None => number.slug(),
        };
        Slug::from_text(&text).unwrap_or_else(|| Slug::parse("van-ban").expect("valid"))
    }
}

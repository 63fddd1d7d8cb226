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

impl Scope {
    /// The scope of `number` when cited in (or registered for) `province`.
    pub fn of(number: &DocumentNumber, province: &'static Province) -> Self {
        if number.is_national() {
            Scope::National
        } else {
            Scope::Provincial(province_key(province))
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
    /// Official title (trích yếu), from the registry.
    pub title: Option<String>,
    pub issued: Option<Date>,
    /// Who issued it, in words (`Ban Chấp hành Đảng bộ tỉnh`): registry, else the text.
    pub issuer: Option<String>,
    /// What it is about, from the earliest citation that says (`về …`).
    pub subject: Option<String>,
    /// The sentence of its earliest citation in a body.
    pub sentence: Option<String>,
    /// Link to its full text, from the registry.
    pub link: Option<String>,
    /// Indexes into the site's conclusions (timeline order), newest first.
    pub cited_by: Vec<usize>,
}

/// What an editor states about a document in `content/_documents.yaml`; it wins over
/// what the texts say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryEntry {
    pub number: DocumentNumber,
    pub scope: Scope,
    pub issued: Option<Date>,
    pub title: Option<String>,
    pub issuer: Option<String>,
    pub link: Option<String>,
    /// Line and column of its `number` in the registry file, for messages.
    pub position: (usize, usize),
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

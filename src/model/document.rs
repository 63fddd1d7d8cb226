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
    /// The scope of a document of unit `province`, `None` when national.
    pub fn of_unit(province: Option<&'static Province>) -> Self {
        province.map_or(Scope::National, |p| Scope::Provincial(province_key(p)))
    }

    /// The scope of `number` when cited in (or registered for) `province`.
    pub fn of(number: &DocumentNumber, province: &'static Province) -> Self {
        Scope::of_unit((!number.is_national()).then_some(province))
    }
}

/// Words after which an issuer phrase names its unit: `Tỉnh ủy Nghệ An`, `UBND tỉnh
/// Hà Tĩnh`, `HĐND thành phố Hồ Chí Minh`, `Thành ủy Huế`.
const UNIT_WORDS: &[&str] = &["tỉnh", "ủy", "uỷ", "phố", "tp.", "tp"];

/// The unit an issuer phrase names (`Tỉnh ủy Nghệ An`, `Tỉnh ủy Đắk Nông (cũ)`), as it
/// was on `on`; `None` when it names none (`Ban Thường vụ Tỉnh ủy`). Only the words
/// after a unit word are tried, longest first, so a phrase costs a few lookups.
pub fn unit_in_issuer(phrase: &str, on: jiff::civil::Date) -> Option<&'static Province> {
    let words: Vec<&str> = phrase
        .split_whitespace()
        .take_while(|w| !w.starts_with('('))
        .collect();
    let after_unit_word =
        |i: usize| i > 0 && UNIT_WORDS.contains(&words[i - 1].to_lowercase().as_str());
    (1..words.len())
        .filter(|&i| after_unit_word(i))
        .find_map(|i| {
            (i + 1..=words.len().min(i + 4))
                .rev()
                .find_map(|end| super::province::resolve(&words[i..end].join(" "), on).ok())
        })
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

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn issuer_phrases_name_their_unit_as_it_was() {
        let on = date(2021, 5, 5);
        let name = |phrase: &str, on| unit_in_issuer(phrase, on).map(|p| (p.name, p.is_current()));
        assert_eq!(name("Tỉnh ủy Nghệ An", on), Some(("Nghệ An", true)));
        assert_eq!(name("UBND tỉnh Hà Tĩnh", on), Some(("Hà Tĩnh", true)));
        assert_eq!(
            name("Tỉnh ủy Đắk Nông (cũ)", date(2025, 9, 1)),
            Some(("Đắk Nông", false))
        );
        assert_eq!(name("Tỉnh ủy Lâm Đồng", on), Some(("Lâm Đồng", false)));
        assert_eq!(
            name("Tỉnh ủy Lâm Đồng", date(2025, 9, 1)),
            Some(("Lâm Đồng", true))
        );
        assert_eq!(
            name("HĐND thành phố Hồ Chí Minh khóa X", on),
            Some(("Hồ Chí Minh", false))
        );
        for none in [
            "Ban Thường vụ Tỉnh ủy",
            "Tỉnh ủy",
            "Ban Chỉ đạo 389 tỉnh",
            "Bộ Chính trị",
            "Ủy ban nhân dân tỉnh",
        ] {
            assert_eq!(name(none, on), None, "{none}");
        }
    }
}

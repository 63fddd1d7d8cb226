//! Vietnam's provincial-level units: the 34 in force since 2025-07-01 and the 63
//! before, with successors and aliases. The table is generated from
//! `../shared/research/provinces.yaml` into `province_data.rs`.
use jiff::civil::Date;

/// One provincial-level unit as it existed in one period. Former units that merged
/// into a unit of the same name (old Lâm Đồng, new Lâm Đồng) are distinct entries.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Province {
    /// Short name with diacritics, NFC: `Hà Tĩnh`, `Hồ Chí Minh`.
    pub name: &'static str,
    /// With its unit type: `Tỉnh Hà Tĩnh`, `Thành phố Hồ Chí Minh`.
    pub official_name: &'static str,
    /// ASCII slug of the short name: `ha-tinh`, `ho-chi-minh`.
    pub slug: &'static str,
    /// GSO code as it was in this unit's period.
    pub code: &'static str,
    /// True for a centrally-run city (thành phố trực thuộc trung ương).
    pub is_city: bool,
    /// First and last day of validity (inclusive); `None` means open.
    pub valid_from: Option<Date>,
    pub valid_until: Option<Date>,
    /// Slug of the current unit it merged into; `None` for a current unit.
    pub successor: Option<&'static str>,
}

impl Province {
    /// True for a unit in force today (one of the 34).
    pub fn is_current(&self) -> bool {
        self.successor.is_none()
    }
    /// The current unit this one became (itself when current).
    pub fn current(&'static self) -> &'static Province {
        todo!()
    }
}

/// A name that names no provincial unit, with the nearest names as suggestions.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown province {name:?}")]
pub struct UnknownProvince {
    pub name: String,
    /// Up to three nearest official short names, best first.
    pub suggestions: Vec<&'static str>,
}

/// Resolve a name as written by an editor to the unit it named on `on`.
/// Ignores case, NFC/NFD, tone placement and a leading `tỉnh`/`thành phố`/`TP.`;
/// accepts aliases (`TP.HCM`, `Thừa Thiên Huế`). A name of a unit that merged on
/// 2025-07-01 resolves to the former unit for earlier dates and the new unit after.
pub fn resolve(name: &str, on: Date) -> Result<&'static Province, UnknownProvince> {
    todo!("{name} {on}")
}

/// Look a unit up by slug, preferring the current unit when a former one shares it.
pub fn by_slug(slug: &str) -> Option<&'static Province> {
    todo!("{slug}")
}

/// Every unit, current first, in a fixed order.
pub fn all() -> &'static [Province] {
    todo!()
}

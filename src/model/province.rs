//! Vietnam's provincial-level units: the 34 in force since 2025-07-01 and the 63
//! before, with successors and aliases. The table is generated from
//! `../shared/research/provinces.yaml` into `province_data.rs`
//! (`python3 scripts/gen_provinces.py`).
use std::collections::HashMap;
use std::sync::LazyLock;

use jiff::civil::Date;

use crate::text::{fold, match_key};

// The generated table, `src/model/province_data.rs` (declared in `model`).
use super::province_data as data;

/// First day of the 34 current units; former units end the day before.
pub const REFORM_DATE: Date = data::REFORM_FROM;

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
    /// True when this unit was in force on `day`.
    pub fn existed_on(&self, day: Date) -> bool {
        self.valid_from.is_none_or(|f| f <= day) && self.valid_until.is_none_or(|u| day <= u)
    }
    /// The former units that merged into this one (none for an unchanged unit).
    pub fn predecessors(&self) -> impl Iterator<Item = &'static Province> + '_ {
        data::UNITS
            .iter()
            .filter(|p| p.successor == Some(self.slug) && !std::ptr::eq(*p, self))
    }
    /// The current unit this one became (itself when current).
    pub fn current(&'static self) -> &'static Province {
        match self.successor {
            None => self,
            // The generated data always has the successor (tested); fall back to
            // self rather than panic.
            Some(slug) => current_units()
                .iter()
                .find(|p| p.slug == slug)
                .unwrap_or(self),
        }
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
///
/// A name that only a former unit bore (`Đắk Nông`) resolves to that unit whatever
/// the date; callers that care about anachronisms compare `on` with `valid_until`.
pub fn resolve(name: &str, on: Date) -> Result<&'static Province, UnknownProvince> {
    let key = lookup_key(name);
    let found = INDEX.get(&key).and_then(|named| {
        let former = named.former.and_then(|i| data::UNITS.get(i));
        let current = named.current.and_then(|i| data::UNITS.get(i));
        match (former, current) {
            (Some(f), Some(c)) => Some(if f.valid_until.is_some_and(|u| on <= u) {
                f
            } else {
                c
            }),
            (f, c) => f.or(c),
        }
    });
    found.ok_or_else(|| UnknownProvince {
        name: name.to_owned(),
        suggestions: suggest(&key),
    })
}

/// Look a unit up by slug, preferring the current unit when a former one shares it.
pub fn by_slug(slug: &str) -> Option<&'static Province> {
    let mut matching = data::UNITS.iter().filter(|p| p.slug == slug);
    let first = matching.next()?;
    if first.is_current() {
        Some(first)
    } else {
        Some(matching.find(|p| p.is_current()).unwrap_or(first))
    }
}

/// Every unit, current first, in a fixed order.
pub fn all() -> &'static [Province] {
    &data::UNITS
}

fn current_units() -> &'static [Province] {
    data::UNITS.get(..data::CURRENT_COUNT).unwrap_or(&[])
}

// ---- lookup ----------------------------------------------------------------------

/// The entries one lookup key names: at most one current and one former unit
/// (`lâm đồng` names both; the date picks).
#[derive(Debug, Default, Clone, Copy)]
struct Named {
    current: Option<usize>,
    former: Option<usize>,
}

/// Lookup key → entries, over names, official names and aliases.
static INDEX: LazyLock<HashMap<String, Named>> = LazyLock::new(|| {
    let mut index: HashMap<String, Named> = HashMap::new();
    let mut add = |spelling: &str, i: usize| {
        let key = lookup_key(spelling);
        let Some(unit) = data::UNITS.get(i) else {
            return;
        };
        if key.is_empty() {
            return;
        }
        let named = index.entry(key).or_default();
        let slot = if unit.is_current() {
            &mut named.current
        } else {
            &mut named.former
        };
        // First wins; the tests check that no spelling names two units of a kind.
        slot.get_or_insert(i);
    };
    for (i, p) in data::UNITS.iter().enumerate() {
        add(p.name, i);
        add(p.official_name, i);
    }
    for &(alias, i) in &data::FORMER_ALIASES {
        add(alias, i);
    }
    for &(alias, i) in &data::CURRENT_ALIASES {
        add(alias, i);
        // A spelling of a merged unit also names the former unit of the same name
        // (`Ho Chi Minh City` in 2020 is the old city), so the date rule applies.
        if let Some(slug) = data::UNITS.get(i).map(|p| p.slug) {
            for (j, p) in data::UNITS.iter().enumerate() {
                if p.slug == slug && !p.is_current() {
                    add(alias, j);
                }
            }
        }
    }
    index
});

/// Prefixes that name the unit type, stripped before lookup (after `match_key`).
const PREFIXES: [&str; 4] = ["thành phố ", "tỉnh ", "tp.", "tp "];

/// The key a spelling is looked up by: `match_key`, one dash style with no spaces
/// around it (`Bà Rịa – Vũng Tàu` = `Bà Rịa-Vũng Tàu`), and no unit-type prefix.
fn lookup_key(s: &str) -> String {
    let key = match_key(s);
    let mut out = String::with_capacity(key.len());
    for c in key.chars() {
        let c = match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        };
        if c == ' ' && out.ends_with('-') {
            continue;
        }
        if c == '-' && out.ends_with(' ') {
            out.pop();
        }
        out.push(c);
    }
    for prefix in PREFIXES {
        if let Some(rest) = out.strip_prefix(prefix) {
            let rest = rest.trim_start();
            if !rest.is_empty() {
                return rest.to_owned();
            }
        }
    }
    out
}

/// ASCII-folded lookup keys with the display name of the unit each names, for
/// suggestions. A name appears once per distinct key, in [`all`] order.
static FUZZY: LazyLock<Vec<(String, &'static str)>> = LazyLock::new(|| {
    let mut keys: Vec<(&String, Named)> = INDEX.iter().map(|(k, n)| (k, *n)).collect();
    // HashMap order is random: sort for deterministic suggestions.
    keys.sort_by_key(|(k, n)| (n.current.or(n.former), n.former, k.as_str()));
    let mut fuzzy: Vec<(String, &'static str)> = Vec::new();
    for (key, named) in keys {
        if let Some(p) = named
            .current
            .or(named.former)
            .and_then(|i| data::UNITS.get(i))
        {
            let folded = fold(key);
            if !fuzzy.iter().any(|(k, n)| *k == folded && *n == p.name) {
                fuzzy.push((folded, p.name));
            }
        }
    }
    fuzzy
});

/// Up to three unit names nearest to `key` by edit distance over ASCII-folded keys.
fn suggest(key: &str) -> Vec<&'static str> {
    let mut folded = fold(key);
    // `tinh`, `thanh pho` typed without diacritics were not stripped by lookup_key.
    for prefix in ["thanh pho ", "tinh ", "tp.", "tp "] {
        if let Some(rest) = folded.strip_prefix(prefix)
            && !rest.trim().is_empty()
        {
            folded = rest.trim_start().to_owned();
            break;
        }
    }
    let len = folded.chars().count();
    let mut best: Vec<(usize, usize, &'static str)> = Vec::new(); // (distance, order, name)
    for (order, (candidate, name)) in FUZZY.iter().enumerate() {
        // Only names that share at least half their letters with the input are
        // suggestions. The length difference bounds the distance from below, which
        // also keeps a pasted paragraph from costing seconds.
        let clen = candidate.chars().count();
        let longer = len.max(clen);
        if longer == 0 || 2 * len.abs_diff(clen) > longer {
            continue;
        }
        let d = strsim::levenshtein(&folded, candidate);
        if 2 * d > longer {
            continue;
        }
        match best.iter_mut().find(|b| b.2 == *name) {
            Some(b) if (d, order) < (b.0, b.1) => *b = (d, order, name),
            Some(_) => {}
            None => best.push((d, order, name)),
        }
    }
    best.sort();
    best.into_iter().take(3).map(|b| b.2).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use unicode_normalization::UnicodeNormalization;

    const BEFORE: Date = date(2024, 3, 15);
    const LAST_OLD_DAY: Date = date(2025, 6, 30);
    const FIRST_NEW_DAY: Date = date(2025, 7, 1);
    const AFTER: Date = date(2026, 2, 1);

    fn ok(name: &str, on: Date) -> &'static Province {
        match resolve(name, on) {
            Ok(p) => p,
            Err(e) => panic!("{name:?} on {on}: {e} {:?}", e.suggestions),
        }
    }

    fn index_of(p: &'static Province) -> usize {
        all()
            .iter()
            .position(|q| std::ptr::eq(p, q))
            .expect("entry of all()")
    }

    #[test]
    fn data_shape() {
        let units = all();
        assert_eq!(units.len(), 86, "34 current + 52 merged former units");
        assert_eq!(units.iter().filter(|p| p.is_current()).count(), 34);
        assert!(units[..34].iter().all(Province::is_current));
        assert_eq!(
            units.iter().filter(|p| p.is_city && p.is_current()).count(),
            6
        );
        // 63 former units: the 52 merged ones plus the 11 unchanged current ones.
        let unchanged = units
            .iter()
            .filter(|p| p.is_current() && p.valid_from.is_none());
        assert_eq!(unchanged.count(), 11);
        let mut slugs: Vec<&str> = units[..34].iter().map(|p| p.slug).collect();
        slugs.sort();
        slugs.dedup();
        assert_eq!(slugs.len(), 34);
        for p in units {
            assert_eq!(crate::text::slugify(p.name), p.slug, "{}", p.name);
            assert_eq!(crate::text::nfc(p.name), p.name);
            if p.is_current() {
                assert!(p.valid_until.is_none());
                assert!(p.valid_from.is_none_or(|d| d == REFORM_DATE));
            } else {
                assert_eq!(p.valid_until, Some(LAST_OLD_DAY));
                assert!(p.current().is_current(), "{} -> {:?}", p.name, p.successor);
                assert_eq!(Some(p.current().slug), p.successor);
            }
            assert!(std::ptr::eq(p.current().current(), p.current()));
        }
    }

    #[test]
    fn every_unit_resolves() {
        for p in all() {
            let dates: &[Date] = if p.is_current() && p.valid_from.is_none() {
                &[BEFORE, LAST_OLD_DAY, FIRST_NEW_DAY, AFTER]
            } else if p.is_current() {
                &[FIRST_NEW_DAY, AFTER]
            } else {
                &[BEFORE, LAST_OLD_DAY]
            };
            for &on in dates {
                for spelling in [p.name, p.official_name] {
                    assert!(std::ptr::eq(ok(spelling, on), p), "{spelling} on {on}");
                }
            }
        }
    }

    #[test]
    fn every_alias_resolves() {
        for &(alias, i) in &data::CURRENT_ALIASES {
            assert_eq!(index_of(ok(alias, AFTER)), i, "{alias}");
            // Before the reform: the former unit of the same name, if any.
            let before = ok(alias, BEFORE);
            assert_eq!(before.current().slug, all()[i].slug, "{alias}");
        }
        for &(alias, i) in &data::FORMER_ALIASES {
            assert_eq!(index_of(ok(alias, LAST_OLD_DAY)), i, "{alias}");
        }
    }

    #[test]
    fn tone_placement_case_and_form() {
        let khanh_hoa = ok("Khánh Hòa", AFTER);
        assert!(std::ptr::eq(ok("Khánh Hoà", AFTER), khanh_hoa));
        assert!(std::ptr::eq(ok("KHÁNH HOÀ", AFTER), khanh_hoa));
        assert!(std::ptr::eq(ok("khánh hòa", AFTER), khanh_hoa));
        assert_eq!(ok("Thanh Hoá", BEFORE).name, "Thanh Hóa");
        // The GSO's old-style "Hoà Bình" and the new-style spelling.
        assert_eq!(ok("Hòa Bình", BEFORE).name, "Hoà Bình");
        assert_eq!(ok("HOÀ BÌNH", BEFORE).name, "Hoà Bình");
        for name in [
            "Đắk Lắk",
            "Thừa Thiên Huế",
            "Khánh Hoà",
            "Bà Rịa - Vũng Tàu",
        ] {
            let nfd: String = name.nfd().collect();
            assert_ne!(nfd, name);
            assert!(std::ptr::eq(ok(&nfd, BEFORE), ok(name, BEFORE)), "{name}");
            assert!(std::ptr::eq(ok(&nfd, AFTER), ok(name, AFTER)), "{name}");
        }
        assert_eq!(ok("  \tđắk  lắk \n", AFTER).slug, "dak-lak");
    }

    #[test]
    fn prefixes() {
        let hcm = ok("Hồ Chí Minh", AFTER);
        for s in [
            "Thành phố Hồ Chí Minh",
            "thành phố hồ chí minh",
            "TP. Hồ Chí Minh",
            "TP.Hồ Chí Minh",
            "Tp. Hồ Chí Minh",
            "Tp.Hồ Chí Minh",
            "TP Hồ Chí Minh",
            "TP.HCM",
            "Tp.HCM",
            "TP. HCM",
            "TPHCM",
            "HCM",
            "Ho Chi Minh City",
        ] {
            assert!(std::ptr::eq(ok(s, AFTER), hcm), "{s}");
            let old = ok(s, BEFORE);
            assert!(!old.is_current() && old.slug == "ho-chi-minh", "{s}");
        }
        assert_eq!(ok("tỉnh Lâm Đồng", AFTER).official_name, "Tỉnh Lâm Đồng");
        assert_eq!(ok("Tỉnh  Đắk Nông", BEFORE).slug, "dak-nong");
        assert_eq!(ok("TP Cần Thơ", AFTER).slug, "can-tho");
        assert_eq!(ok("Thành phố Huế", BEFORE).slug, "hue");
        assert!(resolve("Tỉnh", AFTER).is_err());
        assert!(resolve("Thành phố", AFTER).is_err());
        assert!(resolve("TP.", AFTER).is_err());
    }

    #[test]
    fn dashes_and_aliases() {
        for s in [
            "Bà Rịa - Vũng Tàu",
            "Bà Rịa – Vũng Tàu",
            "Bà Rịa—Vũng Tàu",
            "Bà Rịa -Vũng Tàu",
            "BR-VT",
            "tỉnh Bà Rịa-Vũng Tàu",
        ] {
            let p = ok(s, BEFORE);
            assert_eq!(
                (p.slug, p.successor),
                ("ba-ria-vung-tau", Some("ho-chi-minh")),
                "{s}"
            );
            // A former-only name stays the former unit after the reform.
            assert!(std::ptr::eq(ok(s, AFTER), p));
        }
        // Thừa Thiên Huế became Thành phố Huế in 2025-01 and was not merged.
        for s in [
            "Thừa Thiên Huế",
            "Thừa Thiên - Huế",
            "TT-Huế",
            "TT Huế",
            "Tỉnh Thừa Thiên Huế",
        ] {
            assert_eq!(ok(s, BEFORE).slug, "hue", "{s}");
            assert!(ok(s, AFTER).is_current());
        }
        assert_eq!(ok("Kontum", BEFORE).name, "Kon Tum");
        assert_eq!(ok("Bắc Cạn", BEFORE).name, "Bắc Kạn");
        assert_eq!(ok("Hanoi", BEFORE).slug, "ha-noi");
    }

    #[test]
    fn date_rule() {
        let old = ok("Lâm Đồng", LAST_OLD_DAY);
        let new = ok("Lâm Đồng", FIRST_NEW_DAY);
        assert!(!std::ptr::eq(old, new));
        assert_eq!((old.slug, new.slug), ("lam-dong", "lam-dong"));
        assert_eq!(old.valid_until, Some(LAST_OLD_DAY));
        assert_eq!(new.valid_from, Some(FIRST_NEW_DAY));
        assert!(std::ptr::eq(old.current(), new));
        assert_eq!(old.code, "68");
        // Former-only: always the former unit (a later check warns on anachronisms).
        let dak_nong = ok("Đắk Nông", AFTER);
        assert!(!dak_nong.is_current());
        assert!(std::ptr::eq(dak_nong.current(), new));
        // A code that changed meaning: 15 was Yên Bái, is Lào Cai.
        assert_eq!(ok("Lào Cai", BEFORE).code, "10");
        assert_eq!(ok("Lào Cai", AFTER).code, "15");
        // Unchanged unit: one entry on both sides.
        assert!(std::ptr::eq(ok("Cao Bằng", BEFORE), ok("Cao Bằng", AFTER)));
        assert!(std::ptr::eq(
            ok("Tuyên Quang", BEFORE).current(),
            ok("Tuyên Quang", AFTER)
        ));
    }

    #[test]
    fn suggestions() {
        let e = resolve("Ha Tinh", AFTER).unwrap_err();
        assert_eq!(e.name, "Ha Tinh");
        assert_eq!(e.suggestions.first(), Some(&"Hà Tĩnh"));
        assert!(e.suggestions.len() <= 3);
        let e = resolve("Quang Nin", AFTER).unwrap_err();
        assert_eq!(
            e.suggestions.first(),
            Some(&"Quảng Ninh"),
            "{:?}",
            e.suggestions
        );
        let e = resolve("tinh Dak Nog", AFTER).unwrap_err();
        assert_eq!(
            e.suggestions.first(),
            Some(&"Đắk Nông"),
            "{:?}",
            e.suggestions
        );
        let e = resolve("Thanh pho Can Tho", AFTER).unwrap_err();
        assert_eq!(
            e.suggestions.first(),
            Some(&"Cần Thơ"),
            "{:?}",
            e.suggestions
        );
        let e = resolve("Ha Noi", AFTER).unwrap_err();
        assert_eq!(e.suggestions.first(), Some(&"Hà Nội"));
        assert_eq!(e.to_string(), "unknown province \"Ha Noi\"");
        // No name at all is close to these.
        assert!(
            resolve("Paris, France", AFTER)
                .unwrap_err()
                .suggestions
                .is_empty()
        );
        let e = resolve("", AFTER).unwrap_err();
        assert!(e.suggestions.len() <= 3);
        // Deterministic.
        assert_eq!(resolve("Ha", AFTER), resolve("Ha", AFTER));
    }

    #[test]
    fn slugs() {
        assert!(by_slug("lam-dong").is_some_and(|p| p.is_current()));
        assert!(by_slug("tuyen-quang").is_some_and(|p| p.is_current()));
        assert!(by_slug("dak-nong").is_some_and(|p| !p.is_current()));
        assert_eq!(by_slug("hue").map(|p| p.name), Some("Huế"));
        assert!(by_slug("thua-thien-hue").is_none());
        assert!(by_slug("").is_none());
        for p in all() {
            assert_eq!(by_slug(p.slug).map(|q| q.slug), Some(p.slug));
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for s in [
            "",
            " ",
            "\u{0}",
            "\u{301}",
            "tp",
            "tp.",
            "-",
            "–",
            "😀",
            "a\u{301}\u{301}",
        ] {
            assert!(resolve(s, AFTER).is_err(), "{s:?}");
        }
        let long = "Hà Nội ".repeat(1000);
        assert!(resolve(&long, AFTER).is_err());
    }
}

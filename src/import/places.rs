//! Which province an article is about: explicit mentions (`tỉnh Hà Tĩnh`, `Tỉnh ủy
//! Lâm Đồng`, `thành phố Hải Phòng`) weigh most; a province's bare name and the names
//! of provincial centres and well-known cities (`Hạ Long` → Quảng Ninh) weigh less.

use crate::t;
use std::collections::BTreeMap;

use jiff::civil::Date;

use super::fields::Field;
use super::text::{Run, capitalised_runs, is_surname, key_of};
use crate::model::province::{self, Province};

/// Provincial centres and well-known cities whose name differs from their province's,
/// with the province as named before the 2025 reform (the meeting's date picks the
/// unit).
const GAZETTEER: &[(&str, &str)] = &[
    ("Hạ Long", "Quảng Ninh"),
    ("Cẩm Phả", "Quảng Ninh"),
    ("Uông Bí", "Quảng Ninh"),
    ("Móng Cái", "Quảng Ninh"),
    ("Vân Đồn", "Quảng Ninh"),
    ("Vinh", "Nghệ An"),
    ("Cửa Lò", "Nghệ An"),
    ("Đà Lạt", "Lâm Đồng"),
    ("Bảo Lộc", "Lâm Đồng"),
    ("Nha Trang", "Khánh Hòa"),
    ("Cam Ranh", "Khánh Hòa"),
    ("Buôn Ma Thuột", "Đắk Lắk"),
    ("Pleiku", "Gia Lai"),
    ("Quy Nhơn", "Bình Định"),
    ("Tuy Hòa", "Phú Yên"),
    ("Phan Thiết", "Bình Thuận"),
    ("Phan Rang", "Ninh Thuận"),
    ("Vũng Tàu", "Bà Rịa - Vũng Tàu"),
    ("Bà Rịa", "Bà Rịa - Vũng Tàu"),
    ("Biên Hòa", "Đồng Nai"),
    ("Long Khánh", "Đồng Nai"),
    ("Thủ Dầu Một", "Bình Dương"),
    ("Dĩ An", "Bình Dương"),
    ("Đồng Xoài", "Bình Phước"),
    ("Mỹ Tho", "Tiền Giang"),
    ("Cao Lãnh", "Đồng Tháp"),
    ("Sa Đéc", "Đồng Tháp"),
    ("Long Xuyên", "An Giang"),
    ("Châu Đốc", "An Giang"),
    ("Rạch Giá", "Kiên Giang"),
    ("Phú Quốc", "Kiên Giang"),
    ("Hà Tiên", "Kiên Giang"),
    ("Vị Thanh", "Hậu Giang"),
    ("Tân An", "Long An"),
    ("Gia Nghĩa", "Đắk Nông"),
    ("Tam Kỳ", "Quảng Nam"),
    ("Hội An", "Quảng Nam"),
    ("Đông Hà", "Quảng Trị"),
    ("Đồng Hới", "Quảng Bình"),
    ("Sầm Sơn", "Thanh Hóa"),
    ("Phủ Lý", "Hà Nam"),
    ("Việt Trì", "Phú Thọ"),
    ("Vĩnh Yên", "Vĩnh Phúc"),
    ("Phúc Yên", "Vĩnh Phúc"),
    ("Từ Sơn", "Bắc Ninh"),
    ("Chí Linh", "Hải Dương"),
    ("Sông Công", "Thái Nguyên"),
    ("Điện Biên Phủ", "Điện Biên"),
    ("Sa Pa", "Lào Cai"),
    ("Hoa Lư", "Ninh Bình"),
    ("Tam Điệp", "Ninh Bình"),
    ("Kỳ Anh", "Hà Tĩnh"),
    ("Vũng Áng", "Hà Tĩnh"),
    ("Hồng Lĩnh", "Hà Tĩnh"),
    ("Dung Quất", "Quảng Ngãi"),
    ("Sơn Tây", "Hà Nội"),
    ("Đồ Sơn", "Hải Phòng"),
    ("Cát Bà", "Hải Phòng"),
    ("Thủ Đức", "Hồ Chí Minh"),
    ("Cần Giờ", "Hồ Chí Minh"),
];

/// Words that make the name after them an explicit mention of a unit.
const UNIT_WORDS: &[&str] = &[
    "tỉnh",
    "thành phố",
    "tp.",
    "tp",
    "tỉnh ủy",
    "thành ủy",
    "ubnd tỉnh",
    "hđnd tỉnh",
    "ubnd thành phố",
];

/// A bare name that is more often a person than a place.
const NOT_PLACES: &[&str] = &["hồ chí minh"];

/// How a place was named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Evidence {
    /// A gazetteer place (`Hạ Long`).
    Place,
    /// The province's name alone (`Hà Tĩnh đã khắc phục`).
    Bare,
    /// After a unit word (`tỉnh Hà Tĩnh`, `Tỉnh ủy Lâm Đồng`).
    Explicit,
}

impl Evidence {
    fn weight(self) -> usize {
        match self {
            Evidence::Place | Evidence::Bare => 1,
            Evidence::Explicit => 3,
        }
    }
}

/// One mention: as written, on which input line, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Mention {
    pub written: String,
    pub line: usize,
    pub evidence: Evidence,
}

/// A province with the mentions that point at it.
#[derive(Debug, Clone)]
pub(super) struct Candidate {
    pub province: &'static Province,
    pub mentions: Vec<Mention>,
}

impl Candidate {
    pub(super) fn score(&self) -> usize {
        self.mentions.iter().map(|m| m.evidence.weight()).sum()
    }
    pub(super) fn explicit(&self) -> bool {
        self.mentions
            .iter()
            .any(|m| m.evidence == Evidence::Explicit)
    }
}

/// Every province named in `lines` (text, input line number), best first.
pub(super) fn candidates(lines: &[(&str, usize)], on: Date) -> Vec<Candidate> {
    let mut by_unit: BTreeMap<(&'static str, &'static str), Candidate> = BTreeMap::new();
    let (mut province_self, mut city_self) = (0, 0);
    for &(text, line) in lines {
        let (p, c) = self_references(text);
        province_self += p;
        city_self += c;
        // `Tỉnh ủy Ninh Bình, Đắk Lắk, Lào Cai`: a list after a unit word names units.
        let mut listed_after: Option<usize> = None;
        for run in capitalised_runs(text) {
            let in_list = listed_after.is_some_and(|end| {
                let gap = text[end..run.start].trim();
                gap == ","
            });
            let found = mentions_in(text, &run, on, in_list);
            listed_after = found
                .iter()
                .any(|(_, _, e)| *e == Evidence::Explicit)
                .then(|| run.start + run.words.join(" ").len());
            for (unit, written, evidence) in found {
                by_unit
                    .entry((unit.slug, unit.official_name))
                    .or_insert_with(|| Candidate {
                        province: unit,
                        mentions: Vec::new(),
                    })
                    .mentions
                    .push(Mention {
                        written,
                        line,
                        evidence,
                    });
            }
        }
    }
    let mut list: Vec<Candidate> = by_unit.into_values().collect();
    // An article that calls its own unit "tỉnh" (UBND tỉnh, Tỉnh ủy) is not about a
    // centrally-run city it only names in passing.
    if province_self > 0 && city_self == 0 {
        list.retain(|c| !c.province.is_city || c.explicit());
    }
    list.sort_by(|a, b| {
        b.score()
            .cmp(&a.score())
            .then(b.explicit().cmp(&a.explicit()))
            .then(a.province.slug.cmp(b.province.slug))
    });
    list
}

/// The province the candidates point at: sure when explicitly named well ahead of
/// any other, guessed from bare names and places when one leads, empty otherwise.
pub(super) fn choose(list: &[Candidate]) -> Field<String> {
    let describe = |c: &Candidate| {
        let mut seen: Vec<String> = Vec::new();
        for m in &c.mentions {
            let s = t!("import-at", text = &m.written, line = m.line);
            if !seen.contains(&s) && seen.len() < 3 {
                seen.push(s);
            }
        }
        let more = c.mentions.len().saturating_sub(seen.len());
        let mut out = seen.join(", ");
        if more > 0 {
            out = t!("import-places-more", places = out, more = more);
        }
        out
    };
    let Some(best) = list.first() else {
        return Field::missing(t!("import-province-none"));
    };
    let second = list.get(1).map_or(0, Candidate::score);
    let name = best.province.name.to_string();
    let others = || {
        list[1..]
            .iter()
            .take(2)
            .map(|c| format!("{} ({})", c.province.name, c.score()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if best.score() == second {
        return Field::missing(t!(
            "import-province-unsure",
            province = best.province.name,
            score = best.score(),
            others = others()
        ));
    }
    if best.explicit() && best.score() >= 2 * second {
        return Field::found(name, t!("import-province-named", mentions = describe(best)));
    }
    let mut note = if best.explicit() {
        t!("import-province-named", mentions = describe(best))
    } else {
        t!("import-province-places", mentions = describe(best))
    };
    if second > 0 {
        note = t!("import-province-also", note = note, others = others());
    }
    Field::guessed(name, note)
}

/// Mentions of the article's own unit without its name: (as a province, as a city).
fn self_references(text: &str) -> (usize, usize) {
    let key = key_of(text);
    let count = |phrases: &[&str]| phrases.iter().map(|p| key.matches(p).count()).sum();
    (
        count(&["ubnd tỉnh", "tỉnh ủy", "hđnd tỉnh", "toàn tỉnh"]),
        count(&["thành ủy", "ubnd thành phố", "hđnd thành phố"]),
    )
}

/// The places a run of capitalised words names, with how each is named.
fn mentions_in(
    text: &str,
    run: &Run,
    on: Date,
    in_list: bool,
) -> Vec<(&'static Province, String, Evidence)> {
    let mut out = Vec::new();
    let before = key_of(&text[..run.start]);
    let explicit = in_list
        || UNIT_WORDS
            .iter()
            .any(|w| before.trim_end().ends_with(w) && ends_word(&before, w));
    let words = &run.words;
    let mut i = 0;
    while i < words.len() {
        let mut matched = None;
        for n in (1..=(words.len() - i).min(5)).rev() {
            let name = words[i..i + n].join(" ");
            let first = i == 0;
            if let Some(hit) = lookup(&name, n, words.len(), first && explicit, on) {
                matched = Some((n, name, hit));
                break;
            }
        }
        match matched {
            Some((n, name, (unit, evidence))) => {
                out.push((unit, name, evidence));
                i += n;
            }
            // The rest is a person's name (`Nguyễn Hồng Lĩnh` is not Hồng Lĩnh).
            None if is_surname(&words[i]) => break,
            None => i += 1,
        }
    }
    out
}

fn ends_word(before: &str, word: &str) -> bool {
    let b = before.trim_end();
    let start = b.len() - word.len();
    start == 0 || !b[..start].ends_with(char::is_alphanumeric)
}

/// A name of `n` words (in a run of `run_len`) as a province or a gazetteer place.
fn lookup(
    name: &str,
    n: usize,
    run_len: usize,
    explicit: bool,
    on: Date,
) -> Option<(&'static Province, Evidence)> {
    let key = key_of(name);
    // One-word names are too often people's names unless a unit word precedes them
    // or they stand alone.
    let alone = n == run_len;
    if n >= 2 || explicit || alone {
        let bare_ok = !NOT_PLACES.contains(&key.as_str());
        if (explicit || (bare_ok && n >= 2))
            && let Ok(p) = province::resolve(name, on)
        {
            let evidence = if explicit {
                Evidence::Explicit
            } else {
                Evidence::Bare
            };
            return Some((p, evidence));
        }
        if let Some((_, prov)) = GAZETTEER.iter().find(|(place, _)| key_of(place) == key)
            && (n >= 2 || alone || explicit)
            && let Ok(p) = province::resolve(prov, on)
        {
            return Some((p, Evidence::Place));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn best(text: &str) -> Vec<(&'static str, usize, bool)> {
        candidates(&[(text, 1)], Date::constant(2021, 4, 9))
            .iter()
            .map(|c| (c.province.name, c.score(), c.explicit()))
            .collect()
    }

    #[test]
    fn explicit_bare_and_places() {
        assert_eq!(best("Tỉnh ủy Lâm Đồng họp."), [("Lâm Đồng", 3, true)]);
        assert_eq!(
            best("UBND tỉnh Hà Tĩnh và Hà Tĩnh."),
            [("Hà Tĩnh", 4, true)]
        );
        assert_eq!(
            best("UBND tỉnh kiểm tra cao tốc Hạ Long – Hải Phòng."),
            [("Quảng Ninh", 1, false)]
        );
        assert_eq!(best("phong cách Hồ Chí Minh"), []);
        assert_eq!(best("thành phố Hồ Chí Minh"), [("Hồ Chí Minh", 3, true)]);
        assert_eq!(best("Ông Nguyễn Văn Vinh"), []);
        assert_eq!(best("tại thành phố Vinh"), [("Nghệ An", 1, false)]);
    }
}

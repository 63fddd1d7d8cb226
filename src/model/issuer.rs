//! Issuers of documents written out for readers: `TW` is the `Ban Chấp hành Trung
//! ương`, `TU` of Hà Tĩnh the `Tỉnh ủy Hà Tĩnh`, `HĐND` of Quảng Ninh the `HĐND tỉnh
//! Quảng Ninh` (codes as in `../shared/research/docnum_grammar.md` §4). The documents
//! index groups and filters by this name, so one issuer is one name everywhere.

use super::docnum::{DocumentNumber, fold};
use super::province::Province;

/// Central issuers by their code (ASCII-folded, upper case).
const NATIONAL: &[(&str, &str)] = &[
    ("TW", "Ban Chấp hành Trung ương"),
    ("VPTW", "Văn phòng Trung ương Đảng"),
    ("BTCTW", "Ban Tổ chức Trung ương"),
    ("BTGTW", "Ban Tuyên giáo Trung ương"),
    ("BTGDVTW", "Ban Tuyên giáo và Dân vận Trung ương"),
    ("BDVTW", "Ban Dân vận Trung ương"),
    ("BNCTW", "Ban Nội chính Trung ương"),
    ("UBKTTW", "Ủy ban Kiểm tra Trung ương"),
    ("QUTW", "Quân ủy Trung ương"),
    ("QH", "Quốc hội"),
    ("UBTVQH", "Ủy ban Thường vụ Quốc hội"),
    ("CP", "Chính phủ"),
    ("TTG", "Thủ tướng Chính phủ"),
    ("VPCP", "Văn phòng Chính phủ"),
    ("BGDDT", "Bộ Giáo dục và Đào tạo"),
    ("BNNPTNT", "Bộ Nông nghiệp và Phát triển nông thôn"),
    ("BNNMT", "Bộ Nông nghiệp và Môi trường"),
    ("BTTTT", "Bộ Thông tin và Truyền thông"),
    ("BKHCN", "Bộ Khoa học và Công nghệ"),
    ("BNV", "Bộ Nội vụ"),
    ("BTC", "Bộ Tài chính"),
    ("BYT", "Bộ Y tế"),
    ("BCT", "Bộ Công Thương"),
    ("BKHDT", "Bộ Kế hoạch và Đầu tư"),
    ("BTP", "Bộ Tư pháp"),
    ("BCA", "Bộ Công an"),
    ("BQP", "Bộ Quốc phòng"),
    ("BNG", "Bộ Ngoại giao"),
    ("BXD", "Bộ Xây dựng"),
    ("BGTVT", "Bộ Giao thông vận tải"),
    ("BTNMT", "Bộ Tài nguyên và Môi trường"),
    ("BLDTBXH", "Bộ Lao động - Thương binh và Xã hội"),
    ("BVHTTDL", "Bộ Văn hóa, Thể thao và Du lịch"),
    ("BDTTG", "Ban Dân tộc"),
    ("NHNN", "Ngân hàng Nhà nước Việt Nam"),
    ("TTCP", "Thanh tra Chính phủ"),
    ("TANDTC", "Tòa án nhân dân tối cao"),
    ("VKSNDTC", "Viện kiểm sát nhân dân tối cao"),
    ("KTNN", "Kiểm toán nhà nước"),
];

/// Provincial State issuers: the code and the name before the unit's type and name
/// (`HĐND tỉnh Quảng Ninh`, `UBND thành phố Hà Nội`).
const LOCAL: &[(&str, &str)] = &[
    ("HDND", "HĐND"),
    ("UBND", "UBND"),
    ("VPUBND", "Văn phòng UBND"),
    ("VPHDND", "Văn phòng HĐND"),
    ("VPDDBQH", "Văn phòng Đoàn ĐBQH và HĐND"),
    ("DDBQH", "Đoàn ĐBQH"),
    ("SNV", "Sở Nội vụ"),
    ("STC", "Sở Tài chính"),
    ("SGDDT", "Sở Giáo dục và Đào tạo"),
    ("SYT", "Sở Y tế"),
    ("SXD", "Sở Xây dựng"),
    ("SCT", "Sở Công Thương"),
    ("STP", "Sở Tư pháp"),
    ("SKHCN", "Sở Khoa học và Công nghệ"),
    ("SNNMT", "Sở Nông nghiệp và Môi trường"),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
];

/// Provincial Party bodies: the code and the name before `Tỉnh ủy X` / `Thành ủy X`.
const PARTY_LOCAL: &[(&str, &str)] = &[
    ("TU", ""),
    ("VPTU", "Văn phòng "),
    ("BTCTU", "Ban Tổ chức "),
    ("BTGTU", "Ban Tuyên giáo "),
    ("BTGDVTU", "Ban Tuyên giáo và Dân vận "),
    ("BDVTU", "Ban Dân vận "),
    ("BNCTU", "Ban Nội chính "),
    ("UBKTTU", "Ủy ban Kiểm tra "),
];

/// The issuer of `number`, belonging to `unit` (`None`: national), in words:
/// `Tỉnh ủy Hà Tĩnh`, `Thành ủy Hà Nội`, `UBND tỉnh Lâm Đồng (cũ)`; a code this
/// table does not know stays a code with its unit (`BQL Hà Tĩnh`).
pub fn name(number: &DocumentNumber, unit: Option<&'static Province>) -> String {
    let code = number.issuer.first().map(String::as_str).unwrap_or("");
    let folded = fold(code).to_uppercase();
    // Quốc hội and its standing committee carry their term: QH15, UBTVQH15.
    let plain = folded.trim_end_matches(|c: char| c.is_ascii_digit());
    let Some(unit) = unit else {
        return lookup(NATIONAL, plain).map_or_else(|| code.to_string(), str::to_string);
    };
    let former = if unit.is_current() { "" } else { " (cũ)" };
    let kind = if unit.is_city {
        "thành phố"
    } else {
        "tỉnh"
    };
    if let Some(before) = lookup(PARTY_LOCAL, plain) {
        let committee = if unit.is_city {
            "Thành ủy"
        } else {
            "Tỉnh ủy"
        };
        return format!("{before}{committee} {}{former}", unit.name);
    }
    if let Some(body) = lookup(LOCAL, plain) {
        return format!("{body} {kind} {}{former}", unit.name);
    }
    format!("{code} {}{former}", unit.name)
}

fn lookup(table: &[(&str, &'static str)], code: &str) -> Option<&'static str> {
    table.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::province;

    fn named(number: &str, unit: Option<&str>) -> String {
        let n = DocumentNumber::parse(number).unwrap();
        let on = jiff::civil::date(2024, 1, 1);
        name(&n, unit.map(|u| province::resolve(u, on).unwrap()))
    }

    #[test]
    fn issuers_written_out() {
        assert_eq!(named("48-KL/TW", None), "Ban Chấp hành Trung ương");
        assert_eq!(named("05-NQ/TU", Some("Hà Tĩnh")), "Tỉnh ủy Hà Tĩnh");
        assert_eq!(named("05-NQ/TU", Some("Hà Nội")), "Thành ủy Hà Nội");
        assert_eq!(
            named("326/2021/NQ-HĐND", Some("Quảng Ninh")),
            "HĐND tỉnh Quảng Ninh"
        );
        assert_eq!(
            named("108/QĐ-UBND", Some("Đắk Nông")),
            "UBND tỉnh Đắk Nông (cũ)"
        );
        assert_eq!(named("98/2023/QH15", None), "Quốc hội");
        assert_eq!(named("1314/NQ-UBTVQH15", None), "Ủy ban Thường vụ Quốc hội");
        assert_eq!(named("42/2022/NĐ-CP", None), "Chính phủ");
        assert_eq!(
            named("4836/SNV-TCBC", Some("Hà Tĩnh")),
            "Sở Nội vụ tỉnh Hà Tĩnh"
        );
        assert_eq!(named("8011-CV/BTCTW", None), "Ban Tổ chức Trung ương");
        assert_eq!(named("12-QĐ/BQL", Some("Hà Tĩnh")), "BQL Hà Tĩnh");
    }
}

//! Property tests of the text and document-number invariants (proptest). The same
//! invariants are checked by the fuzz targets in fuzz/ on arbitrary bytes; here
//! they run on generated Vietnamese-like input in every `cargo test`.

use std::cmp::Ordering;

use ketluan::model::DocumentNumber;
use ketluan::text;
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

/// Vietnamese letters (every vowel with every tone), in both cases, and what
/// separates words in names.
const LETTERS: &str =
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ";

fn vietnamese_char() -> impl Strategy<Value = char> {
    let letters: Vec<char> = LETTERS.chars().collect();
    prop_oneof![
        8 => proptest::sample::select(letters.clone()),
        2 => proptest::sample::select(letters).prop_map(|c| c.to_uppercase().next().unwrap()),
        1 => proptest::sample::select(vec![' ', '-', '.', '0', '7', '\'']),
    ]
}

fn vietnamese_name() -> impl Strategy<Value = String> {
    proptest::collection::vec(vietnamese_char(), 0..16).prop_map(|v| v.into_iter().collect())
}

fn icu() -> icu_collator::CollatorBorrowed<'static> {
    let vi: icu_locale_core::Locale = "vi".parse().expect("locale");
    icu_collator::Collator::try_new(vi.into(), Default::default()).expect("vi collator")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Whatever a browser asks `serve` for, the file it names stays inside the site.
    #[test]
    fn serve_never_names_a_file_outside_the_site(
        segments in prop::collection::vec(
            prop_oneof!["\\.\\.", "\\.", "%2[eE]%2[eE]", "%2[fF]", "%5[cC]", "", "[a-z0-9.%\\\\:-]{1,6}"],
            0..6,
        ),
        trailing in any::<bool>(),
    ) {
        let mut path = format!("/{}", segments.join("/"));
        if trailing {
            path.push('/');
        }
        if let Some(file) = ketluan::routes::output_file_of_request(&path) {
            prop_assert!(!file.starts_with('/'), "{} -> {}", path, file);
            prop_assert!(!file.contains(['\\', '\0', ':']), "{} -> {}", path, file);
            for segment in file.split('/') {
                prop_assert!(!matches!(segment, "" | "." | ".."), "{} -> {}", path, file);
            }
        }
    }

    /// Whatever an editor types between the `---` lines, reading it never panics, and
    /// an error is placed on a line of the front matter (which starts on line 2).
    #[test]
    fn front_matter_errors_stay_inside_the_front_matter(
        pieces in prop::collection::vec(
            prop_oneof![
                "title", "date", "tags", ": ", ":", "\"", "'", "\\[", "\\]", "\\{", "\\}",
                " ", "  ", "\t", "\n", "- ", "#", "Kết luận", "đ", ",", "&a", "\\*a", "!t",
            ],
            0..24,
        ),
    ) {
        let yaml = pieces.concat();
        if let Err(e) = ketluan::load::yaml::parse_mapping(&yaml, 2) {
            let last = 2 + yaml.lines().count().max(1);
            prop_assert!((2..=last).contains(&e.line), "{:?}: line {}", yaml, e.line);
        }
    }

    /// The same for a list of entries such as the document registry: reading never
    /// panics, and every error, entry and key is placed on a line of the file (or, as
    /// libyaml places an unfinished text, just after its end).
    #[test]
    fn list_entries_stay_inside_the_file(
        pieces in prop::collection::vec(
            prop_oneof![
                "- ", "-", "\n", "\n  ", "\n    ", "number", "date", ": ", ":", "\"", "\\[",
                "\\]", "\\{", "\\}", " ", "\t", "#", "05-NQ/TU", "Hà Tĩnh", ",", "&a", "\\*a", "---",
            ],
            0..24,
        ),
    ) {
        let yaml = pieces.concat();
        let lines = 1..=yaml.lines().count() + 1;
        let placed = |line: usize| -> Result<(), TestCaseError> {
            prop_assert!(lines.contains(&line), "{:?}: line {}", yaml, line);
            Ok(())
        };
        match ketluan::load::yaml::parse_list(&yaml, 1) {
            Err(e) => placed(e.line)?,
            Ok(items) => {
                for item in items {
                    match item {
                        Err(e) => placed(e.line)?,
                        Ok(item) => {
                            placed(item.line)?;
                            for field in &item.fields.fields {
                                placed(field.line)?;
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn slug_is_ascii_and_stable_under_nfc_and_nfd(s in vietnamese_name(), any in "\\PC{0,24}") {
        for s in [s, any] {
            let slug = text::slugify(&s);
            prop_assert!(slug.is_ascii(), "{s:?} → {slug:?}");
            let nfc: String = s.nfc().collect();
            let nfd: String = s.nfd().collect();
            prop_assert_eq!(text::slugify(&nfc), slug.clone());
            prop_assert_eq!(text::slugify(&nfd), slug);
        }
    }

    #[test]
    fn document_numbers_print_back_to_what_they_parse_from(
        number in 1u32..5000,
        year in proptest::option::of(1990u16..2030),
        kind in proptest::sample::select(vec!["NQ", "KL", "QĐ", "CT", "KH", "TB", "BC", "HD", "CV"]),
        issuer in proptest::sample::select(vec!["TU", "TW", "HĐND", "UBND", "BCH", "TTg", "BTC", "HU"]),
        party in any::<bool>(),
        lower in any::<bool>(),
        any_text in "[0-9A-Za-zĐđ/ -]{0,20}",
    ) {
        let written = match (party, year) {
            (true, _) => format!("{number}-{kind}/{issuer}"),
            (false, Some(y)) => format!("{number}/{y}/{kind}-{issuer}"),
            (false, None) => format!("{number}/{kind}-{issuer}"),
        };
        let written = if lower { written.to_lowercase() } else { written };
        for input in [written, any_text] {
            if let Ok(n) = DocumentNumber::parse(&input) {
                let canonical = n.canonical();
                let again = DocumentNumber::parse(&canonical);
                prop_assert!(again.is_ok(), "{input:?} → {canonical:?}: {again:?}");
                let again = again.unwrap();
                prop_assert_eq!(&again, &n, "{:?} → {:?}", input, canonical);
                prop_assert_eq!(again.canonical(), canonical);
            }
        }
    }

    #[test]
    fn sort_order_matches_icu_vietnamese(a in vietnamese_name(), b in vietnamese_name()) {
        let icu = icu().compare(&a, &b);
        prop_assert_eq!(text::compare(&a, &b), icu, "{:?} vs {:?}", a, b);
        prop_assert_eq!(text::sort_key(&a).cmp(&text::sort_key(&b)), icu, "{:?} vs {:?}", a, b);
        let nfd: String = a.nfd().collect();
        prop_assert_eq!(text::compare(&a, &nfd), Ordering::Equal);
    }
}

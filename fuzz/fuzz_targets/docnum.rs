//! Document numbers: a parsed number prints to a canonical form that parses back to
//! the same number.
#![no_main]
use ketluan::model::DocumentNumber;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(n) = DocumentNumber::parse(text) {
        let canonical = n.canonical();
        let again = DocumentNumber::parse(&canonical)
            .unwrap_or_else(|e| panic!("{text:?} → {canonical:?} does not parse: {e:?}"));
        assert_eq!(again.canonical(), canonical, "from {text:?}");
        assert_eq!(again.key(), n.key(), "from {text:?}");
        let _ = (n.slug(), n.fuzzy_key(), n.kind_name());
    }
});

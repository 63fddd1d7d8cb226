//! Vietnamese normalisation, slugs and sort keys.
#![no_main]
use std::cmp::Ordering;

use ketluan::text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, &str)| {
    let (a, b) = input;
    let nfc = text::nfc(a);
    assert_eq!(text::nfc(&nfc), nfc);
    // `is_nfc` may say "don't know" (false) for NFC text, but never "yes" wrongly.
    if text::is_nfc(a) {
        assert_eq!(nfc, a);
    }
    let slug = text::slugify(a);
    assert!(slug.is_ascii(), "{a:?} → {slug:?}");
    assert_eq!(text::slugify(&nfc), slug);
    let _ = (text::fold(a), text::match_key(a), text::canonical_tone(a));
    assert_eq!(text::compare(a, a), Ordering::Equal);
    assert_eq!(text::compare(a, b), text::compare(b, a).reverse());
    assert_eq!(text::compare(a, b), text::sort_key(a).cmp(&text::sort_key(b)));
});

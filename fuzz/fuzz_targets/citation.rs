//! The citation recogniser: spans are in bounds, on character boundaries, in order.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut end = 0;
    for c in ketluan::model::citation::find_citations(text) {
        assert!(c.span.start >= end && c.span.end <= text.len(), "{c:?}");
        assert!(text.get(c.span.clone()).is_some(), "{c:?}");
        end = c.span.end;
    }
});

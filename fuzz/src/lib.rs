//! What each fuzz target asserts about one input, shared by the targets
//! (`fuzz_targets/*.rs`, run by `scripts/fuzz.sh`) and by the test that replays the
//! saved failures (`tests/fuzz_regressions.rs`, over `fuzz/regressions/<target>/`).
//! A function takes the target's input already decoded, so a saved file replays
//! exactly as libFuzzer ran it.

use std::cmp::Ordering;
use std::path::Path;

use ketluan::model::DocumentNumber;
use ketluan::model::body::find_mentions;
use ketluan::render::markdown::{Link, render};
use ketluan::text;

/// The citation recogniser: spans are in bounds, on character boundaries, in order.
pub fn citation(text: &str) {
    let mut end = 0;
    for c in ketluan::model::citation::find_citations(text) {
        assert!(c.span.start >= end && c.span.end <= text.len(), "{c:?}");
        assert!(text.get(c.span.clone()).is_some(), "{c:?}");
        end = c.span.end;
    }
}

/// YAML front matter → conclusion model: any text gives a conclusion or diagnostics.
pub fn conclusion(text: &str) {
    let _ = ketluan::load::conclusion::parse(
        Path::new("content/fuzz.md"),
        Path::new("/nonexistent-ketluan-fuzz"),
        text,
    );
}

/// Document numbers: a parsed number prints to a canonical form that parses back to
/// the same number.
pub fn docnum(text: &str) {
    if let Ok(n) = DocumentNumber::parse(text) {
        let canonical = n.canonical();
        let again = DocumentNumber::parse(&canonical)
            .unwrap_or_else(|e| panic!("{text:?} → {canonical:?} does not parse: {e:?}"));
        assert_eq!(again.canonical(), canonical, "from {text:?}");
        assert_eq!(again.key(), n.key(), "from {text:?}");
        let _ = (n.slug(), n.fuzzy_key(), n.kind_name());
    }
}

/// Front-matter splitting: never panics; the parts it returns are slices of the input.
pub fn frontmatter(text: &str) {
    let _ = ketluan::load::frontmatter::split(text);
}

/// Markdown rendering with the citations linkified, as a conclusion page does it.
pub fn markdown((unsafe_html, md): (bool, &str)) {
    let mentions = find_mentions(md);
    // A mention in a heading has no run: it is never linked.
    let links: Vec<Link> = mentions
        .iter()
        .filter_map(|m| {
            Some(Link {
                run: m.run?,
                span: m.span.clone(),
                url: "/van-ban/x/",
            })
        })
        .collect();
    let html = render(md, unsafe_html, &links);
    if !unsafe_html {
        assert!(!html.contains("<script"), "{md:?} → {html}");
    }
}

/// `serve`'s URL path → output file: whatever the request path, the file named stays
/// inside the site (no `.`, `..` or empty segment, no separator but `/`, no NUL or
/// drive letter).
pub fn serve_path(path: &str) {
    if let Some(file) = ketluan::serve::output_path(path) {
        assert!(!file.starts_with('/'), "{path:?} → {file:?}");
        assert!(!file.contains(['\\', '\0', ':']), "{path:?} → {file:?}");
        for segment in file.split('/') {
            assert!(!matches!(segment, "" | "." | ".."), "{path:?} → {file:?}");
        }
    }
}

/// Vietnamese normalisation, slugs and sort keys.
pub fn text((a, b): (&str, &str)) {
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
    assert_eq!(
        text::compare(a, b),
        text::sort_key(a).cmp(&text::sort_key(b))
    );
}

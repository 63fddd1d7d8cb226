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

/// `serve`'s URL path → output file (`routes::output_file_of_request`): whatever the request path, the file named stays
/// inside the site (no `.`, `..` or empty segment, no separator but `/`, no NUL or
/// drive letter).
pub fn serve_path(path: &str) {
    if let Some(file) = ketluan::routes::output_file_of_request(path) {
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

/// The parts of a whole-site input, in order, between separator lines: a conclusion
/// file, the document registry, a template (`templates/404.html`) and extra
/// `site.yaml` lines. Missing parts are left out of the site.
pub const SITE_SEPARATOR: &str = "\n=====\n";

/// A whole site built with every budget on: the build succeeds or reports
/// problems, never panics; what it writes stays within a bounded multiple of the
/// input; every problem names a file and prints no control character.
pub fn site(text: &str) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static RUN: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "ketluan-fuzz-site-{}-{}",
        std::process::id(),
        RUN.fetch_add(1, Ordering::Relaxed)
    ));
    let mut parts = text.split(SITE_SEPARATOR);
    let files = [
        "content/fuzz.md",
        "content/_documents.yaml",
        "templates/404.html",
    ];
    for file in files {
        if let Some(part) = parts.next() {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, part).unwrap();
        }
    }
    let extra = parts.next().unwrap_or("");
    std::fs::write(dir.join("site.yaml"), format!("title: Fuzz\n{extra}")).unwrap();
    std::fs::create_dir_all(dir.join("content")).unwrap();
    let options = ketluan::build::BuildOptions {
        root: dir.clone(),
        output: None,
        base_url: None,
        drafts: true,
        force: false,
    };
    let result = ketluan::build::build(&options);
    let written = folder_size(&dir.join("public"));
    let _ = std::fs::remove_dir_all(&dir);
    match result {
        Ok(_) => {
            let limit = (8 << 20) + 100 * text.len() as u64;
            assert!(
                written <= limit,
                "{written} bytes written for {} of input",
                text.len()
            );
        }
        Err(problems) => {
            assert!(!problems.is_empty());
            for p in problems {
                let shown = p.render();
                assert!(
                    !shown
                        .chars()
                        .any(|c| c.is_control() && !matches!(c, '\n' | '\t')),
                    "{shown:?}"
                );
            }
        }
    }
}

fn folder_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => folder_size(&e.path()),
            _ => e.metadata().map_or(0, |m| m.len()),
        })
        .sum()
}

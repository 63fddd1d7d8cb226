//! Markdown rendering with the citations linkified, as a conclusion page does it.
#![no_main]
use ketluan::model::body::find_mentions;
use ketluan::render::markdown::{Link, render};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (bool, &str)| {
    let (unsafe_html, md) = input;
    let mentions = find_mentions(md);
    let links: Vec<Link> = mentions
        .iter()
        .map(|m| Link {
            run: m.run,
            span: m.span.clone(),
            url: "/van-ban/x/",
        })
        .collect();
    let html = render(md, unsafe_html, &links);
    if !unsafe_html {
        assert!(!html.contains("<script"), "{md:?} → {html}");
    }
});

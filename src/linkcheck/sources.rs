//! Where a broken link of the output was written: the line and column of the link
//! in the Markdown body of the conclusion whose page holds it, or in the template
//! that wrote it. An editor fixes the source, not the generated HTML; only a link
//! that no source shows literally (made by a template's expression) falls back to
//! the template's file, or to the output file when no template is known.

use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag};

use crate::diagnostic::{Diagnostic, Location};
use crate::model::Site;
use crate::model::body::markdown_options;
use crate::render::{Rendered, Theme};
use crate::routes::{Route, resolve_link};

use super::output::{Broken, broken_links};

/// Check every link of `rendered`, each broken one reported where it was written.
/// The same link written once in a template is reported once, not for every page.
pub fn check_output_at_sources(
    rendered: &Rendered,
    site: &Site,
    theme: &Theme,
    output: &Path,
) -> Vec<Diagnostic> {
    let base = &site.config.base_url;
    let mut problems: Vec<Diagnostic> = broken_links(rendered, base)
        .iter()
        .map(|b| {
            in_body(b, site)
                .or_else(|| in_template(b, site, theme))
                .unwrap_or_else(|| b.in_output(output))
        })
        .collect();
    crate::diagnostic::sort(&mut problems);
    problems.dedup();
    problems
}

/// The link in the body of the conclusion whose page `b` is on.
fn in_body(b: &Broken<'_>, site: &Site) -> Option<Diagnostic> {
    let c = site
        .conclusions
        .iter()
        .find(|c| Route::Conclusion(c.slug.as_str()).output_file() == b.page)?;
    let body = c.markdown.text().ok()?;
    let offset = link_in_markdown(&body, b, site.config.base_url.as_str())?;
    let (line, column) = crate::text::line_column(&body, offset);
    Some(
        Diagnostic::new(
            Location::at(&c.file, c.markdown_line + line - 1, column),
            b.problem(),
        )
        .with_source_from(&body, c.markdown_line),
    )
}

/// The byte offset in `body` of the Markdown link that became `b`'s URL: the same
/// destination, or one that leads to the same place from the page.
fn link_in_markdown(body: &str, b: &Broken<'_>, base: &str) -> Option<usize> {
    let target = resolve_link(&b.url, b.page, base);
    Parser::new_ext(body, markdown_options())
        .into_offset_iter()
        .find_map(|(event, range)| {
            let (Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. })) = event
            else {
                return None;
            };
            let same = *dest_url == *b.url || resolve_link(&dest_url, b.page, base) == target;
            same.then(|| {
                body[range.clone()]
                    .find(&*dest_url)
                    .filter(|_| !dest_url.is_empty())
                    .map_or(range.start, |k| range.start + k)
            })
        })
}

/// The template that shows `b`'s URL (or its `#fragment`) literally: the page's
/// own template first, then the others by name. Failing that, the page's template.
fn in_template(b: &Broken<'_>, site: &Site, theme: &Theme) -> Option<Diagnostic> {
    let own = template_of(b.page, site);
    let mut templates: Vec<(&str, &Path, &str)> = theme.page_templates().collect();
    templates.sort_by_key(|(name, ..)| (Some(*name) != own, *name));
    let fragment = b.url.split_once('#').map(|(_, f)| format!("#{f}"));
    let needles = std::iter::once(b.url.as_str())
        .chain(fragment.as_deref())
        .filter(|n| n.len() > 1);
    for needle in needles {
        for (_, file, text) in &templates {
            if let Some(offset) = text.find(needle) {
                let (line, column) = crate::text::line_column(text, offset);
                return Some(
                    Diagnostic::new(Location::at(file, line, column), b.problem())
                        .with_source(text),
                );
            }
        }
    }
    let (_, file, _) = templates.iter().find(|(name, ..)| Some(*name) == own)?;
    Some(Diagnostic::new(Location::file(file), b.problem()))
}

/// The template a page of the output is rendered from, by its path.
fn template_of(page: &str, site: &Site) -> Option<&'static str> {
    if page == "404.html" {
        return Some("404.html");
    }
    let dir = page.strip_suffix("index.html")?;
    let segments: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    Some(match segments.as_slice() {
        [] => "index.html",
        ["ket-luan", _] => "conclusion.html",
        ["dong-thoi-gian"] | ["dong-thoi-gian", "page", _] => "timeline.html",
        ["dong-thoi-gian", _] => "timeline_year.html",
        ["tinh"] => "provinces.html",
        ["tinh", _] => "province.html",
        ["tim-kiem"] => "search.html",
        ["nghi-quyet", slug] if site.documents.iter().any(|d| d.slug.as_str() == *slug) => {
            "document.html"
        }
        ["nghi-quyet", _] => "documents_filter.html",
        ["nghi-quyet", ..] => "documents.html",
        _ => return None,
    })
}

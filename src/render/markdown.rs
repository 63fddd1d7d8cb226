//! Markdown bodies → HTML, sanitized unless the site opts out.

use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd, html};

use crate::model::body::{Piece, Prose, markdown_options, run_text};

/// A rendered body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    pub html: String,
    /// Plain text of the first paragraph, for a summary when none is given.
    pub first_paragraph: String,
}

/// A link to put on a stretch of prose: run `run` (in [`Prose`] order), bytes `span`
/// of the run's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link<'a> {
    pub run: usize,
    pub span: Range<usize>,
    pub url: &'a str,
}

/// Render `markdown`, turning the stretches named by `links` (sorted by run and
/// position) into links. Raw HTML is cleaned of scripts, event handlers,
/// `javascript:` URLs and other active content unless `unsafe_html` is on.
pub fn render(markdown: &str, unsafe_html: bool, links: &[Link]) -> Body {
    let first_paragraph = first_paragraph(markdown);
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    let parser = Parser::new_ext(markdown, markdown_options()).map(demote_heading);
    let mut run_index = 0;
    let mut pending = links;
    let events = Prose::new(parser).flat_map(|piece| match piece {
        Piece::Event(e) => vec![e],
        Piece::Run(run) => {
            let here = pending.iter().take_while(|l| l.run == run_index).count();
            let (mine, rest) = pending.split_at(here);
            pending = rest;
            run_index += 1;
            if mine.is_empty() {
                run
            } else {
                link_run(&run, mine)
            }
        }
    });
    html::push_html(&mut out, events);
    let html = if unsafe_html {
        out
    } else {
        SANITIZER.clean(&out).to_string()
    };
    Body {
        html,
        first_paragraph,
    }
}

/// Rewrite one prose run with links on the given stretches.
fn link_run<'a>(run: &[Event<'a>], links: &[Link]) -> Vec<Event<'a>> {
    let text = run_text(run);
    let mut events = Vec::with_capacity(links.len() * 4 + 1);
    let mut pos = 0;
    for link in links {
        let Some(inner) = text
            .get(link.span.clone())
            .filter(|_| link.span.start >= pos)
        else {
            continue;
        };
        events.push(Event::Text(CowStr::from(
            text[pos..link.span.start].to_string(),
        )));
        let href = html_attr(link.url);
        events.push(Event::InlineHtml(CowStr::from(format!(
            "<a class=\"doc-ref\" href=\"{href}\">"
        ))));
        events.push(Event::Text(CowStr::from(inner.to_string())));
        events.push(Event::InlineHtml(CowStr::from("</a>")));
        pos = link.span.end;
    }
    events.push(Event::Text(CowStr::from(text[pos..].to_string())));
    events
}

fn html_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// The page's title is its only `h1`: body headings start at `h2`.
fn demote_heading(event: Event<'_>) -> Event<'_> {
    use pulldown_cmark::HeadingLevel as H;
    let lower = |l: H| match l {
        H::H1 => H::H2,
        H::H2 => H::H3,
        H::H3 => H::H4,
        H::H4 => H::H5,
        H::H5 | H::H6 => H::H6,
    };
    match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: lower(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(lower(level))),
        other => other,
    }
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    // Footnotes and heading attributes produce ids and classes; keep them.
    b.add_generic_attributes(["id", "class"]);
    b.link_rel(None);
    b
});

/// The text of the first paragraph, whitespace collapsed.
fn first_paragraph(markdown: &str) -> String {
    let mut text = String::new();
    let mut inside = false;
    for event in Parser::new_ext(markdown, markdown_options()) {
        match event {
            Event::Start(Tag::Paragraph) => inside = true,
            Event::End(TagEnd::Paragraph) if inside => break,
            Event::Text(t) | Event::Code(t) if inside => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if inside => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitizes_active_content() {
        let md = "Hi <script>alert(1)</script> <a href=\"javascript:alert(1)\" onclick=\"x()\">x</a> <img src=x onerror=alert(1)>";
        let html = render(md, false, &[]).html;
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        let raw = render(md, true, &[]).html;
        assert!(raw.contains("<script>"));
    }

    #[test]
    fn links_stretches_of_prose() {
        let md = "Theo Nghị quyết số 05-NQ/\nTU và `06-NQ/TU`.";
        let mentions = crate::model::body::find_mentions(md);
        let links: Vec<Link> = mentions
            .iter()
            .map(|m| Link {
                run: m.run,
                span: m.span.clone(),
                url: "/nq/05/",
            })
            .collect();
        let html = render(md, false, &links).html;
        assert!(
            html.contains("<a class=\"doc-ref\" href=\"/nq/05/\">Nghị quyết số 05-NQ/\nTU</a>"),
            "{html}"
        );
        assert!(html.contains("<code>06-NQ/TU</code>"), "{html}");
    }

    #[test]
    fn first_paragraph_text() {
        let b = render(
            "# Heading\n\nFirst *para*\nline two.\n\nSecond.",
            false,
            &[],
        );
        assert_eq!(b.first_paragraph, "First para line two.");
        assert!(b.html.contains("<h2>Heading</h2>"));
    }
}

//! Markdown bodies → HTML, sanitized unless the site opts out.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};
use std::sync::LazyLock;

/// A rendered body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    pub html: String,
    /// Plain text of the first paragraph, for a summary when none is given.
    pub first_paragraph: String,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Render `markdown`. Raw HTML is cleaned of scripts, event handlers, `javascript:`
/// URLs and other active content unless `unsafe_html` (a site setting) is on.
pub fn render(markdown: &str, unsafe_html: bool) -> Body {
    let first_paragraph = first_paragraph(markdown);
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    let events = Parser::new_ext(markdown, options()).map(demote_heading);
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
    for event in Parser::new_ext(markdown, options()) {
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
        let html = render(md, false).html;
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        let raw = render(md, true).html;
        assert!(raw.contains("<script>"));
    }

    #[test]
    fn first_paragraph_text() {
        let b = render("# Heading\n\nFirst *para*\nline two.\n\nSecond.", false);
        assert_eq!(b.first_paragraph, "First para line two.");
        assert!(b.html.contains("<h2>Heading</h2>"));
    }
}

//! Markdown bodies → HTML, sanitized unless the site opts out.

use std::collections::VecDeque;
use std::ops::Range;
use std::sync::LazyLock;

use either::Either;
use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd, html};

use crate::model::body::{HiddenHtml, Piece, Prose, markdown_options, run_text};

/// A link to put on a stretch of prose: run `run` (in [`Prose`] order), bytes `span`
/// of the run's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link<'a> {
    pub run: usize,
    pub span: Range<usize>,
    pub url: &'a str,
}

/// Render `markdown` to HTML, turning the stretches named by `links` (sorted by run
/// and position) into links. Unless `unsafe_html` is on, raw HTML is cleaned of
/// scripts, event handlers and other active content, and link and image URLs with
/// a dangerous scheme (`javascript:`, `data:`…) are dropped.
pub fn render(markdown: &str, unsafe_html: bool, links: &[Link]) -> String {
    render_seeing(markdown, unsafe_html, links, None)
}

/// [`render`], and the body's [`plain_text`] from the same parse (for the search
/// index, which would otherwise parse every body again).
pub fn render_with_text(markdown: &str, unsafe_html: bool, links: &[Link]) -> (String, String) {
    let mut text = PlainText::with_capacity(markdown.len());
    let html = render_seeing(markdown, unsafe_html, links, Some(&mut text));
    (html, text.finish())
}

/// [`render`], showing `text` every event of the parse.
fn render_seeing(
    markdown: &str,
    unsafe_html: bool,
    links: &[Link],
    mut text: Option<&mut PlainText>,
) -> String {
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    let mut raw_html = false;
    let events = Parser::new_ext(markdown, markdown_options())
        .inspect(|e| {
            if let Some(text) = text.as_deref_mut() {
                text.see(e);
            }
        })
        .map(demote_heading);
    let parser = HeadingIds::new(events, explicit_heading_ids(markdown))
        .map(|e| if unsafe_html { e } else { safe_urls(e) })
        .inspect(|e| raw_html |= matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    let mut run_index = 0;
    let mut pending = links;
    // `Either`: most pieces are one event, which needs no vector of its own.
    let events = Prose::new(parser).flat_map(|piece| match piece {
        Piece::Event(e) => Either::Left(std::iter::once(e)),
        Piece::Run(run) => {
            let here = pending.iter().take_while(|l| l.run == run_index).count();
            let (mine, rest) = pending.split_at(here);
            pending = rest;
            run_index += 1;
            Either::Right(if mine.is_empty() {
                run.into_iter()
            } else {
                link_run(&run, mine).into_iter()
            })
        }
    });
    html::push_html(&mut out, events);
    let out = alignment_classes(out);
    // Without raw HTML, pulldown-cmark's output is inert already (text escaped, URLs
    // checked above): the HTML sanitizer, a third of rendering time, is not needed.
    if unsafe_html || !raw_html {
        out
    } else {
        SANITIZER.clean(&out).to_string()
    }
}

/// pulldown-cmark aligns table columns with `style` attributes, which a strict
/// Content-Security-Policy blocks; the theme styles these classes instead. (Text and
/// code cannot contain the pattern: their quotes are escaped.)
fn alignment_classes(html: String) -> String {
    if !html.contains(" style=\"text-align: ") {
        return html;
    }
    html.replace(" style=\"text-align: left\"", " class=\"align-left\"")
        .replace(" style=\"text-align: center\"", " class=\"align-center\"")
        .replace(" style=\"text-align: right\"", " class=\"align-right\"")
}

/// Drop link and image destinations whose scheme could run code.
fn safe_urls(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if !is_safe_url(&dest_url) => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::Borrowed(""),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) if !is_safe_url(&dest_url) => Event::Start(Tag::Image {
            link_type,
            dest_url: CowStr::Borrowed(""),
            title,
            id,
        }),
        other => other,
    }
}

/// Relative URLs and the schemes a document links to; browsers ignore tabs, line
/// breaks and control characters inside a scheme, so they are ignored here too.
fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    match cleaned.find(':') {
        None => true,
        Some(colon) => {
            let scheme = &cleaned[..colon];
            // A colon after `/`, `?` or `#` is part of a path, not a scheme.
            scheme.contains(['/', '?', '#'])
                || matches!(scheme, "http" | "https" | "mailto" | "tel" | "ftp" | "sms")
        }
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

/// Ids the default theme puts on a conclusion's page (base.html, conclusion.html and
/// its partials), plus `top`, which link checking treats as always present: a body
/// heading must not take one, or its in-page links would land on the theme's element.
const THEME_IDS: &[&str] = &[
    "top",
    "main",
    "content-heading",
    "meta-heading",
    "citing-heading",
    "years-heading",
    "pager-heading",
    "pager-time",
    "pager-province",
    "browse-heading",
    "entries-heading",
    "latest-heading",
    "provinces-caption",
    "stats-heading",
    "toc-heading",
    "search-form",
    "search-hint",
    "search-more",
    "search-province",
    "search-q",
    "search-results",
    "search-status",
    "search-year",
];

/// Explicit `{#id}`s of the body's headings, read first so that an automatic id never
/// takes one that a later heading asks for. Most bodies have none: skip the parse.
fn explicit_heading_ids(markdown: &str) -> Vec<String> {
    if memchr::memmem::find(markdown.as_bytes(), b"{#").is_none() {
        return Vec::new();
    }
    Parser::new_ext(markdown, markdown_options())
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect()
}

/// Gives every heading without an explicit id one from its text (the slug rule of
/// URLs: tones stripped, `đ` → `d`), `-2`, `-3`… on repeats, so `[…](#muc-2)`
/// reaches `## Mục 2`. A heading's events are held until its end to read its text.
struct HeadingIds<'a, I> {
    inner: I,
    /// Ids given or asked for so far: a body has a few dozen headings at most, which
    /// a scan looks through faster than a hash set is made.
    taken: Vec<String>,
    held: VecDeque<Event<'a>>,
}

impl<'a, I: Iterator<Item = Event<'a>>> HeadingIds<'a, I> {
    fn new(inner: I, explicit: Vec<String>) -> Self {
        Self {
            inner,
            taken: explicit,
            held: VecDeque::new(),
        }
    }

    /// Hold a heading's events up to its end and give its start an id.
    fn hold_heading(&mut self, start: Event<'a>) {
        let mut text = String::new();
        self.held.push_back(start);
        for e in self.inner.by_ref() {
            match &e {
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                _ => {}
            }
            let end = matches!(e, Event::End(TagEnd::Heading(_)));
            self.held.push_back(e);
            if end {
                break;
            }
        }
        let id = self.unique_id(&text);
        if let Some(Event::Start(Tag::Heading { id: slot, .. })) = self.held.front_mut() {
            *slot = Some(CowStr::from(id));
        }
    }

    fn unique_id(&mut self, text: &str) -> String {
        let base = crate::text::slugify(text);
        // A heading of only punctuation or symbols still needs an ASCII id.
        let base = if base.is_empty() {
            "muc".to_string()
        } else {
            base
        };
        let mut id = base.clone();
        let mut n = 1;
        while self.taken.contains(&id) || THEME_IDS.contains(&id.as_str()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.taken.push(id.clone());
        id
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for HeadingIds<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(e) = self.held.pop_front() {
            return Some(e);
        }
        match self.inner.next()? {
            e @ Event::Start(Tag::Heading { id: None, .. }) => {
                self.hold_heading(e);
                self.held.pop_front()
            }
            // `{#main}`: the theme's element keeps its id, the heading takes the
            // next free one (`main-2`).
            Event::Start(Tag::Heading {
                level,
                id: Some(id),
                classes,
                attrs,
            }) if THEME_IDS.contains(&id.as_ref()) => {
                let id = self.unique_id(&id);
                Some(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes,
                    attrs,
                }))
            }
            e => Some(e),
        }
    }
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    // Footnotes and heading attributes produce ids and classes; keep them.
    b.add_generic_attributes(["id", "class"]);
    // `<a id="main">` would be a second element of the theme's id: renamed the way
    // a heading's `{#main}` is.
    b.attribute_filter(|_, attribute, value| {
        if attribute == "id" && THEME_IDS.contains(&value) {
            Some(format!("{value}-2").into())
        } else {
            Some(value.into())
        }
    });
    b.link_rel(None);
    b
});

/// The text of a body, for search and excerpts: one line per block (paragraph,
/// heading, list item, table cell), whitespace collapsed. Raw HTML is left out, and
/// so is the text inside elements the sanitizer removes with their content.
pub fn plain_text(markdown: &str) -> String {
    let mut text = PlainText::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, markdown_options()) {
        text.see(&event);
    }
    text.finish()
}

/// [`plain_text`] as it is made, from the parser's events.
struct PlainText {
    text: Collapsed,
    hidden: HiddenHtml,
}

impl PlainText {
    fn with_capacity(n: usize) -> PlainText {
        PlainText {
            text: Collapsed::with_capacity(n),
            hidden: HiddenHtml::default(),
        }
    }

    fn see(&mut self, event: &Event) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => self.hidden.see(h),
            Event::Text(t) | Event::Code(t) if !self.hidden.hides() => self.text.push(t),
            Event::SoftBreak | Event::HardBreak => self.text.push(" "),
            Event::End(_) => self.text.push("\n"),
            _ => {}
        }
    }

    fn finish(self) -> String {
        self.text.out
    }
}

/// Text written with its whitespace collapsed as it comes: runs of spaces inside a
/// line become one space, lines are trimmed, and empty lines are left out. Written
/// in one pass: the bodies of a whole site go through it for the search index.
struct Collapsed {
    out: String,
    /// The whitespace seen since the last word: none, spaces, or a line break.
    gap: Gap,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    None,
    Space,
    Line,
}

impl Collapsed {
    fn with_capacity(n: usize) -> Collapsed {
        Collapsed {
            out: String::with_capacity(n),
            gap: Gap::None,
        }
    }

    fn push(&mut self, s: &str) {
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let word = i;
            // Most bytes of a word cannot start whitespace: only those that may are
            // looked at closely. A lone space between two words stays as it is, so a
            // line of them is copied at once.
            while i < b.len() {
                let x = b[i];
                if !may_start_whitespace(x) {
                    i += 1;
                } else if x == b' '
                    && i > word
                    && b.get(i + 1).is_some_and(|&y| !may_start_whitespace(y))
                {
                    i += 2;
                } else if x == 0xE1 && b.get(i + 1) != Some(&0x9A) {
                    // Most Vietnamese letters with two marks (U+1EA0–U+1EF9).
                    i += 3;
                } else if whitespace_at(b, i) == 0 {
                    i += 1;
                } else {
                    break;
                }
            }
            if i > word {
                if !self.out.is_empty() {
                    match self.gap {
                        Gap::None => {}
                        Gap::Space => self.out.push(' '),
                        Gap::Line => self.out.push('\n'),
                    }
                }
                self.gap = Gap::None;
                self.out.push_str(&s[word..i]);
            }
            while i < b.len() {
                let len = whitespace_at(b, i);
                if len == 0 {
                    break;
                }
                let gap = if b[i] == b'\n' { Gap::Line } else { Gap::Space };
                self.gap = self.gap.max(gap);
                i += len;
            }
        }
    }
}

/// Whether byte `x` of UTF-8 text may start a whitespace char.
#[inline]
fn may_start_whitespace(x: u8) -> bool {
    MAY_START_WHITESPACE[usize::from(x)]
}

static MAY_START_WHITESPACE: [bool; 256] = {
    let mut t = [false; 256];
    let mut x = 0;
    while x < 256 {
        t[x] = x <= b' ' as usize || matches!(x, 0xC2 | 0xE1 | 0xE2 | 0xE3);
        x += 1;
    }
    t
};

/// The length in bytes of the whitespace char (`char::is_whitespace`) starting at
/// byte `i` of UTF-8 text, or 0. Byte by byte: only a few lead bytes can start one.
#[inline]
fn whitespace_at(b: &[u8], i: usize) -> usize {
    let next = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match b[i] {
        b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => 1,
        0xC2 if matches!(next(1), 0x85 | 0xA0) => 2,
        0xE1 if next(1) == 0x9A && next(2) == 0x80 => 3,
        0xE2 if next(1) == 0x80 && matches!(next(2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) => 3,
        0xE2 if next(1) == 0x81 && next(2) == 0x9F => 3,
        0xE3 if next(1) == 0x80 && next(2) == 0x80 => 3,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitizes_active_content() {
        let md = "Hi <script>alert(1)</script> <a href=\"javascript:alert(1)\" onclick=\"x()\">x</a> <img src=x onerror=alert(1)>";
        let html = render(md, false, &[]);
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        let raw = render(md, true, &[]);
        assert!(raw.contains("<script>"));
    }

    #[test]
    fn one_parse_gives_the_page_and_its_text() {
        let bodies = [
            "# Tiêu đề {#main}\n\nĐoạn *một*  với `mã`.\n\n- a\n- b\n\n<script>x</script> <b>c</b>",
            "| a | b |\n|:-|-:|\n| 1 | 2 |\n\n> trích\n> dẫn\n\nx[^1]\n\n[^1]: chú",
            "",
        ];
        for md in bodies {
            for unsafe_html in [false, true] {
                let (html, text) = render_with_text(md, unsafe_html, &[]);
                assert_eq!(html, render(md, unsafe_html, &[]), "{md:?}");
                assert_eq!(text, plain_text(md), "{md:?}");
            }
        }
    }

    #[test]
    fn plain_text_leaves_out_removed_elements() {
        let md =
            "a <script>x</script> <b>b</b>\n\n<style>\np{}\n</style>\n\n<svg>\n\nc\n\n</svg>\n\nd";
        assert_eq!(plain_text(md), "a b\nd");
    }

    #[test]
    fn collapsed_text_matches_its_definition() {
        // Every whitespace char of Unicode, between words, at the ends, in runs.
        let spaces: Vec<char> = (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        assert_eq!(spaces.len(), 25);
        let mut pieces = vec![
            "".to_string(),
            " ".into(),
            "\n".into(),
            "ồ".into(),
            "a b".into(),
            " \n x\u{1e00}\u{e2}".into(),
            // Lone spaces (copied with their words) beside other whitespace.
            "a b c".into(),
            "ồ b\u{a0}c d\u{2003}".into(),
            "a  b \nc \u{a0}d ".into(),
        ];
        pieces.extend(spaces.iter().map(|c| format!("{c}tờ{c}")));
        for a in &pieces {
            for b in &pieces {
                let mut c = Collapsed::with_capacity(0);
                c.push(a);
                c.push(b);
                let joined = format!("{a}{b}");
                let lines: Vec<String> = joined
                    .lines()
                    .map(crate::text::collapse_whitespace)
                    .filter(|l| !l.is_empty())
                    .collect();
                assert_eq!(c.out, lines.join("\n"), "{joined:?}");
            }
        }
    }

    #[test]
    fn links_stretches_of_prose() {
        let md = "Theo Nghị quyết số 05-NQ/\nTU và `06-NQ/TU`.";
        let mentions = crate::model::body::find_mentions(md);
        let links: Vec<Link> = mentions
            .iter()
            .filter_map(|m| {
                Some(Link {
                    run: m.run?,
                    span: m.span.clone(),
                    url: "/nq/05/",
                })
            })
            .collect();
        let html = render(md, false, &links);
        assert!(
            html.contains("<a class=\"doc-ref\" href=\"/nq/05/\">Nghị quyết số 05-NQ/\nTU</a>"),
            "{html}"
        );
        assert!(html.contains("<code>06-NQ/TU</code>"), "{html}");
    }

    #[test]
    fn table_alignment_uses_classes_not_styles() {
        let html = render("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n", false, &[]);
        assert!(!html.contains("style="), "{html}");
        assert!(html.contains("<td class=\"align-right\">3</td>"), "{html}");
        let raw = render("| a |\n|--:|\n| 1 |\n\n<b>x</b>", false, &[]);
        assert!(
            raw.contains("class=\"align-right\""),
            "kept through the sanitizer: {raw}"
        );
    }

    #[test]
    fn headings_start_at_h2() {
        assert!(render("# Heading", false, &[]).contains("<h2 id=\"heading\">Heading</h2>"));
    }

    #[test]
    fn headings_get_unique_ascii_ids() {
        let md = "## Mục 2\n\n## Mục 2\n\n## Đánh giá *chung*\n\n## Main\n\n## !!!\n\n\
                  ## Khác {#muc-2-2}\n\n## Mục 2";
        let html = render(md, false, &[]);
        for want in [
            "<h3 id=\"muc-2\">Mục 2</h3>",
            "<h3 id=\"muc-2-3\">Mục 2</h3>",
            "<h3 id=\"danh-gia-chung\">Đánh giá <em>chung</em></h3>",
            "<h3 id=\"main-2\">Main</h3>",
            "<h3 id=\"muc\">!!!</h3>",
            "<h3 id=\"muc-2-2\">Khác</h3>",
            "<h3 id=\"muc-2-4\">Mục 2</h3>",
        ] {
            assert!(html.contains(want), "{want} in {html}");
        }
    }

    #[test]
    fn markdown_links_with_dangerous_schemes_are_dropped() {
        for md in [
            "[x](javascript:alert(1))",
            "[x](JavaScript:alert(1))",
            "[x](<java\tscript:alert(1)>)",
            "![x](data:text/html,<script>alert(1)</script>)",
            "[x](vbscript:msgbox)",
        ] {
            let html = render(md, false, &[]);
            assert!(!html.to_lowercase().contains("script:"), "{md}: {html}");
            assert!(!html.contains("data:"), "{md}: {html}");
        }
        for md in [
            "[x](https://a.vn/)",
            "[x](/ket-luan/)",
            "[x](thong-bao.pdf)",
            "[x](mailto:a@b.vn)",
            "[x](a/b:c)",
        ] {
            let html = render(md, false, &[]);
            let url = md.split('(').nth(1).unwrap().trim_end_matches(')');
            assert!(html.contains(&format!("href=\"{url}\"")), "{md}: {html}");
        }
    }
}

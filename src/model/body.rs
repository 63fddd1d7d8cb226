//! The prose of a Markdown body: runs of text outside code, links, headings and raw
//! HTML. Citations are found in these runs when the site is loaded, and linked in
//! the same runs when it is rendered. Both stages cut runs with [`Prose`], so a
//! mention's `(run, span)` means the same text in both. Headings are searched too
//! (`## B7 Thực hiện Nghị quyết số 27-NQ/TU` cites it), but their mentions are
//! in no run, so never linked (a link inside a heading would break its anchor).

use std::ops::Range;

use jiff::civil::Date;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::citation::find_first_citations;
use super::docnum::DocumentNumber;

/// The Markdown dialect of bodies, shared by every stage that parses them.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// What [`Prose`] yields: an event passed through, or a run of prose (`Text` and
/// `SoftBreak` events) to be searched or rewritten as a whole, since one mention can
/// span several events (a line break inside `05-NQ/\nTU`).
#[derive(Debug)]
pub enum Piece<'a> {
    Event(Event<'a>),
    Run(Vec<Event<'a>>),
}

/// Elements whose content the sanitizer removes with them (ammonia drops `script`,
/// `style` and `template` content and all of SVG and MathML), so text inside them is
/// nobody's reading: not prose, lead or plain text either. `true`: the element nests
/// (`script` and `style` are raw text, where a `<script` is just text).
const HIDDEN_ELEMENTS: &[(&str, bool)] = &[
    ("script", false),
    ("style", false),
    ("template", true),
    ("svg", true),
    ("math", true),
];

/// Whether the text events of a body sit inside a [`HIDDEN_ELEMENTS`] element, told by
/// the raw HTML events (inline and block: an element may open in one and close in
/// another) seen so far. Those events are rare, so text pays one comparison.
#[derive(Debug, Default)]
pub struct HiddenHtml {
    /// The open hidden element and how deep inside it.
    open: Option<(&'static str, bool, usize)>,
}

impl HiddenHtml {
    /// Whether text now is inside a hidden element.
    pub fn hides(&self) -> bool {
        self.open.is_some()
    }

    /// Follow the tags of a raw HTML event (`Event::Html` or `Event::InlineHtml`).
    pub fn see(&mut self, html: &str) {
        let mut rest = html;
        while let Some(i) = rest.find('<') {
            rest = &rest[i + 1..];
            if let Some(comment) = rest.strip_prefix("!--") {
                rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
                continue;
            }
            let (closing, tag) = match rest.strip_prefix('/') {
                Some(t) => (true, t),
                None => (false, rest),
            };
            let len = tag
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(tag.len());
            let name = &tag[..len];
            let self_closing = !closing
                && tag[len..]
                    .split('>')
                    .next()
                    .is_some_and(|a| a.ends_with('/'));
            self.tag(name, closing, self_closing);
        }
    }

    fn tag(&mut self, name: &str, closing: bool, self_closing: bool) {
        match &mut self.open {
            None if !closing && !self_closing => {
                self.open = HIDDEN_ELEMENTS
                    .iter()
                    .find(|(h, _)| h.eq_ignore_ascii_case(name))
                    .map(|&(h, nests)| (h, nests, 1));
            }
            Some((h, nests, depth)) if h.eq_ignore_ascii_case(name) => {
                if closing {
                    *depth -= 1;
                    if *depth == 0 {
                        self.open = None;
                    }
                } else if *nests && !self_closing {
                    *depth += 1;
                }
            }
            _ => {}
        }
    }
}

/// Groups a pulldown-cmark event stream into [`Piece`]s.
pub struct Prose<'a, I: Iterator<Item = Event<'a>>> {
    events: I,
    /// Depth inside code blocks, links, images and headings: no prose there.
    excluded: usize,
    /// Nor inside scripts, styles and other elements removed with their content.
    hidden: HiddenHtml,
    run: Vec<Event<'a>>,
    held: Option<Event<'a>>,
}

impl<'a, I: Iterator<Item = Event<'a>>> Prose<'a, I> {
    pub fn new(events: I) -> Self {
        Self {
            events,
            excluded: 0,
            hidden: HiddenHtml::default(),
            run: Vec::new(),
            held: None,
        }
    }
}

fn excludes(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::CodeBlock(_) | Tag::Link { .. } | Tag::Image { .. } | Tag::Heading { .. }
    )
}

fn ends_exclusion(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::CodeBlock | TagEnd::Link | TagEnd::Image | TagEnd::Heading(_)
    )
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Prose<'a, I> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        if let Some(e) = self.held.take() {
            return Some(Piece::Event(e));
        }
        loop {
            let Some(event) = self.events.next() else {
                return (!self.run.is_empty()).then(|| Piece::Run(std::mem::take(&mut self.run)));
            };
            match &event {
                Event::Text(_) | Event::SoftBreak if self.excluded == 0 && !self.hidden.hides() => {
                    self.run.push(event);
                    continue;
                }
                Event::Html(h) | Event::InlineHtml(h) => self.hidden.see(h),
                Event::Start(tag) if excludes(tag) => self.excluded += 1,
                Event::End(tag) if ends_exclusion(tag) => {
                    self.excluded = self.excluded.saturating_sub(1)
                }
                _ => {}
            }
            if self.run.is_empty() {
                return Some(Piece::Event(event));
            }
            self.held = Some(event);
            return Some(Piece::Run(std::mem::take(&mut self.run)));
        }
    }
}

/// The text of a run: soft breaks become `\n`.
pub fn run_text(run: &[Event]) -> String {
    let mut s = String::new();
    for e in run {
        match e {
            Event::Text(t) => s.push_str(t),
            Event::SoftBreak => s.push('\n'),
            _ => {}
        }
    }
    s
}

/// A citation of a numbered document in a body.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mention {
    /// Which prose run of the body (0-based, in [`Prose`] order) and where in its text;
    /// `None` and where in the heading's text for a mention in a heading, which is
    /// never linked. Heading mentions come after every prose mention of the body.
    pub run: Option<usize>,
    pub span: Range<usize>,
    pub number: DocumentNumber,
    #[serde(with = "super::persist::date_opt")]
    pub issued: Option<Date>,
    /// `Ban Chấp hành Đảng bộ tỉnh` from "… của Ban Chấp hành Đảng bộ tỉnh".
    pub issuer: Option<String>,
    /// `tập trung lãnh đạo…` from "… về tập trung lãnh đạo…".
    pub subject: Option<String>,
    /// The sentence the mention stands in, whitespace collapsed.
    pub sentence: String,
}

impl Mention {
    /// The same citation, wherever in the text it stands.
    pub fn same_but_place(&self, other: &Mention) -> bool {
        let Mention {
            run: _,
            span: _,
            number,
            issued,
            issuer,
            subject,
            sentence,
        } = self;
        *number == other.number
            && *issued == other.issued
            && *issuer == other.issuer
            && *subject == other.subject
            && *sentence == other.sentence
    }
}

/// What one pass over a body learns.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Facts {
    /// Every citation, in order (none when not asked for).
    pub mentions: Vec<Mention>,
    /// The first paragraph's text, whitespace collapsed: the summary when the front
    /// matter has none.
    pub lead: String,
    /// Relative link and image targets without folders (`phu-luc.pdf`): files
    /// beside the conclusion that its page links to, sorted, without repeats.
    pub linked: Vec<String>,
}

/// The file name a link or image target names beside the page, if it is one: no
/// scheme, no folder, no `/`, fragment and query dropped.
fn file_beside(target: &str) -> Option<String> {
    let path = target.split(['#', '?']).next().unwrap_or("");
    let path = path.strip_prefix("./").unwrap_or(path);
    let plain = !path.is_empty() && !path.contains(['/', '\\', ':']) && path != "." && path != "..";
    plain.then(|| path.to_string())
}

/// The most citations a body may hold: real conclusions cite tens of documents. A
/// body over it is refused (the loader reports it), and reading stops one past it,
/// so a pasted index of a million numbers costs neither time nor memory.
pub const MAX_MENTIONS: usize = 10_000;

/// The most characters of a lead kept: a summary shown in lists and feeds.
pub const LEAD_CHARS: usize = 500;

/// Read a body once: its lead paragraph and, if `citations`, every citation (at
/// most [`MAX_MENTIONS`] + 1).
pub fn analyse(markdown: &str, citations: bool) -> Facts {
    let mut lead = String::new();
    // 0: before the first paragraph, 1: inside it, 2: after it.
    let mut state = 0;
    let mut hidden = HiddenHtml::default();
    // Headings' text (outside links and code, as in prose), searched after the runs.
    let mut headings: Vec<String> = Vec::new();
    let mut heading: Option<String> = None;
    let mut in_link = 0usize;
    let mut linked: Vec<String> = Vec::new();
    let events = Parser::new_ext(markdown, markdown_options()).inspect(|e| {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = e {
            linked.extend(file_beside(dest_url));
        }
        match e {
            Event::Start(Tag::Heading { .. }) if citations => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => headings.extend(heading.take()),
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => in_link += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => in_link = in_link.saturating_sub(1),
            Event::Text(t) if in_link == 0 && !hidden.hides() => {
                if let Some(h) = &mut heading {
                    h.push_str(t);
                }
            }
            _ => {}
        }
        match (state, e) {
            (_, Event::Html(h) | Event::InlineHtml(h)) => hidden.see(h),
            (0, Event::Start(Tag::Paragraph)) => state = 1,
            (1, Event::End(TagEnd::Paragraph)) => state = 2,
            // Bytes enough for LEAD_CHARS chars once whitespace is collapsed, or
            // nearly: the rest of a long paragraph is not kept.
            (1, _) if lead.len() > 8 * LEAD_CHARS => {}
            (1, Event::Text(t) | Event::Code(t)) if !hidden.hides() => lead.push_str(t),
            (1, Event::SoftBreak | Event::HardBreak) => lead.push(' '),
            _ => {}
        }
    });
    let mut mentions = Vec::new();
    let runs = Prose::new(events).filter_map(|p| match p {
        Piece::Run(r) => Some(r),
        Piece::Event(_) => None,
    });
    for (i, run) in runs.enumerate() {
        if citations && mentions.len() <= MAX_MENTIONS {
            let most = MAX_MENTIONS + 1 - mentions.len();
            mentions.extend(mentions_in_run(i, &run, most));
        }
    }
    for h in &headings {
        if mentions.len() <= MAX_MENTIONS {
            let most = MAX_MENTIONS + 1 - mentions.len();
            mentions.extend(mentions_in_text(None, h, most));
        }
    }
    mentions.truncate(MAX_MENTIONS + 1);
    linked.sort();
    linked.dedup();
    Facts {
        mentions,
        linked,
        lead: crate::text::shorten(&crate::text::collapse_whitespace(&lead), LEAD_CHARS),
    }
}

/// Every citation in a Markdown body, in order.
pub fn find_mentions(markdown: &str) -> Vec<Mention> {
    analyse(markdown, true).mentions
}

fn mentions_in_run(i: usize, run: &[Event], most: usize) -> Vec<Mention> {
    mentions_in_text(Some(i), &run_text(run), most)
}

/// The first `most` citations of `text`: the sentence of each is made only for
/// those kept.
fn mentions_in_text(run: Option<usize>, text: &str, most: usize) -> Vec<Mention> {
    find_first_citations(text, most)
        .into_iter()
        .map(|c| Mention {
            run,
            sentence: sentence_around(text, c.span.clone()),
            span: c.span,
            number: c.number,
            issued: c.issue_date,
            issuer: c.issuer_phrase,
            subject: c.subject,
        })
        .collect()
}

/// How far (bytes) a quoted sentence reaches either side of its citation: a body
/// with no full stop must not make each of its citations quote all of it (a 10 MB
/// line of citations took hours and gigabytes).
const SENTENCE_REACH: usize = 300;

/// The sentence of `text` containing `span`: from after the previous `. `/`; `/line
/// start to the next sentence end, cut [`SENTENCE_REACH`] bytes from the citation.
fn sentence_around(text: &str, span: Range<usize>) -> String {
    let is_end = |b: &[u8], i: usize| {
        matches!(b[i], b'.' | b'!' | b'?') && b.get(i + 1).is_none_or(|c| c.is_ascii_whitespace())
    };
    let bytes = text.as_bytes();
    let lo = text.floor_char_boundary(span.start.saturating_sub(SENTENCE_REACH));
    let hi = text.ceil_char_boundary(span.end.saturating_add(SENTENCE_REACH));
    let start = (lo..span.start)
        .rev()
        .find(|&i| is_end(bytes, i) || bytes[i] == b'\n' && bytes.get(i + 1) == Some(&b'\n'))
        .map_or(lo, |i| i + 1);
    let end = (span.end..hi)
        .find(|&i| is_end(bytes, i))
        .map_or(hi, |i| i + 1);
    let mut sentence: Vec<&str> = text[start..end].split_whitespace().collect();
    // A cut sentence says so.
    if start == lo && lo > 0 {
        sentence.insert(0, "…");
    }
    if end == hi && hi < bytes.len() {
        sentence.push("…");
    }
    sentence.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_inside_removed_elements_is_not_prose_or_lead() {
        let lead = |md: &str| analyse(md, false).lead;
        assert_eq!(lead("a <script>x</script> b"), "a b");
        assert_eq!(lead("a <SCRIPT type=x>x</Script > b"), "a b");
        assert_eq!(lead("a <svg><svg>x</svg>y</svg> b"), "a b", "svg nests");
        assert_eq!(lead("a <svg/> b <svg><path/></svg> c"), "a b c");
        assert_eq!(lead("a <script>if (a<script) x</script> b"), "a b");
        assert_eq!(lead("a <!-- <script> --> b <b>c</b>"), "a b c");
        assert_eq!(lead("a <noscript>b</noscript>"), "a b", "shown on the page");
        // Blocks: the paragraph between the tags is the first, and hidden.
        assert_eq!(lead("<template>\n\nx\n\n</template>\n\ny"), "");
        assert!(find_mentions("<script>Nghị quyết số 05-NQ/TU</script>").is_empty());
    }

    #[test]
    fn a_sentence_without_end_is_cut_around_the_citation() {
        let filler = "và các văn bản khác; ".repeat(1000);
        let md = format!("{filler}Nghị quyết số 05-NQ/TU {filler}");
        let m = find_mentions(&md);
        assert_eq!(m.len(), 1);
        let s = &m[0].sentence;
        assert!(s.starts_with("… ") && s.ends_with(" …"), "{s}");
        assert!(s.contains("Nghị quyết số 05-NQ/TU"), "{s}");
        assert!(s.len() < 2 * SENTENCE_REACH + 100, "{}", s.len());
    }

    #[test]
    fn mentions_skip_code_and_links_and_headings_come_last() {
        let md = "## Nghị quyết 01-NQ/TU\n\nTheo Nghị quyết số 05-NQ/TU, ngày 22/10/2021 của Ban Chấp hành Đảng bộ tỉnh về chuyển đổi số. Câu sau.\n\n`06-NQ/TU` và [07-NQ/TU](http://x) và\n\n```\n08-NQ/TU\n```\n\nKết luận 09-KL/\nTU.";
        let m = find_mentions(md);
        let numbers: Vec<String> = m.iter().map(|m| m.number.canonical()).collect();
        assert_eq!(numbers, ["05-NQ/TU", "09-KL/TU", "01-NQ/TU"]);
        assert_eq!(m[0].issued, Some(jiff::civil::date(2021, 10, 22)));
        assert_eq!(m[0].issuer.as_deref(), Some("Ban Chấp hành Đảng bộ tỉnh"));
        assert_eq!(m[0].subject.as_deref(), Some("chuyển đổi số"));
        assert_eq!(
            m[0].sentence,
            "Theo Nghị quyết số 05-NQ/TU, ngày 22/10/2021 của Ban Chấp hành Đảng bộ tỉnh về chuyển đổi số."
        );
        assert!(m[1].run > m[0].run);
        // The heading's mention is found, in no prose run (so never linked).
        assert_eq!(m[2].run, None);
        assert_eq!(m[2].sentence, "Nghị quyết 01-NQ/TU");
    }

    #[test]
    fn headings_are_searched_as_imported() {
        let md = "Mở đầu.\n\n## B7 Thực hiện Nghị quyết số 27-NQ/TU, ngày 5/5/2022 về du lịch {#b7}\n\nSau đó.\n\n### [Kết luận 09-KL/TU](http://x) và `06-NQ/TU`\n\n# Chỉ thị số 3-CT/TU\nKết luận số 4-KL/TU.";
        let m = find_mentions(md);
        let numbers: Vec<String> = m.iter().map(|m| m.number.canonical()).collect();
        assert_eq!(numbers, ["04-KL/TU", "27-NQ/TU", "03-CT/TU"]);
        assert_eq!(m[0].run, Some(2));
        assert!(m[1..].iter().all(|m| m.run.is_none()));
        assert_eq!(m[1].issued, Some(jiff::civil::date(2022, 5, 5)));
        assert_eq!(m[1].subject.as_deref(), Some("du lịch"));
        // Not asked for citations: none, headings included.
        assert!(analyse(md, false).mentions.is_empty());
    }
}

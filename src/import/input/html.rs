//! A saved web page: the article found with `dom_smoothie` (a port of Mozilla's
//! Readability), after the page's furniture that Readability may keep (share bars,
//! related-article lists, captions, bylines, tags) is taken out, then written as
//! the plain text the importer reads: title, date line, paragraphs, author, source.

use crate::t;
use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

use super::InputError;

/// Elements parsed at most: a news page has a few thousand.
const MAX_ELEMENTS: usize = 200_000;

/// Furniture Readability may keep inside an article: share and print tools, tags,
/// related and "read more" lists, photo captions, comments, breadcrumbs.
const FURNITURE: &str = "script, style, noscript, template, iframe, form, button, nav, \
    aside, footer, figcaption, .share, .social, .sharing, .share-bar, .tools, .print, \
    .tags, .tag, .keywords, .related, .relate, .tin-lien-quan, .lien-quan, .read-more, \
    .xem-them, .comment, .comments, .breadcrumb, .breadcrumbs, .caption, .image-caption, \
    .img-caption, .photo-caption, .PhotoCMS_Caption, .expNoEdit, [class*='caption'], \
    [class*='share'], [class*='related'], [class*='social'], [id*='comment'], \
    [class*='breadcrumb']";

/// Markup that makes a text a web page rather than an article's words.
pub(super) fn is_html(text: &str) -> bool {
    let head: String = text
        .trim_start_matches(['\u{feff}', ' ', '\n', '\r', '\t'])
        .chars()
        .take(300)
        .collect::<String>()
        .to_lowercase();
    ["<!doctype html", "<html", "<head", "<?xml"]
        .iter()
        .any(|m| head.starts_with(m))
        || (head.starts_with('<') && text.contains("<body"))
}

/// The article of a page as plain text.
pub(super) fn text(html: &str) -> Result<String, InputError> {
    let doc = Document::from(html);
    let canonical = doc
        .select("link[rel='canonical']")
        .attr("href")
        .or_else(|| doc.select("meta[property='og:url']").attr("content"))
        .map(|u| u.to_string())
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let elements = doc.select("*").length();
    if elements > MAX_ELEMENTS {
        return Err(InputError::refused(
            t!(
                "import-html-too-many",
                elements = elements,
                limit = MAX_ELEMENTS
            ),
            "part-html-fix",
        ));
    }
    doc.select(FURNITURE).remove();
    let config = Config {
        text_mode: TextMode::Formatted,
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    let cleaned = doc.html().to_string();
    let mut readability = Readability::new(cleaned, None, Some(config)).map_err(|e| {
        InputError::refused(
            t!("import-html-unreadable", error = e.to_string()),
            "part-html-fix",
        )
    })?;
    let mut out = String::new();
    let (title, published, body, byline) = match readability.parse() {
        Ok(article) => (
            article.title.to_string(),
            article.published_time.clone(),
            article.text_content.to_string(),
            article.byline.clone(),
        ),
        // No article found: the page's own text, for the importer to sort.
        Err(_) => (
            doc.select("title").text().to_string(),
            None,
            doc.select("body").text().to_string(),
            None,
        ),
    };
    let title = outlet_free(title.trim());
    if !title.is_empty() {
        out.push_str(&title);
        out.push_str("\n\n");
    }
    if let Some(date) = published.as_deref().and_then(dateline) {
        out.push_str(&date);
        out.push_str("\n\n");
    }
    for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
        // Readability may repeat the title as the first line of the text.
        if line == title && out.lines().filter(|l| !l.is_empty()).count() <= 2 {
            continue;
        }
        out.push_str(line);
        out.push_str("\n\n");
    }
    if let Some(by) = byline.map(|b| b.trim().to_string())
        && !by.is_empty()
        && by.chars().count() <= 60
        && !out.contains(&by)
    {
        out.push_str(&by);
        out.push_str("\n\n");
    }
    if let Some(url) = canonical {
        out.push_str(&format!("Nguồn: {url}\n"));
    }
    Ok(out)
}

/// `Tên bài - Báo Hà Tĩnh`, `Tên bài | Cổng TTĐT tỉnh`: a page title without its site.
fn outlet_free(title: &str) -> String {
    for sep in [" | ", " - ", " – ", " — "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let t = super::super::text::key_of(tail);
            let site = [
                "báo",
                "cổng",
                "trang",
                "tạp chí",
                "đài",
                "vtv",
                "vov",
                "ttxvn",
                "online",
            ]
            .iter()
            .any(|w| t.starts_with(w) || t.contains(".vn") || t.contains(".com"));
            if site && head.split_whitespace().count() >= 3 {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// `2023-10-02T10:15:00+07:00` → `02/10/2023 10:15`, a date line the importer reads.
fn dateline(iso: &str) -> Option<String> {
    let date: jiff::civil::Date = iso.get(..10)?.parse().ok()?;
    Some(format!(
        "{:02}/{:02}/{}",
        date.day(),
        date.month(),
        date.year()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_titles_and_dates() {
        assert_eq!(
            outlet_free("Tỉnh ủy họp phiên thường kỳ - Báo Hà Tĩnh"),
            "Tỉnh ủy họp phiên thường kỳ"
        );
        assert_eq!(outlet_free("Hà Tĩnh - Quảng Bình"), "Hà Tĩnh - Quảng Bình");
        assert_eq!(
            dateline("2023-10-02T10:15:00+07:00").as_deref(),
            Some("02/10/2023")
        );
    }
}

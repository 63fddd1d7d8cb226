//! `/sitemap.xml` (every page with its last modification; a sitemap index over
//! `sitemap-1.xml`, `sitemap-2.xml`… past [`MAX_URLS`] pages) and `/robots.txt`.

use std::fmt::Write;

use jiff::civil::Date;

use super::OutputFile;
use super::context::Urls;
use super::feeds::xml_escape;
use crate::routes::Route;

/// The sitemaps protocol's limit of URLs per file.
pub const MAX_URLS: usize = 50_000;

const XMLNS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// A page for the sitemap: its site-relative URL and the date of the newest
/// conclusion it shows (file times would make builds differ between machines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapEntry {
    pub url: String,
    pub lastmod: Option<Date>,
}

pub fn render(urls: &Urls, entries: &[SitemapEntry]) -> Vec<OutputFile> {
    render_with_limit(urls, entries, MAX_URLS)
}

fn render_with_limit(urls: &Urls, entries: &[SitemapEntry], limit: usize) -> Vec<OutputFile> {
    let mut files = Vec::new();
    if entries.len() <= limit {
        files.push(OutputFile {
            path: Route::Sitemap.output_file(),
            contents: (urlset(urls, entries).into_bytes()).into(),
        });
    } else {
        let mut index = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"{XMLNS}\">\n"
        );
        for (k, chunk) in entries.chunks(limit).enumerate() {
            let part = Route::SitemapPart(k + 1);
            let loc = urls.absolute(&urls.of(part));
            let _ = write!(index, "  <sitemap><loc>{}</loc>", xml_escape(&loc));
            if let Some(d) = chunk.iter().filter_map(|e| e.lastmod).max() {
                let _ = write!(index, "<lastmod>{d}</lastmod>");
            }
            index.push_str("</sitemap>\n");
            files.push(OutputFile {
                path: part.output_file(),
                contents: (urlset(urls, chunk).into_bytes()).into(),
            });
        }
        index.push_str("</sitemapindex>\n");
        files.insert(
            0,
            OutputFile {
                path: Route::Sitemap.output_file(),
                contents: (index.into_bytes()).into(),
            },
        );
    }
    files.push(OutputFile {
        path: Route::Robots.output_file(),
        contents: format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            urls.absolute(&urls.sitemap())
        )
        .into_bytes()
        .into(),
    });
    files
}

fn urlset(urls: &Urls, entries: &[SitemapEntry]) -> String {
    let mut x = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"{XMLNS}\">\n");
    for e in entries {
        let _ = write!(
            x,
            "  <url><loc>{}</loc>",
            xml_escape(&urls.absolute(&e.url))
        );
        if let Some(d) = e.lastmod {
            let _ = write!(x, "<lastmod>{d}</lastmod>");
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::config::parse;

    #[test]
    fn splits_into_an_index_past_the_limit() {
        let config = parse("title: x\nbase_url: https://a.vn/kl/\n", None).unwrap();
        let urls = Urls::new(&config);
        let entries: Vec<SitemapEntry> = (0..5)
            .map(|i| SitemapEntry {
                url: format!("/kl/p{i}/"),
                lastmod: Some(Date::constant(2020, 1, 1 + i)),
            })
            .collect();
        let files = render_with_limit(&urls, &entries, 2);
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml",
                "robots.txt"
            ]
        );
        let index = String::from_utf8(files[0].contents.to_vec()).unwrap();
        assert!(index.contains("<sitemapindex"), "{index}");
        assert!(
            index.contains(
                "<sitemap><loc>https://a.vn/kl/sitemap-2.xml</loc><lastmod>2020-01-04</lastmod></sitemap>"
            ),
            "{index}"
        );
        let last = String::from_utf8(files[3].contents.to_vec()).unwrap();
        assert!(last.contains("<loc>https://a.vn/kl/p4/</loc>"), "{last}");
        assert_eq!(last.matches("<url>").count(), 1);
        let robots = String::from_utf8(files[4].contents.to_vec()).unwrap();
        assert!(robots.contains("Sitemap: https://a.vn/kl/sitemap.xml"));
        // At the limit: one plain sitemap.
        let files = render_with_limit(&urls, &entries, 5);
        assert_eq!(files.len(), 2);
    }
}

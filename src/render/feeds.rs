//! Atom feeds (RFC 4287): the whole site (`/atom.xml`), each province page
//! (`/tinh/{slug}/atom.xml`) and each document (`/nghi-quyet/{slug}/atom.xml`), with
//! the newest [`ENTRIES`] conclusions and absolute URLs. Written here rather than by
//! the theme: a feed is a data format, not presentation.
//!
//! A build with the cache gives each feed a key made from the very text it is made
//! of (its head, and the hash of each entry's text), and carries over from the
//! output the feeds whose key did not change (see [`super::memo`]): a body edit
//! makes the few feeds that show the conclusion, not the 130,000 of a large site.

use std::cell::OnceCell;
use std::fmt::Write;

use jiff::civil::Date;

use super::OutputFile;
use super::context::Builder;
use super::memo::{self, Memo};
use crate::routes::Route;

/// Entries per feed.
pub const ENTRIES: usize = 50;

/// Escape text for XML content and attribute values, dropping the control characters
/// XML 1.0 forbids.
pub fn xml_escape(s: &str) -> String {
    // By bytes, copying the stretches between the few that need care: every feed
    // entry and sitemap URL passes through here. All of them are ASCII but the
    // non-characters U+FFFE and U+FFFF (EF BF BE, EF BF BF).
    let may_need_care = |c: u8| c < 0x20 || matches!(c, b'&' | b'<' | b'>' | b'"' | b'\'' | 0xEF);
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        // 32 bytes at a time while none may need care (a fold the compiler vectorises).
        if let Some(chunk) = b.get(i..i + 32)
            && !chunk.iter().fold(false, |any, &c| any | may_need_care(c))
        {
            i += 32;
            continue;
        }
        let (replacement, len) = match b[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&apos;", 1),
            b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            0..0x20 => ("", 1),
            0xEF if matches!(b.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => ("", 3),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[copied..i]);
        out.push_str(replacement);
        i += len;
        copied = i;
    }
    out.push_str(&s[copied..]);
    out
}

/// An RFC 3339 timestamp for a meeting date: midnight in Vietnam (UTC+7).
fn timestamp(date: Date) -> String {
    format!("{date}T00:00:00+07:00")
}

/// One feed: its title, the page it follows and the conclusions, newest first.
struct Feed {
    path: String,
    url: String,
    page_url: String,
    title: String,
    /// Indexes into the conclusions, newest first.
    entries: Vec<usize>,
}

/// Every feed of the site, given to `out` a group at a time, but those `memo`
/// carries over unchanged.
pub(super) fn render(
    b: &Builder,
    memo: Option<&Memo>,
    out: &mut dyn FnMut(Vec<OutputFile>),
) -> std::io::Result<()> {
    let site = b.site;
    let urls = &b.urls;
    let title = &site.config.title;
    let mut feeds = Vec::new();

    let newest: Vec<usize> = (0..b.conclusions.len()).take(ENTRIES).collect();
    feeds.push(Feed {
        path: Route::Feed.output_file(),
        url: urls.feed(),
        page_url: urls.home(),
        title: title.clone(),
        entries: newest,
    });
    for l in site.provinces.iter() {
        let slug = l.province.slug;
        let ids: Vec<usize> = l.entries.iter().take(ENTRIES).map(|&(i, _)| i).collect();
        feeds.push(Feed {
            path: Route::ProvinceFeed(slug).output_file(),
            url: urls.province_feed(slug),
            page_url: urls.province(slug),
            title: format!("{title} – {}", l.province.name),
            entries: ids,
        });
    }
    for (d, doc) in site.documents.iter().zip(b.documents.iter()) {
        let ids: Vec<usize> = d.cited_by.iter().take(ENTRIES).copied().collect();
        feeds.push(Feed {
            path: Route::DocumentFeed(d.slug.as_str()).output_file(),
            url: urls.document_feed(d.slug.as_str()),
            page_url: doc.url.clone(),
            title: format!("{title} – {} {}", doc.kind_name, doc.number),
            entries: ids,
        });
    }
    let entries = Entries::new(b);
    // A few hundred at a time: written and freed before the next are made.
    for chunk in feeds.chunks(256) {
        let mut made = Vec::new();
        for f in chunk {
            let mut x = head(b, f);
            if let Some(memo) = memo {
                let mut parts: Vec<[u8; 16]> = vec![memo.salt().to_le_bytes()];
                parts.extend(
                    f.entries
                        .iter()
                        .map(|&i| entries.digest(b, i).to_le_bytes()),
                );
                let mut parts: Vec<&[u8]> = parts.iter().map(|p| &p[..]).collect();
                parts.push(x.as_bytes());
                if memo.carry(&f.path, memo::hash_parts(&parts))? {
                    continue;
                }
            }
            for &i in &f.entries {
                x.push_str(entries.get(b, i));
            }
            x.push_str("</feed>\n");
            made.push(OutputFile {
                path: f.path.clone(),
                contents: x.into_bytes().into(),
            });
        }
        out(made);
    }
    Ok(())
}

/// The feed `f` up to its entries.
fn head(b: &Builder, f: &Feed) -> String {
    let abs = |u: &str| xml_escape(&b.urls.absolute(u));
    let config = &b.site.config;
    // A feed without entries still needs `updated`: the Unix epoch keeps output stable.
    let updated = f
        .entries
        .iter()
        .map(|&i| b.site.conclusions[i].date)
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), timestamp);
    let mut x = String::with_capacity(1024 + f.entries.len() * 1024);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        x,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        config.language.code()
    );
    let _ = writeln!(x, "  <id>{}</id>", abs(&f.url));
    let _ = writeln!(x, "  <title>{}</title>", xml_escape(&f.title));
    if !config.description.is_empty() {
        let _ = writeln!(
            x,
            "  <subtitle>{}</subtitle>",
            xml_escape(&config.description)
        );
    }
    let _ = writeln!(x, "  <updated>{updated}</updated>");
    let _ = writeln!(
        x,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        abs(&f.url)
    );
    let _ = writeln!(
        x,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        abs(&f.page_url)
    );
    let _ = writeln!(
        x,
        "  <author><name>{}</name><uri>{}</uri></author>",
        xml_escape(&config.title),
        xml_escape(config.base_url.as_str())
    );
    let _ = writeln!(
        x,
        "  <generator version=\"{}\">ketluan</generator>",
        env!("CARGO_PKG_VERSION")
    );
    x
}

/// Each conclusion's `<entry>`, made the first time a feed shows it: most appear in
/// several feeds (the site's, their province's, each cited document's).
struct Entries {
    made: Vec<OnceCell<String>>,
    /// The hash of each entry's text, for the keys.
    digests: Vec<OnceCell<u128>>,
    /// The escaped absolute URL of the provinces page, every entry's category scheme.
    scheme: String,
}

impl Entries {
    fn new(b: &Builder) -> Self {
        Self {
            made: (0..b.conclusions.len()).map(|_| OnceCell::new()).collect(),
            digests: (0..b.conclusions.len()).map(|_| OnceCell::new()).collect(),
            scheme: xml_escape(&b.urls.absolute(&b.urls.provinces())),
        }
    }

    fn get(&self, b: &Builder, i: usize) -> &str {
        self.made[i].get_or_init(|| entry(b, i, &self.scheme))
    }

    fn digest(&self, b: &Builder, i: usize) -> u128 {
        *self.digests[i].get_or_init(|| xxhash_rust::xxh3::xxh3_128(self.get(b, i).as_bytes()))
    }
}

fn entry(b: &Builder, i: usize, scheme: &str) -> String {
    let c = &b.conclusions[i];
    let ts = timestamp(b.site.conclusions[i].date);
    let url = xml_escape(&b.urls.absolute(&c.url));
    let mut x = String::with_capacity(1024);
    x.push_str("  <entry>\n");
    let _ = writeln!(x, "    <id>{url}</id>");
    let _ = writeln!(x, "    <title>{}</title>", xml_escape(&c.title));
    let _ = writeln!(
        x,
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>"
    );
    let _ = writeln!(x, "    <published>{ts}</published>");
    let _ = writeln!(x, "    <updated>{ts}</updated>");
    let _ = writeln!(
        x,
        "    <category term=\"{}\" label=\"{}\" scheme=\"{scheme}\"/>",
        c.province.slug,
        xml_escape(c.province.name),
    );
    for tag in &c.tags {
        let _ = writeln!(x, "    <category term=\"{}\"/>", xml_escape(tag));
    }
    if !c.summary.is_empty() {
        // Bounded: an entry is repeated in the feed of every document the
        // conclusion cites, and a whole text pasted as the summary would be too.
        let summary = crate::text::shorten(&c.summary, crate::model::body::LEAD_CHARS);
        let _ = writeln!(x, "    <summary>{}</summary>", xml_escape(&summary));
    }
    x.push_str("  </entry>\n");
    x
}

#[cfg(test)]
mod tests {
    use super::xml_escape;

    #[test]
    fn xml_escape_escapes_markup_and_drops_what_xml_forbids() {
        assert_eq!(
            xml_escape("Nghị quyết \"05\" & <b>'Đà Lạt'</b>"),
            "Nghị quyết &quot;05&quot; &amp; &lt;b&gt;&apos;Đà Lạt&apos;&lt;/b&gt;"
        );
        assert_eq!(
            xml_escape("a\u{1}b\tc\nd\u{fffe}e\u{ffff}f\u{fffd}"),
            "ab\tc\ndef\u{fffd}"
        );
        assert_eq!(xml_escape("\u{ffff}"), "");
        assert_eq!(xml_escape("Kết luận"), "Kết luận");
        // Past the 32-byte stretches the plain bytes are skipped in.
        let long = "Thông báo kết luận của Ban Thường vụ Tỉnh ủy ".repeat(3);
        assert_eq!(
            xml_escape(&format!("{long}<&>{long}\u{ffff}{long}")),
            format!("{long}&lt;&amp;&gt;{long}{long}")
        );
    }
}

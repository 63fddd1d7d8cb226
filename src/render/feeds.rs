//! Atom feeds (RFC 4287): the whole site (`/atom.xml`), each province page
//! (`/tinh/{slug}/atom.xml`) and each document (`/nghi-quyet/{slug}/atom.xml`), with
//! the newest [`ENTRIES`] conclusions and absolute URLs. Written here rather than by
//! the theme: a feed is a data format, not presentation.
//!
//! A build with the cache gives each feed a key, the hash of all it is made of
//! (what it shows of the site, its own names, and each entry's fields, hashed once
//! per conclusion), and carries over from the output the feeds whose key did not
//! change (see [`super::memo`]): a body edit makes the few feeds that show the
//! conclusion, not the 130,000 of a large site, and makes no entry to know that.

use std::fmt::Write;
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

use jiff::civil::Date;
use rayon::prelude::*;

use super::OutputFile;
use super::context::Builder;
use xxhash_rust::xxh3::Xxh3;

use super::memo::Memo;
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

/// Which feed: the site's, a province page's or a document's (by index).
enum Source {
    Site,
    Province(usize),
    Document(usize),
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
    // Named by where they come from, and made whole only when not carried over.
    let sources: Vec<Source> = std::iter::once(Source::Site)
        .chain((0..site.provinces.len()).map(Source::Province))
        .chain((0..site.documents.len()).map(Source::Document))
        .collect();
    let path_of = |source: &Source| match *source {
        Source::Site => Route::Feed.output_file(),
        Source::Province(k) => Route::ProvinceFeed(site.provinces[k].province.slug).output_file(),
        Source::Document(k) => Route::DocumentFeed(site.documents[k].slug.as_str()).output_file(),
    };
    let feed_of = |source: &Source, path: String| match *source {
        Source::Site => Feed {
            path,
            url: urls.feed(),
            page_url: urls.home(),
            title: title.clone(),
            entries: (0..b.conclusions.len()).take(ENTRIES).collect(),
        },
        Source::Province(k) => {
            let l = &site.provinces[k];
            let slug = l.province.slug;
            Feed {
                path,
                url: urls.province_feed(slug),
                page_url: urls.province(slug),
                title: format!("{title} – {}", l.province.name),
                entries: l.entries.iter().take(ENTRIES).map(|&(i, _)| i).collect(),
            }
        }
        Source::Document(k) => {
            let (d, doc) = (&site.documents[k], &b.documents[k]);
            Feed {
                path,
                url: urls.document_feed(d.slug.as_str()),
                page_url: doc.url.clone(),
                title: format!("{title} – {} {}", doc.kind_name, doc.number),
                entries: d.cited_by.iter().take(ENTRIES).copied().collect(),
            }
        }
    };
    let site_wide = SiteWide {
        language: site.config.language.code(),
        site_title: title,
        description: &site.config.description,
        base_url: site.config.base_url.as_str(),
        origin: urls.absolute(""),
        scheme: xml_escape(&urls.absolute(&urls.provinces())),
    };
    let entries = Entries::new(b, &site_wide);
    // Those carried over cost a look at the output each, and a large site has
    // 100,000 of them: in parallel.
    let make = |source: &Source| -> std::io::Result<Option<OutputFile>> {
        let path = path_of(source);
        if let Some(memo) = memo
            && memo.carry_unchanged(&path)?
        {
            return Ok(None);
        }
        let f = &feed_of(source, path);
        if let Some(memo) = memo {
            let mut h = Xxh3::new();
            (
                memo.salt(),
                &site_wide,
                f.path.as_str(),
                &f.url,
                &f.page_url,
                &f.title,
            )
                .hash(&mut h);
            for &i in &f.entries {
                h.write_u128(entries.digest(i));
            }
            if memo.carry(&f.path, h.digest128())? {
                return Ok(None);
            }
        }
        let updated = f.entries.iter().map(|&i| b.site.conclusions[i].date).max();
        let mut x = head(&site_wide, f, updated);
        for &i in &f.entries {
            x.push_str(entries.get(i));
        }
        x.push_str("</feed>\n");
        Ok(Some(OutputFile {
            path: f.path.clone(),
            contents: x.into_bytes().into(),
        }))
    };
    // A thousand at a time: written and freed before the next are made.
    for chunk in sources.chunks(1024) {
        let made: Vec<Option<OutputFile>> =
            chunk.par_iter().map(make).collect::<std::io::Result<_>>()?;
        out(made.into_iter().flatten().collect());
    }
    Ok(())
}

/// What every feed shows of the site. With the names of a [`Feed`] and the
/// [`EntryFields`] of its entries, all a feed is made of: their hash is its key.
#[derive(Hash)]
struct SiteWide<'a> {
    language: &'static str,
    site_title: &'a str,
    description: &'a str,
    base_url: &'a str,
    /// What site-relative URLs are made absolute with.
    origin: String,
    /// The escaped absolute URL of the provinces page, every entry's category scheme.
    scheme: String,
}

/// The feed `f` up to its entries; `updated`: the date of its newest entry.
fn head(s: &SiteWide, f: &Feed, updated: Option<Date>) -> String {
    let abs = |u: &str| xml_escape(&format!("{}{u}", s.origin));
    // A feed without entries still needs `updated`: the Unix epoch keeps output stable.
    let updated = updated.map_or_else(|| "1970-01-01T00:00:00Z".to_string(), timestamp);
    let mut x = String::with_capacity(1024 + f.entries.len() * 1024);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        x,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        s.language
    );
    let _ = writeln!(x, "  <id>{}</id>", abs(&f.url));
    let _ = writeln!(x, "  <title>{}</title>", xml_escape(&f.title));
    if !s.description.is_empty() {
        let _ = writeln!(x, "  <subtitle>{}</subtitle>", xml_escape(s.description));
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
        xml_escape(s.site_title),
        xml_escape(s.base_url)
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
struct Entries<'a> {
    fields: Vec<EntryFields<'a>>,
    made: Vec<OnceLock<String>>,
    /// The hash of each entry's fields (with the salt and [`SiteWide`], its text's).
    digests: Vec<OnceLock<u128>>,
    site_wide: &'a SiteWide<'a>,
}

/// All an `<entry>` is made of, with [`SiteWide`]: [`entry`] reads nothing else, so
/// their hash stands for the entry's text without making it.
#[derive(Hash)]
struct EntryFields<'a> {
    url: &'a str,
    title: &'a str,
    date: Date,
    province_slug: &'a str,
    province_name: &'a str,
    tags: &'a [String],
    summary: &'a str,
}

impl<'a> Entries<'a> {
    fn new(b: &'a Builder, site_wide: &'a SiteWide<'a>) -> Self {
        let fields: Vec<EntryFields> = b
            .conclusions
            .iter()
            .zip(&b.site.conclusions)
            .map(|(c, model)| EntryFields {
                url: &c.url,
                title: &c.title,
                date: model.date,
                province_slug: c.province.slug,
                province_name: c.province.name,
                tags: &c.tags,
                summary: &c.summary,
            })
            .collect();
        Self {
            made: fields.iter().map(|_| OnceLock::new()).collect(),
            digests: fields.iter().map(|_| OnceLock::new()).collect(),
            fields,
            site_wide,
        }
    }

    fn get(&self, i: usize) -> &str {
        self.made[i].get_or_init(|| entry(&self.fields[i], self.site_wide))
    }

    fn digest(&self, i: usize) -> u128 {
        *self.digests[i].get_or_init(|| {
            let mut h = Xxh3::new();
            self.fields[i].hash(&mut h);
            h.digest128()
        })
    }
}

fn entry(c: &EntryFields, s: &SiteWide) -> String {
    let ts = timestamp(c.date);
    let url = xml_escape(&format!("{}{}", s.origin, c.url));
    let mut x = String::with_capacity(1024);
    x.push_str("  <entry>\n");
    let _ = writeln!(x, "    <id>{url}</id>");
    let _ = writeln!(x, "    <title>{}</title>", xml_escape(c.title));
    let _ = writeln!(
        x,
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>"
    );
    let _ = writeln!(x, "    <published>{ts}</published>");
    let _ = writeln!(x, "    <updated>{ts}</updated>");
    let _ = writeln!(
        x,
        "    <category term=\"{}\" label=\"{}\" scheme=\"{}\"/>",
        c.province_slug,
        xml_escape(c.province_name),
        s.scheme,
    );
    for tag in c.tags {
        let _ = writeln!(x, "    <category term=\"{}\"/>", xml_escape(tag));
    }
    if !c.summary.is_empty() {
        // Bounded: an entry is repeated in the feed of every document the
        // conclusion cites, and a whole text pasted as the summary would be too.
        let summary = crate::text::shorten(c.summary, crate::model::body::LEAD_CHARS);
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

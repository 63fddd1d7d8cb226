//! `ketluan build --check-links`: every internal link and anchor of the rendered site
//! must lead somewhere.
//!
//! Internal means: a site-relative path, a relative URL, or an absolute URL under
//! `base_url`. HTML pages are scanned for `href`, `src`, `action` and `poster`
//! attributes and for `id`s (and `<a name>`); feeds and sitemaps for `href`
//! attributes and `<loc>`s. A link must carry the base path, name a file of the output
//! (a path ending in `/` names its `index.html`), and its `#fragment` must be an
//! element id of that page.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rayon::prelude::*;

use crate::config::BaseUrl;
use crate::diagnostic::{Diagnostic, Location, Problem};
use crate::render::Rendered;
use crate::routes::{Link, resolve_link};

/// A URL found in a file, with its byte offset there.
struct Found {
    url: String,
    offset: usize,
}

#[derive(Default)]
struct Scanned {
    links: Vec<Found>,
    ids: BTreeSet<String>,
}

/// A link of the rendered output that leads nowhere.
pub(super) struct Broken<'a> {
    /// The output file it is in, and that file's text.
    pub page: &'a str,
    pub text: &'a str,
    pub url: String,
    /// Byte offset of the URL in `text`.
    pub offset: usize,
    pub reason: String,
}

impl Broken<'_> {
    pub(super) fn problem(&self) -> Problem {
        Problem::BrokenOutputLink {
            url: self.url.clone(),
            reason: self.reason.clone(),
        }
    }

    /// The diagnostic at the output file under `output`.
    pub(super) fn in_output(&self, output: &Path) -> Diagnostic {
        let (line, column) = crate::text::line_column(self.text, self.offset);
        Diagnostic::new(
            Location::at(output.join(self.page), line, column),
            self.problem(),
        )
        .with_source(self.text)
    }
}

/// Check every link of `rendered`; diagnostics name the file under `output`.
pub fn check_output(rendered: &Rendered, base: &BaseUrl, output: &Path) -> Vec<Diagnostic> {
    let mut problems: Vec<Diagnostic> = broken_links(rendered, base)
        .iter()
        .map(|b| b.in_output(output))
        .collect();
    crate::diagnostic::sort(&mut problems);
    problems
}

/// Every link of `rendered` that leads nowhere.
pub(super) fn broken_links<'a>(rendered: &'a Rendered, base: &BaseUrl) -> Vec<Broken<'a>> {
    let mut files: BTreeSet<&str> = rendered.pages.iter().map(|f| f.path.as_str()).collect();
    files.extend(rendered.copies.iter().map(|c| c.path.as_str()));
    let scanned: BTreeMap<&str, (Scanned, &str)> = rendered
        .pages
        .par_iter()
        .filter_map(|f| {
            let text = std::str::from_utf8(&f.contents).ok()?;
            let s = if f.path.ends_with(".html") {
                scan_html(text)
            } else if f.path.ends_with(".xml") {
                scan_xml(text)
            } else {
                return None;
            };
            Some((f.path.as_str(), (s, text)))
        })
        .collect();
    let (files, scanned) = (&files, &scanned);
    scanned
        .par_iter()
        .flat_map_iter(|(&path, (s, text))| {
            s.links.iter().filter_map(move |found| {
                let reason = broken(&found.url, path, base, files, scanned)?;
                Some(Broken {
                    page: path,
                    text,
                    url: found.url.clone(),
                    offset: found.offset,
                    reason,
                })
            })
        })
        .collect()
}

/// Why `url`, found in output file `from`, leads nowhere; `None` when it is fine or
/// not internal.
fn broken(
    url: &str,
    from: &str,
    base: &BaseUrl,
    files: &BTreeSet<&str>,
    scanned: &BTreeMap<&str, (Scanned, &str)>,
) -> Option<String> {
    let (path, fragment) = match resolve_link(url, from, base.as_str()) {
        Link::Elsewhere => return None,
        Link::OutsideBase(_) => {
            return Some(crate::t!("link-outside-base", base = base.path()));
        }
        Link::Site { path, fragment } => (path, fragment),
    };
    let Some(target) = resolve(&path, files) else {
        return Some(if path.is_empty() {
            crate::t!("link-no-page")
        } else {
            crate::t!("link-no-file", path = path.as_str())
        });
    };
    let fragment = fragment.unwrap_or_default();
    if fragment.is_empty() || fragment == "top" {
        return None;
    }
    match scanned.get(target.as_str()) {
        Some((s, _)) if target.ends_with(".html") && !s.ids.contains(&fragment) => Some(crate::t!(
            "link-no-anchor",
            page = target.as_str(),
            id = fragment.as_str()
        )),
        _ => None,
    }
}

/// The output file a site path names: itself, or its `index.html`.
fn resolve(inside: &str, files: &BTreeSet<&str>) -> Option<String> {
    if inside.is_empty() || inside.ends_with('/') {
        let index = format!("{inside}index.html");
        return files.contains(index.as_str()).then_some(index);
    }
    if files.contains(inside) {
        return Some(inside.to_string());
    }
    let index = format!("{inside}/index.html");
    files.contains(index.as_str()).then_some(index)
}

/// Attributes that hold a URL to check.
const URL_ATTRS: &[&str] = &["href", "src", "action", "poster"];

/// Links and ids of an HTML page. A small tokenizer: comments, doctype and the text
/// of `script`, `style`, `textarea` and `title` are skipped; attribute values are
/// entity-decoded.
fn scan_html(html: &str) -> Scanned {
    let mut s = Scanned::default();
    scan_tags(html, |tag, name, value, offset| {
        if name == "id" || (name == "name" && tag == "a") {
            s.ids.insert(value);
        } else if URL_ATTRS.contains(&name) {
            s.links.push(Found { url: value, offset });
        }
    });
    s
}

/// Links of a feed or sitemap: `href` attributes and `<loc>` elements.
fn scan_xml(xml: &str) -> Scanned {
    let mut s = Scanned::default();
    scan_tags(xml, |_, name, value, offset| {
        if name == "href" {
            s.links.push(Found { url: value, offset });
        }
    });
    let mut from = 0;
    while let Some(i) = xml[from..].find("<loc>") {
        let start = from + i + "<loc>".len();
        let Some(len) = xml[start..].find("</loc>") else {
            break;
        };
        s.links.push(Found {
            url: decode_entities(&xml[start..start + len]),
            offset: start,
        });
        from = start + len;
    }
    s
}

/// Calls `f(tag, attribute, value, offset of the value)` for every attribute of
/// every start tag (names lower-cased).
fn scan_tags(html: &str, mut f: impl FnMut(&str, &str, String, usize)) {
    let b = html.as_bytes();
    let mut i = 0;
    let find = |from: usize, pat: &str| html[from..].find(pat).map(|k| from + k);
    while let Some(lt) = find(i, "<") {
        i = lt + 1;
        let rest = &html[lt..];
        if rest.starts_with("<!--") {
            i = find(lt + 4, "-->").map_or(b.len(), |k| k + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") || rest.starts_with("</") {
            i = find(lt, ">").map_or(b.len(), |k| k + 1);
            continue;
        }
        let name_end = (lt + 1..b.len())
            .find(|&k| !(b[k].is_ascii_alphanumeric() || b[k] == b'-' || b[k] == b':'))
            .unwrap_or(b.len());
        if name_end == lt + 1 {
            continue;
        }
        let tag = html[lt + 1..name_end].to_ascii_lowercase();
        let mut k = name_end;
        loop {
            while k < b.len() && (b[k].is_ascii_whitespace() || b[k] == b'/') {
                k += 1;
            }
            if k >= b.len() || b[k] == b'>' {
                break;
            }
            let attr_start = k;
            while k < b.len() && !b[k].is_ascii_whitespace() && !b"=>/".contains(&b[k]) {
                k += 1;
            }
            let attr = html[attr_start..k].to_ascii_lowercase();
            while k < b.len() && b[k].is_ascii_whitespace() {
                k += 1;
            }
            if k < b.len() && b[k] == b'=' {
                k += 1;
                while k < b.len() && b[k].is_ascii_whitespace() {
                    k += 1;
                }
                let (start, end, next) = match b.get(k) {
                    Some(&q) if q == b'"' || q == b'\'' => {
                        let end = html[k + 1..].find(q as char).map_or(b.len(), |e| k + 1 + e);
                        (k + 1, end, (end + 1).min(b.len()))
                    }
                    _ => {
                        let end = (k..b.len())
                            .find(|&e| b[e].is_ascii_whitespace() || b[e] == b'>')
                            .unwrap_or(b.len());
                        (k, end, end)
                    }
                };
                f(&tag, &attr, decode_entities(&html[start..end]), start);
                k = next;
            } else if attr.is_empty() {
                k += 1;
            }
        }
        i = (k + 1).min(b.len());
        if matches!(tag.as_str(), "script" | "style" | "textarea" | "title") {
            let close = format!("</{tag}");
            let lower = html[i..].to_ascii_lowercase();
            i = lower.find(&close).map_or(b.len(), |e| i + e);
        }
    }
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") || e.starts_with("#X") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::OutputFile;

    fn site(pages: &[(&str, &str)]) -> Rendered {
        Rendered {
            pages: pages
                .iter()
                .map(|(p, c)| OutputFile {
                    path: p.to_string(),
                    contents: bytes::Bytes::copy_from_slice(c.as_bytes()),
                })
                .collect(),
            copies: Vec::new(),
        }
    }

    fn broken_urls(r: &Rendered) -> Vec<String> {
        let base = BaseUrl::parse("https://a.vn/kl/").unwrap();
        check_output(r, &base, Path::new("public"))
            .into_iter()
            .map(|d| match *d.problem {
                Problem::BrokenOutputLink { url, .. } => url,
                _ => unreachable!(),
            })
            .collect()
    }

    #[test]
    fn finds_broken_links_and_anchors() {
        let r = site(&[
            (
                "index.html",
                "<!doctype html><title>a<b></title><!-- <a href=\"/nope\"> -->\
                 <a href=\"/kl/x/\">ok</a> <a href='/kl/x/#sec'>ok</a> <a href=/kl/x/#missing>bad</a>\
                 <a href=\"/x/\">outside</a> <a href=\"x/\">relative ok</a> <a href=\"y/\">bad</a>\
                 <a href=\"https://a.vn/kl/x/\">ok</a> <a href=\"https://b.vn/\">external</a>\
                 <a href=\"mailto:a@b.vn\">mail</a> <a href=\"#top\">top</a> <a href=\"#here\">bad</a>\
                 <img src=\"/kl/static/a%20b.png\"> <a href=\"/kl/x\">dir ok</a>\
                 <script>var s = '<a href=\"/nope\">';</script><a href=\"/kl/?q=1&amp;r=2\">ok</a>",
            ),
            (
                "x/index.html",
                "<h2 id=\"sec\">S</h2><a href=\"../\">up</a>",
            ),
            ("static/a b.png", ""),
            (
                "atom.xml",
                "<feed><link href=\"https://a.vn/kl/x/\"/><link href=\"https://a.vn/kl/gone/\"/></feed>",
            ),
            (
                "sitemap.xml",
                "<urlset><url><loc>https://a.vn/kl/</loc></url><url><loc>https://a.vn/kl/z/</loc></url></urlset>",
            ),
        ]);
        assert_eq!(
            broken_urls(&r),
            [
                "https://a.vn/kl/gone/",
                "/kl/x/#missing",
                "/x/",
                "y/",
                "#here",
                "https://a.vn/kl/z/"
            ]
        );
    }

    #[test]
    fn reports_line_and_column() {
        let r = site(&[("index.html", "<p>\n  <a href=\"/kl/no/\">x</a>")]);
        let base = BaseUrl::parse("https://a.vn/kl/").unwrap();
        let d = &check_output(&r, &base, Path::new("public"))[0];
        assert_eq!(d.location.to_string(), "public/index.html:2:12");
    }
}

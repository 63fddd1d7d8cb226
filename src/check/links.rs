//! Links in bodies to pages and files of this site that do not exist: another
//! conclusion (`../slug/`, `/ket-luan/slug/`), an attachment (`thong-bao.pdf`), a
//! document or a province page. Links are resolved the way a browser resolves them
//! from the conclusion's page, `/ket-luan/{slug}/`.

use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag};

use super::{Source, body_position};
use crate::diagnostic::{Diagnostic, Problem};
use crate::model::body::markdown_options;
use crate::model::{Conclusion, Site};

pub fn check(root: &Path, site: &Site, sources: &[Source]) -> Vec<Diagnostic> {
    let base = site.config.base_url.path().to_string();
    let mut out = Vec::new();
    for (c, src) in site.conclusions.iter().zip(sources) {
        let parser = Parser::new_ext(super::body(c), markdown_options()).into_offset_iter();
        for (event, range) in parser {
            let dest = match &event {
                Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                    dest_url.to_string()
                }
                _ => continue,
            };
            let Some(path) = site_path(&dest, &base, c.slug.as_str()) else {
                continue;
            };
            if let Some((reason, suggestion)) = broken(root, site, c, &path) {
                let offset = super::body(c)[range.clone()]
                    .find(dest.as_str())
                    .map_or(range.start, |i| range.start + i);
                let problem = Problem::BrokenLink {
                    target: dest,
                    reason,
                    suggestion,
                };
                out.push(src.at(body_position(c, offset), problem));
            }
        }
    }
    out
}

/// The site-relative path segments a link points to, or `None` for links that leave
/// the site (other schemes, hosts, paths outside the base path) or stay on the page.
fn site_path(dest: &str, base: &str, slug: &str) -> Option<Vec<String>> {
    let dest = dest.split(['#', '?']).next().unwrap_or("");
    if dest.is_empty() || dest.starts_with("//") {
        return None;
    }
    let scheme = dest.find(':').is_some_and(|i| !dest[..i].contains('/'));
    if scheme {
        return None;
    }
    let dest = percent_decode(dest);
    let (start, rest): (Vec<String>, &str) = match dest.strip_prefix(base) {
        Some(rest) => (Vec::new(), rest),
        None if dest.starts_with('/') => return None,
        None => (vec!["ket-luan".into(), slug.into()], dest.as_str()),
    };
    let mut segments = start;
    let parts: Vec<&str> = rest.split('/').collect();
    for (i, part) in parts.iter().enumerate() {
        match *part {
            "." => {}
            ".." => {
                segments.pop()?;
            }
            "" if i + 1 < parts.len() => {}
            p => segments.push(p.to_string()),
        }
    }
    // A trailing `/` or `index.html` names the folder's page.
    if segments
        .last()
        .is_some_and(|s| s.is_empty() || s == "index.html")
    {
        segments.pop();
    }
    Some(segments)
}

/// Why a site path does not exist, with a suggested link when one is likely meant.
fn broken(
    root: &Path,
    site: &Site,
    from: &Conclusion,
    path: &[String],
) -> Option<(String, Option<String>)> {
    let segs: Vec<&str> = path.iter().map(String::as_str).collect();
    match segs.as_slice() {
        ["ket-luan", slug] => match site.conclusions.iter().find(|c| c.slug.as_str() == *slug) {
            Some(target) if target.draft && !from.draft => Some((
                format!("`{slug}` is a draft, left out of the published site"),
                None,
            )),
            Some(_) => None,
            None => Some((
                format!("there is no conclusion with the slug `{slug}`"),
                nearest_slug(site, slug).map(|s| format!("../{s}/")),
            )),
        },
        ["ket-luan", slug, name] => {
            let Some(target) = site.conclusions.iter().find(|c| c.slug.as_str() == *slug) else {
                let by_file = conclusion_by_file(site, name).map(|c| format!("../{}/", c.slug));
                return Some((
                    format!("there is no conclusion with the slug `{slug}`"),
                    by_file,
                ));
            };
            if target.files.iter().any(|f| f.name == *name) {
                return None;
            }
            if let Some(c) = conclusion_by_file(site, name) {
                return Some((
                    format!("`{name}` is a content file, not a page"),
                    Some(format!("../{}/", c.slug)),
                ));
            }
            let beside = root
                .join(&target.file)
                .parent()
                .is_some_and(|dir| dir.join(name).is_file());
            let reason = if beside {
                format!(
                    "`{name}` is not listed in `attachments` of {}",
                    target.file.display()
                )
            } else {
                format!("`{slug}` has no attachment `{name}`")
            };
            Some((reason, None))
        }
        ["nghi-quyet", slug] if !site.documents.iter().any(|d| d.slug.as_str() == *slug) => {
            Some((format!("there is no document with the slug `{slug}`"), None))
        }
        ["tinh", slug] if !site.provinces.iter().any(|p| p.province.slug == *slug) => {
            Some((format!("there is no province page `{slug}`"), None))
        }
        _ => None,
    }
}

/// The conclusion whose source file is named `name` (`2021-…-ha-tinh.md`).
fn conclusion_by_file<'a>(site: &'a Site, name: &str) -> Option<&'a Conclusion> {
    site.conclusions
        .iter()
        .find(|c| c.file.file_name().is_some_and(|f| f == name))
        .map(|c| &**c)
}

fn nearest_slug<'a>(site: &'a Site, slug: &str) -> Option<&'a str> {
    site.conclusions
        .iter()
        .map(|c| (strsim::levenshtein(c.slug.as_str(), slug), c.slug.as_str()))
        .filter(|(d, s)| *d * 4 <= s.len())
        .min()
        .map(|(_, s)| s)
}

/// `%20` and other escapes in a URL path, as UTF-8; invalid escapes stay as written.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).and_then(|&b| hex(b)),
                bytes.get(i + 2).and_then(|&b| hex(b)),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(dest: &str) -> Option<Vec<String>> {
        site_path(dest, "/kl/", "me")
    }

    #[test]
    fn links_resolve_like_a_browser() {
        assert_eq!(path("../x/").unwrap(), ["ket-luan", "x"]);
        assert_eq!(path("a%20b.pdf").unwrap(), ["ket-luan", "me", "a b.pdf"]);
        assert_eq!(
            path("/kl/ket-luan/y/index.html").unwrap(),
            ["ket-luan", "y"]
        );
        assert_eq!(path("./f.pdf#p2").unwrap(), ["ket-luan", "me", "f.pdf"]);
        assert_eq!(path("../../../x"), None);
        assert_eq!(path("https://a.vn/x"), None);
        assert_eq!(path("mailto:a@b.vn"), None);
        assert_eq!(path("/other-app/x"), None);
        assert_eq!(path("#muc-1"), None);
    }
}

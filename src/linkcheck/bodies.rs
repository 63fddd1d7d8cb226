//! Links in bodies to pages and files of this site that do not exist: another
//! conclusion (`../slug/`, `/ket-luan/slug/`), an attachment (`thong-bao.pdf`), a
//! document or a province page. Links are resolved the way a browser resolves them
//! from the conclusion's page ([`resolve_link`]); links to other sites and to paths
//! outside the base path are not this check's business.

use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag};

use crate::diagnostic::Problem;
use crate::model::body::markdown_options;
use crate::model::{Conclusion, Site};
use crate::routes::{Link, Route, resolve_link};

/// A broken link of conclusion `conclusion` (an index into the site's conclusions),
/// at byte `offset` of its body.
pub struct BrokenLink {
    pub conclusion: usize,
    pub offset: usize,
    pub problem: Problem,
}

/// The broken links of every conclusion's body; `body` gives a conclusion's Markdown.
pub fn check_bodies<'a>(
    root: &Path,
    site: &'a Site,
    body: impl Fn(&'a Conclusion) -> &'a str,
) -> Vec<BrokenLink> {
    let base = site.config.base_url.as_str();
    let mut out = Vec::new();
    for (i, c) in site.conclusions.iter().enumerate() {
        let text = body(c);
        let page = Route::Conclusion(c.slug.as_str()).output_file();
        let parser = Parser::new_ext(text, markdown_options()).into_offset_iter();
        for (event, range) in parser {
            let dest = match &event {
                Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                    dest_url.to_string()
                }
                _ => continue,
            };
            let Link::Site { path, .. } = resolve_link(&dest, &page, base) else {
                continue;
            };
            let Some(route) = Route::of_site_path(&path) else {
                continue;
            };
            if let Some((reason, suggestion)) = broken(root, site, c, route) {
                let offset = text[range.clone()]
                    .find(dest.as_str())
                    .map_or(range.start, |k| range.start + k);
                out.push(BrokenLink {
                    conclusion: i,
                    offset,
                    problem: Problem::BrokenLink {
                        target: dest,
                        reason,
                        suggestion,
                    },
                });
            }
        }
    }
    out
}

/// Why the page or file `route` does not exist, with a suggested link when one is
/// likely meant.
fn broken(
    root: &Path,
    site: &Site,
    from: &Conclusion,
    route: Route<'_>,
) -> Option<(String, Option<String>)> {
    match route {
        Route::Conclusion(slug) => {
            match site.conclusions.iter().find(|c| c.slug.as_str() == slug) {
                Some(target) if target.draft && !from.draft => {
                    Some((crate::t!("link-draft", slug = slug), None))
                }
                Some(_) => None,
                None => Some((
                    crate::t!("link-no-conclusion", slug = slug),
                    nearest_slug(site, slug).map(|s| format!("../{s}/")),
                )),
            }
        }
        Route::Attachment {
            conclusion: slug,
            name,
        } => {
            let Some(target) = site.conclusions.iter().find(|c| c.slug.as_str() == slug) else {
                let by_file = conclusion_by_file(site, name).map(|c| format!("../{}/", c.slug));
                return Some((crate::t!("link-no-conclusion", slug = slug), by_file));
            };
            if target.files.iter().any(|f| f.name == name) {
                return None;
            }
            if let Some(c) = conclusion_by_file(site, name) {
                return Some((
                    crate::t!("link-content-file", name = name),
                    Some(format!("../{}/", c.slug)),
                ));
            }
            let beside = root
                .join(&target.file)
                .parent()
                .is_some_and(|dir| dir.join(name).is_file());
            let reason = if beside {
                let file = target.file.to_string_lossy().replace('\\', "/");
                crate::t!("link-not-listed", name = name, file = file)
            } else {
                crate::t!("link-no-attachment", slug = slug, name = name)
            };
            Some((reason, None))
        }
        Route::Document(slug) if !site.documents.iter().any(|d| d.slug.as_str() == slug) => {
            Some((crate::t!("link-no-document", slug = slug), None))
        }
        Route::Province(slug) if !site.provinces.iter().any(|p| p.province.slug == slug) => {
            Some((crate::t!("link-no-province", slug = slug), None))
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

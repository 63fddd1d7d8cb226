//! Reading `site.yaml` into a [`SiteConfig`].

use std::path::Path;

use super::fields::FieldReader;
use super::yaml;
use crate::config::{BaseUrl, Language, Portal, PortalLink, SiteConfig};
use crate::diagnostic::{Diagnostic, Location, Problem};
use crate::text::source;

pub const FILE: &str = "site.yaml";

/// Settings take a few hundred bytes; the limit only stops a wrong file.
const LIMIT: u64 = 1 << 20;

/// Read and validate `<root>/site.yaml`; `base_url` overrides the file's value.
pub fn load(root: &Path, base_url: Option<&str>) -> Result<SiteConfig, Vec<Diagnostic>> {
    let file = Path::new(FILE);
    let bytes = super::file::read_regular(&root.join(FILE), LIMIT).map_err(|e| match e {
        super::file::Refused::Missing => vec![Diagnostic::new(
            Location::file(file),
            Problem::NotASite(root.display().to_string()),
        )],
        other => vec![other.diagnostic(file)],
    })?;
    let text = source::decode(bytes).map_err(|e| {
        vec![Diagnostic::new(
            Location::at(file, e.line, e.column),
            Problem::NotUtf8 {
                detected: e.detected,
            },
        )]
    })?;
    parse_in(&text, base_url, Some(root))
}

/// The `language` that `<root>/site.yaml` names, if it names one that ketluan
/// speaks: it chooses the language of ketluan's own messages for that site. Any
/// problem with the file is left to the command to report.
pub fn language(root: &Path) -> Option<Language> {
    // The same guard as the real read: a pipe or device is never opened to wait on.
    let bytes = super::file::read_regular(&root.join(FILE), LIMIT).ok()?;
    let text = source::decode(bytes).ok()?;
    let fields = yaml::parse_mapping(&text, 1).ok()?;
    match fields.get("language")?.value.as_str()? {
        "vi" => Some(Language::Vi),
        "en" => Some(Language::En),
        _ => None,
    }
}

/// Validate the text of `site.yaml`.
pub fn parse(text: &str, base_url: Option<&str>) -> Result<SiteConfig, Vec<Diagnostic>> {
    parse_in(text, base_url, None)
}

/// Validate the text of `site.yaml`; with `root`, the site's folder, also that the
/// theme it names is in `themes/` (the default theme is built in) and the portal's
/// logo in `static/`, so that a misspelt name is reported at its line with the
/// file's other mistakes.
fn parse_in(
    text: &str,
    base_url: Option<&str>,
    root: Option<&Path>,
) -> Result<SiteConfig, Vec<Diagnostic>> {
    let themes = root.map(|r| r.join("themes"));
    let themes = themes.as_deref();
    let file = Path::new(FILE);
    let fields = yaml::parse_mapping(text, 1).map_err(|e| {
        vec![Diagnostic::new(Location::at(file, e.line, e.column), e.problem).with_source(text)]
    })?;
    let mut r = FieldReader::new(&fields, file, text, SiteConfig::KEYS, FILE);
    let title = r.required("title").unwrap_or_default();
    let description = r.string("description").unwrap_or_default();

    let base_url = match base_url {
        Some(cli) => BaseUrl::parse(cli).map_err(|expected| {
            vec![Diagnostic::new(
                Location::file("--base-url"),
                Problem::InvalidValue {
                    key: "base_url",
                    value: cli.to_string(),
                    expected,
                },
            )]
        })?,
        None => {
            let raw = r
                .string("base_url")
                .unwrap_or_else(|| "http://localhost/".into());
            match BaseUrl::parse(&raw) {
                Ok(b) => b,
                Err(expected) => {
                    let field = fields.get("base_url").expect("default parses");
                    r.report(
                        field,
                        Problem::InvalidValue {
                            key: "base_url",
                            value: raw,
                            expected,
                        },
                    );
                    BaseUrl::parse("http://localhost/").expect("valid")
                }
            }
        }
    };

    let language = match r.string("language").as_deref() {
        None | Some("vi") => Language::Vi,
        Some("en") => Language::En,
        Some(other) => {
            let field = fields.get("language").expect("present");
            r.report(
                field,
                Problem::InvalidValue {
                    key: "language",
                    value: other.to_string(),
                    expected: "expected-language",
                },
            );
            Language::Vi
        }
    };

    let theme = r.string("theme").unwrap_or_else(|| "default".into());
    let missing = |dir: &Path| theme != "default" && !dir.join(&theme).is_dir();
    if theme.is_empty()
        || theme.contains(['/', '\\'])
        || theme.starts_with('.')
        || themes.is_some_and(missing)
    {
        let field = fields.get("theme").expect("present");
        r.report(
            field,
            Problem::InvalidValue {
                key: "theme",
                value: theme.clone(),
                expected: "expected-theme",
            },
        );
    }

    let paginate = match r.string("paginate") {
        None => 50,
        Some(s) => match s.parse::<usize>() {
            Ok(n) if n >= 1 => n,
            _ => {
                let field = fields.get("paginate").expect("present");
                r.report(
                    field,
                    Problem::InvalidValue {
                        key: "paginate",
                        value: s,
                        expected: "expected-paginate",
                    },
                );
                50
            }
        },
    };
    let max_cited_documents = match r.string("max_cited_documents") {
        None => crate::config::MAX_CITED_DOCUMENTS,
        Some(s) => match s.parse::<usize>() {
            Ok(n) if n >= 1 => n,
            _ => {
                let field = fields.get("max_cited_documents").expect("present");
                r.report(
                    field,
                    Problem::InvalidValue {
                        key: "max_cited_documents",
                        value: s,
                        expected: "expected-max-documents",
                    },
                );
                crate::config::MAX_CITED_DOCUMENTS
            }
        },
    };
    let publish_unlisted = r.bool("publish_unlisted").unwrap_or(false);
    let unsafe_html = r.bool("unsafe_html").unwrap_or(false);
    let search = r.bool("search").unwrap_or(true);
    let portal = portal(&fields, text, &mut r, root);

    if r.diagnostics.is_empty() {
        Ok(SiteConfig {
            title,
            description,
            base_url,
            language,
            theme,
            paginate,
            unsafe_html,
            search,
            max_cited_documents,
            publish_unlisted,
            portal,
        })
    } else {
        Err(r.diagnostics)
    }
}

/// Where `portal:` keys are written, for a missing or unknown one.
const PORTAL: &str = "the `portal:` block of site.yaml";

/// The `portal:` block, every problem in it reported to `r` at its own line;
/// with `root`, also that the logo is a file of the site's `static/` folder.
fn portal(
    top: &yaml::Fields,
    text: &str,
    r: &mut FieldReader,
    root: Option<&Path>,
) -> Option<Portal> {
    let field = top.get("portal")?;
    if field.value.is_null() {
        return None;
    }
    let fields = match yaml::nested(top, "portal") {
        None => {
            r.report(
                field,
                Problem::WrongType {
                    key: "portal".into(),
                    expected: "expected-portal",
                },
            );
            return None;
        }
        Some(Err(e)) => {
            let d = Diagnostic::new(Location::at(FILE, e.line, e.column), e.problem);
            r.diagnostics.push(d.with_source(text));
            return None;
        }
        Some(Ok(fields)) => fields,
    };
    let mut p = FieldReader::new(&fields, Path::new(FILE), text, Portal::KEYS, PORTAL);
    let mut portal = Portal {
        agency: p.string("agency"),
        parent_agency: p.string("parent_agency"),
        address: p.string("address"),
        phone: p.string("phone"),
        email: p.string("email"),
        responsible: p.string("responsible"),
        licence_number: p.string("licence_number"),
        licence_date: None,
        logo: p.string("logo"),
        links: Vec::new(),
    };
    if let Some(email) = &portal.email {
        let (local, domain) = email.split_once('@').unwrap_or(("", ""));
        if local.is_empty() || !domain.contains('.') || email.contains(char::is_whitespace) {
            let field = fields.get("email").expect("read above");
            p.report(
                field,
                Problem::InvalidValue {
                    key: "email",
                    value: email.clone(),
                    expected: "expected-email",
                },
            );
        }
    }
    if let Some(raw) = p.string("licence_date") {
        match crate::model::date::parse(&raw) {
            Ok(d) => portal.licence_date = Some(d),
            Err(_) => {
                let field = fields.get("licence_date").expect("read above");
                p.report(
                    field,
                    Problem::InvalidValue {
                        key: "licence_date",
                        value: raw,
                        expected: "expected-date",
                    },
                );
            }
        }
    }
    if let Some(logo) = &portal.logo {
        let plain = !logo.contains(['\\', ':'])
            && !logo.starts_with('/')
            && logo
                .split('/')
                .all(|s| !s.is_empty() && s != "." && s != "..");
        let missing = root.is_some_and(|root| !root.join("static").join(logo).is_file());
        if !plain || missing {
            let field = fields.get("logo").expect("read above");
            p.report(
                field,
                Problem::InvalidValue {
                    key: "logo",
                    value: logo.clone(),
                    expected: "expected-logo",
                },
            );
        }
    }
    portal.links = links(&fields, &mut p);
    r.diagnostics.append(&mut p.diagnostics);
    Some(portal)
}

/// The `links:` of the `portal:` block: each `{title, url}`.
fn links(fields: &yaml::Fields, p: &mut FieldReader) -> Vec<PortalLink> {
    let Some(field) = fields.get("links") else {
        return Vec::new();
    };
    let expected = "expected-links";
    let items = match &field.value {
        serde_json::Value::Null => return Vec::new(),
        serde_json::Value::Array(items) => items,
        _ => {
            p.report(
                field,
                Problem::WrongType {
                    key: "links".into(),
                    expected,
                },
            );
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for item in items {
        let text_of = |key: &str| {
            item.get(key)
                .and_then(|v| crate::load::fields::scalar(v).ok().flatten())
                .map(|s| crate::text::nfc(s.trim()))
                .filter(|s| !s.is_empty())
        };
        let (title, url) = (text_of("title"), text_of("url"));
        let extra = item
            .as_object()
            .is_none_or(|o| o.keys().any(|k| k != "title" && k != "url"));
        let needle = crate::load::fields::scalar(item)
            .ok()
            .flatten()
            .or_else(|| title.clone().or(url.clone()))
            .unwrap_or_else(|| "-".into());
        match (title, url) {
            (Some(title), Some(url)) if !extra => {
                let absolute = url.starts_with("https://") || url.starts_with("http://");
                if !absolute && !url.starts_with('/') {
                    p.report_item(
                        "links",
                        &url,
                        Problem::InvalidValue {
                            key: "url",
                            value: url.clone(),
                            expected: "expected-link",
                        },
                    );
                }
                out.push(PortalLink { title, url });
            }
            _ => p.report_item(
                "links",
                &needle,
                Problem::WrongType {
                    key: "links".into(),
                    expected,
                },
            ),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_values() {
        let c = parse("title: Kết luận\nbase_url: https://a.vn/kl\n", None).unwrap();
        assert_eq!(c.base_url.path(), "/kl/");
        assert_eq!(c.paginate, 50);
        assert_eq!(c.theme, "default");
        assert_eq!(c.language, Language::Vi);
        assert!(c.search);
        assert!(!parse("title: x\nsearch: false\n", None).unwrap().search);
        let c = parse("title: x\n", Some("https://b.vn/")).unwrap();
        assert_eq!(c.base_url.as_str(), "https://b.vn/");
    }

    #[test]
    fn portal_block() {
        let yaml = "title: x\nportal:\n  agency: Văn phòng Tỉnh ủy Hà Tĩnh\n  email: bbt@hatinh.gov.vn\n  licence_date: 15/01/2024\n  links:\n    - title: Cổng tỉnh\n      url: https://hatinh.gov.vn/\n";
        let c = parse(yaml, None).unwrap();
        let p = c.portal.unwrap();
        assert_eq!(p.agency.as_deref(), Some("Văn phòng Tỉnh ủy Hà Tĩnh"));
        assert_eq!(p.licence_date.unwrap().to_string(), "2024-01-15");
        assert_eq!(p.links[0].url, "https://hatinh.gov.vn/");
        assert_eq!(
            p.missing_required(),
            ["address", "phone", "responsible", "licence_number"]
        );
        assert!(parse("title: x\n", None).unwrap().portal.is_none());
    }

    #[test]
    fn portal_mistakes_are_located() {
        let yaml = "title: x\nportal:\n  agensy: A\n  email: not-an-address\n  licence_date: 31/2/2024\n  phone: [1, 2]\n  logo: ../x.svg\n  links:\n    - title: T\n      url: hatinh.gov.vn\n    - just text\n";
        let errs = parse(yaml, None).unwrap_err();
        let mut at: Vec<(usize, usize, &str)> = errs
            .iter()
            .map(|d| (d.location.line, d.location.column, d.problem.code()))
            .collect();
        at.sort();
        assert_eq!(
            at,
            [
                (3, 3, "unknown-key"),
                (4, 10, "invalid-value"),
                (5, 17, "invalid-value"),
                (6, 10, "wrong-type"),
                (7, 9, "invalid-value"),
                (10, 12, "invalid-value"),
                (11, 7, "wrong-type"),
            ]
        );
        let unknown = &errs[0];
        assert_eq!(unknown.problem.help().unwrap(), "did you mean `agency`?");
        let wrong = parse("title: x\nportal: Văn phòng\n", None).unwrap_err();
        assert_eq!(wrong[0].problem.code(), "wrong-type");
        assert_eq!((wrong[0].location.line, wrong[0].location.column), (2, 9));
    }

    #[test]
    fn every_error_is_reported() {
        let errs = parse("titel: x\nlanguage: fr\npaginate: 0\n", None).unwrap_err();
        let codes: Vec<_> = errs.iter().map(|d| d.problem.code()).collect();
        assert!(codes.contains(&"unknown-key"), "{codes:?}");
        assert!(codes.contains(&"missing-key"), "{codes:?}");
        assert_eq!(codes.iter().filter(|c| **c == "invalid-value").count(), 2);
        let unknown = errs
            .iter()
            .find(|d| d.problem.code() == "unknown-key")
            .unwrap();
        assert_eq!(unknown.problem.help().unwrap(), "did you mean `title`?");
        assert_eq!((unknown.location.line, unknown.location.column), (1, 1));
    }
}

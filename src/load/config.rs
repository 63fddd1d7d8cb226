//! Reading `site.yaml` into a [`SiteConfig`].

use std::path::Path;

use super::fields::FieldReader;
use super::yaml;
use crate::config::{BaseUrl, Language, SiteConfig};
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
            Problem::NotUtf8,
        )]
    })?;
    parse_in(&text, base_url, Some(&root.join("themes")))
}

/// Validate the text of `site.yaml`.
pub fn parse(text: &str, base_url: Option<&str>) -> Result<SiteConfig, Vec<Diagnostic>> {
    parse_in(text, base_url, None)
}

/// Validate the text of `site.yaml`; with `themes`, the site's themes folder, also
/// that the theme it names is there (the default theme is built in), so that a
/// misspelt theme is reported at its line with the file's other mistakes.
fn parse_in(
    text: &str,
    base_url: Option<&str>,
    themes: Option<&Path>,
) -> Result<SiteConfig, Vec<Diagnostic>> {
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
                    expected: "`vi` or `en`",
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
                expected: "the name of a folder in themes/",
            },
        );
    }

    let paginate = match r.string("paginate") {
        None => 100,
        Some(s) => match s.parse::<usize>() {
            Ok(n) if n >= 1 => n,
            _ => {
                let field = fields.get("paginate").expect("present");
                r.report(
                    field,
                    Problem::InvalidValue {
                        key: "paginate",
                        value: s,
                        expected: "a whole number of conclusions per page, at least 1",
                    },
                );
                100
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
                        expected: "a whole number of documents, at least 1",
                    },
                );
                crate::config::MAX_CITED_DOCUMENTS
            }
        },
    };
    let publish_unlisted = r.bool("publish_unlisted").unwrap_or(false);
    let unsafe_html = r.bool("unsafe_html").unwrap_or(false);
    let search = r.bool("search").unwrap_or(true);

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
        })
    } else {
        Err(r.diagnostics)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_values() {
        let c = parse("title: Kết luận\nbase_url: https://a.vn/kl\n", None).unwrap();
        assert_eq!(c.base_url.path(), "/kl/");
        assert_eq!(c.paginate, 100);
        assert_eq!(c.theme, "default");
        assert_eq!(c.language, Language::Vi);
        assert!(c.search);
        assert!(!parse("title: x\nsearch: false\n", None).unwrap().search);
        let c = parse("title: x\n", Some("https://b.vn/")).unwrap();
        assert_eq!(c.base_url.as_str(), "https://b.vn/");
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

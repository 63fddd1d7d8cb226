//! The site's settings, from `site.yaml` (parsed in [`crate::load::config`]).

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

/// UI language of the generated site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Vi,
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Vi => "vi",
            Language::En => "en",
        }
    }
}

/// An absolute `http(s)` URL that ends with `/`; its path is where the site lives.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BaseUrl {
    url: String,
    path_start: usize,
}

impl BaseUrl {
    /// Accepts `https://host`, `https://host/`, `https://host/sub/path`; adds the final
    /// `/`. Refuses other schemes, a missing host, a query or a fragment. Written the
    /// one way browsers and feed readers compare URLs: the host in lower case, without
    /// the scheme's own port, the path percent-encoded.
    pub fn parse(s: &str) -> Result<Self, &'static str> {
        let s = s.trim();
        let (scheme, rest) = ["https://", "http://"]
            .into_iter()
            .find_map(|scheme| Some((scheme, s.strip_prefix(scheme)?)))
            .ok_or("an absolute URL starting with https:// or http://")?;
        if rest.contains(['?', '#', ' ', '\\']) {
            return Err("a URL without query, fragment or spaces");
        }
        let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if host.is_empty() {
            return Err("a URL with a host name");
        }
        if !host.is_ascii() || host.contains('@') {
            return Err("a host name in ASCII (a Vietnamese domain in its xn-- form)");
        }
        let mut host = host.to_ascii_lowercase();
        let default_port = if scheme == "https://" { ":443" } else { ":80" };
        if host.ends_with(default_port) {
            host.truncate(host.len() - default_port.len());
        }
        let mut path = escape_path(path);
        if !path.ends_with('/') {
            path.push('/');
        }
        if path.contains("//") {
            return Err("a URL path without empty segments");
        }
        // `%2e%2e` is `..` to a browser and to the path resolution of a server: the
        // encoded forms are refused with the plain ones, as are encoded slashes.
        if path.split('/').any(|segment| {
            let decoded = segment.to_ascii_lowercase().replace("%2e", ".");
            decoded == "." || decoded == ".."
        }) {
            return Err("a URL path without `.` or `..` segments (also written %2e)");
        }
        let lower = path.to_ascii_lowercase();
        if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
            return Err("a URL path without encoded slashes, backslashes or NUL");
        }
        Ok(Self {
            path_start: scheme.len() + host.len(),
            url: format!("{scheme}{host}{path}"),
        })
    }

    /// The full URL, ending with `/`.
    pub fn as_str(&self) -> &str {
        &self.url
    }

    /// The path, starting and ending with `/`: `/` or `/ket-luan/`.
    pub fn path(&self) -> &str {
        &self.url[self.path_start..]
    }

    /// Scheme and host without the path: `https://portal.example.gov.vn`.
    pub fn origin(&self) -> &str {
        &self.url[..self.path_start]
    }
}

/// Bytes a URL path holds as they are (RFC 3986 `pchar` and `/`), and `%`, the start
/// of an escape already made; every other byte is percent-encoded.
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@')
    .remove(b'/')
    .remove(b'%');

/// `path` with every byte a URL path may not hold as it is percent-encoded (a
/// Vietnamese folder name, say).
fn escape_path(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

/// Validated `site.yaml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteConfig {
    pub title: String,
    pub description: String,
    pub base_url: BaseUrl,
    pub language: Language,
    /// Folder name under `themes/`.
    pub theme: String,
    /// Conclusions per timeline page (≥ 1).
    pub paginate: usize,
    /// Keep raw HTML in bodies as written (scripts included). Off by default.
    pub unsafe_html: bool,
    /// Build the search page and its index (`/tim-kiem/`). On by default.
    pub search: bool,
    /// The most different documents one conclusion may cite (each document's page
    /// and feed carries the conclusion).
    pub max_cited_documents: usize,
    /// Publish every file of `content/` beside a conclusion, listed or not (the old
    /// behaviour). Off: only attachments and files the body links to.
    pub publish_unlisted: bool,
}

/// The default of [`SiteConfig::max_cited_documents`].
pub const MAX_CITED_DOCUMENTS: usize = 200;

impl SiteConfig {
    /// Keys `site.yaml` accepts.
    pub const KEYS: &'static [&'static str] = &[
        "title",
        "description",
        "base_url",
        "language",
        "theme",
        "paginate",
        "unsafe_html",
        "search",
        "max_cited_documents",
        "publish_unlisted",
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_path() {
        let b = BaseUrl::parse("https://portal.example.gov.vn/ket-luan").unwrap();
        assert_eq!(b.as_str(), "https://portal.example.gov.vn/ket-luan/");
        assert_eq!(b.path(), "/ket-luan/");
        assert_eq!(b.origin(), "https://portal.example.gov.vn");
        assert_eq!(BaseUrl::parse("http://localhost:1111").unwrap().path(), "/");
        assert!(BaseUrl::parse("portal.example.gov.vn").is_err());
        assert!(BaseUrl::parse("https:///x").is_err());
        assert!(BaseUrl::parse("https://a.vn/x?y").is_err());
    }

    #[test]
    fn base_url_is_written_one_way() {
        let b = BaseUrl::parse("https://Portal.GOV.VN:443/Kết-luận/").unwrap();
        assert_eq!(
            b.as_str(),
            "https://portal.gov.vn/K%E1%BA%BFt-lu%E1%BA%ADn/"
        );
        assert_eq!(b.origin(), "https://portal.gov.vn");
        assert_eq!(b.path(), "/K%E1%BA%BFt-lu%E1%BA%ADn/");
        let b = BaseUrl::parse("http://localhost:80/a%20b").unwrap();
        assert_eq!(b.as_str(), "http://localhost/a%20b/");
        let b = BaseUrl::parse("https://a.vn:8443").unwrap();
        assert_eq!(b.as_str(), "https://a.vn:8443/");
        assert!(BaseUrl::parse("https://a.vn/x/../y/").is_err());
        assert!(BaseUrl::parse("https://a.vn/./").is_err());
        assert!(BaseUrl::parse("http://localhost/%2e%2e/").is_err());
        assert!(BaseUrl::parse("http://localhost/a/.%2E/").is_err());
        assert!(BaseUrl::parse("http://localhost/%2e/").is_err());
        assert!(BaseUrl::parse("http://localhost/a%2fb/").is_err());
        assert!(BaseUrl::parse("http://localhost/a%2eb/").is_ok());
        assert!(BaseUrl::parse("https://kếtluận.vn/").is_err());
        assert!(BaseUrl::parse("https://user@a.vn/").is_err());
    }
}

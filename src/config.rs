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
            .ok_or("expected-absolute-url")?;
        if rest.contains(['?', '#', ' ', '\\']) {
            return Err("expected-plain-url");
        }
        let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if host.is_empty() {
            return Err("expected-url-host");
        }
        if !host.is_ascii() || host.contains('@') {
            return Err("expected-ascii-host");
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
            return Err("expected-url-path");
        }
        // `%2e%2e` is `..` to a browser and to the path resolution of a server: the
        // encoded forms are refused with the plain ones, as are encoded slashes.
        if path.split('/').any(|segment| {
            let decoded = segment.to_ascii_lowercase().replace("%2e", ".");
            decoded == "." || decoded == ".."
        }) {
            return Err("expected-url-dots");
        }
        let lower = path.to_ascii_lowercase();
        if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
            return Err("expected-url-encoded");
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

    /// Whether the site is published on a real host: not this machine, not a name
    /// reserved for examples or tests (RFC 2606, RFC 6761).
    pub fn is_public(&self) -> bool {
        let authority = self.origin().split_once("://").map_or("", |(_, a)| a);
        let host = match authority.strip_prefix('[') {
            Some(v6) => return !v6.starts_with("::1]"),
            None => authority.split(':').next().unwrap_or(""),
        };
        let labels: Vec<&str> = host.split('.').collect();
        let reserved_tld = [
            "localhost",
            "test",
            "example",
            "invalid",
            "local",
            "internal",
        ];
        let loopback = host.starts_with("127.") || host == "0.0.0.0";
        !(loopback
            || labels.last().is_some_and(|tld| reserved_tld.contains(tld))
            || labels.contains(&"example")
            || !host.contains('.'))
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
    /// Who runs the portal, for its header and legal footer; `None` without a
    /// `portal:` block.
    pub portal: Option<Portal>,
}

/// The `portal:` block of `site.yaml`: the operator's identity a state portal shows
/// on every page (Decree 42/2022/NĐ-CP). Every field is optional here; `check` warns
/// about the ones the decree asks for ([`Portal::missing_required`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Portal {
    /// The managing agency (cơ quan chủ quản): `Văn phòng Tỉnh ủy Hà Tĩnh`.
    pub agency: Option<String>,
    /// The agency above it: `Tỉnh ủy Hà Tĩnh`.
    pub parent_agency: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// The person responsible for the content (người chịu trách nhiệm chính).
    pub responsible: Option<String>,
    pub licence_number: Option<String>,
    pub licence_date: Option<jiff::civil::Date>,
    /// A file name under the site's `static/` folder.
    pub logo: Option<String>,
    /// Extra links for the footer, in order.
    pub links: Vec<PortalLink>,
}

/// One extra footer link of the portal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalLink {
    pub title: String,
    pub url: String,
}

impl Portal {
    /// Keys the `portal:` block accepts.
    pub const KEYS: &'static [&'static str] = &[
        "agency",
        "parent_agency",
        "address",
        "phone",
        "email",
        "responsible",
        "licence_number",
        "licence_date",
        "logo",
        "links",
    ];

    /// Keys of the fields Decree 42/2022/NĐ-CP asks a state portal to show that this
    /// block leaves empty, in [`Portal::KEYS`] order.
    pub fn missing_required(&self) -> Vec<&'static str> {
        let fields = [
            ("agency", self.agency.is_some()),
            ("address", self.address.is_some()),
            ("phone", self.phone.is_some()),
            ("email", self.email.is_some()),
            ("responsible", self.responsible.is_some()),
            ("licence_number", self.licence_number.is_some()),
            ("licence_date", self.licence_date.is_some()),
        ];
        fields
            .into_iter()
            .filter(|(_, given)| !given)
            .map(|(key, _)| key)
            .collect()
    }
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
        "portal",
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

    #[test]
    fn public_hosts() {
        let public = |s: &str| BaseUrl::parse(s).unwrap().is_public();
        assert!(public("https://hatinh.gov.vn/ket-luan/"));
        assert!(public("http://10.0.0.5.nip.io:8080/"));
        assert!(!public("http://localhost:1111/"));
        assert!(!public("http://127.0.0.1/"));
        assert!(!public("http://[::1]:8080/"));
        assert!(!public("https://portal.example.gov.vn/"));
        assert!(!public("https://example.com/"));
        assert!(!public("https://site.test/"));
        assert!(!public("http://intranet/"));
    }
}

//! The site's settings, from `site.yaml` (parsed in [`crate::load::config`]).

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
    /// `/`. Refuses other schemes, a missing host, a query or a fragment.
    pub fn parse(s: &str) -> Result<Self, &'static str> {
        let s = s.trim();
        let rest = s
            .strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"))
            .ok_or("an absolute URL starting with https:// or http://")?;
        if rest.contains(['?', '#', ' ', '\\']) {
            return Err("a URL without query, fragment or spaces");
        }
        let host_len = rest.find('/').unwrap_or(rest.len());
        if host_len == 0 {
            return Err("a URL with a host name");
        }
        let mut url = s.to_string();
        if !url.ends_with('/') {
            url.push('/');
        }
        if url[s.len() - rest.len() + host_len..].contains("//") {
            return Err("a URL path without empty segments");
        }
        Ok(Self {
            path_start: s.len() - rest.len() + host_len,
            url,
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
}

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
}

//! Where every kind of page and file of a site lives: its output file (relative to
//! the output folder, `/`-separated) and its URL (carrying the base path). The one
//! place that knows the site's layout; render, feeds, sitemap, open data, search,
//! serve and the link checks all ask it. Also the way back: which output file a URL
//! path names, and which route a site path is.
//!
//! A page's URL ends with `/` and its file is that folder's `index.html`; other files
//! are named by their URL. Slugs are ASCII; other names (attachments) are
//! percent-encoded in URLs and kept as they are in output paths.

use std::borrow::Cow;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use url::Url;

use crate::config::SiteConfig;

/// The search index's folder under the output (`tim-kiem/chi-muc`).
pub const SEARCH_INDEX_DIR: &str = "tim-kiem/chi-muc";

/// Every kind of page and file a build writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route<'a> {
    Home,
    /// A conclusion's page, by slug.
    Conclusion(&'a str),
    /// A file listed in a conclusion's `attachments`, beside its page.
    Attachment {
        conclusion: &'a str,
        name: &'a str,
    },
    /// Page `n` (from 1) of the timeline.
    Timeline(usize),
    Year(i16),
    Provinces,
    Province(&'a str),
    Documents,
    /// Page `page` (from 1) of the documents index, or of the documents one filter
    /// keeps (`filter`: its URL segment and value, `("loai", "nq")`).
    DocumentsPage {
        filter: Option<(&'a str, &'a str)>,
        page: usize,
    },
    /// The values of one filter of the documents index, by its URL segment (`loai`).
    DocumentFilter(&'a str),
    Document(&'a str),
    Search,
    /// The folder of the search index's files.
    SearchIndex,
    /// The folder of the theme's and the site's static files.
    StaticDir,
    Static(&'a str),
    /// The whole site's Atom feed.
    Feed,
    ProvinceFeed(&'a str),
    DocumentFeed(&'a str),
    /// The folder of the open data files.
    DataDir,
    Data(&'a str),
    Sitemap,
    /// Part `n` (from 1) of a sitemap split under a sitemap index.
    SitemapPart(usize),
    Robots,
    NotFound,
}

impl Route<'_> {
    /// The path under the base path, as written in a URL (`ket-luan/x/`,
    /// `atom.xml`, `""` for the home page).
    fn url_path(&self) -> Cow<'static, str> {
        match *self {
            Route::Home => "".into(),
            Route::Conclusion(slug) => format!("ket-luan/{slug}/").into(),
            Route::Attachment { conclusion, name } => {
                format!("ket-luan/{conclusion}/{}", encode_segment(name)).into()
            }
            Route::Timeline(n) if n <= 1 => "dong-thoi-gian/".into(),
            Route::Timeline(n) => format!("dong-thoi-gian/page/{n}/").into(),
            Route::Year(year) => format!("dong-thoi-gian/{year}/").into(),
            Route::Provinces => "tinh/".into(),
            Route::Province(slug) => format!("tinh/{slug}/").into(),
            Route::Documents => "nghi-quyet/".into(),
            Route::DocumentsPage { filter, page } => {
                let mut path = String::from("nghi-quyet/");
                if let Some((dimension, value)) = filter {
                    path.push_str(&format!("{dimension}/{value}/"));
                }
                if page > 1 {
                    path.push_str(&format!("trang/{page}/"));
                }
                path.into()
            }
            Route::DocumentFilter(dimension) => format!("nghi-quyet/{dimension}/").into(),
            Route::Document(slug) => format!("nghi-quyet/{slug}/").into(),
            Route::Search => "tim-kiem/".into(),
            Route::SearchIndex => format!("{SEARCH_INDEX_DIR}/").into(),
            Route::StaticDir => "static/".into(),
            Route::Static(name) => format!("static/{name}").into(),
            Route::Feed => "atom.xml".into(),
            Route::ProvinceFeed(slug) => format!("tinh/{slug}/atom.xml").into(),
            Route::DocumentFeed(slug) => format!("nghi-quyet/{slug}/atom.xml").into(),
            Route::DataDir => "data/".into(),
            Route::Data(name) => format!("data/{name}").into(),
            Route::Sitemap => "sitemap.xml".into(),
            Route::SitemapPart(n) => format!("sitemap-{n}.xml").into(),
            Route::Robots => "robots.txt".into(),
            Route::NotFound => "404.html".into(),
        }
    }

    /// The output file, relative to the output folder: `ket-luan/x/index.html`,
    /// `atom.xml`, `ket-luan/x/thông báo.pdf`.
    pub fn output_file(&self) -> String {
        match *self {
            Route::Attachment { conclusion, name } => format!("ket-luan/{conclusion}/{name}"),
            _ => index_of(&self.url_path()),
        }
    }

    /// The route of a site path (under the base path, decoded, as
    /// [`resolve_link`] gives it), for the kinds a link in a body may name;
    /// `None` for other paths.
    pub fn of_site_path(path: &str) -> Option<Route<'_>> {
        let path = match path.strip_suffix("index.html") {
            Some(dir) if dir.is_empty() || dir.ends_with('/') => dir,
            _ => path,
        };
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        Some(match segments.as_slice() {
            [] => Route::Home,
            ["ket-luan", slug] => Route::Conclusion(slug),
            ["ket-luan", conclusion, name] => Route::Attachment { conclusion, name },
            ["tinh"] => Route::Provinces,
            ["tinh", slug] => Route::Province(slug),
            ["nghi-quyet"] => Route::Documents,
            ["nghi-quyet", slug] => Route::Document(slug),
            _ => return None,
        })
    }
}

/// `url_path`'s output file: a folder's `index.html`, else the file itself.
fn index_of(url_path: &str) -> String {
    if url_path.is_empty() || url_path.ends_with('/') {
        format!("{url_path}index.html")
    } else {
        url_path.to_string()
    }
}

/// The URLs of a site's routes, carrying the base path.
#[derive(Debug, Clone)]
pub struct Urls {
    base: String,
    origin: String,
}

impl Urls {
    pub fn new(config: &SiteConfig) -> Self {
        Self {
            base: config.base_url.path().to_string(),
            origin: config.base_url.origin().to_string(),
        }
    }

    /// The site-relative URL of `route` (`/ket-luan/ket-luan/x/`).
    pub fn of(&self, route: Route<'_>) -> String {
        format!("{}{}", self.base, route.url_path())
    }

    /// The absolute form of a site-relative URL (feeds, sitemaps, open data).
    pub fn absolute(&self, url: &str) -> String {
        format!("{}{url}", self.origin)
    }

    pub fn home(&self) -> String {
        self.of(Route::Home)
    }
    pub fn conclusion(&self, slug: &str) -> String {
        self.of(Route::Conclusion(slug))
    }
    pub fn timeline(&self) -> String {
        self.of(Route::Timeline(1))
    }
    pub fn timeline_page(&self, n: usize) -> String {
        self.of(Route::Timeline(n))
    }
    pub fn year(&self, year: i16) -> String {
        self.of(Route::Year(year))
    }
    pub fn provinces(&self) -> String {
        self.of(Route::Provinces)
    }
    pub fn province(&self, slug: &str) -> String {
        self.of(Route::Province(slug))
    }
    pub fn documents(&self) -> String {
        self.of(Route::Documents)
    }
    pub fn document(&self, slug: &str) -> String {
        self.of(Route::Document(slug))
    }
    /// Page `page` of the documents index, or of one filter of it.
    pub fn documents_page(&self, filter: Option<(&str, &str)>, page: usize) -> String {
        self.of(Route::DocumentsPage { filter, page })
    }
    /// The page listing every value of one filter of the documents index.
    pub fn documents_filter(&self, dimension: &str) -> String {
        self.of(Route::DocumentFilter(dimension))
    }
    pub fn static_dir(&self) -> String {
        self.of(Route::StaticDir)
    }
    pub fn search(&self) -> String {
        self.of(Route::Search)
    }
    /// Folder of the search index files.
    pub fn search_index(&self) -> String {
        self.of(Route::SearchIndex)
    }
    /// The whole site's Atom feed.
    pub fn feed(&self) -> String {
        self.of(Route::Feed)
    }
    pub fn province_feed(&self, slug: &str) -> String {
        self.of(Route::ProvinceFeed(slug))
    }
    pub fn document_feed(&self, slug: &str) -> String {
        self.of(Route::DocumentFeed(slug))
    }
    /// Folder of the open data files.
    pub fn data(&self) -> String {
        self.of(Route::DataDir)
    }
    pub fn sitemap(&self) -> String {
        self.of(Route::Sitemap)
    }
}

/// Bytes a path segment may hold as they are (RFC 3986 unreserved); everything else
/// is percent-encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `name` percent-encoded for one URL path segment (a file name).
pub fn encode_segment(name: &str) -> String {
    utf8_percent_encode(name, SEGMENT).to_string()
}

/// `%XX` escapes decoded; a `%` not followed by two hex digits stays as written.
/// `None` when the bytes are not UTF-8.
pub fn decode(s: &str) -> Option<String> {
    percent_decode_str(s)
        .decode_utf8()
        .ok()
        .map(Cow::into_owned)
}

/// The output file a requested URL path (after the base path, starting with `/`)
/// names: `/tinh/` → `tinh/index.html`. `None` when the path could leave the site:
/// `.` or `..` segments (also percent-encoded), encoded slashes or backslashes,
/// empty segments (`//etc`), drive letters, NUL, a `%` that starts no escape, or
/// bytes that are not UTF-8.
pub fn output_file_of_request(path: &str) -> Option<String> {
    let rest = path.strip_prefix('/')?;
    let mut segments = Vec::new();
    let raw: Vec<&str> = rest.split('/').collect();
    for (i, segment) in raw.iter().enumerate() {
        if segment.is_empty() {
            if i + 1 == raw.len() {
                continue;
            }
            return None;
        }
        if !escapes_are_whole(segment) {
            return None;
        }
        let decoded = decode(segment)?;
        let bad = decoded == "." || decoded == ".." || decoded.contains(['/', '\\', '\0', ':']);
        if bad {
            return None;
        }
        segments.push(decoded);
    }
    let key = segments.join("/");
    Some(if path.ends_with('/') {
        index_of(&if key.is_empty() { key } else { key + "/" })
    } else {
        key
    })
}

/// Every `%` starts an escape of two hex digits.
fn escapes_are_whole(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().all(|(i, &c)| {
        c != b'%'
            || (b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    })
}

/// Where a link found on a page leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Link {
    /// Another site, another scheme (`mailto:`), or nothing to check.
    Elsewhere,
    /// A path on this host outside the base path (decoded).
    OutsideBase(String),
    /// A path under the base path: decoded, without `.` and `..`, relative to the
    /// base (`ket-luan/x/`, `""` for the home page), and the decoded `#fragment`.
    Site {
        path: String,
        fragment: Option<String>,
    },
}

/// Resolve `link`, found in the output file `from` (`ket-luan/x/index.html`), the way
/// a browser does, against the site's base URL (`https://host/base/`).
pub fn resolve_link(link: &str, from: &str, base_url: &str) -> Link {
    let Ok(page) = Url::parse(base_url).and_then(|base| base.join(from)) else {
        return Link::Elsewhere;
    };
    let Ok(target) = page.join(link.trim()) else {
        return Link::Elsewhere;
    };
    if !matches!(target.scheme(), "http" | "https") || target.origin() != page.origin() {
        return Link::Elsewhere;
    }
    let fragment = target
        .fragment()
        .map(|f| decode(f).unwrap_or_else(|| f.to_string()));
    let path = decode(target.path()).unwrap_or_else(|| target.path().to_string());
    // Both decoded: a base path may hold escapes (`/k%E1%BA%BFt-lu%E1%BA%ADn/`).
    let base_path = page.path().strip_suffix(from).unwrap_or("/");
    let base = decode(base_path).unwrap_or_else(|| base_path.to_string());
    match path.strip_prefix(&base) {
        Some(inside) => Link::Site {
            path: inside.to_string(),
            fragment,
        },
        // The base path without its final `/` is the home page.
        None if path.len() + 1 == base.len() && base.starts_with(&path) => Link::Site {
            path: String::new(),
            fragment,
        },
        None => Link::OutsideBase(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_folders_and_files_are_themselves() {
        assert_eq!(Route::Home.output_file(), "index.html");
        assert_eq!(
            Route::Conclusion("x").output_file(),
            "ket-luan/x/index.html"
        );
        assert_eq!(
            Route::Timeline(1).output_file(),
            "dong-thoi-gian/index.html"
        );
        assert_eq!(
            Route::Timeline(3).output_file(),
            "dong-thoi-gian/page/3/index.html"
        );
        assert_eq!(
            Route::ProvinceFeed("ha-tinh").output_file(),
            "tinh/ha-tinh/atom.xml"
        );
        let a = Route::Attachment {
            conclusion: "x",
            name: "thông báo 1.pdf",
        };
        assert_eq!(a.output_file(), "ket-luan/x/thông báo 1.pdf");
        let config =
            crate::load::config::parse("title: t\nbase_url: https://a.vn/kl/\n", None).unwrap();
        let urls = Urls::new(&config);
        assert_eq!(urls.of(a), "/kl/ket-luan/x/th%C3%B4ng%20b%C3%A1o%201.pdf");
        assert_eq!(urls.home(), "/kl/");
        assert_eq!(urls.absolute(&urls.feed()), "https://a.vn/kl/atom.xml");
    }

    #[test]
    fn a_site_path_names_its_route() {
        assert_eq!(Route::of_site_path(""), Some(Route::Home));
        assert_eq!(
            Route::of_site_path("ket-luan/x/"),
            Some(Route::Conclusion("x"))
        );
        assert_eq!(
            Route::of_site_path("ket-luan/x/index.html"),
            Some(Route::Conclusion("x"))
        );
        assert_eq!(
            Route::of_site_path("tinh/ha-tinh"),
            Some(Route::Province("ha-tinh"))
        );
        assert_eq!(Route::of_site_path("static/style.css"), None);
    }

    #[test]
    fn requests_stay_inside_the_site() {
        let file = output_file_of_request;
        assert_eq!(file("/").as_deref(), Some("index.html"));
        assert_eq!(file("/tinh/").as_deref(), Some("tinh/index.html"));
        assert_eq!(
            file("/static/style.css").as_deref(),
            Some("static/style.css")
        );
        assert_eq!(file("/tinh").as_deref(), Some("tinh"));
        assert_eq!(
            file("/ket-luan/x/th%C3%B4ng%20b%C3%A1o.pdf").as_deref(),
            Some("ket-luan/x/thông báo.pdf")
        );
        for bad in [
            "/../Cargo.toml",
            "/a/../../etc/passwd",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E/x",
            "/a/%2f..%2fb",
            "//etc/passwd",
            "/..%5c..%5cx",
            "/C:/x",
            "/a/./b",
            "/%zz",
            "/%00",
            "/%+5",
            "/%4",
            "/%FF",
        ] {
            assert_eq!(file(bad), None, "{bad}");
        }
    }

    #[test]
    fn links_resolve_like_a_browser() {
        let at = |url: &str| resolve_link(url, "ket-luan/me/index.html", "https://a.vn/kl/");
        let site = |p: &str, f: Option<&str>| Link::Site {
            path: p.into(),
            fragment: f.map(String::from),
        };
        assert_eq!(at("../x/"), site("ket-luan/x/", None));
        assert_eq!(at("a%20b.pdf"), site("ket-luan/me/a b.pdf", None));
        assert_eq!(at("./f.pdf#p2"), site("ket-luan/me/f.pdf", Some("p2")));
        assert_eq!(at("#muc-1"), site("ket-luan/me/index.html", Some("muc-1")));
        assert_eq!(at("/kl"), site("", None));
        assert_eq!(at("https://a.vn/kl/x/"), site("x/", None));
        assert_eq!(at("//a.vn/kl/x/"), site("x/", None));
        assert_eq!(at("https://a.vnx/kl/"), Link::Elsewhere);
        assert_eq!(at("mailto:a@b.vn"), Link::Elsewhere);
        assert_eq!(at("/other/x"), Link::OutsideBase("/other/x".into()));
        assert_eq!(at("../../../x"), Link::OutsideBase("/x".into()));
    }

    #[test]
    fn decoding_keeps_what_is_no_escape() {
        assert_eq!(decode("a%20b").as_deref(), Some("a b"));
        assert_eq!(decode("100%").as_deref(), Some("100%"));
        assert_eq!(decode("%+5").as_deref(), Some("%+5"));
        assert_eq!(decode("%FF"), None);
    }
}

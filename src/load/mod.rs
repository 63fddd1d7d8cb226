//! Stage 1: read a site folder into validated data. Walks `content/`, decodes each
//! file, splits front matter, parses and validates it, and checks what spans files
//! (duplicate slugs). Reports every problem of every file in one run.

pub mod cache;
pub mod classified;
pub mod conclusion;
pub mod config;
pub(crate) mod fields;
pub mod file;
pub mod frontmatter;
pub mod registry;
pub(crate) mod slips;
pub mod theme;
pub mod yaml;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::diagnostic::{self, Diagnostic, Location, Problem};
use crate::model::document::RegistryEntry;
use crate::model::{Attachment, Conclusion, Stamp};
use crate::text;
pub use cache::Cache;

pub const CONTENT_DIR: &str = "content";

/// What to load.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub root: PathBuf,
    /// Overrides `site.yaml`'s `base_url`.
    pub base_url: Option<String>,
    /// Keep conclusions marked `draft: true`.
    pub drafts: bool,
    /// Leave bodies in their files, to be read again when rendered
    /// ([`crate::model::Markdown::Stored`]): what a build does, which reads each
    /// once more. `serve` and `check` keep them.
    pub store_texts: bool,
}

/// A loaded, valid site: settings and conclusions (in no particular order).
#[derive(Debug, Clone)]
pub struct Loaded {
    pub config: SiteConfig,
    pub conclusions: Vec<Arc<Conclusion>>,
    /// What `content/_documents.yaml` states about documents.
    pub registry: Vec<RegistryEntry>,
}

/// Load the site at `options.root`, or return every problem found, sorted.
pub fn load(options: &Options) -> Result<Loaded, Vec<Diagnostic>> {
    load_with(options, None)
}

/// [`load`], reading only the content files that `cache` does not hold unchanged,
/// and refreshing it (for `serve`).
pub fn load_with(options: &Options, cache: Option<&mut Cache>) -> Result<Loaded, Vec<Diagnostic>> {
    let partial = load_partial_with(options, cache);
    match partial.config {
        Some(config) if partial.problems.is_empty() => Ok(Loaded {
            config,
            conclusions: partial.conclusions,
            registry: partial.registry,
        }),
        _ => Err(partial.problems),
    }
}

/// Everything that loaded, and every problem (sorted): what `check` lints when some
/// files have errors.
#[derive(Debug, Clone)]
pub struct Partial {
    pub config: Option<SiteConfig>,
    /// The conclusions that parsed.
    pub conclusions: Vec<Arc<Conclusion>>,
    pub registry: Vec<RegistryEntry>,
    pub problems: Vec<Diagnostic>,
    /// Files of `content/` beside conclusions that no page will carry (warnings for
    /// `check`: a build has nothing to say about files it leaves out).
    pub unpublished: Vec<Diagnostic>,
}

/// Load what can be loaded of the site at `options.root`.
pub fn load_partial(options: &Options) -> Partial {
    load_partial_with(options, None)
}

fn load_partial_with(options: &Options, cache: Option<&mut Cache>) -> Partial {
    let root = options.root.as_path();
    let config = config::load(root, options.base_url.as_deref());
    let (files, mut problems) = walk(root);

    let kept = cache.as_deref();
    let parsed: Vec<Option<Result<Arc<Conclusion>, Vec<Diagnostic>>>> = files
        .markdown
        .par_iter()
        .map(|path| {
            let store = options.store_texts;
            let read = || vanished(path, read_conclusion(root, path, store).map(Arc::new));
            let Some(cache) = kept else {
                return read();
            };
            let (hit, stamp) = cache.get(path);
            if hit.is_some() {
                return hit.map(Ok);
            }
            let result = read();
            if let Some(Ok(c)) = &result {
                cache.keep(path, stamp, c);
            }
            result
        })
        .collect();
    if let Some(cache) = cache {
        cache.finish(&files.markdown);
    }
    let mut conclusions = Vec::with_capacity(parsed.len());
    for result in parsed.into_iter().flatten() {
        match result {
            Ok(c) => conclusions.push(c),
            Err(d) => problems.extend(d),
        }
    }
    problems.extend(duplicate_slugs(&conclusions));
    let settings = config.as_ref().ok();
    let publish_unlisted = settings.is_some_and(|c| c.publish_unlisted);
    let max_documents = settings.map_or(crate::config::MAX_CITED_DOCUMENTS, |c| {
        c.max_cited_documents
    });
    problems.extend(too_many_documents(&conclusions, max_documents));
    let unpublished = bundle_files(&mut conclusions, &files.other, root, publish_unlisted);
    if !options.drafts {
        conclusions.retain(|c| !c.draft);
    }

    let registry = registry::load(root).unwrap_or_else(|d| {
        problems.extend(d);
        Vec::new()
    });
    let config = match config {
        Ok(c) => Some(c),
        Err(d) => {
            problems.extend(d);
            None
        }
    };
    diagnostic::sort(&mut problems);
    Partial {
        config,
        conclusions,
        registry,
        problems,
        unpublished,
    }
}

/// Read the content file `path` again, which the watcher named, and keep it in
/// `cache` (for `serve`). `None` when the last load did not read it (a new file, a
/// folder, a file now gone): only a whole load can place those in the site.
pub fn reload(
    root: &Path,
    path: &Path,
    cache: &mut Cache,
) -> Option<Result<Arc<Conclusion>, Vec<Diagnostic>>> {
    if !cache.contains(path) || !std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let stamp = Stamp::of(path);
    let result = read_conclusion(root, path, false).map(Arc::new);
    match &result {
        Ok(c) => cache.put(path, stamp, c.clone()),
        Err(_) => cache.forget([path]),
    }
    Some(result)
}

/// A file that is gone by the time it is read (deleted or renamed while loading,
/// as editors and `git checkout` do) is not content.
fn vanished<T>(
    path: &Path,
    result: Result<T, Vec<Diagnostic>>,
) -> Option<Result<T, Vec<Diagnostic>>> {
    (result.is_ok() || std::fs::symlink_metadata(path).is_ok()).then_some(result)
}

/// Read and parse one content file (absolute `path`), keeping its body in memory
/// or, with `store`, leaving it there to be read again.
pub fn read_conclusion(
    root: &Path,
    path: &Path,
    store: bool,
) -> Result<Conclusion, Vec<Diagnostic>> {
    let rel = diagnostic::relative(root, path);
    // Rendering takes about ten times a body's size in memory: the limit keeps a
    // build under 1 GB (real conclusions are well under 1 MB).
    const LIMIT_MB: u64 = 32;
    let unreadable = |e: std::io::Error| {
        vec![Diagnostic::new(
            Location::file(&rel),
            Problem::Unreadable(e.to_string()),
        )]
    };
    // One open for the size check and the read: system calls are dear. The open
    // follows no link and reads no pipe, whatever the folder walk saw.
    let (file, meta) = file::open_regular(path).map_err(|r| vec![r.diagnostic(&rel)])?;
    let len = meta.len();
    if len > LIMIT_MB << 20 {
        return Err(vec![Diagnostic::new(
            Location::file(&rel),
            Problem::TooLarge {
                size_mb: len.div_ceil(1 << 20),
                limit_mb: LIMIT_MB,
            },
        )]);
    }
    let bytes = crate::text::source::read_len(file, len).map_err(unreadable)?;
    let decoded = crate::text::source::decode_file(bytes).map_err(|e| {
        vec![Diagnostic::new(
            Location::at(&rel, e.line, e.column),
            Problem::NotUtf8 {
                detected: e.detected,
            },
        )]
    })?;
    let dir = path.parent().unwrap_or(root);
    // A file that had to be normalized is kept: reading it again would mean decoding
    // it again, and only its bytes as they are can be checked cheaply. Without a
    // modification time a change could not be told: the body is kept too.
    let stored_at = (store && decoded.as_is)
        .then_some(path)
        .zip(Stamp::of_metadata(&meta));
    conclusion::parse_storing(&rel, dir, &decoded.text, stored_at)
}

/// Files found under `content/`, sorted by path.
#[derive(Debug, Default)]
struct Files {
    markdown: Vec<PathBuf>,
    other: Vec<PathBuf>,
}

/// Hidden entries and names starting with `_` (data files such as a registry) are not
/// content. Symbolic links are refused rather than followed: they could point
/// outside the site or loop.
fn walk(root: &Path) -> (Files, Vec<Diagnostic>) {
    let mut files = Files::default();
    let mut problems = Vec::new();
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        problems.push(Diagnostic::new(
            Location::file(CONTENT_DIR),
            Problem::NoContent(root.display().to_string()),
        ));
        return (files, problems);
    }
    let walker = walkdir::WalkDir::new(&content)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name()));
    let mut names = Names::default();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let at = e
                    .path()
                    .map(|p| diagnostic::relative(root, p))
                    .unwrap_or_default();
                problems.push(Diagnostic::new(
                    Location::file(at),
                    Problem::Unreadable(e.to_string()),
                ));
                continue;
            }
        };
        let path = entry.path();
        if entry.depth() > 0
            && let Some(problem) = names.problem(path)
        {
            problems.push(Diagnostic::new(
                Location::file(diagnostic::relative(root, path)),
                problem,
            ));
        }
        if entry.path_is_symlink() {
            problems.push(Diagnostic::new(
                Location::file(diagnostic::relative(root, path)),
                Problem::SymbolicLink {
                    copy: "part-copy-file-into-content",
                },
            ));
        } else if entry.file_type().is_file() {
            if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("md"))
            {
                files.markdown.push(path.to_path_buf());
            } else {
                files.other.push(path.to_path_buf());
            }
        }
    }
    (files, problems)
}

/// The names seen in the content folder, to refuse those a Windows checkout of the
/// site cannot hold: names Windows refuses, and names that differ only in case from
/// another in the same folder (compared within a folder, so that the files of two
/// such folders are not reported again).
#[derive(Default)]
struct Names {
    seen: HashMap<(PathBuf, String), String>,
}

impl Names {
    fn problem(&mut self, path: &Path) -> Option<Problem> {
        let name = path.file_name()?.to_string_lossy().into_owned();
        if let Err(why) = text::portable::check(&name) {
            return Some(Problem::WindowsName {
                rename: text::portable::portable(&name),
                reason: why.reason(),
                name,
            });
        }
        let folder = path.parent()?.to_path_buf();
        let key = (folder, text::portable::case_key(&name));
        match self.seen.get(&key) {
            Some(other) => Some(Problem::CaseClash {
                rename: case_rename(&name),
                other: other.clone(),
                name,
            }),
            None => {
                self.seen.insert(key, name);
                None
            }
        }
    }
}

/// `Ket-Luan.md` → `ket-luan-2.md`: a name that no longer clashes with its twin.
fn case_rename(name: &str) -> String {
    let lower = name.to_lowercase();
    match lower.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{stem}-2.{ext}"),
        _ => format!("{lower}-2"),
    }
}

fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.starts_with('_') || name.ends_with('~')
}

fn duplicate_slugs(conclusions: &[Arc<Conclusion>]) -> Vec<Diagnostic> {
    // Reported in file order; found through a hash map (at 100,000 files an ordered
    // map spent most of its time comparing slugs).
    let mut first: rustc_hash::FxHashMap<&str, &Conclusion> =
        rustc_hash::FxHashMap::with_capacity_and_hasher(conclusions.len(), Default::default());
    let mut problems = Vec::new();
    let mut sorted: Vec<&Conclusion> = conclusions.iter().map(|c| &**c).collect();
    sorted.sort_by(|a, b| a.file.cmp(&b.file));
    for c in sorted {
        match first.get(c.slug.as_str()) {
            Some(other) => problems.push(Diagnostic::new(
                Location::at(&c.file, 1, 1),
                Problem::DuplicateSlug {
                    slug: c.slug.to_string(),
                    other: other.file.to_string_lossy().replace('\\', "/"),
                },
            )),
            None => {
                first.insert(c.slug.as_str(), c);
            }
        }
    }
    problems
}

/// A conclusion that cites more than `max` different documents (its own list and
/// its text's together): each of them would carry it on its page and in its feed.
fn too_many_documents(conclusions: &[Arc<Conclusion>], max: usize) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for c in conclusions {
        let mut seen = std::collections::HashSet::new();
        let cited = c
            .documents
            .iter()
            .chain(c.mentions.iter().map(|m| &m.number));
        for number in cited {
            seen.insert(number);
        }
        if seen.len() > max {
            problems.push(Diagnostic::new(
                Location::at(&c.file, c.markdown_line, 1),
                Problem::TooManyDocuments {
                    count: seen.len(),
                    max,
                },
            ));
        }
    }
    problems
}

/// Non-Markdown files go beside the page of the conclusion that lists them in
/// `attachments:` or links to them from its text; nothing else of `content/` is
/// published (an internal note beside a conclusion must not be). With
/// `publish_unlisted`, a conclusion alone in its folder also takes the folder's
/// other files, as a page bundle. Returns a warning for each file beside
/// conclusions that is left out, and for an `index.html`, which would replace the
/// page (a saved web page).
fn bundle_files(
    conclusions: &mut [Arc<Conclusion>],
    other: &[PathBuf],
    root: &Path,
    publish_unlisted: bool,
) -> Vec<Diagnostic> {
    let mut left_out = Vec::new();
    if other.is_empty() {
        return left_out;
    }
    let mut per_dir: BTreeMap<PathBuf, Vec<usize>> = BTreeMap::new();
    for (i, c) in conclusions.iter().enumerate() {
        let dir = root
            .join(&c.file)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        per_dir.entry(dir).or_default().push(i);
    }
    for path in other {
        let Some(dir) = path.parent() else { continue };
        // A file in a folder without a conclusion is never published, and is no
        // editor's slip.
        let Some(owners) = per_dir.get(dir) else {
            continue;
        };
        let listed = owners
            .iter()
            .any(|&i| conclusions[i].attachments.iter().any(|a| a.path == *path));
        if listed {
            continue;
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let linker = name.as_deref().and_then(|name| {
            owners.iter().copied().find(|&i| {
                conclusions[i]
                    .linked
                    .iter()
                    .any(|l| l == name || crate::routes::decode(l).as_deref() == Some(name))
            })
        });
        let why = match (owners.as_slice(), name) {
            (_, Some(name)) if conclusion::is_page_name(&name) => "part-unpublished-page-name",
            (_, Some(name)) if linker.is_some() => {
                let i = linker.expect("found");
                Arc::make_mut(&mut conclusions[i]).files.push(Attachment {
                    name,
                    path: path.clone(),
                });
                continue;
            }
            ([only], Some(name)) if publish_unlisted => {
                // Kept parsed files are shared with the cache, which holds them
                // unbundled: this copies one.
                Arc::make_mut(&mut conclusions[*only])
                    .files
                    .push(Attachment {
                        name,
                        path: path.clone(),
                    });
                continue;
            }
            ([_], _) => "part-unpublished-unlisted",
            _ => "part-unpublished-several",
        };
        let file = path.strip_prefix(root).unwrap_or(path);
        left_out.push(Diagnostic::new(
            Location::file(file),
            Problem::UnpublishedFile(why),
        ));
    }
    left_out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Markdown;

    const FILE: &str = "---\ntitle: Kết luận\ndate: 2025-03-01\nprovince: Hà Tĩnh\n---\nNội dung\n";

    /// A stored body is read again from the file; once the file changes, reading it
    /// again fails rather than render another text. A file that had to be decoded
    /// (CRLF, BOM, NFD) is kept.
    #[test]
    fn a_stored_body_is_read_again_until_its_file_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("content").join("a.md");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, FILE.replace('\n', "\r\n")).unwrap();
        let crlf = read_conclusion(dir.path(), &path, true).unwrap();
        assert!(matches!(crlf.markdown, Markdown::Kept(_)));
        assert_eq!(&*crlf.markdown.text().unwrap(), "Nội dung\n");

        std::fs::write(&path, FILE).unwrap();

        let kept = read_conclusion(dir.path(), &path, false).unwrap();
        let stored = read_conclusion(dir.path(), &path, true).unwrap();
        assert!(matches!(kept.markdown, Markdown::Kept(_)));
        assert!(matches!(stored.markdown, Markdown::Stored(_)));
        assert_eq!(&*stored.markdown.text().unwrap(), "Nội dung\n");
        assert_eq!(
            stored.markdown.text().unwrap(),
            kept.markdown.text().unwrap()
        );

        std::fs::write(&path, FILE.replace("Nội dung", "Nội dung mới")).unwrap();
        let err = stored.markdown.text().unwrap_err();
        assert!(err.to_string().contains("changed"), "{err}");
        std::fs::remove_file(&path).unwrap();
        assert!(stored.markdown.text().is_err());
    }
}

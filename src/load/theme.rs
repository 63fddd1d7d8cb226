//! Stage 1 for the theme: its templates, translations and static files read from
//! disk in override order — the site's own `templates/` (and `translations/`,
//! `static/`) first, then `themes/<theme>/`, then the default theme built into the
//! binary (so a site needs no copy of the default theme to build). The render stage
//! compiles them ([`crate::render::Theme::compile`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Location, Problem};
use crate::load::yaml;

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Tera names of theme templates carry these prefixes so that a site template of
/// the same plain name wins, including inside `extends` and `include`.
pub const THEME_PREFIX: &str = "theme/";
pub const BUILTIN_PREFIX: &str = "builtin/";

/// The theme's files as read, before compiling.
pub struct ThemeFiles {
    /// (Tera name, source) of every template, site's first.
    pub templates: Vec<(String, String)>,
    /// Tera name → file shown in messages.
    pub sources: BTreeMap<String, PathBuf>,
    /// UI strings of the site's language (`t` in templates).
    pub translations: BTreeMap<String, String>,
    /// Static files: output path under `static/` → where its bytes are, site
    /// overrides applied.
    pub static_files: BTreeMap<String, StaticFile>,
    /// What `check` reports as probably wrong: site templates that change nothing.
    pub warnings: Vec<Diagnostic>,
}

/// A static file of the theme or the site.
#[derive(Debug, Clone)]
pub enum StaticFile {
    Builtin(&'static [u8]),
    Disk(PathBuf),
}

/// Read the theme `config` names for the site at `root`: its files (none when the
/// theme itself cannot be had), and every problem found.
pub fn read(root: &Path, config: &SiteConfig) -> (Option<ThemeFiles>, Vec<Diagnostic>) {
    let theme_dir = root.join("themes").join(&config.theme);
    let mut problems = Vec::new();
    if is_link(&theme_dir, root, &mut problems) {
        return (None, problems);
    }
    let use_builtin = !theme_dir.is_dir();
    if use_builtin && config.theme != "default" {
        let missing = Diagnostic::new(
            Location::file("site.yaml"),
            Problem::InvalidValue {
                key: "theme",
                value: config.theme.clone(),
                expected: "expected-theme",
            },
        );
        return (None, vec![missing]);
    }
    let mut sources = BTreeMap::new();
    let mut templates: Vec<(String, String)> = Vec::new();

    let mut add_dir = |dir: &Path, prefix: &str, problems: &mut Vec<Diagnostic>| {
        for (name, path) in files_under(dir, problems, root) {
            // Notes for people (`templates/README.md`, written by `init`), not
            // templates: no page is rendered from Markdown.
            if name.ends_with(".md") {
                continue;
            }
            match read_text(&path, root) {
                Ok(text) => {
                    let full = format!("{prefix}{name}");
                    sources.insert(full.clone(), crate::diagnostic::relative(root, &path));
                    templates.push((full, text));
                }
                Err(d) => problems.push(d),
            }
        }
    };
    add_dir(&root.join("templates"), "", &mut problems);
    if use_builtin {
        for file in builtin_files("templates") {
            let name = file
                .0
                .strip_prefix("templates/")
                .unwrap_or(&file.0)
                .to_string();
            let full = format!("{BUILTIN_PREFIX}{name}");
            sources.insert(
                full.clone(),
                PathBuf::from("(built-in theme)").join(&file.0),
            );
            templates.push((full, String::from_utf8_lossy(file.1).into_owned()));
        }
    } else {
        add_dir(&theme_dir.join("templates"), THEME_PREFIX, &mut problems);
    }

    let texts: BTreeMap<String, String> = templates.iter().cloned().collect();
    let site_templates: Vec<&str> = texts
        .iter()
        .filter(|(name, _)| theme_name(name).is_none())
        .map(|(_, text)| text.as_str())
        .collect();
    let translations = load_translations(
        root,
        &theme_dir,
        use_builtin,
        config,
        &site_templates,
        &mut problems,
    );
    let static_files = load_static(root, &theme_dir, use_builtin, &mut problems);
    let warnings = unused_templates(&texts, &sources);
    let files = ThemeFiles {
        templates,
        sources,
        translations,
        static_files,
        warnings,
    };
    (Some(files), problems)
}

/// The plain name of a theme template (`partials/footer.html`), `None` for a site's.
pub fn theme_name(name: &str) -> Option<&str> {
    name.strip_prefix(THEME_PREFIX)
        .or_else(|| name.strip_prefix(BUILTIN_PREFIX))
}

/// A warning for each site template that changes nothing: the theme has no template
/// of its name (so it overrides none; `templates/footer.html` for
/// `partials/footer.html`) and no template names it in quotes, as `include`,
/// `extends` and `import` do. Pages are rendered from theme names only.
fn unused_templates(
    texts: &BTreeMap<String, String>,
    sources: &BTreeMap<String, PathBuf>,
) -> Vec<Diagnostic> {
    let theme: Vec<&str> = texts.keys().filter_map(|n| theme_name(n)).collect();
    let named = |name: &str| {
        let (double, single) = (format!("\"{name}\""), format!("'{name}'"));
        texts
            .values()
            .any(|t| t.contains(&double) || t.contains(&single))
    };
    texts
        .keys()
        .filter(|n| theme_name(n).is_none() && !theme.contains(&n.as_str()) && !named(n))
        .map(|name| {
            // By file name without extension: `footr.html` is close to `footer.html`,
            // `mine.html` not to `base.html`.
            let stem = |n: &str| {
                let file = n.rsplit('/').next().unwrap_or(n);
                file.split('.').next().unwrap_or(file).to_string()
            };
            let wanted = stem(name);
            let closest = theme
                .iter()
                .find(|t| stem(t) == wanted)
                .or_else(|| {
                    let stems: Vec<String> = theme.iter().map(|t| stem(t)).collect();
                    let near =
                        crate::load::fields::nearest(&wanted, stems.iter().map(String::as_str))?;
                    theme.iter().find(|t| stem(t) == near)
                })
                .map(|t| t.to_string());
            Diagnostic::new(
                Location::file(sources[name].clone()),
                Problem::UnusedTemplate {
                    name: name.clone(),
                    closest,
                },
            )
        })
        .collect()
}

/// Every file under `dir`, as (name relative to `dir` with `/`, path), sorted.
fn files_under(dir: &Path, problems: &mut Vec<Diagnostic>, root: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    if is_link(dir, root, problems) || !dir.is_dir() {
        return out;
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        match entry {
            Ok(e) if e.path_is_symlink() => {
                let _ = is_link(e.path(), root, problems);
            }
            Ok(e) if e.file_type().is_file() => {
                let hidden = e.file_name().to_string_lossy().starts_with('.');
                if hidden {
                    continue;
                }
                let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
                let name = rel.to_string_lossy().replace('\\', "/");
                out.push((name, e.path().to_path_buf()));
            }
            Ok(e) if !e.file_type().is_dir() => problems.push(Diagnostic::new(
                Location::file(crate::diagnostic::relative(root, e.path())),
                Problem::NotAFile,
            )),
            Ok(_) => {}
            Err(err) => problems.push(Diagnostic::new(
                Location::file(
                    err.path()
                        .map(|p| crate::diagnostic::relative(root, p))
                        .unwrap_or_default(),
                ),
                Problem::Unreadable(err.to_string()),
            )),
        }
    }
    out
}

/// Symbolic links are refused, not followed, as in content/: they could point
/// outside the site or loop. Reports one and returns true if `path` is one.
fn is_link(path: &Path, root: &Path, problems: &mut Vec<Diagnostic>) -> bool {
    let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if link {
        problems.push(Diagnostic::new(
            Location::file(crate::diagnostic::relative(root, path)),
            Problem::SymbolicLink {
                copy: "part-copy-into-site",
            },
        ));
    }
    link
}

/// A template or translation file: a few KB; the limit only stops a wrong file.
const TEXT_LIMIT: u64 = 1 << 20;

fn read_text(path: &Path, root: &Path) -> Result<String, Diagnostic> {
    let rel = crate::diagnostic::relative(root, path);
    let bytes =
        crate::load::file::read_regular(path, TEXT_LIMIT).map_err(|r| r.diagnostic(&rel))?;
    crate::text::source::decode(bytes).map_err(|e| {
        Diagnostic::new(
            Location::at(&rel, e.line, e.column),
            Problem::NotUtf8 {
                detected: e.detected,
            },
        )
    })
}

/// Built-in theme files under `sub` as (path relative to the theme, bytes), sorted.
fn builtin_files(sub: &str) -> Vec<(String, &'static [u8])> {
    let mut out = Vec::new();
    fn collect(dir: &'static Dir<'static>, out: &mut Vec<(String, &'static [u8])>) {
        for f in dir.files() {
            out.push((f.path().to_string_lossy().replace('\\', "/"), f.contents()));
        }
        for d in dir.dirs() {
            collect(d, out);
        }
    }
    if let Some(dir) = BUILTIN.get_dir(sub) {
        collect(dir, &mut out);
    }
    out.sort();
    out
}

fn load_translations(
    root: &Path,
    theme_dir: &Path,
    use_builtin: bool,
    config: &SiteConfig,
    site_templates: &[&str],
    problems: &mut Vec<Diagnostic>,
) -> BTreeMap<String, String> {
    let file = format!("translations/{}.yaml", config.language.code());
    let mut strings = BTreeMap::new();
    let theme_text = if use_builtin {
        BUILTIN.get_file(&file).map(|f| {
            (
                PathBuf::from("(built-in theme)").join(&file),
                String::from_utf8_lossy(f.contents()).into_owned(),
            )
        })
    } else {
        let path = theme_dir.join(&file);
        (!is_link(&path, root, problems) && std::fs::symlink_metadata(&path).is_ok())
            .then(|| read_text(&path, root).map(|t| (crate::diagnostic::relative(root, &path), t)))
            .and_then(|r| r.map_err(|d| problems.push(d)).ok())
    };
    let site_path = root.join(&file);
    let site_text = (!is_link(&site_path, root, problems)
        && std::fs::symlink_metadata(&site_path).is_ok())
    .then(|| read_text(&site_path, root).map(|t| (PathBuf::from(&file), t)))
    .and_then(|r| r.map_err(|d| problems.push(d)).ok());
    if let Some((path, text)) = theme_text {
        match yaml::parse_as::<BTreeMap<String, String>>(&text, 1) {
            Ok(map) => strings = map,
            Err(e) => problems.push(
                Diagnostic::new(Location::at(path, e.line, e.column), e.problem).with_source(&text),
            ),
        }
    }
    if let Some((path, text)) = site_text {
        override_strings(&path, &text, &mut strings, site_templates, problems);
    }
    strings
}

/// Apply the site's translation file `text` to the theme's `strings`. Each key must be
/// one the theme has, or one a site template uses (`t.key`: its own string), and
/// each value one text; problems are placed at the key or value.
fn override_strings(
    path: &Path,
    text: &str,
    strings: &mut BTreeMap<String, String>,
    site_templates: &[&str],
    problems: &mut Vec<Diagnostic>,
) {
    let mut report = |line: usize, column: usize, problem: Problem| {
        problems.push(Diagnostic::new(Location::at(path, line, column), problem).with_source(text));
    };
    let fields = match yaml::parse_mapping(text, 1) {
        Ok(fields) => fields,
        Err(e) => return report(e.line, e.column, e.problem),
    };
    for field in fields.fields {
        let Ok(Some(value)) = crate::load::fields::scalar(&field.value) else {
            let (line, column) = field.value_position(text);
            let expected = "expected-translation";
            report(
                line,
                column,
                Problem::WrongType {
                    key: field.key,
                    expected,
                },
            );
            continue;
        };
        if !strings.contains_key(&field.key) && !site_templates.iter().any(|t| uses(t, &field.key))
        {
            let suggestion =
                crate::load::fields::nearest(&field.key, strings.keys().map(String::as_str));
            let problem = Problem::UnknownKey {
                suggestion: suggestion.map(str::to_string),
                key: field.key,
                known: &[],
            };
            report(field.line, field.column, problem);
            continue;
        }
        strings.insert(field.key, value);
    }
}

/// Whether `template` reads the string `key` (`t.key`, not `t.key_more`).
fn uses(template: &str, key: &str) -> bool {
    let reference = format!("t.{key}");
    template.match_indices(&reference).any(|(i, _)| {
        let after = template[i + reference.len()..].chars().next();
        let before = template[..i].chars().next_back();
        !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
            && !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
    })
}

fn load_static(
    root: &Path,
    theme_dir: &Path,
    use_builtin: bool,
    problems: &mut Vec<Diagnostic>,
) -> BTreeMap<String, StaticFile> {
    let mut files = BTreeMap::new();
    if use_builtin {
        for (path, bytes) in builtin_files("static") {
            let name = path.strip_prefix("static/").unwrap_or(&path).to_string();
            files.insert(name, StaticFile::Builtin(bytes));
        }
    } else {
        for (name, path) in files_under(&theme_dir.join("static"), problems, root) {
            files.insert(name, StaticFile::Disk(path));
        }
    }
    for (name, path) in files_under(&root.join("static"), problems, root) {
        files.insert(name, StaticFile::Disk(path));
    }
    files
}

//! The theme: Tera templates, translations and static files, resolved in override
//! order — the site's own `templates/` (and `translations/`, `static/`) first, then
//! `themes/<theme>/`, then the default theme built into the binary (so a site needs
//! no copy of the default theme to build).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Location, Problem};
use crate::load::yaml;

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Tera names of theme templates carry these prefixes so that a site template of
/// the same plain name wins, including inside `extends` and `include`.
const THEME_PREFIX: &str = "theme/";
const BUILTIN_PREFIX: &str = "builtin/";

/// A loaded theme, ready to render.
pub struct Theme {
    pub tera: tera::Tera,
    /// UI strings of the site's language (`t` in templates).
    pub translations: BTreeMap<String, String>,
    /// Tera name → file shown in messages.
    sources: BTreeMap<String, PathBuf>,
    /// Static files: output path under `static/` → bytes, site overrides applied.
    pub static_files: BTreeMap<String, StaticFile>,
    /// Tera name → source of every template (for `serve` to see which changed).
    pub texts: BTreeMap<String, String>,
    /// What `check` reports as probably wrong: site templates that change nothing.
    pub warnings: Vec<Diagnostic>,
}

/// A static file of the theme or the site.
#[derive(Debug, Clone)]
pub enum StaticFile {
    Builtin(&'static [u8]),
    Disk(PathBuf),
}

impl Theme {
    pub fn load(root: &Path, config: &SiteConfig) -> Result<Theme, Vec<Diagnostic>> {
        let theme_dir = root.join("themes").join(&config.theme);
        let mut problems = Vec::new();
        if is_link(&theme_dir, root, &mut problems) {
            return Err(problems);
        }
        let use_builtin = !theme_dir.is_dir();
        if use_builtin && config.theme != "default" {
            return Err(vec![Diagnostic::new(
                Location::file("site.yaml"),
                Problem::InvalidValue {
                    key: "theme",
                    value: config.theme.clone(),
                    expected: "the name of a folder in themes/",
                },
            )]);
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

        let mut tera = tera::Tera::new();
        tera.register_function("range", super::budget::range);
        tera.set_fallback_prefixes([THEME_PREFIX, BUILTIN_PREFIX])
            .expect("set before templates are added");
        tera.autoescape_on(vec![".html", ".xml"]);
        let texts: BTreeMap<String, String> = templates.iter().cloned().collect();
        let aliases = plain_aliases(&templates);
        for (alias, prefixed) in &aliases {
            if let Some(file) = sources.get(prefixed).cloned() {
                sources.insert(alias.clone(), file);
            }
        }
        templates.extend(
            aliases
                .into_iter()
                .map(|(alias, prefixed)| (alias, texts[&prefixed].clone())),
        );
        if let Err(e) = tera.add_raw_templates(templates) {
            problems.push(template_error(&e, &sources));
        }

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
        if problems.is_empty() {
            Ok(Theme {
                tera,
                translations,
                sources,
                static_files,
                texts,
                warnings,
            })
        } else {
            Err(problems)
        }
    }

    /// Render `template` with `context`; a template error names the template file.
    /// Bytes, not a `String`: the output is UTF-8 by construction and re-validating
    /// every page would cost a tenth of the build.
    pub fn render(&self, template: &str, context: &tera::Context) -> Result<Vec<u8>, Diagnostic> {
        // A conclusion page is 16-17 KB with a 10 KB body: 32 KB saves most pages a
        // reallocation and copy.
        let file = self.sources.get(template).map(PathBuf::as_path);
        let name = file.map_or(template.as_bytes(), |f| f.as_os_str().as_encoded_bytes());
        let budget = super::budget::Render::start(name);
        let mut out = super::budget::Capped::new(32 * 1024);
        let rendered = self.tera.render_to(template, context, &mut out);
        let over = budget.over();
        drop(budget);
        match (rendered, over) {
            (Ok(()), _) => Ok(out.bytes),
            (Err(e), None) => Err(template_error(&e, &self.sources)),
            // Where Tera was when the budget ran out (a loop's `range()`), or the
            // template itself.
            (Err(e), Some(over)) => {
                let at = template_error(&e, &self.sources).location;
                let location = if at.line > 0 {
                    at
                } else {
                    Location::file(file.unwrap_or(Path::new(template)))
                };
                Err(Diagnostic::new(
                    location,
                    Problem::TemplateBudget(over.budget()),
                ))
            }
        }
    }
}

/// (plain name, prefixed name) of each theme template the site does not override.
/// Registered under the plain name too, Tera finds it at the first lookup of every
/// `include` and `extends`, instead of trying each fallback prefix in turn (two
/// allocations and three lookups per include, about 1 % of a build). The site's
/// templates are plain already, so they still win.
fn plain_aliases(templates: &[(String, String)]) -> Vec<(String, String)> {
    let overridden: std::collections::HashSet<&str> = templates
        .iter()
        .filter(|(name, _)| theme_name(name).is_none())
        .map(|(name, _)| name.as_str())
        .collect();
    templates
        .iter()
        .filter_map(|(name, _)| {
            let plain = theme_name(name)?;
            (!overridden.contains(plain)).then(|| (plain.to_string(), name.clone()))
        })
        .collect()
}

/// The plain name of a theme template (`partials/footer.html`), `None` for a site's.
fn theme_name(name: &str) -> Option<&str> {
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

/// A Tera error as a diagnostic at the template's file, line and column.
fn template_error(e: &tera::Error, sources: &BTreeMap<String, PathBuf>) -> Diagnostic {
    use tera::ErrorKind;
    let file_of = |name: &str| {
        sources
            .get(name)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(name))
    };
    match e.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            Diagnostic::new(
                Location::at(
                    file_of(report.filename()),
                    span.start_line,
                    span.start_col + 1,
                ),
                Problem::Template(report.message().to_string()),
            )
        }
        other => Diagnostic::new(
            Location::file("templates"),
            Problem::Template(other.to_string()),
        ),
    }
}

/// How Tera ends the message of an undefined variable: the variables of the page
/// being rendered.
const AVAILABLE: &str = ". Available variables: ";

/// `diagnostics` without repeats, in their order. A template error is reported once
/// per place and message: a partial that fails on every kind of page (a header)
/// differs between them only in the variables each kind has, and those are merged
/// into the ones every such page has, the ones the template may use.
pub fn distinct(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::with_capacity(diagnostics.len());
    for d in diagnostics {
        let Problem::Template(message) = &*d.problem else {
            if !out.contains(&d) {
                out.push(d);
            }
            continue;
        };
        let (head, variables) = message.split_once(AVAILABLE).unwrap_or((message, ""));
        let same = |o: &&mut Diagnostic| {
            o.location == d.location
                && matches!(&*o.problem, Problem::Template(m) if m.split(AVAILABLE).next() == Some(head))
        };
        let Some(earlier) = out.iter_mut().find(same) else {
            out.push(d);
            continue;
        };
        if let Problem::Template(kept) = &mut *earlier.problem
            && let Some((_, listed)) = kept.split_once(AVAILABLE)
        {
            let here: Vec<&str> = variables.split(", ").collect();
            let common: Vec<&str> = listed.split(", ").filter(|v| here.contains(v)).collect();
            *kept = if common.is_empty() {
                head.to_string()
            } else {
                format!("{head}{AVAILABLE}{}", common.join(", "))
            };
        }
    }
    out
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
                copy: "the file or folder into the site",
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
    crate::text::source::decode(bytes)
        .map_err(|e| Diagnostic::new(Location::at(&rel, e.line, e.column), Problem::NotUtf8))
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
            let expected = "one text in quotes, not a list, a mapping or nothing";
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

//! The theme compiled: Tera templates ready to render, with the translations and
//! static files the load stage read ([`crate::load::theme`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Location, Problem};
pub use crate::load::theme::StaticFile;
use crate::load::theme::{BUILTIN_PREFIX, THEME_PREFIX, ThemeFiles, theme_name};

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

impl Theme {
    /// Compile the templates read by the load stage.
    pub fn compile(files: ThemeFiles) -> Result<Theme, Vec<Diagnostic>> {
        let ThemeFiles {
            mut templates,
            mut sources,
            translations,
            static_files,
            warnings,
        } = files;
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
        tera.add_raw_templates(templates)
            .map_err(|e| vec![template_error(&e, &sources)])?;
        Ok(Theme {
            tera,
            translations,
            sources,
            static_files,
            texts,
            warnings,
        })
    }

    /// The templates pages are rendered from, by plain name (a site's template in
    /// place of the theme's it overrides): name, the file shown in messages, text.
    pub fn page_templates(&self) -> impl Iterator<Item = (&str, &Path, &str)> {
        self.sources
            .iter()
            .filter(|(name, _)| theme_name(name).is_none())
            .filter_map(|(name, file)| {
                let text = [String::new(), THEME_PREFIX.into(), BUILTIN_PREFIX.into()]
                    .iter()
                    .find_map(|prefix| self.texts.get(&format!("{prefix}{name}")))?;
                Some((name.as_str(), file.as_path(), text.as_str()))
            })
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

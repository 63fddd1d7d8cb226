//! `ketluan check`: everything `build` rejects (errors), plus what is legal but
//! probably wrong (warnings), without writing anything.
//!
//! There is one pipeline: the site is loaded, indexed and rendered in memory by the
//! same stages as `build` (drafts included), and the lint rules read the loaded model.
//! Positions for the warnings come from the same front-matter reader the load stage
//! uses ([`crate::load::yaml`]).

mod documents;
pub mod fix;
mod rules;
mod slips;

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::diagnostic::{self, Diagnostic, Location};
use crate::load::{self, frontmatter, yaml};
use crate::model::{Conclusion, Markdown, Site};
use crate::render::{self, Theme};
use crate::text::source;
use crate::timings::Timings;

/// What `ketluan check` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    /// "Today", for dates in the future.
    pub today: Date,
}

/// Every problem of the site at `options.root`, errors and warnings, sorted by file,
/// line and column.
pub fn check(options: &Options) -> Vec<Diagnostic> {
    let root = options.root.as_path();
    let partial = load::load_partial(&load::Options {
        root: options.root.clone(),
        base_url: None,
        drafts: true,
        // Every rule reads the bodies.
        store_texts: false,
    });
    let mut found = partial.problems;
    found.extend(partial.unpublished);
    if let Some(config) = partial.config {
        let theme = crate::build::load_theme(root, &config);
        let site = Site::new(config, partial.conclusions, &partial.registry);
        let sources: Vec<Source> = site
            .conclusions
            .iter()
            .map(|c| Source::read(root, c))
            .collect();
        found.extend(rules::check(&site, &sources, options.today));
        found.extend(slips::check(&sources));
        found.extend(
            crate::linkcheck::check_bodies(root, &site, body)
                .into_iter()
                .map(|b| {
                    let c = &site.conclusions[b.conclusion];
                    sources[b.conclusion].at(body_position(c, b.offset), b.problem)
                }),
        );
        found.extend(documents::check(&site, &sources, &partial.registry));
        found.extend(portal(root, &site.config));
        match theme {
            Ok(theme) => {
                found.extend(theme.warnings.iter().cloned());
                found.extend(render_every_page(site, theme));
            }
            Err(d) => found.extend(d),
        }
    }
    diagnostic::sort(&mut found);
    found.dedup();
    found
}

/// Every page rendered, as by `build`, and dropped: the template errors. A render
/// over budget where it could not be failed is reported, not waited for.
fn render_every_page(site: Site, theme: Theme) -> Vec<Diagnostic> {
    let rendered = render::budget::supervise(move || {
        let discard = |_| Ok(());
        let mut timings = Timings::default();
        render::render_site_to(&site, &theme, &mut timings, &discard).err()
    });
    match rendered {
        Ok(problems) => problems.unwrap_or_default(),
        Err(stalled) => vec![stalled.diagnostic()],
    }
}

/// A site published on a real host owes a state portal's legal footer: a warning
/// naming the fields the `portal:` block leaves empty, at the block (or the top of
/// `site.yaml` without one).
fn portal(root: &Path, config: &crate::config::SiteConfig) -> Option<Diagnostic> {
    if !config.base_url.is_public() {
        return None;
    }
    let missing = config.portal.clone().unwrap_or_default().missing_required();
    if missing.is_empty() {
        return None;
    }
    let file = load::config::FILE;
    let text = std::fs::read(root.join(file))
        .ok()
        .and_then(|b| source::decode(b).ok())
        .unwrap_or_default();
    let (line, column) = yaml::parse_mapping(&text, 1)
        .ok()
        .and_then(|f| f.get("portal").map(|p| (p.line, p.column)))
        .unwrap_or((1, 1));
    let problem = crate::diagnostic::Problem::PortalIncomplete { missing };
    Some(Diagnostic::new(Location::at(file, line, column), problem).with_source(&text))
}

/// A conclusion's file as text, with its front matter's key positions, to place
/// warnings.
pub(crate) struct Source {
    file: PathBuf,
    text: String,
    fields: Option<yaml::Fields>,
}

impl Source {
    fn read(root: &Path, c: &Conclusion) -> Self {
        let text = std::fs::read(root.join(&c.file))
            .ok()
            .and_then(|b| source::decode(b).ok())
            .unwrap_or_default();
        let fields = frontmatter::split(&text)
            .ok()
            .and_then(|s| yaml::parse_mapping(s.yaml, s.yaml_line).ok());
        Self {
            file: c.file.clone(),
            text,
            fields,
        }
    }

    /// Where `key`'s value is (the top of the file when the key is absent).
    fn value(&self, key: &str) -> (usize, usize) {
        self.fields
            .as_ref()
            .and_then(|f| f.get(key))
            .map_or((1, 1), |f| f.value_position(&self.text))
    }

    /// Where `needle` stands in `key`'s value.
    fn item(&self, key: &str, needle: &str) -> (usize, usize) {
        self.fields
            .as_ref()
            .map_or((1, 1), |f| f.locate(key, needle))
    }

    fn at(
        &self,
        (line, column): (usize, usize),
        problem: crate::diagnostic::Problem,
    ) -> Diagnostic {
        Diagnostic::new(Location::at(&self.file, line, column), problem).with_source(&self.text)
    }
}

/// Line and column in the file of byte `offset` of a conclusion's Markdown body.
fn body_position(c: &Conclusion, offset: usize) -> (usize, usize) {
    let (line, column) = crate::text::line_column(body(c), offset);
    (c.markdown_line + line - 1, column)
}

/// A conclusion's body: `check` loads with `store_texts: false`, so it is in memory.
fn body(c: &Conclusion) -> &str {
    match &c.markdown {
        Markdown::Kept(text) => text,
        Markdown::Stored(_) => unreachable!("check keeps the bodies it loads"),
    }
}

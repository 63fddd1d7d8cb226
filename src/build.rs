//! One build: load → model → render → write. `serve` and `check` reuse the same
//! steps, so there is one pipeline.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostic::{Diagnostic, Location, Problem};
use crate::linkcheck;
use crate::load;
use crate::model::Site;
use crate::render::{self, Rendered, Theme};
use crate::write;

/// What `ketluan build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
}

/// What a successful build did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildReport {
    pub conclusions: usize,
    pub pages: usize,
    pub files: usize,
    pub elapsed: Duration,
}

/// Load, index and render the site at `options.root`, without writing anything.
pub fn render_site(options: &BuildOptions) -> Result<(Site, Rendered), Vec<Diagnostic>> {
    let loaded = load::load(&load::Options {
        root: options.root.clone(),
        base_url: options.base_url.clone(),
        drafts: options.drafts,
    })?;
    let theme = Theme::load(&options.root, &loaded.config)?;
    let site = Site::new(loaded.config, loaded.conclusions, &loaded.registry);
    let rendered = render::render_site(&site, &theme)?;
    Ok((site, rendered))
}

/// Build the site into its output folder.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    run(options, false)
}

/// [`build`], but first verify every internal link and anchor of the output; with a
/// broken one, nothing is written and the previous output stays.
pub fn build_checking_links(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    run(options, true)
}

fn run(options: &BuildOptions, check_links: bool) -> Result<BuildReport, Vec<Diagnostic>> {
    let started = Instant::now();
    let output = output_dir(options);
    check_output(&options.root, &output)?;
    let (site, rendered) = render_site(options)?;
    if check_links {
        let broken = linkcheck::check(&rendered, &site.config.base_url, &output);
        if !broken.is_empty() {
            return Err(broken);
        }
    }
    let files = write::write_site(&output, &rendered).map_err(|e| {
        vec![Diagnostic::new(
            Location::file(&output),
            Problem::Output(e.to_string()),
        )]
    })?;
    Ok(BuildReport {
        conclusions: site.conclusions.len(),
        pages: rendered
            .pages
            .iter()
            .filter(|f| f.path.ends_with(".html"))
            .count(),
        files,
        elapsed: started.elapsed(),
    })
}

pub fn output_dir(options: &BuildOptions) -> PathBuf {
    options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"))
}

/// The output folder is replaced wholesale, so it must not be the site itself or
/// hold any of its sources.
fn check_output(root: &Path, output: &Path) -> Result<(), Vec<Diagnostic>> {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, out) = (abs(root), abs(output));
    let sources = ["content", "templates", "themes", "static", "site.yaml"];
    let bad = root.starts_with(&out) || sources.iter().any(|s| out.starts_with(root.join(s)));
    if bad {
        return Err(vec![Diagnostic::new(
            Location::file(output),
            Problem::InvalidValue {
                key: "output",
                value: output.display().to_string(),
                expected: "a folder outside the site's sources, such as public/ (it is replaced on every build)",
            },
        )]);
    }
    Ok(())
}

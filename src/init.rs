//! `ketluan init`: a new site folder that builds and checks clean: `site.yaml` with
//! every key documented, one example conclusion, `templates/README.md`, a
//! `.gitignore` for the output and, when asked, a CI definition (the recipes of
//! `docs/ci/`, embedded as they are).

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::config::BaseUrl;
use crate::diagnostic::{Diagnostic, Location, Problem};
use crate::draft;
use crate::load::{self, conclusion};
use crate::model::province::{self, Province};
use crate::text;

/// What `ketluan init` was asked to create.
#[derive(Debug, Clone)]
pub struct Options {
    pub dir: PathBuf,
    pub title: Option<String>,
    pub base_url: Option<String>,
    /// The example conclusion's province, which also names the default title.
    pub province: Option<String>,
    /// Write into a folder that is not empty (existing files are kept).
    pub force: bool,
    pub ci: Option<Ci>,
}

/// A CI platform whose recipe `init --ci` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ci {
    Github,
    Gitlab,
}

impl Ci {
    /// Where the platform reads its definition, relative to the repository's top.
    pub fn path(self) -> &'static str {
        match self {
            Ci::Github => ".github/workflows/ketluan.yml",
            Ci::Gitlab => ".gitlab-ci.yml",
        }
    }

    /// The recipe, as shipped in `docs/ci/`.
    pub fn recipe(self) -> &'static str {
        match self {
            Ci::Github => include_str!("../docs/ci/github-actions.yml"),
            Ci::Gitlab => include_str!("../docs/ci/gitlab-ci.yml"),
        }
    }
}

/// The province named when `--province` is not given.
pub const DEFAULT_PROVINCE: &str = "Hà Nội";

/// The example conclusion's meeting date: fixed, so that `init` writes the same
/// files every day; after the 2025 reorganisation, so that current names are right.
const EXAMPLE_DATE: Date = Date::constant(2025, 7, 15);

/// What was done, relative to the new site's folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub written: Vec<PathBuf>,
    /// Files that existed (with `--force`) and were left as they were.
    pub kept: Vec<PathBuf>,
}

/// Create the site, or report every problem with the options (nothing is written
/// then).
pub fn init(options: &Options) -> Result<Report, Vec<Diagnostic>> {
    let files = plan(options)?;
    if !options.force {
        let entries = occupants(&options.dir);
        if !entries.is_empty() {
            let shown: Vec<String> = entries.iter().take(3).cloned().collect();
            let more = if entries.len() > 3 { ", …" } else { "" };
            return Err(vec![Diagnostic::new(
                Location::file(&options.dir),
                Problem::FolderNotEmpty(format!("{}{more}", shown.join(", "))),
            )]);
        }
    }
    let mut report = Report::default();
    for (rel, contents) in files {
        let path = options.dir.join(&rel);
        match draft::write_new(&path, &contents) {
            Ok(_) => report.written.push(rel),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => report.kept.push(rel),
            Err(e) => {
                return Err(vec![Diagnostic::new(
                    Location::file(&path),
                    Problem::output(&e),
                )]);
            }
        }
    }
    Ok(report)
}

/// The files to write, as (path relative to the site, contents), after checking
/// the options.
fn plan(options: &Options) -> Result<Vec<(PathBuf, String)>, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let province = match resolve_province(options.province.as_deref().unwrap_or(DEFAULT_PROVINCE)) {
        Ok(p) => Some(p),
        Err(d) => {
            problems.push(d);
            None
        }
    };
    let title = options.title.as_deref().map(|t| text::nfc(t.trim()));
    if title.as_deref() == Some("") {
        problems.push(Diagnostic::new(
            Location::file("--title"),
            Problem::InvalidValue {
                key: "title",
                value: String::new(),
                expected: "expected-title",
            },
        ));
    }
    let base_url = match options.base_url.as_deref() {
        None => None,
        Some(raw) => match BaseUrl::parse(raw) {
            Ok(url) => Some(url),
            Err(expected) => {
                problems.push(Diagnostic::new(
                    Location::file("--base-url"),
                    Problem::InvalidValue {
                        key: "base_url",
                        value: raw.to_string(),
                        expected,
                    },
                ));
                None
            }
        },
    };
    let Some(province) = province.filter(|_| problems.is_empty()) else {
        return Err(problems);
    };

    let names = Names::of(province);
    let site_yaml = include_str!("init/site.yaml")
        .replace(
            "@TITLE@",
            &draft::quote(&title.unwrap_or_else(|| names.site_title())),
        )
        .replace("@DESCRIPTION@", &draft::quote(&names.description()))
        .replace(
            "@BASE_URL@",
            &draft::quote(
                base_url
                    .as_ref()
                    .map_or("http://localhost/", BaseUrl::as_str),
            ),
        );
    let example = names.fill(include_str!("init/example.md"));
    let example_rel = Path::new(load::CONTENT_DIR).join(format!(
        "{EXAMPLE_DATE}-{}-bai-mau.md",
        text::slugify(province.name)
    ));
    // The load stage's own parser: what `init` writes, `build` accepts.
    conclusion::parse(&example_rel, &options.dir.join(load::CONTENT_DIR), &example)?;

    let mut files = vec![
        (PathBuf::from(load::config::FILE), site_yaml),
        (example_rel, example),
        (
            PathBuf::from("templates/README.md"),
            include_str!("init/templates-README.md").to_string(),
        ),
        (
            PathBuf::from(".gitignore"),
            include_str!("init/gitignore").to_string(),
        ),
    ];
    if let Some(ci) = options.ci {
        files.push((PathBuf::from(ci.path()), ci.recipe().to_string()));
    }
    Ok(files)
}

/// The unit named, as it is in force on the example's date.
fn resolve_province(name: &str) -> Result<&'static Province, Diagnostic> {
    let at = Location::file("--province");
    let p = province::resolve(name, EXAMPLE_DATE).map_err(|e| {
        Diagnostic::new(
            at.clone(),
            Problem::UnknownProvince {
                name: e.name,
                suggestions: e.suggestions,
            },
        )
    })?;
    if p.is_current() {
        return Ok(p);
    }
    let current = p.current();
    Err(Diagnostic::new(
        at,
        Problem::ProvinceNotInForce {
            name: p.name,
            date: EXAMPLE_DATE,
            why: format!(
                "it merged into {} on {}",
                current.name,
                province::REFORM_DATE
            ),
            suggestion: Some(current.name),
        },
    ))
}

/// How a unit's committees are named in the generated texts.
struct Names {
    province: &'static str,
    /// `Tỉnh ủy` or `Thành ủy`.
    committee: &'static str,
    /// `tỉnh Hà Tĩnh`, `thành phố Hà Nội`.
    unit: String,
}

impl Names {
    fn of(p: &'static Province) -> Self {
        let (committee, kind) = if p.is_city {
            ("Thành ủy", "thành phố")
        } else {
            ("Tỉnh ủy", "tỉnh")
        };
        Self {
            province: p.name,
            committee,
            unit: format!("{kind} {}", p.name),
        }
    }

    fn site_title(&self) -> String {
        format!("Kết luận của {}, UBND {}", self.committee, self.unit)
    }

    fn description(&self) -> String {
        format!(
            "Thông báo kết luận của Thường trực, Ban Thường vụ {} và Ủy ban nhân dân {}.",
            self.committee, self.unit
        )
    }

    fn fill(&self, template: &str) -> String {
        template
            .replace("@PROVINCE@", self.province)
            .replace("@COMMITTEE@", self.committee)
            .replace("@UNIT@", &self.unit)
    }
}

/// The names of what the folder holds, sorted; `.git` alone counts as empty, so
/// that a fresh clone of an empty repository can be initialised.
fn occupants(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".git")
        .collect();
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn city_and_province_names() {
        let hn = Names::of(province::resolve("Hà Nội", EXAMPLE_DATE).unwrap());
        assert_eq!(
            hn.site_title(),
            "Kết luận của Thành ủy, UBND thành phố Hà Nội"
        );
        let ht = Names::of(province::resolve("hà tĩnh", EXAMPLE_DATE).unwrap());
        assert_eq!(ht.site_title(), "Kết luận của Tỉnh ủy, UBND tỉnh Hà Tĩnh");
    }

    #[test]
    fn a_former_unit_is_refused_with_its_successor() {
        let d = resolve_province("Đắk Nông").unwrap_err();
        assert_eq!(d.problem.code(), "province-not-in-force");
        assert_eq!(
            d.problem.help().unwrap(),
            "write `province: Lâm Đồng`, or check the date"
        );
    }
}

//! `ketluan check`'s reports in the formats CI platforms read natively:
//! GitHub Actions workflow commands and GitLab Code Quality JSON.
//!
//! Both name files relative to the folder CI runs in (the repository's top), not to
//! the site: the caller passes the site root as it was given (`--root site`), and it
//! is joined to each diagnostic's site-relative file.

use std::collections::BTreeMap;
use std::path::{Component, Path};

use super::{Diagnostic, Severity, summary_line};

/// One GitHub workflow command per finding (`::error file=…,line=…,col=…,title=…::
/// message`), then the summary as a plain log line.
///
/// Escaping is the runner's (`ActionCommand.cs`): in the message `%`, `\r`, `\n`
/// become `%25`, `%0D`, `%0A`; in property values `:` and `,` also become `%3A`,
/// `%2C`. A file-level finding has no `line`; an unknown column no `col`.
pub fn to_github(diagnostics: &[Diagnostic], root: &Path) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let mut properties = vec![format!("file={}", escape_property(&ci_path(root, d)))];
        if d.location.line > 0 {
            properties.push(format!("line={}", d.location.line));
            if d.location.column > 0 {
                properties.push(format!("col={}", d.location.column));
            }
        }
        properties.push(format!(
            "title={}",
            escape_property(&format!("ketluan: {}", d.problem.code()))
        ));
        let mut message = crate::text::escape_controls(&d.problem.to_string()).into_owned();
        if let Some(help) = d.problem.help() {
            message.push_str(&format!("\nhelp: {help}"));
        }
        message.push_str(&format!("\nsee: {}", d.problem.see()));
        out.push_str(&format!(
            "::{} {}::{}\n",
            d.severity().label(),
            properties.join(","),
            escape_data(&message)
        ));
    }
    out.push_str(&summary_line(diagnostics));
    out.push('\n');
    out
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// A GitLab Code Quality report: a JSON array of
/// `{description, check_name, fingerprint, severity, location: {path, lines: {begin}}}`;
/// the description is the message, the fix and the troubleshooting section.
///
/// Errors are `critical`, warnings `minor`. The fingerprint identifies a finding
/// across pipelines, so that GitLab can tell new findings from fixed ones: it hashes
/// the code, the file, the message and the finding's rank among identical ones, but
/// not the line, which moves when lines are added above. A file-level finding is on
/// line 1.
pub fn to_gitlab(diagnostics: &[Diagnostic], root: &Path) -> String {
    #[derive(serde::Serialize)]
    struct Issue {
        description: String,
        check_name: &'static str,
        fingerprint: String,
        severity: &'static str,
        location: IssueLocation,
    }
    #[derive(serde::Serialize)]
    struct IssueLocation {
        path: String,
        lines: Lines,
    }
    #[derive(serde::Serialize)]
    struct Lines {
        begin: usize,
    }

    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let issues: Vec<Issue> = diagnostics
        .iter()
        .map(|d| {
            let path = ci_path(root, d);
            let message = d.problem.to_string();
            let identity = format!("{}\0{path}\0{message}", d.problem.code());
            let rank = seen.entry(identity.clone()).or_default();
            *rank += 1;
            let description = match d.problem.help() {
                Some(help) => format!("{message} (help: {help}; see {})", d.problem.see()),
                None => format!("{message} (see {})", d.problem.see()),
            };
            Issue {
                description,
                check_name: d.problem.code(),
                fingerprint: fingerprint(&format!("{identity}\0{rank}")),
                severity: match d.severity() {
                    Severity::Error => "critical",
                    Severity::Warning => "minor",
                },
                location: IssueLocation {
                    path,
                    lines: Lines {
                        begin: d.location.line.max(1),
                    },
                },
            }
        })
        .collect();
    serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".into()) + "\n"
}

/// 128-bit FNV-1a as 32 hex digits: stable across builds and platforms (unlike
/// std's hasher), and as long as the MD5 digests GitLab's examples show.
fn fingerprint(s: &str) -> String {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013b;
    let hash = s
        .bytes()
        .fold(OFFSET, |h, b| (h ^ u128::from(b)).wrapping_mul(PRIME));
    format!("{hash:032x}")
}

/// The finding's file as CI sees it: under `root`, with `/`, without `./`.
fn ci_path(root: &Path, d: &Diagnostic) -> String {
    let joined = root.join(&d.location.file);
    let parts: Vec<String> = joined
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .map(|c| match c {
            Component::RootDir => String::new(),
            other => other.as_os_str().to_string_lossy().into_owned(),
        })
        .collect();
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Location, Problem};

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }

    #[test]
    fn paths_under_the_root() {
        let d = Diagnostic::new(Location::at("content/a.md", 1, 1), Problem::EmptyBody);
        assert_eq!(ci_path(Path::new("."), &d), "content/a.md");
        assert_eq!(ci_path(Path::new("./site/"), &d), "site/content/a.md");
        assert_eq!(
            ci_path(Path::new("/srv/site"), &d),
            "/srv/site/content/a.md"
        );
    }

    #[test]
    fn a_file_level_finding_has_no_line_or_column() {
        let d = Diagnostic::new(Location::file("site.yaml"), Problem::Unreadable("x".into()));
        let github = to_github(std::slice::from_ref(&d), Path::new("."));
        assert!(
            github.starts_with(
                "::error file=site.yaml,title=ketluan%3A unreadable::cannot read: x%0Ahelp: "
            ),
            "{github}"
        );
        let gitlab = to_gitlab(&[d], Path::new("."));
        assert!(gitlab.contains("\"begin\": 1"), "{gitlab}");
    }

    #[test]
    fn fingerprints_are_stable_and_distinct() {
        // FNV-1a 128 of the empty string is the offset basis.
        assert_eq!(fingerprint(""), "6c62272e07bb014262b821756295c58d");
        assert_ne!(fingerprint("a"), fingerprint("b"));
        assert_eq!(fingerprint("a"), fingerprint("a"));
    }
}

//! Rules about one conclusion's fields, and duplicates across conclusions.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::Source;
use crate::diagnostic::{Diagnostic, Problem};
use crate::model::{Conclusion, Site};
use crate::text;

/// Titles longer than this are probably a paragraph pasted into the title.
pub(super) const TITLE_MAX: usize = 200;
/// A summary (trích yếu) is one or two sentences.
pub(super) const SUMMARY_MAX: usize = 500;
/// The first Party committees of provinces date from 1930.
const EARLIEST: Date = Date::constant(1930, 1, 1);

pub(super) fn check(site: &Site, sources: &[Source], today: Date) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (c, src) in site.conclusions.iter().zip(sources) {
        out.extend(dates(c, src, today));
        out.extend(province(c, src));
        out.extend(lengths(c, src));
        if super::body(c).trim().is_empty() {
            out.push(src.at(empty_body_position(c, src), Problem::EmptyBody));
        }
    }
    out.extend(duplicates(site, sources));
    out
}

fn dates(c: &Conclusion, src: &Source, today: Date) -> Option<Diagnostic> {
    let problem = if c.date > today {
        Problem::DateInFuture(c.date)
    } else if c.date < EARLIEST {
        Problem::DateTooEarly(c.date)
    } else {
        return None;
    };
    Some(src.at(src.value("date"), problem))
}

/// A unit named for a date outside its existence: Đắk Nông after 2025-06-30.
fn province(c: &Conclusion, src: &Source) -> Option<Diagnostic> {
    let p = c.province;
    let (why, suggestion) = match (p.valid_from, p.valid_until) {
        (_, Some(until)) if c.date > until => {
            let current = p.current();
            let merged = until.tomorrow().unwrap_or(until);
            let why = if current.slug == p.slug {
                crate::t!("why-reorganised", date = merged.to_string())
            } else {
                crate::t!(
                    "why-merged",
                    province = current.name,
                    date = merged.to_string()
                )
            };
            (why, Some(current.name))
        }
        (Some(from), _) if c.date < from => {
            (crate::t!("why-formed", date = from.to_string()), None)
        }
        _ => return None,
    };
    let problem = Problem::ProvinceNotInForce {
        name: p.name,
        date: c.date,
        why,
        suggestion,
    };
    Some(src.at(src.value("province"), problem))
}

fn lengths(c: &Conclusion, src: &Source) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let fields = [
        ("title", Some(c.title.as_str()), TITLE_MAX),
        ("summary", c.summary.as_deref(), SUMMARY_MAX),
    ];
    for (key, value, max) in fields {
        let chars = value.map_or(0, |v| v.chars().count());
        if chars > max {
            out.push(src.at(src.value(key), Problem::TooLong { key, chars, max }));
        }
    }
    out
}

/// The body's first line, or the closing `---` when the file ends there.
fn empty_body_position(c: &Conclusion, src: &Source) -> (usize, usize) {
    let lines = src.text.lines().count();
    (c.markdown_line.min(lines.max(1)), 1)
}

/// Same unit, same date, same title (ignoring case and tone placement): the later
/// file (by path) is reported, naming the first.
fn duplicates(site: &Site, sources: &[Source]) -> Vec<Diagnostic> {
    let mut order: Vec<usize> = (0..site.conclusions.len()).collect();
    order.sort_by(|&a, &b| site.conclusions[a].file.cmp(&site.conclusions[b].file));
    let mut first: BTreeMap<(&str, &str, Date, String), usize> = BTreeMap::new();
    let mut out = Vec::new();
    for i in order {
        let c = &site.conclusions[i];
        let key = (
            c.province.slug,
            c.province.official_name,
            c.date,
            text::match_key(&c.title),
        );
        match first.get(&key) {
            Some(&j) => {
                let other = site.conclusions[j]
                    .file
                    .to_string_lossy()
                    .replace('\\', "/");
                let src = &sources[i];
                out.push(src.at(src.value("title"), Problem::DuplicateConclusion { other }));
            }
            None => {
                first.insert(key, i);
            }
        }
    }
    out
}

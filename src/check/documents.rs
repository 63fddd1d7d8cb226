//! Rules about cited documents: one issued after the meeting that cites it, and the
//! registry (`content/_documents.yaml`) and a text disagreeing on a document's date
//! or title.

use std::collections::BTreeSet;
use std::ops::Range;

use pulldown_cmark::Parser;

use super::{Source, body_position};
use crate::diagnostic::{Diagnostic, Problem};
use crate::model::body::{Piece, Prose, markdown_options};
use crate::model::document::{RegistryEntry, Scope};
use crate::model::{Conclusion, Site};
use crate::text;

/// Two dates of one number further apart than a Party term are two documents
/// (numbering restarts each term), not a disagreement.
const TERM_DAYS: i32 = 5 * 366;

pub(super) fn check(
    site: &Site,
    sources: &[Source],
    registry: &[RegistryEntry],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, (c, src)) in site.conclusions.iter().zip(sources).enumerate() {
        let offsets = mention_offsets(c);
        let position = |m: usize| body_position(c, offsets.get(m).copied().unwrap_or(0));

        // Each cited document issued after the meeting, once, where first cited.
        for &d in &site.cites[i] {
            let doc = &site.documents[d];
            // A year in the number (202/2025/QH15) is a lower bound of the issue date.
            let year = doc
                .number
                .year
                .filter(|&y| i32::from(y) > i32::from(c.date.year()));
            let issued = match (doc.issued, year) {
                (Some(issued), _) if issued > c.date => issued.to_string(),
                // An earlier date given for it cannot be right either.
                (_, Some(y)) => crate::t!("why-year-in-number", year = y.to_string()),
                _ => continue,
            };
            let at = match site.mention_docs[i].iter().position(|&x| x == d) {
                Some(m) => position(m),
                None => src.item("resolutions", &doc.number.canonical()),
            };
            let problem = Problem::DocumentAfterConclusion {
                number: doc.number.canonical(),
                issued,
                date: c.date,
            };
            out.push(src.at(at, problem));
        }

        let mut said: BTreeSet<(String, &str)> = BTreeSet::new();
        for (m, mention) in c.mentions.iter().enumerate() {
            // The scope the index gave it (issuer phrase, unit as on the issue date).
            let scope = site.mention_docs[i]
                .get(m)
                .and_then(|&d| site.documents.get(d))
                .map_or_else(|| Scope::of(&mention.number, c.province), |d| d.key.scope);
            let key = mention.number.key();
            let entries: Vec<&RegistryEntry> = registry
                .iter()
                .filter(|e| e.scope == scope && e.number.key() == key)
                .collect();
            for problem in disagreements(mention, &entries) {
                let what = match &problem {
                    Problem::RegistryMismatch { what, .. } => *what,
                    _ => "",
                };
                if said.insert((key.clone(), what)) {
                    out.push(src.at(position(m), problem));
                }
            }
        }
    }
    out
}

/// What a mention says that the registry entries of its number contradict.
fn disagreements(
    mention: &crate::model::body::Mention,
    entries: &[&RegistryEntry],
) -> Vec<Problem> {
    let mut out = Vec::new();
    let mismatch = |what: &'static str, text: String, entry: &RegistryEntry, value: String| {
        Problem::RegistryMismatch {
            number: mention.number.canonical(),
            what,
            text,
            registry: value,
            registry_line: entry.position.0,
        }
    };
    if let Some(date) = mention.issued
        && !entries.iter().any(|e| e.issued == Some(date))
    {
        // The nearest registered date within a term: further apart, it is another
        // document of the same number.
        let nearest = entries
            .iter()
            .filter_map(|e| e.issued.map(|d| (e, d)))
            .map(|(e, d)| (d.since(date).map_or(i32::MAX, |s| s.get_days().abs()), e, d))
            .filter(|(days, _, _)| *days <= TERM_DAYS)
            .min_by_key(|(days, _, _)| *days);
        if let Some((_, entry, registered)) = nearest {
            out.push(mismatch(
                "date",
                date.to_string(),
                entry,
                registered.to_string(),
            ));
        }
    }
    if let Some(subject) = &mention.subject {
        let entry = entries
            .iter()
            .find(|e| e.title.is_some() && (e.issued.is_none() || e.issued == mention.issued));
        if let Some(entry) = entry
            && let Some(title) = &entry.title
            && !same_subject(subject, title)
        {
            out.push(mismatch("title", subject.clone(), entry, title.clone()));
        }
    }
    out
}

/// A text's subject ("về tập trung lãnh đạo…") and a registered title agree when one
/// begins the other or most of the shorter one's words are in the longer one.
fn same_subject(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        let folded = text::fold(s);
        let mut w: Vec<String> = folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        if w.first().is_some_and(|f| f == "ve") {
            w.remove(0);
        }
        w
    };
    let (a, b) = (words(a), words(b));
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() || long.starts_with(&short) {
        return true;
    }
    let long: BTreeSet<&String> = long.iter().collect();
    let shared = short.iter().filter(|w| long.contains(w)).count();
    shared * 10 >= short.len() * 6
}

/// The byte offset in the Markdown body of each of `c.mentions`: the prose runs are
/// cut again exactly as the load stage cut them, with source offsets alongside.
fn mention_offsets(c: &Conclusion) -> Vec<usize> {
    let (events, ranges): (Vec<_>, Vec<Range<usize>>) =
        Parser::new_ext(super::body(c), markdown_options())
            .into_offset_iter()
            .unzip();
    // Each run: (offset in the run's text, source range) of its events.
    let mut runs: Vec<Vec<(usize, Range<usize>, bool)>> = Vec::new();
    let mut cursor = 0;
    for piece in Prose::new(events.into_iter()) {
        match piece {
            Piece::Event(_) => cursor += 1,
            Piece::Run(run) => {
                let mut at = 0;
                let mut segments = Vec::with_capacity(run.len());
                for event in &run {
                    let range = ranges[cursor].clone();
                    let len = match event {
                        pulldown_cmark::Event::Text(t) => t.len(),
                        _ => 1,
                    };
                    // Verbatim when the source is exactly the text (no escapes).
                    let verbatim = range.len() == len;
                    segments.push((at, range, verbatim));
                    at += len;
                    cursor += 1;
                }
                runs.push(segments);
            }
        }
    }
    c.mentions
        .iter()
        .map(|m| {
            let Some(i) = m.run else {
                // A heading's text is its sentence; the first line holding it.
                return super::body(c).find(m.sentence.as_str()).unwrap_or(0);
            };
            let Some(run) = runs.get(i) else {
                return 0;
            };
            let segment = run.iter().rev().find(|(at, _, _)| *at <= m.span.start);
            match segment {
                Some((at, range, true)) => range.start + (m.span.start - at),
                Some((_, range, false)) => range.start,
                None => 0,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_and_titles() {
        assert!(same_subject(
            "tập trung lãnh đạo, chỉ đạo chuyển đổi số tỉnh Hà Tĩnh giai đoạn 2021 - 2025, định hướng đến năm 2030",
            "Về tập trung lãnh đạo, chỉ đạo chuyển đổi số tỉnh Hà Tĩnh giai đoạn 2021 - 2025"
        ));
        assert!(!same_subject(
            "phát triển Khu Kinh tế Vũng Áng",
            "Về chuyển đổi số tỉnh Hà Tĩnh"
        ));
    }
}

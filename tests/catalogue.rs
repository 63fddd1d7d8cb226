//! The message catalogues (locales/*/ketluan.ftl) against each other and against
//! the code: the same ids with the same arguments in both languages, every id the
//! source uses present, and both files valid Fluent.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_bundle::FluentResource;
use ketluan::i18n::{CATALOGUES, Language};

/// Each message (and `message.attribute`) of a catalogue, with the variables its
/// text uses.
fn entries(text: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current = String::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let id_end = line.find('=');
        if !line.starts_with([' ', '}']) {
            let id = line[..id_end.expect("a message line has `=`")].trim();
            current = id.to_string();
            out.entry(current.clone()).or_default();
        } else if let Some(attribute) = line.trim_start().strip_prefix('.') {
            let name = attribute[..attribute.find('=').expect("`.attr =`")].trim();
            let id = format!("{}.{name}", current.split('.').next().unwrap());
            current = id.clone();
            out.entry(id).or_default();
        }
        let vars = out.get_mut(&current).unwrap();
        let mut rest = line;
        while let Some(at) = rest.find('$') {
            rest = &rest[at + 1..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            vars.insert(name);
        }
    }
    out
}

fn catalogue(lang: Language) -> BTreeMap<String, BTreeSet<String>> {
    let (_, text) = CATALOGUES.iter().find(|(l, _)| *l == lang).unwrap();
    entries(text)
}

#[test]
fn both_catalogues_are_valid_fluent() {
    for (lang, text) in CATALOGUES {
        if let Err((_, errors)) = FluentResource::try_new(text.to_string()) {
            panic!("locales/{}/ketluan.ftl: {errors:?}", lang.code());
        }
    }
}

#[test]
fn both_languages_have_the_same_messages_with_the_same_arguments() {
    let vi = catalogue(Language::Vi);
    let en = catalogue(Language::En);
    let only = |a: &BTreeMap<_, _>, b: &BTreeMap<String, _>| -> Vec<String> {
        a.keys().filter(|k| !b.contains_key(*k)).cloned().collect()
    };
    assert_eq!(only(&vi, &en), Vec::<String>::new(), "only in Vietnamese");
    assert_eq!(only(&en, &vi), Vec::<String>::new(), "only in English");
    for (id, vars) in &en {
        assert_eq!(
            &vi[id], vars,
            "`{id}` uses other arguments in the two languages"
        );
    }
}

/// The ids the source names: `t!("id"`, `t!(in lang, "id"` and `tr("id"`, and the
/// `"expected-…"` and `"part-…"` ids of parts of messages, which the report looks up.
fn ids_used_in(dir: &Path, found: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            ids_used_in(&path, found);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let parts = text
            .match_indices("\"expected-")
            .chain(text.match_indices("\"part-"));
        for (at, _) in parts {
            let id: String = text[at + 1..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
                .collect();
            found.insert(id, path.display().to_string());
        }
        for call in ["t!(", "tr("] {
            for (at, _) in text.match_indices(call) {
                let before = text[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                    continue; // another `tr`, e.g. the themes' `self.tr(…)`
                }
                let rest = &text[at + call.len()..];
                let rest = rest.trim_start();
                let rest = match rest.strip_prefix("in ") {
                    Some(r) => &r[r.find(',').unwrap() + 1..],
                    None => rest,
                };
                let Some(literal) = rest.trim_start().strip_prefix('"') else {
                    continue; // a computed id: checked where it is built
                };
                let id = &literal[..literal.find('"').unwrap()];
                if id.starts_with(|c: char| c.is_ascii_lowercase()) && !id.contains(' ') {
                    found.insert(id.to_string(), path.display().to_string());
                }
            }
        }
    }
}

#[test]
fn every_message_the_code_uses_is_in_both_catalogues() {
    let mut used = BTreeMap::new();
    ids_used_in(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
        &mut used,
    );
    assert!(used.len() > 100, "the scan found only {} ids", used.len());
    for lang in [Language::Vi, Language::En] {
        let known = catalogue(lang);
        let missing: Vec<_> = used
            .iter()
            .filter(|(id, _)| !known.contains_key(*id))
            .collect();
        assert!(missing.is_empty(), "{}: missing {missing:#?}", lang.code());
    }
}

#[test]
fn vietnamese_messages_are_written_in_vietnamese() {
    // A message copied from English and not translated: no Vietnamese letter and
    // more than two English words.
    let vi = CATALOGUES
        .iter()
        .find(|(l, _)| *l == Language::Vi)
        .unwrap()
        .1;
    let en = CATALOGUES
        .iter()
        .find(|(l, _)| *l == Language::En)
        .unwrap()
        .1;
    let english: BTreeSet<&str> = en.lines().filter(|l| l.contains(" = ")).collect();
    let copied: Vec<&str> = vi
        .lines()
        .filter(|l| l.contains(" = ") && english.contains(l))
        .filter(|l| l.split(" = ").nth(1).unwrap().split(' ').count() > 2)
        .collect();
    assert!(copied.is_empty(), "untranslated: {copied:#?}");
}

//! The one module that touches `serde_yaml` (0.9, deprecated upstream, the user's
//! choice). It turns a YAML mapping, or each entry of a list of them, into
//! [`Fields`]: each key with its value (as a neutral `serde_json::Value`) and its
//! position in the *file*, so every later error points at the right line whatever
//! the front matter's offset or the entry.

use serde_json::Value;

use crate::diagnostic::{Problem, Slip};

/// A YAML syntax problem, at a 1-based line and column of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: usize,
    pub column: usize,
    pub problem: Problem,
}

/// One key of a mapping (the top level, or a list entry's).
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub key: String,
    pub value: Value,
    /// Position of the key in the file (1-based).
    pub line: usize,
    pub column: usize,
}

impl Field {
    /// Position of the value in the file whose text is `text`: after `key:` and
    /// spaces on the key's line (the key itself when the value is on later lines).
    pub fn value_position(&self, text: &str) -> (usize, usize) {
        let line_text = text.lines().nth(self.line - 1).unwrap_or("");
        let after_key = self.column - 1 + self.key.chars().count() + 1;
        let spaces = line_text
            .chars()
            .skip(after_key)
            .take_while(|c| *c == ' ')
            .count();
        let column = after_key + spaces + 1;
        if column > line_text.chars().count() {
            (self.line, self.column)
        } else {
            (self.line, column)
        }
    }
}

/// The keys of a YAML mapping (the top level, or a list entry's) in source order,
/// with the source to locate values inside them.
#[derive(Debug, Clone, PartialEq)]
pub struct Fields {
    pub fields: Vec<Field>,
    /// The YAML text and the file line it starts on.
    source: String,
    first_line: usize,
}

impl Fields {
    pub fn get(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The line of the first key after `line`: where a value starting there ends.
    fn next_key_line(&self, line: usize) -> usize {
        self.fields
            .iter()
            .map(|f| f.line)
            .filter(|&l| l > line)
            .min()
            .unwrap_or(usize::MAX)
    }

    /// Where `needle` (a list item or a value) appears within `key`'s lines, so an
    /// error about one entry of a list points at that entry. Falls back to the key.
    pub fn locate(&self, key: &str, needle: &str) -> (usize, usize) {
        let Some(field) = self.get(key) else {
            return (self.first_line, 1);
        };
        let next_key_line = self.next_key_line(field.line);
        let lines = self
            .source
            .lines()
            .enumerate()
            .map(|(i, l)| (i + self.first_line, l));
        for (number, text) in lines {
            if number < field.line || number >= next_key_line {
                continue;
            }
            let from = if number == field.line {
                field.column - 1 + key.len()
            } else {
                0
            };
            let from = text.char_indices().nth(from).map_or(text.len(), |(b, _)| b);
            if let Some(byte) = text[from..].find(needle) {
                let column = text[..from + byte].chars().count() + 1;
                return (number, column);
            }
        }
        (field.line, field.column)
    }
}

/// The keys of the mapping nested under `key` (`portal:` in `site.yaml`), with their
/// file positions; `None` when `key` is absent or its value is no mapping (the caller
/// reports the type). A mapping written in flow style (`{a: 1}`) has its keys placed
/// at `key`.
pub fn nested(fields: &Fields, key: &str) -> Option<Result<Fields, YamlError>> {
    let field = fields.get(key)?;
    if !field.value.is_object() {
        return None;
    }
    let next_key_line = fields.next_key_line(field.line);
    let block: Vec<&str> = fields
        .source
        .lines()
        .enumerate()
        .map(|(i, l)| (i + fields.first_line, l))
        .filter(|(n, _)| *n > field.line && *n < next_key_line)
        .map(|(_, l)| l)
        .collect();
    let column = block
        .iter()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|l| indent(l) + 1);
    let first = field.line + 1;
    let text = block.join("\n");
    let mapping = match column {
        Some(_) => serde_yaml::from_str::<serde_yaml::Mapping>(&text)
            .map_err(|e| syntax_error(&e, &text, first)),
        None => serde_yaml::to_value(&field.value)
            .ok()
            .and_then(|v| v.as_mapping().cloned())
            .ok_or_else(|| YamlError {
                line: field.line,
                column: field.column,
                problem: Problem::Yaml(crate::t!("yaml-expected-mapping")),
            }),
    };
    let keys = column.map_or_else(Vec::new, |c| keys_at(&text, first, c));
    Some(mapping.and_then(|m| fields_of(m, &keys, &text, first, (field.line, field.column))))
}

/// Parse `source` (which starts on line `first_line` of its file) as a mapping.
/// An empty document is an empty mapping.
pub fn parse_mapping(source: &str, first_line: usize) -> Result<Fields, YamlError> {
    if let Some(slip) = super::slips::find(source, first_line) {
        return Err(slip);
    }
    check_aliases(source, first_line)?;
    let value: serde_yaml::Value = match serde_yaml::from_str(source) {
        Ok(v) => v,
        Err(e) => return Err(syntax_error(&e, source, first_line)),
    };
    let mapping = match value {
        serde_yaml::Value::Null => serde_yaml::Mapping::new(),
        serde_yaml::Value::Mapping(m) => m,
        _ => {
            return Err(YamlError {
                line: first_line,
                column: 1,
                problem: Problem::Yaml(crate::t!("yaml-expected-mapping")),
            });
        }
    };
    let keys = keys_at(source, first_line, 1);
    fields_of(mapping, &keys, source, first_line, (first_line, 1))
}

/// One entry of a YAML list of mappings (a data file such as the document registry):
/// where its `-` is, and its keys with their file positions.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub line: usize,
    pub column: usize,
    pub fields: Fields,
}

/// Parse `source` (which starts on line `first_line` of its file) as a list of
/// mappings, each entry on its own. An empty document is an empty list; an entry
/// that is not a mapping is an error at its `-`, and the others are still read.
pub fn parse_list(
    source: &str,
    first_line: usize,
) -> Result<Vec<Result<Item, YamlError>>, YamlError> {
    check_aliases(source, first_line)?;
    let value: serde_yaml::Value = match serde_yaml::from_str(source) {
        Ok(v) => v,
        Err(e) => return Err(syntax_error(&e, source, first_line)),
    };
    let entries = match value {
        serde_yaml::Value::Null => Vec::new(),
        serde_yaml::Value::Sequence(s) => s,
        _ => {
            return Err(YamlError {
                line: first_line,
                column: 1,
                problem: Problem::Yaml(crate::t!("yaml-expected-list")),
            });
        }
    };
    let blocks = item_blocks(source);
    let lines: Vec<&str> = source.split_inclusive('\n').collect();
    let items = entries.into_iter().enumerate().map(|(i, value)| {
        // A list written in flow style (`[{…}]`) has no blocks: its entries are placed
        // at the top.
        let block = blocks.get(i).cloned().unwrap_or_default();
        let text = lines[block.start..block.end].concat();
        let (line, column) = (block.start + first_line, block.dash_column);
        let mapping = match value {
            serde_yaml::Value::Null => serde_yaml::Mapping::new(),
            serde_yaml::Value::Mapping(m) => m,
            _ => {
                return Err(YamlError {
                    line,
                    column,
                    problem: Problem::Yaml(crate::t!("yaml-expected-entry-mapping")),
                });
            }
        };
        let keys = keys_at(&text, line, block.key_column);
        let fields = fields_of(mapping, &keys, &text, line, (line, column))?;
        Ok(Item {
            line,
            column,
            fields,
        })
    });
    Ok(items.collect())
}

/// The lines of one entry of a block list: 0-based, `end` excluded; the 1-based
/// columns of its `-` and of its keys.
#[derive(Debug, Clone, Default)]
struct Block {
    start: usize,
    end: usize,
    dash_column: usize,
    key_column: usize,
}

/// The entries of the top-level block list of `source`: each starts with a `-` in
/// the column of the first one.
fn item_blocks(source: &str) -> Vec<Block> {
    let lines: Vec<&str> = source.lines().collect();
    let is_item = |l: &str| {
        let rest = l.trim_start_matches(' ');
        (rest == "-" || rest.starts_with("- ")).then(|| indent(l))
    };
    let Some(column) = lines.iter().find_map(|l| is_item(l)) else {
        return Vec::new();
    };
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&i| is_item(lines[i]) == Some(column))
        .collect();
    let ends = starts.iter().skip(1).copied().chain([lines.len()]);
    starts
        .iter()
        .zip(ends)
        .map(|(&start, end)| {
            let after_dash = &lines[start][column + 1..];
            let spaces = after_dash.len() - after_dash.trim_start_matches(' ').len();
            // `-` alone on its line: the keys are on the lines below.
            let key_column = if after_dash.trim().is_empty() {
                lines[start + 1..end]
                    .iter()
                    .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
                    .map_or(column + 3, |l| indent(l) + 1)
            } else {
                column + 2 + spaces
            };
            Block {
                start,
                end,
                dash_column: column + 1,
                key_column,
            }
        })
        .collect()
}

/// [`Fields`] of a parsed mapping whose source text starts on `first_line`, with the
/// key positions found in it; a key not found is placed at `fallback`.
fn fields_of(
    mapping: serde_yaml::Mapping,
    keys: &[(String, usize, usize)],
    source: &str,
    first_line: usize,
    fallback: (usize, usize),
) -> Result<Fields, YamlError> {
    let mut fields = Vec::with_capacity(mapping.len());
    for (key, value) in mapping {
        let key = match key {
            serde_yaml::Value::String(s) => s,
            other => scalar_text(&other).unwrap_or_default(),
        };
        let (line, column) = keys
            .iter()
            .find(|(k, _, _)| *k == key)
            .map_or(fallback, |(_, l, c)| (*l, *c));
        let value = serde_json::to_value(&value).map_err(|e| YamlError {
            line,
            column,
            problem: Problem::Yaml(e.to_string()),
        })?;
        fields.push(Field {
            key,
            value,
            line,
            column,
        });
    }
    fields.sort_by_key(|f| (f.line, f.column));
    Ok(Fields {
        fields,
        source: source.to_string(),
        first_line,
    })
}

/// Deserialize a whole YAML document into `T` (used for data files such as the
/// document registry); errors carry file positions.
pub fn parse_as<T: serde::de::DeserializeOwned>(
    source: &str,
    first_line: usize,
) -> Result<T, YamlError> {
    check_aliases(source, first_line)?;
    serde_yaml::from_str(source).map_err(|e| syntax_error(&e, source, first_line))
}

/// Aliases repeat what their anchor names: `tags: [*a, *a, …]` after a 1 MB
/// `&a` value is gigabytes once read. Before a document with anchors is read,
/// one pass that keeps nothing counts what it expands to, and refuses more than
/// a few times the text (where the budget runs out).
fn check_aliases(source: &str, first_line: usize) -> Result<(), YamlError> {
    // An alias needs an anchor, and an anchor a `&`.
    if !source.contains('&') {
        return Ok(());
    }
    let budget = std::cell::Cell::new(alias_budget(source.len()));
    let seed = measure::Measure(&budget);
    let de = serde_yaml::Deserializer::from_str(source);
    match serde::de::DeserializeSeed::deserialize(seed, de) {
        Err(e) if e.to_string().contains(measure::OVER) => {
            let (line, column) = e
                .location()
                .map_or((first_line, 1), |l| (l.line() + first_line - 1, l.column()));
            Err(YamlError {
                line,
                column,
                problem: Problem::YamlAliases {
                    limit_kb: alias_budget(source.len()) / 1024,
                },
            })
        }
        // Syntax errors are reported by the real read, with their usual words.
        _ => Ok(()),
    }
}

/// What a document of `len` bytes may expand to: four times itself, and 64 KB
/// whatever its size.
fn alias_budget(len: usize) -> usize {
    len.saturating_mul(4).saturating_add(64 << 10)
}

mod measure {
    //! A visitor that walks a YAML document, aliases expanded, keeping nothing but
    //! a count of bytes.
    use std::cell::Cell;
    use std::fmt;

    use serde::de::{self, DeserializeSeed, EnumAccess, MapAccess, SeqAccess, VariantAccess};

    pub(super) const OVER: &str = "aliases expand beyond the budget";

    #[derive(Clone, Copy)]
    pub(super) struct Measure<'a>(pub &'a Cell<usize>);

    impl Measure<'_> {
        fn spend<E: de::Error>(self, n: usize) -> Result<(), E> {
            let left = self.0.get();
            if n > left {
                return Err(E::custom(OVER));
            }
            self.0.set(left - n);
            Ok(())
        }
    }

    impl<'de> DeserializeSeed<'de> for Measure<'_> {
        type Value = ();
        fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> de::Visitor<'de> for Measure<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("any YAML value")
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
            self.spend(8)
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
            self.spend(8)
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
            self.spend(8)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
            self.spend(8)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
            self.spend(v.len() + 8)
        }
        fn visit_unit<E: de::Error>(self) -> Result<(), E> {
            self.spend(8)
        }
        fn visit_none<E: de::Error>(self) -> Result<(), E> {
            self.spend(8)
        }
        fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            self.deserialize(d)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            self.spend(8)?;
            while seq.next_element_seed(self)?.is_some() {}
            Ok(())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            self.spend(8)?;
            while map.next_key_seed(self)?.is_some() {
                map.next_value_seed(self)?;
            }
            Ok(())
        }
        fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
            let ((), variant) = data.variant_seed(self)?;
            variant.newtype_variant_seed(self)
        }
    }
}

fn syntax_error(e: &serde_yaml::Error, source: &str, first_line: usize) -> YamlError {
    let file_line = |line: usize| line + first_line - 1;
    let (line, column) = e
        .location()
        .map_or((first_line, 0), |l| (file_line(l.line()), l.column()));
    let message = e.to_string();
    if let Some(duplicate) = duplicate_key(&message, source, first_line) {
        return duplicate;
    }
    // libyaml gives a control character's byte offset, not its line: it is found
    // again here and placed where it is.
    if message.starts_with("control characters are not allowed")
        && let Some((offset, c)) = source.char_indices().find(|&(_, c)| not_yaml_text(c))
    {
        let (line, column) = crate::text::line_column(source, offset);
        return YamlError {
            line: file_line(line),
            column,
            problem: Problem::Yaml(crate::t!(
                "yaml-control-character",
                code = format!("U+{:04X}", u32::from(c))
            )),
        };
    }
    // libyaml says "PROBLEM at line L column C, CONTEXT at line L2 column C2", with
    // lines of the YAML block; the diagnostic carries file positions instead.
    let (problem, context) = match message.split_once(", while ") {
        Some((problem, context)) => (problem, Some(context)),
        None => (message.as_str(), None),
    };
    let (problem, _) = split_mark(problem);
    let at = |(l, c): (usize, usize), slip: Slip, fixed: String| YamlError {
        line: file_line(l),
        column: c,
        problem: Problem::YamlSlip { slip, fixed },
    };
    // An unclosed quote or bracket is reported where the YAML ends; the mistake is
    // where it opened, which libyaml gives as the context.
    match context.map(split_mark) {
        Some(("scanning a quoted scalar", Some(mark))) => {
            return at(mark, Slip::UnclosedQuote, String::new());
        }
        Some(("parsing a flow sequence", Some(mark))) => {
            return at(mark, Slip::UnclosedList, String::new());
        }
        Some(("parsing a flow mapping", Some(mark))) => {
            return at(mark, Slip::UnclosedBrace, String::new());
        }
        _ => {}
    }
    let lines: Vec<&str> = source.lines().collect();
    let slip = line
        .checked_sub(first_line)
        .filter(|&i| i < lines.len())
        .and_then(|i| common_slip(&lines, i, column, problem));
    if let Some((l, c, slip)) = slip {
        // The one slip here with a mechanical fix, which `check --fix` applies.
        let fixed = match slip {
            Slip::ColonInValue { .. } => super::slips::quoted(lines[l]).unwrap_or_default(),
            _ => String::new(),
        };
        return at((l + 1, c), slip, fixed);
    }
    YamlError {
        line,
        column,
        problem: Problem::Yaml(libyaml_words(problem)),
    }
}

/// libyaml's usual words in the chosen language; the rarer ones as libyaml says them.
fn libyaml_words(problem: &str) -> String {
    match problem {
        "mapping values are not allowed in this context" => crate::t!("libyaml-mapping-values"),
        "did not find expected key" => crate::t!("libyaml-expected-key"),
        "did not find expected '-' indicator" => crate::t!("libyaml-expected-dash"),
        "found character that cannot start any plain scalar" => {
            crate::t!("libyaml-cannot-start-scalar")
        }
        "found unexpected end of stream" => crate::t!("libyaml-end-of-stream"),
        "block sequence entries are not allowed in this context" => {
            crate::t!("libyaml-sequence-entries")
        }
        "could not find expected ':'" => crate::t!("libyaml-expected-colon"),
        "found unknown escape character" => crate::t!("libyaml-unknown-escape"),
        "found undefined tag handle" => crate::t!("libyaml-undefined-tag"),
        other => other.to_string(),
    }
}

/// What YAML does not accept in a document: control characters other than tab and
/// line breaks, and the non-characters U+FFFE and U+FFFF.
fn not_yaml_text(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{85}'))
        || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// A front-matter key at the start of a line: `title:`, `chaired_by:`.
fn key_at_start(line: &str) -> Option<&str> {
    let (key, _) = line.split_once(':')?;
    let plain = !key.is_empty()
        && key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    plain.then_some(key)
}

/// Spaces before a line's text.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The plain name of an editor's usual slips, from where libyaml stopped (0-based
/// line `i` of `lines`, 1-based char `column`), with the position of the mistake:
/// (0-based line, column, slip).
fn common_slip(
    lines: &[&str],
    i: usize,
    column: usize,
    problem: &str,
) -> Option<(usize, usize, Slip)> {
    let here = lines[i];
    let previous = lines[..i].iter().rev().find(|l| !l.trim().is_empty());
    if here.chars().nth(column.saturating_sub(1)) == Some('\t') {
        return Some((i, column, Slip::TabIndent));
    }
    match problem {
        "mapping values are not allowed in this context" => {
            // `title:Kết luận` is a plain text to YAML, which runs on over the next
            // lines until a `key:` cannot continue it: the slip is the last line that
            // starts with a key glued to its value.
            let glued = (0..=i).rev().find_map(|k| {
                let text = lines[k];
                let key = key_at_start(text)?;
                let after = text[key.len() + 1..].chars().next()?;
                (!after.is_whitespace()).then(|| {
                    let column = key.chars().count() + 1;
                    let key = key.to_string();
                    (k, column, Slip::MissingSpace { key })
                })
            });
            if let Some(slip) = glued.filter(|(k, ..)| {
                lines[*k..i]
                    .iter()
                    .skip(1)
                    .all(|l| key_at_start(l).is_none())
            }) {
                return Some(slip);
            }
            // `title: Kết luận: về …`: a `: ` inside an unquoted value.
            if let Some(key) = key_at_start(here)
                && column > key.chars().count() + 2
                && !here[key.len() + 1..].trim_start().starts_with(['"', '\''])
            {
                let key = key.to_string();
                return Some((i, column, Slip::ColonInValue { key }));
            }
            // ` date: …` under `title: …`: a key indented by mistake.
            let previous = previous?;
            let previous_has_value =
                key_at_start(previous).is_some_and(|k| !previous[k.len() + 1..].trim().is_empty());
            let indented = indent(here) > 0 && key_at_start(here.trim_start()).is_some();
            (indented && previous_has_value).then(|| (i, indent(here) + 1, Slip::IndentedKey))
        }
        "did not find expected key" => {
            // `  - a` then ` - b`: list items out of line.
            if let Some(previous) = previous
                && here.trim_start().starts_with("- ")
                && previous.trim_start().starts_with("- ")
                && indent(here) != indent(previous)
            {
                return Some((i, indent(here) + 1, Slip::ListItemOutOfLine));
            }
            // `title: "Kết luận" về số`: text after a closing quote.
            let before: String = here.chars().take(column.saturating_sub(1)).collect();
            let value = here.split_once(':')?.1.trim_start();
            let quote = value.chars().next().filter(|q| matches!(q, '"' | '\''))?;
            before
                .trim_end()
                .ends_with(quote)
                .then_some((i, column, Slip::TextAfterQuote))
        }
        _ => None,
    }
}

/// "TEXT at line L column C" → (TEXT, Some((L, C))); text without a mark as it is.
fn split_mark(s: &str) -> (&str, Option<(usize, usize)>) {
    let Some((text, mark)) = s.rsplit_once(" at line ") else {
        return (s, None);
    };
    let position = mark
        .split_once(" column ")
        .and_then(|(l, c)| Some((l.parse().ok()?, c.parse().ok()?)));
    match position {
        Some(p) => (text, Some(p)),
        None => (s, None),
    }
}

/// serde_yaml names a repeated key but places the error where the mapping starts;
/// a repeated top-level key is placed at its second line instead, which is the one
/// an editor just added.
fn duplicate_key(message: &str, source: &str, first_line: usize) -> Option<YamlError> {
    let named = message.strip_prefix("duplicate entry with key ")?;
    let keys = keys_at(source, first_line, 1);
    keys.iter()
        .enumerate()
        .find_map(|(i, (key, line, column))| {
            let (_, first, _) = keys[..i].iter().find(|(k, ..)| k == key)?;
            // A string key is quoted in the message, a number or `true` is not.
            let quoted = format!("{key:?}");
            let is_named = |form: &str| {
                named
                    .strip_prefix(form)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(" at "))
            };
            (is_named(&quoted) || is_named(key) || is_named(&format!("`{key}`"))).then(|| {
                YamlError {
                    line: *line,
                    column: *column,
                    problem: Problem::DuplicateKey {
                        key: key.clone(),
                        first_line: *first,
                    },
                }
            })
        })
}

fn scalar_text(v: &serde_yaml::Value) -> Option<String> {
    match v {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The keys of a block mapping whose keys start at 1-based `column` (top-level keys
/// at 1), with file positions. A list entry's first key follows its `- `.
fn keys_at(source: &str, first_line: usize, column: usize) -> Vec<(String, usize, usize)> {
    let mut keys = Vec::new();
    for (i, line) in source.lines().enumerate() {
        let Some((before, rest)) = line.split_at_checked(column - 1) else {
            continue;
        };
        if !matches!(before.trim(), "" | "-") || rest.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        if let Some(colon) = rest.find(':') {
            let key = rest[..colon].trim().trim_matches(['"', '\'']).to_string();
            if !key.is_empty() {
                keys.push((key, i + first_line, column));
            }
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_mappings_keep_file_positions() {
        let yaml = "title: A\nportal:\n  # who\n  agency: X\n\n  phone:   1\nsearch: true\n";
        let top = parse_mapping(yaml, 1).unwrap();
        let portal = nested(&top, "portal").unwrap().unwrap();
        let agency = portal.get("agency").unwrap();
        assert_eq!((agency.line, agency.column), (4, 3));
        assert_eq!(portal.get("phone").unwrap().value_position(yaml), (6, 12));
        assert_eq!(portal.fields.len(), 2);
        let flow = parse_mapping("portal: {agency: X}\n", 1).unwrap();
        let portal = nested(&flow, "portal").unwrap().unwrap();
        assert_eq!(portal.get("agency").unwrap().line, 1);
        assert!(nested(&parse_mapping("portal: x\n", 1).unwrap(), "portal").is_none());
    }

    #[test]
    fn positions_are_file_lines() {
        let yaml = "title: A\ndate: 2021-01-01\nresolutions:\n  - 05-NQ/TU\n  - bad one\n";
        let f = parse_mapping(yaml, 2).unwrap();
        assert_eq!(f.get("date").unwrap().line, 3);
        assert_eq!(f.locate("resolutions", "bad one"), (6, 5));
        assert_eq!(
            f.get("date").unwrap().value,
            Value::String("2021-01-01".into())
        );
    }

    #[test]
    fn list_entries_have_their_own_positions() {
        let yaml = "# registry\n- number: a\n  date: x\n-\n  number: b\n-   number: c\n- 12\n";
        let items = parse_list(yaml, 1).unwrap();
        let at = |i: usize, key: &str| {
            let item: &Item = items[i].as_ref().unwrap();
            let f = item.fields.get(key).unwrap();
            ((item.line, item.column), (f.line, f.column))
        };
        assert_eq!(at(0, "date"), ((2, 1), (3, 3)));
        assert_eq!(at(1, "number"), ((4, 1), (5, 3)));
        assert_eq!(at(2, "number"), ((6, 1), (6, 5)));
        let err = items[3].as_ref().unwrap_err();
        assert_eq!((err.line, err.column), (7, 1));
        assert!(parse_list("", 1).unwrap().is_empty());
        assert!(parse_list("a: b\n", 1).is_err());
    }

    #[test]
    fn syntax_errors_are_offset() {
        let err = parse_mapping("title: \"open\nother: [\n", 5).unwrap_err();
        assert!(err.line >= 5, "{err:?}");
        assert_eq!(err.problem.code(), "yaml-syntax");
    }

    /// (line, column, message) of the error of `yaml` read from line 2 of its file.
    fn error_of(yaml: &str) -> (usize, usize, String) {
        let err = parse_mapping(yaml, 2).unwrap_err();
        match err.problem {
            Problem::Yaml(m) => (err.line, err.column, m),
            slip @ Problem::YamlSlip { .. } => {
                let help = slip.help_in(crate::i18n::Language::En).unwrap_or_default();
                let message = slip.message_in(crate::i18n::Language::En);
                (err.line, err.column, format!("{message}: {help}"))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unclosed_quotes_and_brackets_are_placed_where_they_open() {
        let (line, column, m) =
            error_of("title: \"Kết luận: về\ndate: 2025-07-15\nprovince: Hà Nội\n");
        assert_eq!((line, column), (2, 8), "{m}");
        assert!(m.contains("quote opened here is never closed"), "{m}");
        let (line, column, m) = error_of("title: x\ntags: [a, b\ndate: x\n");
        assert_eq!((line, column), (3, 7), "{m}");
        assert!(m.contains("end it with `]`"), "{m}");
        let (line, column, m) = error_of("title: x\nx: {a: b\ndate: x\n");
        assert_eq!((line, column), (3, 4), "{m}");
        assert!(m.contains("end it with `}`"), "{m}");
    }

    #[test]
    fn a_tab_indent_is_named() {
        let err = parse_mapping("title: x\ntags:\n\t- a\n", 2).unwrap_err();
        assert_eq!((err.line, err.column), (4, 1));
        assert_eq!(
            err.problem,
            Problem::YamlSlip {
                slip: crate::diagnostic::Slip::TabIndent,
                fixed: "  - a".into()
            }
        );
    }

    #[test]
    fn usual_slips_are_named_where_they_are() {
        // A key glued to its value runs on as text until the next key.
        let (line, column, m) = error_of("title:Kết luận\nbody: x\ndate: 2025-07-15\n");
        assert_eq!(
            (line, column, m.as_str()),
            (
                2,
                6,
                "a space is missing after `title:`: put a space after `title:`, as in `title: …`"
            )
        );
        // A key indented under a finished one.
        let (line, column, m) = error_of("title: Kết luận\n  date: 2025-07-15\n");
        assert_eq!((line, column), (3, 3), "{m}");
        assert!(m.starts_with("this key is indented"), "{m}");
        // A list item out of line with the one above.
        let (line, column, m) = error_of("title: x\ntags:\n  - a\n - b\n");
        assert_eq!((line, column), (5, 2), "{m}");
        assert!(m.starts_with("this list item is not in line"), "{m}");
        // Text after a closing quote.
        let err = parse_mapping("title: \"Kết luận\" về số\n", 2).unwrap_err();
        assert_eq!((err.line, err.column), (2, 19));
        assert_eq!(
            err.problem,
            Problem::YamlSlip {
                slip: crate::diagnostic::Slip::TextAfterQuote,
                fixed: "title: \"Kết luận về số\"".into()
            }
        );
    }

    #[test]
    fn a_colon_inside_a_value_asks_for_quotes() {
        let (line, column, m) = error_of("date: 2025-01-02\ntitle: Kết luận: về số\n");
        assert_eq!((line, column), (3, 16));
        assert!(m.starts_with("the value of `title` holds `: `"), "{m}");
        assert!(m.ends_with("(`title: \"…\"`)"), "{m}");
    }

    #[test]
    fn other_errors_keep_libyamls_words_without_its_positions() {
        let (line, column, m) = error_of("title: 'a': b\n");
        assert_eq!((line, column), (2, 11));
        assert_eq!(m, "mapping values are not allowed in this context");
        let (line, _, m) = error_of("title: x\ntags: [a]\nbody: \"b\"\n - c\n");
        assert_eq!(line, 5);
        assert_eq!(m, "did not find expected key");
    }

    #[test]
    fn a_repeated_key_is_placed_at_its_second_line() {
        let yaml = "title: A\ndate: 2021-01-01\ntags: [x]\ndate: 2021-01-02\n";
        let err = parse_mapping(yaml, 2).unwrap_err();
        assert_eq!((err.line, err.column), (5, 1), "{err:?}");
        assert_eq!(
            err.problem,
            Problem::DuplicateKey {
                key: "date".into(),
                first_line: 3
            }
        );
        // Keys serde_yaml does not quote (numbers), and Vietnamese ones.
        let err = parse_mapping("2024: a\n2024: b\n", 1).unwrap_err();
        assert_eq!((err.line, err.problem.code()), (2, "duplicate-key"));
        let err = parse_mapping("\"tiêu đề\": a\ntiêu đề: b\n", 1).unwrap_err();
        assert_eq!((err.line, err.problem.code()), (2, "duplicate-key"));
        // A key repeated inside a nested mapping stays a syntax error of that mapping.
        let err = parse_mapping("a:\n  x: 1\n  x: 2\n", 1).unwrap_err();
        assert!(matches!(err.problem, Problem::Yaml(_)), "{err:?}");
    }

    #[test]
    fn a_wide_alias_bomb_is_refused_where_its_anchor_is() {
        let big = "x".repeat(10_000);
        let aliases = vec!["*a"; 3000].join(", ");
        let yaml = format!("title: A\nsummary: &a \"{big}\"\ntags: [{aliases}]\n");
        let err = parse_mapping(&yaml, 2).unwrap_err();
        assert_eq!(err.problem.code(), "yaml-aliases");
        assert_eq!(err.line, 3);
        // A few aliases of a small value are fine.
        let yaml = "title: &t Kết luận\nsummary: *t\ntags: [*t, *t]\n";
        assert_eq!(parse_mapping(yaml, 2).unwrap().fields.len(), 3);
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut yaml =
            String::from("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
        for i in 0..9 {
            let prev = if i == 0 {
                "a".to_string()
            } else {
                format!("b{}", i - 1)
            };
            yaml.push_str(&format!(
                "b{i}: &b{i} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
            ));
        }
        assert!(parse_mapping(&yaml, 1).is_err());
    }
}

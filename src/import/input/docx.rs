//! A Word document (DOCX, Office Open XML): `word/document.xml` read from the zip
//! with a limit on its decompressed size, its paragraphs written one per line, list
//! items as `- …`, the letterhead's and the signature's layout tables cell by cell
//! (the notice reader finds their parts), and the other tables as Markdown tables.

use crate::t;
use std::io::{Cursor, Read as _};

use quick_xml::Reader;
use quick_xml::events::Event;

use super::InputError;

/// `word/document.xml` decompressed at most: a long notice is well under 1 MB, and a
/// zip bomb stops here.
const MAX_XML_BYTES: u64 = 32 << 20;

const FIX: &str = "part-docx-fix";

/// One paragraph of the document.
#[derive(Debug, Default, Clone)]
struct Para {
    text: String,
    list: bool,
    heading: bool,
}

/// A piece of the body, in order.
#[derive(Debug, Clone)]
enum Piece {
    Para(Para),
    /// Rows of cells, each cell its paragraphs.
    Table(Vec<Vec<Vec<Para>>>),
}

pub(super) fn text(bytes: &[u8]) -> Result<String, InputError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        InputError::refused(t!("import-docx-zip-damaged", error = e.to_string()), FIX)
    })?;
    let mut entry = zip
        .by_name("word/document.xml")
        .map_err(|_| InputError::refused(t!("import-docx-not-word"), "part-docx-not-word-fix"))?;
    if entry.size() > MAX_XML_BYTES {
        return Err(too_big());
    }
    let mut xml = Vec::new();
    (&mut entry)
        .take(MAX_XML_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|e| InputError::refused(t!("import-docx-unpack", error = e.to_string()), FIX))?;
    if xml.len() as u64 > MAX_XML_BYTES {
        return Err(too_big());
    }
    let pieces = parse(&xml)?;
    Ok(write(&pieces))
}

fn too_big() -> InputError {
    InputError::refused(t!("import-docx-too-big", limit = MAX_XML_BYTES >> 20), FIX)
}

fn parse(xml: &[u8]) -> Result<Vec<Piece>, InputError> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut pieces: Vec<Piece> = Vec::new();
    // Open tables (nested ones too): rows, and the paragraphs of the open cell.
    let mut tables: Vec<Vec<Vec<Vec<Para>>>> = Vec::new();
    let mut para: Option<Para> = None;
    let mut in_text = false;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| InputError::refused(t!("import-docx-xml", error = e.to_string()), FIX))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.name().as_ref() {
                    "w:p" if empty => {}
                    "w:p" => para = Some(Para::default()),
                    "w:t" => in_text = !empty,
                    "w:tab" => push(&mut para, " "),
                    "w:br" | "w:cr" => push(&mut para, "\n"),
                    "w:numPr" => {
                        if let Some(p) = para.as_mut() {
                            p.list = true;
                        }
                    }
                    "w:pStyle" => {
                        let style = e
                            .try_get_attribute("w:val")
                            .ok()
                            .flatten()
                            .map(|a| a.value.to_lowercase())
                            .unwrap_or_default();
                        if let Some(p) = para.as_mut() {
                            if style.starts_with("heading") || style == "title" {
                                p.heading = true;
                            }
                            if style.starts_with("list") {
                                p.list = true;
                            }
                        }
                    }
                    "w:tbl" => tables.push(Vec::new()),
                    "w:tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.push(Vec::new());
                        }
                    }
                    "w:tc" => {
                        if let Some(row) = tables.last_mut().and_then(|t| t.last_mut()) {
                            row.push(Vec::new());
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text => push(&mut para, &t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match r.xml10_content().as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    push(&mut para, &c.to_string());
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:p" => {
                    if let Some(p) = para.take() {
                        match tables
                            .last_mut()
                            .and_then(|t| t.last_mut())
                            .and_then(|r| r.last_mut())
                        {
                            Some(cell) => cell.push(p),
                            None => pieces.push(Piece::Para(p)),
                        }
                    }
                }
                "w:tbl" => {
                    if let Some(t) = tables.pop() {
                        match tables
                            .last_mut()
                            .and_then(|t| t.last_mut())
                            .and_then(|r| r.last_mut())
                        {
                            // A table inside a cell: its text joins the cell's.
                            Some(cell) => cell.extend(t.into_iter().flatten().flatten()),
                            None => pieces.push(Piece::Table(t)),
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(pieces)
}

fn push(para: &mut Option<Para>, s: &str) {
    if let Some(p) = para.as_mut() {
        p.text.push_str(s);
    }
}

/// The pieces as the importer's plain text: a blank line between paragraphs.
fn write(pieces: &[Piece]) -> String {
    let mut out = String::new();
    let mut prose_seen = false;
    for piece in pieces {
        match piece {
            Piece::Para(p) => {
                for line in p.text.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
                    if p.list && !line.starts_with(['-', '•', '+']) {
                        out.push_str("- ");
                    }
                    out.push_str(line);
                    out.push_str("\n\n");
                    if line.chars().count() > 80 {
                        prose_seen = true;
                    }
                }
            }
            Piece::Table(rows) => {
                let text: String = rows
                    .iter()
                    .flatten()
                    .flatten()
                    .map(|p| p.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                let key = super::super::text::key_of(&text);
                // The letterhead and the closing are laid out in tables; their
                // cells are lines of the notice, not a table of data.
                let layout = !prose_seen
                    || key.contains("nơi nhận")
                    || ["t/m ", "tm. ", "k/t ", "kt. ", "tl. "]
                        .iter()
                        .any(|m| key.contains(m));
                if layout {
                    for cell in rows.iter().flatten() {
                        for p in cell {
                            for line in p.text.split('\n').map(str::trim).filter(|l| !l.is_empty())
                            {
                                if p.list && !line.starts_with(['-', '•', '+']) {
                                    out.push_str("- ");
                                }
                                out.push_str(line);
                                out.push_str("\n\n");
                            }
                        }
                    }
                } else {
                    out.push_str(&markdown_table(rows));
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// A data table as a Markdown (GFM) table, the first row its header.
fn markdown_table(rows: &[Vec<Vec<Para>>]) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if width == 0 {
        return String::new();
    }
    let cell = |c: &Vec<Para>| {
        c.iter()
            .map(|p| p.text.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("<br>")
            .replace('|', "\\|")
    };
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let mut cells: Vec<String> = row.iter().map(cell).collect();
        cells.resize(width, String::new());
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
        if i == 0 {
            out.push_str(&format!("|{}\n", " --- |".repeat(width)));
        }
    }
    out
}

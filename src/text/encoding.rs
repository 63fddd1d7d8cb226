//! Telling a file's encoding: UTF-8 (with or without BOM), UTF-16 with a BOM, and
//! the two legacy Vietnamese 8-bit encodings still found in old files, Windows-1258 (tone marks as separate bytes) and TCVN3 (ABC). TCVN3 text
//! that was once read as Latin-1 and saved as UTF-8 (`Uû ban nh©n d©n`) is repaired.
//!
//! An 8-bit file carries no label, so each candidate decoding is scored by the share of
//! its words that are well-formed Vietnamese syllables; the best one wins if it reads
//! as Vietnamese, and the file is refused otherwise.
//!
//! `import` and `check --fix` convert what this reads; loading a site names the
//! legacy encoding and refuses the file (a guess must not reach a page unseen).

use std::fmt;

use unicode_normalization::UnicodeNormalization;

/// The encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Windows1258,
    Tcvn3,
    /// TCVN3 bytes shown as Latin-1 and saved as UTF-8.
    Tcvn3AsLatin1,
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16 => "UTF-16",
            Encoding::Windows1258 => "Windows-1258",
            Encoding::Tcvn3 => "TCVN3 (ABC)",
            Encoding::Tcvn3AsLatin1 => "TCVN3 (ABC) saved as Latin-1 text",
        })
    }
}

/// A file that is not UTF-8 and reads as neither legacy encoding: where its first
/// non-UTF-8 byte is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable {
    pub line: usize,
    pub column: usize,
}

/// Below this share of well-formed syllables a decoding is not Vietnamese.
const READS_AS_VIETNAMESE: f64 = 0.85;

/// Decode `bytes` to NFC text with LF line endings.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), Unreadable> {
    let (text, encoding) = decode_raw(bytes)?;
    let lf = text.replace("\r\n", "\n").replace('\r', "\n");
    Ok((lf.nfc().collect(), encoding))
}

/// Decode `bytes` as they are: line endings and normalisation untouched (what
/// `check --fix` writes back), a UTF-8 byte-order mark dropped.
pub fn decode_raw(bytes: &[u8]) -> Result<(String, Encoding), Unreadable> {
    if let Some(text) = utf16(bytes) {
        return Ok((text, Encoding::Utf16));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(match repair_tcvn3(s) {
            Some(repaired) => (repaired, Encoding::Tcvn3AsLatin1),
            None => (s.to_string(), Encoding::Utf8),
        }),
        Err(e) => legacy(bytes).ok_or_else(|| position(bytes, e.valid_up_to())),
    }
}

/// Bytes that are not UTF-8 read in the legacy encoding they read best in, if that
/// reads as Vietnamese.
pub fn legacy(bytes: &[u8]) -> Option<(String, Encoding)> {
    let candidates = [
        (windows_1258(bytes), Encoding::Windows1258),
        (Some(tcvn3(bytes)), Encoding::Tcvn3),
    ];
    candidates
        .into_iter()
        .filter_map(|(t, enc)| t.map(|t| (vietnamese_score(&t), t, enc)))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .filter(|(score, ..)| *score >= READS_AS_VIETNAMESE)
        .map(|(_, text, enc)| (text, enc))
}

/// Whether UTF-8 text is TCVN3 shown as Latin-1 and saved (`Uû ban nh©n d©n`).
pub fn is_tcvn3_as_latin1(s: &str) -> bool {
    repair_tcvn3(s).is_some()
}

fn position(bytes: &[u8], at: usize) -> Unreadable {
    let valid = String::from_utf8_lossy(&bytes[..at]);
    let (line, column) = crate::text::line_column(&valid, valid.len());
    Unreadable { line, column }
}

/// The text of UTF-16 bytes that start with a byte-order mark (either order).
pub fn utf16(bytes: &[u8]) -> Option<String> {
    let (le, rest) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (true, rest),
        [0xFE, 0xFF, rest @ ..] => (false, rest),
        _ => return None,
    };
    let units = rest.chunks_exact(2).map(|p| {
        if le {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    Some(
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    )
}

/// Windows-1258: Latin-1 with Vietnamese letters and combining tone marks in a few
/// places, and Windows punctuation in 0x80–0x9F. `None` on an unassigned byte.
fn windows_1258(bytes: &[u8]) -> Option<String> {
    const HIGH: [u16; 32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0, 0x2039,
        0x0152, 0, 0, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
        0, 0x203A, 0x0153, 0, 0, 0x0178,
    ];
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        let c = match b {
            0x00..=0x7F => b as u32,
            0x80..=0x9F => match HIGH[(b - 0x80) as usize] {
                0 => return None,
                u => u as u32,
            },
            0xC3 => 0x0102,
            0xCC => 0x0300,
            0xD0 => 0x0110,
            0xD2 => 0x0309,
            0xD5 => 0x01A0,
            0xDD => 0x01AF,
            0xDE => 0x0303,
            0xE3 => 0x0103,
            0xEC => 0x0301,
            0xF0 => 0x0111,
            0xF2 => 0x0323,
            0xF5 => 0x01A1,
            0xFD => 0x01B0,
            0xFE => 0x20AB,
            _ => b as u32,
        };
        out.push(char::from_u32(c)?);
    }
    Some(out)
}

/// TCVN 5712:1993 (VN1, whose upper half TCVN3/ABC shares), as glibc's iconv reads it.
const TCVN3_HIGH: [u16; 128] = [
    0x00C0, 0x1EA2, 0x00C3, 0x00C1, 0x1EA0, 0x1EB6, 0x1EAC, 0x00C8, 0x1EBA, 0x1EBC, 0x00C9, 0x1EB8,
    0x1EC6, 0x00CC, 0x1EC8, 0x0128, 0x00CD, 0x1ECA, 0x00D2, 0x1ECE, 0x00D5, 0x00D3, 0x1ECC, 0x1ED8,
    0x1EDC, 0x1EDE, 0x1EE0, 0x1EDA, 0x1EE2, 0x00D9, 0x1EE6, 0x0168, 0x00A0, 0x0102, 0x00C2, 0x00CA,
    0x00D4, 0x01A0, 0x01AF, 0x0110, 0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x1EB0,
    0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00E0, 0x1EA3, 0x00E3, 0x00E1, 0x1EA1, 0x1EB2, 0x1EB1,
    0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4, 0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7,
    0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD, 0x00E9, 0x1EB9, 0x1EC1, 0x1EC3,
    0x1EC5, 0x1EBF, 0x1EC7, 0x00EC, 0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED, 0x1ECB, 0x00F2,
    0x1ED4, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7, 0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF,
    0x1EE1, 0x1EDB, 0x1EE3, 0x00F9, 0x1ED6, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF,
    0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0x1ED0,
];

/// VN1 puts a few capitals in C0 control positions; text files use none of them as
/// controls (tab, line feed and carriage return are kept).
fn tcvn3_low(b: u8) -> Option<u16> {
    Some(match b {
        0x01 => 0x00DA,
        0x02 => 0x1EE4,
        0x04 => 0x1EEA,
        0x05 => 0x1EEC,
        0x06 => 0x1EEE,
        0x11 => 0x1EE8,
        0x12 => 0x1EF0,
        0x13 => 0x1EF2,
        0x14 => 0x1EF6,
        0x15 => 0x1EF8,
        0x16 => 0x00DD,
        0x17 => 0x1EF4,
        _ => return None,
    })
}

fn tcvn3(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| {
            let u = match b {
                0x80..=0xFF => TCVN3_HIGH[(b - 0x80) as usize],
                _ => tcvn3_low(b).unwrap_or(b as u16),
            };
            char::from_u32(u as u32).unwrap_or(char::REPLACEMENT_CHARACTER)
        })
        .collect()
}

/// UTF-8 text that is TCVN3 shown as Latin-1 (`Uû ban nh©n d©n`), decoded again.
fn repair_tcvn3(s: &str) -> Option<String> {
    // Only text made of Latin-1 characters with many upper-half ones can be that: a
    // lead byte from 0xC4 up starts a character past Latin-1, which most Vietnamese
    // text has within its first words, so the scan stops there.
    if s.bytes().any(|b| b >= 0xC4) {
        return None;
    }
    let high = s
        .chars()
        .filter(|&c| ('\u{A0}'..='\u{FF}').contains(&c))
        .count();
    if high < 3 || vietnamese_score(s) >= 0.5 {
        return None;
    }
    let bytes: Vec<u8> = s.chars().map(|c| c as u32 as u8).collect();
    let repaired = tcvn3(&bytes);
    (vietnamese_score(&repaired) >= READS_AS_VIETNAMESE).then_some(repaired)
}

/// The share of words with a letter outside ASCII that are well-formed Vietnamese
/// syllables (1.0 for text with no such word).
pub fn vietnamese_score(text: &str) -> f64 {
    let nfc: String = text.nfc().collect();
    let (mut total, mut good) = (0usize, 0usize);
    for word in nfc.split(|c: char| !c.is_alphabetic()) {
        if word.is_ascii() {
            continue;
        }
        total += 1;
        if is_syllable(word) {
            good += 1;
        }
    }
    if total == 0 {
        1.0
    } else {
        good as f64 / total as f64
    }
}

const ONSETS: &[&str] = &[
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];
const NUCLEI: &[&str] = &[
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây",
    "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "ua", "uâ", "uê", "ui", "uô",
    "uơ", "ươ", "ưa", "ưi", "ưu", "uy", "ya", "yê", "iêu", "yêu", "oai", "oao", "oay", "oeo",
    "uây", "uôi", "ươi", "ươu", "uya", "uyê", "uyu", "oo",
];
const CODAS: &[&str] = &["ng", "nh", "ch", "c", "m", "n", "p", "t", ""];

/// A Vietnamese syllable: onset, vowel nucleus, coda, and at most one tone mark.
fn is_syllable(word: &str) -> bool {
    let mut tones = 0;
    let mut shape = String::with_capacity(word.len());
    for c in word.to_lowercase().nfd() {
        match c {
            '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}' => tones += 1,
            c => shape.push(c),
        }
    }
    if tones > 1 {
        return false;
    }
    let shape: String = shape.nfc().collect();
    ONSETS.iter().any(|onset| {
        let Some(rest) = shape.strip_prefix(onset) else {
            return false;
        };
        // `gi` before a consonant or alone is `g` + `i` (gì, gìn).
        let rest = if *onset == "gi"
            && !rest.starts_with(['a', 'ă', 'â', 'e', 'ê', 'o', 'ô', 'ơ', 'u', 'ư'])
        {
            &shape[1..]
        } else {
            rest
        };
        // `qu` + `y` (quý), `qu` + `a` (qua): the `u` belongs to the onset.
        CODAS.iter().any(|coda| {
            rest.strip_suffix(coda)
                .is_some_and(|nucleus| NUCLEI.contains(&nucleus))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables() {
        for ok in [
            "Hà",
            "Tĩnh",
            "nghiêng",
            "quyết",
            "người",
            "Thường",
            "gì",
            "giữa",
            "khuya",
            "Ủy",
            "uỷ",
            "đảng",
            "tỉnh",
        ] {
            assert!(is_syllable(ok), "{ok}");
        }
        for bad in ["Uû", "tØnh", "Haè", "àá", "café", "TÜnh"] {
            assert!(!is_syllable(bad), "{bad}");
        }
    }

    #[test]
    fn legacy_encodings() {
        // "Ủy ban nhân dân tỉnh Hà Tĩnh" in each encoding (made with iconv).
        let tcvn3 = b"Uy ban nh\xa9n d\xa9n t\xd8nh H\xb5 T\xdcnh \xae\xb7 h\xe4p";
        let (text, enc) = decode(tcvn3).unwrap();
        assert_eq!(enc, Encoding::Tcvn3);
        assert_eq!(text, "Uy ban nhân dân tỉnh Hà Tĩnh đã họp");
        let cp1258 = b"U\xd2y ban nh\xe2n d\xe2n ti\xd2nh Ha\xcc Ti\xdenh \xf0a\xde ho\xf2p";
        let (text, enc) = decode(cp1258).unwrap();
        assert_eq!(enc, Encoding::Windows1258);
        assert_eq!(text, "Ủy ban nhân dân tỉnh Hà Tĩnh đã họp");
        let (text, enc) = decode("Uû ban nh©n d©n tØnh Hµ TÜnh".as_bytes()).unwrap();
        assert_eq!(enc, Encoding::Tcvn3AsLatin1);
        assert_eq!(text, "Uỷ ban nhân dân tỉnh Hà Tĩnh");
    }

    #[test]
    fn other_bytes_are_refused_with_their_place() {
        let err = decode(b"ok\n\x81\x8d\x8f\x90\x9d garbage \xff\xfe\xfd").unwrap_err();
        assert_eq!(err, Unreadable { line: 2, column: 1 });
    }
}

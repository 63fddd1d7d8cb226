//! Vietnamese text: NFC normalisation, tone-placement folding, ASCII folding, slugs
//! and the Vietnamese alphabetical sort key. Every other module compares or keys
//! Vietnamese text through these functions, never by raw bytes.

mod collate;

pub use collate::{SortKey, compare, sort_key};

/// Normalise text read from a user file: NFC. (Unikey may produce NFC or NFD.)
pub fn nfc(s: &str) -> String {
    todo!("{s}")
}

/// Move the tone mark of the open syllables `oa`, `oe`, `uy` (not after `q`) to one
/// fixed position, so `Hoà` and `Hòa` compare equal. Input and output are NFC.
pub fn canonical_tone(s: &str) -> String {
    todo!("{s}")
}

/// Key for case-, form- and tone-placement-insensitive matching of names
/// (NFC, canonical tone placement, lower case, whitespace collapsed). Keeps diacritics.
pub fn match_key(s: &str) -> String {
    todo!("{s}")
}

/// ASCII folding for search and fuzzy suggestions: `đ`→`d`, marks removed, lower case.
/// Keeps spaces and punctuation. Never an identifier: it merges distinct words.
pub fn fold(s: &str) -> String {
    todo!("{s}")
}

/// The slug rule of `vietnamese_text.md` §2: ASCII `[a-z0-9-]`, no leading, trailing or
/// doubled `-`. May be empty when the input has no letters or digits.
pub fn slugify(s: &str) -> String {
    todo!("{s}")
}

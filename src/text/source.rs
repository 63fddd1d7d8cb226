//! Decoding a user file: UTF-8 or UTF-16 with a BOM (both unambiguous; a located
//! error naming the legacy encoding otherwise), BOM dropped, CRLF and CR line endings
//! made LF, NFC. After this no stage sees encoding differences.

use unicode_normalization::UnicodeNormalization;

use crate::text;
use crate::text::encoding::{self, Encoding};

/// The first invalid byte of a non-UTF-8 file, as a 1-based line and column, and
/// the legacy encoding the file reads in, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotUtf8 {
    pub line: usize,
    pub column: usize,
    pub detected: Option<Encoding>,
}

pub fn decode(bytes: Vec<u8>) -> Result<String, NotUtf8> {
    decode_file(bytes).map(|d| d.text)
}

/// A decoded file's text, and whether it is the file's bytes as they are.
pub struct Decoded {
    pub text: String,
    /// No BOM, no CR, already NFC: the bytes need no decoding but a UTF-8 check.
    pub as_is: bool,
}

/// [`decode`], also telling whether the bytes were the text already.
pub fn decode_file(mut bytes: Vec<u8>) -> Result<Decoded, NotUtf8> {
    let utf16 = encoding::utf16(&bytes);
    let bom = utf16.is_some() || bytes.starts_with(b"\xEF\xBB\xBF");
    if bom && utf16.is_none() {
        bytes.drain(..3);
    }
    // Owned all the way: a file already in NFC with LF endings is never copied.
    let raw = match utf16 {
        Some(text) => text,
        None => utf8(bytes)?,
    };
    if encoding::is_tcvn3_as_latin1(&raw) {
        return Err(NotUtf8 {
            line: 1,
            column: 1,
            detected: Some(Encoding::Tcvn3AsLatin1),
        });
    }
    let cr = raw.contains('\r');
    let lf = if cr {
        raw.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        raw
    };
    let nfc = text::is_nfc(&lf);
    let text = if nfc { lf } else { lf.nfc().collect() };
    // Ð/ð (U+00D0/U+00F0, the Icelandic eth) are no Vietnamese letters: text converted
    // from old encodings has them for Đ/đ. Made Đ/đ once here, so numbers (15/QÐ-UBND),
    // search, slugs and the page all see one letter.
    let eth = has_eth(&text);
    let text = if eth {
        text.replace('\u{D0}', "\u{110}")
            .replace('\u{F0}', "\u{111}")
    } else {
        text
    };
    // NUL is no text: HTML parsers and spreadsheets each treat it their own way
    // (dropped, a cut, an error). It becomes U+FFFD, as HTML does, before any stage.
    let nul = memchr::memchr(0, text.as_bytes()).is_some();
    let text = if nul {
        text.replace('\0', "\u{FFFD}")
    } else {
        text
    };
    Ok(Decoded {
        text,
        as_is: !bom && !cr && nfc && !eth && !nul,
    })
}

/// Whether `s` holds Ð or ð. Two SIMD searches: their lead byte 0xC3 also starts
/// most Vietnamese vowels, so looking for it alone would stop everywhere.
fn has_eth(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memmem::find(b, "\u{D0}".as_bytes()).is_some()
        || memchr::memmem::find(b, "\u{F0}".as_bytes()).is_some()
}

/// The bytes of an open file whose length a `stat` just gave. `read_to_end` on a
/// `File` would ask for the length and the position again and read once more to
/// see the end (three system calls of five, twice per conclusion in a build);
/// bounded by `len`, this is one read. A file that grew since is read as it was.
pub fn read_len(file: std::fs::File, len: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(len as usize);
    std::io::Read::read_to_end(&mut std::io::Read::take(file, len), &mut bytes)?;
    Ok(bytes)
}

/// UTF-8 bytes as text, or where the first invalid byte is. simdutf8 checks
/// Vietnamese text about ten times as fast as the standard library, which is asked
/// again only for the position of an error.
pub fn utf8(bytes: Vec<u8>) -> Result<String, NotUtf8> {
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: the bytes were just checked to be UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let valid = std::str::from_utf8(&bytes[..e.utf8_error().valid_up_to()]).unwrap_or_default();
        let (line, column) = text::line_column(valid, valid.len());
        let detected = encoding::legacy(bytes).map(|(_, e)| e);
        NotUtf8 {
            line,
            column,
            detected,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eth_becomes_d_with_stroke() {
        let d = decode_file(
            "\u{D0}ảng ủy, 15/Q\u{D0}-UBND, \u{F0}ất"
                .as_bytes()
                .to_vec(),
        )
        .unwrap();
        assert_eq!(d.text, "Đảng ủy, 15/QĐ-UBND, đất");
        assert!(!d.as_is, "the text is not the file's bytes");
        // Other Latin-1 letters sharing the lead byte are kept.
        let d = decode_file("Àà Ïï ×".as_bytes().to_vec()).unwrap();
        assert_eq!(d.text, "Àà Ïï ×");
        assert!(d.as_is);
    }

    #[test]
    fn bom_crlf_nfd() {
        let nfd = "Ha\u{300} Ti\u{303}nh";
        let input = format!("\u{FEFF}a\r\nb\rc\n{nfd}");
        assert_eq!(decode(input.into_bytes()).unwrap(), "a\nb\nc\nHà Tĩnh");
    }

    #[test]
    fn only_plain_bytes_are_as_is() {
        let as_is = |s: &str| decode_file(s.as_bytes().to_vec()).unwrap().as_is;
        assert!(as_is("Hà Tĩnh\n"));
        assert!(!as_is("\u{FEFF}Hà Tĩnh"));
        assert!(!as_is("Hà Tĩnh\r\n"));
        assert!(!as_is("Ha\u{300} Ti\u{303}nh"));
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = decode(b"ok\nab\xFFcd".to_vec()).unwrap_err();
        assert_eq!(
            err,
            NotUtf8 {
                line: 2,
                column: 3,
                detected: None
            }
        );
    }

    #[test]
    fn utf16_is_read_and_legacy_encodings_are_named() {
        let text = "---\ntitle: Hà Tĩnh\n---\n";
        for le in [true, false] {
            let mut bytes = if le {
                vec![0xFF, 0xFE]
            } else {
                vec![0xFE, 0xFF]
            };
            for u in text.encode_utf16() {
                bytes.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
            }
            let d = decode_file(bytes).unwrap();
            assert_eq!(d.text, text);
            assert!(!d.as_is);
        }
        // "Ủy ban nhân dân tỉnh Hà Tĩnh đã họp" in Windows-1258 and TCVN3.
        let cp1258 = b"a\nU\xd2y ban nh\xe2n d\xe2n ti\xd2nh Ha\xcc Ti\xdenh \xf0a\xde ho\xf2p";
        let err = decode(cp1258.to_vec()).unwrap_err();
        assert_eq!((err.line, err.column), (2, 2));
        assert_eq!(err.detected, Some(Encoding::Windows1258));
        let tcvn3 = b"Uy ban nh\xa9n d\xa9n t\xd8nh H\xb5 T\xdcnh \xae\xb7 h\xe4p";
        assert_eq!(
            decode(tcvn3.to_vec()).unwrap_err().detected,
            Some(Encoding::Tcvn3)
        );
        let latin1 = "Uû ban nh©n d©n tØnh Hµ TÜnh";
        assert_eq!(
            decode(latin1.as_bytes().to_vec()).unwrap_err().detected,
            Some(Encoding::Tcvn3AsLatin1)
        );
    }
}

//! Decoding a user file: UTF-8 (located error otherwise), BOM dropped, CRLF and CR
//! line endings made LF, NFC. After this no stage sees encoding differences.

use crate::text;

/// The first invalid byte of a non-UTF-8 file, as a 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotUtf8 {
    pub line: usize,
    pub column: usize,
}

pub fn decode(bytes: &[u8]) -> Result<String, NotUtf8> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let raw = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let line = valid.matches('\n').count() + 1;
            let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            return Err(NotUtf8 { line, column });
        }
    };
    let lf = if raw.contains('\r') {
        raw.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        raw.to_string()
    };
    Ok(text::nfc(&lf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_crlf_nfd() {
        let nfd = "Ha\u{300} Ti\u{303}nh";
        let input = format!("\u{FEFF}a\r\nb\rc\n{nfd}");
        assert_eq!(decode(input.as_bytes()).unwrap(), "a\nb\nc\nHà Tĩnh");
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = decode(b"ok\nab\xFFcd").unwrap_err();
        assert_eq!(err, NotUtf8 { line: 2, column: 3 });
    }
}

//! File and folder names that Windows cannot hold. A site kept in git is checked out
//! on editors' Windows PCs, and its output may be deployed from one: a name Windows
//! refuses (or silently changes) there breaks the checkout or the site, so ketluan
//! refuses it everywhere, with the rename to make.

/// Why Windows cannot hold a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unportable {
    /// `CON`, `PRN`, `AUX`, `NUL`, `COM1`–`COM9`, `LPT1`–`LPT9`, with or without an
    /// extension, in any case: Windows opens the device instead.
    Reserved,
    /// A final `.` or space, which Windows drops.
    TrailingDotOrSpace,
    /// One of `<>:"|?*` or a control character.
    ForbiddenChar,
}

impl Unportable {
    pub fn reason(self) -> &'static str {
        match self {
            Unportable::Reserved => "part-windows-device",
            Unportable::TrailingDotOrSpace => "part-windows-trailing",
            Unportable::ForbiddenChar => "part-windows-chars",
        }
    }
}

/// Whether Windows can hold a file or folder named `name` (one path component).
pub fn check(name: &str) -> Result<(), Unportable> {
    if name
        .chars()
        .any(|c| c.is_control() || matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*'))
    {
        return Err(Unportable::ForbiddenChar);
    }
    if name.ends_with(['.', ' ']) {
        return Err(Unportable::TrailingDotOrSpace);
    }
    if is_reserved(name) {
        return Err(Unportable::Reserved);
    }
    Ok(())
}

/// The device names, also with an extension (`nul.txt`, `Com1.md`) and with spaces
/// before it (`CON .md`), which Windows trims.
fn is_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end_matches(' ');
    let upper = stem.to_ascii_uppercase();
    match upper.as_bytes() {
        [a, b, c] => matches!(&[*a, *b, *c], b"CON" | b"PRN" | b"AUX" | b"NUL"),
        [a, b, c, d] => matches!(&[*a, *b, *c], b"COM" | b"LPT") && (b'1'..=b'9').contains(d),
        _ => false,
    }
}

/// A name close to `name` that Windows can hold: characters it refuses become `-`,
/// a final dot or space goes, and a device name gets `-1` after its stem
/// (`con.md` → `con-1.md`).
pub fn portable(name: &str) -> String {
    let mut out: String = name
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '|' | '?' | '*' => '-',
            c => c,
        })
        .collect();
    let trimmed = out.trim_end_matches(['.', ' ']).len();
    out.truncate(trimmed);
    if out.is_empty() {
        return "tep".into();
    }
    if is_reserved(&out) {
        let end = out.find('.').unwrap_or(out.len());
        let stem_end = out[..end].trim_end_matches(' ').len();
        out.insert_str(stem_end, "-1");
    }
    out
}

/// The key under which two names Windows (and macOS) take for one are equal: lower
/// case. Content names are NFC already when they are compared.
pub fn case_key(path: &str) -> String {
    path.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_names_in_any_case_and_with_any_extension() {
        for name in [
            "CON",
            "con",
            "Con.md",
            "nul.txt",
            "aux.tar.gz",
            "PRN",
            "COM1",
            "com9.pdf",
            "LPT1",
            "lpt9.docx",
            "CON .md",
        ] {
            assert_eq!(check(name), Err(Unportable::Reserved), "{name}");
        }
        for name in [
            "console.md",
            "com10",
            "com0",
            "lpt",
            "nul-1.md",
            "icon.png",
            "com",
        ] {
            assert_eq!(check(name), Ok(()), "{name}");
        }
    }

    #[test]
    fn forbidden_characters_and_trailing_dots() {
        for name in [
            "a<b",
            "a>b",
            "a:b.md",
            "\"x\"",
            "a|b",
            "what?",
            "star*",
            "tab\tname",
        ] {
            assert_eq!(check(name), Err(Unportable::ForbiddenChar), "{name}");
        }
        for name in ["ket-luan.", "ket luan ", "..."] {
            assert_eq!(check(name), Err(Unportable::TrailingDotOrSpace), "{name}");
        }
        assert_eq!(check("kết luận số 1.md"), Ok(()));
    }

    #[test]
    fn the_rename_is_portable() {
        assert_eq!(portable("con.md"), "con-1.md");
        assert_eq!(portable("NUL"), "NUL-1");
        assert_eq!(portable("Com1.pdf"), "Com1-1.pdf");
        assert_eq!(portable("a:b?.md"), "a-b-.md");
        assert_eq!(portable("phu-luc. "), "phu-luc");
        for name in ["con.md", "NUL", "a:b?.md", "x. ", "CON .md", "...", "\u{1}"] {
            assert_eq!(check(&portable(name)), Ok(()), "{name}");
        }
    }
}

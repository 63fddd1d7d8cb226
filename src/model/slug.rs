//! URL slugs: ASCII `[a-z0-9-]`, never empty, never a path.

use std::fmt;

use serde::Serialize;

use crate::text;

/// A validated slug: safe as one path segment of the output.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Slug(String);

impl Slug {
    /// Validate a slug written by an editor. Refuses anything that is not plain
    /// `[a-z0-9-]` (so `../x`, `/etc`, `a/b` and `Ket Luan` cannot reach the file system).
    pub fn parse(s: &str) -> Result<Self, &'static str> {
        if s.is_empty() {
            return Err("it is empty");
        }
        if s.contains(['/', '\\']) || s.contains("..") {
            return Err("it must not contain `/`, `\\` or `..`");
        }
        if !s
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err("only lower-case ASCII letters, digits and `-` are allowed");
        }
        if s.starts_with('-') || s.ends_with('-') {
            return Err("it must not start or end with `-`");
        }
        Ok(Self(s.to_string()))
    }

    /// Slug of any text by the Vietnamese rule; `None` when nothing is left.
    pub fn from_text(s: &str) -> Option<Self> {
        let slug = text::slugify(s);
        (!slug.is_empty()).then_some(Self(slug))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// This slug followed by `-suffix` (the suffix is slugified too).
    pub fn with_suffix(&self, suffix: &str) -> Self {
        match Self::from_text(suffix) {
            Some(s) => Self(format!("{}-{}", self.0, s.0)),
            None => self.clone(),
        }
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths() {
        for bad in [
            "../x", "/etc", "a/b", "..", "", "Ket", "a b", "-a", "a\\b", "ă",
        ] {
            assert!(Slug::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Slug::parse("ket-luan-2021").unwrap().as_str(),
            "ket-luan-2021"
        );
    }
}

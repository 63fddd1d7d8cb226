//! URL slugs: ASCII `[a-z0-9-]`, never empty, never a path.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::text;

/// A validated slug: safe as one path segment of the output.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Slug(#[serde(deserialize_with = "parsed")] String);

/// A slug read back (from the build cache) is checked like one an editor wrote.
fn parsed<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    Slug::parse(&s).map_err(serde::de::Error::custom)?;
    Ok(s)
}

/// The longest slug: it names a folder of the output, and systems refuse names
/// past 255 bytes (room is left for a `-2` suffix and for what a copy adds).
pub const MAX_LEN: usize = 200;

impl Slug {
    /// Validate a slug written by an editor. Refuses anything that is not plain
    /// `[a-z0-9-]` (so `../x`, `/etc`, `a/b` and `Ket Luan` cannot reach the file system).
    pub fn parse(s: &str) -> Result<Self, &'static str> {
        if s.is_empty() {
            return Err("part-slug-empty");
        }
        if s.contains(['/', '\\']) || s.contains("..") {
            return Err("part-slug-separators");
        }
        if !s
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err("part-slug-chars");
        }
        if s.starts_with('-') || s.ends_with('-') {
            return Err("part-slug-dash");
        }
        if s.len() > MAX_LEN {
            return Err("part-slug-long");
        }
        Ok(Self(s.to_string()))
    }

    /// Slug of any text by the Vietnamese rule; `None` when nothing is left.
    pub fn from_text(s: &str) -> Option<Self> {
        let mut slug = text::slugify(s);
        if slug.len() > MAX_LEN {
            // Cut at a word: the slug of a very long title.
            let cut = slug[..MAX_LEN].rfind('-').unwrap_or(MAX_LEN);
            slug.truncate(cut);
        }
        (!slug.is_empty()).then_some(Self(slug))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// This slug followed by `-suffix` (the suffix is slugified too).
    pub fn with_suffix(&self, suffix: &str) -> Self {
        match Self::from_text(suffix) {
            Some(s) => {
                let keep = MAX_LEN.saturating_sub(s.0.len() + 1).min(self.0.len());
                let head = self.0[..keep].trim_end_matches('-');
                Self(format!("{head}-{}", s.0))
            }
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
    fn long_slugs_are_refused_or_cut_at_a_word() {
        assert!(Slug::parse(&"a".repeat(300)).is_err());
        assert!(Slug::parse(&"a".repeat(MAX_LEN)).is_ok());
        let long = Slug::from_text(&"Kết luận ".repeat(40)).unwrap();
        assert!(long.as_str().len() <= MAX_LEN);
        assert!(long.as_str().ends_with("luan"), "{long}");
        assert!(long.with_suffix("2").as_str().len() <= MAX_LEN);
    }

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

//! How the parts of a conclusion that serde cannot derive are written into the build
//! cache's parsed files (`crate::load::cache`): a date as `YYYY-MM-DD`, a province as
//! its place in the fixed table of units (the cache is made and read by the same
//! binary, see `crate::cache::salt`).

use jiff::civil::Date;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serializer};

use super::province::{self, Province};

pub(super) mod date {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(d)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = <&str>::deserialize(d)?;
        text.parse().map_err(D::Error::custom)
    }
}

pub(super) mod date_opt {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            // As an option: formats without names (the build cache's) mark it.
            Some(d) => s.serialize_some(&d.to_string()),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        Option::<&str>::deserialize(d)?
            .map(|t| t.parse().map_err(D::Error::custom))
            .transpose()
    }
}

pub(super) mod unit {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(p: &&'static Province, s: S) -> Result<S::Ok, S::Error> {
        let at = province::all()
            .iter()
            .position(|u| std::ptr::eq(u, *p))
            .ok_or_else(|| serde::ser::Error::custom("a unit outside the table"))?;
        s.serialize_u64(at as u64)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<&'static Province, D::Error> {
        let at = usize::deserialize(d)?;
        province::all()
            .get(at)
            .ok_or_else(|| D::Error::custom("no such unit"))
    }
}

pub(super) mod shared_text {
    use super::*;
    use std::sync::Arc;

    pub(crate) fn serialize<S: Serializer>(t: &Arc<str>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(t)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Arc<str>, D::Error> {
        Ok(Arc::from(String::deserialize(d)?))
    }
}

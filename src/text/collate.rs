//! Vietnamese alphabetical order (CLDR `vi` standard tailoring) without ICU.
use std::cmp::Ordering;

/// A sort key: comparing keys gives Vietnamese dictionary order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SortKey(Vec<u32>);

/// Build the sort key of a string.
pub fn sort_key(s: &str) -> SortKey {
    todo!("{s}")
}

/// Compare two strings in Vietnamese alphabetical order.
pub fn compare(a: &str, b: &str) -> Ordering {
    sort_key(a).cmp(&sort_key(b))
}

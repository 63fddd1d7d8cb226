//! The link checker: where a link leads is decided once ([`crate::routes::resolve_link`],
//! the way a browser resolves it), then checked in one of two places.
//!
//! - [`check_bodies`] (`ketluan check`): links written in conclusion bodies, against
//!   the loaded site, naming what is missing (a slug, an attachment, a draft) and
//!   suggesting the link likely meant.
//! - [`check_output`] (`ketluan build --check-links`): every link and anchor of the
//!   rendered output, in memory, before it is written, so a site with a broken link
//!   never replaces the last good one.

mod bodies;
mod output;

pub use bodies::{BrokenLink, check_bodies};
pub use output::check_output;

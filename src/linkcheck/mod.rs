//! The link checker: where a link leads is decided once ([`crate::routes::resolve_link`],
//! the way a browser resolves it), then checked in one of two places.
//!
//! - [`check_bodies`] (`ketluan check`): links written in conclusion bodies, against
//!   the loaded site, naming what is missing (a slug, an attachment, a draft) and
//!   suggesting the link likely meant.
//! - [`check_output`] (`ketluan build --check-links`): every link and anchor of the
//!   rendered output, in memory, before it is written, so a site with a broken link
//!   never replaces the last good one.

//!
//! `build --check-links` reports each broken link of the output where it was written
//! ([`check_output_at_sources`]): the Markdown body or the template.

mod bodies;
mod output;
mod sources;

pub use bodies::{BrokenLink, check_bodies};
pub use output::check_output;
pub use sources::check_output_at_sources;

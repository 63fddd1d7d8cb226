//! The validated model: conclusions, provinces, documents and the indexes over them.
//! Built by [`crate::load`], read by [`crate::render`]. It reads no file itself but a
//! body stored for later ([`conclusion::Markdown::text`]), when asked for it.

pub mod body;
pub mod citation;
pub mod conclusion;
pub mod date;
pub mod docnum;
pub mod document;
pub mod issuer;
mod persist;
pub mod province;
mod province_data;
pub mod site;
pub mod slug;

pub use conclusion::{Attachment, Conclusion, Markdown, Stamp, StoredText};
pub use docnum::DocumentNumber;
pub use document::{Document, DocumentKey, Scope};
pub use province::Province;
pub use site::Site;
pub use slug::Slug;

//! ketluan: a static site generator for the conclusions (kết luận) of Vietnamese
//! provincial Party committees and People's Committees.
//!
//! The modules follow the pipeline, and data flows one way through them:
//!
//! ```text
//! load (walk, split front matter, parse, validate)
//!   → model (conclusions, provinces, documents, indexes)
//!   → render (Markdown, templates)
//!   → write (atomic output)
//! ```
//!
//! [`text`] (Vietnamese normalisation, slugs, collation) and [`diagnostic`] (located,
//! user-facing errors) are the foundation every stage uses. [`build`] runs the stages.

pub mod build;
pub mod config;
pub mod diagnostic;
pub mod load;
pub mod model;
pub mod render;
pub mod serve;
pub mod text;
pub mod timings;
pub mod write;

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
//!
//! The editor tools sit on top: [`check`] runs the same stages and lints the model,
//! [`new`] and [`import`] write conclusion files through [`draft`], validated by the
//! load stage's parser and read with the model's recognisers.
//! [`routes`] is the site's layout: every page's and file's output path and URL.
//! [`linkcheck`] checks links, in bodies for `check` and in the rendered output for
//! `build --check-links`, resolved one way through [`routes`].

#![warn(unreachable_pub)]

pub mod build;
pub mod cache;
pub mod check;
pub mod config;
pub mod console;
pub mod diagnostic;
pub mod draft;
pub mod explain;
pub mod i18n;
pub mod import;
pub mod init;
pub mod linkcheck;
pub mod load;
pub mod model;
pub mod new;
pub mod render;
pub mod routes;
pub mod serve;
pub mod text;
pub mod timings;
pub mod write;

/// Run `work` on a thread of its own named `name`, without waiting for it. Every
/// thread ketluan starts and does not join goes through here: `std::thread::spawn`
/// panics when the system refuses a thread, while here `work` is dropped unrun and
/// the caller learns it from `false`.
pub(crate) fn spawn_detached(name: &str, work: impl FnOnce() + Send + 'static) -> bool {
    std::thread::Builder::new()
        .name(name.into())
        .spawn(work)
        .is_ok()
}

/// Drop `value` on a thread of its own. Freeing a site's many small values takes about
/// a tenth of a second per 10,000 conclusions, which nobody needs to wait for: a build
/// exits right after (the system takes the memory back at once), and `serve` goes on
/// serving. Without a thread (spawning failed), the value is dropped here.
pub(crate) fn drop_later<T: Send + 'static>(value: T) {
    spawn_detached("drop", move || drop(value));
}

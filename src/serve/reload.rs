//! Live reload: the messages sent to open pages over Server-Sent Events, the hub
//! that fans them out, and the script added to served pages.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;
use serde::Serialize;
use tokio::sync::{broadcast, watch};

use super::state::Errors;

/// Where pages find the script and the events.
pub const SCRIPT_URL: &str = "/__ketluan/livereload.js";
pub const EVENTS_URL: &str = "/__ketluan/events";
pub const SCRIPT: &str = include_str!("livereload.js");

/// Past this many changed pages, tell every page to reload rather than list them.
const LIST_AT_MOST: usize = 200;

/// What open pages are told after a rebuild.
#[derive(Debug, Clone)]
pub enum Message {
    /// These output files changed (or all of them): pages showing one reload.
    Reload { pages: Vec<String>, all: bool },
    /// These stylesheets changed: swap them without reloading.
    Css(Vec<String>),
    /// The rebuild failed: show these problems.
    Errors(Arc<Errors>),
    /// The problems are fixed.
    Ok,
}

impl Message {
    pub fn reload(pages: Vec<String>) -> Message {
        if pages.len() > LIST_AT_MOST {
            Message::Reload {
                pages: Vec::new(),
                all: true,
            }
        } else {
            Message::Reload { pages, all: false }
        }
    }

    fn event(&self) -> Event {
        #[derive(Serialize)]
        struct Reload<'a> {
            pages: &'a [String],
            all: bool,
        }
        #[derive(Serialize)]
        struct Files<'a> {
            files: &'a [String],
        }
        let (name, data) = match self {
            Message::Reload { pages, all } => ("reload", json(&Reload { pages, all: *all })),
            Message::Css(files) => ("css", json(&Files { files })),
            Message::Errors(errors) => ("errors", json(errors.as_ref())),
            Message::Ok => ("ok", "{}".to_string()),
        };
        Event::default().event(name).data(data)
    }
}

fn json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect("plain data serializes")
}

/// Fans messages out to every open page.
#[derive(Clone)]
pub struct Hub {
    tx: broadcast::Sender<Message>,
    /// Changes to `true` when `serve` stops, ending every event stream.
    stopping: watch::Receiver<bool>,
    /// Tells pages whether the server they reconnect to is the one they knew.
    server: Arc<str>,
}

impl Hub {
    pub fn new(stopping: watch::Receiver<bool>) -> Self {
        let started = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        Self {
            tx: broadcast::channel(64).0,
            stopping,
            server: format!("{}-{}", std::process::id(), started.as_nanos()).into(),
        }
    }

    pub fn send(&self, message: Message) {
        // No page open is fine.
        let _ = self.tx.send(message);
    }

    /// The event stream of one page: a greeting with the current errors, then every
    /// message, until `serve` stops.
    pub fn stream(
        &self,
        errors: Option<Arc<Errors>>,
    ) -> Sse<impl Stream<Item = Result<Event, Infallible>> + use<>> {
        #[derive(Serialize)]
        struct Hello<'a> {
            server: &'a str,
            errors: Option<&'a Errors>,
        }
        let hello = Event::default()
            .event("hello")
            .retry(Duration::from_millis(500))
            .data(json(&Hello {
                server: &self.server,
                errors: errors.as_deref(),
            }));
        let state = (Some(hello), self.tx.subscribe(), self.stopping.clone());
        let stream = futures_util::stream::unfold(state, |(hello, mut rx, mut stopping)| async {
            if let Some(hello) = hello {
                return Some((Ok(hello), (None, rx, stopping)));
            }
            loop {
                if *stopping.borrow() {
                    return None;
                }
                tokio::select! {
                    received = rx.recv() => match received {
                        Ok(m) => return Some((Ok(m.event()), (None, rx, stopping))),
                        // Too slow to keep up: reload to be sure.
                        Err(broadcast::error::RecvError::Lagged(_)) => {
                            let all = Message::Reload { pages: Vec::new(), all: true };
                            return Some((Ok(all.event()), (None, rx, stopping)));
                        }
                        Err(broadcast::error::RecvError::Closed) => return None,
                    },
                    _ = stopping.changed() => {}
                }
            }
        });
        Sse::new(stream).keep_alive(KeepAlive::default())
    }
}

/// `html` with the live-reload script before its closing `</body>` (or at the end).
/// `page` is the output file it came from, or empty for a "not found" page.
pub fn inject(html: &[u8], page: &str) -> Vec<u8> {
    let tag = format!(
        "<script src=\"{SCRIPT_URL}\" data-page=\"{}\" defer></script>",
        attr_escape(page)
    );
    let at = rfind_ascii_ci(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn attr_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

fn rfind_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=haystack.len().checked_sub(needle.len())?)
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_last_body_end() {
        let html = b"<html><body><p>x</p></BODY></html>";
        let out = String::from_utf8(inject(html, "a/index.html")).unwrap();
        assert_eq!(
            out,
            "<html><body><p>x</p><script src=\"/__ketluan/livereload.js\" \
             data-page=\"a/index.html\" defer></script></BODY></html>"
        );
        let out = String::from_utf8(inject(b"<p>no body", "")).unwrap();
        assert!(out.ends_with("data-page=\"\" defer></script>"));
    }
}

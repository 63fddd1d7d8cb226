//! What the last render computed, kept by `serve` so that a rebuild renders only the
//! pages whose output can differ. `build` renders without one.
//!
//! Why reuse cannot serve a stale page: a page's HTML is a function of its template
//! (with every template it extends, includes or imports) and its context, nothing
//! else (Tera is deterministic and the context holds every variable a template can
//! read). A page is reused only when its template name is the same, no template it
//! can reach changed (compared as text), and its new context is *equal* to the one
//! it was rendered with (a full comparison, not a hash). Values that did not change
//! are carried over from the last render, so that comparison mostly compares
//! pointers; an equal value built anew merely costs a deeper comparison.
//!
//! Each render starts a new generation: entries are copied forward when used, so
//! pages, conclusions and documents that are gone are dropped with the old
//! generation. A render that fails keeps the previous generation, which matches what
//! `serve` still shows.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tera::Value;

use super::context::{ConclusionCtx, DocumentRef, Shared, Values};
use super::markdown::Link;
use super::templates::Theme;

#[derive(Default)]
pub struct Cache {
    last: Generation,
    next: Mutex<Generation>,
    /// Page templates that must be rendered again in this render.
    dirty: BTreeSet<String>,
    /// Pages rendered (not reused) by the current or last render.
    rendered: AtomicUsize,
    /// Leave out the site-wide files (feeds, sitemap, data, search index), for the
    /// caller to make with [`super::render_extras`] once the pages are served.
    pub defer_extras: bool,
}

#[derive(Default)]
struct Generation {
    /// Every conclusion's and document's context and value (`None` until the
    /// render finished).
    values: Option<Values>,
    /// Slug → position in `values`.
    conclusion_at: HashMap<String, usize>,
    document_at: HashMap<String, usize>,
    /// Conclusion slug → the `conclusion` value of its page (with `content`).
    bodies: HashMap<String, Body>,
    /// Variables every page has.
    base: Option<super::memo::Ctx>,
    /// Tera name → source of every template.
    templates: BTreeMap<String, String>,
    /// Output path → page.
    pages: HashMap<String, Page>,
}

/// A conclusion page's value and what it was made from.
#[derive(Clone)]
struct Body {
    conclusion: Value,
    markdown: Arc<str>,
    unsafe_html: bool,
    links: Vec<(usize, Range<usize>, String)>,
    value: Value,
}

#[derive(Clone)]
struct Page {
    template: &'static str,
    context: tera::Context,
    output: bytes::Bytes,
}

impl Cache {
    /// Start a render with `theme`.
    pub(super) fn begin(&mut self, theme: &Theme) {
        let changed = changed_names(&self.last.templates, &theme.texts);
        self.dirty = if changed.is_empty() {
            BTreeSet::new()
        } else {
            page_templates(&theme.texts)
                .filter(|t| reaches(t, &theme.texts, &changed))
                .collect()
        };
        *self.next.get_mut().expect("no panics while holding it") = Generation {
            templates: theme.texts.clone(),
            ..Generation::default()
        };
        *self.rendered.get_mut() = 0;
    }

    /// How many pages the last render rendered rather than reused.
    pub fn rendered(&self) -> usize {
        self.rendered.load(Ordering::Relaxed)
    }

    /// The render succeeded: its generation becomes the one to compare with.
    pub(super) fn finish(&mut self) {
        let next = std::mem::take(self.next.get_mut().expect("no panics while holding it"));
        let old = std::mem::replace(&mut self.last, next);
        // Freeing a whole site's values takes a while; nobody waits for it.
        crate::drop_later(old);
    }

    /// The render failed: keep comparing with the last good one.
    pub(super) fn abandon(&mut self) {
        *self.next.get_mut().expect("no panics while holding it") = Generation::default();
    }

    fn next(&self) -> std::sync::MutexGuard<'_, Generation> {
        self.next.lock().expect("no panics while holding it")
    }

    /// The value of a conclusion's context: the last one if equal.
    /// `shared` gives the values it shares with others, when it must be built.
    pub(super) fn conclusion(&self, ctx: &ConclusionCtx, shared: impl FnOnce() -> Shared) -> Value {
        let last = &self.last;
        let kept = last.values.as_ref().zip(last.conclusion_at.get(&ctx.slug));
        match kept {
            Some((v, &i)) if v.conclusions[i] == *ctx => v.conclusion_values[i].clone(),
            _ => ctx.to_value(shared()),
        }
    }

    /// The value of a document's context: the last one if equal.
    pub(super) fn document(&self, r: &DocumentRef) -> Value {
        let last = &self.last;
        let kept = last.values.as_ref().zip(last.document_at.get(&r.slug));
        match kept {
            Some((v, &i)) if *v.documents[i] == *r => v.document_values[i].clone(),
            _ => Value::from_serializable(r),
        }
    }

    /// Keep this render's contexts and their values, to compare with next time.
    pub(super) fn keep_values(&mut self, values: Values) {
        let next = self.next.get_mut().expect("no panics while holding it");
        next.conclusion_at = values
            .conclusions
            .iter()
            .enumerate()
            .map(|(i, c)| (c.slug.clone(), i))
            .collect();
        next.document_at = values
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.slug.clone(), i))
            .collect();
        next.values = Some(values);
    }

    /// The contexts and values of the last good render.
    pub(super) fn last_values(&self) -> Option<Values> {
        self.last.values.clone()
    }

    /// The variables every page has: the last ones if equal.
    pub(super) fn base(&self, base: super::memo::Ctx) -> super::memo::Ctx {
        let base = match &self.last.base {
            Some(old) if *old == base => old.clone(),
            _ => base,
        };
        self.next().base = Some(base.clone());
        base
    }

    /// The `conclusion` value of the page of conclusion `slug` (whose value is
    /// `conclusion`): the last one when made from the same inputs, else `make()`.
    pub(super) fn body(
        &self,
        slug: &str,
        conclusion: &Value,
        markdown: &Arc<str>,
        unsafe_html: bool,
        links: &[Link],
        make: impl FnOnce() -> Value,
    ) -> Value {
        let same = |b: &Body| {
            b.conclusion == *conclusion
                && (Arc::ptr_eq(&b.markdown, markdown) || b.markdown == *markdown)
                && b.unsafe_html == unsafe_html
                && b.links.len() == links.len()
                && b.links.iter().zip(links).all(|((run, span, url), l)| {
                    *run == l.run && *span == l.span && url.as_str() == l.url
                })
        };
        let body = match self.last.bodies.get(slug).filter(|b| same(b)) {
            Some(b) => b.clone(),
            None => Body {
                conclusion: conclusion.clone(),
                markdown: markdown.clone(),
                unsafe_html,
                links: links
                    .iter()
                    .map(|l| (l.run, l.span.clone(), l.url.to_string()))
                    .collect(),
                value: make(),
            },
        };
        let value = body.value.clone();
        self.next().bodies.insert(slug.to_string(), body);
        value
    }

    /// The output of page `path`: the last one if nothing it depends on changed,
    /// else `render(context)`.
    pub(super) fn page<E>(
        &self,
        path: &str,
        template: &'static str,
        context: tera::Context,
        render: impl FnOnce(&tera::Context) -> Result<Vec<u8>, E>,
    ) -> Result<bytes::Bytes, E> {
        let output = match self.last.pages.get(path) {
            Some(p)
                if p.template == template
                    && !self.dirty.contains(template)
                    && p.context == context =>
            {
                p.output.clone()
            }
            _ => {
                self.rendered.fetch_add(1, Ordering::Relaxed);
                bytes::Bytes::from(render(&context)?)
            }
        };
        self.next().pages.insert(
            path.to_string(),
            Page {
                template,
                context,
                output: output.clone(),
            },
        );
        Ok(output)
    }
}

/// Theme templates are registered under these prefixes (see `templates.rs`); a
/// reference to a name may resolve to any of them.
pub(super) const PREFIXES: [&str; 3] = ["", "theme/", "builtin/"];

pub(super) fn plain(name: &str) -> &str {
    PREFIXES[1..]
        .iter()
        .find_map(|p| name.strip_prefix(p))
        .unwrap_or(name)
}

/// Plain names of templates added, removed or edited.
fn changed_names(
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
) -> BTreeSet<String> {
    let names: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    names
        .into_iter()
        .filter(|n| old.get(*n) != new.get(*n))
        .map(|n| plain(n).to_string())
        .collect()
}

/// Plain names of every template, as pages are rendered by plain name.
fn page_templates(texts: &BTreeMap<String, String>) -> impl Iterator<Item = String> {
    let names: BTreeSet<String> = texts.keys().map(|n| plain(n).to_string()).collect();
    names.into_iter()
}

/// Whether rendering `template` can read one of `changed`: itself, or any name
/// quoted inside a `{% … %}` tag of a template it reaches (how `extends`, `include`
/// and `import` name templates), under every prefix. This over-approximates, which
/// is safe. Tera components can be used from any template, so a site that defines
/// one re-renders everything whenever any template changes.
fn reaches(template: &str, texts: &BTreeMap<String, String>, changed: &BTreeSet<String>) -> bool {
    if texts.values().any(|t| t.contains("component")) {
        return true;
    }
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut queue = vec![template.to_string()];
    while let Some(name) = queue.pop() {
        if changed.contains(&name) {
            return true;
        }
        if !seen.insert(name.clone()) {
            continue;
        }
        for prefix in PREFIXES {
            if let Some(text) = texts.get(&format!("{prefix}{name}")) {
                queue.extend(quoted_in_tags(text).map(|q| plain(q).to_string()));
            }
        }
    }
    false
}

/// Every string literal inside the `{% … %}` tags of `text`.
pub(super) fn quoted_in_tags(text: &str) -> impl Iterator<Item = &str> {
    text.split("{%")
        .skip(1)
        .filter_map(|rest| rest.split("%}").next())
        .flat_map(|tag| {
            let mut out = Vec::new();
            let mut rest = tag;
            while let Some(start) = rest.find(['"', '\'', '`']) {
                let quote = rest[start..].chars().next().expect("found above");
                let after = &rest[start + 1..];
                match after.find(quote) {
                    Some(end) => {
                        out.push(&after[..end]);
                        rest = &after[end + 1..];
                    }
                    None => break,
                }
            }
            out
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(items: &[(&str, &str)]) -> BTreeMap<String, String> {
        items
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect()
    }

    #[test]
    fn a_template_change_reaches_the_pages_using_it() {
        let t = texts(&[
            (
                "builtin/base.html",
                "<html>{% block content %}{% endblock %}</html>",
            ),
            (
                "builtin/conclusion.html",
                r#"{% extends "base.html" %}{% block content %}{% include 'partials/meta.html' %}{% endblock %}"#,
            ),
            ("builtin/partials/meta.html", "meta"),
            ("builtin/province.html", r#"{% extends "base.html" %}"#),
        ]);
        let changed: BTreeSet<String> = ["partials/meta.html".to_string()].into();
        assert!(reaches("conclusion.html", &t, &changed));
        assert!(!reaches("province.html", &t, &changed));
        let changed: BTreeSet<String> = ["base.html".to_string()].into();
        assert!(reaches("province.html", &t, &changed));
    }

    #[test]
    fn an_override_counts_as_a_change_of_the_plain_name() {
        let old = texts(&[("builtin/base.html", "a")]);
        let new = texts(&[("builtin/base.html", "a"), ("base.html", "b")]);
        assert_eq!(
            changed_names(&old, &new),
            BTreeSet::from(["base.html".to_string()])
        );
    }
}

//! Which pages a render can carry over rather than render, for `build` and `serve`
//! alike: each page gets a key, and a page whose key is the one it was last made
//! with is the same page.
//!
//! A page's key is a 128-bit hash of everything its bytes are made from: the
//! ketluan binary and build options (the salt), the texts of every template its
//! template can reach, and its whole context, every value walked (map entries in
//! key order), except that a conclusion page's Markdown body counts as its text's
//! hash and the links put into it, not as the HTML made from them. Values many
//! pages share (a conclusion's, a document's, the variables every page has) are
//! hashed once and then stand in by their hash.
//!
//! - `build` ([`Memo`]) compares with the keys of the last build, kept in the build
//!   cache (see `crate::cache`), and carries a page over from the published output.
//! - `serve` ([`Cache`]) keeps each page's key and bytes in memory, and the values
//!   of the last render, so that equal values are not built again and an edit of a
//!   body alone can render its page from them (`super::render_conclusions`).
//!   Each render starts a new generation: entries are copied forward when used, so
//!   pages, conclusions and documents that are gone are dropped with the old
//!   generation. A render that fails keeps the previous generation, which matches
//!   what `serve` still shows.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use tera::Value;
use xxhash_rust::xxh3::Xxh3;

use super::context::{ConclusionCtx, DocumentRef, Shared, Values};
use super::deps::Deps;

/// A page's key.
pub type Key = u128;

/// Output path → key: hundreds of thousands of paths, looked up once or twice
/// each per build, hashed with FxHash (they are ours, not an attacker's).
pub type Keys = rustc_hash::FxHashMap<String, Key>;

/// Carries an output file over from the published site; `false` when it cannot.
pub type Keep<'a> = &'a (dyn Fn(&str) -> io::Result<bool> + Sync);

/// Reads what the last build saved; `None` when there is nothing.
pub type Load<'a> = &'a (dyn Fn() -> Option<Vec<u8>> + Sync);

/// Keeps what this build made for the next.
pub type Save<'a> = &'a (dyn Fn(Vec<u8>) + Sync);

/// The keys of the last build and those of this one, and the dependency maps of
/// both (see [`super::deps`]).
pub struct Memo<'a> {
    last: &'a Keys,
    keep: Keep<'a>,
    salt: u128,
    next: Mutex<Vec<(String, Key)>>,
    last_deps: Option<&'a Deps>,
    next_deps: Mutex<Option<Deps>>,
    reused: AtomicUsize,
    carried: AtomicUsize,
    unkeyed: AtomicUsize,
    /// Set once the pages' dependency map shows that no conclusion's or document's
    /// value changed (see [`super::deps::Clean::values_unchanged`]).
    values_unchanged: AtomicBool,
    /// Reads the search index's tables the last build saved (when the index is
    /// made: they are not held while the pages render), and keeps this build's
    /// (see `super::search`).
    search: Option<(Load<'a>, Save<'a>)>,
    search_saved: AtomicBool,
}

impl<'a> Memo<'a> {
    /// `last`: output path → key of the published site; `keep` carries a file over;
    /// `salt`: what every page depends on outside the site (binary, options).
    pub fn new(last: &'a Keys, keep: Keep<'a>, salt: u128) -> Self {
        Self {
            last,
            keep,
            salt,
            next: Mutex::new(Vec::new()),
            last_deps: None,
            next_deps: Mutex::new(None),
            reused: Default::default(),
            carried: Default::default(),
            unkeyed: Default::default(),
            values_unchanged: Default::default(),
            search: None,
            search_saved: Default::default(),
        }
    }

    /// With the dependency map saved with `last`'s output.
    pub fn with_deps(mut self, deps: Option<&'a Deps>) -> Self {
        self.last_deps = deps;
        self
    }

    pub(super) fn last_deps(&self) -> Option<&'a Deps> {
        self.last_deps
    }

    pub(super) fn set_deps(&self, deps: Option<Deps>) {
        *self.next_deps.lock().expect("no panics while holding it") = deps;
    }

    /// The dependency map of this build's pages, for the next.
    pub fn take_deps(&self) -> Option<Deps> {
        self.next_deps
            .lock()
            .expect("no panics while holding it")
            .take()
    }

    /// This memo with `load`, which reads the search index's tables the last
    /// build saved, and `save`, which keeps this build's for the next.
    pub fn with_search(mut self, load: Load<'a>, save: Save<'a>) -> Self {
        self.search = Some((load, save));
        self
    }

    /// The search index's tables of the last build.
    pub(super) fn last_search(&self) -> Option<Vec<u8>> {
        self.search.and_then(|(load, _)| load())
    }

    /// Carry the page `path` over with the key the last build made it with, known
    /// unchanged without its key being made (see [`super::deps`]).
    pub(super) fn reuse_unchanged(&self, path: &str) -> io::Result<bool> {
        let Some(&key) = self.last.get(path) else {
            return Ok(false);
        };
        let kept = self.reuse(path, key)?;
        if kept {
            self.unkeyed.fetch_add(1, Ordering::Relaxed);
        }
        Ok(kept)
    }

    pub(super) fn set_values_unchanged(&self, unchanged: bool) {
        self.values_unchanged.store(unchanged, Ordering::Relaxed);
    }

    /// When no value changed, carry the file `path` (not a page, but made of the
    /// values alone: a feed, the data export) over with the key the last build
    /// made it with, without making its key; `false`, with nothing done, when it
    /// cannot be.
    pub(super) fn carry_unchanged(&self, path: &str) -> io::Result<bool> {
        if !self.values_unchanged.load(Ordering::Relaxed) {
            return Ok(false);
        }
        let Some(&key) = self.last.get(path) else {
            return Ok(false);
        };
        if !(self.keep)(path)? {
            return Ok(false);
        }
        self.carried.fetch_add(1, Ordering::Relaxed);
        self.remember(path, key);
        Ok(true)
    }

    /// Keep `key` as the key of `path`, for the next build.
    fn remember(&self, path: &str, key: Key) {
        self.next
            .lock()
            .expect("no panics while holding it")
            .push((path.to_string(), key));
    }

    /// Keep this build's search index tables, for the next.
    pub(super) fn save_search(&self, tables: Vec<u8>) {
        if let Some((_, save)) = self.search {
            save(tables);
            self.search_saved.store(true, Ordering::Relaxed);
        }
    }

    /// Whether this build's search index tables were kept for the next.
    pub fn search_saved(&self) -> bool {
        self.search_saved.load(Ordering::Relaxed)
    }

    /// Whether the page `path` with key `key` was carried over (then it needs no
    /// rendering). The key is remembered either way.
    pub(super) fn reuse(&self, path: &str, key: Key) -> io::Result<bool> {
        let kept = self.carry(path, key)?;
        if kept {
            self.reused.fetch_add(1, Ordering::Relaxed);
        }
        Ok(kept)
    }

    /// [`Memo::reuse`] for a file that is not a page (a feed, a sitemap, the data
    /// export): not counted as a page carried over.
    pub(super) fn carry(&self, path: &str, key: Key) -> io::Result<bool> {
        let kept = self.last.get(path) == Some(&key) && (self.keep)(path)?;
        if kept {
            self.carried.fetch_add(1, Ordering::Relaxed);
        }
        self.remember(path, key);
        Ok(kept)
    }

    /// Carry over a file whose key is kept elsewhere (the search index's result
    /// files: see `super::search`); `false` when it cannot be.
    pub(super) fn carry_file(&self, path: &str) -> io::Result<bool> {
        let kept = (self.keep)(path)?;
        if kept {
            self.carried.fetch_add(1, Ordering::Relaxed);
        }
        Ok(kept)
    }

    pub(super) fn salt(&self) -> u128 {
        self.salt
    }

    /// How many pages were carried over.
    pub fn reused(&self) -> usize {
        self.reused.load(Ordering::Relaxed)
    }

    /// How many pages were carried over without their key made.
    pub fn unkeyed(&self) -> usize {
        self.unkeyed.load(Ordering::Relaxed)
    }

    /// How many files were carried over, pages and others.
    pub fn carried(&self) -> usize {
        self.carried.load(Ordering::Relaxed)
    }

    /// The keys of this build's pages, for the next.
    pub fn into_keys(self) -> Vec<(String, Key)> {
        self.next.into_inner().expect("no panics while holding it")
    }
}

/// What `serve` keeps of the last render, to render again only the pages whose key
/// changed.
#[derive(Default)]
pub struct Cache {
    last: Generation,
    next: Mutex<Generation>,
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
    /// Variables every page has.
    base: Option<Ctx>,
    /// Output path → the page's key and bytes.
    pages: HashMap<String, (Key, bytes::Bytes)>,
    /// What the conclusion and document pages show (see [`super::deps`]).
    deps: Option<Deps>,
}

impl Cache {
    /// Start a render.
    pub(super) fn begin(&mut self) {
        *self.next.get_mut().expect("no panics while holding it") = Generation::default();
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
    pub(super) fn base(&self, base: Ctx) -> Ctx {
        let base = match &self.last.base {
            Some(old) if *old == base => old.clone(),
            _ => base,
        };
        self.next().base = Some(base.clone());
        base
    }

    /// The bytes of page `path` if the last render made it with `key`; kept for
    /// the next render either way.
    pub(super) fn reuse(&self, path: &str, key: Key) -> Option<bytes::Bytes> {
        let (_, bytes) = self.last.pages.get(path).filter(|(k, _)| *k == key)?;
        self.keep(path, key, bytes.clone());
        Some(bytes.clone())
    }

    /// The bytes of page `path` as the last render made it, known unchanged
    /// without its key being made (see [`super::deps`]); kept for the next render.
    pub(super) fn reuse_unchanged(&self, path: &str) -> Option<bytes::Bytes> {
        let (key, bytes) = self.last.pages.get(path)?;
        self.keep(path, *key, bytes.clone());
        Some(bytes.clone())
    }

    pub(super) fn last_deps(&self) -> Option<&Deps> {
        self.last.deps.as_ref()
    }

    /// The dependency map of the render under way.
    pub(super) fn keep_deps(&mut self, deps: Option<Deps>) {
        self.next
            .get_mut()
            .expect("no panics while holding it")
            .deps = deps;
    }

    /// Page `path`, just rendered with `key`.
    pub(super) fn rendered_page(&self, path: &str, key: Key, bytes: bytes::Bytes) {
        self.rendered.fetch_add(1, Ordering::Relaxed);
        self.keep(path, key, bytes);
    }

    fn keep(&self, path: &str, key: Key, bytes: bytes::Bytes) {
        self.next().pages.insert(path.to_string(), (key, bytes));
    }
}

/// A page's context as it is built: hashed for its key before Tera gets it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Ctx(BTreeMap<Cow<'static, str>, Value>);

impl Ctx {
    pub(crate) fn insert<T: serde::Serialize + ?Sized>(&mut self, key: &'static str, val: &T) {
        self.0.insert(key.into(), Value::from_serializable(val));
    }

    pub(crate) fn insert_value(&mut self, key: &'static str, val: Value) {
        self.0.insert(key.into(), val);
    }

    pub(super) fn entries(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|(k, v)| (k.as_ref(), v))
    }

    pub(crate) fn to_tera(&self) -> tera::Context {
        let mut ctx = tera::Context::new();
        for (k, v) in &self.0 {
            ctx.insert_value(k.clone(), v.clone());
        }
        ctx
    }
}

/// Hashes of the values pages share, and of the templates, for one render.
pub(super) struct Digests {
    salt: u128,
    /// Address of a shared map or list → its hash. The values are held in `alive`
    /// so that no other value can take their address while this table is used.
    known: HashMap<usize, u128>,
    alive: Vec<Value>,
    templates: HashMap<String, u128>,
}

impl Digests {
    pub(super) fn new(salt: u128, texts: &BTreeMap<String, String>) -> Self {
        let names: BTreeSet<&str> = texts.keys().map(|n| plain(n)).collect();
        let templates = names
            .into_iter()
            .map(|n| (n.to_string(), template_digest(n, texts)))
            .collect();
        Self {
            salt,
            known: HashMap::new(),
            alive: Vec::new(),
            templates,
        }
    }

    /// Hash `values` once (in parallel), to stand in for them wherever they appear.
    /// Returns their hashes, in order.
    pub(super) fn share(&mut self, values: &[Value]) -> Vec<u128> {
        use rayon::prelude::*;
        let hashes: Vec<(Option<usize>, u128)> = values
            .par_iter()
            .map(|v| {
                let mut h = Xxh3::new();
                self.walk(v, &mut h);
                (address(v), h.digest128())
            })
            .collect();
        let mut out = Vec::with_capacity(hashes.len());
        for ((at, hash), v) in hashes.into_iter().zip(values) {
            if let Some(at) = at {
                self.known.insert(at, hash);
                self.alive.push(v.clone());
            }
            out.push(hash);
        }
        out
    }

    /// The salt and every template's hash, for the frame of [`super::deps`].
    pub(super) fn frame_into(&self, h: &mut super::deps::Hasher) {
        let mut templates: Vec<(&String, &u128)> = self.templates.iter().collect();
        templates.sort_unstable();
        h.num(self.salt);
        for (name, digest) in templates {
            h.bytes(name.as_bytes()).num(*digest);
        }
    }

    /// The key of a page: its template, its context's entries, and what stands in
    /// for content made later (a conclusion page's body).
    pub(super) fn key<'v>(
        &self,
        template: &str,
        entries: impl Iterator<Item = (&'v str, &'v Value)>,
        deferred: Option<u128>,
    ) -> Key {
        let mut h = Xxh3::new();
        h.update(&self.salt.to_le_bytes());
        h.update(template.as_bytes());
        // A template unknown here fails to render anyway; it still gets a key.
        let t = self.templates.get(template).copied().unwrap_or_default();
        h.update(&t.to_le_bytes());
        for (name, value) in entries {
            h.update(&(name.len() as u64).to_le_bytes());
            h.update(name.as_bytes());
            self.walk(value, &mut h);
        }
        if let Some(d) = deferred {
            h.update(b"\x01");
            h.update(&d.to_le_bytes());
        }
        h.digest128()
    }

    fn walk(&self, v: &Value, h: &mut Xxh3) {
        if let Some(known) = address(v).and_then(|at| self.known.get(&at)) {
            h.update(b"K");
            h.update(&known.to_le_bytes());
            return;
        }
        walk_value(v, h, &|inner, h| self.walk(inner, h));
    }
}

/// Hash of a value with no shared parts known: for what stands in for a body.
pub(super) fn hash_parts(parts: &[&[u8]]) -> u128 {
    let mut h = Xxh3::new();
    for p in parts {
        h.update(&(p.len() as u64).to_le_bytes());
        h.update(p);
    }
    h.digest128()
}

/// Where a map's or list's shared body lives: the same for every clone of it.
fn address(v: &Value) -> Option<usize> {
    if let Some(m) = v.as_map() {
        return Some(m as *const tera::Map as usize);
    }
    v.as_array()
        .filter(|a| !a.is_empty())
        .map(|a| a.as_ptr() as usize)
}

/// One value into `h`, its parts through `inner`. Each kind is tagged and each
/// string length-prefixed, so that different values never feed the same bytes.
fn walk_value(v: &Value, h: &mut Xxh3, inner: &dyn Fn(&Value, &mut Xxh3)) {
    use tera::value::ValueKind as K;
    let text = |h: &mut Xxh3, tag: &[u8], s: &str| {
        h.update(tag);
        h.update(&(s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    };
    match v.kind() {
        K::Map => {
            let map = v.as_map().expect("a map");
            let mut entries: Vec<(String, &Value)> =
                map.iter().map(|(k, v)| (k.to_string(), v)).collect();
            entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            h.update(b"M");
            h.update(&(entries.len() as u64).to_le_bytes());
            for (k, v) in entries {
                text(h, b"k", &k);
                inner(v, h);
            }
        }
        K::Array => {
            let items = v.as_array().expect("a list");
            h.update(b"A");
            h.update(&(items.len() as u64).to_le_bytes());
            for item in items {
                inner(item, h);
            }
        }
        K::String => {
            let tag: &[u8] = if v.is_safe() { b"S" } else { b"s" };
            text(h, tag, v.as_str().expect("a string"));
        }
        K::Bytes => {
            let b = v.as_bytes().expect("bytes");
            h.update(b"B");
            h.update(&(b.len() as u64).to_le_bytes());
            h.update(b);
        }
        // Numbers, booleans, none and undefined: their kind and how Tera prints them.
        kind => {
            text(h, format!("{kind:?}").as_bytes(), &v.to_string());
        }
    }
}

/// Hash of the texts of every template `name` can reach (itself, what it extends,
/// includes or imports, transitively, under every prefix). Tera components can be
/// used from any template, so with one defined anywhere every template counts.
fn template_digest(name: &str, texts: &BTreeMap<String, String>) -> u128 {
    let mut reached: BTreeSet<String> = BTreeSet::new();
    if texts.values().any(|t| t.contains("component")) {
        reached.extend(texts.keys().map(|n| plain(n).to_string()));
    } else {
        let mut queue = vec![name.to_string()];
        while let Some(n) = queue.pop() {
            if !reached.insert(n.clone()) {
                continue;
            }
            for prefix in PREFIXES {
                if let Some(text) = texts.get(&format!("{prefix}{n}")) {
                    queue.extend(quoted_in_tags(text).map(|q| plain(q).to_string()));
                }
            }
        }
    }
    let mut h = Xxh3::new();
    for n in &reached {
        for prefix in PREFIXES {
            let full = format!("{prefix}{n}");
            if let Some(text) = texts.get(&full) {
                h.update(&(full.len() as u64).to_le_bytes());
                h.update(full.as_bytes());
                h.update(&(text.len() as u64).to_le_bytes());
                h.update(text.as_bytes());
            }
        }
    }
    h.digest128()
}

/// Theme templates are registered under these prefixes (see `templates.rs`); a
/// reference to a name may resolve to any of them.
const PREFIXES: [&str; 3] = ["", "theme/", "builtin/"];

fn plain(name: &str) -> &str {
    PREFIXES[1..]
        .iter()
        .find_map(|p| name.strip_prefix(p))
        .unwrap_or(name)
}

/// Every string literal inside the `{% … %}` tags of `text`: how `extends`,
/// `include` and `import` name templates (an over-approximation, which is safe).
fn quoted_in_tags(text: &str) -> impl Iterator<Item = &str> {
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
    fn a_template_key_changes_with_what_it_reaches_only() {
        let a = texts(&[
            (
                "builtin/base.html",
                "<html>{% block c %}{% endblock %}</html>",
            ),
            (
                "builtin/conclusion.html",
                r#"{% extends "base.html" %}{% include 'partials/meta.html' %}"#,
            ),
            ("builtin/partials/meta.html", "meta"),
            ("builtin/province.html", "p"),
        ]);
        let mut b = a.clone();
        b.insert(
            "base.html".into(),
            "<body>{% block c %}{% endblock %}</body>".into(),
        );
        assert_ne!(
            template_digest("conclusion.html", &a),
            template_digest("conclusion.html", &b)
        );
        assert_eq!(
            template_digest("province.html", &a),
            template_digest("province.html", &b)
        );
        // An override in the theme of an included template.
        let mut c = a.clone();
        c.insert("theme/partials/meta.html".into(), "other".into());
        assert_ne!(
            template_digest("conclusion.html", &a),
            template_digest("conclusion.html", &c)
        );
        assert_eq!(
            template_digest("province.html", &a),
            template_digest("province.html", &c)
        );
    }

    #[test]
    fn equal_values_hash_alike_and_different_ones_apart() {
        let d = Digests::new(1, &BTreeMap::new());
        let key = |v: &Value| d.key("x.html", [("v", v)].into_iter(), None);
        let one = Value::from_serializable(&serde_json::json!({"a": [1, "x"], "b": null}));
        let same = Value::from_serializable(&serde_json::json!({"b": null, "a": [1, "x"]}));
        assert_eq!(key(&one), key(&same));
        for other in [
            serde_json::json!({"a": [1, "x"], "b": false}),
            serde_json::json!({"a": ["1", "x"], "b": null}),
            serde_json::json!({"a": [1, "x"], "c": null}),
            serde_json::json!({"a": [[1, "x"]], "b": null}),
            serde_json::json!({"a": [1, "x"], "b": null, "c": 1}),
        ] {
            assert_ne!(key(&one), key(&Value::from_serializable(&other)), "{other}");
        }
        assert_ne!(key(&Value::safe_string("<b>")), key(&Value::from("<b>")));
    }
}

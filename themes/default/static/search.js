// ketluan search (/tim-kiem/). Reads the static index that `src/render/search.rs`
// writes, a few files per query, and shows results. No external requests, no inline
// code or styles (works under a strict Content-Security-Policy). The format and the
// tokenizer below must match src/render/search.rs.

const FORMAT_VERSION = 1;
const MAX_TOKEN_CHARS = 40;
const MAX_QUERY_TOKENS = 12;
const PAGE_SIZE = 10;
const EXCERPT_WORDS = 32;

/** ASCII folding as `text::fold`: NFD, marks dropped, đ → d, lower case. */
export function fold(s) {
  if (s.length === 1 && FOLDED.has(s)) return FOLDED.get(s);
  let out = "";
  for (const ch of s.normalize("NFD")) {
    if (ch === "đ" || ch === "Đ") {
      out += "d";
      continue;
    }
    const cp = ch.codePointAt(0);
    if (cp >= 0x300 && cp <= 0x36f) continue;
    out += ch.toLowerCase();
  }
  if (s.length === 1) FOLDED.set(s, out);
  return out;
}
const FOLDED = new Map();

const WORD_CHAR = /[\p{Alphabetic}\p{N}]/u;
const SPLIT = /[^\p{Alphabetic}\p{N}]+/u;

function numberKey(t) {
  return /^[0-9]+$/.test(t) ? t.replace(/^0+/, "") || "0" : t;
}

/** The tokens of a query: `05-NQ/TU` and `05 nq tu` both give `5 nq tu`. */
export function tokenize(q) {
  const out = [];
  for (const raw of fold(q).split(SPLIT)) {
    if (!raw || [...raw].length > MAX_TOKEN_CHARS) continue;
    out.push(numberKey(raw));
  }
  return out;
}

/** Characters that end a phrase, as `breaks_phrase` in search.rs. */
const BREAKS = new Set([..."., ;:!?()[]{}\"“”‘’…\n"].filter((c) => c !== " "));

/**
 * The tokens of a query and the pairs it asks for: in a document number typed as
 * one word (`05-NQ/TU`, `326/2021/NQ-HĐND`: with a `/`) adjacent tokens must occur
 * together, as a phrase.
 */
export function parseQuery(q) {
  const folded = fold(q);
  const seq = [];
  const required = [];
  let joined = false;
  let spaced = false;
  const re = /[\p{Alphabetic}\p{N}]+/gu;
  let last = 0;
  const numbers = new Set();
  for (const chunk of folded.split(/\s+/u)) {
    if (chunk.includes("/")) for (const t of chunk.match(re) || []) numbers.add(numberKey(t));
  }
  for (const m of folded.matchAll(re)) {
    const gap = folded.slice(last, m.index);
    last = m.index + m[0].length;
    for (const c of gap) {
      if (BREAKS.has(c)) joined = false;
      if (/\s/u.test(c)) spaced = true;
    }
    if ([...m[0]].length > MAX_TOKEN_CHARS) {
      joined = false;
      continue;
    }
    const t = numberKey(m[0]);
    const prev = seq[seq.length - 1];
    if (joined && !spaced && seq.length && numbers.has(prev) && numbers.has(t)) {
      required.push(`${prev} ${t}`);
    }
    seq.push(t);
    joined = true;
    spaced = false;
  }
  return { seq, required: [...new Set(required)] };
}

const encoder = new TextEncoder();

function fnv1a(bytes) {
  let h = 0x811c9dc5;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function varint(buf, pos) {
  let n = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos.i++];
    n += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return n;
    shift += 7;
  }
}

function sameBytes(buf, at, bytes) {
  for (let k = 0; k < bytes.length; k++) if (buf[at + k] !== bytes[k]) return false;
  return true;
}

/** A set of conclusion ids as a bitset of `words` 32-bit words. */
function readSet(buf, pos, words) {
  const kind = buf[pos.i++];
  const len = varint(buf, pos);
  const end = pos.i + len;
  const bits = new Uint32Array(words);
  if (kind === 1) {
    for (let k = 0; pos.i < end; k++, pos.i++) {
      if (buf[pos.i]) bits[k >> 2] |= buf[pos.i] << ((k & 3) * 8);
    }
  } else {
    let id = 0;
    for (let first = true; pos.i < end; first = false) {
      const v = varint(buf, pos);
      id = first ? v : id + v;
      bits[id >> 5] |= 1 << (id & 31);
    }
  }
  pos.i = end;
  return bits;
}

/** Find `term` in a shard: {df, all, head} bitsets, or null. */
function lookup(buf, term, words) {
  const bytes = encoder.encode(term);
  const pos = { i: 0 };
  while (pos.i < buf.length) {
    const len = varint(buf, pos);
    const match = len === bytes.length && sameBytes(buf, pos.i, bytes);
    pos.i += len;
    const df = varint(buf, pos);
    if (match) {
      const all = readSet(buf, pos, words);
      const head = readSet(buf, pos, words);
      return { df, all, head };
    }
    for (let s = 0; s < 2; s++) {
      pos.i += 1;
      const n = varint(buf, pos);
      pos.i += n;
    }
  }
  return null;
}

const has = (bits, id) => (bits[id >> 5] >>> (id & 31)) & 1;

export class SearchIndex {
  /** `base`: URL of the index folder, ending with `/`. */
  constructor(base, fetchFn = (u) => fetch(u)) {
    this.base = base;
    this.fetch = fetchFn;
    this.shards = new Map();
    this.fragments = new Map();
    this.manifest = null;
  }

  async load() {
    if (!this.manifest) {
      const r = await this.fetch(this.base + "manifest.json", { cache: "no-cache" });
      if (!r.ok) throw new Error(`manifest: HTTP ${r.status}`);
      const m = await r.json();
      if (m.version !== FORMAT_VERSION) throw new Error(`index format ${m.version}`);
      this.manifest = m;
      this.words = Math.ceil(m.docs / 32) || 1;
    }
    return this.manifest;
  }

  async shard(k) {
    if (!this.shards.has(k)) {
      const url = `${this.base}t/${k}.bin?v=${this.manifest.key}`;
      this.shards.set(
        k,
        this.fetch(url).then(async (r) => {
          if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
          return new Uint8Array(await r.arrayBuffer());
        }),
      );
    }
    return this.shards.get(k);
  }

  async term(t) {
    const k = fnv1a(encoder.encode(t)) % this.manifest.shards;
    return lookup(await this.shard(k), t, this.words);
  }

  /**
   * Conclusion ids for a query, best first: every word must occur (with or without
   * diacritics); words in the title or metadata and adjacent pairs rank higher;
   * ties go to the newer. When no conclusion has every word, those with the most.
   */
  async search({ q = "", province = "", year = "" } = {}) {
    const m = await this.load();
    const n = m.docs;
    const parsed = parseQuery(q);
    const seq = parsed.seq.slice(0, MAX_QUERY_TOKENS);
    const required = parsed.required.filter((p) => seq.includes(p.split(" ")[1]));
    const tokens = [...new Set(seq)];
    const pairs = [...new Set(seq.slice(1).map((t, i) => `${seq[i]} ${t}`))];
    const [tokenSets, pairSets, facet] = await Promise.all([
      Promise.all(tokens.map((t) => this.term(t))),
      Promise.all(pairs.map((t) => this.term(t))),
      province ? this.term(`#p:${province}`) : null,
    ]);
    const requiredSets = required.map((p) => pairSets[pairs.indexOf(p)]);
    const terms = tokens.length + requiredSets.length;
    let from = 0;
    let to = n;
    if (year) {
      const y = m.years.find((r) => String(r.year) === String(year));
      [from, to] = y ? [y.from, y.to] : [0, 0];
    }
    const inFilter = (id) => !province || (facet && has(facet.all, id));
    const idf = (df) => Math.log(1 + n / Math.max(df, 1));
    const scored = [];
    let best = 0;
    for (let id = from; id < to; id++) {
      if (!inFilter(id)) continue;
      let matched = 0;
      let score = 0;
      tokenSets.forEach((s) => {
        if (s && has(s.all, id)) {
          matched++;
          score += idf(s.df) * (has(s.head, id) ? 3 : 1);
        }
      });
      if (tokens.length && !matched) continue;
      requiredSets.forEach((s) => {
        if (s && has(s.all, id)) matched++;
      });
      pairSets.forEach((s) => {
        if (s && has(s.all, id)) score += 2 * idf(s.df) * (has(s.head, id) ? 2 : 1);
      });
      if (matched > best) best = matched;
      scored.push({ id, matched, score });
    }
    const partial = tokens.length > 0 && best < terms;
    const hits = scored.filter((h) => h.matched === best);
    hits.sort((a, b) => b.score - a.score || a.id - b.id);
    return { ids: hits.map((h) => h.id), partial, tokens };
  }

  /** What result `id` shows: {url, title, date, date_display, province, former, number, summary, text}. */
  async fragment(id) {
    if (!this.fragments.has(id)) {
      const dir = Math.floor(id / this.manifest.fragments_per_dir);
      const url = `${this.base}d/${dir}/${id}.json?v=${this.manifest.key}`;
      this.fragments.set(
        id,
        this.fetch(url).then((r) => {
          if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
          return r.json();
        }),
      );
    }
    return this.fragments.get(id);
  }
}

/** The words of `text` with their positions and search keys. */
export function words(text) {
  const out = [];
  let start = -1;
  let key = "";
  let i = 0;
  for (const ch of text) {
    const f = fold(ch);
    const isWord = f === "" ? start >= 0 : WORD_CHAR.test(f);
    if (isWord) {
      if (start < 0) start = i;
      key += f;
    } else if (start >= 0) {
      out.push({ start, end: i, key: numberKey(key) });
      start = -1;
      key = "";
    }
    i += ch.length;
  }
  if (start >= 0) out.push({ start, end: i, key: numberKey(key) });
  return out;
}

/**
 * The stretch of `text` around the densest group of query words (its start when
 * none occurs), as [{text, mark}] pieces with `hits`, the number of distinct query
 * words shown; `all` keeps the whole text (titles).
 */
export function excerpt(text, tokens, all = false) {
  const wanted = new Set(tokens);
  const ws = words(text);
  let from = 0;
  let to = ws.length;
  let hits = 0;
  if (!all && ws.length > EXCERPT_WORDS) {
    for (let s = 0; s < ws.length && hits < wanted.size; s++) {
      if (!wanted.has(ws[s].key)) continue;
      const seen = new Set();
      for (let k = s; k < Math.min(ws.length, s + EXCERPT_WORDS); k++) {
        if (wanted.has(ws[k].key)) seen.add(ws[k].key);
      }
      if (seen.size > hits) {
        hits = seen.size;
        from = Math.max(0, s - 4);
      }
    }
    to = Math.min(ws.length, from + EXCERPT_WORDS);
  }
  const pieces = [];
  const shown = new Set();
  let at = all || from === 0 || !ws.length ? 0 : ws[from].start;
  if (at > 0) pieces.push({ text: "… ", mark: false });
  for (let k = from; k < to; k++) {
    const w = ws[k];
    if (w.start > at) pieces.push({ text: text.slice(at, w.start), mark: false });
    const mark = wanted.has(w.key);
    if (mark) shown.add(w.key);
    pieces.push({ text: text.slice(w.start, w.end), mark });
    at = w.end;
  }
  const end = all || to === ws.length ? text.length : ws[to - 1].end;
  if (end > at) pieces.push({ text: text.slice(at, end), mark: false });
  if (end < text.length) pieces.push({ text: " …", mark: false });
  pieces.hits = shown.size;
  return pieces;
}

// ---------------------------------------------------------------- the page

function append(el, pieces) {
  for (const p of pieces) {
    if (p.mark) {
      const m = document.createElement("mark");
      m.textContent = p.text;
      el.append(m);
    } else {
      el.append(p.text);
    }
  }
}

function resultItem(f, tokens, former) {
  const li = document.createElement("li");
  const a = document.createElement("a");
  a.className = "c-title";
  a.href = f.url;
  append(a, excerpt(f.title, tokens, true));
  const meta = document.createElement("p");
  meta.className = "c-meta";
  const time = document.createElement("time");
  time.dateTime = f.date;
  time.textContent = f.date_display;
  meta.append(time, ` · ${f.province}${f.former ? ` ${former}` : ""}`);
  if (f.number) meta.append(` · ${f.number}`);
  const p = document.createElement("p");
  p.className = "c-summary";
  const body = excerpt(f.text, tokens);
  const summary = excerpt(f.summary, tokens);
  append(p, body.hits > summary.hits || !f.summary ? body : summary);
  li.append(a, meta, p);
  return li;
}

function init(form) {
  const index = new SearchIndex(form.dataset.index);
  const t = form.dataset;
  const q = form.elements.q;
  const province = form.elements.tinh;
  const year = form.elements.nam;
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const more = document.getElementById("search-more");
  let run = 0;
  let current = null;

  async function show(count) {
    const mine = run;
    const ids = current.ids.slice(list.children.length, list.children.length + count);
    const frags = await Promise.all(ids.map((id) => index.fragment(id)));
    if (mine !== run) return;
    for (const f of frags) list.append(resultItem(f, current.tokens, t.tFormer));
    more.hidden = list.children.length >= current.ids.length;
  }

  async function search() {
    const mine = ++run;
    const query = { q: q.value, province: province.value, year: year.value };
    const params = new URLSearchParams();
    if (query.q) params.set("q", query.q);
    if (query.province) params.set("tinh", query.province);
    if (query.year) params.set("nam", query.year);
    const qs = params.toString();
    history.replaceState(null, "", qs ? `?${qs}` : location.pathname);
    if (!tokenize(query.q).length && !query.province && !query.year) {
      list.replaceChildren();
      status.textContent = "";
      more.hidden = true;
      return;
    }
    status.textContent = t.tLoading;
    try {
      const result = await index.search(query);
      if (mine !== run) return;
      current = result;
      list.replaceChildren();
      const count = String(result.ids.length);
      const message = !result.ids.length
        ? t.tNone
        : result.partial
          ? t.tPartial
          : result.tokens.length
            ? t.tResults
            : t.tListed;
      await show(PAGE_SIZE);
      if (mine === run) status.textContent = message.replace("{count}", count);
    } catch (e) {
      if (mine === run) status.textContent = t.tError;
      console.error(e);
    }
  }

  let timer = 0;
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    search();
  });
  q.addEventListener("input", soon);
  province.addEventListener("change", search);
  year.addEventListener("change", search);
  more.addEventListener("click", () => show(PAGE_SIZE));

  const params = new URLSearchParams(location.search);
  q.value = params.get("q") || "";
  province.value = params.get("tinh") || "";
  year.value = params.get("nam") || "";
  if (q.value || province.value || year.value) search();
}

if (typeof document !== "undefined") {
  const form = document.getElementById("search-form");
  if (form) init(form);
}

// ketluan search (/tim-kiem/). Reads the static index that `src/render/search.rs`
// writes, a few files per query, and shows results. No external requests, no inline
// code or styles (works under a strict Content-Security-Policy). The format and the
// tokenizer below must match src/render/search.rs. The engine (everything above
// "the page") also runs in node: scripts/search_relevance.mjs measures it.

const FORMAT_VERSION = 4;
const MAX_TOKEN_CHARS = 40;
const MAX_QUERY_TOKENS = 12;
const PAGE_SIZE = 10;
const EXCERPT_WORDS = 32;

// The subsets of a term's conclusions in the index (bit k of a term's set mask).
const ALL = 0;
const TITLE = 1;
const META = 2;
const SUMMARY = 3;
const BODY_MID = 4;
const BODY_HIGH = 5;

// Ranking. A query word's weight in a conclusion is BM25's saturated term frequency
// over a pseudo frequency that sums its fields' weights (BM25F): the title counts
// most, then the number, cited documents and other metadata, the summary, the body
// (whose level, from its count and length, the index keeps).
const K1 = 1.2;
const FIELD_WEIGHT = { [TITLE]: 5, [META]: 3, [SUMMARY]: 2 };
const BODY_WEIGHT = { any: 0.6, [BODY_MID]: 1.5, [BODY_HIGH]: 3 };
// Two query words side by side in the title, metadata or summary (a phrase):
// a bonus on top, by where the pair is (the index keeps a pair's title and
// metadata sets; the rest of its conclusions have it in the summary).
const PAIR_WEIGHT = { [TITLE]: 2.5, [META]: 2, any: 1.5 };
// A word typed with diacritics found only with other diacritics (hà tình for
// Hà Tĩnh) in a conclusion's title, metadata and summary: its weight is cut so.
const OTHER_SPELLING = 0.6;
// Conclusions of a province or year the query names.
const PROVINCE_BOOST = 2;
const YEAR_BOOST = 1.5;
// When nothing has every word: conclusions with any, ranked by their share.

/** ASCII folding as `text::fold`: NFD, marks dropped, đ → d, lower case. */
export function fold(s) {
  if (s.length === 1 && FOLDED.has(s)) return FOLDED.get(s);
  let out = "";
  for (const ch of s.normalize("NFD")) {
    if (ch === "đ" || ch === "Đ" || ch === "ð" || ch === "Ð") {
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

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/u;

/**
 * `text::canonical_tone`: the tone of an open `oa`, `oe`, `uy` (not after `q`) on
 * its first vowel, so `hoà` is `hòa`. NFC in and out.
 */
export function canonicalTone(s) {
  const d = [...s.normalize("NFD")];
  const out = [];
  for (let i = 0; i < d.length; ) {
    const v1 = d[i];
    const second = /[oO]/.test(v1) ? /[aAeE]/ : /[uU]/.test(v1) ? /[yY]/ : null;
    if (second && !(i > 0 && /[qQ]/.test(d[i - 1]))) {
      let j = i + 1;
      const t1 = TONES.test(d[j] ?? "") ? d[j++] : null;
      const v2 = second.test(d[j] ?? "") ? d[j++] : null;
      if (v2) {
        const t2 = TONES.test(d[j] ?? "") ? d[j++] : null;
        const next = d[j] ?? "";
        const closed = /[\p{Alphabetic}\p{M}]/u.test(next);
        if (!closed && !t1 && t2) {
          out.push(v1, t2, v2);
          i = j;
          continue;
        }
      }
    }
    out.push(v1);
    i++;
  }
  return out.join("").normalize("NFC");
}

/** A query word as typed, for preferring that spelling: `=tĩnh`, or null. */
function exactForm(word) {
  if (/^[\x00-\x7f]*$/.test(word)) return null;
  const folded = fold(word);
  if (!folded || !/^[\p{Alphabetic}\p{N}]+$/u.test(folded)) return null;
  if ([...folded].length > MAX_TOKEN_CHARS) return null;
  const exact = canonicalTone(word.toLowerCase());
  return exact === folded ? null : `=${exact}`;
}

/** Characters that end a phrase, as `breaks_phrase` in search.rs. */
const BREAKS = new Set([..."., ;:!?()[]{}\"“”‘’…\n"].filter((c) => c !== " "));

/**
 * A query: its tokens in order (`seq`), the pairs it requires (in a document number
 * typed as one word with a `/`, `05-NQ/TU`, adjacent tokens must occur together)
 * and, for words typed with diacritics, their spelling (`exact`: token → `=form`).
 */
export function parseQuery(q) {
  q = q.normalize("NFC");
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
  const exact = new Map();
  for (const w of q.match(/[\p{Alphabetic}\p{N}\p{M}]+/gu) || []) {
    const form = exactForm(w);
    const t = form && numberKey(fold(w));
    if (form && !exact.has(t)) exact.set(t, form);
  }
  return { seq, required: [...new Set(required)], exact, numbers };
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

/** Find `term` in a shard: {df, sets} (a bitset per set the index holds, else null), or null. */
function lookup(buf, term, words) {
  const bytes = encoder.encode(term);
  const pos = { i: 0 };
  while (pos.i < buf.length) {
    const size = varint(buf, pos);
    const match = size === bytes.length && sameBytes(buf, pos.i, bytes);
    pos.i += size;
    const df = varint(buf, pos);
    const mask = buf[pos.i++];
    const sets = [];
    for (let k = 0; k < 8; k++) {
      if (!(mask & (1 << k))) {
        sets.push(null);
      } else if (match) {
        sets.push(readSet(buf, pos, words));
      } else {
        pos.i += 1;
        const len = varint(buf, pos);
        pos.i += len;
      }
    }
    if (match) return { df, sets };
  }
  return null;
}

const has = (bits, id) => bits !== null && (bits[id >> 5] >>> (id & 31)) & 1;

/** The shard key of a term: `=tĩnh` is with `tinh`. */
function shardKey(term) {
  return term.startsWith("=") ? fold(term.slice(1)) : term;
}

/** The first run of `seq` spelling a province's name: [{slug, name, from, to}]. */
function provincesNamed(seq, provinces) {
  const found = [];
  for (const p of provinces) {
    const name = tokenize(p.name);
    if (!name.length) continue;
    for (let i = 0; i + name.length <= seq.length; i++) {
      if (name.every((t, k) => seq[i + k] === t)) {
        found.push({ slug: p.slug, name: p.name, former: p.former, from: i, to: i + name.length });
        break;
      }
    }
  }
  // `Hà Nam` in `Hà Nam Định`… both named; a name inside a longer one (none among
  // today's units) would yield to it.
  return found.filter(
    (p) => !found.some((o) => o !== p && o.from <= p.from && o.to >= p.to && o.to - o.from > p.to - p.from),
  );
}

export class SearchIndex {
  /** `base`: URL of the index folder, ending with `/`. */
  constructor(base, fetchFn = (u, o) => fetch(u, o)) {
    this.base = base;
    this.fetch = fetchFn;
    this.shards = new Map();
    this.fragments = new Map();
    this.manifest = null;
    this.provinceOf = null;
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
    const k = fnv1a(encoder.encode(shardKey(t))) % this.manifest.shards;
    return lookup(await this.shard(k), t, this.words);
  }

  /**
   * Conclusion ids for a query, best first, and how they were found:
   * `partial` (no conclusion has every word: those with any), `tokens` (to
   * highlight), `provinces` and `year` the query names (their conclusions rank
   * first; the page offers them as filters), `cited` (a document number: the
   * conclusions citing it come first, by province, `groups[id]` their province).
   */
  async search({ q = "", province = "", year = "" } = {}) {
    const m = await this.load();
    const n = m.docs;
    const parsed = parseQuery(q);
    const seq = parsed.seq.slice(0, MAX_QUERY_TOKENS);
    const required = parsed.required.filter((p) => seq.includes(p.split(" ")[1]));
    const tokens = [...new Set(seq)];
    const pairs = [...new Set(seq.slice(1).map((t, i) => `${seq[i]} ${t}`))];
    const exactTerms = tokens.map((t) => parsed.exact.get(t) ?? null);
    const named = provincesNamed(seq, m.provinces ?? []);
    // A year the query names, not inside a document number (326/2021/NQ-HĐND).
    const yearNamed = tokens.find(
      (t) => !parsed.numbers.has(t) && /^[12][0-9]{3}$/.test(t) && m.years.some((y) => String(y.year) === t),
    );
    const yearRange = yearNamed ? m.years.find((y) => String(y.year) === yearNamed) : null;
    const [tokenSets, pairSets, exactSets, facet, namedSets] = await Promise.all([
      Promise.all(tokens.map((t) => this.term(t))),
      Promise.all(pairs.map((t) => this.term(t))),
      Promise.all(exactTerms.map((t) => (t ? this.term(t) : null))),
      province ? this.term(`#p:${province}`) : null,
      Promise.all(named.map((p) => this.term(`#p:${p.slug}`))),
    ]);
    const requiredSets = required.map((p) => pairSets[pairs.indexOf(p)]);
    const total = tokens.length + requiredSets.length;
    let from = 0;
    let to = n;
    if (year) {
      const y = m.years.find((r) => String(r.year) === String(year));
      [from, to] = y ? [y.from, y.to] : [0, 0];
    }
    const idf = (df) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
    const weights = tokenSets.map((s) => (s ? idf(s.df) : 0));
    const pairWeights = pairSets.map((s) => (s ? idf(s.df) : 0));
    const inYear = (id) => yearRange && id >= yearRange.from && id < yearRange.to;
    const inFilter = (id) => !province || (facet && has(facet.sets[ALL], id));
    const scored = [];
    let complete = 0;
    for (let id = from; id < to; id++) {
      if (!inFilter(id)) continue;
      let matched = 0;
      let score = 0;
      for (let k = 0; k < tokens.length; k++) {
        const s = tokenSets[k];
        const found = s && has(s.sets[ALL], id);
        if (!found) {
          // A year the query names is a date, not a word the text must have.
          if (tokens[k] === yearNamed && inYear(id)) matched++;
          continue;
        }
        matched++;
        let tf = has(s.sets[BODY_HIGH], id)
          ? BODY_WEIGHT[BODY_HIGH]
          : has(s.sets[BODY_MID], id)
            ? BODY_WEIGHT[BODY_MID]
            : BODY_WEIGHT.any;
        for (const f of [TITLE, META, SUMMARY]) if (has(s.sets[f], id)) tf += FIELD_WEIGHT[f];
        let w = (weights[k] * tf * (K1 + 1)) / (tf + K1);
        const e = exactSets[k];
        if (e && !has(e.sets[ALL], id)) w *= OTHER_SPELLING;
        score += w;
      }
      if (tokens.length && !matched) continue;
      for (const s of requiredSets) if (s && has(s.sets[ALL], id)) matched++;
      for (let k = 0; k < pairs.length; k++) {
        const s = pairSets[k];
        if (!s || !has(s.sets[ALL], id)) continue;
        let best = PAIR_WEIGHT.any;
        for (const f of [TITLE, META]) if (has(s.sets[f], id)) best = Math.max(best, PAIR_WEIGHT[f]);
        score += pairWeights[k] * best;
      }
      if (namedSets.some((s) => s && has(s.sets[ALL], id))) score *= PROVINCE_BOOST;
      if (inYear(id)) score *= YEAR_BOOST;
      if (matched === total) complete++;
      scored.push({ id, matched, score });
    }
    const partial = tokens.length > 0 && complete === 0;
    let hits = partial ? scored : scored.filter((h) => h.matched === total);
    if (partial) for (const h of hits) h.score *= h.matched / total;
    hits.sort((a, b) => b.score - a.score || b.id - a.id);
    const result = {
      ids: hits.map((h) => h.id),
      partial,
      tokens,
      provinces: named.map(({ slug, name, former }) => ({ slug, name, former })),
      year: yearNamed ?? null,
      cited: null,
      groups: null,
    };
    if (requiredSets.length && !partial) await this.byCitation(result, hits, requiredSets, q);
    return result;
  }

  /**
   * A document number query: the conclusions citing it (every pair of the number in
   * their number or cited documents) first, by province (the province with the best
   * hit first), then the others.
   */
  async byCitation(result, hits, requiredSets, q) {
    const citing = hits.filter((h) => requiredSets.every((s) => s && has(s.sets[META], h.id)));
    if (!citing.length) return;
    const of = await this.provinces();
    const order = new Map();
    for (const h of citing) if (!order.has(of[h.id])) order.set(of[h.id], order.size);
    citing.sort((a, b) => order.get(of[a.id]) - order.get(of[b.id]));
    const cited = new Set(citing.map((h) => h.id));
    result.ids = [...citing.map((h) => h.id), ...hits.filter((h) => !cited.has(h.id)).map((h) => h.id)];
    result.cited = q.trim();
    result.groups = {};
    for (const h of citing) result.groups[h.id] = this.manifest.provinces[of[h.id]]?.name ?? "";
  }

  /** Each conclusion's province, as an index into the manifest's list. */
  async provinces() {
    if (!this.provinceOf) {
      const url = `${this.base}provinces.bin?v=${this.manifest.key}`;
      this.provinceOf = this.fetch(url).then(async (r) => {
        if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
        return new Uint8Array(await r.arrayBuffer());
      });
    }
    return this.provinceOf;
  }

  /** What result `id` shows: {url, title, date, date_display, province, former, number, summary, text}. */
  async fragment(id) {
    if (!this.fragments.has(id)) {
      const dir = Math.floor(id / this.manifest.fragments_per_dir);
      const url = `${this.base}d/${dir}/${id}.txt?v=${this.manifest.key}`;
      this.fragments.set(
        id,
        this.fetch(url).then(async (r) => {
          if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
          // A line of JSON, then the excerpt's text as it is.
          const all = await r.text();
          const end = all.indexOf("\n");
          const fragment = JSON.parse(end < 0 ? all : all.slice(0, end));
          fragment.text = end < 0 ? "" : all.slice(end + 1);
          return fragment;
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
 * The best stretch of `text` for the query words `tokens` (its start when none
 * occurs): the window of EXCERPT_WORDS words with the most distinct query words,
 * then the most of them side by side as in the query. As [{text, mark}] pieces,
 * every query word marked, with `hits`, the distinct words shown, and `near`;
 * `all` keeps the whole text (titles).
 */
export function excerpt(text, tokens, all = false) {
  const wanted = new Set(tokens);
  const next = new Set(tokens.slice(1).map((t, i) => `${tokens[i]} ${t}`));
  const ws = words(text);
  let from = 0;
  let to = ws.length;
  const value = (s, e) => {
    const seen = new Set();
    let near = 0;
    for (let k = s; k < e; k++) {
      if (!wanted.has(ws[k].key)) continue;
      seen.add(ws[k].key);
      if (k + 1 < e && next.has(`${ws[k].key} ${ws[k + 1].key}`)) near++;
    }
    return { hits: seen.size, near };
  };
  let best = value(0, Math.min(ws.length, EXCERPT_WORDS));
  if (!all && ws.length > EXCERPT_WORDS) {
    for (let s = 0; s < ws.length; s++) {
      if (!wanted.has(ws[s].key)) continue;
      const v = value(s, Math.min(ws.length, s + EXCERPT_WORDS));
      if (v.hits > best.hits || (v.hits === best.hits && v.near > best.near)) {
        best = v;
        from = Math.max(0, s - 4);
      }
    }
    to = Math.min(ws.length, from + EXCERPT_WORDS);
  } else if (all) {
    best = value(0, ws.length);
  }
  const pieces = [];
  let at = all || from === 0 || !ws.length ? 0 : ws[from].start;
  if (at > 0) pieces.push({ text: "… ", mark: false });
  for (let k = from; k < to; k++) {
    const w = ws[k];
    if (w.start > at) pieces.push({ text: text.slice(at, w.start), mark: false });
    pieces.push({ text: text.slice(w.start, w.end), mark: wanted.has(w.key) });
    at = w.end;
  }
  const end = all || to === ws.length ? text.length : ws[to - 1].end;
  if (end > at) pieces.push({ text: text.slice(at, end), mark: false });
  if (end < text.length) pieces.push({ text: " …", mark: false });
  pieces.hits = best.hits;
  pieces.near = best.near;
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

function resultItem(f, tokens, former, group) {
  const li = document.createElement("li");
  if (group) {
    const h = document.createElement("h2");
    h.className = "search-group";
    h.textContent = group;
    li.append(h);
  }
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
  const better = body.hits > summary.hits || (body.hits === summary.hits && body.near > summary.near);
  append(p, better || !f.summary ? body : summary);
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
  const suggest = document.getElementById("search-suggest");
  const list = document.getElementById("search-results");
  const more = document.getElementById("search-more");
  let run = 0;
  let current = null;
  let lastGroup = null;

  async function show(count) {
    const mine = run;
    const ids = current.ids.slice(list.children.length, list.children.length + count);
    const frags = await Promise.all(ids.map((id) => index.fragment(id)));
    if (mine !== run) return;
    ids.forEach((id, k) => {
      const g = current.groups?.[id] ?? null;
      const heading = g !== null && g !== lastGroup ? g : null;
      lastGroup = g;
      list.append(resultItem(frags[k], current.tokens, t.tFormer, heading));
    });
    more.hidden = list.children.length >= current.ids.length;
  }

  /** Buttons that turn a province or year the query names into the filter. */
  function offer(result) {
    // An older custom theme's page may lack the element.
    if (!suggest) return;
    suggest.replaceChildren();
    const options = [];
    for (const p of result.provinces) {
      if (province.value !== p.slug && [...province.options].some((o) => o.value === p.slug)) {
        options.push([p.name, () => (province.value = p.slug)]);
      }
    }
    if (result.year && year.value !== result.year && [...year.options].some((o) => o.value === result.year)) {
      options.push([result.year, () => (year.value = result.year)]);
    }
    for (const [label, apply] of options) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "search-only";
      b.textContent = t.tOnly.replace("{name}", label);
      b.addEventListener("click", () => {
        apply();
        search();
        q.focus();
      });
      suggest.append(b);
    }
    suggest.hidden = !options.length;
  }

  /** The status line: the count, what kind of match, the filters in force. */
  function describe(result) {
    const count = String(result.ids.length);
    let message = !result.ids.length
      ? t.tNone
      : result.partial
        ? t.tPartial
        : result.tokens.length
          ? t.tResults
          : t.tListed;
    message = message.replace("{count}", count);
    const filters = [];
    if (province.value) filters.push(province.selectedOptions[0].textContent.trim());
    if (year.value) filters.push(year.value);
    if (filters.length) message += ` ${t.tFilters.replace("{filters}", filters.join(", "))}`;
    if (result.cited && result.ids.length) message += ` ${t.tCited.replace("{number}", result.cited)}`;
    return message;
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
      if (suggest) {
        suggest.replaceChildren();
        suggest.hidden = true;
      }
      status.textContent = "";
      more.hidden = true;
      return;
    }
    status.textContent = t.tLoading;
    try {
      const result = await index.search(query);
      if (mine !== run) return;
      current = result;
      lastGroup = null;
      list.replaceChildren();
      await show(PAGE_SIZE);
      if (mine !== run) return;
      offer(result);
      status.textContent = describe(result);
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

  // A link or the header's search box (a plain GET form) brings the query in `?q=`.
  const params = new URLSearchParams(location.search);
  q.value = params.get("q") || "";
  province.value = params.get("tinh") || "";
  year.value = params.get("nam") || "";
  q.focus();
  if (q.value || province.value || year.value) search();
}

if (typeof document !== "undefined") {
  const form = document.getElementById("search-form");
  if (form) init(form);
}

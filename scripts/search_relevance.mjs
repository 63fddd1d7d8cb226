// The search relevance benchmark: runs the judged queries of
// bench/relevance/judgments.json through the search code the browser runs
// (themes/default/static/search.js, imported here, reading the built index from
// disk) and prints precision@5, MRR and nDCG@10, by kind of query and overall.
//
//   python3 scripts/gen_relevance_site.py /tmp/rel
//   ketluan build --root /tmp/rel --output /tmp/rel/public
//   node scripts/search_relevance.mjs /tmp/rel/public [--floor bench/relevance/floor.json]
//       [--pagefind DIR]   (DIR/node_modules holds the npm package `pagefind`)
//
// With --floor, exits 1 when an overall figure falls below the floor's. With
// --pagefind, indexes the same site's conclusion pages with Pagefind and runs the same
// queries through Pagefind's own search in headless Debian Chromium (playwright-core
// from tests/browser), for the table in docs/search.md.

import { readFileSync, existsSync, rmSync, mkdtempSync, createReadStream, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, normalize, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return null;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const floorFile = option("--floor");
const pagefindDir = option("--pagefind");
const judgmentsFile = option("--judgments") ?? join(repo, "bench/relevance/judgments.json");
const site = args[0] && resolve(args[0]);
if (!site || !existsSync(join(site, "tim-kiem/chi-muc/manifest.json"))) {
  console.error("usage: node scripts/search_relevance.mjs <built site> [--floor F] [--pagefind DIR]");
  process.exit(2);
}
const judgments = JSON.parse(readFileSync(judgmentsFile, "utf8"));

/** The slug of a conclusion's URL: its last path segment. */
const slugOf = (url) => url.replace(/[?#].*$/, "").replace(/\/(index\.html)?$/, "").split("/").pop();

// ------------------------------------------------------------------ metrics

function metrics(ranked, relevant) {
  const grade = (slug) => relevant[slug] ?? 0;
  const p5 = ranked.slice(0, 5).filter((s) => grade(s) > 0).length / 5;
  const first = ranked.findIndex((s) => grade(s) > 0);
  const rr = first < 0 ? 0 : 1 / (first + 1);
  const dcg = (grades) => grades.slice(0, 10).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg(Object.values(relevant).sort((a, b) => b - a));
  const ndcg = ideal ? dcg(ranked.map(grade)) / ideal : 0;
  // P@5 can reach 1 only with 5 relevant conclusions; the mean is over what is possible.
  return { p5, rr, ndcg, p5max: Math.min(5, Object.keys(relevant).length) / 5 };
}

function summarize(name, rows) {
  const mean = (k, rs) => rs.reduce((s, r) => s + r[k], 0) / rs.length;
  const kinds = [...new Set(rows.map((r) => r.kind.split(",")[0]))];
  const table = [];
  for (const kind of kinds) {
    const rs = rows.filter((r) => r.kind.split(",")[0] === kind);
    table.push({ kind, n: rs.length, p5: mean("p5", rs), mrr: mean("rr", rs), ndcg: mean("ndcg", rs) });
  }
  const overall = { kind: "all", n: rows.length, p5: mean("p5", rows), mrr: mean("rr", rows), ndcg: mean("ndcg", rows) };
  return { name, table, overall, rows };
}

// ------------------------------------------------------------------ ketluan

async function ketluan() {
  const { SearchIndex } = await import(pathToFileURL(join(repo, "themes/default/static/search.js")).href);
  const fetchFile = async (url) => {
    const path = join(site, decodeURIComponent(url.split("?")[0]));
    try {
      const b = await readFile(path);
      return {
        ok: true,
        status: 200,
        json: async () => JSON.parse(b.toString("utf8")),
        text: async () => b.toString("utf8"),
        arrayBuffer: async () => b.buffer.slice(b.byteOffset, b.byteOffset + b.length),
      };
    } catch {
      return { ok: false, status: 404 };
    }
  };
  const index = new SearchIndex("/tim-kiem/chi-muc/", fetchFile);
  const rows = [];
  for (const j of judgments) {
    const result = await index.search({ q: j.q });
    const frags = await Promise.all(result.ids.slice(0, 10).map((id) => index.fragment(id)));
    const ranked = frags.map((f) => slugOf(f.url));
    rows.push({ q: j.q, kind: j.kind, hits: result.ids.length, top: ranked, ...metrics(ranked, j.relevant) });
  }
  return summarize("ketluan", rows);
}

// ------------------------------------------------------------------ Pagefind

async function pagefind() {
  // The package exports an ES module only: import it by path.
  const pf = await import(pathToFileURL(join(resolve(pagefindDir), "node_modules/pagefind/lib/index.js")).href);
  const out = join(site, "pagefind-bench");
  rmSync(out, { recursive: true, force: true });
  const { index, errors } = await pf.createIndex({ forceLanguage: "vi" });
  if (errors?.length) throw new Error(errors.join("\n"));
  // The conclusion pages only: what the judgments are about.
  const added = await index.addDirectory({ path: site, glob: "ket-luan/*/index.html" });
  if (added.errors?.length) throw new Error(added.errors.join("\n"));
  await index.writeFiles({ outputPath: out });
  await pf.close();

  const browserRequire = createRequire(join(repo, "tests/browser/package.json"));
  const { chromium } = browserRequire("playwright-core");
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = normalize(join(site, path));
    if (path === "/") {
      res.writeHead(200, { "content-type": "text/html" });
      res.end('<!doctype html><meta charset="utf-8"><title>pagefind</title>');
    } else if (file.startsWith(site) && existsSync(file) && statSync(file).isFile()) {
      const type = file.endsWith(".js") ? "text/javascript" : file.endsWith(".wasm") ? "application/wasm" : "application/octet-stream";
      res.writeHead(200, { "content-type": type });
      createReadStream(file).pipe(res);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const profile = mkdtempSync(join(tmpdir(), "ketluan-relevance-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const ranked = await page.evaluate(async (queries) => {
      const pf = await import("/pagefind-bench/pagefind.js");
      await pf.init();
      const out = [];
      for (const q of queries) {
        const s = await pf.search(q);
        const data = await Promise.all(s.results.slice(0, 10).map((r) => r.data()));
        out.push({ hits: s.results.length, urls: data.map((d) => d.url) });
      }
      return out;
    }, judgments.map((j) => j.q));
    const rows = judgments.map((j, k) => {
      const top = ranked[k].urls.map(slugOf);
      return { q: j.q, kind: j.kind, hits: ranked[k].hits, top, ...metrics(top, j.relevant) };
    });
    return summarize("Pagefind", rows);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
    server.close();
  }
}

// ------------------------------------------------------------------ report

const results = [await ketluan()];
if (pagefindDir) results.push(await pagefind());

const f = (x) => x.toFixed(2);
if (args.includes("--verbose")) {
  for (const r of results) {
    console.log(`\n${r.name}: query, hits, P@5, RR, nDCG@10, top 5`);
    for (const row of r.rows) {
      console.log(`${JSON.stringify(row.q).padEnd(38)} ${String(row.hits).padStart(4)}  ${f(row.p5)} ${f(row.rr)} ${f(row.ndcg)}  ${row.top.slice(0, 5).join(" ")}`);
    }
  }
}
console.log(`\n${judgments.length} judged queries over ${JSON.parse(readFileSync(join(site, "tim-kiem/chi-muc/manifest.json"))).docs} conclusions\n`);
console.log(`| queries | n | ${results.map((r) => `${r.name} P@5 | MRR | nDCG@10`).join(" | ")} |`);
console.log(`|---|---:|${results.map(() => "---:|---:|---:").join("|")}|`);
const kinds = results[0].table.map((t) => t.kind);
for (const kind of [...kinds, "all"]) {
  const cells = results.map((r) => {
    const t = kind === "all" ? r.overall : r.table.find((x) => x.kind === kind);
    return `${f(t.p5)} | ${f(t.mrr)} | ${f(t.ndcg)}`;
  });
  const n = kind === "all" ? results[0].overall.n : results[0].table.find((x) => x.kind === kind).n;
  console.log(`| ${kind === "all" ? "**all**" : kind} | ${n} | ${cells.join(" | ")} |`);
}

if (floorFile) {
  const floor = JSON.parse(readFileSync(floorFile, "utf8"));
  const o = results[0].overall;
  const low = ["p5", "mrr", "ndcg"].filter((k) => o[k] + 1e-9 < floor[k]);
  if (low.length) {
    console.error(`below the floor (${floorFile}): ${low.map((k) => `${k} ${f(o[k])} < ${floor[k]}`).join(", ")}`);
    process.exit(1);
  }
  console.log(`\nat or above the floor: P@5 ${floor.p5}, MRR ${floor.mrr}, nDCG@10 ${floor.ndcg}`);
}

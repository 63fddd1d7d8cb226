// What a search costs a reader: bytes downloaded and time per query, measured in
// headless Debian Chromium on an index written by `ketluan build` or by
// `cargo bench --bench search_index` (see docs/performance.md, Search).
//
//   node scripts/bench_search.mjs <dir holding tim-kiem/chi-muc/> [query…]
//
// Serves <dir> on 127.0.0.1 (loopback only), loads the page's search.js, and for each
// query runs it cold (a fresh index object, no HTTP cache: manifest, shards and the
// ten result fragments of the first page are fetched) and warm (the same query again
// on the loaded index, the figure a reader sees while typing).

import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(repo, "tests/browser/package.json"));
const { chromium } = require("playwright-core");

const [dir, ...given] = process.argv.slice(2);
if (!dir || !existsSync(join(dir, "tim-kiem/chi-muc/manifest.json"))) {
  console.error("usage: node scripts/bench_search.mjs <dir holding tim-kiem/chi-muc/> [query…]");
  process.exit(2);
}
const queries = given.length
  ? given
  : ["dak nong ha tang", "ha tinh chuyen doi so", "05-NQ/TU", "05 nq tu", "kinh te xa hoi", "tinh"];
const script = join(repo, "themes/default/static/search.js");

const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  const file =
    path === "/search.js" ? script : path === "/" ? null : normalize(join(dir, path));
  if (path === "/") {
    res.writeHead(200, { "content-type": "text/html" });
    res.end('<!doctype html><meta charset="utf-8"><title>bench</title>');
  } else if (file && file.startsWith(dir) || file === script) {
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { "content-type": file.endsWith(".js") ? "text/javascript" : "application/octet-stream" });
    createReadStream(file).pipe(res);
  } else {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const profile = mkdtempSync(join(tmpdir(), "ketluan-bench-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
const page = context.pages()[0] ?? (await context.newPage());
await page.goto(`${origin}/`);

const rows = await page.evaluate(async (queries) => {
  const { SearchIndex } = await import("/search.js");
  const out = [];
  for (const q of queries) {
    let bytes = 0;
    let files = 0;
    const counting = async (url, options = {}) => {
      const r = await fetch(url, { ...options, cache: "no-store" });
      const body = await r.arrayBuffer();
      bytes += body.byteLength;
      files++;
      return new Response(body, { status: r.status });
    };
    const index = new SearchIndex("/tim-kiem/chi-muc/", counting);
    const t0 = performance.now();
    const result = await index.search({ q });
    await Promise.all(result.ids.slice(0, 10).map((id) => index.fragment(id)));
    const cold = performance.now() - t0;
    const runs = 5;
    const t1 = performance.now();
    for (let k = 0; k < runs; k++) await index.search({ q });
    const warm = (performance.now() - t1) / runs;
    out.push({ q, hits: result.ids.length, files, kb: bytes / 1024, cold, warm });
  }
  return out;
}, queries);

const manifest = JSON.parse(
  await (await fetch(`${origin}/tim-kiem/chi-muc/manifest.json`)).text(),
);
console.log(`${manifest.docs} conclusions, ${manifest.shards} shards; search.js ${(statSync(script).size / 1024).toFixed(1)} KB once`);
console.log("query                      hits   files  downloaded  cold ms  warm ms");
for (const r of rows) {
  console.log(
    `${JSON.stringify(r.q).padEnd(26)} ${String(r.hits).padStart(6)} ${String(r.files).padStart(7)} ${r.kb.toFixed(1).padStart(8)} KB ${r.cold.toFixed(1).padStart(8)} ${r.warm.toFixed(1).padStart(8)}`,
  );
}
await context.close();
rmSync(profile, { recursive: true, force: true });
server.close();

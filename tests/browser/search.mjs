// Headless Chromium on the search page of a built site, served by the Rust test
// (tests/search_browser.rs) with a strict Content-Security-Policy.
//
//   node tests/browser/search.mjs http://127.0.0.1:PORT/ket-luan/
//
// Exits 0 when every check passes; prints "N passed, M failed".

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const base = process.argv[2];
if (!base) {
  console.error("usage: node search.mjs <site URL ending with />");
  process.exit(2);
}
const origin = new URL(base).origin;
const profiles = [];
/** A browser context with its own fresh profile (--user-data-dir). */
async function launch(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), "ketluan-chromium-"));
  profiles.push(profile);
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.KETLUAN_CHROMIUM || "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    ...options,
  });
}
const browser = await launch();

let passed = 0;
const failures = [];
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    failures.push(name);
    console.log(`FAILED - ${name}: ${e.message}`);
  }
}
function assert(cond, message) {
  if (!cond) throw new Error(message);
}

const page = browser.pages()[0] ?? (await browser.newPage());
const problems = [];
const external = [];
page.on("console", (m) => {
  if (m.type() === "error") problems.push(m.text());
});
page.on("pageerror", (e) => problems.push(String(e)));
page.on("request", (r) => {
  if (!r.url().startsWith(origin)) external.push(r.url());
});
await page.route((url) => !url.href.startsWith(origin), (route) => route.abort());

async function results() {
  return page.$$eval("#search-results > li", (items) =>
    items.map((li) => ({
      title: li.querySelector("a").textContent,
      href: li.querySelector("a").getAttribute("href"),
      meta: li.querySelector(".c-meta").textContent,
      marks: [...li.querySelectorAll("mark")].map((m) => m.textContent),
    })),
  );
}

async function search(q) {
  await page.fill("#search-q", q);
  await page.press("#search-q", "Enter");
  await page.waitForFunction(
    () => {
      const s = document.getElementById("search-status").textContent;
      return s && !s.endsWith("…");
    },
    null,
    { timeout: 10000 },
  );
  return results();
}

await page.goto(`${base}tim-kiem/`);

await check("the search box has the focus on arrival", async () => {
  const id = await page.evaluate(() => document.activeElement?.id);
  assert(id === "search-q", `focus on ${id}`);
});

await check("searching `dak nong ha tang` finds the Đắk Nông conclusion first", async () => {
  const r = await search("dak nong ha tang");
  assert(r.length >= 1, "no results");
  assert(r[0].title.includes("Đắk Nông"), `first result: ${r[0].title}`);
  assert(r[0].href.endsWith("/ket-luan/2022-05-10-dak-nong-ha-tang/"), r[0].href);
  assert(r[0].meta.includes("10/5/2022") && r[0].meta.includes("Đắk Nông"), r[0].meta);
  for (const w of ["Đắk", "Nông", "hạ", "tầng"]) {
    assert(r[0].marks.includes(w), `"${w}" not highlighted: ${r[0].marks}`);
  }
});

await check("`ha tinh chuyen doi so` finds Hà Tĩnh's digital transformation conclusion", async () => {
  const r = await search("ha tinh chuyen doi so");
  assert(
    r[0]?.title.includes("Xây dựng chương trình, kế hoạch thực hiện các nghị quyết"),
    `first: ${r[0]?.title}`,
  );
});

await check("document numbers as typed: `05-NQ/TU` and `05 nq tu`", async () => {
  for (const q of ["05-NQ/TU", "05 nq tu", "5-nq/tu"]) {
    const r = await search(q);
    const titles = r.map((x) => x.href);
    assert(
      titles.some((h) => h.includes("2022-01-18-ha-tinh-chuong-trinh")),
      `${q}: ${titles}`,
    );
    assert(
      titles.some((h) => h.includes("dak-nong-ha-tang")),
      `${q}: ${titles}`,
    );
  }
  const exact = await search("326/2021/NQ-HĐND");
  assert(exact.length === 1 && exact[0].href.includes("quang-ninh"), JSON.stringify(exact));
});

await check("`Hà Tĩnh` ranks Hà Tĩnh's conclusions first and offers it as the filter", async () => {
  const r = await search("Hà Tĩnh");
  assert(r.length >= 3, `${r.length} results`);
  for (const x of r.slice(0, 3)) assert(x.meta.includes("Hà Tĩnh"), `not Hà Tĩnh: ${x.meta}`);
  const status = await page.textContent("#search-status");
  assert(/\d/.test(status), `no count in the status: ${status}`);
  const live = await page.getAttribute("#search-status", "aria-live");
  assert(live === "polite", `aria-live=${live}`);
  const offer = page.locator("#search-suggest button");
  assert((await offer.count()) === 1, "no filter offered");
  assert((await offer.textContent()).includes("Hà Tĩnh"), await offer.textContent());
  await offer.click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get("tinh") === "ha-tinh");
  await page.waitForFunction(() => !document.getElementById("search-status").textContent.endsWith("…"));
  const filtered = await page.textContent("#search-status");
  assert(filtered.includes("Hà Tĩnh"), `the filter is not announced: ${filtered}`);
  assert((await page.inputValue("#search-province")) === "ha-tinh", "province not selected");
  await page.selectOption("#search-province", "");
});

await check("matched words are highlighted in a visible style", async () => {
  await search("dak nong ha tang");
  const style = await page.$eval("#search-results mark", (m) => {
    const s = getComputedStyle(m);
    return { bg: s.backgroundColor, fg: s.color };
  });
  assert(!/rgba\(0, 0, 0, 0\)|transparent/.test(style.bg), `mark background ${style.bg}`);
  assert(style.bg !== style.fg, JSON.stringify(style));
});

await check("a document number lists the conclusions citing it first, under their province", async () => {
  const r = await search("05/NQ-TU");
  assert(r.length >= 2, `${r.length} results`);
  const groups = await page.$$eval("#search-results .search-group", (hs) => hs.map((h) => h.textContent));
  assert(groups.length >= 1 && groups[0] === "Hà Tĩnh", `groups: ${groups}`);
  assert(r[0].href.includes("2022-01-18-ha-tinh-chuong-trinh"), r[0].href);
});

await check("axe finds no violation on a page of results", async () => {
  await search("dak nong ha tang");
  const require = createRequire(import.meta.url);
  // Evaluated through the DevTools protocol: the page's CSP allows no injected script.
  await page.evaluate(readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`);
  });
  assert(violations.length === 0, violations.join("\n"));
});

await check("filters by province and year", async () => {
  await page.fill("#search-q", "");
  await page.selectOption("#search-province", "lam-dong");
  await page.waitForFunction(() => document.querySelectorAll("#search-results > li").length === 2);
  const r = await results();
  assert(r.some((x) => x.href.includes("dak-nong")), "Đắk Nông is listed under Lâm Đồng");
  await page.selectOption("#search-year", "2021");
  await page.waitForFunction(() => document.querySelectorAll("#search-results > li").length === 1);
  const y = await results();
  assert(y[0].href.includes("2021-06-15-lam-dong"), y[0].href);
  assert(new URL(page.url()).search === "?tinh=lam-dong&nam=2021", page.url());
  await page.selectOption("#search-province", "");
  await page.selectOption("#search-year", "");
});

await check("a link with ?q= runs the search", async () => {
  await page.goto(`${base}tim-kiem/?q=${encodeURIComponent("Đắk Nông")}`);
  await page.waitForFunction(() => document.querySelectorAll("#search-results > li").length > 0);
  const r = await results();
  assert(r[0].title.includes("Đắk Nông"), r[0].title);
  assert((await page.inputValue("#search-q")) === "Đắk Nông", "query restored");
});

await check("no result says so", async () => {
  const r = await search("xyzzyq");
  assert(r.length === 0, "results for nonsense");
  const status = await page.textContent("#search-status");
  assert(status.length > 0, "empty status");
});

await check("query time under 100 ms (in the page)", async () => {
  const ms = await page.evaluate(async () => {
    const { SearchIndex } = await import(document.querySelector("script[type=module]").src);
    const index = new SearchIndex(document.getElementById("search-form").dataset.index);
    await index.search({ q: "ha tang" });
    const t0 = performance.now();
    await index.search({ q: "dak nong ha tang" });
    return performance.now() - t0;
  });
  assert(ms < 100, `${ms} ms`);
});

await check("no CSP violation, script error or external request", async () => {
  assert(problems.length === 0, problems.join("\n"));
  assert(external.length === 0, external.join("\n"));
});

await check("without JavaScript the page explains and links elsewhere", async () => {
  const ctx = await launch({ javaScriptEnabled: false });
  const p = ctx.pages()[0] ?? (await ctx.newPage());
  await p.goto(`${base}tim-kiem/`);
  const text = await p.textContent("main");
  assert(/JavaScript/.test(text), "no explanation");
  const links = await p.$$eval("main a", (as) => as.map((a) => a.getAttribute("href")));
  assert(links.some((h) => h.endsWith("/data/conclusions.csv")), links.join(" "));
  assert(links.some((h) => h.endsWith("/dong-thoi-gian/")), links.join(" "));
  await ctx.close();
});

await browser.close();
for (const p of profiles) rmSync(p, { recursive: true, force: true });
console.log(`${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);

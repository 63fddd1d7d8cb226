// Browser checks of the default theme, run by `cargo test` (tests/browser_theme.rs),
// which builds the sites, serves them on 127.0.0.1 and passes the pages to check:
//
//   node tests/browser/theme_a11y.mjs --out DIR [--pdf LABEL]... [--missing LABEL]... LABEL=URL...
//
// `--pdf` also prints that page to DIR/LABEL.pdf; `--missing` marks a page the server
// answers with status 404 (the site's 404.html at an unknown address).
//
// Every page is loaded in Debian's chromium at 360 px and 1280 px in the light scheme
// and at 1280 px in the dark one, and must pass axe-core's WCAG 2.0/2.1/2.2 A and AA rules (plus its
// best-practice rules on headings and landmarks) with no violation. It must also have
// one h1 and no skipped heading level, the four landmarks, a skip link that the first
// Tab reaches and that moves focus into <main>, a visible focus indicator, no
// horizontal scrolling down to 320 px, a print layout without navigation, and be
// readable with JavaScript off. No request may leave the local server, no request may
// fail and nothing may be logged to the console (a Content-Security-Policy violation
// is). Screenshots (PNG) and print renderings (PDF) go to DIR. Exits 1 on any failure.

import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const CHROMIUM = process.env.KETLUAN_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// Light at both widths; dark once (its colours do not depend on the width).
const RUNS = [
  { width: 360, scheme: 'light' },
  { width: 1280, scheme: 'light' },
  { width: 1280, scheme: 'dark' },
];
const NARROWEST = 320;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];

function parseArgs(argv) {
  const opts = { out: null, pdf: new Set(), missing: new Set(), pages: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') opts.out = argv[++i];
    else if (a === '--pdf') opts.pdf.add(argv[++i]);
    else if (a === '--missing') opts.missing.add(argv[++i]);
    else if (a.includes('=')) {
      const eq = a.indexOf('=');
      opts.pages.push({ label: a.slice(0, eq), url: a.slice(eq + 1) });
    } else throw new Error(`unexpected argument ${a}`);
  }
  if (!opts.out || opts.pages.length === 0) {
    throw new Error('usage: theme_a11y.mjs --out DIR [--pdf LABEL]... [--missing LABEL]... LABEL=URL...');
  }
  return opts;
}

const failures = [];
function fail(where, message) {
  failures.push(`${where}: ${message}`);
}

/// A fresh profile per launch, removed afterwards.
async function launch(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'ketluan-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/// A page that records every request leaving `origin`, every failed request and every
/// console error into `log`; a 404 answer to `missingUrl` is expected.
async function watchedPage(context, origin, log, missingUrl = null) {
  const page = await context.newPage();
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + '/') || url === origin || url.startsWith('data:')) {
      return route.continue();
    }
    log.external.push(url);
    return route.abort('blockedbyclient');
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !(r.status() === 404 && r.url() === missingUrl)) {
      log.failed.push(`${r.status()} ${r.url()}`);
    }
  });
  page.on('requestfailed', (r) => {
    if (!log.external.includes(r.url())) log.failed.push(`${r.failure()?.errorText} ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() !== 'error' && m.type() !== 'warning') return;
    if (missingUrl && m.location().url === missingUrl && m.text().includes('404')) return;
    log.console.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => log.console.push(`pageerror: ${e.message}`));
  return page;
}

function newLog() {
  return { external: [], failed: [], console: [] };
}

function reportLog(where, log) {
  for (const key of Object.keys(log)) log[key] = [...new Set(log[key])];
  for (const u of log.external) fail(where, `request left the local server: ${u}`);
  for (const f of log.failed) fail(where, `request failed: ${f}`);
  for (const c of log.console) fail(where, `console: ${c}`);
}

async function runAxe(page) {
  const loaded = await page.evaluate('typeof window.axe');
  if (loaded !== 'object') await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary.replace(/\s+/g, ' ')}`),
    }));
  }, AXE_TAGS);
}

/// Document structure: headings, landmarks, language, tables, images, breadcrumbs.
async function checkStructure(page) {
  return page.evaluate(() => {
    const problems = [];
    const lang = document.documentElement.lang;
    if (!['vi', 'en'].includes(lang)) problems.push(`html lang is "${lang}"`);
    const h1 = document.querySelectorAll('h1');
    if (h1.length !== 1) problems.push(`${h1.length} h1 elements`);
    let previous = 0;
    for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
      const level = Number(h.tagName[1]);
      if (previous && level > previous + 1) {
        problems.push(`heading level skips from h${previous} to h${level}: "${h.textContent.trim().slice(0, 60)}"`);
      }
      if (!h.textContent.trim()) problems.push(`empty ${h.tagName}`);
      previous = level;
    }
    const top = (sel) => [...document.querySelectorAll(sel)].filter((e) => !e.parentElement.closest('main, article, aside, nav, section, header, footer'));
    if (top('header').length !== 1) problems.push('no single top-level header (banner)');
    if (top('footer').length !== 1) problems.push('no single top-level footer (contentinfo)');
    if (document.querySelectorAll('main').length !== 1) problems.push('no single main');
    if (!document.querySelector('header nav')) problems.push('no navigation in the header');
    const main = document.querySelector('main');
    if (main && main.id !== 'main') problems.push('main has no id="main"');
    if (!document.body.className.includes('page-home') && !document.body.className.includes('page-not_found')) {
      const crumbs = document.querySelector('main nav ol');
      if (!crumbs) problems.push('no breadcrumbs (nav > ol in main)');
      else if (!crumbs.querySelector('[aria-current="page"]')) problems.push('breadcrumbs do not mark the current page');
    }
    for (const table of document.querySelectorAll('main table')) {
      if (!table.querySelector('th')) problems.push('a table without header cells');
      const named = table.querySelector('caption') || table.getAttribute('aria-labelledby') || table.getAttribute('aria-label');
      if (!named && !table.closest('.content')) problems.push('a table without a caption or name');
    }
    for (const img of document.querySelectorAll('img')) {
      if (!img.hasAttribute('alt')) problems.push(`image without alt: ${img.src}`);
    }
    if (document.querySelector('[style]')) problems.push('an inline style attribute (breaks a strict CSP)');
    return problems;
  });
}

/// Elements wider than the viewport, when the page scrolls sideways.
async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    if (doc.scrollWidth <= doc.clientWidth) return null;
    const culprits = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > doc.clientWidth + 1 && r.width > 0) {
        culprits.push(`${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ').join('.') : ''} (right ${Math.round(r.right)})`);
      }
    }
    return `page is ${doc.scrollWidth}px wide in a ${doc.clientWidth}px viewport: ${culprits.slice(0, 5).join(', ')}`;
  });
}

function focusState() {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    href: el.getAttribute('href'),
    inMain: !!el.closest('main'),
    visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
    indicator:
      (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 && s.outlineColor !== 'rgba(0, 0, 0, 0)') ||
      s.boxShadow !== 'none',
    color: s.color,
    background: s.backgroundColor,
    text: (el.textContent || '').trim().slice(0, 40),
  };
}

/// WCAG contrast of two opaque `rgb(…)` colours, or null when one is transparent.
function contrast(a, b) {
  const parse = (c) => c.match(/[\d.]+/g)?.map(Number);
  const [ca, cb] = [parse(a), parse(b)];
  if (!ca || !cb || (ca.length > 3 && ca[3] < 1) || (cb.length > 3 && cb[3] < 1)) return null;
  const lum = ([r, g, b]) =>
    [r, g, b]
      .map((v) => v / 255)
      .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
      .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const [la, lb] = [lum(ca), lum(cb)].sort((x, y) => y - x);
  return (la + 0.05) / (lb + 0.05);
}

/// The first focus stops (header, navigation, breadcrumbs, the start of main) each show
/// an indicator, and focused text stays readable on its focus background.
async function checkFocusRing(page) {
  const problems = [];
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(focusState);
    if (!f) break;
    if (!f.indicator) problems.push(`no visible focus indicator on ${f.tag} "${f.text}"`);
    const ratio = contrast(f.color, f.background);
    if (ratio !== null && ratio < 4.5) {
      problems.push(`focused ${f.tag} "${f.text}" has a contrast of ${ratio.toFixed(2)} (${f.color} on ${f.background})`);
    }
  }
  return problems;
}

/// The first Tab reaches the skip link, Enter moves focus to <main>, the next Tab lands
/// inside <main>; every one of these focus positions is visibly marked. A page that puts
/// the focus inside <main> on arrival (the search page's box) has the reader there
/// already: it must mark that focus visibly instead.
async function checkKeyboard(page) {
  const problems = [];
  const arrival = await page.evaluate(focusState);
  if (arrival) {
    if (!arrival.inMain) problems.push(`the focus starts on ${JSON.stringify(arrival)}, outside main`);
    else if (!arrival.indicator) problems.push(`no visible focus indicator on ${arrival.tag} #${arrival.id}`);
    return problems;
  }
  await page.keyboard.press('Tab');
  const skip = await page.evaluate(focusState);
  if (!skip || skip.href !== '#main') {
    problems.push(`first Tab focuses ${JSON.stringify(skip)}, not the skip link to #main`);
    return problems;
  }
  if (!skip.visible) problems.push('the skip link is not visible when focused');
  if (!skip.indicator) problems.push('the skip link has no visible focus indicator');
  await page.keyboard.press('Enter');
  const target = await page.evaluate(focusState);
  if (!target || target.id !== 'main') problems.push(`Enter on the skip link focuses ${JSON.stringify(target)}, not main`);
  await page.keyboard.press('Tab');
  const next = await page.evaluate(focusState);
  if (!next || !next.inMain) problems.push(`Tab after the skip link focuses ${JSON.stringify(next)}, outside main`);
  else if (!next.indicator) problems.push(`no visible focus indicator on ${next.tag} ${next.href ?? ''}`);
  return problems;
}

/// In print: no navigation, no sideways overflow, the addresses of links and of the
/// page itself shown.
async function checkPrint(page) {
  return page.evaluate(() => {
    const problems = [];
    for (const sel of ['.site-nav', '.breadcrumbs', '.skip-link', '.pager', '.paginator']) {
      for (const el of document.querySelectorAll(sel)) {
        if (getComputedStyle(el).display !== 'none') problems.push(`${sel} is printed`);
      }
    }
    // Links whose text is already their address (the source, the full text) need no copy.
    const links = [...document.querySelectorAll('.content a[href]:not([href^="#"]), main a[href^="http"]')];
    for (const link of links.filter((a) => a.textContent.trim() !== a.getAttribute('href'))) {
      if (!getComputedStyle(link, '::after').content.includes(link.getAttribute('href'))) {
        problems.push(`the printed link "${link.textContent.trim()}" does not show its address`);
      }
    }
    const address = [...document.querySelectorAll('footer *')].find(
      (e) => getComputedStyle(e).display !== 'none' && e.children.length === 0 && e.textContent.includes('://'),
    );
    if (!address) problems.push("the printed page does not show its own address");
    return problems;
  });
}

async function checkPage(page, { label, url }, opts) {
  for (const { width, scheme } of RUNS) {
    const where = `${label} @${width}px ${scheme}`;
    await page.setViewportSize({ width, height: 800 });
    await page.emulateMedia({ media: 'screen', colorScheme: scheme, reducedMotion: 'reduce' });
    const response = await page.goto(url, { waitUntil: 'load' });
    if (!response || response.status() !== (opts.missing.has(label) ? 404 : 200)) {
      fail(where, `status ${response?.status()}`);
      continue;
    }
    for (const v of await runAxe(page)) {
      fail(where, `axe ${v.id} (${v.impact}): ${v.help}\n      ${v.nodes.join('\n      ')}`);
    }
    if (scheme === 'light') {
      for (const p of await checkStructure(page)) fail(where, p);
      for (const p of await checkKeyboard(page)) fail(where, p);
      await page.goto(url, { waitUntil: 'load' });
    }
    for (const p of await checkFocusRing(page)) fail(where, p);
    await page.goto(url, { waitUntil: 'load' });
    const overflow = await horizontalOverflow(page);
    if (overflow) fail(where, overflow);
    await page.screenshot({ path: join(opts.out, `${label}-${width}-${scheme}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: NARROWEST, height: 640 });
  await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
  await page.goto(url, { waitUntil: 'load' });
  const overflow = await horizontalOverflow(page);
  if (overflow) fail(`${label} @${NARROWEST}px`, overflow);

  await page.setViewportSize({ width: 800, height: 1100 });
  await page.emulateMedia({ media: 'print', colorScheme: 'light' });
  await page.goto(url, { waitUntil: 'load' });
  for (const p of await checkPrint(page)) fail(`${label} print`, p);
  const printOverflow = await horizontalOverflow(page);
  if (printOverflow) fail(`${label} print`, printOverflow);
  await page.screenshot({ path: join(opts.out, `${label}-print.png`), fullPage: true });
  if (opts.pdf.has(label)) {
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    writeFileSync(join(opts.out, `${label}.pdf`), pdf);
    if (pdf.length < 1000) fail(`${label} print`, 'the PDF is empty');
  }
}

/// With JavaScript off, every page still shows its heading and content.
async function checkWithoutJavaScript(pages, missing, log) {
  const browser = await launch({ javaScriptEnabled: false });
  try {
    const origin = new URL(pages[0].url).origin;
    for (const { label, url } of pages) {
      const page = await watchedPage(browser.context, origin, log, missing.has(label) ? url : null);
      const where = `${label} without JavaScript`;
      try {
        await page.goto(url, { waitUntil: 'load' });
        const h1 = page.locator('h1');
        if ((await h1.count()) !== 1 || !(await h1.isVisible())) fail(where, 'no visible h1');
        const main = page.locator('main');
        const text = (await main.count()) === 1 ? (await main.innerText({ timeout: 5000 })).trim() : '';
        if (text.length < 20) fail(where, 'main is missing or empty');
      } catch (e) {
        fail(where, `error: ${e.message}`);
      }
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  mkdirSync(opts.out, { recursive: true });
  const browser = await launch();
  const byOrigin = new Map();
  try {
    for (const p of opts.pages) {
      const origin = new URL(p.url).origin;
      if (!byOrigin.has(origin)) byOrigin.set(origin, []);
      byOrigin.get(origin).push(p);
    }
    // Two pages at a time: each waits on the browser as much as on node.
    const queue = [...opts.pages];
    const worker = async () => {
      for (let p = queue.shift(); p; p = queue.shift()) {
        const origin = new URL(p.url).origin;
        const log = newLog();
        const page = await watchedPage(browser.context, origin, log, opts.missing.has(p.label) ? p.url : null);
        const started = Date.now();
        try {
          await checkPage(page, p, opts);
        } catch (e) {
          fail(p.label, `error: ${e.stack || e}`);
        }
        await page.close();
        reportLog(p.label, log);
        console.log(`checked ${p.label} (${p.url}) in ${Date.now() - started} ms`);
      }
    };
    await Promise.all([worker(), worker()]);
  } finally {
    await browser.close();
  }
  for (const [origin, pages] of byOrigin) {
    const log = newLog();
    await checkWithoutJavaScript(pages, opts.missing, log);
    reportLog(`${origin} without JavaScript`, log);
  }
  if (failures.length) {
    console.error(`\n${failures.length} problem(s):\n- ${failures.join('\n- ')}`);
    process.exit(1);
  }
  console.log(`\nall ${opts.pages.length} pages pass; screenshots in ${opts.out}`);
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(2);
});

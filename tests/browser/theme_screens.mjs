// Screenshots and layout measurements of the default theme, run by `cargo test`
// (tests/browser_theme.rs, `every_page_kind_has_screenshots_and_the_conclusion_first`),
// which builds the sites, serves them on 127.0.0.1 and passes the pages:
//
//   node tests/browser/theme_screens.mjs --out DIR [--conclusion LABEL]... LABEL=URL...
//
// Every page is loaded in Debian's chromium at 360×800 and 1280×900, in the light and
// the dark scheme, and saved as a full-page PNG to DIR/LABEL-WIDTH-SCHEME.png (the CI
// keeps DIR as an artifact). At 360 px the header must be at most 120 px high. For a
// page named with `--conclusion`, the body's first line must start above the fold:
// within the first screen at both sizes, below the key-facts line. Prints one JSON
// line of measurements per page and size; exits 1 on any failure.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.KETLUAN_CHROMIUM || '/usr/bin/chromium';
const SIZES = [
  { width: 360, height: 800 },
  { width: 1280, height: 900 },
];
const SCHEMES = ['light', 'dark'];
const MAX_HEADER_360 = 120;

function parseArgs(argv) {
  const opts = { out: null, conclusion: new Set(), pages: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') opts.out = argv[++i];
    else if (a === '--conclusion') opts.conclusion.add(argv[++i]);
    else if (a.includes('=')) {
      const eq = a.indexOf('=');
      opts.pages.push({ label: a.slice(0, eq), url: a.slice(eq + 1) });
    } else throw new Error(`unexpected argument ${a}`);
  }
  if (!opts.out || opts.pages.length === 0) {
    throw new Error('usage: theme_screens.mjs --out DIR [--conclusion LABEL]... LABEL=URL...');
  }
  return opts;
}

/// Where the header, the key facts and the body's first block are, in page pixels.
function measure() {
  const box = (sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { top: Math.round(r.top + scrollY), bottom: Math.round(r.bottom + scrollY) };
  };
  const firstBlock = document.querySelector('.doc-body > *');
  let body = null;
  if (firstBlock) {
    const r = firstBlock.getBoundingClientRect();
    body = { top: Math.round(r.top + scrollY), bottom: Math.round(r.bottom + scrollY) };
  }
  return {
    header: box('.site-header'),
    keyFacts: box('.key-facts'),
    body,
    pageHeight: document.documentElement.scrollHeight,
  };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  mkdirSync(opts.out, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'ketluan-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const failures = [];
  try {
    const page = await context.newPage();
    for (const { label, url } of opts.pages) {
      for (const size of SIZES) {
        await page.setViewportSize(size);
        for (const scheme of SCHEMES) {
          await page.emulateMedia({ media: 'screen', colorScheme: scheme, reducedMotion: 'reduce' });
          const response = await page.goto(url, { waitUntil: 'load' });
          if (!response || response.status() !== 200) {
            failures.push(`${label}: status ${response?.status()}`);
            continue;
          }
          await page.screenshot({ path: join(opts.out, `${label}-${size.width}-${scheme}.png`), fullPage: true });
          if (scheme !== 'light') continue;
          const m = await page.evaluate(measure);
          console.log(JSON.stringify({ label, width: size.width, ...m }));
          const where = `${label} @${size.width}×${size.height}`;
          const headerHeight = m.header ? m.header.bottom - m.header.top : null;
          if (size.width === 360 && (headerHeight === null || headerHeight > MAX_HEADER_360)) {
            failures.push(`${where}: the header is ${headerHeight} px high (at most ${MAX_HEADER_360})`);
          }
          if (opts.conclusion.has(label)) {
            if (!m.keyFacts || !m.body) {
              failures.push(`${where}: no key-facts line or no body`);
            } else {
              if (m.body.top < m.keyFacts.bottom) failures.push(`${where}: the body starts above the key facts`);
              // The first line of the body (about 30 px) is on the first screen.
              if (m.body.top + 30 > size.height) {
                failures.push(`${where}: the body starts at y=${m.body.top}, below the first screen (${size.height} px)`);
              }
            }
          }
        }
      }
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  if (failures.length) {
    console.error(`\n${failures.length} problem(s):\n- ${failures.join('\n- ')}`);
    process.exit(1);
  }
  console.log(`\nall ${opts.pages.length} pages measured; screenshots in ${opts.out}`);
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(2);
});

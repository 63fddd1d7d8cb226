// Headless Chromium against `ketluan serve`: an open page reloads by itself after an
// edit, swaps a stylesheet without reloading, shows the error overlay for a broken
// file and drops it after the fix, and reconnects when serve restarts; all under a
// strict Content-Security-Policy (the site's base.html sets one).
//
// Run by tests/browser_serve.rs (`cargo test`) with KETLUAN_BIN (the binary),
// KETLUAN_SITE (a site folder with content/mot.md) and KETLUAN_CHROMIUM (default
// /usr/bin/chromium, Debian's). Needs `npm ci --prefix tests/browser`.

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { chromium } from "playwright-core";

const BIN = process.env.KETLUAN_BIN;
const SITE = process.env.KETLUAN_SITE;
const CHROMIUM = process.env.KETLUAN_CHROMIUM || "/usr/bin/chromium";
const WAIT = 30_000;
if (!BIN || !SITE) throw new Error("KETLUAN_BIN and KETLUAN_SITE must be set");

function startServe(port) {
  const child = spawn(BIN, ["serve", "--root", SITE, "--port", String(port)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error("serve did not start")), WAIT);
    lines.on("line", (line) => {
      const m = line.match(/ at (http:\/\/127\.0\.0\.1:(\d+)\/)/);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], port: Number(m[2]) });
      }
    });
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

function stopServe(child) {
  return new Promise((resolve) => {
    child.removeAllListeners("exit");
    child.on("exit", resolve);
    child.kill("SIGINT");
  });
}

const conclusion = (body, title = "Kết luận một") =>
  `---\ntitle: "${title}"\ndate: 2023-03-22\nprovince: Hà Tĩnh\n---\n${body}\n`;

function step(name) {
  console.log(`- ${name}`);
}

const profile = mkdtempSync(join(tmpdir(), "ketluan-chromium-"));
let serve = await startServe(0);
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
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
});
const cspErrors = [];
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (msg) => {
    if (msg.type() === "error" && /Content.Security.Policy/i.test(msg.text())) cspErrors.push(msg.text());
  });
  const listening = () =>
    page.waitForSelector('script[data-connected="true"]', { state: "attached", timeout: WAIT });

  step("the page is served with the live-reload script");
  await page.goto(`${serve.url}ket-luan/mot/`);
  await page.getByText("Nội dung kết luận.").first().waitFor({ timeout: WAIT });
  await listening();

  step("an edit reloads the open page");
  await page.evaluate(() => { window.beforeEdit = true; });
  writeFileSync(join(SITE, "content/mot.md"), conclusion("Đoạn văn đã sửa trong trình soạn thảo."));
  await page.getByText("Đoạn văn đã sửa trong trình soạn thảo.").first().waitFor({ timeout: WAIT });
  if (await page.evaluate(() => window.beforeEdit === true)) throw new Error("the text changed without a reload?");
  await listening();

  step("a stylesheet change is swapped in without a reload");
  await page.evaluate(() => { window.beforeCss = true; });
  mkdirSync(join(SITE, "static"), { recursive: true });
  writeFileSync(join(SITE, "static/style.css"), "body { background-color: rgb(1, 2, 3); }\n");
  await page.waitForFunction(
    () => getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)",
    null,
    { timeout: WAIT },
  );
  if (!(await page.evaluate(() => window.beforeCss === true))) throw new Error("the page reloaded for CSS");

  step("a broken file shows the overlay over the last good page");
  writeFileSync(
    join(SITE, "content/mot.md"),
    '---\ntitel: "Kết luận một"\ndate: 2023-03-22\nprovince: Hà Tĩnh\n---\nBản hỏng.\n',
  );
  const overlay = page.locator("#ketluan-errors");
  await overlay.waitFor({ state: "visible", timeout: WAIT });
  const text = await overlay.innerText();
  for (const want of ["content/mot.md:2:1", "unknown key `titel`", "did you mean `title`?"]) {
    if (!text.includes(want)) throw new Error(`overlay lacks ${want}:\n${text}`);
  }
  if (!(await page.getByText("Đoạn văn đã sửa trong trình soạn thảo.").first().isVisible())) {
    throw new Error("the last good page is gone");
  }

  step("the fix removes the overlay and reloads");
  writeFileSync(join(SITE, "content/mot.md"), conclusion("Đã sửa lỗi, trang hiện lại."));
  await page.getByText("Đã sửa lỗi, trang hiện lại.").first().waitFor({ timeout: WAIT });
  await overlay.waitFor({ state: "detached", timeout: WAIT });
  await listening();

  step("the page reconnects and reloads when serve restarts");
  const port = serve.port;
  await stopServe(serve.child);
  writeFileSync(join(SITE, "content/mot.md"), conclusion("Viết khi serve đã dừng."));
  serve = await startServe(port);
  await page.getByText("Viết khi serve đã dừng.").first().waitFor({ timeout: WAIT });

  if (cspErrors.length) throw new Error(`CSP violations:\n${cspErrors.join("\n")}`);
  console.log("browser: 6 passed, 0 failed");
} finally {
  await context.close();
  await stopServe(serve.child);
  rmSync(profile, { recursive: true, force: true });
}

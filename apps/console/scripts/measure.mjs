#!/usr/bin/env node
// Measures the console against its two targets and prints a table:
//  - the first route's production bundle, gzipped: index.html's entry script, its static imports (modulepreload) and
//    its CSS, read from dist/apps/console (build it first: npx nx build console) — target < 300 kB;
//  - time to interactive on the embedded process: Chromium opens the console at CONSOLE_URL (default
//    http://127.0.0.1:3000, a running `npm start`); the time from the navigation's start until the sign-in button is
//    shown and the main thread has a free frame — target < 1.5 s. Without a reachable platform or Chromium, that row says why instead.
// Usage: node apps/console/scripts/measure.mjs [--url http://127.0.0.1:3000]
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dist = join(root, 'dist/apps/console');
const urlArg = process.argv.indexOf('--url');
const url = urlArg > 0 ? process.argv[urlArg + 1] : (process.env.CONSOLE_URL ?? 'http://127.0.0.1:3000');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BUNDLE_LIMIT_KB = 300;
const TTI_LIMIT_MS = 1500;

const firstRouteFiles = () => {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  return [...new Set(refs)];
};

const rows = [];
if (!existsSync(join(dist, 'index.html'))) {
  console.error(`No ${dist}/index.html: build it first (npx nx build console)`);
  process.exit(1);
}
const files = firstRouteFiles();
let gzipped = 0;
let raw = 0;
for (const file of files) {
  const bytes = readFileSync(join(dist, file));
  raw += bytes.length;
  gzipped += gzipSync(bytes, { level: 9 }).length;
}
const kb = (n) => (n / 1024).toFixed(1);
rows.push({ measure: 'first route bundle, gzipped', value: `${kb(gzipped)} kB (${kb(raw)} kB raw, ${files.length} files)`, target: `< ${BUNDLE_LIMIT_KB} kB`, ok: gzipped / 1024 < BUNDLE_LIMIT_KB });

let ttiFailed = false;
try {
  if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}`);
  const probe = await fetch(url, { signal: AbortSignal.timeout(3000) }).catch(() => null);
  if (!probe || !probe.ok) throw new Error(`no console answering at ${url} (start the platform: npm start)`);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const times = [];
  try {
    for (let run = 0; run < 5; run++) {
      // A fresh context each time: no cache, as a first visit.
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'commit' });
      await page.getByRole('button', { name: 'Sign in' }).waitFor({ state: 'visible' });
      // Interactive: the button is there, and the main thread has a free frame (no long task pending); measured in the
      // page from the navigation's start (performance.now), so the test driver's own round trips do not count.
      times.push(Math.round(await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(() => done(performance.now()), 0))))));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  rows.push({ measure: 'time to interactive (median of 5, cold)', value: `${median} ms (runs: ${times.join(', ')})`, target: `< ${TTI_LIMIT_MS} ms`, ok: median < TTI_LIMIT_MS });
} catch (error) {
  ttiFailed = true;
  rows.push({ measure: 'time to interactive', value: `not measured: ${error.message}`, target: `< ${TTI_LIMIT_MS} ms`, ok: false });
}

console.table(rows);
process.exit(rows.every((row) => row.ok) ? 0 : ttiFailed ? 2 : 1);

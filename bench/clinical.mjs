// `npm run bench` (after the sync benchmark): the consultation screens in Debian's Chromium, on
// real IndexedDB, with the app's own components (bench/browser/clinical.tsx):
//  1. opening a resident's page with BENCH_ENCOUNTERS (200) signed and sealed past consultations,
//     over BENCH_OPENS (20) opens: from mounting the page to the resident and the history on
//     screen, and on to every consultation's seal checked (已签名，平台已确认);
//  2. rendering one prescription slip and printing the page to PDF (Chromium's printToPDF, what
//     Electron's webContents.printToPDF runs), over BENCH_SLIPS (50) slips.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { serveRenderer } from '../build/serve.mjs';
import { chromiumArgs, chromiumPath } from '../build/chromium.mjs';
import { summarise } from './platform/stats.mjs';

const option = (name, fallback) => Number(process.env[name] ?? fallback);
const encounters = option('BENCH_ENCOUNTERS', 200);
const opens = option('BENCH_OPENS', 20);
const slips = option('BENCH_SLIPS', 50);

execFileSync('npx', ['vite', 'build', '--config', 'bench/vite.config.ts'], { stdio: 'inherit' });
const server = await serveRenderer({ root: 'dist/bench' });
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  page.on('console', (m) => {
    if (!/RxDB Open Core|Failed to load resource/.test(m.text())) console.log(`  [page] ${m.text()}`);
  });
  page.on('pageerror', (e) => console.log(`  [page] error: ${e.message}`));
  await page.goto(new URL('clinical.html', server.url).href);
  await page.waitForFunction(() => typeof globalThis.benchSeedChart === 'function');
  await page.evaluate((n) => globalThis.benchSeedChart(n), encounters);

  await page.evaluate(() => globalThis.benchOpenChart()); // warm-up: code loaded, caches filled
  const open = [];
  for (let i = 0; i < opens; i++) open.push(await page.evaluate(() => globalThis.benchOpenChart()));

  await page.evaluate(() => globalThis.benchRenderSlip(0)); // warm-up: the slip font loaded
  await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const print = [];
  for (let i = 1; i <= slips; i++) {
    const start = performance.now();
    await page.evaluate((n) => globalThis.benchRenderSlip(n), i);
    await page.pdf({ preferCSSPageSize: true, printBackground: true });
    print.push(performance.now() - start);
  }

  const [o, v, p] = [
    summarise(open.map((t) => t.listed)),
    summarise(open.map((t) => t.verified)),
    summarise(print),
  ];
  const version = browser.version();
  console.log(`\nClinical benchmark — Chromium ${version}, IndexedDB\n`);
  console.table({
    [`open a resident with ${encounters} consultations (${opens} opens)`]: {
      'p50 ms': o.p50,
      'p95 ms': o.p95,
      'max ms': o.max,
      target: o.p95 <= 300 ? 'p95 ≤ 300 ms: met' : 'p95 ≤ 300 ms: MISSED',
    },
    [`… until every seal is checked (${opens} opens)`]: {
      'p50 ms': v.p50,
      'p95 ms': v.p95,
      'max ms': v.max,
      target: '',
    },
    [`render and print one slip to PDF (${slips} slips)`]: {
      'p50 ms': p.p50,
      'p95 ms': p.p95,
      'max ms': p.max,
      target: '',
    },
  });
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    'bench/results/clinical.json',
    JSON.stringify({ chromium: version, encounters, openChart: o, sealsChecked: v, printSlip: p }, null, 2),
  );
} finally {
  await browser.close();
  await server.close();
}

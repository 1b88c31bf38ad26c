// `npm run bench`: builds the benchmark page, runs it in Debian's Chromium and prints the figures.
// Options: BENCH_COUNT (residents, default 100000), BENCH_BATCH (bulk-insert batch, default 5000).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { serveRenderer } from '../build/serve.mjs';
import { chromiumArgs, chromiumPath } from '../build/chromium.mjs';

const count = Number(process.env.BENCH_COUNT ?? 100_000);
const batch = Number(process.env.BENCH_BATCH ?? 5000);

execFileSync('npx', ['vite', 'build', '--config', 'bench/vite.config.ts'], { stdio: 'inherit' });
const server = await serveRenderer({ root: 'dist/bench' });
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
  const page = await browser.newPage();
  page.on('console', (m) => console.log(`  [page] ${m.text()}`));
  await page.goto(`${server.url}?count=${count}&batch=${batch}`);
  await page.waitForFunction(() => globalThis.benchResult || globalThis.benchError, undefined, {
    timeout: 15 * 60_000,
    polling: 500,
  });
  const error = await page.evaluate(() => globalThis.benchError);
  if (error) throw new Error(error);
  const r = await page.evaluate(() => globalThis.benchResult);
  const version = browser.version();
  console.log(
    `\nRegistry benchmark — ${r.count.toLocaleString('en')} residents, Chromium ${version}, IndexedDB\n`,
  );
  console.table({
    'bulk insert': { seconds: r.insertSeconds.toFixed(1), 'docs/s': Math.round(r.insertDocsPerSecond) },
    'search index catch-up': { seconds: r.indexSeconds.toFixed(1), 'docs/s': '' },
    'searchable after': { seconds: r.searchableAfterSeconds.toFixed(1), 'docs/s': '' },
  });
  const rows = {};
  for (const [kind, q] of Object.entries(r.queries)) {
    rows[kind] = {
      'p50 ms': q.p50.toFixed(1),
      'p95 ms': q.p95.toFixed(1),
      'max ms': q.max.toFixed(1),
      'mean hits': q.meanHits.toFixed(1),
      'target p95 ≤ 30 ms': q.p95 <= 30 ? 'met' : 'MISSED',
    };
  }
  console.log('Search latency over 200 random queries each (search + loading the matching records):');
  console.table(rows);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/registry.json', JSON.stringify({ chromium: version, ...r }, null, 2));
} finally {
  await browser.close();
  await server.close();
}

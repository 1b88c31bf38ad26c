// `npm run bench` (after the platform benchmark): sync between real desks and the real platform.
// The platform bundle runs as a child on loopback (bench/platform/server.mjs, PGlite in a temporary
// folder); desks are pages of Debian's Chromium on real IndexedDB, running the app's own client,
// database, search index and SyncEngine (bench/browser/sync.ts) behind build/serve.mjs's proxy.
//  1. initial sync: a fresh desk (reg01) pulls a centre of BENCH_SYNC_COUNT residents (100000);
//  2. propagation: in a second platform of BENCH_PROPAGATION_COUNT residents (2000), desk A (reg01)
//     edits one resident BENCH_EDITS times (100), one every BENCH_EDIT_INTERVAL_MS (200); desk B
//     (doc01, another browser context) times each edit from A's save to its arrival in B's database.
// Bounded (30 minutes); stops the platform and removes its data however it ends.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { serveRenderer } from '../build/serve.mjs';
import { startPlatform } from './platform/server.mjs';
import { summarise } from './platform/stats.mjs';
import { chromiumArgs, chromiumPath } from '../build/chromium.mjs';

const option = (name, fallback) => Number(process.env[name] ?? fallback);
const syncCount = option('BENCH_SYNC_COUNT', 100_000);
const propagationCount = option('BENCH_PROPAGATION_COUNT', 2000);
const edits = option('BENCH_EDITS', 100);
const intervalMs = option('BENCH_EDIT_INTERVAL_MS', 200);
const password = 'Demo@2026';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const deadline = setTimeout(() => {
  console.error('sync benchmark: gave up after 30 minutes');
  process.exit(1); // server.mjs kills the platform and removes its data on exit
}, 30 * 60_000);
deadline.unref();

execFileSync('npx', ['vite', 'build', '--config', 'bench/vite.config.ts'], { stdio: 'inherit' });
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
process.once('exit', () => void browser.close());

/** Runs `body` with a platform of `residents` and the bench pages served in front of it. */
async function withPlatform(residents, body) {
  console.log(`\nSync benchmark — seeding a platform with ${residents.toLocaleString('en')} residents…`);
  const platform = await startPlatform({ residents });
  const server = await serveRenderer({ root: 'dist/bench', platformUrl: platform.url });
  try {
    return await body(server.url, platform);
  } finally {
    await server.close();
    await platform.stop();
  }
}

/** A desk: a page in its own browser context (its own IndexedDB). */
async function openDesk(url, name) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('console', (m) => {
    // RxDB's storage advertisement and the missing favicon are noise.
    if (!/RxDB Open Core|Failed to load resource/.test(m.text())) console.log(`  [${name}] ${m.text()}`);
  });
  page.on('pageerror', (e) => console.log(`  [${name}] page error: ${e.message}`));
  await page.goto(new URL('sync.html', url).href);
  await page.waitForFunction(() => typeof globalThis.benchInitialSync === 'function');
  return { page, close: () => context.close() };
}

try {
  const initial = await withPlatform(syncCount, async (url, platform) => {
    const desk = await openDesk(url, 'desk');
    try {
      const r = await desk.page.evaluate((p) => globalThis.benchInitialSync(p), {
        username: 'reg01',
        password,
      });
      await desk.page.evaluate(() => globalThis.benchClose());
      return { ...r, seedSeconds: platform.seedSeconds };
    } finally {
      await desk.close();
    }
  });
  if (initial.count !== syncCount)
    console.warn(`  note: the desk holds ${initial.count} residents, ${syncCount} were seeded`);

  const propagation = await withPlatform(propagationCount, async (url) => {
    const a = await openDesk(url, 'desk A');
    const b = await openDesk(url, 'desk B');
    try {
      const creds = (username) => ({ username, password });
      const [countA, countB] = await Promise.all([
        a.page.evaluate((p) => globalThis.benchOpenDesk(p), creds('reg01')),
        b.page.evaluate((p) => globalThis.benchOpenDesk(p), creds('doc01')),
      ]);
      console.log(`  desk A holds ${countA} residents, desk B ${countB}`);
      const id = await a.page.evaluate(() => globalThis.benchFirstPatientId());
      await b.page.evaluate((i) => globalThis.benchWatch(i), id);
      const savedAt = await a.page.evaluate((p) => globalThis.benchEdit(p), { id, edits, intervalMs });
      const waitUntil = Date.now() + 10_000;
      let seen = {};
      while (Date.now() < waitUntil) {
        seen = await b.page.evaluate(() => globalThis.benchSeen());
        if (Object.keys(seen).length >= edits) break;
        await sleep(250);
      }
      const latencies = [];
      let missed = 0;
      savedAt.forEach((at, i) => {
        const arrived = seen[`bench-${i}`];
        if (arrived === undefined) missed++;
        else latencies.push(arrived - at);
      });
      await Promise.all([a, b].map((d) => d.page.evaluate(() => globalThis.benchClose())));
      return { residents: propagationCount, edits, intervalMs, missed, ...summarise(latencies) };
    } finally {
      await a.close();
      await b.close();
    }
  });

  const version = browser.version();
  console.log(`\nSync benchmark — Chromium ${version}, IndexedDB, platform on PGlite over HTTP/SSE\n`);
  console.log(`Initial sync of a fresh desk (reg01), centre of ${syncCount.toLocaleString('en')} residents:`);
  console.table({
    'initial sync': {
      residents: initial.count,
      seconds: initial.syncSeconds.toFixed(1),
      'docs/s': Math.round(initial.docsPerSecond),
      'target ≥ 4,000 docs/s': initial.docsPerSecond >= 4000 ? 'met' : 'MISSED',
    },
    'searchable after': {
      residents: initial.indexed,
      seconds: initial.searchableAfterSeconds.toFixed(1),
      'docs/s': '',
      'target ≥ 4,000 docs/s': '',
    },
  });
  console.log(
    `Propagation desk A (reg01) → desk B (doc01), second platform of ${propagationCount.toLocaleString('en')} residents, ` +
      `${edits} edits of one resident every ${intervalMs} ms (A's save → B's database):`,
  );
  console.table({
    'edit → other desk': {
      arrived: propagation.n,
      missed: propagation.missed,
      'p50 ms': propagation.p50,
      'p95 ms': propagation.p95,
      'max ms': propagation.max,
      'target p95 ≤ 1 s': propagation.missed === 0 && propagation.p95 <= 1000 ? 'met' : 'MISSED',
    },
  });
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    'bench/results/sync.json',
    JSON.stringify(
      { chromium: version, initialSync: { residents: syncCount, ...initial }, propagation },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
  clearTimeout(deadline);
}

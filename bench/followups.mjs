// `npm run bench` (after the clinical benchmark): follow-ups at a centre of BENCH_FOLLOWUP_RESIDENTS
// residents (100000), BENCH_ENROLLED (10000) of them enrolled in hypertension or diabetes care with
// BENCH_YEARS (5) years of quarterly visits and results, generated deterministically
// (bench/followups/centre.ts) and seeded into the real platform before it starts
// (bench/followups/seedPlatform.ts; PGlite in a temporary folder). Then, on one desk (doc01) in
// Debian's Chromium on real IndexedDB, with the app's own code (bench/browser/followups.tsx):
//  1. first sync of the whole centre (residents, contracts, enrolments, visits, results), docs/s;
//  2. every worklist of the centre (and of one family doctor) computed from what the desk holds,
//     BENCH_WORKLIST_RUNS (30) times, after reading it from the desk's database;
//  3. opening the panorama of a resident with five years of records, charts drawn,
//     BENCH_PANORAMA_OPENS (20) times.
// Bounded (2 hours); stops the platform and removes its data however it ends.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { serveRenderer } from '../build/serve.mjs';
import { chromiumArgs, chromiumPath } from '../build/chromium.mjs';
import { startPlatform } from './platform/server.mjs';
import { summarise } from './platform/stats.mjs';

const option = (name, fallback) => Number(process.env[name] ?? fallback);
const residents = option('BENCH_FOLLOWUP_RESIDENTS', 100_000);
const enrolled = option('BENCH_ENROLLED', 10_000);
const years = option('BENCH_YEARS', 5);
const worklistRuns = option('BENCH_WORKLIST_RUNS', 30);
const panoramaOpens = option('BENCH_PANORAMA_OPENS', 20);
const password = 'Demo@2026';
/** The day the worklists are computed for (bench/followups/centre.ts `benchToday`). */
const today = '2026-12-01';

const deadline = setTimeout(() => {
  console.error('follow-up benchmark: gave up after 2 hours');
  process.exit(1); // server.mjs kills the platform and removes its data on exit
}, 120 * 60_000);
deadline.unref();

execFileSync('npx', ['vite', 'build', '--config', 'bench/vite.config.ts'], { stdio: 'inherit' });
await build({
  entryPoints: ['bench/followups/seedPlatform.ts'],
  outfile: 'dist/bench-seed/seed.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});

console.log(
  `\nFollow-up benchmark — seeding a platform with ${residents.toLocaleString('en')} residents, ` +
    `${enrolled.toLocaleString('en')} enrolled, ${years} years of visits and results…`,
);
let seeded;
const platform = await startPlatform({
  residents,
  prepare: async (dataDir) => {
    const out = execFileSync(
      process.execPath,
      [
        'dist/bench-seed/seed.mjs',
        dataDir,
        String(residents),
        String(enrolled),
        String(years),
        'platform/db/migrations',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
    );
    seeded = JSON.parse(out.trim().split('\n').at(-1));
    console.log(
      `  seeded ${seeded.residents} residents (${seeded.residentsSeconds.toFixed(1)} s), ` +
        `${seeded.carePlans} care plans, ${seeded.encounters} visits, ${seeded.observations} results ` +
        `(${seeded.followUpSeconds.toFixed(1)} s)`,
    );
  },
});
const server = await serveRenderer({ root: 'dist/bench', platformUrl: platform.url });
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
process.once('exit', () => void browser.close());
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (!/RxDB Open Core|Failed to load resource/.test(m.text())) console.log(`  [desk] ${m.text()}`);
  });
  page.on('pageerror', (e) => console.log(`  [desk] page error: ${(e.stack ?? e.message).slice(0, 500)}`));
  await page.goto(new URL('followups.html', server.url).href);
  await page.waitForFunction(() => typeof globalThis.benchFirstSync === 'function');

  console.log('  first sync of a fresh desk (doc01)…');
  const sync = await page.evaluate((p) => globalThis.benchFirstSync(p), { username: 'doc01', password });
  console.log(`  synced ${JSON.stringify(sync.counts)}`);
  console.log('  worklists…');
  const worklists = await page.evaluate((p) => globalThis.benchWorklists(p), {
    today,
    runs: worklistRuns,
    loads: 2,
  });
  console.log(`  worklist counts for the centre on ${today}: ${JSON.stringify(worklists.counts)}`);
  console.log('  panorama…');
  const panorama = await page.evaluate((p) => globalThis.benchPanorama(p), {
    opens: panoramaOpens,
    patients: 10,
  });
  await page.evaluate(() => globalThis.benchClose());

  const [centre, doctor, open, listed] = [
    summarise(worklists.centre),
    summarise(worklists.doctor),
    summarise(panorama.opens),
    summarise(panorama.listed),
  ];
  const loads = worklists.loads.map((ms) => (ms / 1000).toFixed(1)).join(' / ');
  const version = browser.version();
  console.log(`\nFollow-up benchmark — Chromium ${version}, IndexedDB, platform on PGlite over HTTP/SSE\n`);
  console.log(
    `Centre of ${seeded.residents.toLocaleString('en')} residents, ${enrolled.toLocaleString('en')} enrolled, ` +
      `${years} years: ${sync.total.toLocaleString('en')} documents on the desk ` +
      `(${(sync.total - (sync.counts.patients ?? 0)).toLocaleString('en')} follow-up records)`,
  );
  console.table({
    'first sync of the whole centre': {
      documents: sync.total,
      seconds: sync.syncSeconds.toFixed(1),
      'docs/s': Math.round(sync.docsPerSecond),
    },
  });
  console.log(
    `Worklists on ${today} from ${worklists.carePlans} care plans, ${worklists.visits} signed visits and ` +
      `${worklists.patients} residents (read from the desk's database in ${loads} s):`,
  );
  const row = (s, target) => ({
    'p50 ms': s.p50,
    'p95 ms': s.p95,
    'max ms': s.max,
    target: target === undefined ? '' : `p95 ≤ ${target} ms: ${s.p95 <= target ? 'met' : 'MISSED'}`,
  });
  console.table({
    [`every worklist of the centre (${worklistRuns} runs)`]: row(centre, 200),
    [`one family doctor's worklists (${worklistRuns} runs)`]: row(doctor, 200),
  });
  console.log(
    `Panorama of a resident with ${panorama.records} records (${panorama.entries} timeline entries, ` +
      `${panorama.charts} charts), from mounting the page to every chart drawn:`,
  );
  console.table({
    [`open the panorama (${panoramaOpens} opens)`]: row(open, 300),
    [`… of which records read and timeline listed`]: row(listed),
  });

  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    'bench/results/followups.json',
    JSON.stringify(
      {
        chromium: version,
        today,
        seeded,
        firstSync: sync,
        worklists: { ...worklists, centre, doctor },
        panorama: { ...panorama, open, listedSummary: listed },
      },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
  await server.close();
  await platform.stop();
  clearTimeout(deadline);
}

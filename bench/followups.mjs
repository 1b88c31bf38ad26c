// `npm run bench` (after the clinical benchmark): follow-ups at a centre of BENCH_FOLLOWUP_RESIDENTS
// residents (100000), BENCH_ENROLLED (10000) of them enrolled in hypertension or diabetes care with
// BENCH_YEARS (5) years of quarterly visits and results, generated deterministically
// (bench/followups/centre.ts) and seeded straight into the real platform's database before it
// starts (bench/followups/seedPlatform.ts; PGlite in a temporary folder). The seeded folder is kept
// under .scratch/ and copied by the next run with the same sizes, seeding code and migrations
// (BENCH_SEED_CACHE=0 seeds afresh; BENCH_SEED_ONLY=1 only seeds). Then, on one desk (doc01) in
// Debian's Chromium with a fresh profile, on IndexedDB on disk, with the app's own code
// (bench/browser/followups.tsx):
//  1. first sync of the whole centre (residents, contracts, enrolments, visits, results), docs/s
//     (BENCH_SYNC_PROFILE=file.cpuprofile records the desk's CPU profile of it);
//  2. every worklist of the centre (and of one family doctor) computed from what the desk holds,
//     BENCH_WORKLIST_RUNS (30) times, after reading it from the desk's database;
//  3. opening the panorama of a resident with five years of records, charts drawn,
//     BENCH_PANORAMA_OPENS (20) times.
// Bounded (2 hours); stops the platform and removes its data and the desk's profile however it ends.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
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
const migrations = 'platform/db/migrations';
/** Where the last seeded centre is kept for the next run (see seedInto). */
const seedCache = '.scratch/bench-followups-seed';
const useSeedCache = process.env.BENCH_SEED_CACHE !== '0';

const deadline = setTimeout(() => {
  console.error('follow-up benchmark: gave up after 2 hours');
  process.exit(1); // server.mjs kills the platform and removes its data on exit
}, 120 * 60_000);
deadline.unref();

// A profiled run keeps the code's own names (unminified).
const minify = process.env.BENCH_SYNC_PROFILE ? ['--minify', 'false'] : [];
execFileSync('npx', ['vite', 'build', '--config', 'bench/vite.config.ts', ...minify], { stdio: 'inherit' });
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

/**
 * The code that decides what is seeded: the generator, the seeding, the demo district and what
 * they build documents with. A change elsewhere (a rule, a screen) leaves the seeded centre as it is.
 */
const seedSources = [
  'bench/followups/centre.ts',
  'bench/followups/seedPlatform.ts',
  'platform/seed/demo.ts',
  'platform/sync/platformKeys.ts',
  'shared/demo/synthetic.ts',
  'shared/clinical/signature.ts',
  'shared/clinical/seal.ts',
  'shared/json/canonicalJson.ts',
  'shared/encounters/vitals.ts',
];

/**
 * Seeds the platform's data folder (bench/followups/seedPlatform.ts, straight into its database),
 * or copies the folder a run with the same residents, enrolment, years, seeding code
 * ({@link seedSources}) and migrations seeded before (kept under `seedCache`; BENCH_SEED_CACHE=0
 * seeds afresh). Either way the platform then starts on a copy of its own, which it may change.
 */
async function seedInto(dataDir) {
  const hash = createHash('sha256').update(JSON.stringify({ residents, enrolled, years }));
  for (const file of seedSources) hash.update(file).update(readFileSync(file));
  for (const name of readdirSync(migrations).sort())
    hash.update(name).update(readFileSync(join(migrations, name)));
  const key = hash.digest('hex').slice(0, 16);
  const cached = join(seedCache, key);
  if (useSeedCache && existsSync(join(cached, 'seeded.json'))) {
    cpSync(join(cached, 'data'), dataDir, { recursive: true });
    return { ...JSON.parse(readFileSync(join(cached, 'seeded.json'), 'utf8')), reused: true };
  }
  const out = execFileSync(
    process.execPath,
    ['dist/bench-seed/seed.mjs', dataDir, String(residents), String(enrolled), String(years), migrations],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
  );
  const result = JSON.parse(out.trim().split('\n').at(-1));
  if (useSeedCache) {
    // The last two seeded centres are kept (a small one for trials, the full one); each is
    // written aside first, so a copy is never half there.
    const kept = (existsSync(seedCache) ? readdirSync(seedCache) : [])
      .map((name) => ({ name, at: statSync(join(seedCache, name)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const { name } of kept.slice(1)) rmSync(join(seedCache, name), { recursive: true, force: true });
    const writing = `${cached}.${process.pid}`;
    cpSync(dataDir, join(writing, 'data'), { recursive: true });
    writeFileSync(join(writing, 'seeded.json'), JSON.stringify(result));
    renameSync(writing, cached);
  }
  return { ...result, reused: false };
}

console.log(
  `\nFollow-up benchmark — seeding a platform with ${residents.toLocaleString('en')} residents, ` +
    `${enrolled.toLocaleString('en')} enrolled, ${years} years of visits and results…`,
);
let seeded;
const seedStarted = performance.now();
const platform = await startPlatform({
  residents,
  prepare: async (dataDir) => {
    seeded = await seedInto(dataDir);
    const from = seeded.reused
      ? `reused from ${seedCache} (seeded there in ${seeded.seconds.toFixed(1)} s)`
      : '';
    console.log(
      `  seeded ${seeded.residents} residents (${seeded.residentsSeconds.toFixed(1)} s), ` +
        `${seeded.carePlans} care plans, ${seeded.encounters} visits, ${seeded.observations} results ` +
        `(${seeded.followUpSeconds.toFixed(1)} s), indexes (${seeded.indexSeconds.toFixed(1)} s)` +
        (from ? `; ${from}` : ''),
    );
  },
});
const seedSeconds = (performance.now() - seedStarted) / 1000;
if (process.env.BENCH_SEED_ONLY === '1') {
  // Only fills the seed cache (a later run starts from it).
  await platform.stop();
  process.exit(0);
}
const server = await serveRenderer({ root: 'dist/bench', platformUrl: platform.url });
// The desk's own Chromium profile in a fresh folder, so IndexedDB lies on disk as at a desk (a
// context without a profile keeps it in memory).
const profile = mkdtempSync(join(tmpdir(), 'clinicdesk-bench-desk-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath,
  args: chromiumArgs,
  viewport: { width: 1366, height: 900 },
});
process.once('exit', () => rmSync(profile, { recursive: true, force: true }));
try {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (!/RxDB Open Core|Failed to load resource/.test(m.text())) console.log(`  [desk] ${m.text()}`);
  });
  page.on('pageerror', (e) => console.log(`  [desk] page error: ${(e.stack ?? e.message).slice(0, 500)}`));
  await page.goto(new URL('followups.html', server.url).href);
  await page.waitForFunction(() => typeof globalThis.benchFirstSync === 'function');

  console.log('  first sync of a fresh desk (doc01)…');
  // BENCH_SYNC_PROFILE=file.cpuprofile records the desk's CPU profile of the first sync.
  const profileTo = process.env.BENCH_SYNC_PROFILE;
  const cdp = profileTo ? await context.newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const sync = await page.evaluate((p) => globalThis.benchFirstSync(p), { username: 'doc01', password });
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(profileTo, JSON.stringify(profile));
    await cdp.detach();
  }
  console.log(
    `  synced ${sync.total.toLocaleString('en')} documents in ${sync.syncSeconds.toFixed(1)} s ` +
      `(${Math.round(sync.docsPerSecond)} docs/s, load average ${loadavg()[0].toFixed(2)}): ` +
      JSON.stringify(sync.counts),
  );
  console.log('  worklists…');
  const worklists = await page.evaluate((p) => globalThis.benchWorklists(p), {
    today,
    runs: worklistRuns,
    loads: 2,
  });
  console.log(`  worklist counts for the centre on ${today}: ${JSON.stringify(worklists.counts)}`);
  // Said at once, so a later phase that fails does not take these figures with it.
  const [centreSoFar, doctorSoFar] = [summarise(worklists.centre), summarise(worklists.doctor)];
  console.log(
    `  worklists p95: centre ${centreSoFar.p95} ms, one doctor ${doctorSoFar.p95} ms ` +
      `(read in ${worklists.loads.map((ms) => (ms / 1000).toFixed(1)).join(' / ')} s)`,
  );
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
  const version = await page.evaluate(() => /Chrome\/([\d.]+)/.exec(navigator.userAgent)?.[1] ?? '?');
  console.log(`\nFollow-up benchmark — Chromium ${version}, IndexedDB, platform on PGlite over HTTP/SSE\n`);
  console.log(
    `Centre of ${seeded.residents.toLocaleString('en')} residents, ${enrolled.toLocaleString('en')} enrolled, ` +
      `${years} years: ${sync.total.toLocaleString('en')} documents on the desk ` +
      `(${(sync.total - (sync.counts.patients ?? 0)).toLocaleString('en')} follow-up records)`,
  );
  console.log(
    `Seeded straight into the platform's database in bulk (not pushed over HTTP; the documents as a ` +
      `push stores them, visits sealed with the platform's key): ` +
      (seeded.reused
        ? `reused a copy seeded earlier in ${seeded.seconds.toFixed(1)} s (copied in ${seedSeconds.toFixed(1)} s)`
        : `${seedSeconds.toFixed(1)} s`) +
      `. Load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')} on ${cpus().length} cores.`,
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
      `${panorama.charts} charts), from navigation to every chart drawn:`,
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
        loadAverage: loadavg(),
        seeded: { ...seeded, copySeconds: seeded.reused ? seedSeconds : undefined },
        firstSync: sync,
        worklists: { ...worklists, centre, doctor },
        panorama: { ...panorama, open, listedSummary: listed },
      },
      null,
      2,
    ),
  );
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  await server.close();
  await platform.stop();
  clearTimeout(deadline);
}

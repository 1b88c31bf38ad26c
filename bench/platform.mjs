// `npm run bench` (after the registry benchmark): the platform under a district's desks.
// Starts the real platform bundle on loopback with PGlite in a temporary folder and a centre of
// 100,000 residents; 200 desks each hold a change stream open, then:
//  1. catch-up: each desk pulls 5 pages of 1,000 residents from random checkpoints at random
//     moments of one minute (≈17 pages/s in all), one pull at a time — pull latency;
//  2. saturation: every desk pulls 2 more pages back to back, all at once — throughput (the
//     latencies there are mostly queueing: 200 requests wait for one database);
//  3. fan-out: one desk pushes 50 edits; each edit's arrival on all 200 streams is timed.
// Bounded: stops by itself and removes its data. Options: BENCH_RESIDENTS (100000), BENCH_DESKS
// (200), BENCH_PULLS (5 per desk), BENCH_WINDOW_S (60), BENCH_BURST_PULLS (2 per desk),
// BENCH_PUSHES (50), BENCH_PLATFORM_NODE_ARGS (e.g. --cpu-prof, for the platform process).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { openStream, request, signIn } from './platform/desk.mjs';
import { startPlatform } from './platform/server.mjs';
import { summarise } from './platform/stats.mjs';

const option = (name, fallback) => Number(process.env[name] ?? fallback);
const residents = option('BENCH_RESIDENTS', 100_000);
const desks = option('BENCH_DESKS', 200);
const pullsPerDesk = option('BENCH_PULLS', 5);
const windowSeconds = option('BENCH_WINDOW_S', 60);
const burstPulls = option('BENCH_BURST_PULLS', 2);
const pushes = option('BENCH_PUSHES', 50);
const pageSize = 1000;
const pullTargetP95 = 200;
const centreStaff = ['reg01', 'nurse01', 'doc01', 'doc02', 'admin01'];
const demoPassword = 'Demo@2026';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// The whole run is bounded: whatever hangs, the benchmark ends (and the platform with it: see server.mjs).
const deadline = setTimeout(() => {
  console.error('platform benchmark: gave up after 30 minutes');
  process.exit(1);
}, 30 * 60_000);
deadline.unref();

// Other work on the machine skews every figure here: note the load before and after.
const loadBefore = loadavg()[0];
console.log(`\nPlatform benchmark — seeding ${residents.toLocaleString('en')} residents…`);
const platform = await startPlatform({ residents });
const streams = [];
try {
  const base = platform.url;
  const tokens = [];
  for (const username of centreStaff) tokens.push(await signIn(base, username, demoPassword));
  const tokenOf = (desk) => tokens[desk % tokens.length];

  // Every desk listens; arrivals of pushed documents are noted per stream.
  const arrivals = new Map(); // document id → receivedAt per desk
  let resyncs = 0;
  for (let desk = 0; desk < desks; desk++) {
    streams.push(
      await openStream(base, 'patients', tokenOf(desk), (event, receivedAt) => {
        if (event.type === 'resync') resyncs++;
        else for (const doc of event.documents) arrivals.get(doc.id)?.push(receivedAt);
      }),
    );
  }
  while (resyncs < desks) await sleep(10);

  // One page, parsed, gives the residents the push phase edits; the pull phase reads text only.
  const first = await request(base, 'GET', `/v1/patients/pull?seq=0&limit=${pageSize}`, { token: tokens[0] });
  const sample = JSON.parse(first.text).documents.slice(0, pushes);

  /** Each desk pulls at the moments `plan(desk)` gives (ms from now), one pull at a time. */
  async function pullPhase(plan) {
    const latencies = [];
    let docs = 0;
    let bytes = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: desks }, async (_, desk) => {
        for (const at of plan(desk)) {
          const wait = started + at - performance.now();
          if (wait > 0) await sleep(wait);
          const seq = Math.floor(Math.random() * Math.max(1, residents - pageSize));
          const { status, text, ms } = await request(
            base,
            'GET',
            `/v1/patients/pull?seq=${seq}&limit=${pageSize}`,
            { token: tokenOf(desk) },
          );
          if (status !== 200) throw new Error(`pull answered ${status}: ${text.slice(0, 200)}`);
          latencies.push(ms);
          bytes += Buffer.byteLength(text);
          docs += text.split('"_deleted":').length - 1;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    return { ...summarise(latencies), seconds, docs, bytes, docsPerSecond: docs / seconds };
  }
  const randomMoments = () =>
    Array.from({ length: pullsPerDesk }, () => Math.random() * windowSeconds * 1000).sort((a, b) => a - b);
  const catchUp = await pullPhase(randomMoments);
  const saturation = await pullPhase(() => Array.from({ length: burstPulls }, () => 0));

  // Push phase: one desk edits a resident; time until every stream has it.
  const perDelivery = [];
  const toAll = [];
  const pushMs = [];
  let missed = 0;
  for (const doc of sample) {
    const edited = { ...doc, familyDoctor: doc.familyDoctor === '张建国' ? '刘文静' : '张建国' };
    const seen = [];
    arrivals.set(doc.id, seen);
    const started = performance.now();
    const { status, text, ms } = await request(base, 'POST', '/v1/patients/push', {
      token: tokens[2],
      body: [{ newDocumentState: edited, assumedMasterState: doc }],
    });
    if (status !== 200 || text !== '{"conflicts":[],"rejected":[]}')
      throw new Error(`push answered ${status}: ${text.slice(0, 200)}`);
    pushMs.push(ms);
    const waitUntil = performance.now() + 5000;
    while (seen.length < desks && performance.now() < waitUntil) await sleep(1);
    missed += desks - seen.length;
    for (const at of seen) perDelivery.push(at - started);
    if (seen.length === desks) toAll.push(Math.max(...seen) - started);
    arrivals.delete(doc.id);
    await sleep(20);
  }

  const delivery = summarise(perDelivery);
  const all = summarise(toAll);
  const push = summarise(pushMs);
  const ms = (x) => ({ 'p50 ms': x.p50, 'p95 ms': x.p95, 'max ms': x.max });
  const rate = (x) =>
    `${Math.round(x.docsPerSecond).toLocaleString('en')} docs/s, ${(x.bytes / 1e6 / x.seconds).toFixed(0)} MB/s`;
  console.log(
    `\nPlatform benchmark — PGlite, ${residents.toLocaleString('en')} residents, ${desks} desks ` +
      `(${cpus().length} cores, Node ${process.versions.node}; ` +
      `load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after)\n`,
  );
  console.table({
    'start (bundle → listening)': { seconds: platform.startSeconds.toFixed(1) },
    'seed (demo district)': { seconds: platform.seedSeconds?.toFixed(1) ?? '?' },
  });
  console.table({
    [`catch-up pull of ${pageSize} (${catchUp.n} in ${windowSeconds} s)`]: {
      ...ms(catchUp),
      note: `${(catchUp.n / windowSeconds).toFixed(1)} pulls/s offered; target p95 ≤ ${pullTargetP95} ms: ${catchUp.p95 <= pullTargetP95 ? 'met' : 'MISSED'}`,
    },
    [`saturation pull of ${pageSize} (${saturation.n} at once)`]: {
      ...ms(saturation),
      note: rate(saturation),
    },
    [`push → each stream (${delivery.n})`]: {
      ...ms(delivery),
      note: missed ? `${missed} never arrived` : '',
    },
    [`push → all ${desks} streams (${all.n})`]: { ...ms(all), note: '' },
    [`push request (${push.n})`]: { ...ms(push), note: '' },
  });
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    'bench/results/platform.json',
    JSON.stringify(
      {
        node: process.versions.node,
        cores: cpus().length,
        loadAverage: { before: loadBefore, after: loadavg()[0] },
        residents,
        desks,
        pullsPerDesk,
        windowSeconds,
        burstPulls,
        pageSize,
        seedSeconds: platform.seedSeconds,
        startSeconds: platform.startSeconds,
        catchUp,
        saturation,
        pushToEachStream: { ...delivery, missed },
        pushToAllStreams: all,
        pushRequest: push,
      },
      null,
      2,
    ),
  );
} finally {
  for (const stream of streams) stream.close();
  await platform.stop();
  clearTimeout(deadline);
}

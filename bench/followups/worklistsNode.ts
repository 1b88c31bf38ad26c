/**
 * Every worklist of a synthetic centre (./centre.ts), computed in Node with the shared rules
 * (shared/followups/worklist.ts) on fresh copies of what the desk reads, as the screen gets them
 * after any change. Bundled and run by bench/worklists.mjs; the sizes come from the environment:
 * BENCH_FOLLOWUP_RESIDENTS (100000), BENCH_ENROLLED (10000), BENCH_WORKLIST_RUNS (20),
 * BENCH_PROJECTION_RUNS (3). The generated centre is kept under dist/bench-worklists.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { syntheticResidents } from '../../shared/demo/synthetic';
import type { CarePlanDoc } from '../../shared/carePlans/schema';
import type { EncounterDoc } from '../../shared/encounters/schema';
import { computeWorklists, followUpVisitsOf, type WorklistInput } from '../../shared/followups/worklist';
import { benchId, benchToday, centreRecords, type CentreResident } from './centre';

const option = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const residentCount = option('BENCH_FOLLOWUP_RESIDENTS', 100_000);
const enrolled = option('BENCH_ENROLLED', 10_000);
const runs = option('BENCH_WORKLIST_RUNS', 20);
const projectionRuns = option('BENCH_PROJECTION_RUNS', 3);

const quantile = (samples: readonly number[], q: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
};
const summary = (samples: readonly number[]) =>
  `median ${quantile(samples, 0.5).toFixed(1)} ms, p95 ${quantile(samples, 0.95).toFixed(1)} ms, ` +
  `max ${Math.max(...samples).toFixed(1)} ms`;

/** The centre as the desk would hold it: generated once (minutes: every visit is signed), then kept. */
function generate() {
  const residents: CentreResident[] = [];
  let n = 0;
  for (const r of syntheticResidents(residentCount, 1))
    residents.push({ id: benchId(0xa0, n++), birthDate: r.birthDate, sex: r.sex });
  const carePlans: CarePlanDoc[] = [];
  const encounters: EncounterDoc[] = [];
  for (const batch of centreRecords(residents, {
    orgId: 'org-chc-demo',
    doctors: [
      { id: 'staff-doc01', name: '张建国' },
      { id: 'staff-doc02', name: '刘文静' },
    ],
    nurse: { id: 'staff-nurse01', name: '李秀梅' },
    enrolled,
  })) {
    if (batch.collection === 'carePlans') carePlans.push(...batch.docs);
    else if (batch.collection === 'encounters') encounters.push(...batch.docs);
  }
  const ids = new Set(carePlans.map((c) => c.patientId));
  const patients = residents.filter((r) => ids.has(r.id)).map((r) => ({ id: r.id, birthDate: r.birthDate }));
  // Every visit projected, and a sample of the encounters themselves to time the projection.
  return {
    carePlans,
    visits: followUpVisitsOf(encounters),
    patients,
    encounters: encounters.slice(0, 20_000),
  };
}

const cacheFile = `dist/bench-worklists/centre-${residentCount}-${enrolled}.json`;
let started = performance.now();
const cached = existsSync(cacheFile);
let centreData: ReturnType<typeof generate>;
if (cached) centreData = JSON.parse(readFileSync(cacheFile, 'utf8')) as ReturnType<typeof generate>;
else {
  centreData = generate();
  mkdirSync(dirname(cacheFile), { recursive: true });
  writeFileSync(cacheFile, JSON.stringify(centreData));
}
const { carePlans, visits, patients, encounters } = centreData;
console.log(
  `${cached ? 'read' : 'generated'} ${carePlans.length} care plans, ${visits.length} signed follow-up visits, ` +
    `${patients.length} residents in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

// The projection the desk makes of each query result of encounters (a sample, scaled up).
const projection: number[] = [];
for (let i = 0; i < projectionRuns; i++) {
  const copy = structuredClone(encounters);
  started = performance.now();
  followUpVisitsOf(copy);
  projection.push(((performance.now() - started) * visits.length) / encounters.length);
}

// What the screen computes from, fresh each run, as after a new query (copying is not timed).
const inputOf = (): Omit<WorklistInput, 'today'> => structuredClone({ carePlans, visits, patients });
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
// Warm-up: the code compiled, as on a screen opened before.
for (let i = 0; i < 3; i++) computeWorklists({ today: benchToday, ...inputOf() });

const centre: number[] = [];
const centreCpu: number[] = [];
const doctor: number[] = [];
let counts = computeWorklists({ today: benchToday, ...inputOf() }).counts;
for (let i = 0; i < runs; i++) {
  let input = inputOf();
  const cpuStart = cpu();
  started = performance.now();
  counts = computeWorklists({ today: benchToday, ...input }).counts;
  centre.push(performance.now() - started);
  centreCpu.push(cpu() - cpuStart);
  input = inputOf();
  started = performance.now();
  computeWorklists({ today: benchToday, ...input, doctorId: i % 2 ? 'staff-doc02' : 'staff-doc01' });
  doctor.push(performance.now() - started);
}
console.log(`${visits.length} signed visits of ${enrolled} enrolments, today ${benchToday}, ${runs} runs:`);
if (projection.length)
  console.log(`  visits projected from encounters:  ${summary(projection)} (all ${visits.length})`);
console.log(`  every worklist of the centre:      ${summary(centre)}`);
console.log(`  … CPU time of the same:            ${summary(centreCpu)}`);
console.log(`  one family doctor's worklists:     ${summary(doctor)}`);
console.log(`  counts: ${JSON.stringify(counts)}`);

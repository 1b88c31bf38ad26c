/**
 * Registry benchmark, run in Chromium on real IndexedDB through the app's own database and search
 * code: bulk-insert N synthetic residents, let the search index catch up, then time 200 random
 * searches of each kind (search + loading the matching documents, as the list screen does).
 */
import { v7 as uuidv7 } from 'uuid';
import type { PatientDoc } from '../../shared/patients/schema';
import { syntheticResidents, type SyntheticResident } from '../../shared/demo/synthetic';
import { pinyinInitials } from '../../shared/patients/searchKeys';
import { openDatabase } from '../../renderer/db/database';
import { PatientSearchIndex } from '../../renderer/db/searchIndex';

export interface BenchResult {
  count: number;
  insertSeconds: number;
  insertDocsPerSecond: number;
  indexSeconds: number;
  searchableAfterSeconds: number;
  queries: Record<string, { p50: number; p95: number; max: number; meanHits: number }>;
}

declare global {
  interface Window {
    benchResult?: BenchResult;
    benchError?: string;
  }
}

const log = (line: string) => {
  const el = document.getElementById('log');
  if (el) el.textContent += `${line}\n`;
  console.log(line);
};

function toDoc(r: SyntheticResident, at: string): PatientDoc {
  return {
    id: uuidv7(),
    orgId: 'bench-centre',
    sharedWith: [],
    createdBy: 'bench',
    createdAt: at,
    updatedAt: at,
    name: r.name,
    sex: r.sex,
    birthDate: r.birthDate,
    idType: r.idType,
    idNumber: r.idNumber,
    mobile: r.mobile,
    address: r.address,
    household: { number: '', relation: 'self' },
    allergies: r.allergies,
    tags: r.tags as PatientDoc['tags'],
    familyDoctor: '',
    history: [],
    collisions: [],
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

async function run(count: number, batch: number): Promise<BenchResult> {
  const db = await openDatabase({ name: `bench${Date.now()}` });
  const index = new PatientSearchIndex(db.patients);
  const residents = [...syntheticResidents(count, 20261123)];
  const at = new Date().toISOString();
  const docs = residents.map((r) => toDoc(r, at));

  const start = performance.now();
  for (let i = 0; i < docs.length; i += batch) {
    await db.patients.bulkInsert(docs.slice(i, i + batch));
    if ((i / batch) % 10 === 0) log(`inserted ${i + batch}`);
  }
  const inserted = performance.now();
  await index.catchUp();
  const indexed = performance.now();
  log(`index holds ${await index.count()}`);

  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = () => residents[Math.floor(random() * residents.length)] as SyntheticResident;
  const kinds: Record<string, () => string> = {
    namePrefix: () => pick().name.slice(0, 2),
    pinyinInitials: () => (pinyinInitials(pick().name)[0] ?? '').slice(0, 3),
    idLast6: () => pick().idNumber.slice(-6),
    mobileLast4: () => pick().mobile.slice(-4),
  };
  const queries: BenchResult['queries'] = {};
  for (const [kind, make] of Object.entries(kinds)) {
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < 200; i++) {
      const q = make();
      const t0 = performance.now();
      const found = await index.search(q, 50);
      const byId = await db.patients.findByIds(found.map((f) => f.id)).exec();
      times.push(performance.now() - t0);
      hits += byId.size;
    }
    times.sort((a, b) => a - b);
    queries[kind] = {
      p50: percentile(times, 0.5),
      p95: percentile(times, 0.95),
      max: times[times.length - 1] ?? 0,
      meanHits: hits / 200,
    };
    log(`${kind}: p50 ${queries[kind].p50.toFixed(1)} ms, p95 ${queries[kind].p95.toFixed(1)} ms`);
  }
  index.close();
  await db.remove();
  return {
    count,
    insertSeconds: (inserted - start) / 1000,
    insertDocsPerSecond: count / ((inserted - start) / 1000),
    indexSeconds: (indexed - inserted) / 1000,
    searchableAfterSeconds: (indexed - start) / 1000,
    queries,
  };
}

const params = new URLSearchParams(location.search);
run(Number(params.get('count') ?? 100_000), Number(params.get('batch') ?? 5000)).then(
  (result) => {
    window.benchResult = result;
  },
  (error: unknown) => {
    window.benchError = error instanceof Error ? `${error.message}\n${error.stack}` : String(error);
  },
);

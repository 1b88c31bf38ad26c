import 'fake-indexeddb/auto';
import { BehaviorSubject } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syntheticResidents } from '../../shared/demo/synthetic';
import type { ClinicDatabase } from './database';
import { openMemoryDatabase, registrar } from '../testing/memoryDb';
import { registerPatient, updatePatient } from '../features/patients/patientRepository';
import { PatientSearchIndex } from './searchIndex';
import { emptyAddress } from '../../shared/testing/patients';

const now = new Date('2026-11-23T09:00:00+08:00');

let db: ClinicDatabase;
let index: PatientSearchIndex;
beforeEach(async () => {
  db = await openMemoryDatabase();
  index = new PatientSearchIndex(db.patients);
});
afterEach(async () => {
  index.close();
  await db.remove();
});

async function add(name: string, idNumber: string, mobile: string) {
  const result = await registerPatient(
    db.patients,
    {
      name,
      sex: 'unknown',
      birthDate: '',
      idType: 'resident',
      idNumber,
      mobile,
      address: emptyAddress,
      household: { number: '', relation: 'self' },
      allergies: [],
      tags: [],
      familyDoctor: '',
    },
    registrar,
    { now },
  );
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.patient;
}

const names = async (query: string) => {
  const hits = await index.search(query);
  const docs = await db.patients.findByIds(hits.map((h) => h.id)).exec();
  return hits.map((h) => docs.get(h.id)?.name).sort();
};

describe('resident search index', () => {
  it('finds by name prefix, pinyin initials (every polyphonic reading), ID suffix and mobile suffix', async () => {
    await add('张三', '120101198001010012', '13812345678');
    await add('曾小明', '120104197506150031', '13912349876');
    await add('单田芳', '120102199202280044', '13500002468');
    expect(await names('张')).toEqual(['张三']);
    expect(await names('zs')).toEqual(['张三']);
    expect(await names('zxm')).toEqual(['曾小明']);
    expect(await names('cxm')).toEqual(['曾小明']);
    expect(await names('stf')).toEqual(['单田芳']);
    expect(await names('150031')).toEqual(['曾小明']);
    expect(await names('5678')).toEqual(['张三']);
    expect(await names('120101198001010012')).toEqual(['张三']);
    expect(await names('xyz')).toEqual([]);
  });

  it('follows edits: the old mobile no longer matches, the new one does', async () => {
    const p = await add('张三', '120101198001010012', '13812345678');
    await updatePatient(db.patients, p.id, { ...p, mobile: '13600001111' }, registrar, { now });
    expect(await names('5678')).toEqual([]);
    expect(await names('1111')).toEqual(['张三']);
  });

  it('lists residents with open collisions, and forgets them once settled', async () => {
    const p = await add('张三', '120101198001010012', '13812345678');
    await add('李四', '120105198003120210', '13700002468');
    expect(await index.withCollisions()).toEqual([]);
    await db.patients.findOne(p.id).incrementalPatch({
      collisions: [{ field: 'mobile', base: '"1"', values: ['"2"', '"3"'], detectedAt: now.toISOString() }],
    });
    await index.catchUp();
    expect(await index.withCollisions()).toEqual([p.id]);
    await db.patients.findOne(p.id).incrementalPatch({ collisions: [] });
    await index.catchUp();
    expect(await index.withCollisions()).toEqual([]);
  });

  it('holds still while a first sync runs, then indexes everything that arrived', async () => {
    await add('张三', '120101198001010012', '13812345678');
    await index.catchUp();
    const firstSync = new BehaviorSubject(true);
    const release = index.holdWhile(firstSync);
    expect(index.held$.value).toBe(true);
    await add('曾小明', '120104197506150031', '13912349876');
    await index.catchUp();
    // What was indexed before is found; what arrived during the first sync waits for its end.
    expect(await names('zs')).toEqual(['张三']);
    expect(await names('zxm')).toEqual([]);
    firstSync.next(false);
    expect(index.held$.value).toBe(false);
    expect(await names('zxm')).toEqual(['曾小明']);
    firstSync.next(true);
    release();
    expect(index.held$.value).toBe(false);
    await add('单田芳', '120102199202280044', '13500002468');
    expect(await names('stf')).toEqual(['单田芳']);
  });

  it('drops deleted residents', async () => {
    const p = await add('张三', '120101198001010012', '13812345678');
    await db.patients.findOne(p.id).remove();
    expect(await names('zs')).toEqual([]);
  });

  it('indexes documents written in bulk (as sync will) and resumes from its checkpoint', async () => {
    const at = now.toISOString();
    const docs = [...syntheticResidents(3000, 1)].map((r, i) => ({
      ...r,
      id: `p${String(i).padStart(5, '0')}`,
      orgId: 'org',
      sharedWith: [],
      createdBy: 'seed',
      createdAt: at,
      updatedAt: at,
      household: { number: '', relation: 'self' as const },
      tags: r.tags as never[],
      familyDoctor: '',
      history: [],
      collisions: [],
    }));
    await db.patients.bulkInsert(docs);
    await index.catchUp();
    expect(await index.count()).toBe(3000);
    index.close();
    // A new index object over the same tables continues where the last one stopped.
    index = new PatientSearchIndex(db.patients);
    await add('欧阳修', '120101198001010012', '13812345678');
    await index.catchUp();
    expect(await index.count()).toBe(3001);
    const target = docs[1234]!;
    const hits = await index.search(target.idNumber.slice(-8));
    expect(hits.map((h) => h.id)).toContain(target.id);
  });
});

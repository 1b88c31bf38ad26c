import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../testing/memoryDb';
import type { ClinicDatabase } from './database';
import { emptyAddress } from '../../shared/testing/patients';

let db: ClinicDatabase;
beforeEach(async () => {
  db = await openMemoryDatabase();
});
afterEach(async () => {
  await db.remove();
});

const valid = {
  id: '0190d9a0-0000-7000-8000-000000000001',
  orgId: 'org',
  sharedWith: [],
  createdBy: 'a',
  createdAt: '2026-11-23T00:00:00.000Z',
  updatedAt: '2026-11-23T00:00:00.000Z',
  name: '张三',
  sex: 'male' as const,
  birthDate: '1980-01-01',
  idType: 'resident' as const,
  idNumber: '120101198001010012',
  mobile: '',
  address: emptyAddress,
  household: { number: '', relation: 'self' as const },
  allergies: [],
  tags: [],
  familyDoctor: '',
  history: [],
  collisions: [],
};

describe('schema validation of every write', () => {
  it('accepts a document that matches the schema', async () => {
    await db.patients.insert(valid);
    expect(await db.patients.count().exec()).toBe(1);
  });

  it.each([
    ['an unknown sex', { sex: 'x' }],
    ['an unknown key-population tag', { tags: ['vip'] }],
    ['a field the schema does not know', { nickname: 'a' }],
    ['an over-long name', { name: '张'.repeat(51) }],
  ])('refuses %s, storing nothing', async (_label, override) => {
    await expect(db.patients.insert({ ...valid, ...override } as typeof valid)).rejects.toThrow();
    expect(await db.patients.count().exec()).toBe(0);
  });
});

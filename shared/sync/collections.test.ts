import { describe, expect, it } from 'vitest';
import type { PatientDoc } from '../patients/schema';
import { isSyncedCollection, syncedCollections } from './collections';
import { emptyAddress } from '../../shared/testing/patients';

const now = new Date('2026-11-23T10:00:00+08:00');
const doc: PatientDoc = {
  id: '0190d9a0-0000-7000-8000-000000000001',
  orgId: 'org-chc',
  sharedWith: [],
  createdBy: 'a',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  name: '张三',
  sex: 'male',
  birthDate: '1980-01-01',
  idType: 'resident',
  idNumber: '120101198001010012',
  mobile: '13812345678',
  address: emptyAddress,
  household: { number: '', relation: 'self' },
  allergies: [],
  tags: [],
  familyDoctor: '',
  history: [],
  collisions: [],
};

describe('pushed patients are checked with the desk’s own rules', () => {
  const { check } = syncedCollections.patients;
  it('accepts a valid, normalised record', () => {
    expect(check(doc, now)).toEqual([]);
  });
  it.each([
    [{ idNumber: '120101198001010013' }, 'idNumber', 'checksum'],
    [{ name: '<script>x</script>' }, 'name', 'nameCharacters'],
    [{ sex: 'female' as const }, 'sex', 'sexMismatch'],
    [{ mobile: '12345' }, 'mobile', 'mobileFormat'],
    [{ mobile: '138-1234-5678' }, 'mobile', 'notNormalised'],
  ])('reports %j as %s: %s', (override, field, code) => {
    expect(check({ ...doc, ...override }, now)).toContainEqual({ field, code });
  });
});

describe('collection registry', () => {
  it('knows the replicated collections and nothing else', () => {
    expect(isSyncedCollection('patients')).toBe(true);
    expect(isSyncedCollection('toString')).toBe(false);
    expect(isSyncedCollection('secrets')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { isSyncedCollection, syncedCollections } from './collections';
import { samplePatient } from '../testing/patients';

const now = new Date('2026-11-23T10:00:00+08:00');
const doc = samplePatient({ createdBy: 'a' });

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

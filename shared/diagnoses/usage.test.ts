import { describe, expect, it } from 'vitest';
import { DiagnosisUsageCounter, type UsageRecord } from './usage';

const record = (id: string, codes: string[], extra: Partial<UsageRecord> = {}): UsageRecord => ({
  id,
  status: 'signed',
  supersedes: null,
  diagnoses: codes.map((code) => ({ code })),
  ...extra,
});

describe('diagnosis usage counts', () => {
  it.each<[string, UsageRecord[], Record<string, number>]>([
    [
      'signed records, one count per record and code',
      [record('a', ['I10', 'E11.9', 'I10']), record('b', ['I10'])],
      { I10: 2, 'E11.9': 1 },
    ],
    ['drafts do not count', [record('a', ['I10'], { status: 'draft' })], {}],
    [
      'a draft signed later counts once',
      [record('a', ['I10'], { status: 'draft' }), record('a', ['I10'])],
      { I10: 1 },
    ],
    ['free-text diagnoses (no code) do not count', [record('a', [''])], {}],
    [
      'an amendment replaces what it supersedes',
      [record('a', ['J06.9']), record('b', ['J20.9'], { supersedes: 'a' })],
      { 'J20.9': 1 },
    ],
    [
      'an amendment arriving before its original',
      [record('b', ['J20.9'], { supersedes: 'a' }), record('a', ['J06.9'])],
      { 'J20.9': 1 },
    ],
    ['a deleted record stops counting', [record('a', ['I10']), record('a', ['I10'], { _deleted: true })], {}],
  ])('%s', (_, records, expected) => {
    const counter = new DiagnosisUsageCounter();
    for (const r of records) counter.apply(r);
    expect(Object.fromEntries(counter.snapshot())).toEqual(expected);
  });
});

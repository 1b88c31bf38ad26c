import { describe, expect, it } from 'vitest';
import { lockedChangeErrors, splitLockError, type LockError } from './lock';
import { recordHash, signRecord, type LockPolicy, type SignableRecord } from './signature';

interface Rx extends SignableRecord {
  drugs: { name: string; dose: number }[];
  prints: { at: string; by: string }[];
  voided: { at: string; reason: string } | null;
  updatedAt: string;
  _rev?: string;
  _deleted?: boolean;
}

const rxPolicy: LockPolicy = { appendOnly: { prints: 'append', voided: 'setOnce' } };
const signer = { by: 's1', byName: '李医生', at: '2026-01-01T09:00:00+08:00' };
const draft: Rx = {
  id: 'rx1',
  status: 'draft',
  signature: null,
  drugs: [{ name: '氨氯地平', dose: 5 }],
  prints: [],
  voided: null,
  updatedAt: '2026-01-01T08:00:00+08:00',
};
const signed = signRecord(draft, signer, rxPolicy);
const print1 = { at: '2026-01-01T09:05:00+08:00', by: 's2' };
const print2 = { at: '2026-01-01T09:10:00+08:00', by: 's2' };
const printed = { ...signed, prints: [print1] };
const voided = { ...signed, voided: { at: '2026-01-02T10:00:00+08:00', reason: '重复开具' } };

type Row = [name: string, previous: Rx | null | undefined, next: Rx | null, errors: LockError[]];

const rows: Row[] = [
  ['insert a draft', undefined, draft, []],
  ['edit a draft freely', draft, { ...draft, drugs: [] }, []],
  ['delete a draft', draft, null, []],
  ['delete a draft by tombstone', draft, { ...draft, _deleted: true }, []],
  ['draft with a signature', draft, { ...draft, signature: signed.signature }, ['signatureOnDraft']],
  ['sign a draft', draft, signed, []],
  ['insert an already signed record', null, signed, []],
  ['sign without a signature', draft, { ...draft, status: 'signed' }, ['signatureMissing']],
  ['sign with a stale hash', draft, { ...signed, drugs: [{ name: '氨氯地平', dose: 10 }] }, ['hashMismatch']],
  [
    'sign with a forged hash',
    draft,
    { ...signed, signature: { ...signer, hash: '0'.repeat(64) } },
    ['hashMismatch'],
  ],
  ['store the same signed record again', signed, { ...signed }, []],
  ['bookkeeping moves', signed, { ...signed, _rev: '2-x' }, []],
  ['key order differs', signed, Object.fromEntries(Object.entries(signed).reverse()) as Rx, []],
  ['change a locked field', signed, { ...signed, drugs: [] }, ['fieldChanged:drugs']],
  [
    'change updatedAt (not open for this policy)',
    signed,
    { ...signed, updatedAt: 'later' },
    ['fieldChanged:updatedAt'],
  ],
  [
    'change the signature',
    signed,
    { ...signed, signature: { ...signer, byName: '王医生', hash: 'x' } },
    ['fieldChanged:signature'],
  ],
  ['remove the signature', signed, { ...signed, signature: null }, ['fieldChanged:signature']],
  ['add a field', signed, { ...signed, extra: 1 } as Rx, ['fieldChanged:extra']],
  ['un-sign', signed, { ...signed, status: 'draft' }, ['unsign']],
  ['un-sign and edit', signed, { ...signed, status: 'draft', drugs: [] }, ['unsign', 'fieldChanged:drugs']],
  ['delete a signed record', signed, null, ['deleteSigned']],
  ['tombstone a signed record', signed, { ...signed, _deleted: true }, ['deleteSigned']],
  ['append a print', signed, printed, []],
  ['append another print', printed, { ...printed, prints: [print1, print2] }, []],
  ['drop a print', printed, { ...printed, prints: [] }, ['notAppended:prints']],
  ['rewrite a print', printed, { ...printed, prints: [print2] }, ['notAppended:prints']],
  [
    'reorder prints',
    { ...printed, prints: [print1, print2] },
    { ...printed, prints: [print2, print1] },
    ['notAppended:prints'],
  ],
  [
    'prints not a list',
    signed,
    { ...signed, prints: null as unknown as Rx['prints'] },
    ['notAppended:prints'],
  ],
  ['void once', signed, voided, []],
  [
    'void again with a new reason',
    voided,
    { ...voided, voided: { at: 'x', reason: 'y' } },
    ['alreadySet:voided'],
  ],
  ['un-void', voided, { ...voided, voided: null }, ['alreadySet:voided']],
  ['void and change a drug', signed, { ...voided, drugs: [] }, ['fieldChanged:drugs']],
  [
    'a record carrying a signature is locked even if its status says draft',
    { ...signed, status: 'draft' },
    { ...signed, status: 'draft', drugs: [] },
    ['unsign', 'fieldChanged:drugs'],
  ],
  ['a deleted signed record no longer locks', { ...signed, _deleted: true }, draft, []],
];

describe('lockedChangeErrors (prescription-like policy)', () => {
  it.each(rows)('%s', (_name, previous, next, errors) => {
    expect(lockedChangeErrors(previous, next, rxPolicy)).toEqual(errors);
  });
});

describe('lockedChangeErrors (sealed policy: nothing open)', () => {
  const sealed = signRecord(draft, signer);
  it.each<Row>([
    ['sign', draft, sealed, []],
    ['append a print', sealed, { ...sealed, prints: [print1] }, ['fieldChanged:prints']],
    ['void', sealed, { ...sealed, voided: { at: 'x', reason: 'y' } }, ['fieldChanged:voided']],
    [
      'several changes are all reported, sorted by field',
      sealed,
      { ...sealed, voided: { at: 'x', reason: 'y' }, drugs: [] },
      ['fieldChanged:drugs', 'fieldChanged:voided'],
    ],
  ])('%s', (_name, previous, next, errors) => {
    expect(lockedChangeErrors(previous, next)).toEqual(errors);
  });

  it('verifies against the hash of the policy it is given', () => {
    const signedOpen = signRecord(draft, signer, rxPolicy);
    expect(signedOpen.signature?.hash).not.toBe(recordHash(signedOpen));
    expect(lockedChangeErrors(draft, signedOpen)).toEqual(['hashMismatch']);
  });
});

describe('lockedChangeErrors (mutable bookkeeping)', () => {
  const policy: LockPolicy = { appendOnly: { updatedAt: 'mutable', prints: 'append' } };
  const s = signRecord(draft, signer, policy);
  it('lets updatedAt move with an appended print', () => {
    expect(lockedChangeErrors(s, { ...s, prints: [print1], updatedAt: print1.at }, policy)).toEqual([]);
  });
});

describe('splitLockError', () => {
  it.each([
    ['fieldChanged:vitals', { code: 'fieldChanged', field: 'vitals' }],
    ['unsign', { code: 'unsign', field: null }],
    ['notAppended:prints', { code: 'notAppended', field: 'prints' }],
  ] as const)('%s', (error, parts) => {
    expect(splitLockError(error)).toEqual(parts);
  });
});

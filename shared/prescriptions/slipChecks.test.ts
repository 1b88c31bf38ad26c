import { describe, expect, it } from 'vitest';
import { recordHash, signRecord } from '../clinical/signature';
import { syncedCollections } from '../sync/collections';
import { slipItem as item } from '../testing/prescriptions';
import { prescriptionLockPolicy, type PrescriptionDoc, type PrescriptionItem } from './schema';
import { signedSlipErrors } from './slipChecks';

const slip = (
  items: PrescriptionItem[],
  changes: Partial<Pick<PrescriptionDoc, 'type' | 'longReason'>> = {},
): Pick<PrescriptionDoc, 'items' | 'type' | 'longReason'> => ({
  items,
  type: 'ordinary',
  longReason: '',
  ...changes,
});
const codes = (doc: ReturnType<typeof slip>) => signedSlipErrors(doc).map((e) => `${e.field}:${e.code}`);
const confirmed = { reason: '难治性高血压', confirmedBy: 'doc-1', confirmedAt: '2026-11-23T09:30:00+08:00' };

describe('signedSlipErrors: what the platform checks on a slip signed under rules version 2', () => {
  it.each<[string, ReturnType<typeof slip>, string[]]>([
    ['an ordinary 7-day line', slip([item()]), []],
    [
      'a line without its classification',
      slip([item({ control: undefined })]),
      ['items.0.control:classificationRequired'],
    ],
    [
      'an off-formulary line without classification',
      slip([item({ offFormulary: true, antimicrobial: undefined })]),
      ['items.0.control:classificationRequired'],
    ],
    ['a narcotic line', slip([item({ control: 'narcotic' })]), ['items.0.control:specialSlipRequired']],
    [
      'a psychotropic I line',
      slip([item({ control: 'psychotropic1' })]),
      ['items.0.control:specialSlipRequired'],
    ],
    ['an antimicrobial for 7 days', slip([item({ antimicrobial: true })]), []],
    [
      'an antimicrobial for 8 days',
      slip([item({ antimicrobial: true, days: 8 })], { longReason: 'x' }),
      ['items.0.days:longPrescriptionExcluded'],
    ],
    [
      'a toxic drug for 8 days',
      slip([item({ control: 'toxic', days: 8 })], { longReason: 'x' }),
      ['items.0.days:longPrescriptionExcluded'],
    ],
    [
      'psychotropic II for 28 days with a reason',
      slip([item({ control: 'psychotropic2', days: 28 })], { type: 'psychotropic2', longReason: '焦虑' }),
      [],
    ],
    [
      'psychotropic II for 14 days without a reason',
      slip([item({ control: 'psychotropic2', days: 14 })], { type: 'psychotropic2' }),
      ['items.0.days:psychotropic2ReasonRequired'],
    ],
    [
      'psychotropic II for 29 days',
      slip([item({ control: 'psychotropic2', days: 29 })], { type: 'psychotropic2', longReason: 'x' }),
      ['items.0.days:psychotropic2DaysExceeded'],
    ],
    [
      'insulin for 28 days with a reason',
      slip([item({ specialStorage: true, days: 28 })], { longReason: '糖尿病' }),
      [],
    ],
    [
      'insulin for 29 days',
      slip([item({ specialStorage: true, days: 29 })], { longReason: '糖尿病' }),
      ['items.0.days:longPrescriptionStorageExcluded'],
    ],
    [
      'a plain drug for 14 days without a reason',
      slip([item({ days: 14 })]),
      ['items.0.days:longReasonRequired'],
    ],
    ['85 days', slip([item({ days: 85 })], { longReason: 'x' }), ['items.0.days:daysExceedMaximum']],
    [
      'an emergency slip of 4 days',
      slip([item({ days: 4 })], { type: 'emergency', longReason: 'x' }),
      ['items.0.days:emergencyDaysExceeded'],
    ],
    ['an over-dose with reason and confirmation', slip([item({ dose: 50, overdose: confirmed })]), []],
    [
      'an over-dose without reason',
      slip([item({ overdose: { ...confirmed, reason: ' ' } })]),
      ['items.0.overdose.reason:overdoseReasonRequired'],
    ],
    [
      'an over-dose without confirmation',
      slip([item({ overdose: { ...confirmed, confirmedAt: '' } })]),
      ['items.0.overdose.confirmedAt:overdoseConfirmationRequired'],
    ],
    [
      'an allergy override without reason',
      slip([item({ allergyOverride: { allergies: ['青霉素'], reason: '' } })]),
      ['items.0.allergyOverride.reason:allergyOverrideRequired'],
    ],
    [
      'an allergy override with reason',
      slip([item({ allergyOverride: { allergies: ['青霉素'], reason: '皮试阴性' } })]),
      [],
    ],
  ])('%s', (_name, doc, expected) => {
    expect(codes(doc)).toEqual(expected);
  });
});

describe('the platform check of the prescriptions collection', () => {
  const base: PrescriptionDoc = {
    id: 'rx-1',
    orgId: 'org-1',
    sharedWith: [],
    patientId: 'p-1',
    encounterId: 'e-1',
    groupId: 'g-1',
    slipIndex: 1,
    slipCount: 1,
    number: 'RX20261123-0001',
    type: 'ordinary',
    // A morphine line: what an older desk's off-formulary path let through.
    items: [
      item({
        drugCode: '',
        generic: { zh: '吗啡', en: '吗啡' },
        offFormulary: true,
        days: 84,
        quantity: 84,
        control: undefined,
        antimicrobial: undefined,
      }),
    ],
    days: 84,
    longReason: '慢性疼痛',
    longAcknowledged: true,
    diagnosis: '慢性疼痛',
    patient: { name: '王', sex: 'male', ageText: '66岁', feeCategory: 'selfPay' },
    department: '全科',
    doctorId: 'doc-1',
    doctorName: '张',
    status: 'draft',
    signature: null,
    voided: null,
    prints: [],
    createdAt: '2026-11-23T09:00:00+08:00',
    updatedAt: '2026-11-23T09:00:00+08:00',
  };
  const signer = { by: 'doc-1', byName: '张', at: '2026-11-23T09:30:00+08:00' };
  /** Signed as a desk before rules version 2 did it: no `rulesVersion` in the signed content. */
  const signedUnderVersion1 = (): PrescriptionDoc => {
    const signed = { ...base, status: 'signed' as const, signature: null, updatedAt: signer.at };
    return { ...signed, signature: { ...signer, hash: recordHash(signed, prescriptionLockPolicy) } };
  };
  const check = (doc: PrescriptionDoc) =>
    syncedCollections.prescriptions.check(doc).map((e) => `${e.field}:${e.code}`);

  it('a slip signed under the old rules still passes', () => {
    expect(check(signedUnderVersion1())).toEqual([]);
  });

  it('a slip signed under rules version 2 is checked from the slip alone', () => {
    const signed = signRecord(base, signer, prescriptionLockPolicy);
    expect(signed.rulesVersion).toBe(2);
    expect(check(signed)).toEqual(['items.0.control:classificationRequired']);
    const narcotic = signRecord(
      { ...base, items: [{ ...base.items[0]!, control: 'narcotic' as const, antimicrobial: false }] },
      signer,
      prescriptionLockPolicy,
    );
    expect(check(narcotic)).toEqual(['items.0.control:specialSlipRequired']);
  });

  it('a draft is not held to the signed-slip checks', () => {
    expect(check({ ...base, rulesVersion: 2 })).toEqual([]);
  });
});

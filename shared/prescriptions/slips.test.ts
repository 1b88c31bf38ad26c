import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSchema } from 'rxdb/plugins/dev-mode';
import { describe, expect, it } from 'vitest';
import { prescriptionDraft, prescriptionLine } from '../testing/prescriptions';
import ZSchema from 'z-schema';
import { indexFormulary, parseFormulary } from './formulary';
import type { PrescriptionItemDraft } from './items';
import { isPrescriptionNumber } from './prescriptionNumber';
import type { PrescriptionContext, PrescriptionDraft } from './rules';
import { prescriptionSchema, type PrescriptionDoc } from './schema';
import { buildSlips, splitIntoSlips, type SlipEnvironment, type SlipHeader } from './slips';
import type { ControlClass } from './vocabulary';

const formulary = indexFormulary(
  parseFormulary(
    JSON.parse(readFileSync(join(import.meta.dirname, '../../resources/formulary/formulary.json'), 'utf8')),
  ).drugs,
);
const validator = ZSchema.create({ strictMode: false });
const valid = (doc: unknown) =>
  validator.validateSafe(doc, prescriptionSchema as unknown as Parameters<typeof validator.validateSafe>[1])
    .valid;

describe('splitIntoSlips (at most 5 per slip, psychotropic II apart)', () => {
  const items = (pattern: string) =>
    [...pattern].map((c, i) => ({ id: i, control: (c === 'P' ? 'psychotropic2' : 'none') as ControlClass }));
  const shape = (pattern: string) =>
    splitIntoSlips(items(pattern)).map(
      (g) => `${g.psychotropic2 ? 'P' : 'o'}:${g.items.map((i) => i.id).join(',')}`,
    );

  it.each([
    ['', []],
    ['ooo', ['o:0,1,2']],
    ['ooooo', ['o:0,1,2,3,4']],
    ['oooooo', ['o:0,1,2,3,4', 'o:5']],
    ['oooooooooo', ['o:0,1,2,3,4', 'o:5,6,7,8,9']],
    ['ooooooooooo', ['o:0,1,2,3,4', 'o:5,6,7,8,9', 'o:10']],
    ['oooPP', ['o:0,1,2', 'P:3,4']],
    ['PoP', ['P:0,2', 'o:1']],
    ['PPPPPPP', ['P:0,1,2,3,4', 'P:5,6']],
    ['ooPoooo', ['o:0,1,3,4,5', 'P:2', 'o:6']],
  ])('%j → %j', (pattern, expected) => {
    expect(shape(pattern)).toEqual(expected);
  });

  it('keeps other controlled classes with the ordinary items', () => {
    const groups = splitIntoSlips([
      { control: 'toxic' },
      { control: 'precursor' },
      { control: 'none' },
    ] as const);
    expect(groups).toHaveLength(1);
  });
});

const issueDate = '2026-11-23';
const context = (birthDate = '1960-05-01', allergies: string[] = []): PrescriptionContext => ({
  formulary,
  patient: { birthDate, allergies },
  issueDate,
});
const line = (code: string, changes: Partial<PrescriptionItemDraft> = {}) =>
  prescriptionLine(formulary, code, changes);
const draft = prescriptionDraft;
const header: SlipHeader = {
  orgId: 'org-chc',
  sharedWith: [],
  patientId: 'p1',
  encounterId: 'e1',
  diagnosis: '原发性高血压；2型糖尿病',
  patient: { name: '王建国', sex: 'male', ageText: '66岁', feeCategory: 'residentInsurance' },
  department: '全科',
  doctorId: 'doc-1',
  doctorName: '李医生',
};
const env = (): SlipEnvironment => {
  let id = 0;
  return { now: '2026-11-23T09:30:00+08:00', newId: () => `id-${++id}`, random: Math.random };
};
const build = (d: PrescriptionDraft, c = context(), h = header) => buildSlips(d, c, h, env());
const slipsOf = (d: PrescriptionDraft, c = context(), h = header): PrescriptionDoc[] => {
  const result = build(d, c, h);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.slips;
};

const six = [
  'amlodipine-5mg-tab',
  'metformin-0-5g-tab',
  'atorvastatin-20mg-tab',
  'aspirin-ec-100mg-tab',
  'acarbose-50mg-tab',
  'omeprazole-20mg-cap',
].map((code) => line(code));

describe('buildSlips', () => {
  it('writes a 6-drug ordinary prescription on 2 slips (5 + 1) of one group', () => {
    const slips = slipsOf(draft(six));
    expect(slips.map((s) => s.items.length)).toEqual([5, 1]);
    expect(slips.map((s) => [s.slipIndex, s.slipCount])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(new Set(slips.map((s) => s.groupId)).size).toBe(1);
    expect(new Set(slips.map((s) => s.id)).size).toBe(2);
    expect(slips.every((s) => isPrescriptionNumber(s.number) && s.number.startsWith('RX20261123-'))).toBe(
      true,
    );
    expect(slips[1]!.items[0]!.drugCode).toBe('omeprazole-20mg-cap');
  });

  it('makes documents that the collection schema accepts, unsigned and unprinted', () => {
    for (const slip of slipsOf(draft(six))) {
      expect(valid(slip)).toBe(true);
      expect(slip).toMatchObject({
        status: 'draft',
        signature: null,
        voided: null,
        prints: [],
        createdAt: '2026-11-23T09:30:00+08:00',
        diagnosis: '原发性高血压；2型糖尿病',
        patient: header.patient,
      });
    }
  });

  it.each<[string, PrescriptionDraft, string, string[]]>([
    ['an adult', draft([line('amlodipine-5mg-tab')]), '1960-05-01', ['ordinary']],
    ['a child under 14', draft([line('montelukast-4mg-chew')]), '2018-03-01', ['paediatric']],
    [
      'an emergency',
      draft([line('amoxicillin-0-25g-cap', { days: 3 })], { emergency: true }),
      '1960-05-01',
      ['emergency'],
    ],
    [
      'an emergency child',
      draft([line('ibuprofen-suspension', { quantity: 1, days: 1 })], { emergency: true }),
      '2020-01-01',
      ['emergency'],
    ],
    [
      'psychotropic II on its own slip',
      draft([line('amlodipine-5mg-tab'), line('estazolam-1mg-tab'), line('metformin-0-5g-tab')]),
      '1960-05-01',
      ['ordinary', 'psychotropic2'],
    ],
  ])('types the slips of %s', (_name, d, birthDate, types) => {
    expect(slipsOf(d, context(birthDate)).map((s) => s.type)).toEqual(types);
  });

  it('puts the long reason and confirmation only on the slips that need them', () => {
    const slips = slipsOf(
      draft([line('amlodipine-5mg-tab', { days: 56 }), line('estazolam-1mg-tab', { days: 7 })], {
        longReason: ' 病情稳定 ',
        longAcknowledged: true,
      }),
    );
    expect(slips.map((s) => [s.type, s.days, s.longReason, s.longAcknowledged])).toEqual([
      ['ordinary', 56, '病情稳定', true],
      ['psychotropic2', 7, '', false],
    ]);
    expect(slips[0]!.items[0]!.quantity).toBe(56);
  });

  it('uses the longest line as the slip days', () => {
    const [slip] = slipsOf(
      draft([line('amlodipine-5mg-tab', { days: 28 }), line('amoxicillin-0-25g-cap', { days: 5 })], {
        longReason: '慢病长期处方',
      }),
    );
    expect(slip!.days).toBe(28);
  });

  it('copies the ID number only when given', () => {
    const withId = { ...header, patient: { ...header.patient, idNumber: '110105194912310029' } };
    expect(slipsOf(draft([line('amlodipine-5mg-tab')]), context(), withId)[0]!.patient.idNumber).toBe(
      '110105194912310029',
    );
    expect(slipsOf(draft([line('amlodipine-5mg-tab')]))[0]!.patient).not.toHaveProperty('idNumber');
  });

  it.each<[string, PrescriptionDraft, SlipHeader, string[]]>([
    [
      'no diagnosis',
      draft([line('amlodipine-5mg-tab')]),
      { ...header, diagnosis: ' ' },
      ['diagnosis:diagnosisRequired'],
    ],
    [
      'a long department name',
      draft([line('amlodipine-5mg-tab')]),
      { ...header, department: '科'.repeat(61) },
      ['department:tooLong'],
    ],
    [
      'a line error',
      draft([line('amlodipine-5mg-tab', { dose: 'two' })]),
      header,
      ['items.0.dose:doseNotNumeric'],
    ],
    ['a narcotic', draft([line('morphine-sr-30mg-tab')]), header, ['items.0.drugCode:specialSlipRequired']],
    ['nothing', draft([]), header, ['items:noItems']],
  ])('refuses to build with %s', (_name, d, h, expected) => {
    const result = build(d, context(), h);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => `${e.path}:${e.code}`)).toEqual(expected);
  });

  it('passes warnings along, and keeps the allergy override on the line', () => {
    const result = build(
      draft([line('amoxicillin-0-25g-cap', { allergyOverrideReason: '皮试阴性，既往用药无反应' })]),
      context('1960-05-01', ['青霉素']),
    );
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([{ itemIndex: 0, code: 'allergy', detail: '青霉素' }]);
    if (!result.ok) return;
    expect(result.slips[0]!.items[0]!.allergyOverride).toEqual({
      allergies: ['青霉素'],
      reason: '皮试阴性，既往用药无反应',
    });
  });

  it('refuses an allergy match without an override reason', () => {
    const result = build(draft([line('amoxicillin-0-25g-cap')]), context('1960-05-01', ['青霉素']));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { path: 'items.0.allergyOverrideReason', code: 'allergyOverrideRequired' },
    ]);
  });
});

describe('prescriptions collection schema', () => {
  it('is a valid RxDB schema', () => {
    expect(() => checkSchema(structuredClone(prescriptionSchema) as never)).not.toThrow();
  });

  const [slip] = slipsOf(draft([line('amlodipine-5mg-tab')]));
  const signed: PrescriptionDoc = {
    ...slip!,
    status: 'signed',
    signature: { by: 'doc-1', byName: '李医生', at: '2026-11-23T09:31:00+08:00', hash: 'a'.repeat(64) },
    prints: [
      { at: '2026-11-23T09:32:00+08:00', by: 'doc-1', copy: false, pageSize: 'A5', target: 'printer' },
    ],
    voided: { at: '2026-11-23T10:00:00+08:00', by: 'doc-1', byName: '李医生', reason: '重复开具' },
  };

  it.each<[string, unknown, boolean]>([
    ['a draft slip', slip, true],
    ['a signed, printed and voided slip', signed, true],
    ['six lines on one slip', { ...slip, items: Array(6).fill(slip!.items[0]) }, false],
    ['no lines', { ...slip, items: [] }, false],
    ['an unknown field', { ...slip, price: 12 }, false],
    ['an unknown field in a line', { ...slip, items: [{ ...slip!.items[0], price: 1 }] }, false],
    ['a fractional quantity', { ...slip, items: [{ ...slip!.items[0], quantity: 1.5 }] }, false],
    ['an unknown frequency', { ...slip, items: [{ ...slip!.items[0], frequency: 'daily' }] }, false],
    ['narcotic type', { ...slip, type: 'narcotic' }, false],
    ['a missing signature field', (({ signature: _s, ...rest }) => rest)(slip!), false],
    ['a print to an unknown target', { ...slip, prints: [{ ...signed.prints[0], target: 'fax' }] }, false],
  ])('%s → %s', (_name, doc, expected) => {
    expect(valid(doc)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { clinicalRulesVersion } from '../clinical/signature';
import { samplePatient } from '../testing/patients';
import { newEncounterDraft } from './draft';
import {
  defaultVisitType,
  prefillFromPatient,
  rulesVersionOf,
  validateEncounterDraft,
  validateForSigning,
  type EncounterFieldError,
} from './rules';
import type { EncounterDiagnosis, EncounterDoc } from './schema';

const patient = samplePatient({ allergies: ['青霉素'], tags: ['hypertension', 'elderly', 'diabetes'] });
const at = '2026-03-01T09:00:00+08:00';
const blank = newEncounterDraft({
  id: 'e1',
  orgId: 'org-chc',
  patient,
  previous: [],
  appointmentId: null,
  doctor: { id: 'doc-1', name: '李医生' },
  department: '全科',
  at,
});
const hypertension: EncounterDiagnosis = {
  code: 'I10',
  name: { zh: '原发性高血压', en: 'Essential (primary) hypertension' },
  freeText: false,
  primary: true,
};
const diabetes: EncounterDiagnosis = {
  code: 'E11.9',
  name: { zh: '2型糖尿病', en: 'Type 2 diabetes mellitus' },
  freeText: false,
  primary: false,
};
const complete: EncounterDoc = {
  ...blank,
  chiefComplaint: '头晕3天',
  presentHistory: '3天前无明显诱因出现头晕，无胸痛',
  physicalExam: '神清，心肺听诊无异常，双下肢无水肿',
  vitals: { ...blank.vitals, systolic: 152, diastolic: 94 },
  diagnoses: [hypertension, diabetes],
  plan: '调整降压药，一周后复诊',
};
const e = (over: Partial<EncounterDoc>): EncounterDoc => ({ ...complete, ...over });
const err = (field: string, code: EncounterFieldError['code']): EncounterFieldError => ({ field, code });

describe('validateEncounterDraft', () => {
  it.each<[string, EncounterDoc, EncounterFieldError[]]>([
    ['a blank draft', blank, []],
    ['a complete record', complete, []],
    ['chief complaint over 200', e({ chiefComplaint: '痛'.repeat(201) }), [err('chiefComplaint', 'tooLong')]],
    ['present history at its limit', e({ presentHistory: 'x'.repeat(4000) }), []],
    [
      'present history over 4000',
      e({ presentHistory: 'x'.repeat(4001) }),
      [err('presentHistory', 'tooLong')],
    ],
    [
      'plan and advice too long',
      e({ plan: 'x'.repeat(2001), advice: 'x'.repeat(2001) }),
      [err('plan', 'tooLong'), err('advice', 'tooLong')],
    ],
    ['amend reason too long', e({ amendReason: 'x'.repeat(501) }), [err('amendReason', 'tooLong')]],
    ['an allergy too long', e({ allergies: ['青霉素', 'x'.repeat(61)] }), [err('allergies.1', 'tooLong')]],
    [
      'too many allergies',
      e({ allergies: Array.from({ length: 31 }, (_, i) => `a${i}`) }),
      [err('allergies', 'tooMany')],
    ],
    [
      'implausible vitals',
      e({ vitals: { ...blank.vitals, systolic: 90, diastolic: 95, temperature: 98 } }),
      [err('vitals.temperature', 'outOfRange'), err('vitals.diastolic', 'notBelowSystolic')],
    ],
    [
      'a malformed code',
      e({ diagnoses: [{ ...hypertension, code: 'I1O' }] }),
      [err('diagnoses.0.code', 'codeFormat')],
    ],
    [
      'a lower-case code',
      e({ diagnoses: [{ ...hypertension, code: 'i10' }] }),
      [err('diagnoses.0.code', 'codeFormat')],
    ],
    [
      'a coded diagnosis without a code',
      e({ diagnoses: [{ ...hypertension, code: '' }] }),
      [err('diagnoses.0.code', 'codeFormat')],
    ],
    ['a 临床版 code', e({ diagnoses: [{ ...hypertension, code: 'I10.x00x002' }] }), []],
    [
      'the same code twice',
      e({ diagnoses: [hypertension, { ...hypertension, primary: false }] }),
      [err('diagnoses.1.code', 'duplicate')],
    ],
    [
      'a free-text diagnosis',
      e({
        diagnoses: [
          hypertension,
          { code: '', name: { zh: '头晕待查', en: '' }, freeText: true, primary: false },
        ],
      }),
      [],
    ],
    [
      'free text carrying a code',
      e({ diagnoses: [{ ...hypertension, freeText: true }] }),
      [err('diagnoses.0.code', 'freeTextCode')],
    ],
    [
      'a diagnosis without a name',
      e({ diagnoses: [{ ...hypertension, name: { zh: ' ', en: '' } }] }),
      [err('diagnoses.0.name', 'required')],
    ],
    [
      'a name too long',
      e({ diagnoses: [{ ...hypertension, name: { zh: 'x'.repeat(201), en: '' } }] }),
      [err('diagnoses.0.name', 'tooLong')],
    ],
    [
      'too many diagnoses',
      e({
        diagnoses: Array.from({ length: 21 }, (_, i) => ({
          ...diabetes,
          code: `E11.${i % 10}${Math.floor(i / 10)}`,
        })),
      }),
      [err('diagnoses', 'tooMany')],
    ],
    ['no primary is fine in a draft', e({ diagnoses: [diabetes] }), []],
  ])('%s', (_name, doc, errors) => {
    expect(validateEncounterDraft(doc)).toEqual(errors);
  });
});

describe('validateForSigning under the current rules', () => {
  it.each<[string, EncounterDoc, EncounterFieldError[]]>([
    ['a complete first visit', complete, []],
    [
      'a blank first visit names everything missing',
      blank,
      [
        err('chiefComplaint', 'required'),
        err('presentHistory', 'required'),
        err('physicalExam', 'required'),
        err('diagnoses', 'required'),
        err('plan', 'required'),
      ],
    ],
    [
      'a blank follow-up needs complaint, diagnosis and plan only',
      { ...blank, visitType: 'followUp' },
      [err('chiefComplaint', 'required'), err('diagnoses', 'required'), err('plan', 'required')],
    ],
    [
      'a follow-up without history or examination',
      e({ visitType: 'followUp', presentHistory: '', physicalExam: '' }),
      [],
    ],
    [
      'a first visit without physical examination',
      e({ physicalExam: '  ' }),
      [err('physicalExam', 'required')],
    ],
    ['a first visit without present history', e({ presentHistory: '' }), [err('presentHistory', 'required')]],
    ['a first visit without a plan', e({ plan: '\n' }), [err('plan', 'required')]],
    ['a follow-up without a plan', e({ visitType: 'followUp', plan: '' }), [err('plan', 'required')]],
    [
      'vitals alone are not a physical examination',
      e({ physicalExam: undefined }),
      [err('physicalExam', 'required')],
    ],
    ['a chief complaint of spaces', e({ chiefComplaint: '   ' }), [err('chiefComplaint', 'required')]],
    ['no primary diagnosis', e({ diagnoses: [diabetes] }), [err('diagnoses', 'primaryMissing')]],
    [
      'two primary diagnoses',
      e({ diagnoses: [hypertension, { ...diabetes, primary: true }] }),
      [err('diagnoses', 'primaryMultiple')],
    ],
    [
      'implausible vitals',
      e({ vitals: { ...blank.vitals, heartRate: 300 } }),
      [err('vitals.heartRate', 'outOfRange')],
    ],
    [
      'an amendment without a reason',
      e({ revisionNo: 2, amendReason: ' ' }),
      [err('amendReason', 'required')],
    ],
    ['an amendment with a reason', e({ revisionNo: 2, amendReason: '补录血糖' }), []],
    [
      'draft problems come first',
      e({ chiefComplaint: '', advice: 'x'.repeat(2001) }),
      [err('advice', 'tooLong'), err('chiefComplaint', 'required')],
    ],
    [
      'physical examination over its limit',
      e({ physicalExam: 'x'.repeat(4001) }),
      [err('physicalExam', 'tooLong')],
    ],
  ])('%s', (_name, doc, errors) => {
    expect(validateForSigning(doc, clinicalRulesVersion)).toEqual(errors);
  });
});

describe('validateForSigning under the rules a record was signed with', () => {
  // A record an older desk signed before version 2: no rulesVersion, no physical examination, no
  // present history, no plan. It must still pass on the platform after the upgrade.
  const { physicalExam: _p, auxiliaryExams: _a, rulesVersion: _r, ...old } = complete;
  const version1: EncounterDoc = { ...old, presentHistory: '', plan: '' };
  it.each<[string, EncounterDoc, number, EncounterFieldError[]]>([
    ['a version-1 first visit without examination, history or plan', version1, 1, []],
    [
      'the same record under version 2',
      version1,
      2,
      [err('presentHistory', 'required'), err('physicalExam', 'required'), err('plan', 'required')],
    ],
    [
      'version 1 still needs a chief complaint',
      { ...version1, chiefComplaint: '' },
      1,
      [err('chiefComplaint', 'required')],
    ],
    ['version 1 still needs a diagnosis', { ...version1, diagnoses: [] }, 1, [err('diagnoses', 'required')]],
    ['version 1 follow-up', { ...version1, visitType: 'followUp' }, 1, []],
    [
      'version 2 follow-up without a plan',
      { ...version1, visitType: 'followUp' },
      2,
      [err('plan', 'required')],
    ],
  ])('%s (rules %s)', (_name, doc, version, errors) => {
    expect(validateForSigning(doc, version)).toEqual(errors);
  });

  it('reads the version from the record, 1 when it has none', () => {
    expect(rulesVersionOf(version1)).toBe(1);
    expect(rulesVersionOf(blank)).toBe(clinicalRulesVersion);
    expect(validateForSigning(version1, rulesVersionOf(version1))).toEqual([]);
  });
});

const signedAt = (over: Partial<EncounterDoc>, when: string): EncounterDoc =>
  e({ status: 'signed', signature: { by: 'doc-1', byName: '李医生', at: when, hash: 'h' }, ...over });

describe('prefillFromPatient', () => {
  it('takes allergies and chronic conditions from the resident record', () => {
    expect(prefillFromPatient(patient)).toEqual({
      allergies: ['青霉素'],
      pastHistory: '',
      conditions: ['hypertension', 'diabetes'],
    });
  });

  it('takes past history from the latest signed encounter of this patient', () => {
    const previous = [
      signedAt({ pastHistory: '高血压10年' }, '2026-01-05T09:00:00+08:00'),
      signedAt({ pastHistory: '高血压10年，糖尿病5年' }, '2026-02-05T01:00:00Z'),
      // Earlier in absolute time than the one above although its text sorts later.
      signedAt({ pastHistory: '较早' }, '2026-02-05T08:30:00+08:00'),
      e({ pastHistory: '草稿不算', status: 'draft' }),
      signedAt({ pastHistory: '别人的', patientId: 'someone-else' }, '2026-03-01T00:00:00Z'),
    ];
    expect(prefillFromPatient(patient, previous).pastHistory).toBe('高血压10年，糖尿病5年');
  });

  it('copies the allergy list', () => {
    const prefill = prefillFromPatient(patient);
    prefill.allergies.push('x');
    expect(patient.allergies).toEqual(['青霉素']);
  });
});

describe('defaultVisitType', () => {
  it.each<[string, Pick<EncounterDoc, 'orgId' | 'status'>[], string]>([
    ['never seen', [], 'first'],
    ['only a draft here', [{ orgId: 'org-chc', status: 'draft' }], 'first'],
    ['signed elsewhere only', [{ orgId: 'org-hosp', status: 'signed' }], 'first'],
    [
      'signed here',
      [
        { orgId: 'org-hosp', status: 'signed' },
        { orgId: 'org-chc', status: 'signed' },
      ],
      'followUp',
    ],
  ])('%s → %s', (_name, previous, type) => {
    expect(defaultVisitType(previous, 'org-chc')).toBe(type);
  });
});

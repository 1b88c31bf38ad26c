import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import zhCommon from '../../../shared/i18n/locales/zh-CN/common.json';
import zh from '../../../shared/i18n/locales/zh-CN/encounters.json';
import enCommon from '../../../shared/i18n/locales/en/common.json';
import enEncounters from '../../../shared/i18n/locales/en/encounters.json';
import { diffRevisions } from '../../../shared/clinical/revisions';
import { encounterContentFields, type EncounterDoc } from '../../../shared/encounters/schema';
import { emptyVitals } from '../../../shared/encounters/vitals';
import { chartRecords } from './chartRecords';
import { errorLine, fieldLabel, missingFieldsText, valueText } from './display';

let t: TFunction<'encounters'>;
beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: 'zh-CN',
    ns: ['encounters', 'common'],
    defaultNS: 'encounters',
    resources: { 'zh-CN': { encounters: zh, common: zhCommon } },
  });
  t = i18n.getFixedT('zh-CN', 'encounters');
});

const doc = (overrides: Partial<EncounterDoc>): EncounterDoc => ({
  id: 'e1',
  recordId: 'e1',
  revisionNo: 1,
  supersedes: null,
  amendReason: '',
  orgId: 'org',
  sharedWith: [],
  patientId: 'p1',
  appointmentId: null,
  doctorId: 'd1',
  doctorName: '李医生',
  department: '',
  visitType: 'first',
  chiefComplaint: '',
  presentHistory: '',
  pastHistory: '',
  allergies: [],
  vitals: { ...emptyVitals },
  diagnoses: [],
  plan: '',
  advice: '',
  status: 'signed',
  signature: null,
  createdBy: 'd1',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

describe('encounter display', () => {
  it('labels error paths and words the codes', () => {
    expect(fieldLabel('vitals.systolic', t)).toBe('收缩压');
    expect(fieldLabel('diagnoses.1.code', t)).toBe('诊断 2');
    expect(errorLine({ field: 'chiefComplaint', code: 'required' }, t)).toBe('主诉：必填');
  });

  it('names the fields missing for signing by their labels', () => {
    expect(
      missingFieldsText(
        [
          { field: 'chiefComplaint', code: 'required' },
          { field: 'physicalExam', code: 'required' },
          { field: 'vitals.systolic', code: 'outOfRange' },
          { field: 'diagnoses', code: 'required' },
          { field: 'plan', code: 'required' },
        ],
        t,
      ),
    ).toBe('主诉、体格检查、诊断、处理');
    expect(missingFieldsText([], t)).toBe('');
  });

  it('formats revision differences readably, vitals per measurement', () => {
    const older = doc({ vitals: { ...emptyVitals, systolic: 150 } });
    const newer = doc({
      visitType: 'followUp',
      vitals: { ...emptyVitals, systolic: 135 },
      diagnoses: [{ code: 'I10', name: { zh: '原发性高血压', en: 'HT' }, freeText: false, primary: true }],
    });
    const lines = diffRevisions(older, newer, encounterContentFields).map(
      (c) =>
        `${fieldLabel(c.field, t)}: ${valueText(c.field, c.before, 'zh-CN', t)} → ${valueText(c.field, c.after, 'zh-CN', t)}`,
    );
    expect(lines).toEqual([
      '初诊/复诊: 初诊 → 复诊',
      '收缩压: 150 mmHg → 135 mmHg',
      '诊断: （空） → I10 原发性高血压（主要诊断）',
    ]);
  });
});

describe('encounter display in English', () => {
  let en: TFunction<'encounters'>;
  beforeAll(async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      lng: 'en',
      ns: ['encounters', 'common'],
      defaultNS: 'encounters',
      resources: { en: { encounters: enEncounters, common: enCommon } },
    });
    en = i18n.getFixedT('en', 'encounters');
  });

  it('puts half-width punctuation between the words code joins', () => {
    expect(errorLine({ field: 'chiefComplaint', code: 'required' }, en)).toBe('Chief complaint: Required');
    const diagnoses = [
      {
        code: 'I10',
        name: { zh: '原发性高血压', en: 'Essential hypertension' },
        freeText: false,
        primary: true,
      },
      { code: 'E11.9', name: { zh: '2型糖尿病', en: 'Type 2 diabetes' }, freeText: false, primary: false },
    ];
    expect(valueText('diagnoses', diagnoses, 'en', en)).toBe(
      'I10 Essential hypertension (Primary diagnosis); E11.9 Type 2 diabetes',
    );
    expect(valueText('allergies', ['penicillin', 'sulfonamides'], 'en', en)).toBe('penicillin, sulfonamides');
  });
});

describe('chart records', () => {
  it('shows each record once at its current revision, newest visit first', () => {
    const records = chartRecords([
      doc({ id: 'a', recordId: 'a', createdAt: '2026-01-01T00:00:00.000Z' }),
      doc({ id: 'b', recordId: 'b', createdAt: '2026-02-01T00:00:00.000Z' }),
      doc({ id: 'a2', recordId: 'a', revisionNo: 2, supersedes: 'a', createdAt: '2026-03-01T00:00:00.000Z' }),
    ]);
    expect(records.map((r) => [r.recordId, r.latest.id, r.chain.map((c) => c.id)])).toEqual([
      ['b', 'b', ['b']],
      ['a', 'a2', ['a', 'a2']],
    ]);
  });
});

describe('chart records: signed revisions first', () => {
  const sig = (at: string) => ({ by: 'd1', byName: '李医生', at, hash: 'h' });
  const visit = '2026-01-01T01:00:00.000Z';

  it('keeps showing the signed visit while an amendment is a draft, with a marker', () => {
    const [record] = chartRecords([
      doc({ id: 'a', recordId: 'a', createdAt: visit, signature: sig('2026-01-01T01:30:00.000Z') }),
      doc({
        id: 'a2',
        recordId: 'a',
        revisionNo: 2,
        supersedes: 'a',
        status: 'draft',
        createdAt: '2026-01-05T00:00:00.000Z',
        visitAt: visit,
      }),
    ]);
    expect([record!.latest.id, record!.pendingAmendment, record!.seenAt, record!.late]).toEqual([
      'a',
      true,
      visit,
      null,
    ]);
  });

  it('shows a never-signed draft as it is, and marks 补签 after 24 h', () => {
    const records = chartRecords([
      doc({ id: 'd', recordId: 'd', status: 'draft', createdAt: '2026-02-01T00:00:00.000Z' }),
      doc({ id: 'l', recordId: 'l', createdAt: visit, signature: sig('2026-01-02T01:00:01.000Z') }),
    ]);
    expect(records.map((r) => [r.latest.id, r.pendingAmendment, r.late])).toEqual([
      ['d', false, null],
      ['l', false, { visitAt: visit, signedAt: '2026-01-02T01:00:01.000Z' }],
    ]);
  });
});

import { checkSchema } from 'rxdb/plugins/dev-mode';
import { describe, expect, it } from 'vitest';
import ZSchema from 'z-schema';
import { lockedChangeErrors } from '../clinical/lock';
import { diffRevisions, nextRevision } from '../clinical/revisions';
import { hasValidSignature, signRecord } from '../clinical/signature';
import { samplePatient } from '../testing/patients';
import { newEncounterDraft } from './draft';
import { encounterContentFields, encounterLockPolicy, encounterSchema, type EncounterDoc } from './schema';

const validator = ZSchema.create({ strictMode: false });
const valid = (doc: unknown) =>
  validator.validateSafe(doc, encounterSchema as unknown as Parameters<typeof validator.validateSafe>[1])
    .valid;

const patient = samplePatient({ allergies: ['磺胺类'] });
const at = '2026-03-01T09:00:00+08:00';
const input = {
  id: 'e1',
  orgId: 'org-chc',
  patient,
  previous: [] as EncounterDoc[],
  appointmentId: 'apt-1',
  doctor: { id: 'doc-1', name: '李医生' },
  department: '全科',
  at,
};
const draft = newEncounterDraft(input);
const filled: EncounterDoc = {
  ...draft,
  chiefComplaint: '头晕3天',
  vitals: { ...draft.vitals, systolic: 152, diastolic: 94, weight: 70, height: 170 },
  diagnoses: [
    {
      code: 'I10',
      name: { zh: '原发性高血压', en: 'Essential hypertension' },
      freeText: false,
      primary: true,
    },
  ],
};
const signer = { by: 'doc-1', byName: '李医生', at: '2026-03-01T09:20:00+08:00' };

describe('encounter schema', () => {
  it('is a schema RxDB accepts', () => {
    expect(() => checkSchema(structuredClone(encounterSchema) as never)).not.toThrow();
  });

  it('accepts drafts, signed records and amendments', () => {
    const signed = signRecord(filled, signer, encounterLockPolicy);
    expect(valid(draft)).toBe(true);
    expect(valid(filled)).toBe(true);
    expect(valid(signed)).toBe(true);
    expect(valid(nextRevision(signed, { id: 'e2', by: 'doc-1', at, reason: '补录' }))).toBe(true);
  });

  it.each<[string, Record<string, unknown>]>([
    ['an unknown field', { ...filled, secret: 1 }],
    ['a missing field', { ...filled, advice: undefined }],
    ['a bad visit type', { ...filled, visitType: 'online' }],
    ['a bad status', { ...filled, status: 'archived' }],
    ['revision 0', { ...filled, revisionNo: 0 }],
    ['a fractional revision', { ...filled, revisionNo: 1.5 }],
    ['a vital as text', { ...filled, vitals: { ...filled.vitals, systolic: '150' } }],
    ['an unknown vital', { ...filled, vitals: { ...filled.vitals, respiratoryRate: 18 } }],
    ['a bad glucose kind', { ...filled, vitals: { ...filled.vitals, glucoseKind: 'hba1c' } }],
    [
      'a diagnosis without a name',
      { ...filled, diagnoses: [{ code: 'I10', freeText: false, primary: true }] },
    ],
    ['a chief complaint over its limit', { ...filled, chiefComplaint: 'x'.repeat(201) }],
    ['a signature without a hash', { ...filled, signature: { by: 'a', byName: 'b', at } }],
  ])('refuses %s', (_name, doc) => {
    expect(valid(doc)).toBe(false);
  });
});

describe('newEncounterDraft', () => {
  it('starts revision 1 of a new record, pre-filled', () => {
    expect(draft).toMatchObject({
      id: 'e1',
      recordId: 'e1',
      revisionNo: 1,
      supersedes: null,
      amendReason: '',
      patientId: patient.id,
      appointmentId: 'apt-1',
      doctorId: 'doc-1',
      doctorName: '李医生',
      visitType: 'first',
      allergies: ['磺胺类'],
      status: 'draft',
      signature: null,
      createdBy: 'doc-1',
      createdAt: at,
      updatedAt: at,
    });
  });

  it('is a follow-up after a signed encounter of the same patient here', () => {
    const signed = signRecord(filled, signer);
    const other = { ...signed, patientId: 'someone-else' };
    expect(newEncounterDraft({ ...input, id: 'e2', previous: [signed] }).visitType).toBe('followUp');
    expect(newEncounterDraft({ ...input, id: 'e2', previous: [other] }).visitType).toBe('first');
  });
});

describe('an encounter through signing and amendment', () => {
  const signed = signRecord(filled, signer, encounterLockPolicy);

  it('locks once signed', () => {
    expect(lockedChangeErrors(filled, signed, encounterLockPolicy)).toEqual([]);
    expect(hasValidSignature(signed, encounterLockPolicy)).toBe(true);
    const edited = { ...signed, vitals: { ...signed.vitals, systolic: 140 } };
    expect(lockedChangeErrors(signed, edited, encounterLockPolicy)).toEqual(['fieldChanged:vitals']);
    expect(lockedChangeErrors(signed, { ...signed, updatedAt: 'later' }, encounterLockPolicy)).toEqual([
      'fieldChanged:updatedAt',
    ]);
  });

  it('is corrected by a new revision, and the change is listed per field', () => {
    const amendment = nextRevision(signed, {
      id: 'e2',
      by: 'doc-1',
      at: '2026-03-02T08:00:00+08:00',
      reason: '血压录入错误',
    });
    const corrected = { ...amendment, vitals: { ...amendment.vitals, systolic: 142 } };
    expect(lockedChangeErrors(undefined, corrected, encounterLockPolicy)).toEqual([]);
    expect(diffRevisions(signed, corrected, encounterContentFields)).toEqual([
      { field: 'vitals.systolic', before: 152, after: 142 },
    ]);
    const signedAgain = signRecord(corrected, signer, encounterLockPolicy);
    expect(lockedChangeErrors(corrected, signedAgain, encounterLockPolicy)).toEqual([]);
    expect(signedAgain.signature?.hash).not.toBe(signed.signature?.hash);
  });
});

/**
 * A signed clinical record cannot be changed through the database API, whatever code writes it:
 * only superseded (encounters) or, on a slip, printed and voided.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signRecord } from '../../shared/clinical/signature';
import { newEncounterDraft } from '../../shared/encounters/draft';
import { encounterLockPolicy, type EncounterDoc } from '../../shared/encounters/schema';
import { samplePatient } from '../../shared/testing/patients';
import type { Operator } from '../app/operator';
import { formulary } from '../clinical/formulary';
import { createSlips, signGroup } from '../features/prescriptions/prescriptionRepository';
import { prescriptionDraft, prescriptionLine } from '../../shared/testing/prescriptions';
import { openMemoryDatabase } from '../testing/memoryDb';
import type { ClinicDatabase } from './database';

const at = '2026-11-23T02:00:00.000Z';
const doctor: Operator = { id: 'doc-1', name: '李医生', role: 'doctor', orgId: 'org-chc-1' };

let db: ClinicDatabase;
beforeEach(async () => {
  db = await openMemoryDatabase(['encounters', 'prescriptions', 'auditEvents']);
});
afterEach(async () => {
  await db.remove();
});

function signedEncounter(): EncounterDoc {
  const draft = newEncounterDraft({
    id: '0190d9a0-0000-7000-8000-0000000e0101',
    orgId: doctor.orgId,
    patient: samplePatient(),
    previous: [],
    appointmentId: null,
    doctor,
    department: '全科',
    at,
  });
  const filled = {
    ...draft,
    chiefComplaint: '头晕三天',
    diagnoses: [
      { code: 'I10', name: { zh: '原发性高血压', en: 'Hypertension' }, freeText: false, primary: true },
    ],
  };
  return signRecord(filled, { by: doctor.id, byName: doctor.name, at }, encounterLockPolicy);
}

describe('a signed encounter in the local database', () => {
  it('refuses every change and deletion', async () => {
    const doc = await db.encounters.insert(signedEncounter());
    await expect(doc.incrementalPatch({ plan: '改过的计划' })).rejects.toThrow();
    await expect(doc.incrementalPatch({ status: 'draft', signature: null })).rejects.toThrow();
    await expect(doc.incrementalRemove()).rejects.toThrow();
    const stored = await db.encounters.findOne(doc.id).exec();
    expect(stored?.plan).toBe('');
    expect(stored?.status).toBe('signed');
  });

  it('lets a draft change freely', async () => {
    const { status: _status, signature: _signature, ...content } = signedEncounter();
    const doc = await db.encounters.insert({ ...content, status: 'draft', signature: null });
    await doc.incrementalPatch({ plan: '复诊' });
    expect((await db.encounters.findOne(doc.id).exec())?.plan).toBe('复诊');
  });
});

describe('a signed prescription slip in the local database', () => {
  async function signedSlip() {
    const result = await createSlips(
      db,
      {
        id: 'enc-1',
        sharedWith: [],
        patientId: 'patient-1',
        department: '全科',
        status: 'signed',
        diagnoses: [
          { code: 'I10', name: { zh: '原发性高血压', en: 'Hypertension' }, freeText: false, primary: true },
        ],
      } as unknown as EncounterDoc,
      { ...samplePatient({ id: 'patient-1', birthDate: '1970-05-01' }), allergies: [] },
      prescriptionDraft([prescriptionLine(formulary(), 'amlodipine-5mg-tab')]),
      doctor,
      { formulary: formulary(), issueDate: '2026-11-23', ageText: '56岁', language: 'zh-CN' },
    );
    if (!result.ok) throw new Error(result.reason);
    await signGroup(db, result.groupId, doctor);
    return (await db.prescriptions.findOne(result.slips[0]!.id).exec())!;
  }

  it('refuses changes to what the signature covers, but records prints and one void', async () => {
    const slip = await signedSlip();
    await expect(slip.incrementalPatch({ days: 14 })).rejects.toThrow();
    const print = { at, by: doctor.id, copy: false, pageSize: 'A5', target: 'browser' as const };
    const printed = await slip.incrementalPatch({ prints: [print], updatedAt: at });
    await expect(printed.incrementalPatch({ prints: [] })).rejects.toThrow();
    const voided = await printed.incrementalPatch({
      voided: { at, by: doctor.id, byName: doctor.name, reason: '剂量开错' },
    });
    await expect(
      voided.incrementalPatch({ voided: { at, by: doctor.id, byName: doctor.name, reason: '改理由' } }),
    ).rejects.toThrow();
    const stored = (await db.prescriptions.findOne(slip.id).exec())!;
    expect(stored.days).toBe(7);
    expect(stored.prints).toHaveLength(1);
    expect(stored.voided?.reason).toBe('剂量开错');
  });
});

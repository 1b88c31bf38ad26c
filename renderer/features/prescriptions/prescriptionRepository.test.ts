import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasValidSignature } from '../../../shared/clinical/signature';
import type { EncounterDoc } from '../../../shared/encounters/schema';
import type { PatientDoc } from '../../../shared/patients/schema';
import type { PrescriptionDraft } from '../../../shared/prescriptions/rules';
import { prescriptionLockPolicy } from '../../../shared/prescriptions/schema';
import type { PrescriptionItemDraft } from '../../../shared/prescriptions/items';
import { prescriptionDraft } from '../../../shared/testing/prescriptions';
import type { Operator } from '../../app/operator';
import { formulary } from '../../clinical/formulary';
import type { ClinicDatabase } from '../../db/database';
import { openMemoryDatabase, registrar } from '../../testing/memoryDb';
import {
  createSlips,
  diagnosisText,
  findGroup,
  recordExport,
  recordPrint,
  signGroup,
  voidSlip,
  type CreateSlipsEnvironment,
} from './prescriptionRepository';

const now = new Date('2026-11-23T09:00:00+08:00');
const doctor: Operator = { id: 'doc-1', name: '李医生', role: 'doctor', orgId: 'org-chc-1' };
const otherDoctor: Operator = { id: 'doc-2', name: '赵医生', role: 'doctor', orgId: 'org-chc-1' };

const patient = {
  id: 'patient-1',
  name: '张三',
  sex: 'male',
  birthDate: '1970-05-01',
  idNumber: '120101197005010013',
  allergies: ['青霉素'],
} as unknown as PatientDoc;

const encounter = (status: 'draft' | 'signed' = 'signed') =>
  ({
    id: 'enc-1',
    sharedWith: [],
    patientId: patient.id,
    department: '全科',
    status,
    diagnoses: [
      { code: 'E11', name: { zh: '2型糖尿病', en: 'Type 2 diabetes' }, freeText: false, primary: false },
      { code: 'I10', name: { zh: '原发性高血压', en: 'Hypertension' }, freeText: false, primary: true },
    ],
  }) as unknown as EncounterDoc;

const env: CreateSlipsEnvironment = {
  formulary: formulary(),
  issueDate: '2026-11-23',
  ageText: '56岁',
  language: 'zh-CN',
  now,
};

const item = (overrides: Partial<PrescriptionItemDraft> = {}): PrescriptionItemDraft => ({
  drugCode: 'amlodipine-5mg-tab',
  dose: '5',
  doseUnit: 'mg',
  route: 'po',
  frequency: 'qd',
  days: 7,
  ...overrides,
});

const draft = prescriptionDraft;

/** Six different ordinary formulary drugs. */
const sixDrugs = () =>
  [...formulary().values()]
    .filter((d) => d.control === 'none' && d.doseUnit === 'mg' && !d.antimicrobial)
    .slice(0, 6)
    .map((d) =>
      item({
        drugCode: d.code,
        dose: String(d.defaultDose),
        route: d.defaultRoute,
        frequency: d.defaultFrequency,
      }),
    );

let db: ClinicDatabase;
beforeEach(async () => {
  db = await openMemoryDatabase(['prescriptions', 'auditEvents']);
});
afterEach(async () => {
  await db.remove();
});

const actions = async () => (await db.auditEvents.find().exec()).map((e) => e.action);

async function created(items = [item()]) {
  const result = await createSlips(db, encounter(), patient, draft(items), doctor, env);
  if (!result.ok) throw new Error(result.reason);
  return result;
}

describe('creating slips', () => {
  it('saves draft slips with the primary diagnosis first and audits them', async () => {
    const result = await created();
    expect(result.slips).toHaveLength(1);
    const [slip] = await findGroup(db, result.groupId);
    expect(slip).toMatchObject({ status: 'draft', type: 'ordinary', doctorId: 'doc-1', days: 7 });
    expect(slip!.diagnosis).toBe('原发性高血压；2型糖尿病');
    expect(slip!.items[0]).toMatchObject({ quantity: 7, unit: 'tablet' });
    expect(await actions()).toEqual(['prescription.create']);
  });

  it('splits six drugs into slips of five and one', async () => {
    const result = await created(sixDrugs());
    const slips = await findGroup(db, result.groupId);
    expect(slips.map((s) => [s.slipIndex, s.slipCount, s.items.length])).toEqual([
      [1, 2, 5],
      [2, 2, 1],
    ]);
  });

  it('saves nothing for a non-numeric dose, an unreasoned long supply or an unconfirmed off-formulary drug', async () => {
    for (const bad of [
      draft([item({ dose: 'five' })]),
      draft([item({ days: 30 })]),
      draft([item({ drugCode: 'no-such-drug' })]),
    ]) {
      const result = await createSlips(db, encounter(), patient, bad, doctor, env);
      expect(result.ok).toBe(false);
      if (!result.ok && result.reason === 'invalid') expect(result.errors.length).toBeGreaterThan(0);
    }
    const codes = async (d: PrescriptionDraft) => {
      const r = await createSlips(db, encounter(), patient, d, doctor, env);
      return !r.ok && r.reason === 'invalid' ? r.errors.map((e) => e.code) : [];
    };
    expect(await codes(draft([item({ dose: 'five' })]))).toContain('doseNotNumeric');
    expect(await codes(draft([item({ days: 30 })]))).toEqual(
      expect.arrayContaining(['longReasonRequired', 'longAcknowledgementRequired']),
    );
    expect(await codes(draft([item({ drugCode: 'no-such-drug' })]))).toContain('notInFormulary');
    expect(await db.prescriptions.count().exec()).toBe(0);
    expect(await actions()).toEqual([]);
  });

  it('refuses an unsigned encounter and a non-doctor', async () => {
    expect(await createSlips(db, encounter('draft'), patient, draft([item()]), doctor, env)).toEqual({
      ok: false,
      reason: 'encounterNotSigned',
    });
    expect(await createSlips(db, encounter(), patient, draft([item()]), registrar, env)).toEqual({
      ok: false,
      reason: 'forbidden',
    });
  });

  it('writes the diagnosis in English when the slips print in English', () => {
    expect(diagnosisText(encounter(), 'en')).toBe('Hypertension; Type 2 diabetes');
  });
});

describe('signing, printing and voiding', () => {
  it('signs every draft slip of the group, by its own doctor only', async () => {
    const { groupId } = await created(sixDrugs());
    expect(await signGroup(db, groupId, otherDoctor, now)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await signGroup(db, groupId, doctor, now)).toEqual({ ok: true, signed: 2 });
    const slips = await findGroup(db, groupId);
    expect(slips.every((s) => s.status === 'signed' && hasValidSignature(s, prescriptionLockPolicy))).toBe(
      true,
    );
    expect(await signGroup(db, groupId, doctor, now)).toEqual({ ok: false, reason: 'nothingToSign' });
  });

  it('records prints, marking reprints as copies, and only for signed slips', async () => {
    const { groupId, slips } = await created();
    const ids = slips.map((s) => s.id);
    expect(await recordPrint(db, ids, doctor, { pageSize: 'A5', target: 'printer' }, now)).toEqual({
      ok: false,
      reason: 'notSigned',
    });
    await signGroup(db, groupId, doctor, now);
    await recordPrint(db, ids, doctor, { pageSize: 'A5', target: 'printer' }, now);
    await recordPrint(db, ids, doctor, { pageSize: 'A4', target: 'browser' }, now);
    const [slip] = await findGroup(db, groupId);
    expect(slip!.prints.map((p) => [p.copy, p.pageSize, p.target])).toEqual([
      [false, 'A5', 'printer'],
      [true, 'A4', 'browser'],
    ]);
    expect(hasValidSignature(slip!, prescriptionLockPolicy)).toBe(true);
    expect((await actions()).filter((a) => a === 'prescription.print')).toHaveLength(2);
  });

  it('records a PDF export as an audited export that leaves the slip unprinted', async () => {
    const { groupId, slips } = await created();
    const ids = slips.map((s) => s.id);
    expect(await recordExport(db, ids, doctor, { pageSize: 'A5', confirmed: true }, now)).toEqual({
      ok: false,
      reason: 'notSigned',
    });
    await signGroup(db, groupId, doctor, now);
    expect(await recordExport(db, ids, doctor, { pageSize: 'A5', confirmed: false }, now)).toEqual({
      ok: true,
      recorded: 1,
    });
    expect((await findGroup(db, groupId))[0]!.prints).toEqual([]);
    const exported = (await db.auditEvents.find().exec()).filter((e) => e.action === 'prescription.export');
    expect(exported.map((e) => [e.recordId, e.details])).toEqual([
      [ids[0], { format: 'pdf', pageSize: 'A5', confirmed: false }],
    ]);
    // The first print after the export is the original.
    await recordPrint(db, ids, doctor, { pageSize: 'A5', target: 'browser' }, now);
    expect((await findGroup(db, groupId))[0]!.prints.map((p) => p.copy)).toEqual([false]);
  });

  it('voids a slip once, with a reason, by its doctor', async () => {
    const { slips } = await created();
    const id = slips[0]!.id;
    expect(await voidSlip(db, id, '  ', doctor, now)).toEqual({ ok: false, reason: 'reasonRequired' });
    expect(await voidSlip(db, id, '开错', otherDoctor, now)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await voidSlip(db, id, '开错药品', doctor, now)).toEqual({ ok: true });
    expect(await voidSlip(db, id, '再次', doctor, now)).toEqual({ ok: false, reason: 'alreadyVoided' });
    const doc = await db.prescriptions.findOne(id).exec();
    expect(doc?.voided).toMatchObject({ by: 'doc-1', reason: '开错药品' });
    expect(await actions()).toContain('prescription.void');
  });
});

describe('prescribing safety on the slips', () => {
  it('copies the outpatient number, stores override reasons and audits them at signing', async () => {
    const withNumber = { ...patient, outpatientNo: 'MZ2026000123' } as PatientDoc;
    const confirmation = { by: doctor.id, at: '2026-11-23T09:05:00+08:00' };
    const result = await createSlips(
      db,
      encounter(),
      withNumber,
      draft([
        item({
          dose: '50',
          overdoseReason: '难治性高血压，已请示上级医师',
          overdoseConfirmation: confirmation,
        }),
        item({
          drugCode: 'amoxicillin-0-25g-cap',
          dose: '0.5',
          doseUnit: 'g',
          frequency: 'tid',
          allergyOverrideReason: '青霉素皮试阴性',
        }),
      ]),
      doctor,
      env,
    );
    if (!result.ok) throw new Error(result.reason);
    const [slip] = await findGroup(db, result.groupId);
    expect(slip!.patient.outpatientNo).toBe('MZ2026000123');
    expect(slip!.rulesVersion).toBe(2);
    expect(slip!.items[0]!.overdose).toEqual({
      reason: '难治性高血压，已请示上级医师',
      confirmedBy: doctor.id,
      confirmedAt: confirmation.at,
    });
    expect(slip!.items[1]!.allergyOverride).toEqual({ allergies: ['青霉素'], reason: '青霉素皮试阴性' });
    expect(await actions()).toEqual(['prescription.create']);

    await signGroup(db, result.groupId, doctor, now);
    const events = (await db.auditEvents.find().exec()).map((e) => e.toJSON());
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['prescription.sign', 'prescription.allergyOverride', 'prescription.overdose']),
    );
    expect(events.find((e) => e.action === 'prescription.allergyOverride')?.details).toMatchObject({
      line: 2,
      allergies: '青霉素',
      reason: '青霉素皮试阴性',
    });
  });

  it('leaves the outpatient number out when the resident has none yet', async () => {
    const { groupId } = await created();
    const [slip] = await findGroup(db, groupId);
    expect(slip!.patient).not.toHaveProperty('outpatientNo');
  });
});

import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clinicalRulesVersion, hasValidSignature } from '../../../shared/clinical/signature';
import { encounterLockPolicy, type EncounterDoc } from '../../../shared/encounters/schema';
import type { Operator } from '../../app/operator';
import type { ClinicDatabase } from '../../db/database';
import { openMemoryDatabase, registrar } from '../../testing/memoryDb';
import {
  amendEncounter,
  discardDraft,
  saveDraft,
  signEncounter,
  startEncounter,
  type EncounterEdit,
} from './encounterRepository';

const now = new Date('2026-11-23T09:00:00+08:00');
const later = new Date('2026-11-23T09:20:00+08:00');
const doctor: Operator = { id: 'doc-1', name: '李医生', role: 'doctor', orgId: 'org-chc-1' };
const otherDoctor: Operator = { id: 'doc-2', name: '赵医生', role: 'doctor', orgId: 'org-chc-1' };
const patient = { id: 'patient-1', allergies: ['青霉素'], tags: ['hypertension' as const] };

let db: ClinicDatabase;
beforeEach(async () => {
  db = await openMemoryDatabase(['encounters', 'appointments', 'auditEvents', 'observations']);
});
afterEach(async () => {
  await db.remove();
});

const actions = async () => (await db.auditEvents.find().exec()).map((e) => e.action);

/** Today's walk-in `appt-1` of the patient, in consultation and not yet linked to a record. */
const queueWalkIn = () =>
  db.appointments.insert({
    id: 'appt-1',
    orgId: 'org-chc-1',
    sharedWith: [],
    patientId: patient.id,
    patientName: '张三',
    date: '2026-11-23',
    time: null,
    kind: 'walkIn',
    doctorId: null,
    department: '全科',
    status: 'inConsultation',
    ticket: 'W001',
    arrivedAt: null,
    calledAt: null,
    doneAt: null,
    encounterId: null,
    createdBy: 'staff-1',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  });

async function start(operator = doctor, appointmentId: string | null = null, at = now) {
  const result = await startEncounter(db, patient, operator, { appointmentId, department: '全科', now: at });
  if (!result.ok) throw new Error(result.reason);
  return result.encounter;
}

const complete = (doc: EncounterDoc): EncounterEdit => ({
  ...doc,
  chiefComplaint: '头晕3天',
  presentHistory: '3天前起头晕，无胸痛',
  physicalExam: '神清，心肺无异常',
  plan: '调整降压药',
  vitals: { ...doc.vitals, systolic: 150, diastolic: 95 },
  diagnoses: [
    { code: 'I10', name: { zh: '原发性高血压', en: 'Hypertension' }, freeText: false, primary: true },
  ],
});

async function signedRecord() {
  const draft = await start();
  await saveDraft(db, draft.id, complete(draft), doctor, now);
  const signed = await signEncounter(db, draft.id, doctor, later);
  if (!signed.ok) throw new Error(signed.reason);
  return signed.encounter;
}

describe('starting a consultation', () => {
  it('creates a prefilled draft, audits it and links the appointment', async () => {
    await queueWalkIn();
    const draft = await start(doctor, 'appt-1');
    expect(draft).toMatchObject({
      status: 'draft',
      revisionNo: 1,
      recordId: draft.id,
      doctorId: 'doc-1',
      allergies: ['青霉素'],
      visitType: 'first',
      appointmentId: 'appt-1',
    });
    expect((await db.appointments.findOne('appt-1').exec())?.encounterId).toBe(draft.id);
    expect(await actions()).toEqual(['encounter.create']);
    // Opening the same appointment again reuses the open draft.
    const again = await start(doctor, 'appt-1');
    expect(again.id).toBe(draft.id);
    expect(await db.encounters.count().exec()).toBe(1);
  });

  it('marks a follow-up once the patient has a signed record here, and refuses non-doctors', async () => {
    await signedRecord();
    expect((await start()).visitType).toBe('followUp');
    expect(
      await startEncounter(db, patient, registrar, { appointmentId: null, department: '', now }),
    ).toEqual({ ok: false, reason: 'forbidden' });
  });
});

describe('saving a draft', () => {
  it('saves the typing into the doctor’s own draft only', async () => {
    const draft = await start();
    const edit = { ...draft, chiefComplaint: '咳嗽' };
    expect((await saveDraft(db, draft.id, edit, doctor, later)).ok).toBe(true);
    expect((await db.encounters.findOne(draft.id).exec())?.chiefComplaint).toBe('咳嗽');

    const other = await saveDraft(db, draft.id, { ...draft, chiefComplaint: '改' }, otherDoctor, later);
    expect(other).toEqual({ ok: false, reason: 'notAuthor' });
    expect((await db.encounters.findOne(draft.id).exec())?.chiefComplaint).toBe('咳嗽');
  });

  it('refuses implausible content and signed records, saving nothing', async () => {
    const draft = await start();
    const bad = await saveDraft(
      db,
      draft.id,
      { ...draft, vitals: { ...draft.vitals, systolic: 1400 } },
      doctor,
      later,
    );
    expect(bad).toMatchObject({ ok: false, reason: 'invalid', errors: [{ field: 'vitals.systolic' }] });
    const signed = await signedRecord();
    expect(await saveDraft(db, signed.id, { ...signed, plan: 'x' }, doctor, later)).toEqual({
      ok: false,
      reason: 'signed',
    });
    expect((await db.encounters.findOne(signed.id).exec())?.plan).toBe('调整降压药');
  });
});

describe('signing', () => {
  it('lists what is missing and signs nothing', async () => {
    const draft = await start();
    const result = await signEncounter(db, draft.id, doctor, later);
    expect(result).toMatchObject({ ok: false, reason: 'invalid' });
    expect(result.ok === false && result.reason === 'invalid' && result.errors.map((e) => e.field)).toEqual([
      'chiefComplaint',
      'presentHistory',
      'physicalExam',
      'diagnoses',
      'plan',
    ]);
    expect((await db.encounters.findOne(draft.id).exec())?.status).toBe('draft');
  });

  it('locks a complete draft with a valid signature, by its doctor only', async () => {
    const draft = await start();
    await saveDraft(db, draft.id, complete(draft), doctor, now);
    expect(await signEncounter(db, draft.id, otherDoctor, later)).toEqual({ ok: false, reason: 'notAuthor' });
    const result = await signEncounter(db, draft.id, doctor, later);
    expect(result.ok).toBe(true);
    const stored = (await db.encounters.findOne(draft.id).exec())!.toJSON() as EncounterDoc;
    expect(stored.signature).toMatchObject({ by: 'doc-1', byName: '李医生', at: later.toISOString() });
    expect(stored.rulesVersion).toBe(clinicalRulesVersion);
    expect(hasValidSignature(stored, encounterLockPolicy)).toBe(true);
    expect(await actions()).toEqual(['encounter.create', 'encounter.sign']);
  });
});

describe('amending', () => {
  it('requires a reason and a signed record', async () => {
    const draft = await start(otherDoctor);
    expect(await amendEncounter(db, draft.id, '写错了', doctor, later)).toEqual({
      ok: false,
      reason: 'notSigned',
    });
    const signed = await signedRecord();
    expect(await amendEncounter(db, signed.id, '  ', doctor, later)).toEqual({
      ok: false,
      reason: 'reasonRequired',
    });
    expect(await db.encounters.count().exec()).toBe(2);
  });

  it('by a second doctor: an addendum in their name that keeps the author and the visit time', async () => {
    const signed = await signedRecord();
    const amendAt = new Date('2026-11-25T14:00:00+08:00');
    const result = await amendEncounter(db, signed.id, '血压记录有误', otherDoctor, amendAt);
    if (!result.ok) throw new Error(result.reason);
    expect(result.encounter).toMatchObject({
      recordId: signed.recordId,
      revisionNo: 2,
      supersedes: signed.id,
      amendReason: '血压记录有误',
      status: 'draft',
      signature: null,
      doctorId: 'doc-1',
      doctorName: '李医生',
      amendedBy: 'doc-2',
      amendedByName: '赵医生',
      visitAt: now.toISOString(),
      createdAt: amendAt.toISOString(),
      chiefComplaint: '头晕3天',
    });
    expect((await actions()).at(-1)).toBe('encounter.amend');
    // The first doctor cannot edit or open a second amendment while it is pending.
    expect(await saveDraft(db, result.encounter.id, result.encounter, doctor, later)).toEqual({
      ok: false,
      reason: 'notAuthor',
    });
    expect(await amendEncounter(db, signed.id, '再改', doctor, later)).toEqual({
      ok: false,
      reason: 'amendmentPending',
    });
    // The amending doctor gets the same draft back.
    const again = await amendEncounter(db, signed.id, '再改', otherDoctor, later);
    expect(again.ok && again.encounter.id).toBe(result.encounter.id);

    expect(await signEncounter(db, result.encounter.id, doctor, later)).toEqual({
      ok: false,
      reason: 'notAuthor',
    });
    const amended = await signEncounter(db, result.encounter.id, otherDoctor, later);
    expect(amended.ok).toBe(true);
    expect(amended.ok && [amended.encounter.doctorId, amended.encounter.signature?.by]).toEqual([
      'doc-1',
      'doc-2',
    ]);
    expect(await amendEncounter(db, signed.id, '再改', doctor, later)).toEqual({
      ok: false,
      reason: 'superseded',
    });
  });
});

describe('amending one’s own record', () => {
  it('keeps the visit time and carries no addendum marks', async () => {
    const signed = await signedRecord();
    const amendAt = new Date('2026-11-24T10:00:00+08:00');
    const result = await amendEncounter(db, signed.id, '补充查体', doctor, amendAt);
    if (!result.ok) throw new Error(result.reason);
    expect(result.encounter).toMatchObject({
      doctorId: 'doc-1',
      visitAt: now.toISOString(),
      createdAt: amendAt.toISOString(),
    });
    expect(result.encounter).not.toHaveProperty('amendedBy');
  });
});

describe('discarding a draft', () => {
  it('deletes a never-signed revision 1, audited, and unlinks its queue entry', async () => {
    await queueWalkIn();
    const draft = await start(doctor, 'appt-1');
    expect(await discardDraft(db, draft.id, otherDoctor, later)).toEqual({ ok: false, reason: 'notAuthor' });
    expect((await discardDraft(db, draft.id, doctor, later)).ok).toBe(true);
    expect(await db.encounters.count().exec()).toBe(0);
    expect((await db.appointments.findOne('appt-1').exec())?.encounterId).toBeNull();
    const events = await db.auditEvents.find().exec();
    expect(events.map((e) => [e.action, e.recordId])).toEqual([
      ['encounter.create', draft.id],
      ['encounter.discard', draft.id],
    ]);
    expect(await discardDraft(db, draft.id, doctor, later)).toEqual({ ok: false, reason: 'notFound' });
  });

  it('refuses a signed record; an amendment draft goes and the signed revision stays', async () => {
    const signed = await signedRecord();
    expect(await discardDraft(db, signed.id, doctor, later)).toEqual({ ok: false, reason: 'signed' });
    const amendment = await amendEncounter(db, signed.id, '补充', otherDoctor, later);
    if (!amendment.ok) throw new Error(amendment.reason);
    // Only the doctor writing the addendum may discard it, not the record's author.
    expect(await discardDraft(db, amendment.encounter.id, doctor, later)).toEqual({
      ok: false,
      reason: 'notAuthor',
    });
    expect((await discardDraft(db, amendment.encounter.id, otherDoctor, later)).ok).toBe(true);
    const left = (await db.encounters.find().exec()).map((d) => d.toJSON() as EncounterDoc);
    expect(left).toHaveLength(1);
    expect(left[0]).toEqual(signed);
    expect(hasValidSignature(left[0]!, encounterLockPolicy)).toBe(true);
    // The author may amend again now.
    expect((await amendEncounter(db, signed.id, '再改', doctor, later)).ok).toBe(true);
  });
});

describe('新建门诊病历 twice', () => {
  it('reopens today’s unsigned draft of this doctor instead of piling up new ones', async () => {
    const first = await start();
    const again = await startEncounter(db, patient, doctor, {
      appointmentId: null,
      department: '',
      now: later,
    });
    expect(again).toMatchObject({ ok: true, created: false, encounter: { id: first.id } });
    expect(await db.encounters.count().exec()).toBe(1);
    // Another doctor gets their own draft.
    expect((await start(otherDoctor)).id).not.toBe(first.id);
    // The next day is another visit.
    const tomorrow = await start(doctor, null, new Date('2026-11-24T09:00:00+08:00'));
    expect(tomorrow.id).not.toBe(first.id);
    expect(await db.encounters.count().exec()).toBe(3);
  });

  it('starts a new draft once today’s draft is signed', async () => {
    const signed = await signedRecord();
    const next = await startEncounter(db, patient, doctor, {
      appointmentId: null,
      department: '',
      now: later,
    });
    expect(next.ok && next.created && next.encounter.id !== signed.id).toBe(true);
  });
});

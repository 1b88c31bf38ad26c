import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EnrolmentFields, TransplantPlanFields } from '../../../shared/carePlans/schema';
import { consentGiven, currentConsent } from '../../../shared/carePlans/consent';
import { sampleTransplantPlan } from '../../../shared/testing/carePlans';
import type { Operator } from '../../app/operator';
import type { ClinicDatabase } from '../../db/database';
import { openMemoryDatabase } from '../../testing/memoryDb';
import {
  enrolResident,
  leaveEnrolment,
  moveDueDate,
  patientCarePlans,
  correctTransplantCentre,
  recordConsent,
  saveTransplantPlan,
} from './carePlanRepository';

const doctor: Operator = { id: 'doc-1', name: '张建国', role: 'doctor', orgId: 'org-chc-1' };
const colleague: Operator = { id: 'doc-2', name: '刘芳', role: 'doctor', orgId: 'org-chc-1' };
const nurse: Operator = { id: 'nurse-1', name: '李秀梅', role: 'nurse', orgId: 'org-chc-1' };
const specialist: Operator = { id: 'spec-1', name: '王海', role: 'specialist', orgId: 'org-hosp-1' };
const patientId = 'patient-1';
const now = new Date('2026-12-07T09:00:00+08:00');
const later = new Date('2026-12-20T09:00:00+08:00');

const hypertension: EnrolmentFields = {
  programme: 'hypertension',
  enrolledOn: '2026-12-07',
  status: 'active',
  leftOn: null,
  leftReason: null,
  leftNote: '',
  lmp: null,
  dueDate: null,
  transplantOrgId: null,
  transplantDate: null,
  consents: [],
  scheduleEdits: [],
};

let db: ClinicDatabase;
beforeEach(async () => {
  db = await openMemoryDatabase(['carePlans', 'auditEvents']);
});
afterEach(async () => {
  await db.remove();
});

const enrolled = async (fields: EnrolmentFields = hypertension) => {
  const result = await enrolResident(db, doctor, patientId, fields, now);
  if (!result.ok) throw new Error(result.reason);
  return result.carePlan;
};

describe('enrolling a resident', () => {
  it('stores an active enrolment of the centre in the doctor’s name, audited', async () => {
    const enrolment = await enrolled();
    expect(enrolment).toMatchObject({
      kind: 'enrolment',
      orgId: 'org-chc-1',
      patientId,
      createdBy: 'doc-1',
      createdByName: '张建国',
      enrolment: { programme: 'hypertension', status: 'active', enrolledOn: '2026-12-07' },
    });
    expect(await patientCarePlans(db, patientId)).toHaveLength(1);
    const events = (await db.auditEvents.find().exec()).map((e) => e.toJSON());
    expect(events).toEqual([
      expect.objectContaining({
        action: 'carePlan.create',
        recordId: enrolment.id,
        details: { kind: 'enrolment' },
      }),
    ]);
  });

  it('refuses a nurse and a specialist, and an enrolment the rules refuse, storing nothing', async () => {
    expect(await enrolResident(db, nurse, patientId, hypertension, now)).toEqual({
      ok: false,
      reason: 'forbidden',
    });
    expect(await enrolResident(db, specialist, patientId, hypertension, now)).toEqual({
      ok: false,
      reason: 'forbidden',
    });
    const pregnancy = await enrolResident(
      db,
      doctor,
      patientId,
      { ...hypertension, programme: 'pregnancy' },
      now,
    );
    expect(pregnancy).toEqual({
      ok: false,
      reason: 'invalid',
      errors: [{ field: 'enrolment.lmp', code: 'required' }],
    });
    expect(await patientCarePlans(db, patientId)).toEqual([]);
  });

  it('records the consent to share in the doctor’s name; a withdrawal and a renewal are appended, never erasing who consented', async () => {
    const transplant = await enrolled({
      ...hypertension,
      programme: 'transplant',
      transplantOrgId: 'org-hosp-1',
      transplantDate: '2026-09-01',
      consents: [{ action: 'given', at: '', by: '', byName: '', note: ' 本人签字 ' }],
    });
    const first = { action: 'given', at: now.toISOString(), by: 'doc-1', byName: '张建国', note: '本人签字' };
    expect(transplant.enrolment!.consents).toEqual([first]);
    expect(currentConsent(transplant.enrolment)).toEqual(first);
    // A withdrawal needs its reason.
    expect(await recordConsent(db, colleague, transplant.id, 'withdrawn', ' ', later)).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
    const withdrawn = await recordConsent(db, colleague, transplant.id, 'withdrawn', '本人要求停止', later);
    if (!withdrawn.ok) throw new Error(withdrawn.reason);
    const withdrawal = {
      action: 'withdrawn',
      at: later.toISOString(),
      by: 'doc-2',
      byName: '刘芳',
      note: '本人要求停止',
    };
    expect(withdrawn.carePlan.enrolment!.consents).toEqual([first, withdrawal]);
    expect(currentConsent(withdrawn.carePlan.enrolment)).toBeNull();
    expect(await recordConsent(db, colleague, transplant.id, 'withdrawn', '再撤', later)).toEqual({
      ok: false,
      reason: 'unchanged',
    });
    const again = await recordConsent(db, doctor, transplant.id, 'given', '', later);
    expect(again.ok && again.carePlan.enrolment!.consents).toEqual([
      first,
      withdrawal,
      { action: 'given', at: later.toISOString(), by: 'doc-1', byName: '张建国', note: '' },
    ]);
    expect(again.ok && consentGiven(again.carePlan.enrolment)).toBe(true);
  });

  it('reads an enrolment stored with the earlier single consent as its first entry, and appends to it', async () => {
    const transplant = await enrolled({
      ...hypertension,
      programme: 'transplant',
      transplantOrgId: 'org-hosp-1',
      transplantDate: '2026-09-01',
    });
    const legacy = { at: now.toISOString(), by: 'doc-1', byName: '张建国', note: '本人签字' };
    await db.carePlans
      .findOne(transplant.id)
      .exec()
      .then((doc) =>
        doc!.incrementalModify((d) => {
          const { consents: _none, ...e } = d.enrolment!;
          return { ...d, enrolment: { ...e, consent: legacy } };
        }),
      );
    const withdrawn = await recordConsent(db, doctor, transplant.id, 'withdrawn', '本人要求', later);
    if (!withdrawn.ok) throw new Error(withdrawn.reason);
    expect(withdrawn.carePlan.enrolment!.consent).toBeUndefined();
    expect(withdrawn.carePlan.enrolment!.consents).toEqual([
      { action: 'given', ...legacy },
      { action: 'withdrawn', at: later.toISOString(), by: 'doc-1', byName: '张建国', note: '本人要求' },
    ]);
  });

  it('corrects the transplant centre with a reason, appended in the doctor’s name', async () => {
    const transplant = await enrolled({
      ...hypertension,
      programme: 'transplant',
      transplantOrgId: 'org-hosp-1',
      transplantDate: '2026-09-01',
      consents: [{ action: 'given', at: '', by: '', byName: '', note: '' }],
    });
    expect(
      await correctTransplantCentre(db, doctor, transplant.id, { to: 'org-hosp-1', reason: '核对' }, later),
    ).toEqual({ ok: false, reason: 'unchanged' });
    expect(
      await correctTransplantCentre(db, doctor, transplant.id, { to: 'org-hosp-2', reason: ' ' }, later),
    ).toMatchObject({ ok: false, reason: 'invalid' });
    const corrected = await correctTransplantCentre(
      db,
      doctor,
      transplant.id,
      { to: 'org-hosp-2', reason: ' 出院小结写错 ' },
      later,
    );
    if (!corrected.ok) throw new Error(corrected.reason);
    expect(corrected.carePlan.enrolment).toMatchObject({
      transplantOrgId: 'org-hosp-2',
      centreCorrections: [
        {
          from: 'org-hosp-1',
          to: 'org-hosp-2',
          reason: '出院小结写错',
          at: later.toISOString(),
          by: 'doc-1',
          byName: '张建国',
        },
      ],
    });
  });
});

describe('changing an enrolment', () => {
  it('adds each due-date move with its reason, in the doctor’s name', async () => {
    const enrolment = await enrolled();
    await moveDueDate(
      db,
      doctor,
      enrolment.id,
      { windowKey: 'w1', dueDate: '2027-03-10', reason: ' 春节返乡 ' },
      later,
    );
    const result = await moveDueDate(
      db,
      colleague,
      enrolment.id,
      { windowKey: 'w1', dueDate: '2027-03-17', reason: '住院' },
      later,
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.carePlan.enrolment!.scheduleEdits).toEqual([
      {
        windowKey: 'w1',
        dueDate: '2027-03-10',
        reason: '春节返乡',
        at: later.toISOString(),
        by: 'doc-1',
        byName: '张建国',
      },
      {
        windowKey: 'w1',
        dueDate: '2027-03-17',
        reason: '住院',
        at: later.toISOString(),
        by: 'doc-2',
        byName: '刘芳',
      },
    ]);
    expect(result.carePlan.updatedAt).toBe(later.toISOString());
    const blank = await moveDueDate(db, doctor, enrolment.id, {
      windowKey: 'w2',
      dueDate: '2027-06-01',
      reason: ' ',
    });
    expect(blank).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('records leaving, then changes the enrolment no more', async () => {
    const enrolment = await enrolled();
    const left = await leaveEnrolment(
      db,
      doctor,
      enrolment.id,
      { leftOn: '2026-12-20', leftReason: 'moved', leftNote: '迁往外省' },
      later,
    );
    expect(left.ok && left.carePlan.enrolment).toMatchObject({
      status: 'left',
      leftOn: '2026-12-20',
      leftReason: 'moved',
      leftNote: '迁往外省',
    });
    expect(
      await moveDueDate(
        db,
        doctor,
        enrolment.id,
        { windowKey: 'w1', dueDate: '2027-03-10', reason: '返乡' },
        later,
      ),
    ).toEqual({ ok: false, reason: 'closed' });
    const before = await leaveEnrolment(db, doctor, (await enrolled()).id, {
      leftOn: '2026-12-06',
      leftReason: 'died',
      leftNote: '',
    });
    expect(before).toEqual({
      ok: false,
      reason: 'invalid',
      errors: [{ field: 'enrolment.leftOn', code: 'endBeforeStart' }],
    });
  });

  it('refuses another organisation’s enrolment and an unknown one', async () => {
    const enrolment = await enrolled();
    const elsewhere: Operator = { ...doctor, id: 'doc-9', orgId: 'org-chc-2' };
    expect(await recordConsent(db, elsewhere, enrolment.id, 'given', 'x')).toEqual({
      ok: false,
      reason: 'forbidden',
    });
    expect(await recordConsent(db, doctor, 'nope', 'given', 'x')).toEqual({ ok: false, reason: 'notFound' });
  });
});

describe('the transplant centre’s plan', () => {
  const fields: TransplantPlanFields = { ...sampleTransplantPlan().transplantPlan, centreOrgId: 'org-chc-1' };

  it('is set by the hospital specialist as revision 1, and revised only as the next revision', async () => {
    const set = await saveTransplantPlan(db, specialist, patientId, { ...fields, revision: 7 }, null, now);
    if (!set.ok) throw new Error(set.reason);
    expect(set.carePlan).toMatchObject({ kind: 'transplantPlan', orgId: 'org-hosp-1', createdBy: 'spec-1' });
    expect(set.carePlan.transplantPlan!.revision).toBe(1);
    const skipped = await saveTransplantPlan(
      db,
      specialist,
      patientId,
      { ...fields, instructions: '加查CMV', revision: 3, revisionReason: '感染风险' },
      set.carePlan.id,
      later,
    );
    expect(skipped).toEqual({
      ok: false,
      reason: 'invalid',
      errors: [{ field: 'transplantPlan.revision', code: 'revisionRequired' }],
    });
    const revised = await saveTransplantPlan(
      db,
      specialist,
      patientId,
      { ...fields, instructions: '加查CMV', revision: 2, revisionReason: '感染风险' },
      set.carePlan.id,
      later,
    );
    expect(revised.ok && revised.carePlan.transplantPlan).toMatchObject({
      revision: 2,
      revisionReason: '感染风险',
      instructions: '加查CMV',
    });
  });

  it('is not written by a nurse, nor changed by the centre it is for', async () => {
    expect(await saveTransplantPlan(db, nurse, patientId, fields, null, now)).toEqual({
      ok: false,
      reason: 'forbidden',
    });
    const set = await saveTransplantPlan(db, specialist, patientId, fields, null, now);
    if (!set.ok) throw new Error(set.reason);
    const byCentre = await saveTransplantPlan(
      db,
      doctor,
      patientId,
      { ...fields, revision: 2, revisionReason: '改' },
      set.carePlan.id,
      later,
    );
    expect(byCentre).toEqual({ ok: false, reason: 'forbidden' });
  });
});

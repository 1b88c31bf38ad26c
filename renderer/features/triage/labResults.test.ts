import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Operator } from '../../app/operator';
import type { ClinicDatabase } from '../../db/database';
import { openMemoryDatabase } from '../../testing/memoryDb';
import { recordLabResult, recordVitals } from './observationRepository';
import { emptyVitals } from '../../../shared/encounters/vitals';

const nurse: Operator = { id: 'nurse-1', name: '李秀梅', role: 'nurse', orgId: 'org-chc-1' };
const registrar: Operator = { id: 'reg-1', name: '王建档', role: 'registrar', orgId: 'org-chc-1' };
const now = new Date('2026-12-07T10:00:00+08:00');
const cbc = {
  panel: 'cbc' as const,
  items: [
    // The form sent no flag: the desk flags by the shared rule.
    { analyte: 'wbc', value: 3.1, unit: '10^9/L', refLow: 3.5, refHigh: 9.5, flag: null },
    { analyte: 'plt', value: 180, unit: '10^9/L', refLow: 125, refHigh: 350, flag: 'high' as const },
  ],
  testedOn: '2026-12-07',
  source: 'here' as const,
  sourceName: '不应保留',
};

let db: ClinicDatabase;
beforeEach(async () => {
  db = await openMemoryDatabase(['observations', 'auditEvents']);
});
afterEach(async () => {
  await db.remove();
});

describe('recording a lab result', () => {
  it('stores the result in the recorder’s name, flagged by the shared rule, linked to the enrolment', async () => {
    const result = await recordLabResult(
      db,
      nurse,
      { patientId: 'patient-1', lab: cbc, enrolmentId: 'enr-1' },
      now,
    );
    if (!result.ok) throw new Error(result.reason);
    const stored = (await db.observations.findOne(result.observation.id).exec())!.toJSON();
    expect(stored).toMatchObject({
      kind: 'lab',
      patientId: 'patient-1',
      enrolmentId: 'enr-1',
      recordedBy: 'nurse-1',
      recordedByName: '李秀梅',
      chiefComplaint: '',
      lab: { panel: 'cbc', testedOn: '2026-12-07', source: 'here', sourceName: '' },
    });
    expect(stored.lab!.items.map((i) => i.flag)).toEqual(['low', null]);
    expect(stored.vitals).toEqual({ ...emptyVitals, spo2: null });
    const events = (await db.auditEvents.find().exec()).map((e) => e.toJSON());
    expect(events).toEqual([
      expect.objectContaining({
        action: 'observation.record',
        details: { kind: 'lab', panel: 'cbc', source: 'here' },
      }),
    ]);
  });

  it('refuses a registrar, a result dated tomorrow and an external one without the hospital', async () => {
    expect(await recordLabResult(db, registrar, { patientId: 'p', lab: cbc }, now)).toEqual({
      ok: false,
      reason: 'forbidden',
    });
    expect(
      await recordLabResult(db, nurse, { patientId: 'p', lab: { ...cbc, testedOn: '2026-12-08' } }, now),
    ).toEqual({ ok: false, reason: 'invalid', errors: [{ field: 'lab.testedOn', code: 'testedInFuture' }] });
    expect(
      await recordLabResult(
        db,
        nurse,
        { patientId: 'p', lab: { ...cbc, source: 'external', sourceName: ' ' } },
        now,
      ),
    ).toEqual({ ok: false, reason: 'invalid', errors: [{ field: 'lab.sourceName', code: 'required' }] });
    expect(await db.observations.count().exec()).toBe(0);
  });

  it('stores a result beside the vitals as an observation of its own kind', async () => {
    await recordVitals(
      db,
      nurse,
      {
        patientId: 'patient-1',
        appointmentId: null,
        vitals: { ...emptyVitals, systolic: 140, diastolic: 90 },
        chiefComplaint: '',
      },
      now,
    );
    await recordLabResult(db, nurse, { patientId: 'patient-1', lab: cbc }, now);
    const all = (await db.observations.find().exec()).map((o) => o.kind).sort();
    expect(all).toEqual(['lab', 'vitals']);
  });
});

/**
 * Observations on the platform, over HTTP on a real database: a nurse (or doctor) records vitals
 * in her own name for her own organisation, once; a registrar records none; nobody changes or
 * removes one once written; and a nurse still writes nothing of the doctor's.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newEncounterDraft } from '../../shared/encounters/draft';
import type { ObservationDoc } from '../../shared/observations/schema';
import type { PushResponse } from '../../shared/sync/protocol';
import { sampleObservation } from '../../shared/testing/observations';
import { samplePatient } from '../../shared/testing/patients';
import type { Store } from '../db/store';
import { migrate } from '../db/migrate';
import { buildPlatform } from '../http/app';
import { accessTokenOf } from '../testing/signIn';
import { demoCentreId, demoHospitalId, seedDemo } from '../seed/demo';
import { databaseSetupTimeout, testBackends } from '../testing/backends';
import { cheapPasswordHashCost } from '../testing/platform';

const tokenSecret = 'test-secret-test-secret-test-secret-0123';
const id = (n: number) => `0190d9a0-0000-7000-8000-0000000b${String(n).padStart(4, '0')}`;

describe.each(testBackends)('observations on $name', ({ open }) => {
  let store: Store;
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};

  const push = (who: string, collection: string, rows: unknown[]) =>
    app.inject({
      method: 'POST',
      url: `/v1/${collection}/push`,
      headers: { authorization: `Bearer ${tokens[who]}` },
      payload: rows as object,
    });
  const row = (doc: object, assumed?: object) => ({
    newDocumentState: { ...doc, _deleted: false },
    ...(assumed ? { assumedMasterState: { ...assumed, _deleted: false } } : {}),
  });
  const stored = async (collection: string, docId: string) =>
    (
      await store.query<{ data: ObservationDoc }>(
        'SELECT data FROM documents WHERE collection = $1 AND id = $2',
        [collection, docId],
      )
    )[0]?.data;

  beforeAll(async () => {
    store = await open();
    await migrate(store);
    await seedDemo(store, { residents: 0, passwordHashCost: cheapPasswordHashCost });
    app = buildPlatform({ store, tokenSecret, loginRateLimitPerMinute: 1000 });
    for (const who of ['reg01', 'nurse01', 'doc01']) tokens[who] = await accessTokenOf(app, who);
  }, databaseSetupTimeout);
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('stores a nurse’s triage in her name, audited, and a doctor reads it', async () => {
    const triage = sampleObservation({ id: id(1) });
    const answer = await push('nurse01', 'observations', [row(triage)]);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ conflicts: [], rejected: [] });
    expect(await stored('observations', triage.id)).toEqual(triage);
    const audit = await store.query<{ actor_id: string }>(
      `SELECT actor_id FROM audit_events WHERE action = 'sync.create' AND record_id = $1`,
      [triage.id],
    );
    expect(audit).toEqual([{ actor_id: 'staff-nurse01' }]);
    const pulled = await app.inject({
      method: 'GET',
      url: '/v1/observations/pull?seq=0&limit=100',
      headers: { authorization: `Bearer ${tokens.doc01}` },
    });
    expect(pulled.statusCode).toBe(200);
    expect((pulled.json() as { documents: { id: string }[] }).documents.map((d) => d.id)).toContain(
      triage.id,
    );
  });

  it('refuses a registrar, another organisation, and vitals in someone else’s name', async () => {
    const registrar = await push('reg01', 'observations', [
      row(sampleObservation({ id: id(2), recordedBy: 'staff-reg01', createdBy: 'staff-reg01' })),
    ]);
    expect(registrar.statusCode).toBe(403);
    expect(await stored('observations', id(2))).toBeUndefined();

    const elsewhere = await push('nurse01', 'observations', [
      row(sampleObservation({ id: id(3), orgId: demoHospitalId })),
    ]);
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json()).toMatchObject({ error: { code: 'sync.forbiddenOrganisation' } });
    expect(await stored('observations', id(3))).toBeUndefined();

    const forged = (
      await push('nurse01', 'observations', [
        row(sampleObservation({ id: id(4), recordedBy: 'staff-doc01', recordedByName: '张建国' })),
      ])
    ).json() as PushResponse;
    expect(forged.rejected).toEqual([{ id: id(4), errors: [{ field: 'recordedBy', code: 'notRecorder' }] }]);
    expect(await stored('observations', id(4))).toBeUndefined();
  });

  it('never changes or removes a stored observation; a correction is a new one', async () => {
    const first = sampleObservation({ id: id(5) });
    await push('nurse01', 'observations', [row(first)]);
    const altered = { ...first, vitals: { ...first.vitals, systolic: 128 } };
    const changed = (await push('nurse01', 'observations', [row(altered, first)])).json() as PushResponse;
    expect(changed.rejected).toEqual([
      { id: first.id, errors: [{ field: '(document)', code: 'observationLocked' }] },
    ]);
    const removal = (
      await push('nurse01', 'observations', [
        { newDocumentState: { ...first, _deleted: true }, assumedMasterState: { ...first, _deleted: false } },
      ])
    ).json() as PushResponse;
    expect(removal.rejected[0]?.errors).toEqual([{ field: '(document)', code: 'observationLocked' }]);
    expect(await stored('observations', first.id)).toEqual(first);
    // The same version again (a push whose answer was lost) is no change.
    expect((await push('nurse01', 'observations', [row(first, first)])).json()).toMatchObject({
      rejected: [],
    });

    const correction = sampleObservation({ id: id(6), supersedes: first.id, vitals: altered.vitals });
    expect((await push('nurse01', 'observations', [row(correction)])).json()).toMatchObject({ rejected: [] });
    expect((await stored('observations', correction.id))?.supersedes).toBe(first.id);
  });

  it('refuses implausible vitals and an empty observation', async () => {
    const answer = (
      await push('nurse01', 'observations', [
        row(sampleObservation({ id: id(7), vitals: { ...sampleObservation().vitals, systolic: 1400 } })),
        row(
          sampleObservation({
            id: id(8),
            chiefComplaint: '',
            vitals: {
              ...sampleObservation().vitals,
              systolic: null,
              diastolic: null,
              heartRate: null,
              temperature: null,
              spo2: null,
            },
          }),
        ),
      ])
    ).json() as PushResponse;
    expect(answer.rejected).toEqual([
      { id: id(7), errors: [{ field: 'vitals.systolic', code: 'outOfRange' }] },
      { id: id(8), errors: [{ field: 'vitals', code: 'nothingRecorded' }] },
    ]);
  });

  it('lets a nurse write no consultation record and no prescription', async () => {
    const encounter = newEncounterDraft({
      id: id(9),
      orgId: demoCentreId,
      patient: samplePatient(),
      previous: [],
      appointmentId: null,
      doctor: { id: 'staff-nurse01', name: '李秀梅' },
      department: '全科',
      at: '2026-11-23T00:50:00.000Z',
    });
    const asNurse = await push('nurse01', 'encounters', [row(encounter)]);
    expect(asNurse.statusCode).toBe(403);
    expect(await stored('encounters', encounter.id)).toBeUndefined();
    const slip = await push('nurse01', 'prescriptions', [
      row({ id: id(10), orgId: demoCentreId, doctorId: 'staff-nurse01', status: 'draft' }),
    ]);
    expect(slip.statusCode).toBe(403);
    expect(await stored('prescriptions', id(10))).toBeUndefined();
  });
});

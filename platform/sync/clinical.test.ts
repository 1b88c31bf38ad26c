/**
 * The platform's side of signed clinical records, over HTTP on a real database: only the record's
 * own doctor writes or signs it, a signed record is never changed (only its prints and a void on
 * a slip), and a registrar or a forged signature gets nothing stored.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRecord } from '../../shared/clinical/signature';
import { newEncounterDraft } from '../../shared/encounters/draft';
import { encounterLockPolicy, type EncounterDoc } from '../../shared/encounters/schema';
import type { PushResponse } from '../../shared/sync/protocol';
import { samplePatient } from '../../shared/testing/patients';
import type { Store } from '../db/store';
import { migrate } from '../db/migrate';
import { buildPlatform } from '../http/app';
import { accessTokenOf } from '../testing/signIn';
import { demoCentreId, seedDemo } from '../seed/demo';
import { databaseSetupTimeout, testBackends } from '../testing/backends';
import { cheapPasswordHashCost } from '../testing/platform';

const tokenSecret = 'test-secret-test-secret-test-secret-0123';
const at = '2026-11-23T02:00:00.000Z';

describe.each(testBackends)('signed clinical records on $name', ({ open }) => {
  let store: Store;
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};

  const push = (who: string, rows: unknown[]) =>
    app.inject({
      method: 'POST',
      url: '/v1/encounters/push',
      headers: { authorization: `Bearer ${tokens[who]}` },
      payload: rows as object,
    });
  const stored = async (id: string) =>
    (
      await store.query<{ data: EncounterDoc }>(
        `SELECT data FROM documents WHERE collection = 'encounters' AND id = $1`,
        [id],
      )
    )[0]?.data;

  function draft(id: string, doctorId = 'staff-doc01'): EncounterDoc {
    const doc = newEncounterDraft({
      id,
      orgId: demoCentreId,
      patient: samplePatient(),
      previous: [],
      appointmentId: null,
      doctor: { id: doctorId, name: doctorId === 'staff-doc01' ? '张建国' : '刘文静' },
      department: '全科',
      at,
    });
    return {
      ...doc,
      chiefComplaint: '头晕三天',
      presentHistory: '三天前起头晕',
      physicalExam: '心肺无异常',
      plan: '监测血压',
      diagnoses: [
        {
          code: 'I10',
          name: { zh: '原发性高血压', en: 'Essential hypertension' },
          freeText: false,
          primary: true,
        },
      ],
    };
  }
  const sign = (doc: EncounterDoc, by = 'staff-doc01') =>
    signRecord(doc, { by, byName: '张建国', at }, encounterLockPolicy);
  const row = (doc: EncounterDoc, assumed?: EncounterDoc) => ({
    newDocumentState: { ...doc, _deleted: false },
    ...(assumed ? { assumedMasterState: { ...assumed, _deleted: false } } : {}),
  });

  beforeAll(async () => {
    store = await open();
    await migrate(store);
    await seedDemo(store, { residents: 0, passwordHashCost: cheapPasswordHashCost });
    app = buildPlatform({ store, tokenSecret, loginRateLimitPerMinute: 1000 });
    for (const who of ['reg01', 'doc01', 'doc02']) tokens[who] = await accessTokenOf(app, who);
  }, databaseSetupTimeout);
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('stores the doctor’s own draft and signature, and refuses to change the signed record', async () => {
    const first = draft('0190d9a0-0000-7000-8000-0000000e0001');
    expect((await push('doc01', [row(first)])).json()).toMatchObject({ conflicts: [], rejected: [] });
    const signed = sign(first);
    expect((await push('doc01', [row(signed, first)])).json()).toMatchObject({ rejected: [] });
    const altered = { ...signed, plan: '改过的计划' };
    const refused = (await push('doc01', [row(altered, signed)])).json() as PushResponse;
    expect(refused.rejected).toEqual([
      { id: signed.id, errors: expect.arrayContaining([{ field: 'signature', code: 'hashMismatch' }]) },
    ]);
    // Even with a fresh signature over the new content, the signed record stays as it was (the
    // platform holds it with its seal now).
    const held = (await stored(signed.id))!;
    const resigned = (await push('doc01', [row(sign({ ...first, plan: '改过的计划' }), held)])).json();
    expect((resigned as PushResponse).rejected[0]?.errors).toContainEqual({
      field: 'plan',
      code: 'fieldChanged',
    });
    expect((await stored(signed.id))?.plan).toBe(signed.plan);
    expect((await stored(signed.id))?.status).toBe('signed');
  });

  it('refuses another doctor’s amendment of a draft, a signature in someone else’s name, and a registrar', async () => {
    const mine = draft('0190d9a0-0000-7000-8000-0000000e0002');
    await push('doc01', [row(mine)]);
    const byColleague = (
      await push('doc02', [row({ ...mine, plan: '同事改的' }, mine)])
    ).json() as PushResponse;
    expect(byColleague.rejected).toEqual([
      { id: mine.id, errors: [{ field: 'doctorId', code: 'notAuthor' }] },
    ]);
    const forged = draft('0190d9a0-0000-7000-8000-0000000e0003', 'staff-doc02');
    const forgedSigned = (await push('doc02', [row(sign(forged, 'staff-doc01'))])).json() as PushResponse;
    expect(forgedSigned.rejected[0]?.errors).toContainEqual({ field: 'signature', code: 'notSigner' });
    expect((await push('reg01', [row(draft('0190d9a0-0000-7000-8000-0000000e0004'))])).statusCode).toBe(403);
    expect((await stored(mine.id))?.plan).toBe(mine.plan);
    expect(await stored(forged.id)).toBeUndefined();
  });
});

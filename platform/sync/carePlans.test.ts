/**
 * Care plans on the platform, over HTTP on a real database: a centre doctor signs contracts and
 * enrols residents in their own name; a nurse writes none, a hospital specialist no contract; a
 * stored contract's terms never change and its status moves forward only; nothing is removed.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CarePlanDoc } from '../../shared/carePlans/schema';
import type { PushResponse } from '../../shared/sync/protocol';
import { sampleContract, sampleEnrolment, sampleTransplantPlan } from '../../shared/testing/carePlans';
import type { Store } from '../db/store';
import { migrate } from '../db/migrate';
import { buildPlatform } from '../http/app';
import { accessTokenOf } from '../testing/signIn';
import { demoCentreId, demoHospitalId, seedDemo } from '../seed/demo';
import { databaseSetupTimeout, testBackends } from '../testing/backends';
import { cheapPasswordHashCost } from '../testing/platform';

const tokenSecret = 'test-secret-test-secret-test-secret-0123';
const id = (n: number) => `0190d9a0-0000-7000-8000-0000000d${String(n).padStart(4, '0')}`;
const byDoctor = { createdBy: 'staff-doc01', createdByName: '张建国' };

describe.each(testBackends)('care plans on $name', ({ open }) => {
  let store: Store;
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};

  const push = (who: string, rows: unknown[]) =>
    app.inject({
      method: 'POST',
      url: '/v1/carePlans/push',
      headers: { authorization: `Bearer ${tokens[who]}` },
      payload: rows as object,
    });
  const row = (doc: object, assumed?: object) => ({
    newDocumentState: { ...doc, _deleted: false },
    ...(assumed ? { assumedMasterState: { ...assumed, _deleted: false } } : {}),
  });
  const stored = async (docId: string) =>
    (
      await store.query<{ data: CarePlanDoc }>(
        `SELECT data FROM documents WHERE collection = 'carePlans' AND id = $1`,
        [docId],
      )
    )[0]?.data;

  beforeAll(async () => {
    store = await open();
    await migrate(store);
    await seedDemo(store, { residents: 0, passwordHashCost: cheapPasswordHashCost });
    app = buildPlatform({ store, tokenSecret, loginRateLimitPerMinute: 1000 });
    for (const who of ['nurse01', 'doc01', 'doc02', 'spec01']) tokens[who] = await accessTokenOf(app, who);
  }, databaseSetupTimeout);
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('stores a doctor’s contract and enrolment, and a colleague reads them', async () => {
    const contract = sampleContract({}, { id: id(1), orgId: demoCentreId, ...byDoctor });
    const enrolment = sampleEnrolment({}, { id: id(2), orgId: demoCentreId, ...byDoctor });
    const answer = await push('doc01', [row(contract), row(enrolment)]);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ conflicts: [], rejected: [] });
    expect(await stored(contract.id)).toEqual(contract);
    const pulled = await app.inject({
      method: 'GET',
      url: '/v1/carePlans/pull?seq=0&limit=100',
      headers: { authorization: `Bearer ${tokens.nurse01}` },
    });
    expect(pulled.statusCode).toBe(200);
    expect((pulled.json() as { documents: { id: string }[] }).documents.map((d) => d.id)).toEqual(
      expect.arrayContaining([contract.id, enrolment.id]),
    );
  });

  it('refuses a nurse, a contract in a colleague’s name and another organisation’s', async () => {
    const asNurse = await push('nurse01', [row(sampleContract({}, { id: id(3), orgId: demoCentreId }))]);
    expect(asNurse.statusCode).toBe(403);
    expect(await stored(id(3))).toBeUndefined();
    const forged = (
      await push('doc02', [row(sampleContract({}, { id: id(4), orgId: demoCentreId, ...byDoctor }))])
    ).json() as PushResponse;
    expect(forged.rejected).toEqual([{ id: id(4), errors: [{ field: 'createdBy', code: 'notCreator' }] }]);
    const elsewhere = await push('doc01', [
      row(sampleContract({}, { id: id(5), orgId: demoHospitalId, ...byDoctor })),
    ]);
    expect(elsewhere.statusCode).toBe(403);
    expect(await stored(id(5))).toBeUndefined();
  });

  it('refuses a hospital specialist’s contract', async () => {
    const contract = sampleContract(
      {},
      { id: id(6), orgId: demoHospitalId, createdBy: 'staff-spec01', createdByName: '陈立新' },
    );
    const answer = (await push('spec01', [row(contract)])).json() as PushResponse;
    expect(answer.rejected).toEqual([{ id: id(6), errors: [{ field: 'createdBy', code: 'notPlanner' }] }]);
  });

  it('refuses a centre doctor’s transplant plan: a plan is its hospital’s', async () => {
    const plan = sampleTransplantPlan(
      { centreOrgId: demoHospitalId },
      { id: id(9), orgId: demoCentreId, ...byDoctor },
    );
    const answer = (await push('doc01', [row(plan)])).json() as PushResponse;
    expect(answer.rejected).toEqual([{ id: id(9), errors: [{ field: 'kind', code: 'wrongOrganisation' }] }]);
    expect(await stored(id(9))).toBeUndefined();
  });

  it('lets a colleague terminate a contract, and then nothing moves it back or removes it', async () => {
    const contract = sampleContract({}, { id: id(7), orgId: demoCentreId, ...byDoctor });
    await push('doc01', [row(contract)]);
    const longer = sampleContract({ endDate: '2028-12-06' }, { id: id(7), orgId: demoCentreId, ...byDoctor });
    expect(((await push('doc01', [row(longer, contract)])).json() as PushResponse).rejected).toEqual([
      { id: id(7), errors: [{ field: 'contract.endDate', code: 'fixedField' }] },
    ]);
    const terminated = sampleContract(
      { status: 'terminated', terminatedAt: '2026-12-08T02:00:00.000Z', terminationReason: '迁出本辖区' },
      { id: id(7), orgId: demoCentreId, ...byDoctor, updatedAt: '2026-12-08T02:00:00.000Z' },
    );
    expect((await push('doc02', [row(terminated, contract)])).json()).toMatchObject({ rejected: [] });
    const back = (await push('doc01', [row(contract, terminated)])).json() as PushResponse;
    expect(back.rejected).toEqual([
      { id: id(7), errors: [{ field: 'contract.status', code: 'statusBackward' }] },
    ]);
    const removal = (
      await push('doc01', [
        {
          newDocumentState: { ...terminated, _deleted: true },
          assumedMasterState: { ...terminated, _deleted: false },
        },
      ])
    ).json() as PushResponse;
    expect(removal.rejected).toEqual([{ id: id(7), errors: [{ field: '(document)', code: 'removed' }] }]);
    expect((await stored(id(7)))?.contract?.status).toBe('terminated');
  });

  it('refuses a contract that breaks the rules', async () => {
    const answer = (
      await push('doc01', [
        row(sampleContract({ endDate: '2026-12-01' }, { id: id(8), orgId: demoCentreId, ...byDoctor })),
      ])
    ).json() as PushResponse;
    expect(answer.rejected).toEqual([
      { id: id(8), errors: [{ field: 'contract.endDate', code: 'endBeforeStart' }] },
    ]);
  });
});

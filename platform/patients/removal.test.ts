/**
 * Removing a resident is an admin's act with a reason, over HTTP on a real database: a registrar's
 * push that tombstones a resident is refused for that row (nothing changes, the rest of the push
 * is stored); an admin removes with a reason, audited, desks get the tombstone, and a restore
 * brings the resident back, data and all, with a new sequence number.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removedPatientsResponseSchema } from '../../shared/patients/removal';
import type { PatientDoc } from '../../shared/patients/schema';
import type { PushResponse } from '../../shared/sync/protocol';
import { samplePatient } from '../../shared/testing/patients';
import type { Store } from '../db/store';
import { demoCentreId } from '../seed/demo';
import { testBackends } from '../testing/backends';
import { startTestPlatform, type TestPlatform } from '../testing/platform';
import { verifyAudit } from '../audit/verify';

describe.each(testBackends)('removing a resident on $name', ({ open }) => {
  let platform: TestPlatform;
  let store: Store;
  let app: FastifyInstance;
  let serial = 0;
  const resident = () =>
    samplePatient({
      id: `0190d9a0-0000-7000-8000-5${String(++serial).padStart(11, '0')}`,
      orgId: demoCentreId,
    });
  const as = (who: string) => ({ authorization: `Bearer ${platform.tokens[who]}` });
  const push = async (who: string, rows: unknown[]) =>
    (
      await app.inject({
        method: 'POST',
        url: '/v1/patients/push',
        headers: as(who),
        payload: rows as object,
      })
    ).json() as PushResponse;
  const held = async (id: string) =>
    (
      await store.query<{ deleted: boolean; server_seq: number; data: PatientDoc }>(
        `SELECT deleted, server_seq, data FROM documents WHERE collection = 'patients' AND id = $1`,
        [id],
      )
    )[0]!;
  const act = (who: string, id: string, action: 'remove' | 'restore', payload: object) =>
    app.inject({ method: 'POST', url: `/v1/admin/patients/${id}/${action}`, headers: as(who), payload });
  const pull = async (who: string, seq: number) =>
    (
      await app.inject({ method: 'GET', url: `/v1/patients/pull?seq=${seq}&limit=100`, headers: as(who) })
    ).json() as { documents: (PatientDoc & { _deleted: boolean })[] };

  beforeAll(async () => {
    platform = await startTestPlatform(open, { signIn: ['reg01', 'doc01', 'admin01'] });
    ({ store, app } = platform);
  }, 120_000);
  afterAll(() => platform.close(), 60_000);

  it(
    'refuses a push that removes a resident, per row, and stores the other rows',
    { timeout: 30_000 },
    async () => {
      const [kept, other] = [resident(), resident()];
      expect((await push('reg01', [{ newDocumentState: { ...kept, _deleted: false } }])).rejected).toEqual(
        [],
      );
      for (const who of ['reg01', 'doc01']) {
        const answer = await push(who, [
          { newDocumentState: { ...kept, _deleted: true }, assumedMasterState: { ...kept, _deleted: false } },
          {
            newDocumentState: { ...other, name: who === 'reg01' ? '赵六' : '孙七', _deleted: false },
            ...(who === 'doc01' ? { assumedMasterState: { ...other, name: '赵六', _deleted: false } } : {}),
          },
        ]);
        expect(answer.rejected).toEqual([
          { id: kept.id, errors: [{ field: '_deleted', code: 'removalNeedsAdmin' }] },
        ]);
        expect((await held(kept.id)).deleted).toBe(false);
      }
      expect((await held(other.id)).data.name).toBe('孙七');
    },
  );

  it(
    'lets an admin remove with a reason and restore, audited, with desks told each time',
    { timeout: 30_000 },
    async () => {
      const patient = resident();
      await push('reg01', [{ newDocumentState: { ...patient, _deleted: false } }]);
      const before = await held(patient.id);

      expect((await act('reg01', patient.id, 'remove', { reason: '重复建档' })).statusCode).toBe(403);
      const noReason = await act('admin01', patient.id, 'remove', { reason: '   ' });
      expect(noReason.statusCode).toBe(400);
      expect((await held(patient.id)).deleted).toBe(false);

      expect((await act('admin01', patient.id, 'remove', { reason: '重复建档' })).statusCode).toBe(200);
      const removed = await held(patient.id);
      expect(removed).toMatchObject({ deleted: true, data: before.data });
      expect(removed.server_seq).toBeGreaterThan(before.server_seq);
      expect((await pull('reg01', before.server_seq)).documents).toContainEqual({
        ...before.data,
        _deleted: true,
      });
      expect((await act('admin01', patient.id, 'remove', { reason: '再删' })).json()).toMatchObject({
        error: { code: 'patient.alreadyRemoved' },
      });

      const listed = removedPatientsResponseSchema.parse(
        (
          await app.inject({ method: 'GET', url: '/v1/admin/patients/removed', headers: as('admin01') })
        ).json(),
      );
      expect(listed.patients).toContainEqual(
        expect.objectContaining({
          id: patient.id,
          name: patient.name,
          reason: '重复建档',
          removedBy: 'staff-admin01',
        }),
      );

      expect((await act('admin01', patient.id, 'restore', { reason: '误删，已核实' })).statusCode).toBe(200);
      const restored = await held(patient.id);
      expect(restored).toMatchObject({ deleted: false, data: before.data });
      expect((await pull('reg01', removed.server_seq)).documents).toContainEqual({
        ...before.data,
        _deleted: false,
      });

      const events = await store.query<{ action: string; actor_id: string; details: { reason?: string } }>(
        `SELECT action, actor_id, details FROM audit_events WHERE record_id = $1 AND action LIKE 'patient.%' ORDER BY seq`,
        [patient.id],
      );
      expect(events).toEqual([
        expect.objectContaining({
          action: 'patient.remove',
          actor_id: 'staff-admin01',
          details: expect.objectContaining({ reason: '重复建档' }),
        }),
        expect.objectContaining({
          action: 'patient.restore',
          actor_id: 'staff-admin01',
          details: expect.objectContaining({ reason: '误删，已核实' }),
        }),
      ]);
      expect((await verifyAudit(store)).problems).toEqual([]);
    },
  );

  it(
    'audits who listed the removed residents, and how many the list named',
    { timeout: 30_000 },
    async () => {
      const patient = resident();
      await push('reg01', [{ newDocumentState: { ...patient, _deleted: false } }]);
      expect((await act('admin01', patient.id, 'remove', { reason: '重复建档' })).statusCode).toBe(200);
      const answer = await app.inject({
        method: 'GET',
        url: '/v1/admin/patients/removed',
        headers: as('admin01'),
      });
      const listed = removedPatientsResponseSchema.parse(answer.json()).patients;
      expect(listed.map((p) => p.id)).toContain(patient.id);
      const [event] = await store.query<{ actor_id: string; details: { count?: number } }>(
        `SELECT actor_id, details FROM audit_events WHERE action = 'patient.listRemoved' ORDER BY seq DESC LIMIT 1`,
      );
      expect(event).toMatchObject({ actor_id: 'staff-admin01', details: { count: listed.length } });
    },
  );

  it('does not let an admin remove another organisation’s resident', async () => {
    const answer = await act('admin01', 'no-such-resident', 'remove', { reason: '重复建档' });
    expect(answer.statusCode).toBe(404);
    expect(answer.json()).toMatchObject({ error: { code: 'patient.notFound' } });
  });
});

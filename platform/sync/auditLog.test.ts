/**
 * Pushed audit events join the hash-chained audit trail, once per id, only for the signed-in
 * staff member of the signed-in organisation, and never come back by pull.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventDoc } from '../../shared/audit/schema';
import type { PushResponse } from '../../shared/sync/protocol';
import { verifyAuditChain } from '../audit/audit';
import type { Store } from '../db/store';
import { buildPlatform } from '../http/app';
import { accessTokenOf } from '../testing/signIn';
import { demoCentreId, demoHospitalId, seedDemo } from '../seed/demo';
import { openTestStore } from '../testing/backends';

const tokenSecret = 'test-secret-test-secret-test-secret-0123';
const receivedAt = new Date('2026-11-23T02:00:00.000Z');

let store: Store;
let app: FastifyInstance;
const tokens: Record<string, string> = {};

const push = (who: string, events: AuditEventDoc[]) =>
  app.inject({
    method: 'POST',
    url: '/v1/auditEvents/push',
    headers: { authorization: `Bearer ${tokens[who]}` },
    payload: events.map((e) => ({ newDocumentState: { ...e, _deleted: false } })),
  });
const deskEvents = () =>
  store.query<{ id: string; actor_id: string; action: string; collection: string | null; details: object }>(
    `SELECT id, actor_id, action, collection, details FROM audit_events
      WHERE details ? 'receivedAt' ORDER BY seq`,
  );

const chartRead: AuditEventDoc = {
  id: '0190d9a0-0000-7000-8000-0000000a0d01',
  orgId: demoCentreId,
  actorId: 'staff-doc01',
  action: 'patient.read',
  recordCollection: 'patients',
  recordId: '0190d9a0-0000-7000-8000-00000000a001',
  at: '2026-11-23T09:30:00.000+08:00',
};
const offlineSignIn: AuditEventDoc = {
  id: '0190d9a0-0000-7000-8000-0000000a0d02',
  orgId: demoCentreId,
  actorId: 'staff-doc01',
  action: 'auth.signInOffline',
  at: '2026-11-23T01:29:00.000Z',
  details: { network: 'down' },
};

beforeAll(async () => {
  store = await openTestStore();
  await seedDemo(store, { residents: 5 });
  app = buildPlatform({ store, tokenSecret, loginRateLimitPerMinute: 1000, now: () => receivedAt });
  for (const who of ['doc01', 'spec01']) tokens[who] = await accessTokenOf(app, who);
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('auditEvents push', () => {
  it('appends each event to the audit trail with the desk’s id, not to the documents', async () => {
    const documentsBefore = await store.query(`SELECT 1 FROM documents WHERE collection = 'auditEvents'`);
    const response = await push('doc01', [chartRead, offlineSignIn]);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ conflicts: [], rejected: [] });
    expect(await deskEvents()).toEqual([
      {
        id: chartRead.id,
        actor_id: 'staff-doc01',
        action: 'patient.read',
        collection: 'patients',
        details: { receivedAt: receivedAt.toISOString() },
      },
      {
        id: offlineSignIn.id,
        actor_id: 'staff-doc01',
        action: 'auth.signInOffline',
        collection: null,
        details: { network: 'down', receivedAt: receivedAt.toISOString() },
      },
    ]);
    const [stored] = await store.query<{ at: Date }>('SELECT at FROM audit_events WHERE id = $1', [
      chartRead.id,
    ]);
    expect(new Date(stored!.at).toISOString()).toBe('2026-11-23T01:30:00.000Z');
    expect(await store.query(`SELECT 1 FROM documents WHERE collection = 'auditEvents'`)).toEqual(
      documentsBefore,
    );
  });

  it('acknowledges a retried push without a second row', async () => {
    const response = await push('doc01', [offlineSignIn, offlineSignIn]);
    expect(response.json()).toEqual({ conflicts: [], rejected: [] });
    expect(await deskEvents()).toHaveLength(2);
  });

  it('refuses an event that reuses a stored id for something else', async () => {
    const response = (
      await push('doc01', [{ ...chartRead, action: 'patient.update' }])
    ).json() as PushResponse;
    expect(response.rejected).toEqual([{ id: chartRead.id, errors: [{ field: 'id', code: 'duplicateId' }] }]);
    expect(await deskEvents()).toHaveLength(2);
  });

  it('refuses, row by row, events of another staff member or organisation, storing nothing of them', async () => {
    const forgedActor = { ...chartRead, id: '0190d9a0-0000-7000-8000-0000000a0d03', actorId: 'staff-doc02' };
    const forgedOrg = { ...chartRead, id: '0190d9a0-0000-7000-8000-0000000a0d04', orgId: demoHospitalId };
    const fine = {
      ...offlineSignIn,
      id: '0190d9a0-0000-7000-8000-0000000a0d05',
      action: 'auth.lock' as const,
    };
    const response = await push('doc01', [forgedActor, forgedOrg, fine]);
    expect(response.statusCode).toBe(200);
    expect((response.json() as PushResponse).rejected).toEqual([
      { id: forgedActor.id, errors: [{ field: 'actorId', code: 'notSessionStaff' }] },
      { id: forgedOrg.id, errors: [{ field: 'orgId', code: 'notSessionOrganisation' }] },
    ]);
    expect((await deskEvents()).map((e) => e.id)).toEqual([chartRead.id, offlineSignIn.id, fine.id]);
  });

  it('refuses invalid and deleted events', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/auditEvents/push',
      headers: { authorization: `Bearer ${tokens.doc01}` },
      payload: [
        { newDocumentState: { ...chartRead, id: 'not-a-uuid', _deleted: false } },
        { newDocumentState: { ...chartRead, id: '0190d9a0-0000-7000-8000-0000000a0d06', _deleted: true } },
        {
          newDocumentState: {
            ...chartRead,
            id: '0190d9a0-0000-7000-8000-0000000a0d07',
            hash: 'x',
            _deleted: false,
          },
        },
      ],
    });
    expect((response.json() as PushResponse).rejected).toEqual([
      { id: 'not-a-uuid', errors: [{ field: 'id', code: 'uuidV7' }] },
      { id: '0190d9a0-0000-7000-8000-0000000a0d06', errors: [{ field: '_deleted', code: 'insertOnly' }] },
      { id: '0190d9a0-0000-7000-8000-0000000a0d07', errors: [expect.objectContaining({ code: 'schema' })] },
    ]);
    expect(await deskEvents()).toHaveLength(3);
  });

  it('lets a hospital specialist record their own events', async () => {
    const read = {
      ...chartRead,
      id: '0190d9a0-0000-7000-8000-0000000a0d08',
      orgId: demoHospitalId,
      actorId: 'staff-spec01',
    };
    expect((await push('spec01', [read])).json()).toEqual({ conflicts: [], rejected: [] });
    expect(await deskEvents()).toHaveLength(4);
  });

  it('keeps the chain intact', async () => {
    expect(await verifyAuditChain(store)).toMatchObject({ ok: true });
  });

  it('never gives events back by pull or stream', async () => {
    for (const url of ['/v1/auditEvents/pull', '/v1/auditEvents/stream']) {
      const response = await app.inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${tokens.doc01}` },
      });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: 'sync.unknownCollection' } });
    }
  });
});

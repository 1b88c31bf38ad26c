/**
 * Replication over real HTTP handling (fastify inject) on a real database: scope on pull, push and
 * stream; validation; conflicts; and every refusal leaving nothing stored.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatientDoc } from '../../shared/patients/schema';
import type { PullResponse, PushResponse } from '../../shared/sync/protocol';
import type { Store } from '../db/store';
import { buildPlatform } from '../http/app';
import { accessTokenOf } from '../testing/signIn';
import { demoCentreId, demoHospitalId, seedDemo } from '../seed/demo';
import { migrate } from '../db/migrate';
import { testBackends } from '../testing/backends';
import { samplePatient } from '../../shared/testing/patients';

const tokenSecret = 'test-secret-test-secret-test-secret-0123';

describe.each(testBackends)('replication endpoints on $name', ({ open }) => {
  let store: Store;
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};

  const signIn = (username: string) => accessTokenOf(app, username);

  const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
  const pull = (who: string, seq = 0, limit = 1000) =>
    app.inject({ method: 'GET', url: `/v1/patients/pull?seq=${seq}&limit=${limit}`, headers: as(who) });
  const push = (who: string, payload: unknown) =>
    app.inject({ method: 'POST', url: '/v1/patients/push', headers: as(who), payload: payload as object });
  const count = async () =>
    Number((await store.query<{ n: number }>(`SELECT count(*)::int AS n FROM documents`))[0]!.n);

  function patient(overrides: Partial<PatientDoc> = {}): PatientDoc & { _deleted: boolean } {
    return {
      ...samplePatient({
        id: '0190d9a0-0000-7000-8000-00000000a001',
        orgId: demoCentreId,
        createdBy: '王丽华',
        createdAt: '2026-11-23T01:00:00.000Z',
        updatedAt: '2026-11-23T01:00:00.000Z',
        ...overrides,
      }),
      _deleted: false,
    };
  }

  beforeAll(async () => {
    store = await open();
    await migrate(store);
    await seedDemo(store, { residents: 50 });
    app = buildPlatform({ store, tokenSecret, loginRateLimitPerMinute: 1000 });
    for (const who of ['reg01', 'doc01', 'spec01', 'admin01']) tokens[who] = await signIn(who);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  describe('pull', () => {
    it('gives a centre desk its residents in batches, by platform sequence', async () => {
      const first = (await pull('reg01', 0, 20)).json() as PullResponse;
      expect(first.documents).toHaveLength(20);
      const second = (await pull('reg01', first.checkpoint.seq, 1000)).json() as PullResponse;
      expect(second.documents).toHaveLength(30);
      expect(second.checkpoint.seq).toBeGreaterThan(first.checkpoint.seq);
      const last = (await pull('reg01', second.checkpoint.seq)).json() as PullResponse;
      expect(last).toEqual({ documents: [], checkpoint: second.checkpoint });
    });

    it('shows a hospital none of the centre’s unshared residents', async () => {
      const response = await pull('spec01');
      expect(response.statusCode).toBe(200);
      expect((response.json() as PullResponse).documents).toEqual([]);
    });

    it('shows a hospital a resident the centre shared with it', async () => {
      const shared = patient({
        id: '0190d9a0-0000-7000-8000-00000000a0ff',
        idNumber: '120104197506150031',
        name: '曾小明',
        birthDate: '1975-06-15',
        sharedWith: [demoHospitalId],
      });
      expect((await push('reg01', [{ newDocumentState: shared }])).json()).toEqual({
        conflicts: [],
        rejected: [],
      });
      const seen = (await pull('spec01')).json() as PullResponse;
      expect(seen.documents.map((d) => d.id)).toEqual([shared.id]);
    });

    it.each([
      ['no token', {}, 401, 'auth.required'],
      ['a tampered token', { authorization: 'Bearer abc.def.ghi' }, 401, 'auth.invalidToken'],
    ])('refuses %s', async (_label, headers, status, code) => {
      const response = await app.inject({ method: 'GET', url: '/v1/patients/pull', headers });
      expect(response.statusCode).toBe(status);
      expect(response.json()).toMatchObject({ error: { code } });
    });

    it('refuses an unknown collection and a push-only direction', async () => {
      const response = await app.inject({ method: 'GET', url: '/v1/secrets/pull', headers: as('reg01') });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: 'sync.unknownCollection' } });
    });
  });

  describe('push', () => {
    it('stores a new resident and answers no conflicts', async () => {
      const before = await count();
      const response = await push('reg01', [{ newDocumentState: patient() }]);
      expect(response.json()).toEqual({ conflicts: [], rejected: [] });
      expect(await count()).toBe(before + 1);
    });

    it('returns the platform’s version when the desk’s assumed master is out of date', async () => {
      const base = patient();
      const edited = patient({ mobile: '13600001111', updatedAt: '2026-11-23T02:00:00.000Z' });
      expect((await push('reg01', [{ newDocumentState: edited, assumedMasterState: base }])).json()).toEqual({
        conflicts: [],
        rejected: [],
      });
      const stale = patient({ familyDoctor: '刘医生', updatedAt: '2026-11-23T02:30:00.000Z' });
      const response = (
        await push('doc01', [{ newDocumentState: stale, assumedMasterState: base }])
      ).json() as PushResponse;
      expect(response.conflicts).toHaveLength(1);
      expect(response.conflicts[0]).toMatchObject({ mobile: '13600001111', familyDoctor: '' });
    });

    it('rejects a document that breaks the rules, per field, storing nothing of it', async () => {
      const before = await count();
      const bad = patient({ id: '0190d9a0-0000-7000-8000-00000000a002', idNumber: '120101198001010013' });
      const html = patient({
        id: '0190d9a0-0000-7000-8000-00000000a003',
        idNumber: '120102199202280044',
        birthDate: '1992-02-28',
        sex: 'female',
        name: '<img src=x>',
      });
      const extra = { ...patient({ id: '0190d9a0-0000-7000-8000-00000000a004' }), isAdmin: true };
      const response = (
        await push('reg01', [
          { newDocumentState: bad },
          { newDocumentState: html },
          { newDocumentState: extra },
        ])
      ).json() as PushResponse;
      expect(response.rejected).toEqual([
        { id: bad.id, errors: [{ field: 'idNumber', code: 'checksum' }] },
        { id: html.id, errors: [{ field: 'name', code: 'nameCharacters' }] },
        { id: extra.id, errors: [expect.objectContaining({ code: 'schema' })] },
      ]);
      expect(await count()).toBe(before);
    });

    it('refuses a forged organisation outright, stores nothing and audits it', async () => {
      const before = await count();
      const forged = patient({ id: '0190d9a0-0000-7000-8000-00000000a005', orgId: demoHospitalId });
      const response = await push('reg01', [
        {
          newDocumentState: patient({
            id: '0190d9a0-0000-7000-8000-00000000a006',
            idNumber: '120105198003120210',
            birthDate: '1980-03-12',
          }),
        },
        { newDocumentState: forged },
      ]);
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ error: { code: 'sync.forbiddenOrganisation' } });
      expect(await count()).toBe(before);
      const audit = await store.query<{ action: string; record_id: string }>(
        `SELECT action, record_id FROM audit_events WHERE action = 'sync.forbiddenWrite'`,
      );
      expect(audit).toContainEqual({ action: 'sync.forbiddenWrite', record_id: forged.id });
    });

    it('does not let a hospital take over a centre resident by claiming it', async () => {
      const response = await push('spec01', [{ newDocumentState: patient({ orgId: demoHospitalId }) }]);
      expect(response.statusCode).toBe(403);
    });

    it('refuses roles without write permission, malformed rows and oversized bodies', async () => {
      expect((await push('admin01', [{ newDocumentState: patient() }])).statusCode).toBe(403);
      const malformed = await push('reg01', { rows: 'no' });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json()).toMatchObject({ error: { code: 'request.invalid' } });
      const huge = [{ newDocumentState: patient({ allergies: ['x'.repeat(60)] }) }];
      const big = await push(
        'reg01',
        Array.from({ length: 900 }, () => huge[0])
          .concat(huge)
          .map((r) => ({ ...r, pad: 'y'.repeat(1200) })),
      );
      expect(big.statusCode).toBe(413);
    });
  });
});

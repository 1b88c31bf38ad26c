/**
 * The directory: derived from the platform's tables, written once per change, and pulled by every
 * desk within the ordinary scope rule — own organisation's people and departments, every place.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryEntry } from '../../shared/directory/schema';
import type { PullResponse } from '../../shared/sync/protocol';
import type { Store } from '../db/store';
import { buildPlatform } from '../http/app';
import { accessTokenOf } from '../testing/signIn';
import {
  demoAccounts,
  demoCentreId,
  demoDepartments,
  demoHospitalId,
  demoOrganisations,
  demoTransplantCentreId,
  seedDemo,
} from '../seed/demo';
import { openTestStore } from '../testing/backends';
import { directoryEntries, refreshDirectory } from './directory';

const tokenSecret = 'test-secret-test-secret-test-secret-0123';

describe('directoryEntries', () => {
  it('shares each organisation with every other one, and people and departments with nobody', () => {
    const entries = directoryEntries(
      [
        { id: 'org-b', name: '医院', kind: 'hospital', level: 3, parent_id: null },
        { id: 'org-a', name: '中心', kind: 'chc', level: null, parent_id: 'org-b' },
        { id: 'org-c', name: '中心二', kind: 'chc', level: null, parent_id: 'org-b' },
      ],
      [{ id: 'dept-1', org_id: 'org-b', name: '心内科' }],
      [{ id: 'staff-1', org_id: 'org-a', username: 'u1', display_name: '王一', role: 'doctor' }],
    );
    expect(entries).toEqual<DirectoryEntry[]>([
      {
        id: 'org-a',
        kind: 'organisation',
        name: '中心',
        orgId: 'org-a',
        sharedWith: ['org-b', 'org-c'],
        organisationKind: 'chc',
        parentOrg: 'org-b',
      },
      {
        id: 'org-b',
        kind: 'organisation',
        name: '医院',
        orgId: 'org-b',
        sharedWith: ['org-a', 'org-c'],
        organisationKind: 'hospital',
        level: 3,
      },
      expect.objectContaining({ id: 'org-c', sharedWith: ['org-a', 'org-b'] }),
      {
        id: 'dept-1',
        kind: 'department',
        name: '心内科',
        orgId: 'org-b',
        sharedWith: [],
        parentOrg: 'org-b',
      },
      {
        id: 'staff-1',
        kind: 'staff',
        name: '王一',
        orgId: 'org-a',
        sharedWith: [],
        role: 'doctor',
        displayName: '王一',
        username: 'u1',
      },
    ]);
  });
});

describe('directory documents on the platform', () => {
  let store: Store;
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};
  const lastSeq = async () =>
    Number((await store.query<{ seq: number }>(`SELECT max(server_seq) AS seq FROM documents`))[0]!.seq);
  const directoryRows = () =>
    store.query<{ id: string; deleted: boolean; data: DirectoryEntry }>(
      `SELECT id, deleted, data FROM documents WHERE collection = 'directory' ORDER BY id`,
    );
  const pull = async (who: string) => {
    const response = await app.inject({
      method: 'GET',
      url: '/v1/directory/pull?seq=0&limit=1000',
      headers: { authorization: `Bearer ${tokens[who]}` },
    });
    expect(response.statusCode).toBe(200);
    return response.json() as PullResponse<DirectoryEntry & { _deleted: boolean }>;
  };

  beforeAll(async () => {
    store = await openTestStore();
    await seedDemo(store, { residents: 20 });
    app = buildPlatform({ store, tokenSecret, loginRateLimitPerMinute: 1000 });
    for (const who of ['reg01', 'spec01']) tokens[who] = await accessTokenOf(app, who);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('is written by the seed: every organisation, their departments and staff, no secrets', async () => {
    const rows = await directoryRows();
    expect(rows).toHaveLength(demoOrganisations.length + demoDepartments.length + demoAccounts.length);
    expect(rows.every((r) => !r.deleted)).toBe(true);
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/argon2|password|hash/i);
    expect(rows.find((r) => r.id === 'staff-reg01')?.data).toEqual({
      id: 'staff-reg01',
      kind: 'staff',
      name: '王丽华',
      orgId: demoCentreId,
      sharedWith: [],
      role: 'registrar',
      displayName: '王丽华',
      username: 'reg01',
    });
  });

  it('seeds idempotently, and backfills a district seeded before the directory existed', async () => {
    const before = await lastSeq();
    expect((await seedDemo(store, { residents: 20 })).created).toBe(false);
    expect(await lastSeq()).toBe(before);

    await store.query(`DELETE FROM documents WHERE collection = 'directory'`);
    await seedDemo(store, { residents: 20 });
    expect(await directoryRows()).toHaveLength(
      demoOrganisations.length + demoDepartments.length + demoAccounts.length,
    );
  });

  it('rewrites only what changed, and marks removed entries deleted once', async () => {
    await store.query(`UPDATE organisations SET name = '区第二人民医院（东院）' WHERE id = $1`, [
      demoHospitalId,
    ]);
    await store.query(`DELETE FROM departments WHERE id = 'dept-hosp-neurology'`);
    const { written, skipped } = await store.transaction((tx) => refreshDirectory(tx, new Date()));
    expect(skipped).toEqual([]);
    expect(written.map((w) => [w.document.id, w.document._deleted])).toEqual([
      [demoHospitalId, false],
      ['dept-hosp-neurology', true],
    ]);
    expect(written[0]!.sharedWith).toEqual([demoCentreId, demoTransplantCentreId]);
    expect((await store.transaction((tx) => refreshDirectory(tx, new Date()))).written).toEqual([]);
  });

  it('leaves out an entry desks would refuse instead of failing', async () => {
    await store.query(
      `INSERT INTO staff (id, org_id, username, display_name, role, password_hash)
       VALUES ('staff-long', $1, 'long01', $2, 'nurse', 'x')`,
      [demoCentreId, '名'.repeat(51)],
    );
    const { written, skipped } = await store.transaction((tx) => refreshDirectory(tx, new Date()));
    expect(written).toEqual([]);
    expect(skipped).toEqual([{ id: 'staff-long', errors: [{ field: 'displayName', code: 'schema' }] }]);
  });

  it('gives a centre desk its own people and departments and every organisation', async () => {
    const { documents } = await pull('reg01');
    const live = documents.filter((d) => !d._deleted);
    expect(
      live
        .filter((d) => d.kind === 'organisation')
        .map((d) => d.id)
        .sort(),
    ).toEqual([demoCentreId, demoHospitalId, demoTransplantCentreId]);
    expect(live.filter((d) => d.kind !== 'organisation').every((d) => d.orgId === demoCentreId)).toBe(true);
    expect(live.filter((d) => d.kind === 'staff')).toHaveLength(
      demoAccounts.filter((a) => a.orgId === demoCentreId).length,
    );
    expect(live.filter((d) => d.kind === 'department').map((d) => d.name)).toEqual([
      '全科诊室',
      '护理站',
      '预防保健科',
    ]);
  });

  it('gives a hospital desk its own people and departments and every organisation', async () => {
    const { documents } = await pull('spec01');
    const byKind = (kind: string) =>
      documents
        .filter((d) => d.kind === kind && !d._deleted)
        .map((d) => d.id)
        .sort();
    expect(byKind('organisation')).toEqual([demoCentreId, demoHospitalId, demoTransplantCentreId]);
    expect(byKind('staff')).toEqual(['staff-spec01', 'staff-spec02']);
    expect(byKind('department')).toEqual(['dept-hosp-cardiology', 'dept-hosp-endocrinology']);
    // The department removed above reaches the hospital as a deletion, and only the hospital.
    expect(documents.find((d) => d.id === 'dept-hosp-neurology')?._deleted).toBe(true);
  });

  it('pages through own and shared entries in platform order, each once', async () => {
    const whole = (await pull('spec01')).documents.map((d) => d.id);
    const paged: string[] = [];
    let seq = 0;
    for (let page = 0; page < 20; page++) {
      const response = await app.inject({
        method: 'GET',
        url: `/v1/directory/pull?seq=${seq}&limit=2`,
        headers: { authorization: `Bearer ${tokens.spec01}` },
      });
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      const body = response.json() as PullResponse;
      if (!body.documents.length) {
        expect(body.checkpoint.seq).toBe(seq);
        break;
      }
      expect(body.checkpoint.seq).toBeGreaterThan(seq);
      paged.push(...body.documents.map((d) => d.id));
      seq = body.checkpoint.seq;
    }
    expect(paged).toEqual(whole);
    expect(new Set(paged).size).toBe(paged.length);
    // The centre's organisation entry (shared) sits among the hospital's own entries.
    expect(paged.indexOf(demoCentreId)).toBeGreaterThan(-1);
  });

  it('refuses pushes from desks, whatever the role', async () => {
    const entry = { id: 'staff-x', kind: 'staff', name: '假', orgId: demoCentreId, sharedWith: [] };
    const response = await app.inject({
      method: 'POST',
      url: '/v1/directory/push',
      headers: { authorization: `Bearer ${tokens.reg01}` },
      payload: [{ newDocumentState: { ...entry, _deleted: false } }],
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'sync.unknownCollection' } });
  });
});

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../testing/backends';
import { defaultMigrationsDir, migrate } from './migrate';
import type { Store } from './store';

describe.each(testBackends)('store on $name', ({ name, open }) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(() => store.close());

  it('reports its kind', () => {
    expect(store.kind).toBe(name);
  });

  it('returns the same JavaScript types on every backend', async () => {
    const [row] = await store.query<Record<string, unknown>>(
      `SELECT 9007199254740991::int8 AS big, now() AS at, ARRAY['a', 'b"c']::text[] AS list,
              '{"k": [1, 2]}'::jsonb AS doc, $1::text[] AS param_list, $2::jsonb AS param_doc`,
      [['x', 'y'], JSON.stringify([1, { z: 2 }])],
    );
    expect(row).toEqual({
      big: 9007199254740991,
      at: expect.any(Date),
      list: ['a', 'b"c'],
      doc: { k: [1, 2] },
      param_list: ['x', 'y'],
      param_doc: [1, { z: 2 }],
    });
  });

  it('migrates once and then finds nothing to do', async () => {
    expect((await migrate(store)).applied).toEqual([
      '001_init',
      '002_departments',
      '003_shared_with_gin_fastupdate',
      '004_number_leases',
      '005_platform_seal',
      '006_staff_status',
      '007_platform_audit',
      '008_sessions',
      '009_document_removals',
      '010_desk_credentials',
      '011_session_origin',
      '012_daily_ticket_series',
      '013_grants',
    ]);
    expect((await migrate(store)).applied).toEqual([]);
    const tables = await store.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = current_schema() ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual([
      'audit_checkpoints',
      'audit_events',
      'auth_sessions',
      'departments',
      'desk_contacts',
      'desk_credentials',
      'document_removals',
      'document_versions',
      'documents',
      'grants',
      'login_address_blocks',
      'login_throttles',
      'number_leases',
      'number_series',
      'organisations',
      'platform_keys',
      'pull_log',
      'refresh_tokens',
      'schema_migrations',
      'staff',
    ]);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await store.transaction((tx) =>
      tx.query("INSERT INTO organisations (id, name, kind) VALUES ('org-a', 'A', 'chc')"),
    );
    await expect(
      store.transaction(async (tx) => {
        await tx.query("INSERT INTO organisations (id, name, kind) VALUES ('org-b', 'B', 'chc')");
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const ids = await store.query<{ id: string }>(
      "SELECT id FROM organisations WHERE id IN ('org-a', 'org-b')",
    );
    expect(ids).toEqual([{ id: 'org-a' }]);
  });

  it('refuses values outside the check constraints', async () => {
    await expect(
      store.query("INSERT INTO organisations (id, name, kind) VALUES ('org-c', 'C', 'pharmacy')"),
    ).rejects.toThrow();
    await expect(
      store.query(
        `INSERT INTO staff (id, org_id, username, display_name, role, password_hash)
         VALUES ('s1', 'org-a', 'u1', 'U', 'janitor', 'x')`,
      ),
    ).rejects.toThrow();
  });

  it('numbers documents with a rising, unique server sequence', async () => {
    const rows = await store.query<{ server_seq: number; shared_with: string[]; deleted: boolean }>(
      `INSERT INTO documents (collection, id, org_id, data)
       VALUES ('patients', 'p1', 'org-a', '{}'), ('patients', 'p2', 'org-a', '{}')
       RETURNING server_seq, shared_with, deleted`,
    );
    expect(rows[1]!.server_seq).toBeGreaterThan(rows[0]!.server_seq);
    expect(rows[0]).toMatchObject({ shared_with: [], deleted: false });
    await expect(
      store.query(
        "INSERT INTO documents (collection, id, org_id, data) VALUES ('patients', 'p1', 'org-a', '{}')",
      ),
    ).rejects.toThrow();
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit events', async () => {
    await store.query(
      `INSERT INTO audit_events (id, action, at, prev_hash, hash) VALUES ('a1', 'test', now(), 'x', 'y')`,
    );
    await expect(store.query("UPDATE audit_events SET action = 'other'")).rejects.toThrow(/append-only/);
    await expect(store.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    await expect(store.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    expect(await store.query('SELECT action FROM audit_events')).toEqual([{ action: 'test' }]);
  });

  it('stops when an applied migration was edited', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'clinicdesk-migrations-'));
    try {
      const original = await readFile(join(defaultMigrationsDir, '001_init.sql'), 'utf8');
      await writeFile(join(dir, '001_init.sql'), `${original}\n-- edited`);
      await expect(migrate(store, dir)).rejects.toThrow(/001_init was changed/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

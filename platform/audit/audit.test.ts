import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate';
import type { Store } from '../db/store';
import { testBackends } from '../testing/backends';
import { appendAudit, auditHash, genesisHash, recordAudit, verifyAuditChain } from './audit';
import { canonicalJson } from '../../shared/json/canonicalJson';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe.each(testBackends)('audit chain on $name', ({ open }) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await migrate(store);
  });
  afterAll(() => store.close());

  it('links each event to the one before it', async () => {
    const first = await recordAudit(store, {
      action: 'auth.login',
      orgId: 'org-a',
      actorId: 'staff-1',
      details: { ip: '10.0.0.8', nested: { b: 2, a: 1 } },
    });
    const second = await recordAudit(store, {
      action: 'patient.read',
      orgId: 'org-a',
      actorId: 'staff-1',
      collection: 'patients',
      recordId: 'p-1',
    });
    expect(first.prevHash).toBe(genesisHash);
    expect(second.prevHash).toBe(first.hash);
    expect(first.hash).toBe(auditHash(genesisHash, first));
    expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 2 });
  });

  it('keeps a valid chain under concurrent appends', async () => {
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        store.transaction((tx) =>
          appendAudit(tx, {
            action: 'test.concurrent',
            orgId: 'org-a',
            actorId: `staff-${i}`,
            details: { i },
          }),
        ),
      ),
    );
    expect(await verifyAuditChain(store, 7)).toEqual({ ok: true, count: 27 });
  });

  it('reports the first altered, forged or missing row once the trigger is out of the way', async () => {
    const rows = await store.query<{ seq: number; hash: string; details: object }>(
      'SELECT seq, hash, details FROM audit_events ORDER BY seq',
    );
    const target = rows[5]!;
    const restore = () =>
      store.query('UPDATE audit_events SET details = $2::jsonb, hash = $3 WHERE seq = $1', [
        target.seq,
        JSON.stringify(target.details),
        target.hash,
      ]);
    // Only a superuser could do this in production; the chain is what catches it.
    await store.exec('DROP TRIGGER audit_events_no_update_delete ON audit_events');

    await store.query(`UPDATE audit_events SET details = '{"i": 999}' WHERE seq = $1`, [target.seq]);
    expect(await verifyAuditChain(store)).toEqual({ ok: false, brokenAt: target.seq });
    await restore();
    expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 27 });

    // Recomputing the altered row's own hash moves the break to the next row's link.
    const [row] = await store.query<{
      id: string;
      at: Date;
      action: string;
      actor_id: string;
      prev_hash: string;
    }>('SELECT id, at, action, actor_id, prev_hash FROM audit_events WHERE seq = $1', [target.seq]);
    const forged = auditHash(row!.prev_hash, {
      id: row!.id,
      orgId: 'org-a',
      actorId: row!.actor_id,
      action: row!.action,
      collection: null,
      recordId: null,
      at: new Date(row!.at).toISOString(),
      details: { i: 999 },
    });
    await store.query(`UPDATE audit_events SET details = '{"i": 999}', hash = $2 WHERE seq = $1`, [
      target.seq,
      forged,
    ]);
    expect(await verifyAuditChain(store)).toEqual({ ok: false, brokenAt: rows[6]!.seq });
    await restore();

    await store.query('DELETE FROM audit_events WHERE seq = $1', [rows[10]!.seq]);
    expect(await verifyAuditChain(store)).toEqual({ ok: false, brokenAt: rows[11]!.seq });
  });
});

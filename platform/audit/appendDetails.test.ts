/**
 * Events appended one at a time and several at once go through the same batched insert: whatever
 * text a desk reports in an event's details (quotes, backslashes, braces, commas, the word NULL)
 * comes back from the database exactly as it was hashed, so the chain verifies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate';
import type { Store } from '../db/store';
import { databaseSetupTimeout, testBackends } from '../testing/backends';
import { appendAudit, appendAuditEvents, verifyAuditChain } from './audit';

const awkward = {
  quote: 'say "hello"',
  backslash: 'C:\\records\\2026',
  braces: '{a,b}',
  comma: 'one, two',
  word: 'NULL',
  chinese: '王丽华 ， 复诊',
  nested: { list: ['"', '\\', '}'], line: 'two\nlines\tand a tab' },
};

describe.each(testBackends)('audit details through the batched insert on $name', ({ open }) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await migrate(store);
  }, databaseSetupTimeout);
  afterAll(async () => store.close(), databaseSetupTimeout);

  it('stores awkward details as hashed, alone and in a batch, and the chain verifies', async () => {
    const one = await store.transaction((tx) =>
      appendAudit(tx, { action: 'test.one', orgId: null, actorId: null, details: awkward }),
    );
    const many = await store.transaction((tx) =>
      appendAuditEvents(tx, [
        { action: 'test.many', orgId: 'org-a', actorId: 'staff-1', details: awkward },
        { action: 'test.many', orgId: null, actorId: null, recordId: 'r-1', details: {} },
      ]),
    );
    expect(one.details).toEqual(awkward);
    // The chain's order is the table's order.
    expect(Number(many[0]!.seq)).toBe(Number(one.seq) + 1);
    expect(Number(many[1]!.seq)).toBe(Number(one.seq) + 2);
    const stored = await store.query<{ details: unknown }>('SELECT details FROM audit_events ORDER BY seq');
    expect(stored.map((row) => row.details)).toEqual([awkward, awkward, {}]);
    expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 3 });
  }, 30_000);
});

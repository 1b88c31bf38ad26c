import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../testing/memoryDb';
import { closeAfter, closeDatabase } from './lifecycle';

describe('closing the local database', () => {
  it('waits for the work registered on it (a stopping replication) before closing', async () => {
    const db = await openMemoryDatabase(['patients']);
    let finish = () => {};
    closeAfter(db, new Promise<void>((resolve) => (finish = resolve)));
    const closing = closeDatabase(db);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(db.closed).toBe(false);
    finish();
    await closing;
    expect(db.closed).toBe(true);
  });

  it('closes even when that work failed', async () => {
    const db = await openMemoryDatabase(['patients']);
    closeAfter(db, Promise.reject(new Error('network.offline')));
    await closeDatabase(db);
    expect(db.closed).toBe(true);
  });
});

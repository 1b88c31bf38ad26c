/**
 * Closing the local database only after whatever still uses it has let go. RxDB's replication,
 * when a request failed just before, waits for its retry on a timer of the collection; closing
 * the database clears those timers, so a replication cancelled after that never finishes, the
 * close never completes, and the same database cannot be opened again in the page (the next
 * sign-in would wait forever). Whoever stops work on a database registers the promise here, and
 * {@link closeDatabase} waits for it first.
 */
import type { ClinicDatabase as RxDatabase } from './database';

const pending = new WeakMap<RxDatabase, Set<Promise<unknown>>>();

/** Makes {@link closeDatabase} of `db` wait until `work` settles. */
export function closeAfter(db: RxDatabase, work: Promise<unknown>): void {
  let set = pending.get(db);
  if (!set) pending.set(db, (set = new Set()));
  const settled = work.catch(() => undefined);
  set.add(settled);
  void settled.then(() => set.delete(settled));
}

/** Closes `db` once the work registered with {@link closeAfter} has settled. */
export async function closeDatabase(db: RxDatabase): Promise<void> {
  await Promise.all(pending.get(db) ?? []);
  await db.close();
}

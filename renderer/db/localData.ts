/**
 * What this desk keeps of one organisation, and clearing it when the last person of that
 * organisation here signs out and asks for it (renderer/auth/SignOutButton.tsx).
 *
 * Per organisation the desk holds: its RxDB database (one IndexedDB database per collection and
 * RxDB's own), the outbox, the search index, the leased number blocks and the form drafts (Dexie
 * databases named after it, see app/Workspace.tsx `databaseNameFor`), the sync runs' marks in
 * localStorage (first sync, last sync), and per person who signed in here the offline verifier
 * with the sealed desk credential (auth/verifier.ts). Clearing removes all of it, and never while
 * the outbox holds a row the platform does not have: those would be lost for good.
 */
import { Dexie } from 'dexie';
import { removeRxDatabase, type RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { VerifierStore } from '../auth/verifier';
import { Outbox } from '../sync/outbox';

/** The Dexie databases kept beside an organisation's RxDB database, by suffix. */
export const companionSuffixes = ['-outbox', '-search', '-numbers', '-drafts'] as const;

/** Databases open in this page, by name, with what settles once each is closed again. */
const open = new Map<string, { closed: Promise<void>; release: () => void }>();

/**
 * Marks the database `name` open in this page until the returned function is called (after it
 * closed): clearing waits for that, since IndexedDB cannot delete a database still in use.
 */
export function holdOpen(name: string): () => void {
  let release = () => {};
  const closed = new Promise<void>((resolve) => (release = resolve));
  const entry = { closed, release: () => release() };
  open.set(name, entry);
  return () => {
    if (open.get(name) === entry) open.delete(name);
    entry.release();
  };
}

export interface ClearOptions {
  /** The desk's localStorage (sync marks). */
  storage: Pick<Storage, 'key' | 'removeItem' | 'length'>;
  verifiers: VerifierStore;
  /** RxDB's storage of the organisation's database (Dexie on IndexedDB in the app). */
  rxStorage?: RxStorage<unknown, unknown>;
  /** IndexedDB for the Dexie databases (tests pass fake-indexeddb's). */
  indexedDB?: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange };
}

/**
 * Whether IndexedDB database `idbName` belongs to RxDB database `name` under the Dexie storage
 * (`rxdb-dexie-<name>--<version>--<collection>`: collections, RxDB's own stores and its
 * replication state, which holds the last platform copy of each document; and its cross-tab
 * channel). Exact, so an organisation whose name starts with another's is never caught.
 */
function isRxDatabaseOf(name: string, idbName: string): boolean {
  // The channel RxDB's tabs talk through holds recent change events for a while.
  if (idbName === `pubkey.broadcast-channel-0-RxDB:|dexie|${name}`) return true;
  const prefix = `rxdb-dexie-${name}--`;
  if (!idbName.startsWith(prefix)) return false;
  return /^\d+--(_rxdb_internal|plugin-local-documents-[A-Za-z0-9]*|rx-replication-meta-[0-9a-f]+|[A-Za-z][A-Za-z0-9]*)$/.test(
    idbName.slice(prefix.length),
  );
}

export type ClearResult = { cleared: true } | { cleared: false; unsent: number };

/**
 * Removes this desk's data of organisation `orgId` (database `name`), unless rows of it are not on
 * the platform yet: then nothing is touched and the count of those rows is returned.
 */
export async function clearOrganisationData(
  orgId: string,
  name: string,
  { storage, verifiers, rxStorage, indexedDB }: ClearOptions,
): Promise<ClearResult> {
  await open.get(name)?.closed;
  const outbox = new Outbox(name, indexedDB);
  let unsent: number;
  try {
    unsent = await outbox.unsent();
  } finally {
    outbox.close();
  }
  if (unsent > 0) return { cleared: false, unsent };

  await removeRxDatabase(name, rxStorage ?? getRxStorageDexie(indexedDB), false);
  // RxDB's Dexie storage empties its databases but leaves them: delete them too.
  const factory = indexedDB?.indexedDB ?? globalThis.indexedDB;
  for (const info of await factory.databases()) {
    if (info.name && isRxDatabaseOf(name, info.name)) await new Dexie(info.name, indexedDB).delete();
  }
  for (const suffix of companionSuffixes) await new Dexie(`${name}${suffix}`, indexedDB).delete();
  // Sync marks are keyed `clinicdesk.<what>.<platform>|<organisation>` (app/App.tsx identifier).
  const marks: string[] = [];
  for (let i = 0; i < storage.length; i += 1) {
    const key = storage.key(i);
    if (key?.startsWith('clinicdesk.') && key.endsWith(`|${orgId}`)) marks.push(key);
  }
  for (const key of marks) storage.removeItem(key);
  for (const username of verifiers.usersOf(orgId)) verifiers.remove(username);
  return { cleared: true };
}

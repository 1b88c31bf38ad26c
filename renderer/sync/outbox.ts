/**
 * What this desk has written that the platform does not have yet, and what the platform refused.
 * Every document a push tries to send is marked pending first (so a write made offline shows as
 * "not yet on the platform" at once); a successful push clears the mark of exactly that version, a
 * refusal keeps the document with the platform's reasons.
 */
import { Dexie, liveQuery, type Table } from 'dexie';
import type { FieldError } from '../../shared/sync/collections';

export interface OutboxEntry {
  /** `collection/id` */
  key: string;
  collection: string;
  id: string;
  /** `updatedAt` of the version waiting to be accepted. */
  updatedAt: string;
  /** Set when the platform refused this version. */
  rejected?: FieldError[];
}

/**
 * A row the push holds back because it carries acts of someone other than the person signed in
 * (DESIGN.md §10: pushes go under their author). It goes up when its author signs in at this
 * desk with the platform reachable (renderer/sync/authorPush.ts).
 */
export interface WaitingEntry {
  /** `collection/id` */
  key: string;
  collection: string;
  id: string;
  /** Staff ids whose credentials the push needs. */
  authors: string[];
  /** Their names, as the sync indicator says them. */
  names: string[];
  /** What the platform held when the row started waiting (undefined: nothing). */
  assumed?: Record<string, unknown>;
}

export type RecordSyncState =
  { state: 'synced' } | { state: 'pending' } | { state: 'rejected'; errors: FieldError[] };

export class Outbox {
  private readonly db: Dexie & { entries: Table<OutboxEntry, string>; waiting: Table<WaitingEntry, string> };

  constructor(name: string, indexedDB?: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange }) {
    this.db = new Dexie(`${name}-outbox`, indexedDB) as Outbox['db'];
    this.db.version(1).stores({ entries: 'key, collection' });
    this.db.version(2).stores({ entries: 'key, collection', waiting: 'key, collection' });
  }

  /** The rows of `collection` with `ids` waiting for their authors, by id (one read for all). */
  async waitingFor(collection: string, ids: readonly string[]): Promise<Map<string, WaitingEntry>> {
    const found = await this.db.waiting.bulkGet(ids.map((id) => `${collection}/${id}`));
    return new Map(found.filter((entry) => entry !== undefined).map((entry) => [entry.id, entry]));
  }

  /** Every row waiting for its author. */
  waitingEntries(): Promise<WaitingEntry[]> {
    return this.db.waiting.toArray();
  }

  /** Holds rows back until their authors sign in here. */
  async wait(entries: WaitingEntry[]): Promise<void> {
    await this.db.waiting.bulkPut(entries);
  }

  /** Rows that no longer wait (sent under their author, or gone). */
  async stopWaiting(collection: string, ids: string[]): Promise<void> {
    await this.db.waiting.bulkDelete(ids.map((id) => `${collection}/${id}`));
  }

  /** Live list of the rows waiting for their authors. */
  waiting$() {
    return liveQuery(() => this.db.waiting.toArray());
  }

  /** Marks versions as sent but not yet accepted. */
  async markPending(collection: string, docs: { id: string; updatedAt: string }[]): Promise<void> {
    await this.db.entries.bulkPut(
      docs.map((d) => ({ key: `${collection}/${d.id}`, collection, id: d.id, updatedAt: d.updatedAt })),
    );
  }

  /**
   * Records the platform's answer for versions it was sent: accepted ones leave the outbox (unless
   * the desk has written a newer version meanwhile), refused ones stay with their reasons.
   */
  async settle(
    collection: string,
    accepted: { id: string; updatedAt: string }[],
    rejected: { id: string; updatedAt: string; errors: FieldError[] }[],
  ): Promise<void> {
    await this.db.transaction('rw', this.db.entries, async () => {
      for (const doc of accepted) {
        const key = `${collection}/${doc.id}`;
        const entry = await this.db.entries.get(key);
        if (entry && entry.updatedAt <= doc.updatedAt) await this.db.entries.delete(key);
      }
      for (const doc of rejected) {
        await this.db.entries.put({
          key: `${collection}/${doc.id}`,
          collection,
          id: doc.id,
          updatedAt: doc.updatedAt,
          rejected: doc.errors,
        });
      }
    });
  }

  /**
   * Live count of pending and refused versions of `collection`, or of every collection when none
   * is named (the header's count: residents, walk-ins, consultations, slips, audit events alike).
   */
  counts$(collection?: string) {
    return liveQuery(async () => {
      const all = await (collection === undefined
        ? this.db.entries.toArray()
        : this.db.entries.where('collection').equals(collection).toArray());
      const rejected = all.filter((e) => e.rejected).length;
      return { pending: all.length - rejected, rejected };
    });
  }

  /** Live map of the records of `collection` that are not (yet) on the platform. */
  entries$(collection: string) {
    return liveQuery(async () => {
      const all = await this.db.entries.where('collection').equals(collection).toArray();
      return new Map(all.map((e) => [e.id, e]));
    });
  }

  /** Live sync state of one record. */
  state$(collection: string, id: string) {
    return liveQuery(async (): Promise<RecordSyncState> => {
      const entry = await this.db.entries.get(`${collection}/${id}`);
      if (!entry) return { state: 'synced' };
      return entry.rejected ? { state: 'rejected', errors: entry.rejected } : { state: 'pending' };
    });
  }

  /**
   * How many rows this desk holds that the platform does not have: pending, refused, or waiting
   * for their author. Clearing the desk's data is refused while this is not 0.
   */
  async unsent(): Promise<number> {
    const [entries, waiting] = await Promise.all([this.db.entries.count(), this.db.waiting.count()]);
    return entries + waiting;
  }

  close(): void {
    this.db.close();
  }
}

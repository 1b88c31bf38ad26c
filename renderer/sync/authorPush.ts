/**
 * The push side of the sync engine, under the author (DESIGN.md §10): on a shared desk a row
 * carrying another person's signature, addendum, void, print or audit event is not sent with the
 * credentials of whoever is signed in (the platform refuses acts in someone else's name). It waits
 * in the outbox's `waiting` table, which the sync indicator shows (for whom, how many), and goes
 * up once its author signs in at this desk with the platform reachable. Which acts need whose
 * credentials is the pure rule of ./pushAuthors.ts; this module holds rows back, sends the others,
 * and sends the waiting ones later, recording every answer in the outbox.
 */
import type { RxCollection } from 'rxdb';
import {
  isSyncedCollection,
  syncedCollections,
  type SyncedCollectionName,
} from '../../shared/sync/collections';
import { pushResponseSchema, type PushResponse } from '../../shared/sync/protocol';
import type { Outbox, WaitingEntry } from './outbox';
import { mayPush, namesInRecord, pushAuthorsFor } from './pushAuthors';
import { checkedRequest, type SyncTransport } from './transport';

type Doc = Record<string, unknown> & { id: string; updatedAt?: string; _deleted: boolean };

/** What the push needs of the sync engine that runs it. */
export interface AuthorPushOptions {
  outbox: Outbox;
  transport: SyncTransport;
  /** The signed-in staff member; without one, nothing is held back. */
  staffId?: string;
  /** The desk's collections (a waiting row is sent as this desk holds it now). */
  collections: Record<string, RxCollection>;
  /** Whether this desk pushes `name` for the signed-in role. */
  pushes(name: SyncedCollectionName): boolean;
  /** Runs one request after the engine's back-off, recording success or failure. */
  attempt<T>(run: () => Promise<T>): Promise<T>;
  /** Aborts when the engine stops. */
  signal: AbortSignal;
}

/** Pushes rows of the signed-in person's acts; holds the others until their author is here. */
export class AuthorPush {
  constructor(private readonly options: AuthorPushOptions) {}

  /**
   * RxDB's push handler for collection `name`: sends the rows the signed-in person may push and
   * returns the platform's versions RxDB must take: conflicts, and rows stored with the
   * platform's stamps (a seal, receipts). The stamped ones come back like the platform's side of
   * a conflict, so this desk's copy carries the seal at once; the change stream cannot be relied
   * on for it, as a change arriving while this push is still being recorded is skipped as a local
   * edit in flight.
   */
  async push<R extends { newDocumentState: unknown; assumedMasterState?: unknown }>(
    name: SyncedCollectionName,
    collection: RxCollection,
    all: R[],
  ): Promise<Doc[]> {
    const rows = await this.holdBack(name, collection, all);
    if (!rows.length) return [];
    const response = await this.send(name, rows);
    return [...response.conflicts, ...(response.stamped ?? [])];
  }

  /**
   * Sends rows and records the platform's answer in the outbox: every row is pending until then;
   * accepted ones leave, refused ones stay with their reasons, conflicted ones stay pending.
   */
  private async send(
    name: SyncedCollectionName,
    rows: { newDocumentState: unknown; assumedMasterState?: unknown }[],
  ): Promise<PushResponse<Doc>> {
    const { outbox, transport } = this.options;
    const sent = rows.map((r) => {
      const doc = r.newDocumentState as Doc;
      return { id: doc.id, updatedAt: doc.updatedAt ?? '' };
    });
    await outbox.markPending(name, sent);
    // Checked before the outbox records anything of it (./transport.ts).
    const response = await this.options.attempt(
      async () =>
        (await checkedRequest(transport, pushResponseSchema, `/v1/${name}/push`, {
          method: 'POST',
          body: rows,
        })) as PushResponse<Doc>,
    );
    const refused = new Map(response.rejected.map((r) => [r.id, r.errors]));
    const conflicted = new Set(response.conflicts.map((c) => c.id));
    await outbox.settle(
      name,
      sent.filter((d) => !refused.has(d.id) && !conflicted.has(d.id)),
      sent.filter((d) => refused.has(d.id)).map((d) => ({ ...d, errors: refused.get(d.id)! })),
    );
    return response;
  }

  /**
   * Splits a push batch: rows whose acts are all the signed-in person's go (with what the
   * platform held when they started waiting, for rows that waited), the others wait in the
   * outbox for their authors. RxDB counts the held rows as pushed; {@link flush} sends them later.
   */
  private async holdBack<R extends { newDocumentState: unknown; assumedMasterState?: unknown }>(
    name: SyncedCollectionName,
    collection: RxCollection,
    rows: R[],
  ): Promise<R[]> {
    const { outbox, staffId: me } = this.options;
    if (me === undefined) return rows;
    const send: R[] = [];
    const held: WaitingEntry[] = [];
    const heldVersions: { id: string; updatedAt: string }[] = [];
    const released: string[] = [];
    const waitingNow = await outbox.waitingFor(
      name,
      rows.map((row) => (row.newDocumentState as Doc).id),
    );
    for (const row of rows) {
      const doc = row.newDocumentState as Doc;
      const waiting = waitingNow.get(doc.id);
      const assumed = waiting
        ? waiting.assumed
        : (row.assumedMasterState as Record<string, unknown> | undefined);
      const authors = pushAuthorsFor(name, doc, assumed);
      if (mayPush(authors, me)) {
        send.push(waiting ? { ...row, assumedMasterState: assumed } : row);
        if (waiting) released.push(doc.id);
        continue;
      }
      const names = await this.namesOf(collection, doc, authors);
      held.push({ key: `${name}/${doc.id}`, collection: name, id: doc.id, authors, names, assumed });
      heldVersions.push({ id: doc.id, updatedAt: doc.updatedAt ?? '' });
    }
    if (held.length) {
      // Not on the platform yet, as any unsent row: the record's mark says so.
      await outbox.markPending(name, heldVersions);
      await outbox.wait(held);
    }
    if (released.length) await outbox.stopWaiting(name, released);
    return send;
  }

  /** The names of `authors`: from the record itself, else the directory, else the id. */
  private async namesOf(collection: RxCollection, doc: Doc, authors: string[]): Promise<string[]> {
    const known = namesInRecord(doc);
    const directory = (collection.database.collections as Record<string, RxCollection | undefined>).directory;
    return Promise.all(
      authors
        .filter((id) => id !== this.options.staffId)
        .map(async (id) => {
          if (known.has(id)) return known.get(id)!;
          const entry = directory
            ? await directory
                .findOne(id)
                .exec()
                .catch(() => null)
            : null;
          const name = (entry?.toJSON() as { name?: unknown } | undefined)?.name;
          return typeof name === 'string' && name ? name : id;
        }),
    );
  }

  /**
   * Sends the rows that waited for the person now signed in, each as this desk holds it now,
   * against what the platform held when it started waiting. A conflict is resolved by the
   * collection's rule and sent again (the platform's answer comes back by the pull); a refusal is
   * kept in the outbox with its reasons, as for any push.
   */
  async flush(): Promise<void> {
    const { outbox, staffId: me, signal } = this.options;
    if (me === undefined) return;
    for (const entry of await outbox.waitingEntries()) {
      if (signal.aborted) return;
      if (!mayPush(entry.authors, me) || !isSyncedCollection(entry.collection)) continue;
      const name = entry.collection;
      if (!this.options.pushes(name)) continue;
      const local = await this.options.collections[name]?.findOne(entry.id).exec();
      if (local && !(await this.resend(name, entry, local.toJSON() as Doc))) return; // offline
      await outbox.stopWaiting(name, [entry.id]);
    }
  }

  /**
   * Pushes one waiting row (up to three rounds of conflict resolution), recording the answer in
   * the outbox; false when the platform could not be reached, so the row keeps waiting.
   */
  private async resend(name: SyncedCollectionName, entry: WaitingEntry, local: Doc): Promise<boolean> {
    let doc: Doc = { ...local, _deleted: false };
    let assumed = entry.assumed;
    for (let attempt = 0; attempt < 3; attempt++) {
      const row = { newDocumentState: doc, ...(assumed ? { assumedMasterState: assumed } : {}) };
      const response = await this.send(name, [row]).catch(() => null);
      if (!response) return false;
      const master = response.conflicts.find((c) => c.id === entry.id);
      if (!master) break;
      const definition = syncedCollections[name] as {
        resolve(input: unknown, now: Date): unknown;
        isEqual(a: unknown, b: unknown): boolean;
      };
      const resolved = definition.resolve(
        { assumedMasterState: assumed, newDocumentState: doc, realMasterState: master },
        new Date(),
      ) as Doc;
      if (definition.isEqual(resolved, master)) {
        const item = { id: entry.id, updatedAt: String(doc.updatedAt ?? '') };
        await this.options.outbox.settle(name, [item], []);
        break;
      }
      [doc, assumed] = [{ ...resolved, _deleted: false }, master];
    }
    return true;
  }
}

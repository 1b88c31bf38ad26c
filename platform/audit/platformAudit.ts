/**
 * The platform's own record of who wrote and who read residents and clinical records, whatever
 * the client reports about itself: a desk's audit events are its own word, while a client with
 * curl reports nothing. Two paths, priced differently:
 *
 * - Writes are rare and already serialised (documents lock): each accepted write appends its acts
 *   to the chain inside the push's transaction ({@link auditWrites}), so a write is never stored
 *   without its event.
 * - Pulls are the morning rush (hundreds of desks at once) and must not queue behind the chain's
 *   lock. Each pull that returned documents inserts one plain row into `pull_log` before its
 *   answer leaves ({@link recordPull}: no lock, one short statement); a flush (any platform
 *   process, every second or after a few hundred pulls) takes the rows no batch holds yet and
 *   appends one `sync.pulls` event carrying their digest ({@link flushPulls}). verify recomputes
 *   the digest, so a batched row changed or removed later is found.
 *
 * What a change stream delivers is read as surely as a pull (the desk stores it and never pulls
 * it), so each delivery of audited documents is noted the same way, as a pull of the sequence
 * range it carried (../sync/routes.ts). It is noted without holding up the fan-out, so unlike a
 * pull's, its row is committed just after the event went out.
 *
 * What a crash loses: nothing that was pulled; at most the stream deliveries of its last moment.
 * A pull's row is committed before its answer is sent; rows not yet in a batch stay in
 * `pull_log` and the next flush of any process takes them.
 * Until then (about a second) such a row is protected only by the table's append-only trigger,
 * not by the chain: someone holding the database account could remove it unnoticed in that window.
 */
import { createHash } from 'node:crypto';
import { actsOf, type ClinicalRecord } from '../../shared/sync/clinicalRecords';
import type { SyncedCollectionName } from '../../shared/sync/collections';
import type { ReplicatedDocument } from '../../shared/sync/protocol';
import { canonicalJson } from '../../shared/json/canonicalJson';
import { advisoryLocks } from '../db/locks';
import type { Queryable, Store } from '../db/store';
import { appendAuditEvents, type AuditEventInput } from './audit';

/** Collections holding residents or their care: their writes and pulls are audited. */
export const auditedCollections: ReadonlySet<SyncedCollectionName> = new Set<SyncedCollectionName>([
  'patients',
  'appointments',
  'encounters',
  'prescriptions',
  'observations',
  'carePlans',
]);

/** What one accepted write did to a record. */
export type WriteAct = 'create' | 'edit' | 'sign' | 'amend' | 'void' | 'print' | 'delete' | 'restore';

const clinical = new Set<SyncedCollectionName>(['encounters', 'prescriptions']);

/**
 * The acts a write of `next` over `previous` (undefined for a new record) performs: a removal or
 * a restore; otherwise create (amend when a new encounter revision supersedes a signed one) or
 * edit, and for clinical records each signature, void and print the write adds
 * (shared/sync/clinicalRecords `actsOf`). A write that only adds such an act is not also an edit.
 */
export function writeActsOf(
  collection: SyncedCollectionName,
  next: ReplicatedDocument,
  previous: ReplicatedDocument | undefined,
): WriteAct[] {
  if (next._deleted) return previous?._deleted ? ['edit'] : ['delete'];
  if (previous?._deleted) return ['restore'];
  const acts: WriteAct[] = [];
  if (!previous)
    acts.push(collection === 'encounters' && typeof next.supersedes === 'string' ? 'amend' : 'create');
  if (clinical.has(collection)) {
    const added = actsOf(
      next as unknown as ClinicalRecord,
      previous as unknown as ClinicalRecord | undefined,
    );
    for (const act of added) acts.push(act.kind);
  }
  return acts.length ? acts : ['edit'];
}

/** One stored write of a push, as the push's transaction saw it. */
export interface AuditedWrite {
  document: ReplicatedDocument;
  previous: ReplicatedDocument | undefined;
  seq: number;
}

/**
 * Appends `sync.<act>` events for the writes of one push, in its transaction (one take of the
 * chain's lock for the whole push). Collections outside {@link auditedCollections} are skipped.
 */
export async function auditWrites(
  tx: Queryable,
  collection: SyncedCollectionName,
  who: { orgId: string; staffId: string; deskId?: string | null },
  writes: readonly AuditedWrite[],
  now: Date,
): Promise<void> {
  if (!auditedCollections.has(collection) || !writes.length) return;
  const events: AuditEventInput[] = [];
  for (const { document, previous, seq } of writes)
    for (const act of writeActsOf(collection, document, previous))
      events.push({
        action: `sync.${act}`,
        orgId: who.orgId,
        actorId: who.staffId,
        collection,
        recordId: document.id,
        at: now,
        details: { desk: who.deskId ?? null, seq },
      });
  await appendAuditEvents(tx, events);
}

/** The size and end of a pull's answer, read from its JSON text without parsing the documents. */
export function pageSummary(text: string): { count: number; toSeq: number } {
  const marker = '"checkpoint":{"seq":';
  const at = text.lastIndexOf(marker);
  const toSeq = at < 0 ? NaN : Number.parseInt(text.slice(at + marker.length), 10);
  // Every document of an answer ends with its `"_deleted": …` flag (documents.ts documentText);
  // jsonb text escapes a quote inside a string, so the key cannot be spelt by a value.
  const count = text.split('"_deleted":').length - 1;
  return { count, toSeq };
}

/**
 * Who pulled what: the row {@link recordPull} writes. A pull gives its answer's JSON text; a
 * change stream's delivery, which a desk stores instead of pulling it, gives its count and end.
 */
export type PullRecord = {
  orgId: string;
  staffId: string;
  deskId?: string | null;
  collection: SyncedCollectionName;
  /** The checkpoint the pull asked from (for a delivery: just below its first document). */
  fromSeq: number;
  at: Date;
} & ({ text: string } | { count: number; toSeq: number });

/** The `pull_log` row of a pull worth noting, or null (not audited, or it returned nothing). */
function pullRow(pull: PullRecord): unknown[] | null {
  if (!auditedCollections.has(pull.collection)) return null;
  const { count, toSeq } = 'text' in pull ? pageSummary(pull.text) : pull;
  if (!count || !Number.isFinite(toSeq)) return null;
  return [
    pull.at.toISOString(),
    pull.orgId,
    pull.staffId,
    pull.deskId ?? null,
    pull.collection,
    pull.fromSeq,
    toSeq,
    count,
  ];
}

async function insertPullRows(db: Queryable, rows: readonly unknown[][]): Promise<void> {
  const column = (i: number) => rows.map((r) => r[i]);
  await db.query(
    `INSERT INTO pull_log (at, org_id, actor_id, desk_id, collection, from_seq, to_seq, count)
     SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[],
                          $6::bigint[], $7::bigint[], $8::int[])`,
    [0, 1, 2, 3, 4, 5, 6, 7].map(column),
  );
}

/**
 * Notes a pull of an audited collection in `pull_log` (one insert, no lock). A pull that returned
 * nothing disclosed nothing and is not noted. Resolves once the row is committed, so the caller
 * answers only a pull that left its trace.
 * @returns whether a row was written
 */
export async function recordPull(db: Queryable, pull: PullRecord): Promise<boolean> {
  const row = pullRow(pull);
  if (!row) return false;
  await insertPullRows(db, [row]);
  return true;
}

/**
 * {@link recordPull} with group commit, for one process: a pull's row is inserted at once when no
 * insert is running; pulls that arrive while one runs wait and go together in the next (one
 * statement for a morning rush's worth of pulls instead of one each). Every caller still resolves
 * only after its own row is committed, so nothing noted lives only in memory once answered: a
 * crash loses the rows of pulls not yet answered, and only those.
 */
export function pullRecorder(db: Queryable) {
  let waiting: { row: unknown[]; done: (error?: unknown) => void }[] = [];
  let running = false;
  const drain = async () => {
    running = true;
    while (waiting.length) {
      const batch = waiting;
      waiting = [];
      try {
        await insertPullRows(
          db,
          batch.map((w) => w.row),
        );
        for (const w of batch) w.done();
      } catch (error) {
        for (const w of batch) w.done(error ?? new Error('pull_log insert failed'));
      }
    }
    running = false;
  };
  /** Resolves with whether a row was written, once it is committed. */
  return (pull: PullRecord): Promise<boolean> => {
    const row = pullRow(pull);
    if (!row) return Promise.resolve(false);
    return new Promise<boolean>((resolve, reject) => {
      waiting.push({ row, done: (error) => (error === undefined ? resolve(true) : reject(error as Error)) });
      if (!running) void drain();
    });
  };
}

/** A `pull_log` row as the digest covers it. */
export interface PullLogRow {
  id: number;
  at: Date | string;
  org_id: string;
  actor_id: string;
  desk_id: string | null;
  collection: string;
  from_seq: number;
  to_seq: number;
  count: number;
}

export const pullLogColumns = 'id, at, org_id, actor_id, desk_id, collection, from_seq, to_seq, count';

/** sha256 over the canonical JSON of the rows, in id order: what a `sync.pulls` event holds. */
export function pullDigest(rows: readonly PullLogRow[]): string {
  const content = canonicalJson(
    rows.map((r) => ({
      id: Number(r.id),
      at: new Date(r.at).toISOString(),
      orgId: r.org_id,
      actorId: r.actor_id,
      deskId: r.desk_id,
      collection: r.collection,
      fromSeq: Number(r.from_seq),
      toSeq: Number(r.to_seq),
      count: Number(r.count),
    })),
  );
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Covers the pulls no batch holds yet with one `sync.pulls` event (at most `limit` rows a call).
 * Safe from several processes at once: the batch is taken under the chain's lock, so a row joins
 * exactly one batch. Cheap when there is nothing to do (one indexed look, no lock).
 * @returns how many pulls the new batch covers (0 when none waited)
 */
export async function flushPulls(store: Store, now: Date, limit = 5000): Promise<number> {
  const [waiting] = await store.query('SELECT 1 FROM pull_log WHERE audit_seq IS NULL LIMIT 1');
  if (!waiting) return 0;
  return store.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [advisoryLocks.auditChain]);
    const rows = await tx.query<PullLogRow>(
      `SELECT ${pullLogColumns} FROM pull_log WHERE audit_seq IS NULL ORDER BY id LIMIT $1 FOR UPDATE`,
      [limit],
    );
    if (!rows.length) return 0;
    const [event] = await appendAuditEvents(tx, [
      {
        action: 'sync.pulls',
        orgId: null,
        actorId: null,
        at: now,
        details: {
          pulls: rows.length,
          firstId: Number(rows[0]!.id),
          lastId: Number(rows[rows.length - 1]!.id),
          documents: rows.reduce((sum, r) => sum + Number(r.count), 0),
          digest: pullDigest(rows),
        },
      },
    ]);
    await tx.query('UPDATE pull_log SET audit_seq = $1 WHERE id = ANY ($2)', [
      event!.seq,
      rows.map((r) => r.id),
    ]);
    return rows.length;
  });
}

/**
 * Flushes pulls in the background of one platform process: every `intervalMs`, and sooner when
 * `eager` pulls were noted here since the last flush. Errors are kept for the next tick (the rows
 * wait in the table). `close()` stops the timer and flushes once more.
 */
export function startPullAuditor(
  store: Store,
  now: () => Date,
  { intervalMs = 1000, eager = 1000 }: { intervalMs?: number; eager?: number } = {},
) {
  let noted = 0;
  let running: Promise<unknown> | null = null;
  const flush = () => {
    if (running) return running;
    noted = 0;
    running = flushPulls(store, now())
      .catch(() => 0)
      .finally(() => (running = null));
    return running;
  };
  const timer = setInterval(() => void flush(), intervalMs);
  timer.unref();
  return {
    /** A pull was noted; flush early when many have been. */
    noted() {
      if (++noted >= eager) void flush();
    },
    /** Waits for any running flush, then flushes what is left. */
    async flush() {
      await running;
      await flushPulls(store, now());
    },
    /** Stops the timer after flushing what is left. */
    async close() {
      clearInterval(timer);
      await running;
      await flushPulls(store, now()).catch(() => 0);
    },
  };
}

/** The documents and residents a noted pull answered, resolved through `document_versions`. */
export interface ResolvedPull {
  documentIds: string[];
  patientIds: string[];
}

/**
 * The documents of `collection` whose versions in (fromSeq, toSeq] the organisation could see:
 * every document the pull returned is among them. A document rewritten before the pull (its new
 * version after toSeq) is listed too, though the pull returned nothing of it: the list errs on
 * the side of naming a resident.
 */
export async function resolvePull(
  db: Queryable,
  pull: { orgId: string; collection: string; fromSeq: number; toSeq: number },
): Promise<ResolvedPull> {
  const rows = await db.query<{ id: string; patient_id: string | null }>(
    `SELECT DISTINCT id, patient_id FROM document_versions
      WHERE collection = $1 AND seq > $2 AND seq <= $3 AND (org_id = $4 OR $4 = ANY (shared_with))`,
    [pull.collection, pull.fromSeq, pull.toSeq, pull.orgId],
  );
  return {
    documentIds: [...new Set(rows.map((r) => r.id))].sort(),
    patientIds: [...new Set(rows.flatMap((r) => (r.patient_id ? [r.patient_id] : [])))].sort(),
  };
}

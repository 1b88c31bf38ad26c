/**
 * The audit trail: every sign-in, and later every chart read and every write, as one row of
 * `audit_events`. Rows form a hash chain — each row's hash covers the previous row's hash and
 * its own event — so a row altered or removed behind the platform's back (the table refuses
 * UPDATE and DELETE, but a superuser can drop the trigger) shows up in {@link verifyAuditChain}.
 */
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { advisoryLocks } from '../db/locks';
import type { Queryable, Store } from '../db/store';
import { canonicalJson, type JsonValue } from '../../shared/json/canonicalJson';

/** The `prev_hash` of the first event. */
export const genesisHash = '0'.repeat(64);

/** What a caller records. */
export interface AuditEventInput {
  /** e.g. `auth.login`, `auth.loginFailed`, `patient.read`. */
  action: string;
  /** The organisation the event belongs to; null when unknown (a sign-in with an unknown name). */
  orgId: string | null;
  /** The staff member who acted; null when unknown. */
  actorId: string | null;
  collection?: string | null;
  recordId?: string | null;
  details?: { [key: string]: JsonValue };
  /** Defaults to now. */
  at?: Date;
  /** Defaults to a fresh UUIDv7. */
  id?: string;
}

/** A stored event. */
export interface AuditEvent {
  seq: number;
  id: string;
  orgId: string | null;
  actorId: string | null;
  action: string;
  collection: string | null;
  recordId: string | null;
  at: string;
  details: { [key: string]: JsonValue };
  prevHash: string;
  hash: string;
}

type HashedFields = Omit<AuditEvent, 'seq' | 'prevHash' | 'hash'>;

/** `sha256(prevHash + canonicalJson(event))`, hex. */
export function auditHash(prevHash: string, event: HashedFields): string {
  const content = canonicalJson({
    id: event.id,
    orgId: event.orgId,
    actorId: event.actorId,
    action: event.action,
    collection: event.collection,
    recordId: event.recordId,
    at: event.at,
    details: event.details,
  });
  return createHash('sha256')
    .update(prevHash + content)
    .digest('hex');
}

/**
 * Appends one event to the chain. Must run inside a transaction (`store.transaction`): the
 * advisory lock it takes is held until commit, so concurrent appends queue and each one links to
 * the hash of the event committed before it. Use {@link recordAudit} outside a transaction.
 */
export async function appendAudit(tx: Queryable, input: AuditEventInput): Promise<AuditEvent> {
  const [event] = await appendAuditEvents(tx, [input]);
  return event!;
}

/**
 * Appends several events at once under one take of the chain's lock and one INSERT (a push of
 * many rows audits each write without a round trip per event). Inside a transaction, like
 * {@link appendAudit}. Returns the stored events in order.
 */
export async function appendAuditEvents(
  tx: Queryable,
  inputs: readonly AuditEventInput[],
): Promise<AuditEvent[]> {
  if (!inputs.length) return [];
  await tx.query('SELECT pg_advisory_xact_lock($1)', [advisoryLocks.auditChain]);
  const [last] = await tx.query<{ hash: string }>('SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1');
  let prevHash = last?.hash ?? genesisHash;
  const chained: (HashedFields & { prevHash: string; hash: string })[] = [];
  for (const input of inputs) {
    const event: HashedFields = {
      id: input.id ?? uuidv7(),
      orgId: input.orgId,
      actorId: input.actorId,
      action: input.action,
      collection: input.collection ?? null,
      recordId: input.recordId ?? null,
      // Millisecond ISO text survives timestamptz (microseconds) unchanged, so verify re-derives it.
      at: (input.at ?? new Date()).toISOString(),
      // Hash what jsonb will give back, not what the caller passed (no undefined, no Dates).
      details: JSON.parse(JSON.stringify(input.details ?? {})) as HashedFields['details'],
    };
    const hash = auditHash(prevHash, event);
    chained.push({ ...event, prevHash, hash });
    prevHash = hash;
  }
  const column = <K extends keyof (typeof chained)[number]>(key: K) => chained.map((e) => e[key]);
  // unnest keeps the array order, and bigserial draws in that order: seq follows the chain.
  const rows = await tx.query<{ seq: number; id: string }>(
    `INSERT INTO audit_events (id, org_id, actor_id, action, collection, record_id, at, details, prev_hash, hash)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                          $7::timestamptz[], $8::jsonb[], $9::text[], $10::text[])
     RETURNING seq, id`,
    [
      column('id'),
      column('orgId'),
      column('actorId'),
      column('action'),
      column('collection'),
      column('recordId'),
      column('at'),
      chained.map((e) => JSON.stringify(e.details)),
      column('prevHash'),
      column('hash'),
    ],
  );
  const seqOf = new Map(rows.map((r) => [r.id, r.seq]));
  return chained.map((e) => ({ seq: seqOf.get(e.id)!, ...e }));
}

/** {@link appendAudit} in a transaction of its own. */
export function recordAudit(store: Store, input: AuditEventInput): Promise<AuditEvent> {
  return store.transaction((tx) => appendAudit(tx, input));
}

export type AuditVerification = { ok: true; count: number } | { ok: false; brokenAt: number };

interface AuditRow {
  seq: number;
  id: string;
  org_id: string | null;
  actor_id: string | null;
  action: string;
  collection: string | null;
  record_id: string | null;
  at: Date | string;
  details: { [key: string]: JsonValue };
  prev_hash: string;
  hash: string;
}

/**
 * Walks the whole chain in order and recomputes every hash. `brokenAt` is the `seq` of the first
 * row whose `prev_hash` is not its predecessor's hash (a row before it was removed or reordered)
 * or whose hash does not match its content (the row was altered). Removing rows at the very end
 * leaves a valid shorter chain: compare `count` with an externally kept figure to catch that.
 */
export async function verifyAuditChain(
  store: Queryable,
  pageSize = 2000,
  visit?: (event: AuditEvent) => void,
): Promise<AuditVerification> {
  let expectedPrev = genesisHash;
  let afterSeq = 0;
  let count = 0;
  for (;;) {
    const rows = await store.query<AuditRow>(
      `SELECT seq, id, org_id, actor_id, action, collection, record_id, at, details, prev_hash, hash
       FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [afterSeq, pageSize],
    );
    for (const row of rows) {
      const recomputed = auditHash(row.prev_hash, {
        id: row.id,
        orgId: row.org_id,
        actorId: row.actor_id,
        action: row.action,
        collection: row.collection,
        recordId: row.record_id,
        at: new Date(row.at).toISOString(),
        details: row.details,
      });
      if (row.prev_hash !== expectedPrev || row.hash !== recomputed) return { ok: false, brokenAt: row.seq };
      visit?.({
        seq: row.seq,
        id: row.id,
        orgId: row.org_id,
        actorId: row.actor_id,
        action: row.action,
        collection: row.collection,
        recordId: row.record_id,
        at: new Date(row.at).toISOString(),
        details: row.details,
        prevHash: row.prev_hash,
        hash: row.hash,
      });
      expectedPrev = row.hash;
      count++;
    }
    if (rows.length < pageSize) return { ok: true, count };
    afterSeq = rows[rows.length - 1]!.seq;
  }
}

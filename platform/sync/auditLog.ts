/**
 * The `auditLog` store: pushed audit events are appended to the hash-chained `audit_events` table
 * (../audit/audit.ts), not kept as replicated documents, and are never pulled or streamed back.
 * Each event keeps the id the desk gave it, so a retried push is acknowledged without a second
 * row; an event may only be recorded by the signed-in staff member for the signed-in organisation.
 */
import type { AuditEventDoc } from '../../shared/audit/schema';
import { syncedCollections, type FieldError, type SyncedCollectionName } from '../../shared/sync/collections';
import type { PushRow } from '../../shared/sync/protocol';
import { appendAudit } from '../audit/audit';
import { advisoryLocks } from '../db/locks';
import type { Store } from '../db/store';
import type { PushResult, Scope } from './documents';
import { storageRefusal, writeRow } from './rowWrites';
import { schemaErrors } from './schemaValidator';
import { textErrors } from '../../shared/validation/text';

interface StoredEvent {
  id: string;
  org_id: string | null;
  actor_id: string | null;
  action: string;
  collection: string | null;
  record_id: string | null;
  at: Date | string;
}

/** Whether a stored row is the event a desk sent (a retry) rather than another with its id. */
const sameEvent = (row: StoredEvent, event: AuditEventDoc) =>
  row.org_id === event.orgId &&
  row.actor_id === event.actorId &&
  row.action === event.action &&
  row.collection === (event.recordCollection ?? null) &&
  row.record_id === (event.recordId ?? null) &&
  new Date(row.at).getTime() === new Date(event.at).getTime();

/** Why an event may not be recorded under this session, if it may not. */
function scopeErrors(event: Record<string, unknown>, scope: Scope, deleted: boolean): FieldError[] {
  const errors: FieldError[] = [];
  if (event.orgId !== scope.orgId) errors.push({ field: 'orgId', code: 'notSessionOrganisation' });
  if (event.actorId !== scope.staffId) errors.push({ field: 'actorId', code: 'notSessionStaff' });
  if (deleted) errors.push({ field: '_deleted', code: 'insertOnly' });
  return errors;
}

/**
 * Appends pushed events to the audit trail in one transaction. Rows that fail validation or were
 * made by someone else than the session's staff member come back rejected, nothing of them stored;
 * a row whose id is already in the trail with the same content is acknowledged as it is; one whose
 * id is taken by a different event is rejected (`id: duplicateId`). Never answers conflicts.
 */
export async function pushAuditEvents(
  store: Store,
  collection: SyncedCollectionName,
  scope: Scope,
  rows: PushRow[],
  now: Date,
): Promise<PushResult> {
  const definition = syncedCollections[collection];
  const result: PushResult = { conflicts: [], rejected: [], written: [] };
  const valid: AuditEventDoc[] = [];
  for (const row of rows) {
    const { _deleted, ...event } = row.newDocumentState;
    // Text or a date no database can store is refused first, by field (shared/validation/text.ts).
    const errors: FieldError[] = textErrors(event);
    if (!errors.length) errors.push(...schemaErrors(definition.schema, event));
    if (!errors.length) errors.push(...definition.check(event as never, now));
    errors.push(...scopeErrors(event, scope, _deleted));
    if (errors.length) result.rejected.push({ id: row.newDocumentState.id, errors });
    else valid.push(event as unknown as AuditEventDoc);
  }
  if (!valid.length) return result;

  await store.transaction(async (tx) => {
    // Taken before looking for the ids, so two copies of one retried push cannot both append.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [advisoryLocks.auditChain]);
    const stored = await tx.query<StoredEvent>(
      `SELECT id, org_id, actor_id, action, collection, record_id, at FROM audit_events WHERE id = ANY ($1)`,
      [valid.map((e) => e.id)],
    );
    const byId = new Map(stored.map((row) => [row.id, row]));
    for (const event of valid) {
      const existing = byId.get(event.id);
      if (existing) {
        if (!sameEvent(existing, event))
          result.rejected.push({ id: event.id, errors: [{ field: 'id', code: 'duplicateId' }] });
        continue;
      }
      // An event the database refuses is refused alone; the others are appended (./rowWrites).
      const appended = await writeRow(tx, () =>
        appendAudit(tx, {
          id: event.id,
          action: event.action,
          orgId: event.orgId,
          actorId: event.actorId,
          collection: event.recordCollection ?? null,
          recordId: event.recordId ?? null,
          at: new Date(event.at),
          // The desk's clock says when it happened; the platform's says when it learnt of it.
          details: { ...event.details, receivedAt: now.toISOString() },
        }),
      );
      if (!appended) {
        result.rejected.push({ id: event.id, errors: [storageRefusal] });
        continue;
      }
      byId.set(event.id, {
        id: event.id,
        org_id: event.orgId,
        actor_id: event.actorId,
        action: event.action,
        collection: event.recordCollection ?? null,
        record_id: event.recordId ?? null,
        at: event.at,
      });
    }
  });
  return result;
}

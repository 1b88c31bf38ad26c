/**
 * What the platform adds to a pushed clinical record (DESIGN.md §10, shared/clinical/seal.ts), in
 * the push's transaction, after the record passed its collection's rules:
 *
 * - Platform-written fields (`seal`, `receipts`) are the platform's alone: whatever the desk sent
 *   is replaced by what the platform holds ({@link keepPlatformFields}), before any check.
 * - Each act the write adds (a signature, a void, a print: shared/sync/clinicalRecords.ts
 *   `actsOf`) must carry a time the platform can believe ({@link actTime}): not in the future
 *   beyond the skew, and when in the past, later than the desk's last contact for that person.
 * - A signature gets the platform's seal: its receipt time, whether it was signed offline, and
 *   an Ed25519 signature over the record's hash, the signer and both times. A void or print gets
 *   a receipt with the same facts.
 *
 * Contact is kept per desk and person (`desk_contacts`): on a shared desk another person's pushes
 * say nothing about when this person's rows could have been sent, since rows wait for their
 * author (renderer/sync/authorPush.ts).
 */
import type { LockPolicy } from '../../shared/clinical/signature';
import { platformFields } from '../../shared/clinical/signature';
import type { PlatformReceipt } from '../../shared/clinical/seal';
import { encounterLockPolicy } from '../../shared/encounters/schema';
import { prescriptionLockPolicy } from '../../shared/prescriptions/schema';
import type { FieldError, SyncedCollectionName } from '../../shared/sync/collections';
import {
  actsOf,
  actTime,
  dedupeFieldErrors,
  type ClinicalRecord,
  type WriteContext,
} from '../../shared/sync/clinicalRecords';
import type { ReplicatedDocument } from '../../shared/sync/protocol';
import type { Queryable } from '../db/store';
import { sealWith, type SigningKey } from './platformKeys';

/** The lock policies of the collections the platform stamps. */
const stampedPolicies: Partial<Record<SyncedCollectionName, LockPolicy>> = {
  encounters: encounterLockPolicy,
  prescriptions: prescriptionLockPolicy,
};

/** The lock policy of `collection` when the platform stamps its records; undefined otherwise. */
export const stampedPolicyOf = (collection: SyncedCollectionName): LockPolicy | undefined =>
  stampedPolicies[collection];

/**
 * `doc` with its platform-written fields replaced by those of `previous` (removed when the
 * platform holds none): a desk never sets or changes them.
 */
export function keepPlatformFields(
  policy: LockPolicy,
  doc: ReplicatedDocument,
  previous: ReplicatedDocument | undefined,
): ReplicatedDocument {
  const kept: Record<string, unknown> = { ...doc };
  for (const field of platformFields(policy)) {
    if (previous && previous[field] !== undefined) kept[field] = previous[field];
    else delete kept[field];
  }
  return kept as ReplicatedDocument;
}

/**
 * Records a push from `deskId` by `staffId` at `now` and returns the end of the desk's last run
 * of pushes before it (null when it never pushed): pushes less than `gapMs` apart form one run,
 * so every batch of a desk's catch-up after being offline is judged against the same contact.
 */
export async function recordDeskContact(
  tx: Queryable,
  deskId: string,
  staffId: string,
  now: Date,
  gapMs = 2 * 60_000,
): Promise<Date | null> {
  const [row] = await tx.query<{ last_push_at: Date | string; offline_since: Date | string | null }>(
    'SELECT last_push_at, offline_since FROM desk_contacts WHERE desk_id = $1 AND staff_id = $2 FOR UPDATE',
    [deskId, staffId],
  );
  const last = row ? new Date(row.last_push_at) : null;
  const sameRun = last !== null && now.getTime() - last.getTime() <= gapMs && now >= last;
  const offlineSince = sameRun ? (row!.offline_since === null ? null : new Date(row!.offline_since)) : last;
  await tx.query(
    `INSERT INTO desk_contacts (desk_id, staff_id, last_push_at, offline_since) VALUES ($1, $2, $3, $4)
     ON CONFLICT (desk_id, staff_id) DO UPDATE SET
       last_push_at = GREATEST(desk_contacts.last_push_at, EXCLUDED.last_push_at),
       offline_since = EXCLUDED.offline_since`,
    [deskId, staffId, now.toISOString(), offlineSince?.toISOString() ?? null],
  );
  return offlineSince;
}

/** What a write of a clinical record needs checked beyond the two versions (the superseded one). */
export async function writeContextOf(
  tx: Queryable,
  collection: SyncedCollectionName,
  doc: ReplicatedDocument,
): Promise<WriteContext> {
  const supersedes = typeof doc.supersedes === 'string' ? doc.supersedes : null;
  if (!supersedes) return {};
  const [row] = await tx.query<{ data: ClinicalRecord }>(
    'SELECT data FROM documents WHERE collection = $1 AND id = $2 AND org_id = $3',
    [collection, supersedes, doc.orgId],
  );
  return row ? { superseded: row.data } : {};
}

/**
 * Checks the times of the acts `doc` adds to `previous` and stamps them: the seal for a
 * signature, a receipt for a void or print. Returns field errors (nothing is stored then), or the
 * document to store.
 */
export function stampActs(
  policy: LockPolicy,
  doc: ReplicatedDocument,
  previous: ReplicatedDocument | undefined,
  now: Date,
  offlineSince: Date | null,
  key: SigningKey,
): { errors: FieldError[] } | { doc: ReplicatedDocument } {
  const acts = actsOf(doc as unknown as ClinicalRecord, previous as unknown as ClinicalRecord | undefined);
  if (!acts.length) return { doc };
  const errors: FieldError[] = [];
  const stamped: Record<string, unknown> = { ...doc };
  const receipts: PlatformReceipt[] = [];
  const receivedAt = now.toISOString();
  for (const act of acts) {
    const time = actTime(act.at, now, offlineSince);
    if (time !== 'online' && time !== 'offline') {
      errors.push({ field: act.field, code: time });
      continue;
    }
    const offline = time === 'offline';
    if (act.kind === 'sign') {
      const signature = (doc as unknown as ClinicalRecord).signature!;
      stamped.seal = sealWith(key, {
        signer: act.by,
        signedAt: act.at,
        receivedAt,
        offline,
        hash: signature.hash,
      });
    } else receipts.push({ act: act.kind, by: act.by, at: act.at, receivedAt, offline });
  }
  if (errors.length) return { errors: dedupeFieldErrors(errors) };
  if (receipts.length && platformFields(policy).includes('receipts'))
    stamped.receipts = [...((previous?.receipts as PlatformReceipt[] | undefined) ?? []), ...receipts];
  return { doc: stamped as ReplicatedDocument };
}

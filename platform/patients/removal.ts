/**
 * An admin removes a resident from the registry, or brings one back, with a reason
 * (shared/patients/removal.ts): `POST /v1/admin/patients/:id/remove` and `/restore`, and the list
 * of removed residents `GET /v1/admin/patients/removed`, all needing `patient.delete`.
 *
 * A removal is the tombstone desks already understand (`deleted`), with a new sequence number so
 * every desk's next pull or stream drops the resident; the document keeps its data, so a restore
 * clears the flag, again with a new sequence number, and desks get the resident back as it was.
 * Both are appended to the audit chain in the same transaction, with the reason.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../shared/auth/roles';
import { patientRemovalRequestSchema, type RemovedPatient } from '../../shared/patients/removal';
import type { ReplicatedDocument } from '../../shared/sync/protocol';
import { appendAuditEvents, recordAudit } from '../audit/audit';
import type { AuthContext } from '../auth/accessTokens';
import { requireAuth } from '../auth/authenticate';
import { advisoryLocks } from '../db/locks';
import type { Store } from '../db/store';
import { parseBody, PlatformError } from '../http/errors';
import type { ChangeFeed } from '../sync/changeFeed';

export interface PatientRemovalOptions {
  store: Store;
  feed: ChangeFeed;
  now: () => Date;
}

const paramsSchema = z.object({ id: z.string().min(1).max(64) });

function requireRemover(request: FastifyRequest): AuthContext {
  const auth = requireAuth(request);
  if (!can(auth.role, 'patient.delete'))
    throw new PlatformError(
      403,
      'auth.forbidden',
      `The role ${auth.role} may not remove or restore residents.`,
    );
  return auth;
}

/**
 * Sets the resident's tombstone to `deleted` under the documents lock (so its new sequence number
 * commits in order), audits it, and returns what the change streams should see.
 * @throws PlatformError 404 `patient.notFound` (not this organisation's), 409 when already so
 */
async function setRemoved(
  store: Store,
  auth: AuthContext,
  id: string,
  deleted: boolean,
  reason: string,
  now: Date,
) {
  return store.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [advisoryLocks.documents]);
    const [current] = await tx.query<{ deleted: boolean; shared_with: string[] }>(
      `SELECT deleted, shared_with FROM documents
        WHERE collection = 'patients' AND id = $1 AND org_id = $2 FOR UPDATE`,
      [id, auth.orgId],
    );
    if (!current)
      throw new PlatformError(404, 'patient.notFound', 'There is no such resident in this organisation.');
    if (current.deleted === deleted)
      throw deleted
        ? new PlatformError(409, 'patient.alreadyRemoved', 'This resident was removed already.')
        : new PlatformError(409, 'patient.notRemoved', 'This resident is not removed.');
    const [stored] = await tx.query<{ data: Record<string, unknown>; server_seq: number }>(
      `UPDATE documents SET deleted = $3, server_seq = nextval('documents_seq'), server_updated_at = $4
        WHERE collection = 'patients' AND id = $1 AND org_id = $2
        RETURNING data, server_seq`,
      [id, auth.orgId, deleted, now.toISOString()],
    );
    await appendAuditEvents(tx, [
      {
        action: deleted ? 'patient.remove' : 'patient.restore',
        orgId: auth.orgId,
        actorId: auth.staffId,
        collection: 'patients',
        recordId: id,
        at: now,
        details: { reason, desk: auth.deskId ?? null, seq: stored!.server_seq },
      },
    ]);
    return {
      document: { ...stored!.data, _deleted: deleted } as ReplicatedDocument,
      checkpoint: { seq: stored!.server_seq },
      orgId: auth.orgId,
      sharedWith: current.shared_with,
    };
  });
}

export function registerPatientRemovalRoutes(
  app: FastifyInstance,
  { store, feed, now }: PatientRemovalOptions,
): void {
  const guarded = { preHandler: (request: FastifyRequest) => app.authenticate(request) };
  for (const [path, deleted] of [
    ['/v1/admin/patients/:id/remove', true],
    ['/v1/admin/patients/:id/restore', false],
  ] as const) {
    app.post(path, guarded, async (request) => {
      const auth = requireRemover(request);
      const { id } = parseBody(paramsSchema, request.params);
      const { reason } = parseBody(patientRemovalRequestSchema, request.body);
      const written = await setRemoved(store, auth, id, deleted, reason, now());
      feed.publish('patients', [written]);
      return { ok: true, checkpoint: written.checkpoint };
    });
  }

  app.get('/v1/admin/patients/removed', guarded, async (request): Promise<{ patients: RemovedPatient[] }> => {
    const auth = requireRemover(request);
    // The newest removal event of each removed resident gives who, when and why.
    const rows = await store.query<{
      id: string;
      name: string | null;
      outpatient_no: string | null;
      at: Date | string | null;
      actor_id: string | null;
      reason: string | null;
    }>(
      `SELECT d.id, d.data->>'name' AS name, d.data->>'outpatientNo' AS outpatient_no,
              e.at, e.actor_id, e.details->>'reason' AS reason
         FROM documents d
         LEFT JOIN LATERAL (
           SELECT at, actor_id, details FROM audit_events
            WHERE collection = 'patients' AND record_id = d.id AND action IN ('patient.remove', 'sync.delete')
            ORDER BY seq DESC LIMIT 1) e ON true
        WHERE d.collection = 'patients' AND d.org_id = $1 AND d.deleted
        ORDER BY d.server_seq DESC LIMIT 500`,
      [auth.orgId],
    );
    // The list names residents: the read is the platform's own event, as a pull is.
    await recordAudit(store, {
      action: 'patient.listRemoved',
      orgId: auth.orgId,
      actorId: auth.staffId,
      collection: 'patients',
      at: now(),
      details: { count: rows.length, desk: auth.deskId ?? null },
    });
    return {
      patients: rows.map((r) => ({
        id: r.id,
        name: r.name ?? '',
        outpatientNo: r.outpatient_no,
        removedAt: r.at ? new Date(r.at).toISOString() : '',
        removedBy: r.actor_id,
        reason: r.reason ?? '',
      })),
    };
  });
}

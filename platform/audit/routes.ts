/**
 * The platform's audit at run time: the pull batches and checkpoints running in the background of
 * this process, the signed chain head put on every push and pull answer, and
 * `GET /v1/admin/audit/verify` (admins only: `audit.verify`), which walks the whole trail
 * (./verify.ts). The optional `head` query names a head a desk kept, to be checked too.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../shared/auth/roles';
import type { SyncedCollectionName } from '../../shared/sync/collections';
import { requireAuth } from '../auth/authenticate';
import type { Store } from '../db/store';
import type { Delivery } from '../sync/changeFeed';
import { parseBody, PlatformError } from '../http/errors';
import { auditHeadHeader, headCache, parseHeaderValue, startCheckpoints } from './checkpoints';
import { pullRecorder, startPullAuditor } from './platformAudit';
import { verifyAudit, type AuditReport } from './verify';

export const auditVerifyPath = '/v1/admin/audit/verify';

export interface PlatformAuditOptions {
  store: Store;
  now: () => Date;
  /** Signs checkpoints and heads; null leaves both out (nothing to sign them with). */
  key: string | null;
  /** Where the newest checkpoint is kept outside the database. */
  checkpointFile?: string | null;
  checkpointIntervalMs?: number;
  pullFlushIntervalMs?: number;
}

/** What the sync routes call: note a pull, and put the head on an answer. */
export interface SyncAudit {
  /** Notes a pull's answer (`text`) before it is sent. */
  notePull(
    who: { orgId: string; staffId: string; deskId?: string | null },
    collection: SyncedCollectionName,
    fromSeq: number,
    text: string,
  ): Promise<void>;
  /**
   * Notes what a change stream delivered: the desk stores it and moves its checkpoint past it, so
   * no pull of it follows. Noted like a pull (same batched recorder, same `pull_log` row).
   */
  noteDelivery(
    who: { orgId: string; staffId: string; deskId?: string | null },
    collection: SyncedCollectionName,
    delivery: Delivery,
  ): Promise<void>;
  /** Sets the signed chain head header on `reply` (when a key signs heads). */
  stampHead(reply: FastifyReply): Promise<void>;
}

const verifyQuerySchema = z.object({ head: z.string().max(200).optional() });

/**
 * Starts the background work (stopped with the app) and registers the verify route on `app`.
 * @returns the hooks the sync routes use
 */
export function registerPlatformAudit(app: FastifyInstance, options: PlatformAuditOptions): SyncAudit {
  const { store, now, key } = options;
  const pulls = startPullAuditor(store, now, { intervalMs: options.pullFlushIntervalMs });
  const checkpoints = key
    ? startCheckpoints(store, key, now, {
        file: options.checkpointFile ?? undefined,
        intervalMs: options.checkpointIntervalMs,
      })
    : null;
  // Pulls first: their batch is a chain event the closing checkpoint then covers.
  app.addHook('onClose', async () => {
    await pulls.close();
    await checkpoints?.close();
  });
  const head = key ? headCache(store, key) : null;
  const recordPull = pullRecorder(store);

  const guarded = { preHandler: (request: FastifyRequest) => app.authenticate(request) };
  app.get(auditVerifyPath, guarded, async (request): Promise<AuditReport> => {
    const auth = requireAuth(request);
    if (!can(auth.role, 'audit.verify'))
      throw new PlatformError(403, 'auth.forbidden', `The role ${auth.role} may not verify the audit trail.`);
    const query = parseBody(verifyQuerySchema, request.query);
    const deskHead = query.head === undefined ? null : parseHeaderValue(query.head);
    if (query.head !== undefined && !deskHead)
      throw new PlatformError(400, 'request.invalid', 'The head must be <seq>.<hash>.<signature>.');
    // What waits for a batch is covered first, so the report speaks of every pull answered so far.
    await pulls.flush();
    return verifyAudit(store, {
      key,
      checkpointFile: options.checkpointFile ?? null,
      deskHeads: deskHead ? [deskHead] : [],
    });
  });

  return {
    async notePull(who, collection, fromSeq, text) {
      if (await recordPull({ ...who, collection, fromSeq, text, at: now() })) pulls.noted();
    },
    async noteDelivery(who, collection, { count, fromSeq, toSeq }) {
      if (await recordPull({ ...who, collection, fromSeq, count, toSeq, at: now() })) pulls.noted();
    },
    async stampHead(reply) {
      const value = await head?.();
      if (value) void reply.header(auditHeadHeader, value);
    },
  };
}

/**
 * `/v1/:collection/{pull,push,stream}` for every collection declared in shared/sync/collections,
 * and `/v1/stream`, one change stream for several collections (a desk's only one).
 * Each request is authenticated, checked against the role's permissions and the collection's
 * direction, and handed to the collection's store (./stores), which scopes it to the token's
 * organisation.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../shared/auth/roles';
import {
  isSyncedCollection,
  permissionFor,
  syncedCollections,
  type SyncedCollectionName,
} from '../../shared/sync/collections';
import {
  changeStreamPath,
  changeStreamQuerySchema,
  pullQuerySchema,
  pushRequestSchema,
  type ChangeStreamEvent,
  type PushResponse,
  type ReplicatedDocument,
  type StreamEvent,
} from '../../shared/sync/protocol';
import { disclosedTo } from '../../shared/sync/disclosure';
import { recordAudit } from '../audit/audit';
import type { SyncAudit } from '../audit/routes';
import { requireAuth } from '../auth/authenticate';
import type { AuthContext } from '../auth/accessTokens';
import type { SessionWatch } from '../auth/sessionWatch';
import type { Store } from '../db/store';
import { parseBody, PlatformError, redacted } from '../http/errors';
import type { ChangeFeed, Delivery } from './changeFeed';
import { ForbiddenOrganisationError } from './documents';
import { anyStorageRefusal, refusalsForLog } from './rowWrites';
import { storeFor } from './stores';

export interface SyncRouteOptions {
  store: Store;
  feed: ChangeFeed;
  now: () => Date;
  /** Seconds between SSE keep-alive comments (default 20). */
  heartbeatSeconds?: number;
  /** The platform's own audit of pulls, and the chain head on answers (../audit/routes.ts). */
  audit?: SyncAudit;
  /** Closes streams whose token expires or whose session ends (none closed when not given). */
  sessionWatch?: SessionWatch;
}

type Direction = 'pull' | 'push';

function collectionFor(
  request: FastifyRequest,
  direction: Direction,
  auth: AuthContext,
): SyncedCollectionName {
  const { collection } = request.params as { collection: string };
  return allowedCollection(collection, direction, auth);
}

/** `collection` when the token's role may replicate it by `direction`; a refusal otherwise. */
function allowedCollection(
  collection: string,
  direction: Direction,
  auth: AuthContext,
): SyncedCollectionName {
  if (!isSyncedCollection(collection)) {
    throw new PlatformError(
      404,
      'sync.unknownCollection',
      `There is no replicated collection "${collection}".`,
    );
  }
  const permission = permissionFor(syncedCollections[collection], direction);
  if (!permission || (direction === 'pull' && !storeFor(collection).pull)) {
    throw new PlatformError(
      404,
      'sync.unknownCollection',
      `"${collection}" does not replicate by ${direction}.`,
    );
  }
  if (!can(auth.role, permission)) {
    throw new PlatformError(
      403,
      'auth.forbidden',
      `The role ${auth.role} may not ${direction} ${collection}.`,
    );
  }
  return collection;
}

/** The collections a stream may carry: those that flow to desks, from a store that pulls. */
const streamable = (Object.keys(syncedCollections) as SyncedCollectionName[]).filter(
  (name) => permissionFor(syncedCollections[name], 'pull') && storeFor(name).pull,
);
const changeStreamQuery = changeStreamQuerySchema(streamable as [string, ...string[]]);

export function registerSyncRoutes(app: FastifyInstance, options: SyncRouteOptions): void {
  const { store, feed, now } = options;
  const guarded = { preHandler: (request: FastifyRequest) => app.authenticate(request) };
  const endOnStop = streamsEndedOnStop(app);

  /**
   * Serves one change stream of `collections` for the token's organisation and role, each event
   * as `tag` names it, every delivery noted in the platform's audit; it ends with the token or
   * session (../auth/sessionWatch.ts) and when the platform stops.
   */
  const serveChanges = (
    request: FastifyRequest,
    reply: FastifyReply,
    auth: AuthContext,
    collections: readonly SyncedCollectionName[],
    tag: (event: StreamEvent, collection: SyncedCollectionName) => StreamEvent | ChangeStreamEvent,
  ) => {
    openStream(
      reply,
      (send) => {
        const unsubscribes = collections.map((collection) => {
          const noteDelivery = deliveryNoter(options.audit, auth, collection, request);
          return feed.subscribe(
            collection,
            auth.orgId,
            (event, delivery) => {
              send(tag(event, collection));
              if (delivery) noteDelivery(delivery);
            },
            auth.role,
          );
        });
        return () => {
          for (const unsubscribe of unsubscribes) unsubscribe();
        };
      },
      options.heartbeatSeconds ?? 20,
    );
    endWithSession(options.sessionWatch, auth, reply);
    endOnStop(reply);
  };

  app.get('/v1/:collection/pull', guarded, async (request, reply) => {
    const auth = requireAuth(request);
    const collection = collectionFor(request, 'pull', auth);
    const query = parseBody(pullQuerySchema, request.query);
    // collectionFor answered 404 already for a store without pull.
    const text = await storeFor(collection).pull!(
      store,
      collection,
      { orgId: auth.orgId, staffId: auth.staffId, role: auth.role },
      query.seq,
      query.limit,
    );
    await options.audit?.notePull(
      { orgId: auth.orgId, staffId: auth.staffId, deskId: auth.deskId ?? null },
      collection,
      query.seq,
      text,
    );
    await options.audit?.stampHead(reply);
    return reply.type('application/json; charset=utf-8').send(text);
  });

  app.post('/v1/:collection/push', guarded, async (request, reply): Promise<PushResponse> => {
    const auth = requireAuth(request);
    const collection = collectionFor(request, 'push', auth);
    const rows = parseBody(pushRequestSchema, request.body, { perRowText: true });
    try {
      const result = await storeFor(collection).push(
        store,
        collection,
        { orgId: auth.orgId, staffId: auth.staffId, role: auth.role, deskId: auth.deskId ?? null },
        rows,
        now(),
      );
      feed.publish(collection, result.written, result.removals);
      // What a grant made or ended re-shared, in whichever collections it lies (./grants.ts).
      for (const change of result.shared ?? [])
        if (isSyncedCollection(change.collection))
          feed.publish(change.collection, change.written, change.removals);
      if (result.rejected.length) {
        const refusals = refusalsForLog(collection, result.rejected);
        if (anyStorageRefusal(result.rejected)) request.log.warn(refusals, 'pushed rows refused');
        else request.log.info(refusals, 'pushed rows refused');
      }
      await options.audit?.stampHead(reply);
      // What goes back is disclosed as on a pull (shared/sync/disclosure.ts).
      const disclose = (docs: ReplicatedDocument[]) =>
        docs.map((doc) => disclosedTo(collection, auth.role, doc));
      return {
        conflicts: disclose(result.conflicts),
        rejected: result.rejected,
        ...(result.stamped?.length ? { stamped: disclose(result.stamped) } : {}),
      };
    } catch (error) {
      if (!(error instanceof ForbiddenOrganisationError)) throw error;
      await recordAudit(store, {
        action: 'sync.forbiddenWrite',
        orgId: auth.orgId,
        actorId: auth.staffId,
        collection,
        recordId: error.documentId,
      });
      throw new PlatformError(
        403,
        'sync.forbiddenOrganisation',
        'A document in this push belongs to another organisation; nothing was stored.',
      );
    }
  });

  // One collection's stream, its events not named (desks of earlier versions open one per collection).
  app.get('/v1/:collection/stream', guarded, async (request, reply) => {
    const auth = requireAuth(request);
    const collection = collectionFor(request, 'pull', auth);
    serveChanges(request, reply, auth, [collection], (event) => event);
  });

  // Every collection a desk replicates, on one connection; each event names its collection.
  app.get(changeStreamPath, guarded, async (request, reply) => {
    const auth = requireAuth(request);
    const query = parseBody(changeStreamQuery, request.query);
    // All or nothing: a role refused any one of them gets no stream (403 auth.forbidden).
    const collections = query.collections.map((name) => allowedCollection(name, 'pull', auth));
    serveChanges(request, reply, auth, collections, (event, collection) => ({ ...event, collection }));
  });
}

/**
 * Notes each delivery of a stream with the platform's audit, as a pull by the stream's actor: the
 * desk stores what it was sent and never pulls it. Not awaited, so the fan-out to other streams
 * never waits on the database; a failure is logged by its kind and code only.
 */
function deliveryNoter(
  audit: SyncAudit | undefined,
  auth: AuthContext,
  collection: SyncedCollectionName,
  request: FastifyRequest,
): (delivery: Delivery) => void {
  const who = { orgId: auth.orgId, staffId: auth.staffId, deskId: auth.deskId ?? null };
  return (delivery) => {
    if (!audit) return;
    audit.noteDelivery(who, collection, delivery).catch((error: unknown) => {
      request.log.error(
        { err: error instanceof Error ? redacted(error) : undefined, collection, count: delivery.count },
        'stream delivery not noted',
      );
    });
  };
}

/**
 * Ends every open stream when the platform stops (`app.close()`, ../http/shutdown.ts), before it
 * waits for requests in flight: a stream never finishes by itself, so without this the stop would
 * hang and desks would go on showing "connected" to a platform that is going away. Returns the
 * function each stream registers with.
 */
function streamsEndedOnStop(app: FastifyInstance): (reply: FastifyReply) => void {
  const open = new Set<FastifyReply['raw']>();
  app.addHook('preClose', (done) => {
    for (const raw of open) raw.end();
    open.clear();
    done();
  });
  return (reply) => {
    const raw = reply.raw;
    open.add(raw);
    raw.on('close', () => open.delete(raw));
  };
}

/**
 * Ends an open stream when its token expires or its session ends (../auth/sessionWatch.ts): the
 * desk then refreshes and opens it again, or learns that its session is over.
 */
function endWithSession(watch: SessionWatch | undefined, auth: AuthContext, reply: FastifyReply): void {
  if (!watch) return;
  const raw = reply.raw;
  const unwatch = watch.watch(auth, () => raw.end());
  raw.on('close', unwatch);
}

/**
 * Server-sent events: a `resync` first (whatever happened while the desk was not listening is
 * fetched by a pull from its checkpoint; on `/v1/stream`, for every collection it carries), then
 * every visible change as it is stored.
 */
function openStream(
  reply: FastifyReply,
  subscribe: (send: (e: StreamEvent | ChangeStreamEvent) => void) => () => void,
  heartbeat: number,
) {
  // Headers set by hooks (protocol version, CORS for the Electron workstation) go out too.
  const hookHeaders = reply.getHeaders() as Record<string, string | number | string[]>;
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    ...hookHeaders,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const send = (event: StreamEvent | ChangeStreamEvent) => raw.write(`data: ${JSON.stringify(event)}\n\n`);
  send({ type: 'resync' });
  const unsubscribe = subscribe(send);
  const timer = setInterval(() => raw.write(': keep-alive\n\n'), heartbeat * 1000);
  raw.on('close', () => {
    clearInterval(timer);
    unsubscribe();
  });
}

/**
 * The platform's HTTP application: health, protocol check, error body, body limit, and the auth
 * and sync routes. Consult routes are added here when they arrive.
 */
import { createHmac } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import { z } from 'zod';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  MIN_PROTOCOL,
  PROTOCOL_VERSION,
  protocolHeader,
  type HealthResponse,
} from '../../shared/platform/protocol';
import { createAccessTokens } from '../auth/accessTokens';
import { registerPlatformAudit } from '../audit/routes';
import { registerAuthenticate } from '../auth/authenticate';
import { createDeskCredentials } from '../auth/deskCredentials';
import { registerDeskCredentialRoutes } from '../auth/deskRoutes';
import { registerAuthRoutes } from '../auth/routes';
import { createAuthService } from '../auth/service';
import { isSessionLive } from '../auth/sessions';
import { SessionWatch } from '../auth/sessionWatch';
import { registerStaffAccountRoutes } from '../auth/staffRoutes';
import type { ThrottleOptions } from '../auth/throttle';
import type { Store } from '../db/store';
import { registerNumberRoutes } from '../numbers/routes';
import { registerPatientRemovalRoutes } from '../patients/removal';
import { ChangeFeed } from '../sync/changeFeed';
import { registerSyncRoutes } from '../sync/routes';
import { platformVersion } from '../version';
import { registerCors } from './cors';
import { errorBody, handleError, parseBody, PlatformError, redacted } from './errors';

const testClockSchema = z.union([
  z.object({
    advanceMs: z
      .number()
      .int()
      .min(0)
      .max(366 * 24 * 3_600_000),
  }),
  // Back to the real time, so a test that moved days on leaves the next one a platform whose
  // today is the desks' today.
  z.object({ reset: z.literal(true) }),
]);

/** Largest request body accepted, in bytes. */
export const bodyLimitBytes = 1024 * 1024;

export interface PlatformOptions {
  store: Store;
  /** HS256 key for access tokens, at least 32 characters. */
  tokenSecret: string;
  /** Access token lifetime (default 15 minutes). */
  accessTtlSeconds?: number;
  /** Refresh token lifetime (default 12 hours: a working day, so a desk signs in each morning). */
  refreshTtlSeconds?: number;
  /** The clock for tokens and lockouts; tests move it. */
  now?: () => Date;
  /** Fastify's logger settings; off by default (tests), main turns it on. */
  logger?: FastifyServerOptions['logger'];
  /** Sign-in attempts per client address per minute (default 20). */
  loginRateLimitPerMinute?: number;
  /** Sign-in throttling by username and address, and the address lock (auth/throttle.ts). */
  loginThrottle?: Partial<ThrottleOptions>;
  /** Seconds a spent refresh token still yields the same successor (default 30). */
  refreshGraceSeconds?: number;
  /** Seconds between checks that close streams of sessions ended elsewhere (default 5). */
  sessionCheckSeconds?: number;
  /**
   * Reverse proxies (addresses, CIDR ranges; http/proxies.ts) whose `X-Forwarded-For` is read, so
   * the client address is the real one. Anyone else's header is ignored. None by default.
   */
  trustedProxies?: readonly string[];
  /** Fan-out of accepted writes to change streams; one is made when not given. */
  feed?: ChangeFeed;
  /**
   * Test only (e2e): adds `POST /v1/test/clock` `{ advanceMs }` (or `{ reset: true }`, back to the
   * real time), which moves this platform's clock
   * forward, so a desk's clock and the platform's move together without sleeping. Never set in
   * production (main.ts sets it only from CLINICDESK_TEST_CLOCK=1).
   */
  testClock?: boolean;
  /**
   * Signs the audit chain's checkpoints and the heads sent to desks (platform/audit/checkpoints.ts);
   * defaults to `tokenSecret`; null signs nothing.
   */
  auditKey?: string | null;
  /** Where the newest audit checkpoint is kept outside the database (none when not given). */
  auditCheckpointFile?: string | null;
}

const outdatedMessage = 'This workstation is out of date; update ClinicDesk to sync.';

/**
 * Builds the fastify instance (not listening). `app.inject` works on it directly.
 * @throws when `tokenSecret` is too short
 */
export function buildPlatform(options: PlatformOptions): FastifyInstance {
  const baseNow = options.now ?? (() => new Date());
  let clockOffsetMs = 0;
  const now = options.testClock ? () => new Date(baseNow().getTime() + clockOffsetMs) : baseNow;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: bodyLimitBytes,
    trustProxy: options.trustedProxies?.length ? [...options.trustedProxies] : false,
    // A path fastify cannot decode (a lone surrogate's bytes, say) gets the shared error body too.
    frameworkErrors: handleError,
  });
  app.setErrorHandler(handleError);
  // JSON only: a text body would reach the handlers as a string and fail later with a vaguer error.
  app.removeContentTypeParser('text/plain');
  app.setNotFoundHandler((request, reply) => {
    void reply
      .status(404)
      .send(errorBody('request.notFound', `There is no ${request.method} ${request.url}.`));
  });

  registerCors(app);
  // Runs before the body is read, so an outdated desk learns it before uploading anything.
  app.addHook('onRequest', async (request, reply) => {
    reply.header(protocolHeader, String(PROTOCOL_VERSION));
    const sent = request.headers[protocolHeader];
    if (sent === undefined) return; // health probes and people with curl
    const text = Array.isArray(sent) ? sent[0] : sent;
    if (!text || !/^\d{1,6}$/.test(text)) {
      throw new PlatformError(400, 'request.invalid', `The ${protocolHeader} header must be a whole number.`);
    }
    if (Number(text) < MIN_PROTOCOL) throw new PlatformError(426, 'client.outdated', outdatedMessage);
  });

  const accessTokens = createAccessTokens(options.tokenSecret, options.accessTtlSeconds ?? 15 * 60, now);
  registerAuthenticate(app, accessTokens, (sessionId) => isSessionLive(options.store, sessionId));
  const sessionWatch = new SessionWatch({
    store: options.store,
    now,
    checkSeconds: options.sessionCheckSeconds,
    onCheckFailed: (error) =>
      app.log.warn(
        { err: error instanceof Error ? redacted(error) : undefined },
        'session check of open streams failed',
      ),
  });
  app.addHook('onClose', async () => sessionWatch.stop());
  void app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new PlatformError(
        429,
        'request.rateLimited',
        'Too many requests from this address; wait and try again.',
        Math.max(1, Math.ceil(context.ttl / 1000)),
      ),
  });

  const service = createAuthService({
    store: options.store,
    accessTokens,
    refreshTtlSeconds: options.refreshTtlSeconds ?? 12 * 60 * 60,
    now,
    throttle: options.loginThrottle,
    // Refresh successors are derived under their own key, never the token key itself.
    successorKey: createHmac('sha256', options.tokenSecret).update('clinicdesk refresh successors').digest(),
    refreshGraceSeconds: options.refreshGraceSeconds,
    onSessionsEnded: (ids) => sessionWatch.end(ids),
  });

  // Inside a plugin registered after rate-limit, so its onRoute hook sees the routes' config.
  void app.register(async (scope) => {
    scope.get('/v1/health', async (): Promise<HealthResponse> => ({
      ok: true,
      version: platformVersion,
      protocol: PROTOCOL_VERSION,
    }));
    registerAuthRoutes(scope, { service, loginRateLimitPerMinute: options.loginRateLimitPerMinute ?? 20 });
    registerStaffAccountRoutes(scope, { service });
    registerDeskCredentialRoutes(scope, {
      credentials: createDeskCredentials({
        store: options.store,
        auth: service,
        now,
        onSessionsEnded: (ids) => sessionWatch.end(ids),
        throttle: options.loginThrottle,
      }),
      rateLimitPerMinute: options.loginRateLimitPerMinute ?? 20,
    });
    const feed = options.feed ?? new ChangeFeed();
    const audit = registerPlatformAudit(scope, {
      store: options.store,
      now,
      key: options.auditKey === undefined ? options.tokenSecret : options.auditKey,
      checkpointFile: options.auditCheckpointFile,
    });
    registerSyncRoutes(scope, { store: options.store, feed, now, audit, sessionWatch });
    registerPatientRemovalRoutes(scope, { store: options.store, feed, now });
    if (options.testClock)
      scope.post('/v1/test/clock', async (request) => {
        const body = parseBody(testClockSchema, request.body);
        clockOffsetMs = 'reset' in body ? 0 : clockOffsetMs + body.advanceMs;
        return { now: now().toISOString() };
      });
    registerNumberRoutes(scope, { store: options.store, now });
  });
  return app;
}

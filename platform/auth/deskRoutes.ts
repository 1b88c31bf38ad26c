/**
 * HTTP routes of the desk credential (shared/platform/deskCredentials.ts): issue at an online
 * sign-in, exchange for a session, change one's own password, and the admin's list and revoke.
 */
import type { FastifyInstance } from 'fastify';
import {
  changePasswordRequestSchema,
  deskCredentialEndpoints,
  deskSessionRequestSchema,
  revokeDeskRequestSchema,
} from '../../shared/platform/deskCredentials';
import { parseBody } from '../http/errors';
import { requireAuth } from './authenticate';
import type { DeskCredentials } from './deskCredentials';

export interface DeskRoutesOptions {
  credentials: DeskCredentials;
  /** Exchanges allowed per client address per minute (the sign-in limit). */
  rateLimitPerMinute: number;
}

/** Registers the routes; needs @fastify/rate-limit and `authenticate` on a parent instance. */
export function registerDeskCredentialRoutes(
  app: FastifyInstance,
  { credentials, rateLimitPerMinute }: DeskRoutesOptions,
): void {
  const { issue, session, password, list, revoke } = deskCredentialEndpoints;

  app.post(issue.path, { preHandler: app.authenticate }, async (request) =>
    credentials.issue(requireAuth(request), { ip: request.ip }),
  );

  // No access token: the credential is the proof. Limited like a sign-in, although the secret
  // (256 random bits) cannot be guessed, so a flood costs the platform little.
  app.post(
    session.path,
    { config: { rateLimit: { max: rateLimitPerMinute, timeWindow: 60_000 } } },
    async (request) => {
      const body = parseBody(deskSessionRequestSchema, request.body);
      return credentials.exchange(body, { ip: request.ip, deskId: body.deskId });
    },
  );

  app.post(
    password.path,
    {
      preHandler: app.authenticate,
      config: { rateLimit: { max: rateLimitPerMinute, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const body = parseBody(changePasswordRequestSchema, request.body);
      await credentials.changePassword(requireAuth(request), body.currentPassword, body.newPassword, {
        ip: request.ip,
      });
      return reply.status(204).send();
    },
  );

  app.get(list.path, { preHandler: app.authenticate }, async (request) => ({
    credentials: await credentials.list(requireAuth(request)),
  }));

  app.post(revoke.path, { preHandler: app.authenticate }, async (request) => {
    const auth = requireAuth(request);
    const body = parseBody(revokeDeskRequestSchema, request.body);
    return { revoked: await credentials.revoke(auth, body, { ip: request.ip }) };
  });
}

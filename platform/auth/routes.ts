/** HTTP routes of `/v1/auth/*` (wire types in shared/platform/auth.ts). */
import type { FastifyInstance } from 'fastify';
import {
  authEndpoints,
  loginRequestSchema,
  logoutRequestSchema,
  refreshRequestSchema,
} from '../../shared/platform/auth';
import { parseBody } from '../http/errors';
import { requireAuth } from './authenticate';
import type { AuthService } from './service';

export interface AuthRoutesOptions {
  service: AuthService;
  /** Sign-in attempts allowed per client address per minute, on top of the per-username lockout. */
  loginRateLimitPerMinute: number;
}

/** Registers the auth routes; needs @fastify/rate-limit and `authenticate` on a parent instance. */
export function registerAuthRoutes(
  app: FastifyInstance,
  { service, loginRateLimitPerMinute }: AuthRoutesOptions,
): void {
  app.post(
    authEndpoints.login.path,
    { config: { rateLimit: { max: loginRateLimitPerMinute, timeWindow: 60_000 } } },
    async (request) => {
      const body = parseBody(loginRequestSchema, request.body);
      return service.login(body.username, body.password, {
        ip: request.ip,
        ...(body.deskId ? { deskId: body.deskId } : {}),
      });
    },
  );

  app.post(authEndpoints.refresh.path, async (request) => {
    const body = parseBody(refreshRequestSchema, request.body);
    return service.refresh(body.refreshToken, { ip: request.ip });
  });

  // No access token needed: the refresh token proves the session, and a desk whose access token
  // has just expired must still be able to sign out.
  app.post(authEndpoints.logout.path, async (request, reply) => {
    const body = parseBody(logoutRequestSchema, request.body);
    await service.logout(body.refreshToken, { ip: request.ip });
    return reply.status(204).send();
  });

  app.get(authEndpoints.me.path, { preHandler: app.authenticate }, async (request) =>
    service.me(requireAuth(request)),
  );
}

/**
 * The `authenticate` pre-handler: a route that needs a signed-in caller lists it in `preHandler`
 * and then reads `request.auth` (or {@link requireAuth}) for `{ staffId, orgId, role }`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PlatformError } from '../http/errors';
import type { AccessTokens, AuthContext } from './accessTokens';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified caller; null until `authenticate` ran on this route. */
    auth: AuthContext | null;
  }
  interface FastifyInstance {
    /**
     * Verifies the bearer token and sets `request.auth`.
     * @throws PlatformError 401 `auth.required`, `auth.expired` or `auth.invalidToken`
     */
    authenticate(request: FastifyRequest): Promise<void>;
  }
}

/** Adds `request.auth` and `app.authenticate` to the (root) instance. */
export function registerAuthenticate(app: FastifyInstance, accessTokens: AccessTokens): void {
  app.decorateRequest('auth', null);
  app.decorate('authenticate', async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    const match = header ? /^Bearer +(\S+)\s*$/i.exec(header) : null;
    if (!match)
      throw new PlatformError(401, 'auth.required', 'Sign in first: this request needs an access token.');
    request.auth = await accessTokens.verify(match[1]!);
  });
}

/**
 * The caller of a route guarded by `authenticate`.
 * @throws PlatformError 401 `auth.required` when the route forgot the guard
 */
export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth)
    throw new PlatformError(401, 'auth.required', 'Sign in first: this request needs an access token.');
  return request.auth;
}

/**
 * The `authenticate` pre-handler: a route that needs a signed-in caller lists it in `preHandler`
 * and then reads `request.auth` (or {@link requireAuth}) for `{ staffId, orgId, role }`. Besides
 * the token's signature and expiry it checks, on every request, that the token's session is still
 * live in the database (one primary-key lookup), so a sign-out or a disabled account ends the
 * token at once rather than when it expires.
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
     * Verifies the bearer token and its session, and sets `request.auth`.
     * @throws PlatformError 401 `auth.required`, `auth.expired` or `auth.invalidToken` (also when
     *   the session has ended)
     */
    authenticate(request: FastifyRequest): Promise<void>;
  }
}

/**
 * Adds `request.auth` and `app.authenticate` to the (root) instance; `isSessionLive` is asked
 * about the token's session on every request (./sessions.ts).
 */
export function registerAuthenticate(
  app: FastifyInstance,
  accessTokens: AccessTokens,
  isSessionLive: (sessionId: string) => Promise<boolean>,
): void {
  app.decorateRequest('auth', null);
  app.decorate('authenticate', async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    const match = header ? /^Bearer +(\S+)\s*$/i.exec(header) : null;
    if (!match)
      throw new PlatformError(401, 'auth.required', 'Sign in first: this request needs an access token.');
    const auth = await accessTokens.verify(match[1]!);
    if (!(await isSessionLive(auth.sessionId)))
      throw new PlatformError(401, 'auth.invalidToken', 'The session has ended; sign in again.');
    request.auth = auth;
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

/**
 * Access tokens: HS256 JWTs (jose) with `sub` (staff id), `org`, `role`, `sid` (the session),
 * `iat` and `exp`, plus issuer and audience so a token minted for something else with the same key
 * is refused. They live minutes, so a changed role takes effect at the next refresh; an ended
 * session (sign-out, a disabled account) ends them at once, because `authenticate` checks the
 * session in the database on every request (./sessions.ts).
 */
import { errors, jwtVerify, SignJWT } from 'jose';
import type { Role } from '../../shared/auth/roles';
import { accessClaimsSchema } from '../../shared/platform/auth';
import { PlatformError } from '../http/errors';

const issuer = 'clinicdesk-platform';
const audience = 'clinicdesk-workstation';

/** Who is making a request, as proven by a valid access token. */
export interface AuthContext {
  staffId: string;
  orgId: string;
  role: Role;
  /** The desk the session was opened at, when it said (shared/platform/auth.ts `deskId`). */
  deskId?: string;
  /** The session the token belongs to (`sid`): it works only while that session is live. */
  sessionId: string;
  /** When the token expires, in milliseconds since the epoch (read by verify; ignored by sign). */
  expiresAt?: number;
}

export interface AccessTokens {
  /** Lifetime of a new token in seconds. */
  readonly ttlSeconds: number;
  sign(context: AuthContext): Promise<string>;
  /**
   * @throws PlatformError 401 `auth.expired` for a valid but expired token, `auth.invalidToken`
   *   for anything else (bad signature, wrong algorithm, malformed, missing claims)
   */
  verify(token: string): Promise<AuthContext>;
}

/** The shortest secret accepted: HS256 wants at least 256 bits of key. */
export const minSecretLength = 32;

/**
 * Makes the signer and verifier for one secret.
 * @throws when `secret` is shorter than {@link minSecretLength} characters, or `ttlSeconds` is not
 *   a positive whole number
 */
export function createAccessTokens(secret: string, ttlSeconds: number, now: () => Date): AccessTokens {
  if (secret.length < minSecretLength) {
    throw new Error(`The token secret must be at least ${minSecretLength} characters.`);
  }
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) {
    throw new Error(
      `The access token lifetime must be a positive whole number of seconds, not ${ttlSeconds}.`,
    );
  }
  const key = new TextEncoder().encode(secret);
  return {
    ttlSeconds,
    sign: ({ staffId, orgId, role, deskId, sessionId }) => {
      const issuedAt = Math.floor(now().getTime() / 1000);
      return new SignJWT({ org: orgId, role, sid: sessionId, ...(deskId ? { desk: deskId } : {}) })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(staffId)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + ttlSeconds)
        .sign(key);
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer,
          audience,
          currentDate: now(),
          requiredClaims: ['sub', 'exp'],
        });
        const claims = accessClaimsSchema.parse(payload);
        return {
          staffId: claims.sub,
          orgId: claims.org,
          role: claims.role,
          sessionId: claims.sid,
          expiresAt: claims.exp * 1000,
          ...(claims.desk ? { deskId: claims.desk } : {}),
        };
      } catch (error) {
        // jose checks the signature before the claims, so only a genuine token can be "expired".
        if (error instanceof errors.JWTExpired) {
          throw new PlatformError(401, 'auth.expired', 'The access token has expired; refresh it.');
        }
        throw new PlatformError(401, 'auth.invalidToken', 'The access token is not valid.');
      }
    },
  };
}

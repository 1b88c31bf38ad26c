/**
 * Wire types of `/v1/auth/*`: sign-in, token refresh, sign-out and "who am I". The platform
 * validates requests with these schemas; the workstation can validate responses with the same.
 *
 * Access tokens are short-lived JWTs bound to one organisation and one role. Refresh tokens are
 * opaque, single-use and rotated on every refresh; presenting one that was already used ends the
 * whole session (someone copied it).
 */
import { z } from 'zod';
import { roles } from '../auth/roles';
import { PROTOCOL_VERSION, protocolHeader } from './protocol';

/** Codes the auth endpoints answer with, besides the general ones in `./errors`. */
export const authErrorCodes = [
  /** Unknown username or wrong password: the same answer for both (HTTP 401). */
  'auth.invalidCredentials',
  /**
   * Too many failed sign-ins for this username; `retryAfterSeconds` says until when (HTTP 423).
   * Sent only by platforms older than throttling; kept so desks still translate it.
   */
  'auth.locked',
  /**
   * Too many failed sign-ins of this username from this address: wait `retryAfterSeconds` before
   * the next try (HTTP 429). The same account still signs in from another address.
   */
  'auth.throttled',
  /**
   * Too many failed sign-ins from this address, whatever the usernames: it is refused for
   * `retryAfterSeconds` (HTTP 423).
   */
  'auth.addressLocked',
  /** The account has been disabled by an administrator (HTTP 403). */
  'auth.accountDisabled',
  /** No bearer token on a request that needs one (HTTP 401). */
  'auth.required',
  /** The access token has expired: refresh it (HTTP 401). */
  'auth.expired',
  /**
   * The access token is malformed, tampered with or signed by another key, or its session has
   * ended (signed out, replayed refresh token, disabled account): refresh, or sign in (HTTP 401).
   */
  'auth.invalidToken',
  /** The refresh token is unknown, expired, signed out or was already used: sign in again (HTTP 401). */
  'auth.refreshInvalid',
  /** Signed in, but the role does not allow this (HTTP 403). */
  'auth.forbidden',
] as const;
export type AuthErrorCode = (typeof authErrorCodes)[number];

export const organisationKinds = ['chc', 'hospital'] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

/** A desk's own random id (kept in its storage), naming where a session was opened. */
export const deskIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const loginRequestSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  /**
   * The desk signing in: the platform tracks each desk's last contact per person, to judge the
   * times of acts made offline (shared/sync/clinicalRecords.ts `actTime`). Optional for desks
   * older than it.
   */
  deskId: deskIdSchema.optional(),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const staffSummarySchema = z.object({
  id: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
});
export type StaffSummary = z.infer<typeof staffSummarySchema>;

export const organisationSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(organisationKinds),
});
export type OrganisationSummary = z.infer<typeof organisationSummarySchema>;

/** A fresh token pair. `expiresIn` is the access token's lifetime in seconds. */
export const tokenPairSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number().int().positive(),
});
export type TokenPair = z.infer<typeof tokenPairSchema>;

/** One of the platform's public keys (shared/clinical/seal.ts `PlatformKey`). */
export const platformKeySchema = z.object({
  id: z.string().regex(/^[0-9a-f]{16}$/),
  publicKey: z.string().regex(/^[0-9a-f]{64}$/),
});

export const loginResponseSchema = tokenPairSchema.extend({
  staff: staffSummarySchema,
  organisation: organisationSummarySchema,
  /**
   * The platform's Ed25519 public keys, oldest first: desks verify the platform's seals on signed
   * records with them, and keep them for offline use. Absent from platforms older than seals.
   */
  platformKeys: z.array(platformKeySchema).max(20).optional(),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const refreshRequestSchema = z.object({ refreshToken: z.string().min(1).max(200) });
export type RefreshRequest = z.infer<typeof refreshRequestSchema>;

/** Refresh answers with the same shape as sign-in, so a role change shows on the next refresh. */
export const refreshResponseSchema = loginResponseSchema;
export type RefreshResponse = LoginResponse;

export const logoutRequestSchema = refreshRequestSchema;
export type LogoutRequest = RefreshRequest;

export const meResponseSchema = z.object({
  staff: staffSummarySchema,
  organisation: organisationSummarySchema,
});
export type MeResponse = z.infer<typeof meResponseSchema>;

/** Claims of an access token, as the platform reads them. */
export const accessClaimsSchema = z.object({
  sub: z.string().min(1),
  org: z.string().min(1),
  role: z.enum(roles),
  exp: z.number(),
  /** The session the token belongs to; a token without one (older than sessions) is refused. */
  sid: z.string().min(1).max(64),
  /** The desk the session was opened at, when it said. */
  desk: deskIdSchema.optional(),
});
export type AccessClaims = z.infer<typeof accessClaimsSchema>;

/**
 * The auth message map (CONVENTIONS §5): method, path, request and response of every endpoint.
 * `logout` answers 204 with no body.
 */
export const authEndpoints = {
  login: {
    method: 'POST',
    path: '/v1/auth/login',
    request: loginRequestSchema,
    response: loginResponseSchema,
  },
  refresh: {
    method: 'POST',
    path: '/v1/auth/refresh',
    request: refreshRequestSchema,
    response: refreshResponseSchema,
  },
  logout: { method: 'POST', path: '/v1/auth/logout', request: logoutRequestSchema, response: z.void() },
  me: { method: 'GET', path: '/v1/auth/me', request: z.void(), response: meResponseSchema },
} as const;

/** Headers a workstation sends on every platform request: its protocol and, once signed in, the token. */
export function platformHeaders(accessToken?: string, protocol = PROTOCOL_VERSION): Record<string, string> {
  const headers: Record<string, string> = { [protocolHeader]: String(protocol) };
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  return headers;
}

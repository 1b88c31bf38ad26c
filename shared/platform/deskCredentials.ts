/**
 * Wire types of the desk credential: what lets a desk where someone signed in offline open that
 * person's platform session by itself once the platform can be reached again.
 *
 * At an online sign-in the desk asks for a credential (`issue`): a random secret bound to the
 * staff member and the desk id the session names. The platform keeps only its hash. The desk keeps
 * the secret sealed under a key derived from the person's password (renderer/auth/verifier.ts), so
 * only an offline sign-in with that password can open it; the desk then exchanges it for a session
 * (`session`). Signing out leaves it; disabling the account, changing the password or an admin
 * revoking the desk ends it (checked by the platform at every exchange).
 */
import { z } from 'zod';
import { deskIdSchema } from './auth';

/** Codes of these endpoints, besides the general and auth ones. */
export const deskCredentialErrorCodes = [
  /**
   * The credential is unknown, revoked, expired, for another desk or person, or its account was
   * disabled or changed its password since: sign in with the password (HTTP 401).
   */
  'auth.deskCredentialInvalid',
  /** A credential is asked for by a session that names no desk (HTTP 400). */
  'auth.deskRequired',
  /**
   * A credential is asked for by a session a desk credential opened (HTTP 403): only a sign-in
   * with the password is issued one, so a credential cannot renew itself past its expiry. The
   * desk keeps the credential it has.
   */
  'auth.deskCredentialNeedsPassword',
  /** The current password given to change it is not correct (HTTP 403). */
  'auth.passwordIncorrect',
  /** The new password is too short or the same as the current one (HTTP 400). */
  'auth.passwordRejected',
] as const;
export type DeskCredentialErrorCode = (typeof deskCredentialErrorCodes)[number];

/** 256 random bits, base64url. */
export const deskSecretSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export const deskCredentialResponseSchema = z.object({
  /** The credential's id (for listing and revoking; not secret). */
  id: z.string().min(1).max(64),
  /** The only plain copy of the secret. */
  secret: deskSecretSchema,
  /** When it stops working even if nothing else ends it (ISO time). */
  expiresAt: z.string(),
});
export type DeskCredentialResponse = z.infer<typeof deskCredentialResponseSchema>;

export const deskSessionRequestSchema = z.object({
  secret: deskSecretSchema,
  /** Who the desk believes the credential is for. */
  staffId: z.string().min(1).max(64),
  /** The desk presenting it. */
  deskId: deskIdSchema,
});
export type DeskSessionRequest = z.infer<typeof deskSessionRequestSchema>;

/** Smallest new password accepted (the platform has no other rule of its own yet). */
export const minPasswordLength = 8;

export const changePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

export const deskCredentialSummarySchema = z.object({
  id: z.string(),
  staffId: z.string(),
  displayName: z.string(),
  deskId: z.string(),
  issuedAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export type DeskCredentialSummary = z.infer<typeof deskCredentialSummarySchema>;

export const deskCredentialListSchema = z.object({ credentials: z.array(deskCredentialSummarySchema) });

export const revokeDeskRequestSchema = z.object({
  deskId: deskIdSchema,
  /** Only this person's credential at the desk; every credential of the desk when absent. */
  staffId: z.string().min(1).max(64).optional(),
  reason: z.string().trim().min(1).max(500),
});
export type RevokeDeskRequest = z.infer<typeof revokeDeskRequestSchema>;

export const revokeDeskResponseSchema = z.object({ revoked: z.number().int().nonnegative() });

/** The message map (CONVENTIONS §5). `password` answers 204 with no body. */
export const deskCredentialEndpoints = {
  issue: {
    method: 'POST',
    path: '/v1/auth/desk-credentials',
    request: z.void(),
    response: deskCredentialResponseSchema,
  },
  session: {
    method: 'POST',
    path: '/v1/auth/desk-session',
    request: deskSessionRequestSchema,
    // The same answer as a sign-in (shared/platform/auth.ts loginResponseSchema).
  },
  password: { method: 'POST', path: '/v1/auth/password', request: changePasswordRequestSchema },
  list: {
    method: 'GET',
    path: '/v1/admin/desk-credentials',
    request: z.void(),
    response: deskCredentialListSchema,
  },
  revoke: {
    method: 'POST',
    path: '/v1/admin/desk-credentials/revoke',
    request: revokeDeskRequestSchema,
    response: revokeDeskResponseSchema,
  },
} as const;

/**
 * Wire types of the admin's staff-account endpoints: disabling an account (it can no longer sign
 * in, and every session of it ends at once: refresh tokens, access tokens, open change streams)
 * and enabling it again. Both are limited to the admin's own organisation and audited.
 */
import { z } from 'zod';

/** Codes of these endpoints, besides the general and auth ones. */
export const staffAccountErrorCodes = [
  /** No such account in the admin's organisation (HTTP 404). */
  'staff.notFound',
  /** An admin may not disable their own account (HTTP 409): someone must be left to enable it. */
  'staff.disableSelf',
] as const;
export type StaffAccountErrorCode = (typeof staffAccountErrorCodes)[number];

/** Body of `disable` and `enable`: why, for the audit trail. */
export const staffStatusRequestSchema = z.object({
  reason: z.string().trim().min(1).max(500),
});
export type StaffStatusRequest = z.infer<typeof staffStatusRequestSchema>;

/** An account's status after the change. */
export const staffStatusSchema = z.object({
  staffId: z.string(),
  /** When it was disabled (ISO time); null when it may sign in. */
  disabledAt: z.string().nullable(),
  /** Sessions the change ended (0 when enabling). */
  endedSessions: z.number().int().nonnegative(),
});
export type StaffStatus = z.infer<typeof staffStatusSchema>;

/** The endpoints (`:staffId` is the account's id). Both answer {@link staffStatusSchema}. */
export const staffAccountEndpoints = {
  disable: {
    method: 'POST',
    path: '/v1/admin/staff/:staffId/disable',
    request: staffStatusRequestSchema,
    response: staffStatusSchema,
  },
  enable: {
    method: 'POST',
    path: '/v1/admin/staff/:staffId/enable',
    request: staffStatusRequestSchema,
    response: staffStatusSchema,
  },
} as const;

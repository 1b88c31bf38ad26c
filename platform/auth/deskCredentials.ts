/**
 * Desk credentials (wire types and the why in shared/platform/deskCredentials.ts): issued to a
 * desk at an online sign-in, exchanged later by that desk for a session of the same person without
 * the password, so a desk signed in offline reconnects by itself.
 *
 * Everything that ends one is read from the database at the moment of use, never from memory
 * (DESIGN §10): the row's `revoked_at` and `expires_at`, the account's `disabled_at`, and a
 * `password_changed_at` at or after the credential was issued. Secrets are 256 random bits stored
 * only as a SHA-256, like refresh tokens. Issuing, exchanging, refusing, revoking and password
 * changes each leave an audit event.
 */
import { createHash, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { can } from '../../shared/auth/roles';
import type { LoginResponse } from '../../shared/platform/auth';
import {
  minPasswordLength,
  type DeskCredentialResponse,
  type DeskCredentialSummary,
  type DeskSessionRequest,
  type RevokeDeskRequest,
} from '../../shared/platform/deskCredentials';
import { appendAudit } from '../audit/audit';
import type { Queryable, Store } from '../db/store';
import { PlatformError } from '../http/errors';
import type { AuthContext } from './accessTokens';
import { hashPassword, verifyPassword } from './passwords';
import { throttleRefusal, type AuthService, type RequestMeta } from './service';
import { endSession, endSessionsOf, sessionOrigin } from './sessions';
import { defaultThrottle, recordFailure, throttleVerdict, type ThrottleOptions } from './throttle';

export interface DeskCredentialOptions {
  store: Store;
  auth: AuthService;
  now: () => Date;
  /** How long a credential lasts when nothing else ends it (default 30 days). */
  ttlSeconds?: number;
  /** Called after a commit that ended sessions, so this process closes their streams at once. */
  onSessionsEnded?: (sessionIds: string[]) => void;
  /** The sign-in throttle, which wrong current passwords count towards (./throttle.ts). */
  throttle?: Partial<ThrottleOptions>;
}

/** Why an exchange was refused, as the audit trail records it. */
export type DeskRefusal =
  'unknown' | 'revoked' | 'expired' | 'otherDesk' | 'otherStaff' | 'disabled' | 'passwordChanged';

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');
const iso = (value: Date | string) => new Date(value).toISOString();

const invalid = () =>
  new PlatformError(
    401,
    'auth.deskCredentialInvalid',
    'This desk can no longer open the session by itself; sign in with the password.',
  );
const needsPassword = () =>
  new PlatformError(
    403,
    'auth.deskCredentialNeedsPassword',
    'Only a session opened with the password may be issued a desk credential.',
  );
const forbidden = () => new PlatformError(403, 'auth.forbidden', 'Only an administrator may do this.');

interface CredentialRow {
  id: string;
  staff_id: string;
  desk_id: string;
  issued_at: Date | string;
  expires_at: Date | string;
  revoked_at: Date | string | null;
  disabled_at: Date | string | null;
  password_changed_at: Date | string | null;
  org_id: string;
}

/** What stops `row` from opening a session for `staffId` at `deskId` at `at`; null when nothing. */
export function refusalOf(
  row: CredentialRow | undefined,
  request: DeskSessionRequest,
  at: Date,
): DeskRefusal | null {
  if (!row) return 'unknown';
  if (row.revoked_at !== null) return 'revoked';
  if (new Date(row.expires_at).getTime() <= at.getTime()) return 'expired';
  if (row.desk_id !== request.deskId) return 'otherDesk';
  if (row.staff_id !== request.staffId) return 'otherStaff';
  if (row.disabled_at !== null) return 'disabled';
  if (row.password_changed_at !== null && new Date(row.password_changed_at) >= new Date(row.issued_at))
    return 'passwordChanged';
  return null;
}

export interface DeskCredentials {
  /**
   * A new credential for the caller at the desk their session names; earlier ones of the same
   * person at the same desk are revoked (one live credential per person per desk).
   * @throws PlatformError 400 `auth.deskRequired` when the session names no desk, 403
   *   `auth.deskCredentialNeedsPassword` when it was not opened by a password sign-in
   */
  issue(auth: AuthContext, meta: RequestMeta): Promise<DeskCredentialResponse>;
  /** @throws PlatformError 401 `auth.deskCredentialInvalid` */
  exchange(request: DeskSessionRequest, meta: RequestMeta): Promise<LoginResponse>;
  /**
   * Changes the caller's own password. Every session of theirs ends (refresh tokens revoked) and
   * every desk credential issued before stops working.
   * @throws PlatformError 403 `auth.passwordIncorrect`, 400 `auth.passwordRejected`
   */
  changePassword(auth: AuthContext, current: string, next: string, meta: RequestMeta): Promise<void>;
  /** The live credentials of the admin's organisation. @throws PlatformError 403 `auth.forbidden` */
  list(auth: AuthContext): Promise<DeskCredentialSummary[]>;
  /**
   * Revokes the credentials (and ends the sessions) of the admin's organisation at a desk, of one
   * person or all. Resolves with how many credentials were revoked.
   * @throws PlatformError 403 `auth.forbidden`
   */
  revoke(auth: AuthContext, request: RevokeDeskRequest, meta: RequestMeta): Promise<number>;
}

export function createDeskCredentials({
  store,
  auth: authService,
  now,
  ttlSeconds = 30 * 24 * 3600,
  onSessionsEnded,
  ...options
}: DeskCredentialOptions): DeskCredentials {
  const throttle: ThrottleOptions = { ...defaultThrottle, ...options.throttle };
  const ended = (ids: string[]) => {
    if (ids.length) onSessionsEnded?.(ids);
  };
  const orgOf = async (tx: Queryable, staffId: string) =>
    (await tx.query<{ org_id: string }>('SELECT org_id FROM staff WHERE id = $1', [staffId]))[0]?.org_id ??
    null;

  return {
    async issue(auth, meta) {
      const { deskId } = auth;
      if (!deskId)
        throw new PlatformError(
          400,
          'auth.deskRequired',
          'Sign in with a desk id to receive a desk credential.',
        );
      const at = now();
      const id = uuidv7();
      const secret = randomBytes(32).toString('base64url');
      const expiresAt = new Date(at.getTime() + ttlSeconds * 1000);
      await store.transaction(async (tx) => {
        // A credential's own session may not renew it, or its expiry would never come.
        if ((await sessionOrigin(tx, auth.sessionId)) !== 'password') throw needsPassword();
        await tx.query(
          `UPDATE desk_credentials SET revoked_at = $3
           WHERE staff_id = $1 AND desk_id = $2 AND revoked_at IS NULL`,
          [auth.staffId, deskId, at.toISOString()],
        );
        await tx.query(
          `INSERT INTO desk_credentials (id, staff_id, desk_id, secret_hash, issued_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [id, auth.staffId, deskId, hashSecret(secret), at.toISOString(), expiresAt.toISOString()],
        );
        await appendAudit(tx, {
          action: 'auth.deskCredentialIssued',
          orgId: auth.orgId,
          actorId: auth.staffId,
          at,
          details: { ip: meta.ip, deskId, credentialId: id },
        });
      });
      return { id, secret, expiresAt: expiresAt.toISOString() };
    },

    async exchange(request, meta) {
      const refused: { reason?: DeskRefusal; row?: CredentialRow } = {};
      const opened = await authService.openSession(request.staffId, request.deskId, meta, async (tx, at) => {
        const [row] = await tx.query<CredentialRow>(
          `SELECT c.id, c.staff_id, c.desk_id, c.issued_at, c.expires_at, c.revoked_at,
                    s.disabled_at, s.password_changed_at, s.org_id
             FROM desk_credentials c JOIN staff s ON s.id = c.staff_id
             WHERE c.secret_hash = $1 FOR UPDATE OF c`,
          [hashSecret(request.secret)],
        );
        const reason = refusalOf(row, request, at);
        if (reason) {
          Object.assign(refused, { reason, row });
          return false;
        }
        await tx.query('UPDATE desk_credentials SET last_used_at = $2 WHERE id = $1', [
          row!.id,
          at.toISOString(),
        ]);
        return true;
      });
      if (opened) return opened;
      const { reason = 'unknown', row } = refused;
      await store.transaction(async (tx) =>
        appendAudit(tx, {
          action: 'auth.deskSessionRefused',
          orgId: row?.org_id ?? null,
          actorId: row?.staff_id ?? null,
          at: now(),
          details: {
            ip: meta.ip,
            reason,
            deskId: request.deskId,
            claimedStaffId: request.staffId,
            ...(row ? { credentialId: row.id } : {}),
          },
        }),
      );
      throw invalid();
    },

    async changePassword(auth, current, next, meta) {
      const [staff] = await store.query<{ password_hash: string; username: string }>(
        'SELECT password_hash, username FROM staff WHERE id = $1',
        [auth.staffId],
      );
      if (!staff) throw new PlatformError(401, 'auth.invalidToken', 'The access token is not valid.');
      // The current password is a password guess like a sign-in's: whoever holds a session left
      // open at a desk must not get unlimited tries at it (and then the account).
      const verdict = await throttleVerdict(store, staff.username, meta.ip, now());
      if (verdict.kind !== 'open') throw throttleRefusal(verdict);
      if (!(await verifyPassword(staff.password_hash, current))) {
        const at = now();
        await store.transaction(async (tx) => {
          const outcome = await recordFailure(tx, staff.username, meta.ip, at, throttle);
          await appendAudit(tx, {
            action: 'auth.passwordChangeFailed',
            orgId: auth.orgId,
            actorId: auth.staffId,
            at,
            details: { ip: meta.ip, reason: 'wrongPassword', failures: outcome.failures },
          });
        });
        throw new PlatformError(403, 'auth.passwordIncorrect', 'The current password is not correct.');
      }
      if ([...next].length < minPasswordLength || next === current)
        throw new PlatformError(
          400,
          'auth.passwordRejected',
          `The new password must have at least ${minPasswordLength} characters and differ from the current one.`,
        );
      const hash = await hashPassword(next);
      const at = now();
      const sessions = await store.transaction(async (tx) => {
        await tx.query('UPDATE staff SET password_hash = $2, password_changed_at = $3 WHERE id = $1', [
          auth.staffId,
          hash,
          at.toISOString(),
        ]);
        const endedIds = await endSessionsOf(tx, auth.staffId, 'passwordChanged', at);
        await appendAudit(tx, {
          action: 'auth.passwordChanged',
          orgId: auth.orgId,
          actorId: auth.staffId,
          at,
          details: { ip: meta.ip, endedSessions: endedIds.length },
        });
        return endedIds;
      });
      ended(sessions);
    },

    async list(auth) {
      if (!can(auth.role, 'staff.manage')) throw forbidden();
      const rows = await store.query<{
        id: string;
        staff_id: string;
        display_name: string;
        desk_id: string;
        issued_at: Date | string;
        expires_at: Date | string;
        last_used_at: Date | string | null;
      }>(
        `SELECT c.id, c.staff_id, s.display_name, c.desk_id, c.issued_at, c.expires_at, c.last_used_at
         FROM desk_credentials c JOIN staff s ON s.id = c.staff_id
         WHERE s.org_id = $1 AND c.revoked_at IS NULL AND c.expires_at > $2
         ORDER BY c.desk_id, c.issued_at`,
        [auth.orgId, now().toISOString()],
      );
      return rows.map((row) => ({
        id: row.id,
        staffId: row.staff_id,
        displayName: row.display_name,
        deskId: row.desk_id,
        issuedAt: iso(row.issued_at),
        expiresAt: iso(row.expires_at),
        lastUsedAt: row.last_used_at === null ? null : iso(row.last_used_at),
      }));
    },

    async revoke(auth, { deskId, staffId, reason }, meta) {
      if (!can(auth.role, 'staff.manage')) throw forbidden();
      const at = now();
      const outcome = await store.transaction(async (tx) => {
        // Only the admin's own organisation's staff: an admin elsewhere cannot end them.
        if (staffId !== undefined && (await orgOf(tx, staffId)) !== auth.orgId)
          return { revoked: 0, sessions: [] };
        const whose = `staff_id IN (SELECT id FROM staff WHERE org_id = $2 AND ($3::text IS NULL OR id = $3))`;
        const revoked = await tx.query<{ id: string; staff_id: string }>(
          `UPDATE desk_credentials SET revoked_at = $4, revoked_by = $5
           WHERE desk_id = $1 AND revoked_at IS NULL AND ${whose}
           RETURNING id, staff_id`,
          [deskId, auth.orgId, staffId ?? null, at.toISOString(), auth.staffId],
        );
        // The sessions open at that desk end too: a lost desk keeps nothing that works.
        const live = await tx.query<{ id: string }>(
          `SELECT id FROM auth_sessions WHERE desk_id = $1 AND ended_at IS NULL AND ${whose}`,
          [deskId, auth.orgId, staffId ?? null],
        );
        const sessions: string[] = [];
        for (const { id } of live) sessions.push(...(await endSession(tx, id, 'deskRevoked', at)));
        await appendAudit(tx, {
          action: 'auth.deskRevoked',
          orgId: auth.orgId,
          actorId: auth.staffId,
          at,
          details: {
            ip: meta.ip,
            deskId,
            reason,
            ...(staffId ? { staffId } : {}),
            credentials: revoked.map((row) => row.id),
            endedSessions: sessions.length,
          },
        });
        return { revoked: revoked.length, sessions };
      });
      ended(outcome.sessions);
      return outcome.revoked;
    },
  };
}

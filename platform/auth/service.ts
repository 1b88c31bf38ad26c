/**
 * Sign-in, refresh, sign-out and disabling accounts, independent of HTTP: the routes parse and
 * answer, this decides. Every sign-in attempt, success or failure, leaves an audit event; a failed
 * one also counts towards the throttle of its username and address (./throttle.ts). Every sign-in
 * opens a session (./sessions.ts) that its access tokens name; ending it ends them at once.
 */
import { can, type Role } from '../../shared/auth/roles';
import type { LoginResponse, MeResponse, OrganisationKind } from '../../shared/platform/auth';
import type { StaffStatus } from '../../shared/platform/staffAccounts';
import { appendAudit } from '../audit/audit';
import type { Queryable, Store } from '../db/store';
import { PlatformError } from '../http/errors';
import type { AccessTokens, AuthContext } from './accessTokens';
import { publicKeys } from '../sync/platformKeys';
import { verifyAgainstDummy, verifyPassword } from './passwords';
import { issueRefreshToken, revokeRefreshToken, rotateRefreshToken } from './refreshTokens';
import { endSessionsOf, startSession } from './sessions';
import {
  clearFailures,
  defaultThrottle,
  recordFailure,
  throttleVerdict,
  type ThrottleOptions,
  type ThrottleVerdict,
} from './throttle';

export interface AuthServiceOptions {
  store: Store;
  accessTokens: AccessTokens;
  refreshTtlSeconds: number;
  now: () => Date;
  /** Sign-in throttling (./throttle.ts `defaultThrottle` for what is not given). */
  throttle?: Partial<ThrottleOptions>;
  /** The key refresh-token successors are derived with (./refreshTokens.ts `successorToken`). */
  successorKey: string | Uint8Array;
  /** Seconds a spent refresh token still yields the same successor (default 30). */
  refreshGraceSeconds?: number;
  /**
   * Called after a commit that ended sessions (sign-out, a replayed refresh token, a disabled
   * account), so this process closes their change streams at once (./sessionWatch.ts); other
   * processes notice by their periodic check.
   */
  onSessionsEnded?: (sessionIds: string[]) => void;
}

/** Where a request came from, for the audit trail. */
export interface RequestMeta {
  ip: string;
  /** The desk signing in, when it said. */
  deskId?: string;
}

export interface AuthService {
  /**
   * @throws PlatformError `auth.invalidCredentials` (401), `auth.throttled` (429) or
   *   `auth.addressLocked` (423) with the seconds to wait, `auth.accountDisabled` (403)
   */
  login(username: string, password: string, meta: RequestMeta): Promise<LoginResponse>;
  /** @throws PlatformError `auth.refreshInvalid` (401), `auth.accountDisabled` (403) */
  refresh(refreshToken: string, meta: RequestMeta): Promise<LoginResponse>;
  /** Ends the session of `refreshToken`; unknown tokens are ignored so sign-out always succeeds. */
  logout(refreshToken: string, meta: RequestMeta): Promise<void>;
  /** @throws PlatformError `auth.invalidToken` when the staff member no longer exists */
  me(auth: AuthContext): Promise<MeResponse>;
  /**
   * Disables (`disabled: true`) or enables again an account of the admin's own organisation.
   * Disabling ends every session of it at once: refresh tokens, access tokens, open streams.
   * @throws PlatformError 403 `auth.forbidden` (not an admin), 404 `staff.notFound` (no such
   *   account in the admin's organisation), 409 `staff.disableSelf` (an admin disabling themself)
   */
  setDisabled(
    auth: AuthContext,
    staffId: string,
    change: { disabled: boolean; reason: string },
    meta: RequestMeta,
  ): Promise<StaffStatus>;
  /**
   * Opens a session for `staffId` at `deskId` without a password, for a caller that proves it
   * otherwise (a desk credential, ./deskCredentials.ts): `check` runs first in the same
   * transaction and refuses by resolving false. Resolves null when refused or the staff member is
   * gone; the caller answers that. The session is recorded as opened by a desk credential, so it
   * is never issued one (./deskCredentials.ts `issue`).
   */
  openSession(
    staffId: string,
    deskId: string,
    meta: RequestMeta,
    check: (tx: Queryable, at: Date) => Promise<boolean>,
  ): Promise<LoginResponse | null>;
}

interface StaffRow {
  id: string;
  org_id: string;
  display_name: string;
  role: Role;
  password_hash: string;
  disabled_at: Date | string | null;
  org_name: string;
  org_kind: OrganisationKind;
}

const staffSelect = `SELECT s.id, s.org_id, s.display_name, s.role, s.password_hash, s.disabled_at,
    o.name AS org_name, o.kind AS org_kind
  FROM staff s JOIN organisations o ON o.id = s.org_id`;

const invalidCredentials = () =>
  new PlatformError(401, 'auth.invalidCredentials', 'The username or password is not correct.');
const wholeSeconds = (seconds: number) => Math.max(1, Math.ceil(seconds));
const throttled = (seconds: number) =>
  new PlatformError(
    429,
    'auth.throttled',
    'Too many failed sign-ins for this account from this address; wait before trying again.',
    wholeSeconds(seconds),
  );
const addressLocked = (seconds: number) =>
  new PlatformError(
    423,
    'auth.addressLocked',
    'Too many failed sign-ins from this address; it is refused for a while.',
    wholeSeconds(seconds),
  );
/** The answer to a password guess the throttle refuses (./throttle.ts `throttleVerdict`). */
export const throttleRefusal = (verdict: Exclude<ThrottleVerdict, { kind: 'open' }>) =>
  verdict.kind === 'throttled' ? throttled(verdict.seconds) : addressLocked(verdict.seconds);
const accountDisabled = () =>
  new PlatformError(403, 'auth.accountDisabled', 'This account has been disabled by an administrator.');
const refreshInvalid = () =>
  new PlatformError(401, 'auth.refreshInvalid', 'The session has ended; sign in again.');

/**
 * Whether `staffId` may be given a session, holding their row (shared) until `tx` ends: a disable
 * committing meanwhile is seen here, or waits for this transaction and then ends its session.
 */
async function lockEnabled(tx: Queryable, staffId: string): Promise<boolean> {
  const [row] = await tx.query<{ disabled_at: Date | string | null }>(
    'SELECT disabled_at FROM staff WHERE id = $1 FOR SHARE',
    [staffId],
  );
  return row !== undefined && row.disabled_at === null;
}

/** Builds the service over one store and token signer. */
export function createAuthService(options: AuthServiceOptions): AuthService {
  const { store, accessTokens, refreshTtlSeconds, now } = options;
  const throttle: ThrottleOptions = { ...defaultThrottle, ...options.throttle };
  const rotation = {
    ttlSeconds: refreshTtlSeconds,
    successorKey: options.successorKey,
    graceSeconds: options.refreshGraceSeconds ?? 30,
  };
  const sessionsEnded = (ids: string[]) => {
    if (ids.length) options.onSessionsEnded?.(ids);
  };

  // Takes the transaction when called inside one: PGlite's single connection is held by it.
  const findStaff = async (db: Queryable, where: 's.id' | 's.username', value: string) =>
    (await db.query<StaffRow>(`${staffSelect} WHERE ${where} = $1`, [value]))[0];

  const session = async (
    staff: StaffRow,
    refreshToken: string,
    deskId: string | null,
    sessionId: string,
  ): Promise<LoginResponse> => ({
    accessToken: await accessTokens.sign({
      staffId: staff.id,
      orgId: staff.org_id,
      role: staff.role,
      sessionId,
      ...(deskId ? { deskId } : {}),
    }),
    refreshToken,
    expiresIn: accessTokens.ttlSeconds,
    staff: { id: staff.id, displayName: staff.display_name, role: staff.role },
    organisation: { id: staff.org_id, name: staff.org_name, kind: staff.org_kind },
    // Desks verify the platform's seals with these, offline too.
    platformKeys: await publicKeys(store),
  });

  /** Audits a sign-in refused before its password was looked at, or after (a disabled account). */
  const refuse = async (
    staff: StaffRow | undefined,
    username: string,
    meta: RequestMeta,
    reason: 'throttled' | 'addressLocked' | 'disabled',
  ) =>
    store.transaction((tx) =>
      appendAudit(tx, {
        action: 'auth.loginRefused',
        orgId: staff?.org_id ?? null,
        actorId: staff?.id ?? null,
        at: now(),
        details: { username, ip: meta.ip, reason },
      }),
    );

  /** Counts a wrong password or an unknown username towards the throttles, and audits it. */
  const fail = async (staff: StaffRow | undefined, username: string, meta: RequestMeta) => {
    const at = now();
    await store.transaction(async (tx) => {
      const outcome = await recordFailure(tx, username, meta.ip, at, throttle);
      await appendAudit(tx, {
        action: outcome.addressLockedSeconds > 0 ? 'auth.addressLocked' : 'auth.loginFailed',
        orgId: staff?.org_id ?? null,
        actorId: staff?.id ?? null,
        at,
        details: {
          username,
          ip: meta.ip,
          reason: staff ? 'wrongPassword' : 'unknownUser',
          failures: outcome.failures,
          ...(outcome.waitSeconds > 0 ? { waitSeconds: outcome.waitSeconds } : {}),
        },
      });
    });
  };

  return {
    async login(rawUsername, password, meta) {
      const username = rawUsername.trim().toLowerCase();
      // Refused before the password is even checked: a throttled guess tells nothing.
      const verdict = await throttleVerdict(store, username, meta.ip, now());
      if (verdict.kind !== 'open') {
        await refuse(await findStaff(store, 's.username', username), username, meta, verdict.kind);
        throw throttleRefusal(verdict);
      }
      const staff = await findStaff(store, 's.username', username);
      let matches = false;
      if (staff) matches = await verifyPassword(staff.password_hash, password);
      else await verifyAgainstDummy(password);
      if (!staff || !matches) {
        await fail(staff, username, meta);
        throw invalidCredentials();
      }
      // Only someone who knows the password learns that the account is disabled.
      if (staff.disabled_at !== null) {
        await refuse(staff, username, meta, 'disabled');
        throw accountDisabled();
      }
      const at = now();
      const opened = await store.transaction(async (tx) => {
        if (!(await lockEnabled(tx, staff.id))) return null;
        await clearFailures(tx, username, meta.ip);
        const sessionId = await startSession(tx, staff.id, meta.deskId ?? null, at);
        const issued = await issueRefreshToken(
          tx,
          staff.id,
          new Date(at.getTime() + refreshTtlSeconds * 1000),
          meta.deskId ?? null,
          sessionId,
        );
        await appendAudit(tx, {
          action: 'auth.login',
          orgId: staff.org_id,
          actorId: staff.id,
          at,
          details: { username, ip: meta.ip },
        });
        return { sessionId, token: issued.token };
      });
      if (!opened) throw accountDisabled();
      return session(staff, opened.token, meta.deskId ?? null, opened.sessionId);
    },

    async refresh(refreshToken, meta) {
      const at = now();
      const result = await store.transaction(async (tx) => {
        const rotated = await rotateRefreshToken(tx, refreshToken, at, rotation);
        if (rotated.kind === 'reused') {
          const owner = await findStaff(tx, 's.id', rotated.staffId);
          await appendAudit(tx, {
            action: 'auth.refreshReused',
            orgId: owner?.org_id ?? null,
            actorId: rotated.staffId,
            at,
            details: {
              ip: meta.ip,
              revokedTokens: rotated.revoked,
              endedSessions: rotated.endedSessions.length,
            },
          });
        }
        return rotated;
      });
      if (result.kind === 'reused') sessionsEnded(result.endedSessions);
      if (result.kind === 'disabled') throw accountDisabled();
      if (result.kind !== 'rotated') throw refreshInvalid();
      const staff = await findStaff(store, 's.id', result.staffId);
      if (!staff) throw refreshInvalid();
      return session(staff, result.token, result.deskId, result.sessionId);
    },

    async logout(refreshToken, meta) {
      const at = now();
      const ended = await store.transaction(async (tx) => {
        const revoked = await revokeRefreshToken(tx, refreshToken, at);
        if (revoked === null) return [];
        const staff = await findStaff(tx, 's.id', revoked.staffId);
        await appendAudit(tx, {
          action: 'auth.logout',
          orgId: staff?.org_id ?? null,
          actorId: revoked.staffId,
          at,
          details: { ip: meta.ip },
        });
        return revoked.endedSessions;
      });
      sessionsEnded(ended);
    },

    async openSession(staffId, deskId, meta, check) {
      const at = now();
      const opened = await store.transaction(async (tx) => {
        const staff = await findStaff(tx, 's.id', staffId);
        if (!staff) return null;
        // The staff row is held before `check` reads it: a password change or a disable that
        // commits meanwhile is then seen by `check`, not slipped past between the two.
        const enabled = await lockEnabled(tx, staff.id);
        if (!(await check(tx, at)) || !enabled) return null;
        const sessionId = await startSession(tx, staff.id, deskId, at, 'deskCredential');
        const issued = await issueRefreshToken(
          tx,
          staff.id,
          new Date(at.getTime() + refreshTtlSeconds * 1000),
          deskId,
          sessionId,
        );
        await appendAudit(tx, {
          action: 'auth.deskSession',
          orgId: staff.org_id,
          actorId: staff.id,
          at,
          details: { ip: meta.ip, deskId },
        });
        return { staff, token: issued.token, sessionId };
      });
      return opened && session(opened.staff, opened.token, deskId, opened.sessionId);
    },

    async me(auth) {
      const staff = await findStaff(store, 's.id', auth.staffId);
      if (!staff) throw new PlatformError(401, 'auth.invalidToken', 'The access token is not valid.');
      return {
        staff: { id: staff.id, displayName: staff.display_name, role: staff.role },
        organisation: { id: staff.org_id, name: staff.org_name, kind: staff.org_kind },
      };
    },

    async setDisabled(auth, staffId, { disabled, reason }, meta) {
      if (!can(auth.role, 'staff.manage'))
        throw new PlatformError(403, 'auth.forbidden', 'Only an administrator may do this.');
      if (disabled && staffId === auth.staffId)
        throw new PlatformError(
          409,
          'staff.disableSelf',
          'An administrator cannot disable their own account.',
        );
      const at = now();
      const changed = await store.transaction(async (tx) => {
        // The staff row first, as rotation and sign-out lock it: neither can slip a token past this.
        const [row] = await tx.query<{ disabled_at: Date | string | null }>(
          `UPDATE staff SET disabled_at = CASE WHEN $3 THEN COALESCE(disabled_at, $4::timestamptz) END
           WHERE id = $1 AND org_id = $2 RETURNING disabled_at`,
          [staffId, auth.orgId, disabled, at.toISOString()],
        );
        if (!row) return null;
        const ended = disabled ? await endSessionsOf(tx, staffId, 'accountDisabled', at) : [];
        // Its desk credentials end for good: enabling the account again must not bring back one
        // kept on a desk that may be why it was disabled (a stolen workstation).
        if (disabled)
          await tx.query(
            `UPDATE desk_credentials SET revoked_at = $2, revoked_by = $3
             WHERE staff_id = $1 AND revoked_at IS NULL`,
            [staffId, at.toISOString(), auth.staffId],
          );
        await appendAudit(tx, {
          action: disabled ? 'staff.disabled' : 'staff.enabled',
          orgId: auth.orgId,
          actorId: auth.staffId,
          recordId: staffId,
          at,
          details: { ip: meta.ip, staffId, reason, endedSessions: ended.length },
        });
        return { disabledAt: row.disabled_at, ended };
      });
      if (!changed)
        throw new PlatformError(404, 'staff.notFound', 'There is no such account in your organisation.');
      sessionsEnded(changed.ended);
      return {
        staffId,
        disabledAt: changed.disabledAt === null ? null : new Date(changed.disabledAt).toISOString(),
        endedSessions: changed.ended.length,
      };
    },
  };
}

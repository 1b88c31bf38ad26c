/**
 * Sign-in, refresh and sign-out, independent of HTTP: the routes parse and answer, this decides.
 * Every sign-in attempt, success or failure, leaves an audit event; a failed one also counts
 * towards the per-username lockout.
 */
import type { Role } from '../../shared/auth/roles';
import type { LoginResponse, MeResponse, OrganisationKind } from '../../shared/platform/auth';
import { appendAudit } from '../audit/audit';
import type { Queryable, Store } from '../db/store';
import { PlatformError } from '../http/errors';
import type { AccessTokens, AuthContext } from './accessTokens';
import { publicKeys } from '../sync/platformKeys';
import { verifyAgainstDummy, verifyPassword } from './passwords';
import { issueRefreshToken, revokeRefreshToken, rotateRefreshToken } from './refreshTokens';

export interface AuthServiceOptions {
  store: Store;
  accessTokens: AccessTokens;
  refreshTtlSeconds: number;
  now: () => Date;
  /** Consecutive failures that lock a username (default 5). */
  maxFailedAttempts?: number;
  /** How long a lock lasts (default 15 minutes). */
  lockSeconds?: number;
}

/** Where a request came from, for the audit trail. */
export interface RequestMeta {
  ip: string;
  /** The desk signing in, when it said. */
  deskId?: string;
}

export interface AuthService {
  /** @throws PlatformError `auth.invalidCredentials` (401) or `auth.locked` (423) */
  login(username: string, password: string, meta: RequestMeta): Promise<LoginResponse>;
  /** @throws PlatformError `auth.refreshInvalid` (401) */
  refresh(refreshToken: string, meta: RequestMeta): Promise<LoginResponse>;
  /** Ends the session of `refreshToken`; unknown tokens are ignored so sign-out always succeeds. */
  logout(refreshToken: string, meta: RequestMeta): Promise<void>;
  /** @throws PlatformError `auth.invalidToken` when the staff member no longer exists */
  me(auth: AuthContext): Promise<MeResponse>;
}

interface StaffRow {
  id: string;
  org_id: string;
  display_name: string;
  role: Role;
  password_hash: string;
  locked_until: Date | string | null;
  org_name: string;
  org_kind: OrganisationKind;
}

const staffSelect = `SELECT s.id, s.org_id, s.display_name, s.role, s.password_hash, s.locked_until,
    o.name AS org_name, o.kind AS org_kind
  FROM staff s JOIN organisations o ON o.id = s.org_id`;

const invalidCredentials = () =>
  new PlatformError(401, 'auth.invalidCredentials', 'The username or password is not correct.');
const locked = (seconds: number) =>
  new PlatformError(
    423,
    'auth.locked',
    'Too many failed sign-ins; this account is locked for a while.',
    Math.max(1, Math.ceil(seconds)),
  );
const refreshInvalid = () =>
  new PlatformError(401, 'auth.refreshInvalid', 'The session has ended; sign in again.');

/** Builds the service over one store and token signer. */
export function createAuthService(options: AuthServiceOptions): AuthService {
  const { store, accessTokens, refreshTtlSeconds, now } = options;
  const maxFailures = options.maxFailedAttempts ?? 5;
  const lockSeconds = options.lockSeconds ?? 15 * 60;

  // Takes the transaction when called inside one: PGlite's single connection is held by it.
  const findStaff = async (db: Queryable, where: 's.id' | 's.username', value: string) =>
    (await db.query<StaffRow>(`${staffSelect} WHERE ${where} = $1`, [value]))[0];

  const session = async (
    staff: StaffRow,
    refreshToken: string,
    deskId: string | null,
  ): Promise<LoginResponse> => ({
    accessToken: await accessTokens.sign({
      staffId: staff.id,
      orgId: staff.org_id,
      role: staff.role,
      ...(deskId ? { deskId } : {}),
    }),
    refreshToken,
    expiresIn: accessTokens.ttlSeconds,
    staff: { id: staff.id, displayName: staff.display_name, role: staff.role },
    organisation: { id: staff.org_id, name: staff.org_name, kind: staff.org_kind },
    // Desks verify the platform's seals with these, offline too.
    platformKeys: await publicKeys(store),
  });

  /** Counts a failure; returns the seconds of lock now in force (0 when not locked). */
  const recordFailure = async (staff: StaffRow, username: string, meta: RequestMeta): Promise<number> => {
    const at = now();
    const lockUntil = new Date(at.getTime() + lockSeconds * 1000);
    return store.transaction(async (tx) => {
      // One statement, so concurrent wrong guesses each count; a row already locked is left alone.
      const [row] = await tx.query<{ failed_attempts: number; locked_until: Date | string | null }>(
        `UPDATE staff SET
           failed_attempts = CASE WHEN failed_attempts + 1 >= $2 THEN 0 ELSE failed_attempts + 1 END,
           locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN $3::timestamptz ELSE locked_until END
         WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $4::timestamptz)
         RETURNING failed_attempts, locked_until`,
        [staff.id, maxFailures, lockUntil.toISOString(), at.toISOString()],
      );
      const lockedNow = row ? row.locked_until !== null && new Date(row.locked_until) > at : true;
      await appendAudit(tx, {
        action: lockedNow ? 'auth.locked' : 'auth.loginFailed',
        orgId: staff.org_id,
        actorId: staff.id,
        at,
        details: {
          username,
          ip: meta.ip,
          reason: 'wrongPassword',
          failedAttempts: row?.failed_attempts ?? 0,
        },
      });
      return lockedNow ? lockSeconds : 0;
    });
  };

  return {
    async login(rawUsername, password, meta) {
      const username = rawUsername.trim().toLowerCase();
      const staff = await findStaff(store, 's.username', username);
      if (!staff) {
        await verifyAgainstDummy(password);
        await store.transaction((tx) =>
          appendAudit(tx, {
            action: 'auth.loginFailed',
            orgId: null,
            actorId: null,
            at: now(),
            details: { username, ip: meta.ip, reason: 'unknownUser' },
          }),
        );
        throw invalidCredentials();
      }
      const lockedFor = staff.locked_until
        ? (new Date(staff.locked_until).getTime() - now().getTime()) / 1000
        : 0;
      if (lockedFor > 0) {
        await store.transaction((tx) =>
          appendAudit(tx, {
            action: 'auth.loginRefused',
            orgId: staff.org_id,
            actorId: staff.id,
            at: now(),
            details: { username, ip: meta.ip, reason: 'locked' },
          }),
        );
        throw locked(lockedFor);
      }
      if (!(await verifyPassword(staff.password_hash, password))) {
        const lockedNow = await recordFailure(staff, username, meta);
        throw lockedNow > 0 ? locked(lockedNow) : invalidCredentials();
      }
      const at = now();
      const refresh = await store.transaction(async (tx) => {
        await tx.query('UPDATE staff SET failed_attempts = 0, locked_until = NULL WHERE id = $1', [staff.id]);
        const issued = await issueRefreshToken(
          tx,
          staff.id,
          new Date(at.getTime() + refreshTtlSeconds * 1000),
          meta.deskId ?? null,
        );
        await appendAudit(tx, {
          action: 'auth.login',
          orgId: staff.org_id,
          actorId: staff.id,
          at,
          details: { username, ip: meta.ip },
        });
        return issued;
      });
      return session(staff, refresh.token, meta.deskId ?? null);
    },

    async refresh(refreshToken, meta) {
      const at = now();
      const result = await store.transaction(async (tx) => {
        const rotation = await rotateRefreshToken(tx, refreshToken, at, refreshTtlSeconds);
        if (rotation.kind === 'reused') {
          const owner = await findStaff(tx, 's.id', rotation.staffId);
          await appendAudit(tx, {
            action: 'auth.refreshReused',
            orgId: owner?.org_id ?? null,
            actorId: rotation.staffId,
            at,
            details: { ip: meta.ip, revokedTokens: rotation.revoked },
          });
        }
        return rotation;
      });
      if (result.kind !== 'rotated') throw refreshInvalid();
      const staff = await findStaff(store, 's.id', result.staffId);
      if (!staff) throw refreshInvalid();
      return session(staff, result.token, result.deskId);
    },

    async logout(refreshToken, meta) {
      const at = now();
      await store.transaction(async (tx) => {
        const staffId = await revokeRefreshToken(tx, refreshToken, at);
        if (staffId === null) return;
        const staff = await findStaff(tx, 's.id', staffId);
        await appendAudit(tx, {
          action: 'auth.logout',
          orgId: staff?.org_id ?? null,
          actorId: staffId,
          at,
          details: { ip: meta.ip },
        });
      });
    },

    async me(auth) {
      const staff = await findStaff(store, 's.id', auth.staffId);
      if (!staff) throw new PlatformError(401, 'auth.invalidToken', 'The access token is not valid.');
      return {
        staff: { id: staff.id, displayName: staff.display_name, role: staff.role },
        organisation: { id: staff.org_id, name: staff.org_name, kind: staff.org_kind },
      };
    },
  };
}

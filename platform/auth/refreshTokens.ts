/**
 * Refresh tokens: 256 bits handed out once and stored only as a SHA-256. Each refresh spends the
 * token and issues its successor (`replaced_by`), so a stolen token is good for one use at most —
 * and when both the thief and the desk present it, the second use is spotted as reuse and the
 * whole chain after it is revoked and its session ended, ending both sessions.
 *
 * A successor is derived from the spent token with an HMAC under a platform key, not drawn at
 * random: when the same token comes back within a short grace window (two tabs refreshing at once,
 * a retry after a lost answer), the platform can hand out the very same successor again instead
 * of ending the session, without ever storing a usable token. After the window, a spent token is
 * reuse as before.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Queryable } from '../db/store';
import { endSession, startSession } from './sessions';

/** Hex SHA-256 of a token: what the table keeps and looks up by. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The successor of `token`: an HMAC under the platform's `key`, so presenting the same spent token
 * again yields the same successor, and nobody without the key can compute it.
 */
export function successorToken(key: string | Uint8Array, token: string): string {
  return createHmac('sha256', key).update(`refresh-successor:${token}`).digest('base64url');
}

/**
 * Creates a token for `staffId` in session `sessionId`, valid until `expiresAt`; returns its id
 * and its only plain copy. `token` is the successor when rotating; a new chain draws one at random.
 */
export async function issueRefreshToken(
  tx: Queryable,
  staffId: string,
  expiresAt: Date,
  deskId: string | null,
  sessionId: string,
  token: string = randomBytes(32).toString('base64url'),
): Promise<{ id: string; token: string }> {
  const id = uuidv7();
  await tx.query(
    `INSERT INTO refresh_tokens (id, staff_id, token_hash, expires_at, desk_id, session_id)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [id, staffId, hashRefreshToken(token), expiresAt.toISOString(), deskId, sessionId],
  );
  return { id, token };
}

/** How rotation treats a token. */
export interface RotationOptions {
  /** Lifetime of a new token in seconds. */
  ttlSeconds: number;
  /** The key successors are derived with ({@link successorToken}). */
  successorKey: string | Uint8Array;
  /** Seconds after a rotation during which the spent token yields the same successor again. */
  graceSeconds: number;
}

/** Outcome of presenting a refresh token. */
export type RotationResult =
  | {
      kind: 'rotated';
      staffId: string;
      token: string;
      deskId: string | null;
      sessionId: string;
      /** True when this was the spent token again within the grace window: the same successor. */
      retried: boolean;
    }
  | { kind: 'unknown' }
  | { kind: 'expired'; staffId: string }
  | { kind: 'revoked'; staffId: string }
  /** The account is disabled: its tokens are all revoked, and none is issued. */
  | { kind: 'disabled'; staffId: string }
  /** The token had already been exchanged: the chain after it is now revoked, its session ended. */
  | { kind: 'reused'; staffId: string; revoked: number; endedSessions: string[] };

interface TokenRow {
  id: string;
  staff_id: string;
  desk_id: string | null;
  session_id: string | null;
  token_hash: string;
  expires_at: Date | string;
  revoked_at: Date | string | null;
  replaced_by: string | null;
}

const tokenColumns = 'id, staff_id, desk_id, session_id, token_hash, expires_at, revoked_at, replaced_by';

/**
 * Exchanges `token` for its successor in `tx` (call inside a transaction). Locks are taken in the
 * order disabling an account takes them — the staff row (shared), then the token row — so a
 * rotation and a disable never deadlock, and a rotation either finishes before the disable (which
 * then revokes the successor) or sees the account disabled. The token row lock makes two
 * concurrent exchanges of the same token queue, so the second sees the first's rotation.
 * Failures are returned, not thrown, so the caller commits the chain revocation before answering.
 */
export async function rotateRefreshToken(
  tx: Queryable,
  token: string,
  now: Date,
  options: RotationOptions,
): Promise<RotationResult> {
  const hash = hashRefreshToken(token);
  const [owner] = await tx.query<{ staff_id: string }>(
    'SELECT staff_id FROM refresh_tokens WHERE token_hash = $1',
    [hash],
  );
  if (!owner) return { kind: 'unknown' };
  const [staff] = await tx.query<{ disabled_at: Date | string | null }>(
    'SELECT disabled_at FROM staff WHERE id = $1 FOR SHARE',
    [owner.staff_id],
  );
  const [row] = await tx.query<TokenRow>(
    `SELECT ${tokenColumns} FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
    [hash],
  );
  if (!row) return { kind: 'unknown' };
  if (!staff || staff.disabled_at !== null) return { kind: 'disabled', staffId: row.staff_id };
  if (row.revoked_at !== null) {
    if (row.replaced_by === null) return { kind: 'revoked', staffId: row.staff_id };
    const again = await successorWithinGrace(tx, row, token, now, options);
    if (again) return again;
    const revoked = await revokeChain(tx, row.id, now);
    const endedSessions = row.session_id ? await endSession(tx, row.session_id, 'refreshReused', now) : [];
    return { kind: 'reused', staffId: row.staff_id, revoked, endedSessions };
  }
  if (new Date(row.expires_at).getTime() <= now.getTime()) return { kind: 'expired', staffId: row.staff_id };
  // A chain from before sessions joins one now, so its access tokens can be ended like any other.
  const sessionId = row.session_id ?? (await startSession(tx, row.staff_id, row.desk_id, now));
  const next = await issueRefreshToken(
    tx,
    row.staff_id,
    new Date(now.getTime() + options.ttlSeconds * 1000),
    row.desk_id,
    sessionId,
    successorToken(options.successorKey, token),
  );
  await tx.query('UPDATE refresh_tokens SET revoked_at = $2, replaced_by = $3 WHERE id = $1', [
    row.id,
    now.toISOString(),
    next.id,
  ]);
  return {
    kind: 'rotated',
    staffId: row.staff_id,
    token: next.token,
    deskId: row.desk_id,
    sessionId,
    retried: false,
  };
}

/**
 * The spent token `row` presented again: when it was rotated at most the grace window ago and its
 * successor is still live and unused, the same successor again; otherwise null (reuse).
 */
async function successorWithinGrace(
  tx: Queryable,
  row: TokenRow,
  token: string,
  now: Date,
  { successorKey, graceSeconds }: RotationOptions,
): Promise<RotationResult | null> {
  const spentAt = new Date(row.revoked_at!).getTime();
  if (now.getTime() - spentAt > graceSeconds * 1000) return null;
  const [next] = await tx.query<TokenRow>(`SELECT ${tokenColumns} FROM refresh_tokens WHERE id = $1`, [
    row.replaced_by,
  ]);
  if (!next || next.revoked_at !== null || next.session_id === null) return null;
  if (new Date(next.expires_at).getTime() <= now.getTime()) return null;
  const successor = successorToken(successorKey, token);
  // A successor issued under another key (the platform restarted with a new secret) cannot be
  // handed out again: that is reuse.
  if (hashRefreshToken(successor) !== next.token_hash) return null;
  return {
    kind: 'rotated',
    staffId: next.staff_id,
    token: successor,
    deskId: next.desk_id,
    sessionId: next.session_id,
    retried: true,
  };
}

/**
 * Revokes the token with `id` and every successor after it that is still live; returns how many
 * were revoked. Ancestors are already revoked by rotation.
 */
export async function revokeChain(tx: Queryable, id: string, now: Date): Promise<number> {
  const rows = await tx.query<{ id: string }>(
    `WITH RECURSIVE chain AS (
       SELECT id, replaced_by FROM refresh_tokens WHERE id = $1
       UNION ALL
       SELECT t.id, t.replaced_by FROM refresh_tokens t JOIN chain c ON t.id = c.replaced_by
     )
     UPDATE refresh_tokens SET revoked_at = $2
     WHERE id IN (SELECT id FROM chain) AND revoked_at IS NULL
     RETURNING id`,
    [id, now.toISOString()],
  );
  return rows.length;
}

/**
 * Signs out with `token`: revokes it and its successors and ends its session. Returns the staff
 * id and the sessions ended, or null for an unknown token.
 */
export async function revokeRefreshToken(
  tx: Queryable,
  token: string,
  now: Date,
): Promise<{ staffId: string; endedSessions: string[] } | null> {
  const hash = hashRefreshToken(token);
  const [owner] = await tx.query<{ staff_id: string }>(
    'SELECT staff_id FROM refresh_tokens WHERE token_hash = $1',
    [hash],
  );
  if (!owner) return null;
  // The same lock order as rotation and disabling: staff row, then token row.
  await tx.query('SELECT 1 FROM staff WHERE id = $1 FOR SHARE', [owner.staff_id]);
  const [row] = await tx.query<{ id: string; staff_id: string; session_id: string | null }>(
    'SELECT id, staff_id, session_id FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE',
    [hash],
  );
  if (!row) return null;
  await revokeChain(tx, row.id, now);
  const endedSessions = row.session_id ? await endSession(tx, row.session_id, 'signedOut', now) : [];
  return { staffId: row.staff_id, endedSessions };
}

/**
 * Refresh tokens: 256 random bits, handed out once and stored only as a SHA-256. Each refresh
 * spends the token and issues its successor (`replaced_by`), so a stolen token is good for one
 * use at most — and when both the thief and the desk present it, the second use is spotted as
 * reuse and the whole chain after it is revoked, ending both sessions.
 */
import { createHash, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Queryable } from '../db/store';

/** Hex SHA-256 of a token: what the table keeps and looks up by. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates a token for `staffId` valid until `expiresAt`; returns its id and its only plain copy. */
export async function issueRefreshToken(
  tx: Queryable,
  staffId: string,
  expiresAt: Date,
  deskId: string | null = null,
): Promise<{ id: string; token: string }> {
  const id = uuidv7();
  const token = randomBytes(32).toString('base64url');
  await tx.query(
    'INSERT INTO refresh_tokens (id, staff_id, token_hash, expires_at, desk_id) VALUES ($1, $2, $3, $4, $5)',
    [id, staffId, hashRefreshToken(token), expiresAt.toISOString(), deskId],
  );
  return { id, token };
}

/** Outcome of presenting a refresh token. */
export type RotationResult =
  | { kind: 'rotated'; staffId: string; token: string; deskId: string | null }
  | { kind: 'unknown' }
  | { kind: 'expired'; staffId: string }
  | { kind: 'revoked'; staffId: string }
  /** The token had already been exchanged: the chain after it is now revoked. */
  | { kind: 'reused'; staffId: string; revoked: number };

interface TokenRow {
  id: string;
  staff_id: string;
  desk_id: string | null;
  expires_at: Date | string;
  revoked_at: Date | string | null;
  replaced_by: string | null;
}

/**
 * Exchanges `token` for a new one in `tx` (call inside a transaction; the row lock makes two
 * concurrent exchanges of the same token queue, so the second sees the first's revocation).
 * Failures are returned, not thrown, so the caller commits the chain revocation before answering.
 */
export async function rotateRefreshToken(
  tx: Queryable,
  token: string,
  now: Date,
  ttlSeconds: number,
): Promise<RotationResult> {
  const [row] = await tx.query<TokenRow>(
    `SELECT id, staff_id, desk_id, expires_at, revoked_at, replaced_by FROM refresh_tokens
     WHERE token_hash = $1 FOR UPDATE`,
    [hashRefreshToken(token)],
  );
  if (!row) return { kind: 'unknown' };
  if (row.revoked_at !== null) {
    if (row.replaced_by === null) return { kind: 'revoked', staffId: row.staff_id };
    const revoked = await revokeChain(tx, row.id, now);
    return { kind: 'reused', staffId: row.staff_id, revoked };
  }
  if (new Date(row.expires_at).getTime() <= now.getTime()) return { kind: 'expired', staffId: row.staff_id };
  const next = await issueRefreshToken(
    tx,
    row.staff_id,
    new Date(now.getTime() + ttlSeconds * 1000),
    row.desk_id,
  );
  await tx.query('UPDATE refresh_tokens SET revoked_at = $2, replaced_by = $3 WHERE id = $1', [
    row.id,
    now.toISOString(),
    next.id,
  ]);
  return { kind: 'rotated', staffId: row.staff_id, token: next.token, deskId: row.desk_id };
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

/** Revokes the token (sign-out) and its successors; returns the staff id, or null if unknown. */
export async function revokeRefreshToken(tx: Queryable, token: string, now: Date): Promise<string | null> {
  const [row] = await tx.query<{ id: string; staff_id: string }>(
    'SELECT id, staff_id FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE',
    [hashRefreshToken(token)],
  );
  if (!row) return null;
  await revokeChain(tx, row.id, now);
  return row.staff_id;
}

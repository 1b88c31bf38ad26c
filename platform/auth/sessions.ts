/**
 * Sessions (`auth_sessions`): one per sign-in, named by every access token of it (`sid`) and
 * shared by its refresh chain. Ending a session revokes its refresh tokens and, because
 * `authenticate` checks the session on every request, its access tokens at once; open change
 * streams of it are closed by ./sessionWatch.ts. The table is the one truth for every platform
 * process.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Queryable } from '../db/store';

/** Why a session ended (`auth_sessions.end_reason`). */
export type SessionEndReason =
  'signedOut' | 'refreshReused' | 'accountDisabled' | 'passwordChanged' | 'deskRevoked';

/** Opens a session for `staffId` (at `deskId`, when it said); returns its id. */
export async function startSession(
  tx: Queryable,
  staffId: string,
  deskId: string | null,
  at: Date,
): Promise<string> {
  const id = uuidv7();
  await tx.query('INSERT INTO auth_sessions (id, staff_id, desk_id, created_at) VALUES ($1, $2, $3, $4)', [
    id,
    staffId,
    deskId,
    at.toISOString(),
  ]);
  return id;
}

/** Whether session `id` exists and has not ended: one primary-key lookup, on every request. */
export async function isSessionLive(db: Queryable, id: string): Promise<boolean> {
  const rows = await db.query<{ live: boolean }>(
    'SELECT ended_at IS NULL AS live FROM auth_sessions WHERE id = $1',
    [id],
  );
  return rows[0]?.live === true;
}

/** Of `ids`, those that have ended or do not exist (the periodic check of open streams). */
export async function endedSessions(db: Queryable, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  const live = await db.query<{ id: string }>(
    'SELECT id FROM auth_sessions WHERE id = ANY($1::text[]) AND ended_at IS NULL',
    [ids],
  );
  const liveIds = new Set(live.map((row) => row.id));
  return ids.filter((id) => !liveIds.has(id));
}

/**
 * Ends session `id` and revokes its refresh tokens; returns the ids of sessions it ended (empty
 * when it had ended already).
 */
export async function endSession(
  tx: Queryable,
  id: string,
  reason: SessionEndReason,
  at: Date,
): Promise<string[]> {
  const ended = await tx.query<{ id: string }>(
    `UPDATE auth_sessions SET ended_at = $2, end_reason = $3
     WHERE id = $1 AND ended_at IS NULL RETURNING id`,
    [id, at.toISOString(), reason],
  );
  await tx.query('UPDATE refresh_tokens SET revoked_at = $2 WHERE session_id = $1 AND revoked_at IS NULL', [
    id,
    at.toISOString(),
  ]);
  return ended.map((row) => row.id);
}

/**
 * Ends every live session of `staffId` and revokes every live refresh token of theirs (also those
 * older than sessions); returns the ids of the sessions ended.
 */
export async function endSessionsOf(
  tx: Queryable,
  staffId: string,
  reason: SessionEndReason,
  at: Date,
): Promise<string[]> {
  const ended = await tx.query<{ id: string }>(
    `UPDATE auth_sessions SET ended_at = $2, end_reason = $3
     WHERE staff_id = $1 AND ended_at IS NULL RETURNING id`,
    [staffId, at.toISOString(), reason],
  );
  await tx.query('UPDATE refresh_tokens SET revoked_at = $2 WHERE staff_id = $1 AND revoked_at IS NULL', [
    staffId,
    at.toISOString(),
  ]);
  return ended.map((row) => row.id);
}

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

/** How a session was opened (`auth_sessions.opened_by`, migration 011). */
export type SessionOrigin = 'password' | 'deskCredential';

/** Opens a session for `staffId` (at `deskId`, when it said); returns its id. */
export async function startSession(
  tx: Queryable,
  staffId: string,
  deskId: string | null,
  at: Date,
  openedBy: SessionOrigin = 'password',
): Promise<string> {
  const id = uuidv7();
  await tx.query(
    'INSERT INTO auth_sessions (id, staff_id, desk_id, created_at, opened_by) VALUES ($1, $2, $3, $4, $5)',
    [id, staffId, deskId, at.toISOString(), openedBy],
  );
  return id;
}

/** How session `id` was opened; undefined when there is no such session. */
export async function sessionOrigin(db: Queryable, id: string): Promise<SessionOrigin | undefined> {
  const [row] = await db.query<{ opened_by: SessionOrigin }>(
    'SELECT opened_by FROM auth_sessions WHERE id = $1',
    [id],
  );
  return row?.opened_by;
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

/** The sessions a call ends, and the refresh tokens it revokes with them. */
const scopes = {
  session: { sessions: 'id', tokens: 'session_id' },
  staff: { sessions: 'staff_id', tokens: 'staff_id' },
} as const;

async function endSessionsBy(
  tx: Queryable,
  scope: keyof typeof scopes,
  value: string,
  reason: SessionEndReason,
  at: Date,
): Promise<string[]> {
  const { sessions, tokens } = scopes[scope];
  const ended = await tx.query<{ id: string }>(
    `UPDATE auth_sessions SET ended_at = $2, end_reason = $3
     WHERE ${sessions} = $1 AND ended_at IS NULL RETURNING id`,
    [value, at.toISOString(), reason],
  );
  await tx.query(`UPDATE refresh_tokens SET revoked_at = $2 WHERE ${tokens} = $1 AND revoked_at IS NULL`, [
    value,
    at.toISOString(),
  ]);
  return ended.map((row) => row.id);
}

/**
 * Ends session `id` and revokes its refresh tokens; returns the ids of sessions it ended (empty
 * when it had ended already).
 */
export const endSession = (tx: Queryable, id: string, reason: SessionEndReason, at: Date) =>
  endSessionsBy(tx, 'session', id, reason, at);

/**
 * Ends every live session of `staffId` and revokes every live refresh token of theirs (also those
 * older than sessions); returns the ids of the sessions ended.
 */
export const endSessionsOf = (tx: Queryable, staffId: string, reason: SessionEndReason, at: Date) =>
  endSessionsBy(tx, 'staff', staffId, reason, at);

/**
 * Sign-in throttling that cannot be turned against a colleague. Accounts are never locked: wrong
 * passwords slow down only the pair of username and client address they came from (from the third
 * in a row, that pair waits 1 s, 2 s, 4 s … capped), so the owner signs in from another desk while
 * a guesser waits. The only hard lock is by address: an address that fails too often in a window,
 * whatever the usernames, is refused for a while. Both live in the database (`login_throttles`,
 * `login_address_blocks`), so every platform process counts the same failures.
 */
import type { Queryable } from '../db/store';

export interface ThrottleOptions {
  /** Failures in a row of one username at one address before that pair must wait (3). */
  freeFailures: number;
  /** The first wait in seconds (1); each further failure doubles it. */
  firstDelaySeconds: number;
  /** The longest wait in seconds (900). */
  maxDelaySeconds: number;
  /** A pair's failures are forgotten after this many seconds without one (3600). */
  forgetSeconds: number;
  /** Failures from one address within {@link addressWindowSeconds} that block it (30). */
  addressMaxFailures: number;
  /** The window those failures are counted in, in seconds (900). */
  addressWindowSeconds: number;
  /** How long a blocked address is refused, in seconds (900). */
  addressBlockSeconds: number;
}

export const defaultThrottle: ThrottleOptions = {
  freeFailures: 3,
  firstDelaySeconds: 1,
  maxDelaySeconds: 900,
  forgetSeconds: 3600,
  addressMaxFailures: 30,
  addressWindowSeconds: 900,
  addressBlockSeconds: 900,
};

/** Whether a sign-in may be tried now; when not, for how many more seconds. */
export type ThrottleVerdict =
  { kind: 'open' } | { kind: 'throttled'; seconds: number } | { kind: 'addressLocked'; seconds: number };

const secondsUntil = (until: Date | string | null, now: Date) =>
  until === null ? 0 : (new Date(until).getTime() - now.getTime()) / 1000;

/** The wait after the `failures`-th failure in a row, in seconds (0: none yet). */
export function delayAfter(failures: number, options: ThrottleOptions): number {
  if (failures < options.freeFailures) return 0;
  const doublings = Math.min(failures - options.freeFailures, 30);
  return Math.min(options.maxDelaySeconds, options.firstDelaySeconds * 2 ** doublings);
}

/** Whether `username` may try to sign in from `address` at `now` (one query, no locks). */
export async function throttleVerdict(
  db: Queryable,
  username: string,
  address: string,
  now: Date,
): Promise<ThrottleVerdict> {
  const [row] = await db.query<{ address_until: Date | string | null; pair_until: Date | string | null }>(
    `SELECT (SELECT blocked_until FROM login_address_blocks WHERE address = $2) AS address_until,
            (SELECT blocked_until FROM login_throttles WHERE username = $1 AND address = $2) AS pair_until`,
    [username, address],
  );
  const addressWait = secondsUntil(row?.address_until ?? null, now);
  if (addressWait > 0) return { kind: 'addressLocked', seconds: addressWait };
  const pairWait = secondsUntil(row?.pair_until ?? null, now);
  if (pairWait > 0) return { kind: 'throttled', seconds: pairWait };
  return { kind: 'open' };
}

/** What one more failure changed. */
export interface FailureOutcome {
  /** Failures in a row of this username at this address. */
  failures: number;
  /** Seconds this pair must now wait before trying again (0: none). */
  waitSeconds: number;
  /** Seconds this address is now refused for, when this failure blocked it (0: not blocked). */
  addressLockedSeconds: number;
}

/**
 * Counts a failed sign-in of `username` from `address`. Each count is one upsert, so concurrent
 * failures from several processes all count.
 */
export async function recordFailure(
  tx: Queryable,
  username: string,
  address: string,
  now: Date,
  options: ThrottleOptions,
): Promise<FailureOutcome> {
  const at = now.toISOString();
  const [pair] = await tx.query<{ failures: number }>(
    `INSERT INTO login_throttles AS t (username, address, failures, last_failure_at)
     VALUES ($1, $2, 1, $3)
     ON CONFLICT (username, address) DO UPDATE SET
       failures = CASE WHEN t.last_failure_at <= $3::timestamptz - make_interval(secs => $4)
                       THEN 1 ELSE t.failures + 1 END,
       last_failure_at = $3
     RETURNING failures`,
    [username, address, at, options.forgetSeconds],
  );
  const failures = pair!.failures;
  const waitSeconds = delayAfter(failures, options);
  if (waitSeconds > 0)
    await tx.query('UPDATE login_throttles SET blocked_until = $3 WHERE username = $1 AND address = $2', [
      username,
      address,
      new Date(now.getTime() + waitSeconds * 1000).toISOString(),
    ]);

  const [counted] = await tx.query<{ failures: number }>(
    `INSERT INTO login_address_blocks AS b (address, failures, window_started_at)
     VALUES ($1, 1, $2)
     ON CONFLICT (address) DO UPDATE SET
       failures = CASE WHEN b.window_started_at <= $2::timestamptz - make_interval(secs => $3)
                       THEN 1 ELSE b.failures + 1 END,
       window_started_at = CASE WHEN b.window_started_at <= $2::timestamptz - make_interval(secs => $3)
                                THEN $2::timestamptz ELSE b.window_started_at END
     RETURNING failures`,
    [address, at, options.addressWindowSeconds],
  );
  let addressLockedSeconds = 0;
  if (counted!.failures >= options.addressMaxFailures) {
    addressLockedSeconds = options.addressBlockSeconds;
    // The count starts again when the block ends.
    await tx.query(
      `UPDATE login_address_blocks SET blocked_until = $2, failures = 0, window_started_at = $2
       WHERE address = $1`,
      [address, new Date(now.getTime() + addressLockedSeconds * 1000).toISOString()],
    );
  }
  return { failures, waitSeconds, addressLockedSeconds };
}

/** A successful sign-in clears its pair's failures (never the address's: others may be guessing). */
export async function clearFailures(tx: Queryable, username: string, address: string): Promise<void> {
  await tx.query('DELETE FROM login_throttles WHERE username = $1 AND address = $2', [username, address]);
}

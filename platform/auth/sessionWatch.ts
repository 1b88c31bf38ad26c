/**
 * Ends open change streams with their session. A stream is authenticated once, when it opens, and
 * may then stay open for hours; without this it would outlive its access token and a sign-out.
 * Each stream watched here closes:
 * - when its access token expires (a timer at `exp`); the desk then refreshes and opens it again;
 * - at once when this process ends its session (sign-out, a replayed refresh token, a disabled
 *   account: {@link SessionWatch.end});
 * - within {@link SessionWatchOptions.checkSeconds} when another process ended it: one query
 *   checks every watched session against `auth_sessions` (the database is the only shared truth,
 *   DESIGN §10), and the same check closes streams whose token the platform's clock has passed.
 */
import type { Queryable } from '../db/store';
import type { AuthContext } from './accessTokens';
import { endedSessions } from './sessions';

export interface SessionWatchOptions {
  store: Queryable;
  now: () => Date;
  /** Seconds between checks of the watched sessions (default 5). */
  checkSeconds?: number;
  /** Where a failed check is reported (the next check tries again). */
  onCheckFailed?: (error: unknown) => void;
}

interface Watcher {
  expiresAt: number;
  close: () => void;
  expiry: NodeJS.Timeout;
}

export class SessionWatch {
  private readonly watchers = new Map<string, Set<Watcher>>();
  private timer: NodeJS.Timeout | undefined;
  private checking = false;
  private readonly checkMs: number;

  constructor(private readonly options: SessionWatchOptions) {
    this.checkMs = (options.checkSeconds ?? 5) * 1000;
  }

  /** Streams watched now. */
  get size(): number {
    let size = 0;
    for (const set of this.watchers.values()) size += set.size;
    return size;
  }

  /**
   * Calls `close` (once) when the session of `auth` ends or its token expires; returns the
   * function that stops watching (call it when the stream closes for any other reason).
   */
  watch(auth: AuthContext, close: () => void): () => void {
    const expiresAt = auth.expiresAt ?? Number.POSITIVE_INFINITY;
    let closed = false;
    const watcher: Watcher = {
      expiresAt,
      close: () => {
        if (closed) return;
        closed = true;
        unwatch();
        close();
      },
      expiry: setTimeout(
        () => watcher.close(),
        Math.min(Math.max(0, expiresAt - this.options.now().getTime()), 2 ** 31 - 1),
      ),
    };
    watcher.expiry.unref();
    const unwatch = () => {
      clearTimeout(watcher.expiry);
      const set = this.watchers.get(auth.sessionId);
      if (!set?.delete(watcher)) return;
      if (!set.size) this.watchers.delete(auth.sessionId);
      if (!this.watchers.size) this.pause();
    };
    let set = this.watchers.get(auth.sessionId);
    if (!set) this.watchers.set(auth.sessionId, (set = new Set()));
    set.add(watcher);
    this.resume();
    return unwatch;
  }

  /** Closes at once the streams of sessions this process has just ended. */
  end(sessionIds: readonly string[]): void {
    for (const id of sessionIds) for (const watcher of [...(this.watchers.get(id) ?? [])]) watcher.close();
  }

  /**
   * Closes the streams whose session has ended in the database or whose token has expired by the
   * platform's clock. Runs by itself every few seconds while streams are open.
   */
  async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const now = this.options.now().getTime();
      for (const set of [...this.watchers.values()])
        for (const watcher of [...set]) if (watcher.expiresAt <= now) watcher.close();
      this.end(await endedSessions(this.options.store, [...this.watchers.keys()]));
    } finally {
      this.checking = false;
    }
  }

  /** Stops the periodic check (the platform is closing); open streams are left to their owner. */
  stop(): void {
    this.pause();
    for (const set of this.watchers.values()) for (const watcher of set) clearTimeout(watcher.expiry);
    this.watchers.clear();
  }

  private resume(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.check().catch((error: unknown) => this.options.onCheckFailed?.(error));
    }, this.checkMs);
    this.timer.unref();
  }

  private pause(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

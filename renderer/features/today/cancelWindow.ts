/**
 * A cancel that can be taken back for a few seconds. The queue only moves forward (a cancelled
 * visit never comes back, on this desk or any other once synced), so nothing is written while
 * the cancel can still be undone: the write happens when the window closes, or at once when the
 * person leaves the queue screen, locks the desk or signs out. A page reload or a closed window
 * drops a cancel still waiting: the patient stays in the queue, as after an undo. No React here.
 */

/** How long a cancel can be undone, in seconds. */
export const undoSeconds = 8;

/** A cancel not yet undoable-away: still waiting for its window to close, or being written. */
export type CancelState = 'waiting' | 'writing';

export class CancelWindow {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly writes = new Map<string, Promise<void>>();
  private readonly listeners = new Set<() => void>();
  private snapshot: ReadonlyMap<string, CancelState> = new Map();

  /**
   * @param write writes the cancel of appointment `id` (its own failures are its to report; a
   *   rejection is swallowed here so that one failed write does not stop the others)
   * @param delayMs how long the window stays open
   */
  constructor(
    private write: (id: string) => Promise<unknown>,
    private readonly delayMs: number = undoSeconds * 1000,
  ) {}

  /** Writes from now on with `write` (a screen hands over its latest writer after each render). */
  writeWith(write: (id: string) => Promise<unknown>): void {
    this.write = write;
  }

  /** Opens the window for `id`; a cancel already waiting or being written is left as it is. */
  start(id: string): void {
    if (this.timers.has(id) || this.writes.has(id)) return;
    this.timers.set(
      id,
      setTimeout(() => void this.commit(id), this.delayMs),
    );
    this.changed();
  }

  /** Takes the cancel of `id` back; false when there was none waiting (too late or never). */
  undo(id: string): boolean {
    const timer = this.timers.get(id);
    if (timer === undefined) return false;
    clearTimeout(timer);
    this.timers.delete(id);
    this.changed();
    return true;
  }

  /** Writes every waiting cancel now; resolves once every cancel started so far is written. */
  flush(): Promise<void> {
    for (const id of [...this.timers.keys()]) void this.commit(id);
    return Promise.all(this.writes.values()).then(() => undefined);
  }

  /** The cancels not written yet, by appointment id. The same object until something changes. */
  state(): ReadonlyMap<string, CancelState> {
    return this.snapshot;
  }

  /** Calls `listener` whenever {@link state} changes; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private commit(id: string): Promise<void> {
    const timer = this.timers.get(id);
    if (timer === undefined) return this.writes.get(id) ?? Promise.resolve();
    clearTimeout(timer);
    this.timers.delete(id);
    const written = this.write(id)
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        this.writes.delete(id);
        this.changed();
      });
    this.writes.set(id, written);
    this.changed();
    return written;
  }

  private changed(): void {
    const next = new Map<string, CancelState>();
    for (const id of this.timers.keys()) next.set(id, 'waiting');
    for (const id of this.writes.keys()) next.set(id, 'writing');
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}

/**
 * Autosave of the consultation draft, without React: saves ~800 ms after the last change, and at
 * the latest a few seconds after the first unsaved one (typing without pause still gets saved), so
 * a crash or a power cut loses at most a few seconds. Saves run one after another.
 *
 * A save the database refused (it threw, or answered `writeFailed`) is not forgotten: the state
 * says `unsaved` (the text is still on this computer, in the editor) and {@link Autosaver.retry}
 * saves it again, as does the next change. Refusals that another try cannot fix (a signed record,
 * someone else's draft) are `failed`.
 */
import { logFailure } from '../../app/failure';
import type { EncounterResult, EncounterWriteError } from './encounterRepository';

export type AutosaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'invalid' }
  | { kind: 'unsaved' }
  | { kind: 'failed'; reason: EncounterWriteError };

export interface AutosaveOptions {
  delayMs?: number;
  maxWaitMs?: number;
}

const refused: EncounterResult = { ok: false, reason: 'writeFailed' };

export class Autosaver<V> {
  private pending: { value: V } | null = null;
  /** The last value whose save the database refused, saved again by {@link retry}. */
  private unsaved: { value: V } | null = null;
  private firstDirtyAt: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly delayMs: number;
  private readonly maxWaitMs: number;

  constructor(
    private save: (value: V) => Promise<EncounterResult>,
    private readonly onState: (state: AutosaveState) => void,
    { delayMs = 800, maxWaitMs = 3000 }: AutosaveOptions = {},
  ) {
    this.delayMs = delayMs;
    this.maxWaitMs = maxWaitMs;
  }

  /** The save to use from now on (the editor's closure changes with each render). */
  setSave(save: (value: V) => Promise<EncounterResult>): void {
    this.save = save;
  }

  /** A change to save soon. */
  change(value: V): void {
    this.pending = { value };
    this.unsaved = null;
    this.onState({ kind: 'pending' });
    const now = Date.now();
    this.firstDirtyAt ??= now;
    if (this.timer) clearTimeout(this.timer);
    const wait = Math.min(this.delayMs, Math.max(0, this.maxWaitMs - (now - this.firstDirtyAt)));
    this.timer = setTimeout(() => void this.flush(), wait);
  }

  /** Saves again what the database refused last time (nothing when nothing was refused). */
  retry(): Promise<EncounterResult | null> {
    if (!this.pending && this.unsaved) this.pending = this.unsaved;
    return this.flush();
  }

  /**
   * Saves what is pending now. Never rejects: a save that throws answers `writeFailed` and leaves
   * the value to {@link retry}.
   */
  flush(): Promise<EncounterResult | null> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const job = this.pending;
    this.pending = null;
    this.firstDirtyAt = null;
    const run = this.chain.then(async () => {
      if (!job) return null;
      this.onState({ kind: 'saving' });
      let result: EncounterResult;
      try {
        result = await this.save(job.value);
      } catch (error) {
        logFailure('Draft autosave failed', error);
        result = refused;
      }
      const retryable = !result.ok && result.reason === 'writeFailed';
      // A newer change supersedes this one: its own save reports.
      if (this.pending) return result;
      this.unsaved = retryable ? job : null;
      this.onState(
        result.ok
          ? { kind: 'saved', at: new Date() }
          : result.reason === 'invalid'
            ? { kind: 'invalid' }
            : retryable
              ? { kind: 'unsaved' }
              : { kind: 'failed', reason: result.reason },
      );
      return result;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}

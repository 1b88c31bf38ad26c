/**
 * How long a desk waits before trying the platform again after a failure: exponential back-off
 * with decorrelated jitter (each wait drawn between the first wait and three times the previous
 * one, or the ceiling when that is lower). Without jitter every desk of a district computes the same waits,
 * so after a platform restart 200 desks would come back in the same instant, time after time;
 * with it they spread over the whole window and stay spread.
 */
export interface BackoffOptions {
  /** The shortest wait after a failure, in milliseconds. */
  initialMs: number;
  /** The longest wait, in milliseconds. */
  maxMs: number;
  /** A number in [0, 1) (default Math.random); tests pass a seeded one. */
  random?: () => number;
}

export class Backoff {
  private current = 0;
  private readonly random: () => number;

  constructor(private readonly options: BackoffOptions) {
    this.random = options.random ?? Math.random;
  }

  /** The wait before the next attempt: 0 until something fails. */
  get delayMs(): number {
    return this.current;
  }

  /** Records a failure; returns the new wait, between `initialMs` and `maxMs`. */
  fail(): number {
    const { initialMs, maxMs } = this.options;
    // The ceiling bounds the range drawn from, not the draw: clamping draws would put every desk
    // that has failed for a while on exactly the ceiling, in step again.
    const upper = Math.min(maxMs, Math.max(initialMs, (this.current || initialMs) * 3));
    this.current = Math.round(initialMs + this.random() * (upper - initialMs));
    return this.current;
  }

  /** Records a success (or a reason to try at once): the next attempt does not wait. */
  reset(): void {
    this.current = 0;
  }
}

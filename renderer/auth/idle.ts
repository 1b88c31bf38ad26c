/**
 * Idle auto-lock: after a set number of minutes without keyboard, mouse or touch input the desk
 * locks. The number is a setting of the desk (localStorage), changed in Settings.
 */

export const idleMinutes = { min: 1, max: 240, default: 10 } as const;

const storageKey = 'clinicdesk.idleLockMinutes';

/** A whole number of minutes within {@link idleMinutes}, or undefined. */
export function validIdleMinutes(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= idleMinutes.min && n <= idleMinutes.max
    ? n
    : undefined;
}

/** The idle timeout setting, observable so the running timer follows a change at once. */
export class IdleSetting {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem'>) {}

  /** Minutes; the default when nothing valid is stored. */
  get = (): number => validIdleMinutes(this.storage.getItem(storageKey)) ?? idleMinutes.default;

  /** @throws RangeError when `minutes` is outside {@link idleMinutes} or not whole */
  set(minutes: number): void {
    if (validIdleMinutes(minutes) === undefined) throw new RangeError(`idle minutes: ${minutes}`);
    this.storage.setItem(storageKey, String(minutes));
    for (const listener of [...this.listeners]) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

/** Input that counts as someone at the desk. */
export const activityEvents = [
  'pointerdown',
  'pointermove',
  'keydown',
  'wheel',
  'touchstart',
  'scroll',
] as const;

/**
 * Calls `onIdle` once when `timeoutMs` pass without input on `target`. Returns the stop function.
 * Input only records the time; the one timer re-arms itself for what is left, so moving the mouse
 * costs nothing.
 */
export function watchIdle(
  timeoutMs: number,
  onIdle: () => void,
  target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> = window,
  now: () => number = () => Date.now(),
): () => void {
  let last = now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const touch = () => {
    last = now();
  };
  const check = () => {
    if (stopped) return;
    const left = last + timeoutMs - now();
    if (left > 0) {
      timer = setTimeout(check, left);
      return;
    }
    stop();
    onIdle();
  };
  const options = { capture: true, passive: true };
  for (const type of activityEvents) target.addEventListener(type, touch, options);
  timer = setTimeout(check, timeoutMs);
  function stop() {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    for (const type of activityEvents) target.removeEventListener(type, touch, options);
  }
  return stop;
}

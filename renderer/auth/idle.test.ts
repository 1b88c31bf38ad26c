import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage } from './memoryStorage';
import { IdleSetting, idleMinutes, validIdleMinutes, watchIdle } from './idle';

describe('watchIdle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fires once after the timeout without input; input postpones it', () => {
    const target = new EventTarget();
    const onIdle = vi.fn();
    const stop = watchIdle(60_000, onIdle, target);
    vi.advanceTimersByTime(50_000);
    target.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(50_000);
    expect(onIdle).not.toHaveBeenCalled();
    target.dispatchEvent(new Event('pointermove'));
    vi.advanceTimersByTime(59_999);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(600_000);
    expect(onIdle).toHaveBeenCalledOnce();
    stop();
  });

  it('does nothing once stopped', () => {
    const onIdle = vi.fn();
    const stop = watchIdle(1000, onIdle, new EventTarget());
    stop();
    vi.advanceTimersByTime(5000);
    expect(onIdle).not.toHaveBeenCalled();
  });
});

describe('IdleSetting', () => {
  it('defaults to 10 minutes, keeps a valid choice and tells listeners', () => {
    const storage = memoryStorage();
    const setting = new IdleSetting(storage);
    expect(setting.get()).toBe(idleMinutes.default);
    expect(idleMinutes.default).toBe(10);
    const listener = vi.fn();
    setting.subscribe(listener);
    setting.set(1);
    expect(listener).toHaveBeenCalledOnce();
    expect(new IdleSetting(storage).get()).toBe(1);
    expect(() => setting.set(0)).toThrow(RangeError);
    expect(() => setting.set(1.5)).toThrow(RangeError);
    storage.setItem('clinicdesk.idleLockMinutes', 'junk');
    expect(setting.get()).toBe(10);
  });

  it('accepts whole minutes within the range only', () => {
    expect(validIdleMinutes(1)).toBe(1);
    expect(validIdleMinutes('30')).toBe(30);
    expect(validIdleMinutes(241)).toBeUndefined();
    expect(validIdleMinutes(null)).toBeUndefined();
    expect(validIdleMinutes('')).toBeUndefined();
  });
});

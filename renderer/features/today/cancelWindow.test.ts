import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CancelWindow, undoSeconds } from './cancelWindow';

/** A window whose writes are recorded, each resolving when the test says so. */
function recordedWindow() {
  const written: string[] = [];
  const finish = new Map<string, () => void>();
  const window = new CancelWindow(
    (id) =>
      new Promise<void>((resolve) => {
        written.push(id);
        finish.set(id, resolve);
      }),
  );
  return { window, written, finish };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the cancel undo window', () => {
  it('writes nothing while the window is open, and the cancel once it closes', async () => {
    const { window, written } = recordedWindow();
    window.start('a1');
    expect(window.state().get('a1')).toBe('waiting');
    await vi.advanceTimersByTimeAsync(undoSeconds * 1000 - 1);
    expect(written).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(written).toEqual(['a1']);
    expect(window.state().get('a1')).toBe('writing');
  });

  it('writes nothing at all when undone within the window', async () => {
    const { window, written } = recordedWindow();
    window.start('a1');
    await vi.advanceTimersByTimeAsync(5000);
    expect(window.undo('a1')).toBe(true);
    expect(window.state().size).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(written).toEqual([]);
  });

  it('cannot be undone once the write has started', async () => {
    const { window, written, finish } = recordedWindow();
    window.start('a1');
    await vi.advanceTimersByTimeAsync(undoSeconds * 1000);
    expect(window.undo('a1')).toBe(false);
    expect(written).toEqual(['a1']);
    finish.get('a1')!();
    await vi.advanceTimersByTimeAsync(0);
    expect(window.state().size).toBe(0);
  });

  it('writes every waiting cancel at once on flush (leaving the page, signing out), each once', async () => {
    const { window, written, finish } = recordedWindow();
    window.start('a1');
    await vi.advanceTimersByTimeAsync(3000);
    window.start('a2');
    let flushed = false;
    void window.flush().then(() => (flushed = true));
    expect(written).toEqual(['a1', 'a2']);
    await vi.advanceTimersByTimeAsync(0);
    expect(flushed).toBe(false);
    finish.get('a1')!();
    finish.get('a2')!();
    await vi.advanceTimersByTimeAsync(0);
    expect(flushed).toBe(true);
    // The windows' own timers no longer fire a second write.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(written).toEqual(['a1', 'a2']);
  });

  it('keeps one window per appointment: a second start does not extend or repeat it', async () => {
    const { window, written } = recordedWindow();
    window.start('a1');
    await vi.advanceTimersByTimeAsync(6000);
    window.start('a1');
    await vi.advanceTimersByTimeAsync(2000);
    expect(written).toEqual(['a1']);
  });

  it('goes on after a failed write and tells listeners of each change', async () => {
    const calls: string[] = [];
    const window = new CancelWindow(async (id) => {
      calls.push(id);
      if (id === 'bad') throw new Error('refused');
    }, 1000);
    const seen: number[] = [];
    window.subscribe(() => seen.push(window.state().size));
    window.start('bad');
    window.start('good');
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toEqual(['bad', 'good']);
    expect(window.state().size).toBe(0);
    expect(seen[0]).toBe(1);
    expect(seen.at(-1)).toBe(0);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EncounterDoc } from '../../../shared/encounters/schema';
import { Autosaver, type AutosaveState } from './autosave';
import type { EncounterResult } from './encounterRepository';

const saved: EncounterResult = { ok: true, encounter: {} as EncounterDoc };

/** A draft store that refuses writes while `full` (as IndexedDB does when the disk is full). */
function store() {
  const written: string[] = [];
  const s = {
    full: false,
    written,
    save: vi.fn(async (value: string): Promise<EncounterResult> => {
      if (s.full) throw new DOMException('quota', 'QuotaExceededError');
      written.push(value);
      return saved;
    }),
  };
  return s;
}

let states: AutosaveState['kind'][];
const last = () => states.at(-1);
beforeEach(() => {
  vi.useFakeTimers();
  states = [];
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('autosave when the database refuses the write', () => {
  it('says the text is unsaved (not "saving…" for ever) and a retry saves it once the cause is gone', async () => {
    const db = store();
    const saver = new Autosaver(db.save, (s) => states.push(s.kind));
    db.full = true;
    saver.change('头痛三天');
    await vi.advanceTimersByTimeAsync(1000);
    expect(last()).toBe('unsaved');
    // Nothing retries behind the doctor's back into a full disk, and the state does not hang.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(last()).toBe('unsaved');
    expect(db.written).toEqual([]);

    db.full = false;
    await saver.retry();
    expect(last()).toBe('saved');
    expect(db.written).toEqual(['头痛三天']);
  });

  it('a retry that fails again stays unsaved, and the next keystroke saves everything typed', async () => {
    const db = store();
    const saver = new Autosaver(db.save, (s) => states.push(s.kind));
    db.full = true;
    saver.change('头痛');
    await vi.advanceTimersByTimeAsync(1000);
    await saver.retry();
    expect(last()).toBe('unsaved');
    db.full = false;
    saver.change('头痛三天');
    await vi.advanceTimersByTimeAsync(1000);
    expect(last()).toBe('saved');
    expect(db.written).toEqual(['头痛三天']);
  });

  it('flush (signing, leaving the page) answers writeFailed instead of rejecting', async () => {
    const db = store();
    const saver = new Autosaver(db.save, (s) => states.push(s.kind));
    db.full = true;
    saver.change('x');
    await expect(saver.flush()).resolves.toEqual({ ok: false, reason: 'writeFailed' });
    expect(last()).toBe('unsaved');
  });

  it('a writeFailed answer is retryable; a signed record is a failure a retry cannot fix', async () => {
    let answer: EncounterResult = { ok: false, reason: 'writeFailed' };
    const saver = new Autosaver(
      async () => answer,
      (s) => states.push(s.kind),
    );
    saver.change('x');
    await saver.flush();
    expect(last()).toBe('unsaved');
    answer = { ok: false, reason: 'signed' };
    await saver.retry();
    expect(last()).toBe('failed');
    answer = saved;
    expect(await saver.retry()).toBeNull();
  });
});

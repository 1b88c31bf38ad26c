/**
 * A form saved in one go, as the person filling it meets it: no error shown before a save is
 * tried, the whole draft kept with each change, a save stopped by the form's own errors, one save
 * at a time, a refusal or a failing database said in words with the typing left in place.
 */
import i18next from 'i18next';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { resources } from '../../shared/i18n/resources';
import { FormStore, saveThrough, shownErrors, type SaveSteps } from './useDialogForm';

beforeAll(async () => {
  await i18next.init({ lng: 'zh-CN', fallbackLng: 'zh-CN', ns: ['common'], resources });
});
afterEach(() => vi.restoreAllMocks());

type Answer = { ok: true; id: string } | { ok: false; reason: string };

const steps = (): SaveSteps<Answer> & { savedWith: Answer[] } => {
  const savedWith: Answer[] = [];
  return {
    savedWith,
    refusal: (result) => `refused: ${result.reason}`,
    saved: (result) => {
      savedWith.push(result);
    },
  };
};

const quiet = () => vi.spyOn(console, 'error').mockImplementation(() => undefined);

describe('a form saved in one go', () => {
  it('shows no error until a save is tried, then every one', () => {
    const errors = { reason: 'required' };
    expect(shownErrors(errors, false)).toEqual({});
    expect(shownErrors(errors, true)).toEqual({ reason: 'required' });

    const form = new FormStore({ date: '2026-12-07', reason: '' });
    expect(form.snapshot().tried).toBe(false);
    expect(form.check(false)).toBe(false);
    expect(form.snapshot().tried).toBe(true);
  });

  it('keeps the whole draft with each change and tells who listens', () => {
    const form = new FormStore({ date: '2026-12-07', reason: '' });
    const heard = vi.fn();
    form.subscribe(heard);
    const before = form.snapshot();
    expect(form.update({ reason: '外出务工' })).toEqual({ date: '2026-12-07', reason: '外出务工' });
    expect(form.snapshot().draft).toEqual({ date: '2026-12-07', reason: '外出务工' });
    expect(heard).toHaveBeenCalled();
    // A new state object, so React shows it; the old one is left as it was.
    expect(before.draft.reason).toBe('');
  });

  it('does not save while the form has errors, and counts the tries so the cursor can move', async () => {
    const form = new FormStore({ reason: '' });
    const save = vi.fn(async (): Promise<Answer> => ({ ok: true, id: 'x' }));
    await form.submit(false, save, steps());
    await form.submit(false, save, steps());
    expect(save).not.toHaveBeenCalled();
    expect(form.snapshot()).toMatchObject({ tried: true, attempts: 2, busy: false, refused: null });
  });

  it('saves the draft as typed, is busy meanwhile and saves once however often it is asked', async () => {
    const form = new FormStore({ reason: '' });
    form.update({ reason: '住院' });
    let answer: (a: Answer) => void = () => undefined;
    const save = vi.fn(
      (draft: { reason: string }) =>
        new Promise<Answer>((resolve) => {
          answer = resolve;
          expect(draft.reason).toBe('住院');
        }),
    );
    const then = steps();
    const first = form.submit(true, save, then);
    expect(form.snapshot().busy).toBe(true);
    // Enter pressed again while the first save runs.
    await form.submit(true, save, then);
    expect(save).toHaveBeenCalledTimes(1);
    answer({ ok: true, id: 'enr-1' });
    await first;
    expect(then.savedWith).toEqual([{ ok: true, id: 'enr-1' }]);
    expect(form.snapshot()).toMatchObject({ busy: false, refused: null, attempts: 0 });
  });

  it('says why a save was refused, keeps the typing, and clears the reason on the next try', async () => {
    const form = new FormStore({ reason: '住院' });
    const then = steps();
    await form.submit(true, async (): Promise<Answer> => ({ ok: false, reason: 'closed' }), then);
    expect(form.snapshot()).toMatchObject({ busy: false, refused: 'refused: closed' });
    expect(form.snapshot().draft).toEqual({ reason: '住院' });
    expect(then.savedWith).toEqual([]);

    const pending = form.submit(true, async (): Promise<Answer> => ({ ok: true, id: 'x' }), then);
    expect(form.snapshot().refused).toBeNull();
    await pending;
    expect(then.savedWith).toHaveLength(1);
  });

  it('says in words that the disk is full when the database throws, and can be tried again', async () => {
    quiet();
    const form = new FormStore({ reason: '住院' });
    const then = steps();
    await form.submit(
      true,
      async (): Promise<Answer> => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
      then,
    );
    expect(form.snapshot().refused).toBe('本机存储空间已满，未能保存。已填写的内容仍在页面上');
    expect(form.snapshot().busy).toBe(false);
    expect(then.savedWith).toEqual([]);
  });

  it('runs a page’s save the same way, without a draft of its own', async () => {
    quiet();
    const saving = new FormStore(null);
    await saving.run(async (): Promise<Answer> => {
      throw new Error('closed');
    }, steps());
    expect(saving.snapshot()).toMatchObject({
      busy: false,
      refused: '保存失败，已填写的内容仍在页面上，请重试',
    });
    expect(
      await saveThrough(async (): Promise<Answer> => ({ ok: false, reason: 'forbidden' }), steps()),
    ).toBe('refused: forbidden');
    const then = steps();
    expect(await saveThrough(async (): Promise<Answer> => ({ ok: true, id: 'lab-1' }), then)).toBeNull();
    expect(then.savedWith).toEqual([{ ok: true, id: 'lab-1' }]);
  });
});

/**
 * Keeps what is typed into a form on this desk as the person types (./draftStore.ts), restores it
 * when the form opens again after a reload, a crash of the page or the idle lock, and asks before
 * leaving the form with unsaved changes (./useLeaveGuard.ts). Saving the form or choosing to leave
 * it throws the draft away; so does signing out (./clearDrafts.ts).
 *
 * Like the consultation's autosave (features/encounters/autosave.ts), a draft is written shortly
 * after the last change, and at the latest a few seconds after the first one, so a crash loses
 * at most a few seconds of typing; leaving the page (the lock, a hidden tab) writes what is
 * pending at once.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { logFailure } from '../app/failure';
import { useOperator, useServices } from '../app/services';
import { differs, draftsOf, restoreDraft, type DraftValues } from './draftStore';
import { useLeaveGuard } from './useLeaveGuard';

export interface FormKeeper<V extends DraftValues> {
  /** False while the stored draft is being read: the form opens once it is ready. */
  ready: boolean;
  /** The values the form opens with: the restored draft over the initial values, or those. */
  start: V | undefined;
  /** Changes each time the form must start again from {@link start} (a discarded draft). */
  generation: number;
  /** When the restored draft was last kept; null when none was restored (or it was discarded). */
  restoredAt: Date | null;
  /** When what was typed was last kept on this desk; null when nothing is kept. */
  keptAt: Date | null;
  /** The form's values changed to `values`. */
  changed(values: V): void;
  /** Throws the draft away: the form starts again from the initial values. */
  discard(): Promise<void>;
  /** The form was saved: forgets the draft and lets the page move on without asking. */
  saved(): Promise<void>;
}

export interface FormKeeperOptions {
  delayMs?: number;
  maxWaitMs?: number;
}

interface Opened<V> {
  form: string;
  start: V;
  restoredAt: Date | null;
}

/**
 * The draft of form `form` (null until the form can open, e.g. while its record loads), starting
 * from `initial`: the form's values as plain JSON.
 */
export function useFormKeeper<V extends DraftValues>(
  form: string | null,
  initial: V | undefined,
  { delayMs = 400, maxWaitMs = 2000 }: FormKeeperOptions = {},
): FormKeeper<V> {
  const { db } = useServices();
  const { operator } = useOperator();
  const store = draftsOf(db.name);
  const userId = operator.id;
  const [opened, setOpened] = useState<Opened<V> | null>(null);
  const [generation, setGeneration] = useState(0);
  const [keptAt, setKeptAt] = useState<Date | null>(null);

  const base = useRef<V | undefined>(undefined);
  const dirty = useRef(false);
  /** No more writes: the form was saved or left. */
  const closed = useRef(false);
  const pending = useRef<V | null>(null);
  const firstChangeAt = useRef<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const initialRef = useRef(initial);
  // Before the effect below reads it: the values the form would open with now.
  useEffect(() => {
    initialRef.current = initial;
  });

  useEffect(() => {
    const start = initialRef.current;
    if (!form || !start) return;
    let cancelled = false;
    closed.current = false;
    base.current = start;
    const open = (values: V, restoredAt: Date | null) => {
      if (cancelled) return;
      dirty.current = restoredAt !== null;
      setOpened({ form, start: values, restoredAt });
    };
    store.get(userId, form).then(
      (draft) => {
        const restored = draft && restoreDraft(start, draft);
        if (draft && restored && differs(restored, start)) open(restored, new Date(draft.savedAt));
        else open(start, null);
      },
      (error: unknown) => {
        // The form still opens; only the draft is missing.
        logFailure('Form draft not read', error);
        open(start, null);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [form, store, userId]);

  const write = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    firstChangeAt.current = null;
    const values = pending.current;
    pending.current = null;
    if (!values || !form || closed.current || !base.current) return;
    const job = dirty.current
      ? store
          .put(userId, form, { base: base.current, values, savedAt: new Date().toISOString() })
          .then(() => !closed.current && setKeptAt(new Date()))
      : store.remove(userId, form).then(() => setKeptAt(null));
    job.catch((error: unknown) => logFailure('Form draft not kept', error));
  }, [form, store, userId]);

  const changed = useCallback(
    (values: V) => {
      if (closed.current || !base.current) return;
      dirty.current = differs(values, base.current);
      pending.current = values;
      const now = Date.now();
      firstChangeAt.current ??= now;
      if (timer.current) clearTimeout(timer.current);
      const wait = Math.min(delayMs, Math.max(0, maxWaitMs - (now - firstChangeAt.current)));
      timer.current = setTimeout(write, wait);
    },
    [delayMs, maxWaitMs, write],
  );

  /** Stops writing and forgets the draft. */
  const forget = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    pending.current = null;
    dirty.current = false;
    setKeptAt(null);
    if (!form) return;
    try {
      await store.remove(userId, form);
    } catch (error) {
      logFailure('Form draft not removed', error);
    }
  }, [form, store, userId]);

  const discard = useCallback(async () => {
    await forget();
    if (base.current) setOpened((o) => o && { ...o, start: base.current as V, restoredAt: null });
    setGeneration((g) => g + 1);
  }, [forget]);

  const saved = useCallback(async () => {
    closed.current = true;
    await forget();
  }, [forget]);

  // The lock, a reload or a hidden tab: write what is pending now.
  useEffect(() => {
    const hide = () => write();
    window.addEventListener('pagehide', hide);
    document.addEventListener('visibilitychange', hide);
    return () => {
      window.removeEventListener('pagehide', hide);
      document.removeEventListener('visibilitychange', hide);
      write();
    };
  }, [write]);

  useLeaveGuard(() => dirty.current && !closed.current, {
    onLeave: () => {
      closed.current = true;
      void forget();
    },
  });

  const current = opened && opened.form === form ? opened : null;
  return {
    ready: current !== null,
    start: current?.start,
    generation,
    restoredAt: current?.restoredAt ?? null,
    keptAt,
    changed,
    discard,
    saved,
  };
}

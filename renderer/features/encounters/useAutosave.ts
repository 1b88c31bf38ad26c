/**
 * Autosave of the consultation draft: saves ~800 ms after the last change, and at the latest a few
 * seconds after the first unsaved one (typing without pause still gets saved), so a crash or a
 * power cut loses at most a few seconds. Saves run one after another; leaving the page saves what
 * is pending.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EncounterResult, EncounterWriteError } from './encounterRepository';

export type AutosaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'invalid' }
  | { kind: 'failed'; reason: EncounterWriteError };

export interface AutosaveOptions {
  delayMs?: number;
  maxWaitMs?: number;
}

/** Saves `value` with `save` whenever it changes (not on the first render). */
export function useAutosave<V>(
  value: V,
  save: (value: V) => Promise<EncounterResult>,
  { delayMs = 800, maxWaitMs = 3000 }: AutosaveOptions = {},
): { state: AutosaveState; flush(): Promise<EncounterResult | null> } {
  const [state, setState] = useState<AutosaveState>({ kind: 'idle' });
  const saveRef = useRef(save);
  saveRef.current = save;
  const first = useRef(value);
  const pending = useRef<{ value: V } | null>(null);
  const firstDirtyAt = useRef<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const chain = useRef<Promise<unknown>>(Promise.resolve());

  const flush = useCallback((): Promise<EncounterResult | null> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const job = pending.current;
    pending.current = null;
    firstDirtyAt.current = null;
    const run = chain.current.then(async () => {
      if (!job) return null;
      setState({ kind: 'saving' });
      const result = await saveRef.current(job.value);
      if (!pending.current)
        setState(
          result.ok
            ? { kind: 'saved', at: new Date() }
            : result.reason === 'invalid'
              ? { kind: 'invalid' }
              : { kind: 'failed', reason: result.reason },
        );
      return result;
    });
    chain.current = run.catch(() => undefined);
    return run;
  }, []);

  useEffect(() => {
    if (value === first.current) return;
    pending.current = { value };
    setState({ kind: 'pending' });
    const now = Date.now();
    firstDirtyAt.current ??= now;
    if (timer.current) clearTimeout(timer.current);
    const wait = Math.min(delayMs, Math.max(0, maxWaitMs - (now - firstDirtyAt.current)));
    timer.current = setTimeout(() => void flush(), wait);
  }, [value, delayMs, maxWaitMs, flush]);

  // Leaving the page (or the draft being replaced) saves what is still pending.
  useEffect(() => () => void flush(), [flush]);

  return { state, flush };
}

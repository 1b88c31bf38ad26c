/**
 * Autosave of the consultation draft in the editor (the timing and the retry of a refused save are
 * in ./autosave.ts). Leaving the page saves what is pending.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Autosaver, type AutosaveOptions, type AutosaveState } from './autosave';
import type { EncounterResult } from './encounterRepository';

export type { AutosaveOptions, AutosaveState } from './autosave';

/** Saves `value` with `save` whenever it changes (not on the first render). */
export function useAutosave<V>(
  value: V,
  save: (value: V) => Promise<EncounterResult>,
  options: AutosaveOptions = {},
): {
  state: AutosaveState;
  flush(): Promise<EncounterResult | null>;
  retry(): Promise<EncounterResult | null>;
} {
  const [state, setState] = useState<AutosaveState>({ kind: 'idle' });
  const { delayMs, maxWaitMs } = options;
  const [saver] = useState(() => new Autosaver(save, setState, { delayMs, maxWaitMs }));
  const first = useRef(value);

  useEffect(() => saver.setSave(save), [saver, save]);

  useEffect(() => {
    if (value !== first.current) saver.change(value);
  }, [saver, value]);

  // Leaving the page (or the draft being replaced) saves what is still pending.
  useEffect(() => () => void saver.flush(), [saver]);

  const flush = useCallback(() => saver.flush(), [saver]);
  const retry = useCallback(() => saver.retry(), [saver]);
  return { state, flush, retry };
}

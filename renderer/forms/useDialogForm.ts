/**
 * The state of a form that is saved in one go (a dialog, a page's form): what is typed, whether a
 * save was tried (a field's error shows from then on), whether a save is running, and why the last
 * one was refused. Saves run through `attemptSave`, so a database that throws leaves a message in
 * the user's words and the typing in place, and one save runs at a time.
 *
 * The logic lives in {@link FormStore}, without React (it is tested on its own); the hooks
 * below only show its state.
 */
import { useEffect, useRef, useState, useSyncExternalStore, type RefObject } from 'react';
import { attemptSave, saveFailureText } from '../app/failure';

/** What a repository answers to a save: `ok`, or refused with its reasons. */
export interface SaveAnswer {
  ok: boolean;
}

/** What follows a save the repository answered. */
export interface SaveSteps<R extends SaveAnswer> {
  /** Why the save was refused, in the user's words. */
  refusal(result: Extract<R, { ok: false }>): string;
  /** The save went through: say so, forget the draft, move on. */
  saved(result: Extract<R, { ok: true }>): Promise<void> | void;
}

export interface FormState<D> {
  draft: D;
  /** A save was tried: errors show. */
  tried: boolean;
  /** How many tries the form's own errors stopped. */
  attempts: number;
  busy: boolean;
  /** Why the last save did not go through; null when none was refused. */
  refused: string | null;
}

/** A form's errors: a code per field in error, none when the form may be saved. */
export type FieldErrors = Partial<Record<string, string>>;

/** The errors to show: none until a save was tried. */
export function shownErrors<E extends FieldErrors>(errors: E, tried: boolean): Partial<E> {
  return tried ? errors : {};
}

/**
 * Runs `save` through `attemptSave`: a throw becomes the failure's text, a refusal the text of
 * `steps.refusal`; otherwise `steps.saved` runs. Answers the text to show, null once saved.
 */
export async function saveThrough<R extends SaveAnswer>(
  save: () => Promise<R>,
  steps: SaveSteps<R>,
): Promise<string | null> {
  const attempt = await attemptSave(save);
  if (!attempt.ok) return saveFailureText(attempt.error);
  if (!attempt.value.ok) return steps.refusal(attempt.value as Extract<R, { ok: false }>);
  await steps.saved(attempt.value as Extract<R, { ok: true }>);
  return null;
}

/** A form's state and what changes it; listeners hear every change. */
export class FormStore<D> {
  private state: FormState<D>;
  private readonly listeners = new Set<() => void>();

  constructor(start: D) {
    this.state = { draft: start, tried: false, attempts: 0, busy: false, refused: null };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The state now: the same object until something changes. */
  readonly snapshot = (): FormState<D> => this.state;

  private set(change: Partial<FormState<D>>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }

  /** Changes some fields; answers the whole draft. */
  update(next: Partial<D>): D {
    const draft = { ...this.state.draft, ...next };
    this.set({ draft });
    return draft;
  }

  /** A save is tried: errors show from now on. Answers whether the form may be saved. */
  check(valid: boolean): boolean {
    this.set(valid ? { tried: true } : { tried: true, attempts: this.state.attempts + 1 });
    return valid;
  }

  /** Runs one save (see {@link saveThrough}), unless one is running. */
  async run<R extends SaveAnswer>(save: () => Promise<R>, steps: SaveSteps<R>): Promise<void> {
    if (this.state.busy) return;
    this.set({ busy: true, refused: null });
    try {
      const refused = await saveThrough(save, steps);
      if (refused !== null) this.set({ refused });
    } finally {
      this.set({ busy: false });
    }
  }

  /** Saves the draft when `valid` (the draft has no errors) and no save is running. */
  async submit<R extends SaveAnswer>(
    valid: boolean,
    save: (draft: D) => Promise<R>,
    steps: SaveSteps<R>,
  ): Promise<void> {
    if (!this.check(valid)) return;
    const { draft } = this.state;
    await this.run(() => save(draft), steps);
  }
}

function useFormStore<D>(start: D): [FormStore<D>, FormState<D>] {
  const [store] = useState(() => new FormStore(start));
  return [store, useSyncExternalStore(store.subscribe, store.snapshot, store.snapshot)];
}

/** A save that runs through `attemptSave`, one at a time, for a page whose form keeps the draft. */
export interface Saving {
  busy: boolean;
  refused: string | null;
  run<R extends SaveAnswer>(save: () => Promise<R>, steps: SaveSteps<R>): Promise<void>;
}

export function useSaving(): Saving {
  const [store, { busy, refused }] = useFormStore(null);
  return { busy, refused, run: (save, steps) => store.run(save, steps) };
}

export interface DialogFormOptions<D, E extends FieldErrors> {
  /** The values the form opens with (later changes are not followed: the form keeps its draft). */
  start: D;
  /** What is typed changed: the whole draft, to keep it (see ./useFormKeeper.ts). */
  onChange(draft: D): void;
  /** The draft's errors. */
  validate(draft: D): E;
  /** An error's code in the user's words. */
  errorText(code: NonNullable<E[keyof E]>): string;
}

export interface DialogForm<D, E extends FieldErrors> extends FormState<D> {
  /** The draft's errors, shown or not. */
  errors: E;
  /** The field's error in the user's words, once a save was tried. */
  err(field: keyof E): string | undefined;
  /** Changes some fields; the form's `onChange` hears the whole draft. */
  update(next: Partial<D>): void;
  /** A save is tried: errors show from now on. Answers whether the draft has none. */
  check(): boolean;
  /** Tries to save the draft: with no errors and no save running, runs `save` (see {@link saveThrough}). */
  submit<R extends SaveAnswer>(save: (draft: D) => Promise<R>, steps: SaveSteps<R>): Promise<void>;
  /** On the form element: a try its errors stop puts the cursor on the first field in error. */
  formRef: RefObject<HTMLFormElement | null>;
}

/** What a field in error looks like in the form (antd's field row, a table cell marked `data-error`). */
const fieldInError =
  '.ant-form-item-has-error input, .ant-form-item-has-error select, .ant-input-status-error, [data-error] input';

/** A form saved in one go (see the top of this file). */
export function useDialogForm<D extends object, E extends FieldErrors>({
  start,
  onChange,
  validate,
  errorText,
}: DialogFormOptions<D, E>): DialogForm<D, E> {
  const [store, state] = useFormStore(start);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.attempts > 0) formRef.current?.querySelector<HTMLElement>(fieldInError)?.focus();
  }, [state.attempts]);
  const errors = validate(state.draft);
  const valid = Object.keys(errors).length === 0;
  const shown = shownErrors(errors, state.tried);
  return {
    ...state,
    errors,
    err: (field) => {
      const code = shown[field];
      return code ? errorText(code as NonNullable<E[keyof E]>) : undefined;
    },
    update: (next) => onChange(store.update(next)),
    check: () => store.check(valid),
    submit: (save, steps) => store.submit(valid, save, steps),
    formRef,
  };
}

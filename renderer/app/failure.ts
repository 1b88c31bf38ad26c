/**
 * What the desk does with an error nobody expected: it says so in the user's language and keeps
 * going, instead of hanging on "saving…" or failing silently. Errors are logged by kind and code
 * only: the message of a database error can carry the document it refused (names, identity
 * numbers), so it never reaches the log or the screen.
 */
import i18next from 'i18next';

/**
 * Why a save failed, as far as the user can act on it: `quota` (this computer's storage is full),
 * `invalid` (the local database's own checks refused the content), `refused` (anything else: the
 * database refused or was closed; trying again may work).
 */
export type SaveFailureKind = 'quota' | 'invalid' | 'refused';

/** The error and the errors it wraps (`cause`, RxDB's `parameters.error`, Dexie's `inner`). */
function* chain(error: unknown, depth = 0): Generator<Record<string, unknown>> {
  if (depth > 4 || typeof error !== 'object' || error === null) return;
  const e = error as Record<string, unknown>;
  yield e;
  yield* chain(e.cause, depth + 1);
  yield* chain(e.inner, depth + 1);
  const parameters = e.parameters as Record<string, unknown> | undefined;
  if (parameters && typeof parameters === 'object') yield* chain(parameters.error, depth + 1);
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Classifies a failed save (see {@link SaveFailureKind}). */
export function saveFailureKind(error: unknown): SaveFailureKind {
  const errors = [...chain(error)];
  if (errors.some((e) => /QuotaExceeded/i.test(`${text(e.name)} ${text(e.code)}`))) return 'quota';
  // RxDB's schema validation (VD1, VD2) and zod's refusals: the content, not the storage.
  if (errors.some((e) => /^VD\d/.test(text(e.code)) || text(e.name) === 'ZodError')) return 'invalid';
  return 'refused';
}

/** The user's words for a failed save, in the interface language; what was typed stays. */
export function saveFailureText(error: unknown): string {
  return i18next.t(`failure.save.${saveFailureKind(error)}`, { ns: 'common' });
}

/**
 * An error as the log may carry it: its kind, its code and where it was thrown, never its message
 * (which for a refused write names the document's fields).
 */
export function describeFailure(error: unknown): { name: string; code?: string; frames: string[] } {
  if (typeof error !== 'object' || error === null) return { name: typeof error, frames: [] };
  const e = error as Record<string, unknown>;
  const rawName = text(e.name) || text((e.constructor as { name?: unknown } | undefined)?.name) || 'Error';
  // RxDB's names carry the code ("RxError (VD2)"); keep just the word.
  const name = rawName.replace(/\s*\(.*$/, '');
  const code = text(e.code) || undefined;
  const frames = text(e.stack)
    .split('\n')
    .filter((line) => /^\s+at\s/.test(line))
    .slice(0, 8)
    .map((line) => line.trim());
  return code ? { name, code, frames } : { name, frames };
}

/** Logs a failure without its message (see {@link describeFailure}). */
export function logFailure(context: string, error: unknown): void {
  console.error(`${context}:`, JSON.stringify(describeFailure(error)));
}

/** Runs a save; a throw (the database refused, the disk is full) becomes a result to show. */
export async function attemptSave<T>(
  save: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: unknown; kind: SaveFailureKind }> {
  try {
    return { ok: true, value: await save() };
  } catch (error) {
    logFailure('Save failed', error);
    return { ok: false, error, kind: saveFailureKind(error) };
  }
}

/** The window events an error nobody handled ends up in. */
export interface FailureTarget {
  addEventListener(type: 'error' | 'unhandledrejection', listener: (event: Event) => void): void;
  removeEventListener(type: 'error' | 'unhandledrejection', listener: (event: Event) => void): void;
}

/**
 * Listens for errors nobody handled (a rejected promise, an exception in an event handler): each
 * shows `notify` (a short, translated, non-blocking notice) and is logged without its message.
 * The browser's own report is suppressed, since it would print the message. Returns the
 * function that stops listening.
 */
export function watchUnhandledFailures(target: FailureTarget, notify: () => void): () => void {
  const onRejection = (event: Event) => {
    event.preventDefault();
    logFailure('Unhandled rejection', (event as Event & { reason?: unknown }).reason);
    notify();
  };
  const onError = (event: Event) => {
    const { error } = event as Event & { error?: unknown };
    // Errors loading a resource (an image) have no `error`; they are not the code's failures.
    if (error === undefined) return;
    event.preventDefault();
    logFailure('Unhandled error', error);
    notify();
  };
  target.addEventListener('unhandledrejection', onRejection);
  target.addEventListener('error', onError);
  return () => {
    target.removeEventListener('unhandledrejection', onRejection);
    target.removeEventListener('error', onError);
  };
}

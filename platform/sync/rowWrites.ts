/**
 * One pushed row's database writes, isolated from the rest of its push: if the database refuses
 * what one row holds (a value jsonb or timestamptz cannot store, a constraint, a trigger), only
 * that row is undone and refused, and the push stores its other rows. Defence behind the shared
 * rules, which already refuse what is known to be unstorable (shared/validation/text.ts).
 */
import type { FieldError } from '../../shared/sync/collections';
import type { Queryable } from '../db/store';

/** The refusal of a row the database would not store: it names no field, only the row. */
export const storageRefusal: FieldError = { field: '(document)', code: 'storageRefused' };

/**
 * SQLSTATE classes that describe the data written rather than the database's health: data
 * exceptions (22), integrity violations (23), program limits such as a value too large (54) and
 * errors raised by a trigger or function (P0). Anything else (a lost connection, a shutdown, a
 * serialisation failure) is the platform's problem and fails the push as a whole.
 */
const rowFaultClasses = ['22', '23', '54', 'P0'];

/** Whether `error` is the database refusing the row's own content. */
export function isRowFault(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.length === 5 && rowFaultClasses.includes(code.slice(0, 2));
}

/**
 * Runs `write` under a savepoint of the open transaction `tx`. Resolves to its result, or to
 * `null` when the database refused the row (the savepoint rolled back, the transaction usable
 * again). The error itself goes nowhere: its text can quote the value it refused.
 * @throws whatever `write` throws that is not the row's fault
 */
export async function writeRow<T>(tx: Queryable, write: () => Promise<T>): Promise<T | null> {
  await tx.query('SAVEPOINT pushed_row');
  try {
    const result = await write();
    await tx.query('RELEASE SAVEPOINT pushed_row');
    return result;
  } catch (error) {
    await tx.query('ROLLBACK TO SAVEPOINT pushed_row');
    await tx.query('RELEASE SAVEPOINT pushed_row');
    if (!isRowFault(error)) throw error;
    return null;
  }
}

/**
 * What the log says about a push's refused rows: their ids and codes, and how many, never a
 * field's value (a refused row may hold anything, an identity number included).
 */
export function refusalsForLog(
  collection: string,
  rejected: readonly { id: string; errors: readonly FieldError[] }[],
): { collection: string; refused: number; rows: { id: string; codes: string[] }[] } {
  return {
    collection,
    refused: rejected.length,
    rows: rejected.map(({ id, errors }) => ({ id, codes: [...new Set(errors.map((e) => e.code))] })),
  };
}

/** Whether any of `rejected` was refused by the database rather than by the rules. */
export const anyStorageRefusal = (rejected: readonly { errors: readonly FieldError[] }[]) =>
  rejected.some(({ errors }) => errors.some((e) => e.code === storageRefusal.code));

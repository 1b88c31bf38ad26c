/**
 * The signed-record lock (DOMAIN.md §7.4): outpatient records cannot change once the doctor has
 * signed them; corrections are new revisions. {@link lockedChangeErrors} is the one check every
 * write of a signable collection passes, at the desk before saving and on the platform before a
 * pushed version is stored, so a sync conflict can never silently overwrite a signed record.
 */
import { canonicalJson } from '../json/canonicalJson';
import { isBookkeeping, recordHash, sealedPolicy, type LockPolicy, type SignableRecord } from './signature';

/**
 * Why a write was refused. Codes that concern one field carry it after a colon
 * (`fieldChanged:vitals`); {@link splitLockError} separates the two for translation.
 * - `fieldChanged`: a locked field of a signed record differs;
 * - `notAppended`: an `append` field lost, changed or reordered earlier items;
 * - `alreadySet`: a `setOnce` field that had a value was changed or cleared;
 * - `unsign`: a signed record was turned back into a draft;
 * - `deleteSigned`: a signed record was deleted;
 * - `signatureMissing`: a record became signed without a signature;
 * - `hashMismatch`: the signature's hash is not the hash of the signed content;
 * - `signatureOnDraft`: a draft carries a signature.
 */
export type LockErrorCode =
  | 'fieldChanged'
  | 'notAppended'
  | 'alreadySet'
  | 'unsign'
  | 'deleteSigned'
  | 'signatureMissing'
  | 'hashMismatch'
  | 'signatureOnDraft';

export type LockError = LockErrorCode | `${LockErrorCode}:${string}`;

/** Splits `fieldChanged:vitals` into its code and field. */
export function splitLockError(error: LockError): { code: LockErrorCode; field: string | null } {
  const colon = error.indexOf(':');
  if (colon < 0) return { code: error as LockErrorCode, field: null };
  return { code: error.slice(0, colon) as LockErrorCode, field: error.slice(colon + 1) };
}

/** A record as storage sees it: `_deleted` marks a deletion (RxDB's tombstone). */
type Stored<D> = D & { _deleted?: boolean };

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
const absent = (value: unknown) => value === null || value === undefined;

function appendErrors(rule: string, field: string, before: unknown, after: unknown): LockError[] {
  switch (rule) {
    case 'append': {
      const old = absent(before) ? [] : before;
      if (!Array.isArray(old) || !Array.isArray(after) || after.length < old.length)
        return [`notAppended:${field}`];
      return old.every((item, i) => same(item, after[i])) ? [] : [`notAppended:${field}`];
    }
    case 'setOnce':
      return absent(before) || same(before, after) ? [] : [`alreadySet:${field}`];
    // `platform` fields are the platform's to write (shared/clinical/seal.ts): it replaces what a
    // desk sends before this check, and a desk takes what the platform says.
    default:
      return [];
  }
}

/** Own fields of either version, bookkeeping left out, in a stable order. */
function fieldsOf(a: object, b: object): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !isBookkeeping(k)).sort();
}

/**
 * Everything wrong with replacing `previous` by `next` under the lock rule; [] when the write may
 * go ahead.
 *
 * - No `previous` (an insert) or a draft `previous`: any change is allowed, including deletion;
 *   a draft must carry no signature, and a record that becomes signed must carry a signature
 *   whose hash is {@link recordHash} of `next`.
 * - A signed `previous` (status `signed`, or any record that carries a signature): it may not be
 *   deleted (`next` null or `_deleted`) nor returned to draft, and every field but bookkeeping
 *   (`_`-prefixed keys) and the fields of `policy.appendOnly` (checked by their rule) must be
 *   unchanged, compared as canonical JSON.
 *
 * Generic over the record type; `policy` is the collection's lock policy (encounters allow nothing
 * after signing).
 */
export function lockedChangeErrors<D extends SignableRecord>(
  previous: Stored<D> | null | undefined,
  next: Stored<D> | null,
  policy: LockPolicy = sealedPolicy,
): LockError[] {
  const wasSigned =
    !!previous && !previous._deleted && (previous.status === 'signed' || previous.signature !== null);

  if (!wasSigned) {
    if (!next || next._deleted) return [];
    if (next.status !== 'signed') return next.signature === null ? [] : ['signatureOnDraft'];
    if (!next.signature) return ['signatureMissing'];
    return next.signature.hash === recordHash(next, policy) ? [] : ['hashMismatch'];
  }

  if (!next || next._deleted) return ['deleteSigned'];
  const errors: LockError[] = [];
  if (next.status !== 'signed') errors.push('unsign');
  const before = previous as unknown as Record<string, unknown>;
  const after = next as unknown as Record<string, unknown>;
  for (const field of fieldsOf(before, after)) {
    if (field === 'status') continue;
    const rule = policy.appendOnly[field];
    if (rule) errors.push(...appendErrors(rule, field, before[field], after[field]));
    else if (!same(before[field], after[field])) errors.push(`fieldChanged:${field}`);
  }
  return errors;
}

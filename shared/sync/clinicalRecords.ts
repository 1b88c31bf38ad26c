/**
 * Sync policy of signed clinical records (encounters, prescriptions), the same code on the desk
 * and on the platform: a signed record is never overwritten (DOMAIN.md §7.4), only superseded by
 * a new revision; the few fields a policy leaves open after signing (prints, a void) merge
 * without losing either side's entries; and only the record's own doctor writes or signs it.
 */
import type { Role } from '../auth/roles';
import { can } from '../auth/roles';
import { lockedChangeErrors, splitLockError } from '../clinical/lock';
import {
  hasValidSignature,
  lockedContent,
  type LockPolicy,
  type SignableRecord,
} from '../clinical/signature';
import { canonicalJson } from '../json/canonicalJson';
import type { ConflictInput, FieldError } from './collections';

/** Who writes: the session the platform authenticated. */
export interface Writer {
  staffId: string;
  role: Role;
  orgId: string;
}

export type ClinicalRecord = SignableRecord & { orgId: string; doctorId: string; updatedAt: string };

const later = <D extends { updatedAt: string }>(a: D, b: D) => (a.updatedAt > b.updatedAt ? a : b);

/** Entries of both lists, each once (by canonical JSON), in time order when they carry `at`. */
function union<T>(a: readonly T[], b: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const item of [...a, ...b]) seen.set(canonicalJson(item), item);
  return [...seen.values()].sort((x, y) => {
    const [ax, ay] = [(x as { at?: string }).at ?? '', (y as { at?: string }).at ?? ''];
    return ax < ay ? -1 : ax > ay ? 1 : 0;
  });
}

/**
 * The one version both sides keep when writes to a clinical record raced:
 * - the platform holds it signed and the desk's version has the same signed content: the open
 *   fields merge (appended lists united, a value set once kept from the platform if both set it);
 * - the platform holds it signed otherwise: the platform's version stands — a signed record is
 *   never overwritten, not even by another signature;
 * - the desk signed a draft the platform still holds as a draft: the signed version wins (only the
 *   record's doctor edits a draft, so both are that doctor's work, and the signature is the later);
 * - two drafts: the later edit wins.
 */
export function resolveClinical<D extends ClinicalRecord>(policy: LockPolicy, input: ConflictInput<D>): D {
  const { newDocumentState: ours, realMasterState: theirs } = input;
  if (theirs.status === 'signed') {
    const same =
      ours.status === 'signed' &&
      canonicalJson(lockedContent(ours, policy)) === canonicalJson(lockedContent(theirs, policy));
    if (!same) return theirs;
    const merged = { ...theirs } as Record<string, unknown>;
    for (const [field, rule] of Object.entries(policy.appendOnly)) {
      const [o, t] = [(ours as Record<string, unknown>)[field], (theirs as Record<string, unknown>)[field]];
      if (rule === 'append' && Array.isArray(o) && Array.isArray(t)) merged[field] = union(t, o);
      else if (rule === 'setOnce') merged[field] = t ?? o ?? null;
      else if (rule === 'mutable') merged[field] = later(ours, theirs)[field as keyof D];
    }
    return merged as D;
  }
  if (ours.status === 'signed') return ours;
  return later(ours, theirs);
}

/**
 * Authorisation and lock rules for one write of a clinical record by `writer`, `previous` being
 * what the platform holds (undefined for a new record). Codes are translatable field errors.
 */
export function clinicalWriteErrors<D extends ClinicalRecord>(
  policy: LockPolicy,
  next: D,
  previous: D | undefined,
  writer: Writer,
): FieldError[] {
  const errors: FieldError[] = lockedChangeErrors(previous ?? null, next, policy).map((e) => {
    const { code, field } = splitLockError(e);
    return { field: field ?? 'status', code };
  });
  if (errors.length) return errors;
  const wasSigned = previous?.status === 'signed';
  if (!wasSigned) {
    // A draft, and the act of signing it, belong to the record's own doctor.
    if (!can(writer.role, 'clinical.write')) errors.push({ field: 'doctorId', code: 'notPrescriber' });
    else if (next.doctorId !== writer.staffId || (previous && previous.doctorId !== writer.staffId))
      errors.push({ field: 'doctorId', code: 'notAuthor' });
    if (next.status === 'signed' && next.signature?.by !== writer.staffId)
      errors.push({ field: 'signature', code: 'notSigner' });
  }
  return errors;
}

/** Domain check of a stored signed record: its signature must still match its content. */
export function signatureErrors<D extends SignableRecord>(doc: D, policy: LockPolicy): FieldError[] {
  if (doc.status !== 'signed') return doc.signature ? [{ field: 'signature', code: 'signatureOnDraft' }] : [];
  return hasValidSignature(doc, policy) ? [] : [{ field: 'signature', code: 'hashMismatch' }];
}

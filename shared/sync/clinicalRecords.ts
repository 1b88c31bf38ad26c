/**
 * Sync policy of signed clinical records (encounters, prescriptions), the same code on the desk
 * and on the platform: a signed record is never overwritten (DOMAIN.md §7.4), only superseded by
 * a new revision; the few fields a policy leaves open after signing (prints, a void) merge
 * without losing either side's entries; only the draft's writer (the author, or the colleague
 * whose addendum it is) writes and signs it; voids, prints and signatures are in the name of the
 * person signed in, at a time the platform can believe (DESIGN.md §10); and a desk pushes each
 * row only under the credentials of the people whose acts it carries.
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
import type { OrganisationKind } from '../platform/auth';
import type { ConflictInput, FieldError } from './collections';

/** Who writes: the session the platform authenticated. */
export interface Writer {
  staffId: string;
  role: Role;
  orgId: string;
}

export type ClinicalRecord = SignableRecord & {
  orgId: string;
  doctorId: string;
  updatedAt: string;
  /** Encounters: the colleague writing an addendum; the draft's writer when set. */
  amendedBy?: string;
  /** Encounters: the revision this one replaces. */
  supersedes?: string | null;
  /** Prescriptions: the void, set once. */
  voided?: { by: string; at: string } | null;
  /** Prescriptions: the print log, appended. */
  prints?: readonly { by: string; at: string }[];
};

/**
 * Who writes (edits and signs) a draft: the colleague whose addendum it is (`amendedBy`), or the
 * record's author (`doctorId`), who stays the author on every revision.
 */
export const draftWriterOf = (doc: Pick<ClinicalRecord, 'amendedBy' | 'doctorId'>): string =>
  doc.amendedBy ?? doc.doctorId;

/** An act a write performs in someone's name at some time. `field` is where the record keeps it. */
export interface ClinicalAct {
  kind: 'sign' | 'void' | 'print';
  field: 'signature' | 'voided' | 'prints';
  by: string;
  at: string;
}

/**
 * The acts `next` adds to `previous` (undefined for a new record): its signature when it becomes
 * signed, its void when set, and each print entry appended.
 */
export function actsOf(next: ClinicalRecord, previous: ClinicalRecord | undefined): ClinicalAct[] {
  const acts: ClinicalAct[] = [];
  if (next.status === 'signed' && previous?.status !== 'signed' && next.signature)
    acts.push({ kind: 'sign', field: 'signature', by: next.signature.by, at: next.signature.at });
  if (next.voided && !previous?.voided)
    acts.push({ kind: 'void', field: 'voided', by: next.voided.by, at: next.voided.at });
  for (const print of (next.prints ?? []).slice(previous?.prints?.length ?? 0))
    acts.push({ kind: 'print', field: 'prints', by: print.by, at: print.at });
  return acts;
}

/** How far in the future an act's time may lie (clocks drift; the platform's is the reference). */
export const clockSkewMs = 2 * 60_000;

/**
 * Whether an act's time can be believed, by the platform's clock `now` and the end of the
 * desk's last contact with the platform before this run of pushes (`offlineSince`, null when
 * the platform has never heard from that desk for that person):
 * - `online`: within {@link clockSkewMs} of `now`;
 * - `offline`: earlier, but after the last contact: the desk was offline, and the record says so;
 * - `futureTime`: later than `now` plus the skew;
 * - `staleTime`: before the last contact: the desk was online then and would have sent it;
 * - `invalidTime`: not a time.
 */
export function actTime(
  at: string,
  now: Date,
  offlineSince: Date | null,
): 'online' | 'offline' | 'futureTime' | 'staleTime' | 'invalidTime' {
  const t = Date.parse(at);
  if (!Number.isFinite(t)) return 'invalidTime';
  if (t > now.getTime() + clockSkewMs) return 'futureTime';
  if (t >= now.getTime() - clockSkewMs) return 'online';
  if (offlineSince === null || t > offlineSince.getTime()) return 'offline';
  return 'staleTime';
}

/**
 * The staff ids whose credentials pushing `next` needs, given what the platform is believed to
 * hold (`assumed`): the draft's writer while it is a draft, and the person of every act
 * ({@link actsOf}) it adds. [] when the row carries no one's act (anyone may push it).
 */
export function pushAuthorsOf(next: ClinicalRecord, assumed: ClinicalRecord | undefined): string[] {
  const authors = new Set<string>();
  if (next.status === 'draft') authors.add(draftWriterOf(next));
  for (const act of actsOf(next, assumed)) authors.add(act.by);
  return [...authors];
}

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
      if (rule === 'platform') continue; // the platform's own word: `merged` has it already
      if (rule === 'append' && Array.isArray(o) && Array.isArray(t)) merged[field] = union(t, o);
      else if (rule === 'setOnce') merged[field] = t ?? o ?? null;
      else if (rule === 'mutable') merged[field] = later(ours, theirs)[field as keyof D];
    }
    return merged as D;
  }
  if (ours.status === 'signed') return ours;
  return later(ours, theirs);
}

/** What the platform knows beyond the two versions of the record. */
export interface WriteContext {
  /** The revision `next` supersedes, when it is an amendment the platform holds. */
  superseded?: ClinicalRecord;
  /**
   * The kind of the writer's organisation (community centre or hospital), for rules that depend
   * on it (shared/carePlans/rules.ts); absent where the platform does not pass it.
   */
  orgKind?: OrganisationKind | null;
}

/**
 * Whether `writer` may void `record`: its prescriber, or a role given `prescription.void`. The
 * platform refuses anyone else; the desk asks the same before it offers the void.
 */
export const mayVoid = (record: Pick<ClinicalRecord, 'doctorId'>, writer: Pick<Writer, 'staffId' | 'role'>) =>
  record.doctorId === writer.staffId || can(writer.role, 'prescription.void');

/**
 * Authorisation and lock rules for one write of a clinical record by `writer`, `previous` being
 * what the platform holds (undefined for a new record). Codes are translatable field errors:
 * - `notPrescriber` (doctorId): the role may not write clinical records;
 * - `notAuthor` (doctorId): the writer is not the draft's writer ({@link draftWriterOf}), or
 *   took over a draft that was someone else's;
 * - `authorChanged` (doctorId): an amendment names another author than the revision it replaces;
 * - `notSigner` (signature): the signature is not in the signed-in person's name;
 * - `notSignedInPerson` (voided, prints): a void or print in someone else's name;
 * - `notPrescriber` (voided): only the prescriber, or a role with `prescription.void`, voids.
 * Times are checked separately ({@link actTime}), since they need the platform's clock.
 */
export function clinicalWriteErrors<D extends ClinicalRecord>(
  policy: LockPolicy,
  next: D,
  previous: D | undefined,
  writer: Writer,
  context: WriteContext = {},
): FieldError[] {
  const errors: FieldError[] = lockedChangeErrors(previous ?? null, next, policy).map((e) => {
    const { code, field } = splitLockError(e);
    return { field: field ?? 'status', code };
  });
  if (errors.length) return errors;
  const wasSigned = previous?.status === 'signed';
  if (!wasSigned) {
    // A draft, and the act of signing it, belong to its writer: the author, or the colleague
    // whose addendum it is.
    if (!can(writer.role, 'clinical.write')) errors.push({ field: 'doctorId', code: 'notPrescriber' });
    else if (
      draftWriterOf(next) !== writer.staffId ||
      (previous && draftWriterOf(previous) !== writer.staffId)
    )
      errors.push({ field: 'doctorId', code: 'notAuthor' });
    if (context.superseded && context.superseded.doctorId !== next.doctorId)
      errors.push({ field: 'doctorId', code: 'authorChanged' });
  }
  for (const act of actsOf(next, previous)) {
    if (act.kind === 'sign') {
      if (act.by !== writer.staffId) errors.push({ field: 'signature', code: 'notSigner' });
    } else if (act.by !== writer.staffId) errors.push({ field: act.field, code: 'notSignedInPerson' });
    else if (act.kind === 'void' && !mayVoid(next, writer))
      errors.push({ field: 'voided', code: 'notPrescriber' });
  }
  return dedupeFieldErrors(errors);
}

/** Each field error once (by field and code), in the order they first occur. */
export const dedupeFieldErrors = (errors: FieldError[]): FieldError[] => [
  ...new Map(errors.map((e) => [`${e.field}|${e.code}`, e])).values(),
];

/** Domain check of a stored signed record: its signature must still match its content. */
export function signatureErrors<D extends SignableRecord>(doc: D, policy: LockPolicy): FieldError[] {
  if (doc.status !== 'signed') return doc.signature ? [{ field: 'signature', code: 'signatureOnDraft' }] : [];
  return hasValidSignature(doc, policy) ? [] : [{ field: 'signature', code: 'hashMismatch' }];
}

/**
 * Revisions of clinical records (DOMAIN.md §7.4: corrections are appended as new versions, never
 * overwritten). Each revision is its own document: `recordId` names the logical record (the id of
 * revision 1), `revisionNo` counts from 1 (RxDB reserves `revision` for its own document
 * revision), `supersedes` is the id of the revision it replaces. A
 * signed revision is never edited; amending it starts a new draft ({@link nextRevision}), which
 * replaces it once signed.
 */
import { canonicalJson } from '../json/canonicalJson';
import { isBookkeeping, type RecordSignature, type RecordStatus } from './signature';

/** The revision fields of a versioned record. */
export interface Revisioned {
  id: string;
  recordId: string;
  revisionNo: number;
  supersedes: string | null;
  status?: RecordStatus;
}

/** What ordering revisions needs: which record, which revision, signed or not. */
type Ordered = Omit<Revisioned, 'supersedes'>;

/** What {@link nextRevision} needs on top of the revision fields. */
export interface AmendableRecord extends Revisioned {
  status: RecordStatus;
  signature: RecordSignature | null;
  amendReason: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * Orders two revisions of one record: higher revision first; between two of the same number
 * (drafts of the same amendment written on two desks), a signed one first, then the greater id.
 */
function newerFirst(a: Ordered, b: Ordered): number {
  if (a.revisionNo !== b.revisionNo) return b.revisionNo - a.revisionNo;
  const signed = Number(b.status === 'signed') - Number(a.status === 'signed');
  if (signed) return signed;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * The current revision of every record among `docs`: per `recordId` the highest revision (ties:
 * signed first, then the greater id). With `signedOnly`, drafts are left out first, so a pending
 * amendment does not hide the signed revision it will replace. Records come out in the order
 * their first revision appears in `docs`.
 */
export function latestRevisions<D extends Ordered>(
  docs: readonly D[],
  options: { signedOnly?: boolean } = {},
): D[] {
  const latest = new Map<string, D>();
  for (const doc of docs) {
    if (options.signedOnly && doc.status !== 'signed') continue;
    const current = latest.get(doc.recordId);
    if (!current || newerFirst(doc, current) < 0) latest.set(doc.recordId, doc);
  }
  return [...latest.values()];
}

/** Every revision of `recordId` among `docs`, oldest first. */
export function revisionChain<D extends Revisioned>(docs: readonly D[], recordId: string): D[] {
  return docs.filter((d) => d.recordId === recordId).sort((a, b) => newerFirst(b, a));
}

export interface RevisionChange {
  /** Field path: a top-level field, or `parent.child` inside a nested object (`vitals.systolic`). */
  field: string;
  before: unknown;
  after: unknown;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function diffValue(path: string, before: unknown, after: unknown, out: RevisionChange[]): void {
  if (isPlainObject(before) && isPlainObject(after)) {
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort())
      diffValue(`${path}.${key}`, before[key], after[key], out);
  } else if (canonicalJson(before ?? null) !== canonicalJson(after ?? null)) {
    out.push({ field: path, before: before ?? null, after: after ?? null });
  }
}

/**
 * What changed from `older` to `newer` in `fields`, in the order given. Nested objects (vitals)
 * are compared per sub-field (`vitals.systolic`); arrays (diagnoses, allergies) are compared as
 * whole lists; missing values count as null. Values are returned as they are, not copied.
 */
export function diffRevisions<D extends object>(
  older: D,
  newer: D,
  fields: readonly (keyof D & string)[],
): RevisionChange[] {
  const out: RevisionChange[] = [];
  for (const field of fields) diffValue(field, older[field], newer[field], out);
  return out;
}

/**
 * The draft that amends `signed`: a copy of its content (bookkeeping left out) with a new `id`,
 * the same `recordId`, `revisionNo` + 1, `supersedes` = the signed revision's id, `amendReason`,
 * no signature, and `createdBy` / `createdAt` / `updatedAt` of the amendment.
 * @throws {Error} `notSigned` when `signed` is a draft: a draft is edited, not amended.
 */
export function nextRevision<D extends AmendableRecord>(
  signed: D,
  amendment: { id: string; by: string; at: string; reason: string },
): D {
  if (signed.status !== 'signed') throw new Error('notSigned');
  const content = Object.fromEntries(
    Object.entries(jsonCopy(signed)).filter(([key]) => !isBookkeeping(key)),
  ) as D;
  return {
    ...content,
    id: amendment.id,
    recordId: signed.recordId,
    revisionNo: signed.revisionNo + 1,
    supersedes: signed.id,
    amendReason: amendment.reason,
    status: 'draft',
    signature: null,
    createdBy: amendment.by,
    createdAt: amendment.at,
    updatedAt: amendment.at,
  };
}

/** A deep copy through JSON, so the draft shares no arrays or objects with the signed record. */
function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

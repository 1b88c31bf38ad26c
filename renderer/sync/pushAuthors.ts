/**
 * Pushes go under their author (DESIGN.md §10): on a shared desk, a row carrying one doctor's
 * signature, addendum, void or print is sent only with that doctor's credentials. The platform
 * refuses acts in someone else's name, so sending them under whoever is signed in would only get
 * them refused; instead they wait, and the sync indicator says for whom.
 */
import { pushAuthorsOf, type ClinicalRecord } from '../../shared/sync/clinicalRecords';

type Doc = Record<string, unknown>;

/**
 * The staff ids whose credentials pushing `next` of `collection` needs, given what the platform
 * is believed to hold (`assumed`); [] when anyone signed in may push it.
 */
export function pushAuthorsFor(collection: string, next: Doc, assumed: Doc | undefined): string[] {
  if (collection === 'encounters' || collection === 'prescriptions')
    return pushAuthorsOf(next as unknown as ClinicalRecord, assumed as unknown as ClinicalRecord | undefined);
  // An observation is written only by its recorder.
  if (collection === 'observations' && typeof next.recordedBy === 'string') return [next.recordedBy];
  // A care plan is created in its creator's name; later changes go under any colleague who may.
  if (collection === 'carePlans' && assumed === undefined && typeof next.createdBy === 'string')
    return [next.createdBy];
  // An audit event is recorded by the platform only for the person who acted.
  if (collection === 'auditEvents' && typeof next.actorId === 'string') return [next.actorId];
  return [];
}

/** Whether `me` alone may push a row with these authors. */
export const mayPush = (authors: readonly string[], me: string | undefined): boolean =>
  me === undefined || authors.every((author) => author === me);

/** The names the record itself gives its people (the directory answers for the rest). */
export function namesInRecord(doc: Doc): Map<string, string> {
  const names = new Map<string, string>();
  const add = (id: unknown, name: unknown) => {
    if (typeof id === 'string' && typeof name === 'string' && name) names.set(id, name);
  };
  add(doc.doctorId, doc.doctorName);
  add(doc.amendedBy, doc.amendedByName);
  add(doc.recordedBy, doc.recordedByName);
  add(doc.createdBy, doc.createdByName);
  const signature = doc.signature as { by?: unknown; byName?: unknown } | null | undefined;
  add(signature?.by, signature?.byName);
  const voided = doc.voided as { by?: unknown; byName?: unknown } | null | undefined;
  add(voided?.by, voided?.byName);
  return names;
}

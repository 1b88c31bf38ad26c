/**
 * Who and when of a consultation record across its revisions: the author stays the author when
 * another doctor amends (an addendum in that doctor's own name), the visit keeps its time when it
 * is amended, a record signed long after the visit is marked 补签, and a doctor who opens the same
 * resident again the same day gets back the draft they left instead of a second one. Pure: every
 * clock is a parameter.
 */
import type { EncounterDoc } from './schema';

/**
 * The staff id of the person who writes — edits and signs — this revision: the addendum's doctor
 * (`amendedBy`) when someone other than the author amends, otherwise the author (`doctorId`). The
 * platform accepts a draft revision only from this person.
 */
export const writerOf = (doc: Pick<EncounterDoc, 'doctorId' | 'amendedBy'>): string =>
  doc.amendedBy ?? doc.doctorId;

/** The name of {@link writerOf}. */
export const writerNameOf = (doc: Pick<EncounterDoc, 'doctorName' | 'amendedByName'>): string =>
  doc.amendedByName ?? doc.doctorName;

/** Whether this revision is an addendum written by a doctor other than the record's author. */
export const isAddendum = (doc: Pick<EncounterDoc, 'doctorId' | 'amendedBy'>): boolean =>
  doc.amendedBy !== undefined && doc.amendedBy !== doc.doctorId;

type Timed = Pick<EncounterDoc, 'recordId' | 'revisionNo' | 'createdAt' | 'visitAt'>;

/**
 * When the patient was seen (就诊时间): the record's `visitAt`; for records written before it
 * existed, the creation of revision 1 among `chain` (the record's known revisions); failing both,
 * the revision's own creation.
 */
export function visitTimeOf(doc: Timed, chain: readonly Timed[] = []): string {
  if (doc.visitAt) return doc.visitAt;
  if (doc.revisionNo === 1) return doc.createdAt;
  const first = chain.find((r) => r.recordId === doc.recordId && r.revisionNo === 1);
  return first?.visitAt ?? first?.createdAt ?? doc.createdAt;
}

/** A record signed more than this long after the visit is a late signature (补签). */
export const lateSigningMs = 24 * 60 * 60 * 1000;

/**
 * Whether a signature at `signedAt` for a visit at `visitAt` (both ISO 8601) is 补签: more than
 * {@link lateSigningMs} later. Exactly 24 hours is still on time. Unreadable times are not late.
 */
export function isLateSigned(visitAt: string, signedAt: string): boolean {
  const gap = Date.parse(signedAt) - Date.parse(visitAt);
  return Number.isFinite(gap) && gap > lateSigningMs;
}

/**
 * The 补签 of a record, from its known revisions: the visit and signing times of revision 1 when it
 * was signed late, else null. Amendments are later by nature and are shown as amendments, so only
 * the original signature counts.
 */
export function lateSignature(
  chain: readonly (Timed & Pick<EncounterDoc, 'signature'>)[],
): { visitAt: string; signedAt: string } | null {
  const first = chain.find((r) => r.revisionNo === 1);
  if (!first?.signature) return null;
  const visitAt = visitTimeOf(first);
  return isLateSigned(visitAt, first.signature.at) ? { visitAt, signedAt: first.signature.at } : null;
}

/**
 * The draft a doctor opening a consultation of a resident should continue instead of starting a
 * new one: among `previous` (the resident's encounters), this doctor's never-signed revision 1
 * for the same appointment when one is given; otherwise one whose visit falls on `today`
 * (YYYY-MM-DD by `dayOf`, the desk's local calendar day) — from the chart any such draft, from a
 * queue entry only one that belongs to no appointment yet (another queue entry is another visit).
 * The most recently edited wins; undefined when there is none.
 */
export function reusableDraft(
  previous: readonly EncounterDoc[],
  query: {
    patientId: string;
    doctorId: string;
    appointmentId: string | null;
    today: string;
    dayOf: (iso: string) => string;
  },
): EncounterDoc | undefined {
  const open = previous.filter(
    (e) =>
      e.patientId === query.patientId &&
      e.doctorId === query.doctorId &&
      e.revisionNo === 1 &&
      e.status === 'draft' &&
      e.signature === null &&
      // A programme's follow-up visit is its own record, never the consultation opened next.
      e.kind !== 'followUp',
  );
  const newest = (list: EncounterDoc[]) =>
    list.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0))[0];
  if (query.appointmentId) {
    const same = newest(open.filter((e) => e.appointmentId === query.appointmentId));
    if (same) return same;
  }
  return newest(
    open.filter(
      (e) =>
        (query.appointmentId === null || e.appointmentId === null) &&
        query.dayOf(visitTimeOf(e)) === query.today,
    ),
  );
}

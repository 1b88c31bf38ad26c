/**
 * The follow-up visits the worklists read, projected from the desk's encounter documents once
 * per document: a live query emits every matching document again after any change, and RxDB
 * hands back the same document object while it is unchanged, so only new or changed documents are
 * projected again, and an unchanged visit stays the same object.
 */
import type { EncounterDoc } from '../../../shared/encounters/schema';
import { followUpVisitOf, latestRevisions, type FollowUpVisit } from '../../../shared/followups/worklist';

interface Projected {
  recordId: string;
  revisionNo: number;
  visit: FollowUpVisit | null;
}

const projections = new WeakMap<object, Projected>();

/**
 * The signed follow-up visits of `docs` (current revisions only), as
 * {@link followUpVisitsOf} gives them; `read` turns a document into its data the first time.
 */
export function projectFollowUpVisits<D extends object>(
  docs: readonly D[],
  read: (doc: D) => EncounterDoc,
): FollowUpVisit[] {
  const entries: Projected[] = [];
  for (const doc of docs) {
    let entry = projections.get(doc);
    if (!entry) {
      const data = read(doc);
      entry = { recordId: data.recordId, revisionNo: data.revisionNo, visit: followUpVisitOf(data) };
      projections.set(doc, entry);
    }
    entries.push(entry);
  }
  const visits: FollowUpVisit[] = [];
  for (const { visit } of latestRevisions(entries)) if (visit) visits.push(visit);
  return visits;
}

/** The patient's consultation records grouped per logical record, for the chart. */
import { latestRevisions, revisionChain } from '../../../shared/clinical/revisions';
import { lateSignature, visitTimeOf } from '../../../shared/encounters/record';
import type { EncounterDoc } from '../../../shared/encounters/schema';

/** One logical record of the chart: its revisions oldest first and the one to show. */
export interface ChartRecord {
  recordId: string;
  /** When the patient was seen (就诊时间), the same for every revision. */
  seenAt: string;
  /**
   * The revision to show: the latest signed one, so an amendment still being written does not
   * replace the signed visit; the draft itself when the record was never signed.
   */
  latest: EncounterDoc;
  /** A later revision than {@link latest} is a draft: an amendment not yet signed. */
  pendingAmendment: boolean;
  /** Visit and signing times when revision 1 was signed more than 24 h after the visit (补签). */
  late: { visitAt: string; signedAt: string } | null;
  chain: EncounterDoc[];
}

/** The patient's records, newest visit first, each with its current revision (one pass, no queries). */
export function chartRecords(encounters: readonly EncounterDoc[]): ChartRecord[] {
  const byRecord = new Map<string, EncounterDoc[]>();
  for (const e of encounters) {
    const list = byRecord.get(e.recordId);
    if (list) list.push(e);
    else byRecord.set(e.recordId, [e]);
  }
  const records: ChartRecord[] = [];
  for (const [recordId, docs] of byRecord) {
    const chain = docs.length > 1 ? revisionChain(docs, recordId) : docs;
    const newest = latestRevisions(chain)[0]!;
    const latest = latestRevisions(chain, { signedOnly: true })[0] ?? newest;
    records.push({
      recordId,
      seenAt: visitTimeOf(latest, chain),
      latest,
      pendingAmendment: newest !== latest && newest.status === 'draft',
      late: lateSignature(chain),
      chain,
    });
  }
  return records.sort((a, b) => (a.seenAt < b.seenAt ? 1 : a.seenAt > b.seenAt ? -1 : 0));
}

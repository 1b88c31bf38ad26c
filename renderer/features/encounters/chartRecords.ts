/** The patient's consultation records grouped per logical record, for the chart. */
import { latestRevisions, revisionChain } from '../../../shared/clinical/revisions';
import type { EncounterDoc } from '../../../shared/encounters/schema';

/** One logical record of the chart: its revisions oldest first and the one to show. */
export interface ChartRecord {
  recordId: string;
  /** When the visit was recorded: the first revision's creation. */
  seenAt: string;
  latest: EncounterDoc;
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
    const latest = latestRevisions(chain)[0]!;
    records.push({ recordId, seenAt: chain[0]!.createdAt, latest, chain });
  }
  return records.sort((a, b) => (a.seenAt < b.seenAt ? 1 : a.seenAt > b.seenAt ? -1 : 0));
}

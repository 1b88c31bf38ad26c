/**
 * This desk's diagnosis usage counts (shared/diagnoses/usage.ts), derived from the signed
 * consultation records in its database: counted once per database in pages when first asked
 * for, then kept up to date from the collection's change events. The diagnosis search takes the
 * counts to put the codes this centre uses most first.
 */
import { useEffect, useState } from 'react';
import { BehaviorSubject } from 'rxjs';
import type { DiagnosisUsage } from '../../shared/diagnoses/search';
import { DiagnosisUsageCounter, type UsageRecord } from '../../shared/diagnoses/usage';
import { useServices } from '../app/services';
import type { ClinicDatabase } from '../db/database';

const pageSize = 2000;
const trackers = new WeakMap<ClinicDatabase, BehaviorSubject<DiagnosisUsage>>();

/** The live usage counts of `db` (an empty map until the first count is done). */
export function diagnosisUsageOf(db: ClinicDatabase): BehaviorSubject<DiagnosisUsage> {
  const known = trackers.get(db);
  if (known) return known;
  const subject = new BehaviorSubject<DiagnosisUsage>(new Map());
  trackers.set(db, subject);
  const counter = new DiagnosisUsageCounter();
  // Changes that arrive during the first count are applied after it, in order.
  const early: UsageRecord[] = [];
  let counting = true;
  const subscription = db.encounters.$.subscribe((event) => {
    const record = event.documentData as unknown as UsageRecord;
    if (counting) early.push(record);
    else {
      counter.apply(record);
      // Only a signed record counts: a draft's autosave or a never-signed draft discarded
      // changes nothing, so the search is not re-ranked on every save.
      if (record.status === 'signed' || event.previousDocumentData?.status === 'signed')
        subject.next(counter.snapshot());
    }
  });
  void db.onClose.push(() => subscription.unsubscribe());
  void (async () => {
    let after = '';
    for (;;) {
      const page = await db.encounters
        .find({ selector: { status: 'signed', id: { $gt: after } }, sort: [{ id: 'asc' }], limit: pageSize })
        .exec();
      for (const doc of page) counter.apply(doc.toJSON() as unknown as UsageRecord);
      if (page.length < pageSize) break;
      after = page[page.length - 1]!.id;
    }
    counting = false;
    for (const record of early.splice(0)) counter.apply(record);
    subject.next(counter.snapshot());
  })().catch((error: unknown) => console.error('Diagnosis usage could not be counted:', error));
  return subject;
}

/** The usage counts of this desk's database, re-rendering when they change. */
export function useDiagnosisUsage(): DiagnosisUsage {
  const { db } = useServices();
  const [usage, setUsage] = useState<DiagnosisUsage>(() => diagnosisUsageOf(db).value);
  useEffect(() => {
    const subscription = diagnosisUsageOf(db).subscribe(setUsage);
    return () => subscription.unsubscribe();
  }, [db]);
  return usage;
}

/** React access to consultation records, live: a save or a sync re-renders what shows them. */
import { useEffect, useState } from 'react';
import type { EncounterDoc } from '../../../shared/encounters/schema';
import type { PrescriptionDoc } from '../../../shared/prescriptions/schema';
import { useServices } from '../../app/services';

// What the hooks return for no record: the same array each render, so effects that depend on it
// do not run again.
const noEncounters: EncounterDoc[] = [];
const noPrescriptions: PrescriptionDoc[] = [];

/** The encounter revision with `id`, `null` when there is none, `undefined` while loading. */
export function useEncounter(id: string | undefined): EncounterDoc | null | undefined {
  const { db } = useServices();
  const [doc, setDoc] = useState<EncounterDoc | null | undefined>(undefined);
  useEffect(() => {
    if (!id) return;
    const sub = db.encounters.findOne(id).$.subscribe((d) => setDoc(d ? (d.toJSON() as EncounterDoc) : null));
    return () => sub.unsubscribe();
  }, [db, id]);
  return id ? doc : null;
}

/** Every revision of the logical record `recordId`, in any order; [] while loading. */
export function useRecordRevisions(recordId: string | undefined): EncounterDoc[] {
  const { db } = useServices();
  const [docs, setDocs] = useState<EncounterDoc[]>([]);
  useEffect(() => {
    if (!recordId) return;
    const sub = db.encounters
      .find({ selector: { recordId } })
      .$.subscribe((list) => setDocs(list.map((d) => d.toJSON() as EncounterDoc)));
    return () => sub.unsubscribe();
  }, [db, recordId]);
  return recordId ? docs : noEncounters;
}

/** The patient's prescription slips, newest first, live; `undefined` while loading. */
export function usePatientPrescriptions(patientId: string | undefined): PrescriptionDoc[] | undefined {
  const { db } = useServices();
  const [docs, setDocs] = useState<PrescriptionDoc[] | undefined>(undefined);
  useEffect(() => {
    if (!patientId) return;
    const sub = db.prescriptions
      .find({ selector: { patientId }, sort: [{ createdAt: 'desc' }] })
      .$.subscribe((list) => setDocs(list.map((d) => d.toJSON() as PrescriptionDoc)));
    return () => sub.unsubscribe();
  }, [db, patientId]);
  return patientId ? docs : noPrescriptions;
}

/**
 * The slips written from any revision of one consultation record (`revisionIds`: the ids of its
 * revisions), oldest first, live; [] while loading or when there are none.
 */
export function useRecordPrescriptions(revisionIds: readonly string[]): PrescriptionDoc[] {
  const { db } = useServices();
  const [docs, setDocs] = useState<PrescriptionDoc[]>([]);
  const key = [...revisionIds].sort().join(',');
  useEffect(() => {
    if (!key) return;
    const ids = key.split(',');
    const sub = db.prescriptions
      .find({ selector: { encounterId: { $in: ids } } })
      .$.subscribe((list) =>
        setDocs(
          list
            .map((d) => d.toJSON() as PrescriptionDoc)
            .sort((a, b) =>
              a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.slipIndex - b.slipIndex,
            ),
        ),
      );
    return () => sub.unsubscribe();
  }, [db, key]);
  return key ? docs : noPrescriptions;
}

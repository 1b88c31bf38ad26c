/** React access to the records the prescription screens show, live from the local database. */
import { useEffect, useState } from 'react';
import type { EncounterDoc } from '../../../shared/encounters/schema';
import type { PrescriptionDoc } from '../../../shared/prescriptions/schema';
import { useServices } from '../../app/services';

/** The encounter revision with `id`, `null` when there is none, `undefined` while loading. */
export function useEncounterDoc(id: string | undefined): EncounterDoc | null | undefined {
  const { db } = useServices();
  const [encounter, setEncounter] = useState<EncounterDoc | null | undefined>(undefined);
  useEffect(() => {
    if (!id) return setEncounter(null);
    const sub = db.encounters
      .findOne(id)
      .$.subscribe((doc) => setEncounter(doc ? (doc.toJSON() as EncounterDoc) : null));
    return () => sub.unsubscribe();
  }, [db, id]);
  return encounter;
}

/** The slips of a prescription group in slip order, `undefined` while loading. */
export function usePrescriptionGroup(groupId: string | undefined): PrescriptionDoc[] | undefined {
  const { db } = useServices();
  const [slips, setSlips] = useState<PrescriptionDoc[] | undefined>(undefined);
  useEffect(() => {
    if (!groupId) return setSlips([]);
    const sub = db.prescriptions
      .find({ selector: { groupId }, sort: [{ slipIndex: 'asc' }] })
      .$.subscribe((docs) => setSlips(docs.map((doc) => doc.toJSON() as PrescriptionDoc)));
    return () => sub.unsubscribe();
  }, [db, groupId]);
  return slips;
}

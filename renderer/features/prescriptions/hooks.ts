/** React access to the records the prescription screens show, live from the local database. */
import { useEffect, useState } from 'react';
import type { EncounterDoc } from '../../../shared/encounters/schema';
import { diagnosisRevised, latestSignedRevision } from '../../../shared/prescriptions/revisions';
import type { PrescriptionDoc } from '../../../shared/prescriptions/schema';
import { useServices } from '../../app/services';
import { useRecordRevisions } from '../encounters/hooks';

/** The group of no id: the same empty array each render. */
const noSlips: PrescriptionDoc[] = [];

/** The encounter revision with `id`, `null` when there is none, `undefined` while loading. */
export function useEncounterDoc(id: string | undefined): EncounterDoc | null | undefined {
  const { db } = useServices();
  const [encounter, setEncounter] = useState<EncounterDoc | null | undefined>(undefined);
  useEffect(() => {
    if (!id) return;
    const sub = db.encounters
      .findOne(id)
      .$.subscribe((doc) => setEncounter(doc ? (doc.toJSON() as EncounterDoc) : null));
    return () => sub.unsubscribe();
  }, [db, id]);
  return id ? encounter : null;
}

/** The slips of a prescription group in slip order, `undefined` while loading. */
export function usePrescriptionGroup(groupId: string | undefined): PrescriptionDoc[] | undefined {
  const { db } = useServices();
  const [slips, setSlips] = useState<PrescriptionDoc[] | undefined>(undefined);
  useEffect(() => {
    if (!groupId) return;
    const sub = db.prescriptions
      .find({ selector: { groupId }, sort: [{ slipIndex: 'asc' }] })
      .$.subscribe((docs) => setSlips(docs.map((doc) => doc.toJSON() as PrescriptionDoc)));
    return () => sub.unsubscribe();
  }, [db, groupId]);
  return groupId ? slips : noSlips;
}

/** A slip's consultation: the revision it was written for and the latest signed one. */
export interface SlipConsultation {
  /** The revision the slip names; null when it is not on this desk. */
  revision: EncounterDoc | null;
  /** The latest signed revision of the same record (may be `revision` itself). */
  latest: EncounterDoc | null;
  /** A later signed revision changed the diagnoses (see shared/prescriptions/revisions.ts). */
  revised: boolean;
}

/**
 * The consultation behind slips written for `encounterId`, live; `undefined` while its revision
 * loads (not revised until the record's other revisions are in).
 */
export function useSlipConsultation(encounterId: string | undefined): SlipConsultation | undefined {
  const revision = useEncounterDoc(encounterId);
  const revisions = useRecordRevisions(revision?.recordId);
  if (revision === undefined) return undefined;
  if (!revision) return { revision: null, latest: null, revised: false };
  const latest = latestSignedRevision(revisions);
  return { revision, latest, revised: diagnosisRevised(revision, latest) };
}

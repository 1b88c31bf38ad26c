/**
 * What the worklists, the panel and the Today counts are computed from, read live from the desk:
 * the centre's care plans, its signed follow-up visits, and the residents they concern.
 */
import { useEffect, useMemo, useState } from 'react';
import type { CarePlanDoc } from '../../../shared/carePlans/schema';
import type { EncounterDoc } from '../../../shared/encounters/schema';
import { computeWorklists, type FollowUpVisit, type Worklists } from '../../../shared/followups/worklist';
import type { PatientDoc } from '../../../shared/patients/schema';
import { useServices } from '../../app/services';
import { useAllCarePlans } from '../contracts/hooks';
import { useToday } from '../today/hooks';
import { projectFollowUpVisits } from './visitProjection';

/**
 * The signed follow-up visits on this desk (current revisions), live; undefined while loading.
 * Each document is projected once while it is unchanged (./visitProjection.ts).
 */
export function useFollowUpVisits(): FollowUpVisit[] | undefined {
  const { db } = useServices();
  const [visits, setVisits] = useState<FollowUpVisit[]>();
  useEffect(() => {
    const sub = db.encounters
      .find({ selector: { kind: 'followUp' } })
      .$.subscribe((found) => setVisits(projectFollowUpVisits(found, (d) => d.toJSON() as EncounterDoc)));
    return () => sub.unsubscribe();
  }, [db]);
  return visits;
}

/** The residents with `ids` on this desk, by id, live; undefined while loading. */
export function usePatientsById(ids: readonly string[] | undefined): Map<string, PatientDoc> | undefined {
  const { db } = useServices();
  const [patients, setPatients] = useState<Map<string, PatientDoc>>();
  const key = ids ? [...ids].sort().join(',') : null;
  useEffect(() => {
    if (key === null) return;
    const wanted = key ? key.split(',') : [];
    const sub = db.patients
      .findByIds(wanted)
      .$.subscribe((found) =>
        setPatients(new Map([...found.values()].map((d) => [d.id, d.toJSON() as PatientDoc]))),
      );
    return () => sub.unsubscribe();
  }, [db, key]);
  return patients;
}

export interface WorklistData {
  today: string;
  carePlans: CarePlanDoc[];
  visits: FollowUpVisit[];
  patients: Map<string, PatientDoc>;
}

/** Everything the worklists need, live; undefined while any part loads. */
export function useWorklistData(): WorklistData | undefined {
  const today = useToday();
  const carePlans = useAllCarePlans();
  const visits = useFollowUpVisits();
  const ids = useMemo(
    () => (carePlans ? [...new Set(carePlans.map((c) => c.patientId))] : undefined),
    [carePlans],
  );
  const patients = usePatientsById(ids);
  return useMemo(
    () => (carePlans && visits && patients ? { today, carePlans, visits, patients } : undefined),
    [today, carePlans, visits, patients],
  );
}

// The birth dates the rules read, once per set of residents read: the worklists computed from the
// same arrays (the centre's, then each doctor's, again as the day turns) are remembered by them.
const birthDates = new WeakMap<Map<string, PatientDoc>, { id: string; birthDate: string | null }[]>();
function birthDatesOf(patients: Map<string, PatientDoc>) {
  let list = birthDates.get(patients);
  if (!list) {
    list = [...patients.values()].map((p) => ({ id: p.id, birthDate: p.birthDate || null }));
    birthDates.set(patients, list);
  }
  return list;
}

/** The worklists of one family doctor (`doctorId`) or, with null, of the whole centre. */
export function useWorklists(data: WorklistData | undefined, doctorId: string | null): Worklists | undefined {
  return useMemo(() => {
    if (!data) return undefined;
    return computeWorklists({
      today: data.today,
      carePlans: data.carePlans,
      visits: data.visits,
      patients: birthDatesOf(data.patients),
      doctorId,
    });
  }, [data, doctorId]);
}

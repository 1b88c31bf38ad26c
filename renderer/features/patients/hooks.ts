/** React access to patient records, live: a change on disk re-renders what shows it. */
import { useEffect, useState } from 'react';
import type { PatientDoc } from '../../../shared/patients/schema';
import { useServices } from '../../app/services';

/** The patient with `id`, `null` when there is none, `undefined` while loading. */
export function usePatient(id: string | undefined): PatientDoc | null | undefined {
  const { db } = useServices();
  const [patient, setPatient] = useState<PatientDoc | null | undefined>(undefined);
  useEffect(() => {
    if (!id) return setPatient(null);
    const sub = db.patients
      .findOne(id)
      .$.subscribe((doc) => setPatient(doc ? (doc.toJSON() as PatientDoc) : null));
    return () => sub.unsubscribe();
  }, [db, id]);
  return patient;
}

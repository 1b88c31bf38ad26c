/** Contracts on this desk, live, for the contract screens, the panel and the worklists. */
import { useEffect, useState } from 'react';
import type { CarePlanDoc } from '../../../shared/carePlans/schema';
import { useServices } from '../../app/services';

const plain = (doc: { toJSON(): unknown }) => doc.toJSON() as CarePlanDoc;

/** A resident's contracts, live; undefined while loading. */
export function usePatientContracts(patientId: string | undefined): CarePlanDoc[] | undefined {
  const { db } = useServices();
  const [docs, setDocs] = useState<CarePlanDoc[]>();
  useEffect(() => {
    if (!patientId) return;
    const sub = db.carePlans
      .find({ selector: { patientId, kind: 'contract' } })
      .$.subscribe((found) => setDocs(found.map(plain)));
    return () => sub.unsubscribe();
  }, [db, patientId]);
  return docs;
}

/** One contract, live; undefined while loading, null when there is none. */
export function useContract(id: string | undefined): CarePlanDoc | null | undefined {
  const { db } = useServices();
  const [doc, setDoc] = useState<CarePlanDoc | null>();
  useEffect(() => {
    if (!id) return;
    const sub = db.carePlans.findOne(id).$.subscribe((found) => setDoc(found ? plain(found) : null));
    return () => sub.unsubscribe();
  }, [db, id]);
  return doc;
}

/** Every care plan on this desk (contracts, enrolments, plans), live; undefined while loading. */
export function useAllCarePlans(): CarePlanDoc[] | undefined {
  const { db } = useServices();
  const [docs, setDocs] = useState<CarePlanDoc[]>();
  useEffect(() => {
    const sub = db.carePlans.find().$.subscribe((found) => setDocs(found.map(plain)));
    return () => sub.unsubscribe();
  }, [db]);
  return docs;
}

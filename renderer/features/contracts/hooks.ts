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

/** The confirmed prints of a contract's agreement on this desk: how many, and the last one's time. */
export interface ContractPrints {
  count: number;
  lastAt: string | null;
}

/**
 * The prints of contract `contract` recorded on this desk (audit events `carePlan.print` naming
 * it), live; undefined while loading. Read from the contract's signing on, by the events' time.
 */
export function useContractPrints(
  contract: Pick<CarePlanDoc, 'id' | 'createdAt'> | null | undefined,
): ContractPrints | undefined {
  const { db } = useServices();
  const [state, setState] = useState<{ for: string; prints: ContractPrints }>();
  const id = contract?.id;
  const from = contract?.createdAt;
  useEffect(() => {
    if (!id || !from) return;
    const sub = db.auditEvents
      .find({
        selector: { at: { $gte: from }, recordId: id, action: 'carePlan.print' },
        sort: [{ at: 'asc' }],
      })
      .$.subscribe((found) =>
        setState({ for: id, prints: { count: found.length, lastAt: found.at(-1)?.at ?? null } }),
      );
    return () => sub.unsubscribe();
  }, [db, id, from]);
  return state && state.for === id ? state.prints : undefined;
}

/**
 * Care plans on this desk, live, for the screens: a resident's (programme card, enrolment,
 * transplant plan, results), the organisation's (panel, worklists) and one by id.
 */
import { useEffect, useState } from 'react';
import type { CarePlanDoc, CarePlanKind } from '../../../shared/carePlans/schema';
import { useServices } from '../../app/services';

/** A live query's documents (undefined while loading) and whether it is still loading. */
export interface CarePlansState {
  data: CarePlanDoc[] | undefined;
  loading: boolean;
}

const plain = (doc: { toJSON(): unknown }) => doc.toJSON() as CarePlanDoc;
const noPlans: CarePlanDoc[] = [];

/**
 * Every care plan of resident `patientId` on this desk (contracts, enrolments, transplant plans,
 * this organisation's and those shared with it), oldest first, live.
 */
export function usePatientCarePlans(patientId: string | undefined): CarePlansState {
  const { db } = useServices();
  const [state, setState] = useState<{ for: string; docs: CarePlanDoc[] }>();
  useEffect(() => {
    if (!patientId) return;
    const sub = db.carePlans
      .find({ selector: { patientId }, sort: [{ createdAt: 'asc' }] })
      .$.subscribe((docs) => setState({ for: patientId, docs: docs.map(plain) }));
    return () => sub.unsubscribe();
  }, [db, patientId]);
  if (!patientId) return { data: noPlans, loading: false };
  const data = state?.for === patientId ? state.docs : undefined;
  return { data, loading: data === undefined };
}

/**
 * Every care plan on this desk, or those of `kind`, live: what the panel and the worklists are
 * computed from (shared/followups/worklist.ts). One query for the organisation.
 */
export function useOrgCarePlans(kind?: CarePlanKind): CarePlansState {
  const { db } = useServices();
  const [state, setState] = useState<{ for: string; docs: CarePlanDoc[] }>();
  const key = kind ?? '';
  useEffect(() => {
    const sub = db.carePlans
      .find(kind ? { selector: { kind } } : {})
      .$.subscribe((docs) => setState({ for: key, docs: docs.map(plain) }));
    return () => sub.unsubscribe();
  }, [db, kind, key]);
  const data = state?.for === key ? state.docs : undefined;
  return { data, loading: data === undefined };
}

/** One care plan, live; undefined while loading, null when this desk has none with that id. */
export function useCarePlan(id: string | undefined): CarePlanDoc | null | undefined {
  const { db } = useServices();
  const [state, setState] = useState<{ for: string; doc: CarePlanDoc | null }>();
  useEffect(() => {
    if (!id) return;
    const sub = db.carePlans
      .findOne(id)
      .$.subscribe((doc) => setState({ for: id, doc: doc ? plain(doc) : null }));
    return () => sub.unsubscribe();
  }, [db, id]);
  if (!id) return null;
  return state?.for === id ? state.doc : undefined;
}

/** React access to the day's queue and to the patient search the queue's dialogs use, live. */
import { useEffect, useRef, useState } from 'react';
import type { AppointmentDoc } from '../../../shared/appointments/schema';
import type { PatientDoc } from '../../../shared/patients/schema';
import { searchPrefixes } from '../../../shared/patients/searchKeys';
import { useOperator, useServices } from '../../app/services';
import { localDate } from './appointmentRepository';
import { useSearchHeld } from '../patients/firstSyncSearch';

/** Today's local date, moving on at midnight while the screen stays open. */
export function useToday(): string {
  const [today, setToday] = useState(() => localDate(new Date()));
  useEffect(() => {
    const timer = setInterval(() => setToday(localDate(new Date())), 60_000);
    return () => clearInterval(timer);
  }, []);
  return today;
}

/**
 * Today's appointments at the signed-in desk's centre (every status), live; `undefined` while
 * loading. Order is by ticket; the screen orders the queue itself.
 */
export function useTodayQueue(): AppointmentDoc[] | undefined {
  const { db } = useServices();
  const { operator } = useOperator();
  const today = useToday();
  const [docs, setDocs] = useState<AppointmentDoc[]>();
  useEffect(() => {
    const sub = db.appointments
      .find({ selector: { orgId: operator.orgId, date: today }, sort: [{ ticket: 'asc' }] })
      .$.subscribe((found) => setDocs(found.map((d) => d.toJSON() as AppointmentDoc)));
    return () => sub.unsubscribe();
  }, [db, operator.orgId, today]);
  return docs;
}

const searchLimit = 20;

/**
 * Residents matching `query` (name, pinyin, ID or mobile, as the patient list searches); empty
 * while the query is too short to search.
 */
export function usePatientSearch(query: string): PatientDoc[] {
  const { db, searchIndex } = useServices();
  const [rows, setRows] = useState<PatientDoc[]>([]);
  const searchHeld = useSearchHeld();
  const latest = useRef(0);
  useEffect(() => {
    const q = query.trim();
    // Results of an older keystroke must never overwrite a newer one.
    const ticket = ++latest.current;
    if (!q || searchPrefixes(q).length === 0) {
      setRows([]);
      return;
    }
    void (async () => {
      const hits = await searchIndex.search(q, searchLimit);
      const docs = await db.patients.findByIds(hits.map((h) => h.id)).exec();
      if (ticket !== latest.current) return;
      setRows(hits.flatMap((h) => docs.get(h.id)?.toJSON() ?? []) as PatientDoc[]);
    })();
    // Searched again when a first sync's residents have been indexed.
  }, [db, searchIndex, query, searchHeld]);
  return rows;
}

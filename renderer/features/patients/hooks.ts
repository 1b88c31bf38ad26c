/** React access to patient records, live: a change on disk re-renders what shows it. */
import { useEffect, useRef, useState } from 'react';
import type { PatientDoc } from '../../../shared/patients/schema';
import { searchPrefixes } from '../../../shared/patients/searchKeys';
import { useServices } from '../../app/services';
import { useSearchHeld } from './firstSyncSearch';

/** The patient with `id`, `null` when there is none, `undefined` while loading. */
export function usePatient(id: string | undefined): PatientDoc | null | undefined {
  const { db } = useServices();
  const [patient, setPatient] = useState<PatientDoc | null | undefined>(undefined);
  useEffect(() => {
    if (!id) return;
    const sub = db.patients
      .findOne(id)
      .$.subscribe((doc) => setPatient(doc ? (doc.toJSON() as PatientDoc) : null));
    return () => sub.unsubscribe();
  }, [db, id]);
  return id ? patient : null;
}

/** No search, no rows: the same empty array each render. */
const noRows: PatientDoc[] = [];

/**
 * At most `limit` residents matching `query` (name, pinyin initials, ID or mobile digits), best
 * kinds first; empty while the query is too short to search.
 */
export function usePatientSearch(query: string, limit: number): PatientDoc[] {
  const { db, searchIndex } = useServices();
  const [rows, setRows] = useState<PatientDoc[]>([]);
  const searchHeld = useSearchHeld();
  const latest = useRef(0);
  const q = query.trim();
  const searchable = q !== '' && searchPrefixes(q).length > 0;
  useEffect(() => {
    // Results of an older keystroke must never overwrite a newer one.
    const ticket = ++latest.current;
    if (!searchable) return;
    void (async () => {
      const hits = await searchIndex.search(q, limit);
      const docs = await db.patients.findByIds(hits.map((h) => h.id)).exec();
      if (ticket !== latest.current) return;
      setRows(hits.flatMap((h) => docs.get(h.id)?.toJSON() ?? []) as PatientDoc[]);
    })();
    // Searched again when a first sync's residents have been indexed.
  }, [db, searchIndex, q, searchable, limit, searchHeld]);
  return searchable ? rows : noRows;
}

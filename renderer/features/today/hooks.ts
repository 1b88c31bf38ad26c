/** React access to the day's queue, live. */
import { useEffect, useState } from 'react';
import type { AppointmentDoc } from '../../../shared/appointments/schema';
import { useOperator, useServices } from '../../app/services';
import { localDate } from './appointmentRepository';

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

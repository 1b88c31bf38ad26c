/**
 * The desk's number blocks for the signed-in session: opened beside the organisation's database,
 * topped up whenever the platform can be reached (at sign-in, when sync comes back online, and
 * after each number taken), and the fresh number for any resident whose number the platform
 * refused as already held by another (`outpatientNoTaken`). Screens read the source with
 * {@link useNumberSource}. Queue tickets come from the same blocks (./tickets.ts): leased for the
 * coming days with the same top-ups, drawn through {@link useTicketSource}, and drawn afresh for
 * an appointment whose ticket the platform refused (`ticketTaken`).
 */
import { App } from 'antd';
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../shared/auth/roles';
import { useOperator, useServices } from '../app/services';
import { useDeskAuth, useSession } from '../auth/SessionContext';
import { deskIdOf } from '../auth/session';
import { useSync } from '../sync/SyncContext';
import type { SyncEngine } from '../sync/replication';
import { DeskNumbers } from './deskNumbers';
import { refusedAsTaken, renumberTaken, type NumberSource } from './outpatientNumbers';
import {
  deskDay,
  refusedAsTakenTicket,
  reticket,
  ticketSource,
  topUpTickets,
  type TicketSource,
} from './tickets';

/**
 * Runs `run` now and each time sync comes back online (a failed lease waits for the next time);
 * returns the clean-up for an effect.
 */
function nowAndWhenBackOnline(engine: SyncEngine | null, run: () => void): (() => void) | undefined {
  run();
  if (!engine) return undefined;
  let previous = engine.status$.value.state;
  const subscription = engine.status$.subscribe(({ state }) => {
    if (state === 'online' && previous !== 'online') run();
    previous = state;
  });
  return () => subscription.unsubscribe();
}

const NumbersContext = createContext<NumberSource | undefined>(undefined);

/** This desk's number source; undefined outside {@link NumbersProvider}. */
export function useNumberSource(): NumberSource | undefined {
  return useContext(NumbersContext);
}

/** Where the queue draws tickets from on this desk; undefined outside {@link NumbersProvider}. */
export function useTicketSource(): TicketSource | undefined {
  const source = useNumberSource();
  return useMemo(() => source && ticketSource(source), [source]);
}

export function NumbersProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation('patients');
  const { message } = App.useApp();
  const { db } = useServices();
  const { operator } = useOperator();
  const { client } = useSession();
  const { controller } = useDeskAuth();
  // One desk, one identity: number leases go under the id the desk signed in with.
  const deskId = controller.deskId ?? deskIdOf(localStorage);
  const { engine, outbox } = useSync();
  const [numbers, setNumbers] = useState<DeskNumbers>();
  useEffect(() => {
    const opened = new DeskNumbers(db.name, deskId);
    // The store lives as long as this effect (closed in its clean-up); state hands it to render.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setNumbers(opened);
    return () => {
      setNumbers(undefined);
      opened.close();
    };
  }, [db, deskId]);
  const source = useMemo<NumberSource | undefined>(
    () => numbers && { numbers, transport: client },
    [numbers, client],
  );
  const mayRegister = can(operator.role, 'patient.register');

  // Top up at sign-in and whenever sync comes back online (a failed lease waits for the next time).
  useEffect(() => {
    if (!numbers || !client || !mayRegister) return undefined;
    return nowAndWhenBackOnline(
      engine,
      () => void numbers.topUp(client, 'outpatient').catch(() => undefined),
    );
  }, [numbers, client, engine, mayRegister]);

  // A number refused as taken: draw a fresh one for that version (once per version).
  const handled = useRef(new Set<string>());
  useEffect(() => {
    if (!source || !mayRegister) return undefined;
    const subscription = outbox.entries$('patients').subscribe((entries) => {
      for (const entry of entries.values()) {
        const key = `${entry.id}@${entry.updatedAt}`;
        if (!refusedAsTaken(entry.rejected) || handled.current.has(key)) continue;
        handled.current.add(key);
        void (async () => {
          const before = await db.patients.findOne(entry.id).exec();
          const result = await renumberTaken(db, source, entry.id, entry.updatedAt, operator);
          if (result.ok)
            void message.warning(
              t('numbers.renumbered', {
                old: before?.outpatientNo,
                name: before?.name,
                number: result.number,
              }),
            );
          else if (result.code === 'numbers.exhausted') {
            handled.current.delete(key); // try again once numbers can be had
            void message.error(t('numbers.exhausted'));
          }
        })();
      }
    });
    return () => subscription.unsubscribe();
  }, [db, outbox, source, operator, mayRegister, message, t]);

  useTicketUpkeep(source);

  return <NumbersContext.Provider value={source}>{children}</NumbersContext.Provider>;
}

/**
 * Ticket blocks for the coming days, leased at sign-in and whenever sync comes back online, and a
 * fresh ticket for each appointment the platform refused as holding a ticket another appointment
 * of its day holds (once per refused version).
 */
function useTicketUpkeep(source: NumberSource | undefined) {
  const { t } = useTranslation('today');
  const { message } = App.useApp();
  const { db } = useServices();
  const { operator } = useOperator();
  const { engine, outbox } = useSync();
  const mayQueue = can(operator.role, 'queue.manage');
  // A doctor's desk seldom adds anyone: it leases the day's tickets on demand (spare ones offline),
  // so that blocks it would never use do not push the front desk's first tickets up by 20 each.
  const daily = !can(operator.role, 'clinical.write');

  useEffect(() => {
    if (!source?.transport || !mayQueue) return undefined;
    return nowAndWhenBackOnline(
      engine,
      () => void topUpTickets(source, deskDay(new Date()), { daily }).catch(() => undefined),
    );
  }, [source, engine, mayQueue, daily]);

  const handled = useRef(new Set<string>());
  useEffect(() => {
    if (!source || !mayQueue) return undefined;
    const subscription = outbox.entries$('appointments').subscribe((entries) => {
      for (const entry of entries.values()) {
        const key = `${entry.id}@${entry.updatedAt}`;
        if (!refusedAsTakenTicket(entry.rejected) || handled.current.has(key)) continue;
        handled.current.add(key);
        void (async () => {
          const before = await db.appointments.findOne(entry.id).exec();
          const result = await reticket(db, source, entry.id, entry.updatedAt, operator);
          if (result.ok)
            void message.warning(
              t('tickets.renumbered', {
                old: result.replaced,
                name: before?.patientName,
                ticket: result.ticket,
              }),
            );
          else if (result.code === 'numbers.exhausted') {
            handled.current.delete(key); // try again once tickets can be had
            void message.error(t('tickets.exhausted'));
          }
        })();
      }
    });
    return () => subscription.unsubscribe();
  }, [db, outbox, source, operator, mayQueue, message, t]);
}

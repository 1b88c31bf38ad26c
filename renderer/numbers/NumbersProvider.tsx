/**
 * The desk's number blocks for the signed-in session: opened beside the organisation's database,
 * topped up whenever the platform can be reached (at sign-in, when sync comes back online, and
 * after each number taken), and the fresh number for any resident whose number the platform
 * refused as already held by another (`outpatientNoTaken`). Screens read the source with
 * {@link useNumberSource}.
 */
import { App } from 'antd';
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../shared/auth/roles';
import { useOperator, useServices } from '../app/services';
import { useDeskAuth, useSession } from '../auth/SessionContext';
import { deskIdOf } from '../auth/session';
import { useSync } from '../sync/SyncContext';
import { DeskNumbers } from './deskNumbers';
import { refusedAsTaken, renumberTaken, type NumberSource } from './outpatientNumbers';

const NumbersContext = createContext<NumberSource | undefined>(undefined);

/** This desk's number source; undefined outside {@link NumbersProvider}. */
export function useNumberSource(): NumberSource | undefined {
  return useContext(NumbersContext);
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
    const topUp = () => void numbers.topUp(client, 'outpatient').catch(() => undefined);
    topUp();
    if (!engine) return undefined;
    let previous = engine.status$.value.state;
    const subscription = engine.status$.subscribe(({ state }) => {
      if (state === 'online' && previous !== 'online') topUp();
      previous = state;
    });
    return () => subscription.unsubscribe();
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

  return <NumbersContext.Provider value={source}>{children}</NumbersContext.Provider>;
}

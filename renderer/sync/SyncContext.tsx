/**
 * The desk's sync, provided to every screen: the engine while a signed-in session has a platform
 * connection (null when signed in offline), and the outbox, which exists either way so writes
 * made offline are marked "not yet on the platform" at once.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useOperator, useServices } from '../app/services';
import { closeAfter } from '../db/lifecycle';
import { markOfflineWrites } from './offlineMarks';
import { Outbox } from './outbox';
import { SyncEngine, type SyncStatus } from './replication';
import type { SyncTransport } from './transport';

export interface SyncState {
  engine: SyncEngine | null;
  outbox: Outbox;
}

const SyncContext = createContext<SyncState | undefined>(undefined);

export function useSync(): SyncState {
  const state = useContext(SyncContext);
  if (!state) throw new Error('useSync outside SyncProvider');
  return state;
}

/** Runs replication for as long as it is mounted with a transport. */
export function SyncProvider({
  transport,
  identifier,
  children,
}: {
  transport: SyncTransport | null;
  /** Platform and organisation: checkpoints of one never serve another. */
  identifier: string;
  children: ReactNode;
}) {
  const { db, searchIndex } = useServices();
  const { operator } = useOperator();
  const [outbox] = useState(() => new Outbox(db.name));
  const [engine, setEngine] = useState<SyncEngine | null>(null);
  // Signed in offline: what is typed is marked "not yet on the platform" here (./offlineMarks.ts).
  useEffect(
    () => (transport ? undefined : markOfflineWrites({ ...db.collections }, outbox, operator.role)),
    [db, transport, outbox, operator.role],
  );
  useEffect(() => {
    if (!transport) return undefined;
    const started = new SyncEngine(
      { ...db.collections },
      {
        transport,
        outbox,
        identifier,
        role: operator.role,
        staffId: operator.id,
      },
    );
    // A first sync of the residents is indexed for search once it ends, not page by page.
    const release = searchIndex.holdWhile(started.firstSyncOf('patients'));
    // The engine lives as long as this effect (stopped in its clean-up); state hands it to render.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setEngine(started);
    return () => {
      release();
      setEngine(null);
      // The database closes only once replication has stopped (see db/lifecycle.ts).
      closeAfter(db, started.stop());
    };
  }, [db, searchIndex, transport, outbox, identifier, operator.role, operator.id]);
  return <SyncContext.Provider value={{ engine, outbox }}>{children}</SyncContext.Provider>;
}

/** The engine's status, or undefined while signed in offline. */
export function useSyncStatus(): SyncStatus | undefined {
  const { engine } = useSync();
  const [status, setStatus] = useState<SyncStatus | undefined>(engine?.status$.value);
  useEffect(() => {
    if (!engine) return;
    const sub = engine.status$.subscribe(setStatus);
    return () => sub.unsubscribe();
  }, [engine]);
  return engine ? status : undefined;
}

/** Subscribes to a Dexie live query (or any observable-like) and returns its latest value. */
export function useLive<T>(
  source: () => { subscribe(observer: (value: T) => void): { unsubscribe(): void } },
  deps: unknown[],
): T | undefined {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    const sub = source().subscribe(setValue);
    return () => sub.unsubscribe();
    // The caller's deps: eslint checks them at each call site (`additionalHooks` in eslint.config.js).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}

/**
 * The signed-in session and the desk's sign-in machinery, provided to every screen.
 *
 * - `useSession()`: the active session — `{ operator, staff, organisation, online, client,
 *   platformUrl, username }`; `client` is null when signed in offline. Only inside the signed-in
 *   part of the app.
 * - `useDeskAuth()`: the controller (lock, sign out, reconnect) and the idle-lock setting.
 * - `useSessionState()`: signed out, active or locked, re-rendering on every change.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { IdleSetting } from './idle';
import type { Session, SessionController, SessionState } from './session';

export interface DeskAuth {
  controller: SessionController;
  idle: IdleSetting;
}

export const DeskAuthContext = createContext<DeskAuth | undefined>(undefined);

export function useDeskAuth(): DeskAuth {
  const auth = useContext(DeskAuthContext);
  if (!auth) throw new Error('useDeskAuth outside DeskAuthContext');
  return auth;
}

export function useSessionState(): SessionState {
  const { controller } = useDeskAuth();
  return useSyncExternalStore(
    (listener) => controller.subscribe(listener),
    () => controller.state,
  );
}

export const SessionContext = createContext<Session | undefined>(undefined);

/** The signed-in session. @throws outside the signed-in part of the app */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionContext');
  return session;
}

/** The idle-lock minutes, re-rendering when Settings changes them. */
export function useIdleMinutes(): number {
  const { idle } = useDeskAuth();
  return useSyncExternalStore(idle.subscribe, idle.get);
}

/**
 * The database, search index and current operator, provided to every screen. The operator is the
 * signed-in staff member (renderer/auth); the session itself, with the platform client, comes
 * from `useSession()` in renderer/auth/SessionContext.
 */
import { createContext, useContext } from 'react';
import type { ClinicDatabase } from '../db/database';
import type { PatientSearchIndex } from '../db/searchIndex';
import type { Operator } from './operator';

export interface Services {
  db: ClinicDatabase;
  searchIndex: PatientSearchIndex;
}

export const ServicesContext = createContext<Services | undefined>(undefined);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesContext');
  return services;
}

export interface OperatorState {
  operator: Operator;
  /** Ends the session (on the platform too, when it can be reached) and returns to sign-in. */
  signOut(): void;
  /** Locks the desk until the same person enters their password. */
  lock(): void;
}

export const OperatorContext = createContext<OperatorState | undefined>(undefined);

export function useOperator(): OperatorState {
  const state = useContext(OperatorContext);
  if (!state) throw new Error('useOperator outside OperatorContext');
  return state;
}

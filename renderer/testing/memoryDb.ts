/** A fresh in-memory database for unit tests (RxDB memory storage, same schemas and validator). */
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { collectionDefinitions, openDatabase } from '../db/database';
import type { Operator } from '../app/operator';

let counter = 0;

type CollectionName = keyof typeof collectionDefinitions;

/**
 * A fresh in-memory database; `only` limits it to some collections (RxDB's free build allows 13
 * collections per process, so a test running several desks opens only those it uses).
 */
export function openMemoryDatabase(only?: readonly CollectionName[]) {
  counter += 1;
  const collections = only
    ? Object.fromEntries(only.map((name) => [name, collectionDefinitions[name]]))
    : collectionDefinitions;
  return openDatabase({ name: `test${Date.now()}x${counter}`, storage: getRxStorageMemory(), collections });
}

export const registrar: Operator = { id: 'staff-1', name: '王建档', role: 'registrar', orgId: 'org-chc-1' };
export const specialist: Operator = {
  id: 'staff-9',
  name: '孙专家',
  role: 'specialist',
  orgId: 'org-hosp-1',
};

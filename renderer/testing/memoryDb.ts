/** A fresh in-memory database for unit tests (RxDB memory storage, same schemas and validator). */
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { openDatabase } from '../db/database';
import type { Operator } from '../app/operator';

let counter = 0;

export function openMemoryDatabase() {
  counter += 1;
  return openDatabase({ name: `test${Date.now()}x${counter}`, storage: getRxStorageMemory() });
}

export const registrar: Operator = { id: 'staff-1', name: '王建档', role: 'registrar', orgId: 'org-chc-1' };
export const specialist: Operator = {
  id: 'staff-9',
  name: '孙专家',
  role: 'specialist',
  orgId: 'org-hosp-1',
};

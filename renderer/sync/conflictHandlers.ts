/**
 * RxDB conflict handlers built from the shared conflict policies, so a desk resolves a race with
 * exactly the code the platform uses. A deleted master stays deleted only if this side did not
 * change the document meanwhile; otherwise the merged, undeleted version wins: nothing typed is lost.
 */
import type { RxConflictHandler, WithDeleted } from 'rxdb';
import { syncedCollections, type SyncedCollection } from '../../shared/sync/collections';

export function conflictHandlerFor<D extends { id: string; orgId: string }>(
  policy: SyncedCollection<D>,
  now: () => Date = () => new Date(),
): RxConflictHandler<D> {
  return {
    isEqual: (a, b) => a._deleted === b._deleted && policy.isEqual(a, b),
    resolve: async ({ assumedMasterState, realMasterState, newDocumentState }) => {
      if (
        realMasterState._deleted &&
        assumedMasterState &&
        policy.isEqual(assumedMasterState, newDocumentState)
      )
        return realMasterState;
      const merged = policy.resolve({ assumedMasterState, newDocumentState, realMasterState }, now());
      return { ...merged, _deleted: false } as WithDeleted<D>;
    },
  };
}

export const patientConflictHandler = conflictHandlerFor(syncedCollections.patients);

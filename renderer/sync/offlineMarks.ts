/**
 * While a session has no platform connection (signed in offline) no replication runs, so nothing
 * would mark what is typed as not yet on the platform. This watches the synced collections the
 * role pushes and marks every local write pending in the outbox at once: the record says so, the
 * header counts it, and clearing the desk's data (db/localData.ts) refuses while it waits. The
 * sync engine settles the marks as it pushes them, once the platform can be reached.
 */
import type { RxCollection } from 'rxdb';
import { can, type Role } from '../../shared/auth/roles';
import { isSyncedCollection, permissionFor, syncedCollections } from '../../shared/sync/collections';
import type { Outbox } from './outbox';

/** Starts marking; returns the function that stops it. */
export function markOfflineWrites(
  collections: Record<string, RxCollection>,
  outbox: Outbox,
  role: Role,
): () => void {
  const subscriptions = Object.entries(collections)
    .filter(([name]) => {
      if (!isSyncedCollection(name)) return false;
      const permission = permissionFor(syncedCollections[name], 'push');
      return permission !== null && can(role, permission);
    })
    .map(([name, collection]) =>
      collection.$.subscribe((event) => {
        if (event.isLocal) return;
        const { updatedAt } = event.documentData as { updatedAt?: string };
        void outbox.markPending(name, [{ id: event.documentId, updatedAt: updatedAt ?? '' }]);
      }),
    );
  return () => subscriptions.forEach((subscription) => subscription.unsubscribe());
}

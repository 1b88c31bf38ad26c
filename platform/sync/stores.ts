/**
 * Where the platform keeps each replicated collection, chosen by the collection's declaration
 * (`platformStore` in shared/sync/collections): `documents` for ordinary replicated documents
 * (pull, push with conflicts, change stream), `auditLog` for insert-only events appended to the
 * audit trail. The routes only ever talk to this interface.
 */
import {
  syncedCollections,
  type PlatformStoreKind,
  type SyncedCollectionName,
} from '../../shared/sync/collections';
import type { PullResponse, PushRow } from '../../shared/sync/protocol';
import type { Queryable, Store } from '../db/store';
import { pushAuditEvents } from './auditLog';
import { pullDocuments, pushDocuments, type JsonText, type PushResult, type Scope } from './documents';

export interface CollectionStore {
  /** The answer to a pull, as JSON text; absent for a store that desks never read back. */
  pull?(
    db: Queryable,
    collection: SyncedCollectionName,
    scope: Scope,
    seq: number,
    limit: number,
  ): Promise<JsonText<PullResponse>>;
  /**
   * Stores what a desk pushed; `written` lists what change streams should see.
   * @throws ForbiddenOrganisationError when the push must be refused whole
   */
  push(
    store: Store,
    collection: SyncedCollectionName,
    scope: Scope,
    rows: PushRow[],
    now: Date,
  ): Promise<PushResult>;
}

const stores: Readonly<Record<PlatformStoreKind, CollectionStore>> = {
  documents: { pull: pullDocuments, push: pushDocuments },
  auditLog: { push: pushAuditEvents },
};

/** The store `collection` declares (the documents table unless it says otherwise). */
export function storeFor(collection: SyncedCollectionName): CollectionStore {
  const definition = syncedCollections[collection];
  return stores['platformStore' in definition ? definition.platformStore : 'documents'];
}

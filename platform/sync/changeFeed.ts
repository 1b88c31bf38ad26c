/**
 * In-process fan-out of accepted writes to the open change streams. Each listener sees only what
 * its desk may read (own organisation or shared with it). A listener that falls behind is not
 * buffered without end: it is told to resync and pull from its checkpoint instead.
 */
import type { Checkpoint, ReplicatedDocument, StreamEvent } from '../../shared/sync/protocol';
import type { SyncedCollectionName } from '../../shared/sync/collections';

export interface WrittenDocument {
  document: ReplicatedDocument;
  checkpoint: Checkpoint;
  orgId: string;
  sharedWith: string[];
}

type Listener = (event: StreamEvent) => void;

interface Subscription {
  collection: SyncedCollectionName;
  orgId: string;
  listener: Listener;
}

export class ChangeFeed {
  private readonly subscriptions = new Set<Subscription>();

  /** Starts delivering `collection`'s changes visible to `orgId`; returns the unsubscribe. */
  subscribe(collection: SyncedCollectionName, orgId: string, listener: Listener): () => void {
    const subscription = { collection, orgId, listener };
    this.subscriptions.add(subscription);
    return () => this.subscriptions.delete(subscription);
  }

  /** Number of open streams (for health and tests). */
  get size(): number {
    return this.subscriptions.size;
  }

  publish(collection: SyncedCollectionName, written: WrittenDocument[]): void {
    if (!written.length) return;
    for (const { collection: c, orgId, listener } of this.subscriptions) {
      if (c !== collection) continue;
      const visible = written.filter((w) => w.orgId === orgId || w.sharedWith.includes(orgId));
      if (!visible.length) continue;
      listener({
        type: 'changes',
        documents: visible.map((w) => w.document),
        checkpoint: visible[visible.length - 1]!.checkpoint,
      });
    }
  }

  /** Tells every stream to pull again (e.g. the platform is shutting down). */
  resyncAll(): void {
    for (const { listener } of this.subscriptions) listener({ type: 'resync' });
  }
}

/**
 * In-process fan-out of accepted writes to the open change streams. Each listener sees only what
 * its desk may read (own organisation or shared with it), disclosed as its role may see it
 * (shared/sync/disclosure.ts), and is told when its organisation loses access to a document. A
 * listener that falls behind is not buffered without end: it is told to resync and pull from its
 * checkpoint instead.
 */
import type { Role } from '../../shared/auth/roles';
import type { Checkpoint, ReplicatedDocument, StreamEvent } from '../../shared/sync/protocol';
import type { SyncedCollectionName } from '../../shared/sync/collections';
import { disclosedTo, masksIdentifiers } from '../../shared/sync/disclosure';
import type { Removal } from './documents';

export interface WrittenDocument {
  document: ReplicatedDocument;
  checkpoint: Checkpoint;
  orgId: string;
  sharedWith: string[];
}

/**
 * The documents one event delivered, as a pull of (fromSeq, toSeq] would have: what the platform's
 * own audit notes for a stream, since a desk that stores them never pulls them again.
 */
export interface Delivery {
  count: number;
  fromSeq: number;
  toSeq: number;
}

type Listener = (event: StreamEvent, delivery?: Delivery) => void;

interface Subscription {
  collection: SyncedCollectionName;
  orgId: string;
  listener: Listener;
  role: Role;
}

export class ChangeFeed {
  private readonly subscriptions = new Set<Subscription>();

  /**
   * Starts delivering `collection`'s changes visible to `orgId`, as `role` may see them; returns
   * the unsubscribe.
   */
  subscribe(collection: SyncedCollectionName, orgId: string, listener: Listener, role: Role): () => void {
    const subscription = { collection, orgId, listener, role };
    this.subscriptions.add(subscription);
    return () => this.subscriptions.delete(subscription);
  }

  /** Number of subscriptions: one per collection of each open stream (for health and tests). */
  get size(): number {
    return this.subscriptions.size;
  }

  /**
   * Delivers one push's accepted writes, and the removal markers it recorded (organisations that
   * lost access), to each stream in one event: its checkpoint is the later of the two, so a desk
   * never steps back.
   */
  publish(
    collection: SyncedCollectionName,
    written: WrittenDocument[],
    removals: readonly Removal[] = [],
  ): void {
    if (!written.length && !removals.length) return;
    // Each document is masked once per publish, however many masked streams receive it; another
    // organisation's document is masked for every role of the reader's (shared/sync/disclosure.ts).
    const masked = new Map<ReplicatedDocument, ReplicatedDocument>();
    const disclosed = (document: ReplicatedDocument, role: Role, crossed: boolean) => {
      if (!masksIdentifiers(collection, role, crossed)) return document;
      let copy = masked.get(document);
      if (!copy) masked.set(document, (copy = disclosedTo(collection, role, document, crossed)));
      return copy;
    };
    for (const { collection: c, orgId, listener, role } of this.subscriptions) {
      if (c !== collection) continue;
      const visible = written.filter((w) => w.orgId === orgId || w.sharedWith.includes(orgId));
      const lost = removals.filter((r) => r.orgId === orgId);
      if (!visible.length && !lost.length) continue;
      const seq = Math.max(...[...visible, ...lost].map((w) => w.checkpoint.seq));
      listener(
        {
          type: 'changes',
          documents: visible.map((w) => disclosed(w.document, role, w.orgId !== orgId)),
          ...(lost.length ? { removed: lost.map((r) => r.id) } : {}),
          checkpoint: { seq },
        },
        deliveryOf(visible),
      );
    }
  }

  /** Tells every stream to pull again (e.g. the platform is shutting down). */
  resyncAll(): void {
    for (const { listener } of this.subscriptions) listener({ type: 'resync' });
  }
}

/** The sequence range of the documents an event delivers, or undefined when it delivers none. */
function deliveryOf(visible: readonly WrittenDocument[]): Delivery | undefined {
  if (!visible.length) return undefined;
  const seqs = visible.map((w) => w.checkpoint.seq);
  return { count: visible.length, fromSeq: Math.min(...seqs) - 1, toSeq: Math.max(...seqs) };
}

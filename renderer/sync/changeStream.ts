/**
 * The desk's one change stream (`/v1/stream`, shared/sync/protocol.ts), shared by every running
 * replication. A browser opens at most six HTTP/1.1 connections per origin; a stream per
 * collection would hold them all, and the desk's pulls, pushes and sign-in refresh would wait
 * forever. Each replication subscribes to its collection's events (RxDB's `pull.stream$`:
 * documents with their checkpoint, or 'RESYNC'); the stream carries the collections subscribed
 * at the time it opens, and opens again when that set changes (a first sync ends and its
 * collection starts streaming). Every new connection starts with a resync of all it carries, so
 * nothing sent while the desk was not listening is missed.
 */
import { Observable } from 'rxjs';
import {
  changeStreamEventSchema,
  changeStreamPath,
  changeStreamUrl,
  type Checkpoint,
} from '../../shared/sync/protocol';
import { Backoff } from './backoff';
import { withRemovals } from './removals';
import { checkedAnswer, type SyncTransport } from './transport';

type Doc = { id: string; _deleted: boolean };

/** What one replication hears: the platform's changes, or that it must pull from its checkpoint. */
export type StreamChange<D extends Doc> = 'RESYNC' | { documents: D[]; checkpoint: Checkpoint };

export interface ChangeStreamOptions {
  transport: SyncTransport;
  /** Aborts when the engine stops: the stream closes for good. */
  signal: AbortSignal;
  /** Waits `ms` or less (the engine's wait: ended early by its stop or its sync-now). */
  wait(ms: number, signal: AbortSignal): Promise<void>;
  /** The engine's current back-off, the least a reconnect after a failure waits. */
  backoffMs(): number;
  /** The longest wait before a reconnect, in milliseconds. */
  maxMs: number;
  /** A connection failed (shown in the sync state as any failed request). */
  failed(error: unknown): void;
  /** A connection ended or broke: the desk no longer knows it is up to date. */
  lost(): void;
  /**
   * How long the set of collections must stay the same before a connection opens (default
   * 50 ms): replications start one after another, and each change of the set costs a reconnect.
   */
  settleMs?: number;
}

interface Listener<D extends Doc> {
  next(change: StreamChange<D>): void;
  /** Runs before a change is handed over (a first-synced document's base is claimed). */
  beforeHandOver(documents: D[]): Promise<void>;
}

/** The open connection: what it carries, and how to close it to carry something else. */
interface Connection {
  names: string;
  controller: AbortController;
  replaced: boolean;
}

export class ChangeStream<D extends Doc> {
  private readonly listeners = new Map<string, Listener<D>>();
  private connection: Connection | undefined;
  private running = false;

  constructor(private readonly options: ChangeStreamOptions) {}

  /**
   * The changes of collection `name`, for its replication's `pull.stream$`. Subscribing adds the
   * collection to the stream; unsubscribing (the replication is cancelled) takes it out.
   */
  changesOf(name: string, beforeHandOver: (documents: D[]) => Promise<void>): Observable<StreamChange<D>> {
    return new Observable((subscriber) => {
      const listener: Listener<D> = { next: (change) => subscriber.next(change), beforeHandOver };
      this.listeners.set(name, listener);
      this.changed();
      return () => {
        if (this.listeners.get(name) !== listener) return;
        this.listeners.delete(name);
        this.changed();
      };
    });
  }

  /** The collections subscribed now, as the stream names them. */
  private names(): string {
    return [...this.listeners.keys()].sort().join(',');
  }

  /** Opens, reopens or closes the connection to carry what is subscribed now. */
  private changed(): void {
    const open = this.connection;
    if (open && !open.replaced && open.names !== this.names()) {
      open.replaced = true;
      open.controller.abort();
    }
    if (this.running || this.options.signal.aborted || !this.listeners.size) return;
    this.running = true;
    void this.run();
  }

  /** One connection after another, for as long as anything is subscribed and the engine runs. */
  private async run(): Promise<void> {
    const { signal } = this.options;
    // From 1 s up (as far as the engine's ceiling); the platform's first event on a new stream
    // (a resync) shows the connection works, and the next reconnect starts from 1 s again.
    const reconnect = new Backoff({ initialMs: 1000, maxMs: Math.max(1000, this.options.maxMs) });
    try {
      let settle = true;
      while (!signal.aborted && this.listeners.size) {
        if (settle) await this.settled();
        if (signal.aborted || !this.listeners.size) break;
        const connection = await this.connect(reconnect);
        if (signal.aborted) break;
        // A new set of collections: open the next connection at once.
        settle = connection.replaced;
        if (settle) continue;
        this.options.lost();
        // Jittered too, with a floor of its own: a platform that stops ends every desk's stream
        // at once, cleanly or not, and the desks must not all come back in the same instant.
        await this.options.wait(Math.max(this.options.backoffMs(), reconnect.fail()), signal);
      }
    } finally {
      this.running = false;
    }
  }

  /** Waits until the set of collections has not changed for the settle time. */
  private async settled(): Promise<void> {
    let names: string;
    do {
      names = this.names();
      await this.options.wait(this.options.settleMs ?? 50, this.options.signal);
    } while (!this.options.signal.aborted && names !== this.names());
  }

  /** Reads one connection until it ends, breaks, or is replaced; hands each event to its collection. */
  private async connect(reconnect: Backoff): Promise<Connection> {
    const { signal, transport } = this.options;
    const names = this.names();
    const connection: Connection = { names, controller: new AbortController(), replaced: false };
    const carried = new Set(names.split(','));
    const stop = () => connection.controller.abort();
    signal.addEventListener('abort', stop);
    this.connection = connection;
    try {
      for await (const raw of transport.stream(changeStreamUrl([...carried]), connection.controller.signal)) {
        if (connection.replaced) break;
        // An event of the wrong shape ends this connection as a failure (nothing handed over).
        const event = checkedAnswer(changeStreamEventSchema, raw, changeStreamPath);
        reconnect.reset();
        if (event.type === 'resync') {
          for (const [name, listener] of this.listeners)
            if (carried.has(name) && (!event.collection || event.collection === name))
              listener.next('RESYNC');
          continue;
        }
        // A collection this connection no longer serves hears of it on the next one.
        const listener = carried.has(event.collection) ? this.listeners.get(event.collection) : undefined;
        if (!listener) continue;
        const change = withRemovals(event as typeof event & { documents: D[] });
        await listener.beforeHandOver(change.documents);
        listener.next(change);
      }
    } catch (error) {
      if (!connection.controller.signal.aborted && !signal.aborted) this.options.failed(error);
    } finally {
      signal.removeEventListener('abort', stop);
      if (this.connection === connection) this.connection = undefined;
      connection.controller.abort();
    }
    return connection;
  }
}

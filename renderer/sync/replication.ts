/**
 * Replication of the local collections with the platform (RxDB `replicateRxCollection`): pull by
 * platform checkpoint in large batches, push with the desk's assumed master so the platform can
 * report conflicts, and one server-sent change stream for all of them (./changeStream.ts) that
 * triggers a resync after any gap. Failed
 * requests back off exponentially (1 s … 60 s) and start again at once when the network returns or
 * the machine wakes.
 */
import { BehaviorSubject, filter, firstValueFrom, map, type Observable } from 'rxjs';
import type { RxCollection } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { can, type Role } from '../../shared/auth/roles';
import {
  isSyncedCollection,
  permissionFor,
  syncedCollections,
  type SyncedCollectionName,
} from '../../shared/sync/collections';
import { pullResponseSchema, type Checkpoint, type PullResponse } from '../../shared/sync/protocol';
import {
  claimBaseBeforeEdit,
  claimBases,
  firstSyncRecord,
  pulledFrom,
  pullStraightIn,
  saveFirstSyncRecord,
  watchFirstSync,
  withoutPulled,
  type FirstSyncRecord,
} from './firstSync';
import { AuthorPush } from './authorPush';
import { withRemovals } from './removals';
import { Backoff, type BackoffOptions } from './backoff';
import { ChangeStream } from './changeStream';
import type { Outbox } from './outbox';
import { checkedRequest, type SyncTransport } from './transport';

export interface SyncStatus {
  /** `offline`: the last request could not reach the platform; `error`: it answered with an error. */
  state: 'connecting' | 'online' | 'offline' | 'error';
  /** When a pull or push last succeeded (ISO time). */
  lastSyncAt?: string;
  /** The platform's error code of the last failure. */
  error?: string;
}

export interface SyncOptions {
  transport: SyncTransport;
  outbox: Outbox;
  /** Identifies this desk's replication (platform and organisation), so checkpoints never mix. */
  identifier: string;
  /** Documents per pull (default 2000; tests use small pages to cover many of them). */
  pullBatchSize?: number;
  /**
   * Back-off bounds in milliseconds (tests shorten them); each wait is drawn at random between
   * them (./backoff.ts), so desks failing together do not retry together.
   */
  backoff?: BackoffOptions;
  /**
   * The signed-in role: a collection flows only the ways the role is allowed (a nurse reads the
   * doctors' records but does not push them; a registrar does not receive them at all). Without
   * it, every collection flows as declared.
   */
  role?: Role;
  /** Where the time of the last successful sync is kept (default localStorage). */
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  /**
   * The signed-in staff member: rows carrying someone else's acts wait for them (DESIGN.md §10,
   * ./authorPush.ts). Without it, every row is pushed.
   */
  staffId?: string;
}

type Doc = { id: string; updatedAt?: string; _deleted: boolean };
/** Waits `ms`, or less when `signal` aborts; leaves no listener behind either way. */
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
  });

const codeOf = (error: unknown) =>
  error && typeof error === 'object' && 'code' in error
    ? String((error as { code: unknown }).code)
    : 'network.offline';

/** One desk's sync with the platform, for every replicated collection it holds. */
export class SyncEngine {
  readonly status$: BehaviorSubject<SyncStatus>;
  private readonly replications: RxReplicationState<Doc, Checkpoint>[] = [];
  /** Replications of a first sync in progress (see firstSync.ts). */
  private readonly firstSyncs = new Set<RxReplicationState<Doc, Checkpoint>>();
  /** Collections whose first sync is in progress. */
  private readonly firstSyncing$ = new BehaviorSubject<ReadonlySet<string>>(new Set());
  /** Settles once every collection's replication has started. */
  private readonly started: Promise<void>;
  private readonly abort = new AbortController();
  /** Settles when the engine stops. */
  private readonly stopped = new Promise<void>((resolve) =>
    this.abort.signal.addEventListener('abort', () => resolve()),
  );
  /** Resolvers of back-off waits in progress; {@link syncNow} ends them early. */
  private readonly waits = new Set<() => void>();
  /** The wait before the next request, jittered so that desks do not retry in step (./backoff.ts). */
  private readonly backoff: Backoff;
  private readonly lastSyncKey: string;
  private readonly storage: Pick<Storage, 'getItem' | 'setItem'>;
  /** The push side: rows of other people's acts wait until their author signs in here. */
  private readonly pusher: AuthorPush;
  /** The desk's one change stream, shared by every running replication. */
  private readonly changeStream: ChangeStream<Doc>;

  constructor(
    private readonly collections: Record<string, RxCollection>,
    private readonly options: SyncOptions,
  ) {
    this.lastSyncKey = `clinicdesk.lastSync.${options.identifier}`;
    this.backoff = new Backoff(options.backoff ?? { initialMs: 1000, maxMs: 60_000 });
    this.storage = options.storage ?? localStorage;
    this.status$ = new BehaviorSubject<SyncStatus>({
      state: 'connecting',
      lastSyncAt: this.storage.getItem(this.lastSyncKey) ?? undefined,
    });
    this.pusher = new AuthorPush({
      ...options,
      collections,
      pushes: (name) => ['both', 'push'].includes(this.direction(name) ?? ''),
      attempt: (run) => this.attempt(run),
      signal: this.abort.signal,
    });
    this.changeStream = new ChangeStream<Doc>({
      transport: options.transport,
      signal: this.abort.signal,
      wait: (ms, signal) => this.wait(ms, signal),
      backoffMs: () => this.backoffMs,
      maxMs: options.backoff?.maxMs ?? 60_000,
      failed: (error) => this.failed(error),
      lost: () => this.streamLost(),
    });
    this.started = Promise.all(
      Object.entries(collections)
        .filter(([name]) => isSyncedCollection(name) && this.direction(name as SyncedCollectionName))
        .map(([name, collection]) => this.start(name as SyncedCollectionName, collection)),
    ).then(() => undefined);
    // Rows that waited for the person now signed in go up as soon as the engine runs.
    void this.started.then(() => this.pusher.flush()).catch(() => undefined);
    if (typeof window !== 'undefined') {
      const wake = () => this.syncNow();
      window.addEventListener('online', wake);
      document.addEventListener('visibilitychange', wake);
      this.abort.signal.addEventListener('abort', () => {
        window.removeEventListener('online', wake);
        document.removeEventListener('visibilitychange', wake);
      });
    }
  }

  private get backoffMs(): number {
    return this.backoff.delayMs;
  }

  private succeeded() {
    this.backoff.reset();
    const lastSyncAt = new Date().toISOString();
    this.storage.setItem(this.lastSyncKey, lastSyncAt);
    this.status$.next({ state: 'online', lastSyncAt });
  }

  private failed(error: unknown) {
    this.backoff.fail();
    const code = codeOf(error);
    this.status$.next({
      ...this.status$.value,
      state: code === 'network.offline' ? 'offline' : 'error',
      error: code,
    });
  }

  /**
   * A change stream ended or broke (a platform that stops ends them all): until a request
   * succeeds again the desk does not say it is connected, instead of showing "connected" to a
   * platform that has gone. A failure already said so.
   */
  private streamLost() {
    if (this.status$.value.state === 'online')
      this.status$.next({ ...this.status$.value, state: 'connecting' });
  }

  /** Waits `ms`, or less when the engine stops or is asked to sync now. */
  private async wait(ms: number, signal: AbortSignal = this.abort.signal): Promise<void> {
    let wake = () => {};
    const woken = new Promise<void>((resolve) => (wake = resolve));
    this.waits.add(wake);
    await Promise.race([sleep(ms, signal), woken]);
    this.waits.delete(wake);
  }

  /**
   * Runs one request after the current back-off, recording success or failure. A stopped engine
   * sends nothing more: its session has ended, and on a shared desk another person's may have begun.
   */
  private async attempt<T>(run: () => Promise<T>): Promise<T> {
    await this.wait(this.backoffMs);
    if (this.abort.signal.aborted) throw Object.assign(new Error('sync stopped'), { code: 'sync.stopped' });
    try {
      const result = await run();
      this.succeeded();
      return result;
    } catch (error) {
      this.failed(error);
      throw error;
    }
  }

  /** Which way `name` flows for this desk's role, or null when not at all. */
  private direction(name: SyncedCollectionName): 'both' | 'pull' | 'push' | null {
    const definition = syncedCollections[name];
    const { role } = this.options;
    if (!role) return definition.direction;
    const allowed = (way: 'pull' | 'push') => {
      const permission = permissionFor(definition, way);
      return permission !== null && can(role, permission);
    };
    const [pull, push] = [allowed('pull'), allowed('push')];
    return pull && push ? 'both' : pull ? 'pull' : push ? 'push' : null;
  }

  /**
   * Starts the replication of one collection: for a collection that flows both ways and is still
   * empty here, first its first sync (firstSync.ts), then the two-way replication.
   */
  private async start(name: SyncedCollectionName, collection: RxCollection): Promise<void> {
    const replicationIdentifier = `${this.options.identifier}/${name}`;
    let record: FirstSyncRecord | null = null;
    let endFirstSync: (() => void) | undefined;
    try {
      if (this.direction(name) === 'both') {
        record = await firstSyncRecord(collection, replicationIdentifier, this.storage);
        if (record && !record.done) {
          this.firstSyncing$.next(new Set([...this.firstSyncing$.value, name]));
          endFirstSync = () =>
            this.firstSyncing$.next(new Set([...this.firstSyncing$.value].filter((n) => n !== name)));
          const save = () => saveFirstSyncRecord(replicationIdentifier, record!, this.storage);
          save();
          const finish = watchFirstSync(collection, record, save);
          const first = this.replicate(name, collection, { running: { record, save } });
          this.firstSyncs.add(first);
          try {
            // Stopping the engine cancels the pull, which then never reports being in sync.
            await Promise.race([
              first.awaitInitialReplication().then(() => first.awaitInSync()),
              this.stopped,
            ]);
          } finally {
            this.firstSyncs.delete(first);
            await first.cancel();
            finish();
          }
          if (this.abort.signal.aborted) return;
          record.done = true;
          save();
        }
      }
      if (this.abort.signal.aborted) return;
      const replication = this.replicate(name, collection, { firstSync: record ?? undefined });
      this.replications.push(replication);
      if (record) claimBaseBeforeEdit(collection, replication, record);
      if (endFirstSync) {
        // For the desk, the first sync ends once the two-way replication has caught up too (its
        // first pull and push), unless a request fails or the engine stops first.
        const end = endFirstSync;
        endFirstSync = undefined;
        const failed = firstValueFrom(
          this.status$.pipe(filter((s) => s.state === 'offline' || s.state === 'error')),
        );
        void Promise.race([replication.awaitInitialReplication(), this.stopped, failed]).finally(end);
      }
    } finally {
      endFirstSync?.();
    }
  }

  private replicate(
    name: SyncedCollectionName,
    collection: RxCollection,
    {
      running,
      firstSync,
    }: {
      /** A first sync in progress: pages go straight into storage, local writes only go up. */
      running?: { record: FirstSyncRecord; save: () => void };
      /** The record of this collection's first sync, once it has ended. */
      firstSync?: FirstSyncRecord;
    },
  ): RxReplicationState<Doc, Checkpoint> {
    const { transport, identifier } = this.options;
    const direction = this.direction(name);
    // Before the platform's change of a first-synced document reaches RxDB, its base is claimed.
    const claim = async (documents: Doc[]) => {
      if (firstSync)
        await claimBases(
          replication,
          firstSync,
          documents.map((d) => d.id),
        );
    };
    const replication: RxReplicationState<Doc, Checkpoint> = replicateRxCollection<Doc, Checkpoint>({
      collection: collection as unknown as RxCollection<Doc>,
      replicationIdentifier: `${identifier}/${name}`,
      // A first sync pulls once to the end; the two-way replication that follows streams.
      live: !running,
      retryTime: 1000,
      waitForLeadership: false,
      pull:
        direction === 'push'
          ? undefined
          : {
              batchSize: this.options.pullBatchSize ?? 2000,
              handler: async (checkpoint, batchSize) => {
                // Once stopped, a pull ends quietly instead of failing into RxDB's retry wait
                // (nothing is lost: the next start pulls on from the stored checkpoint).
                const stopped = { documents: [], checkpoint: checkpoint ?? { seq: 0 } };
                const fetchPage = async (from: Checkpoint | undefined) => {
                  if (this.abort.signal.aborted) return null;
                  try {
                    // Checked before anything of it is written (./transport.ts); removal
                    // markers become deletions of the local copies (./removals.ts).
                    return withRemovals(
                      await this.attempt(
                        async () =>
                          (await checkedRequest(
                            transport,
                            pullResponseSchema,
                            `/v1/${name}/pull?seq=${from?.seq ?? 0}&limit=${batchSize}`,
                          )) as PullResponse<Doc>,
                      ),
                    );
                  } catch (error) {
                    if (this.abort.signal.aborted) return null;
                    throw error;
                  }
                };
                const response = running
                  ? ((await pullStraightIn({
                      replication,
                      ...running,
                      checkpoint,
                      batchSize,
                      fetchPage,
                    })) as PullResponse<Doc> | null)
                  : await fetchPage(pulledFrom(checkpoint, firstSync));
                if (!response) return stopped;
                await claim(response.documents);
                return response;
              },
              stream$: running ? undefined : this.changeStream.changesOf(name, claim),
            },
      push:
        direction === 'pull'
          ? undefined
          : {
              batchSize: 200,
              // Also during a first sync: RxDB's push side runs anyway, and without a handler it
              // takes local writes as sent, so the two-way replication would never send them.
              handler: async (rows) =>
                this.pusher.push(name, collection, running ? await withoutPulled(replication, rows) : rows),
            },
    });
    return replication;
  }

  /**
   * Whether the first sync of collection `name` is in progress (see firstSync.ts): from its first
   * page until the two-way replication that follows has caught up.
   */
  firstSyncOf(name: SyncedCollectionName): Observable<boolean> {
    return this.firstSyncing$.pipe(map((names) => names.has(name)));
  }

  /** Tries again now: after the network returns, the desk wakes, or the user asks. */
  syncNow(): void {
    this.backoff.reset();
    for (const wake of this.waits) wake();
    for (const r of [...this.firstSyncs, ...this.replications]) r.reSync();
    void this.pusher.flush().catch(() => undefined);
  }

  /** Resolves when everything local is on the platform and everything remote is here. */
  async awaitInSync(): Promise<void> {
    await this.started;
    await Promise.all(this.replications.map((r) => r.awaitInSync()));
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all([...this.firstSyncs].map((r) => r.cancel()));
    await this.started.catch(() => undefined);
    await Promise.all(this.replications.map((r) => r.cancel()));
  }
}

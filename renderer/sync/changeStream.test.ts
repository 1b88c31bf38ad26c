/**
 * A desk holds one change stream however many collections it replicates (a browser opens at most
 * six connections per origin, and every pull, push and sign-in refresh needs one): the engine's
 * replications share it, each hears its own collection's changes and every resync, and a lost
 * stream is opened again, with every collection pulling from its checkpoint. The engine runs on
 * RxDB's memory storage against a scripted platform.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { syncedCollections } from '../../shared/sync/collections';
import type { ChangeStreamEvent } from '../../shared/sync/protocol';
import { sampleObservation } from '../../shared/testing/observations';
import { samplePatient } from '../../shared/testing/patients';
import type { ClinicDatabase } from '../db/database';
import { openMemoryDatabase } from '../testing/memoryDb';
import { Outbox } from './outbox';
import { SyncEngine } from './replication';
import type { SyncTransport } from './transport';

/** One connection the engine opened: what it asked for, and the platform's end of it. */
interface Connection {
  collections: string[];
  send(event: ChangeStreamEvent): void;
  /** The platform ends the stream (a restart, an expired token). */
  end(): void;
  closed: boolean;
}

/** A scripted platform: empty pages, accepted pushes, and streams the test drives. */
function scriptedPlatform() {
  const connections: Connection[] = [];
  const pulls: string[] = [];
  let open = 0;
  let mostOpen = 0;
  const transport: SyncTransport = {
    async request<T>(path: string) {
      if (path.includes('/pull')) {
        pulls.push(path.split('/')[2]!);
        const seq = Number(/seq=(\d+)/.exec(path)?.[1] ?? 0);
        return { documents: [], checkpoint: { seq } } as T;
      }
      return { conflicts: [], rejected: [] } as T;
    },
    async *stream(path: string, signal: AbortSignal) {
      const url = new URL(path, 'http://platform');
      expect(url.pathname).toBe('/v1/stream');
      const queue: unknown[] = [{ type: 'resync' }];
      let wake = () => {};
      const connection: Connection = {
        collections: url.searchParams.get('collections')!.split(','),
        send: (event) => {
          queue.push(event);
          wake();
        },
        end: () => {
          connection.closed = true;
          wake();
        },
        closed: false,
      };
      connections.push(connection);
      mostOpen = Math.max(mostOpen, ++open);
      const aborted = () => wake();
      signal.addEventListener('abort', aborted);
      try {
        for (;;) {
          while (queue.length) yield queue.shift();
          if (connection.closed || signal.aborted) return;
          await new Promise<void>((resolve) => (wake = resolve));
        }
      } finally {
        connection.closed = true;
        open -= 1;
        signal.removeEventListener('abort', aborted);
      }
    },
  };
  return {
    transport,
    connections,
    pulls,
    get open() {
      return open;
    },
    get mostOpen() {
      return mostOpen;
    },
    latest: () => connections.at(-1)!,
  };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const opened: { engine: SyncEngine; outbox: Outbox; db: ClinicDatabase }[] = [];
afterEach(async () => {
  for (const { engine, outbox, db } of opened.splice(0)) {
    await engine.stop();
    outbox.close();
    await db.close();
  }
});

/** Every collection a doctor's desk reads: all but the audit trail, which only goes up. */
const readByDoctor = Object.keys(syncedCollections)
  .filter((name) => name !== 'auditEvents')
  .sort();

async function doctorDesk() {
  const platform = scriptedPlatform();
  const db = await openMemoryDatabase();
  const outbox = new Outbox(`${db.name}-outbox`);
  const items = new Map<string, string>();
  const collections = Object.fromEntries(
    Object.keys(syncedCollections).map((name) => [name, db[name as keyof typeof syncedCollections]]),
  );
  const engine = new SyncEngine(collections, {
    transport: platform.transport,
    outbox,
    identifier: `one-stream-${db.name}`,
    role: 'doctor',
    staffId: 'staff-doc01',
    backoff: { initialMs: 20, maxMs: 100 },
    storage: { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) },
  });
  opened.push({ engine, outbox, db });
  await engine.awaitInSync();
  // Once every replication runs, one connection carries all of them.
  await until(() => platform.open === 1 && platform.latest().collections.length === readByDoctor.length);
  return { platform, db, engine };
}

describe('one change stream per desk', () => {
  it('carries every collection the desk reads on one connection, never more than one open', async () => {
    const { platform } = await doctorDesk();
    expect([...platform.latest().collections].sort()).toEqual(readByDoctor);
    // More collections than a browser has connections for one origin.
    expect(readByDoctor.length).toBeGreaterThanOrEqual(6);
    expect(platform.mostOpen).toBe(1);
  }, 30_000);

  it('hands each collection its own changes', async () => {
    const { platform, db } = await doctorDesk();
    const resident = { ...samplePatient({ id: '0190d9a0-0000-7000-8000-0000005d0001' }), _deleted: false };
    const triage = { ...sampleObservation({ id: '0190d9a0-0000-7000-8000-0000005d0002' }), _deleted: false };
    platform
      .latest()
      .send({ type: 'changes', collection: 'patients', documents: [resident], checkpoint: { seq: 4 } });
    platform
      .latest()
      .send({ type: 'changes', collection: 'observations', documents: [triage], checkpoint: { seq: 5 } });
    await until(async () => (await db.observations.findOne(triage.id).exec()) !== null);
    expect((await db.patients.findOne(resident.id).exec())?.name).toBe(resident.name);
    // Neither went to another collection.
    expect(await db.patients.findOne(triage.id).exec()).toBeNull();
    expect(await db.observations.findOne(resident.id).exec()).toBeNull();
  }, 30_000);

  it('makes every collection pull again on a resync, and one on its own', async () => {
    const { platform } = await doctorDesk();
    platform.pulls.length = 0;
    platform.latest().send({ type: 'resync', collection: 'encounters' });
    await until(() => platform.pulls.includes('encounters'));
    platform.latest().send({ type: 'resync' });
    await until(() => readByDoctor.every((name) => platform.pulls.filter((p) => p === name).length >= 1));
    expect(platform.pulls.filter((p) => p === 'patients')).toHaveLength(1);
  }, 30_000);

  it('opens the stream again when it is lost, and every collection pulls from its checkpoint', async () => {
    const { platform, engine } = await doctorDesk();
    const before = platform.connections.length;
    platform.pulls.length = 0;
    platform.latest().end();
    await until(() => engine.status$.value.state === 'connecting' || platform.connections.length > before);
    await until(() => platform.connections.length === before + 1 && platform.open === 1);
    expect([...platform.latest().collections].sort()).toEqual(readByDoctor);
    await until(() => readByDoctor.every((name) => platform.pulls.includes(name)));
    expect(platform.mostOpen).toBe(1);
  }, 30_000);
});

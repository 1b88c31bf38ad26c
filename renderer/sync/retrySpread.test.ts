/**
 * Desks that lose the platform at the same moment do not come back at the same moment: real sync
 * engines, failing together, send their next request at different times, each within the bounds
 * of its back-off.
 */
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import type { ClinicDatabase } from '../db/database';
import { openMemoryDatabase } from '../testing/memoryDb';
import { Outbox } from './outbox';
import { SyncEngine } from './replication';
import type { SyncTransport } from './transport';

/** RxDB's own wait before it calls a failed pull handler again (replication.ts `retryTime`). */
const rxdbRetryMs = 1000;
const backoff = { initialMs: 400, maxMs: 4000 };
const engines = 8;

const opened: { db: ClinicDatabase; outbox: Outbox; engine: SyncEngine }[] = [];
afterAll(async () => {
  for (const { db, outbox, engine } of opened) {
    await engine.stop();
    outbox.close();
    await db.close();
  }
});

const offline = () => Object.assign(new Error('Failed to fetch'), { code: 'network.offline' });

describe('engines failing together', () => {
  it('retry at spread times, within their back-off', async () => {
    const pulls: number[][] = Array.from({ length: engines }, () => []);
    for (let i = 0; i < engines; i++) {
      const db = await openMemoryDatabase(['patients']);
      const outbox = new Outbox(`${db.name}-outbox`);
      const transport: SyncTransport = {
        async request() {
          pulls[i]!.push(performance.now());
          throw offline();
        },
        // eslint-disable-next-line require-yield
        async *stream() {
          throw offline();
        },
      };
      const items = new Map<string, string>();
      const engine = new SyncEngine(
        { patients: db.patients },
        {
          transport,
          outbox,
          identifier: `spread-${i}`,
          backoff,
          storage: { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) },
        },
      );
      opened.push({ db, outbox, engine });
    }
    const until = Date.now() + 20_000;
    while (pulls.some((p) => p.length < 2) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    const gaps = pulls.map((p) => p[1]! - p[0]!);
    // Bounded: never sooner than the shortest back-off, never later than RxDB's wait plus the
    // longest a second failure can draw (and a busy machine's slack).
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(rxdbRetryMs + backoff.initialMs - 20);
      expect(gap).toBeLessThanOrEqual(rxdbRetryMs + 9 * backoff.initialMs + 1500);
    }
    // Spread: the engines' second requests do not land together (without jitter they would all
    // come one second plus the same back-off after the first).
    expect(Math.max(...gaps) - Math.min(...gaps), gaps.map(Math.round).join(', ')).toBeGreaterThan(250);
  }, 40_000);
});

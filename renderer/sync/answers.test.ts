/**
 * The desk takes nothing from the platform it has not checked: a pull, push or stream answer of
 * the wrong shape shows as `sync.malformedAnswer` in the sync state (translated), and nothing of
 * it is written here. The engine runs on RxDB's memory storage against a scripted transport.
 */
import 'fake-indexeddb/auto';
import { firstValueFrom, from } from 'rxjs';
import { filter } from 'rxjs/operators';
import { afterEach, describe, expect, it } from 'vitest';
import en from '../../shared/i18n/locales/en/sync.json';
import zh from '../../shared/i18n/locales/zh-CN/sync.json';
import { samplePatient } from '../../shared/testing/patients';
import type { ClinicDatabase } from '../db/database';
import { openMemoryDatabase } from '../testing/memoryDb';
import { Outbox } from './outbox';
import { SyncEngine, type SyncStatus } from './replication';
import type { SyncTransport } from './transport';

type Answers = {
  pull?: () => unknown;
  push?: () => unknown;
  /** Events of each stream connection; after them the stream stays open until aborted. */
  stream?: () => unknown[];
};

const emptyPage = () => ({ documents: [], checkpoint: { seq: 0 } });

interface Desk {
  db: ClinicDatabase;
  outbox: Outbox;
  engine: SyncEngine;
  statuses: SyncStatus[];
  pushes: number;
}
const opened: Desk[] = [];

afterEach(async () => {
  for (const desk of opened.splice(0)) {
    await desk.engine.stop();
    desk.outbox.close();
    await desk.db.close();
  }
});

async function openDesk(answers: Answers, seed?: (db: ClinicDatabase) => Promise<void>): Promise<Desk> {
  const db = await openMemoryDatabase(['patients']);
  await seed?.(db);
  const outbox = new Outbox(`${db.name}-outbox`);
  const desk = { db, outbox, statuses: [] as SyncStatus[], pushes: 0 } as Desk;
  const transport: SyncTransport = {
    async request<T>(path: string) {
      if (path.includes('/pull')) return (answers.pull ?? emptyPage)() as T;
      desk.pushes += 1;
      return (answers.push ?? (() => ({ conflicts: [], rejected: [] })))() as T;
    },
    async *stream(_path: string, signal: AbortSignal) {
      yield* answers.stream?.() ?? [];
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    },
  };
  const items = new Map<string, string>();
  desk.engine = new SyncEngine(
    { patients: db.patients },
    {
      transport,
      outbox,
      identifier: `answers-${db.name}`,
      backoff: { initialMs: 20, maxMs: 100 },
      storage: { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) },
    },
  );
  desk.engine.status$.subscribe((status) => desk.statuses.push(status));
  opened.push(desk);
  return desk;
}

const malformedShown = (desk: Desk) =>
  firstValueFrom(
    desk.engine.status$.pipe(filter((s) => s.state === 'error' && s.error === 'sync.malformedAnswer')),
  );

const resident = (id: string, extra: Record<string, unknown> = {}) => ({
  ...samplePatient({ id }),
  _deleted: false,
  ...extra,
});

describe('answers from the platform are checked before anything is written', () => {
  it('the indicator has words for a malformed answer in both languages', () => {
    expect(zh.errors.sync.malformedAnswer).toMatch(/平台/);
    expect(en.errors.sync.malformedAnswer).toMatch(/platform/i);
  });

  it.each([
    ['a page that is not a list', { documents: 'everything', checkpoint: { seq: 3 } }],
    [
      'a document without its deletion flag',
      { documents: [{ id: 'p-1', name: '张三' }], checkpoint: { seq: 1 } },
    ],
    [
      'a valid document beside one without an id',
      {
        documents: [resident('0190d9a0-0000-7000-8000-000000000011'), { _deleted: false, name: '李四' }],
        checkpoint: { seq: 2 },
      },
    ],
    ['no checkpoint', { documents: [resident('0190d9a0-0000-7000-8000-000000000012')] }],
    ['an answer that is not an object', 'OK'],
  ])(
    'a pull answer with %s is an error and writes nothing',
    async (_what, answer) => {
      const desk = await openDesk({ pull: () => answer });
      const shown = await malformedShown(desk);
      expect(shown).toMatchObject({ state: 'error', error: 'sync.malformedAnswer' });
      expect(await desk.db.patients.count().exec()).toBe(0);
    },
    20_000,
  );

  it('a push answer of the wrong shape keeps the row pending and takes nothing from it', async () => {
    const id = '0190d9a0-0000-7000-8000-000000000021';
    const desk = await openDesk(
      // A "conflict" without a deletion flag, and a refusal without its reasons.
      { push: () => ({ conflicts: [{ id, name: '篡改' }], rejected: [{ id }] }) },
      async (db) => void (await db.patients.insert(samplePatient({ id }))),
    );
    await malformedShown(desk);
    expect(desk.pushes).toBeGreaterThan(0);
    expect((await desk.db.patients.findOne(id).exec())?.name).toBe('张三');
    const state = await firstValueFrom(from(desk.outbox.state$('patients', id)));
    expect(state).toEqual({ state: 'pending' });
  }, 20_000);

  it('a stream event of the wrong shape is an error and hands nothing over', async () => {
    const desk = await openDesk({
      stream: () => [
        {
          type: 'changes',
          documents: [{ id: '0190d9a0-0000-7000-8000-000000000031', name: '王五' }],
          checkpoint: { seq: 9 },
        },
      ],
    });
    await malformedShown(desk);
    expect(await desk.db.patients.count().exec()).toBe(0);
  }, 20_000);

  it('well-formed answers with fields this desk does not know still sync', async () => {
    const id = '0190d9a0-0000-7000-8000-000000000041';
    let served = false;
    const desk = await openDesk({
      pull: () => {
        if (served) return { documents: [], checkpoint: { seq: 1 }, removed: [] };
        served = true;
        // An envelope field and a document field from a newer platform are no reason to refuse.
        return { documents: [resident(id, { addedLater: 1 })], checkpoint: { seq: 1 }, removed: [] };
      },
    });
    await desk.engine.awaitInSync();
    expect((await desk.db.patients.findOne(id).exec())?.name).toBe('张三');
    expect(desk.statuses.some((s) => s.error === 'sync.malformedAnswer')).toBe(false);
  }, 20_000);
});

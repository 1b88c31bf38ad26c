/**
 * A desk's sync engine against a real platform over HTTP and SSE, where the platform refuses one
 * row or goes away: the refused row is kept in the outbox as refused (the record says why) while
 * the rows around it and later edits go up; and when the platform stops, the sync indicator
 * leaves "connected" at once.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstValueFrom, from } from 'rxjs';
import type { ClinicDatabase } from '../../renderer/db/database';
import { updatePatient } from '../../renderer/features/patients/patientRepository';
import { Outbox } from '../../renderer/sync/outbox';
import { SyncEngine, type SyncStatus } from '../../renderer/sync/replication';
import { openMemoryDatabase } from '../../renderer/testing/memoryDb';
import { stopPlatform } from '../../platform/http/shutdown';
import { openStore } from '../../platform/db/store';
import { demoCentreId } from '../../platform/seed/demo';
import { checkCharacter } from '../../shared/identity/idNumber';
import type { PatientDoc } from '../../shared/patients/schema';
import { samplePatient } from '../../shared/testing/patients';
import {
  eventually,
  memoryStorage,
  signInOverHttp,
  startListeningPlatform,
  type ListeningPlatform,
} from './harness';
import { nodeTransport } from './nodeTransport';

interface Desk {
  db: ClinicDatabase;
  outbox: Outbox;
  engine: SyncEngine;
  online: boolean;
  statuses: SyncStatus['state'][];
}

async function openDesk(platform: ListeningPlatform, username: string): Promise<Desk> {
  const { baseUrl } = platform;
  const { login } = await signInOverHttp(baseUrl, username);
  const db = await openMemoryDatabase(['patients', 'directory', 'auditEvents']);
  const outbox = new Outbox(db.name);
  const desk = { db, outbox, online: true, statuses: [] } as unknown as Desk;
  desk.engine = new SyncEngine(
    { patients: db.patients, directory: db.directory, auditEvents: db.auditEvents },
    {
      transport: nodeTransport(
        baseUrl,
        () => login.accessToken,
        () => desk.online,
      ),
      outbox,
      identifier: `${baseUrl}/${demoCentreId}/${username}`,
      backoff: { initialMs: 50, maxMs: 200 },
      storage: memoryStorage(),
    },
  );
  desk.engine.status$.subscribe((s) => desk.statuses.push(s.state));
  return desk;
}

async function closeDesk(desk: Desk) {
  await desk.engine.stop();
  desk.outbox.close();
  await desk.db.remove();
}

/** A valid resident of the demo centre born on `birthDate`, with an identity number of their own. */
function resident(n: number, overrides: Partial<PatientDoc> = {}): PatientDoc {
  const birthDate = `${1950 + n}-06-07`;
  const body = `110101${birthDate.replaceAll('-', '')}013`;
  return samplePatient({
    id: `0190d9a0-0000-7000-8000-${String(0xa000 + n).padStart(12, '0')}`,
    orgId: demoCentreId,
    birthDate,
    idNumber: body + checkCharacter(body),
    createdAt: '2026-11-23T01:00:00.000Z',
    updatedAt: '2026-11-23T01:00:00.000Z',
    ...overrides,
  });
}

const onPlatform = async (platform: ListeningPlatform, id: string) =>
  (
    await platform.store.query<{ data: PatientDoc }>(
      `SELECT data FROM documents WHERE collection = 'patients' AND id = $1`,
      [id],
    )
  )[0]?.data;

describe('a row the platform refuses', () => {
  let platform: ListeningPlatform;
  let desk: Desk;

  beforeAll(async () => {
    platform = await startListeningPlatform(() => openStore());
    desk = await openDesk(platform, 'reg01');
    await desk.engine.awaitInSync();
  }, 60_000);
  afterAll(async () => {
    await closeDesk(desk);
    await platform.close();
  }, 30_000);

  it('is kept as refused on its record while the rows after it and later edits go up', async () => {
    desk.online = false;
    // Written around the form (an older desk, a damaged import): the first row of the batch
    // holds a NUL the platform refuses; the two after it are valid.
    const broken = resident(1, { address: { ...samplePatient().address, detail: '幸福路\u0000 1 号' } });
    const [second, third] = [resident(2), resident(3)];
    await desk.db.patients.bulkInsert([broken, second, third]);
    desk.online = true;
    desk.engine.syncNow();

    await eventually(async () => Boolean(await onPlatform(platform, third.id)), 20_000);
    expect(await onPlatform(platform, second.id)).toBeTruthy();
    expect(await onPlatform(platform, broken.id)).toBeUndefined();
    // The record says why; the others are acknowledged and leave the outbox.
    await eventually(
      async () =>
        (await firstValueFrom(from(desk.outbox.state$('patients', broken.id)))).state === 'rejected',
      10_000,
    );
    expect(await firstValueFrom(from(desk.outbox.state$('patients', broken.id)))).toEqual({
      state: 'rejected',
      errors: [{ field: 'address.detail', code: 'invalidCharacter' }],
    });
    for (const { id } of [second, third])
      expect(await firstValueFrom(from(desk.outbox.state$('patients', id)))).toEqual({ state: 'synced' });

    // A later edit of another record still goes up: nothing retries the refused row for ever.
    const edited = await updatePatient(
      desk.db.patients,
      second.id,
      { ...second, mobile: '13511112222' },
      { id: 'staff-reg01', name: '王丽华', role: 'registrar', orgId: demoCentreId },
    );
    expect(edited.ok).toBe(true);
    await eventually(async () => (await onPlatform(platform, second.id))?.mobile === '13511112222', 20_000);
    expect(await firstValueFrom(from(desk.outbox.counts$('patients')))).toEqual({ pending: 0, rejected: 1 });
  }, 60_000);
});

describe('a platform that stops', () => {
  it('takes the desk out of "connected" within seconds of stopping', async () => {
    const platform = await startListeningPlatform(() => openStore());
    const desk = await openDesk(platform, 'reg01');
    try {
      await desk.engine.awaitInSync();
      await eventually(async () => desk.engine.status$.value.state === 'online', 10_000);
      // Timed from the end of the shutdown: closing the store can itself take seconds on a busy
      // machine, and a one-second bound that included it failed there.
      await stopPlatform(platform.app, platform.store);
      const stopped = Date.now();
      await eventually(async () => desk.engine.status$.value.state !== 'online', 5000);
      expect(Date.now() - stopped).toBeLessThan(5000);
      expect(['connecting', 'offline']).toContain(desk.engine.status$.value.state);
    } finally {
      await closeDesk(desk);
    }
  }, 60_000);
});

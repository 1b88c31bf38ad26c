/**
 * What a desk writes while its first sync runs reaches the platform: through the workstation's
 * real sync engine against a real platform over HTTP, a doctor registers a resident and starts a
 * consultation on a fresh desk while the first sync of both collections is held midway (pages of
 * 10, the next page held back as on a slow link). Once the first sync ends, both records are on the
 * platform, and none of the documents the first sync brought down was sent back.
 */
import 'fake-indexeddb/auto';
import { firstValueFrom, from } from 'rxjs';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newEncounterDraft } from '../../shared/encounters/draft';
import type { PushResponse } from '../../shared/sync/protocol';
import { samplePatient } from '../../shared/testing/patients';
import type { ClinicDatabase } from '../../renderer/db/database';
import { startEncounter } from '../../renderer/features/encounters/encounterRepository';
import { registerPatient } from '../../renderer/features/patients/patientRepository';
import { Outbox } from '../../renderer/sync/outbox';
import { SyncEngine } from '../../renderer/sync/replication';
import { openMemoryDatabase } from '../../renderer/testing/memoryDb';
import { demoCentreId } from '../../platform/seed/demo';
import { testBackends } from '../../platform/testing/backends';
import {
  eventually,
  memoryStorage,
  signInOverHttp,
  startListeningPlatform,
  type ListeningPlatform,
} from './harness';
import { nodeTransport } from './nodeTransport';

/** A request held until the test lets it go; `reached` settles once the desk has sent it. */
function hold() {
  let reach = () => {};
  let release = () => {};
  const reached = new Promise<void>((resolve) => (reach = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  return { reached, reach, released, release };
}

describe.each(testBackends)('writes during a first sync, on $name', ({ open }) => {
  let platform: ListeningPlatform;
  let db: ClinicDatabase;
  let outbox: Outbox;
  let engine: SyncEngine | undefined;
  /** Lets every held request go (after the test, so that the engine can stop). */
  let releaseAll = () => {};

  const stored = async (collection: string, id: string) =>
    (
      await platform.store.query<{ id: string }>(
        `SELECT id FROM documents WHERE collection = $1 AND id = $2`,
        [collection, id],
      )
    ).length === 1;

  beforeAll(async () => {
    platform = await startListeningPlatform(open, { residents: 30, signIn: ['doc02'] });
    // 15 consultations: a full page of 10, which the first sync writes straight in, and 5 more.
    const drafts = Array.from({ length: 15 }, () =>
      newEncounterDraft({
        id: uuidv7(),
        orgId: demoCentreId,
        patient: { id: uuidv7(), allergies: [], tags: [] },
        previous: [],
        appointmentId: null,
        doctor: { id: 'staff-doc02', name: '刘文静' },
        department: '全科',
        at: new Date().toISOString(),
      }),
    );
    const response = await platform.app.inject({
      method: 'POST',
      url: '/v1/encounters/push',
      headers: { authorization: `Bearer ${platform.tokens.doc02}` },
      payload: drafts.map((draft) => ({ newDocumentState: { ...draft, _deleted: false } })),
    });
    const pushed = response.json<PushResponse<unknown>>();
    if (response.statusCode !== 200 || pushed.rejected.length) throw new Error(response.body);
    db = await openMemoryDatabase(['patients', 'encounters', 'auditEvents', 'directory']);
    outbox = new Outbox(db.name);
  }, 120_000);
  afterAll(async () => {
    releaseAll();
    await engine?.stop();
    outbox.close();
    await db.remove();
    await platform.close();
  });

  it('pushes a resident and a consultation written midway, and sends nothing first-synced back', async () => {
    const { baseUrl } = platform;
    const { login, operator: doctor } = await signInOverHttp(baseUrl, 'doc01', 'desk-fresh-0001');
    // The second page of each collection is held: the first is in, the first sync is midway.
    const held = { patients: hold(), encounters: hold() };
    const pulls = { patients: 0, encounters: 0 };
    releaseAll = () => Object.values(held).forEach((h) => h.release());
    const pushed: Record<string, string[]> = {};
    const transport = nodeTransport(baseUrl, () => login.accessToken);
    engine = new SyncEngine(
      {
        patients: db.patients,
        encounters: db.encounters,
        auditEvents: db.auditEvents,
        directory: db.directory,
      },
      {
        transport: {
          ...transport,
          request: async (path, init) => {
            const pull = /^\/v1\/(patients|encounters)\/pull\?/.exec(path);
            if (pull) {
              const name = pull[1] as keyof typeof held;
              pulls[name] += 1;
              if (pulls[name] === 2) {
                held[name].reach();
                await held[name].released;
              }
            }
            const push = /^\/v1\/(\w+)\/push$/.exec(path);
            if (push) {
              const rows = init?.body as { newDocumentState: { id: string } }[];
              (pushed[push[1]!] ??= []).push(...rows.map((r) => r.newDocumentState.id));
            }
            return transport.request(path, init);
          },
        },
        outbox,
        identifier: `${baseUrl}/${demoCentreId}`,
        role: doctor.role,
        staffId: doctor.id,
        pullBatchSize: 10,
        backoff: { initialMs: 50, maxMs: 200 },
        storage: memoryStorage(),
      },
    );
    await Promise.all([held.patients.reached, held.encounters.reached]);
    await eventually(async () => (await db.patients.count().exec()) >= 10);
    await eventually(async () => (await db.encounters.count().exec()) >= 10);
    expect(await firstValueFrom(engine.firstSyncOf('patients'))).toBe(true);
    expect(await firstValueFrom(engine.firstSyncOf('encounters'))).toBe(true);

    // Meanwhile the doctor registers a resident and starts a consultation.
    const registered = await registerPatient(db.patients, samplePatient({ name: '首同步' }), doctor);
    if (!registered.ok) throw new Error(`registration refused: ${registered.reason}`);
    const resident = registered.patient;
    const started = await startEncounter(db, resident, doctor, { appointmentId: null, department: '全科' });
    if (!started.ok) throw new Error(`consultation refused: ${started.reason}`);
    const encounter = started.encounter;

    releaseAll();
    await engine.awaitInSync();
    // As the user would, to be sure: "sync now" changes nothing about what the platform holds.
    engine.syncNow();
    await engine.awaitInSync();
    for (const name of ['patients', 'encounters'] as const)
      expect(await firstValueFrom(engine.firstSyncOf(name))).toBe(false);

    // Everything the platform holds is here, and what was written here is on the platform.
    expect(await db.patients.count().exec()).toBe(31);
    expect(await db.encounters.count().exec()).toBe(16);
    expect(await stored('patients', resident.id)).toBe(true);
    expect(await stored('encounters', encounter.id)).toBe(true);
    expect(await firstValueFrom(from(outbox.state$('encounters', encounter.id)))).toEqual({
      state: 'synced',
    });
    // Only those two went up: nothing the first sync brought down was pushed back.
    expect([...new Set(pushed.patients)]).toEqual([resident.id]);
    expect([...new Set(pushed.encounters)]).toEqual([encounter.id]);
  }, 120_000);
});

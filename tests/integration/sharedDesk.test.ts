/**
 * Pushes go under their author (DESIGN.md §10), through the workstation's real sync engine against
 * a real platform over HTTP: on one shared desk doctor A signs a record while offline, then doctor
 * B signs in at that desk. A's signature (and A's audit event of it) is never sent with B's
 * credentials, nothing is refused, and the outbox says what the sync indicator shows: which rows
 * wait, and for whom. Once A signs in again at the desk, the rows go up under A and the platform
 * accepts and seals the record, as signed offline.
 */
import 'fake-indexeddb/auto';
import { firstValueFrom, from } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EncounterDoc } from '../../shared/encounters/schema';
import type { ClinicDatabase } from '../../renderer/db/database';
import type { Operator } from '../../renderer/app/operator';
import {
  saveDraft,
  signEncounter,
  startEncounter,
  type EncounterEdit,
} from '../../renderer/features/encounters/encounterRepository';
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

const minute = 60_000;
const deskId = 'desk-shared-0001';

describe.each(testBackends)('a shared desk on $name', ({ open }) => {
  let platform: ListeningPlatform;
  /** The platform's clock: moved on by minutes between the sessions at the desk. */
  let clock = new Date();
  const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));
  let db: ClinicDatabase;
  let outbox: Outbox;
  let online = true;
  /** Every push the desk sent: whose credentials it went with, and the rows' ids. */
  const pushes: { as: string; collection: string; ids: string[] }[] = [];
  /** The sync runs state of this desk across sessions (first sync, last sync), as localStorage. */
  const storage = memoryStorage();
  let engine: SyncEngine | null = null;

  /** Signs `username` in at the shared desk and runs the desk's sync for them. */
  async function signIn(username: string): Promise<Operator> {
    const { baseUrl } = platform;
    const { login, operator } = await signInOverHttp(baseUrl, username, deskId);
    const transport = nodeTransport(
      baseUrl,
      () => login.accessToken,
      () => online,
    );
    engine = new SyncEngine(
      { encounters: db.encounters, auditEvents: db.auditEvents, directory: db.directory },
      {
        transport: {
          ...transport,
          request: (path, init) => {
            const push = /^\/v1\/(\w+)\/push$/.exec(path);
            if (push && online) {
              const rows = init?.body as { newDocumentState: { id: string } }[];
              pushes.push({
                as: operator.id,
                collection: push[1]!,
                ids: rows.map((r) => r.newDocumentState.id),
              });
            }
            return transport.request(path, init);
          },
        },
        outbox,
        // As in the app: one replication per platform and organisation, whoever is signed in.
        identifier: `${baseUrl}/${demoCentreId}`,
        role: operator.role,
        staffId: operator.id,
        backoff: { initialMs: 50, maxMs: 200 },
        storage,
      },
    );
    return operator;
  }

  async function signOut() {
    await engine?.stop();
    engine = null;
  }

  const onPlatform = async (id: string) =>
    (
      await platform.store.query<{ data: EncounterDoc }>(
        `SELECT data FROM documents WHERE collection = 'encounters' AND id = $1`,
        [id],
      )
    )[0]?.data;
  const auditOnPlatform = (id: string) =>
    platform.store.query<{ actor_id: string }>(`SELECT actor_id FROM audit_events WHERE id = $1`, [id]);

  beforeAll(async () => {
    platform = await startListeningPlatform(open, { now: () => clock });
    db = await openMemoryDatabase(['encounters', 'auditEvents', 'directory']);
    outbox = new Outbox(db.name);
  }, 120_000);
  afterAll(async () => {
    await signOut();
    outbox.close();
    await db.remove();
    await platform.close();
  });

  it('holds A’s offline signature while B is signed in, and sends it under A later', async () => {
    // Doctor A (张建国) starts a record online: the draft is on the platform, under A.
    const a = await signIn('doc01');
    // The desk's first sync of the records has ended (the desk was in use before).
    await engine!.awaitInSync();
    const patient = { id: '0190d9a0-0000-7000-8000-0000000000a1', allergies: [], tags: [] };
    const started = await startEncounter(db, patient, a, {
      appointmentId: null,
      department: '全科',
      now: clock,
    });
    if (!started.ok) throw new Error(started.reason);
    const id = started.encounter.id;
    // In sync: the desk has recorded what the platform holds (RxDB's assumed master state).
    await engine!.awaitInSync();
    expect((await onPlatform(id))?.status).toBe('draft');

    // Offline, A completes and signs it, then leaves the desk.
    online = false;
    const edit: EncounterEdit = {
      ...started.encounter,
      visitType: 'followUp',
      chiefComplaint: '头晕三天',
      plan: '复查血压',
      diagnoses: [
        { code: 'I10', name: { zh: '原发性高血压', en: 'Hypertension' }, freeText: false, primary: true },
      ],
    };
    const signedAt = new Date(clock.getTime() + 5 * minute);
    expect((await saveDraft(db, id, edit, a, signedAt)).ok).toBe(true);
    expect((await signEncounter(db, id, a, signedAt)).ok).toBe(true);
    const signEvent = (await db.auditEvents.find({ selector: { action: 'encounter.sign' } }).exec())[0]!.id;
    await signOut();

    // Doctor B (刘文静) signs in at the same desk, online, and writes a record of their own.
    advance(10 * minute);
    online = true;
    const b = await signIn('doc02');
    const own = await startEncounter(db, { ...patient, id: '0190d9a0-0000-7000-8000-0000000000b1' }, b, {
      appointmentId: null,
      department: '全科',
      now: clock,
    });
    if (!own.ok) throw new Error(own.reason);
    await engine!.awaitInSync();
    expect(await onPlatform(own.encounter.id)).toBeDefined();

    // What the indicator shows: two rows wait, for A alone.
    const waiting = await outbox.waitingEntries();
    expect(waiting.map((w) => `${w.collection}/${w.id}`).sort()).toEqual(
      [`auditEvents/${signEvent}`, `encounters/${id}`].sort(),
    );
    for (const entry of waiting) {
      expect(entry.authors).toEqual([a.id]);
      expect(entry.names).toEqual(['张建国']);
    }
    // Never sent under B, so nothing refused; the platform still holds A's draft.
    const underB = pushes.filter((p) => p.as === b.id).flatMap((p) => p.ids);
    expect(underB).toContain(own.encounter.id);
    expect(underB).not.toContain(id);
    expect(underB).not.toContain(signEvent);
    expect(await firstValueFrom(from(outbox.state$('encounters', id)))).toEqual({ state: 'pending' });
    for (const collection of ['encounters', 'auditEvents'])
      expect((await firstValueFrom(from(outbox.counts$(collection)))).rejected).toBe(0);
    expect((await onPlatform(id))?.status).toBe('draft');
    expect(await auditOnPlatform(signEvent)).toEqual([]);
    await signOut();

    // A signs in again at the desk: the rows go up under A, and the platform seals the record.
    advance(20 * minute);
    await signIn('doc01');
    await eventually(async () => (await outbox.waitingEntries()).length === 0);
    const sealed = (await onPlatform(id))!;
    expect(sealed.status).toBe('signed');
    expect(sealed.signature).toMatchObject({ by: a.id, at: signedAt.toISOString() });
    expect(sealed.seal).toMatchObject({ signer: a.id, signedAt: signedAt.toISOString(), offline: true });
    expect(await auditOnPlatform(signEvent)).toEqual([{ actor_id: a.id }]);
    expect(pushes.filter((p) => p.as === a.id).flatMap((p) => p.ids)).toEqual(
      expect.arrayContaining([id, signEvent]),
    );
    expect(await firstValueFrom(from(outbox.state$('encounters', id)))).toEqual({ state: 'synced' });
    // The desk's copy comes back carrying the platform's seal.
    await eventually(async () => (await db.encounters.findOne(id).exec())?.get('seal') !== undefined);
  }, 120_000);
});

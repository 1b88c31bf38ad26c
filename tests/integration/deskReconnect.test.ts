/**
 * A desk signed in offline finds its way back by itself. The workstation's own session controller
 * (renderer/auth/session.ts) and sync engine run in Node against a real platform over HTTP: the
 * registrar signs in online once (the desk keeps the verifier and the sealed desk credential) and
 * signs out; the platform goes down; she signs in offline with her password and registers a
 * resident and a walk-in; the platform comes back on the same address, and without anyone typing
 * the password again the session turns online, sync starts and both records reach the platform.
 */
import 'fake-indexeddb/auto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryStorage } from '../../renderer/auth/memoryStorage';
import { SessionController, type Session } from '../../renderer/auth/session';
import { minIterations, VerifierStore } from '../../renderer/auth/verifier';
import type { ClinicDatabase } from '../../renderer/db/database';
import { registerPatient } from '../../renderer/features/patients/patientRepository';
import { addWalkIn } from '../../renderer/features/today/appointmentRepository';
import { Outbox } from '../../renderer/sync/outbox';
import { SyncEngine } from '../../renderer/sync/replication';
import { openMemoryDatabase } from '../../renderer/testing/memoryDb';
import { buildPlatform } from '../../platform/http/app';
import { demoCentreId, demoPassword } from '../../platform/seed/demo';
import { testBackends } from '../../platform/testing/backends';
import { testTokenSecret } from '../../platform/testing/platform';
import { samplePatient } from '../../shared/testing/patients';
import { eventually, startListeningPlatform, type ListeningPlatform } from './harness';

const deskId = 'desk-reconnect-01';

describe.each(testBackends)('a desk signed in offline reconnects by itself on $name', ({ open }) => {
  let platform: ListeningPlatform;
  /** The platform process as it is now: the first one, or the one started again later. */
  let app: FastifyInstance;
  let port: number;
  let db: ClinicDatabase;
  let outbox: Outbox;
  let engine: SyncEngine | null = null;
  /** Settles when the engine of the last session has stopped. */
  let stopped: Promise<void> = Promise.resolve();
  const storage = memoryStorage();
  const syncStorage = memoryStorage();
  let controller: SessionController;

  beforeAll(async () => {
    platform = await startListeningPlatform(open);
    app = platform.app;
    port = (platform.app.server.address() as AddressInfo).port;
    db = await openMemoryDatabase(['patients', 'appointments', 'directory', 'auditEvents']);
    outbox = new Outbox(db.name);
    controller = new SessionController({
      platformUrl: platform.baseUrl,
      verifiers: new VerifierStore(storage),
      verifierIterations: minIterations,
      deskId,
      reconnectBackoff: { initialMs: 100, maxMs: 800 },
    });
    // As the app's SyncProvider does: sync runs while the session has a platform connection.
    let running: Session | null = null;
    controller.subscribe((state) => {
      const session = state.status === 'active' ? state.session : null;
      if (session === running) return;
      running = session;
      stopped = engine?.stop() ?? Promise.resolve();
      engine = null;
      if (!session?.client) return;
      engine = new SyncEngine(
        {
          patients: db.patients,
          appointments: db.appointments,
          directory: db.directory,
          auditEvents: db.auditEvents,
        },
        {
          transport: session.client,
          outbox,
          identifier: `${platform.baseUrl}|${demoCentreId}`,
          role: session.operator.role,
          staffId: session.operator.id,
          backoff: { initialMs: 50, maxMs: 200 },
          storage: syncStorage,
        },
      );
    });
  }, 120_000);
  afterAll(async () => {
    await controller.signOut();
    await engine?.stop();
    outbox.close();
    await db.remove();
    // As a stopping platform does (platform/http/shutdown.ts): idle keep-alive connections are
    // cut, or close() waits for them.
    app.server.closeAllConnections();
    await app.close();
    await platform.store.close();
  }, 60_000);

  const onPlatform = async (collection: string, id: string) =>
    (
      await platform.store.query<{ id: string }>(
        'SELECT id FROM documents WHERE collection = $1 AND id = $2',
        [collection, id],
      )
    ).length === 1;

  it('turns online once the platform is back and pushes what was written offline', async () => {
    // One online sign-in at this desk, then sign-out: the desk keeps the verifier.
    await controller.signIn('reg01', demoPassword);
    expect(controller.state).toMatchObject({ status: 'active', session: { online: true } });
    await controller.signOut();
    // Signing out ended the session, not the desk's credential: nothing secret is in clear.
    expect(storage.dump()).not.toContain(demoPassword);

    await stopped;
    // The platform goes down: its connections are cut, as when its process stops.
    app.server.closeAllConnections();
    await app.close();

    await controller.signIn('reg01', demoPassword);
    const offline = controller.state.status === 'active' ? controller.state.session : null;
    expect(offline).toMatchObject({ online: false, client: null });
    const operator = offline!.operator;
    const saved = await registerPatient(db.patients, samplePatient({ orgId: demoCentreId }), operator);
    if (!saved.ok) throw new Error(saved.reason);
    const walkIn = await addWalkIn(db, { id: saved.patient.id, name: saved.patient.name }, operator);
    if (!walkIn.ok) throw new Error(walkIn.reason);
    // A while offline: the desk keeps trying and stays offline.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(controller.state).toMatchObject({ status: 'active', session: { online: false } });

    // The platform comes back on the same address (same database).
    app = buildPlatform({
      store: platform.store,
      tokenSecret: testTokenSecret,
      loginRateLimitPerMinute: 1000,
    });
    await app.listen({ port, host: '127.0.0.1' });

    // Nobody types anything: the session turns online by itself…
    await eventually(
      async () => controller.state.status === 'active' && controller.state.session.online,
      30_000,
    );
    const online = controller.state.status === 'active' ? controller.state.session : null;
    expect(online).toMatchObject({ online: true, staff: { id: 'staff-reg01' } });
    // … and sync pushes what was written offline.
    await eventually(
      async () =>
        (await onPlatform('patients', saved.patient.id)) &&
        (await onPlatform('appointments', walkIn.appointment.id)),
      30_000,
    );
    const events = await platform.store.query<{ action: string; details: { deskId?: string } }>(
      `SELECT action, details FROM audit_events WHERE actor_id = 'staff-reg01' AND action LIKE 'auth.%' ORDER BY seq`,
    );
    // One sign-in with the password; the way back was the desk credential.
    expect(events.filter((event) => event.action === 'auth.login')).toHaveLength(1);
    const back = events.filter((event) => event.action === 'auth.deskSession');
    expect(back).toHaveLength(1);
    expect(back[0]!.details.deskId).toBe(deskId);
  }, 120_000);
});

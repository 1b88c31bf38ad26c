/**
 * A change stream outlives no access token: the platform closes it when the token expires, and the
 * workstation's sync engine, over the workstation's own platform client, refreshes the token and
 * opens the stream again, so the desk goes on receiving changes.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClinicDatabase } from '../../renderer/db/database';
import { PlatformClient } from '../../renderer/platform/client';
import { Outbox } from '../../renderer/sync/outbox';
import { SyncEngine } from '../../renderer/sync/replication';
import { openMemoryDatabase } from '../../renderer/testing/memoryDb';
import { demoPassword, residentToPatient } from '../../platform/seed/demo';
import { ChangeFeed } from '../../platform/sync/changeFeed';
import { testBackends } from '../../platform/testing/backends';
import { syntheticResidents } from '../../shared/demo/synthetic';
import {
  eventually,
  memoryStorage,
  signInOverHttp,
  startListeningPlatform,
  type ListeningPlatform,
} from './harness';

const accessTtlSeconds = 3;

describe.each(testBackends)('a desk whose stream ends with its token, on $name', ({ open }) => {
  let platform: ListeningPlatform;
  const feed = new ChangeFeed();
  let db: ClinicDatabase;
  let outbox: Outbox;
  let engine: SyncEngine;
  let refreshes = 0;
  let patientStreams = 0;

  beforeAll(async () => {
    platform = await startListeningPlatform(open, { accessTtlSeconds, feed });
    const client = new PlatformClient({ baseUrl: platform.baseUrl, onRefresh: () => refreshes++ });
    const login = await client.login('reg01', demoPassword);
    db = await openMemoryDatabase(['patients', 'directory', 'auditEvents']);
    outbox = new Outbox(db.name);
    engine = new SyncEngine(
      { patients: db.patients, directory: db.directory, auditEvents: db.auditEvents },
      {
        transport: {
          request: (path, init) => client.request(path, init),
          stream: (path, signal) => {
            // The desk's one stream (shared/sync/protocol.ts), carrying residents among the rest.
            if (
              new URL(path, platform.baseUrl).searchParams.get('collections')?.split(',').includes('patients')
            )
              patientStreams++;
            return client.stream(path, signal);
          },
        },
        outbox,
        identifier: `${platform.baseUrl}/${login.organisation.id}/reg01`,
        role: login.staff.role,
        staffId: login.staff.id,
        backoff: { initialMs: 50, maxMs: 200 },
        storage: memoryStorage(),
      },
    );
  }, 60_000);
  afterAll(async () => {
    await engine.stop();
    outbox.close();
    await db.remove();
    platform.app.server.closeAllConnections();
    await platform.close();
  });

  it('refreshes and opens the stream again when the platform closes it at expiry', async () => {
    // The token lives 3 s: the platform ends the desk's stream then (subscribed to residents and
    // the directory), and the engine opens it again with a refreshed token.
    await eventually(async () => patientStreams >= 2 && feed.size === 2, 20_000);
    expect(refreshes).toBeGreaterThanOrEqual(1);
    expect(engine.status$.value.state).not.toBe('error');

    // Another desk's resident still reaches this one.
    const { login } = await signInOverHttp(platform.baseUrl, 'doc01');
    const [resident] = syntheticResidents(1, 4242);
    const doc = { ...residentToPatient(resident!, 0, new Date().toISOString()), _deleted: false };
    const pushed = await fetch(new URL('/v1/patients/push', platform.baseUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${login.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ newDocumentState: doc }]),
    });
    expect(pushed.status).toBe(200);
    await eventually(async () => (await db.patients.findOne(doc.id).exec()) !== null, 20_000);
  }, 60_000);
});

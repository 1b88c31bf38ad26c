/**
 * A platform on PGlite keeps what it acknowledged when its process is killed (SIGKILL, a power
 * cut), as it does through a graceful stop: PGlite in a data folder writes through to its files,
 * and the next start recovers. The convergence property kills the platform mid-push on whichever
 * database it runs on; this checks PGlite on its own in CI, where the property runs on PostgreSQL.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PROTOCOL_VERSION, protocolHeader } from '../../shared/platform/protocol';
import type { PushResponse } from '../../shared/sync/protocol';
import { syntheticResidents } from '../../shared/demo/synthetic';
import { samplePatient } from '../../shared/testing/patients';
import { demoCentreId } from '../../platform/seed/demo';
import { signInOverHttp } from './harness';
import { bundlePlatform, freePort, PlatformProcess } from './platformProcess';

let platform: PlatformProcess;
let dataDir: string;
let removeBundle: () => Promise<void>;

beforeAll(async () => {
  const bundle = await bundlePlatform();
  removeBundle = bundle.remove;
  dataDir = await mkdtemp(join(tmpdir(), 'clinicdesk-pglite-kill-'));
  platform = new PlatformProcess(bundle.entry, await freePort(), { dataDir });
  await platform.start();
}, 120_000);

afterAll(async () => {
  await platform?.stop();
  await rm(dataDir, { recursive: true, force: true });
  await removeBundle?.();
}, 60_000);

const residents = syntheticResidents(2, 7);

async function pushResident(token: string, id: string): Promise<PushResponse> {
  const { name, sex, birthDate, idNumber, mobile } = residents.next().value!;
  const doc = {
    ...samplePatient({ id, orgId: demoCentreId, name, sex, birthDate, idNumber, mobile }),
    _deleted: false,
  };
  const response = await fetch(new URL('/v1/patients/push', platform.baseUrl), {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      [protocolHeader]: String(PROTOCOL_VERSION),
      'content-type': 'application/json',
    },
    body: JSON.stringify([{ newDocumentState: doc }]),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as PushResponse;
}

async function held(token: string, ids: string[]): Promise<string[]> {
  const response = await fetch(new URL('/v1/patients/pull?seq=0&limit=1000', platform.baseUrl), {
    headers: { authorization: `Bearer ${token}`, [protocolHeader]: String(PROTOCOL_VERSION) },
  });
  const { documents } = (await response.json()) as { documents: { id: string }[] };
  return documents.map((d) => d.id).filter((id) => ids.includes(id));
}

it('on PGlite, keeps acknowledged writes through a graceful restart and through kill -9', async () => {
  const kept = '0190d9a0-0000-7000-8000-0000000c0001';
  const survived = '0190d9a0-0000-7000-8000-0000000c0002';
  let { login } = await signInOverHttp(platform.baseUrl, 'reg01');
  expect(await pushResident(login.accessToken, kept)).toMatchObject({ rejected: [] });
  await platform.stop();
  await platform.start();
  ({ login } = await signInOverHttp(platform.baseUrl, 'reg01'));
  expect(await held(login.accessToken, [kept, survived])).toEqual([kept]);

  expect(await pushResident(login.accessToken, survived)).toMatchObject({ rejected: [] });
  expect(await held(login.accessToken, [kept, survived])).toEqual([kept, survived]);
  await platform.kill();
  await platform.start();
  ({ login } = await signInOverHttp(platform.baseUrl, 'reg01'));
  // Acknowledged a moment before the kill, and still there.
  expect(await held(login.accessToken, [kept, survived])).toEqual([kept, survived]);
}, 180_000);

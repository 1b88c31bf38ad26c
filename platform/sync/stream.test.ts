/**
 * The change stream over real HTTP: a listening platform on the loopback address, fetched with a
 * bearer token and read as server-sent events, as a desk's EventSource would.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatientDoc } from '../../shared/patients/schema';
import { loginResponseSchema } from '../../shared/platform/auth';
import type { ReplicatedDocument, StreamEvent } from '../../shared/sync/protocol';
import type { Store } from '../db/store';
import { buildPlatform } from '../http/app';
import { demoCentreId, demoHospitalId, demoPassword, residentToPatient, seedDemo } from '../seed/demo';
import { syntheticResidents } from '../../shared/demo/synthetic';
import { databaseSetupTimeout, openTestStore } from '../testing/backends';
import { cheapPasswordHashCost } from '../testing/platform';
import { ChangeFeed } from './changeFeed';

const tokenSecret = 'test-secret-test-secret-test-secret-0123';

let store: Store;
let app: FastifyInstance;
let base: string;
const feed = new ChangeFeed();
const tokens: Record<string, string> = {};
const residents = [...syntheticResidents(3, 77)];

/** An open stream: events as they arrive, and a way to wait for the next one. */
interface Stream {
  next(timeoutMs?: number): Promise<StreamEvent>;
  close(): void;
}

async function openStream(who: string, collection = 'patients'): Promise<Stream> {
  const abort = new AbortController();
  const response = await fetch(`${base}/v1/${collection}/stream`, {
    headers: { authorization: `Bearer ${tokens[who]}`, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const queued: StreamEvent[] = [];
  let buffer = '';
  return {
    async next(timeoutMs = 1000) {
      const deadline = Date.now() + timeoutMs;
      while (!queued.length) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no event within ${timeoutMs} ms`);
        let timer: NodeJS.Timeout | undefined;
        const chunk = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no event within ${timeoutMs} ms`)), left);
          }),
        ]).finally(() => clearTimeout(timer));
        if (chunk.done) throw new Error('stream ended');
        buffer += chunk.value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice(6))
            .join('\n');
          if (data) queued.push(JSON.parse(data) as StreamEvent);
        }
      }
      return queued.shift()!;
    },
    close: () => abort.abort(),
  };
}

function patient(index: number, sharedWith: string[] = []): ReplicatedDocument & PatientDoc {
  return {
    ...residentToPatient(residents[index]!, index, new Date().toISOString()),
    sharedWith,
    _deleted: false,
  };
}

const push = (who: string, doc: ReplicatedDocument) =>
  fetch(`${base}/v1/patients/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
    body: JSON.stringify([{ newDocumentState: doc }]),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as unknown }));

async function until(condition: () => boolean, timeoutMs = 2000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeAll(async () => {
  store = await openTestStore();
  await seedDemo(store, { residents: 10, passwordHashCost: cheapPasswordHashCost });
  app = buildPlatform({ store, tokenSecret, loginRateLimitPerMinute: 1000, feed });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  for (const who of ['reg01', 'doc01', 'spec01']) {
    const response = await fetch(`${base}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: who, password: demoPassword }),
    });
    tokens[who] = loginResponseSchema.parse(await response.json()).accessToken;
  }
}, databaseSetupTimeout);
afterAll(async () => {
  // fetch keeps sockets open for reuse; the streams are closed by now, so drop them all at once.
  app.server.closeAllConnections();
  await app.close();
  await store.close();
});

describe('change stream over HTTP', () => {
  it('starts with resync, then delivers another desk’s push within a second, scoped', async () => {
    const centre = await openStream('reg01');
    const hospital = await openStream('spec01');
    try {
      expect(await centre.next()).toEqual({ type: 'resync' });
      expect(await hospital.next()).toEqual({ type: 'resync' });
      await until(() => feed.size === 2);

      const unshared = patient(0);
      const started = Date.now();
      expect(await push('doc01', unshared)).toEqual({ status: 200, body: { conflicts: [], rejected: [] } });
      const event = await centre.next(1000);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(event).toMatchObject({ type: 'changes', documents: [{ id: unshared.id, orgId: demoCentreId }] });
      expect(event.type === 'changes' && event.checkpoint.seq).toBeGreaterThan(0);

      // The hospital's next event is the resident shared with it: the unshared one never came.
      const shared = patient(1, [demoHospitalId]);
      await push('doc01', shared);
      const seen = await hospital.next(1000);
      expect(seen).toMatchObject({ type: 'changes', documents: [{ id: shared.id }] });
      expect(seen.type === 'changes' && seen.documents).toHaveLength(1);
      expect(await centre.next()).toMatchObject({ type: 'changes', documents: [{ id: shared.id }] });
    } finally {
      centre.close();
      hospital.close();
    }
    await until(() => feed.size === 0);
  });

  it('unsubscribes a desk that goes away, and refuses a stream without a token', async () => {
    const stream = await openStream('reg01');
    expect(await stream.next()).toEqual({ type: 'resync' });
    await until(() => feed.size === 1);
    stream.close();
    await until(() => feed.size === 0);
    // Nothing is written to a closed stream: the next push goes through for everyone else.
    expect((await push('doc01', patient(2))).status).toBe(200);

    const anonymous = await fetch(`${base}/v1/patients/stream`);
    expect(anonymous.status).toBe(401);
    await anonymous.body?.cancel();
    expect(feed.size).toBe(0);
  });

  it('streams the directory too', async () => {
    const stream = await openStream('spec01', 'directory');
    try {
      expect(await stream.next()).toEqual({ type: 'resync' });
    } finally {
      stream.close();
    }
    await until(() => feed.size === 0);
  });
});

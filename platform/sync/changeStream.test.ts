/**
 * One change stream for all of a desk's collections (`/v1/stream`), over real HTTP on a real
 * database: each collection's changes arrive on the one connection, named, scoped to the desk's
 * organisation and disclosed as its role may see them; a collection the role may not read, or
 * that does not exist, gets no stream at all; the stream ends with its session and when the
 * platform stops, as a collection's own stream does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber, maskMobile } from '../../shared/identity/mask';
import { loginResponseSchema } from '../../shared/platform/auth';
import { changeStreamUrl, type ChangeStreamEvent, type PushResponse } from '../../shared/sync/protocol';
import { sampleObservation } from '../../shared/testing/observations';
import { samplePatient } from '../../shared/testing/patients';
import { stopPlatform } from '../http/shutdown';
import { demoCentreId, demoHospitalId, demoPassword } from '../seed/demo';
import { databaseSetupTimeout, testBackends } from '../testing/backends';
import { startTestPlatform, type TestPlatform } from '../testing/platform';
import { ChangeFeed } from './changeFeed';

const id = (n: number) => `0190d9a0-0000-7000-8000-0000005c${String(n).padStart(4, '0')}`;

/** An open stream read as a desk reads it: its events so far, and whether it has ended. */
interface OpenStream {
  events: ChangeStreamEvent[];
  /** Waits for an event that satisfies `wanted`, seen already or still to come. */
  next(wanted: (event: ChangeStreamEvent) => boolean, timeoutMs?: number): Promise<ChangeStreamEvent>;
  /** Resolves when the platform ends the stream. */
  ended: Promise<void>;
  close(): void;
}

async function readStream(response: Response, abort: AbortController): Promise<OpenStream> {
  const events: ChangeStreamEvent[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const ended = (async () => {
    let buffer = '';
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) return;
      buffer += chunk.value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.startsWith('data: ')) events.push(JSON.parse(block.slice(6)) as ChangeStreamEvent);
      }
    }
  })();
  ended.catch(() => undefined); // the test closed it
  return {
    events,
    ended,
    async next(wanted, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.find(wanted);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no such event within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () => abort.abort(),
  };
}

/** Resolves with `promise`'s value, or with 'open' when it has not settled within `ms`. */
const within = <T>(promise: Promise<T>, ms: number): Promise<T | 'open'> =>
  Promise.race([promise, new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), ms))]);

const changesOf = (stream: OpenStream, collection: string) =>
  stream.events.flatMap((e) =>
    e.type === 'changes' && e.collection === collection ? e.documents.map((d) => d.id) : [],
  );

describe.each(testBackends)('one change stream for several collections on $name', ({ open }) => {
  let platform: TestPlatform;
  let base: string;
  let stopped = false;
  const feed = new ChangeFeed();
  const opened: OpenStream[] = [];

  const get = (path: string, token?: string, signal?: AbortSignal) =>
    fetch(`${base}${path}`, {
      headers: { accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      signal,
    });

  async function openStream(token: string, collections: string[]): Promise<OpenStream> {
    const abort = new AbortController();
    const response = await get(changeStreamUrl(collections), token, abort.signal);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const stream = await readStream(response, abort);
    opened.push(stream);
    // Subscribed by the time its first event arrives: one resync, for every collection.
    expect(await stream.next(() => true)).toEqual({ type: 'resync' });
    return stream;
  }

  async function push(who: string, collection: string, doc: object) {
    const response = await fetch(`${base}/v1/${collection}/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platform.tokens[who]}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ newDocumentState: { ...doc, _deleted: false } }]),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as PushResponse).rejected).toEqual([]);
  }

  beforeAll(async () => {
    platform = await startTestPlatform(open, {
      feed,
      sessionCheckSeconds: 1,
      signIn: ['reg01', 'nurse01', 'doc01', 'spec01'],
    });
    base = await platform.app.listen({ port: 0, host: '127.0.0.1' });
  }, databaseSetupTimeout);
  afterAll(async () => {
    for (const stream of opened) stream.close();
    if (stopped) return;
    platform.app.server.closeAllConnections();
    await platform.close();
  }, 60_000);

  it(
    'carries each collection’s changes, named, scoped to the organisation and masked for its role',
    { timeout: 60_000 },
    async () => {
      const doctor = await openStream(platform.tokens.doc01!, ['patients', 'observations', 'appointments']);
      const hospital = await openStream(platform.tokens.spec01!, ['patients', 'observations']);
      // One connection each, subscribed to each of its collections.
      await expect.poll(() => feed.size).toBe(5);

      const unshared = samplePatient({ id: id(1), orgId: demoCentreId });
      const shared = samplePatient({ id: id(2), orgId: demoCentreId, sharedWith: [demoHospitalId] });
      await push('reg01', 'patients', unshared);
      await push('reg01', 'patients', shared);
      const triage = sampleObservation({ id: id(3), patientId: unshared.id });
      await push('nurse01', 'observations', triage);

      const seen = await doctor.next((e) => e.type === 'changes' && e.collection === 'observations');
      expect(seen).toMatchObject({ collection: 'observations', documents: [{ id: triage.id }] });
      expect(seen.type === 'changes' && seen.checkpoint.seq).toBeGreaterThan(0);
      expect(changesOf(doctor, 'patients')).toEqual([unshared.id, shared.id]);
      // A doctor receives identifiers in full.
      const full = doctor.events.find((e) => e.type === 'changes' && e.documents[0]?.id === shared.id);
      expect(full).toMatchObject({ documents: [{ idNumber: shared.idNumber, mobile: shared.mobile }] });

      // The hospital receives the one resident shared with it, masked, and none of the centre's triage.
      const masked = await hospital.next((e) => e.type === 'changes' && e.collection === 'patients');
      expect(masked).toMatchObject({ collection: 'patients', documents: [{ id: shared.id }] });
      const received = masked.type === 'changes' ? masked.documents[0] : undefined;
      expect(received).toMatchObject({
        idNumber: maskIdNumber(shared.idNumber),
        mobile: maskMobile(shared.mobile),
      });
      expect(received?.idNumber).not.toBe(shared.idNumber);
      expect(JSON.stringify(hospital.events)).not.toContain(shared.idNumber);
      expect(changesOf(hospital, 'patients')).toEqual([shared.id]);
      expect(changesOf(hospital, 'observations')).toEqual([]);

      // Each delivery is noted in the platform's audit as a read by the stream's actor.
      await expect
        .poll(
          async () =>
            (
              await platform.store.query<{ collection: string }>(
                `SELECT DISTINCT collection FROM pull_log WHERE actor_id = 'staff-doc01' ORDER BY collection`,
              )
            ).map((r) => r.collection),
          { timeout: 10_000 },
        )
        .toEqual(['observations', 'patients']);

      doctor.close();
      hospital.close();
      await expect.poll(() => feed.size).toBe(0);
    },
  );

  it('refuses unknown, push-only and unreadable collections, and a desk without a token', async () => {
    const refusals: [string[], string | undefined, number, string][] = [
      [['patients', 'secrets'], platform.tokens.doc01, 400, 'request.invalid'],
      [['patients', 'auditEvents'], platform.tokens.doc01, 400, 'request.invalid'],
      [['patients', 'patients'], platform.tokens.doc01, 400, 'request.invalid'],
      [[''], platform.tokens.doc01, 400, 'request.invalid'],
      // A registrar reads no clinical records: no stream at all, not one without them.
      [['patients', 'observations'], platform.tokens.reg01, 403, 'auth.forbidden'],
      [['patients'], undefined, 401, 'auth.missingToken'],
    ];
    for (const [collections, token, status, code] of refusals) {
      const response = await get(changeStreamUrl(collections), token);
      expect(response.status, collections.join(',')).toBe(status);
      const body = (await response.json()) as { error?: { code?: string } };
      if (status !== 401) expect(body.error?.code).toBe(code);
    }
    const noQuery = await get('/v1/stream', platform.tokens.doc01);
    expect(noQuery.status).toBe(400);
    await noQuery.body?.cancel();
    expect(feed.size).toBe(0);
  });

  it('ends at once when its session signs out', { timeout: 30_000 }, async () => {
    const login = await fetch(`${base}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'doc02', password: demoPassword }),
    });
    const session = loginResponseSchema.parse(await login.json());
    const stream = await openStream(session.accessToken, ['patients', 'encounters', 'directory']);
    await expect.poll(() => feed.size).toBe(3);
    const out = await fetch(`${base}/v1/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    });
    expect(out.status).toBe(204);
    expect(await within(stream.ended, 1000)).not.toBe('open');
    await expect.poll(() => feed.size).toBe(0);
  });

  it('ends within a second when the platform stops', { timeout: 30_000 }, async () => {
    const stream = await openStream(platform.tokens.nurse01!, ['patients', 'observations']);
    const stopping = stopPlatform(platform.app, platform.store);
    stopped = true;
    expect(await within(stream.ended, 1000)).not.toBe('open');
    await stopping;
  });
});

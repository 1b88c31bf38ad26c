/**
 * Stopping a listening platform: open change streams end at once (desks see it go), a push in
 * flight when the stop began is answered and stored, nothing new is accepted, and the store
 * closes last.
 */
import { describe, expect, it } from 'vitest';
import type { PushResponse } from '../../shared/sync/protocol';
import { samplePatient } from '../../shared/testing/patients';
import type { Queryable } from '../db/store';
import { demoCentreId } from '../seed/demo';
import { testBackends } from '../testing/backends';
import { startTestPlatform } from '../testing/platform';
import { stopPlatform } from './shutdown';

describe.each(testBackends)('stopping the platform on $name', ({ open }) => {
  it('ends open streams within a second and finishes the push in flight before closing the store', async () => {
    const platform = await startTestPlatform(open, { signIn: ['reg01'] });
    const { app, store } = platform;
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const headers = { authorization: `Bearer ${platform.tokens.reg01}` };

    // A desk's stream, read as its EventSource would.
    const stream = await fetch(`${base}/v1/patients/stream`, { headers });
    expect(stream.status).toBe(200);
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    expect((await reader.read()).value).toContain('"resync"');

    // A push that is held inside the platform until the stop has begun.
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const transaction = store.transaction.bind(store);
    store.transaction = async <T>(fn: (tx: Queryable) => Promise<T>) => {
      entered();
      await gate;
      return transaction(fn);
    };
    // What the store holds when it is closed: the stop closes it only after the push is stored.
    let storedAtClose: string[] | undefined;
    const close = store.close.bind(store);
    store.close = async () => {
      storedAtClose = (
        await store.query<{ id: string }>(`SELECT id FROM documents WHERE collection = 'patients'`)
      ).map((r) => r.id);
      await close();
    };

    const resident = samplePatient({ id: '0190d9a0-0000-7000-8000-00000000f001', orgId: demoCentreId });
    const push = fetch(`${base}/v1/patients/push`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify([{ newDocumentState: { ...resident, _deleted: false } }]),
    });
    await inside;

    const stopStarted = Date.now();
    const stopped = stopPlatform(app, store);
    // The stream ends: the desk's reader sees its end, not silence until a heartbeat.
    let ended = false;
    const deadline = stopStarted + 1000;
    while (!ended && Date.now() < deadline) {
      const chunk = await Promise.race([
        reader.read(),
        new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), deadline - Date.now())),
      ]);
      if (chunk !== 'waiting' && chunk.done) ended = true;
    }
    expect(ended).toBe(true);
    expect(Date.now() - stopStarted).toBeLessThan(1000);

    // Nothing new is accepted while the stop waits for the push.
    const late = await fetch(`${base}/v1/health`).then(
      (r) => r.status,
      () => 'refused',
    );
    expect(late === 'refused' || late === 503).toBe(true);

    release();
    const answered = await push;
    expect(answered.status).toBe(200);
    expect((await answered.json()) as PushResponse).toEqual({ conflicts: [], rejected: [] });
    await stopped;
    // Stopped promptly once the push was answered, not after the grace for stuck requests.
    expect(Date.now() - stopStarted).toBeLessThan(5000);
    expect(storedAtClose).toEqual([resident.id]);
  }, 90_000);
});

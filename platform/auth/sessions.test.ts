/**
 * Sessions that can be ended: sign-out ends the access token at once, a refresh retried within
 * the grace window keeps the desk signed in, an admin can disable an account, and open change
 * streams close when their session ends, whichever process ended it (at their token's expiry:
 * tests/integration/streamExpiry.test.ts, with the desk's own client).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginResponseSchema, type LoginResponse } from '../../shared/platform/auth';
import { errorBodySchema } from '../../shared/platform/errors';
import { buildPlatform } from '../http/app';
import { demoPassword } from '../seed/demo';
import { ChangeFeed } from '../sync/changeFeed';
import { testBackends } from '../testing/backends';
import { startTestPlatform, testTokenSecret, type TestPlatform } from '../testing/platform';

const setupTimeoutMs = 60_000;

type Response = { statusCode: number; json(): unknown };
const errorOf = (response: Response) => errorBodySchema.parse(response.json()).error;

/** The platform's auth endpoints over inject, as a desk would call them. */
function client(app: () => FastifyInstance) {
  const post = (url: string, payload: unknown, accessToken?: string) =>
    app().inject({
      method: 'POST',
      url,
      payload: payload as Record<string, unknown>,
      headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {},
    });
  return {
    login: (username: string, password = demoPassword) => post('/v1/auth/login', { username, password }),
    async session(username: string): Promise<LoginResponse> {
      const response = await post('/v1/auth/login', { username, password: demoPassword });
      expect(response.statusCode).toBe(200);
      return loginResponseSchema.parse(response.json());
    },
    refresh: (refreshToken: string) => post('/v1/auth/refresh', { refreshToken }),
    logout: (refreshToken: string) => post('/v1/auth/logout', { refreshToken }),
    me: (accessToken: string) =>
      app().inject({
        method: 'GET',
        url: '/v1/auth/me',
        headers: { authorization: `Bearer ${accessToken}` },
      }),
    disable: (accessToken: string, staffId: string, body: unknown = { reason: 'Left the centre' }) =>
      post(`/v1/admin/staff/${staffId}/disable`, body, accessToken),
    enable: (accessToken: string, staffId: string) =>
      post(`/v1/admin/staff/${staffId}/enable`, { reason: 'Back at work' }, accessToken),
  };
}

describe.each(testBackends)('sessions on $name', ({ open }) => {
  let platform: TestPlatform;
  let clock = new Date('2026-03-02T08:00:00.000Z');
  const advance = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));
  const desk = client(() => platform.app);

  beforeAll(async () => {
    platform = await startTestPlatform(open, { now: () => clock });
  }, setupTimeoutMs);
  afterAll(() => platform.close());

  it('signs out: the access token stops working at once, and only that session ends', async () => {
    const here = await desk.session('doc01');
    const elsewhere = await desk.session('doc01');
    expect((await desk.me(here.accessToken)).statusCode).toBe(200);

    expect((await desk.logout(here.refreshToken)).statusCode).toBe(204);
    const after = await desk.me(here.accessToken);
    expect(after.statusCode).toBe(401);
    expect(errorOf(after).code).toBe('auth.invalidToken');
    // The same person's session at another desk goes on.
    expect((await desk.me(elsewhere.accessToken)).statusCode).toBe(200);
  });

  it('ends the access tokens of a session whose spent refresh token comes back late', async () => {
    const first = await desk.session('doc02');
    const renewed = loginResponseSchema.parse((await desk.refresh(first.refreshToken)).json());
    advance(31);
    expect((await desk.refresh(first.refreshToken)).statusCode).toBe(401);
    // The copy's replay ended the desk's session: its newer access token too, not only its refresh.
    const after = await desk.me(renewed.accessToken);
    expect(after.statusCode).toBe(401);
    expect(errorOf(after).code).toBe('auth.invalidToken');
  });

  it('gives two refreshes racing with the same token the same new pair', async () => {
    const first = await desk.session('nurse01');
    const [one, two] = await Promise.all([
      desk.refresh(first.refreshToken),
      desk.refresh(first.refreshToken),
    ]);
    expect([one.statusCode, two.statusCode]).toEqual([200, 200]);
    const [a, b] = [one, two].map((r) => loginResponseSchema.parse(r.json()));
    expect(a!.refreshToken).toBe(b!.refreshToken);
    expect(a!.refreshToken).not.toBe(first.refreshToken);
    for (const pair of [a!, b!]) expect((await desk.me(pair.accessToken)).statusCode).toBe(200);
    // The desk carries on with the pair it kept, whichever answer that was.
    expect((await desk.refresh(b!.refreshToken)).statusCode).toBe(200);
  });

  it('answers a retried refresh within 30 s with the same pair, and treats it as reuse after', async () => {
    const first = await desk.session('reg01');
    const answered = loginResponseSchema.parse((await desk.refresh(first.refreshToken)).json());
    advance(20); // the answer was lost on the way; the desk tries again
    const retried = await desk.refresh(first.refreshToken);
    expect(retried.statusCode).toBe(200);
    expect(loginResponseSchema.parse(retried.json()).refreshToken).toBe(answered.refreshToken);

    advance(11); // 31 s after the rotation: a copy, not a retry
    const late = await desk.refresh(first.refreshToken);
    expect(late.statusCode).toBe(401);
    expect(errorOf(late).code).toBe('auth.refreshInvalid');
    expect((await desk.refresh(answered.refreshToken)).statusCode).toBe(401);
    expect((await desk.me(answered.accessToken)).statusCode).toBe(401);
  });

  it('does not hand out a successor again once it was used', async () => {
    const first = await desk.session('spec02');
    const second = loginResponseSchema.parse((await desk.refresh(first.refreshToken)).json());
    const third = loginResponseSchema.parse((await desk.refresh(second.refreshToken)).json());
    expect((await desk.refresh(first.refreshToken)).statusCode).toBe(401);
    expect((await desk.me(third.accessToken)).statusCode).toBe(401);
  });

  it('lets an admin disable an account: its sessions end and it cannot sign in until enabled', async () => {
    const admin = await desk.session('admin01');
    const victim = await desk.session('doc02');
    const disabled = await desk.disable(admin.accessToken, 'staff-doc02');
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ staffId: 'staff-doc02', disabledAt: clock.toISOString() });

    expect(errorOf(await desk.me(victim.accessToken)).code).toBe('auth.invalidToken');
    const refreshed = await desk.refresh(victim.refreshToken);
    expect(refreshed.statusCode).toBe(403);
    expect(errorOf(refreshed).code).toBe('auth.accountDisabled');
    const signIn = await desk.login('doc02');
    expect(signIn.statusCode).toBe(403);
    expect(errorOf(signIn).code).toBe('auth.accountDisabled');
    // A wrong password learns nothing about the account.
    expect(errorOf(await desk.login('doc02', 'a-guess')).code).toBe('auth.invalidCredentials');

    const [event] = await platform.store.query<{ actor_id: string; record_id: string; details: unknown }>(
      `SELECT actor_id, record_id, details FROM audit_events WHERE action = 'staff.disabled'`,
    );
    expect(event).toMatchObject({
      actor_id: 'staff-admin01',
      record_id: 'staff-doc02',
      details: { reason: 'Left the centre', staffId: 'staff-doc02' },
    });

    const enabled = await desk.enable(admin.accessToken, 'staff-doc02');
    expect(enabled.json()).toMatchObject({ staffId: 'staff-doc02', disabledAt: null });
    expect((await desk.login('doc02')).statusCode).toBe(200);
  });

  it('lets only an admin disable, only in their organisation, never themself, always with a reason', async () => {
    const admin = await desk.session('admin01');
    const doctor = await desk.session('doc01');
    const refusals: [Response, number, string][] = [
      [await desk.disable(doctor.accessToken, 'staff-reg01'), 403, 'auth.forbidden'],
      [await desk.disable(admin.accessToken, 'staff-spec01'), 404, 'staff.notFound'],
      [await desk.disable(admin.accessToken, 'staff-nobody'), 404, 'staff.notFound'],
      [await desk.disable(admin.accessToken, 'staff-admin01'), 409, 'staff.disableSelf'],
      [await desk.disable(admin.accessToken, 'staff-reg01', { reason: '  ' }), 400, 'request.invalid'],
    ];
    for (const [response, status, code] of refusals) {
      expect(response.statusCode).toBe(status);
      expect(errorOf(response).code).toBe(code);
    }
    const disabled = await platform.store.query('SELECT id FROM staff WHERE disabled_at IS NOT NULL');
    expect(disabled).toEqual([]);
    expect((await desk.me(doctor.accessToken)).statusCode).toBe(200);
  });
});

/** An open change stream read over HTTP: its events, and whether and when it ended. */
interface OpenStream {
  events: unknown[];
  /** Resolves with the milliseconds the stream stayed open once the platform ends it. */
  ended: Promise<number>;
  close(): void;
}

async function openStream(base: string, accessToken: string): Promise<OpenStream> {
  const abort = new AbortController();
  const opened = Date.now();
  const response = await fetch(`${base}/v1/patients/stream`, {
    headers: { authorization: `Bearer ${accessToken}`, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  expect(response.status).toBe(200);
  const events: unknown[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const ended = (async () => {
    let buffer = '';
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) return Date.now() - opened;
      buffer += chunk.value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const data = buffer.slice(0, end).replace(/^data: /, '');
        buffer = buffer.slice(end + 2);
        if (!data.startsWith(':')) events.push(JSON.parse(data));
      }
    }
  })();
  ended.catch(() => undefined); // an aborted read: the test closed it
  return { events, ended, close: () => abort.abort() };
}

/** Resolves with `promise`'s value, or with 'open' when it has not settled within `ms`. */
const within = <T>(promise: Promise<T>, ms: number): Promise<T | 'open'> =>
  Promise.race([promise, new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), ms))]);

describe.each(testBackends)('change streams that end with their session on $name', ({ open }) => {
  let platform: TestPlatform;
  /** Another platform process over the same database. */
  let other: FastifyInstance;
  let base: string;
  const feed = new ChangeFeed();
  const desk = client(() => platform.app);
  const elsewhere = client(() => other);

  beforeAll(async () => {
    platform = await startTestPlatform(open, { feed, sessionCheckSeconds: 1 });
    base = await platform.app.listen({ port: 0, host: '127.0.0.1' });
    other = buildPlatform({
      store: platform.store,
      tokenSecret: testTokenSecret,
      loginRateLimitPerMinute: 1000,
    });
  }, setupTimeoutMs);
  afterAll(async () => {
    await other.close();
    platform.app.server.closeAllConnections();
    await platform.close();
  });

  it('closes a stream when its session signs out, at once, and leaves other streams open', async () => {
    const leaving = await desk.session('doc01');
    const staying = await desk.session('reg01');
    const closing = await openStream(base, leaving.accessToken);
    const kept = await openStream(base, staying.accessToken);
    try {
      await expect.poll(() => feed.size).toBe(2);
      // Closed before the sign-out is even answered; the second is only for the bytes to arrive.
      await desk.logout(leaving.refreshToken);
      expect(await within(closing.ended, 1000)).not.toBe('open');
      await expect.poll(() => feed.size).toBe(1);
      expect(closing.events).toEqual([{ type: 'resync' }]);
    } finally {
      closing.close();
      kept.close();
    }
    await expect.poll(() => feed.size).toBe(0);
  });

  it('closes a stream within seconds when another platform process ends its session', async () => {
    const session = await desk.session('nurse01');
    const stream = await openStream(base, session.accessToken);
    try {
      await expect.poll(() => feed.size).toBe(1);
      // This platform checks its streams' sessions every second (5 s by default).
      expect((await elsewhere.logout(session.refreshToken)).statusCode).toBe(204);
      expect(await within(stream.ended, 5000)).not.toBe('open');
    } finally {
      stream.close();
    }
    await expect.poll(() => feed.size).toBe(0);
  }, 15_000);

  it('closes the streams of an account an admin disables', async () => {
    const admin = await desk.session('admin01');
    const session = await desk.session('doc02');
    const stream = await openStream(base, session.accessToken);
    try {
      await expect.poll(() => feed.size).toBe(1);
      expect((await desk.disable(admin.accessToken, 'staff-doc02')).statusCode).toBe(200);
      expect(await within(stream.ended, 1000)).not.toBe('open');
    } finally {
      stream.close();
    }
    // A stream cannot be opened again with the token it had.
    const again = await fetch(`${base}/v1/patients/stream`, {
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    expect(again.status).toBe(401);
    await again.body?.cancel();
  });
});

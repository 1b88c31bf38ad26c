import { describe, expect, it, vi } from 'vitest';
import { PROTOCOL_VERSION, protocolHeader } from '../../shared/platform/protocol';
import { isOffline, PlatformClient, PlatformError } from './client';
import { fakeAccount, FakePlatform } from './testing';

const baseUrl = 'http://platform.test';
const { username, password } = fakeAccount;

function setup(options: Partial<ConstructorParameters<typeof PlatformClient>[0]> = {}) {
  const platform = new FakePlatform();
  const client = new PlatformClient({ baseUrl, fetch: platform.fetch, ...options });
  return { platform, client };
}

async function rejection(promise: Promise<unknown>): Promise<PlatformError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlatformError);
  return error as PlatformError;
}

describe('PlatformClient', () => {
  it('signs in, then sends JSON with the protocol header and the bearer token', async () => {
    const { platform, client } = setup();
    platform.routes.set('/v1/data/echo', (r) => Response.json({ got: r.body }));
    expect(client.signedIn).toBe(false);
    const session = await client.login(username, password);
    expect(session.staff.displayName).toBe('王丽华');
    expect(client.signedIn).toBe(true);

    expect(await client.request('/v1/data/echo', { method: 'POST', body: { a: 1 } })).toEqual({
      got: { a: 1 },
    });
    const sent = platform.seen.at(-1)!;
    expect(sent.headers[protocolHeader]).toBe(String(PROTOCOL_VERSION));
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.headers.authorization).toBe(`Bearer ${session.accessToken}`);
    // The sign-in itself carries no token, and a GET no body type.
    expect(platform.seen[0]!.headers.authorization).toBeUndefined();
    await client.request('/v1/data/echo');
    expect(platform.seen.at(-1)!.headers['content-type']).toBeUndefined();
  });

  it("turns the platform's error body into a PlatformError", async () => {
    const { platform, client } = setup();
    const wrong = await rejection(client.login(username, 'nope'));
    expect(wrong).toMatchObject({ status: 401, code: 'auth.invalidCredentials' });
    platform.loginError = { status: 423, code: 'auth.locked', retryAfterSeconds: 840 };
    expect(await rejection(client.login(username, password))).toMatchObject({
      status: 423,
      code: 'auth.locked',
      retryAfterSeconds: 840,
    });
    platform.loginError = { status: 426, code: 'client.outdated' };
    expect(await rejection(client.login(username, password))).toMatchObject({
      status: 426,
      code: 'client.outdated',
    });
  });

  it('takes Retry-After from the header when the body has none', async () => {
    const { platform, client } = setup();
    platform.routes.set('/v1/limited', () =>
      Response.json(
        { error: { code: 'request.rateLimited', message: 'slow' } },
        { status: 429, headers: { 'retry-after': '42' } },
      ),
    );
    expect(await rejection(client.request('/v1/limited'))).toMatchObject({
      code: 'request.rateLimited',
      retryAfterSeconds: 42,
    });
  });

  it('reports an unreachable platform as network.offline', async () => {
    const { platform, client } = setup();
    platform.offline = true;
    const error = await rejection(client.login(username, password));
    expect(error).toMatchObject({ status: 0, code: 'network.offline' });
    expect(isOffline(error)).toBe(true);

    // A gateway answering for it, without the platform's error body, means the same.
    platform.offline = false;
    platform.routes.set('/v1/gateway', () => new Response('Bad Gateway', { status: 502 }));
    expect(await rejection(client.request('/v1/gateway'))).toMatchObject({
      status: 502,
      code: 'network.offline',
    });
    platform.routes.set('/v1/broken', () => new Response('<html>', { status: 500 }));
    expect(await rejection(client.request('/v1/broken'))).toMatchObject({
      status: 500,
      code: 'response.invalid',
    });
    platform.routes.set('/v1/notjson', () => new Response('<html>', { status: 200 }));
    expect(await rejection(client.request('/v1/notjson'))).toMatchObject({ code: 'response.invalid' });
  });

  it('gives up after its timeout as network.offline, and passes a caller abort through', async () => {
    const hang: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)),
      );
    const client = new PlatformClient({ baseUrl, fetch: hang, timeoutMs: 20 });
    expect(await rejection(client.request('/v1/slow'))).toMatchObject({ code: 'network.offline' });

    const abort = new AbortController();
    const pending = client.request('/v1/slow', { signal: abort.signal });
    abort.abort(new DOMException('stop', 'AbortError'));
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('answers undefined for an empty body', async () => {
    const { platform, client } = setup();
    platform.routes.set('/v1/empty', () => new Response(null, { status: 204 }));
    expect(await client.request('/v1/empty')).toBeUndefined();
  });

  it('refreshes once on an expired token and sends again; concurrent callers share the refresh', async () => {
    const onRefresh = vi.fn();
    const { platform, client } = setup({ onRefresh });
    platform.routes.set('/v1/data/x', () => Response.json({ ok: true }));
    await client.login(username, password);
    platform.expireAccessTokens();
    const answers = await Promise.all([1, 2, 3].map(() => client.request('/v1/data/x')));
    expect(answers).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(platform.count('/v1/auth/refresh')).toBe(1);
    expect(onRefresh).toHaveBeenCalledOnce();
    expect(onRefresh.mock.calls[0]![0]).toMatchObject({
      staff: fakeAccount.staff,
      organisation: fakeAccount.organisation,
    });
    expect(platform.seen.at(-1)!.headers.authorization).toBe('Bearer access-2');
  });

  it('does not refresh twice for one request', async () => {
    const { platform, client } = setup();
    platform.routes.set('/v1/always-expired', () =>
      Response.json({ error: { code: 'auth.expired', message: 'x' } }, { status: 401 }),
    );
    await client.login(username, password);
    expect(await rejection(client.request('/v1/always-expired'))).toMatchObject({ code: 'auth.expired' });
    expect(platform.count('/v1/auth/refresh')).toBe(1);
  });

  it('ends the session when the platform refuses the refresh token', async () => {
    const onSessionEnded = vi.fn();
    const { platform, client } = setup({ onSessionEnded });
    platform.routes.set('/v1/data/x', () => Response.json({ ok: true }));
    await client.login(username, password);
    platform.expireAccessTokens();
    platform.revokeRefreshTokens();
    expect(await rejection(client.request('/v1/data/x'))).toMatchObject({
      status: 401,
      code: 'auth.refreshInvalid',
    });
    expect(onSessionEnded).toHaveBeenCalledOnce();
    expect(client.signedIn).toBe(false);
  });

  it('keeps the tokens when a refresh cannot reach the platform', async () => {
    const platform = new FakePlatform();
    let refreshOffline = false;
    const onSessionEnded = vi.fn();
    const client = new PlatformClient({
      baseUrl,
      onSessionEnded,
      fetch: async (input, init) => {
        if (refreshOffline && String(input).endsWith('/v1/auth/refresh'))
          throw new TypeError('Failed to fetch');
        return platform.fetch(input, init);
      },
    });
    platform.routes.set('/v1/data/x', () => Response.json({ ok: true }));
    await client.login(username, password);
    platform.expireAccessTokens();
    refreshOffline = true;
    expect(await rejection(client.request('/v1/data/x'))).toMatchObject({ code: 'network.offline' });
    expect(onSessionEnded).not.toHaveBeenCalled();
    expect(client.signedIn).toBe(true);
    refreshOffline = false;
    expect(await client.request('/v1/data/x')).toEqual({ ok: true });
  });

  it('signs out on the platform and forgets the tokens', async () => {
    const { platform, client } = setup();
    platform.routes.set('/v1/data/x', () => Response.json({ ok: true }));
    const { refreshToken } = await client.login(username, password);
    await client.logout();
    expect(platform.seen.at(-1)).toMatchObject({ path: '/v1/auth/logout', body: { refreshToken } });
    expect(client.signedIn).toBe(false);
    expect(await rejection(client.request('/v1/data/x'))).toMatchObject({ code: 'auth.required' });
    expect(platform.seen.at(-1)!.headers.authorization).toBeUndefined();
    // Signing out offline still forgets the tokens and does not fail.
    await client.login(username, password);
    platform.offline = true;
    await expect(client.logout()).resolves.toBeUndefined();
    expect(client.signedIn).toBe(false);
  });

  it('streams server-sent events as parsed JSON, refreshing an expired token first', async () => {
    const { platform, client } = setup();
    platform.routes.set(
      '/v1/data/stream',
      () =>
        new Response('data: {"type":"resync"}\n\n: keep-alive\n\ndata: {"type":"changes","n":1}\n\n', {
          headers: { 'content-type': 'text/event-stream' },
        }),
    );
    await client.login(username, password);
    platform.expireAccessTokens();
    const events: unknown[] = [];
    for await (const event of client.stream('/v1/data/stream', new AbortController().signal))
      events.push(event);
    expect(events).toEqual([{ type: 'resync' }, { type: 'changes', n: 1 }]);
    expect(platform.seen.at(-1)!.headers.accept).toBe('text/event-stream');
    expect(platform.count('/v1/auth/refresh')).toBe(1);
  });

  it('fails a stream with an error status or a non-JSON event, and ends it quietly on abort', async () => {
    const { platform, client } = setup();
    const drain = async (path: string, signal = new AbortController().signal) => {
      const out: unknown[] = [];
      for await (const e of client.stream(path, signal)) out.push(e);
      return out;
    };
    expect(await rejection(drain('/v1/nowhere'))).toMatchObject({ status: 404, code: 'request.notFound' });
    platform.routes.set('/v1/bad', () => new Response('data: nope\n\n'));
    expect(await rejection(drain('/v1/bad'))).toMatchObject({ code: 'response.invalid' });
    const aborted = new AbortController();
    aborted.abort();
    expect(await drain('/v1/bad', aborted.signal)).toEqual([]);
    platform.offline = true;
    expect(await rejection(drain('/v1/bad'))).toMatchObject({ code: 'network.offline' });
  });
});

import type { FastifyInstance } from 'fastify';
import { decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginResponseSchema, meResponseSchema, type LoginResponse } from '../../shared/platform/auth';
import { errorBodySchema } from '../../shared/platform/errors';
import { verifyAuditChain } from '../audit/audit';
import { migrate } from '../db/migrate';
import type { Store } from '../db/store';
import { buildPlatform } from '../http/app';
import { demoPassword, seedDemo } from '../seed/demo';
import { testBackends } from '../testing/backends';

const tokenSecret = 'test-secret-test-secret-test-secret-0123';

describe.each(testBackends)('sign-in, tokens and sessions on $name', ({ open }) => {
  let store: Store;
  let app: FastifyInstance;
  let clock = new Date('2026-03-02T08:00:00.000Z');
  const advance = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));

  const login = (username: string, password: string) =>
    app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username, password } });
  const refresh = (refreshToken: string) =>
    app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken } });
  const me = (authorization?: string) =>
    app.inject({ method: 'GET', url: '/v1/auth/me', headers: authorization ? { authorization } : {} });
  const session = async (username: string): Promise<LoginResponse> => {
    const response = await login(username, demoPassword);
    expect(response.statusCode).toBe(200);
    return loginResponseSchema.parse(response.json());
  };
  const errorOf = (response: { json(): unknown }) => errorBodySchema.parse(response.json()).error;

  beforeAll(async () => {
    store = await open();
    await migrate(store);
    await seedDemo(store, { residents: 0 });
    app = buildPlatform({ store, tokenSecret, now: () => clock, loginRateLimitPerMinute: 1000 });
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('signs in with a token bound to one organisation and role', async () => {
    const body = await session('doc01');
    expect(body.staff).toEqual({ id: 'staff-doc01', displayName: '张建国', role: 'doctor' });
    expect(body.organisation).toEqual({ id: 'org-chc-demo', name: '某某街道社区卫生服务中心', kind: 'chc' });
    expect(body.expiresIn).toBe(900);
    const claims = decodeJwt(body.accessToken);
    expect(claims).toMatchObject({ sub: 'staff-doc01', org: 'org-chc-demo', role: 'doctor' });
    expect(claims.exp! - claims.iat!).toBe(900);

    const whoAmI = await me(`Bearer ${body.accessToken}`);
    expect(whoAmI.statusCode).toBe(200);
    expect(meResponseSchema.parse(whoAmI.json()).staff.displayName).toBe('张建国');
  });

  it('signs a hospital specialist in to the hospital, whatever the case of the username', async () => {
    const response = await login('  SPEC01 ', demoPassword);
    expect(response.statusCode).toBe(200);
    expect(loginResponseSchema.parse(response.json()).organisation.kind).toBe('hospital');
  });

  it('answers a wrong password and an unknown username alike', async () => {
    const wrong = await login('reg01', 'not-the-password');
    const unknown = await login('nobody', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual({
      error: { code: 'auth.invalidCredentials', message: 'The username or password is not correct.' },
    });
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('refuses a sign-in body without a password', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { username: 'reg01' },
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('request.invalid');
  });

  it('rotates refresh tokens, and ends the session when a spent one comes back', async () => {
    const first = await session('doc02');
    const second = await refresh(first.refreshToken);
    expect(second.statusCode).toBe(200);
    const rotated = loginResponseSchema.parse(second.json());
    expect(rotated.refreshToken).not.toBe(first.refreshToken);
    expect(rotated.staff.id).toBe('staff-doc02');
    expect((await me(`Bearer ${rotated.accessToken}`)).statusCode).toBe(200);

    advance(31); // past the grace window for a retried refresh (sessions.test.ts)
    const replay = await refresh(first.refreshToken);
    expect(replay.statusCode).toBe(401);
    expect(errorOf(replay).code).toBe('auth.refreshInvalid');
    // The thief's replay also ended the desk's newer token.
    expect((await refresh(rotated.refreshToken)).statusCode).toBe(401);
    const live = await store.query(
      "SELECT id FROM refresh_tokens WHERE staff_id = 'staff-doc02' AND revoked_at IS NULL",
    );
    expect(live).toEqual([]);
  });

  it('refuses unknown and expired refresh tokens', async () => {
    expect(errorOf(await refresh('made-up')).code).toBe('auth.refreshInvalid');
    const { refreshToken } = await session('admin01');
    advance(12 * 60 * 60);
    expect(errorOf(await refresh(refreshToken)).code).toBe('auth.refreshInvalid');
  });

  it('signs out: the refresh token stops working, and unknown tokens are accepted quietly', async () => {
    const { refreshToken } = await session('spec02');
    const out = await app.inject({ method: 'POST', url: '/v1/auth/logout', payload: { refreshToken } });
    expect(out.statusCode).toBe(204);
    expect((await refresh(refreshToken)).statusCode).toBe(401);
    const again = await app.inject({
      method: 'POST',
      url: '/v1/auth/logout',
      payload: { refreshToken: 'nope' },
    });
    expect(again.statusCode).toBe(204);
  });

  it('answers an expired access token with auth.expired, and a refresh mends it', async () => {
    const body = await session('doc01');
    advance(900);
    const expired = await me(`Bearer ${body.accessToken}`);
    expect(expired.statusCode).toBe(401);
    expect(errorOf(expired).code).toBe('auth.expired');
    const renewed = loginResponseSchema.parse((await refresh(body.refreshToken)).json());
    expect((await me(`Bearer ${renewed.accessToken}`)).statusCode).toBe(200);
  });

  it('answers tampered and foreign tokens with auth.invalidToken', async () => {
    const { accessToken } = await session('reg01');
    const [header, payload, signature] = accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const promoted = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    const foreign = await new SignJWT({ org: 'org-chc-demo', role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('staff-reg01')
      .setIssuer('clinicdesk-platform')
      .setAudience('clinicdesk-workstation')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('another-secret-another-secret-another'));
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    for (const token of [`${header}.${promoted}.${signature}`, foreign, unsigned, 'not-a-jwt']) {
      const response = await me(`Bearer ${token}`);
      expect(response.statusCode).toBe(401);
      expect(errorOf(response).code).toBe('auth.invalidToken');
    }
  });

  it('answers a request without a bearer token with auth.required', async () => {
    for (const authorization of [undefined, 'Basic cmVnMDE6eA==', 'Bearer ']) {
      const response = await me(authorization);
      expect(response.statusCode).toBe(401);
      expect(errorOf(response).code).toBe('auth.required');
    }
  });

  it('leaves an intact audit trail of every sign-in, failure, replay and sign-out', async () => {
    const actions = await store.query<{ action: string }>('SELECT DISTINCT action FROM audit_events');
    expect(actions.map((a) => a.action).sort()).toEqual([
      'auth.login',
      'auth.loginFailed',
      'auth.logout',
      'auth.refreshReused',
      'seed.demo',
    ]);
    const [unknown] = await store.query<{ details: Record<string, unknown>; actor_id: string | null }>(
      `SELECT details, actor_id FROM audit_events WHERE details->>'username' = 'nobody'`,
    );
    expect(unknown).toEqual({
      actor_id: null,
      details: { username: 'nobody', ip: '127.0.0.1', reason: 'unknownUser', failures: 1 },
    });
    expect(await verifyAuditChain(store)).toMatchObject({ ok: true });
  });

  it('limits sign-in attempts per address', async () => {
    const limited = buildPlatform({ store, tokenSecret, loginRateLimitPerMinute: 3 });
    try {
      for (let i = 0; i < 3; i++) {
        const response = await limited.inject({
          method: 'POST',
          url: '/v1/auth/login',
          payload: { username: 'nobody', password: 'x' },
        });
        expect(response.statusCode).toBe(401);
      }
      const blocked = await limited.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { username: 'nobody', password: 'x' },
      });
      expect(blocked.statusCode).toBe(429);
      expect(errorOf(blocked)).toMatchObject({
        code: 'request.rateLimited',
        retryAfterSeconds: expect.any(Number),
      });
    } finally {
      await limited.close();
    }
  });
});

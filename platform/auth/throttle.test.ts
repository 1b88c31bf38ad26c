/**
 * Sign-in throttling: wrong passwords slow down only the username at the address they came from,
 * with growing waits; only an address that guesses too much is refused outright; and nobody can
 * lock a colleague out of their account from somewhere else.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../shared/platform/errors';
import { buildPlatform } from '../http/app';
import { demoPassword } from '../seed/demo';
import { testBackends } from '../testing/backends';
import { startTestPlatform, testTokenSecret, type TestPlatform } from '../testing/platform';
import { delayAfter, defaultThrottle } from './throttle';

const attacker = '203.0.113.66';
const owner = '198.51.100.10';

describe('the wait after each failure', () => {
  it('is none for the first two, then 1 s, 2 s, 4 s … up to 15 minutes', () => {
    const waits = [1, 2, 3, 4, 5, 6, 12, 13, 14, 40].map((n) => delayAfter(n, defaultThrottle));
    expect(waits).toEqual([0, 0, 1, 2, 4, 8, 512, 900, 900, 900]);
  });
});

describe.each(testBackends)('sign-in throttling on $name', ({ open }) => {
  let platform: TestPlatform;
  /** Another platform process over the same database. */
  let other: FastifyInstance;
  let clock = new Date('2026-03-02T08:00:00.000Z');
  const now = () => clock;
  const advance = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));

  const login = (username: string, password: string, from: string, app = platform.app) =>
    app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { username, password },
      remoteAddress: from,
    });
  const errorOf = (response: { json(): unknown }) => errorBodySchema.parse(response.json()).error;

  beforeAll(async () => {
    platform = await startTestPlatform(open, { now, loginThrottle: { addressMaxFailures: 10 } });
    other = buildPlatform({
      store: platform.store,
      tokenSecret: testTokenSecret,
      now,
      loginRateLimitPerMinute: 1000,
      loginThrottle: { addressMaxFailures: 10 },
    });
  }, 60_000);
  afterAll(async () => {
    await other.close();
    await platform.close();
  });

  it('lets the owner sign in from another address while a guesser is held back', async () => {
    for (let i = 0; i < 5; i++) {
      if (i > 0) advance(20); // each wait over before the next guess
      expect((await login('nurse01', `guess-${i}`, attacker)).statusCode).toBe(401);
    }
    const mine = await login('nurse01', demoPassword, owner);
    expect(mine.statusCode).toBe(200);
    const theirs = await login('nurse01', demoPassword, attacker);
    expect(theirs.statusCode).toBe(429);
    expect(errorOf(theirs).code).toBe('auth.throttled');
  });

  it('makes one username at one address wait longer after each failure from the third on', async () => {
    const from = '198.51.100.21';
    const guess = () => login('doc01', 'wrong', from);
    expect((await guess()).statusCode).toBe(401);
    expect((await guess()).statusCode).toBe(401);
    expect((await guess()).statusCode).toBe(401); // the third: now it waits
    for (const wait of [1, 2, 4]) {
      const held = await guess();
      expect(held.statusCode).toBe(429);
      expect(errorOf(held)).toMatchObject({ code: 'auth.throttled', retryAfterSeconds: wait });
      expect(held.headers['retry-after']).toBe(String(wait));
      // Even the right password is not looked at while it waits.
      expect((await login('doc01', demoPassword, from)).statusCode).toBe(429);
      advance(wait);
      expect((await guess()).statusCode).toBe(401);
    }
    advance(8);
    expect((await login('doc01', demoPassword, from)).statusCode).toBe(200);
    // A success clears the count: two more failures are free again.
    expect((await guess()).statusCode).toBe(401);
    expect((await guess()).statusCode).toBe(401);
    expect((await login('doc01', demoPassword, from)).statusCode).toBe(200);
  });

  it('holds back unknown usernames alike, so the wait tells nothing about who exists', async () => {
    const from = '198.51.100.22';
    for (let i = 0; i < 3; i++) await login('nobody-here', 'x', from);
    const held = await login('nobody-here', 'x', from);
    expect(held.statusCode).toBe(429);
    expect(errorOf(held)).toMatchObject({ code: 'auth.throttled', retryAfterSeconds: 1 });
  });

  it('refuses an address that guesses too much, whatever the username, and only that address', async () => {
    const from = '198.51.100.23';
    for (const username of [
      'reg01',
      'doc02',
      'spec01',
      'spec02',
      'who1',
      'who2',
      'who3',
      'who4',
      'who5',
      'who6',
    ])
      expect((await login(username, 'wrong', from)).statusCode).toBe(401);
    const refused = await login('admin01', demoPassword, from);
    expect(refused.statusCode).toBe(423);
    expect(errorOf(refused)).toMatchObject({ code: 'auth.addressLocked', retryAfterSeconds: 900 });
    // Another platform process refuses it too: the block is in the database.
    expect((await login('admin01', demoPassword, from, other)).statusCode).toBe(423);
    expect((await login('admin01', demoPassword, '198.51.100.24')).statusCode).toBe(200);
    advance(900);
    expect((await login('admin01', demoPassword, from)).statusCode).toBe(200);
  });

  it('counts failures from every platform process and from concurrent requests', async () => {
    const from = '198.51.100.25';
    await Promise.all([login('reg01', 'a', from), login('reg01', 'b', from, other)]);
    expect((await login('reg01', 'c', from, other)).statusCode).toBe(401);
    const held = await login('reg01', demoPassword, from);
    expect(errorOf(held)).toMatchObject({ code: 'auth.throttled', retryAfterSeconds: 1 });
  });

  it('records each failure and refusal with the address it came from', async () => {
    const rows = await platform.store.query<{ action: string; details: Record<string, unknown> }>(
      `SELECT action, details FROM audit_events WHERE details->>'ip' = $1 ORDER BY seq`,
      [attacker],
    );
    expect(rows.map((row) => [row.action, row.details.reason])).toEqual([
      ...Array.from({ length: 5 }, () => ['auth.loginFailed', 'wrongPassword']),
      ['auth.loginRefused', 'throttled'],
    ]);
    const addressLocked = await platform.store.query(
      `SELECT 1 FROM audit_events WHERE action = 'auth.addressLocked' AND details->>'ip' = '198.51.100.23'`,
    );
    expect(addressLocked).toHaveLength(1);
  });
});

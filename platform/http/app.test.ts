import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../shared/platform/errors';
import {
  healthResponseSchema,
  MIN_PROTOCOL,
  PROTOCOL_VERSION,
  protocolHeader,
} from '../../shared/platform/protocol';
import type { Store } from '../db/store';
import { openTestStore } from '../testing/backends';
import { platformVersion } from '../version';
import { bodyLimitBytes, buildPlatform } from './app';

const tokenSecret = 'test-secret-test-secret-test-secret-0123';

describe('platform HTTP basics', () => {
  let store: Store;
  let app: FastifyInstance;
  beforeAll(async () => {
    store = await openTestStore();
    app = buildPlatform({ store, tokenSecret });
    // A route that fails the way a bug would, to check what leaks out.
    app.get('/v1/test/boom', async () => {
      throw new Error('relation "secret_table" does not exist');
    });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('answers health with its version and protocol, and names its protocol on every response', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/health' });
    expect(response.statusCode).toBe(200);
    expect(healthResponseSchema.parse(response.json())).toEqual({
      ok: true,
      version: platformVersion,
      protocol: PROTOCOL_VERSION,
    });
    expect(response.headers[protocolHeader]).toBe(String(PROTOCOL_VERSION));
  });

  it('accepts the current protocol and refuses an older one with 426', async () => {
    const current = await app.inject({
      method: 'GET',
      url: '/v1/health',
      headers: { [protocolHeader]: String(PROTOCOL_VERSION) },
    });
    expect(current.statusCode).toBe(200);
    const outdated = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: { [protocolHeader]: String(MIN_PROTOCOL - 1) },
      payload: { username: 'reg01', password: 'x' },
    });
    expect(outdated.statusCode).toBe(426);
    expect(outdated.json()).toEqual({
      error: {
        code: 'client.outdated',
        message: 'This workstation is out of date; update ClinicDesk to sync.',
      },
    });
  });

  it('refuses a protocol header that is not a number', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/v1/health',
      headers: { [protocolHeader]: 'v1' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('request.invalid');
  });

  it('refuses a body over 1 MB with 413 and the error body', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'reg01', password: 'x'.repeat(bodyLimitBytes) }),
    });
    expect(response.statusCode).toBe(413);
    expect(errorBodySchema.parse(response.json()).error.code).toBe('request.tooLarge');
  });

  it('answers malformed JSON, wrong content types and unknown routes with the error body', async () => {
    const malformed = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('request.invalid');

    const text = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('request.unsupportedMediaType');

    const missing = await app.inject({ method: 'GET', url: '/v1/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('request.notFound');
  });

  it('hides the details of unexpected failures behind a generic 500', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/test/boom' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      error: { code: 'server.internal', message: 'The platform could not complete the request.' },
    });
    expect(response.body).not.toContain('secret_table');
  });

  it('refuses a token secret too short to be a key', () => {
    expect(() => buildPlatform({ store, tokenSecret: 'short' })).toThrow(/at least 32/);
  });
});

describe('the test-only clock', () => {
  it('exists only when asked for, and moves the clock tokens and pushes are judged by', async () => {
    const store = await openTestStore();
    const base = new Date('2026-11-23T02:00:00.000Z');
    const plain = buildPlatform({ store, tokenSecret, now: () => base });
    const testing = buildPlatform({ store, tokenSecret, now: () => base, testClock: true });
    try {
      const move = (app: FastifyInstance, advanceMs: number) =>
        app.inject({ method: 'POST', url: '/v1/test/clock', payload: { advanceMs } });
      expect((await move(plain, 60_000)).statusCode).toBe(404);
      expect((await move(testing, 6 * 60_000)).json()).toEqual({ now: '2026-11-23T02:06:00.000Z' });
      expect((await move(testing, 60_000)).json()).toEqual({ now: '2026-11-23T02:07:00.000Z' });
      expect((await move(testing, -1)).statusCode).toBe(400);
      // Back to the real time for the next test, which expects the desks' today.
      const reset = await testing.inject({ method: 'POST', url: '/v1/test/clock', payload: { reset: true } });
      expect(reset.json()).toEqual({ now: '2026-11-23T02:00:00.000Z' });
      expect((await move(testing, 60_000)).json()).toEqual({ now: '2026-11-23T02:01:00.000Z' });
    } finally {
      await plain.close();
      await testing.close();
      await store.close();
    }
  }, 60_000);
});

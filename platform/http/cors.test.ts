import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workstationOrigin } from '../../shared/platform/protocol';
import type { Store } from '../db/store';
import { openTestStore } from '../testing/backends';
import { buildPlatform } from './app';

describe('cross-origin access', () => {
  let store: Store;
  let app: FastifyInstance;
  beforeAll(async () => {
    store = await openTestStore();
    app = buildPlatform({ store, tokenSecret: 'test-secret-test-secret-test-secret-0123' });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('answers the Electron workstation’s preflight for an authorised sync request', async () => {
    const response = await app.inject({
      method: 'OPTIONS',
      url: '/v1/patients/pull',
      headers: {
        origin: workstationOrigin,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization, x-clinicdesk-protocol',
      },
    });
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(workstationOrigin);
    expect(String(response.headers['access-control-allow-headers'])).toContain('authorization');
  });

  it('gives any other origin no CORS headers, so browsers refuse it', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/v1/health',
      headers: { origin: 'https://evil.example' },
    });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/v1/patients/pull',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});

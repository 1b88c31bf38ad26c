/**
 * `X-Forwarded-For` is believed only from the configured proxies: a client that writes its own,
 * or rotates it, neither escapes the sign-in rate limit nor changes the address audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../shared/platform/errors';
import { testBackends } from '../testing/backends';
import { startTestPlatform, type TestPlatform } from '../testing/platform';
import { parseTrustedProxies, trustedProxiesFromEnv } from './proxies';

describe('the trusted proxy list', () => {
  it('takes addresses, CIDR ranges and range names, comma-separated', () => {
    expect(parseTrustedProxies(' 10.0.0.5, 10.1.0.0/16 ,fd00::/8, ::1, loopback ')).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      'fd00::/8',
      '::1',
      'loopback',
    ]);
    expect(parseTrustedProxies('')).toEqual([]);
  });

  it('refuses anything else, naming it', () => {
    for (const bad of ['*', 'true', 'proxy.local', '10.0.0.0/33', '10.0.0.1/8/1', '::1/129', '10.0.0'])
      expect(() => parseTrustedProxies(`10.0.0.5,${bad}`)).toThrow(`"${bad}"`);
  });

  it('stops the start when the old trust-everyone switch is set without a list', () => {
    expect(() => trustedProxiesFromEnv({ CLINICDESK_TRUST_PROXY: '1' })).toThrow(
      /CLINICDESK_TRUSTED_PROXIES/,
    );
    expect(
      trustedProxiesFromEnv({ CLINICDESK_TRUST_PROXY: '1', CLINICDESK_TRUSTED_PROXIES: '10.0.0.5' }),
    ).toEqual(['10.0.0.5']);
    expect(trustedProxiesFromEnv({})).toEqual([]);
  });
});

describe.each(testBackends)('client addresses behind a trusted proxy on $name', ({ open }) => {
  const proxy = '10.0.0.5';
  const client = '203.0.113.7';
  let platform: TestPlatform;

  const login = (username: string, from: string, forwardedFor?: string) =>
    platform.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { username, password: 'wrong' },
      remoteAddress: from,
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    });
  const auditedAddresses = async (username: string) =>
    (
      await platform.store.query<{ ip: string }>(
        `SELECT details->>'ip' AS ip FROM audit_events WHERE details->>'username' = $1 ORDER BY seq`,
        [username],
      )
    ).map((row) => row.ip);

  beforeAll(async () => {
    platform = await startTestPlatform(open, { trustedProxies: [proxy], loginRateLimitPerMinute: 3 });
  }, 60_000);
  afterAll(() => platform.close());

  it('audits and limits the client the proxy names, however the client rotates its own header', async () => {
    const answers = [];
    // The proxy appends the address it saw; whatever the client wrote comes before it.
    for (let i = 0; i < 4; i++) answers.push(await login('rotating1', proxy, `10.9.9.${i}, ${client}`));
    expect(answers.map((r) => r.statusCode)).toEqual([401, 401, 401, 429]);
    expect(errorBodySchema.parse(answers[3]!.json()).error.code).toBe('request.rateLimited');
    expect(await auditedAddresses('rotating1')).toEqual([client, client, client]);
  });

  it('ignores the header from anyone who is not a listed proxy', async () => {
    const direct = '198.51.100.30';
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await login('rotating2', direct, `192.0.2.${i}`));
    expect(answers.map((r) => r.statusCode)).toEqual([401, 401, 401, 429]);
    expect(await auditedAddresses('rotating2')).toEqual([direct, direct, direct]);
  });
});

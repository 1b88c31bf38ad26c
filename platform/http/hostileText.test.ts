/**
 * Text no database can store, sent to the platform's own endpoints (sign-in, the admin's
 * endpoints, the desk credential): a clear 400 and nothing changed, never a 500. Pushes refuse
 * such text row by row instead (../sync/refusals.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../shared/platform/errors';
import { databaseSetupTimeout, testBackends } from '../testing/backends';
import { startTestPlatform, type TestPlatform } from '../testing/platform';

/** A NUL (PostgreSQL refuses it in text and jsonb) and a lone surrogate (no UTF-8 for it). */
const hostile = [
  ['a NUL', 'a\u0000b'],
  ['a lone surrogate', 'a\ud800b'],
] as const;

/** Percent-encodes `text` for a path, a lone surrogate as the bytes a careless client sends. */
const pathPart = (text: string) => text.replace('\u0000', '%00').replace('\ud800', '%ED%A0%80');

describe.each(testBackends)('hostile text at the platform endpoints ($name)', (backend) => {
  let platform: TestPlatform;
  const as = (who: string) => ({ authorization: `Bearer ${platform.tokens[who]}` });
  const auditEvents = async () =>
    Number((await platform.store.query<{ n: number }>('SELECT count(*) AS n FROM audit_events'))[0]!.n);

  beforeAll(async () => {
    platform = await startTestPlatform(backend.open, { signIn: ['admin01', 'reg01'] });
  }, databaseSetupTimeout);
  afterAll(async () => platform.close(), databaseSetupTimeout);

  it.each(hostile)(
    'answers 400 request.invalid to %s in any field, and changes nothing',
    async (_, text) => {
      const requests = [
        { method: 'POST', url: '/v1/auth/login', payload: { username: text, password: 'whatever1' } },
        {
          method: 'POST',
          url: '/v1/admin/staff/staff-reg01/disable',
          headers: as('admin01'),
          payload: { reason: text },
        },
        {
          method: 'POST',
          url: '/v1/admin/patients/any-resident/remove',
          headers: as('admin01'),
          payload: { reason: text },
        },
        {
          method: 'POST',
          url: '/v1/auth/desk-session',
          payload: { secret: 'A'.repeat(43), staffId: text, deskId: 'desk-0001' },
        },
        {
          method: 'POST',
          url: '/v1/admin/desk-credentials/revoke',
          headers: as('admin01'),
          payload: { deskId: 'desk-0001', reason: text },
        },
        {
          method: 'POST',
          url: '/v1/admin/desk-credentials/revoke',
          headers: as('admin01'),
          payload: { deskId: 'desk-0001', staffId: text, reason: 'lost desk' },
        },
        {
          method: 'POST',
          url: `/v1/admin/staff/${pathPart(text)}/disable`,
          headers: as('admin01'),
          payload: { reason: 'left' },
        },
        {
          method: 'POST',
          url: `/v1/admin/patients/${pathPart(text)}/remove`,
          headers: as('admin01'),
          payload: { reason: 'duplicate' },
        },
      ] as const;
      const before = await auditEvents();
      for (const request of requests) {
        const response = await platform.app.inject(request);
        expect({ url: request.url, status: response.statusCode }).toEqual({ url: request.url, status: 400 });
        expect(errorBodySchema.parse(response.json()).error.code).toBe('request.invalid');
      }
      expect(await auditEvents()).toBe(before);
      const [reg] = await platform.store.query<{ disabled_at: unknown }>(
        "SELECT disabled_at FROM staff WHERE id = 'staff-reg01'",
      );
      expect(reg!.disabled_at).toBeNull();
      // The registrar's session was not touched either.
      const me = await platform.app.inject({ method: 'GET', url: '/v1/auth/me', headers: as('reg01') });
      expect(me.statusCode).toBe(200);
    },
    30_000,
  );
});

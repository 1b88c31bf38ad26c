/**
 * A desk credential exchanged while the same person's password change is committing, on
 * PostgreSQL (PGlite has one connection, so nothing there runs at once): the exchange must see
 * the change and refuse, not open a session the change never ended.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginResponseSchema } from '../../shared/platform/auth';
import { deskCredentialResponseSchema } from '../../shared/platform/deskCredentials';
import { errorBodySchema } from '../../shared/platform/errors';
import { demoPassword } from '../seed/demo';
import { databaseSetupTimeout, testBackends } from '../testing/backends';
import { startTestPlatform, type TestPlatform } from '../testing/platform';

const deskId = 'desk-race-0001';
const postgres = testBackends.find((backend) => backend.name === 'postgres');

describe.runIf(postgres)('desk credential exchange racing a password change (postgres)', () => {
  let platform: TestPlatform;
  const post = (url: string, payload: object, token?: string) =>
    platform.app.inject({
      method: 'POST',
      url,
      payload,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  beforeAll(async () => {
    platform = await startTestPlatform(postgres!.open);
  }, databaseSetupTimeout);
  afterAll(async () => platform.close(), databaseSetupTimeout);

  it('refuses an exchange that waited on a password change committing meanwhile', async () => {
    const login = await post('/v1/auth/login', { username: 'doc01', password: demoPassword, deskId });
    const online = loginResponseSchema.parse(login.json());
    const issued = await post('/v1/auth/desk-credentials', {}, online.accessToken);
    const credential = deskCredentialResponseSchema.parse(issued.json());

    // A password change holds the staff row, as changePassword's transaction does, until released.
    let locked!: () => void;
    let release!: () => void;
    const rowHeld = new Promise<void>((resolve) => (locked = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    const change = platform.store.transaction(async (tx) => {
      await tx.query('UPDATE staff SET password_changed_at = $2 WHERE id = $1', [
        'staff-doc01',
        new Date(Date.now() + 1000).toISOString(),
      ]);
      locked();
      await released;
    });
    await rowHeld;
    const exchanging = post('/v1/auth/desk-session', {
      secret: credential.secret,
      staffId: 'staff-doc01',
      deskId,
    });
    // Long enough for the exchange to reach the staff row and wait on it.
    await new Promise((resolve) => setTimeout(resolve, 500));
    release();
    await change;
    const response = await exchanging;

    expect(response.statusCode).toBe(401);
    expect(errorBodySchema.parse(response.json()).error.code).toBe('auth.deskCredentialInvalid');
    const live = await platform.store.query<{ id: string }>(
      `SELECT id FROM auth_sessions WHERE staff_id = 'staff-doc01' AND ended_at IS NULL AND created_at > $1`,
      [new Date(Date.now() - 60_000).toISOString()],
    );
    // Only the online sign-in's session, which the committed change did not end here (the test
    // changed the column alone), is live: the exchange opened none.
    expect(live).toHaveLength(1);
  }, 30_000);
});

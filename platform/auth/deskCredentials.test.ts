/**
 * The desk credential over HTTP, on PGlite and PostgreSQL: issued at an online sign-in to the desk
 * the session names, exchanged by that desk for a session after a sign-out, and refused for
 * another desk, another person, after an admin revoked the desk, after the account was disabled,
 * after a password change, and once expired.
 */
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginResponseSchema, type LoginResponse } from '../../shared/platform/auth';
import {
  deskCredentialListSchema,
  deskCredentialResponseSchema,
  type DeskCredentialResponse,
} from '../../shared/platform/deskCredentials';
import { errorBodySchema } from '../../shared/platform/errors';
import { demoPassword } from '../seed/demo';
import { testBackends } from '../testing/backends';
import { startTestPlatform, type TestPlatform } from '../testing/platform';

const deskA = 'desk-a-0000001';
const deskB = 'desk-b-0000002';
const day = 24 * 3600_000;

describe.each(testBackends)('desk credentials on $name', ({ open }) => {
  let platform: TestPlatform;
  let clock = new Date('2026-03-02T08:00:00.000Z');
  const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));

  const post = (url: string, payload: unknown, token?: string) =>
    platform.app.inject({
      method: 'POST',
      url,
      payload: payload as object,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const signIn = async (username: string, deskId?: string, password = demoPassword) => {
    const response = await post('/v1/auth/login', { username, password, deskId });
    expect(response.statusCode).toBe(200);
    return loginResponseSchema.parse(response.json());
  };
  const issue = async (session: LoginResponse): Promise<DeskCredentialResponse> => {
    const response = await post('/v1/auth/desk-credentials', undefined, session.accessToken);
    expect(response.statusCode).toBe(200);
    return deskCredentialResponseSchema.parse(response.json());
  };
  const exchange = (secret: string, staffId: string, deskId: string) =>
    post('/v1/auth/desk-session', { secret, staffId, deskId });
  const refusedWith = (response: { statusCode: number; json(): unknown }) => ({
    status: response.statusCode,
    code: errorBodySchema.parse(response.json()).error.code,
  });
  const invalid = { status: 401, code: 'auth.deskCredentialInvalid' };
  const refusals = async () =>
    (
      await platform.store.query<{ details: { reason: string } }>(
        `SELECT details FROM audit_events WHERE action = 'auth.deskSessionRefused' ORDER BY seq`,
      )
    ).map((row) => row.details.reason);

  beforeAll(async () => {
    platform = await startTestPlatform(open, { now: () => clock });
  }, 120_000);
  afterAll(async () => {
    await platform.close();
  });

  it('opens the same person’s session at the same desk after sign-out, without the password', async () => {
    const online = await signIn('doc01', deskA);
    const credential = await issue(online);
    // Only a hash is kept.
    const stored = await platform.store.query<{ secret_hash: string }>(
      'SELECT secret_hash FROM desk_credentials WHERE id = $1',
      [credential.id],
    );
    expect(stored[0]!.secret_hash).not.toContain(credential.secret);
    const signedOut = await post('/v1/auth/logout', { refreshToken: online.refreshToken });
    expect(signedOut.statusCode).toBe(204);

    const response = await exchange(credential.secret, 'staff-doc01', deskA);
    expect(response.statusCode).toBe(200);
    const session = loginResponseSchema.parse(response.json());
    expect(session.staff.id).toBe('staff-doc01');
    expect(decodeJwt(session.accessToken)).toMatchObject({ sub: 'staff-doc01', desk: deskA });
    // The session is a real one: it refreshes.
    const refreshed = await post('/v1/auth/refresh', { refreshToken: session.refreshToken });
    expect(refreshed.statusCode).toBe(200);
    const audit = await platform.store.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE actor_id = 'staff-doc01' AND action LIKE 'auth.desk%' ORDER BY seq`,
    );
    expect(audit.map((row) => row.action)).toEqual(['auth.deskCredentialIssued', 'auth.deskSession']);
  });

  it('refuses it from another desk, for another person, and an unknown secret', async () => {
    const credential = await issue(await signIn('nurse01', deskA));
    expect(refusedWith(await exchange(credential.secret, 'staff-nurse01', deskB))).toEqual(invalid);
    expect(refusedWith(await exchange(credential.secret, 'staff-doc01', deskA))).toEqual(invalid);
    expect(refusedWith(await exchange('A'.repeat(43), 'staff-nurse01', deskA))).toEqual(invalid);
    expect((await refusals()).slice(-3)).toEqual(['otherDesk', 'otherStaff', 'unknown']);
    // A malformed request is a bad request, not a refusal of the credential.
    expect(refusedWith(await exchange('short', 'staff-nurse01', deskA))).toEqual({
      status: 400,
      code: 'request.invalid',
    });
    // None of that spent it: the right desk still gets the session.
    expect((await exchange(credential.secret, 'staff-nurse01', deskA)).statusCode).toBe(200);
  });

  it('needs a desk: a session that names none gets no credential', async () => {
    const session = await signIn('reg01');
    const response = await post('/v1/auth/desk-credentials', undefined, session.accessToken);
    expect(refusedWith(response)).toEqual({ status: 400, code: 'auth.deskRequired' });
    expect(refusedWith(await post('/v1/auth/desk-credentials', undefined))).toEqual({
      status: 401,
      code: 'auth.required',
    });
  });

  it('keeps one live credential per person per desk: a newer one ends the older', async () => {
    const first = await issue(await signIn('reg01', deskB));
    const second = await issue(await signIn('reg01', deskB));
    expect(refusedWith(await exchange(first.secret, 'staff-reg01', deskB))).toEqual(invalid);
    expect((await refusals()).at(-1)).toBe('revoked');
    expect((await exchange(second.secret, 'staff-reg01', deskB)).statusCode).toBe(200);
  });

  it('ends when an admin revokes the desk (audited, sessions there end too); only an admin may', async () => {
    const online = await signIn('doc02', deskB);
    const credential = await issue(online);
    const elsewhere = await signIn('doc02', deskA);
    const doctor = await signIn('doc01', deskA);
    const byDoctor = await post(
      '/v1/admin/desk-credentials/revoke',
      { deskId: deskB, reason: 'lost' },
      doctor.accessToken,
    );
    expect(refusedWith(byDoctor)).toEqual({ status: 403, code: 'auth.forbidden' });

    const admin = await signIn('admin01');
    const listed = await platform.app.inject({
      method: 'GET',
      url: '/v1/admin/desk-credentials',
      headers: { authorization: `Bearer ${admin.accessToken}` },
    });
    expect(listed.statusCode).toBe(200);
    const rows = deskCredentialListSchema.parse(listed.json()).credentials;
    expect(rows).toContainEqual(
      expect.objectContaining({
        id: credential.id,
        staffId: 'staff-doc02',
        deskId: deskB,
        displayName: '刘文静',
      }),
    );

    const revoked = await post(
      '/v1/admin/desk-credentials/revoke',
      { deskId: deskB, staffId: 'staff-doc02', reason: '工作站失窃' },
      admin.accessToken,
    );
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toEqual({ revoked: 1 });
    expect(refusedWith(await exchange(credential.secret, 'staff-doc02', deskB))).toEqual(invalid);
    expect((await refusals()).at(-1)).toBe('revoked');
    // The session opened at that desk ended with it, its access token at once.
    expect((await post('/v1/auth/refresh', { refreshToken: online.refreshToken })).statusCode).toBe(401);
    const me = await platform.app.inject({
      method: 'GET',
      url: '/v1/auth/me',
      headers: { authorization: `Bearer ${online.accessToken}` },
    });
    expect(me.statusCode).toBe(401);
    // Another desk's session of the same person goes on.
    expect((await post('/v1/auth/refresh', { refreshToken: elsewhere.refreshToken })).statusCode).toBe(200);
    const [event] = await platform.store.query<{ actor_id: string; details: Record<string, unknown> }>(
      `SELECT actor_id, details FROM audit_events WHERE action = 'auth.deskRevoked'`,
    );
    expect(event).toMatchObject({
      actor_id: 'staff-admin01',
      details: { deskId: deskB, staffId: 'staff-doc02', reason: '工作站失窃', credentials: [credential.id] },
    });
    // Without a reason nothing is revoked.
    const noReason = await post('/v1/admin/desk-credentials/revoke', { deskId: deskA }, admin.accessToken);
    expect(refusedWith(noReason)).toEqual({ status: 400, code: 'request.invalid' });
  });

  it('ends for good when an admin disables the account; enabled again, only a new sign-in gets one', async () => {
    const credential = await issue(await signIn('nurse01', deskB));
    expect((await exchange(credential.secret, 'staff-nurse01', deskB)).statusCode).toBe(200);
    const admin = await signIn('admin01');
    const disabled = await post(
      '/v1/admin/staff/staff-nurse01/disable',
      { reason: '离职' },
      admin.accessToken,
    );
    expect(disabled.statusCode).toBe(200);
    expect(refusedWith(await exchange(credential.secret, 'staff-nurse01', deskB))).toEqual(invalid);
    expect((await refusals()).at(-1)).toBe('revoked');
    const enabled = await post('/v1/admin/staff/staff-nurse01/enable', { reason: '复职' }, admin.accessToken);
    expect(enabled.statusCode).toBe(200);
    // The desk that held it (perhaps the stolen one the account was disabled for) stays out.
    expect(refusedWith(await exchange(credential.secret, 'staff-nurse01', deskB))).toEqual(invalid);
    const renewed = await issue(await signIn('nurse01', deskB));
    expect((await exchange(renewed.secret, 'staff-nurse01', deskB)).statusCode).toBe(200);
  });

  it('refuses a credential whose account is disabled, checked at use', async () => {
    const credential = await issue(await signIn('reg01', deskA));
    // Disabled behind the platform's back (as another process would see it mid-way): the check
    // at use still refuses.
    await platform.store.query("UPDATE staff SET disabled_at = $1 WHERE id = 'staff-reg01'", [
      clock.toISOString(),
    ]);
    expect(refusedWith(await exchange(credential.secret, 'staff-reg01', deskA))).toEqual(invalid);
    expect((await refusals()).at(-1)).toBe('disabled');
    await platform.store.query("UPDATE staff SET disabled_at = NULL WHERE id = 'staff-reg01'");
  });

  it('ends when the password changes; the new password signs in and gets a working one', async () => {
    const online = await signIn('spec01', deskA);
    const credential = await issue(online);
    const change = (currentPassword: string, newPassword: string) =>
      post('/v1/auth/password', { currentPassword, newPassword }, online.accessToken);
    expect(refusedWith(await change('not-it', 'Another@2026'))).toEqual({
      status: 403,
      code: 'auth.passwordIncorrect',
    });
    expect(refusedWith(await change(demoPassword, 'short'))).toEqual({
      status: 400,
      code: 'auth.passwordRejected',
    });
    // Nothing changed so far.
    expect((await exchange(credential.secret, 'staff-spec01', deskA)).statusCode).toBe(200);

    advance(60_000);
    expect((await change(demoPassword, 'Another@2026')).statusCode).toBe(204);
    expect(refusedWith(await exchange(credential.secret, 'staff-spec01', deskA))).toEqual(invalid);
    expect((await refusals()).at(-1)).toBe('passwordChanged');
    // Every session of theirs ended; the old password no longer signs in, the new one does.
    expect((await post('/v1/auth/refresh', { refreshToken: online.refreshToken })).statusCode).toBe(401);
    expect((await post('/v1/auth/login', { username: 'spec01', password: demoPassword })).statusCode).toBe(
      401,
    );
    advance(1000);
    const renewed = await issue(await signIn('spec01', deskA, 'Another@2026'));
    expect((await exchange(renewed.secret, 'staff-spec01', deskA)).statusCode).toBe(200);
  });

  it('expires after 30 days', async () => {
    const credential = await issue(await signIn('doc01', deskB));
    advance(29 * day);
    expect((await exchange(credential.secret, 'staff-doc01', deskB)).statusCode).toBe(200);
    advance(day + 1000);
    expect(refusedWith(await exchange(credential.secret, 'staff-doc01', deskB))).toEqual(invalid);
    expect((await refusals()).at(-1)).toBe('expired');
  });

  it('cannot be renewed by the session it opened, so its 30 days hold; a password sign-in gets one', async () => {
    const credential = await issue(await signIn('reg01', deskB));
    const opened = loginResponseSchema.parse(
      (await exchange(credential.secret, 'staff-reg01', deskB)).json(),
    );
    const needsPassword = { status: 403, code: 'auth.deskCredentialNeedsPassword' };
    expect(refusedWith(await post('/v1/auth/desk-credentials', undefined, opened.accessToken))).toEqual(
      needsPassword,
    );
    // Nor once refreshed: the session is still the one the credential opened.
    const refreshed = loginResponseSchema.parse(
      (await post('/v1/auth/refresh', { refreshToken: opened.refreshToken })).json(),
    );
    expect(refusedWith(await post('/v1/auth/desk-credentials', undefined, refreshed.accessToken))).toEqual(
      needsPassword,
    );
    // The refused request ended nothing: the credential still opens sessions, until it expires.
    advance(29 * day);
    expect((await exchange(credential.secret, 'staff-reg01', deskB)).statusCode).toBe(200);
    advance(day + 1000);
    expect(refusedWith(await exchange(credential.secret, 'staff-reg01', deskB))).toEqual(invalid);
    const renewed = await issue(await signIn('reg01', deskB));
    expect((await exchange(renewed.secret, 'staff-reg01', deskB)).statusCode).toBe(200);
  });

  it('counts wrong current passwords towards the sign-in throttle of that account at that address', async () => {
    const online = await signIn('doc02', deskA);
    const change = (currentPassword: string) =>
      post('/v1/auth/password', { currentPassword, newPassword: 'Another@2026' }, online.accessToken);
    const incorrect = { status: 403, code: 'auth.passwordIncorrect' };
    const throttled = { status: 429, code: 'auth.throttled' };
    for (const guess of ['guess-1', 'guess-2', 'guess-3'])
      expect(refusedWith(await change(guess))).toEqual(incorrect);
    // Even the right password waits now, so a guesser holding an open session learns nothing.
    expect(refusedWith(await change(demoPassword))).toEqual(throttled);
    // It is the sign-in's own throttle: that account at that address waits there too.
    expect(refusedWith(await post('/v1/auth/login', { username: 'doc02', password: demoPassword }))).toEqual(
      throttled,
    );
    advance(2000);
    expect(refusedWith(await change('guess-4'))).toEqual(incorrect);
  });
});

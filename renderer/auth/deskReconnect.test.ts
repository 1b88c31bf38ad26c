/**
 * The session controller's way back from an offline sign-in: the desk credential issued at an
 * online sign-in is kept sealed in the verifier, opened by the offline sign-in, and exchanged for
 * a session once the platform answers, never the password; a refused credential is dropped; the
 * tries stop when the desk is locked.
 */
import { describe, expect, it, vi } from 'vitest';
import { PlatformClient } from '../platform/client';
import { fakeAccount, FakePlatform } from '../platform/testing';
import { memoryStorage } from './memoryStorage';
import { SessionController } from './session';
import { minIterations, VerifierStore } from './verifier';

const { username, password } = fakeAccount;
const deskId = 'desk-test-0001';
const secret = 'S'.repeat(43);

const answer = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function setup() {
  const platform = new FakePlatform();
  platform.routes.set('/v1/auth/desk-credentials', () =>
    answer(200, { id: 'cred-1', secret, expiresAt: '2026-04-01T08:00:00.000Z' }),
  );
  let refusal = false;
  platform.routes.set('/v1/auth/desk-session', () =>
    refusal
      ? answer(401, { error: { code: 'auth.deskCredentialInvalid', message: 'no' } })
      : answer(200, {
          accessToken: 'access-desk',
          refreshToken: 'refresh-desk',
          expiresIn: 900,
          staff: fakeAccount.staff,
          organisation: fakeAccount.organisation,
        }),
  );
  const storage = memoryStorage();
  const verifiers = new VerifierStore(storage);
  const controller = new SessionController({
    platformUrl: 'http://platform.test',
    verifiers,
    verifierIterations: minIterations,
    deskId,
    reconnectBackoff: { initialMs: 20, maxMs: 60 },
    createClient: (options) => new PlatformClient({ ...options, fetch: platform.fetch }),
  });
  return { platform, storage, verifiers, controller, refuse: () => (refusal = true) };
}

const isOnline = (controller: SessionController) =>
  controller.state.status === 'active' && controller.state.session.online;
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await settle(10);
  }
}

/** Signs in online once (the desk keeps the sealed credential), signs out, goes offline, signs in. */
async function offlineSession(desk: ReturnType<typeof setup>) {
  await desk.controller.signIn(username, password);
  await desk.controller.signOut();
  desk.platform.offline = true;
  await desk.controller.signIn(username, password);
  expect(desk.controller.state).toMatchObject({ status: 'active', session: { online: false } });
}

describe('an offline session finding its way back', () => {
  it('turns online by itself with the desk credential once the platform answers', async () => {
    const desk = setup();
    await offlineSession(desk);
    // Sealed: neither the secret nor the password is in the desk's storage.
    expect(desk.storage.dump()).not.toContain(secret);
    expect(desk.storage.dump()).not.toContain(password);
    await settle(100);
    expect(isOnline(desk.controller)).toBe(false);

    desk.platform.offline = false;
    await until(() => isOnline(desk.controller));
    const exchange = desk.platform.seen.filter((r) => r.path === '/v1/auth/desk-session').at(-1);
    expect(exchange?.body).toEqual({ secret, staffId: fakeAccount.staff.id, deskId });
    // The password went only with the sign-ins (online, then the try that found it offline).
    expect(desk.platform.count('/v1/auth/login')).toBe(2); // online, then the failed try offline
    expect(desk.platform.seen.filter((r) => JSON.stringify(r.body ?? '').includes(password))).toHaveLength(2);
    expect(desk.controller.state).toMatchObject({
      status: 'active',
      session: { online: true, staff: fakeAccount.staff, username: 'reg01' },
    });
  });

  it('drops a refused credential and stops; the password still reconnects', async () => {
    const desk = setup();
    await offlineSession(desk);
    desk.refuse();
    desk.platform.offline = false;
    await until(() => desk.platform.count('/v1/auth/desk-session') === 1);
    await settle(200);
    expect(desk.platform.count('/v1/auth/desk-session')).toBe(1);
    expect(isOnline(desk.controller)).toBe(false);
    expect(desk.verifiers.get(username)?.deskCredential).toBeUndefined();
    // The verifier itself stays: offline sign-in still works, and 连接平台 with the password.
    await desk.controller.reconnect(password);
    expect(isOnline(desk.controller)).toBe(true);
  });

  it('keeps its sealed credential, without an error, when the platform issues none to this session', async () => {
    const desk = setup();
    await desk.controller.signIn(username, password);
    await desk.controller.signOut();
    desk.platform.routes.set('/v1/auth/desk-credentials', () =>
      answer(403, { error: { code: 'auth.deskCredentialNeedsPassword', message: 'no' } }),
    );
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await desk.controller.signIn(username, password);
      expect(isOnline(desk.controller)).toBe(true);
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
    await desk.controller.signOut();
    // The credential sealed at the first sign-in still brings the desk back by itself.
    desk.platform.offline = true;
    await desk.controller.signIn(username, password);
    desk.platform.offline = false;
    await until(() => isOnline(desk.controller));
    const exchange = desk.platform.seen.filter((r) => r.path === '/v1/auth/desk-session').at(-1);
    expect(exchange?.body).toEqual({ secret, staffId: fakeAccount.staff.id, deskId });
  });

  it('stops trying when the desk is locked', async () => {
    const desk = setup();
    await offlineSession(desk);
    desk.controller.lock('manual');
    await settle(50);
    const tries = desk.platform.count('/v1/auth/desk-session');
    desk.platform.offline = false;
    await settle(200);
    expect(desk.platform.count('/v1/auth/desk-session')).toBe(tries);
    expect(desk.controller.state.status).toBe('locked');
  });
});

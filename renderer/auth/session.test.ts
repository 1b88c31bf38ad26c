import { describe, expect, it } from 'vitest';
import { PlatformClient } from '../platform/client';
import { fakeAccount, FakePlatform } from '../platform/testing';
import { memoryStorage } from './memoryStorage';
import { deskIdOf, SessionController, SignInError, type SessionState } from './session';
import { minIterations, VerifierStore } from './verifier';

const { username, password } = fakeAccount;

function setup({ platformUrl = 'http://platform.test' as string | null } = {}) {
  const platform = new FakePlatform();
  const storage = memoryStorage();
  const clock = { now: new Date('2026-03-02T08:00:00.000Z') };
  const verifiers = new VerifierStore(storage, () => clock.now);
  const controller = new SessionController({
    platformUrl,
    verifiers,
    verifierIterations: minIterations,
    now: () => clock.now,
    createClient: (options) => new PlatformClient({ ...options, fetch: platform.fetch }),
  });
  const states: SessionState['status'][] = [];
  controller.subscribe((state) => states.push(state.status));
  return { platform, storage, verifiers, controller, states, clock };
}

const active = (controller: SessionController) => {
  const { state } = controller;
  if (state.status !== 'active') throw new Error(`expected an active session, not ${state.status}`);
  return state.session;
};

async function failure(promise: Promise<unknown>): Promise<SignInError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SignInError);
  return error as SignInError;
}

describe('SessionController', () => {
  it('signs in online, maps the staff member to the operator, and stores a verifier', async () => {
    const { controller, storage } = setup();
    await controller.signIn(' REG01 ', password);
    const session = active(controller);
    expect(session).toMatchObject({
      username: 'reg01',
      online: true,
      organisation: fakeAccount.organisation,
      operator: { id: 'staff-reg01', name: '王丽华', role: 'registrar', orgId: 'org-chc-demo' },
    });
    expect(session.client?.signedIn).toBe(true);
    const stored = storage.dump();
    expect(stored).toContain('staff-reg01');
    expect(stored).not.toContain(password);
    expect(stored).not.toContain('access-');
    expect(stored).not.toContain('refresh-');
  });

  it("passes the platform's refusals on with their codes", async () => {
    const { controller, platform } = setup();
    expect(await failure(controller.signIn(username, 'wrong'))).toMatchObject({
      code: 'auth.invalidCredentials',
    });
    platform.loginError = { status: 423, code: 'auth.locked', retryAfterSeconds: 600 };
    expect(await failure(controller.signIn(username, password))).toMatchObject({
      code: 'auth.locked',
      retryAfterSeconds: 600,
    });
    platform.loginError = { status: 429, code: 'request.rateLimited', retryAfterSeconds: 30 };
    expect(await failure(controller.signIn(username, password))).toMatchObject({
      code: 'request.rateLimited',
    });
    platform.loginError = { status: 426, code: 'client.outdated' };
    expect(await failure(controller.signIn(username, password))).toMatchObject({ code: 'client.outdated' });
    expect(controller.state.status).toBe('signedOut');
  });

  it('signs in offline with the verifier of an earlier online sign-in', async () => {
    const { controller, platform } = setup();
    platform.offline = true;
    expect(await failure(controller.signIn(username, password))).toMatchObject({
      code: 'offline.noVerifier',
    });

    platform.offline = false;
    await controller.signIn(username, password);
    await controller.signOut();
    platform.offline = true;
    expect(await failure(controller.signIn(username, 'wrong'))).toMatchObject({
      code: 'offline.wrongPassword',
    });
    await controller.signIn(username, password);
    const session = active(controller);
    expect(session).toMatchObject({ online: false, client: null, operator: { name: '王丽华' } });
  });

  it('signs in only offline when no platform is configured', async () => {
    const { controller } = setup({ platformUrl: null });
    expect(await failure(controller.signIn(username, password))).toMatchObject({
      code: 'platform.notConfigured',
    });
  });

  it('locks: drops the session and its tokens, revokes them, keeps who it was', async () => {
    const { controller, platform } = setup();
    await controller.signIn(username, password);
    const { client } = active(controller);
    controller.lock('idle');
    expect(controller.state).toEqual({
      status: 'locked',
      reason: 'idle',
      profile: { username: 'reg01', staff: fakeAccount.staff, organisation: fakeAccount.organisation },
    });
    expect(client?.signedIn).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(platform.count('/v1/auth/logout')).toBe(1);
  });

  it('unlocks with the password checked locally, then signs in online again', async () => {
    const { controller, platform } = setup();
    await controller.signIn(username, password);
    controller.lock();
    const logins = platform.count('/v1/auth/login');
    expect(await failure(controller.unlock('wrong'))).toMatchObject({ code: 'unlock.wrongPassword' });
    // A wrong password never reaches the platform.
    expect(platform.count('/v1/auth/login')).toBe(logins);
    await controller.unlock(password);
    expect(active(controller)).toMatchObject({ online: true });
    expect(platform.count('/v1/auth/login')).toBe(logins + 1);
  });

  it('unlocks offline when the platform cannot be reached', async () => {
    const { controller, platform } = setup();
    await controller.signIn(username, password);
    controller.lock();
    platform.offline = true;
    await controller.unlock(password);
    expect(active(controller)).toMatchObject({ online: false, client: null });
  });

  it('stays locked when the platform no longer takes the password, and forgets the stale verifier', async () => {
    const { controller, platform, verifiers } = setup();
    await controller.signIn(username, password);
    controller.lock();
    platform.accounts[0] = { ...fakeAccount, password: 'Changed@2026' };
    expect(await failure(controller.unlock(password))).toMatchObject({ code: 'unlock.passwordChanged' });
    expect(controller.state.status).toBe('locked');
    expect(verifiers.get(username)).toBeUndefined();
  });

  it('signs out: revokes the refresh token and forgets the session', async () => {
    const { controller, platform, states } = setup();
    await controller.signIn(username, password);
    const { client } = active(controller);
    await controller.signOut();
    expect(controller.state).toEqual({ status: 'signedOut' });
    expect(client?.signedIn).toBe(false);
    expect(platform.count('/v1/auth/logout')).toBe(1);
    expect(states).toEqual(['active', 'signedOut']);
  });

  it('locks when the platform ends the session (refresh refused)', async () => {
    const { controller, platform } = setup();
    platform.routes.set('/v1/data/x', () => Response.json({ ok: true }));
    await controller.signIn(username, password);
    platform.expireAccessTokens();
    platform.revokeRefreshTokens();
    await expect(active(controller).client!.request('/v1/data/x')).rejects.toMatchObject({
      code: 'auth.refreshInvalid',
    });
    expect(controller.state).toMatchObject({ status: 'locked', reason: 'sessionEnded' });
  });

  it('follows a role change that a refresh brings, keeping the same client', async () => {
    const { controller, platform } = setup();
    platform.routes.set('/v1/data/x', () => Response.json({ ok: true }));
    await controller.signIn(username, password);
    const before = active(controller);
    platform.accounts[0] = { ...fakeAccount, staff: { ...fakeAccount.staff, role: 'nurse' } };
    platform.expireAccessTokens();
    await before.client!.request('/v1/data/x');
    const after = active(controller);
    expect(after.operator.role).toBe('nurse');
    expect(after.client).toBe(before.client);
  });

  it('reconnects an offline session once the platform answers', async () => {
    const { controller, platform } = setup();
    await controller.signIn(username, password);
    await controller.signOut();
    platform.offline = true;
    await controller.signIn(username, password);
    expect(await failure(controller.reconnect(password))).toMatchObject({ code: 'network.offline' });
    platform.offline = false;
    expect(await failure(controller.reconnect('wrong'))).toMatchObject({ code: 'auth.invalidCredentials' });
    await controller.reconnect(password);
    expect(active(controller)).toMatchObject({ online: true });
  });

  describe('password confirmation before signing', () => {
    const later = (clock: { now: Date }, ms: number) => (clock.now = new Date(clock.now.getTime() + ms));

    it('remembers when the person signed in, by the desk clock, and forgets it on lock', async () => {
      const { controller, clock } = setup();
      expect(controller.confirmedAt).toBeNull();
      await controller.signIn(username, password);
      expect(controller.confirmedAt).toBe('2026-03-02T08:00:00.000Z');
      later(clock, 60_000);
      controller.lock();
      expect(controller.confirmedAt).toBeNull();
      await controller.unlock(password);
      expect(controller.confirmedAt).toBe('2026-03-02T08:01:00.000Z');
    });

    it('confirms offline against the verifier, refusing a wrong password without asking the platform', async () => {
      const { controller, platform, clock } = setup();
      await controller.signIn(username, password);
      platform.offline = true;
      later(clock, 10 * 60_000);
      const logins = platform.count('/v1/auth/login');
      expect(await failure(controller.confirmPassword('wrong'))).toMatchObject({
        code: 'unlock.wrongPassword',
      });
      expect(controller.confirmedAt).toBe('2026-03-02T08:00:00.000Z');
      expect(await controller.confirmPassword(password)).toEqual({
        staffId: 'staff-reg01',
        at: '2026-03-02T08:10:00.000Z',
      });
      expect(controller.confirmedAt).toBe('2026-03-02T08:10:00.000Z');
      expect(platform.count('/v1/auth/login')).toBe(logins);
    });

    it("counts wrong confirmations towards the lock screen's lockout", async () => {
      const { controller } = setup();
      await controller.signIn(username, password);
      for (let i = 0; i < 4; i++)
        expect(await failure(controller.confirmPassword('wrong'))).toMatchObject({
          code: 'unlock.wrongPassword',
        });
      expect(await failure(controller.confirmPassword('wrong'))).toMatchObject({ code: 'offline.locked' });
      expect(await failure(controller.confirmPassword(password))).toMatchObject({ code: 'offline.locked' });
    });

    it('asks the platform when the desk has no verifier any more', async () => {
      const { controller, verifiers } = setup();
      await controller.signIn(username, password);
      verifiers.remove(username);
      expect(await failure(controller.confirmPassword('wrong'))).toMatchObject({
        code: 'auth.invalidCredentials',
      });
      await controller.confirmPassword(password);
      expect(verifiers.get(username)).toBeDefined();
    });
  });
});

describe('the desk identity', () => {
  it('is made once per desk, kept in its storage, and is the id the desk signs in with', async () => {
    const storage = memoryStorage();
    const deskId = deskIdOf(storage);
    expect(deskId).toMatch(/^desk-[0-9a-f-]{36}$/);
    expect(deskIdOf(storage)).toBe(deskId);
    expect(deskIdOf(memoryStorage())).not.toBe(deskId);
    const platform = new FakePlatform();
    const controller = new SessionController({
      platformUrl: 'http://platform.test',
      verifiers: new VerifierStore(storage),
      verifierIterations: minIterations,
      deskId: deskIdOf(storage),
      createClient: (options) => new PlatformClient({ ...options, fetch: platform.fetch }),
    });
    // What the number store leases under (renderer/numbers/NumbersProvider.tsx).
    expect(controller.deskId).toBe(deskId);
    await controller.signIn(username, password);
    expect(platform.seen.find((r) => r.path === '/v1/auth/login')?.body).toMatchObject({ deskId });
  });
});

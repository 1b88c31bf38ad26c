/**
 * Lock on reload: what the tab keeps across a reload (who, never a secret), that a reloaded page
 * opens locked for that person and only their password unlocks it, and that anything but a reload
 * of the same tab starts at the full sign-in.
 */
import { describe, expect, it } from 'vitest';
import { PlatformClient } from '../platform/client';
import { fakeAccount, FakePlatform, type FakeAccount } from '../platform/testing';
import { memoryStorage } from './memoryStorage';
import { pageWasReloaded, ReloadLock } from './reloadLock';
import { SessionController, SignInError } from './session';
import { minIterations, VerifierStore } from './verifier';

const doctor: FakeAccount = {
  username: 'doc01',
  password: 'Doctor@2026',
  staff: { id: 'staff-doc01', displayName: '张建国', role: 'doctor' },
  organisation: fakeAccount.organisation,
};
const deskId = 'desk-test-0001';
const secret = 'S'.repeat(43);
const markKey = 'clinicdesk.auth.reloadLock';

const answer = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * One desk (its localStorage survives everything) with one browser tab (its sessionStorage
 * survives a reload of that tab only). `load` is a page load: a fresh controller, as main.tsx makes.
 */
function desk() {
  const platform = new FakePlatform([fakeAccount, doctor]);
  platform.routes.set('/v1/auth/desk-credentials', () =>
    answer(200, { id: 'cred-1', secret, expiresAt: '2026-04-01T08:00:00.000Z' }),
  );
  platform.routes.set('/v1/auth/desk-session', () =>
    answer(200, {
      accessToken: 'access-desk',
      refreshToken: 'refresh-desk',
      expiresIn: 900,
      staff: fakeAccount.staff,
      organisation: fakeAccount.organisation,
    }),
  );
  const local = memoryStorage();
  const tab = memoryStorage();
  const load = ({ reloaded }: { reloaded: boolean }) =>
    new SessionController({
      platformUrl: 'http://platform.test',
      verifiers: new VerifierStore(local),
      verifierIterations: minIterations,
      deskId,
      reconnectBackoff: { initialMs: 20, maxMs: 60 },
      createClient: (options) => new PlatformClient({ ...options, fetch: platform.fetch }),
      reloadLock: new ReloadLock(tab, reloaded),
    });
  return { platform, local, tab, load };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SignInError);
  return (error as SignInError).code;
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await settle(10);
  }
}

describe('lock on reload', () => {
  it('keeps in the tab only who is signed in: no password, no token, no credential', async () => {
    const { load, tab } = desk();
    const page = load({ reloaded: false });
    await page.signIn(fakeAccount.username, fakeAccount.password);
    expect(JSON.parse(tab.getItem(markKey)!)).toEqual({
      version: 1,
      username: 'reg01',
      staffId: 'staff-reg01',
      orgId: 'org-chc-demo',
    });
    const kept = tab.dump();
    for (const secretPart of [fakeAccount.password, 'access-', 'refresh-', secret])
      expect(kept).not.toContain(secretPart);

    // Locking keeps the mark; signing out removes it.
    page.lock('idle');
    expect(tab.getItem(markKey)).not.toBeNull();
    await page.signOut();
    expect(tab.dump()).toBe('{}');
  }, 30_000);

  it('a reloaded page opens locked for that person; only their password unlocks, online again', async () => {
    const { load, platform } = desk();
    const before = load({ reloaded: false });
    await before.signIn(doctor.username, doctor.password); // another user of this desk, with a verifier
    await before.signOut();
    await before.signIn(fakeAccount.username, fakeAccount.password);

    const page = load({ reloaded: true });
    expect(page.state).toEqual({
      status: 'locked',
      reason: 'reload',
      profile: { username: 'reg01', staff: fakeAccount.staff, organisation: fakeAccount.organisation },
    });
    expect(await refusal(page.unlock('wrong'))).toBe('unlock.wrongPassword');
    // The other user's own password opens nothing here.
    expect(await refusal(page.unlock(doctor.password))).toBe('unlock.wrongPassword');
    expect(page.state.status).toBe('locked');

    const logins = platform.count('/v1/auth/login');
    await page.unlock(fakeAccount.password);
    expect(page.state).toMatchObject({
      status: 'active',
      session: { username: 'reg01', online: true, operator: { id: 'staff-reg01' } },
    });
    expect(platform.count('/v1/auth/login')).toBe(logins + 1);
  }, 60_000);

  it('unlocked while the platform cannot be reached, the session reconnects with the desk credential', async () => {
    const { load, platform } = desk();
    await load({ reloaded: false }).signIn(fakeAccount.username, fakeAccount.password);
    platform.offline = true;
    const page = load({ reloaded: true });
    await page.unlock(fakeAccount.password);
    expect(page.state).toMatchObject({ status: 'active', session: { online: false } });
    platform.offline = false;
    await until(() => page.state.status === 'active' && page.state.session.online);
    expect(platform.count('/v1/auth/desk-session')).toBeGreaterThanOrEqual(1);
  }, 30_000);

  it('anything but a reload of the same tab starts at the full sign-in', async () => {
    const { load, tab, platform } = desk();
    await load({ reloaded: false }).signIn(fakeAccount.username, fakeAccount.password);

    // A new tab: its own, empty sessionStorage.
    const newTab = new SessionController({
      platformUrl: 'http://platform.test',
      verifiers: new VerifierStore(memoryStorage()),
      reloadLock: new ReloadLock(memoryStorage(), true),
      createClient: (options) => new PlatformClient({ ...options, fetch: platform.fetch }),
    });
    expect(newTab.state.status).toBe('signedOut');

    // The same tab loaded by anything but a reload (address typed, tab restored): the mark goes.
    expect(load({ reloaded: false }).state.status).toBe('signedOut');
    expect(tab.getItem(markKey)).toBeNull();
    expect(load({ reloaded: true }).state.status).toBe('signedOut');
  }, 30_000);

  it('a signed-out tab and a locked one reload as they were', async () => {
    const { load } = desk();
    const page = load({ reloaded: false });
    await page.signIn(fakeAccount.username, fakeAccount.password);
    await page.signOut();
    expect(load({ reloaded: true }).state.status).toBe('signedOut');

    const again = load({ reloaded: false });
    await again.signIn(fakeAccount.username, fakeAccount.password);
    again.lock('manual');
    expect(load({ reloaded: true }).state).toMatchObject({ status: 'locked', reason: 'reload' });
  }, 30_000);

  it('an edited mark unlocks nobody: it must match a verifier, and only that person’s password opens it', async () => {
    const { load, tab } = desk();
    const page = load({ reloaded: false });
    await page.signIn(doctor.username, doctor.password);
    await page.signOut();
    await page.signIn(fakeAccount.username, fakeAccount.password);
    const mark = JSON.parse(tab.getItem(markKey)!) as Record<string, unknown>;

    // Another staff member or organisation under the same username: no lock screen.
    for (const edit of [{ staffId: 'staff-doc01' }, { orgId: 'org-other' }, { username: 'nobody' }]) {
      tab.setItem(markKey, JSON.stringify({ ...mark, ...edit }));
      expect(load({ reloaded: true }).state.status).toBe('signedOut');
    }
    // Anything smuggled beside who (a token) or unreadable: no lock screen either.
    for (const raw of [JSON.stringify({ ...mark, accessToken: 'access-1' }), '{not json', '[]']) {
      tab.setItem(markKey, raw);
      expect(load({ reloaded: true }).state.status).toBe('signedOut');
    }

    // Pointed at the doctor, it shows the doctor's lock, which the registrar cannot open.
    tab.setItem(markKey, JSON.stringify({ ...mark, username: 'doc01', staffId: 'staff-doc01' }));
    const reloaded = load({ reloaded: true });
    expect(reloaded.state).toMatchObject({ status: 'locked', profile: { username: 'doc01' } });
    expect(await refusal(reloaded.unlock(fakeAccount.password))).toBe('unlock.wrongPassword');
    expect(reloaded.state.status).toBe('locked');
  }, 60_000);
});

describe('pageWasReloaded', () => {
  const timing = (type?: string) => ({
    getEntriesByType: () => (type ? [{ type }] : []) as unknown as PerformanceEntryList,
  });

  it('is true only for a load the browser reports as a reload', () => {
    expect(pageWasReloaded(timing('reload'))).toBe(true);
    for (const type of ['navigate', 'back_forward', 'prerender', undefined])
      expect(pageWasReloaded(timing(type))).toBe(false);
    expect(pageWasReloaded(undefined)).toBe(false);
  });
});

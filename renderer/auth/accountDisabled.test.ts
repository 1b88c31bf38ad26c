/**
 * The desk's side of ended sessions and sign-in throttles: an account an admin disabled is locked
 * out of the desk at its next refresh, stays locked, cannot sign in offline afterwards, and every
 * new refusal reads as a sentence in both languages.
 */
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultNamespace, namespaces, resources } from '../../shared/i18n/resources';
import { PlatformClient, PlatformError } from '../platform/client';
import { fakeAccount, FakePlatform } from '../platform/testing';
import { signInErrorText } from './errorText';
import { memoryStorage } from './memoryStorage';
import { SessionController, SignInError } from './session';
import { minIterations, VerifierStore } from './verifier';

const { username, password } = fakeAccount;
const disabled = { status: 403, code: 'auth.accountDisabled' };

function setup() {
  const platform = new FakePlatform();
  const verifiers = new VerifierStore(memoryStorage(), () => new Date('2026-03-02T08:00:00.000Z'));
  const controller = new SessionController({
    platformUrl: 'http://platform.test',
    verifiers,
    verifierIterations: minIterations,
    createClient: (options) => new PlatformClient({ ...options, fetch: platform.fetch }),
  });
  return { platform, controller };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );

describe('a disabled account at the desk', () => {
  it('locks the desk when a refresh says the account is disabled', async () => {
    const { platform, controller } = setup();
    platform.routes.set('/v1/data/x', () => Response.json({ ok: true }));
    await controller.signIn(username, password);
    if (controller.state.status !== 'active') throw new Error('not signed in');
    const { client } = controller.state.session;
    platform.expireAccessTokens();
    platform.refreshError = disabled;
    await expect(client!.request('/v1/data/x')).rejects.toMatchObject({ code: 'auth.accountDisabled' });
    expect(controller.state).toMatchObject({ status: 'locked', reason: 'sessionEnded' });
    expect(client!.signedIn).toBe(false);
  });

  it('keeps the desk locked at unlock, and then refuses an offline sign-in too', async () => {
    const { platform, controller } = setup();
    await controller.signIn(username, password);
    controller.lock();
    platform.loginError = disabled;
    expect(await failure(controller.unlock(password))).toMatchObject({ code: 'auth.accountDisabled' });
    expect(controller.state.status).toBe('locked');

    // The desk forgot what let the account sign in without the platform.
    await controller.signOut();
    platform.offline = true;
    expect(await failure(controller.signIn(username, password))).toMatchObject({
      code: 'offline.noVerifier',
    });
  });
});

describe('sign-in refusals on the desk', () => {
  const translators = {} as Record<'zh-CN' | 'en', TFunction<'auth'>>;
  beforeAll(async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      lng: 'zh-CN',
      fallbackLng: false,
      ns: [...namespaces],
      defaultNS: defaultNamespace,
      resources,
      interpolation: { escapeValue: false },
    });
    translators['zh-CN'] = i18n.getFixedT('zh-CN', 'auth');
    translators.en = i18n.getFixedT('en', 'auth');
  });

  it('says how long a throttled or refused address waits, and that an account is disabled', () => {
    const cases: [unknown, { 'zh-CN': string; en: string }][] = [
      [new SignInError('auth.throttled', 4), { 'zh-CN': '4 秒', en: '4 s' }],
      [new PlatformError(423, 'auth.addressLocked', 'x', 900), { 'zh-CN': '15 分钟', en: '15 min' }],
      [new SignInError('auth.accountDisabled'), { 'zh-CN': '停用', en: 'disabled' }],
    ];
    for (const [error, expected] of cases)
      for (const lng of ['zh-CN', 'en'] as const) {
        const text = signInErrorText(translators[lng], error);
        expect(text, lng).toContain(expected[lng]);
        expect(text, lng).not.toContain('auth.');
      }
  });
});
